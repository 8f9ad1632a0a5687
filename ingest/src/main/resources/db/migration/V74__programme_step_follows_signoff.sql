-- Issue 16 with issue 15: an assigned auditor's period sign-off records the CP lifecycle's
-- "savings verified" step and the registry's saving by itself (docs/programme-reporting.md,
-- "Savings verified follows the sign-off"; programme.SignoffSteps, audited programme.step.auto).
--
-- signoff_id: the sign-off a "savings verified" step or a saving rests on (the sign-off names the
-- dossier's SHA-256); a later verifying sign-off of the same period moves the link to itself.
-- withdrawn_*: a later not_verified sign-off of the period withdraws the verification; the step
-- stays (the table is the history) and says when, by whom, by which sign-off and why.
ALTER TABLE programme_cp_step
    ADD COLUMN signoff_id           bigint REFERENCES period_signoff,
    ADD COLUMN withdrawn_on         date,
    ADD COLUMN withdrawn_by         text,
    ADD COLUMN withdrawn_signoff_id bigint REFERENCES period_signoff,
    ADD COLUMN withdrawn_reason     text;
ALTER TABLE programme_cp_step ADD CONSTRAINT programme_cp_step_signoff_check
    CHECK (signoff_id IS NULL OR stage = 'savings_verified');
ALTER TABLE programme_cp_step ADD CONSTRAINT programme_cp_step_withdrawn_check
    CHECK ((withdrawn_on IS NULL) = (withdrawn_by IS NULL)
           AND (withdrawn_on IS NULL OR stage = 'savings_verified'));

-- a saving whose figures a sign-off's period gave (NULL: recorded by hand through the API)
ALTER TABLE programme_saving ADD COLUMN signoff_id bigint REFERENCES period_signoff;
