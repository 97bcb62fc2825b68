// `airm model card NAME@VERSION [--json FILE] [--html FILE] [--format
// json|md|html] [--out FILE]`: the model card generated from the store.
// --json and --html write those forms ("-" = stdout); the --format form goes
// to --out, else to stdout unless --json - or --html - took it.
#include <memory>

#include "airm/lineage/model_card.h"
#include "airm/report/lineage_documents.h"
#include "airm/usecases/model_card.h"
#include "cli_common.h"
#include "lineage_commands.h"

namespace airm::cli {
namespace {

struct ModelCardCommand {
  StoreFlags store;
  std::string model;
  std::string format = "md";
  std::string out;
  std::string html;
};

int RunModelCard(const ModelCardCommand& c) {
  auto card = usecases::MakeModelCard({.store = Locate(c.store), .model = c.model});
  if (!card.ok()) return Fail(card.status());
  const ReportMeta& meta = StoreMeta();
  const lineage::CardFormat format =
      lineage::ParseCardFormat(c.format).value_or(lineage::CardFormat::kMarkdown);
  std::vector<DocumentOutput> documents = {{"--json", c.store.json, ""}, {"--html", c.html, ""}};
  if (!c.store.json.empty()) {
    documents[0].text = lineage::RenderModelCard(*card, lineage::CardFormat::kJson, meta);
  }
  if (!c.html.empty()) {
    documents[1].text = lineage::RenderModelCard(*card, lineage::CardFormat::kHtml, meta);
  }
  Status s = WriteLineageOutputs(documents, c.out,
                                 [&] { return lineage::RenderModelCard(*card, format, meta); });
  return s.ok() ? kExitOk : Fail(s);
}

}  // namespace

void AddModelCardCommand(CLI::App* model, StoreCommandSet* set) {
  static std::unique_ptr<ModelCardCommand> holder = std::make_unique<ModelCardCommand>();
  ModelCardCommand* c = holder.get();
  CLI::App* sub = model->add_subcommand(
      "card", "The model card of a version, generated from the store (docs/model-cards.md)");
  sub->add_option("model", c->model, "NAME@VERSION (version, digest prefix or latest)")->required();
  sub->add_option("--format", c->format, "md (default), json (Model Card Toolkit names) or html")
      ->check(CLI::IsMember({"json", "md", "markdown", "html"}));
  sub->add_option("--out", c->out, "Write the --format form here instead of stdout (atomically)");
  sub->add_option("--html", c->html, "Also write the HTML card to FILE ('-' = stdout)")
      ->type_name("FILE");
  AddStoreFlags(sub, &c->store);
  set->Add(sub, [c] { return RunModelCard(*c); });
}

}  // namespace airm::cli
