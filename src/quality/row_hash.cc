#include "row_hash.h"

#include <cstring>

namespace airm {

RowKey MakeRowKey(const Table& table, size_t row) {
  RowKey key;
  for (const Column& c : table.columns()) {
    if (!c.IsValid(row)) {
      key.bytes.push_back('\x00');  // null marker: no text cell starts with NUL
      continue;
    }
    key.bytes.push_back('\x01');
    switch (c.type()) {
      case DataType::kFloat64: {
        double v = c.float64_values()[row];
        key.bytes.append(reinterpret_cast<const char*>(&v), sizeof v);
        break;
      }
      case DataType::kInt64:
      case DataType::kTimestamp: {
        int64_t v = c.int64_values()[row];
        key.bytes.append(reinterpret_cast<const char*>(&v), sizeof v);
        break;
      }
      case DataType::kBool:
        key.bytes.push_back(static_cast<char>(c.bool_values()[row]));
        break;
      case DataType::kCategorical: {
        // Codes suffice: duplicates are looked for within one table.
        int32_t code = c.codes()[row];
        key.bytes.append(reinterpret_cast<const char*>(&code), sizeof code);
        break;
      }
      case DataType::kString: {
        const std::string& s = c.strings()[row];
        uint32_t n = static_cast<uint32_t>(s.size());
        key.bytes.append(reinterpret_cast<const char*>(&n), sizeof n);
        key.bytes += s;
        break;
      }
    }
  }
  // FNV-1a: fast enough, and collisions only cost a byte comparison.
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char ch : key.bytes) {
    h ^= ch;
    h *= 1099511628211ULL;
  }
  key.hash = h;
  return key;
}

}  // namespace airm
