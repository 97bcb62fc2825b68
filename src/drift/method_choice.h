// How each column is tested: the automatic choice and the named methods.
//
// Every column gets two numbers: a significance test (is the change real?)
// and an effect size (is it big enough to matter?). A column drifts only when
// both say so, so a million rows do not flag a negligible shift; a large
// effect on too few rows to be significant is reported as a warning finding
// rather than hidden. The rules are in docs/drift-methods.md.
#pragma once

#include <string>
#include <string_view>

#include "airm/column.h"
#include "airm/table.h"

namespace airm::drift {

enum class ColumnKind {
  kContinuous,   // numeric with more than kDiscreteLimit distinct values (or any float)
  kCategorical,  // text, bool, or integers with at most kDiscreteLimit distinct values
  kBinary,       // exactly two distinct values (or fewer) on both sides together
};
const char* ColumnKindName(ColumnKind kind);

// Integer columns with at most this many distinct values are compared as
// categories: KS p-values are conservative on heavily tied data.
inline constexpr size_t kDiscreteLimit = 10;

struct MethodPlan {
  std::string method;          // the deciding test or distance
  bool method_is_test = true;  // true: decides by p-value; false: by statistic >= threshold
  double threshold = 0.05;
  std::string effect_size_name;
  double effect_size_threshold = 0.1;
  std::string note;  // set when --method did not apply and the automatic choice was used
};

// Names accepted by --method besides "auto".
bool IsKnownMethod(std::string_view name);
// True when `method` can be computed for a column of this kind.
bool MethodApplies(std::string_view method, ColumnKind kind);
// The default cut-off of a distance method (PSI 0.2, the others 0.1).
double DefaultDistanceThreshold(std::string_view method);
bool IsSignificanceTest(std::string_view method);
// True for the tests and distances computed on the numeric values themselves
// (KS, Cramér–von Mises, Anderson–Darling, energy, Wasserstein) rather than on
// binned or per-category counts.
bool NeedsNumericValues(std::string_view method);

// The target, prediction and score columns: the model's outputs, tested as
// their own family and reported apart from the inputs.
bool IsOutputRole(ColumnRole role);

// A binary or categorical target or output is a proportion, and its reader
// asks how many percentage points a class's share moved (a bad rate going
// from 30% to 21%), not how far apart two distributions are in bits. Its
// effect size is therefore the total variation distance, which for two
// classes is exactly that share change, and it drifts from this many points.
inline constexpr double kOutputShareChangeThreshold = 0.05;
// Switches `plan`'s effect size to "tvd" with kOutputShareChangeThreshold for
// a non-continuous output column (IsOutputRole); leaves any other plan as is.
void UseShareChangeForProportions(ColumnRole role, ColumnKind kind, MethodPlan* plan);

// `requested` is "auto" or a method name; when it does not apply to `kind`,
// the automatic choice is used and `note` says so.
MethodPlan ChooseMethod(ColumnKind kind, std::string_view requested, double alpha);

}  // namespace airm::drift
