#include "sso/encoding.h"

#include <sodium.h>

#include <array>
#include <cstdlib>
#include <vector>

namespace trellis::sso {

// libsodium's codec, URL-safe without padding: it refuses padding, '+' and '/', stray
// characters, a length that cannot come from whole bytes and left-over bits that are not zero
// (so each byte string has exactly one encoding).
constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;

std::string Base64UrlEncode(std::string_view bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), kVariant), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), kVariant);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

std::optional<std::string> Base64UrlDecode(std::string_view text) {
  std::string out(text.size() * 3 / 4 + 1, '\0');
  size_t length = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), nullptr, &length, &end, kVariant) != 0 ||
      end != text.data() + text.size())
    return std::nullopt;
  out.resize(length);
  return out;
}

std::string RandomUrlToken(size_t bytes) {
  if (sodium_init() < 0) std::abort();
  std::vector<unsigned char> random(bytes);
  randombytes_buf(random.data(), random.size());
  return Base64UrlEncode(std::string_view(reinterpret_cast<const char*>(random.data()), random.size()));
}

std::string NewCodeVerifier() { return RandomUrlToken(32); }

std::string CodeChallengeS256(std::string_view verifier) {
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(verifier.data()),
                     verifier.size());
  return Base64UrlEncode(std::string_view(reinterpret_cast<const char*>(digest.data()), digest.size()));
}

}  // namespace trellis::sso
