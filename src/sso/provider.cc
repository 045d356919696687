#include "sso/provider.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace trellis::sso {
namespace {

using nlohmann::json;

// Discovery is fetched again after a day, so a provider's moved endpoints are picked up.
constexpr auto kMetadataLifetime = std::chrono::hours(24);
constexpr auto kKeyRefreshInterval = std::chrono::minutes(1);

}  // namespace

std::string PercentEncode(const std::string& text) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

namespace {

tl::unexpected<Error> Unavailable(const OidcProvider& provider, const std::string& why) {
  return Fail(ErrorCode::kUnavailable, provider.label + ": " + why);
}

std::string Text(const json& object, const char* name) {
  auto it = object.find(name);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

std::string FormEncode(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string out;
  for (const auto& [name, value] : fields)
    out += (out.empty() ? "" : "&") + PercentEncode(name) + "=" + PercentEncode(value);
  return out;
}

Result<std::string> ProviderClient::GetJson(const std::string& url, const char* what) {
  auto reply = transport_.Get(url);
  if (!reply) return Unavailable(provider_, std::string("cannot fetch its ") + what);
  if (reply->status != 200)
    return Unavailable(provider_, std::string("its ") + what + " answered " + std::to_string(reply->status));
  return reply->body;
}

Result<Metadata> ProviderClient::Discover() {
  // Called with mutex_ held.
  const Instant now = clock_.Now();
  if (metadata_ && now - metadata_fetched_ < kMetadataLifetime) return *metadata_;
  std::string issuer = provider_.issuer;
  while (!issuer.empty() && issuer.back() == '/') issuer.pop_back();
  const std::string body = TRY(GetJson(issuer + "/.well-known/openid-configuration", "discovery document"));
  auto document = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded() || !document.is_object())
    return Unavailable(provider_, "its discovery document is not JSON");
  // OpenID Connect Discovery §4.3: the issuer in the document must be the one configured
  // (one provider cannot stand in for another).
  if (Text(document, "issuer") != provider_.issuer)
    return Unavailable(provider_, "its discovery document names another issuer");
  Metadata metadata{.authorization_endpoint = Text(document, "authorization_endpoint"),
                    .token_endpoint = Text(document, "token_endpoint"),
                    .jwks_uri = Text(document, "jwks_uri")};
  if (metadata.authorization_endpoint.empty() || metadata.token_endpoint.empty() ||
      metadata.jwks_uri.empty())
    return Unavailable(provider_, "its discovery document lacks an endpoint");
  if (auto methods = document.find("code_challenge_methods_supported");
      methods != document.end() && methods->is_array() &&
      std::find(methods->begin(), methods->end(), "S256") == methods->end())
    return Unavailable(provider_, "it does not support PKCE with S256");
  metadata_ = metadata;
  metadata_fetched_ = now;
  return metadata;
}

Result<std::vector<PublicKey>> ProviderClient::KeysFor(const std::string& kid) {
  // Called with mutex_ held.
  const Instant now = clock_.Now();
  const bool known = std::any_of(keys_.begin(), keys_.end(), [&](const PublicKey& k) { return k.kid == kid; });
  if (!known && (!keys_fetched_ || now - *keys_fetched_ >= kKeyRefreshInterval)) {
    const Metadata metadata = TRY(Discover());
    const std::string body = TRY(GetJson(metadata.jwks_uri, "keys"));
    auto keys = ParseKeySet(body);
    if (!keys) return Unavailable(provider_, keys.error().message);
    keys_ = std::move(*keys);
    keys_fetched_ = now;
  }
  return keys_;
}

Result<std::string> ProviderClient::AuthorizationUrl(const std::string& redirect_uri,
                                                     const std::string& state,
                                                     const std::string& nonce,
                                                     const std::string& code_challenge) {
  std::lock_guard lock(mutex_);
  const Metadata metadata = TRY(Discover());
  std::string scopes;
  for (const auto& scope : provider_.scopes) scopes += (scopes.empty() ? "" : " ") + scope;
  const std::string separator =
      metadata.authorization_endpoint.find('?') == std::string::npos ? "?" : "&";
  return metadata.authorization_endpoint + separator +
         FormEncode({{"response_type", "code"},
                     {"client_id", provider_.client_id},
                     {"redirect_uri", redirect_uri},
                     {"scope", scopes},
                     {"state", state},
                     {"nonce", nonce},
                     {"code_challenge", code_challenge},
                     {"code_challenge_method", "S256"}});
}

Result<Identity> ProviderClient::Redeem(const std::string& redirect_uri, const std::string& code,
                                        const std::string& code_verifier, const std::string& nonce) {
  Metadata metadata;
  {
    std::lock_guard lock(mutex_);
    metadata = TRY(Discover());
  }
  // RFC 6749 §2.3.1: the client id and secret are form-encoded before Basic encoding.
  auto reply = transport_.PostForm(metadata.token_endpoint,
                                   {{"grant_type", "authorization_code"},
                                    {"code", code},
                                    {"redirect_uri", redirect_uri},
                                    {"code_verifier", code_verifier}},
                                   PercentEncode(provider_.client_id),
                                   PercentEncode(provider_.client_secret));
  if (!reply) return Unavailable(provider_, "cannot reach its token endpoint");
  // The provider's error body may echo the code; only its status is kept.
  if (reply->status != 200)
    return Unavailable(provider_, "its token endpoint refused the code (" + std::to_string(reply->status) + ")");
  auto tokens = json::parse(reply->body, nullptr, /*allow_exceptions=*/false);
  const std::string id_token = tokens.is_object() ? Text(tokens, "id_token") : std::string();
  if (id_token.empty()) return Unavailable(provider_, "its token endpoint gave no ID token");
  const TokenHeader header = TRY(ReadHeader(id_token));
  std::vector<PublicKey> keys;
  {
    std::lock_guard lock(mutex_);
    keys = TRY(KeysFor(header.kid));
  }
  return VerifyIdToken(id_token, keys,
                       {.issuer = provider_.issuer,
                        .client_id = provider_.client_id,
                        .nonce = nonce,
                        .now = clock_.Now(),
                        .skew = std::chrono::seconds(120),
                        .email_claim = provider_.email_claim});
}

}  // namespace trellis::sso
