-- Issue 18: cleaner-production assessments of a site and their options. Migrations V90-V99 are this
-- feature's. The assessment's structured record (team, process steps with their inputs and
-- outputs, the 18 tasks' statuses, the focus step's balance, waste causes) is one jsonb document
-- checked by ingest.cp before it is stored; what officers search by has columns.
CREATE TABLE cp_assessment (
    assessment_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    enterprise_id bigint NOT NULL REFERENCES enterprise,
    site_id       bigint NOT NULL REFERENCES site,
    code          text NOT NULL,
    title         text NOT NULL,
    kind          text NOT NULL CHECK (kind IN ('rapid', 'detailed')),
    status        text NOT NULL CHECK (status IN ('in_progress', 'completed')),
    started_on    date,
    record        jsonb NOT NULL,
    updated_by    text NOT NULL,
    updated_at    timestamptz NOT NULL,
    UNIQUE (enterprise_id, code)
);

CREATE TABLE cp_option (
    option_id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    enterprise_id  bigint NOT NULL REFERENCES enterprise,
    assessment_id  bigint NOT NULL REFERENCES cp_assessment,
    code           text NOT NULL,
    type           text NOT NULL,
    description    text NOT NULL,
    investment     numeric NOT NULL CHECK (investment >= 0),
    money_saving   numeric NOT NULL CHECK (money_saving >= 0),
    savings        jsonb NOT NULL,
    feasibility    jsonb NOT NULL,
    decision       text CHECK (decision IN ('implement', 'later', 'rejected')),
    implemented_on date,
    enpi           text,
    measure_date   date,
    updated_by     text NOT NULL,
    updated_at     timestamptz NOT NULL,
    UNIQUE (assessment_id, code)
);

CREATE INDEX cp_option_type ON cp_option (type);
