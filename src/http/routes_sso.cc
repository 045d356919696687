// Single sign-on with OpenID Connect: the providers the sign-in page offers, and the two
// addresses a browser passes through, /auth/oidc/{provider}/start (sent on to the provider)
// and /auth/oidc/{provider}/callback (sent back from it). These two answer with redirects,
// never JSON: a failure sends the browser to the sign-in page with a short reason code that
// the page words; the provider's code, the tokens and the state never reach a log or a URL
// trellis makes.

#include <spdlog/spdlog.h>

#include "http/input.h"
#include "http/routes.h"
#include "http/session_cookie.h"
#include "sso/single_sign_on.h"

namespace trellis::http {
namespace {

using access::Permission;
using nlohmann::json;

// Binds a sign-in to the browser that began it. SameSite=Lax, not Strict: the provider's
// redirect back is a cross-site navigation, on which a Strict cookie is not sent. Only the
// /auth/oidc/ paths receive it.
constexpr char kBindingCookie[] = "trellis_oidc";

std::string BindingCookie(const Context& ctx, const std::string& value, bool clear) {
  std::string cookie = std::string(kBindingCookie) + "=" + value +
                       "; Path=/auth/oidc/; HttpOnly; SameSite=Lax; Max-Age=" + (clear ? "0" : "600");
  if (ctx.services.config.secure_cookies) cookie += "; Secure";
  return cookie;
}

Response SeeOther(const std::string& location) {
  Response r;
  r.status = 303;
  r.content_type.clear();
  r.headers.emplace_back("Location", location);
  return r;
}

// The sign-in page with a reason its front end words (web/src/pages/signin.ts).
Response BackToSignIn(Context& ctx, const std::string& provider, const Error& error) {
  const char* reason = "refused";
  switch (error.code) {
    case ErrorCode::kRateLimited: reason = "too_many"; break;
    case ErrorCode::kInvalidInput: reason = "expired"; break;
    case ErrorCode::kForbidden: reason = "cancelled"; break;
    case ErrorCode::kNotFound: reason = "unknown_provider"; break;
    case ErrorCode::kUnavailable:
    case ErrorCode::kInternal: reason = "unavailable"; break;
    default: break;
  }
  // The message names what failed (the token's check, the provider's answer) and never a
  // token, a code or an email address.
  spdlog::warn("single sign-on via {} from {} refused: {}", Loggable(provider), ctx.remote,
               error.message);
  Response r = SeeOther(std::string("/#/sign-in?sso_error=") + reason);
  r.headers.emplace_back("Set-Cookie", BindingCookie(ctx, "", true));
  return r;
}

Result<Response> ListProviders(Context& ctx) {
  json providers = json::array();
  for (const auto& p : ctx.services.sso.Providers())
    providers.push_back({{"name", p.name},
                         {"label", p.label},
                         {"start", "/auth/oidc/" + p.name + "/start"}});
  return Response::Json({{"providers", providers}});
}

Result<Response> Start(Context& ctx) {
  const std::string provider = ctx.path.at("provider");
  auto begun = ctx.services.sso.Begin(provider, QueryText(ctx, "return_to"),
                                      CookieValue(ctx.cookies, kBindingCookie));
  if (!begun) return BackToSignIn(ctx, provider, begun.error());
  Response r = SeeOther(begun->authorization_url);
  r.headers.emplace_back("Set-Cookie", BindingCookie(ctx, begun->browser_token, false));
  return r;
}

Result<Response> Callback(Context& ctx) {
  const std::string provider = ctx.path.at("provider");
  auto finished = ctx.services.sso.Finish(provider,
                                          {.state = QueryText(ctx, "state"),
                                           .code = QueryText(ctx, "code"),
                                           .error = QueryText(ctx, "error")},
                                          CookieValue(ctx.cookies, kBindingCookie), ctx.remote);
  if (!finished) return BackToSignIn(ctx, provider, finished.error());
  std::string label = provider;
  for (const auto& p : ctx.services.sso.Providers())
    if (p.name == provider) label = p.label;
  TRY(StartedSession(ctx, finished->signed_in, label));
  Response r = SeeOther(finished->return_to);
  r.headers.emplace_back("Set-Cookie", SessionCookie(ctx, finished->signed_in.token, false));
  r.headers.emplace_back("Set-Cookie", BindingCookie(ctx, "", true));
  return r;
}

}  // namespace

std::vector<Route> SsoRoutes() {
  return {
      {"GET", "/api/v1/sso/providers", Permission::kPublic, "Single sign-on providers", ListProviders},
      {"GET", "/auth/oidc/{provider}/start", Permission::kPublic, "Begin single sign-on", Start},
      {"GET", "/auth/oidc/{provider}/callback", Permission::kPublic, "Finish single sign-on", Callback},
  };
}

}  // namespace trellis::http
