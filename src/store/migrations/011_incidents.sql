-- airm store, schema version 11 (issues 9 and 10): the incident register and
-- the quarterly risk reassessments that hand monitoring over to governance.
--
-- An incident is something that went wrong with an AI system in service, as
-- a person (`airm incident open`) or the monitor (a critical alert episode
-- that fired, `monitor run`) recorded it. It stays open until closed.
CREATE TABLE incidents (
  id INTEGER PRIMARY KEY,
  system_id INTEGER NOT NULL REFERENCES ai_systems(id),
  model TEXT NOT NULL DEFAULT '',      -- NAME or NAME@VERSION as recorded; '' = the system as a whole
  title TEXT NOT NULL,
  severity TEXT NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
  category TEXT NOT NULL CHECK (category IN
    ('bias', 'robustness', 'privacy', 'security', 'transparency', 'performance', 'legal')),
  description TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL CHECK (source IN ('manual', 'alert')),
  opened_at TEXT NOT NULL,
  opened_by TEXT NOT NULL,
  closed_at TEXT,                      -- NULL while open
  closed_by TEXT,
  resolution TEXT NOT NULL DEFAULT ''
);
CREATE INDEX incidents_by_system ON incidents (system_id, opened_at);

-- The alert episodes an incident is about.
CREATE TABLE incident_episodes (
  incident_id INTEGER NOT NULL REFERENCES incidents(id),
  episode_id INTEGER NOT NULL REFERENCES alert_episodes(id),
  PRIMARY KEY (incident_id, episode_id)
);
CREATE INDEX incident_episodes_by_episode ON incident_episodes (episode_id);

-- A quarterly reassessment: the pack (`airm monitor pack --json`) handed to
-- governance (`airm risk reassess`). It reopens the review of the system's
-- models — every sign-off with an id up to last_signoff_id stops counting —
-- and records the observations read from the pack and the risks it added or
-- re-scored because of them.
CREATE TABLE risk_reassessments (
  id INTEGER PRIMARY KEY,
  system_id INTEGER NOT NULL REFERENCES ai_systems(id),
  quarter TEXT NOT NULL,               -- "2026-Q1", as the pack says
  pack_digest TEXT NOT NULL,           -- "sha256:<hex>" of the pack file's bytes
  pack_path TEXT NOT NULL,             -- where the pack was read from (for people)
  last_signoff_id INTEGER NOT NULL,    -- the newest review_signoffs.id when it opened (0: none)
  observations_json TEXT NOT NULL,     -- [{category, severity, source, subject, detail}]
  changes_json TEXT NOT NULL,          -- [{risk, action, category, rule, from, to}]
  opened_at TEXT NOT NULL,
  opened_by TEXT NOT NULL,
  UNIQUE (system_id, pack_digest)
);
