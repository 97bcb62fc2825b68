// False-discovery control across columns × windows (a monitor's `fdr:`).
//
// Each drift window tests every column against the reference; over weeks of
// windows a monitor makes many tests, and a per-window correction (the drift
// report's own Benjamini–Hochberg across that window's columns) lets the
// false discoveries pile up window after window. With `fdr: 0.05` the family
// is every column test (each input and output column with a p-value) of the
// evaluated window AND of the schedule's earlier stored windows in the span
// (from the monitor's start, or the last `windows: N` including this one).
// Benjamini–Hochberg (1995) runs over the whole family together; a column of
// the evaluated window is a discovery when its q-value (BH-adjusted p-value
// in that family) is at most the level, and drifts when it is a discovery
// AND its effect size reaches its threshold (as in the per-window verdict).
// Each window is decided once, when it is computed, on the family as it
// stands then; later windows do not revise it.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace airm::monitor {

struct FdrSpec {
  double level = 0.05;  // the false-discovery rate controlled, 0 < level < 1
  int windows = 0;      // span: the last N windows including the evaluated one; 0 = all
};

struct ColumnTest {
  std::string column = "";
  bool output = false;  // an output (prediction/score) column, not an input
  double p_value = 0;   // the test's raw p-value
  // nullopt: no effect size, the test alone decides (as the drift verdict).
  std::optional<double> effect_size = {};
  double effect_size_threshold = 0;
};

struct WindowTests {
  std::string label = "";  // "2026-W10"
  std::vector<ColumnTest> tests = {};
};

struct FdrColumn {
  ColumnTest test = {};
  double q_value = 1;
  bool discovery = false;  // q_value <= level
  bool drifted = false;    // discovery and the effect size reaches its threshold
};

struct FdrDecision {
  double level = 0.05;
  size_t windows = 0;  // windows in the family (with or without tests)
  size_t tests = 0;    // m, the family's size
  std::string first_window = "";
  std::string last_window = "";
  std::vector<FdrColumn> columns = {};  // the evaluated (last) window's, in its order
  size_t discoveries = 0;
  bool input_drift = false;
  bool output_drift = false;
};

// BH over every test of `family` (the evaluated window last); the decision
// of the last window's columns. REQUIRES: family non-empty.
FdrDecision DecideFdrFamily(std::span<const WindowTests> family, double level);

}  // namespace airm::monitor
