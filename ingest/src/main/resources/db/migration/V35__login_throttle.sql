-- Issue 11: sign-in attempts counted in PostgreSQL, so that every instance sees the same counts and
-- the check and the count of an attempt are one atomic statement (an UPSERT ... RETURNING per
-- attempt, before the password is checked). One row per account name typed ('a:<name>') and per
-- client address ('ip:<address>'): attempts counted since window_start.
CREATE TABLE login_throttle (
    throttle_key  text PRIMARY KEY,
    window_start  timestamptz NOT NULL,
    attempts      integer NOT NULL
);
CREATE INDEX login_throttle_window_idx ON login_throttle (window_start);
