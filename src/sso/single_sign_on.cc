#include "sso/single_sign_on.h"

#include <algorithm>

#include "sso/encoding.h"

namespace trellis::sso {
namespace {

// Long enough to type a password and answer a second factor at the provider.
constexpr auto kPendingLifetime = std::chrono::minutes(10);

std::string DomainOf(const std::string& email) { return email.substr(email.rfind('@') + 1); }

bool ServesTrust(const OidcProvider& provider, const access::User& user, const std::string& email) {
  if (!user.trust) return false;  // platform administrators sign in with a password only
  return std::any_of(provider.trusts.begin(), provider.trusts.end(), [&](const OidcProvider::Trust& t) {
    const auto& domains = t.email_domains;
    return t.trust == *user.trust &&
           std::find(domains.begin(), domains.end(), DomainOf(email)) != domains.end();
  });
}

bool IsBrowserToken(const std::string& token) {
  return token.size() == 43 &&
         token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") ==
             std::string::npos;
}

}  // namespace

bool IsLocalPath(const std::string& path) {
  if (path.empty() || path.size() > 512 || path[0] != '/') return false;
  if (path.size() > 1 && (path[1] == '/' || path[1] == '\\')) return false;
  return std::all_of(path.begin(), path.end(), [](char c) { return c > 0x20 && c < 0x7f && c != '\\'; });
}

SingleSignOn::SingleSignOn(store::Store& store, const Clock& clock, access::Authenticator& auth,
                           Transport& transport, const Config& config)
    : store_(store), clock_(clock), auth_(auth), config_(config) {
  for (const auto& provider : config.oidc_providers)
    clients_.emplace(provider.name, std::make_unique<ProviderClient>(provider, transport, clock));
}

std::string SingleSignOn::RedirectUri(const std::string& provider) const {
  return config_.public_url + "/auth/oidc/" + provider + "/callback";
}

Result<ProviderClient*> SingleSignOn::Client(const std::string& provider) {
  auto it = clients_.find(provider);
  if (it == clients_.end()) return Fail(ErrorCode::kNotFound, "No such sign-in provider.");
  return it->second.get();
}

Result<SingleSignOn::Begun> SingleSignOn::Begin(const std::string& provider,
                                                const std::string& return_to,
                                                const std::string& browser_token) {
  ProviderClient* client = TRY(Client(provider));
  const Instant now = clock_.Now();
  const std::string state = RandomUrlToken();
  access::PendingSignIn pending{.state_hash = access::HashToken(state),
                                .provider = provider,
                                .code_verifier = NewCodeVerifier(),
                                .nonce = RandomUrlToken(),
                                .browser_hash = {},
                                .return_to = IsLocalPath(return_to) ? return_to : "/",
                                .created_at = now,
                                .expires_at = now + kPendingLifetime};
  Begun begun{.authorization_url = {},
              .browser_token = IsBrowserToken(browser_token) ? browser_token : RandomUrlToken()};
  pending.browser_hash = access::HashToken(begun.browser_token);
  begun.authorization_url = TRY(client->AuthorizationUrl(RedirectUri(provider), state, pending.nonce,
                                                         CodeChallengeS256(pending.code_verifier)));
  // Abandoned sign-ins are forgotten here rather than by a timer.
  TRY(store_.DeletePendingSignInsBefore(now));
  TRY(store_.Insert(pending));
  return begun;
}

Result<SingleSignOn::Finished> SingleSignOn::Finish(const std::string& provider,
                                                    const Callback& callback,
                                                    const std::string& browser_token,
                                                    const std::string& remote) {
  ProviderClient* client = TRY(Client(provider));
  TRY(auth_.CheckClient(remote));
  auto expired = [] {
    return Fail(ErrorCode::kInvalidInput, "The sign-in is unknown, already used or expired.");
  };
  if (callback.state.empty()) return expired();
  auto pending = TRY(store_.TakePendingSignIn(access::HashToken(callback.state), clock_.Now()));
  if (!pending) return expired();
  // Sent back to another provider's callback than the one it began at: a mix-up attack, or
  // a state carried to another browser (login CSRF). Either way it is spent now.
  if (pending->provider != provider || pending->browser_hash != access::HashToken(browser_token))
    return expired();
  if (!callback.error.empty())
    return Fail(ErrorCode::kForbidden, client->provider().label + " did not sign you in.");
  if (callback.code.empty()) return expired();
  auto identity = client->Redeem(RedirectUri(provider), callback.code, pending->code_verifier,
                                 pending->nonce);
  if (!identity) {
    if (identity.error().code == ErrorCode::kUnauthenticated) TRY(auth_.FailedFrom(remote));
    return tl::unexpected(identity.error());
  }
  const OidcProvider& settings = client->provider();
  auto signed_in = TRY(auth_.SignInVouched(
      identity->email,
      [&](const access::User& user) { return ServesTrust(settings, user, identity->email); },
      remote));
  return Finished{.signed_in = std::move(signed_in), .return_to = pending->return_to};
}

}  // namespace trellis::sso
