// The quarterly risk reassessment pack (`airm monitor pack --quarter
// 2026-Q1`): per monitor, what its stored windows of one calendar quarter (in
// the monitor's time zone) showed — drift, performance by window and by
// segment (realized, and the CBPE estimate where labels were missing) — with
// the quarter's alert episodes and incidents, read from the store; nothing
// is computed. For governance to reopen the model's risk review.
//
// Incidents: airm has no incident register yet, so the pack lists the alert
// episodes that fired in the quarter (critical ones first) as its incidents.
// Renderers: airm/report/quarterly_pack.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "airm/status.h"
#include "airm/store/alert_episodes.h"
#include "airm/store/workspace.h"

namespace airm::usecases {

struct QuarterlyPackOptions {
  store::LocateOptions store = {};
  std::string quarter = "";  // "2026-Q1" (required)
  std::string monitor = "";  // "" = every monitor
  Status Validate() const;
};

struct PackWindow {
  std::string schedule = "";
  std::string label = "";
  std::string status = "";  // ok | empty | estimated
  int64_t rows = 0;
  int64_t version = 1;
  std::optional<bool> input_drift = {};   // drift windows
  std::optional<bool> output_drift = {};  // drift windows with outputs
};

// One column across the quarter's drift windows.
struct PackDriftColumn {
  std::string schedule = "";
  std::string column = "";
  int64_t windows = 0;  // windows that compared it
  int64_t drifted = 0;  // of those, drifted
  std::optional<double> max_effect_size = {};
  std::string max_window = "";  // where the largest effect size was
};

// One evaluation window's headline numbers; realized (labels) and estimated
// (CBPE) side by side, nullopt where absent.
struct PackPerformance {
  std::string schedule = "";
  std::string label = "";
  std::string status = "";
  std::string metric = "";  // roc_auc | accuracy | f1
  std::optional<double> realized = {};
  std::optional<double> estimated = {};
  std::optional<double> estimated_lower = {}, estimated_upper = {};
};

// A segment's metric in one evaluation window.
struct PackSegment {
  std::string schedule = "";
  std::string label = "";
  std::string column = "";
  std::string value = "";
  uint64_t rows = 0;
  bool sufficient = false;
  std::string metric = "";
  std::optional<double> realized = {};
};

struct QuarterlyPackMonitor {
  std::string monitor = "";
  std::string model = "";
  std::string time_zone = "";
  std::string quarter_start = "", quarter_end = "";  // ISO 8601 UTC, [start, end)
  std::vector<PackWindow> windows = {};
  std::vector<PackDriftColumn> drift = {};  // drifted most often first
  std::vector<PackPerformance> performance = {};
  std::vector<PackSegment> segments = {};
  std::vector<store::AlertEpisode> alerts = {};     // overlapping the quarter
  std::vector<store::AlertEpisode> incidents = {};  // fired in the quarter
};

struct QuarterlyPack {
  std::string quarter = "";
  std::vector<QuarterlyPackMonitor> monitors = {};
};

// Errors: InvalidArgument for a quarter that is not YYYY-Qn; the workspace's
// and the monitors config's; NotFound naming the monitors for an unknown
// `monitor`; Corrupt for a stored result that is not a JSON object.
Result<QuarterlyPack> BuildQuarterlyPack(const QuarterlyPackOptions& options);

}  // namespace airm::usecases
