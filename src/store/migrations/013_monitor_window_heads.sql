-- airm store: a covering index for the heads of monitor windows.
--
-- A window's row keeps its documents (result_json, inputs_json: kilobytes,
-- in SQLite's overflow pages) before computed_at, so reading a window's head
-- from the table (status, next due, the newest window, a count with the
-- latest computed_at) read its documents too: on a year of windows,
-- `/api/monitors` and the review queue read megabytes per request. This
-- index holds every column of a head, so those reads use it alone.
CREATE INDEX monitor_window_heads ON monitor_windows
  (monitor, schedule, window_start, version, label, window_end, status, row_count, computed_at);
