-- airm store, schema version 3 (alerting): the notification outbox.
--
-- One row per (channel, notification): a notification is written here before
-- any delivery is tried, so a receiver that is down, a crash or a kill -9
-- never loses it; the next run retries every 'pending' row. The UNIQUE key is
-- the idempotency rule: a notification already queued or delivered for that
-- channel (same episode, same state, same repeat) is never queued again.

CREATE TABLE alert_outbox (
  id INTEGER PRIMARY KEY,
  channel TEXT NOT NULL,               -- the channel's name in airm.yaml alerting.channels
  episode_id TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('firing', 'resolved')),
  repeat_index INTEGER NOT NULL DEFAULT 0,  -- 0 for the first notification, 1, 2 … for reminders
  notification_json TEXT NOT NULL,     -- the Notification, as the generic webhook sends it
  status TEXT NOT NULL CHECK (status IN ('pending', 'delivered')),
  attempts INTEGER NOT NULL DEFAULT 0, -- delivery attempts over all runs
  created_at TEXT NOT NULL,
  last_attempt_at TEXT,
  delivered_at TEXT,
  last_error TEXT,                     -- why the latest attempt failed; NULL once delivered
  UNIQUE (channel, episode_id, state, repeat_index)
);
CREATE INDEX alert_outbox_pending ON alert_outbox (status, channel, id);
