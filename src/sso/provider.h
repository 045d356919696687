#pragma once
// One OpenID provider as trellis talks to it: its metadata from discovery
// ({issuer}/.well-known/openid-configuration), the authorisation request, the token request
// (authorisation code with PKCE, client_secret_basic) and the ID token's verification against
// its keys. Metadata and keys are cached in memory: they are the provider's, not trellis's
// data, so servers behind one load balancer may each hold their own copy.

#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "core/config.h"
#include "core/result.h"
#include "sso/id_token.h"

namespace trellis::sso {

// The outgoing HTTP requests trellis makes to providers. Implemented over cpp-httplib in
// src/http (the only code that knows HTTP); a test may answer from memory.
struct Reply {
  int status = 0;
  std::string body;
};
class Transport {
 public:
  virtual ~Transport() = default;
  // kUnavailable when the provider cannot be reached.
  [[nodiscard]] virtual Result<Reply> Get(const std::string& url) = 0;
  // An application/x-www-form-urlencoded POST with HTTP Basic authentication.
  [[nodiscard]] virtual Result<Reply> PostForm(
      const std::string& url, const std::vector<std::pair<std::string, std::string>>& form,
      const std::string& user, const std::string& password) = 0;
};

// RFC 3986 percent-encoding of everything but the unreserved characters.
std::string PercentEncode(const std::string& text);
// application/x-www-form-urlencoded, as in a query string or a form body.
std::string FormEncode(const std::vector<std::pair<std::string, std::string>>& fields);

struct Metadata {
  std::string authorization_endpoint;
  std::string token_endpoint;
  std::string jwks_uri;
};

class ProviderClient {
 public:
  ProviderClient(OidcProvider provider, Transport& transport, const Clock& clock)
      : provider_(std::move(provider)), transport_(transport), clock_(clock) {}
  ProviderClient(const ProviderClient&) = delete;
  ProviderClient& operator=(const ProviderClient&) = delete;

  const OidcProvider& provider() const { return provider_; }

  // Where to send the browser: the authorisation endpoint with response_type=code, the
  // scopes, state, nonce and the PKCE S256 challenge. kUnavailable when discovery fails.
  [[nodiscard]] Result<std::string> AuthorizationUrl(const std::string& redirect_uri,
                                                     const std::string& state,
                                                     const std::string& nonce,
                                                     const std::string& code_challenge);
  // Exchanges the code (with the PKCE verifier) for tokens and verifies the ID token.
  // kUnavailable when the provider cannot be reached or refuses the code; kUnauthenticated
  // when the ID token does not verify.
  [[nodiscard]] Result<Identity> Redeem(const std::string& redirect_uri, const std::string& code,
                                        const std::string& code_verifier, const std::string& nonce);

 private:
  Result<Metadata> Discover();
  // The keys to check a token signed with `kid`: those cached, fetched again when `kid` is
  // not among them (the provider has rolled its keys) but not more than once a minute.
  Result<std::vector<PublicKey>> KeysFor(const std::string& kid);
  Result<std::string> GetJson(const std::string& url, const char* what);

  OidcProvider provider_;
  Transport& transport_;
  const Clock& clock_;
  std::mutex mutex_;
  std::optional<Metadata> metadata_;
  Instant metadata_fetched_;
  std::vector<PublicKey> keys_;
  std::optional<Instant> keys_fetched_;
};

}  // namespace trellis::sso
