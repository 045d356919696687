#pragma once
// Password hashing (argon2id via libsodium) and the password policy.

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace trellis::access {

// Hashes with argon2id at libsodium's "interactive" limits. Fails with kInternal only when
// libsodium cannot allocate its working memory.
[[nodiscard]] Result<std::string> HashPassword(std::string_view password);

// Constant-time check of a password against a stored hash. False for a malformed hash.
bool VerifyPassword(std::string_view password, const std::string& hash);

// The policy follows the UK NCSC's guidance: at least 12 characters, at most 256, not on
// the deny-list of common passwords, not the user's own email; no composition rules and no
// forced rotation. Returns the problems (field "password"), empty when acceptable.
std::vector<Problem> CheckPasswordPolicy(std::string_view password, std::string_view email);

}  // namespace trellis::access
