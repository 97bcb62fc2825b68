// RunProfile (`airm profile`): hash and profile one data file, either read
// whole (exact profile) or in chunks with bounded memory (quantiles, distinct
// counts and top values from sketches, with their error bounds).
#pragma once

#include <functional>
#include <string>

#include "airm/input_info.h"
#include "airm/profile.h"
#include "airm/read_options.h"
#include "airm/status.h"
#include "airm/usecases/in_memory_input.h"
#include "airm/usecases/store_access.h"

namespace airm::usecases {

struct RunProfileOptions {
  std::string data = "";  // required unless in_memory.table is given
  bool stream = false;    // chunks of read.chunk_rows rows, sketches
  // A table in memory instead of `data` (its InputInfo as given, rows and
  // columns filled in); with `stream` it is one chunk of the sketches.
  InMemoryInput in_memory = InMemoryInput();
  ProfileOptions profile = ProfileOptions();  // sketch sizes (kll_k: --sketch-k)
  ReadOptions read = {};
  ProgressFn progress = {};
  Status Validate() const;
};

struct ProfileRun {
  Profile profile = {};
  InputInfo input = {};  // path, SHA-256, bytes, rows, columns
};

Result<ProfileRun> RunProfile(const RunProfileOptions& options);

// Hashes `path` and profiles it in chunks of read.chunk_rows rows (memory
// bounded by the sketch sizes and one chunk); `on_chunk`, when set, may
// adjust each chunk first (e.g. set column roles). *info gets path, digest,
// bytes, rows and columns. The readers' and ProfileBuilder's errors.
Result<Profile> ProfileFileInChunks(const std::string& path, const ReadOptions& read,
                                    const ProfileOptions& profile, InputInfo* info,
                                    const std::function<Status(Table*)>& on_chunk = {});

}  // namespace airm::usecases
