// Reading a constraints file (format in airm/chaos/constraints.h). Every
// error names SOURCE:LINE:COLUMN from the YAML parser's mark (1-based) and
// what was expected there. yaml-cpp exceptions stay inside this file.
#include <yaml-cpp/yaml.h>

#include <cmath>
#include <optional>
#include <set>
#include <string>

#include "airm/chaos/constraints.h"
#include "airm/small_file.h"

namespace airm::chaos {
namespace {

class Parser {
 public:
  explicit Parser(std::string source) : source_(std::move(source)) {}

  Status Error(const YAML::Mark& mark, const std::string& what) const {
    // A null node has no position; yaml-cpp reports -1 then.
    const int line = mark.line >= 0 ? mark.line + 1 : 1;
    const int column = mark.column >= 0 ? mark.column + 1 : 1;
    return Status::ParseError(source_ + ":" + std::to_string(line) + ":" + std::to_string(column) +
                              ": " + what);
  }

  Result<Constraints> Parse(const YAML::Node& root) const {
    Constraints out;
    out.source = source_;
    if (!root.IsMap()) {
      return Error(root.Mark(),
                   "expected a mapping with the key 'features' (and optionally "
                   "'unlisted')");
    }
    bool has_features = false;
    for (const auto& kv : root) {
      const std::string key = Scalar(kv.first);
      if (key == "unlisted") {
        const std::string v = Scalar(kv.second);
        if (v != "mutable" && v != "immutable") {
          return Error(kv.second.Mark(), "expected 'mutable' or 'immutable' for 'unlisted'");
        }
        out.unlisted_immutable = v == "immutable";
      } else if (key == "features") {
        has_features = true;
        AIRM_RETURN_IF_ERROR(ParseFeatures(kv.second, &out));
      } else {
        return Error(kv.first.Mark(),
                     "unknown key '" + key + "' (expected 'features' or 'unlisted')");
      }
    }
    if (!has_features) return Error(root.Mark(), "expected the key 'features'");
    return out;
  }

 private:
  static std::string Scalar(const YAML::Node& node) {
    return node.IsScalar() ? node.Scalar() : std::string();
  }

  Status ParseFeatures(const YAML::Node& node, Constraints* out) const {
    if (node.IsNull()) return Status::Ok();
    if (!node.IsMap()) {
      return Error(node.Mark(),
                   "expected a mapping of feature name: {constraints} under "
                   "'features'");
    }
    for (const auto& kv : node) {
      if (!kv.first.IsScalar() || kv.first.Scalar().empty()) {
        return Error(kv.first.Mark(), "expected a feature name");
      }
      const std::string name = kv.first.Scalar();
      if (out->features.count(name)) {
        return Error(kv.first.Mark(), "feature '" + name + "' is listed twice");
      }
      FeatureConstraint c;
      AIRM_RETURN_IF_ERROR(ParseFeature(name, kv.second, &c));
      out->features.emplace(name, std::move(c));
    }
    return Status::Ok();
  }

  Result<double> Number(const YAML::Node& node, const std::string& what) const {
    double v = 0;
    if (!node.IsScalar() || !YAML::convert<double>::decode(node, v) || !std::isfinite(v)) {
      return Error(node.Mark(), "expected a finite number for " + what);
    }
    return v;
  }

  Result<bool> Bool(const YAML::Node& node, const std::string& what) const {
    bool v = false;
    if (!node.IsScalar() || !YAML::convert<bool>::decode(node, v)) {
      return Error(node.Mark(), "expected true or false for " + what);
    }
    return v;
  }

  Status ParseFeature(const std::string& name, const YAML::Node& node, FeatureConstraint* c) const {
    if (!node.IsMap()) {
      return Error(node.Mark(), "expected a mapping of constraints for feature '" + name +
                                    "' (e.g. {immutable: true})");
    }
    // Whether each was seen, and where 'categories' was: the map iterator's
    // nodes do not outlive their loop step, so no pointer to them is kept.
    bool has_range = false;
    std::optional<YAML::Mark> categories_mark;
    for (const auto& kv : node) {
      const std::string key = Scalar(kv.first);
      const YAML::Node& v = kv.second;
      const std::string what = "'" + key + "' of feature '" + name + "'";
      if (key == "immutable") {
        AIRM_ASSIGN_OR_RETURN(c->immutable, Bool(v, what));
      } else if (key == "integer") {
        AIRM_ASSIGN_OR_RETURN(bool integer, Bool(v, what));
        c->integer = integer;
      } else if (key == "cost") {
        AIRM_ASSIGN_OR_RETURN(c->cost, Number(v, what));
        if (c->cost < 0) return Error(v.Mark(), "expected a cost >= 0 for " + what);
      } else if (key == "range") {
        has_range = true;
        if (!v.IsSequence() || v.size() != 2) {
          return Error(v.Mark(), "expected [lo, hi] for " + what);
        }
        AIRM_ASSIGN_OR_RETURN(double lo, Number(v[0], "the lower end of " + what));
        AIRM_ASSIGN_OR_RETURN(double hi, Number(v[1], "the upper end of " + what));
        if (lo > hi) return Error(v.Mark(), "expected lo <= hi in " + what);
        c->range_lo = lo;
        c->range_hi = hi;
      } else if (key == "categories") {
        categories_mark = kv.second.Mark();
        if (!v.IsSequence() || v.size() == 0) {
          return Error(v.Mark(), "expected a non-empty list of values for " + what);
        }
        std::vector<std::string> values;
        std::set<std::string> seen;
        for (const YAML::Node& item : v) {
          if (!item.IsScalar()) return Error(item.Mark(), "expected a value in " + what);
          if (!seen.insert(item.Scalar()).second) {
            return Error(item.Mark(), "value '" + item.Scalar() + "' is listed twice in " + what);
          }
          values.push_back(item.Scalar());
        }
        c->categories = std::move(values);
      } else if (key == "monotone") {
        const std::string s = Scalar(v);
        if (s == "increasing") {
          c->monotone = MonotoneDirection::kIncreasing;
        } else if (s == "decreasing") {
          c->monotone = MonotoneDirection::kDecreasing;
        } else {
          return Error(v.Mark(), "expected 'increasing' or 'decreasing' for " + what);
        }
      } else if (key == "change") {
        const std::string s = Scalar(v);
        if (s == "any") {
          c->change = ChangeDirection::kAny;
        } else if (s == "increase") {
          c->change = ChangeDirection::kIncrease;
        } else if (s == "decrease") {
          c->change = ChangeDirection::kDecrease;
        } else {
          return Error(v.Mark(), "expected 'any', 'increase' or 'decrease' for " + what);
        }
      } else {
        return Error(kv.first.Mark(), "unknown key '" + key + "' for feature '" + name +
                                          "' (expected immutable, range, categories, monotone, "
                                          "cost, integer or change)");
      }
    }
    if (has_range && categories_mark) {
      return Error(*categories_mark, "feature '" + name +
                                         "' has both 'range' (numeric) and 'categories' "
                                         "(categorical); expected one of them");
    }
    return Status::Ok();
  }

  std::string source_;
};

}  // namespace

const char* MonotoneDirectionName(MonotoneDirection d) {
  return d == MonotoneDirection::kIncreasing ? "increasing" : "decreasing";
}

const char* ChangeDirectionName(ChangeDirection d) {
  switch (d) {
    case ChangeDirection::kAny:
      return "any";
    case ChangeDirection::kIncrease:
      return "increase";
    case ChangeDirection::kDecrease:
      return "decrease";
  }
  return "any";
}

FeatureConstraint Constraints::For(const std::string& feature) const {
  const auto it = features.find(feature);
  if (it != features.end()) return it->second;
  FeatureConstraint c;
  c.immutable = unlisted_immutable;
  return c;
}

Result<Constraints> ParseConstraints(std::string_view yaml_text, std::string_view source) {
  const Parser parser{std::string(source)};
  try {
    const YAML::Node root = YAML::Load(std::string(yaml_text));
    return parser.Parse(root);
  } catch (const YAML::Exception& e) {
    return parser.Error(e.mark, e.msg);
  }
}

Result<Constraints> LoadConstraintsFile(const std::string& path) {
  AIRM_ASSIGN_OR_RETURN(const std::string text, ReadSmallFile(path, "constraints file"));
  return ParseConstraints(text, path);
}

}  // namespace airm::chaos
