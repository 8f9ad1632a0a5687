-- EnergyTrace ingest: core schema. Every table carries enterprise_id so every row is reachable from
-- an enterprise (tenant). Identifiers (code) are the ids used on the wire.

CREATE TABLE enterprise (
    enterprise_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code          text NOT NULL UNIQUE,
    created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE site (
    site_id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    enterprise_id bigint NOT NULL REFERENCES enterprise,
    code          text NOT NULL,
    time_zone     text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    UNIQUE (enterprise_id, code)
);

CREATE TABLE gateway (
    gateway_id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    enterprise_id bigint NOT NULL REFERENCES enterprise,
    site_id       bigint NOT NULL REFERENCES site,
    code          text NOT NULL,
    last_seen     timestamptz,
    last_seq      bigint,
    status        text CHECK (status IN ('online', 'offline')),
    status_at     timestamptz,
    status_reason text,
    software_version text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    UNIQUE (enterprise_id, code)
);

CREATE TABLE meter (
    meter_id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    enterprise_id bigint NOT NULL REFERENCES enterprise,
    site_id       bigint NOT NULL REFERENCES site,
    gateway_id    bigint REFERENCES gateway,
    code          text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    UNIQUE (enterprise_id, code)
);

CREATE TABLE channel (
    channel_id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    enterprise_id bigint NOT NULL REFERENCES enterprise,
    meter_id      bigint NOT NULL REFERENCES meter,
    name          text NOT NULL,
    unit          text NOT NULL,
    kind          text NOT NULL CHECK (kind IN ('gauge', 'counter')),
    counter_bits  smallint CHECK (counter_bits IN (16, 32, 48, 64)),
    created_at    timestamptz NOT NULL DEFAULT now(),
    UNIQUE (meter_id, name)
);

-- Raw readings, append-only (never updated). quality: 0 good, 1 uncertain, 2 bad.
-- The unique key absorbs replays (at-least-once delivery): INSERT ... ON CONFLICT DO NOTHING.
CREATE TABLE reading (
    enterprise_id bigint NOT NULL,
    channel_id    bigint NOT NULL REFERENCES channel,
    ts            timestamptz NOT NULL,
    value         double precision NOT NULL,
    quality       smallint NOT NULL CHECK (quality BETWEEN 0 AND 2),
    received_at   timestamptz NOT NULL,
    CONSTRAINT reading_channel_ts_key UNIQUE (channel_id, ts)
);

CREATE TABLE production_count (
    enterprise_id bigint NOT NULL REFERENCES enterprise,
    site_id       bigint NOT NULL REFERENCES site,
    line          text NOT NULL,
    product       text NOT NULL,
    ts            timestamptz NOT NULL,
    period_start  timestamptz,
    quantity      double precision NOT NULL,
    unit          text NOT NULL,
    cumulative    boolean NOT NULL,
    quality       smallint NOT NULL CHECK (quality BETWEEN 0 AND 2),
    received_at   timestamptz NOT NULL,
    CONSTRAINT production_count_key UNIQUE (enterprise_id, line, product, ts)
);

-- Everything refused, with the raw bytes and a reason naming what and where.
-- enterprise_id is null when the topic itself was unusable.
CREATE TABLE quarantine (
    quarantine_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    enterprise_id bigint,
    topic         text NOT NULL,
    payload       bytea NOT NULL,
    reason        text NOT NULL,
    received_at   timestamptz NOT NULL,
    status        text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'released', 'discarded'))
);
CREATE INDEX quarantine_received_at_idx ON quarantine (received_at DESC);
