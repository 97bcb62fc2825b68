// Table: named typed columns of equal length plus each column's role.
//
// A Table is what every reader produces and every analysis consumes. Roles
// tell analyses what a column means (a feature to watch for drift, the target,
// the model's prediction or score, an id to ignore, ...). Readers leave every
// role at kFeature; ApplyRoles (schema.h) sets them from flags or a YAML file.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "airm/column.h"
#include "airm/status.h"

namespace airm {

enum class ColumnRole {
  kFeature,
  kTarget,
  kPrediction,
  kScore,
  kId,
  kTimestamp,
  kSegment,
  kSensitive
};
const char* ColumnRoleName(ColumnRole role);
bool ParseColumnRole(std::string_view name, ColumnRole* out);

class Table {
 public:
  Table() = default;
  // REQUIRES: all columns have the same size and distinct names.
  static Result<Table> Make(std::vector<Column> columns);

  size_t num_rows() const { return num_rows_; }
  size_t num_columns() const { return columns_.size(); }
  const Column& column(size_t i) const { return columns_[i]; }
  const std::vector<Column>& columns() const { return columns_; }
  ColumnRole role(size_t i) const { return roles_[i]; }
  void set_role(size_t i, ColumnRole role) { roles_[i] = role; }

  // Index of the column called `name`, or nullopt.
  std::optional<size_t> FindColumn(std::string_view name) const;

  // Moves the columns out (the table is left empty), so a reader can keep
  // some of them without copying their values.
  std::vector<Column> TakeColumns() && {
    roles_.clear();
    num_rows_ = 0;
    return std::move(columns_);
  }

 private:
  std::vector<Column> columns_;
  std::vector<ColumnRole> roles_;
  size_t num_rows_ = 0;
};

}  // namespace airm
