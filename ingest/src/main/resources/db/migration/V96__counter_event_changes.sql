-- A counter event (a meter replacement, a multiplier change) recorded or deleted changes the
-- interval energy derived from the channel's readings from the event's time on, without changing
-- a stored reading: the seals (V64) do not see it. Each change is kept here with its time, so a
-- period signed off on a dossier made before it is "to be re-verified" and a sign-off naming such
-- a dossier is refused (docs/verification.md §1.4). A deleted event leaves its row here.
CREATE TABLE counter_event_change (
    channel_id bigint NOT NULL REFERENCES channel,
    event_ts   timestamptz NOT NULL,
    change     text NOT NULL CHECK (change IN ('recorded', 'deleted')),
    changed_at timestamptz NOT NULL
);
CREATE INDEX counter_event_change_channel ON counter_event_change (channel_id, changed_at);

-- the events on record, as recorded when they were
INSERT INTO counter_event_change (channel_id, event_ts, change, changed_at)
SELECT channel_id, ts, 'recorded', created_at FROM counter_event;
