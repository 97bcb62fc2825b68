// What every store use case shares: where the store is, how progress is
// reported, and opening the workspace's store.
//
// The use cases (include/airm/usecases/*.h) are the commands of airm as
// library functions: an options struct in, a result struct with findings out.
// The CLI, the server, the Python package and a scheduler call them instead
// of repeating a command's steps. They never print and never exit; progress
// goes to the optional callback.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "airm/read_options.h"
#include "airm/status.h"
#include "airm/store/database.h"
#include "airm/store/records.h"
#include "airm/store/workspace.h"

namespace airm::usecases {

// Called with a short description of the step about to start ("hashing and
// profiling data.csv"); may be empty. Called on the caller's thread.
using ProgressFn = std::function<void(std::string_view)>;

struct OpenedStore {
  store::Workspace workspace = {};
  std::unique_ptr<store::Database> db = {};
};

// LocateWorkspace then OpenWorkspaceStore: NotFound when there is no
// workspace, InvalidArgument / ParseError for a corrupt or newer store.
Result<OpenedStore> OpenStore(const store::LocateOptions& where);

// Hashes (and, for tables, reads and profiles) `path` into a registration
// under `name` ("" = the file's name), recording the path as given and its
// absolute form; content.note says why a file was not read as a table.
Result<store::NewDatasetVersion> DescribeFileForRegistration(const std::string& path,
                                                             const std::string& name,
                                                             const ReadOptions& options,
                                                             const ProgressFn& progress = {});

}  // namespace airm::usecases
