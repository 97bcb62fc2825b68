// A checker for the subset of JSON Schema (draft 2020-12) that airm's
// report schemas use: type (string or list), required, properties,
// additionalProperties (boolean or schema), items, enum, const, minimum,
// pattern-free $ref to "#/$defs/<name>". Unknown keywords are ignored, so
// the schema stays a real JSON Schema that other validators can read too.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace airm::testing {

// Every violation as "<json pointer>: <what>"; empty when `doc` conforms.
std::vector<std::string> ValidateSchema(const nlohmann::json& schema, const nlohmann::json& doc);

// Parses docs/schemas/<file_name> (AIRM_SCHEMA_DIR); a test failure if missing.
nlohmann::json LoadSchema(const std::string& file_name);

// The violations one per line, for assertion messages.
std::string Joined(const std::vector<std::string>& errors);

}  // namespace airm::testing
