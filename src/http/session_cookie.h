#pragma once
// What every way of signing in shares once the user is known: the end of the browser's
// previous session, the audit entry and the session cookie.

#include <string>

#include "http/api.h"

namespace trellis::http {

// The trellis_session cookie carrying `token` (or clearing it).
std::string SessionCookie(const Context& ctx, const std::string& token, bool clear);

// Ends the browser's previous session and appends the sign-in's audit entry, whose after
// names the provider that vouched for the user ({"via": "Microsoft 365"}), if any.
[[nodiscard]] Result<void> StartedSession(Context& ctx, const access::SignedIn& signed_in,
                                          const std::string& via = "");

// The value of cookie `name` in a Cookie header, or "".
std::string CookieValue(const std::string& header, const std::string& name);

// A request path or name fit for a log line: printable ASCII only, at most 200 characters,
// so a client cannot forge log lines or smuggle bytes into them.
std::string Loggable(const std::string& text);

}  // namespace trellis::http
