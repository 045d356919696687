// Fuzzes the API dispatcher: arbitrary methods, paths, query strings, headers and JSON
// bodies, sent anonymously and as the demo trust's administrator (with a valid session and
// CSRF token), through http::Server::Handle — the same code path as a socket request. Any
// 500 is a bug (the API promises 4xx for anything a client sends) and stops the fuzzer.
//
// Input layout: byte 0 picks the method and the caller, then NUL-separated fields:
// path, query (a=b&c=d), content type, body.

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "app/app.h"
#include "demo/demo.h"
#include "http/server.h"

namespace {

struct World {
  std::unique_ptr<trellis::app::App> app;
  std::unique_ptr<trellis::http::Server> server;
  std::string cookie;
  std::string csrf;
  std::string trust;
};

World* Make() {
  auto* world = new World;
  const auto dir = std::filesystem::temp_directory_path() / ("trellis-api-fuzz-" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  trellis::Config config;
  config.store = "sqlite:" + (dir / "fuzz.db").string();
  config.web_root = "";
  auto app = trellis::app::App::Open(config);
  if (!app) std::abort();
  world->app = std::move(*app);
  auto demo = trellis::demo::CreateDemoTrust(world->app->store(),
                                             {.today = world->app->clock().Today(), .now = world->app->clock().Now()});
  if (!demo) std::abort();
  world->trust = std::to_string(demo->trust.value());
  world->server = std::make_unique<trellis::http::Server>(world->app->services());
  auto signed_in = world->app->auth().SignIn("hr.lead@oakridge.example", std::string(trellis::demo::kDemoPassword), "fuzz");
  if (!signed_in) std::abort();
  world->cookie = "trellis_session=" + signed_in->token;
  world->csrf = signed_in->session.csrf_token;
  return world;
}

std::vector<std::string_view> Fields(std::string_view data) {
  std::vector<std::string_view> fields;
  size_t start = 0;
  for (size_t i = 0; i <= data.size() && fields.size() < 3; ++i) {
    if (i == data.size() || data[i] == '\0') {
      fields.push_back(data.substr(start, i - start));
      start = i + 1;
    }
  }
  fields.push_back(start <= data.size() ? data.substr(start) : std::string_view());
  while (fields.size() < 4) fields.emplace_back();
  return fields;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static World* world = Make();
  if (size < 1) return 0;
  static const char* kMethods[] = {"GET", "POST", "PATCH", "DELETE", "PUT", "HEAD", "OPTIONS", "GET"};
  const uint8_t selector = data[0];
  const auto fields = Fields(std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1));

  trellis::http::Server::Request request;
  request.method = kMethods[selector & 7];
  // Paths under the demo trust most of the time, so the fuzzer reaches the handlers.
  std::string path(fields[0]);
  if (selector & 0x10) path = "/api/v1/trusts/" + world->trust + "/" + path;
  request.path = path.empty() || path[0] != '/' ? "/" + path : path;
  std::string_view query = fields[1];
  while (!query.empty()) {
    const size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    const size_t eq = pair.find('=');
    request.query.emplace(std::string(pair.substr(0, eq)),
                          eq == std::string_view::npos ? "" : std::string(pair.substr(eq + 1)));
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  request.content_type = (selector & 0x20) ? std::string(fields[2]) : "application/json";
  request.body = std::string(fields[3]);
  request.remote = "fuzz";
  if (selector & 0x40) {
    request.cookie = world->cookie;
    request.csrf_token = world->csrf;
  }
  const auto response = world->server->Handle(request);
  if (response.status >= 500 && response.status != 503) {
    std::fprintf(stderr, "%s %s -> %d %s\n", request.method.c_str(), request.path.c_str(),
                 response.status, response.body.c_str());
    std::abort();
  }
  return 0;
}
