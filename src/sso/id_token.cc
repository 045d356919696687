#include "sso/id_token.h"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "sso/encoding.h"

namespace trellis::sso {
namespace {

using nlohmann::json;

// OpenSSL objects owned with their own free functions.
struct BnFree { void operator()(BIGNUM* b) const { BN_free(b); } };
struct CtxFree { void operator()(EVP_PKEY_CTX* c) const { EVP_PKEY_CTX_free(c); } };
struct MdFree { void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); } };
struct BldFree { void operator()(OSSL_PARAM_BLD* b) const { OSSL_PARAM_BLD_free(b); } };
struct ParamFree { void operator()(OSSL_PARAM* p) const { OSSL_PARAM_free(p); } };
struct SigFree { void operator()(ECDSA_SIG* s) const { ECDSA_SIG_free(s); } };
using Bn = std::unique_ptr<BIGNUM, BnFree>;

std::shared_ptr<void> Own(EVP_PKEY* key) {
  return std::shared_ptr<void>(key, [](void* k) { EVP_PKEY_free(static_cast<EVP_PKEY*>(k)); });
}

const unsigned char* Bytes(const std::string& s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

tl::unexpected<Error> Refused(const std::string& why) {
  return Fail(ErrorCode::kUnauthenticated, "The ID token was refused: " + why + ".");
}

std::string Text(const json& object, const char* name) {
  auto it = object.find(name);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

Result<std::string> Member(const json& jwk, const char* name) {
  auto decoded = Base64UrlDecode(Text(jwk, name));
  if (!decoded || decoded->empty())
    return Fail(ErrorCode::kInvalidInput, std::string("a key in the JWKS has no valid \"") + name + "\"");
  return *decoded;
}

EVP_PKEY* FromData(const char* type, const OSSL_PARAM* params) {
  std::unique_ptr<EVP_PKEY_CTX, CtxFree> ctx(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
  EVP_PKEY* key = nullptr;
  if (!ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &key, EVP_PKEY_PUBLIC_KEY, const_cast<OSSL_PARAM*>(params)) != 1)
    return nullptr;
  return key;
}

Result<std::shared_ptr<void>> RsaKey(const json& jwk) {
  const std::string n = TRY(Member(jwk, "n"));
  const std::string e = TRY(Member(jwk, "e"));
  Bn modulus(BN_bin2bn(Bytes(n), static_cast<int>(n.size()), nullptr));
  Bn exponent(BN_bin2bn(Bytes(e), static_cast<int>(e.size()), nullptr));
  std::unique_ptr<OSSL_PARAM_BLD, BldFree> build(OSSL_PARAM_BLD_new());
  if (!modulus || !exponent || !build ||
      OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_RSA_N, modulus.get()) != 1 ||
      OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_RSA_E, exponent.get()) != 1)
    return Fail(ErrorCode::kInternal, "cannot build an RSA key");
  std::unique_ptr<OSSL_PARAM, ParamFree> params(OSSL_PARAM_BLD_to_param(build.get()));
  EVP_PKEY* key = params ? FromData("RSA", params.get()) : nullptr;
  if (!key) return Fail(ErrorCode::kInvalidInput, "an RSA key in the JWKS is not valid");
  auto owned = Own(key);
  // Shorter RSA keys are breakable; RFC 7518 §3.3 asks for 2048 bits.
  if (EVP_PKEY_get_bits(key) < 2048)
    return Fail(ErrorCode::kInvalidInput, "an RSA key in the JWKS is shorter than 2048 bits");
  return owned;
}

Result<std::shared_ptr<void>> EcKey(const json& jwk) {
  const std::string x = TRY(Member(jwk, "x"));
  const std::string y = TRY(Member(jwk, "y"));
  if (x.size() != 32 || y.size() != 32)
    return Fail(ErrorCode::kInvalidInput, "a P-256 key in the JWKS has coordinates of the wrong size");
  std::string point = "\x04" + x + y;  // the uncompressed form
  char group[] = "prime256v1";
  const OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, group, 0),
      OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_PUB_KEY, point.data(), point.size()),
      OSSL_PARAM_construct_end()};
  // OpenSSL refuses a point that is not on the curve here.
  EVP_PKEY* key = FromData("EC", params);
  if (!key) return Fail(ErrorCode::kInvalidInput, "a P-256 key in the JWKS is not valid");
  return Own(key);
}

// The JWS signature as OpenSSL verifies it: as is for RSA; for ECDSA, JWS's fixed-size
// r || s turned into DER.
std::optional<std::string> SignatureForOpenSsl(Algorithm algorithm, const std::string& signature) {
  if (algorithm == Algorithm::kRs256) return signature;
  if (signature.size() != 64) return std::nullopt;
  std::unique_ptr<ECDSA_SIG, SigFree> sig(ECDSA_SIG_new());
  BIGNUM* r = BN_bin2bn(Bytes(signature), 32, nullptr);
  BIGNUM* s = BN_bin2bn(Bytes(signature) + 32, 32, nullptr);
  if (!sig || !r || !s || ECDSA_SIG_set0(sig.get(), r, s) != 1) {
    BN_free(r);
    BN_free(s);
    return std::nullopt;
  }
  const int size = i2d_ECDSA_SIG(sig.get(), nullptr);
  if (size <= 0) return std::nullopt;
  std::string der(static_cast<size_t>(size), '\0');
  auto* out = reinterpret_cast<unsigned char*>(der.data());
  i2d_ECDSA_SIG(sig.get(), &out);
  return der;
}

bool SignatureVerifies(const PublicKey& key, const std::string& signed_part,
                       const std::string& signature) {
  auto converted = SignatureForOpenSsl(key.algorithm, signature);
  if (!converted) return false;
  std::unique_ptr<EVP_MD_CTX, MdFree> md(EVP_MD_CTX_new());
  auto* pkey = static_cast<EVP_PKEY*>(key.key.get());
  return md && EVP_DigestVerifyInit(md.get(), nullptr, EVP_sha256(), nullptr, pkey) == 1 &&
         EVP_DigestVerify(md.get(), Bytes(*converted), converted->size(), Bytes(signed_part),
                          signed_part.size()) == 1;
}

struct Parts {
  std::string header, payload, signature;  // as sent (base64url)
};

std::optional<Parts> Split(const std::string& token) {
  const size_t first = token.find('.');
  if (first == std::string::npos) return std::nullopt;
  const size_t second = token.find('.', first + 1);
  if (second == std::string::npos || token.find('.', second + 1) != std::string::npos)
    return std::nullopt;
  return Parts{token.substr(0, first), token.substr(first + 1, second - first - 1),
               token.substr(second + 1)};
}

std::optional<json> DecodeObject(const std::string& part) {
  auto text = Base64UrlDecode(part);
  if (!text) return std::nullopt;
  auto object = json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (object.is_discarded() || !object.is_object()) return std::nullopt;
  return object;
}

std::optional<double> Seconds(const json& claims, const char* name) {
  auto it = claims.find(name);
  if (it == claims.end() || !it->is_number()) return std::nullopt;
  return it->get<double>();
}

bool AudienceHas(const json& claims, const std::string& client_id) {
  auto it = claims.find("aud");
  if (it == claims.end()) return false;
  if (it->is_string()) return *it == client_id;
  if (!it->is_array()) return false;
  return std::any_of(it->begin(), it->end(),
                     [&](const json& a) { return a.is_string() && a == client_id; });
}

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

bool LooksLikeEmail(const std::string& text) {
  const size_t at = text.find('@');
  return at != std::string::npos && at > 0 && at + 1 < text.size() &&
         text.find('@', at + 1) == std::string::npos;
}

Result<std::string> EmailOf(const json& claims, const std::string& email_claim) {
  if (email_claim == "email") {
    // An address the provider has not verified proves nothing about who holds it.
    auto verified = claims.find("email_verified");
    if (verified == claims.end() || !verified->is_boolean() || !verified->get<bool>())
      return Refused("the email address is not verified by the provider");
  } else if (email_claim != "preferred_username") {
    return Fail(ErrorCode::kInternal, "unknown email claim " + email_claim);
  }
  const std::string email = Lower(Text(claims, email_claim.c_str()));
  if (!LooksLikeEmail(email)) return Refused("it has no email address in \"" + email_claim + "\"");
  return email;
}

}  // namespace

Result<std::vector<PublicKey>> ParseKeySet(const std::string& jwks_json) {
  auto document = json::parse(jwks_json, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded() || !document.is_object() || !document.contains("keys") ||
      !document["keys"].is_array())
    return Fail(ErrorCode::kInvalidInput, "the provider's JWKS is not a JSON key set");
  std::vector<PublicKey> keys;
  for (const auto& jwk : document["keys"]) {
    if (!jwk.is_object()) continue;
    const std::string use = Text(jwk, "use");
    const std::string kty = Text(jwk, "kty");
    const std::string alg = Text(jwk, "alg");
    if (!use.empty() && use != "sig") continue;  // an encryption key
    PublicKey key{.kid = Text(jwk, "kid"), .algorithm = Algorithm::kRs256, .key = nullptr};
    if (kty == "RSA" && (alg.empty() || alg == "RS256")) {
      key.key = TRY(RsaKey(jwk));
    } else if (kty == "EC" && Text(jwk, "crv") == "P-256" && (alg.empty() || alg == "ES256")) {
      key.algorithm = Algorithm::kEs256;
      key.key = TRY(EcKey(jwk));
    } else {
      continue;  // a type or algorithm trellis does not accept
    }
    keys.push_back(std::move(key));
  }
  return keys;
}

Result<TokenHeader> ReadHeader(const std::string& token) {
  auto parts = Split(token);
  if (!parts) return Refused("it is not a signed JWT");
  auto header = DecodeObject(parts->header);
  if (!header) return Refused("its header is not JSON");
  return TokenHeader{.kid = Text(*header, "kid"), .alg = Text(*header, "alg")};
}

Result<Identity> VerifyIdToken(const std::string& token, const std::vector<PublicKey>& keys,
                               const Expected& expected) {
  auto parts = Split(token);
  if (!parts) return Refused("it is not a signed JWT");
  auto header = DecodeObject(parts->header);
  auto claims = DecodeObject(parts->payload);
  auto signature = Base64UrlDecode(parts->signature);
  if (!header || !claims || !signature) return Refused("it is not well formed");

  // The algorithm comes from trellis's list, never from the token alone: "none" and HS256
  // are refused here, before any key is touched.
  const std::string alg = Text(*header, "alg");
  Algorithm algorithm;
  if (alg == "RS256") algorithm = Algorithm::kRs256;
  else if (alg == "ES256") algorithm = Algorithm::kEs256;
  else return Refused("its algorithm \"" + alg.substr(0, 16) + "\" is not accepted");
  if (header->contains("crit")) return Refused("it has critical header parameters");

  const std::string kid = Text(*header, "kid");
  auto key = std::find_if(keys.begin(), keys.end(), [&](const PublicKey& k) {
    return k.kid == kid && k.algorithm == algorithm;
  });
  if (key == keys.end()) return Refused("no key of the provider matches its key id");
  if (!SignatureVerifies(*key, parts->header + "." + parts->payload, *signature))
    return Refused("its signature does not verify");

  if (Text(*claims, "iss") != expected.issuer) return Refused("it was issued by another issuer");
  if (!AudienceHas(*claims, expected.client_id)) return Refused("it is meant for another client");
  // Several audiences: the authorised party must be trellis (Core §3.1.3.7, 4–5).
  if (claims->contains("azp") && Text(*claims, "azp") != expected.client_id)
    return Refused("it was issued to another party");
  const double now = std::chrono::duration<double>(expected.now.time_since_epoch()).count();
  const double skew = static_cast<double>(expected.skew.count());
  auto exp = Seconds(*claims, "exp");
  auto iat = Seconds(*claims, "iat");
  if (!exp || now >= *exp + skew) return Refused("it has expired");
  if (!iat || *iat > now + skew) return Refused("it was issued in the future");
  if (auto nbf = Seconds(*claims, "nbf"); nbf && *nbf > now + skew)
    return Refused("it is not valid yet");
  if (expected.nonce.empty() || Text(*claims, "nonce") != expected.nonce)
    return Refused("its nonce is not the one this sign-in sent");
  Identity identity{.issuer = expected.issuer, .subject = Text(*claims, "sub"), .email = {}};
  if (identity.subject.empty()) return Refused("it names no subject");
  identity.email = TRY(EmailOf(*claims, expected.email_claim));
  return identity;
}

}  // namespace trellis::sso
