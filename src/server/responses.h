// Building responses: RFC 9457 problem documents, the one Status → HTTP
// status table, rendered documents with pagination and ETags.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "airm/report.h"
#include "airm/server/api.h"

namespace airm::server {

// RFC 9457 "application/problem+json": type "urn:airm:problem:<kind>",
// title, status, detail, instance (the request path).
ApiResponse Problem(int status, const std::string& kind, const std::string& detail,
                    const ApiRequest& request);
// The one table: InvalidArgument / ParseError 400, NotFound 404, Unavailable
// 503, IoError / Corrupt / Internal 500 (the detail of a 5xx is generic; the
// message goes to the log through the response's X-Airm-Error header, which
// the HTTP layer strips).
ApiResponse ProblemFor(const Status& status, const ApiRequest& request);

// The meta of API documents (command_line = "METHOD PATH").
ReportMeta ApiMeta(const ApiRequest& request);

// `document` (a rendered JSON document) as the response, with an ETag over
// its content without "generated_at"; 304 when If-None-Match matches.
ApiResponse JsonDocument(const nlohmann::json& document, const ApiRequest& request);
ApiResponse JsonDocument(const std::string& rendered, const ApiRequest& request);

// Sets header `name` to `value`, replacing an earlier value.
void SetHeader(ApiResponse* response, const std::string& name, const std::string& value);

// Pagination over a list: ?limit= (1..500, default 100) and ?cursor= (the
// opaque next_cursor of the page before). InvalidArgument naming the
// parameter.
struct Page {
  size_t offset = 0;
  size_t limit = 100;
};
Result<Page> ParsePage(const ApiRequest& request);
// Items [offset, offset + limit) of `total`; sets "page": {limit, total,
// next_cursor (null on the last page)} in the document.
template <typename T>
std::vector<T> Slice(const std::vector<T>& items, const Page& page) {
  if (page.offset >= items.size()) return {};
  const size_t end = std::min(items.size(), page.offset + page.limit);
  return std::vector<T>(items.begin() + page.offset, items.begin() + end);
}
void AddPage(nlohmann::json* document, const Page& page, size_t total);

// The request body as a JSON object; InvalidArgument "request body: …".
Result<nlohmann::json> JsonBody(const ApiRequest& request);
// A string member; "" when absent; InvalidArgument when not a string.
Result<std::string> StringField(const nlohmann::json& body, const char* name, bool required);

}  // namespace airm::server
