#pragma once
// Verifying an OpenID Connect ID token (a JWS in compact form) against the provider's
// published keys (a JWKS), then its claims, as OpenID Connect Core 1.0 §3.1.3.7 asks.
// Only RS256 and ES256 are accepted, each only with a key of its own type: "none", HS256
// (a public key used as an HMAC secret) and any other algorithm are refused before a key
// is looked at.

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/result.h"

namespace trellis::sso {

enum class Algorithm { kRs256, kEs256 };

// One verification key from a JWKS: RSA (2048 bits or more) or EC on P-256.
struct PublicKey {
  std::string kid;
  Algorithm algorithm;
  std::shared_ptr<void> key;  // an EVP_PKEY, freed by its deleter
};

// The keys of a JWKS document that trellis can use (RSA and P-256 signing keys); others
// (encryption keys, other curves) are skipped. kInvalidInput when the document is not a
// JWKS or a usable key in it is malformed.
[[nodiscard]] Result<std::vector<PublicKey>> ParseKeySet(const std::string& jwks_json);

// The protected header's "kid" and "alg", read before the signature is checked so that the
// caller can find (or fetch) the key. kUnauthenticated when the token is not a JWS.
struct TokenHeader {
  std::string kid;
  std::string alg;
};
[[nodiscard]] Result<TokenHeader> ReadHeader(const std::string& token);

// What the token must say. `email_claim` is "email" (then "email_verified" must be true) or
// "preferred_username" (Microsoft Entra ID, whose tenant-specific issuer vouches for it).
struct Expected {
  std::string issuer;
  std::string client_id;
  std::string nonce;
  Instant now;
  std::chrono::seconds skew{120};
  std::string email_claim = "email";
};

// Who the provider says signed in.
struct Identity {
  std::string issuer;
  std::string subject;
  std::string email;  // lower-case
};

// kUnauthenticated, with a message naming what failed (never the token), when the signature
// does not verify against the key named by "kid" or any claim is not as expected.
[[nodiscard]] Result<Identity> VerifyIdToken(const std::string& token,
                                             const std::vector<PublicKey>& keys,
                                             const Expected& expected);

}  // namespace trellis::sso
