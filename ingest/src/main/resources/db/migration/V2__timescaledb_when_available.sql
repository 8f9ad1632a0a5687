-- Turn reading into a hypertable when (and only when) the timescaledb extension is installed on the
-- server. On plain PostgreSQL the same tables and queries work unchanged.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb') THEN
        CREATE EXTENSION IF NOT EXISTS timescaledb;
        PERFORM create_hypertable('reading', 'ts', migrate_data => true, if_not_exists => true);
    END IF;
END
$$;
