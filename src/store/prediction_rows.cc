#include "airm/store/prediction_rows.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>

#include "airm/sha256.h"

namespace airm::store {

namespace {

// Appends Column::TextAt(row) of a valid cell. Finite numbers are formatted in
// place by the same std::to_chars calls TextAt makes (shortest round trip;
// decimal integers as std::to_string writes them), without TextAt's
// temporary string: this runs for every feature cell of every logged row.
void AppendCellText(const Column& column, size_t row, std::string* out) {
  char buf[32];
  switch (column.type()) {
    case DataType::kCategorical:
      out->append(column.dictionary()[column.codes()[row]]);
      return;
    case DataType::kString:
      out->append(column.strings()[row]);
      return;
    case DataType::kFloat64:
      if (const double v = column.Float64At(row); std::isfinite(v)) {
        out->append(buf, std::to_chars(buf, buf + sizeof buf, v).ptr);
        return;
      }
      break;  // "NaN", "Inf", "-Inf": TextAt's spelling
    case DataType::kInt64:
      out->append(buf, std::to_chars(buf, buf + sizeof buf, column.int64_values()[row]).ptr);
      return;
    default:
      break;
  }
  out->append(column.TextAt(row));
}

}  // namespace

RowEncoder::RowEncoder(const Table& table, std::vector<size_t> feature_columns)
    : table_(table), columns_(std::move(feature_columns)) {
  std::sort(columns_.begin(), columns_.end(), [&table](size_t a, size_t b) {
    return table.column(a).name() < table.column(b).name();
  });
  for (size_t column_idx : columns_) {
    const std::string& name = table.column(column_idx).name();
    present_.push_back(name + '=');
    missing_.push_back(name + '\x1f');
  }
}

std::string_view CellText(const Column& column, size_t row, std::string* scratch) {
  switch (column.type()) {
    case DataType::kCategorical:
      return column.dictionary()[column.codes()[row]];
    case DataType::kString:
      return column.strings()[row];
    default:
      *scratch = column.TextAt(row);
      return *scratch;
  }
}

void RowEncoder::Encode(size_t row, std::string* out) const {
  out->clear();
  for (size_t i = 0; i < columns_.size(); ++i) {
    const Column& column = table_.column(columns_[i]);
    if (column.IsValid(row)) {
      out->append(present_[i]);
      AppendCellText(column, row, out);
      out->push_back('\x1f');
    } else {
      out->append(missing_[i]);
    }
  }
}

void RowEncoder::EncodeJson(size_t row, std::string* out) const {
  nlohmann::ordered_json doc = nlohmann::ordered_json::object();
  std::string scratch;
  for (size_t column_idx : columns_) {
    const Column& column = table_.column(column_idx);
    auto& cell = doc[column.name()];
    if (!column.IsValid(row)) continue;  // stays null
    if (column.type() == DataType::kFloat64) {
      const double x = column.Float64At(row);
      if (std::isfinite(x)) cell = x;
    } else if (column.type() == DataType::kInt64) {
      cell = column.int64_values()[row];
    } else if (column.type() == DataType::kBool) {
      cell = column.bool_values()[row] != 0;
    } else {
      cell = std::string(CellText(column, row, &scratch));
    }
  }
  *out = doc.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

void InputDigest(std::string_view bytes, std::string* out) {
  out->assign("sha256:");
  out->resize(kInputDigestSize);
  Sha256Hasher().Hex(bytes, out->data() + 7);
}

void InputDigests(const RowEncoder& encoder, size_t begin, size_t end, std::string* out) {
  static_assert(kInputDigestSize == 7 + Sha256Hasher::kHexSize);
  out->resize((end - begin) * kInputDigestSize);
  std::string encoding;
  Sha256Hasher hasher;
  for (size_t row = begin; row < end; ++row) {
    encoder.Encode(row, &encoding);
    char* digest = out->data() + (row - begin) * kInputDigestSize;
    std::copy_n("sha256:", 7, digest);
    hasher.Hex(encoding, digest + 7);
  }
}

}  // namespace airm::store
