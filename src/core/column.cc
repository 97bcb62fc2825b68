#include "airm/column.h"

#include <algorithm>
#include <cassert>
#include <charconv>
#include <cmath>
#include <ctime>

namespace airm {

const char* DataTypeName(DataType type) {
  switch (type) {
    case DataType::kFloat64:
      return "float64";
    case DataType::kInt64:
      return "int64";
    case DataType::kBool:
      return "bool";
    case DataType::kCategorical:
      return "categorical";
    case DataType::kString:
      return "string";
    case DataType::kTimestamp:
      return "timestamp";
  }
  return "unknown";
}

bool ParseDataType(std::string_view name, DataType* out) {
  static constexpr DataType kAll[] = {DataType::kFloat64, DataType::kInt64,
                                      DataType::kBool,    DataType::kCategorical,
                                      DataType::kString,  DataType::kTimestamp};
  for (DataType t : kAll) {
    if (name == DataTypeName(t)) {
      *out = t;
      return true;
    }
  }
  return false;
}

bool IsNumericType(DataType type) {
  return type == DataType::kFloat64 || type == DataType::kInt64 || type == DataType::kBool ||
         type == DataType::kTimestamp;
}

void ValidityBitmap::Append(bool valid) {
  if ((size_ & 63) == 0) words_.push_back(0);
  if (valid) {
    words_.back() |= uint64_t{1} << (size_ & 63);
  } else {
    ++null_count_;
  }
  ++size_;
}

// A word at a time: readers append whole runs of valid rows, a bit at a
// time was a serial step of every read.
void ValidityBitmap::AppendMany(bool valid, size_t count) {
  if (!valid) null_count_ += count;
  while (count > 0) {
    const size_t bit = size_ & 63;
    if (bit == 0) words_.push_back(0);
    const size_t take = std::min<size_t>(count, 64 - bit);
    if (valid) {
      const uint64_t ones = take == 64 ? ~uint64_t{0} : (uint64_t{1} << take) - 1;
      words_.back() |= ones << bit;
    }
    size_ += take;
    count -= take;
  }
}

Column Column::Float64(std::string name, std::vector<double> values, ValidityBitmap validity) {
  assert(values.size() == validity.size());
  Column c(std::move(name), DataType::kFloat64, std::move(validity));
  c.f64_ = std::move(values);
  return c;
}

Column Column::Float64Decimal(std::string name, std::vector<int32_t> mantissas,
                              std::vector<uint8_t> scales, ValidityBitmap validity) {
  assert(mantissas.size() == validity.size() && scales.size() == validity.size());
  assert(std::all_of(scales.begin(), scales.end(),
                     [](uint8_t s) { return s <= kMaxDecimalScale; }));
  Column c(std::move(name), DataType::kFloat64, std::move(validity));
  c.dec_mantissas_ = std::move(mantissas);
  c.dec_scales_ = std::move(scales);
  return c;
}

std::vector<double> Column::Float64Values() const {
  return VisitFloat64([n = size()](auto at) {
    std::vector<double> out(n);
    for (size_t row = 0; row < n; ++row) out[row] = at(row);
    return out;
  });
}

Column Column::Int64(std::string name, std::vector<int64_t> values, ValidityBitmap validity) {
  assert(values.size() == validity.size());
  Column c(std::move(name), DataType::kInt64, std::move(validity));
  c.i64_ = std::move(values);
  return c;
}

Column Column::Bool(std::string name, std::vector<uint8_t> values, ValidityBitmap validity) {
  assert(values.size() == validity.size());
  Column c(std::move(name), DataType::kBool, std::move(validity));
  c.b_ = std::move(values);
  return c;
}

Column Column::Categorical(std::string name, std::vector<int32_t> codes,
                           std::vector<std::string> dictionary, ValidityBitmap validity) {
  assert(codes.size() == validity.size());
  Column c(std::move(name), DataType::kCategorical, std::move(validity));
  c.codes_ = std::move(codes);
  c.dictionary_ = std::move(dictionary);
  return c;
}

Column Column::String(std::string name, std::vector<std::string> values, ValidityBitmap validity) {
  assert(values.size() == validity.size());
  Column c(std::move(name), DataType::kString, std::move(validity));
  c.strings_ = std::move(values);
  return c;
}

Column Column::Timestamp(std::string name, std::vector<int64_t> micros, ValidityBitmap validity) {
  assert(micros.size() == validity.size());
  Column c(std::move(name), DataType::kTimestamp, std::move(validity));
  c.i64_ = std::move(micros);
  return c;
}

Column Column::BorrowFloat64(std::string name, std::span<const double> values,
                             std::shared_ptr<const void> owner, ValidityBitmap validity) {
  assert(values.size() == validity.size() && owner != nullptr);
  Column c(std::move(name), DataType::kFloat64, std::move(validity));
  c.owner_ = std::move(owner);
  c.borrowed_f64_ = values;
  return c;
}

Column Column::BorrowInt64(std::string name, DataType type, std::span<const int64_t> values,
                           std::shared_ptr<const void> owner, ValidityBitmap validity) {
  assert(values.size() == validity.size() && owner != nullptr);
  assert(type == DataType::kInt64 || type == DataType::kTimestamp);
  Column c(std::move(name), type, std::move(validity));
  c.owner_ = std::move(owner);
  c.borrowed_i64_ = values;
  return c;
}

double Column::NumericAt(size_t row) const {
  switch (type_) {
    case DataType::kFloat64:
      return Float64At(row);
    case DataType::kInt64:
      return static_cast<double>(int64_values()[row]);
    case DataType::kBool:
      return b_[row];
    case DataType::kTimestamp:
      return static_cast<double>(int64_values()[row]) / 1e6;
    default:
      assert(false && "NumericAt on a text column");
      return std::nan("");
  }
}

std::vector<double> Column::ValidNumericValues() const {
  std::vector<double> out;
  out.reserve(size() - null_count());
  for (size_t i = 0; i < size(); ++i) {
    if (IsValid(i)) out.push_back(NumericAt(i));
  }
  return out;
}

static std::string FormatDouble(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Inf" : "-Inf";
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, res.ptr);
}

std::string Column::TextAt(size_t row) const {
  switch (type_) {
    case DataType::kFloat64:
      return FormatDouble(Float64At(row));
    case DataType::kInt64:
      return std::to_string(int64_values()[row]);
    case DataType::kBool:
      return b_[row] ? "true" : "false";
    case DataType::kCategorical:
      return dictionary_[codes_[row]];
    case DataType::kString:
      return strings_[row];
    case DataType::kTimestamp:
      return FormatTimestamp(int64_values()[row]);
  }
  return "";
}

Column Column::Renamed(std::string name) const {
  Column c = *this;
  c.name_ = std::move(name);
  return c;
}

std::string FormatTimestamp(int64_t micros) {
  int64_t secs = micros / 1000000;
  int64_t frac = micros % 1000000;
  if (frac < 0) {
    frac += 1000000;
    secs -= 1;
  }
  std::time_t t = static_cast<std::time_t>(secs);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  size_t n = std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  std::string out(buf, n);
  if (frac != 0) {
    char fbuf[16];
    std::snprintf(fbuf, sizeof fbuf, ".%06lld", static_cast<long long>(frac));
    std::string f(fbuf);
    while (!f.empty() && f.back() == '0') f.pop_back();
    out += f;
  }
  out += "Z";
  return out;
}

}  // namespace airm
