#include "eval_sample.h"

#include <cmath>
#include <limits>

namespace airm::testing {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

MetricValue MV(double v, double lo, double hi, const char* method = "wilson") {
  return {v, lo, hi, method, ""};
}

MetricValue Undefined(const char* note) {
  return {std::nullopt, std::nullopt, std::nullopt, "", note};
}

MetricMap BinaryMetrics(double acc, double recall, double fpr, std::optional<double> auc) {
  MetricMap m;
  m["accuracy"] = MV(acc, acc - 0.03, acc + 0.03);
  m["recall"] = MV(recall, recall - 0.05, recall + 0.05);
  m["fpr"] = MV(fpr, fpr - 0.02, fpr + 0.02);
  m["roc_auc"] = auc ? MV(*auc, *auc - 0.02, *auc + 0.02, "delong")
                     : Undefined("undefined: only one class present");
  m["error_rate"] = MV(1 - acc, 1 - acc - 0.03, 1 - acc + 0.03);
  return m;
}

GroupResult Group(std::string value, uint64_t rows, double sel, std::optional<double> tpr,
                  double fpr) {
  GroupResult g;
  g.value = std::move(value);
  g.rows = rows;
  g.metrics["selection_rate"] = MV(sel, sel - 0.04, sel + 0.04);
  g.metrics["tpr"] = tpr ? MV(*tpr, *tpr - 0.08, *tpr + 0.08)
                         : Undefined("insufficient evidence: no positives in this group");
  g.metrics["fpr"] = MV(fpr, fpr - 0.03, fpr + 0.03);
  g.metrics["error_rate"] = MV(0.2, 0.15, 0.25);
  return g;
}

}  // namespace

EvalResult SampleBinaryEval() {
  EvalResult r;
  r.data = {"data/scored & new.csv", std::string(64, 'a'), 4454, 16, 262144};
  r.reference = InputInfo{"data/train.csv", std::string(64, 'b'), 3000, 16, 180000};
  r.config.segment_columns = {"Home", "Job"};
  r.config.sensitive_columns = {"afam", kEvalScriptName};
  r.config.confirm_holdout = true;
  r.task = TaskType::kBinary;
  r.classes = {"good", "bad"};
  r.positive_label = "bad";
  r.threshold = 0.5;
  r.rows_used = 4454;
  r.rows_excluded = 12;
  r.notes = {"12 rows with a missing target were excluded"};
  r.metrics = BinaryMetrics(0.81, 0.62, 0.11, 0.86);
  r.metrics["log_loss"] = MV(0.43, 0.41, 0.45, "bootstrap");

  SegmentResult owner{"Home", "owner", 2100, true, BinaryMetrics(0.86, 0.7, 0.08, 0.9)};
  SegmentResult rent{"Home", "rent", 980, true, BinaryMetrics(0.66, 0.5, 0.22, 0.74)};
  SegmentResult tiny{"Home", "<b>ignore</b>", 7, false, BinaryMetrics(0.5, 0.5, 0.5, 0.5)};
  SegmentResult pair{"Home & Job", "rent & partime", 240, true, BinaryMetrics(0.52, 0.4, 0.3, 0.6)};
  pair.metrics["roc_auc"] = Undefined("undefined: only one class present");
  r.segments = {owner, rent, tiny, pair};

  SliceResult worst;
  worst.predicates = {{"Home", "==", "rent"}, {"Job", "==", "partime"}};
  worst.rows = 240;
  worst.error_rate = 0.48;
  worst.overall_error = 0.19;
  worst.lift = 0.48 / 0.19;
  worst.score = 1.7;
  worst.p_value = 1e-9;
  worst.q_value = 4e-8;
  worst.significant = true;
  worst.confirmed = true;
  worst.metrics = BinaryMetrics(0.52, 0.4, 0.3, 0.6);
  SliceResult age;
  age.predicates = {{"Age", "in", "[18, 25)"}};
  age.rows = 410;
  age.error_rate = 0.27;
  age.overall_error = 0.19;
  age.lift = 0.27 / 0.19;
  age.p_value = 0.004;
  age.q_value = 0.03;
  age.significant = true;
  age.confirmed = false;
  SliceResult missing;
  missing.predicates = {{"Income", "is_missing", ""}};
  missing.rows = 60;
  missing.error_rate = 0.23;
  missing.overall_error = 0.19;
  missing.lift = kNaN;  // must print as undefined, never "nan"
  missing.p_value = 0.3;
  missing.q_value = 0.6;
  r.slices = {worst, age, missing};

  r.worst_case.slice = "Home = rent & Job = partime";
  r.worst_case.metrics = worst.metrics;
  r.worst_case.note = "significant and confirmed on the held-out half";

  FairnessResult afam;
  afam.attribute = "afam";
  afam.groups = {Group("no", 3900, 0.30, 0.65, 0.10), Group("yes", 554, 0.18, std::nullopt, 0.05)};
  afam.disparities["demographic_parity_difference"] = MV(0.12, 0.08, 0.16, "bootstrap");
  afam.disparities["demographic_parity_ratio"] = MV(0.6, 0.5, 0.7, "bootstrap");
  afam.disparities["disparate_impact"] = MV(0.6, 0.5, 0.7, "bootstrap");
  afam.disparities["equalized_odds_difference"] =
      Undefined("insufficient evidence: group yes has no positives");
  afam.four_fifths_rule_passed = false;
  afam.errors_independent_chi2 = {14.2, 0.0002};
  afam.errors_independent_g = {13.9, 0.0002};
  afam.verdict = "errors are concentrated in some groups (systematic)";
  FairnessResult weird;
  weird.attribute = kEvalScriptName;
  weird.groups = {Group("Tom & \"Jerry's\"", 300, 0.25, 0.6, 0.1),
                  Group("(missing)", 40, 0.22, 0.55, 0.12)};
  weird.disparities["demographic_parity_ratio"] = MV(0.88, 0.7, 1.0, "bootstrap");
  weird.four_fifths_rule_passed = true;
  weird.errors_independent_chi2 = {0.4, 0.52};
  weird.errors_independent_g = {0.41, 0.52};
  weird.verdict = "errors look random across groups";
  r.fairness = {afam, weird};

  CalibrationResult& c = r.calibration;
  c.available = true;
  c.ece = 0.034;
  c.ece_equal_mass = 0.041;
  c.mce = 0.12;
  c.brier = 0.14;
  c.reliability = 0.006;
  c.resolution = 0.05;
  c.uncertainty = 0.18;
  c.overconfidence_rate = 0.21;
  c.underconfidence_rate = 0.04;
  for (int i = 0; i < 10; ++i) {
    CalibrationBin b;
    b.lower = i / 10.0;
    b.upper = (i + 1) / 10.0;
    if (i == 8 || i == 9) {  // empty bins
      r.calibration.bins.push_back(b);
      continue;
    }
    b.count = static_cast<uint64_t>(1200 / (i + 1));
    b.mean_predicted = (i + 0.5) / 10.0;
    b.fraction_positive = std::min(1.0, (i + 0.5) / 10.0 + (i % 3 - 1) * 0.05 + 0.02);
    c.bins.push_back(b);
  }
  c.ece_by_segment = {
      {"Home=owner", 0.02}, {"Home=rent", 0.09}, {"Home=<b>ignore</b>", std::nullopt}};

  TailResult& t = r.tail;
  t.available = true;
  t.share = 0.05;
  t.tail_rows = 223;
  t.tail_metrics = BinaryMetrics(0.61, 0.45, 0.2, 0.7);
  t.rest_metrics = BinaryMetrics(0.82, 0.63, 0.1, 0.87);
  t.cvar_loss = 2.31;
  t.mean_loss = 0.43;
  t.loss_name = "log_loss";

  r.findings = {
      {Severity::kWarn,
       "eval.calibration",
       "dataset",
       "Scores over-predict in the 0.6-0.7 range.",
       {{"ece", 0.034}}},
      {Severity::kFail,
       "eval.worst_slice",
       "Home = rent & Job = partime",
       "Accuracy drops to 0.52 on this slice <b>!</b>",
       {{"accuracy", 0.52}, {"lift", kInf}}},
      {Severity::kFail,
       "eval.fairness.four_fifths",
       "afam",
       "Group yes is selected at 60% of the rate of group no.",
       {{"ratio", 0.6}}},
  };
  return r;
}

EvalResult SampleRegressionEval() {
  EvalResult r;
  r.data = {"prices.csv", std::string(64, 'c'), 500, 8, 40000};
  r.task = TaskType::kRegression;
  r.rows_used = 500;
  r.config.segment_columns = {"region"};
  r.metrics["mae"] = MV(3.2, 2.9, 3.5, "bootstrap");
  r.metrics["rmse"] = MV(4.1, 3.7, 4.6, "bootstrap");
  r.metrics["r2"] = MV(0.71, 0.66, 0.76, "bootstrap");
  r.metrics["mape"] = Undefined("undefined: every true value is 0");
  SegmentResult north{"region", "north", 260, true, {}};
  north.metrics["mae"] = MV(2.1, 1.8, 2.4, "bootstrap");
  north.metrics["rmse"] = MV(2.9, 2.5, 3.3, "bootstrap");
  SegmentResult south{"region", "south", 240, true, {}};
  south.metrics["mae"] = MV(4.4, 4.0, 4.9, "bootstrap");
  south.metrics["rmse"] = MV(5.3, 4.8, 5.9, "bootstrap");
  r.segments = {north, south};
  r.worst_case.note = "no slice is significantly worse than the data set";
  r.calibration.available = false;
  r.calibration.note = "regression: calibration applies to probability scores only";
  r.tail.available = false;
  r.tail.note = "no --reference given";
  return r;
}

EvalResult SampleUndefinedEval() {
  EvalResult r;
  r.task = TaskType::kBinary;
  r.positive_label = "1";
  r.threshold = kNaN;
  r.config.alpha = kNaN;
  r.config.tail_share = kInf;
  r.metrics["accuracy"] = Undefined("undefined: no rows");
  r.metrics["roc_auc"] = {kNaN, -kInf, kInf, "delong", "every input was non-finite"};
  SliceResult s;
  s.predicates = {{"x", "==", "1"}};
  s.error_rate = kNaN;
  s.overall_error = kInf;
  s.lift = kNaN;
  s.score = -kInf;
  s.significant = true;  // the evaluation names only a significant slice the worst case
  r.slices = {s};
  r.worst_case.slice = "x = 1";
  r.worst_case.metrics["accuracy"] = Undefined("undefined: empty slice");
  FairnessResult f;
  f.attribute = "g";
  f.groups = {GroupResult{"a", 0, {}}};
  f.disparities["demographic_parity_ratio"] = Undefined("undefined: no group has rows");
  r.fairness = {f};
  r.calibration.available = true;
  r.calibration.bins = {CalibrationBin{0, 0.5, 0, std::nullopt, std::nullopt},
                        CalibrationBin{0.5, 1, 0, std::nullopt, std::nullopt}};
  r.calibration.ece_by_segment = {{"a", std::nullopt}};
  r.tail.available = true;
  r.tail.share = kNaN;
  r.tail.cvar_loss = kNaN;
  return r;
}

ReportMeta SampleEvalMeta() {
  return {"0.3.0-test", "2026-11-27T02:08:47Z",
          "airm evaluate --data 'data/scored & new.csv' --target Status --score score"};
}

}  // namespace airm::testing
