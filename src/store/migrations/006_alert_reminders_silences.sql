-- airm store, schema version 6: reminders of alerts still firing, and
-- silences by label matchers.
--
-- A rule with `repeat: 1d` reminds people of an episode that keeps firing;
-- reminders_sent is the last reminder number produced, so a restart or a
-- second run never produces the same reminder twice (the outbox's key
-- carries the number as repeat_index).
ALTER TABLE alert_episodes ADD COLUMN reminders_sent INTEGER NOT NULL DEFAULT 0;

-- A silence holds back the notifications of every episode whose labels match
-- all its matchers (label = value, label != value), until it expires. Silenced
-- notifications are recorded, never handed out later.
CREATE TABLE alert_silences (
  id INTEGER PRIMARY KEY,
  silence_uid TEXT NOT NULL UNIQUE,
  matchers TEXT NOT NULL,              -- one matcher a line: label=value or label!=value
  until TEXT NOT NULL,                 -- ISO 8601 UTC
  created_by TEXT NOT NULL,
  comment TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX alert_silences_until ON alert_silences (until);
