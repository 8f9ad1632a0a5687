-- When an API token was last presented with a request that it authenticated, to the minute: the
-- tokens page shows it, so that an administrator sees which tokens are still in use and which
-- could be revoked. NULL: never used since this column exists.
ALTER TABLE api_token ADD COLUMN last_used_at timestamptz;
