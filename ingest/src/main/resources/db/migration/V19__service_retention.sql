-- Retention where TimescaleDB's policy is not available (plain PostgreSQL, the apache edition):
-- the service deletes raw readings older than 5 years itself (org.energytrace.ingest.store.Retention),
-- the same horizon as the TimescaleDB policy of V5. Rollups and interval energy are kept.
UPDATE storage_feature
   SET provider = 'service',
       detail = 'reading after 5 years, deleted hourly by the service (rollups and interval energy kept)'
 WHERE feature = 'retention' AND provider = 'none';
