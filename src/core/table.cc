#include "airm/table.h"

#include <unordered_set>

namespace airm {

const char* ColumnRoleName(ColumnRole role) {
  switch (role) {
    case ColumnRole::kFeature:
      return "feature";
    case ColumnRole::kTarget:
      return "target";
    case ColumnRole::kPrediction:
      return "prediction";
    case ColumnRole::kScore:
      return "score";
    case ColumnRole::kId:
      return "id";
    case ColumnRole::kTimestamp:
      return "timestamp";
    case ColumnRole::kSegment:
      return "segment";
    case ColumnRole::kSensitive:
      return "sensitive";
  }
  return "unknown";
}

bool ParseColumnRole(std::string_view name, ColumnRole* out) {
  static constexpr ColumnRole kAll[] = {ColumnRole::kFeature,    ColumnRole::kTarget,
                                        ColumnRole::kPrediction, ColumnRole::kScore,
                                        ColumnRole::kId,         ColumnRole::kTimestamp,
                                        ColumnRole::kSegment,    ColumnRole::kSensitive};
  for (ColumnRole r : kAll) {
    if (name == ColumnRoleName(r)) {
      *out = r;
      return true;
    }
  }
  return false;
}

Result<Table> Table::Make(std::vector<Column> columns) {
  Table t;
  std::unordered_set<std::string> seen;
  for (const Column& c : columns) {
    if (!seen.insert(c.name()).second) {
      return Status::InvalidArgument("duplicate column name '" + c.name() + "'");
    }
  }
  if (!columns.empty()) {
    t.num_rows_ = columns[0].size();
    for (const Column& c : columns) {
      if (c.size() != t.num_rows_) {
        return Status::Internal("column '" + c.name() + "' has " + std::to_string(c.size()) +
                                " rows, expected " + std::to_string(t.num_rows_));
      }
    }
  }
  t.roles_.assign(columns.size(), ColumnRole::kFeature);
  t.columns_ = std::move(columns);
  return t;
}

std::optional<size_t> Table::FindColumn(std::string_view name) const {
  for (size_t i = 0; i < columns_.size(); ++i) {
    if (columns_[i].name() == name) return i;
  }
  return std::nullopt;
}

}  // namespace airm
