// `airm lineage trace --prediction ID [--as-of TIME] [--no-verify]
//  [--json FILE] [--format text|json|dot|mermaid] [--out FILE] [--fail-on GATES]`
// and `airm lineage impact --dataset NAME@VERSION [...]`. --json writes the
// JSON document ("-" = stdout); the --format form goes to --out, else to
// stdout unless `--json -` took it.
#include <memory>

#include "airm/gate.h"
#include "airm/report/lineage_documents.h"
#include "airm/usecases/trace_lineage.h"
#include "cli_common.h"
#include "lineage_commands.h"

namespace airm::cli {
namespace {

struct GraphFlags {
  StoreFlags store;
  std::string format = "text";
  std::string out;
  std::string fail_on;

  void Add(CLI::App* sub) {
    AddStoreFlags(sub, &store);
    sub->add_option("--format", format, "text (a tree), json, dot (Graphviz) or mermaid")
        ->check(CLI::IsMember({"text", "json", "dot", "mermaid"}));
    sub->add_option("--out", out, "Write here instead of stdout (atomically)");
    sub->add_option("--fail-on", fail_on,
                    "Exit 1 when a condition on the JSON result holds (docs/lineage.md)");
  }
  lineage::GraphFormat Format() const {
    return lineage::ParseGraphFormat(format).value_or(lineage::GraphFormat::kText);
  }
};

// Renders, evaluates the gates on the JSON form, writes; the exit code.
template <typename Result, typename Render>
int Finish(const GraphFlags& flags, const Result& result, Render render,
           const GateAliases& aliases) {
  const ReportMeta& meta = StoreMeta();
  std::string json;
  if (!flags.fail_on.empty() || !flags.store.json.empty()) {
    json = render(result, lineage::GraphFormat::kJson, meta);
  }
  auto gates = FailOnGates(flags.fail_on, json, aliases);
  if (!gates.ok()) return Fail(gates.status());
  Status s = WriteLineageOutputs({{"--json", flags.store.json, json}}, flags.out,
                                 [&] { return render(result, flags.Format(), meta); });
  if (!s.ok()) return Fail(s);
  return AnyGateHeld(*gates) ? kExitGateFailed : kExitOk;
}

struct TraceCommand {
  GraphFlags graph;
  std::string prediction, as_of;
  bool no_verify = false;
};

const GateAliases kTraceAliases = {
    {"unverified", {"verification.changed>0", "verification.missing>0"}},
};

int RunTrace(const TraceCommand& c) {
  auto trace = usecases::TraceLineage({.store = Locate(c.graph.store),
                                       .prediction_id = c.prediction,
                                       .as_of = c.as_of,
                                       .verify_files = !c.no_verify});
  if (!trace.ok()) return Fail(trace.status());
  return Finish(c.graph, *trace, lineage::RenderTrace, kTraceAliases);
}

struct ImpactCommand {
  GraphFlags graph;
  std::string dataset;
};

const GateAliases kImpactAliases = {
    {"serving", {"totals.current_deployments>0"}},
};

int RunImpact(const ImpactCommand& c) {
  auto impact = usecases::ImpactOfDataset({.store = Locate(c.graph.store), .dataset = c.dataset});
  if (!impact.ok()) return Fail(impact.status());
  return Finish(c.graph, *impact, lineage::RenderImpact, kImpactAliases);
}

}  // namespace

void AddLineageTraceCommand(CLI::App* lineage, StoreCommandSet* set) {
  static std::unique_ptr<TraceCommand> holder = std::make_unique<TraceCommand>();
  TraceCommand* c = holder.get();
  CLI::App* sub = lineage->add_subcommand(
      "trace", "The data flow behind one prediction: model, training run, data, checks");
  sub->add_option("--prediction", c->prediction, "Prediction id as logged")->required();
  sub->add_option("--as-of", c->as_of,
                  "Take the trace as of this time (ISO 8601 with zone; default: the "
                  "prediction's time)");
  sub->add_flag("--no-verify", c->no_verify, "Do not re-hash the files (faster; says so)");
  c->graph.Add(sub);
  set->Add(sub, [c] { return RunTrace(*c); });
}

void AddLineageImpactCommand(CLI::App* lineage, StoreCommandSet* set) {
  static std::unique_ptr<ImpactCommand> holder = std::make_unique<ImpactCommand>();
  ImpactCommand* c = holder.get();
  CLI::App* sub = lineage->add_subcommand(
      "impact", "Everything downstream of a dataset version: runs, models, deployments");
  sub->add_option("--dataset", c->dataset, "NAME@VERSION (version, digest prefix or latest)")
      ->required();
  c->graph.Add(sub);
  set->Add(sub, [c] { return RunImpact(*c); });
}

}  // namespace airm::cli
