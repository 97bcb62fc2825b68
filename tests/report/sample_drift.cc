#include "sample_drift.h"

#include <cmath>
#include <limits>
#include <string>

namespace airm::testing {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

ColumnDrift Numeric(std::string name, bool drifted, double effect) {
  ColumnDrift c;
  c.name = std::move(name);
  c.type = "float64";
  c.current_type = "float64";
  c.status = drifted ? ColumnDriftStatus::kDrift : ColumnDriftStatus::kNoDrift;
  c.method = "ks";
  c.statistic = drifted ? 0.31 : 0.02;
  c.p_value = drifted ? 3.2e-5 : 0.6;
  c.p_value_adjusted = drifted ? 9.6e-5 : 0.8;
  c.threshold = 0.05;
  c.effect_size_name = "wasserstein_norm";
  c.effect_size = effect;
  c.effect_size_threshold = 0.1;
  c.drifted = drifted;
  c.reason = drifted ? "KS test significant and the distribution moved" : "No significant change";
  c.reference_count = 1000;
  c.current_count = 900;
  c.tests["ks"] = {c.statistic, c.p_value};
  c.tests["wasserstein_norm"] = {effect, std::nullopt};
  c.tests["kl"] = {kInf, std::nullopt};  // a non-finite statistic
  c.distribution.labels = {"(-inf, 0)", "[0, 10)", "[10, 20)", "[20, +inf)"};
  c.distribution.lower = {-kInf, 0, 10, 20};
  c.distribution.upper = {0, 10, 20, kInf};
  c.distribution.reference_counts = {0, 500, 400, 100};
  c.distribution.current_counts =
      drifted ? std::vector<uint64_t>{90, 100, 310, 400} : std::vector<uint64_t>{0, 450, 360, 90};
  return c;
}

ColumnDrift Categorical(std::string name, size_t categories) {
  ColumnDrift c;
  c.name = std::move(name);
  c.type = "categorical";
  c.current_type = "categorical";
  c.status = ColumnDriftStatus::kNoDrift;
  c.method = "chi2";
  c.statistic = 3.5;
  c.p_value = 0.42;
  c.p_value_adjusted = 0.7;
  c.threshold = 0.05;
  c.effect_size_name = "jensen_shannon";
  c.effect_size = 0.01;
  c.effect_size_threshold = 0.1;
  c.reason = "No significant change";
  for (size_t i = 0; i < categories; ++i) {
    c.distribution.labels.push_back(i == 0 ? std::string(kQuotedCategory)
                                           : "cat_" + std::to_string(i));
    c.distribution.reference_counts.push_back(100 + i);
    c.distribution.current_counts.push_back(90 + i);
    c.reference_count += 100 + i;
    c.current_count += 90 + i;
  }
  c.tests["chi2"] = {c.statistic, c.p_value};
  return c;
}

}  // namespace

DriftResult SampleDrift() {
  DriftResult r;
  r.reference = {"data/ref.csv", std::string(64, 'a'), 1000, 7, 123456};
  r.current = {"data/cur & new.csv", std::string(64, 'b'), 900, 6, 110000};
  r.config.columns = {};
  r.config.exclude = {"id"};
  r.segment_columns = {"region"};

  r.input_columns.push_back(Categorical(kScriptName, 3));
  r.input_columns.push_back(Numeric("income", true, 0.15));
  r.input_columns.push_back(Numeric("age", true, 0.4));
  r.input_columns.push_back(Categorical("city", 30));

  ColumnDrift tiny;
  tiny.name = "tiny";
  tiny.type = "int64";
  tiny.current_type = "int64";
  tiny.status = ColumnDriftStatus::kInsufficientData;
  tiny.threshold = kNaN;  // must still never print a bare NaN
  tiny.reason = "Only 3 current values; at least 5 are needed";
  tiny.reference_count = 1000;
  tiny.current_count = 3;
  tiny.tests["ks"] = {std::nullopt, std::nullopt};
  r.input_columns.push_back(tiny);

  ColumnDrift legacy;
  legacy.name = "legacy_code";
  legacy.type = "string";
  legacy.status = ColumnDriftStatus::kMissingInCurrent;
  legacy.reason = "The current data has no column legacy_code";
  legacy.reference_count = 1000;
  r.input_columns.push_back(legacy);

  ColumnDrift score = Numeric("score", true, 0.25);
  score.role = ColumnRole::kScore;
  r.output_columns.push_back(score);

  r.input_verdict = {true, 4, 2, "drift when at least 50% of tested columns drift",
                     "age & income moved upwards"};
  r.output_verdict = {true, 1, 1, "drift when any output column drifts", ""};

  r.quality.push_back({"missing_share_change", "income", CheckStatus::kWarn, 0.12, 0.05, 0.2,
                       "Missing values in income rose from 1% to 13%"});
  r.quality.push_back({"row_count", "", CheckStatus::kPass, 900, 0, 0, "Row count is fine"});
  r.quality.push_back({"new_category_share", kScriptName, CheckStatus::kFail, std::nullopt, 0.01,
                       0.05, "Unseen category <b>x</b>"});
  r.quality_status = CheckStatus::kFail;

  r.domain_classifier.ran = true;
  r.domain_classifier.auc = 0.87;
  r.domain_classifier.auc_threshold = 0.55;
  r.domain_classifier.p_value = 0.001;
  r.domain_classifier.drifted = true;
  r.domain_classifier.p_value_method = "mann_whitney_normal";
  r.domain_classifier.train_rows = 500;
  r.domain_classifier.test_rows = 1400;
  r.domain_classifier.trees = 12;
  r.domain_classifier.rows_used = 1900;
  r.domain_classifier.top_columns = {{"age", 0.6}, {"income", 0.3}, {kScriptName, 0.1}};

  SegmentDrift north;
  north.column = "region";
  north.value = "north";
  north.reference_rows = 600;
  north.current_rows = 500;
  north.sufficient = true;
  north.columns.push_back(Numeric("age", true, 0.5));
  north.verdict = {true, 1, 1, "same rule", "1 of 1 columns drifted"};
  r.segments.push_back(north);
  SegmentDrift island;
  island.column = "region";
  island.value = "isl<and>";
  island.reference_rows = 4;
  island.current_rows = 2;
  island.sufficient = false;
  r.segments.push_back(island);

  r.findings.push_back({Severity::kInfo,
                        "drift.multivariate",
                        "dataset",
                        "The classifier tells the data sets apart",
                        {{"auc", 0.87}}});
  r.findings.push_back({Severity::kFail,
                        "drift.column",
                        "age",
                        "age drifted strongly",
                        {{"wasserstein_norm", 0.4}, {"undefined_value", kNaN}}});
  r.findings.push_back(
      {Severity::kWarn, "quality.missing_share", "income", "Missing values rose", {}});
  return r;
}

DriftResult NoDriftSample() {
  DriftResult r = SampleDrift();
  for (ColumnDrift& c : r.input_columns) {
    if (c.status == ColumnDriftStatus::kDrift) {
      c.status = ColumnDriftStatus::kNoDrift;
      c.drifted = false;
    }
  }
  r.output_columns.clear();
  r.input_verdict = {false, 4, 0, "drift when at least 50% of tested columns drift", ""};
  r.output_verdict = {};
  r.quality.clear();
  r.quality_status = CheckStatus::kPass;
  r.domain_classifier = {};
  r.domain_classifier.note = "Disabled by --no-domain-classifier";
  r.segments.clear();
  r.findings.clear();
  return r;
}

ReportMeta SampleMeta() {
  return {"0.1.0", "2026-11-27T02:08:47Z", "airm drift data/ref.csv 'data/cur & new.csv'"};
}

}  // namespace airm::testing
