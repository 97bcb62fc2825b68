#include "responses.h"

#include "airm/sha256.h"
#include "airm/store/timestamp.h"
#include "airm/version.h"

namespace airm::server {
namespace {

const char* Title(int status) {
  switch (status) {
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 409:
      return "Conflict";
    case 413:
      return "Content Too Large";
    case 415:
      return "Unsupported Media Type";
    case 429:
      return "Too Many Requests";
    case 503:
      return "Service Unavailable";
    default:
      return "Internal Server Error";
  }
}

}  // namespace

ApiResponse Problem(int status, const std::string& kind, const std::string& detail,
                    const ApiRequest& request) {
  nlohmann::json doc = {{"type", "urn:airm:problem:" + kind},
                        {"title", Title(status)},
                        {"status", status},
                        {"detail", detail},
                        {"instance", request.path}};
  return {.status = status,
          .content_type = "application/problem+json",
          .body = doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)};
}

ApiResponse ProblemFor(const Status& status, const ApiRequest& request) {
  switch (status.code()) {
    case StatusCode::kInvalidArgument:
    case StatusCode::kParseError:
      return Problem(400, "invalid-argument", status.message(), request);
    case StatusCode::kNotFound:
      return Problem(404, "not-found", status.message(), request);
    case StatusCode::kUnavailable:
      return Problem(503, "unavailable", status.message(), request);
    default: {
      ApiResponse r =
          Problem(500, "internal", "the server could not complete the request", request);
      r.headers.push_back({"X-Airm-Error", status.ToString()});
      return r;
    }
  }
}

ReportMeta ApiMeta(const ApiRequest& request) {
  return {.airm_version = AIRM_VERSION,
          .generated_at = store::UtcNow(),
          .command_line = request.method + " " + request.path};
}

ApiResponse JsonDocument(const nlohmann::json& document, const ApiRequest& request) {
  nlohmann::json stable = document;
  if (stable.is_object()) stable.erase("generated_at");
  const std::string etag =
      "\"" +
      Sha256Hex(stable.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace))
          .substr(0, 32) +
      "\"";
  ApiResponse response;
  response.headers.push_back({"ETag", etag});
  response.headers.push_back({"Cache-Control", "private, no-cache"});
  const std::string if_none_match = request.Header("if-none-match");
  if (!if_none_match.empty() && (if_none_match == etag || if_none_match == "W/" + etag)) {
    response.status = 304;
    response.content_type.clear();
    return response;
  }
  response.body = document.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return response;
}

ApiResponse JsonDocument(const std::string& rendered, const ApiRequest& request) {
  nlohmann::json doc = nlohmann::json::parse(rendered, nullptr, false);
  if (doc.is_discarded()) {
    return ProblemFor(Status::Internal("a renderer produced invalid JSON"), request);
  }
  return JsonDocument(doc, request);
}

void SetHeader(ApiResponse* response, const std::string& name, const std::string& value) {
  for (auto& [n, v] : response->headers) {
    if (n == name) {
      v = value;
      return;
    }
  }
  response->headers.push_back({name, value});
}

Result<Page> ParsePage(const ApiRequest& request) {
  Page page;
  auto parse = [](const std::string& text, size_t* out) {
    if (text.empty() || text.size() > 9) return false;
    size_t v = 0;
    for (char c : text) {
      if (c < '0' || c > '9') return false;
      v = v * 10 + static_cast<size_t>(c - '0');
    }
    *out = v;
    return true;
  };
  const std::string limit = request.Query("limit");
  if (!limit.empty() && (!parse(limit, &page.limit) || page.limit < 1 || page.limit > 500)) {
    return Status::InvalidArgument("limit: expected 1 to 500, got '" + limit + "'");
  }
  const std::string cursor = request.Query("cursor");
  // The cursor is "o" + offset: opaque to clients, checked here.
  if (!cursor.empty() && (cursor[0] != 'o' || !parse(cursor.substr(1), &page.offset))) {
    return Status::InvalidArgument("cursor: not a cursor this server handed out");
  }
  return page;
}

void AddPage(nlohmann::json* document, const Page& page, size_t total) {
  nlohmann::json next = nullptr;
  if (page.offset + page.limit < total) next = "o" + std::to_string(page.offset + page.limit);
  (*document)["page"] = {{"limit", page.limit}, {"total", total}, {"next_cursor", next}};
}

Result<nlohmann::json> JsonBody(const ApiRequest& request) {
  if (request.body.empty()) return nlohmann::json::object();
  nlohmann::json body = nlohmann::json::parse(request.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    return Status::InvalidArgument("request body: expected a JSON object");
  }
  return body;
}

Result<std::string> StringField(const nlohmann::json& body, const char* name, bool required) {
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) {
    if (required)
      return Status::InvalidArgument(std::string("request body: \"") + name + "\" is required");
    return std::string();
  }
  if (!it->is_string()) {
    return Status::InvalidArgument(std::string("request body: \"") + name + "\" must be a string");
  }
  return it->get<std::string>();
}

std::string ApiRequest::Header(const std::string& lower_name) const {
  auto it = headers.find(lower_name);
  return it == headers.end() ? std::string() : it->second;
}

std::string ApiRequest::Query(const std::string& name) const {
  auto it = query.find(name);
  return it == query.end() ? std::string() : it->second;
}

}  // namespace airm::server
