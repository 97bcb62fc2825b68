// Model card YAML, metrics files and the canonical prediction encoding.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>

#include "airm/sha256.h"
#include "airm/store/model_inputs.h"
#include "airm/store/prediction_rows.h"
#include "store_test_util.h"

namespace airm::store {
namespace {

using ::testing::HasSubstr;

std::string WriteFile(const std::string& name, const std::string& text) {
  auto path = testing::FreshDir() / name;
  std::ofstream(path) << text;
  return path.string();
}

TEST(ModelCard, MapsYamlToModelCardToolkitFields) {
  auto path = WriteFile("card.yaml",
                        "overview: Scores credit applications\n"
                        "owners:\n  - {name: Risk team, contact: risk@example.com}\n"
                        "license: Apache-2.0\n"
                        "intended_use: [pre-screening]\n"
                        "out_of_scope_uses: automated rejection\n"
                        "limitations: [trained on 2019 data]\n"
                        "ethical_considerations:\n  - {name: age, mitigation_strategy: monitor}\n");
  auto card = ReadModelCardYaml(path);
  ASSERT_TRUE(card.ok()) << card.status().ToString();
  auto doc = nlohmann::json::parse(*card);
  EXPECT_EQ(doc["model_details"]["overview"], "Scores credit applications");
  EXPECT_EQ(doc["model_details"]["owners"][0]["contact"], "risk@example.com");
  EXPECT_EQ(doc["model_details"]["licenses"][0]["identifier"], "Apache-2.0");
  EXPECT_EQ(doc["considerations"]["use_cases"][0]["description"], "pre-screening");
  EXPECT_EQ(doc["considerations"]["out_of_scope_uses"][0]["description"], "automated rejection");
  EXPECT_EQ(doc["considerations"]["ethical_considerations"][0]["mitigation_strategy"], "monitor");
}

TEST(ModelCard, UnknownFieldNamesLine) {
  auto path = WriteFile("card.yaml", "overview: x\nintended_usage: typo\n");
  auto card = ReadModelCardYaml(path);
  ASSERT_EQ(card.status().code(), StatusCode::kParseError);
  EXPECT_THAT(card.status().message(), HasSubstr("card.yaml:2: unknown field 'intended_usage'"));
}

TEST(Metrics, ReadsEvaluationDocumentsWithSegments) {
  auto path = WriteFile("eval.json",
                        R"({"kind": "evaluation_report", "inputs": {"data": {"sha256": "ab12"}},
          "metrics": {"roc_auc": {"value": 0.81, "ci_low": 0.78, "ci_high": 0.84},
                      "brier": {"value": null, "ci_low": null, "ci_high": null}},
          "segments": [{"column": "Home", "value": "rent", "metrics": {"roc_auc": {"value": 0.7}}}]})");
  auto m = ReadModelMetrics(path);
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  ASSERT_EQ(m->metrics.size(), 3u);
  EXPECT_EQ(m->data_digest, "sha256:ab12");
  bool saw_segment = false, saw_null = false;
  for (const ModelMetric& metric : m->metrics) {
    if (metric.segment == "Home=rent") saw_segment = metric.value == 0.7;
    if (metric.name == "brier") saw_null = !metric.value.has_value();
    if (metric.name == "roc_auc" && metric.segment.empty()) {
      EXPECT_EQ(metric.ci_high, 0.84);
    }
  }
  EXPECT_TRUE(saw_segment);
  EXPECT_TRUE(saw_null);
}

TEST(Metrics, FlatObjectAndErrors) {
  auto m = ReadModelMetrics(WriteFile("m.json", R"({"accuracy": 0.9, "f1": null})"));
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->metrics.size(), 2u);
  auto bad = ReadModelMetrics(WriteFile("m.json", R"({"accuracy": "high"})"));
  EXPECT_EQ(bad.status().code(), StatusCode::kParseError);
  EXPECT_THAT(bad.status().message(), HasSubstr("accuracy"));
  EXPECT_EQ(ReadModelMetrics(WriteFile("m.json", "[1, 2")).status().code(),
            StatusCode::kParseError);
}

Table SmallTable() {
  ValidityBitmap all, one_missing;
  all.AppendMany(true, 2);
  one_missing.Append(true);
  one_missing.Append(false);
  std::vector<Column> cols;
  cols.push_back(Column::Float64("b", {1.5, 2.0}, all));
  cols.push_back(Column::Categorical("a", {0, 1}, {"x", "y"}, all));
  cols.push_back(Column::Int64("c", {7, 0}, one_missing));
  return *Table::Make(std::move(cols));
}

TEST(PredictionRows, EncodingSortsColumnsAndMarksMissing) {
  Table t = SmallTable();
  RowEncoder encoder(t, {0, 1, 2});
  std::string out;
  encoder.Encode(0, &out);
  EXPECT_EQ(out,
            "a=x\x1f"
            "b=1.5\x1f"
            "c=7\x1f");
  encoder.Encode(1, &out);
  EXPECT_EQ(out,
            "a=y\x1f"
            "b=2\x1f"
            "c\x1f");
  std::string digest;
  InputDigest(out, &digest);
  EXPECT_EQ(digest, "sha256:" + Sha256Hex(out));
  // The documented encoding, digested independently (Python:
  // hashlib.sha256(b"a=y\x1fb=2\x1fc\x1f")).
  EXPECT_EQ(digest, "sha256:" + Sha256Hex(std::string("a=y\x1f"
                                                      "b=2\x1f"
                                                      "c\x1f")));
  encoder.EncodeJson(1, &out);
  EXPECT_EQ(out, R"({"a":"y","b":2.0,"c":null})");
}

// The encoding formats numbers in place rather than through Column::TextAt;
// every type and awkward value must still give TextAt's text, or stored
// digests would change.
TEST(PredictionRows, EncodingWritesTextAtsTextForEveryTypeAndValue) {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  const std::vector<double> doubles = {
      0.1, -0.0, 1e300, 5e-324, -kInf, kInf, std::numeric_limits<double>::quiet_NaN(), 123456.75};
  const std::vector<int64_t> ints = {
      0, -1, std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max(), 42, 7, 8, 9};
  const size_t rows = doubles.size();
  ValidityBitmap all, some;
  all.AppendMany(true, rows);
  for (size_t row = 0; row < rows; ++row) some.Append(row % 3 != 1);
  std::vector<Column> cols;
  cols.push_back(Column::Float64("f", doubles, all));
  cols.push_back(Column::Int64("i", ints, all));
  cols.push_back(Column::Bool("b", {1, 0, 1, 0, 1, 0, 1, 0}, some));
  cols.push_back(Column::Categorical("c", {0, 1, 0, 1, 0, 1, 0, 1}, {"x", "y z"}, some));
  cols.push_back(Column::String("s", {"", "a", "b=c", "d", "e", "f", "g", "h"}, all));
  cols.push_back(Column::Timestamp("t", {0, -1, 1500000, 1764547200000000, 1, 2, 3, 4}, some));
  cols.push_back(Column::Float64("g", doubles, some));
  Table t = *Table::Make(std::move(cols));
  RowEncoder encoder(t, {6, 5, 4, 3, 2, 1, 0});
  std::string out;
  for (size_t row = 0; row < rows; ++row) {
    std::string expected;
    for (const char* name : {"b", "c", "f", "g", "i", "s", "t"}) {
      const Column& column = t.column(*t.FindColumn(name));
      expected += name;
      if (column.IsValid(row)) expected += "=" + column.TextAt(row);
      expected += '\x1f';
    }
    encoder.Encode(row, &out);
    EXPECT_EQ(out, expected) << "row " << row;
  }
}

}  // namespace
}  // namespace airm::store
