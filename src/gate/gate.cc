#include "airm/gate.h"

#include <charconv>
#include <nlohmann/json.hpp>

#include "gate_parse.h"

namespace airm {
namespace {

using nlohmann::json;

std::string KeysOf(const json& node) {
  std::string keys;
  if (node.is_object()) {
    for (auto it = node.begin(); it != node.end(); ++it)
      keys += (keys.empty() ? "" : ", ") + it.key();
  } else if (node.is_array()) {
    for (const json& e : node) {
      if (e.is_object() && e.contains("name") && e["name"].is_string()) {
        keys += (keys.empty() ? "" : ", ") + e["name"].get<std::string>();
      }
    }
    if (keys.empty() && !node.empty()) keys = "indices 0.." + std::to_string(node.size() - 1);
  }
  return keys.empty() ? "none" : keys;
}

// JSON text of a value for messages; invalid UTF-8 in the result (a column
// name from a file) is replaced rather than thrown.
std::string Show(const json& node) {
  return node.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string JoinPath(const std::vector<std::string>& segments, size_t count) {
  std::string out;
  for (size_t i = 0; i < count; ++i) {
    const std::string& s = segments[i];
    const bool plain = s.find_first_of(".[]`,?'\"<>=! \t") == std::string::npos;
    out += (i == 0 ? "" : ".") + (plain ? s : "`" + s + "`");
  }
  return out;
}

Result<const json*> Resolve(const json& root, const gate::Condition& c) {
  const json* node = &root;
  for (size_t i = 0; i < c.segments.size(); ++i) {
    const std::string& part = c.segments[i];
    const json* next = nullptr;
    if (node->is_object()) {
      auto it = node->find(part);
      if (it != node->end()) next = &*it;
    } else if (node->is_array()) {
      for (const json& e : *node) {
        if (e.is_object() && e.contains("name") && e["name"] == part) {
          next = &e;
          break;
        }
      }
      size_t index = 0;
      auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), index);
      if (next == nullptr && ec == std::errc() && end == part.data() + part.size() &&
          index < node->size()) {
        next = &(*node)[index];
      }
    }
    if (next == nullptr) {
      return Status::InvalidArgument(OptionRef("fail-on") + ": '" +
                                     JoinPath(c.segments, c.segments.size()) +
                                     "' does not exist in the result" +
                                     (i == 0 ? "" : " (at '" + JoinPath(c.segments, i) + "')") +
                                     "; available here: " + KeysOf(*node));
    }
    node = next;
  }
  return node;
}

bool CompareNumbers(double a, double b, gate::Op op) {
  switch (op) {
    case gate::Op::kLess:
      return a < b;
    case gate::Op::kLessEqual:
      return a <= b;
    case gate::Op::kGreater:
      return a > b;
    case gate::Op::kGreaterEqual:
      return a >= b;
    case gate::Op::kEqual:
      return a == b;
    case gate::Op::kNotEqual:
      return a != b;
  }
  return false;
}

bool IsEquality(gate::Op op) { return op == gate::Op::kEqual || op == gate::Op::kNotEqual; }

Status NotComparable(const gate::Condition& c, const std::string& observed, const char* why) {
  return Status::InvalidArgument(OptionRef("fail-on") + ": '" + c.text +
                                 "' cannot be evaluated: the value is " + observed + "; " + why);
}

Result<GateOutcome> EvaluateOne(const json& root, const gate::Condition& c) {
  using Kind = gate::Value::Kind;
  GateOutcome out;
  out.condition = c.text;
  AIRM_ASSIGN_OR_RETURN(const json* node, Resolve(root, c));
  out.observed = Show(*node);
  if (!c.op) {
    if (node->is_null()) {
      out.held = !c.undefined_passes;
      return out;
    }
    if (!node->is_boolean()) {
      return NotComparable(c, out.observed, "a bare path must be true/false; add OP VALUE");
    }
    out.held = node->get<bool>();
    return out;
  }
  const gate::Op op = *c.op;
  const bool equal = op == gate::Op::kEqual;
  if (c.value.kind == Kind::kNull) {
    if (!IsEquality(op)) return NotComparable(c, out.observed, "null compares only with == or !=");
    out.held = node->is_null() == equal;
    return out;
  }
  // Undefined fails a gate unless the condition says otherwise (PATH?):
  // a check that could not be computed is not a check that passed.
  if (node->is_null()) {
    out.held = !c.undefined_passes;
    return out;
  }
  if (node->is_number()) {
    if (c.value.kind != Kind::kNumber) {
      return NotComparable(c, out.observed, "compare a number with a number");
    }
    out.held = CompareNumbers(node->get<double>(), c.value.number, op);
  } else if (node->is_boolean()) {
    if (c.value.kind != Kind::kBool || !IsEquality(op)) {
      return NotComparable(c, out.observed, "compare true/false with == or != true/false");
    }
    out.held = (node->get<bool>() == c.value.boolean) == equal;
  } else if (node->is_string()) {
    if (c.value.kind != Kind::kString || !IsEquality(op)) {
      return NotComparable(c, out.observed, "compare text with == or != and a word or quoted text");
    }
    out.held = (node->get<std::string>() == c.value.text) == equal;
  } else {
    return NotComparable(
        c, out.observed.size() > 80 ? (node->is_array() ? "a list" : "an object") : out.observed,
        "choose a number, text or true/false inside it");
  }
  return out;
}

}  // namespace

namespace {

// Every condition of the list, aliases expanded, parsed before any is used so
// a typo late in the list is reported as such.
Result<std::vector<gate::Condition>> ParseGateList(std::string_view expressions,
                                                   const GateAliases& aliases) {
  AIRM_ASSIGN_OR_RETURN(auto items, gate::SplitConditions(expressions));
  std::vector<gate::Condition> conditions;
  for (const auto& [item, position] : items) {
    auto alias = aliases.find(item);
    if (alias == aliases.end()) {
      AIRM_ASSIGN_OR_RETURN(gate::Condition c, gate::ParseCondition(item, position));
      conditions.push_back(std::move(c));
      continue;
    }
    for (const std::string& expansion : alias->second) {
      AIRM_ASSIGN_OR_RETURN(gate::Condition c, gate::ParseCondition(expansion, 1));
      conditions.push_back(std::move(c));
    }
  }
  return conditions;
}

}  // namespace

Result<std::vector<GateOutcome>> EvaluateGates(std::string_view expressions,
                                               std::string_view result_json,
                                               const GateAliases& aliases) {
  json root = json::parse(result_json, nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded()) return Status::Internal("gate: the result is not valid JSON");
  AIRM_ASSIGN_OR_RETURN(std::vector<gate::Condition> conditions,
                        ParseGateList(expressions, aliases));
  std::vector<GateOutcome> out;
  for (const gate::Condition& c : conditions) {
    AIRM_ASSIGN_OR_RETURN(GateOutcome g, EvaluateOne(root, c));
    out.push_back(std::move(g));
  }
  return out;
}

namespace {

// The path of a comparison as written: the text before the operator (a
// quoted segment may hold operator characters, so search from the end of the
// written value), without a trailing '?'.
std::string WrittenPath(const gate::Condition& c) {
  const size_t at = c.text.rfind(gate::OpText(*c.op));
  std::string path = at == std::string::npos ? "" : c.text.substr(0, at);
  while (!path.empty() && (path.back() == ' ' || path.back() == '\t')) path.pop_back();
  if (!path.empty() && path.back() == '?') path.pop_back();
  return path;
}

}  // namespace

Result<std::vector<GateThreshold>> GateThresholds(std::string_view expressions,
                                                  const GateAliases& aliases) {
  AIRM_ASSIGN_OR_RETURN(std::vector<gate::Condition> conditions,
                        ParseGateList(expressions, aliases));
  std::vector<GateThreshold> out;
  for (const gate::Condition& c : conditions) {
    if (!c.op || c.value.kind != gate::Value::Kind::kNumber) continue;
    out.push_back({.path = WrittenPath(c), .op = gate::OpText(*c.op), .value = c.value.number});
  }
  return out;
}

Result<std::optional<GateThreshold>> GatePlaceholder(std::string_view expression,
                                                     std::string_view word) {
  AIRM_ASSIGN_OR_RETURN(std::vector<gate::Condition> conditions, ParseGateList(expression, {}));
  if (conditions.size() != 1) return std::optional<GateThreshold>();
  const gate::Condition& c = conditions[0];
  if (!c.op || c.value.kind != gate::Value::Kind::kString || c.value.text != word) {
    return std::optional<GateThreshold>();
  }
  return std::optional<GateThreshold>(
      GateThreshold{.path = WrittenPath(c), .op = gate::OpText(*c.op), .value = 0});
}

bool MentionsPlaceholder(std::string_view expressions, std::string_view word) {
  auto conditions = ParseGateList(expressions, {});
  if (!conditions.ok()) return false;
  for (const gate::Condition& c : *conditions) {
    if (c.op && c.value.kind == gate::Value::Kind::kString && c.value.text == word) return true;
  }
  return false;
}

bool AnyGateHeld(const std::vector<GateOutcome>& outcomes) {
  for (const GateOutcome& g : outcomes) {
    if (g.held) return true;
  }
  return false;
}

}  // namespace airm
