#include "prediction_reading.h"

#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>

#include "call_policy.h"
#include "python_json.h"

namespace airm::chaos {
namespace {

// ordered_json keeps the answer's key order, which "the first numeric field"
// depends on.
using Json = nlohmann::ordered_json;

PredictOutcome Malformed(std::string detail) {
  PredictOutcome outcome;
  outcome.failure = FailureKind::kMalformed;
  outcome.detail = std::move(detail);
  return outcome;
}

PredictOutcome WrongCount(size_t expected, size_t got, const char* what) {
  PredictOutcome outcome;
  outcome.failure = FailureKind::kWrongCount;
  outcome.detail =
      "expected " + std::to_string(expected) + " " + what + ", got " + std::to_string(got);
  return outcome;
}

// Parses a Python-flavoured JSON body, or explains why it is not JSON.
std::optional<std::string> ParseBody(std::string_view body, Json* out) {
  try {
    *out = Json::parse(StrictJsonFromPython(body));
    return std::nullopt;
  } catch (const Json::parse_error& error) {
    return "the answer is not JSON (error at byte " + std::to_string(error.byte) +
           "): " + Truncate(body, 120);
  } catch (const Json::exception& error) {
    // out_of_range.406: a number such as 1e400 that no double holds.
    return std::string("the answer holds a value that cannot be read (") + error.what() +
           "): " + Truncate(body, 120);
  }
}

std::optional<double> ScalarNumber(const Json& value) {
  if (value.is_number()) return value.get<double>();
  if (value.is_boolean()) return value.get<bool>() ? 1.0 : 0.0;
  if (value.is_null()) return std::nan("");
  double sentinel = 0;
  if (value.is_string() && SentinelNumber(value.get_ref<const std::string&>(), &sentinel)) {
    return sentinel;
  }
  return std::nullopt;
}

std::optional<size_t> LabelIndex(const std::optional<std::string>& positive_label) {
  if (!positive_label) return std::nullopt;
  size_t index = 0;
  const std::string& text = *positive_label;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), index);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return index;
}

// The list rule; returns an error text or nullopt with *score set.
std::optional<std::string> ScoreOfList(const Json& list,
                                       const std::optional<std::string>& positive_label,
                                       double* score) {
  const std::optional<size_t> index = LabelIndex(positive_label);
  size_t pick = 0;
  if (index && *index < list.size()) {
    pick = *index;
  } else if (list.size() == 2) {
    pick = 1;
  } else if (list.size() == 1) {
    pick = 0;
  } else {
    return "a list of " + std::to_string(list.size()) +
           " values and no positive label index to pick one";
  }
  const std::optional<double> value = ScalarNumber(list[pick]);
  if (!value) return "element " + std::to_string(pick) + " of the list is not a number";
  *score = *value;
  return std::nullopt;
}

std::optional<std::string> ScoreOf(const Json& prediction,
                                   const std::optional<std::string>& positive_label,
                                   double* score) {
  if (std::optional<double> value = ScalarNumber(prediction)) {
    *score = *value;
    return std::nullopt;
  }
  if (prediction.is_array()) return ScoreOfList(prediction, positive_label, score);
  if (prediction.is_object()) {
    std::vector<std::string> keys;
    if (positive_label) keys.push_back(*positive_label);
    keys.push_back("probability");
    keys.push_back("score");
    for (const std::string& key : keys) {
      const auto it = prediction.find(key);
      if (it == prediction.end()) continue;
      if (it->is_array()) return ScoreOfList(*it, positive_label, score);
      if (std::optional<double> value = ScalarNumber(*it)) {
        *score = *value;
        return std::nullopt;
      }
      return "field '" + key + "' is not a number";
    }
    for (const auto& [key, value] : prediction.items()) {
      if (value.is_number()) {
        *score = value.get<double>();
        return std::nullopt;
      }
    }
    return "an object without a probability, score or numeric field: " +
           Truncate(prediction.dump(), 80);
  }
  return "not a number, list or object: " + Truncate(prediction.dump(), 80);
}

void FlattenInto(const Json& data, std::vector<const Json*>* out) {
  if (data.is_array()) {
    for (const Json& element : data) FlattenInto(element, out);
  } else {
    out->push_back(&data);
  }
}

}  // namespace

PredictOutcome ReadMlflowPredictions(std::string_view body, size_t expected,
                                     const std::optional<std::string>& positive_label) {
  Json answer;
  if (std::optional<std::string> error = ParseBody(body, &answer)) return Malformed(*error);
  const Json* predictions = nullptr;
  if (answer.is_array()) {
    predictions = &answer;
  } else if (answer.is_object() && answer.contains("predictions")) {
    predictions = &answer["predictions"];
    if (!predictions->is_array()) {
      return Malformed("'predictions' is not a list: " + Truncate(predictions->dump(), 80));
    }
  } else {
    return Malformed("expected {\"predictions\": [...]} or a list, got: " +
                     Truncate(answer.dump(), 120));
  }
  if (predictions->size() != expected) {
    return WrongCount(expected, predictions->size(), "predictions");
  }
  PredictOutcome outcome;
  outcome.scores.resize(expected);
  for (size_t row = 0; row < expected; ++row) {
    if (std::optional<std::string> error =
            ScoreOf((*predictions)[row], positive_label, &outcome.scores[row])) {
      return Malformed("prediction " + std::to_string(row) + ": " + *error);
    }
  }
  return outcome;
}

PredictOutcome ReadKservePredictions(std::string_view body, size_t expected,
                                     const std::optional<std::string>& positive_label) {
  Json answer;
  if (std::optional<std::string> error = ParseBody(body, &answer)) return Malformed(*error);
  if (!answer.is_object() || !answer.contains("outputs") || !answer["outputs"].is_array() ||
      answer["outputs"].empty() || !answer["outputs"][0].is_object()) {
    return Malformed("expected {\"outputs\": [{\"shape\": ..., \"data\": ...}]}, got: " +
                     Truncate(answer.dump(), 120));
  }
  const Json& output = answer["outputs"][0];
  const auto shape_it = output.find("shape");
  const auto data_it = output.find("data");
  if (shape_it == output.end() || !shape_it->is_array() || shape_it->empty() ||
      shape_it->size() > 2 || data_it == output.end() || !data_it->is_array()) {
    return Malformed("outputs[0] needs a shape of 1 or 2 dimensions and a data list, got: " +
                     Truncate(output.dump(), 120));
  }
  std::vector<size_t> shape;
  for (const Json& dim : *shape_it) {
    if (!dim.is_number_integer() || dim.get<long long>() < 0) {
      return Malformed("outputs[0].shape is not a list of sizes: " + shape_it->dump());
    }
    shape.push_back(dim.get<size_t>());
  }
  if (shape[0] != expected) return WrongCount(expected, shape[0], "rows in outputs[0].shape");
  const size_t width = shape.size() == 2 ? shape[1] : 1;
  std::vector<const Json*> values;
  FlattenInto(*data_it, &values);
  if (values.size() != shape[0] * width) {
    return Malformed("outputs[0].data has " + std::to_string(values.size()) + " values for shape " +
                     shape_it->dump());
  }
  PredictOutcome outcome;
  outcome.scores.resize(expected);
  for (size_t row = 0; row < expected; ++row) {
    Json row_values = Json::array();
    for (size_t col = 0; col < width; ++col) row_values.push_back(*values[row * width + col]);
    const std::optional<std::string> error =
        width == 1 ? ScoreOf(row_values[0], positive_label, &outcome.scores[row])
                   : ScoreOfList(row_values, positive_label, &outcome.scores[row]);
    if (error) return Malformed("outputs[0] row " + std::to_string(row) + ": " + *error);
  }
  return outcome;
}

}  // namespace airm::chaos
