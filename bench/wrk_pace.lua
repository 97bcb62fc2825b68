-- Paces wrk (Debian's wrk is closed-loop: no fixed rate as wrk2's -R): each
-- connection waits WRK_INTERVAL_MS milliseconds before each request (wrk's
-- delay() hook), so C connections send at most C * 1000 / interval requests
-- per second. The latency wrk reports excludes the wait. Being closed-loop,
-- a slow response delays the next request (coordinated omission), so the
-- percentiles are those of the rate achieved, which the run reports.
local interval = tonumber(os.getenv("WRK_INTERVAL_MS") or "0")

function delay()
  return interval
end
