#pragma once
// The OpenAPI 3 document of the API, compiled in from src/http/openapi.json.

#include <string_view>

namespace trellis::http {
std::string_view OpenApiDocument();
}  // namespace trellis::http
