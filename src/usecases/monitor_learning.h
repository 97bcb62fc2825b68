// What a window learns from the windows before it (RunMonitors): each alert
// rule's learned threshold (`learn:`, airm/monitor/learned_threshold.h) and
// the drift verdict under false-discovery control across columns × windows
// (`fdr:`, airm/monitor/fdr_family.h).
//
// The schedule's stored windows are read once per run (ScheduleHistory::Load)
// and only the numbers learning needs are kept — each learned rule's metric
// value and each column's p-value — so a backfill of N windows parses each
// stored result once, not N times. Each window computed is added as it goes.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "airm/gate.h"
#include "airm/monitor/fdr_family.h"
#include "airm/monitor/learned_threshold.h"
#include "airm/monitor/monitor_config.h"
#include "airm/monitor/windows.h"
#include "airm/status.h"
#include "airm/store/database.h"

namespace airm::usecases::internal {

// A learned rule's threshold for one window and the expression the rule is
// evaluated with ("" while the evidence is insufficient).
struct RuleThreshold {
  monitor::LearnedThreshold threshold = {};
  std::string expression = "";
  std::string first_window = "";  // the windows learned from ("" with none)
  std::string last_window = "";
  // learn: {from: reference}: the reference's chunks learned from
  // (monitor_reference_learning.h), and whether the values came from the cache.
  int64_t chunk_rows = 0;
  int64_t chunks = 0;
  int64_t reference_rows = 0;
  std::string reference_sha256 = "";
  bool cached = false;
  std::string size_note = "";  // chunks far from the stored windows' size, in words
};

struct WindowLearning {
  std::map<std::string, RuleThreshold> rules = {};  // by rule name: the rules with `learn`
  std::optional<monitor::FdrDecision> fdr = {};     // drift windows of a monitor with `fdr`
};

class ScheduleHistory {
 public:
  // Reads the schedule's stored windows when the monitor has a learned rule
  // or (drift schedules) `fdr`; otherwise reads nothing. Corrupt naming the
  // window for a stored result that is not JSON.
  static Result<ScheduleHistory> Load(store::Database& db, const monitor::MonitorSpec& m,
                                      const monitor::Schedule& s);

  // True when the monitor learns anything on this schedule.
  bool active() const { return learns_ || fdr_; }

  // True when a rule learns from the reference (`learn: {from: reference}`);
  // its thresholds are then given once per run by SetReferenceThresholds.
  bool learns_from_reference() const { return from_reference_; }
  // The row counts of the schedule's stored windows with rows (reference
  // chunks far from their median are noted).
  const std::vector<int64_t>& window_rows() const { return window_rows_; }
  // The thresholds of the rules with from: reference, by rule name.
  void SetReferenceThresholds(std::map<std::string, RuleThreshold> thresholds) {
    reference_thresholds_ = std::move(thresholds);
  }

  // Learns from the windows before `w` (their latest versions; a recomputed
  // window replaces its own entry), adds `alert_thresholds` and `fdr` to
  // *result_json, and adds w's numbers to the history. An empty window
  // (nullopt) learns nothing and adds nothing.
  Result<WindowLearning> Annotate(const monitor::Window& w,
                                  std::optional<std::string>* result_json);

 private:
  struct Entry {
    std::string label;
    std::string window_end;
    std::map<std::string, double> values;  // by rule name, the rules' metric values
    std::optional<monitor::WindowTests> tests;
  };
  Status Add(const std::string& start, const std::string& end, const std::string& label,
             const std::string& result_json);

  const monitor::MonitorSpec* m_ = nullptr;
  std::string schedule_;
  bool learns_ = false;
  bool from_reference_ = false;
  bool fdr_ = false;
  std::vector<int64_t> window_rows_;
  std::map<std::string, RuleThreshold> reference_thresholds_;
  std::map<std::string, Entry> entries_;  // by window_start
};

// The gate aliases a monitor's rules are read with on schedule `s`: drift
// windows have `drift`, `quality`, `any` (airm drift's), and with `fdr` the
// drift verdicts are the false-discovery-controlled ones (fdr.input_drift,
// fdr.output_drift).
const GateAliases& MonitorRuleAliases(const monitor::MonitorSpec& m, const monitor::Schedule& s);

// The number the gate reads at `path` in `result_json` (booleans as 1/0);
// nullopt when the window lacks it or it is not a number.
std::optional<double> GateNumber(const std::string& path, const std::string& result_json);

}  // namespace airm::usecases::internal
