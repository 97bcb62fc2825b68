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
  Flattener(JsonChunk* out, std::size_t line) : out_(out), line_(line) {}

  void Flatten(const Json& object, const std::string& prefix,
               std::vector<std::pair<uint32_t, std::string_view>>* row) {
    for (auto it = object.begin(); it != object.end(); ++it) {
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
        out_->keys.push_back(entry->first);
        out_->key_lines.push_back(line_);
      }
      row->emplace_back(entry->second, text);
    }
  }

 private:
  JsonChunk* out_;
  std::size_t line_;
};

}  // namespace

Status ParseJsonLines(std::string_view data, std::size_t first_line, const std::string& file,
                      std::size_t max_line_bytes, JsonChunk* out) {
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
      Flattener(out, this_line).Flatten(value, "", &row);
    } catch (const std::exception& e) {
      return ParseErrorAt(file, this_line, 0, nullptr, std::string("invalid JSON: ") + e.what());
    }
  }
  return Status::Ok();
}

Status AssembleJsonChunks(std::vector<JsonChunk>& parsed, const std::string& file, bool extend,
                          std::vector<std::string>* names, std::vector<FieldChunk>* out) {
  std::unordered_map<std::string, std::size_t> global;
  for (std::size_t i = 0; i < names->size(); ++i) global.emplace((*names)[i], i);
  std::vector<std::vector<std::size_t>> remaps(parsed.size());
  for (std::size_t c = 0; c < parsed.size(); ++c) {
    for (std::size_t k = 0; k < parsed[c].keys.size(); ++k) {
      const std::string& key = parsed[c].keys[k];
      auto it = global.find(key);
      if (it == global.end()) {
        if (!extend) {
          return ParseErrorAt(file, parsed[c].key_lines[k], 0, nullptr,
                              "key '" + key +
                                  "' is not among the columns fixed by the first chunk of the "
                                  "stream; read the file whole or raise chunk_rows");
        }
        it = global.emplace(key, names->size()).first;
        names->push_back(key);
      }
      remaps[c].push_back(it->second);
    }
  }
  out->clear();
  out->resize(parsed.size());
  for (std::size_t c = 0; c < parsed.size(); ++c) {
    FieldChunk& chunk = (*out)[c];
    const std::size_t rows = parsed[c].rows.size();
    chunk.num_rows = rows;
    chunk.fields.assign(names->size(), std::vector<std::string_view>(rows));
    for (std::size_t row = 0; row < rows; ++row) {
      for (const auto& [key, value] : parsed[c].rows[row]) {
        chunk.fields[remaps[c][key]][row] = value;
      }
    }
    chunk.arena = std::move(parsed[c].arena);
    parsed[c].rows.clear();
  }
  return Status::Ok();
}

}  // namespace airm::io
