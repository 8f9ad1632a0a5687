-- Issue 15: non-routine adjustments (IPMVP static factors) of an EnPI's savings, proposed by the
-- enterprise and approved or rejected by an assigned auditor (docs/verification.md §1.2,
-- docs/mv-method.md "Non-routine adjustments"). Savings apply approved ones only. Every step is in
-- the audit log too (adjustment.propose, .approve, .reject).

CREATE TABLE nonroutine_adjustment (
    adjustment_id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    enterprise_id      bigint NOT NULL REFERENCES enterprise,
    enpi_id            bigint NOT NULL REFERENCES enpi,
    kind               text NOT NULL
        CHECK (kind IN ('new_line', 'product_mix', 'capacity', 'operating_hours', 'other')),
    period_from        date NOT NULL,
    period_to          date NOT NULL,
    -- analytics' savings.NonRoutineAdjustment.Kind: energy per day, energy over the whole period,
    -- or percent of the routine adjusted baseline
    method             text NOT NULL CHECK (method IN ('fixed_per_day', 'fixed_per_period', 'percentage')),
    value              double precision NOT NULL,
    std_error          double precision NOT NULL DEFAULT 0 CHECK (std_error >= 0),
    justification      text NOT NULL,
    attachment_name    text,
    attachment_type    text,
    attachment         bytea,
    attachment_sha256  text CHECK (attachment_sha256 ~ '^[0-9a-f]{64}$'),
    attachment_bytes   int,
    status             text NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'approved', 'rejected')),
    proposed_by        text NOT NULL,
    proposed_at        timestamptz NOT NULL,
    decided_by         text,
    decided_by_account text,
    decided_at         timestamptz,
    decision_comment   text,
    CHECK (period_to >= period_from),
    CHECK (method <> 'percentage' OR value > -100),
    CHECK ((attachment IS NULL) = (attachment_sha256 IS NULL)),
    CHECK (status = 'proposed' OR decided_at IS NOT NULL),
    CHECK (status <> 'rejected' OR decision_comment IS NOT NULL)
);

CREATE INDEX nonroutine_adjustment_enpi ON nonroutine_adjustment (enpi_id, period_from);
