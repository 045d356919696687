#include "http/provider_transport.h"

#include <httplib.h>

namespace trellis::http {
namespace {

struct Target {
  std::string origin;  // scheme://host[:port]
  std::string path;    // /path?query
};

Result<Target> Split(const std::string& url) {
  const size_t scheme = url.find("://");
  if (scheme == std::string::npos)
    return Fail(ErrorCode::kUnavailable, "not an absolute address: the provider's metadata is wrong");
  const size_t path = url.find('/', scheme + 3);
  if (path == std::string::npos) return Target{url, "/"};
  return Target{url.substr(0, path), url.substr(path)};
}

Result<sso::Reply> ReplyOf(const httplib::Result& result) {
  if (!result)
    return Fail(ErrorCode::kUnavailable,
                "the provider cannot be reached: " + httplib::to_string(result.error()));
  return sso::Reply{.status = result->status, .body = result->body};
}

httplib::Client ClientFor(const Target& target) {
  httplib::Client client(target.origin);
  client.set_connection_timeout(5, 0);
  client.set_read_timeout(10, 0);
  client.set_write_timeout(10, 0);
  client.set_follow_location(false);
  // Verified against the system's authorities (httplib loads OpenSSL's default paths).
  client.enable_server_certificate_verification(true);
  return client;
}

}  // namespace

Result<sso::Reply> ProviderTransport::Get(const std::string& url) {
  const Target target = TRY(Split(url));
  auto client = ClientFor(target);
  return ReplyOf(client.Get(target.path, {{"Accept", "application/json"}}));
}

Result<sso::Reply> ProviderTransport::PostForm(
    const std::string& url, const std::vector<std::pair<std::string, std::string>>& form,
    const std::string& user, const std::string& password) {
  const Target target = TRY(Split(url));
  auto client = ClientFor(target);
  client.set_basic_auth(user, password);
  return ReplyOf(client.Post(target.path, {{"Accept", "application/json"}}, sso::FormEncode(form),
                             "application/x-www-form-urlencoded"));
}

}  // namespace trellis::http
