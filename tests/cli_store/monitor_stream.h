// Shared by the monitor end-to-end tests: a workspace with a reference file
// and a stream of weekly batches whose x shifts in the weeks the test says,
// and the monitor that watches it.
#pragma once

#include <cstdio>
#include <fstream>
#include <functional>
#include <random>
#include <string>

#include "cli_store/cli_store_harness.h"

namespace airm::cli_store_test {

class MonitorStreamTest : public StoreCliTest {
 protected:
  // An initialised workspace with ws/ref.csv (200 rows of x ~ N(0, 1)) and
  // ws/batches/w1.csv ... w<weeks>.csv: 100 rows a week from Monday
  // 2025-12-01 on, x ~ N(shift(week), 1), timestamps inside their week.
  void WriteStream(uint64_t seed, int weeks, const std::function<double(int week)>& shift) {
    Init();
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> normal(0.0, 1.0);
    std::string ref = "x\n";
    for (int i = 0; i < 200; ++i) ref += std::to_string(normal(rng)) + "\n";
    Write("ws/ref.csv", ref);
    fs::create_directories(dir_ / "ws" / "batches");
    for (int week = 1; week <= weeks; ++week) {
      std::string text = "ts,x\n";
      for (int i = 0; i < 100; ++i) {
        char ts[32];
        const int day = 7 * (week - 1) + i % 7;  // 0-based days from 2025-12-01
        if (day < 31) {
          std::snprintf(ts, sizeof ts, "2025-12-%02dT%02d:00:00Z", 1 + day, i % 24);
        } else {
          std::snprintf(ts, sizeof ts, "2026-01-%02dT%02d:00:00Z", day - 30, i % 24);
        }
        text += std::string(ts) + "," + std::to_string(normal(rng) + shift(week)) + "\n";
      }
      Write("ws/batches/w" + std::to_string(week) + ".csv", text);
    }
  }

  // The monitor "stream" on those files, weekly, with alert x-drift firing
  // when columns.x.effect_size > 1 for `for_windows` windows.
  static std::string StreamMonitorYaml(int for_windows) {
    return StreamMonitorWithAlerts(
        "      - {name: x-drift, when: \"columns.x.effect_size>1\", for: " +
        std::to_string(for_windows) + "}\n");
  }

  // The monitor "stream" on those files, weekly, with `alerts` (the lines of
  // its alerts: list).
  static std::string StreamMonitorWithAlerts(const std::string& alerts) {
    return "monitors:\n"
           "  - name: stream\n"
           "    reference: {file: ref.csv}\n"
           "    current: {files: \"batches/*.csv\", timestamp: ts}\n"
           "    start: 2025-12-01\n"
           "    schedules: [{every: week}]\n"
           "    alerts:\n" +
           alerts;
  }

  void AppendConfig(const std::string& text) const {
    std::ofstream(Path("ws/airm.yaml"), std::ios::app) << text;
  }
};

}  // namespace airm::cli_store_test
