// The OpenAPI document must describe exactly the routes the server has: a route added to
// the table and not to src/http/openapi.json (or the reverse) fails here.

#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "http/api.h"
#include "http/openapi.h"

namespace trellis {
namespace {

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

TEST(OpenApi, DescribesEveryRouteAndNothingElse) {
  auto doc = nlohmann::json::parse(http::OpenApiDocument(), nullptr, false);
  ASSERT_FALSE(doc.is_discarded()) << "src/http/openapi.json is not valid JSON";
  ASSERT_TRUE(doc["openapi"].get<std::string>().starts_with("3."));
  std::set<std::string> documented, served;
  for (const auto& [path, item] : doc["paths"].items())
    for (const auto& [method, op] : item.items()) {
      if (method == "parameters") continue;
      documented.insert(Lower(method) + " " + path);
      EXPECT_TRUE(op.contains("responses")) << method << " " << path;
      EXPECT_TRUE(op.contains("summary")) << method << " " << path;
    }
  for (const auto& route : http::Routes()) served.insert(Lower(route.method) + " " + route.pattern);
  for (const auto& r : served) EXPECT_TRUE(documented.contains(r)) << "missing from openapi.json: " << r;
  for (const auto& d : documented) EXPECT_TRUE(served.contains(d)) << "documented but not served: " << d;
}

TEST(OpenApi, EveryChangeButSignInNamesTheCsrfHeader) {
  // The server refuses a state-changing request without X-CSRF-Token (but signing in, which
  // has no session yet): a client generated from the document must know to send it.
  auto doc = nlohmann::json::parse(http::OpenApiDocument());
  for (const auto& [path, item] : doc["paths"].items())
    for (const auto& [method, op] : item.items()) {
      if (method != "post" && method != "put" && method != "patch" && method != "delete") continue;
      if (method == "post" && path == "/api/v1/session") continue;
      bool names_it = false;
      for (const auto& requirement : op.value("security", doc["security"]))
        names_it = names_it || requirement.contains("csrfHeader");
      EXPECT_TRUE(names_it) << method << " " << path << " does not name csrfHeader";
    }
}

TEST(OpenApi, EveryReferencedSchemaExists) {
  auto doc = nlohmann::json::parse(http::OpenApiDocument());
  std::function<void(const nlohmann::json&)> walk = [&](const nlohmann::json& node) {
    if (node.is_object()) {
      for (const auto& [key, value] : node.items()) {
        if (key == "$ref" && value.is_string()) {
          const std::string ref = value;
          ASSERT_TRUE(ref.starts_with("#/components/")) << ref;
          nlohmann::json::json_pointer pointer(ref.substr(1));
          EXPECT_TRUE(doc.contains(pointer)) << "dangling $ref " << ref;
        } else {
          walk(value);
        }
      }
    } else if (node.is_array()) {
      for (const auto& v : node) walk(v);
    }
  };
  walk(doc);
}

}  // namespace
}  // namespace trellis
