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
  // Text. The parts' dictionaries may repeat values (and a stream chunk uses
  // only some of them); when the values used could exceed the limit, count
  // the distinct ones by sorting views (16 bytes each) before building any
  // hash map: a kString column needs no global codes, and a map over a
  // million distinct values costs several times the strings themselves.
  const std::size_t limit = DictionaryLimit(options, rows);
  std::vector<std::string_view> used;
  for (const PartRange& r : ranges) {
    std::vector<uint8_t> seen(r.part->dictionary.size(), 0);
    for (std::size_t i = r.begin; i < r.end; ++i) {
      if (r.part->valid[i]) seen[r.part->codes[i]] = 1;
    }
    for (std::size_t code = 0; code < seen.size(); ++code) {
      if (seen[code]) used.push_back(r.part->dictionary[code]);
    }
  }
  const std::size_t local_values = used.size();
  if (!*is_string && local_values > limit) {
    std::sort(used.begin(), used.end());
    *is_string =
        static_cast<std::size_t>(std::unique(used.begin(), used.end()) - used.begin()) > limit;
  }
  used = {};
  if (*is_string) {
    std::vector<std::string> strings;
    strings.reserve(rows);
    for (const PartRange& r : ranges) {
      for (std::size_t i = r.begin; i < r.end; ++i) {
        if (r.part->valid[i]) {
          strings.push_back(r.part->dictionary[r.part->codes[i]]);
        } else {
          strings.emplace_back();
        }
      }
    }
    return Column::String(name, std::move(strings), std::move(validity));
  }
  // Categorical: global codes in first-appearance order across the ranges.
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
  return Column::Categorical(name, std::move(codes),
                             std::vector<std::string>(dictionary.begin(), dictionary.end()),
                             std::move(validity));
}

}  // namespace airm::io::parquet
