-- Registry policy per gateway and the quarantine re-process workflow.
--
-- auto_register_meters: a provisioned gateway may register new meters and channels on first sight
-- (ingest.auto_register = true still registers everything, for demos and trials).
ALTER TABLE gateway ADD COLUMN auto_register_meters boolean NOT NULL DEFAULT false;

-- Sites a gateway may publish for besides its own (gateway.site_id), e.g. one gateway reading the
-- meters of two neighbouring buildings registered as two sites.
CREATE TABLE gateway_site (
    gateway_id    bigint NOT NULL REFERENCES gateway,
    site_id       bigint NOT NULL REFERENCES site,
    enterprise_id bigint NOT NULL REFERENCES enterprise,
    PRIMARY KEY (gateway_id, site_id)
);

-- Re-processing: how often a quarantined message was tried again and when last.
ALTER TABLE quarantine ADD COLUMN attempts integer NOT NULL DEFAULT 0;
ALTER TABLE quarantine ADD COLUMN reprocessed_at timestamptz;
CREATE INDEX quarantine_status_idx ON quarantine (status, quarantine_id);
