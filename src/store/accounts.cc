#include "airm/store/accounts.h"

#include "store_util.h"

namespace airm::store {
namespace {

using internal::Nullable;

constexpr std::string_view kSelectUser =
    "SELECT id, username, role, board_function, password_hash, disabled, created_at, created_by,"
    " password_changed_at FROM users ";
constexpr std::string_view kSelectSession =
    "SELECT id, id_hash, user_id, csrf_token, created_at, expires_at, revoked_at FROM sessions ";
constexpr std::string_view kSelectToken =
    "SELECT id, token_hash, prefix, user_id, name, scope, created_at, expires_at, revoked_at"
    " FROM api_tokens ";

User UserFromRow(const Row& row) {
  return {row.Int(0),      row.Text(1), row.Text(2), row.OptionalText(3), row.Text(4),
          row.Int(5) != 0, row.Text(6), row.Text(7), row.Text(8)};
}
Session SessionFromRow(const Row& row) {
  return {row.Int(0),  row.Text(1), row.Int(2),         row.Text(3),
          row.Text(4), row.Text(5), row.OptionalText(6)};
}
ApiToken TokenFromRow(const Row& row) {
  return {row.Int(0),  row.Text(1), row.Text(2),         row.Int(3),         row.Text(4),
          row.Text(5), row.Text(6), row.OptionalText(7), row.OptionalText(8)};
}

template <typename T, typename F>
Result<std::vector<T>> Select(Database& db, std::string_view select, const std::string& where,
                              const std::vector<Value>& params, F from_row) {
  std::vector<T> out;
  AIRM_RETURN_IF_ERROR(db.QueryEach(std::string(select) + where, params, [&](const Row& row) {
    out.push_back(from_row(row));
    return Status::Ok();
  }));
  return out;
}

// One integer parameter, built without an initializer list: GCC 12 warns
// (-Wmaybe-uninitialized, falsely) on a braced {int64_t} turned into a Value.
std::vector<Value> IdParam(int64_t id) {
  std::vector<Value> params;
  params.emplace_back(id);
  return params;
}

template <typename T>
Result<std::optional<T>> First(Result<std::vector<T>> rows) {
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<T>();
  return std::optional<T>(std::move(rows->front()));
}

}  // namespace

Result<User> InsertUser(Database& db, const User& user) {
  AIRM_ASSIGN_OR_RETURN(std::optional<User> existing, FindUser(db, user.username));
  if (existing) return Status::InvalidArgument("user '" + user.username + "' already exists");
  AIRM_ASSIGN_OR_RETURN(
      std::vector<Row> rows,
      db.Query("INSERT INTO users (username, role, board_function, password_hash, disabled,"
               " created_at, created_by, password_changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
               " RETURNING id",
               {user.username, user.role, Nullable(user.board_function), user.password_hash,
                int64_t{user.disabled ? 1 : 0}, user.created_at, user.created_by,
                user.password_changed_at}));
  User out = user;
  out.id = rows.at(0).Int(0);
  return out;
}

Result<std::optional<User>> FindUser(Database& db, const std::string& username) {
  return First(Select<User>(db, kSelectUser, "WHERE username = ?", {username}, UserFromRow));
}

Result<std::optional<User>> FindUserById(Database& db, int64_t id) {
  return First(Select<User>(db, kSelectUser, "WHERE id = ?", IdParam(id), UserFromRow));
}

Result<std::vector<User>> ListUsers(Database& db) {
  return Select<User>(db, kSelectUser, "ORDER BY username", {}, UserFromRow);
}

Result<int64_t> CountUsers(Database& db) {
  AIRM_ASSIGN_OR_RETURN(std::vector<Row> rows, db.Query("SELECT COUNT(*) FROM users"));
  return rows.at(0).Int(0);
}

Status SetUserDisabled(Database& db, int64_t user_id, bool disabled) {
  return db.Execute("UPDATE users SET disabled = ? WHERE id = ?",
                    {int64_t{disabled ? 1 : 0}, user_id});
}

Status SetUserPassword(Database& db, int64_t user_id, const std::string& password_hash,
                       const std::string& at) {
  return db.Execute("UPDATE users SET password_hash = ?, password_changed_at = ? WHERE id = ?",
                    {password_hash, at, user_id});
}

Status InsertSession(Database& db, const Session& s) {
  return db.Execute(
      "INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at)"
      " VALUES (?, ?, ?, ?, ?)",
      {s.id_hash, s.user_id, s.csrf_token, s.created_at, s.expires_at});
}

Result<std::optional<Session>> FindSession(Database& db, const std::string& id_hash) {
  return First(Select<Session>(db, kSelectSession, "WHERE id_hash = ?", {id_hash}, SessionFromRow));
}

Status RevokeSession(Database& db, const std::string& id_hash, const std::string& at) {
  return db.Execute("UPDATE sessions SET revoked_at = ? WHERE id_hash = ? AND revoked_at IS NULL",
                    {at, id_hash});
}

Status RevokeUserSessions(Database& db, int64_t user_id, const std::string& at) {
  return db.Execute("UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL",
                    {at, user_id});
}

Result<ApiToken> InsertApiToken(Database& db, const ApiToken& t) {
  AIRM_ASSIGN_OR_RETURN(
      std::vector<Row> rows,
      db.Query("INSERT INTO api_tokens (token_hash, prefix, user_id, name, scope, created_at,"
               " expires_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
               {t.token_hash, t.prefix, t.user_id, t.name, t.scope, t.created_at,
                Nullable(t.expires_at)}));
  ApiToken out = t;
  out.id = rows.at(0).Int(0);
  return out;
}

Result<std::optional<ApiToken>> FindApiToken(Database& db, const std::string& token_hash) {
  return First(
      Select<ApiToken>(db, kSelectToken, "WHERE token_hash = ?", {token_hash}, TokenFromRow));
}

Result<std::optional<ApiToken>> FindApiTokenById(Database& db, int64_t id) {
  return First(Select<ApiToken>(db, kSelectToken, "WHERE id = ?", IdParam(id), TokenFromRow));
}

Result<std::vector<ApiToken>> ListApiTokens(Database& db, int64_t user_id) {
  if (user_id == 0) return Select<ApiToken>(db, kSelectToken, "ORDER BY id DESC", {}, TokenFromRow);
  return Select<ApiToken>(db, kSelectToken, "WHERE user_id = ? ORDER BY id DESC", {user_id},
                          TokenFromRow);
}

Status RevokeApiToken(Database& db, int64_t token_id, const std::string& at) {
  return db.Execute("UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                    {at, token_id});
}

}  // namespace airm::store
