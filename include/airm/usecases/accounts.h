// Accounts of `airm serve` as use cases:
//   airm user add NAME --role R [--board-function F] [--password-file F]
//   airm user list
//   airm user disable NAME [--enable]
//   airm user reset-password NAME
//   airm user token NAME --name LABEL [--scope read|write] [--expires-days N]
//   airm user token NAME --revoke ID
// and what the server does with them: log in (a new session), log out,
// authenticate a request by its session cookie or API token, and record a
// refused request. Every change, each login and every refusal appends a
// signed entry to the governance audit log (airm/governance/audit_log.h).
// Secrets (a generated password, a session id, an API token) are returned
// once in the result and never stored.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "airm/accounts/roles.h"
#include "airm/accounts/secrets.h"
#include "airm/store/accounts.h"
#include "airm/usecases/governance_systems.h"

namespace airm::usecases {

struct AddUserOptions {
  store::LocateOptions store = {};
  std::optional<std::string> actor = std::nullopt;
  std::string username = "";
  std::string role = "";
  std::string board_function = "";  // reviewers; "" = none
  std::string password = "";        // "" = generate one (returned once)
  accounts::PasswordCost cost = {};
  Status Validate() const;  // InvalidArgument naming the flag
};
struct UserAdded : GovernanceWriteResult {
  store::User user;                               // password_hash cleared
  std::optional<std::string> generated_password;  // shown once
};
Result<UserAdded> AddUser(const AddUserOptions& options);

struct ListUsersOptions {
  store::LocateOptions store = {};
};
// Every user by name, password hashes cleared.
Result<std::vector<store::User>> ListUsers(const ListUsersOptions& options);

struct DisableUserOptions {
  store::LocateOptions store = {};
  std::optional<std::string> actor = std::nullopt;
  std::string username = "";
  bool disabled = true;  // false: enable again
};
struct UserChanged : GovernanceWriteResult {
  store::User user;
  std::optional<std::string> generated_password;  // reset-password only
};
// Disabling also revokes the user's sessions (tokens stop working while disabled).
Result<UserChanged> DisableUser(const DisableUserOptions& options);

struct ResetPasswordOptions {
  store::LocateOptions store = {};
  std::optional<std::string> actor = std::nullopt;
  std::string username = "";
  std::string password = "";  // "" = generate one
  accounts::PasswordCost cost = {};
};
// Revokes every session of the user.
Result<UserChanged> ResetPassword(const ResetPasswordOptions& options);

struct CreateTokenOptions {
  store::LocateOptions store = {};
  std::optional<std::string> actor = std::nullopt;
  std::string username = "";
  std::string name = "";  // a label ("ci", "prometheus")
  std::string scope = "read";
  std::optional<int64_t> expires_days = std::nullopt;  // nullopt = never
  Status Validate() const;
};
struct TokenCreated : GovernanceWriteResult {
  store::ApiToken token;  // token_hash cleared
  std::string secret;     // shown once
};
Result<TokenCreated> CreateApiToken(const CreateTokenOptions& options);

struct RevokeTokenOptions {
  store::LocateOptions store = {};
  std::optional<std::string> actor = std::nullopt;
  int64_t token_id = 0;
  std::string owner = "";  // when not "", the token must belong to this user
};
struct TokenRevoked : GovernanceWriteResult {
  store::ApiToken token;
};
Result<TokenRevoked> RevokeApiToken(const RevokeTokenOptions& options);

struct ListTokensOptions {
  store::LocateOptions store = {};
  std::string username = "";  // "" = every user's
};
Result<std::vector<store::ApiToken>> ListApiTokens(const ListTokensOptions& options);

// Who a request acts as, once authenticated.
struct Principal {
  store::User user;  // password_hash cleared
  accounts::Role role = accounts::Role::kViewer;
  std::string via = "";           // "session" | "token"
  std::string scope = "write";    // tokens: read | write; sessions: write
  std::string csrf_token = "";    // sessions only
  std::string session_hash = "";  // sessions only
};

struct LoginOptions {
  store::LocateOptions store = {};
  std::string username = "";
  std::string password = "";
  std::string client = "";     // the client's address, for the audit entry
  int64_t session_hours = 12;  // absolute lifetime
};
struct LoggedIn {
  Principal principal;
  std::string session_id;  // the cookie's value; only its hash is stored
  std::string expires_at;
};
// NotFound "unknown username or password" for a wrong password, an unknown
// or a disabled user alike (no user enumeration). Each new login is a new
// random session id, whatever the client sent (no session fixation).
Result<LoggedIn> Login(const LoginOptions& options);

struct LogoutOptions {
  store::LocateOptions store = {};
  std::string session_id = "";
};
Status Logout(const LogoutOptions& options);

struct AuthenticateOptions {
  store::LocateOptions store = {};
  std::string session_id = "";  // the cookie's value, or
  std::string api_token = "";   // the bearer token
  std::string now = "";         // "" = now (UTC)
};
// NotFound for no, an unknown, an expired or a revoked credential and for a
// disabled user; the message says which for the server's log, the client
// only learns 401.
Result<Principal> Authenticate(const AuthenticateOptions& options);

struct RecordEventOptions {
  store::LocateOptions store = {};
  std::string actor = "";   // "anonymous" when not authenticated
  std::string action = "";  // "access.denied", "login.locked"
  std::string subject = "";
  std::map<std::string, std::string> details = {};
};
// Appends one audit entry for something that changed nothing in the store
// (a refused request, a locked-out login).
Result<governance::TreeHead> RecordAuditEvent(const RecordEventOptions& options);

}  // namespace airm::usecases
