// /api/users (admins) and /api/tokens (each user's own API tokens), through
// the account use cases (usecases/accounts.h).
#include "account_json.h"
#include "handlers.h"
#include "ownership.h"
#include "responses.h"

namespace airm::server::handlers {

ApiResponse ListUsers(const ServerContext& context, const ApiRequest& request) {
  auto users = usecases::ListUsers({.store = context.store});
  if (!users.ok()) return ProblemFor(users.status(), request);
  nlohmann::json list = nlohmann::json::array();
  for (const store::User& u : *users) list.push_back(UserJson(u));
  return JsonDocument(nlohmann::json{{"kind", "user_list"}, {"users", list}}, request);
}

// Body: username, role, board_function. The generated password is in the
// response, once.
ApiResponse AddUser(const ServerContext& context, const ApiRequest& request) {
  Result<nlohmann::json> body = JsonBody(request);
  if (!body.ok()) return ProblemFor(body.status(), request);
  usecases::AddUserOptions options{.store = context.store, .actor = ActorOf(request)};
  for (auto [field, name] : {std::pair{&options.username, "username"},
                             {&options.role, "role"},
                             {&options.board_function, "board_function"}}) {
    Result<std::string> v = StringField(*body, name, false);
    if (!v.ok()) return ProblemFor(v.status(), request);
    *field = *v;
  }
  auto added = usecases::AddUser(options);
  if (!added.ok()) return ProblemFor(added.status(), request);
  ApiResponse r = JsonDocument(
      nlohmann::json{{"user", UserJson(added->user)}, {"password", *added->generated_password}},
      request);
  r.status = 201;
  SetHeader(&r, "Cache-Control", "no-store");
  return r;
}

// Body: disabled (default true).
ApiResponse DisableUser(const ServerContext& context, const ApiRequest& request) {
  Result<nlohmann::json> body = JsonBody(request);
  if (!body.ok()) return ProblemFor(body.status(), request);
  const bool disabled = !(body->contains("disabled") && (*body)["disabled"] == false);
  auto changed = usecases::DisableUser({.store = context.store,
                                        .actor = ActorOf(request),
                                        .username = request.params.at("name"),
                                        .disabled = disabled});
  if (!changed.ok()) return ProblemFor(changed.status(), request);
  return JsonDocument(nlohmann::json{{"user", UserJson(changed->user)}}, request);
}

// The caller's tokens (admins: ?user= for someone else's).
ApiResponse ListTokens(const ServerContext& context, const ApiRequest& request) {
  std::string user = ActorOf(request);
  if (!request.Query("user").empty() && request.principal->role == accounts::Role::kAdmin) {
    user = request.Query("user");
  }
  auto tokens = usecases::ListApiTokens({.store = context.store, .username = user});
  if (!tokens.ok()) return ProblemFor(tokens.status(), request);
  nlohmann::json list = nlohmann::json::array();
  for (const store::ApiToken& t : *tokens) list.push_back(TokenJson(t));
  return JsonDocument(nlohmann::json{{"kind", "token_list"}, {"tokens", list}}, request);
}

// Body: name, scope (read|write), expires_days. A read-scoped token cannot
// mint a write-scoped one.
ApiResponse CreateToken(const ServerContext& context, const ApiRequest& request) {
  Result<nlohmann::json> body = JsonBody(request);
  if (!body.ok()) return ProblemFor(body.status(), request);
  usecases::CreateTokenOptions options{
      .store = context.store, .actor = ActorOf(request), .username = ActorOf(request)};
  Result<std::string> name = StringField(*body, "name", true);
  if (!name.ok()) return ProblemFor(name.status(), request);
  options.name = *name;
  Result<std::string> scope = StringField(*body, "scope", false);
  if (!scope.ok()) return ProblemFor(scope.status(), request);
  if (!scope->empty()) options.scope = *scope;
  if (auto it = body->find("expires_days"); it != body->end() && !it->is_null()) {
    if (!it->is_number_integer()) {
      return Problem(400, "invalid-argument", "request body: \"expires_days\" must be an integer",
                     request);
    }
    options.expires_days = it->get<int64_t>();
  }
  auto created = usecases::CreateApiToken(options);
  if (!created.ok()) return ProblemFor(created.status(), request);
  ApiResponse r = JsonDocument(
      nlohmann::json{{"token", TokenJson(created->token)}, {"secret", created->secret}}, request);
  r.status = 201;
  SetHeader(&r, "Cache-Control", "no-store");
  return r;
}

// Own tokens; admins any.
ApiResponse RevokeToken(const ServerContext& context, const ApiRequest& request) {
  int64_t id = 0;
  try {
    id = std::stoll(request.params.at("id"));
  } catch (...) {
    return Problem(400, "invalid-argument", "token id: expected a number", request);
  }
  const bool admin = request.principal->role == accounts::Role::kAdmin;
  auto revoked = usecases::RevokeApiToken({.store = context.store,
                                           .actor = ActorOf(request),
                                           .token_id = id,
                                           .owner = admin ? std::string() : ActorOf(request)});
  if (!revoked.ok()) return ProblemFor(revoked.status(), request);
  return JsonDocument(nlohmann::json{{"token", TokenJson(revoked->token)}}, request);
}

}  // namespace airm::server::handlers
