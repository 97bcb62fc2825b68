-- airm store, schema version 7 on PostgreSQL: the status CHECK of
-- monitor_windows also admits 'estimated' (see ../007_monitor_window_estimated.sql).
ALTER TABLE monitor_windows DROP CONSTRAINT monitor_windows_status_check;
ALTER TABLE monitor_windows ADD CONSTRAINT monitor_windows_status_check
  CHECK (status IN ('ok', 'empty', 'estimated'));
