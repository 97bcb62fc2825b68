// `airm monitor report --html FILE [--json FILE]`: the trend report of the
// stored windows (airm/usecases/monitor_report.h, airm/report/monitor_trend.h).
#include <iostream>
#include <memory>

#include "airm/output_set.h"
#include "airm/report/monitor_text.h"
#include "airm/report/monitor_trend.h"
#include "airm/usecases/monitor_report.h"
#include "cli_common.h"
#include "monitor_command.h"

namespace airm::cli {
namespace {

struct ReportCommand {
  StoreFlags store;
  std::string monitor, html;
  size_t max_columns = 12;
};

int RunReport(const ReportCommand& c) {
  if (c.html.empty() && c.store.json.empty()) {
    return Fail(Status::InvalidArgument("monitor report: give --html FILE and/or --json FILE"));
  }
  OutputSet outputs;
  outputs.Add("--html", c.html);
  outputs.Add("--json", c.store.json);
  if (Status s = outputs.Check(); !s.ok()) return Fail(s);
  auto report = usecases::BuildMonitorReport(
      {.store = Locate(c.store), .monitor = c.monitor, .max_columns = c.max_columns});
  if (!report.ok()) return Fail(report.status());
  const ReportMeta meta = StoreMeta();
  if (!c.html.empty()) outputs.SetText("--html", report::RenderMonitorReportHtml(*report, meta));
  if (!c.store.json.empty()) {
    outputs.SetText("--json", report::RenderMonitorReportJson(*report, meta));
  }
  if (Status s = outputs.Commit(); !s.ok()) return Fail(s);
  if (outputs.WritesStdout()) return kExitOk;
  std::cout << report::MonitorReportText(*report, c.html);
  return kExitOk;
}

}  // namespace

void AddMonitorReportCommand(CLI::App* group, StoreCommandSet* set) {
  static auto command = std::make_unique<ReportCommand>();
  CLI::App* sub = group->add_subcommand(
      "report", "Trend report: each metric over the stored windows, thresholds, alert periods");
  sub->add_option("--html", command->html, "Write the self-contained HTML report here");
  sub->add_option("--monitor", command->monitor, "Only this monitor (default: all)");
  sub->add_option("--max-columns", command->max_columns,
                  "Column charts per drift schedule, largest effect sizes first")
      ->check(CLI::PositiveNumber);
  AddStoreFlags(sub, &command->store);
  set->Add(sub, [] { return RunReport(*command); });
}

}  // namespace airm::cli
