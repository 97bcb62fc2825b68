-- airm store, schema version 5: accounts of `airm serve` (docs/server.md).
--
-- Local users with a role, browser sessions and API tokens. Secrets are never
-- stored: passwords as Argon2id strings (libsodium crypto_pwhash_str), session
-- ids and API tokens as the SHA-256 of the random value handed out once.

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL CHECK (role IN ('viewer', 'contributor', 'reviewer', 'admin')),
  board_function TEXT,                 -- reviewers: legal, security, business, risk
  password_hash TEXT NOT NULL,         -- "$argon2id$v=19$m=…"
  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  password_changed_at TEXT NOT NULL
);

CREATE TABLE sessions (
  id INTEGER PRIMARY KEY,
  id_hash TEXT NOT NULL UNIQUE,        -- hex SHA-256 of the cookie's value
  user_id INTEGER NOT NULL REFERENCES users(id),
  csrf_token TEXT NOT NULL,            -- synchronizer token, sent back in X-CSRF-Token
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE INDEX sessions_by_user ON sessions (user_id);

CREATE TABLE api_tokens (
  id INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,     -- hex SHA-256 of the token
  prefix TEXT NOT NULL,                -- the first characters, to tell tokens apart in lists
  user_id INTEGER NOT NULL REFERENCES users(id),
  name TEXT NOT NULL,
  scope TEXT NOT NULL CHECK (scope IN ('read', 'write')),
  created_at TEXT NOT NULL,
  expires_at TEXT,                     -- NULL: never
  revoked_at TEXT
);
CREATE INDEX api_tokens_by_user ON api_tokens (user_id);
