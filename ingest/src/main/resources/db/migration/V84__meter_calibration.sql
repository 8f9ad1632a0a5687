-- Issue 15: calibration records of meters (docs/verification.md §1.5). Each record is a meter's
-- calibration by a laboratory on a day, with its certificate, the result, how long it is valid and
-- optionally the certificate itself (kept like an adjustment's attachment, with its SHA-256).
-- Recorded by the enterprise (or the platform's administrator); read by the enterprise and its
-- assigned auditors; listed per meter in the verification dossier. Append-only: a correction is a
-- new record naming the one it corrects (`corrects`), which stays, shown as corrected. Every record
-- is in the audit log too (calibration.record).

CREATE TABLE meter_calibration (
    calibration_id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    enterprise_id     bigint NOT NULL REFERENCES enterprise,
    meter_id          bigint NOT NULL REFERENCES meter,
    calibrated_on     date NOT NULL,
    valid_until       date,
    certificate       text NOT NULL CHECK (length(certificate) BETWEEN 1 AND 200),
    lab               text NOT NULL CHECK (length(lab) BETWEEN 1 AND 200),
    result            text NOT NULL CHECK (result IN ('passed', 'adjusted', 'failed')),
    note              text,
    corrects          bigint REFERENCES meter_calibration,
    attachment_name   text,
    attachment_type   text,
    attachment        bytea,
    attachment_sha256 text CHECK (attachment_sha256 ~ '^[0-9a-f]{64}$'),
    attachment_bytes  int,
    recorded_by       text NOT NULL,
    recorded_at       timestamptz NOT NULL,
    CHECK (valid_until IS NULL OR valid_until >= calibrated_on),
    CHECK ((attachment IS NULL) = (attachment_sha256 IS NULL)),
    CHECK (corrects IS NULL OR corrects < calibration_id)
);

CREATE INDEX meter_calibration_meter ON meter_calibration (meter_id, calibrated_on);
-- one correction per record: a second one corrects the correction
CREATE UNIQUE INDEX meter_calibration_corrects ON meter_calibration (corrects);

CREATE FUNCTION meter_calibration_is_append_only() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'meter_calibration is append-only: record a correction instead (corrects)';
END
$$;

CREATE TRIGGER meter_calibration_append_only
    BEFORE UPDATE OR DELETE ON meter_calibration
    FOR EACH ROW EXECUTE FUNCTION meter_calibration_is_append_only();
