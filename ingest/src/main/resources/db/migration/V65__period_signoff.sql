-- Issue 15: an assigned auditor signs off a reporting period of an EnPI against an approved
-- baseline version (docs/verification.md §1.2). A later sign-off of the same EnPI and period
-- supersedes the earlier one (superseded_by); nothing is deleted or changed otherwise, and every
-- sign-off is in the audit log (period.signoff) as well.

CREATE TABLE period_signoff (
    signoff_id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    enterprise_id     bigint NOT NULL REFERENCES enterprise,
    enpi_id           bigint NOT NULL REFERENCES enpi,
    baseline_version  int NOT NULL,
    period_from       date NOT NULL,
    period_to         date NOT NULL,
    opinion           text NOT NULL
        CHECK (opinion IN ('verified', 'verified_with_reservations', 'not_verified')),
    comments          text,
    -- the SHA-256 of the verification dossier (ZIP) the opinion refers to
    dossier_sha256    text NOT NULL CHECK (dossier_sha256 ~ '^[0-9a-f]{64}$'),
    signed_by         text NOT NULL,   -- the principal (audit actor)
    signed_by_account text NOT NULL,   -- the auditor's account, assigned at signed_at
    signed_at         timestamptz NOT NULL,
    superseded_by     bigint REFERENCES period_signoff,
    superseded_at     timestamptz,
    FOREIGN KEY (enpi_id, baseline_version) REFERENCES enpi_baseline (enpi_id, version),
    CHECK (period_to >= period_from),
    CHECK ((superseded_by IS NULL) = (superseded_at IS NULL)),
    CHECK (opinion = 'verified' OR comments IS NOT NULL)
);

-- the current sign-offs of an EnPI (one per period: the signing transaction locks the EnPI and
-- supersedes the earlier one)
CREATE INDEX period_signoff_current
    ON period_signoff (enpi_id, period_from, period_to) WHERE superseded_by IS NULL;
