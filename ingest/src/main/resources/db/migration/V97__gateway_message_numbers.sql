-- The message numbers (seq) ingest received from each gateway, as ranges of consecutive numbers.
-- A gateway numbers its telemetry and production messages consecutively and publishes every
-- number at least once (docs/asyncapi.yaml), so a number missing between two ranges is a message
-- that has not arrived: still on its way (a backlog replayed after an outage) or lost between the
-- gateway and ingest (a broker dropping queued QoS 1 messages past its limit, which neither side
-- saw). Written in the batch's transaction, under the lock of the gateway's row; ranges that meet
-- are merged, so a gateway that lost nothing has one row. received_at: when the range's first
-- number arrived (a gap's age is that of the range above it).
CREATE TABLE gateway_message_range (
    gateway_id  bigint NOT NULL REFERENCES gateway ON DELETE CASCADE,
    lo          bigint NOT NULL,
    hi          bigint NOT NULL CHECK (hi >= lo),
    received_at timestamptz NOT NULL,
    PRIMARY KEY (gateway_id, lo)
);
