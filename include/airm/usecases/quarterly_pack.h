// The quarterly risk reassessment pack (`airm monitor pack --quarter
// 2026-Q1`): per monitor, what its stored windows of one calendar quarter (in
// the monitor's time zone) showed — drift, performance by window and by
// segment (realized, and the CBPE estimate where labels were missing) — with
// the quarter's alert episodes (those that fired in it, critical first,
// apart) and the incident register's incidents of the systems that link the
// monitors' models, read from the store; nothing is computed. Governance
// takes the pack's JSON to reassess the system's risks and reopen its review
// (`airm risk reassess --pack FILE`, airm/usecases/risk_reassessment.h).
// Renderers: airm/report/quarterly_pack.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "airm/governance/incidents.h"
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
  std::vector<store::AlertEpisode> alerts = {};  // overlapping the quarter
  std::vector<store::AlertEpisode> fired = {};   // fired in the quarter, critical first
};

struct QuarterlyPack {
  std::string quarter = "";
  std::string quarter_start = "", quarter_end = "";  // in UTC, [start, end): for incidents
  std::vector<QuarterlyPackMonitor> monitors = {};
  // The systems that link a monitor's model, by name, and their incidents
  // open at some time in the UTC quarter (opened before its end, not closed
  // before its start), oldest first.
  std::vector<std::string> systems = {};
  std::vector<governance::Incident> incidents = {};
};

// The quarter a YYYY-MM-DD date is in ("2026-12-07" -> "2026-Q4"); "" when
// it is not such a date.
std::string QuarterOfDate(const std::string& date);

// The quarter's bounds in UTC, ISO 8601, [start, end); nullopt when
// `quarter` is not YYYY-Qn.
std::optional<std::pair<std::string, std::string>> QuarterBoundsUtc(const std::string& quarter);

// Errors: InvalidArgument for a quarter that is not YYYY-Qn; the workspace's
// and the monitors config's; NotFound naming the monitors for an unknown
// `monitor`; Corrupt for a stored result that is not a JSON object.
Result<QuarterlyPack> BuildQuarterlyPack(const QuarterlyPackOptions& options);

}  // namespace airm::usecases
