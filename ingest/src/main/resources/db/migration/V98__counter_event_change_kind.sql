-- Which kind of counter event (V4: a meter replacement or a multiplier change) a change of V96
-- recorded or deleted, so that a sign-off "to be re-verified" names it. Every change from this
-- version on has its kind. Before it, a change takes the kind of the event on record at the same
-- channel and time, unless an event there was ever deleted (the event on record now may be
-- another one); the kind of such changes stays NULL: not known.
ALTER TABLE counter_event_change
    ADD COLUMN kind text CHECK (kind IN ('replacement', 'multiplier_change'));

UPDATE counter_event_change c
   SET kind = e.kind
  FROM counter_event e
 WHERE e.channel_id = c.channel_id AND e.ts = c.event_ts
   AND NOT EXISTS (SELECT 1 FROM counter_event_change d
                    WHERE d.channel_id = c.channel_id AND d.event_ts = c.event_ts
                      AND d.change = 'deleted');
