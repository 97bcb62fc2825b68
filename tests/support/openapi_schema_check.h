// Checks a JSON document against one schema of docs/openapi.json
// (components.schemas.NAME) with Debian's python3-jsonschema, through
// tests/support/check_openapi_schema.py: what the server's endpoints promise,
// held against what the renderers write. Shared by the CLI and server tests.
#pragma once

#include <filesystem>
#include <fstream>
#include <string>

#include "run_command.h"

namespace airm::testing {

// "ok\n" when `document` matches schema `name`; else the first error with
// its path ("lapsed_signoffs/0/evidence: …"). `source_dir` is the
// repository's root; the document is written to `scratch_dir`.
inline std::string CheckAgainstOpenApi(const std::string& source_dir, const std::string& document,
                                       const std::string& name,
                                       const std::filesystem::path& scratch_dir) {
  const std::filesystem::path file = scratch_dir / ("openapi-" + name + ".json");
  std::ofstream(file, std::ios::binary | std::ios::trunc) << document;
  const CommandResult check = RunShell(
      "/usr/bin/python3 " + ShellQuote(source_dir + "/tests/support/check_openapi_schema.py") +
          " " + ShellQuote(source_dir + "/docs/openapi.json") + " " + ShellQuote(name) + " < " +
          ShellQuote(file.string()),
      scratch_dir, "openapi");
  return check.out + check.err;
}

}  // namespace airm::testing
