#include "airm/out_of_scope.h"

#include <algorithm>
#include <cstdio>

namespace airm {
namespace {

// The drift module does not link the renderers: a bound as written ("45"),
// a share as a percentage with one decimal ("99.5%").
std::string Number(double x, bool percent = false) {
  char buf[32];
  std::snprintf(buf, sizeof buf, percent ? "%.1f%%" : "%g", percent ? 100 * x : x);
  return buf;
}

bool Inside(const ScopeRange& r, const Column& column, size_t row) {
  if (!r.values.empty()) {
    const std::string text = column.TextAt(row);
    return std::find(r.values.begin(), r.values.end(), text) != r.values.end();
  }
  if (!column.is_numeric()) return false;
  const double v = column.NumericAt(row);
  return (!r.above || v > *r.above) && (!r.below || v < *r.below);
}

}  // namespace

std::string ScopeConditionText(const ScopeRange& r) {
  if (!r.values.empty()) {
    std::string out = r.column + " is ";
    for (size_t i = 0; i < r.values.size(); ++i) {
      out += (i == 0 ? "" : i + 1 == r.values.size() ? " or " : ", ") + r.values[i];
    }
    return out;
  }
  if (r.above && r.below) return Number(*r.above) + " < " + r.column + " < " + Number(*r.below);
  if (r.above) return r.column + " > " + Number(*r.above);
  if (r.below) return r.column + " < " + Number(*r.below);
  return r.column;
}

std::vector<ScopeRangeShare> MeasureScopeRanges(const Table& current,
                                                const std::vector<ScopeRange>& ranges) {
  std::vector<ScopeRangeShare> out;
  for (const ScopeRange& r : ranges) {
    ScopeRangeShare s{.range = r};
    const std::optional<size_t> index = current.FindColumn(r.column);
    if (!index) {
      s.note = "the current data has no column " + r.column;
    } else {
      const Column& column = current.column(*index);
      if (r.values.empty() && !column.is_numeric()) {
        s.note = "column " + r.column + " holds text, the condition needs numbers";
      } else {
        for (size_t row = 0; row < column.size(); ++row) {
          if (!column.IsValid(row)) continue;
          ++s.rows_known;
          s.rows_inside += Inside(r, column, row);
        }
        if (s.rows_known > 0) {
          s.share = static_cast<double>(s.rows_inside) / static_cast<double>(s.rows_known);
        } else {
          s.note = "no current row has a value in " + r.column;
        }
      }
    }
    out.push_back(std::move(s));
  }
  return out;
}

void AddScopeFindings(std::vector<ScopeRangeShare> shares, DriftResult* result) {
  for (const ScopeRangeShare& s : shares) {
    if (s.rows_inside == 0 || !s.share) continue;
    Finding f = MakeFinding(
        Severity::kWarn, "drift.out_of_scope", s.range.column,
        Number(*s.share, /*percent=*/true) + " of current rows (" + std::to_string(s.rows_inside) +
            " of " + std::to_string(s.rows_known) + ") fall in a use the model card rules out (" +
            ScopeConditionText(s.range) + "): " + s.range.description);
    f.evidence["share"] = *s.share;
    f.evidence["rows_inside"] = static_cast<double>(s.rows_inside);
    result->findings.push_back(std::move(f));
  }
  result->out_of_scope = std::move(shares);
}

}  // namespace airm
