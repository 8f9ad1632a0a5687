-- Reads of one channel over a long range (a year of 15-minute or hourly buckets, a year of
-- interval energy for daily totals) fetched one heap page per row: rows arrive time after time, so
-- a channel's rows lie on as many pages as it has rows (docs/benchmarks/queries.md: 35 000 page
-- reads, ~2 s, for a meter's year of intervals). Indexes that carry the columns those reads need
-- answer them from the index alone (index-only scans: a few hundred pages a year), on both paths.
-- Building them on a large database takes minutes and locks the tables being indexed.

-- the EnPI's daily totals and the overview's energy today read (channel, ts_end) ranges
DROP INDEX interval_energy_channel_end_idx;
CREATE INDEX interval_energy_channel_end_idx ON interval_energy (channel_id, ts_end)
    INCLUDE (ts_start, energy);

DO $$
DECLARE
    res record;
BEGIN
    IF (SELECT provider FROM storage_feature WHERE feature = 'rollups') = 'timescaledb' THEN
        -- an index on a continuous aggregate is made on its materialisation hypertable; it
        -- replaces the (channel_id, bucket DESC) index TimescaleDB made for the group column
        FOR res IN SELECT view_name, materialization_hypertable_schema AS s,
                          materialization_hypertable_name AS m
                     FROM timescaledb_information.continuous_aggregates
                    WHERE view_name IN ('reading_15m', 'reading_1h', 'energy_15m', 'energy_1h') LOOP
            EXECUTE format('DROP INDEX IF EXISTS %I.%I', res.s, res.m || '_channel_id_bucket_idx');
            EXECUTE format('CREATE INDEX %I ON %I (channel_id, bucket) INCLUDE (%s)',
                res.view_name || '_channel_bucket_idx', res.view_name,
                CASE WHEN res.view_name LIKE 'reading%'
                     THEN 'readings, value_min, value_max, value_sum'
                     ELSE 'energy, intervals' END);
        END LOOP;
    ELSE
        -- the service's tables: their key carries the columns (an update of a bucket is then no
        -- longer a heap-only update: a little more work per batch for reads of a year in ms)
        FOR res IN SELECT * FROM (VALUES ('reading_15m', 'readings, value_min, value_max, value_sum'),
                                         ('reading_1h', 'readings, value_min, value_max, value_sum'),
                                         ('energy_15m', 'energy, intervals'),
                                         ('energy_1h', 'energy, intervals')) AS r(t, cols) LOOP
            EXECUTE format('ALTER TABLE %I DROP CONSTRAINT %I, ADD PRIMARY KEY (channel_id, bucket)'
                || ' INCLUDE (%s)', res.t, res.t || '_pkey', res.cols);
        END LOOP;
    END IF;
END
$$;
