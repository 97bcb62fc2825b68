// libFuzzer target: the --fail-on language (src/gate). The input is the
// expression; it is evaluated against a fixed result document that holds
// every JSON kind, named arrays, keys with dots and operator characters, and
// nulls. Contract checked: EvaluateGates never crashes or throws, and on
// success reports at least one outcome per condition.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "airm/gate.h"

namespace {

constexpr const char* kResult = R"({
  "verdict": {"input_drift": {"drifted": true, "columns_drifted": 3}, "quality": "warn"},
  "columns": [{"name": "Income", "effect_size": 0.25, "p_value": null},
              {"name": "a.b", "psi": 1e300}, {"name": "x==y", "tests": {"ks": {"p": 0.5}}}],
  "segments": [{"name": "region=north", "verdict": {"drifted": false}}],
  "m": {"p<q": true, "": 1, "list": [1, "two", null, {"deep": [[]]}]}
})";

const airm::GateAliases kAliases = {{"drift", {"verdict.input_drift.drifted"}},
                                    {"quality", {"verdict.quality==fail"}}};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view expression(reinterpret_cast<const char*>(data), size);
  auto outcomes = airm::EvaluateGates(expression, kResult, kAliases);
  if (outcomes.ok() && outcomes->empty()) std::abort();  // a list always has a condition
  return 0;
}
