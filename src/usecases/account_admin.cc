// airm user add|list|disable|reset-password|token: account changes, each one
// write transaction with its audit entry (governance_write.h).
#include <chrono>

#include "airm/governance/reviews.h"
#include "airm/store/timestamp.h"
#include "airm/usecases/accounts.h"
#include "governance_write.h"

namespace airm::usecases {
namespace {

using governance::AuditEvent;

Result<store::User> GetUser(store::Database& db, const std::string& username) {
  AIRM_ASSIGN_OR_RETURN(std::optional<store::User> user, store::FindUser(db, username));
  if (!user) return Status::NotFound("no user named '" + username + "'");
  return *user;
}

store::User Redacted(store::User user) {
  user.password_hash.clear();
  return user;
}

bool ValidUsername(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '-' || c == '@';
    if (!ok) return false;
  }
  return true;
}

// The hash of the password to set: the given one checked against the
// policy, else a new one (returned in *generated).
Result<std::string> NewPasswordHash(const std::string& given, const accounts::PasswordCost& cost,
                                    std::optional<std::string>* generated) {
  if (!given.empty()) {
    AIRM_RETURN_IF_ERROR(accounts::CheckPasswordPolicy(given, "--password-file"));
    return accounts::HashPassword(given, cost);
  }
  *generated = accounts::GeneratePassword();
  return accounts::HashPassword(**generated, cost);
}

std::string DaysFromNow(int64_t days) {
  const int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  std::string out;
  store::FormatUtcSeconds(now + days * 86400, &out);
  return out;
}

}  // namespace

Status AddUserOptions::Validate() const {
  if (!ValidUsername(username)) {
    return Status::InvalidArgument("user NAME: 1 to 64 of letters, digits, . _ - @ (got '" +
                                   username + "')");
  }
  if (!accounts::ParseRole(role)) {
    return Status::InvalidArgument(
        "--role: expected viewer, contributor, reviewer or admin, got '" + role + "'");
  }
  if (!board_function.empty()) {
    bool known = false;
    for (const char* f : governance::kBoardFunctions) known = known || board_function == f;
    if (!known) {
      return Status::InvalidArgument(
          "--board-function: expected data-science, legal, security, business or risk, got '" +
          board_function + "'");
    }
  }
  return Status::Ok();
}

Result<UserAdded> AddUser(const AddUserOptions& options) {
  AIRM_RETURN_IF_ERROR(options.Validate());
  UserAdded out;
  AIRM_ASSIGN_OR_RETURN(std::string hash,
                        NewPasswordHash(options.password, options.cost, &out.generated_password));
  AIRM_RETURN_IF_ERROR(internal::RunGovernanceWrite(
      options.store, options.actor, &out,
      [&](store::Database& tx) -> Result<std::vector<AuditEvent>> {
        const std::string now = store::UtcNow();
        store::User user{.username = options.username,
                         .role = options.role,
                         .password_hash = hash,
                         .created_at = now,
                         .created_by = out.actor.name,
                         .password_changed_at = now};
        if (!options.board_function.empty()) user.board_function = options.board_function;
        AIRM_ASSIGN_OR_RETURN(out.user, store::InsertUser(tx, user));
        return std::vector<AuditEvent>{
            {.action = "user.add",
             .subject = "user:" + options.username,
             .details = {{"role", options.role}, {"board_function", options.board_function}}}};
      }));
  out.user = Redacted(out.user);
  return out;
}

Result<std::vector<store::User>> ListUsers(const ListUsersOptions& options) {
  AIRM_ASSIGN_OR_RETURN(OpenedStore opened, OpenStore(options.store));
  AIRM_ASSIGN_OR_RETURN(std::vector<store::User> users, store::ListUsers(*opened.db));
  for (store::User& user : users) user = Redacted(user);
  return users;
}

Result<UserChanged> DisableUser(const DisableUserOptions& options) {
  UserChanged out;
  AIRM_RETURN_IF_ERROR(internal::RunGovernanceWrite(
      options.store, options.actor, &out,
      [&](store::Database& tx) -> Result<std::vector<AuditEvent>> {
        AIRM_ASSIGN_OR_RETURN(out.user, GetUser(tx, options.username));
        AIRM_RETURN_IF_ERROR(store::SetUserDisabled(tx, out.user.id, options.disabled));
        if (options.disabled) {
          AIRM_RETURN_IF_ERROR(store::RevokeUserSessions(tx, out.user.id, store::UtcNow()));
        }
        out.user.disabled = options.disabled;
        return std::vector<AuditEvent>{{.action = options.disabled ? "user.disable" : "user.enable",
                                        .subject = "user:" + options.username}};
      }));
  out.user = Redacted(out.user);
  return out;
}

Result<UserChanged> ResetPassword(const ResetPasswordOptions& options) {
  UserChanged out;
  AIRM_ASSIGN_OR_RETURN(std::string hash,
                        NewPasswordHash(options.password, options.cost, &out.generated_password));
  AIRM_RETURN_IF_ERROR(internal::RunGovernanceWrite(
      options.store, options.actor, &out,
      [&](store::Database& tx) -> Result<std::vector<AuditEvent>> {
        const std::string now = store::UtcNow();
        AIRM_ASSIGN_OR_RETURN(out.user, GetUser(tx, options.username));
        AIRM_RETURN_IF_ERROR(store::SetUserPassword(tx, out.user.id, hash, now));
        AIRM_RETURN_IF_ERROR(store::RevokeUserSessions(tx, out.user.id, now));
        return std::vector<AuditEvent>{
            {.action = "user.reset_password", .subject = "user:" + options.username}};
      }));
  out.user = Redacted(out.user);
  return out;
}

Status CreateTokenOptions::Validate() const {
  if (name.empty() || name.size() > 100) {
    return Status::InvalidArgument("--name: a label of 1 to 100 characters is required");
  }
  if (scope != "read" && scope != "write") {
    return Status::InvalidArgument("--scope: expected read or write, got '" + scope + "'");
  }
  if (expires_days && (*expires_days < 1 || *expires_days > 3650)) {
    return Status::InvalidArgument("--expires-days: expected 1 to 3650, got " +
                                   std::to_string(*expires_days));
  }
  return Status::Ok();
}

Result<TokenCreated> CreateApiToken(const CreateTokenOptions& options) {
  AIRM_RETURN_IF_ERROR(options.Validate());
  TokenCreated out;
  out.secret = accounts::NewApiToken();
  AIRM_RETURN_IF_ERROR(internal::RunGovernanceWrite(
      options.store, options.actor, &out,
      [&](store::Database& tx) -> Result<std::vector<AuditEvent>> {
        AIRM_ASSIGN_OR_RETURN(store::User user, GetUser(tx, options.username));
        store::ApiToken token{.token_hash = accounts::HashSecret(out.secret),
                              .prefix = out.secret.substr(0, 12),
                              .user_id = user.id,
                              .name = options.name,
                              .scope = options.scope,
                              .created_at = store::UtcNow()};
        if (options.expires_days) token.expires_at = DaysFromNow(*options.expires_days);
        AIRM_ASSIGN_OR_RETURN(out.token, store::InsertApiToken(tx, token));
        return std::vector<AuditEvent>{
            {.action = "token.create",
             .subject = "token:" + std::to_string(out.token.id),
             .details = {{"user", options.username},
                         {"name", options.name},
                         {"scope", options.scope},
                         {"expires_at", token.expires_at.value_or("never")}}}};
      }));
  out.token.token_hash.clear();
  return out;
}

Result<TokenRevoked> RevokeApiToken(const RevokeTokenOptions& options) {
  TokenRevoked out;
  AIRM_RETURN_IF_ERROR(internal::RunGovernanceWrite(
      options.store, options.actor, &out,
      [&](store::Database& tx) -> Result<std::vector<AuditEvent>> {
        AIRM_ASSIGN_OR_RETURN(std::optional<store::ApiToken> token,
                              store::FindApiTokenById(tx, options.token_id));
        std::optional<store::User> owner;
        if (token) {
          AIRM_ASSIGN_OR_RETURN(owner, store::FindUserById(tx, token->user_id));
        }
        if (!token || (!options.owner.empty() && (!owner || owner->username != options.owner))) {
          return Status::NotFound("no API token " + std::to_string(options.token_id));
        }
        const std::string now = store::UtcNow();
        AIRM_RETURN_IF_ERROR(store::RevokeApiToken(tx, token->id, now));
        out.token = *token;
        out.token.token_hash.clear();
        if (!out.token.revoked_at) out.token.revoked_at = now;
        return std::vector<AuditEvent>{{.action = "token.revoke",
                                        .subject = "token:" + std::to_string(token->id),
                                        .details = {{"user", owner ? owner->username : ""}}}};
      }));
  return out;
}

Result<std::vector<store::ApiToken>> ListApiTokens(const ListTokensOptions& options) {
  AIRM_ASSIGN_OR_RETURN(OpenedStore opened, OpenStore(options.store));
  int64_t user_id = 0;
  if (!options.username.empty()) {
    AIRM_ASSIGN_OR_RETURN(store::User user, GetUser(*opened.db, options.username));
    user_id = user.id;
  }
  AIRM_ASSIGN_OR_RETURN(std::vector<store::ApiToken> tokens,
                        store::ListApiTokens(*opened.db, user_id));
  for (store::ApiToken& token : tokens) token.token_hash.clear();
  return tokens;
}

}  // namespace airm::usecases
