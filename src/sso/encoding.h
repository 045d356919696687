#pragma once
// The encodings OpenID Connect is written in: base64url without padding (JWS, PKCE) and
// random tokens in that alphabet (state, nonce, code verifier).

#include <optional>
#include <string>
#include <string_view>

namespace trellis::sso {

std::string Base64UrlEncode(std::string_view bytes);
// Empty when `text` is not base64url (padding, '+' or '/', a stray character or length).
std::optional<std::string> Base64UrlDecode(std::string_view text);

// `bytes` random bytes (from libsodium's generator) as base64url: 32 bytes make 43
// characters, 256 bits.
std::string RandomUrlToken(size_t bytes = 32);

// PKCE (RFC 7636): a new code verifier (43 characters, the shortest allowed, 256 bits), and
// the S256 code challenge of a verifier, BASE64URL(SHA-256(ASCII(verifier))).
std::string NewCodeVerifier();
std::string CodeChallengeS256(std::string_view verifier);

}  // namespace trellis::sso
