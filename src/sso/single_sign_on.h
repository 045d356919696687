#pragma once
// Single sign-on with OpenID Connect (authorisation code flow with PKCE): begins a sign-in
// at a configured provider and finishes it when the provider sends the browser back, mapping
// the identity to an existing, active trellis user by email and trust (no account is made).
//
// Begin: a fresh state, nonce and PKCE verifier, kept in the store as a pending sign-in
// (state hashed) for ten minutes, bound to the browser by a random cookie value (hashed).
// Finish: the pending sign-in is taken (so a state works once) and must be this provider's
// (mix-up) and this browser's (login CSRF); the code is redeemed with the verifier; the ID
// token is verified (signature, iss, aud, exp/iat, nonce, email); then the user whose email
// it is signs in if their trust is one this provider serves and the email's domain is one
// that trust lists. Failures are throttled as password sign-ins are.

#include <map>
#include <memory>
#include <string>

#include "access/sessions.h"
#include "core/clock.h"
#include "core/config.h"
#include "sso/provider.h"
#include "store/store.h"

namespace trellis::sso {

// A return path that stays on this site: "/" then no second "/" or "\" (which browsers read
// as another host), printable ASCII only, at most 512 characters.
bool IsLocalPath(const std::string& path);

class SingleSignOn {
 public:
  SingleSignOn(store::Store& store, const Clock& clock, access::Authenticator& auth,
               Transport& transport, const Config& config);

  const std::vector<OidcProvider>& Providers() const { return config_.oidc_providers; }
  // Where the provider sends the browser back: {public_url}/auth/oidc/{name}/callback.
  std::string RedirectUri(const std::string& provider) const;

  struct Begun {
    std::string authorization_url;
    std::string browser_token;  // for the browser-binding cookie
  };
  // kNotFound for a provider not configured; kUnavailable when it cannot be reached.
  // `browser_token` is the binding cookie's value if the browser has one (kept, so that two
  // tabs may sign in at once); `return_to` must be a local path (else "/").
  [[nodiscard]] Result<Begun> Begin(const std::string& provider, const std::string& return_to,
                                    const std::string& browser_token);

  struct Callback {
    std::string state;
    std::string code;
    std::string error;  // the provider's own error (the user cancelled, ...)
  };
  struct Finished {
    access::SignedIn signed_in;
    std::string return_to;
  };
  // kInvalidInput when the state is unknown, used, expired, another provider's or another
  // browser's; kForbidden when the provider answered with an error; kUnavailable when it
  // could not be reached; kUnauthenticated when the token or the user is refused;
  // kRateLimited while the client or email must wait.
  [[nodiscard]] Result<Finished> Finish(const std::string& provider, const Callback& callback,
                                        const std::string& browser_token, const std::string& remote);

 private:
  Result<ProviderClient*> Client(const std::string& provider);

  store::Store& store_;
  const Clock& clock_;
  access::Authenticator& auth_;
  const Config& config_;
  std::map<std::string, std::unique_ptr<ProviderClient>> clients_;
};

}  // namespace trellis::sso
