#include <cassert>

#include "airm/store/database.h"

namespace airm::store {

bool Row::IsNull(size_t column_idx) const {
  return std::holds_alternative<std::monostate>(values_[column_idx]);
}

int64_t Row::Int(size_t column_idx) const {
  const Value& v = values_[column_idx];
  if (const int64_t* i = std::get_if<int64_t>(&v)) return *i;
  if (const double* d = std::get_if<double>(&v)) return static_cast<int64_t>(*d);
  assert(false && "Row::Int on a NULL or TEXT cell");
  return 0;
}

double Row::Real(size_t column_idx) const {
  const Value& v = values_[column_idx];
  if (const double* d = std::get_if<double>(&v)) return *d;
  if (const int64_t* i = std::get_if<int64_t>(&v)) return static_cast<double>(*i);
  assert(false && "Row::Real on a NULL or TEXT cell");
  return 0.0;
}

const std::string& Row::Text(size_t column_idx) const {
  static const std::string kEmpty;
  const Value& v = values_[column_idx];
  if (const std::string* s = std::get_if<std::string>(&v)) return *s;
  assert(false && "Row::Text on a NULL or numeric cell");
  return kEmpty;
}

std::optional<int64_t> Row::OptionalInt(size_t column_idx) const {
  if (IsNull(column_idx)) return std::nullopt;
  return Int(column_idx);
}

std::optional<std::string> Row::OptionalText(size_t column_idx) const {
  if (IsNull(column_idx)) return std::nullopt;
  return Text(column_idx);
}

}  // namespace airm::store
