// ProfileOptions, Profile accessors and the in-memory ProfileTable.
#include "airm/profile.h"

#include <cmath>

#include "airm/parallel_for.h"
#include "airm/sketch/hyperloglog.h"
#include "airm/sketch/kll.h"
#include "column_profile.h"

namespace airm {

Status ProfileOptions::Validate() const {
  for (double q : quantiles) {
    if (!(q >= 0.0 && q <= 1.0)) {
      return Status::InvalidArgument("option quantiles: level " + std::to_string(q) +
                                     " is outside [0, 1]");
    }
  }
  if (quantiles.size() > 10000) {
    return Status::InvalidArgument("option quantiles: at most 10000 levels");
  }
  if (histogram_bins < 1 || histogram_bins > 10000) {
    return Status::InvalidArgument("option histogram_bins: must be in [1, 10000], got " +
                                   std::to_string(histogram_bins));
  }
  if (top_values < 0 || top_values > frequent_items_capacity) {
    return Status::InvalidArgument("option top_values: must be in [0, frequent_items_capacity=" +
                                   std::to_string(frequent_items_capacity) + "], got " +
                                   std::to_string(top_values));
  }
  if (kll_k < sketch::KllSketch::kMinK || kll_k > sketch::KllSketch::kMaxK) {
    return Status::InvalidArgument("option kll_k: must be in [8, 65535], got " +
                                   std::to_string(kll_k));
  }
  if (hll_precision < sketch::HyperLogLog::kMinPrecision ||
      hll_precision > sketch::HyperLogLog::kMaxPrecision) {
    return Status::InvalidArgument("option hll_precision: must be in [4, 18], got " +
                                   std::to_string(hll_precision));
  }
  if (frequent_items_capacity < 1 || frequent_items_capacity > (1 << 20)) {
    return Status::InvalidArgument("option frequent_items_capacity: must be in [1, 1048576], got " +
                                   std::to_string(frequent_items_capacity));
  }
  if (num_threads < 0) {
    return Status::InvalidArgument("option num_threads: must be >= 0, got " +
                                   std::to_string(num_threads));
  }
  return Status::Ok();
}

const char* ColumnProfileKindName(ColumnProfileKind kind) {
  switch (kind) {
    case ColumnProfileKind::kNumeric:
      return "numeric";
    case ColumnProfileKind::kText:
      return "text";
  }
  return "unknown";
}

bool Profile::exact() const {
  for (const ColumnProfile& column : columns) {
    if (!column.exact) return false;
  }
  return true;
}

const ColumnProfile* Profile::FindColumn(std::string_view name) const {
  for (const ColumnProfile& column : columns) {
    if (column.name == name) return &column;
  }
  return nullptr;
}

Result<Profile> ProfileTable(const Table& table, const ProfileOptions& options) {
  AIRM_RETURN_IF_ERROR(options.Validate());
  Profile profile;
  profile.num_rows = table.num_rows();
  profile.options = options;
  const size_t num_columns = table.num_columns();
  profile.columns.resize(num_columns);

  // Columns are independent: each iteration writes its own slot.
  AIRM_RETURN_IF_ERROR(ParallelFor(num_columns, options.num_threads, [&](size_t i) {
    profile.columns[i] =
        profile_internal::ProfileColumnExact(table.column(i), table.role(i), options);
  }));
  return profile;
}

}  // namespace airm
