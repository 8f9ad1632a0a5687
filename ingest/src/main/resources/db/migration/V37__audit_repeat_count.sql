-- Issue 11: refusals of anonymous callers from one client address within security.refusal_audit_window
-- are one row; repeat_count says how many it stands for (1 for every other entry).
ALTER TABLE audit_log ADD COLUMN repeat_count integer NOT NULL DEFAULT 1;
