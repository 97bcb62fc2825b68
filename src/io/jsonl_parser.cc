#include "jsonl_parser.h"

#include <cstring>
#include <nlohmann/json.hpp>

#include "parse_error.h"

namespace airm::io {
namespace {

using Json = nlohmann::ordered_json;
constexpr int kMaxDepth = 256;

// Nesting depth of a JSON text, ignoring brackets inside strings. Guards the
// recursive flattening and printing against stack exhaustion.
int MaxNesting(std::string_view text) {
  int depth = 0;
  int max_depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      max_depth = std::max(max_depth, ++depth);
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return max_depth;
}

const char* JsonTypeName(const Json& value) {
  if (value.is_array()) return "an array";
  if (value.is_string()) return "a string";
  if (value.is_number()) return "a number";
  if (value.is_boolean()) return "a boolean";
  if (value.is_null()) return "null";
  return "a non-object value";
}

class Flattener {
 public:
  Flattener(JsonChunk* out, std::size_t line, const std::string& file, std::size_t max_keys)
      : out_(out), line_(line), file_(file), max_keys_(max_keys) {}

  // The first error met while flattening (a key collision, too many keys).
  const Status& status() const { return status_; }

  void Flatten(const Json& object, const std::string& prefix,
               std::vector<std::pair<uint32_t, std::string_view>>* row) {
    for (auto it = object.begin(); it != object.end() && status_.ok(); ++it) {
      std::string key = prefix.empty() ? it.key() : prefix + "." + it.key();
      const Json& value = it.value();
      if (value.is_object()) {
        Flatten(value, key, row);
        continue;
      }
      std::string_view text;  // null stays a null view
      if (value.is_string()) {
        text = out_->arena.emplace_back(value.get_ref<const std::string&>());
      } else if (value.is_boolean()) {
        text = value.get<bool>() ? "true" : "false";
      } else if (!value.is_null()) {
        text = out_->arena.emplace_back(value.dump());
      }
      auto [entry, inserted] =
          out_->key_index.try_emplace(std::move(key), static_cast<uint32_t>(out_->keys.size()));
      if (inserted) {
        if (out_->keys.size() == max_keys_) {
          status_ = ParseErrorAt(file_, line_, 0, nullptr,
                                 "key '" + entry->first + "' is distinct key number " +
                                     std::to_string(max_keys_ + 1) + ", more than the limit of " +
                                     std::to_string(max_keys_) +
                                     " columns; raise it with --max-columns "
                                     "(ReadOptions.max_columns)");
          return;
        }
        out_->keys.push_back(entry->first);
        out_->key_lines.push_back(line_);
        out_->last_row.push_back(kNoRow);
      }
      // "a.b": 1 and "a": {"b": 2} flatten to the same column; keeping
      // either would silently drop the other, so the line is refused.
      const std::size_t row_index = out_->rows.size() - 1;
      if (out_->last_row[entry->second] == row_index) {
        status_ = ParseErrorAt(file_, line_, 0, nullptr,
                               "key '" + entry->first +
                                   "' appears twice in the object once nested objects are "
                                   "flattened with '.' (for example \"a.b\" and "
                                   "{\"a\": {\"b\": ...}}); rename one of them");
        return;
      }
      out_->last_row[entry->second] = row_index;
      row->emplace_back(entry->second, text);
    }
  }

 private:
  static constexpr std::size_t kNoRow = static_cast<std::size_t>(-1);
  JsonChunk* out_;
  std::size_t line_;
  const std::string& file_;
  std::size_t max_keys_;
  Status status_;
};

}  // namespace

Status ParseJsonLines(std::string_view data, std::size_t first_line, const std::string& file,
                      std::size_t max_line_bytes, std::size_t max_keys, JsonChunk* out) {
  std::size_t pos = 0;
  std::size_t line = first_line;
  while (pos < data.size()) {
    const void* nl = std::memchr(data.data() + pos, '\n', data.size() - pos);
    const std::size_t end =
        nl != nullptr ? static_cast<const char*>(nl) - data.data() : data.size();
    std::string_view text = data.substr(pos, end - pos);
    const std::size_t this_line = line;
    pos = end + 1;
    ++line;
    if (text.size() > max_line_bytes) {
      return ParseErrorAt(
          file, this_line, 0, nullptr,
          "line longer than max_field_bytes (" + std::to_string(max_line_bytes) + " bytes)");
    }
    if (text.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    if (MaxNesting(text) > kMaxDepth) {
      return ParseErrorAt(file, this_line, 0, nullptr,
                          "JSON nested deeper than " + std::to_string(kMaxDepth) + " levels");
    }
    Json value;
    try {
      value = Json::parse(text.begin(), text.end());
    } catch (const Json::parse_error& e) {
      return ParseErrorAt(file, this_line, 0, nullptr,
                          "invalid JSON at byte " + std::to_string(e.byte) + ": " + e.what());
    } catch (const std::exception& e) {
      return ParseErrorAt(file, this_line, 0, nullptr, std::string("invalid JSON: ") + e.what());
    }
    if (!value.is_object()) {
      return ParseErrorAt(file, this_line, 0, nullptr,
                          std::string("expected a JSON object, found ") + JsonTypeName(value));
    }
    auto& row = out->rows.emplace_back();
    try {
      Flattener flattener(out, this_line, file, max_keys);
      flattener.Flatten(value, "", &row);
      AIRM_RETURN_IF_ERROR(flattener.status());
    } catch (const std::exception& e) {
      return ParseErrorAt(file, this_line, 0, nullptr, std::string("invalid JSON: ") + e.what());
    }
  }
  return Status::Ok();
}

Status AssembleJsonChunks(std::vector<JsonChunk>& parsed, const std::string& file, bool extend,
                          std::size_t max_keys, std::vector<std::string>* names,
                          std::vector<FieldChunk>* out) {
  std::unordered_map<std::string, std::size_t> global;
  for (std::size_t i = 0; i < names->size(); ++i) global.emplace((*names)[i], i);
  std::vector<std::vector<uint32_t>> remaps(parsed.size());
  for (std::size_t c = 0; c < parsed.size(); ++c) {
    for (std::size_t k = 0; k < parsed[c].keys.size(); ++k) {
      const std::string& key = parsed[c].keys[k];
      auto it = global.find(key);
      if (it == global.end()) {
        if (!extend) {
          return ParseErrorAt(file, parsed[c].key_lines[k], 0, nullptr,
                              "key '" + key +
                                  "' is not among the columns found when the stream "
                                  "was opened (the file changed while it was read)");
        }
        if (names->size() == max_keys) {
          return ParseErrorAt(file, parsed[c].key_lines[k], 0, nullptr,
                              "key '" + key + "' is distinct key number " +
                                  std::to_string(max_keys + 1) + ", more than the limit of " +
                                  std::to_string(max_keys) +
                                  " columns; raise it with --max-columns "
                                  "(ReadOptions.max_columns)");
        }
        it = global.emplace(key, names->size()).first;
        names->push_back(key);
      }
      remaps[c].push_back(static_cast<uint32_t>(it->second));
    }
  }
  out->clear();
  out->resize(parsed.size());
  for (std::size_t c = 0; c < parsed.size(); ++c) {
    FieldChunk& chunk = (*out)[c];
    chunk.num_rows = parsed[c].rows.size();
    chunk.rows = std::move(parsed[c].rows);
    for (auto& row : chunk.rows) {
      for (auto& field : row) field.first = remaps[c][field.first];
    }
    chunk.arena = std::move(parsed[c].arena);
    parsed[c].rows.clear();
  }
  return Status::Ok();
}

}  // namespace airm::io
