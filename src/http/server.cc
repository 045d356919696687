#include "http/server.h"

#include <httplib.h>
#include <spdlog/spdlog.h>

#include <filesystem>

#include "core/deadline.h"
#include "core/files.h"
#include "http/answer_cache.h"
#include "http/client_address.h"
#include "http/input.h"
#include "http/routes.h"
#include "http/session_cookie.h"

namespace trellis::http {
namespace {

using access::Permission;

// A path pattern split into segments; "{name}" segments capture.
struct CompiledRoute {
  const Route* route;
  std::vector<std::string> segments;
};

std::vector<std::string> Split(const std::string& path) {
  std::vector<std::string> out;
  std::string current;
  for (char c : path) {
    if (c == '/') {
      if (!current.empty()) out.push_back(std::move(current));
      current.clear();
    } else {
      current += c;
    }
  }
  if (!current.empty()) out.push_back(std::move(current));
  return out;
}

bool Match(const CompiledRoute& route, const std::vector<std::string>& segments,
           std::map<std::string, std::string>& params) {
  if (route.segments.size() != segments.size()) return false;
  std::map<std::string, std::string> found;
  for (size_t i = 0; i < segments.size(); ++i) {
    const std::string& pattern = route.segments[i];
    if (pattern.size() > 2 && pattern.front() == '{' && pattern.back() == '}') {
      found[pattern.substr(1, pattern.size() - 2)] = segments[i];
    } else if (pattern != segments[i]) {
      return false;
    }
  }
  params = std::move(found);
  return true;
}

bool ChangesState(const std::string& method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

Response ErrorResponse(const Error& error) {
  Response response = Response::Json(ErrorJson(error), StatusOf(error.code));
  if (error.code == ErrorCode::kMethodNotAllowed && !error.details.empty())
    response.headers.emplace_back("Allow", error.details.front().reason);
  return response;
}

std::string ContentTypeFor(const std::filesystem::path& file) {
  static const std::map<std::string, std::string> kTypes = {
      {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},   {".svg", "image/svg+xml"},
      {".png", "image/png"},                 {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},              {".woff", "font/woff"},
      {".json", "application/json"},         {".webmanifest", "application/manifest+json"},
      {".txt", "text/plain; charset=utf-8"}};
  auto it = kTypes.find(file.extension().string());
  return it == kTypes.end() ? "application/octet-stream" : it->second;
}

// The question a kept answer answers (answer_cache.h): who asks, what, and on which day.
std::string AnswerKey(const Context& ctx, const std::string& path, Date today) {
  std::string key = std::to_string(ctx.who().user.id.value()) + " " + today.ToIso() + " " + path;
  // Each name and value with its length, so that no two different queries read alike
  // ("a=1&b=2" as one value of a against two parameters).
  for (const auto& [name, value] : ctx.query)  // a multimap: in order of name
    key += " " + std::to_string(name.size()) + ":" + name + std::to_string(value.size()) + ":" + value;
  return key;
}

}  // namespace

struct Server::Impl {
  explicit Impl(Services s) : services(s) {
    for (const auto& route : Routes()) compiled.push_back({&route, Split(route.pattern)});
    if (services.config.answer_cache_mb > 0)
      answers = std::make_unique<AnswerCache>(static_cast<size_t>(services.config.answer_cache_mb)
                                              << 20);
  }

  Result<Response> Dispatch(const Request& request, Context& ctx);
  // Runs the route's handler, or serves its kept answer while the data is unchanged.
  Result<Response> Answer(const Route& route, const Request& request, Context& ctx);
  std::optional<Response> StaticFile(const Request& request);

  Services services;
  std::vector<CompiledRoute> compiled;
  std::unique_ptr<AnswerCache> answers;  // none when answer_cache_mb is 0
  socket_t listening = INVALID_SOCKET;   // the listening socket, once bound
  httplib::Server http;
  int port = 0;
};

Server::Server(Services services) : impl_(std::make_unique<Impl>(services)) {}
Server::~Server() { Stop(); }

Result<Response> Server::Impl::Dispatch(const Request& request, Context& ctx) {
  const auto segments = Split(request.path);
  // HEAD is GET without the body (httplib drops the body); load balancers probe with it.
  const std::string method = request.method == "HEAD" ? "GET" : request.method;
  const Route* route = nullptr;
  std::string allowed;
  for (const auto& candidate : compiled) {
    std::map<std::string, std::string> params;
    if (!Match(candidate, segments, params)) continue;
    allowed += (allowed.empty() ? "" : ", ") + candidate.route->method;
    if (candidate.route->method == method) {
      route = candidate.route;
      ctx.path = std::move(params);
      break;
    }
  }
  if (!route) {
    if (!allowed.empty())
      return Fail(ErrorCode::kMethodNotAllowed, "This address takes " + allowed + ".",
                  {{"Allow", allowed, "", {}}});
    return Fail(ErrorCode::kNotFound, "There is no such page or resource.");
  }

  if (route->permission != Permission::kPublic) {
    auto [user, session, data_version] = TRY(services.auth.Resume(ctx.session_token));
    if (ChangesState(request.method) && !access::Authenticator::CsrfMatches(session, request.csrf_token))
      return Fail(ErrorCode::kForbidden,
                  "The form has expired or did not come from trellis. Reload the page and try again.");
    if (!access::RoleAllows(user.role, route->permission))
      return Fail(ErrorCode::kForbidden, "Your role does not allow this.");
    auto scope = TRY(access::ResolveScope(services.store, user, services.clock.Today()));
    org::Actor actor{.user = user.id, .name = user.email, .remote = request.remote};
    ctx.principal = Principal{std::move(user), std::move(session), std::move(scope), std::move(actor),
                              data_version};
  }
  if (ctx.path.contains("trust_id")) {
    // Another trust's id answers exactly as a missing one: trusts are isolated.
    auto trust = TRY(PathId<TrustTag>(ctx, "trust_id"));
    if (!ctx.principal || !ctx.scope().CoversTrust(trust))
      return Fail(ErrorCode::kNotFound, "Not found.");
    if (ctx.scope().AllTrusts()) TRY(services.store.GetTrust(trust));  // must exist
    ctx.trust = trust;
  }
  return Answer(*route, request, ctx);
}

Result<Response> Server::Impl::Answer(const Route& route, const Request& request, Context& ctx) {
  if (route.reuse != Reuse::kWhileDataUnchanged || !answers || !ctx.principal)
    return route.handler(ctx);
  // Read before the user was (access::Resumed), so before anything the handler reads: what
  // it computes is at least as new as this version (store.h, DataVersion).
  const int64_t version = ctx.who().data_version;
  const std::string key = AnswerKey(ctx, request.path, services.clock.Today());
  if (auto kept = answers->Find(key, version)) {
    for (access::AuditEntry read : kept->reads) {
      read.at = services.clock.Now();
      read.remote = ctx.remote;
      TRY(services.store.Append(read));
    }
    return kept->response;
  }
  Response response = TRY(route.handler(ctx));
  // An answer whose reading was not recorded through RecordRead is not kept: serving it again
  // would go unrecorded.
  if (response.status == 200 && !ctx.reads.empty())
    answers->Keep(key, version, {.response = response, .reads = ctx.reads});
  return response;
}

std::optional<Response> Server::Impl::StaticFile(const Request& request) {
  const std::string& root_text = services.config.web_root;
  if (root_text.empty() || request.method != "GET" || request.path.rfind("/api/", 0) == 0)
    return std::nullopt;
  std::error_code ec;
  const auto root = std::filesystem::weakly_canonical(root_text, ec);
  if (ec || !std::filesystem::is_directory(root)) return std::nullopt;
  auto file = std::filesystem::weakly_canonical(root / request.path.substr(1), ec);
  // Refuse anything that resolves outside the web root ("/../../etc/passwd").
  const auto rel = file.lexically_relative(root);
  if (ec || rel.empty() || *rel.begin() == ".." || !std::filesystem::is_regular_file(file)) {
    // The front end routes in the browser: unknown paths get the app shell.
    if (std::filesystem::path(request.path).has_extension()) return std::nullopt;
    file = root / "index.html";
    if (!std::filesystem::is_regular_file(file)) return std::nullopt;
  }
  auto bytes = ReadWholeFile(file);
  if (!bytes) return std::nullopt;
  Response r;
  r.body = std::move(*bytes);
  r.content_type = ContentTypeFor(file);
  r.headers.emplace_back("Cache-Control", file.filename() == "index.html"
                                              ? "no-cache"
                                              : "public, max-age=3600");
  return r;
}

Response Server::Handle(const Request& request) {
  Context ctx{.services = impl_->services,
              .method = request.method,
              .path = {},
              .query = request.query,
              .body = request.body,
              .content_type = request.content_type,
              .remote = request.remote,
              .session_token = CookieValue(request.cookie, "trellis_session"),
              .cookies = request.cookie,
              .principal = {},
              .trust = {}};
  Response response;
  // The request's database work stops at its time limit (core/deadline.h).
  const ScopedDeadline deadline(std::chrono::steady_clock::now() +
                                std::chrono::seconds(impl_->services.config.request_time_limit_s));
  try {
    auto result = impl_->Dispatch(request, ctx);
    if (result) {
      response = std::move(*result);
    } else if (result.error().code == ErrorCode::kNotFound && request.method == "GET") {
      auto file = impl_->StaticFile(request);
      response = file ? std::move(*file) : ErrorResponse(result.error());
    } else {
      response = ErrorResponse(result.error());
    }
    if (!result && result.error().code == ErrorCode::kInternal)
      spdlog::error("{} {}: {}", Loggable(request.method), Loggable(request.path),
                    result.error().message);
  } catch (const std::exception& e) {
    // A bug, not the client's fault: log what failed (never request bodies, which may hold
    // personal data or passwords) and answer 500 in the usual shape.
    spdlog::error("{} {}: unhandled exception: {}", Loggable(request.method),
                  Loggable(request.path), e.what());
    response = ErrorResponse(MakeError(ErrorCode::kInternal, "Something went wrong on our side."));
  }
  if (request.path.rfind("/api/", 0) == 0)
    response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

Result<int> Server::Bind() {
  auto& http = impl_->http;
  const auto& config = impl_->services.config;
  http.new_task_queue = [threads = config.threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
  http.set_payload_max_length(static_cast<size_t>(config.max_request_bytes));
  http.set_read_timeout(30, 0);
  http.set_write_timeout(30, 0);
  // A kept-alive connection is not closed after so many requests: each reconnection under
  // load cost its client a queue at accept (p99 of a busy endpoint 189 ms with 1,000).
  http.set_keep_alive_max_count(1000000);
  httplib::Headers security{
      {"X-Content-Type-Options", "nosniff"},
      {"X-Frame-Options", "DENY"},
      {"Referrer-Policy", "no-referrer"},
      {"Content-Security-Policy",
       "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"},
  };
  if (config.secure_cookies) security.emplace("Strict-Transport-Security", "max-age=31536000");
  http.set_default_headers(std::move(security));
  // httplib's default socket options include SO_REUSEPORT, which lets a second server bind a
  // port already in use and silently share its connections. Only SO_REUSEADDR here, so a
  // busy port fails the bind as it should.
  http.set_socket_options([impl = impl_.get()](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    impl->listening = sock;  // the server's only socket made with these options
  });
  // httplib writes a response's head and body in separate sends; with Nagle's algorithm the
  // body then waits for the client's delayed ACK (40 ms on Linux), which capped a server at
  // ~175 requests a second per connection, whatever the work. Accepted sockets inherit it.
  http.set_tcp_nodelay(true);

  auto handler = [this, trusted_proxies = config.trusted_proxies](const httplib::Request& req,
                                                                  httplib::Response& res) {
    Request request{.method = req.method,
                    .path = req.path,
                    .query = {req.params.begin(), req.params.end()},
                    .body = req.body,
                    .content_type = req.get_header_value("Content-Type"),
                    .cookie = req.get_header_value("Cookie"),
                    .csrf_token = req.get_header_value("X-CSRF-Token"),
                    .remote = ClientAddress(req.remote_addr,
                                            req.get_header_value("X-Forwarded-For"),
                                            trusted_proxies)};
    Response response = Handle(request);
    res.status = response.status;
    for (const auto& [name, value] : response.headers) res.set_header(name, value);
    if (!response.content_type.empty()) res.set_content(response.body, response.content_type);
  };
  const std::string any = ".*";
  http.Get(any, handler);
  http.Post(any, handler);
  http.Put(any, handler);
  http.Patch(any, handler);
  http.Delete(any, handler);
  // Errors httplib raises itself (a body over the limit, a malformed request line) get the
  // API's error shape too.
  http.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return;
    ErrorCode code = res.status == 413 ? ErrorCode::kTooLarge
                   : res.status == 404 ? ErrorCode::kNotFound
                                       : ErrorCode::kInvalidInput;
    std::string message = res.status == 413 ? "The request is larger than this server accepts."
                                            : "The request could not be understood.";
    res.set_content(Response::Json(ErrorJson(MakeError(code, message))).body, "application/json");
  });

  const int port = config.port == 0 ? http.bind_to_any_port(config.listen)
                                    : (http.bind_to_port(config.listen, config.port) ? config.port : -1);
  if (port <= 0)
    return Fail(ErrorCode::kUnavailable,
                "cannot listen on " + config.listen + ":" + std::to_string(config.port) +
                    " (is another program using that port?)");
  // Debian's httplib listens with a backlog of 5: 64 clients connecting at once overflowed
  // it, and a dropped connection attempt is retried by the client only a second later. Listen
  // again with the system's limit (Linux takes a new backlog on a listening socket).
  if (impl_->listening != INVALID_SOCKET && ::listen(impl_->listening, SOMAXCONN) != 0)
    spdlog::warn("could not widen the listen backlog; connections may queue under load");
  impl_->port = port;
  return port;
}

void Server::Run() { impl_->http.listen_after_bind(); }

void Server::Stop() {
  if (impl_ && impl_->http.is_running()) impl_->http.stop();
}

}  // namespace trellis::http
