// The control library: airm's controls, each evidenced from the store, and
// the framework items they map to (NIST AI RMF 1.0 subcategories, ISO/IEC
// 42001:2023 Annex A controls, EU AI Act high-risk obligations). The library
// ships compiled in from src/governance/data/control_library.yaml, which
// names its sources; item titles are short paraphrases, not the texts.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "airm/status.h"

namespace airm::governance {

struct Framework {
  std::string id = "";  // "nist-ai-rmf", "iso-42001", "eu-ai-act"
  std::string title = "";
  std::string source = "";
  std::string applies_to_tier = "";  // "" = every system; else only systems of this EU tier
};

struct FrameworkItem {
  std::string framework = "";  // Framework::id
  std::string id = "";         // "GOVERN 1.6", "A.7.5", "Art. 12"
  std::string group = "";      // "GOVERN 1", "A.7 Data for AI systems", …
  std::string title = "";      // a short paraphrase
};

struct ItemRef {
  std::string framework = "";
  std::string id = "";
};

struct Control {
  std::string id = "";  // "AIRM-DQ"
  std::string title = "";
  std::vector<std::string> evidence = {};          // evidence kinds, all required (kEvidenceKinds)
  std::optional<int> max_age_days = std::nullopt;  // evidence older than this has expired
  std::vector<ItemRef> maps = {};
};

struct ControlLibrary {
  std::string name = "";
  int version = 0;
  std::vector<Framework> frameworks = {};
  std::vector<FrameworkItem> items = {};  // in the file's order, framework by framework
  std::vector<Control> controls = {};
  const Framework* FindFramework(std::string_view id) const;
};

// The evidence kinds airm computes from the store (docs/governance.md).
inline constexpr const char* kEvidenceKinds[] = {"inventory",
                                                 "classification",
                                                 "risk_register",
                                                 "risk_treatment",
                                                 "approval",
                                                 "model_card",
                                                 "training_lineage",
                                                 "data_quality",
                                                 "prediction_log",
                                                 "drift_monitoring",
                                                 "performance_evaluation",
                                                 "fairness_evaluation",
                                                 "failure_mode_testing",
                                                 "audit_trail",
                                                 "human_oversight"};
bool IsEvidenceKind(std::string_view kind);

// Parses a library file. ParseError naming `origin`, the line and the key for
// a missing or wrongly typed field, an unknown evidence kind, a duplicate id,
// or a control mapping to an item the library does not list.
Result<ControlLibrary> ParseControlLibrary(std::string_view yaml_text, const std::string& origin);

// The compiled-in library (parsed once; its parse is checked by a test).
Result<ControlLibrary> BuiltinControlLibrary();

}  // namespace airm::governance
