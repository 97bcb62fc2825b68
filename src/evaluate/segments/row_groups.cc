// GroupRows and Intersect: splitting evaluation rows by an attribute.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iterator>
#include <map>
#include <set>
#include <string_view>

#include "airm/groups.h"
#include "airm/stats/binning.h"

namespace airm {
namespace {

// Integer columns with at most this many distinct values are grouped by
// value: codes, counts and flags read better as "3" than as "[2.5, 3.5)".
constexpr size_t kFewValues = 10;

std::string FormatEdge(double v, int digits) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.*g", digits, v);
  return buf;
}

// Labels for the k + 1 bins of stats::Bins with edges e_0 .. e_{k-1}: the
// last edge is nextafter(max), so the bin below it is closed at the maximum.
std::vector<std::string> BinLabels(const std::vector<double>& edges) {
  if (edges.empty()) return {"all values"};
  // Print with 6 significant digits unless two edges would then read alike.
  int digits = 6;
  for (size_t i = 1; i < edges.size(); ++i) {
    if (FormatEdge(edges[i - 1], 6) == FormatEdge(edges[i], 6)) digits = 17;
  }
  const double max = std::nextafter(edges.back(), -INFINITY);
  auto edge = [&](size_t i) { return FormatEdge(i + 1 == edges.size() ? max : edges[i], digits); };
  // Labels are appended piece by piece: GCC 12's -Wrestrict misfires on
  // "literal" + std::string.
  auto join = [](std::initializer_list<std::string_view> parts) {
    std::string out;
    for (std::string_view p : parts) out += p;
    return out;
  };
  std::vector<std::string> labels;
  labels.push_back(join({"< ", edge(0)}));
  for (size_t i = 1; i < edges.size(); ++i) {
    const bool last = i + 1 == edges.size();
    labels.push_back(join({"[", edge(i - 1), ", ", edge(i), last ? "]" : ")"}));
  }
  labels.push_back(join({"> ", edge(edges.size() - 1)}));
  return labels;
}

bool IsMissing(const Column& col, size_t row) {
  if (!col.IsValid(row)) return true;
  return col.type() == DataType::kFloat64 && std::isnan(col.Float64At(row));
}

size_t CountDistinctInts(const Column& col, const EvalData& data, size_t limit) {
  std::set<int64_t> seen;
  for (uint32_t src : data.source_rows) {
    if (!col.IsValid(src)) continue;
    seen.insert(col.int64_values()[src]);
    if (seen.size() > limit) break;
  }
  return seen.size();
}

}  // namespace

Result<std::vector<RowGroup>> GroupRows(const Table& table, const EvalData& data,
                                        const std::string& column, int bins,
                                        const Column* bin_reference) {
  const std::optional<size_t> index = table.FindColumn(column);
  if (!index) return Status::InvalidArgument("unknown column '" + column + "'");
  const Column& col = table.column(*index);
  for (uint32_t src : data.source_rows) {
    if (src >= table.num_rows()) {
      return Status::InvalidArgument("evaluation row refers to table row " + std::to_string(src) +
                                     " but the table has " + std::to_string(table.num_rows()) +
                                     " rows");
    }
  }

  std::vector<RowGroup> out;
  RowGroup missing{kMissingGroupLabel, {}};
  const bool by_value =
      !col.is_numeric() || col.type() == DataType::kBool ||
      (col.type() == DataType::kInt64 && CountDistinctInts(col, data, kFewValues) <= kFewValues);
  if (by_value) {
    // Ints order numerically; everything else by its text.
    std::map<int64_t, RowGroup> by_int;
    std::map<std::string, RowGroup> by_text;
    // Dictionary-encoded text: count by code (no string per row), then label.
    const bool coded = col.type() == DataType::kCategorical;
    std::vector<std::vector<uint32_t>> by_code(coded ? col.dictionary().size() : 0);
    for (uint32_t i = 0; i < data.size(); ++i) {
      const uint32_t src = data.source_rows[i];
      if (IsMissing(col, src)) {
        missing.rows.push_back(i);
      } else if (coded) {
        by_code[static_cast<size_t>(col.codes()[src])].push_back(i);
      } else if (col.type() == DataType::kInt64) {
        RowGroup& g = by_int[col.int64_values()[src]];
        if (g.rows.empty()) g.label = col.TextAt(src);
        g.rows.push_back(i);
      } else {
        std::string label = col.TextAt(src);
        RowGroup& g = by_text[label];
        if (g.rows.empty()) g.label = std::move(label);
        g.rows.push_back(i);
      }
    }
    for (size_t code = 0; code < by_code.size(); ++code) {
      if (by_code[code].empty()) continue;
      RowGroup& g = by_text[col.dictionary()[code]];
      g.label = col.dictionary()[code];
      // A dictionary with a repeated entry would interleave rows: keep order.
      const bool merge = !g.rows.empty();
      g.rows.insert(g.rows.end(), by_code[code].begin(), by_code[code].end());
      if (merge) std::sort(g.rows.begin(), g.rows.end());
    }
    for (auto& [key, g] : by_int) out.push_back(std::move(g));
    for (auto& [key, g] : by_text) out.push_back(std::move(g));
  } else {
    std::vector<double> fit;
    if (bin_reference != nullptr) {
      if (!bin_reference->is_numeric()) {
        return Status::InvalidArgument("column '" + column +
                                       "' is numeric in the data but the reference's is " +
                                       DataTypeName(bin_reference->type()));
      }
      fit = bin_reference->ValidNumericValues();
    } else {
      for (uint32_t src : data.source_rows) {
        if (!IsMissing(col, src)) fit.push_back(col.NumericAt(src));
      }
    }
    // Infinite values cannot be bin edges; they still land in the outer bins.
    fit.erase(std::remove_if(fit.begin(), fit.end(), [](double x) { return !std::isfinite(x); }),
              fit.end());
    std::sort(fit.begin(), fit.end());
    const stats::Bins edges = stats::ReferenceQuantileBins(fit, bins);
    const std::vector<std::string> labels = BinLabels(edges.edges);
    std::vector<RowGroup> binned(labels.size());
    for (size_t b = 0; b < labels.size(); ++b) binned[b].label = labels[b];
    for (uint32_t i = 0; i < data.size(); ++i) {
      const uint32_t src = data.source_rows[i];
      if (IsMissing(col, src)) {
        missing.rows.push_back(i);
        continue;
      }
      const double x = col.NumericAt(src);
      // Bin 0 is (-inf, e_0), bin j is [e_{j-1}, e_j): count edges <= x.
      const size_t b =
          edges.edges.empty()
              ? 0
              : static_cast<size_t>(std::upper_bound(edges.edges.begin(), edges.edges.end(), x) -
                                    edges.edges.begin());
      binned[b].rows.push_back(i);
    }
    for (RowGroup& g : binned) {
      if (!g.rows.empty()) out.push_back(std::move(g));
    }
  }
  if (!missing.rows.empty()) out.push_back(std::move(missing));
  return out;
}

std::vector<RowGroup> Intersect(const std::vector<RowGroup>& a, const std::vector<RowGroup>& b) {
  std::vector<RowGroup> out(a.size() * b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    for (size_t j = 0; j < b.size(); ++j) {
      // Appended piece by piece, as in BinLabels.
      std::string& label = out[i * b.size() + j].label;
      label = a[i].label;
      label += " & ";
      label += b[j].label;
    }
  }
  // Which group of b holds each row (groups of a split are disjoint, but a
  // row in none of b's groups simply joins no intersection). One pass over
  // each side instead of a merge per pair; rows stay ascending because each
  // group of a is walked in order.
  constexpr uint32_t kNone = UINT32_MAX;
  uint32_t max_row = 0;
  for (const RowGroup& y : b) {
    if (!y.rows.empty()) max_row = std::max(max_row, y.rows.back());
  }
  std::vector<uint32_t> group_of(static_cast<size_t>(max_row) + 1, kNone);
  bool disjoint = true;
  for (size_t j = 0; j < b.size(); ++j) {
    for (uint32_t r : b[j].rows) {
      if (group_of[r] != kNone) disjoint = false;
      group_of[r] = static_cast<uint32_t>(j);
    }
  }
  if (!disjoint) {
    // Overlapping groups (not a split): intersect pair by pair.
    for (size_t i = 0; i < a.size(); ++i) {
      for (size_t j = 0; j < b.size(); ++j) {
        std::vector<uint32_t>& rows = out[i * b.size() + j].rows;
        std::set_intersection(a[i].rows.begin(), a[i].rows.end(), b[j].rows.begin(),
                              b[j].rows.end(), std::back_inserter(rows));
      }
    }
    return out;
  }
  for (size_t i = 0; i < a.size(); ++i) {
    RowGroup* row_of_out = out.data() + i * b.size();
    uint32_t previous = kNone;
    for (uint32_t r : a[i].rows) {
      if (r > max_row || group_of[r] == kNone) continue;
      // b holds each row once, so set_intersection would keep one copy of
      // a row repeated in a group of a.
      if (r == previous) continue;
      previous = r;
      row_of_out[group_of[r]].rows.push_back(r);
    }
  }
  return out;
}

}  // namespace airm
