// JSON of accounts for the API: users and tokens never carry a hash.
#pragma once

#include <nlohmann/json.hpp>

#include "airm/store/accounts.h"

namespace airm::server {

nlohmann::json UserJson(const store::User& user);
nlohmann::json TokenJson(const store::ApiToken& token);

}  // namespace airm::server
