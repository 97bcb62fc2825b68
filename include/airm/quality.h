// Data-quality checks of a current batch against its reference.
//
// Each check yields pass / warn / fail against two thresholds (warn <= fail)
// that can be overridden by name. Schema changes (a column the reference has
// and the current batch lacks, numbers that became text) are findings here,
// never input errors: an upstream that breaks must produce a report.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "airm/quality_check.h"
#include "airm/status.h"
#include "airm/table.h"

namespace airm {

struct QualityThreshold {
  double warn = 0;
  double fail = 0;
};

// Defaults (value compared with >=):
//   missing_share_change   0.05 / 0.20  absolute change in a column's null share
//   out_of_range_share     0.01 / 0.10  current numeric values outside [ref min, ref max]
//   new_category_share     0.01 / 0.05  current values in categories the reference never had
//   vanished_category_share 0.01 / 0.05 reference mass in categories absent from current
//   duplicate_row_share    0.01 / 0.10  increase over the reference's duplicate share
//   non_finite_share       1e-9 / 0.01  NaN/±Inf share in the current batch (ref had none)
//   missing_column         1 / 1        any column missing from current fails
//   retyped_column         1 / 1        a numeric column now text (or back) fails
//   new_column             1 / inf      a column only the current batch has warns
//   constant_column        1 / inf      a column constant in current but not in reference warns
//   empty_batch            1 / 1        a current batch with no rows fails
std::map<std::string, QualityThreshold> DefaultQualityThresholds();

// Overrides "name=warn,fail" or "name=fail"; InvalidArgument on unknown
// names or warn > fail.
Status ParseQualityThreshold(const std::string& spec, std::map<std::string, QualityThreshold>* t);

// `columns`: the reference columns to check (already filtered by the caller).
std::vector<QualityCheck> CheckQuality(const Table& reference, const Table& current,
                                       const std::vector<std::string>& columns,
                                       const std::map<std::string, QualityThreshold>& thresholds);

// The worst status of a list of checks.
CheckStatus WorstStatus(const std::vector<QualityCheck>& checks);

}  // namespace airm
