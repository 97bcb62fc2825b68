#include "domain_features.h"

#include <cfloat>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <string_view>

namespace airm::learn {
namespace {

constexpr float kMissing = std::numeric_limits<float>::quiet_NaN();

// Narrows to float keeping the order trees split on: NaN stays missing and
// anything beyond float range (Inf included) saturates instead of becoming Inf.
float ToFeatureFloat(double v) {
  if (std::isnan(v)) return kMissing;
  if (v >= static_cast<double>(FLT_MAX)) return FLT_MAX;
  if (v <= -static_cast<double>(FLT_MAX)) return -FLT_MAX;
  return static_cast<float>(v);
}

std::optional<double> NumericOrNull(const Column& column, uint64_t row) {
  if (!column.IsValid(row)) return std::nullopt;
  double v = column.NumericAt(row);
  if (std::isnan(v)) return std::nullopt;
  return v;
}

// Sides of the pooled matrix: (column, row indices).
struct Side {
  const Column* column;
  const std::vector<uint64_t>* rows;
};

// Writes one numeric feature; returns false when no row has a value.
bool EncodeNumeric(const Side (&sides)[2], size_t feature, size_t num_features,
                   std::vector<float>* values) {
  // Subtracting the pooled finite minimum keeps large offsets (timestamps,
  // ids near 1e12) from losing their low digits in the float conversion.
  std::optional<double> min;
  for (const Side& side : sides) {
    for (uint64_t row : *side.rows) {
      auto v = NumericOrNull(*side.column, row);
      if (v && std::isfinite(*v) && (!min || *v < *min)) min = *v;
    }
  }
  bool any = false;
  size_t out_row = 0;
  for (const Side& side : sides) {
    for (uint64_t row : *side.rows) {
      auto v = NumericOrNull(*side.column, row);
      float f = kMissing;
      if (v) {
        any = true;
        f = ToFeatureFloat(std::isfinite(*v) && min ? *v - *min : *v);
      }
      (*values)[out_row * num_features + feature] = f;
      ++out_row;
    }
  }
  return any;
}

// Dictionary positions a categorical side uses in its selected rows.
std::vector<bool> UsedDictionaryEntries(const Side& side) {
  std::vector<bool> used(side.column->dictionary().size(), false);
  const auto codes = side.column->codes();
  for (uint64_t row : *side.rows) {
    if (side.column->IsValid(row)) used[static_cast<size_t>(codes[row])] = true;
  }
  return used;
}

// Writes one text feature as codes over the sorted union of the texts both
// sides' selected rows hold. A categorical side is translated once per
// dictionary entry rather than once per row.
bool EncodeText(const Side (&sides)[2], size_t feature, size_t num_features,
                std::vector<float>* values) {
  std::map<std::string_view, int64_t> codes;
  std::vector<bool> used[2];
  for (int s = 0; s < 2; ++s) {
    const Column& column = *sides[s].column;
    if (column.type() == DataType::kCategorical) {
      used[s] = UsedDictionaryEntries(sides[s]);
      for (size_t d = 0; d < used[s].size(); ++d) {
        if (used[s][d]) codes.emplace(column.dictionary()[d], 0);
      }
    } else {
      for (uint64_t row : *sides[s].rows) {
        if (column.IsValid(row)) codes.emplace(column.strings()[row], 0);
      }
    }
  }
  if (codes.empty()) return false;
  int64_t next = 0;
  for (auto& [text, code] : codes) code = next++;
  size_t out_row = 0;
  for (int s = 0; s < 2; ++s) {
    const Column& column = *sides[s].column;
    std::vector<float> by_entry;
    if (column.type() == DataType::kCategorical) {
      by_entry.assign(used[s].size(), kMissing);
      for (size_t d = 0; d < used[s].size(); ++d) {
        if (used[s][d]) by_entry[d] = static_cast<float>(codes.at(column.dictionary()[d]));
      }
    }
    for (uint64_t row : *sides[s].rows) {
      float f = kMissing;
      if (column.IsValid(row)) {
        f = column.type() == DataType::kCategorical
                ? by_entry[static_cast<size_t>(column.codes()[row])]
                : static_cast<float>(codes.at(column.strings()[row]));
      }
      (*values)[out_row * num_features + feature] = f;
      ++out_row;
    }
  }
  return true;
}

}  // namespace

Result<DomainColumns> ResolveDomainColumns(const Table& reference, const Table& current,
                                           const std::vector<std::string>& columns) {
  DomainColumns out;
  std::vector<std::string> wanted = columns;
  if (wanted.empty()) {
    for (const Column& c : reference.columns()) wanted.push_back(c.name());
    for (const Column& c : current.columns()) {
      if (!reference.FindColumn(c.name())) wanted.push_back(c.name());
    }
  }
  for (const std::string& name : wanted) {
    auto ref_index = reference.FindColumn(name);
    auto cur_index = current.FindColumn(name);
    if (!ref_index && !cur_index) {
      return Status::InvalidArgument("domain classifier: column '" + name +
                                     "' is in neither the reference nor the current table");
    }
    if (!ref_index || !cur_index) {
      out.skipped.push_back(name +
                            (ref_index ? " (missing in current)" : " (missing in reference)"));
      continue;
    }
    const Column& ref = reference.column(*ref_index);
    const Column& cur = current.column(*cur_index);
    const bool both_numeric = ref.is_numeric() && cur.is_numeric();
    const bool both_text = ref.is_text() && cur.is_text();
    if (!both_numeric && !both_text) {
      out.skipped.push_back(name + " (type " + DataTypeName(ref.type()) + " in reference, " +
                            DataTypeName(cur.type()) + " in current)");
      continue;
    }
    out.used.emplace_back(&ref, &cur);
  }
  return out;
}

DomainFeatures EncodeDomainFeatures(const DomainColumns& columns,
                                    const std::vector<uint64_t>& reference_rows,
                                    const std::vector<uint64_t>& current_rows) {
  DomainFeatures out;
  out.skipped = columns.skipped;
  const size_t width = columns.used.size();
  out.rows = reference_rows.size() + current_rows.size();
  out.values.assign(out.rows * width, 0.0f);
  size_t feature = 0;
  for (const auto& [ref, cur] : columns.used) {
    const Side sides[2] = {{ref, &reference_rows}, {cur, &current_rows}};
    const bool text = ref->is_text();
    const bool any = text ? EncodeText(sides, feature, width, &out.values)
                          : EncodeNumeric(sides, feature, width, &out.values);
    if (!any) {
      out.skipped.push_back(ref->name() + " (no values)");
      continue;  // `feature` is reused; the column is compacted away below
    }
    out.names.push_back(ref->name());
    out.types.push_back(text ? "c" : "q");
    ++feature;
  }
  // Drop the trailing slots of columns that had no values.
  if (feature < width) {
    std::vector<float> compact(out.rows * feature);
    for (uint64_t r = 0; r < out.rows; ++r) {
      for (size_t f = 0; f < feature; ++f) compact[r * feature + f] = out.values[r * width + f];
    }
    out.values = std::move(compact);
  }
  return out;
}

}  // namespace airm::learn
