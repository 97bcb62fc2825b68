-- airm store, schema version 1: the lineage graph.
--
-- Portable SQL (SQLite now, PostgreSQL later): TEXT / INTEGER / REAL only,
-- times as ISO 8601 UTC text ("2026-11-27T04:33:16Z"), JSON documents as TEXT.
-- Keys are INTEGER PRIMARY KEY here; the PostgreSQL migration uses
-- BIGINT GENERATED ALWAYS AS IDENTITY for the same columns.
--
-- Identity is content: a dataset version's `digest` is "sha256:<hex>" of the
-- file's bytes, or, for a dataset known only from an imported OpenLineage
-- event, "openlineage:<namespace>/<name>#<version>". Lineage joins on
-- digest, never on names or paths: the same bytes registered under two names
-- are the same data, so the graph stays connected.

CREATE TABLE datasets (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  namespace TEXT NOT NULL DEFAULT 'airm',
  description TEXT,
  created_at TEXT NOT NULL
);

-- Immutable. Re-registering identical content under the same name returns the
-- existing row (UNIQUE (dataset_id, digest)).
CREATE TABLE dataset_versions (
  id INTEGER PRIMARY KEY,
  dataset_id INTEGER NOT NULL REFERENCES datasets(id),
  version INTEGER NOT NULL,            -- 1, 2, 3 … per dataset
  digest TEXT NOT NULL,
  bytes INTEGER,                       -- NULL when not a local file (imported)
  row_count INTEGER,                   -- NULL when not read as a table
  schema_json TEXT,                    -- [{"name":…,"type":…}] in column order
  profile_json TEXT,                   -- airm profile (docs/schemas/profile.v1.json)
  source_uri TEXT,                     -- --source, or the OpenLineage namespace/name
  path TEXT,                           -- as given on the command line
  abs_path TEXT,                       -- absolute form, for verify
  registered_at TEXT NOT NULL,
  registered_by TEXT NOT NULL,
  UNIQUE (dataset_id, version),
  UNIQUE (dataset_id, digest)
);
CREATE INDEX dataset_versions_by_digest ON dataset_versions (digest);

CREATE TABLE dataset_version_tags (
  dataset_version_id INTEGER NOT NULL REFERENCES dataset_versions(id),
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (dataset_version_id, key)
);

CREATE TABLE jobs (
  id INTEGER PRIMARY KEY,
  namespace TEXT NOT NULL DEFAULT 'airm',
  name TEXT NOT NULL,
  kind TEXT,                           -- preprocessing | features | training | scoring | quality | other
  UNIQUE (namespace, name)
);

CREATE TABLE runs (
  id INTEGER PRIMARY KEY,
  run_uuid TEXT NOT NULL UNIQUE,       -- OpenLineage run.runId
  job_id INTEGER NOT NULL REFERENCES jobs(id),
  status TEXT NOT NULL CHECK (status IN ('running', 'completed', 'failed', 'aborted')),
  started_at TEXT NOT NULL,
  ended_at TEXT,
  exit_code INTEGER,
  code_version TEXT,                   -- git commit (+ "-dirty") when run in a repository
  command_json TEXT,                   -- argv as a JSON array
  parameters_json TEXT,                -- {"key": "value", …}
  environment_json TEXT,               -- host, user, os, airm version; never secrets
  error TEXT,
  source TEXT NOT NULL DEFAULT 'airm'  -- 'airm' or 'openlineage' (imported)
);
CREATE INDEX runs_by_job ON runs (job_id, started_at);

CREATE TABLE run_inputs (
  run_id INTEGER NOT NULL REFERENCES runs(id),
  dataset_version_id INTEGER NOT NULL REFERENCES dataset_versions(id),
  role TEXT NOT NULL DEFAULT 'input',  -- train | validation | test | reference | input
  PRIMARY KEY (run_id, dataset_version_id, role)
);
CREATE INDEX run_inputs_by_dataset_version ON run_inputs (dataset_version_id);

CREATE TABLE run_outputs (
  run_id INTEGER NOT NULL REFERENCES runs(id),
  dataset_version_id INTEGER NOT NULL REFERENCES dataset_versions(id),
  PRIMARY KEY (run_id, dataset_version_id)
);
CREATE INDEX run_outputs_by_dataset_version ON run_outputs (dataset_version_id);

-- Column-level lineage: output column <- input column, per run.
CREATE TABLE column_lineage (
  id INTEGER PRIMARY KEY,
  run_id INTEGER REFERENCES runs(id),
  output_dataset_version_id INTEGER NOT NULL REFERENCES dataset_versions(id),
  output_column TEXT NOT NULL,
  input_dataset_version_id INTEGER REFERENCES dataset_versions(id),
  input_column TEXT NOT NULL,
  transformation TEXT NOT NULL DEFAULT 'DIRECT',  -- OpenLineage: DIRECT | INDIRECT
  description TEXT                                -- expression or prose
);
CREATE INDEX column_lineage_by_output ON column_lineage (output_dataset_version_id, output_column);

CREATE TABLE quality_check_runs (
  id INTEGER PRIMARY KEY,
  check_name TEXT NOT NULL,
  dataset_version_id INTEGER NOT NULL REFERENCES dataset_versions(id),
  reference_dataset_version_id INTEGER REFERENCES dataset_versions(id),
  run_id INTEGER REFERENCES runs(id),
  status TEXT NOT NULL CHECK (status IN ('pass', 'warn', 'fail', 'error')),
  metrics_json TEXT,
  findings_json TEXT,
  executed_at TEXT NOT NULL
);
CREATE INDEX quality_check_runs_by_dataset_version
  ON quality_check_runs (dataset_version_id, executed_at);

CREATE TABLE models (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
);

CREATE TABLE model_versions (
  id INTEGER PRIMARY KEY,
  model_id INTEGER NOT NULL REFERENCES models(id),
  version TEXT NOT NULL,               -- as given by --version
  artifact_digest TEXT NOT NULL,       -- "sha256:<hex>" of the artifact file
  artifact_path TEXT,
  artifact_abs_path TEXT,
  training_run_id INTEGER REFERENCES runs(id),
  parameters_json TEXT,
  card_json TEXT,                      -- intended use, limitations, owners … (from --card YAML)
  registered_at TEXT NOT NULL,
  registered_by TEXT NOT NULL,
  UNIQUE (model_id, version)
);
CREATE INDEX model_versions_by_training_run ON model_versions (training_run_id);

-- Data a model version was trained / validated / tested on.
CREATE TABLE model_version_data (
  model_version_id INTEGER NOT NULL REFERENCES model_versions(id),
  dataset_version_id INTEGER NOT NULL REFERENCES dataset_versions(id),
  role TEXT NOT NULL,                  -- train | validation | test | evaluation
  PRIMARY KEY (model_version_id, dataset_version_id, role)
);
CREATE INDEX model_version_data_by_dataset_version ON model_version_data (dataset_version_id);

CREATE TABLE model_metrics (
  id INTEGER PRIMARY KEY,
  model_version_id INTEGER NOT NULL REFERENCES model_versions(id),
  name TEXT NOT NULL,
  value REAL,                          -- NULL = undefined (insufficient evidence)
  ci_low REAL,
  ci_high REAL,
  segment TEXT NOT NULL DEFAULT '',    -- '' = overall; else "column=value"
  dataset_version_id INTEGER REFERENCES dataset_versions(id),
  recorded_at TEXT NOT NULL
);
CREATE INDEX model_metrics_by_version ON model_metrics (model_version_id);

-- A model version serving in an environment during [valid_from, valid_to).
CREATE TABLE deployments (
  id INTEGER PRIMARY KEY,
  model_version_id INTEGER NOT NULL REFERENCES model_versions(id),
  environment TEXT NOT NULL,
  valid_from TEXT NOT NULL,
  valid_to TEXT,                       -- NULL = still serving
  deployed_by TEXT NOT NULL
);
CREATE INDEX deployments_by_environment ON deployments (environment, valid_from);
CREATE INDEX deployments_by_model_version ON deployments (model_version_id);

-- One `airm predictions log` call.
CREATE TABLE prediction_batches (
  id INTEGER PRIMARY KEY,
  model_version_id INTEGER NOT NULL REFERENCES model_versions(id),
  deployment_id INTEGER REFERENCES deployments(id),
  input_dataset_version_id INTEGER REFERENCES dataset_versions(id),  -- the logged file itself
  preprocessing_run_id INTEGER REFERENCES runs(id),  -- the run that produced the inference inputs
  source_path TEXT,
  row_count INTEGER NOT NULL,
  logged_at TEXT NOT NULL,
  logged_by TEXT NOT NULL
);
CREATE INDEX prediction_batches_by_model_version ON prediction_batches (model_version_id);
CREATE INDEX prediction_batches_by_input ON prediction_batches (input_dataset_version_id);

CREATE TABLE predictions (
  prediction_id TEXT PRIMARY KEY,
  batch_id INTEGER NOT NULL REFERENCES prediction_batches(id),
  predicted_at TEXT NOT NULL,
  input_digest TEXT NOT NULL,          -- "sha256:<hex>" of the row's canonical feature encoding
  features_json TEXT,                  -- only with --store-features
  output TEXT
);
-- No index on batch_id: counts come from prediction_batches.row_count, and
-- logging a million rows must stay fast.
