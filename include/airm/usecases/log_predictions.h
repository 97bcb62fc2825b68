// LogPredictions (`airm predictions log FILE`): record every row of a file as
// a prediction of a model version, and the file itself as a dataset version
// (name "predictions/<model>" unless options.name).
//
// Per row: prediction_id from id_column (default "<first 12 hex digits of the
// file's SHA-256>:<row number>", so logging the same file twice is a
// duplicate); predicted_at from time_column (ISO 8601 with a zone, stored as
// UTC; default: now); input_digest of the row's canonical feature encoding
// (airm/store/prediction_rows.h, docs/store.md); output from output_column
// (default "prediction", else "score"); the features themselves as JSON with
// store_features.
//
// The file is streamed: read in chunks of read.chunk_rows rows, each chunk
// profiled (a streamed profile, as `airm profile --stream`: sketches with
// their error bounds) and inserted while the next one is read, inside one
// transaction, so memory does not grow with the file. Column types are
// inferred per chunk and never narrow (airm/reader.h TableStream). A
// duplicate id (in the file or already in the store), a missing id or a
// malformed time is an error naming file, line and column, and the
// transaction is rolled back: nothing is written. With deployment_env and a
// time column, a first pass over the time column finds the first
// prediction's time, which chooses the deployment.
//
// LogPredictionTable logs rows a face holds in memory (the Python package's
// DataFrame) the same way: the table is the one chunk, its dataset version
// is described by DescribeDatasetTable (content digest, no path), and errors
// name `name` and the 0-based row ("<DataFrame> row 3: column 'id': ...").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "airm/finding.h"
#include "airm/read_options.h"
#include "airm/status.h"
#include "airm/store/records.h"
#include "airm/store/workspace.h"
#include "airm/table.h"
#include "airm/usecases/store_access.h"

namespace airm::usecases {

struct LogPredictionsOptions {
  store::LocateOptions store = {};
  std::string file;                 // required: CSV, TSV, JSON Lines (.gz / .zst)
  std::string model = "";           // NAME@VERSION that made them
  std::string deployment_env = "";  // environment whose deployment served them
  std::string name = "";            // dataset name for the file
  std::string id_column = "";
  std::string time_column = "";
  std::string output_column = "";                 // "" = "prediction", else "score", else none
  std::vector<std::string> exclude_columns = {};  // not model inputs
  std::string schema_file = "";  // YAML roles: only feature/segment/sensitive columns are inputs
  std::string preprocessed_by = "";  // run id of the preprocessing that produced the inputs
  bool store_features = false;       // also keep each row's features as JSON
  ReadOptions read = {};
  ProgressFn progress = {};
  // InvalidArgument when neither model nor deployment_env is given, or no file.
  Status Validate() const;
};

struct LoggedPredictions {
  int64_t batch_id = 0;
  size_t rows = 0;
  std::string first_prediction_id = {};
  store::ModelVersion model = {};
  std::optional<store::Deployment> deployment = {};
  store::DatasetVersion dataset = {};                 // the file, as registered
  std::optional<std::string> preprocessing_run = {};  // its run id
  std::optional<std::string> id_column, time_column, output_column;
  std::vector<std::string> feature_columns = {};
  std::string generated_id_prefix = {};  // ids "<prefix>:<row>"; "" when id_column gave them
  double seconds = 0;                    // wall time from opening the store to commit
  // info "predictions.no_output_column" when no output column was found.
  std::vector<Finding> findings = {};
};

Result<LoggedPredictions> LogPredictions(const LogPredictionsOptions& options);

// `options.file` is ignored (may be empty); `name` names the rows in messages
// and as the batch's source ("<DataFrame>"). The roles of options.schema_file
// are applied to `table`.
Result<LoggedPredictions> LogPredictionTable(const LogPredictionsOptions& options,
                                             const std::string& name, Table table);

}  // namespace airm::usecases
