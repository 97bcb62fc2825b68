// InitWorkspace (`airm init [DIR]`): DIR/airm.yaml and the store DIR/.airm/airm.db.
// On an existing workspace it changes nothing beyond migrating an older store
// and says so in a finding, so scripts may call it unconditionally.
#pragma once

#include <string>
#include <vector>

#include "airm/finding.h"
#include "airm/status.h"
#include "airm/store/workspace.h"

namespace airm::usecases {

struct InitWorkspaceOptions {
  std::string dir = ".";  // created with its parents when missing
  std::string name = "";  // "" = the directory's name
  // InvalidArgument for an empty DIR or a --name with control characters.
  Status Validate() const;
};

struct InitializedWorkspace {
  store::Workspace workspace = {};
  bool created = false;  // false: DIR already was a workspace
  int schema_version = 0;
  // info "workspace.exists" when nothing was created.
  std::vector<Finding> findings = {};
};

Result<InitializedWorkspace> InitWorkspace(const InitWorkspaceOptions& options);

}  // namespace airm::usecases
