#include "airm/usecases/init_workspace.h"

namespace airm::usecases {

Status InitWorkspaceOptions::Validate() const {
  if (dir.empty()) return Status::InvalidArgument("airm init: DIR is empty");
  for (const char c : name) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      return Status::InvalidArgument("--name must not contain control characters");
    }
  }
  return Status::Ok();
}

Result<InitializedWorkspace> InitWorkspace(const InitWorkspaceOptions& options) {
  AIRM_RETURN_IF_ERROR(options.Validate());
  AIRM_ASSIGN_OR_RETURN(store::InitOutcome outcome,
                        store::InitWorkspace(options.dir, options.name));
  InitializedWorkspace out{.workspace = outcome.workspace,
                           .created = outcome.created,
                           .schema_version = outcome.schema_version};
  if (!out.created) {
    out.findings.push_back(MakeFinding(Severity::kInfo, "workspace.exists", out.workspace.root,
                                       out.workspace.root + " is already an airm workspace ('" +
                                           out.workspace.name + "'); nothing changed"));
  }
  return out;
}

}  // namespace airm::usecases
