// RegisterDataset (`airm dataset register`): record a file's content as a
// dataset version (digest, rows, schema, profile). Identical content under the
// same name returns the existing version; nothing is written twice.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "airm/finding.h"
#include "airm/read_options.h"
#include "airm/status.h"
#include "airm/store/records.h"
#include "airm/store/workspace.h"
#include "airm/usecases/store_access.h"

namespace airm::usecases {

struct RegisterDatasetOptions {
  store::LocateOptions store = {};
  std::string file = {};                         // required
  std::string name = "";                         // "" = the file's name
  std::string source_uri = "";                   // where the data came from
  std::map<std::string, std::string> tags = {};  // applied only to a new version
  ReadOptions read = {};
  ProgressFn progress = {};
  // InvalidArgument naming the missing field.
  Status Validate() const;
};

struct RegisteredDatasetVersion {
  store::DatasetVersion version = {};
  bool created = false;                  // false: the same content was registered already
  std::optional<std::string> note = {};  // why the file was not read as a table
  // info "dataset.not_tabular"; warn "dataset.tags_not_applied" when the
  // version existed with other tags (a registered version is immutable).
  std::vector<Finding> findings = {};
};

// NotFound / IoError for an unreadable file; the store's errors otherwise.
Result<RegisteredDatasetVersion> RegisterDataset(const RegisterDatasetOptions& options);

}  // namespace airm::usecases
