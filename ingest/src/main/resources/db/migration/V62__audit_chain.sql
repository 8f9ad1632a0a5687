-- Issue 15, tamper evidence (docs/verification.md §4): the audit log as a hash chain. Every entry
-- written from now on carries chain_seq (1, 2, 3, ... without gaps), prev_hash (the previous
-- entry's hash; 64 zeros, AuditChain.GENESIS, before the first) and hash = SHA-256(prev_hash ||
-- JCS(entry)). audit_chain_head holds the newest seq and hash; appends lock it (FOR UPDATE) in
-- the writing transaction, so concurrent writers, of one instance or of several, follow each other.
--
-- Entries written before this migration are not chained (chain_seq null): the chain starts here,
-- at the genesis, and unchained_through records the last unchained id, so an entry inserted later
-- without a chain position is named by the check. repeat_count and repeat_note (how many more
-- identical refusals an aggregated entry stands for, audit.RefusalAudit) are counters updated after
-- the entry is written and are not part of the chained entry.
ALTER TABLE audit_log ADD COLUMN chain_seq bigint UNIQUE;
ALTER TABLE audit_log ADD COLUMN prev_hash text;
ALTER TABLE audit_log ADD COLUMN hash text;
ALTER TABLE audit_log ADD COLUMN repeat_note text;

CREATE TABLE audit_chain_head (
    one               boolean PRIMARY KEY DEFAULT true CHECK (one),
    seq               bigint NOT NULL,
    hash              text NOT NULL,
    unchained_through bigint NOT NULL,
    started_at        timestamptz NOT NULL
);
INSERT INTO audit_chain_head (seq, hash, unchained_through, started_at)
SELECT 0, repeat('0', 64), coalesce(max(audit_id), 0), now() FROM audit_log;
