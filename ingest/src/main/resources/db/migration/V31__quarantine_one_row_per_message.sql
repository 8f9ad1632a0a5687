-- Issue 11: one quarantine row per message, however often it arrives.
--
-- A message the broker redelivers (ingest restarted or reconnected before acknowledging it) or its
-- gateway replays is the same message: it is found by message_key = SHA-256 of the topic (UTF-8),
-- one zero byte and the raw payload, and counted in occurrences/last_received_at instead of being
-- stored again. The topic names enterprise, site and gateway, which the broker's ACL ties to the
-- gateway's account, so the key includes the sender's identity.
--
-- A payload refused for its size (over ingest.max_payload_bytes) is kept as a bounded prefix:
-- payload then holds the prefix, payload_truncated is true, payload_length and payload_sha256
-- describe the whole original payload. The new columns stay nullable for rows written by other
-- means (a null length or hash describes payload itself).
ALTER TABLE quarantine ADD COLUMN message_key bytea;
ALTER TABLE quarantine ADD COLUMN payload_sha256 bytea;
ALTER TABLE quarantine ADD COLUMN payload_length integer;
ALTER TABLE quarantine ADD COLUMN payload_truncated boolean NOT NULL DEFAULT false;
ALTER TABLE quarantine ADD COLUMN occurrences integer NOT NULL DEFAULT 1;
ALTER TABLE quarantine ADD COLUMN last_received_at timestamptz;

UPDATE quarantine
   SET payload_sha256 = sha256(payload),
       payload_length = octet_length(payload),
       last_received_at = received_at;

-- rows written before: the oldest row of each message takes the key; later copies keep none and
-- stay listed as they were (a unique index treats NULLs as distinct)
UPDATE quarantine q
   SET message_key = sha256(convert_to(q.topic, 'UTF8') || '\x00'::bytea || q.payload)
 WHERE q.quarantine_id IN (
       SELECT min(quarantine_id) FROM quarantine GROUP BY topic, payload_sha256);

CREATE UNIQUE INDEX quarantine_message_key ON quarantine (message_key);
