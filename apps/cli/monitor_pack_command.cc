// `airm monitor pack --quarter 2026-Q1 --html FILE [--pdf FILE] [--json FILE]`: the
// quarterly risk reassessment pack of the stored windows
// (airm/usecases/quarterly_pack.h, airm/report/quarterly_pack.h).
#include <iostream>
#include <memory>

#include "airm/output_set.h"
#include "airm/report/quarterly_pack.h"
#include "airm/report/quarterly_pack_text.h"
#include "airm/usecases/quarterly_pack.h"
#include "cli_common.h"
#include "monitor_command.h"
#include "pdf_output.h"

namespace airm::cli {
namespace {

struct PackCommand {
  StoreFlags store;
  std::string quarter, monitor, html, pdf;
};

int RunPack(const PackCommand& c) {
  if (c.html.empty() && c.pdf.empty() && c.store.json.empty()) {
    return Fail(
        Status::InvalidArgument("monitor pack: give --html FILE, --pdf FILE and/or --json FILE"));
  }
  OutputSet outputs;
  outputs.Add("--html", c.html);
  outputs.Add("--pdf", c.pdf);
  outputs.Add("--json", c.store.json);
  if (Status s = outputs.Check(); !s.ok()) return Fail(s);
  if (Status s = CheckPdfOutput(c.pdf); !s.ok()) return Fail(s);
  auto pack = usecases::BuildQuarterlyPack(
      {.store = Locate(c.store), .quarter = c.quarter, .monitor = c.monitor});
  if (!pack.ok()) return Fail(pack.status());
  const ReportMeta meta = StoreMeta();
  if (!c.html.empty() || !c.pdf.empty()) {
    const std::string html = report::RenderQuarterlyPackHtml(*pack, meta);
    if (!c.pdf.empty()) {
      auto pdf = PrintPdf(c.pdf, html);
      if (!pdf.ok()) return Fail(pdf.status());
      outputs.SetText("--pdf", std::move(pdf).value());
    }
    if (!c.html.empty()) outputs.SetText("--html", html);
  }
  if (!c.store.json.empty())
    outputs.SetText("--json", report::RenderQuarterlyPackJson(*pack, meta));
  if (Status s = outputs.Commit(); !s.ok()) return Fail(s);
  if (outputs.WritesStdout()) return kExitOk;
  std::cout << TerminalSafe(report::QuarterlyPackText(*pack));
  return kExitOk;
}

}  // namespace

void AddMonitorPackCommand(CLI::App* group, StoreCommandSet* set) {
  static auto command = std::make_unique<PackCommand>();
  CLI::App* sub = group->add_subcommand(
      "pack",
      "Quarterly risk reassessment pack: the quarter's incidents, alerts, drift, "
      "performance by window and segment");
  sub->add_option("--quarter", command->quarter, "The quarter, YYYY-Qn (e.g. 2026-Q1)")->required();
  sub->add_option("--html", command->html, "Write the self-contained HTML pack here");
  AddPdfOption(sub, &command->pdf, "the pack");
  sub->add_option("--monitor", command->monitor, "Only this monitor (default: all)");
  AddStoreFlags(sub, &command->store);
  set->Add(sub, [] { return RunPack(*command); });
}

}  // namespace airm::cli
