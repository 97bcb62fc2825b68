-- airm store, schema version 4: governance (docs/governance.md).
--
-- The AI-system inventory, EU AI Act classifications, the risk register and
-- the tamper-evident audit log. Same portable SQL as 001_initial.sql.

-- An AI system groups the models (and through them the deployments and the
-- logged predictions) that serve one business purpose.
CREATE TABLE ai_systems (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  owner TEXT NOT NULL,
  business_unit TEXT NOT NULL,
  purpose TEXT NOT NULL,
  decision_type TEXT NOT NULL CHECK (decision_type IN ('automated', 'human-in-the-loop')),
  affected_people TEXT NOT NULL,
  data_categories TEXT NOT NULL,       -- "none", or a comma list of personal, special-category
  lifecycle_state TEXT NOT NULL
    CHECK (lifecycle_state IN ('planned', 'development', 'validation', 'production', 'retired')),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
);

CREATE TABLE ai_system_models (
  system_id INTEGER NOT NULL REFERENCES ai_systems(id),
  model_id INTEGER NOT NULL REFERENCES models(id),
  linked_at TEXT NOT NULL,
  linked_by TEXT NOT NULL,
  PRIMARY KEY (system_id, model_id)
);
CREATE INDEX ai_system_models_by_model ON ai_system_models (model_id);

-- Every classification is kept; the latest one is the system's tier.
CREATE TABLE ai_system_classifications (
  id INTEGER PRIMARY KEY,
  system_id INTEGER NOT NULL REFERENCES ai_systems(id),
  tier TEXT NOT NULL CHECK (tier IN ('prohibited', 'high', 'limited', 'minimal')),
  rationale_json TEXT NOT NULL,        -- ["Art. 5(1)(c): …", …]
  answers_json TEXT NOT NULL,          -- the questionnaire answers as read
  ruleset TEXT NOT NULL,               -- version of the rules that decided
  classified_at TEXT NOT NULL,
  classified_by TEXT NOT NULL
);
CREATE INDEX ai_system_classifications_by_system ON ai_system_classifications (system_id, id);

CREATE TABLE risks (
  id INTEGER PRIMARY KEY,
  system_id INTEGER NOT NULL REFERENCES ai_systems(id),
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  category TEXT NOT NULL CHECK (category IN
    ('bias', 'robustness', 'privacy', 'security', 'transparency', 'performance', 'legal')),
  inherent_likelihood INTEGER NOT NULL CHECK (inherent_likelihood BETWEEN 1 AND 5),
  inherent_impact INTEGER NOT NULL CHECK (inherent_impact BETWEEN 1 AND 5),
  residual_likelihood INTEGER CHECK (residual_likelihood BETWEEN 1 AND 5),  -- NULL = not assessed
  residual_impact INTEGER CHECK (residual_impact BETWEEN 1 AND 5),
  controls_json TEXT NOT NULL DEFAULT '[]',
  treatment TEXT NOT NULL CHECK (treatment IN ('mitigate', 'accept', 'transfer', 'avoid')),
  owner TEXT NOT NULL,
  due_date TEXT,                       -- YYYY-MM-DD
  status TEXT NOT NULL CHECK (status IN ('open', 'in-progress', 'mitigated', 'accepted', 'closed')),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL
);
CREATE INDEX risks_by_system ON risks (system_id);

-- The audit log: an RFC 6962 Merkle tree over `entry` bytes. Leaf index is
-- seq - 1. Rows are only ever inserted; `airm audit verify` recomputes every
-- hash, so an edited, deleted, inserted or reordered row is detected.
CREATE TABLE audit_entries (
  seq INTEGER PRIMARY KEY,             -- 1, 2, 3 … without gaps
  entry TEXT NOT NULL,                 -- canonical JSON (sorted keys); these bytes are hashed
  leaf_hash TEXT NOT NULL              -- hex SHA-256(0x00 || entry)
);

-- A signed tree head after every appended entry: Ed25519 over the checkpoint
-- text "airm audit log\n<tree_size>\n<base64 root>\n".
CREATE TABLE audit_tree_heads (
  tree_size INTEGER PRIMARY KEY,
  root_hash TEXT NOT NULL,             -- hex
  signed_at TEXT NOT NULL,             -- not signed; for people
  public_key TEXT NOT NULL,            -- hex Ed25519 public key
  signature TEXT NOT NULL              -- hex Ed25519 signature of the checkpoint text
);

-- Review boards: seats by function, a quorum rule, and sign-offs bound to a
-- model version's artifact digest (a new digest is not covered by them).
CREATE TABLE review_boards (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  quorum TEXT NOT NULL CHECK (quorum IN ('all-seats', 'majority')),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
);

CREATE TABLE review_board_seats (
  board_id INTEGER NOT NULL REFERENCES review_boards(id),
  function TEXT NOT NULL
    CHECK (function IN ('data-science', 'legal', 'security', 'business', 'risk')),
  member TEXT NOT NULL,
  PRIMARY KEY (board_id, function, member)
);

CREATE TABLE review_signoffs (
  id INTEGER PRIMARY KEY,
  board_id INTEGER NOT NULL REFERENCES review_boards(id),
  model_version_id INTEGER NOT NULL REFERENCES model_versions(id),
  artifact_digest TEXT NOT NULL,       -- the digest signed for; copied, never joined
  function TEXT NOT NULL,
  signer TEXT NOT NULL,
  decision TEXT NOT NULL CHECK (decision IN ('approve', 'approve-with-conditions', 'reject')),
  conditions_json TEXT NOT NULL DEFAULT '[]',
  comment TEXT NOT NULL DEFAULT '',
  decided_at TEXT NOT NULL
);
CREATE INDEX review_signoffs_by_board ON review_signoffs (board_id, model_version_id);
