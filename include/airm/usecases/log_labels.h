// LogLabels (`airm labels log FILE --id-column C --label-column C`): attach
// outcomes that arrived late to logged predictions, in one transaction (all
// or nothing). Monitors reading the prediction log see them as the target;
// `airm monitor run --recompute FROM` stores the affected windows' next version.
#pragma once

#include <cstdint>
#include <string>

#include "airm/input_info.h"
#include "airm/read_options.h"
#include "airm/status.h"
#include "airm/store/workspace.h"
#include "airm/usecases/store_access.h"

namespace airm::usecases {

struct LogLabelsOptions {
  store::LocateOptions store = {};
  std::string file = "";          // required
  std::string id_column = "";     // required: prediction ids as logged
  std::string label_column = "";  // required: the outcome
  ReadOptions read = {};
  ProgressFn progress = {};
  Status Validate() const;
};

struct LoggedLabels {
  InputInfo file = {};
  int64_t attached = 0;
  int64_t without_label = 0;  // rows whose label is empty (not attached)
};

// InvalidArgument naming the flag for a missing column; NotFound naming the
// first id (and its row) that is not a logged prediction; readers' errors.
Result<LoggedLabels> LogLabels(const LogLabelsOptions& options);

}  // namespace airm::usecases
