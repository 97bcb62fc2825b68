#include "account_json.h"

namespace airm::server {

nlohmann::json UserJson(const store::User& u) {
  return {{"username", u.username},
          {"role", u.role},
          {"board_function", u.board_function ? nlohmann::json(*u.board_function) : nullptr},
          {"disabled", u.disabled},
          {"created_at", u.created_at},
          {"created_by", u.created_by}};
}

nlohmann::json TokenJson(const store::ApiToken& t) {
  return {{"id", t.id},
          {"prefix", t.prefix},
          {"name", t.name},
          {"scope", t.scope},
          {"created_at", t.created_at},
          {"expires_at", t.expires_at ? nlohmann::json(*t.expires_at) : nullptr},
          {"revoked_at", t.revoked_at ? nlohmann::json(*t.revoked_at) : nullptr}};
}

}  // namespace airm::server
