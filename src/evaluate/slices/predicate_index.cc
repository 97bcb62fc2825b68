// Level-1 predicates of the slice search: value, bin and missingness
// predicates per column, and their row bitsets.
#include "predicate_index.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>

#include "airm/stats/quantile.h"
#include "order_statistics.h"

namespace airm::slices_internal {

namespace {

bool IsMissing(const Column& column, size_t row) {
  if (!column.IsValid(row)) return true;
  return column.type() == DataType::kFloat64 && std::isnan(column.Float64At(row));
}

std::string FormatEdge(const Column& column, double v) {
  if (column.type() == DataType::kTimestamp && std::isfinite(v)) {
    return FormatTimestamp(static_cast<int64_t>(std::llround(v * 1e6)));
  }
  return FormatNumber(v);
}

struct ValueCount {
  std::string text;
  uint64_t count = 0;
  int32_t code = -1;  // categorical code, -1 otherwise
};

// Keeps values with count >= min_count, most frequent first (ties by text so
// the order never depends on hash iteration), at most max_values of them.
std::vector<ValueCount> TopValues(std::vector<ValueCount> values, uint64_t min_count,
                                  int max_values, const std::string& column_name,
                                  std::vector<std::string>* notes) {
  std::erase_if(values, [&](const ValueCount& v) { return v.count < min_count || v.count == 0; });
  std::sort(values.begin(), values.end(), [](const ValueCount& a, const ValueCount& b) {
    return a.count != b.count ? a.count > b.count : a.text < b.text;
  });
  if (values.size() > static_cast<size_t>(max_values)) {
    notes->push_back("column '" + column_name + "': only the " + std::to_string(max_values) +
                     " most frequent of " + std::to_string(values.size()) +
                     " values with enough support are sliced");
    values.resize(static_cast<size_t>(max_values));
  }
  return values;
}

}  // namespace

std::string FormatNumber(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof(buf), v);
  return std::string(buf, res.ptr);
}

int32_t ColumnSlicer::PredicateOf(const Column& column, size_t row) const {
  if (IsMissing(column, row)) return missing_pred;
  switch (kind) {
    case Kind::kText: {
      if (column.type() == DataType::kCategorical) {
        const int32_t code = column.codes()[row];
        return code >= 0 && static_cast<size_t>(code) < code_pred.size() ? code_pred[code] : -1;
      }
      auto it = text_pred.find(column.TextAt(row));
      return it == text_pred.end() ? -1 : it->second;
    }
    case Kind::kNumericValues: {
      const double x = column.NumericAt(row);
      auto it = std::lower_bound(values.begin(), values.end(), x);
      if (it == values.end() || *it != x) return -1;
      return value_pred[static_cast<size_t>(it - values.begin())];
    }
    case Kind::kNumericBins: {
      // Bin j is [edge_{j-1}, edge_j): the number of edges <= x.
      const double x = column.NumericAt(row);
      const size_t bin =
          static_cast<size_t>(std::upper_bound(edges.begin(), edges.end(), x) - edges.begin());
      return bin_pred[bin];
    }
  }
  return -1;
}

Result<PredicateIndex> BuildPredicateIndex(const Table& table, std::span<const uint32_t> table_rows,
                                           const std::vector<std::string>& columns,
                                           int numeric_bins, int max_values, uint64_t min_count) {
  PredicateIndex index;
  for (const std::string& name : columns) {
    const std::optional<size_t> col_idx = table.FindColumn(name);
    if (!col_idx) return Status::InvalidArgument("slice search: unknown column '" + name + "'");
    const Column& column = table.column(*col_idx);
    ColumnSlicer slicer;
    slicer.table_column = *col_idx;
    slicer.first_predicate = static_cast<int32_t>(index.predicates.size());
    const int32_t slicer_id = static_cast<int32_t>(index.slicers.size());
    auto add_predicate = [&](std::string op, std::string value) {
      index.predicates.push_back(Predicate{name, std::move(op), std::move(value)});
      index.predicate_column.push_back(slicer_id);
      return static_cast<int32_t>(index.predicates.size() - 1);
    };

    uint64_t missing = 0;
    for (uint32_t r : table_rows) missing += IsMissing(column, r) ? 1 : 0;

    if (column.type() == DataType::kCategorical) {
      std::vector<ValueCount> counts(column.dictionary().size());
      for (size_t c = 0; c < counts.size(); ++c) {
        counts[c].text = column.dictionary()[c];
        counts[c].code = static_cast<int32_t>(c);
      }
      for (uint32_t r : table_rows) {
        if (IsMissing(column, r)) continue;
        const int32_t code = column.codes()[r];
        if (code >= 0 && static_cast<size_t>(code) < counts.size()) ++counts[code].count;
      }
      slicer.kind = ColumnSlicer::Kind::kText;
      slicer.code_pred.assign(counts.size(), -1);
      for (const ValueCount& v :
           TopValues(std::move(counts), min_count, max_values, name, &index.notes)) {
        slicer.code_pred[v.code] = add_predicate("==", v.text);
      }
    } else if (!column.is_numeric() || column.type() == DataType::kBool) {
      std::map<std::string, uint64_t> count_by_text;
      for (uint32_t r : table_rows) {
        if (!IsMissing(column, r)) ++count_by_text[column.TextAt(r)];
      }
      std::vector<ValueCount> counts;
      for (auto& [text, count] : count_by_text) counts.push_back(ValueCount{text, count, -1});
      slicer.kind = ColumnSlicer::Kind::kText;
      for (const ValueCount& v :
           TopValues(std::move(counts), min_count, max_values, name, &index.notes)) {
        slicer.text_pred[v.text] = add_predicate("==", v.text);
      }
    } else {
      std::vector<double> values;
      values.reserve(table_rows.size());
      for (uint32_t r : table_rows) {
        if (!IsMissing(column, r)) values.push_back(column.NumericAt(r));
      }
      // Up to kMaxDistinctForEquality + 1 distinct values, ascending: enough
      // to tell value predicates from bins without sorting the column.
      std::vector<double> distinct;
      for (double v : values) {
        const auto at = std::lower_bound(distinct.begin(), distinct.end(), v);
        if (at != distinct.end() && *at == v) continue;
        distinct.insert(at, v);
        if (distinct.size() > kMaxDistinctForEquality) break;
      }
      if (distinct.size() <= kMaxDistinctForEquality) {
        slicer.kind = ColumnSlicer::Kind::kNumericValues;
        slicer.values = distinct;
        for (double v : distinct)
          slicer.value_pred.push_back(add_predicate("==", FormatEdge(column, v)));
      } else {
        const auto [min, max] = std::minmax_element(values.begin(), values.end());
        const double lowest = *min, highest = *max;
        // Quantile cut points of the finite values (numpy 'linear'); ties can
        // merge bins, so duplicate edges and edges at the minimum (which
        // would make an empty first bin) are dropped.
        std::vector<double> finite;
        finite.reserve(values.size());
        for (double v : values) {
          if (std::isfinite(v)) finite.push_back(v);
        }
        slicer.kind = ColumnSlicer::Kind::kNumericBins;
        if (!finite.empty()) {
          std::vector<double> levels;
          for (int j = 1; j < numeric_bins; ++j) {
            levels.push_back(static_cast<double>(j) / numeric_bins);
          }
          SelectForQuantiles(finite, levels);
          for (double level : levels) {
            const double q = stats::QuantileLinear(finite, level);
            if (q > lowest && (slicer.edges.empty() || q > slicer.edges.back())) {
              slicer.edges.push_back(q);
            }
          }
        }
        for (size_t b = 0; b <= slicer.edges.size(); ++b) {
          const bool last = b == slicer.edges.size();
          const double lo = b == 0 ? lowest : slicer.edges[b - 1];
          const double hi = last ? highest : slicer.edges[b];
          // Appended piece by piece: GCC 12's -Wrestrict misfires on
          // "literal" + std::string here.
          std::string label = "[";
          label += FormatEdge(column, lo);
          label += ", ";
          label += FormatEdge(column, hi);
          label += last ? "]" : ")";
          slicer.bin_pred.push_back(add_predicate("in", label));
        }
      }
    }
    if (missing > 0 && missing >= min_count) slicer.missing_pred = add_predicate("is_missing", "");
    slicer.num_predicates = static_cast<int32_t>(index.predicates.size()) - slicer.first_predicate;
    index.column_first.push_back(slicer.first_predicate);
    index.slicers.push_back(std::move(slicer));
  }
  return index;
}

std::vector<ColumnCodes> BuildCodes(const Table& table, const PredicateIndex& index,
                                    std::span<const uint32_t> table_rows) {
  std::vector<ColumnCodes> codes;
  for (const ColumnSlicer& slicer : index.slicers) {
    const Column& column = table.column(slicer.table_column);
    ColumnCodes c(table_rows.size(), kNoPredicate);
    for (size_t pos = 0; pos < table_rows.size(); ++pos) {
      const int32_t pred = slicer.PredicateOf(column, table_rows[pos]);
      if (pred >= 0) c[pos] = static_cast<uint8_t>(pred - slicer.first_predicate);
    }
    codes.push_back(std::move(c));
  }
  return codes;
}

std::vector<Bitset> BitsetsFromCodes(const std::vector<ColumnCodes>& codes,
                                     std::span<const int32_t> column_first, size_t num_predicates) {
  const size_t n = codes.empty() ? 0 : codes[0].size();
  std::vector<Bitset> bits(num_predicates, Bitset(BitsetWords(n), 0));
  for (size_t c = 0; c < codes.size(); ++c) {
    for (size_t pos = 0; pos < n; ++pos) {
      if (codes[c][pos] == kNoPredicate) continue;
      bits[static_cast<size_t>(column_first[c]) + codes[c][pos]][pos >> 6] |= uint64_t{1}
                                                                              << (pos & 63);
    }
  }
  return bits;
}

}  // namespace airm::slices_internal
