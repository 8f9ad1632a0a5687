-- Issue 15, first slice: the baseline lifecycle with independent approval (docs/verification.md §1).
-- V60-V69 are the verification feature's migrations (docs/architecture.md).
--
--   draft -> submitted (the enterprise) -> approved | returned (an assigned auditor)
--   returned -> submitted (resubmitted after changes)
--   approved -> superseded (automatically, when a newer version of the EnPI's baseline is approved)
--
-- Who did what is also in the audit log (baseline.submit, .approve, .return, .supersede); the
-- columns keep the latest of each so a baseline answers for itself without reading the log.

ALTER TABLE enpi_baseline DROP CONSTRAINT enpi_baseline_status_check;
ALTER TABLE enpi_baseline ADD CONSTRAINT enpi_baseline_status_check
    CHECK (status IN ('draft', 'submitted', 'returned', 'approved', 'superseded'));

ALTER TABLE enpi_baseline ADD COLUMN submitted_by          text;
ALTER TABLE enpi_baseline ADD COLUMN submitted_at          timestamptz;
ALTER TABLE enpi_baseline ADD COLUMN submit_comment        text;
-- the approver's role when approving: 'auditor' from this migration on; baselines approved before
-- it keep 'approved' and get the role their approver's account has now, else 'unknown'
ALTER TABLE enpi_baseline ADD COLUMN approved_by_role      text;
ALTER TABLE enpi_baseline ADD COLUMN approval_opinion      text;
ALTER TABLE enpi_baseline ADD COLUMN returned_by           text;
ALTER TABLE enpi_baseline ADD COLUMN returned_at           timestamptz;
ALTER TABLE enpi_baseline ADD COLUMN return_comments       text;
ALTER TABLE enpi_baseline ADD COLUMN superseded_at         timestamptz;
ALTER TABLE enpi_baseline ADD COLUMN superseded_by_version int;

UPDATE enpi_baseline b
   SET approved_by_role = coalesce((SELECT u.role FROM app_user u WHERE u.username = b.approved_by),
                                   'unknown')
 WHERE b.status = 'approved';

ALTER TABLE enpi_baseline ADD CONSTRAINT enpi_baseline_lifecycle_check CHECK (
    (status <> 'submitted' OR submitted_at IS NOT NULL)
    AND (status <> 'approved' OR approved_at IS NOT NULL)
    AND (status <> 'returned' OR (returned_at IS NOT NULL AND return_comments IS NOT NULL))
    AND (status <> 'superseded' OR superseded_at IS NOT NULL));
