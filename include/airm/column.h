// Column: one typed, immutable column of a Table, with a validity bitmap.
//
// Storage by type (values at null positions are unspecified; check IsValid):
//   kFloat64     double            (NaN and ±Inf are valid values, not nulls),
//                or decimal: int32 mantissa + uint8 scale, 5 bytes a value
//                (Float64Decimal: the CSV reader's form when every value is a
//                short decimal; read it through Float64At / VisitFloat64)
//   kInt64       int64_t
//   kBool        uint8_t (0 or 1)
//   kCategorical int32_t codes into dictionary() (dictionary-encoded text)
//   kString      std::string       (high-cardinality text, not encoded)
//   kTimestamp   int64_t microseconds since 1970-01-01T00:00:00Z (UTC)
// Float64, int64 and timestamp values may also be borrowed: a span over
// memory someone else owns (a numpy buffer handed in by the Python package),
// kept alive by a type-erased owner that every copy of the column shares.
// Readers and analyses see the same spans either way.
// Thread-safety: const methods are safe to call concurrently.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace airm {

// 10^0 .. 10^22: every one an exact double.
inline constexpr double kExactPowersOf10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                              1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                              1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
inline constexpr uint8_t kMaxDecimalScale = 22;

// The double a decimal mantissa / 10^scale reads as. Both operands are exact
// doubles (|mantissa| < 2^31, scale <= 22), so the one IEEE division rounds
// correctly: the bits std::from_chars gives for the same text (Clinger's
// fast path). REQUIRES: scale <= kMaxDecimalScale.
inline double DecimalValue(int32_t mantissa, uint8_t scale) {
  return static_cast<double>(mantissa) / kExactPowersOf10[scale];
}

enum class DataType { kFloat64, kInt64, kBool, kCategorical, kString, kTimestamp };

// "float64", "int64", "bool", "categorical", "string", "timestamp".
const char* DataTypeName(DataType type);
bool ParseDataType(std::string_view name, DataType* out);

// True for types whose values are numbers (bool and timestamp included).
bool IsNumericType(DataType type);

// One bit per row, 1 = valid. Appending is amortised O(1).
class ValidityBitmap {
 public:
  void Append(bool valid);
  void AppendMany(bool valid, size_t count);
  bool IsValid(size_t i) const { return (words_[i >> 6] >> (i & 63)) & 1u; }
  size_t size() const { return size_; }
  size_t null_count() const { return null_count_; }
  void Reserve(size_t n) { words_.reserve((n + 63) / 64); }

 private:
  std::vector<uint64_t> words_;
  size_t size_ = 0;
  size_t null_count_ = 0;
};

class Column {
 public:
  // Factories. REQUIRES: validity.size() equals the number of values; codes
  // of valid rows index into dictionary.
  static Column Float64(std::string name, std::vector<double> values, ValidityBitmap validity);
  // A float64 column kept as decimals: row i is DecimalValue(mantissas[i],
  // scales[i]). Holding the text's digits instead of the double saves 3 of
  // every 8 bytes; CSV numbers are mostly short decimals. REQUIRES: equal
  // sizes; every scale <= kMaxDecimalScale.
  static Column Float64Decimal(std::string name, std::vector<int32_t> mantissas,
                               std::vector<uint8_t> scales, ValidityBitmap validity);
  static Column Int64(std::string name, std::vector<int64_t> values, ValidityBitmap validity);
  static Column Bool(std::string name, std::vector<uint8_t> values, ValidityBitmap validity);
  static Column Categorical(std::string name, std::vector<int32_t> codes,
                            std::vector<std::string> dictionary, ValidityBitmap validity);
  static Column String(std::string name, std::vector<std::string> values, ValidityBitmap validity);
  static Column Timestamp(std::string name, std::vector<int64_t> micros, ValidityBitmap validity);

  // Borrowed storage: `values` stay owned by the caller's buffer, which
  // `owner` keeps alive until the last copy of the column is gone (the
  // owner's deleter runs wherever that happens, so it must be safe on any
  // thread). REQUIRES: validity.size() == values.size(); type is kFloat64
  // for BorrowFloat64, kInt64 or kTimestamp for BorrowInt64; the values do
  // not change while any copy of the column lives.
  static Column BorrowFloat64(std::string name, std::span<const double> values,
                              std::shared_ptr<const void> owner, ValidityBitmap validity);
  static Column BorrowInt64(std::string name, DataType type, std::span<const int64_t> values,
                            std::shared_ptr<const void> owner, ValidityBitmap validity);

  const std::string& name() const { return name_; }
  DataType type() const { return type_; }
  size_t size() const { return validity_.size(); }
  size_t null_count() const { return validity_.null_count(); }
  bool IsValid(size_t row) const { return validity_.IsValid(row); }
  const ValidityBitmap& validity() const { return validity_; }
  bool is_numeric() const { return IsNumericType(type_); }
  bool is_text() const { return type_ == DataType::kCategorical || type_ == DataType::kString; }

  // Typed access. REQUIRES: the matching type(s).
  //
  // kFloat64: one value, whatever the storage.
  double Float64At(size_t row) const {
    if (stores_decimals()) return DecimalValue(dec_mantissas_[row], dec_scales_[row]);
    return float64_array()[row];
  }
  // kFloat64: calls fn(at) once, `at` being a callable row -> double made for
  // the column's storage, so whole-column loops stay tight for each. Returns
  // what fn returns.
  template <typename Fn>
  decltype(auto) VisitFloat64(Fn&& fn) const {
    if (stores_decimals()) {
      return fn([m = dec_mantissas_.data(), s = dec_scales_.data()](size_t row) {
        return DecimalValue(m[row], s[row]);
      });
    }
    return fn([v = float64_array().data()](size_t row) { return v[row]; });
  }
  // kFloat64: every value as a double (a copy; null rows unspecified).
  std::vector<double> Float64Values() const;
  // kFloat64: true when the values are kept as decimals (Float64Decimal).
  bool stores_decimals() const { return !dec_scales_.empty(); }
  // kFloat64: the stored doubles; empty when stores_decimals().
  std::span<const double> float64_array() const { return owner_ ? borrowed_f64_ : f64_; }
  // kInt64 and kTimestamp.
  std::span<const int64_t> int64_values() const { return owner_ ? borrowed_i64_ : i64_; }
  // True when the values are borrowed (BorrowFloat64 / BorrowInt64).
  bool is_borrowed() const { return owner_ != nullptr; }
  std::span<const uint8_t> bool_values() const { return b_; }
  std::span<const int32_t> codes() const { return codes_; }
  const std::vector<std::string>& dictionary() const { return dictionary_; }
  const std::vector<std::string>& strings() const { return strings_; }

  // The value of a valid row as a double. REQUIRES: is_numeric(), IsValid(row).
  // Timestamps convert to seconds since the epoch.
  double NumericAt(size_t row) const;
  // The value of a valid row as text (numbers in shortest round-trip form,
  // timestamps in ISO 8601 UTC). REQUIRES: IsValid(row).
  std::string TextAt(size_t row) const;
  // The valid values of a numeric column as doubles, nulls skipped.
  std::vector<double> ValidNumericValues() const;

  // Copy renamed, used when a schema renames or projects columns: owned
  // values are copied, borrowed ones shared with this column.
  Column Renamed(std::string name) const;

 private:
  Column(std::string name, DataType type, ValidityBitmap validity)
      : name_(std::move(name)), type_(type), validity_(std::move(validity)) {}

  std::string name_;
  DataType type_;
  ValidityBitmap validity_;
  std::vector<double> f64_;
  std::vector<int32_t> dec_mantissas_;
  std::vector<uint8_t> dec_scales_;
  std::vector<int64_t> i64_;
  std::vector<uint8_t> b_;
  std::vector<int32_t> codes_;
  std::vector<std::string> dictionary_;
  std::vector<std::string> strings_;
  // Borrowed values (owner_ set): the spans point into memory owner_ keeps alive.
  std::shared_ptr<const void> owner_;
  std::span<const double> borrowed_f64_;
  std::span<const int64_t> borrowed_i64_;
};

// ISO 8601 UTC text ("2024-01-31T12:00:00Z", fractional seconds when present).
std::string FormatTimestamp(int64_t micros_since_epoch);

}  // namespace airm
