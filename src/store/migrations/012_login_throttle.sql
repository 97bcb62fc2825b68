-- airm store, schema version 14: login rate limiting of `airm serve` kept in
-- the store (docs/server.md), so a lockout survives a restart and every
-- server process on one store counts the same failures.
--
-- One row per (account, client address) with failed logins. Times are whole
-- seconds since 1970 UTC rather than ISO text: they are only compared and
-- subtracted (Retry-After), never shown.
CREATE TABLE login_throttle (
  account TEXT NOT NULL,               -- the username as typed (unknown names count too)
  client TEXT NOT NULL,                -- the remote address
  failures INTEGER NOT NULL,           -- failed logins since first_failure_unix
  first_failure_unix INTEGER NOT NULL,
  locked_until_unix INTEGER NOT NULL,  -- 0: not locked
  PRIMARY KEY (account, client)
);
