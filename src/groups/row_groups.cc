// GroupRows and Intersect: splitting evaluation rows by an attribute.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iterator>
#include <map>
#include <set>

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
  std::vector<std::string> labels;
  labels.push_back("< " + edge(0));
  for (size_t i = 1; i < edges.size(); ++i) {
    const bool last = i + 1 == edges.size();
    labels.push_back("[" + edge(i - 1) + ", " + edge(i) + (last ? "]" : ")"));
  }
  labels.push_back("> " + edge(edges.size() - 1));
  return labels;
}

bool IsMissing(const Column& col, size_t row) {
  if (!col.IsValid(row)) return true;
  return col.type() == DataType::kFloat64 && std::isnan(col.float64_values()[row]);
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
  std::vector<RowGroup> out;
  out.reserve(a.size() * b.size());
  for (const RowGroup& x : a) {
    for (const RowGroup& y : b) {
      RowGroup g;
      g.label = x.label + " & " + y.label;
      std::set_intersection(x.rows.begin(), x.rows.end(), y.rows.begin(), y.rows.end(),
                            std::back_inserter(g.rows));
      out.push_back(std::move(g));
    }
  }
  return out;
}

}  // namespace airm
