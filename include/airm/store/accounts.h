// Accounts of `airm serve` in the store (migration 005_accounts.sql): users
// with a role, browser sessions and API tokens. This file only reads and
// writes rows; hashing and the rules (who may do what, expiry, lockout) are in
// airm/accounts/ and the account use cases. No secret reaches these
// functions: sessions and tokens are looked up by the hex SHA-256 of the
// value the client holds.
//
// Errors: kInvalidArgument for a constraint violation (a username taken);
// kNotFound naming the user or token; the Database's errors otherwise.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "airm/status.h"
#include "airm/store/database.h"

namespace airm::store {

struct User {
  int64_t id = 0;
  std::string username = "";
  std::string role = "";                           // viewer | contributor | reviewer | admin
  std::optional<std::string> board_function = {};  // reviewers: legal, security, …
  std::string password_hash = "";
  bool disabled = false;
  std::string created_at = "";
  std::string created_by = "";
  std::string password_changed_at = "";
};

struct Session {
  int64_t id = 0;
  std::string id_hash = "";
  int64_t user_id = 0;
  std::string csrf_token = "";
  std::string created_at = "";
  std::string expires_at = "";
  std::optional<std::string> revoked_at = {};
};

struct ApiToken {
  int64_t id = 0;
  std::string token_hash = "";
  std::string prefix = "";
  int64_t user_id = 0;
  std::string name = "";
  std::string scope = "";  // read | write
  std::string created_at = "";
  std::optional<std::string> expires_at = {};
  std::optional<std::string> revoked_at = {};
};

// Inserts `user` (its id is ignored) and returns it with the new id.
Result<User> InsertUser(Database& db, const User& user);
Result<std::optional<User>> FindUser(Database& db, const std::string& username);
Result<std::optional<User>> FindUserById(Database& db, int64_t id);
Result<std::vector<User>> ListUsers(Database& db);  // by username
Result<int64_t> CountUsers(Database& db);
Status SetUserDisabled(Database& db, int64_t user_id, bool disabled);
Status SetUserPassword(Database& db, int64_t user_id, const std::string& password_hash,
                       const std::string& at);

Status InsertSession(Database& db, const Session& session);
Result<std::optional<Session>> FindSession(Database& db, const std::string& id_hash);
Status RevokeSession(Database& db, const std::string& id_hash, const std::string& at);
// Every open session of the user (disable, password reset).
Status RevokeUserSessions(Database& db, int64_t user_id, const std::string& at);

Result<ApiToken> InsertApiToken(Database& db, const ApiToken& token);
Result<std::optional<ApiToken>> FindApiToken(Database& db, const std::string& token_hash);
Result<std::optional<ApiToken>> FindApiTokenById(Database& db, int64_t id);
// Every token of `user_id` (0 = of every user), newest first.
Result<std::vector<ApiToken>> ListApiTokens(Database& db, int64_t user_id);
Status RevokeApiToken(Database& db, int64_t token_id, const std::string& at);

}  // namespace airm::store
