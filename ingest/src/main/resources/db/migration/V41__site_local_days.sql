-- Days are the site's local calendar (issue 12; docs/architecture.md, "Days in the site's time
-- zone"): every site has an IANA zone, by default Asia/Ho_Chi_Minh (UTC+7). Sites without one
-- were counted in UTC days before; from now on in Vietnamese days (a day starts at 17:00 UTC the
-- day before). Baselines approved earlier keep the daily data they were fitted on.
UPDATE site SET time_zone = 'Asia/Ho_Chi_Minh' WHERE time_zone IS NULL;
ALTER TABLE site ALTER COLUMN time_zone SET DEFAULT 'Asia/Ho_Chi_Minh';
ALTER TABLE site ALTER COLUMN time_zone SET NOT NULL;

-- The UTC-day rollups go: a day is built at query time from the hourly (or 15-minute) rollup in the
-- site's zone. A day table holds one zone's days, and a continuous aggregate needs a constant zone.
DO $$
BEGIN
    IF (SELECT provider FROM storage_feature WHERE feature = 'rollups') = 'timescaledb' THEN
        -- policies first (see V40: dropping an aggregate whose job runs can deadlock)
        PERFORM remove_continuous_aggregate_policy('reading_1d', if_exists => true);
        PERFORM remove_continuous_aggregate_policy('energy_1d', if_exists => true);
        DROP MATERIALIZED VIEW reading_1d;
        DROP MATERIALIZED VIEW energy_1d;
    ELSE
        DROP TABLE reading_1d;
        DROP TABLE energy_1d;
    END IF;
END
$$;
