// `airm model card NAME@VERSION [--format json|md|html] [--out FILE]`: the
// model card generated from the store.
#include <memory>

#include "airm/lineage/model_card.h"
#include "airm/store/models.h"
#include "cli_common.h"
#include "lineage_commands.h"

namespace airm::cli {
namespace {

struct ModelCardCommand {
  StoreFlags store;
  std::string model;
  std::string format = "md";
  std::string out;
};

int RunModelCard(const ModelCardCommand& c) {
  auto opened = OpenStore(c.store);
  if (!opened.ok()) return Fail(opened.status());
  auto ref = store::ParseReference(c.model);
  if (!ref.ok()) return Fail(ref.status());
  auto version = store::ResolveModelVersion(*opened->db, *ref);
  if (!version.ok()) return Fail(version.status());
  auto card = lineage::BuildModelCard(*opened->db, version->id);
  if (!card.ok()) return Fail(card.status());
  const lineage::CardFormat format =
      c.store.json ? lineage::CardFormat::kJson
                   : lineage::ParseCardFormat(c.format).value_or(lineage::CardFormat::kMarkdown);
  Status s = WriteLineageOutput(c.out, lineage::RenderModelCard(*card, format, LineageMeta()));
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
  sub->add_option("--out", c->out, "Write here instead of stdout (atomically)");
  AddStoreFlags(sub, &c->store);
  set->Add(sub, [c] { return RunModelCard(*c); });
}

}  // namespace airm::cli
