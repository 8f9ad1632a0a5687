-- Issue 16, reporting: the programme's reporting periods (half-years 2026-H1, years 2026) with
-- their deadlines, the enterprises' period reports and the reminders sent before a deadline
-- (docs/programme-reporting.md, "Reporting periods and period reports"). Every change is also in
-- the audit log (programme.period.*, programme.report.*).

CREATE TABLE programme_reporting_period (
    period_id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    label          text NOT NULL UNIQUE CHECK (label ~ '^[0-9]{4}(-H[12])?$'),
    period_from    date NOT NULL,
    period_to      date NOT NULL,
    deadline       date NOT NULL,
    -- a reminder goes to every enterprise that has not submitted this many days before the deadline
    reminder_days  int NOT NULL CHECK (reminder_days BETWEEN 0 AND 90),
    created_by     text NOT NULL,
    created_at     timestamptz NOT NULL,
    closed_by      text,
    closed_at      timestamptz,
    CHECK (period_to >= period_from),
    CHECK ((closed_by IS NULL) = (closed_at IS NULL))
);

-- One report per enterprise and period: a draft holds the enterprise's notes; a submitted one
-- holds the figures as they were pre-filled at submission (content), locked until a province
-- officer reopens it (with a reason, audited).
CREATE TABLE programme_period_report (
    period_id     bigint NOT NULL REFERENCES programme_reporting_period,
    enterprise_id bigint NOT NULL REFERENCES enterprise,
    notes         text NOT NULL DEFAULT '',
    status        text NOT NULL CHECK (status IN ('draft', 'submitted')),
    content       jsonb,
    submitted_by  text,
    submitted_at  timestamptz,
    reopened_by   text,
    reopened_at   timestamptz,
    reopen_reason text,
    updated_by    text NOT NULL,
    updated_at    timestamptz NOT NULL,
    PRIMARY KEY (period_id, enterprise_id),
    CHECK ((status = 'submitted') = (content IS NOT NULL AND submitted_at IS NOT NULL))
);

-- The reminders: one per period and enterprise. No mail library is on the build's dependency list
-- yet, so a reminder is recorded here (the outbox) and shown to the province's officers; a mailer
-- would send what is queued and set sent_at.
CREATE TABLE programme_reminder (
    reminder_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    period_id     bigint NOT NULL REFERENCES programme_reporting_period,
    enterprise_id bigint NOT NULL REFERENCES enterprise,
    recipient     text,
    subject       text NOT NULL,
    body          text NOT NULL,
    status        text NOT NULL CHECK (status IN ('queued', 'no_address', 'sent')),
    created_at    timestamptz NOT NULL,
    sent_at       timestamptz,
    UNIQUE (period_id, enterprise_id)
);
