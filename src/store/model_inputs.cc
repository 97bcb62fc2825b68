#include "airm/store/model_inputs.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "airm/small_file.h"

namespace airm::store {
namespace {

using Json = nlohmann::ordered_json;

Status FieldError(const std::string& path, const YAML::Node& node, const std::string& what) {
  return Status::ParseError(path + ":" + std::to_string(node.Mark().line + 1) + ": " + what);
}

// A string or a list of strings.
Result<std::vector<std::string>> Strings(const std::string& path, const std::string& key,
                                         const YAML::Node& node) {
  std::vector<std::string> out;
  if (node.IsScalar()) {
    out.push_back(node.as<std::string>());
  } else if (node.IsSequence()) {
    for (const YAML::Node& item : node) {
      if (!item.IsScalar()) return FieldError(path, item, "'" + key + "' items must be text");
      out.push_back(item.as<std::string>());
    }
  } else if (!node.IsNull()) {
    return FieldError(path, node, "'" + key + "' must be text or a list of text");
  }
  return out;
}

Result<Json> Descriptions(const std::string& path, const std::string& key, const YAML::Node& node) {
  AIRM_ASSIGN_OR_RETURN(std::vector<std::string> items, Strings(path, key, node));
  Json out = Json::array();
  for (const std::string& s : items) out.push_back({{"description", s}});
  return out;
}

// The items of a list field: a sequence's items, or a single value as one.
std::vector<YAML::Node> Items(const YAML::Node& node) {
  std::vector<YAML::Node> items;
  if (node.IsSequence()) {
    for (const YAML::Node& item : node) items.push_back(item);
  } else if (!node.IsNull()) {
    items.push_back(node);
  }
  return items;
}

// A number of a YAML scalar, or a ParseError naming the field.
Result<double> YamlNumber(const std::string& path, const std::string& field,
                          const YAML::Node& node) {
  double value = 0;
  if (!node.IsScalar() || !YAML::convert<double>::decode(node, value) || !std::isfinite(value)) {
    return FieldError(path, node, "'" + field + "' must be a number");
  }
  return value;
}

// out_of_scope_uses: text, or a mapping with the text (description) and a
// column condition the drift report measures on current data (issue 16):
// column plus above / below (numbers) or values (a list of text).
Result<Json> OutOfScopeUses(const std::string& path, const YAML::Node& node) {
  const std::string key = "out_of_scope_uses";
  Json out = Json::array();
  for (const YAML::Node& item : Items(node)) {
    if (item.IsScalar()) {
      out.push_back({{"description", item.as<std::string>()}});
      continue;
    }
    if (!item.IsMap())
      return FieldError(path, item, "'" + key + "' items must be text or mappings");
    Json use = Json::object();
    for (const auto& kv : item) {
      const std::string field = kv.first.as<std::string>();
      const std::string name = key + "." + field;
      if (field == "description" || field == "column") {
        if (!kv.second.IsScalar())
          return FieldError(path, kv.second, "'" + name + "' must be text");
        use[field] = kv.second.as<std::string>();
      } else if (field == "above" || field == "below") {
        AIRM_ASSIGN_OR_RETURN(double value, YamlNumber(path, name, kv.second));
        use[field] = value;
      } else if (field == "values") {
        AIRM_ASSIGN_OR_RETURN(std::vector<std::string> values, Strings(path, name, kv.second));
        use[field] = values;
      } else {
        return FieldError(path, kv.first,
                          "unknown field '" + field + "' in '" + key +
                              "' (known: description, column, above, below, values)");
      }
    }
    if (!use.contains("description")) {
      return FieldError(path, item, "'" + key + "' items need a description");
    }
    const bool has_condition =
        use.contains("above") || use.contains("below") || use.contains("values");
    if (use.contains("column") != has_condition) {
      return FieldError(path, item,
                        "'" + key +
                            "': a column needs a condition (above, below or values) "
                            "and a condition needs a column");
    }
    if (use.contains("values") && (use.contains("above") || use.contains("below"))) {
      return FieldError(path, item, "'" + key + "': values cannot be combined with above/below");
    }
    if (use.contains("above") && use.contains("below") &&
        use["above"].get<double>() >= use["below"].get<double>()) {
      return FieldError(path, item, "'" + key + "': above must be less than below");
    }
    out.push_back(std::move(use));
  }
  return out;
}

// A list of maps with the allowed keys, or of strings that fill `scalar_key`.
Result<Json> Records(const std::string& path, const std::string& key, const YAML::Node& node,
                     const std::vector<std::string>& allowed, const std::string& scalar_key) {
  Json out = Json::array();
  for (const YAML::Node& item : Items(node)) {
    if (item.IsScalar()) {
      out.push_back({{scalar_key, item.as<std::string>()}});
      continue;
    }
    if (!item.IsMap())
      return FieldError(path, item, "'" + key + "' items must be text or mappings");
    Json record = Json::object();
    for (const auto& kv : item) {
      const std::string field = kv.first.as<std::string>();
      if (std::find(allowed.begin(), allowed.end(), field) == allowed.end()) {
        return FieldError(path, kv.first, "unknown field '" + field + "' in '" + key + "'");
      }
      if (!kv.second.IsScalar())
        return FieldError(path, kv.second, "'" + key + "." + field + "' must be text");
      record[field] = kv.second.as<std::string>();
    }
    out.push_back(std::move(record));
  }
  return out;
}

Result<Json> CardFromYaml(const std::string& path, const YAML::Node& doc) {
  Json details = Json::object();
  Json considerations = Json::object();
  static const std::map<std::string, std::string> kDescriptionLists = {
      {"intended_use", "use_cases"},
      {"users", "users"},
      {"limitations", "limitations"},
      {"tradeoffs", "tradeoffs"}};
  for (const auto& kv : doc) {
    const std::string key = kv.first.as<std::string>();
    const YAML::Node& value = kv.second;
    if (key == "overview" || key == "documentation") {
      if (!value.IsScalar()) return FieldError(path, value, "'" + key + "' must be text");
      details[key] = value.as<std::string>();
    } else if (key == "owners") {
      AIRM_ASSIGN_OR_RETURN(details["owners"],
                            Records(path, key, value, {"name", "contact"}, "name"));
    } else if (key == "license") {
      AIRM_ASSIGN_OR_RETURN(details["licenses"],
                            Records(path, key, value, {"identifier", "custom_text"}, "identifier"));
    } else if (key == "references") {
      AIRM_ASSIGN_OR_RETURN(std::vector<std::string> refs, Strings(path, key, value));
      details["references"] = Json::array();
      for (const std::string& r : refs) details["references"].push_back({{"reference", r}});
    } else if (key == "out_of_scope_uses") {
      AIRM_ASSIGN_OR_RETURN(considerations["out_of_scope_uses"], OutOfScopeUses(path, value));
    } else if (auto it = kDescriptionLists.find(key); it != kDescriptionLists.end()) {
      AIRM_ASSIGN_OR_RETURN(considerations[it->second], Descriptions(path, key, value));
    } else if (key == "ethical_considerations") {
      AIRM_ASSIGN_OR_RETURN(considerations["ethical_considerations"],
                            Records(path, key, value, {"name", "mitigation_strategy"}, "name"));
    } else {
      return FieldError(path, kv.first,
                        "unknown field '" + key +
                            "' (known: overview, documentation, owners, license, references, "
                            "intended_use, out_of_scope_uses, users, limitations, tradeoffs, "
                            "ethical_considerations)");
    }
  }
  return Json{{"model_details", details}, {"considerations", considerations}};
}

std::optional<double> Number(const Json& v) {
  if (!v.is_number()) return std::nullopt;
  const double x = v.get<double>();
  return std::isfinite(x) ? std::optional<double>(x) : std::nullopt;
}

Status MetricMap(const std::string& path, const Json& map, const std::string& segment,
                 std::vector<ModelMetric>* out) {
  if (!map.is_object()) return Status::ParseError(path + ": \"metrics\" must be an object");
  for (const auto& [name, m] : map.items()) {
    if (!m.is_object()) {
      return Status::ParseError(path + ": metric '" + name + "' must be an object with \"value\"");
    }
    out->push_back({name, Number(m.value("value", Json())), Number(m.value("ci_low", Json())),
                    Number(m.value("ci_high", Json())), segment, std::nullopt});
  }
  return Status::Ok();
}

Result<MetricsFile> ParseModelMetrics(const std::string& path, const std::string& text);

}  // namespace

Result<std::string> ReadModelCardYaml(const std::string& path) {
  AIRM_ASSIGN_OR_RETURN(std::string text, ReadSmallFile(path, "model card"));
  // yaml-cpp and nlohmann report bad input by throwing; this is their
  // adapter boundary (a non-text key, invalid UTF-8 in a value).
  try {
    YAML::Node doc = YAML::Load(text);
    if (doc.IsNull())
      return Json{{"model_details", Json::object()}, {"considerations", Json::object()}}.dump();
    if (!doc.IsMap()) return Status::ParseError(path + ": a model card must be a YAML mapping");
    AIRM_ASSIGN_OR_RETURN(Json card, CardFromYaml(path, doc));
    return card.dump();
  } catch (const YAML::Exception& e) {
    return Status::ParseError(path + ":" + std::to_string(std::max(e.mark.line, 0) + 1) + ":" +
                              std::to_string(std::max(e.mark.column, 0) + 1) + ": " + e.msg);
  } catch (const nlohmann::json::exception& e) {
    return Status::ParseError(path + ": the model card is not valid UTF-8 text (" + e.what() + ")");
  } catch (const std::exception& e) {
    return Status::ParseError(path + ": cannot read the model card: " + e.what());
  }
}

Result<MetricsFile> ReadModelMetrics(const std::string& path) {
  AIRM_ASSIGN_OR_RETURN(std::string text, ReadSmallFile(path, "metrics file"));
  // nlohmann's value() and get() throw on a wrongly typed field ("kind": 5);
  // this is the adapter boundary that turns that into an input error.
  try {
    return ParseModelMetrics(path, text);
  } catch (const nlohmann::json::exception& e) {
    return Status::ParseError(path + ": unexpected field type in the metrics file (" +
                              std::string(e.what()) + ")");
  }
}

namespace {

Result<MetricsFile> ParseModelMetrics(const std::string& path, const std::string& text) {
  Json doc = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object()) {
    return Status::ParseError(path +
                              ": not a JSON object (expected `airm evaluate --json` output "
                              "or {\"metric\": number})");
  }
  MetricsFile out;
  if (doc.value("kind", "") == "evaluation_report") {
    AIRM_RETURN_IF_ERROR(MetricMap(path, doc.value("metrics", Json::object()), "", &out.metrics));
    for (const Json& segment : doc.value("segments", Json::array())) {
      const std::string name = segment.value("column", "") + "=" + segment.value("value", "");
      AIRM_RETURN_IF_ERROR(
          MetricMap(path, segment.value("metrics", Json::object()), name, &out.metrics));
    }
    const Json data = doc.value("inputs", Json::object()).value("data", Json::object());
    if (data.contains("sha256") && data["sha256"].is_string()) {
      out.data_digest = "sha256:" + data["sha256"].get<std::string>();
    }
    return out;
  }
  for (const auto& [name, value] : doc.items()) {
    if (!value.is_number() && !value.is_null()) {
      return Status::ParseError(path + ": metric '" + name +
                                "' must be a number or null in a flat metrics file");
    }
    out.metrics.push_back({name, Number(value), std::nullopt, std::nullopt, "", std::nullopt});
  }
  return out;
}

}  // namespace

}  // namespace airm::store
