-- Issue 15 applied to issue 17's manual entries (docs/resources.md "Audited revisions"): a resource
-- entry used by an approved resource baseline (its day in the baseline's period, or a stock count
-- of the day before, which opens the first period) changes only by an audited revision: the old and
-- new value, who, when and why (a reason is required). The baseline reads as "to be re-verified"
-- while a revision of its period is newer than its approval. Every revision is in the audit log
-- too (resource.entry.revise).
CREATE TABLE resource_entry_revision (
    revision_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    enterprise_id bigint NOT NULL REFERENCES enterprise,
    resource_id   bigint NOT NULL REFERENCES resource,
    type          text NOT NULL,
    day           date NOT NULL,
    ref           text NOT NULL,
    old_quantity  double precision NOT NULL,
    old_unit      text NOT NULL,
    old_amount    numeric,
    old_currency  text,
    new_quantity  double precision NOT NULL,
    new_unit      text NOT NULL,
    new_amount    numeric,
    new_currency  text,
    reason        text NOT NULL CHECK (length(btrim(reason)) > 0),
    -- what used the entry when it was revised, e.g. "resource baseline coal/2 2026-01-05..2026-02-01"
    used_by       text NOT NULL,
    revised_by    text NOT NULL,
    revised_at    timestamptz NOT NULL
);

CREATE INDEX resource_entry_revision_day ON resource_entry_revision (resource_id, day);
