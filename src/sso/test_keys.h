#pragma once
// Test support: signing keys made with OpenSSL in the test, their JWKs, and ID tokens signed
// with them, so the verifier is tested against real signatures (and real forgeries).

#include <openssl/core_names.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "sso/encoding.h"

namespace trellis::sso::testing {

class TestKey {
 public:
  static TestKey Rsa(std::string kid, unsigned bits = 2048) {
    return TestKey(std::move(kid), "RS256", EVP_RSA_gen(bits));
  }
  static TestKey Ec(std::string kid) { return TestKey(std::move(kid), "ES256", EVP_EC_gen("P-256")); }

  const std::string& kid() const { return kid_; }
  const std::string& alg() const { return alg_; }

  nlohmann::json Jwk() const {
    nlohmann::json jwk = {{"kid", kid_}, {"use", "sig"}, {"alg", alg_}};
    if (alg_ == "RS256") {
      jwk["kty"] = "RSA";
      jwk["n"] = Base64UrlEncode(BigNumber(OSSL_PKEY_PARAM_RSA_N));
      jwk["e"] = Base64UrlEncode(BigNumber(OSSL_PKEY_PARAM_RSA_E));
    } else {
      unsigned char point[65];
      size_t size = 0;
      if (EVP_PKEY_get_octet_string_param(key_.get(), OSSL_PKEY_PARAM_PUB_KEY, point, sizeof point,
                                          &size) != 1 || size != 65)
        throw std::runtime_error("cannot read the EC public key");
      const std::string bytes(reinterpret_cast<const char*>(point), size);
      jwk["kty"] = "EC";
      jwk["crv"] = "P-256";
      jwk["x"] = Base64UrlEncode(bytes.substr(1, 32));
      jwk["y"] = Base64UrlEncode(bytes.substr(33, 32));
    }
    return jwk;
  }

  // The public key in PEM, as an attacker could download it (for the HS256 confusion).
  std::string PublicPem() const {
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
    PEM_write_bio_PUBKEY(bio.get(), key_.get());
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<size_t>(size));
  }

  // header.payload.signature, signed with this key; `header` gets this key's alg and kid
  // unless it names its own.
  std::string Sign(const nlohmann::json& claims, nlohmann::json header = nlohmann::json::object()) const {
    if (!header.contains("alg")) header["alg"] = alg_;
    if (!header.contains("kid")) header["kid"] = kid_;
    const std::string input = Base64UrlEncode(header.dump()) + "." + Base64UrlEncode(claims.dump());
    return input + "." + Base64UrlEncode(SignatureOf(input));
  }

 private:
  struct Free {
    void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
  };

  TestKey(std::string kid, std::string alg, EVP_PKEY* key)
      : kid_(std::move(kid)), alg_(std::move(alg)), key_(key) {
    if (!key_) throw std::runtime_error("cannot generate a test key");
  }

  std::string BigNumber(const char* name) const {
    BIGNUM* value = nullptr;
    if (EVP_PKEY_get_bn_param(key_.get(), name, &value) != 1) throw std::runtime_error("no key parameter");
    std::string bytes(static_cast<size_t>(BN_num_bytes(value)), '\0');
    BN_bn2bin(value, reinterpret_cast<unsigned char*>(bytes.data()));
    BN_free(value);
    return bytes;
  }

  std::string SignatureOf(const std::string& input) const {
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> md(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    size_t size = 0;
    const auto* data = reinterpret_cast<const unsigned char*>(input.data());
    if (EVP_DigestSignInit(md.get(), nullptr, EVP_sha256(), nullptr, key_.get()) != 1 ||
        EVP_DigestSign(md.get(), nullptr, &size, data, input.size()) != 1)
      throw std::runtime_error("cannot sign");
    std::string signature(size, '\0');
    auto* out = reinterpret_cast<unsigned char*>(signature.data());
    if (EVP_DigestSign(md.get(), out, &size, data, input.size()) != 1) throw std::runtime_error("cannot sign");
    signature.resize(size);
    if (alg_ == "RS256") return signature;
    // DER → JWS's r || s, each 32 bytes.
    const auto* der = reinterpret_cast<const unsigned char*>(signature.data());
    ECDSA_SIG* sig = d2i_ECDSA_SIG(nullptr, &der, static_cast<long>(signature.size()));
    std::string raw(64, '\0');
    BN_bn2binpad(ECDSA_SIG_get0_r(sig), reinterpret_cast<unsigned char*>(raw.data()), 32);
    BN_bn2binpad(ECDSA_SIG_get0_s(sig), reinterpret_cast<unsigned char*>(raw.data()) + 32, 32);
    ECDSA_SIG_free(sig);
    return raw;
  }

  std::string kid_;
  std::string alg_;
  std::unique_ptr<EVP_PKEY, Free> key_;
};

inline nlohmann::json KeySet(std::initializer_list<const TestKey*> keys) {
  nlohmann::json set = {{"keys", nlohmann::json::array()}};
  for (const TestKey* key : keys) set["keys"].push_back(key->Jwk());
  return set;
}

// An HS256 token whose HMAC key is `secret` (an attack: the provider's public key as text).
inline std::string SignHs256(const nlohmann::json& claims, const std::string& kid,
                             const std::string& secret) {
  const nlohmann::json header = {{"alg", "HS256"}, {"kid", kid}};
  const std::string input = Base64UrlEncode(header.dump()) + "." + Base64UrlEncode(claims.dump());
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned size = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(input.data()), input.size(), mac, &size);
  return input + "." + Base64UrlEncode(std::string(reinterpret_cast<const char*>(mac), size));
}

}  // namespace trellis::sso::testing
