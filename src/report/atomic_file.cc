// WriteFileAtomically: one output through OutputSet, so a single file and a
// command's set of outputs follow the same rules (links followed, devices and
// pipes written directly, regular files replaced atomically).
#include "airm/output_set.h"
#include "airm/report.h"

namespace airm {

Status WriteFileAtomically(const std::string& path, std::string_view text) {
  if (path.empty()) return Status::IoError("empty output path");
  OutputSet outputs;
  outputs.Add("", path);
  outputs.SetText("", std::string(text));
  return outputs.Commit();
}

}  // namespace airm
