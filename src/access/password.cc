#include "access/password.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <mutex>

namespace trellis::access {
namespace {

constexpr size_t kMinLength = 12;
constexpr size_t kMaxLength = 256;

// The most common passwords of 12+ characters in breach corpora (the shorter ones are
// already refused by length). Compared case-insensitively.
constexpr std::array<std::string_view, 40> kCommonPasswords = {
    "123456789012", "1234567890123", "12345678910", "123456789123", "qwertyuiop12",
    "qwertyuiopasdfghjkl", "password1234", "password12345", "passwordpassword",
    "iloveyou1234", "abcdefghijkl", "abc123456789", "111111111111", "000000000000",
    "123123123123", "qwerty123456", "1q2w3e4r5t6y", "1qaz2wsx3edc", "zaq12wsxcde3",
    "football1234", "baseball1234", "welcome12345", "letmein12345", "administrator",
    "changeme1234", "trustno1trustno1", "sunshine1234", "princess1234", "superman1234",
    "starwars1234", "monkey123456", "dragon123456", "computer1234", "internet1234",
    "teacher12345", "school123456", "headteacher1", "password123!", "p@ssw0rd1234",
    "qwertyqwerty"};

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

void InitSodium() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) std::abort();  // No safe way on without a working RNG.
  });
}

}  // namespace

Result<std::string> HashPassword(std::string_view password) {
  InitSodium();
  std::array<char, crypto_pwhash_STRBYTES> out{};
  if (crypto_pwhash_str_alg(out.data(), password.data(), password.size(),
                            crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
                            crypto_pwhash_ALG_ARGON2ID13) != 0)
    return Fail(ErrorCode::kInternal, "password hashing ran out of memory");
  return std::string(out.data());
}

bool VerifyPassword(std::string_view password, const std::string& hash) {
  InitSodium();
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::vector<Problem> CheckPasswordPolicy(std::string_view password, std::string_view email) {
  std::vector<Problem> problems;
  auto add = [&](std::string reason) { problems.push_back({"password", std::move(reason), "", {}}); };
  if (password.size() < kMinLength)
    add("must be at least " + std::to_string(kMinLength) + " characters (a few words work well)");
  if (password.size() > kMaxLength)
    add("must be at most " + std::to_string(kMaxLength) + " characters");
  const std::string lower = Lower(password);
  if (std::find(kCommonPasswords.begin(), kCommonPasswords.end(), lower) != kCommonPasswords.end())
    add("is one of the most commonly used passwords; choose another");
  if (!email.empty() && lower == Lower(email)) add("must not be your email address");
  return problems;
}

}  // namespace trellis::access
