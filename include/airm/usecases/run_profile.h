// RunProfile (`airm profile`): hash and profile one data file, either read
// whole (exact profile) or in chunks with bounded memory (quantiles, distinct
// counts and top values from sketches, with their error bounds).
#pragma once

#include <string>

#include "airm/input_info.h"
#include "airm/profile.h"
#include "airm/read_options.h"
#include "airm/status.h"
#include "airm/usecases/store_access.h"

namespace airm::usecases {

struct RunProfileOptions {
  std::string data = "";  // required
  bool stream = false;    // chunks of read.chunk_rows rows, sketches
  ReadOptions read = {};
  ProgressFn progress = {};
  Status Validate() const;
};

struct ProfileRun {
  Profile profile = {};
  InputInfo input = {};  // path, SHA-256, bytes, rows, columns
};

Result<ProfileRun> RunProfile(const RunProfileOptions& options);

}  // namespace airm::usecases
