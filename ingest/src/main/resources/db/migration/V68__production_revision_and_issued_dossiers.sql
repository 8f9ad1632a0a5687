-- Issue 15: a production figure used by an approved baseline or a verified (signed-off) period
-- changes only by an audited revision (docs/verification.md §1.4): the old and new quantity, who,
-- when and why (a reason is required). The results it touches read as "to be re-verified" while
-- a revision is newer than their approval or sign-off. Every revision is in the audit log too
-- (production.revise).

CREATE TABLE production_revision (
    revision_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    enterprise_id bigint NOT NULL REFERENCES enterprise,
    product_id    bigint NOT NULL REFERENCES product,
    day           date NOT NULL,
    old_quantity  double precision NOT NULL,
    new_quantity  double precision NOT NULL,
    reason        text NOT NULL CHECK (length(btrim(reason)) > 0),
    -- what used the figure when it was revised, e.g. "baseline x/1; period x/1 2026-01-07..2026-01-12"
    used_by       text NOT NULL,
    revised_by    text NOT NULL,
    revised_at    timestamptz NOT NULL
);

CREATE INDEX production_revision_day ON production_revision (enterprise_id, day);

-- Issue 15: the SHA-256 of every verification dossier the server made (docs/verification.md §9.5),
-- per EnPI, baseline version and period. A period sign-off names one of these: a hash the server
-- never issued for that EnPI, baseline version and period is refused (409 naming dossier_sha256).
CREATE TABLE dossier_issued (
    issued_id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    enterprise_id    bigint NOT NULL REFERENCES enterprise,
    enpi_id          bigint NOT NULL REFERENCES enpi,
    baseline_version int NOT NULL,
    period_from      date NOT NULL,
    period_to        date NOT NULL,
    sha256           text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    lang             text NOT NULL,
    key_id           text NOT NULL,
    issued_by        text NOT NULL,
    issued_at        timestamptz NOT NULL,
    FOREIGN KEY (enpi_id, baseline_version) REFERENCES enpi_baseline (enpi_id, version)
);

CREATE INDEX dossier_issued_period ON dossier_issued (enpi_id, period_from, period_to, sha256);
