// Gates: the one --fail-on language shared by every command.
//
// A gate list is comma-separated conditions; the gate fails when any holds.
//   PATH OP VALUE   OP one of < <= > >= == !=; VALUE a number, true/false,
//                   null, 'text' or "text", or a bare word compared as text
//                   (verdict.quality==fail and verdict.quality=="fail" agree)
//   PATH            holds when the value at PATH is true
//   ALIAS           a command's shorthand (drift: "drift", "quality", "any")
// PATH is dotted into the result JSON. In an array of objects, a segment
// selects the element whose "name" equals it (columns.Income.effect_size),
// else a number selects by index. A key containing dots or operator
// characters is quoted: columns.`a.b`.psi or columns["a.b"].psi.
// Undefined (null) holds, i.e. fails the gate, unless the path ends in '?'
// (columns.x.p_value? < 0.05 passes when p_value is null); `PATH == null`
// tests for undefined explicitly.
// Every condition is parsed before any is evaluated. A condition that cannot
// be read (with its position), a path that does not exist (with what exists
// there), or a comparison of mismatched types is a usage error
// (kInvalidArgument), never a silent pass.
#pragma once

#include <map>
#include <optional>
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

// A numeric comparison in a gate list, for drawing it as a threshold line on
// a chart of PATH: "columns.x.effect_size>0.2" is {"columns.x.effect_size",
// ">", 0.2}. `path` is as written (without a trailing '?'), so passing
// `path + "==null"` to EvaluateGates reads the value the gate compares.
struct GateThreshold {
  std::string path;
  std::string op;  // < <= > >= == !=
  double value = 0;
};

// The numeric comparisons of `expressions`, aliases expanded, in order;
// booleans, text comparisons and bare paths are left out. Parse errors as
// EvaluateGates.
Result<std::vector<GateThreshold>> GateThresholds(std::string_view expressions,
                                                  const GateAliases& aliases);

// A comparison with a word standing for a number decided later
// ("columns.x.effect_size > learned", a learned alert threshold): its path as
// written and its operator (value 0). nullopt unless `expression` is exactly
// one condition PATH OP WORD. Parse errors as EvaluateGates.
Result<std::optional<GateThreshold>> GatePlaceholder(std::string_view expression,
                                                     std::string_view word);

// True when some condition of `expressions` compares with the bare word
// `word` (false when the list does not parse).
bool MentionsPlaceholder(std::string_view expressions, std::string_view word);

}  // namespace airm
