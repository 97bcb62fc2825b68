#include "mini_schema.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace airm::testing {
namespace {

using nlohmann::json;

bool HasType(const json& v, const std::string& type) {
  if (type == "object") return v.is_object();
  if (type == "array") return v.is_array();
  if (type == "string") return v.is_string();
  if (type == "boolean") return v.is_boolean();
  if (type == "null") return v.is_null();
  if (type == "number") return v.is_number();
  if (type == "integer") {
    return v.is_number_integer() ||
           (v.is_number_float() && v.get<double>() == static_cast<double>(v.get<int64_t>()));
  }
  return false;
}

class Validator {
 public:
  explicit Validator(const json& root) : root_(root) {}

  void Check(const json& schema, const json& v, const std::string& at) {
    if (schema.is_boolean()) {
      if (!schema.get<bool>()) errors.push_back(at + ": not allowed");
      return;
    }
    if (schema.contains("$ref")) {
      const std::string ref = schema["$ref"];
      const std::string prefix = "#/$defs/";
      if (ref.rfind(prefix, 0) != 0 || !root_["$defs"].contains(ref.substr(prefix.size()))) {
        errors.push_back(at + ": unresolvable $ref " + ref);
        return;
      }
      Check(root_["$defs"][ref.substr(prefix.size())], v, at);
    }
    if (schema.contains("type")) {
      std::vector<std::string> types;
      if (schema["type"].is_string()) {
        types.push_back(schema["type"]);
      } else {
        for (const json& t : schema["type"]) types.push_back(t);
      }
      if (std::none_of(types.begin(), types.end(),
                       [&](const std::string& t) { return HasType(v, t); })) {
        errors.push_back(at + ": expected type " + schema["type"].dump() + ", got " +
                         v.type_name());
        return;
      }
    }
    if (schema.contains("enum")) {
      const json& options = schema["enum"];
      if (std::find(options.begin(), options.end(), v) == options.end()) {
        errors.push_back(at + ": " + v.dump() + " not in enum");
      }
    }
    if (schema.contains("const") && schema["const"] != v) {
      errors.push_back(at + ": expected const " + schema["const"].dump());
    }
    if (schema.contains("minimum") && v.is_number() &&
        v.get<double>() < schema["minimum"].get<double>()) {
      errors.push_back(at + ": below minimum");
    }
    if (v.is_object()) {
      for (const json& key : schema.value("required", json::array())) {
        if (!v.contains(key.get<std::string>())) {
          errors.push_back(at + ": missing required key \"" + key.get<std::string>() + "\"");
        }
      }
      const json properties = schema.value("properties", json::object());
      for (const auto& [key, value] : v.items()) {
        if (properties.contains(key)) {
          Check(properties[key], value, at + "/" + key);
        } else if (schema.contains("additionalProperties")) {
          Check(schema["additionalProperties"], value, at + "/" + key);
        }
      }
    }
    if (v.is_array() && schema.contains("items")) {
      for (size_t i = 0; i < v.size(); ++i) {
        Check(schema["items"], v[i], at + "/" + std::to_string(i));
      }
    }
  }

  std::vector<std::string> errors;

 private:
  const json& root_;
};

}  // namespace

std::vector<std::string> ValidateSchema(const nlohmann::json& schema, const nlohmann::json& doc) {
  Validator validator(schema);
  validator.Check(schema, doc, "");
  return validator.errors;
}

json LoadSchema(const std::string& file_name) {
  std::ifstream in(std::string(AIRM_SCHEMA_DIR) + "/" + file_name);
  EXPECT_TRUE(in) << "cannot open the schema " << file_name;
  std::stringstream buffer;
  buffer << in.rdbuf();
  return json::parse(buffer.str());
}

std::string Joined(const std::vector<std::string>& errors) {
  std::string out;
  for (const std::string& e : errors) out += e + "\n";
  return out;
}

}  // namespace airm::testing
