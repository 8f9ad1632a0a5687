-- Issue 16, programme administration: the province's targets of the CP programme indicators
-- (docs/programme-reporting.md, "Targets administration"). A set of every indicator's target in
-- force from a date until the next set's date; append-only: a change is a new row, so the table
-- is the history (a later row with the same date corrects the earlier one). Before the first set
-- (or with none) the bundled table of analytics applies. Every change is also in the audit log
-- (programme.targets.set).

CREATE TABLE programme_target_set (
    set_id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    effective_from    date NOT NULL,
    -- shares as fractions 0..1
    aware             double precision NOT NULL CHECK (aware BETWEEN 0 AND 1),
    applying          double precision NOT NULL CHECK (applying BETWEEN 0 AND 1),
    officers_trained  double precision NOT NULL CHECK (officers_trained BETWEEN 0 AND 1),
    -- savings per unit of product (fractions); the higher level above the lower
    saving_low        double precision NOT NULL CHECK (saving_low > 0 AND saving_low <= 1),
    saving_high       double precision NOT NULL CHECK (saving_high > 0 AND saving_high <= 1),
    set_by            text NOT NULL,
    set_at            timestamptz NOT NULL,
    reason            text NOT NULL CHECK (length(btrim(reason)) > 0),
    CHECK (saving_high > saving_low)
);

CREATE INDEX programme_target_set_effective ON programme_target_set (effective_from, set_id);
