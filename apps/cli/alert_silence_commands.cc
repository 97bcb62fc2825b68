// `airm alerts silences [--all]` and `airm alerts unsilence UID`: the
// silences by label matchers (airm/usecases/alert_silences.h); `airm alerts
// silence --match` creates them (monitor_command.cc).
#include <iostream>
#include <memory>

#include "airm/report/monitor_documents.h"
#include "airm/report/monitor_text.h"
#include "airm/usecases/alert_silences.h"
#include "cli_common.h"
#include "monitor_command.h"

namespace airm::cli {
namespace {

struct ListCommand {
  StoreFlags store;
  bool all = false;
};

int RunList(const ListCommand& c) {
  auto silences = usecases::ListSilences({.store = Locate(c.store), .include_expired = c.all});
  if (!silences.ok()) return Fail(silences.status());
  Status s = WriteJsonOutput(c.store, report::RenderAlertSilencesJson(*silences, StoreMeta()));
  if (!s.ok()) return Fail(s);
  if (c.store.TextToStdout()) {
    std::cout << report::AlertSilencesText(
        *silences, c.all ? report::SilenceScope::kIncludingExpired : report::SilenceScope::kActive);
  }
  return kExitOk;
}

struct ExpireCommand {
  StoreFlags store;
  std::string uid;
};

}  // namespace

void AddAlertSilenceCommands(CLI::App* alerts, StoreCommandSet* set) {
  static auto list = std::make_unique<ListCommand>();
  CLI::App* sub = alerts->add_subcommand("silences", "Silences by label matchers");
  sub->add_flag("--all", list->all, "Include expired silences");
  AddStoreFlags(sub, &list->store);
  set->Add(sub, [] { return RunList(*list); });

  static auto expire = std::make_unique<ExpireCommand>();
  sub = alerts->add_subcommand("unsilence", "End a silence by label matchers now");
  sub->add_option("silence", expire->uid, "The silence's id (airm alerts silences)")->required();
  AddStoreFlags(sub, &expire->store);
  set->Add(sub, [] {
    Status s = usecases::ExpireSilence(Locate(expire->store), expire->uid);
    if (!s.ok()) return Fail(s);
    std::cout << report::SilenceEndedText(expire->uid);
    return kExitOk;
  });
}

}  // namespace airm::cli
