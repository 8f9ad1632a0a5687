-- Readings without a per-row foreign key to channel (issue 19).
--
-- The foreign key reading.channel_id REFERENCES channel cost a lookup and a row lock on channel for
-- every stored reading: COPY into reading ran 2.4 times faster without it (docs/benchmarks/ingest.md).
-- Ingest takes its channel ids from the registry, and the same integrity is kept two other ways:
--
-- 1. a channel that has readings cannot be deleted, truncated or given another id: the trigger
--    below refuses it with the foreign key's own error code (23503), as the foreign key did;
-- 2. a transaction that stores readings first locks their channels, once per channel and batch
--    (SELECT ... FROM channel WHERE channel_id = ANY(...) FOR KEY SHARE, as the foreign key's
--    check did per row): a concurrent DELETE of such a channel waits for that commit and is then
--    refused by the trigger, and a channel deleted before is found missing, so ingest resolves the
--    points again instead of storing them under a deleted id (store.PgIngestStore,
--    ChannelGuardIT). Whoever else writes readings must lock their channels the same way.
--
-- The trigger's check runs with a fresh snapshot per statement only under READ COMMITTED, so it
-- refuses deletions at stricter isolation levels, where it could miss readings committed
-- meanwhile.
ALTER TABLE reading DROP CONSTRAINT IF EXISTS reading_channel_id_fkey;

CREATE FUNCTION channel_keeps_its_readings() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        IF EXISTS (SELECT 1 FROM reading) THEN
            RAISE EXCEPTION 'channel cannot be truncated while readings exist'
                USING ERRCODE = 'foreign_key_violation',
                      HINT = 'delete the readings first';
        END IF;
        RETURN NULL;
    END IF;
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
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$$;

CREATE TRIGGER channel_keeps_its_readings
    BEFORE DELETE OR UPDATE OF channel_id ON channel
    FOR EACH ROW EXECUTE FUNCTION channel_keeps_its_readings();

CREATE TRIGGER channel_keeps_its_readings_truncate
    BEFORE TRUNCATE ON channel
    FOR EACH STATEMENT EXECUTE FUNCTION channel_keeps_its_readings();
