-- Continuous aggregates that show the newest buckets right (issue 12), and the marks that keep
-- energy rollups right between a counter event and the refresh that follows it.
--
-- V5's refresh policies had end_offset NULL: every refresh materialised the bucket still filling,
-- and readings stored after it were not seen in that bucket until the next refresh (real-time
-- aggregation only reads raw rows above the watermark, the end of the newest materialised bucket).
-- Now each policy stops one bucket width before now (end_offset = width), so the bucket still
-- filling is always read from the raw rows. The aggregates are created again WITH NO DATA rather
-- than given a new policy: their newest buckets were materialised while filling and a watermark
-- never moves back, so they would stay wrong until the policy's window passed them (two days for
-- 1d). Until the first refresh everything is read from the raw rows (right, slower); the policy
-- (or, where TimescaleDB's scheduler fails, the service: store.StorageJobs) materialises them.
DO $$
DECLARE
    res record;
BEGIN
    IF (SELECT provider FROM storage_feature WHERE feature = 'rollups') = 'timescaledb' THEN
        -- the policies go first, before any lock on the aggregates is taken: a refresh the
        -- scheduler is running holds its job's lock and waits for the aggregate's, and dropping
        -- the aggregate first would deadlock with it (seen on a database created a moment before)
        FOR res IN SELECT * FROM (VALUES ('15m'), ('1h'), ('1d')) AS r(suffix) LOOP
            PERFORM remove_continuous_aggregate_policy('reading_' || res.suffix, if_exists => true);
            PERFORM remove_continuous_aggregate_policy('energy_' || res.suffix, if_exists => true);
        END LOOP;
        FOR res IN SELECT * FROM (VALUES ('15m', '15 minutes'), ('1h', '1 hour'), ('1d', '1 day'))
                AS r(suffix, width) LOOP
            EXECUTE format('DROP MATERIALIZED VIEW reading_%s', res.suffix);
            EXECUTE format('DROP MATERIALIZED VIEW energy_%s', res.suffix);
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
                start_offset => NULL, end_offset => res.width::interval,
                schedule_interval => INTERVAL '5 minutes');
            PERFORM add_continuous_aggregate_policy('energy_' || res.suffix,
                start_offset => NULL, end_offset => res.width::interval,
                schedule_interval => INTERVAL '5 minutes');
        END LOOP;
        UPDATE storage_feature
           SET detail = 'continuous aggregates read in real time; refresh policy every 5 minutes'
                        || ' up to one bucket before now'
         WHERE feature = 'rollups';
    END IF;
END
$$;

-- A counter event re-derives interval energy from its time on in its own transaction; continuous
-- aggregates cannot be refreshed inside a transaction. The same transaction marks the channel
-- here, reads of energy rollups take the marked channel's buckets from the raw intervals from the
-- mark on, and the mark is removed once the aggregates were refreshed over that range (at once
-- after the commit, or later by the service). Unused where the service keeps the rollups.
CREATE TABLE energy_rollup_pending (
    pending_id  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    channel_id  bigint NOT NULL REFERENCES channel,
    since       timestamptz NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX energy_rollup_pending_channel_idx ON energy_rollup_pending (channel_id, since);
