-- airm store, schema version 2: continuous monitoring.
--
-- A monitor (declared in airm.yaml) computes calendar windows per schedule.
-- Each window's result is stored whole in one transaction together with the
-- alert rules' evaluation of it, so a crash leaves either the window and its
-- alert state or neither. A window recomputed later (late data or labels)
-- gets the next version; earlier versions are kept.

CREATE TABLE monitor_windows (
  id INTEGER PRIMARY KEY,
  monitor TEXT NOT NULL,
  schedule TEXT NOT NULL,              -- "week-drift", "month-drift", …
  label TEXT NOT NULL,                 -- "2026-W10", "2026-03", "2026-Q1", "2026-03-02"
  window_start TEXT NOT NULL,          -- ISO 8601 UTC, inclusive
  window_end TEXT NOT NULL,            -- exclusive
  version INTEGER NOT NULL DEFAULT 1,  -- 1, 2, … when recomputed; old versions kept
  status TEXT NOT NULL CHECK (status IN ('ok', 'empty')),
  row_count INTEGER NOT NULL,
  result_json TEXT,                    -- the analysis' JSON document; NULL when empty
  inputs_json TEXT,                    -- [{"path", "sha256", "rows"}] the window read
  computed_at TEXT NOT NULL,
  UNIQUE (monitor, schedule, window_start, version)
);
CREATE INDEX monitor_windows_by_time ON monitor_windows (monitor, schedule, window_start);

-- One row per alert episode: pending until the rule held for `for` windows,
-- then firing, then resolved (or cancelled when it stopped before firing).
CREATE TABLE alert_episodes (
  id INTEGER PRIMARY KEY,
  episode_uid TEXT NOT NULL UNIQUE,    -- stable id in notifications
  monitor TEXT NOT NULL,
  schedule TEXT NOT NULL,
  alert TEXT NOT NULL,
  severity TEXT NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
  expression TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'firing', 'resolved', 'cancelled')),
  consecutive INTEGER NOT NULL,        -- windows in a row the condition held
  first_window_start TEXT NOT NULL,    -- the first window in which it held
  last_window_end TEXT NOT NULL,       -- the latest window that stepped it
  fired_window_end TEXT,
  resolved_window_end TEXT,
  observed REAL,                       -- latest observed value, when numeric
  acked_at TEXT,
  acked_by TEXT,
  silenced_until TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX alert_episodes_open ON alert_episodes (monitor, schedule, alert, state);

-- Where each rule's evaluation got to, so windows are stepped once, in order.
CREATE TABLE alert_rule_progress (
  monitor TEXT NOT NULL,
  schedule TEXT NOT NULL,
  alert TEXT NOT NULL,
  last_window_start TEXT NOT NULL,
  PRIMARY KEY (monitor, schedule, alert)
);

-- Notifications the monitor produced (one per episode and state); the
-- alerting module's outbox delivers them.
CREATE TABLE alert_notifications (
  id INTEGER PRIMARY KEY,
  episode_id INTEGER NOT NULL REFERENCES alert_episodes(id),
  state TEXT NOT NULL CHECK (state IN ('firing', 'resolved')),
  payload_json TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (episode_id, state)
);

-- At most one `airm monitor run` at a time per store.
CREATE TABLE monitor_run_lock (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  holder TEXT NOT NULL,                -- host:pid:nonce
  host TEXT NOT NULL,
  pid INTEGER NOT NULL,
  acquired_at TEXT NOT NULL
);

-- Outcomes that arrive after the prediction (`airm labels log`): one label per
-- logged prediction; logging it again replaces it (a corrected outcome).
CREATE TABLE prediction_labels (
  prediction_id TEXT PRIMARY KEY REFERENCES predictions(prediction_id),
  label TEXT NOT NULL,
  logged_at TEXT NOT NULL
);
