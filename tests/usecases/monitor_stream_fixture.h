// The generated stream the monitoring use cases are tested on: 16 weekly
// batches from 2026-01-05 (a Monday), x drifting (mean +1.5 sd) in weeks
// 9-13, no rows at all in week 6, and airm.yaml with the weekly drift
// monitor `credit` whose alert `x-drift` (when: drift, for: 2) fires in week
// 10 and resolves in week 14.
#pragma once

#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "airm/store/monitor_windows.h"
#include "airm/usecases/log_predictions.h"
#include "airm/usecases/run_monitors.h"
#include "airm/usecases/store_access.h"
#include "usecases_test_util.h"

namespace airm::usecases::testing {

constexpr int kWeeks = 16;
constexpr int kRowsPerWeek = 150;

class MonitorStreamTest : public WorkspaceTest {
 protected:
  void SetUp() override {
    WorkspaceTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    std::mt19937_64 rng(20260105);
    std::normal_distribution<double> normal(0.0, 1.0);
    const char* cats[] = {"a", "b", "c"};
    std::string ref = "x,cat\n";
    for (int i = 0; i < 400; ++i) {
      ref += std::to_string(normal(rng)) + "," + cats[rng() % 3] + "\n";
    }
    WriteFile("ref.csv", ref);
    std::filesystem::create_directories(dir_ / "batches");
    for (int week = 1; week <= kWeeks; ++week) {
      if (week == 6) continue;  // nothing arrived that week
      const double shift = (week >= 9 && week <= 13) ? 1.5 : 0.0;
      std::string text = "ts,x,cat\n";
      for (int i = 0; i < kRowsPerWeek; ++i) {
        // 2026-01-05 is day 20458 since the epoch; rows spread over the week.
        const int64_t t = (20458 + 7 * (week - 1)) * int64_t{86400} + i * 4000;
        char ts[32];
        const time_t tt = static_cast<time_t>(t);
        std::strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%SZ", gmtime(&tt));
        text += std::string(ts) + "," + std::to_string(normal(rng) + shift) + "," +
                cats[rng() % 3] + "\n";
      }
      char name[32];
      std::snprintf(name, sizeof name, "batches/week_%02d.csv", week);
      WriteFile(name, text);
    }
    WriteMonitor("credit", "", kFiles, "2026-01-05",
                 "    schedules:\n"
                 "      - {every: week, analysis: drift}\n"
                 "    alerts:\n"
                 "      - {name: x-drift, when: drift, severity: critical, for: 2}\n");
  }

  // airm.yaml with one monitor; `model` "" for none, `current` a flow mapping.
  // The store line comes last, so the lines messages name are the same on
  // both backends.
  void WriteMonitor(const std::string& name, const std::string& model, const std::string& current,
                    const std::string& start, const std::string& rest) {
    WriteFile("airm.yaml", "monitors:\n  - name: " + name + "\n" +
                               (model.empty() ? "" : "    model: " + model + "\n") +
                               "    reference: {file: ref.csv}\n    current: " + current +
                               "\n    start: " + start + "\n" + rest + store_line_);
  }
  static constexpr const char* kFiles = "{files: \"batches/*.csv\", timestamp: ts}";
  static constexpr const char* kWeekly = "    schedules: [{every: week}]\n";

  // Logs week_NN.csv as predictions of scorer@1; the output is `cat`, so x
  // stays a logged feature.
  void LogWeek(const std::string& week, bool store_features) const {
    LogPredictionsOptions log;
    log.store = Where();
    log.file = (dir_ / "batches" / ("week_" + week + ".csv")).string();
    log.model = "scorer@1";
    log.time_column = "ts";
    log.output_column = "cat";
    log.store_features = store_features;
    auto logged = LogPredictions(log);
    ASSERT_TRUE(logged.ok()) << logged.status().ToString();
  }

  // The label files ("id,y") of LogScoredPredictions' two months.
  struct MonthLabels {
    std::string january, february;
  };

  // Registers scorer@1 and logs 360 of its predictions with their features,
  // 6 a day from 2026-01-01 for 60 days (x, score = P(y = 1 | x) =
  // 1 / (1 + e^(-2x))), and writes ref.csv (x, prediction, y: 240 labelled
  // rows of the same model). Returns the outcomes as label files to attach
  // later; `february_opposite` makes February's the opposite of the score
  // (realized AUC far below chance).
  MonthLabels LogScoredPredictions(uint64_t seed, bool february_opposite) const {
    RegisterModel("scorer", "1");
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> normal(0.0, 1.0);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::string ref = "x,prediction,y\n";
    std::string predictions = "id,ts,x,score\n";
    MonthLabels labels{.january = "id,y\n", .february = "id,y\n"};
    for (int i = 0; i < 600; ++i) {
      const double x = normal(rng);
      const double p = 1.0 / (1.0 + std::exp(-2.0 * x));
      const int y = unit(rng) < p ? 1 : 0;
      if (i < 240) {
        ref += std::to_string(x) + "," + std::to_string(p) + "," + std::to_string(y) + "\n";
        continue;
      }
      const int day = (i - 240) / 6;
      char ts[32];
      const time_t t = static_cast<time_t>((20454 + day) * int64_t{86400} + (i % 6) * 3600);
      std::strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%SZ", gmtime(&t));  // 20454 = 2026-01-01
      const std::string id = "p" + std::to_string(i);
      predictions += id + "," + ts + "," + std::to_string(x) + "," + std::to_string(p) + "\n";
      const int outcome = day >= 31 && february_opposite ? (p < 0.5 ? 1 : 0) : y;
      (day < 31 ? labels.january : labels.february) += id + "," + std::to_string(outcome) + "\n";
    }
    WriteFile("ref.csv", ref);
    LogPredictionsOptions log;
    log.store = Where();
    log.file = WriteFile("predictions.csv", predictions);
    log.model = "scorer@1";
    log.id_column = "id";
    log.time_column = "ts";
    log.output_column = "score";
    log.store_features = true;
    auto logged = LogPredictions(log);
    EXPECT_TRUE(logged.ok()) << logged.status().ToString();
    return labels;
  }

  // The stored result of each window of credit's week-drift schedule (null
  // for an empty window), oldest first.
  std::vector<nlohmann::json> StoredResults() const {
    std::vector<nlohmann::json> out;
    auto opened = OpenStore(Where());
    EXPECT_TRUE(opened.ok());
    if (!opened.ok()) return out;
    auto records = store::ListMonitorWindows(*opened->db, "credit", "week-drift");
    EXPECT_TRUE(records.ok());
    if (!records.ok()) return out;
    for (const auto& r : *records) {
      out.push_back(r.result_json ? nlohmann::json::parse(*r.result_json) : nlohmann::json());
    }
    return out;
  }

  RunMonitorsOptions Options(const std::string& as_of) const {
    RunMonitorsOptions options;
    options.store = Where();
    options.as_of = as_of;
    options.drift.domain_classifier = false;  // keeps the test fast; verdicts are per column
    return options;
  }
};

}  // namespace airm::usecases::testing
