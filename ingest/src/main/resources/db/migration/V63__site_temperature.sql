-- Issue 15: a site's outdoor temperature for weather-normalised baselines (CDD/HDD with a stated
-- or fitted balance point, docs/mv-method.md "Weather in the API"). A site declares where its daily
-- mean temperature comes from: a gauge channel of one of its meters (°C readings, the mean of a
-- local day's good and uncertain readings) or daily means uploaded as CSV. Every change is in the
-- audit log too (temperature_source.put, temperature.upload).

CREATE TABLE site_temperature_source (
    site_id       bigint PRIMARY KEY REFERENCES site ON DELETE CASCADE,
    enterprise_id bigint NOT NULL REFERENCES enterprise,
    source        text NOT NULL CHECK (source IN ('channel', 'upload')),
    meter_id      bigint REFERENCES meter,
    channel       text,
    updated_by    text NOT NULL,
    updated_at    timestamptz NOT NULL,
    CHECK ((source = 'channel') = (meter_id IS NOT NULL AND channel IS NOT NULL))
);

-- Uploaded daily mean temperatures (°C) of a site; a later upload of a day replaces it (audited).
CREATE TABLE site_temperature_day (
    site_id       bigint NOT NULL REFERENCES site ON DELETE CASCADE,
    enterprise_id bigint NOT NULL REFERENCES enterprise,
    day           date NOT NULL,
    mean_c        double precision NOT NULL CHECK (mean_c BETWEEN -90 AND 70),
    uploaded_by   text NOT NULL,
    uploaded_at   timestamptz NOT NULL,
    PRIMARY KEY (site_id, day)
);
