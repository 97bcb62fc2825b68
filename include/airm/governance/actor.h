// Who is acting. Until airm has accounts (the server issue), the acting person
// comes from the --actor flag, else the `actor:` key of the workspace's
// airm.yaml, else the operating-system user; every governance action records
// the name and where it came from, and the CLI prints both.
#pragma once

#include <optional>
#include <string>

#include "airm/status.h"

namespace airm::governance {

struct Actor {
  std::string name;
  std::string source;  // "--actor", "airm.yaml", "operating-system user"
};

// `workspace_root` "" (a bare store file) skips airm.yaml. ParseError naming
// the file and line when airm.yaml's actor is not a single value;
// InvalidArgument when --actor is given but empty (flag: nullopt = not given).
Result<Actor> ResolveActor(const std::optional<std::string>& flag,
                           const std::string& workspace_root);

}  // namespace airm::governance
