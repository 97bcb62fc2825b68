-- airm store, schema version 7 (issue 16): the verdicts of the drift,
-- evaluation, fairness and chaos runs about a model version (`airm drift |
-- evaluate --model NAME@VERSION`), so its card shows the latest of each
-- instead of saying nothing is recorded.
-- One row per verdict; the card reads the newest row of each kind.
CREATE TABLE model_version_results (
  id INTEGER PRIMARY KEY,
  model_version_id INTEGER NOT NULL REFERENCES model_versions(id),
  kind TEXT NOT NULL CHECK (kind IN ('drift', 'evaluation', 'fairness', 'chaos')),
  status TEXT NOT NULL CHECK (status IN ('pass', 'warn', 'fail', 'undefined')),
  summary TEXT NOT NULL,               -- one plain sentence, as the report says it
  data_path TEXT,                      -- the data the run looked at, as given
  data_digest TEXT,                    -- "sha256:<hex>" of that data
  details_json TEXT,                   -- kind-specific facts, e.g. drift's out_of_scope shares
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL
);
CREATE INDEX model_version_results_by_version
  ON model_version_results (model_version_id, kind, recorded_at);
