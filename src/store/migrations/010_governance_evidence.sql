-- airm store, schema version 9 (issue 10): manual governance evidence, and
-- the evidence an approval relied on.
--
-- Evidence airm cannot compute (a policy, a DPIA, a pen-test report) is added
-- by hand (`airm evidence add`): where it lives, the SHA-256 of the file's
-- bytes when it is a file, and when it expires. It covers one control of the
-- library (or one framework item) until then.
CREATE TABLE governance_evidence (
  id INTEGER PRIMARY KEY,
  system_id INTEGER NOT NULL REFERENCES ai_systems(id),
  control TEXT NOT NULL,               -- "AIRM-RISK", or "FRAMEWORK:ITEM" ("iso-42001:A.2.2")
  location TEXT NOT NULL,              -- the file's path as given, or the URL
  location_kind TEXT NOT NULL CHECK (location_kind IN ('file', 'url')),
  sha256 TEXT,                         -- "sha256:<hex>" of the file's bytes; NULL for a URL
  size_bytes INTEGER,                  -- NULL for a URL
  note TEXT NOT NULL DEFAULT '',
  expires_on TEXT,                     -- YYYY-MM-DD, the last day it counts; NULL = no expiry
  added_at TEXT NOT NULL,
  added_by TEXT NOT NULL
);
CREATE INDEX governance_evidence_by_system ON governance_evidence (system_id, control);

-- The evidence current when a sign-off approved: the controls met and the
-- day the first of them expires, as JSON {"expires_on": "YYYY-MM-DD" | null,
-- "controls": [{"control", "expires_on"}]}. When that day has passed the
-- approval no longer counts and the review reopens. NULL for sign-offs made
-- before this migration and for rejections (they bind nothing).
ALTER TABLE review_signoffs ADD COLUMN evidence_json TEXT;
