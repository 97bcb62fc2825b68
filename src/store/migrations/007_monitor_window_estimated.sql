-- airm store, schema version 7: an evaluation window may hold only an
-- estimate. A window whose labels have not arrived yet is stored with status
-- 'estimated' and a CBPE estimate of its performance (docs/monitoring.md);
-- when the labels arrive, `monitor run --recompute` stores its next version.
--
-- SQLite cannot change a CHECK constraint in place, so the table is rebuilt
-- under its own name (no other table references it); PostgreSQL swaps the
-- constraint (postgresql/007_monitor_window_estimated.sql).

ALTER TABLE monitor_windows RENAME TO monitor_windows_v6;
CREATE TABLE monitor_windows (
  id INTEGER PRIMARY KEY,
  monitor TEXT NOT NULL,
  schedule TEXT NOT NULL,
  label TEXT NOT NULL,
  window_start TEXT NOT NULL,
  window_end TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  status TEXT NOT NULL CHECK (status IN ('ok', 'empty', 'estimated')),
  row_count INTEGER NOT NULL,
  result_json TEXT,
  inputs_json TEXT,
  computed_at TEXT NOT NULL,
  UNIQUE (monitor, schedule, window_start, version)
);
INSERT INTO monitor_windows (id, monitor, schedule, label, window_start, window_end, version,
                             status, row_count, result_json, inputs_json, computed_at)
  SELECT id, monitor, schedule, label, window_start, window_end, version, status, row_count,
         result_json, inputs_json, computed_at
  FROM monitor_windows_v6;
DROP TABLE monitor_windows_v6;
CREATE INDEX monitor_windows_by_time ON monitor_windows (monitor, schedule, window_start);
