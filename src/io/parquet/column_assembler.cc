#include "column_assembler.h"

#include <algorithm>
#include <string_view>
#include <unordered_map>

#include "table_builder.h"

namespace airm::io::parquet {
namespace {

template <typename T>
std::vector<T> Gather(const std::vector<PartRange>& ranges, std::vector<T> ColumnPart::*member,
                      std::size_t rows) {
  std::vector<T> out;
  out.reserve(rows);
  for (const PartRange& r : ranges) {
    const std::vector<T>& values = r.part->*member;
    out.insert(out.end(), values.begin() + static_cast<std::ptrdiff_t>(r.begin),
               values.begin() + static_cast<std::ptrdiff_t>(r.end));
  }
  return out;
}

}  // namespace

Column AssembleColumn(const std::string& name, DataType type, const std::vector<PartRange>& ranges,
                      const ReadOptions& options, bool* is_string) {
  std::size_t rows = 0;
  for (const PartRange& r : ranges) rows += r.end - r.begin;
  ValidityBitmap validity;
  validity.Reserve(rows);
  for (const PartRange& r : ranges) {
    for (std::size_t i = r.begin; i < r.end; ++i) validity.Append(r.part->valid[i] != 0);
  }
  switch (type) {
    case DataType::kBool:
      return Column::Bool(name, Gather(ranges, &ColumnPart::bools, rows), std::move(validity));
    case DataType::kInt64:
      return Column::Int64(name, Gather(ranges, &ColumnPart::ints, rows), std::move(validity));
    case DataType::kTimestamp:
      return Column::Timestamp(name, Gather(ranges, &ColumnPart::ints, rows), std::move(validity));
    case DataType::kFloat64:
      return Column::Float64(name, Gather(ranges, &ColumnPart::doubles, rows), std::move(validity));
    default:
      break;
  }
  // Text: global codes in first-appearance order across the ranges.
  std::size_t local_values = 0;
  for (const PartRange& r : ranges) local_values += r.part->dictionary.size();
  std::unordered_map<std::string_view, int32_t> global;
  global.reserve(local_values);
  std::vector<std::string_view> dictionary;
  std::vector<int32_t> codes;
  codes.reserve(rows);
  for (const PartRange& r : ranges) {
    std::vector<int32_t> remap(r.part->dictionary.size(), -1);
    for (std::size_t i = r.begin; i < r.end; ++i) {
      if (!r.part->valid[i]) {
        codes.push_back(0);
        continue;
      }
      const int32_t local = r.part->codes[i];
      if (remap[local] < 0) {
        const std::string_view text = r.part->dictionary[local];
        auto [it, inserted] = global.try_emplace(text, static_cast<int32_t>(dictionary.size()));
        if (inserted) dictionary.push_back(text);
        remap[local] = it->second;
      }
      codes.push_back(remap[local]);
    }
  }
  const std::size_t limit = DictionaryLimit(options, rows);
  if (*is_string || dictionary.size() > limit) {
    *is_string = true;
    std::vector<std::string> strings(rows);
    for (std::size_t at = 0; at < rows; ++at) {
      if (validity.IsValid(at)) strings[at] = dictionary[codes[at]];
    }
    return Column::String(name, std::move(strings), std::move(validity));
  }
  return Column::Categorical(name, std::move(codes),
                             std::vector<std::string>(dictionary.begin(), dictionary.end()),
                             std::move(validity));
}

}  // namespace airm::io::parquet
