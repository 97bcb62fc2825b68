// RenderProfileJson: the profile module's JSON form plus the run's header.
#include <nlohmann/json.hpp>

#include "airm/profile.h"
#include "airm/report.h"

namespace airm {

std::string RenderProfileJson(const Profile& p, const InputInfo& input, const ReportMeta& meta) {
  // Parsed back from text: the profile module keeps nlohmann out of its API.
  nlohmann::json doc = nlohmann::json::parse(ProfileJsonText(p));
  doc["airm_version"] = meta.airm_version;
  doc["generated_at"] = meta.generated_at;
  doc["command"] = meta.command_line;
  doc["inputs"] = {{"data",
                    {{"path", input.path},
                     {"sha256", input.sha256},
                     {"rows", input.rows},
                     {"columns", input.columns},
                     {"bytes", input.bytes}}}};
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace airm
