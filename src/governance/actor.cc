#include "airm/governance/actor.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>

#include "airm/small_file.h"
#include "airm/store/environment.h"
#include "airm/store/workspace.h"

namespace airm::governance {

Result<Actor> ResolveActor(const std::optional<std::string>& flag,
                           const std::string& workspace_root) {
  if (flag) {
    if (flag->empty()) return Status::InvalidArgument("--actor must name a person");
    return Actor{*flag, "--actor"};
  }
  if (!workspace_root.empty()) {
    const std::string path =
        (std::filesystem::path(workspace_root) / store::kWorkspaceFile).string();
    std::error_code ec;
    if (std::filesystem::exists(path, ec)) {
      AIRM_ASSIGN_OR_RETURN(std::string text, ReadSmallFile(path, "workspace file"));
      try {
        const YAML::Node doc = YAML::Load(text);
        if (doc.IsMap() && doc["actor"]) {
          const YAML::Node actor = doc["actor"];
          if (!actor.IsScalar() || actor.Scalar().empty()) {
            return Status::ParseError(path + ":" +
                                      std::to_string(std::max(actor.Mark().line, 0) + 1) +
                                      ": 'actor' must name one person");
          }
          return Actor{actor.Scalar(), "airm.yaml"};
        }
      } catch (const YAML::Exception& e) {
        return Status::ParseError(path + ":" + std::to_string(std::max(e.mark.line, 0) + 1) + ": " +
                                  e.msg);
      }
    }
  }
  return Actor{store::CurrentUser(), "operating-system user"};
}

}  // namespace airm::governance
