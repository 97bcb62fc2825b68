// The dashboard's files (dashboard/), compiled into the binary by
// embed_text.cmake: index.html as it is, app.js and app.css as esbuild
// bundled them. Empty when the build had no dashboard/node_modules
// (AIRM_DASHBOARD_BUILT is 0 then).
#pragma once

#include <string_view>

namespace airm::server {

std::string_view DashboardIndexHtml();
std::string_view DashboardAppJs();
std::string_view DashboardAppCss();

}  // namespace airm::server
