-- Rollups of readings (gauge statistics) and of interval energy at 15 min, 1 h and 1 day, with
-- compression and retention where the database can do them. Buckets are aligned to UTC
-- (time_bucket's default origin 2000-01-03 00:00 UTC; date_bin with the same origin on plain
-- PostgreSQL, so both give the same bucket for every timestamp).
--
--   reading_15m | reading_1h | reading_1d  (enterprise_id, channel_id, bucket, readings,
--                                           value_min, value_max, value_sum)  quality < 2 only
--   energy_15m  | energy_1h  | energy_1d   (enterprise_id, channel_id, bucket, energy, intervals)
--                                           an interval is booked in the bucket of its start
--
-- TimescaleDB full edition (SHOW timescaledb.license = 'timescale'): continuous aggregates with
-- real-time aggregation (materialized_only = false) and refresh policies from the beginning of time
-- (start_offset NULL: only invalidated buckets are recomputed, so late data re-rolls its bucket),
-- compression of reading segmented by channel, a retention policy on raw readings.
-- Otherwise (plain PostgreSQL or the apache edition): tables of the same names and columns, kept by
-- the service in the write transaction (org.energytrace.ingest.store.Rollups). Which one applies
-- is recorded in storage_feature and read by the service at start.

CREATE TABLE storage_feature (
    feature  text PRIMARY KEY,
    provider text NOT NULL CHECK (provider IN ('timescaledb', 'service', 'none')),
    detail   text
);

-- interval_energy is bucketed by ts_start: as a hypertable on ts_start, every unique key must
-- contain it. Intervals of a channel never overlap, so (channel_id, ts_end) stays unique in fact.
ALTER TABLE interval_energy DROP CONSTRAINT interval_energy_pkey;
ALTER TABLE interval_energy ADD PRIMARY KEY (channel_id, ts_start, ts_end);
CREATE INDEX interval_energy_channel_end_idx ON interval_energy (channel_id, ts_end);

DO $$
DECLARE
    edition text := NULL;
    res     record;
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') THEN
        edition := current_setting('timescaledb.license', true);
        PERFORM create_hypertable('interval_energy', 'ts_start', migrate_data => true,
                                  if_not_exists => true);
    END IF;

    IF edition = 'timescale' THEN
        FOR res IN SELECT * FROM (VALUES ('15m', '15 minutes'), ('1h', '1 hour'), ('1d', '1 day'))
                AS r(suffix, width) LOOP
            EXECUTE format(
                'CREATE MATERIALIZED VIEW reading_%s'
                || ' WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS'
                || ' SELECT enterprise_id, channel_id, time_bucket(INTERVAL %L, ts) AS bucket,'
                || ' count(*) AS readings, min(value) AS value_min, max(value) AS value_max,'
                || ' sum(value) AS value_sum'
                || ' FROM reading WHERE quality < 2'
                || ' GROUP BY enterprise_id, channel_id, time_bucket(INTERVAL %L, ts)'
                || ' WITH NO DATA', res.suffix, res.width, res.width);
            EXECUTE format(
                'CREATE MATERIALIZED VIEW energy_%s'
                || ' WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS'
                || ' SELECT enterprise_id, channel_id, time_bucket(INTERVAL %L, ts_start) AS bucket,'
                || ' sum(energy) AS energy, count(*) AS intervals'
                || ' FROM interval_energy'
                || ' GROUP BY enterprise_id, channel_id, time_bucket(INTERVAL %L, ts_start)'
                || ' WITH NO DATA', res.suffix, res.width, res.width);
            PERFORM add_continuous_aggregate_policy('reading_' || res.suffix,
                start_offset => NULL, end_offset => NULL,
                schedule_interval => INTERVAL '5 minutes');
            PERFORM add_continuous_aggregate_policy('energy_' || res.suffix,
                start_offset => NULL, end_offset => NULL,
                schedule_interval => INTERVAL '5 minutes');
        END LOOP;
        ALTER TABLE reading SET (timescaledb.compress, timescaledb.compress_segmentby = 'channel_id',
                                 timescaledb.compress_orderby = 'ts');
        PERFORM add_compression_policy('reading', INTERVAL '30 days');
        -- raw readings are kept five years; rollups and interval energy are kept (not dropped)
        PERFORM add_retention_policy('reading', INTERVAL '5 years');
        INSERT INTO storage_feature VALUES
            ('rollups', 'timescaledb', 'continuous aggregates, refresh policy every 5 minutes'),
            ('compression', 'timescaledb', 'reading segmented by channel_id after 30 days'),
            ('retention', 'timescaledb', 'reading after 5 years');
    ELSE
        FOR res IN SELECT * FROM (VALUES ('15m'), ('1h'), ('1d')) AS r(suffix) LOOP
            EXECUTE format(
                'CREATE TABLE reading_%s (enterprise_id bigint NOT NULL,'
                || ' channel_id bigint NOT NULL, bucket timestamptz NOT NULL,'
                || ' readings bigint NOT NULL, value_min double precision,'
                || ' value_max double precision, value_sum double precision,'
                || ' PRIMARY KEY (channel_id, bucket))', res.suffix);
            EXECUTE format(
                'CREATE TABLE energy_%s (enterprise_id bigint NOT NULL,'
                || ' channel_id bigint NOT NULL, bucket timestamptz NOT NULL,'
                || ' energy double precision NOT NULL, intervals bigint NOT NULL,'
                || ' PRIMARY KEY (channel_id, bucket))', res.suffix);
        END LOOP;
        -- rows stored before this migration
        FOR res IN SELECT * FROM (VALUES ('15m', '15 minutes'), ('1h', '1 hour'), ('1d', '1 day'))
                AS r(suffix, width) LOOP
            EXECUTE format(
                'INSERT INTO reading_%s SELECT enterprise_id, channel_id,'
                || ' date_bin(INTERVAL %L, ts, timestamptz ''2000-01-03 00:00:00+00''),'
                || ' count(*), min(value), max(value), sum(value) FROM reading WHERE quality < 2'
                || ' GROUP BY 1, 2, 3', res.suffix, res.width);
            EXECUTE format(
                'INSERT INTO energy_%s SELECT enterprise_id, channel_id,'
                || ' date_bin(INTERVAL %L, ts_start, timestamptz ''2000-01-03 00:00:00+00''),'
                || ' sum(energy), count(*) FROM interval_energy GROUP BY 1, 2, 3',
                res.suffix, res.width);
        END LOOP;
        INSERT INTO storage_feature VALUES
            ('rollups', 'service', 'tables kept by the service in the write transaction'),
            ('compression', 'none', coalesce('timescaledb ' || edition || ' edition', 'PostgreSQL')
                                    || ' has no compression'),
            ('retention', 'none', 'raw readings are kept; delete old rows by hand if needed');
    END IF;
END
$$;
