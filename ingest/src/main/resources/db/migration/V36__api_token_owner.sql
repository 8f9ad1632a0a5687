-- Issue 11: an API token acts for the account that issued it; on every request its rights are its
-- own role and scope intersected with that account's current role, scope and state (a disabled or
-- removed account's tokens are refused). Tokens issued by a token belong to that token's account.
-- Null for tokens issued outside the API (tests, tools): they keep only their own rights.
ALTER TABLE api_token ADD COLUMN owner_user_id bigint REFERENCES app_user ON DELETE CASCADE;
CREATE INDEX api_token_owner_idx ON api_token (owner_user_id);

UPDATE api_token t SET owner_user_id = u.user_id FROM app_user u WHERE u.username = t.created_by;

-- tokens issued by a token: created_by is 'token:<id>:<name>'; follow the chain to an account
WITH RECURSIVE chain (token_id, owner_user_id) AS (
    SELECT token_id, owner_user_id FROM api_token WHERE owner_user_id IS NOT NULL
  UNION ALL
    SELECT t.token_id, c.owner_user_id
      FROM api_token t JOIN chain c ON t.created_by LIKE 'token:' || c.token_id || ':%'
     WHERE t.owner_user_id IS NULL
)
UPDATE api_token t SET owner_user_id = c.owner_user_id
  FROM chain c WHERE c.token_id = t.token_id AND t.owner_user_id IS NULL;
