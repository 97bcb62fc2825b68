#include "airm/out_of_scope.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "airm/profile_sketches.h"

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

namespace {

// [low, high] rows of a numeric profile inside a range: finite values from
// the KLL ranks, ±Inf counted exactly.
ScopeCountBounds NumericInside(const ColumnProfile& c, const ScopeRange& r, uint64_t* estimate) {
  const sketch::KllSketch& kll = c.sketches.quantiles;
  const double n = static_cast<double>(c.finite_count);
  double fraction = 0, error = 0;
  if (!kll.empty()) {
    // Fraction of values > above: 1 - rank(above); < below: rank of the
    // largest double below it, so ties at `below` stay outside.
    const double low_rank = r.above ? kll.Rank(*r.above).value_or(0) : 0.0;
    const double high_rank =
        r.below ? kll.Rank(std::nextafter(*r.below, -HUGE_VAL)).value_or(0) : 1.0;
    fraction = std::max(0.0, high_rank - low_rank);
    const bool exact = kll.n() == kll.num_retained();
    error =
        exact ? 0.0 : (r.above && r.below ? kll.DoubleSidedRankError() : kll.NormalizedRankError());
  }
  const uint64_t infinite =
      (r.above && !r.below ? c.pos_inf_count : 0) + (r.below && !r.above ? c.neg_inf_count : 0);
  *estimate = static_cast<uint64_t>(std::llround(fraction * n)) + infinite;
  // A sketch that kept every value counts exactly; round away the
  // floating-point noise of fraction * n rather than widen it to an interval.
  const double low =
      error == 0 ? std::round(fraction * n) : std::max(0.0, std::floor((fraction - error) * n));
  const double high =
      error == 0 ? std::round(fraction * n) : std::min(n, std::ceil((fraction + error) * n));
  return {static_cast<uint64_t>(low) + infinite, static_cast<uint64_t>(high) + infinite};
}

// [low, high] rows of a column whose value is one of r.values, from the
// frequent-items summary: a stored item's true count lies in
// [count - error, count], an unstored one's in [0, unstored_bound].
template <typename T>
ScopeCountBounds ValuesInside(const sketch::SpaceSaving<T>& items, const std::vector<T>& values) {
  ScopeCountBounds b;
  for (const T& v : values) {
    const auto it = std::find_if(items.items().begin(), items.items().end(),
                                 [&](const auto& item) { return item.value == v; });
    if (it == items.items().end()) {
      b.high += items.unstored_bound();
    } else {
      b.low += it->count - it->error;
      b.high += it->count;
    }
  }
  return b;
}

}  // namespace

std::vector<ScopeRangeShare> MeasureScopeRanges(const Profile& current,
                                                const std::vector<ScopeRange>& ranges,
                                                std::vector<ScopeCountBounds>* bounds) {
  std::vector<ScopeRangeShare> out;
  if (bounds != nullptr) bounds->assign(ranges.size(), ScopeCountBounds{});
  for (const ScopeRange& r : ranges) {
    ScopeRangeShare s{.range = r};
    const ColumnProfile* c = current.FindColumn(r.column);
    if (c == nullptr) {
      s.note = "the current data has no column " + r.column;
      out.push_back(std::move(s));
      continue;
    }
    if (r.values.empty() && c->kind != ColumnProfileKind::kNumeric) {
      s.note = "column " + r.column + " holds text, the condition needs numbers";
      out.push_back(std::move(s));
      continue;
    }
    s.rows_known = c->count - c->null_count;
    ScopeCountBounds b;
    if (r.values.empty()) {
      b = NumericInside(*c, r, &s.rows_inside);
    } else if (c->kind == ColumnProfileKind::kText) {
      b = ValuesInside(c->sketches.text_items, r.values);
    } else {
      // Values of a number column are compared as numbers; text that is no
      // number matches nothing.
      std::vector<double> numbers;
      for (const std::string& v : r.values) {
        char* end = nullptr;
        const double x = std::strtod(v.c_str(), &end);
        if (!v.empty() && end == v.c_str() + v.size()) numbers.push_back(x);
      }
      b = ValuesInside(c->sketches.numeric_items, numbers);
    }
    b.high = std::min(b.high, s.rows_known);
    b.low = std::min(b.low, b.high);
    if (!r.values.empty()) s.rows_inside = b.low + (b.high - b.low) / 2;
    s.rows_inside = std::clamp(s.rows_inside, b.low, b.high);
    if (bounds != nullptr) (*bounds)[out.size()] = b;
    if (s.rows_known > 0) {
      s.share = static_cast<double>(s.rows_inside) / static_cast<double>(s.rows_known);
      s.note = b.low == b.high
                   ? "counted from the sketches, which kept every value"
                   : "estimated from the sketches: between " + std::to_string(b.low) + " and " +
                         std::to_string(b.high) + " rows (" +
                         Number(static_cast<double>(b.low) / s.rows_known, true) + " to " +
                         Number(static_cast<double>(b.high) / s.rows_known, true) + ")";
    } else {
      s.note = "no current row has a value in " + r.column;
    }
    out.push_back(std::move(s));
  }
  return out;
}

void AddScopeFindings(std::vector<ScopeRangeShare> shares, DriftResult* result) {
  for (const ScopeRangeShare& s : shares) {
    if (s.rows_inside == 0 || !s.share) continue;
    Finding f =
        MakeFinding(Severity::kWarn, "drift.out_of_scope", s.range.column,
                    Number(*s.share, /*percent=*/true) + " of current rows (" +
                        std::to_string(s.rows_inside) + " of " + std::to_string(s.rows_known) +
                        ") fall in a use the model card rules out (" + ScopeConditionText(s.range) +
                        "): " + s.range.description + (s.note.empty() ? "" : " (" + s.note + ")"));
    f.evidence["share"] = *s.share;
    f.evidence["rows_inside"] = static_cast<double>(s.rows_inside);
    result->findings.push_back(std::move(f));
  }
  result->out_of_scope = std::move(shares);
}

}  // namespace airm
