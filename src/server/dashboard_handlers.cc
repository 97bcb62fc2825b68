// GET / and GET /assets/{file}: the dashboard, a browser app on the JSON API
// (dashboard/). Public like a login page: the files hold no data; every
// document the app shows comes from the API under the caller's session.
#include "airm/sha256.h"
#include "dashboard_assets.h"
#include "handlers.h"
#include "responses.h"

namespace airm::server::handlers {
namespace {

// The app's own script and style sheet only: no inline script or style, no
// other origin, no framing. uPlot and Preact style elements through the
// CSSOM (element.style), which style-src does not restrict.
constexpr const char* kDashboardPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

std::string Etag(std::string_view content) {
  return "\"" + Sha256Hex(content).substr(0, 32) + "\"";
}

// `etag` is computed once per file (the files never change while serving):
// hashing app.js on every request cost ~0.3 ms (bench/serve_wrk.sh).
ApiResponse Asset(std::string_view content, const std::string& etag, const char* content_type,
                  const ApiRequest& request) {
  ApiResponse response;
  response.headers.push_back({"ETag", etag});
  // Revalidated on every load, so a new binary's app is never mixed with an
  // old cached one.
  response.headers.push_back({"Cache-Control", "no-cache"});
  response.headers.push_back({"Content-Security-Policy", kDashboardPolicy});
  if (request.Header("if-none-match") == etag) {
    response.status = 304;
    return response;
  }
  response.content_type = content_type;
  response.body = std::string(content);
  return response;
}

}  // namespace

ApiResponse Dashboard(const ServerContext&, const ApiRequest& request) {
  if (AIRM_DASHBOARD_BUILT == 0) {
    return Problem(503, "unavailable",
                   "this airm was built without its dashboard: run scripts/bootstrap.sh (npm ci "
                   "in dashboard/), configure and build again; the JSON API is at /api/",
                   request);
  }
  static const std::string etag = Etag(DashboardIndexHtml());
  return Asset(DashboardIndexHtml(), etag, "text/html; charset=utf-8", request);
}

ApiResponse DashboardAsset(const ServerContext& context, const ApiRequest& request) {
  const std::string& file = request.params.at("file");
  if (AIRM_DASHBOARD_BUILT == 0) return Dashboard(context, request);
  static const std::string js_etag = Etag(DashboardAppJs());
  static const std::string css_etag = Etag(DashboardAppCss());
  if (file == "app.js") {
    return Asset(DashboardAppJs(), js_etag, "text/javascript; charset=utf-8", request);
  }
  if (file == "app.css") {
    return Asset(DashboardAppCss(), css_etag, "text/css; charset=utf-8", request);
  }
  return Problem(404, "not-found", "no such dashboard file: " + file, request);
}

}  // namespace airm::server::handlers
