#include "column_profile.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

#include "column_scan.h"
#include "numeric_stats.h"

namespace airm::profile_internal {
namespace {

ColumnSketches EmptySketches(const ProfileOptions& options) {
  return ColumnSketches{
      .moments = {},
      .quantiles = sketch::KllSketch(options.kll_k, options.seed),
      .distinct = sketch::HyperLogLog(options.hll_precision),
      .numeric_items = sketch::SpaceSaving<double>(options.frequent_items_capacity),
      .text_items = sketch::SpaceSaving<std::string>(options.frequent_items_capacity),
  };
}

void AddNote(ColumnProfile* column, std::string note) {
  if (std::find(column->notes.begin(), column->notes.end(), note) == column->notes.end()) {
    column->notes.push_back(std::move(note));
  }
}

void FillMomentFields(ColumnProfile* column) {
  const sketch::Moments& m = column->sketches.moments;
  column->min.reset();
  column->max.reset();
  column->mean = m.Mean();
  column->stddev = m.SampleStddev();
  if (m.count > 0) {
    column->min = m.min;
    column->max = m.max;
  }
}

template <typename T, typename Format>
std::vector<FrequentValue> TopValues(const sketch::SpaceSaving<T>& items, int k, Format format) {
  std::vector<FrequentValue> out;
  for (const auto& item : items.Top(static_cast<size_t>(k))) {
    out.push_back({format(item.value), item.count, item.error});
  }
  return out;
}

// Numeric sketches re-expressed as text when a column widens to text: the
// Space-Saving counts carry over (values formatted as the old type would
// print them); moments and quantiles describe only part of the column, so
// they are dropped (documented in profile.h and docs/formats/profile.md).
void ConvertToText(const ProfileOptions& options, ColumnProfile* column) {
  const auto& numeric = column->sketches.numeric_items;
  std::map<std::string, sketch::SpaceSaving<std::string>::Item> by_text;
  for (const auto& item : numeric.items()) {
    auto& merged = by_text[FormatNumericValue(item.value, column->type)];
    merged.count += item.count;
    merged.error += item.error;
  }
  // Values printed alike have their counts and errors added. No true count
  // exceeds the total, so clamping keeps the bounds valid and guarantees
  // FromParts' conditions even for a summary read from an untrusted file.
  std::vector<sketch::SpaceSaving<std::string>::Item> items;
  for (auto& [text, item] : by_text) {
    const uint64_t count = std::min(item.count, numeric.total());
    items.push_back({text, count, std::min(item.error, count)});
  }
  auto converted = sketch::SpaceSaving<std::string>::FromParts(
      numeric.capacity(), numeric.total(), numeric.unstored_bound(), std::move(items));
  if (converted.ok()) column->sketches.text_items = std::move(converted).value();
  column->sketches.numeric_items = sketch::SpaceSaving<double>(options.frequent_items_capacity);
  column->sketches.moments = {};
  column->sketches.quantiles = sketch::KllSketch(options.kll_k, options.seed);
  column->kind = ColumnProfileKind::kText;
}

// Records a type change on `column` and converts its state when it turns text.
void WidenTo(DataType incoming, uint64_t row_offset, const ProfileOptions& options,
             ColumnProfile* column) {
  const DataType widened = WidenType(column->type, incoming);
  const bool becomes_text = column->kind == ColumnProfileKind::kNumeric && !IsNumericType(widened);
  if (widened != column->type) {
    std::string note = std::string("type widened from ") + DataTypeName(column->type) + " to " +
                       DataTypeName(widened);
    if (becomes_text) note += "; numeric statistics (moments, quantiles) dropped, counts kept";
    AddNote(column, note + " (first at row " + std::to_string(row_offset) + ")");
  }
  if (becomes_text) ConvertToText(options, column);
  column->type = widened;
}

}  // namespace

DataType WidenType(DataType a, DataType b) {
  if (a == b) return a;
  if (IsNumericType(a) && IsNumericType(b)) return DataType::kFloat64;
  return DataType::kString;
}

ColumnProfile NewColumnProfile(std::string name, DataType type, ColumnRole role,
                               const ProfileOptions& options) {
  ColumnProfile column;
  column.name = std::move(name);
  column.type = type;
  column.role = role;
  column.kind = IsNumericType(type) ? ColumnProfileKind::kNumeric : ColumnProfileKind::kText;
  column.sketches = EmptySketches(options);
  return column;
}

ColumnProfile ProfileColumnExact(const Column& column, ColumnRole role,
                                 const ProfileOptions& options) {
  ColumnProfile p = NewColumnProfile(column.name(), column.type(), role, options);
  p.exact = true;
  p.count = column.size();
  p.null_count = column.null_count();
  if (p.kind == ColumnProfileKind::kNumeric) {
    NumericScan scan = ScanNumeric(column, options, &p.sketches.distinct);
    p.nan_count = scan.nan_count;
    p.pos_inf_count = scan.pos_inf_count;
    p.neg_inf_count = scan.neg_inf_count;
    const auto finite = scan.finite();
    p.finite_count = finite.size();
    p.sketches.moments = scan.moments;
    FillMomentFields(&p);
    if (!finite.empty()) {
      for (double level : options.quantiles) {
        p.quantiles.push_back({level, LinearQuantile(finite, level)});
      }
      HistogramBinner binner(finite.front(), finite.back(), options.histogram_bins);
      p.histogram = binner.CountSorted(finite);
    }
    p.sketches.quantiles = sketch::KllSketch::FromSorted(finite, options.kll_k, options.seed);
    p.distinct_count = scan.distinct_count;
    p.sketches.numeric_items = std::move(scan.items);
    const DataType type = column.type();
    p.top_values = TopValues(p.sketches.numeric_items, options.top_values,
                             [type](double v) { return FormatNumericValue(v, type); });
  } else {
    TextScan scan = ScanText(column, options, &p.sketches.distinct);
    p.distinct_count = scan.distinct_count;
    p.sketches.text_items = std::move(scan.items);
    p.top_values = TopValues(p.sketches.text_items, options.top_values,
                             [](const std::string& s) { return s; });
  }
  return p;
}

void AddChunkColumn(const Column& column, uint64_t row_offset, const ProfileOptions& options,
                    ColumnProfile* state) {
  WidenTo(column.type(), row_offset, options, state);
  state->count += column.size();
  state->null_count += column.null_count();
  ColumnSketches& sk = state->sketches;
  if (state->kind == ColumnProfileKind::kNumeric) {
    NumericScan scan = ScanNumeric(column, options, &sk.distinct);
    state->nan_count += scan.nan_count;
    state->pos_inf_count += scan.pos_inf_count;
    state->neg_inf_count += scan.neg_inf_count;
    state->finite_count += scan.finite().size();
    sk.moments.Merge(scan.moments);
    // Value by value: the KLL bound holds for any order, while merging a
    // per-chunk FromSorted sketch would add that sketch's error per chunk.
    for (double v : scan.finite()) sk.quantiles.Update(v);
    // Equal capacities by construction, so Merge cannot fail.
    (void)sk.numeric_items.Merge(scan.items);
  } else {
    TextScan scan = ScanText(column, options, &sk.distinct);
    (void)sk.text_items.Merge(scan.items);
  }
}

Status MergeColumnState(const ColumnProfile& other, const ProfileOptions& options,
                        ColumnProfile* state) {
  ColumnProfile incoming = other;
  if (incoming.kind == ColumnProfileKind::kNumeric && !IsNumericType(state->type)) {
    WidenTo(DataType::kString, state->count, options, &incoming);
  }
  WidenTo(incoming.type, state->count, options, state);
  auto fail = [&](const Status& s) {
    return Status::InvalidArgument("column '" + state->name + "': " + s.message());
  };
  ColumnSketches& sk = state->sketches;
  sk.moments.Merge(incoming.sketches.moments);
  if (Status s = sk.quantiles.Merge(incoming.sketches.quantiles); !s.ok()) return fail(s);
  if (Status s = sk.distinct.Merge(incoming.sketches.distinct); !s.ok()) return fail(s);
  if (Status s = sk.numeric_items.Merge(incoming.sketches.numeric_items); !s.ok()) return fail(s);
  if (Status s = sk.text_items.Merge(incoming.sketches.text_items); !s.ok()) return fail(s);
  state->count += incoming.count;
  state->null_count += incoming.null_count;
  state->nan_count += incoming.nan_count;
  state->pos_inf_count += incoming.pos_inf_count;
  state->neg_inf_count += incoming.neg_inf_count;
  state->finite_count += incoming.finite_count;
  for (const std::string& note : incoming.notes) AddNote(state, note);
  return Status::Ok();
}

void SummarizeFromSketches(const ProfileOptions& options, ColumnProfile* column) {
  const ColumnSketches& sk = column->sketches;
  column->exact = false;
  column->quantiles.clear();
  column->histogram.clear();
  column->distinct_count = static_cast<uint64_t>(std::llround(sk.distinct.Estimate()));
  column->distinct_relative_error = sk.distinct.RelativeStandardError();
  FillMomentFields(column);
  if (column->kind == ColumnProfileKind::kNumeric) {
    column->quantile_rank_error = sk.quantiles.NormalizedRankError();
    if (!sk.quantiles.empty()) {
      const std::vector<double> values = sk.quantiles.Quantiles(options.quantiles);
      for (size_t i = 0; i < values.size(); ++i) {
        column->quantiles.push_back({options.quantiles[i], values[i]});
      }
    }
    if (sk.moments.count > 0) {
      HistogramBinner binner(sk.moments.min, sk.moments.max, options.histogram_bins);
      column->histogram = binner.MakeBins();
      for (const auto& [value, weight] : sk.quantiles.WeightedItems()) {
        column->histogram[binner.BinOf(value)].count += weight;
      }
    }
    const DataType type = column->type;
    column->top_values = TopValues(sk.numeric_items, options.top_values,
                                   [type](double v) { return FormatNumericValue(v, type); });
    column->frequent_items_max_error = sk.numeric_items.MaxError();
  } else {
    column->quantile_rank_error = 0.0;
    column->top_values =
        TopValues(sk.text_items, options.top_values, [](const std::string& s) { return s; });
    column->frequent_items_max_error = sk.text_items.MaxError();
  }
}

}  // namespace airm::profile_internal
