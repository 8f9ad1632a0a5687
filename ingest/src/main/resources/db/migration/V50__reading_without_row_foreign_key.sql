-- Readings without a per-row foreign key to channel (issue 19).
--
-- The foreign key reading.channel_id REFERENCES channel cost a lookup and a row lock on channel for
-- every stored reading: COPY into reading ran 2.4 times faster without it (docs/benchmarks/ingest.md).
-- Ingest takes its channel ids from the registry, and the same integrity is kept another way:
--
-- 1. a channel that has readings cannot be deleted, truncated or given another id: the triggers
--    below refuse it with the foreign key's own error code (23503), as the foreign key did;
-- 2. a transaction that stores readings holds the shared advisory lock (0x45540002, 0) until it
--    ends, and a removal of channels takes the same lock exclusively before it touches a row: it
--    waits for the batches in flight to commit (and then sees their readings), and batches wait
--    for it;
-- 3. every removed channel advances the sequence channel_removals; a batch reads it under the
--    shared lock, and when it moved since the registry cache was filled, the cache is dropped and
--    the batch resolved again, so no reading is stored under the id of a channel deleted before.
--
-- store.PgIngestStore does 2 and 3 once per batch (one statement instead of a lookup and a lock per
-- reading); ChannelGuardIT proves the guard. Whoever else writes readings must do the same. A
-- transaction that deletes channels holds up ingest until it ends: keep it short.
--
-- The check for readings runs with a fresh snapshot per statement only under READ COMMITTED, so
-- removals are refused at stricter isolation levels, where it could miss readings committed
-- meanwhile.
ALTER TABLE reading DROP CONSTRAINT IF EXISTS reading_channel_id_fkey;

CREATE SEQUENCE channel_removals;

-- before any row is locked: wait for the batches in flight, hold new ones back
CREATE FUNCTION channel_removal_begins() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(1163132930, 0); -- 0x45540002: readings being written
    IF TG_OP = 'TRUNCATE' AND EXISTS (SELECT 1 FROM reading) THEN
        RAISE EXCEPTION 'channel cannot be truncated while readings exist'
            USING ERRCODE = 'foreign_key_violation',
                  HINT = 'delete the readings first';
    END IF;
    IF TG_OP = 'TRUNCATE' THEN
        PERFORM nextval('channel_removals');
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION channel_keeps_its_readings() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.channel_id = OLD.channel_id THEN
        RETURN NEW;
    END IF;
    IF current_setting('transaction_isolation') <> 'read committed' THEN
        RAISE EXCEPTION 'channel % can be deleted or renumbered only in a READ COMMITTED transaction',
            OLD.channel_id
            USING ERRCODE = 'foreign_key_violation',
                  HINT = 'readings committed after this transaction began would not be seen';
    END IF;
    IF EXISTS (SELECT 1 FROM reading WHERE channel_id = OLD.channel_id) THEN
        RAISE EXCEPTION 'channel % has readings and cannot be deleted or renumbered', OLD.channel_id
            USING ERRCODE = 'foreign_key_violation',
                  DETAIL = format('Key (channel_id)=(%s) is still referenced from table "reading".',
                                  OLD.channel_id),
                  HINT = 'delete its readings first';
    END IF;
    PERFORM nextval('channel_removals');
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$$;

CREATE TRIGGER channel_removal_begins
    BEFORE DELETE OR UPDATE OF channel_id OR TRUNCATE ON channel
    FOR EACH STATEMENT EXECUTE FUNCTION channel_removal_begins();

CREATE TRIGGER channel_keeps_its_readings
    BEFORE DELETE OR UPDATE OF channel_id ON channel
    FOR EACH ROW EXECUTE FUNCTION channel_keeps_its_readings();
