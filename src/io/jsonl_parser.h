// JSON Lines: one JSON object per line, blank lines skipped.
//
// Nested objects are flattened with '.' ("a": {"b": 1} -> column "a.b"); an
// empty nested object adds no column; arrays are kept as their JSON text;
// null is a missing value. Every other value becomes text that goes through
// the same type inference as a CSV field (so 12, "12" and 1.5e3 are numbers
// and "2024-01-31" is a timestamp). Keys may differ between lines: columns are
// the union of keys in first-appearance order, a missing key is null. A key
// that flattens to a name another key of the same line has ("a.b" beside
// {"a": {"b": 1}}) is a parse error rather than a silent overwrite.
#pragma once

#include <cstddef>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "airm/status.h"
#include "field_chunk.h"

namespace airm::io {

struct JsonChunk {
  std::vector<std::string> keys;       // first-appearance order within the chunk
  std::vector<std::size_t> key_lines;  // line where each key first appears
  std::vector<std::size_t> last_row;   // per key, the last row that had it
  std::unordered_map<std::string, uint32_t> key_index;
  std::deque<std::string> arena;
  // Per row: (index into keys, value text); a value with data() == nullptr is null.
  std::vector<std::vector<std::pair<uint32_t, std::string_view>>> rows;
};

// Parses the lines of `data` (first one is physical line `first_line`).
// Lines longer than max_line_bytes, not objects, nested deeper than 256
// levels, or not valid JSON are parse errors naming file and line; so is a
// line with two values for one flattened key ("a.b" and {"a": {"b": ...}}),
// and a key that would be number max_keys + 1 in the chunk.
Status ParseJsonLines(std::string_view data, std::size_t first_line, const std::string& file,
                      std::size_t max_line_bytes, std::size_t max_keys, JsonChunk* out);

// Turns parsed chunks into FieldChunks over the columns `names` (moving the
// rows out of `parsed`). With `extend` the columns grow by every new key
// (first-appearance order) up to max_keys, past which it is a parse error;
// without it a key not in `names` is a parse error naming file and line.
Status AssembleJsonChunks(std::vector<JsonChunk>& parsed, const std::string& file, bool extend,
                          std::size_t max_keys, std::vector<std::string>* names,
                          std::vector<FieldChunk>* out);

}  // namespace airm::io
