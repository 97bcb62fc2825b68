// Verdicts about a model version: what the latest drift, evaluation,
// fairness and chaos runs that named it (`--model NAME@VERSION`) concluded,
// for its model card (issue 16). A summary, not the report: the report file
// stays the full record.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "airm/status.h"
#include "airm/store/database.h"

namespace airm::store {

struct ModelResult {
  int64_t id = 0;
  int64_t model_version_id = 0;
  std::string kind = "";     // drift | evaluation | fairness | chaos
  std::string status = "";   // pass | warn | fail | undefined
  std::string summary = "";  // one plain sentence
  std::optional<std::string> data_path = {};
  std::optional<std::string> data_digest = {};  // "sha256:<hex>"
  // Kind-specific facts as a JSON object; drift: {"out_of_scope": [{
  // "description", "condition", "rows_inside", "rows_known", "share"}]}.
  std::optional<std::string> details_json = {};
  std::string recorded_at = "";  // "" on record = now
  std::string recorded_by = "";  // "" on record = the current user
};

// InvalidArgument naming the field for an unknown kind or status. Returns the
// new id.
Result<int64_t> RecordModelResult(Database& db, const ModelResult& result);

// The newest result of each kind for the version, in the order drift,
// evaluation, fairness, chaos; kinds never recorded are absent.
Result<std::vector<ModelResult>> LatestModelResults(Database& db, int64_t model_version_id);

// The newest `limit` results of one kind for the version, newest first.
Result<std::vector<ModelResult>> RecentModelResults(Database& db, int64_t model_version_id,
                                                    const std::string& kind, int64_t limit);

}  // namespace airm::store
