-- Turn reading into a hypertable when TimescaleDB can be used here: the extension is in this
-- database already, or its files are installed on the server AND its library is loaded
-- (shared_preload_libraries; the loader then defines timescaledb.bgw_launcher_poll_time). A server
-- with the package installed but not preloaded ends any session that creates the extension with
-- FATAL 'extension "timescaledb" must be preloaded', so availability alone is not enough. A user
-- not allowed to create the extension gets the plain path too. On plain PostgreSQL the same tables
-- and queries work unchanged; storage_feature row 'edition' says which path and why (written at
-- every migrate by org.energytrace.ingest.store.Edition).
--
-- Rewritten (issue 12): the first version decided by pg_available_extensions alone. Databases it
-- migrated (recorded checksum 2012234842) get the checksum of this text recorded by
-- Database.migrate before Flyway validates: wherever the first version succeeded, this one does
-- the same (see docs/ingest.md, "Schema").
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb')
       OR (EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb')
           AND EXISTS (SELECT 1 FROM pg_settings WHERE name = 'timescaledb.bgw_launcher_poll_time'
                                                  AND context = 'postmaster')) THEN
        BEGIN
            CREATE EXTENSION IF NOT EXISTS timescaledb;
        EXCEPTION WHEN insufficient_privilege THEN
            RAISE WARNING 'timescaledb is loaded but % may not create the extension: plain tables',
                current_user;
            RETURN;
        END;
        PERFORM create_hypertable('reading', 'ts', migrate_data => true, if_not_exists => true);
    END IF;
END
$$;
