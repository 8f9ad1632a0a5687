-- Cumulative counters -> interval energy (org.energytrace.ingest.counters).
--
-- channel.multiplier: register units -> energy before the first counter_event (CT ratio x scale).
-- channel.register_scale: published units per register step, so that 2^counter_bits x scale is
-- the register's range in published units (a wrap is told from a reset by it).
ALTER TABLE channel ADD COLUMN multiplier double precision NOT NULL DEFAULT 1 CHECK (multiplier > 0);
ALTER TABLE channel ADD COLUMN register_scale double precision NOT NULL DEFAULT 1
    CHECK (register_scale > 0);

-- Metadata recorded by operators: meter replacements (closing and opening readings) and CT-ratio
-- changes (the register reading at the change); each applies to readings after ts.
CREATE TABLE counter_event (
    event_id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    enterprise_id bigint NOT NULL REFERENCES enterprise,
    channel_id    bigint NOT NULL REFERENCES channel,
    ts            timestamptz NOT NULL,
    kind          text NOT NULL CHECK (kind IN ('replacement', 'multiplier_change')),
    closing_value double precision NOT NULL,
    opening_value double precision NOT NULL,
    multiplier    double precision NOT NULL CHECK (multiplier > 0),
    note          text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    UNIQUE (channel_id, ts)
);

-- Energy consumed in (ts_start, ts_end], derived from the counter; recomputed by the service when
-- late readings or new events arrive. how: difference, wrap, reset, event.
CREATE TABLE interval_energy (
    enterprise_id bigint NOT NULL,
    channel_id    bigint NOT NULL REFERENCES channel,
    ts_start      timestamptz NOT NULL,
    ts_end        timestamptz NOT NULL,
    energy        double precision NOT NULL CHECK (energy >= 0),
    how           text NOT NULL,
    PRIMARY KEY (channel_id, ts_end)
);
