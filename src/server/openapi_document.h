// docs/openapi.json, compiled into the binary (embed_text.cmake) so the
// server reads no file at run time.
#pragma once

#include <string_view>

namespace airm::server {

std::string_view OpenApiDocument();

}  // namespace airm::server
