#include "airm/gate.h"

#include <charconv>
#include <nlohmann/json.hpp>

namespace airm {
namespace {

using nlohmann::json;

std::string Trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t");
  size_t e = s.find_last_not_of(" \t");
  return b == std::string_view::npos ? "" : std::string(s.substr(b, e - b + 1));
}

std::vector<std::string> Split(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t pos = s.find(sep, start);
    out.push_back(Trim(s.substr(start, pos == std::string_view::npos ? pos : pos - start)));
    if (pos == std::string_view::npos) return out;
    start = pos + 1;
  }
}

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
  }
  return keys.empty() ? "none" : keys;
}

Result<const json*> Resolve(const json& root, const std::string& path) {
  const json* node = &root;
  std::string walked;
  for (const std::string& part : Split(path, '.')) {
    const json* next = nullptr;
    if (node->is_object() && node->contains(part)) {
      next = &(*node)[part];
    } else if (node->is_array()) {
      for (const json& e : *node) {
        if (e.is_object() && e.contains("name") && e["name"] == part) {
          next = &e;
          break;
        }
      }
    }
    if (next == nullptr) {
      return Status::InvalidArgument("--fail-on: '" + path + "' does not exist in the result" +
                                     (walked.empty() ? "" : " (at '" + walked + "')") +
                                     "; available here: " + KeysOf(*node));
    }
    walked += (walked.empty() ? "" : ".") + part;
    node = next;
  }
  return node;
}

struct Op {
  const char* text;
  int kind;  // 0 <, 1 <=, 2 >, 3 >=, 4 ==, 5 !=
};
constexpr Op kOps[] = {{"<=", 1}, {">=", 3}, {"==", 4}, {"!=", 5}, {"<", 0}, {">", 2}};

bool Compare(double a, double b, int kind) {
  switch (kind) {
    case 0:
      return a < b;
    case 1:
      return a <= b;
    case 2:
      return a > b;
    case 3:
      return a >= b;
    case 4:
      return a == b;
    default:
      return a != b;
  }
}

Result<GateOutcome> EvaluateOne(const json& root, const std::string& condition) {
  GateOutcome out;
  out.condition = condition;
  for (const Op& op : kOps) {
    size_t pos = condition.find(op.text);
    if (pos == std::string::npos) continue;
    std::string path = Trim(condition.substr(0, pos));
    std::string rhs = Trim(condition.substr(pos + std::char_traits<char>::length(op.text)));
    if (path.empty() || rhs.empty()) {
      return Status::InvalidArgument("--fail-on: cannot read condition '" + condition +
                                     "' (expected PATH OP VALUE)");
    }
    AIRM_ASSIGN_OR_RETURN(const json* node, Resolve(root, path));
    out.observed = node->dump();
    if (node->is_null()) return out;  // undefined never satisfies a comparison
    double number = 0;
    auto [end, ec] = std::from_chars(rhs.data(), rhs.data() + rhs.size(), number);
    const bool rhs_is_number = ec == std::errc() && end == rhs.data() + rhs.size();
    if (node->is_number() && rhs_is_number) {
      out.held = Compare(node->get<double>(), number, op.kind);
    } else if (node->is_boolean() && (rhs == "true" || rhs == "false") && op.kind >= 4) {
      out.held = (node->get<bool>() == (rhs == "true")) == (op.kind == 4);
    } else if (node->is_string() && !rhs_is_number && op.kind >= 4) {
      out.held = (node->get<std::string>() == rhs) == (op.kind == 4);
    } else {
      return Status::InvalidArgument("--fail-on: '" + condition + "' compares " + out.observed +
                                     " with '" + rhs + "', which is not comparable");
    }
    return out;
  }
  std::string path = Trim(condition);
  AIRM_ASSIGN_OR_RETURN(const json* node, Resolve(root, path));
  out.observed = node->dump();
  if (!node->is_boolean() && !node->is_null()) {
    return Status::InvalidArgument("--fail-on: '" + condition + "' is " + out.observed +
                                   ", not true/false; compare it with an operator");
  }
  out.held = node->is_boolean() && node->get<bool>();
  return out;
}

}  // namespace

Result<std::vector<GateOutcome>> EvaluateGates(std::string_view expressions,
                                               std::string_view result_json,
                                               const GateAliases& aliases) {
  json root = json::parse(result_json, nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded()) return Status::Internal("gate: the result is not valid JSON");
  std::vector<GateOutcome> out;
  for (const std::string& item : Split(expressions, ',')) {
    if (item.empty()) {
      return Status::InvalidArgument("--fail-on: empty condition in '" + std::string(expressions) +
                                     "'");
    }
    auto alias = aliases.find(item);
    std::vector<std::string> conditions =
        alias == aliases.end() ? std::vector<std::string>{item} : alias->second;
    for (const std::string& c : conditions) {
      AIRM_ASSIGN_OR_RETURN(GateOutcome g, EvaluateOne(root, c));
      out.push_back(std::move(g));
    }
  }
  return out;
}

bool AnyGateHeld(const std::vector<GateOutcome>& outcomes) {
  for (const GateOutcome& g : outcomes) {
    if (g.held) return true;
  }
  return false;
}

}  // namespace airm
