// `airm user add|list|disable|reset-password|token`: accounts of `airm serve`
// through airm/usecases/accounts.h. A generated password or a new token is
// printed once, to stdout; nothing else ever shows a secret.
#include <iostream>
#include <memory>

#include "airm/report.h"
#include "airm/report/governance_text.h"
#include "airm/small_file.h"
#include "airm/usecases/accounts.h"
#include "cli_common.h"
#include "governance_commands.h"
#include "serve_commands.h"

namespace airm::cli {
namespace {

struct UserFlags {
  StoreFlags store;
  ActorFlag actor;
  std::string username;
  std::string role;
  std::string board_function;
  std::string password_file;
  bool enable = false;
  std::string token_name;
  std::string scope = "read";
  int64_t expires_days = 0;
  int64_t revoke = 0;
};

// The first line of --password-file (no trailing newline).
Result<std::string> ReadPassword(const std::string& path) {
  if (path.empty()) return std::string();
  AIRM_ASSIGN_OR_RETURN(std::string text, ReadSmallFile(path, "--password-file"));
  if (size_t nl = text.find('\n'); nl != std::string::npos) text.resize(nl);
  if (!text.empty() && text.back() == '\r') text.pop_back();
  return text;
}

int RunAdd(UserFlags& f) {
  auto password = ReadPassword(f.password_file);
  if (!password.ok()) return Fail(password.status());
  auto added = usecases::AddUser({.store = Locate(f.store),
                                  .actor = f.actor.Get(),
                                  .username = f.username,
                                  .role = f.role,
                                  .board_function = f.board_function,
                                  .password = *password});
  if (!added.ok()) return Fail(added.status());
  std::cerr << TerminalSafe(report::ActorText(added->actor));
  std::cout << "added user " << added->user.username << " (" << added->user.role << ")\n";
  if (added->generated_password) {
    std::cout << "one-time password: " << *added->generated_password << "\n";
  }
  return kExitOk;
}

int RunList(UserFlags& f) {
  auto users = usecases::ListUsers({.store = Locate(f.store)});
  if (!users.ok()) return Fail(users.status());
  if (users->empty()) std::cout << "no users; add one with `airm user add NAME --role admin`\n";
  for (const store::User& u : *users) {
    std::cout << u.username << "  " << u.role;
    if (u.board_function) std::cout << " (" << *u.board_function << ")";
    std::cout << (u.disabled ? "  disabled" : "") << "  created " << u.created_at << " by "
              << u.created_by << "\n";
  }
  return kExitOk;
}

int RunDisable(UserFlags& f) {
  auto changed = usecases::DisableUser({.store = Locate(f.store),
                                        .actor = f.actor.Get(),
                                        .username = f.username,
                                        .disabled = !f.enable});
  if (!changed.ok()) return Fail(changed.status());
  std::cerr << TerminalSafe(report::ActorText(changed->actor));
  std::cout << (f.enable ? "enabled user " : "disabled user ") << f.username << "\n";
  return kExitOk;
}

int RunReset(UserFlags& f) {
  auto password = ReadPassword(f.password_file);
  if (!password.ok()) return Fail(password.status());
  auto changed = usecases::ResetPassword({.store = Locate(f.store),
                                          .actor = f.actor.Get(),
                                          .username = f.username,
                                          .password = *password});
  if (!changed.ok()) return Fail(changed.status());
  std::cerr << TerminalSafe(report::ActorText(changed->actor));
  std::cout << "reset the password of " << f.username << "; its sessions are logged out\n";
  if (changed->generated_password) {
    std::cout << "one-time password: " << *changed->generated_password << "\n";
  }
  return kExitOk;
}

int RunToken(UserFlags& f) {
  if (f.revoke != 0) {
    auto revoked = usecases::RevokeApiToken({.store = Locate(f.store),
                                             .actor = f.actor.Get(),
                                             .token_id = f.revoke,
                                             .owner = f.username});
    if (!revoked.ok()) return Fail(revoked.status());
    std::cout << "revoked token " << f.revoke << " (" << revoked->token.prefix << "…)\n";
    return kExitOk;
  }
  usecases::CreateTokenOptions options{.store = Locate(f.store),
                                       .actor = f.actor.Get(),
                                       .username = f.username,
                                       .name = f.token_name,
                                       .scope = f.scope};
  if (f.expires_days != 0) options.expires_days = f.expires_days;
  auto created = usecases::CreateApiToken(options);
  if (!created.ok()) return Fail(created.status());
  std::cerr << TerminalSafe(report::ActorText(created->actor));
  std::cerr << "token " << created->token.id << " (" << created->token.scope << ", expires "
            << created->token.expires_at.value_or("never") << "); shown once:\n";
  std::cout << created->secret << "\n";
  return kExitOk;
}

}  // namespace

void AddUserCommands(CLI::App* app, StoreCommandSet* set) {
  static std::unique_ptr<UserFlags> holder = std::make_unique<UserFlags>();
  UserFlags* f = holder.get();
  CLI::App* user = app->add_subcommand("user", "Accounts of `airm serve`");
  user->require_subcommand(1);

  CLI::App* add = user->add_subcommand("add", "Add an account (prints a one-time password)");
  add->add_option("name", f->username, "Username")->required();
  add->add_option("--role", f->role, "viewer, contributor, reviewer or admin")->required();
  add->add_option("--board-function", f->board_function,
                  "Reviewers: data-science, legal, security, business or risk");
  add->add_option("--password-file", f->password_file,
                  "Read the password from this file's first line (else one is generated)");
  AddActorFlag(add, &f->actor);
  AddStoreFlags(add, &f->store);
  set->Add(add, [f] { return RunAdd(*f); });

  CLI::App* list = user->add_subcommand("list", "Every account");
  AddStoreFlags(list, &f->store);
  set->Add(list, [f] { return RunList(*f); });

  CLI::App* disable = user->add_subcommand("disable", "Disable an account, ending its sessions");
  disable->add_option("name", f->username, "Username")->required();
  disable->add_flag("--enable", f->enable, "Enable it again");
  AddActorFlag(disable, &f->actor);
  AddStoreFlags(disable, &f->store);
  set->Add(disable, [f] { return RunDisable(*f); });

  CLI::App* reset = user->add_subcommand("reset-password", "Set a new password, ending sessions");
  reset->add_option("name", f->username, "Username")->required();
  reset->add_option("--password-file", f->password_file, "Read the new password from this file");
  AddActorFlag(reset, &f->actor);
  AddStoreFlags(reset, &f->store);
  set->Add(reset, [f] { return RunReset(*f); });

  CLI::App* token = user->add_subcommand("token", "Create (or --revoke) an API token");
  token->add_option("name", f->username, "Username")->required();
  token->add_option("--name", f->token_name, "Label of the new token");
  token->add_option("--scope", f->scope, "read or write")->capture_default_str();
  token->add_option("--expires-days", f->expires_days, "Days until it expires (default never)");
  token->add_option("--revoke", f->revoke, "Revoke the token with this id instead");
  AddActorFlag(token, &f->actor);
  AddStoreFlags(token, &f->store);
  set->Add(token, [f] { return RunToken(*f); });
}

}  // namespace airm::cli
