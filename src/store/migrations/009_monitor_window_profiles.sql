-- airm store, schema version 9: each computed window's mergeable profile
-- (airm/profile.h, the serialized sketches, base64 text so both backends
-- store it as TEXT), stored once per window, so a month or a quarter is the
-- merge of its days (or a quarter of its months) without re-reading the
-- rows (docs/monitoring.md, "Windows from stored profiles"). An empty window
-- is stored with no profile and row_count 0, so it still covers its span.
-- A recomputed window replaces its profile: the profile is of the rows, and
-- the versions of a window's result (late labels) keep the history.
CREATE TABLE monitor_window_profiles (
  monitor TEXT NOT NULL,
  schedule TEXT NOT NULL,
  window_start TEXT NOT NULL,
  window_end TEXT NOT NULL,
  row_count INTEGER NOT NULL,
  profile TEXT,
  computed_at TEXT NOT NULL,
  PRIMARY KEY (monitor, schedule, window_start)
);
CREATE INDEX monitor_window_profiles_by_time ON monitor_window_profiles (monitor, window_start);
