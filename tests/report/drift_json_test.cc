#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "airm/report.h"
#include "sample_drift.h"

namespace airm {
namespace {

using nlohmann::json;

json Render(const DriftResult& r) {
  const std::string text = RenderDriftJson(r, testing::SampleMeta());
  // nlohmann rejects NaN / Infinity tokens, so a successful parse is itself
  // the check that no bare non-finite number was emitted.
  return json::parse(text);
}

const json& ColumnNamed(const json& columns, const std::string& name) {
  for (const json& c : columns) {
    if (c["name"] == name) return c;
  }
  static const json kNone;
  ADD_FAILURE() << "no column " << name;
  return kNone;
}

TEST(DriftJsonTest, HeaderInputsAndConfig) {
  const nlohmann::ordered_json ordered =
      nlohmann::ordered_json::parse(RenderDriftJson(testing::SampleDrift(), testing::SampleMeta()));
  EXPECT_EQ(ordered.begin().key(), "kind");  // documents read top-down
  const json doc = Render(testing::SampleDrift());
  EXPECT_EQ(doc["kind"], "drift_report");
  EXPECT_EQ(doc["schema_version"], "1.4");
  EXPECT_EQ(doc["airm_version"], "0.1.0");
  EXPECT_EQ(doc["generated_at"], "2026-11-27T02:08:47Z");
  EXPECT_EQ(doc["command"], "airm drift data/ref.csv 'data/cur & new.csv'");
  EXPECT_EQ(doc["inputs"]["reference"]["path"], "data/ref.csv");
  EXPECT_EQ(doc["inputs"]["current"]["sha256"], std::string(64, 'b'));
  EXPECT_EQ(doc["inputs"]["current"]["rows"], 900);
  EXPECT_EQ(doc["inputs"]["reference"]["bytes"], 123456);
  const json& config = doc["config"];
  EXPECT_EQ(config["alpha"], 0.05);
  EXPECT_EQ(config["correction"], "bh");
  EXPECT_EQ(config["exclude"], json::array({"id"}));
  EXPECT_EQ(config["columns"], json::array());
  EXPECT_EQ(config["segment_columns"], json::array({"region"}));
  EXPECT_EQ(config["bins"], 10);
  EXPECT_EQ(config["seed"], 42);
  EXPECT_EQ(config["domain_classifier"], true);
}

TEST(DriftJsonTest, VerdictsAndColumnOrderAsGiven) {
  const json doc = Render(testing::SampleDrift());
  EXPECT_EQ(doc["verdict"]["input_drift"]["drifted"], true);
  EXPECT_EQ(doc["verdict"]["input_drift"]["columns_tested"], 4);
  EXPECT_EQ(doc["verdict"]["input_drift"]["columns_drifted"], 2);
  EXPECT_EQ(doc["verdict"]["output_drift"]["columns_drifted"], 1);
  EXPECT_EQ(doc["verdict"]["quality"], "fail");
  ASSERT_EQ(doc["columns"].size(), 6u);
  // JSON keeps the analysis's order (the data's column order); only the HTML
  // sorts by severity.
  EXPECT_EQ(doc["columns"][0]["name"], testing::kScriptName);
  EXPECT_EQ(doc["columns"][1]["name"], "income");
  ASSERT_EQ(doc["outputs"].size(), 1u);
  EXPECT_EQ(doc["outputs"][0]["role"], "score");
}

TEST(DriftJsonTest, DriftedNumericColumn) {
  const json doc = Render(testing::SampleDrift());
  const json& age = ColumnNamed(doc["columns"], "age");
  EXPECT_EQ(age["status"], "drift");
  EXPECT_EQ(age["drifted"], true);
  EXPECT_EQ(age["method"], "ks");
  EXPECT_DOUBLE_EQ(age["p_value"].get<double>(), 3.2e-5);
  EXPECT_DOUBLE_EQ(age["p_value_adjusted"].get<double>(), 9.6e-5);
  EXPECT_DOUBLE_EQ(age["effect_size"].get<double>(), 0.4);
  EXPECT_EQ(age["effect_size_name"], "wasserstein_norm");
  EXPECT_EQ(age["reference_count"], 1000);
  EXPECT_EQ(age["tests"]["ks"]["p_value"], 3.2e-5);
  EXPECT_TRUE(age["tests"]["wasserstein_norm"]["p_value"].is_null());
  EXPECT_TRUE(age["tests"]["kl"]["statistic"].is_null()) << "+inf must become null";
  const json& d = age["distribution"];
  EXPECT_EQ(d["labels"].size(), 4u);
  EXPECT_TRUE(d["lower"][0].is_null()) << "-inf lower bound is null";
  EXPECT_EQ(d["lower"][1], 0.0);
  EXPECT_TRUE(d["upper"][3].is_null()) << "+inf upper bound is null";
  EXPECT_EQ(d["current_counts"], json::array({90, 100, 310, 400}));
}

TEST(DriftJsonTest, UndefinedValuesAreNull) {
  const json doc = Render(testing::SampleDrift());
  const json& tiny = ColumnNamed(doc["columns"], "tiny");
  EXPECT_EQ(tiny["status"], "insufficient_data");
  EXPECT_TRUE(tiny["statistic"].is_null());
  EXPECT_TRUE(tiny["p_value"].is_null());
  EXPECT_TRUE(tiny["p_value_adjusted"].is_null());
  EXPECT_TRUE(tiny["effect_size"].is_null());
  EXPECT_TRUE(tiny["threshold"].is_null()) << "NaN threshold must be null";
  EXPECT_TRUE(tiny["tests"]["ks"]["statistic"].is_null());
  // Categorical bins carry no bounds; a column without values has empty bins.
  const json& legacy = ColumnNamed(doc["columns"], "legacy_code");
  EXPECT_EQ(legacy["status"], "missing_in_current");
  EXPECT_EQ(legacy["current_type"], "");
  EXPECT_FALSE(legacy["distribution"].contains("lower"));
  EXPECT_EQ(legacy["distribution"]["labels"], json::array());
  const json& script = ColumnNamed(doc["columns"], testing::kScriptName);
  EXPECT_FALSE(script["distribution"].contains("lower"));
  EXPECT_EQ(script["distribution"]["labels"][0], testing::kQuotedCategory);
  // Quality value and finding evidence.
  EXPECT_TRUE(doc["quality"][2]["value"].is_null());
  EXPECT_EQ(doc["quality"][2]["status"], "fail");
  EXPECT_EQ(doc["quality"][1]["column"], "");
  EXPECT_TRUE(doc["findings"][1]["evidence"]["undefined_value"].is_null());
  EXPECT_EQ(doc["findings"][1]["severity"], "fail");
}

TEST(DriftJsonTest, MultivariateAndSegments) {
  const json doc = Render(testing::SampleDrift());
  const json& m = doc["multivariate"];
  EXPECT_EQ(m["method"], "domain_classifier");
  EXPECT_EQ(m["ran"], true);
  EXPECT_EQ(m["auc"], 0.87);
  EXPECT_EQ(m["top_columns"][0]["column"], "age");
  EXPECT_EQ(m["top_columns"][0]["share"], 0.6);
  ASSERT_EQ(doc["segments"].size(), 2u);
  EXPECT_EQ(doc["segments"][0]["sufficient"], true);
  EXPECT_EQ(doc["segments"][0]["columns"][0]["name"], "age");
  EXPECT_EQ(doc["segments"][1]["sufficient"], false);
  EXPECT_EQ(doc["segments"][1]["value"], "isl<and>");
  // The name a gate selects the segment by (issue 12).
  EXPECT_EQ(doc["segments"][1]["name"],
            doc["segments"][1]["column"].get<std::string>() + "=isl<and>");

  const json none = Render(testing::NoDriftSample());
  EXPECT_EQ(none["multivariate"]["ran"], false);
  EXPECT_TRUE(none["multivariate"]["auc"].is_null());
  EXPECT_EQ(none["multivariate"]["note"], "Disabled by --no-domain-classifier");
}

TEST(DriftJsonTest, PrettyPrintedWithTwoSpaces) {
  const std::string text = RenderDriftJson(testing::SampleDrift(), testing::SampleMeta());
  EXPECT_EQ(text.rfind("{\n  \"kind\": \"drift_report\",\n", 0), 0u);
  EXPECT_EQ(text.back(), '\n');
  EXPECT_EQ(text.find("NaN"), std::string::npos);
  EXPECT_EQ(text.find("Infinity"), std::string::npos);
}

TEST(DriftJsonTest, InvalidUtf8IsReplacedNotThrown) {
  DriftResult r = testing::SampleDrift();
  r.input_columns[0].name = "caf\xe9";  // Latin-1 byte from a legacy CSV
  std::string text;
  ASSERT_NO_THROW(text = RenderDriftJson(r, testing::SampleMeta()));
  const json doc = json::parse(text);
  EXPECT_EQ(doc["columns"][0]["name"], "caf\xef\xbf\xbd");
}

TEST(DriftJsonTest, EmptyResultIsStillAValidDocument) {
  const json doc = Render(DriftResult{});
  EXPECT_EQ(doc["columns"], json::array());
  EXPECT_EQ(doc["verdict"]["input_drift"]["columns_tested"], 0);
  EXPECT_EQ(doc["verdict"]["quality"], "pass");
  EXPECT_FALSE(doc["verdict"].contains("quality_note"));
}

TEST(DriftJsonTest, QualityNotCheckedIsNullWithANote) {
  DriftResult r = testing::NoDriftSample();
  r.quality_status = std::nullopt;
  r.quality_note = "not checked: no rows";
  const json doc = Render(r);
  EXPECT_TRUE(doc["verdict"]["quality"].is_null());
  EXPECT_EQ(doc["verdict"]["quality_note"], "not checked: no rows");
}

}  // namespace
}  // namespace airm
