#include "http/session_cookie.h"

namespace trellis::http {

std::string SessionCookie(const Context& ctx, const std::string& token, bool clear) {
  std::string cookie = "trellis_session=" + token + "; Path=/; HttpOnly; SameSite=Strict";
  if (clear) cookie += "; Max-Age=0";
  if (ctx.services.config.secure_cookies) cookie += "; Secure";
  return cookie;
}

Result<void> StartedSession(Context& ctx, const access::SignedIn& signed_in, const std::string& via) {
  // A previous session of this browser ends with the new sign-in.
  TRY(ctx.services.auth.SignOut(ctx.session_token));
  return ctx.services.store.Append({.at = ctx.services.clock.Now(),
                                    .trust = signed_in.user.trust,
                                    .user = signed_in.user.id,
                                    .actor = signed_in.user.email,
                                    .action = "sign_in",
                                    .entity = "user",
                                    .entity_id = std::to_string(signed_in.user.id.value()),
                                    .after = via.empty() ? "" : nlohmann::json{{"via", via}}.dump(),
                                    .remote = ctx.remote});
}

std::string CookieValue(const std::string& header, const std::string& name) {
  size_t pos = 0;
  while (pos < header.size()) {
    size_t end = header.find(';', pos);
    if (end == std::string::npos) end = header.size();
    std::string part = header.substr(pos, end - pos);
    const size_t first = part.find_first_not_of(' ');
    if (first != std::string::npos) part = part.substr(first);
    if (part.rfind(name + "=", 0) == 0) return part.substr(name.size() + 1);
    pos = end + 1;
  }
  return {};
}

std::string Loggable(const std::string& text) {
  std::string out;
  for (char c : text.substr(0, 200)) out += (c >= 0x20 && c < 0x7f) ? c : '?';
  return out;
}

}  // namespace trellis::http
