#include "airm/monitor/window_rows.h"

#include <map>
#include <optional>

#include "airm/monitor/windows.h"
#include "airm/store/timestamp.h"

namespace airm::monitor {

Result<std::vector<int64_t>> RowTimes(const Table& table, const std::string& name,
                                      const std::string& source) {
  std::optional<size_t> idx = table.FindColumn(name);
  if (!idx) {
    return Status::InvalidArgument(source + ": the timestamp column '" + name +
                                   "' (current.timestamp) is not in the file");
  }
  const Column& col = table.column(*idx);
  std::vector<int64_t> times(table.num_rows());
  for (size_t row = 0; row < table.num_rows(); ++row) {
    if (!col.IsValid(row)) {
      return Status::ParseError(source + ": row " + std::to_string(row + 1) + ": column '" + name +
                                "' is empty; every row needs a time to belong to a window");
    }
    if (col.type() == DataType::kTimestamp) {
      const int64_t micros = col.int64_values()[row];
      times[row] = micros / 1000000 - (micros % 1000000 < 0 ? 1 : 0);
    } else if (col.is_text()) {
      std::optional<std::string> canonical = store::ParseIso8601(col.TextAt(row));
      if (!canonical) {
        return Status::ParseError(source + ": row " + std::to_string(row + 1) + ": column '" +
                                  name + "': expected an ISO 8601 time with a zone, got '" +
                                  col.TextAt(row) + "'");
      }
      times[row] = CanonicalToSeconds(*canonical);
    } else {
      return Status::InvalidArgument(source + ": the timestamp column '" + name + "' holds " +
                                     DataTypeName(col.type()) + ", expected times");
    }
  }
  return times;
}

namespace {

enum class Kind { kNumber, kInt, kBool, kText, kTime };

Kind KindOf(DataType type) {
  switch (type) {
    case DataType::kFloat64:
      return Kind::kNumber;
    case DataType::kInt64:
      return Kind::kInt;
    case DataType::kBool:
      return Kind::kBool;
    case DataType::kCategorical:
    case DataType::kString:
      return Kind::kText;
    case DataType::kTimestamp:
      return Kind::kTime;
  }
  return Kind::kText;
}

// The kind two sources' columns gather into, or nullopt when they cannot mix.
std::optional<Kind> Mix(Kind a, Kind b) {
  if (a == b) return a;
  const bool a_num = a == Kind::kNumber || a == Kind::kInt;
  const bool b_num = b == Kind::kNumber || b == Kind::kInt;
  if (a_num && b_num) return Kind::kNumber;
  return std::nullopt;
}

}  // namespace

Result<Table> GatherRows(std::span<const RowSource> sources) {
  const RowSource* first = nullptr;
  size_t total = 0;
  for (const RowSource& s : sources) {
    if (!s.rows.empty() && first == nullptr) first = &s;
    total += s.rows.size();
  }
  if (first == nullptr) {
    if (sources.empty()) return Table::Make({});
    first = &sources.front();
  }
  std::vector<Column> out;
  for (size_t c = 0; c < first->table->num_columns(); ++c) {
    const Column& head = first->table->column(c);
    Kind kind = KindOf(head.type());
    std::vector<const Column*> cols;
    for (const RowSource& s : sources) {
      std::optional<size_t> idx = s.table->FindColumn(head.name());
      cols.push_back(idx ? &s.table->column(*idx) : nullptr);
      if (!idx || s.rows.empty()) continue;
      std::optional<Kind> mixed = Mix(kind, KindOf(cols.back()->type()));
      if (!mixed) {
        return Status::InvalidArgument("column '" + head.name() + "' is " +
                                       DataTypeName(head.type()) + " in " + first->source +
                                       " but " + DataTypeName(cols.back()->type()) + " in " +
                                       s.source + "; a window's files must agree");
      }
      kind = *mixed;
    }
    ValidityBitmap validity;
    validity.Reserve(total);
    std::vector<double> f64;
    std::vector<int64_t> i64;
    std::vector<uint8_t> b;
    std::vector<std::string> text;
    for (size_t s = 0; s < sources.size(); ++s) {
      const Column* col = cols[s];
      for (size_t row : sources[s].rows) {
        const bool valid = col != nullptr && col->IsValid(row);
        validity.Append(valid);
        switch (kind) {
          case Kind::kNumber:
            f64.push_back(valid ? col->NumericAt(row) : 0.0);
            break;
          case Kind::kInt:
          case Kind::kTime:
            i64.push_back(valid ? col->int64_values()[row] : 0);
            break;
          case Kind::kBool:
            b.push_back(valid ? col->bool_values()[row] : 0);
            break;
          case Kind::kText:
            text.push_back(valid ? col->TextAt(row) : std::string());
            break;
        }
      }
    }
    switch (kind) {
      case Kind::kNumber:
        out.push_back(Column::Float64(head.name(), std::move(f64), std::move(validity)));
        break;
      case Kind::kInt:
        out.push_back(Column::Int64(head.name(), std::move(i64), std::move(validity)));
        break;
      case Kind::kTime:
        out.push_back(Column::Timestamp(head.name(), std::move(i64), std::move(validity)));
        break;
      case Kind::kBool:
        out.push_back(Column::Bool(head.name(), std::move(b), std::move(validity)));
        break;
      case Kind::kText: {
        // Dictionary-encode again: drift classifies categorical vs free text
        // by type, so a window keeps its files' categorical columns categorical.
        if (head.type() == DataType::kString) {
          out.push_back(Column::String(head.name(), std::move(text), std::move(validity)));
          break;
        }
        std::map<std::string, int32_t> codes_of;
        std::vector<std::string> dictionary;
        std::vector<int32_t> codes(text.size(), 0);
        for (size_t i = 0; i < text.size(); ++i) {
          if (!validity.IsValid(i)) continue;
          auto [it, fresh] = codes_of.emplace(text[i], static_cast<int32_t>(dictionary.size()));
          if (fresh) dictionary.push_back(text[i]);
          codes[i] = it->second;
        }
        out.push_back(Column::Categorical(head.name(), std::move(codes), std::move(dictionary),
                                          std::move(validity)));
        break;
      }
    }
  }
  return Table::Make(std::move(out));
}

}  // namespace airm::monitor
