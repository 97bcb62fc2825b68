// Gates: the one --fail-on language shared by every command.
//
// A gate list is comma-separated conditions; the gate fails when any holds.
//   PATH OP VALUE   OP one of < <= > >= == !=; VALUE a number, true/false,
//                   or a word (compared as text, e.g. verdict.quality==fail)
//   PATH            holds when the value at PATH is true
//   ALIAS           a command's shorthand (drift: "drift", "quality", "any")
// PATH is dotted into the result JSON. In an array of objects, a segment
// selects the element whose "name" equals it (columns.Income.effect_size).
// A path that does not exist is a usage error, never a silent pass. An
// undefined (null) value never satisfies a comparison and is reported.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "airm/status.h"

namespace airm {

struct GateOutcome {
  std::string condition;  // as written (aliases expanded)
  bool held = false;
  std::string observed;  // the value found, as JSON text ("null" if undefined)
};

using GateAliases = std::map<std::string, std::vector<std::string>>;

Result<std::vector<GateOutcome>> EvaluateGates(std::string_view expressions,
                                               std::string_view result_json,
                                               const GateAliases& aliases);

// True when any outcome held.
bool AnyGateHeld(const std::vector<GateOutcome>& outcomes);

}  // namespace airm
