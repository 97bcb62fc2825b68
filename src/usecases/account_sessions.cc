// What `airm serve` does with accounts on each request: log in (a new random
// session), log out, authenticate a session cookie or API token, and audit
// what changed nothing in the store (a refusal, a lockout).
#include <chrono>

#include "airm/store/timestamp.h"
#include "airm/usecases/accounts.h"
#include "governance_write.h"

namespace airm::usecases {
namespace {

using governance::AuditEvent;

std::string HoursFromNow(int64_t hours) {
  const int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  std::string out;
  store::FormatUtcSeconds(now + hours * 3600, &out);
  return out;
}

Principal PrincipalOf(store::User user) {
  user.password_hash.clear();
  Principal p;
  p.role = accounts::ParseRole(user.role).value_or(accounts::Role::kViewer);
  p.user = std::move(user);
  return p;
}

// A hash to verify against when the user does not exist, so an unknown name
// costs the same Argon2id time as a wrong password (no user enumeration by
// timing).
const std::string& DummyHash() {
  static const std::string kHash = [] {
    Result<std::string> hash = accounts::HashPassword(accounts::RandomHex(16));
    return hash.ok() ? *hash : std::string();
  }();
  return kHash;
}

const Status& Unauthenticated() {
  static const Status kStatus = Status::NotFound("unknown username or password");
  return kStatus;
}

}  // namespace

Result<LoggedIn> Login(const LoginOptions& options) {
  if (options.username.empty() || options.password.empty()) return Unauthenticated();
  std::optional<store::User> user;
  {
    AIRM_ASSIGN_OR_RETURN(OpenedStore opened, OpenStore(options.store));
    AIRM_ASSIGN_OR_RETURN(user, store::FindUser(*opened.db, options.username));
  }
  if (!user) {
    (void)accounts::VerifyPassword(options.password, DummyHash());
    return Unauthenticated();
  }
  if (!accounts::VerifyPassword(options.password, user->password_hash) || user->disabled) {
    return Unauthenticated();
  }
  LoggedIn out;
  out.session_id = accounts::RandomHex(32);
  out.expires_at = HoursFromNow(options.session_hours);
  out.principal = PrincipalOf(*user);
  out.principal.via = "session";
  out.principal.csrf_token = accounts::RandomHex(32);
  out.principal.session_hash = accounts::HashSecret(out.session_id);
  GovernanceWriteResult written;
  AIRM_RETURN_IF_ERROR(internal::RunGovernanceWrite(
      options.store, options.username, &written,
      [&](store::Database& tx) -> Result<std::vector<AuditEvent>> {
        AIRM_RETURN_IF_ERROR(store::InsertSession(tx, {.id_hash = out.principal.session_hash,
                                                       .user_id = user->id,
                                                       .csrf_token = out.principal.csrf_token,
                                                       .created_at = store::UtcNow(),
                                                       .expires_at = out.expires_at}));
        return std::vector<AuditEvent>{{.action = "session.login",
                                        .subject = "user:" + user->username,
                                        .details = {{"client", options.client}}}};
      }));
  return out;
}

Status Logout(const LogoutOptions& options) {
  const std::string hash = accounts::HashSecret(options.session_id);
  std::optional<store::Session> session;
  std::optional<store::User> user;
  {
    AIRM_ASSIGN_OR_RETURN(OpenedStore opened, OpenStore(options.store));
    AIRM_ASSIGN_OR_RETURN(session, store::FindSession(*opened.db, hash));
    if (!session) return Status::NotFound("no such session");
    AIRM_ASSIGN_OR_RETURN(user, store::FindUserById(*opened.db, session->user_id));
  }
  GovernanceWriteResult written;
  return internal::RunGovernanceWrite(
      options.store, user ? user->username : std::string("unknown"), &written,
      [&](store::Database& tx) -> Result<std::vector<AuditEvent>> {
        AIRM_RETURN_IF_ERROR(store::RevokeSession(tx, hash, store::UtcNow()));
        return std::vector<AuditEvent>{
            {.action = "session.logout", .subject = "user:" + (user ? user->username : "")}};
      });
}

Result<Principal> Authenticate(const AuthenticateOptions& options) {
  const std::string now = options.now.empty() ? store::UtcNow() : options.now;
  AIRM_ASSIGN_OR_RETURN(OpenedStore opened, OpenStore(options.store));
  store::Database& db = *opened.db;
  Principal principal;
  int64_t user_id = 0;
  if (!options.api_token.empty()) {
    AIRM_ASSIGN_OR_RETURN(std::optional<store::ApiToken> token,
                          store::FindApiToken(db, accounts::HashSecret(options.api_token)));
    if (!token) return Status::NotFound("unknown API token");
    if (token->revoked_at) return Status::NotFound("API token " + token->prefix + " is revoked");
    if (token->expires_at && *token->expires_at <= now) {
      return Status::NotFound("API token " + token->prefix + " expired at " + *token->expires_at);
    }
    user_id = token->user_id;
    principal.via = "token";
    principal.scope = token->scope;
  } else if (!options.session_id.empty()) {
    const std::string hash = accounts::HashSecret(options.session_id);
    AIRM_ASSIGN_OR_RETURN(std::optional<store::Session> session, store::FindSession(db, hash));
    if (!session) return Status::NotFound("unknown session");
    if (session->revoked_at) return Status::NotFound("session is logged out");
    if (session->expires_at <= now) return Status::NotFound("session expired");
    user_id = session->user_id;
    principal.via = "session";
    principal.csrf_token = session->csrf_token;
    principal.session_hash = hash;
  } else {
    return Status::NotFound("no credentials");
  }
  AIRM_ASSIGN_OR_RETURN(std::optional<store::User> user, store::FindUserById(db, user_id));
  if (!user) return Status::NotFound("the credential's user no longer exists");
  if (user->disabled) return Status::NotFound("user '" + user->username + "' is disabled");
  Principal out = PrincipalOf(*user);
  out.via = principal.via;
  out.scope = principal.scope;
  out.csrf_token = principal.csrf_token;
  out.session_hash = principal.session_hash;
  return out;
}

Result<governance::TreeHead> RecordAuditEvent(const RecordEventOptions& options) {
  GovernanceWriteResult written;
  AIRM_RETURN_IF_ERROR(internal::RunGovernanceWrite(
      options.store, options.actor.empty() ? std::string("anonymous") : options.actor, &written,
      [&](store::Database&) -> Result<std::vector<AuditEvent>> {
        return std::vector<AuditEvent>{
            {.action = options.action, .subject = options.subject, .details = options.details}};
      }));
  return written.audit_head;
}

}  // namespace airm::usecases
