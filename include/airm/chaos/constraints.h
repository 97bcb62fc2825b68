// Feature constraints for the manipulation test: which changes to a row a
// person could actually make, what each costs, and in which direction the
// model's score is declared to move with a feature.
//
// File format (YAML; docs/chaos-manipulation.md has the full reference):
//
//   unlisted: mutable            # or immutable: features not listed below
//   features:
//     Age:      {immutable: true}
//     Income:   {range: [0, 1000], cost: 1.0, monotone: decreasing}
//     Seniority: {integer: true, change: increase}
//     Home:     {categories: [owner, rent, parents], cost: 2}
//
// Per feature, every key is optional:
//   immutable   true: the search never changes the feature
//   range       [lo, hi]: allowed values of a numeric feature (default: the
//               range observed in the data)
//   categories  allowed values of a categorical feature (default: observed)
//   monotone    increasing | decreasing: declared direction of the model's
//               score as the feature grows (checked, not searched)
//   cost        cost of a change, >= 0: per reference standard deviation of
//               a numeric feature, per change of a categorical one (default 1)
//   integer     true | false: values stay whole numbers (default: true when
//               every observed value is whole)
//   change      any | increase | decrease: allowed direction of a change
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "airm/status.h"

namespace airm::chaos {

enum class MonotoneDirection { kIncreasing, kDecreasing };
const char* MonotoneDirectionName(MonotoneDirection d);  // "increasing", "decreasing"

enum class ChangeDirection { kAny, kIncrease, kDecrease };
const char* ChangeDirectionName(ChangeDirection d);  // "any", "increase", "decrease"

struct FeatureConstraint {
  bool immutable = false;
  std::optional<double> range_lo;  // both set or both empty
  std::optional<double> range_hi;
  std::optional<std::vector<std::string>> categories;
  std::optional<MonotoneDirection> monotone;
  double cost = 1.0;
  std::optional<bool> integer;  // empty: decided from the data
  ChangeDirection change = ChangeDirection::kAny;
};

struct Constraints {
  bool unlisted_immutable = false;  // `unlisted: immutable`
  std::map<std::string, FeatureConstraint> features;
  std::string source;  // file name, for messages

  // The constraint of `feature`: the listed one, or the default for
  // unlisted features (mutable or immutable per `unlisted`).
  FeatureConstraint For(const std::string& feature) const;
};

// Parses constraints from YAML text. `source` names the text in errors.
// ParseError "SOURCE:LINE:COLUMN: ..." (1-based, from the YAML parser's mark)
// saying what was expected, for malformed YAML, unknown keys, wrong types, a
// range with lo > hi or non-finite ends, a negative cost, both `range` and
// `categories` on one feature, or a bad `monotone` / `change` / `unlisted`.
Result<Constraints> ParseConstraints(std::string_view yaml_text, std::string_view source);

// Reads and parses a constraints file. IoError when it cannot be read.
Result<Constraints> LoadConstraintsFile(const std::string& path);

}  // namespace airm::chaos
