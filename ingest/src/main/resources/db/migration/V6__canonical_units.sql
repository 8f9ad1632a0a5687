-- Units are normalised once, at the edge: values are stored in the canonical unit of their
-- quantity (energy KWH, reactive energy K3, power KWT, volume MTQ, mass KGM, pressure KPA; other
-- codes are their own canonical unit), see org.energytrace.ingest.validate.Units.
-- channel.unit is the canonical unit; channel.original_unit the unit the device publishes and
-- channel.unit_factor the factor from it (stored value = published value x unit_factor).
ALTER TABLE channel ADD COLUMN original_unit text;
ALTER TABLE channel ADD COLUMN unit_factor double precision NOT NULL DEFAULT 1
    CHECK (unit_factor > 0);
UPDATE channel SET original_unit = unit;
ALTER TABLE channel ALTER COLUMN original_unit SET NOT NULL;

-- Channels registered before in a non-canonical unit: convert them and what they stored.
-- (Same table as Units.CONVERTED.)
CREATE TEMPORARY TABLE unit_conversion (code text PRIMARY KEY, canonical text, factor float8)
    ON COMMIT DROP;
INSERT INTO unit_conversion VALUES
    ('WHR', 'KWH', 1e-3), ('MWH', 'KWH', 1e3), ('GWH', 'KWH', 1e6), ('KJ', 'KWH', 1 / 3600.0),
    ('3B', 'KWH', 1 / 3.6), ('GV', 'KWH', 1000 / 3.6), ('MAH', 'K3', 1e3),
    ('WTT', 'KWT', 1e-3), ('MAW', 'KWT', 1e3), ('LTR', 'MTQ', 1e-3), ('HLT', 'MTQ', 0.1),
    ('TNE', 'KGM', 1e3), ('BAR', 'KPA', 100), ('PAL', 'KPA', 1e-3);

UPDATE channel c SET unit = u.canonical, unit_factor = u.factor
    FROM unit_conversion u WHERE c.unit = u.code;
UPDATE reading r SET value = r.value * c.unit_factor
    FROM channel c WHERE c.channel_id = r.channel_id AND c.unit_factor <> 1;
UPDATE interval_energy i SET energy = i.energy * c.unit_factor
    FROM channel c WHERE c.channel_id = i.channel_id AND c.unit_factor <> 1;
UPDATE counter_event e SET closing_value = e.closing_value * c.unit_factor,
                           opening_value = e.opening_value * c.unit_factor
    FROM channel c WHERE c.channel_id = e.channel_id AND c.unit_factor <> 1;

-- Service-kept rollups of converted channels are rolled again (continuous aggregates see the
-- updates as invalidations and refresh themselves).
DO $$
DECLARE
    res record;
BEGIN
    IF (SELECT provider FROM storage_feature WHERE feature = 'rollups') = 'service' THEN
        FOR res IN SELECT * FROM (VALUES ('15m', '15 minutes'), ('1h', '1 hour'), ('1d', '1 day'))
                AS r(suffix, width) LOOP
            EXECUTE format('DELETE FROM reading_%s WHERE channel_id IN'
                || ' (SELECT channel_id FROM channel WHERE unit_factor <> 1)', res.suffix);
            EXECUTE format('DELETE FROM energy_%s WHERE channel_id IN'
                || ' (SELECT channel_id FROM channel WHERE unit_factor <> 1)', res.suffix);
            EXECUTE format(
                'INSERT INTO reading_%s SELECT r.enterprise_id, r.channel_id,'
                || ' date_bin(INTERVAL %L, r.ts, timestamptz ''2000-01-03 00:00:00+00''),'
                || ' count(*), min(r.value), max(r.value), sum(r.value) FROM reading r'
                || ' JOIN channel c ON c.channel_id = r.channel_id'
                || ' WHERE r.quality < 2 AND c.unit_factor <> 1 GROUP BY 1, 2, 3',
                res.suffix, res.width);
            EXECUTE format(
                'INSERT INTO energy_%s SELECT i.enterprise_id, i.channel_id,'
                || ' date_bin(INTERVAL %L, i.ts_start, timestamptz ''2000-01-03 00:00:00+00''),'
                || ' sum(i.energy), count(*) FROM interval_energy i'
                || ' JOIN channel c ON c.channel_id = i.channel_id'
                || ' WHERE c.unit_factor <> 1 GROUP BY 1, 2, 3', res.suffix, res.width);
        END LOOP;
    END IF;
END
$$;
