#include "access/password.h"

#include <gtest/gtest.h>

namespace trellis::access {
namespace {

TEST(Password, HashIsArgon2idAndVerifies) {
  auto hash = HashPassword("correct horse battery staple");
  ASSERT_TRUE(hash);
  EXPECT_EQ(hash->rfind("$argon2id$", 0), 0u);
  EXPECT_TRUE(VerifyPassword("correct horse battery staple", *hash));
  EXPECT_FALSE(VerifyPassword("correct horse battery stapler", *hash));
  EXPECT_FALSE(VerifyPassword("anything", "not a hash"));
}

TEST(Password, SameInputHashesDifferentlyEachTime) {
  EXPECT_NE(*HashPassword("correct horse battery staple"),
            *HashPassword("correct horse battery staple"));
}

TEST(PasswordPolicy, FollowsNcscGuidance) {
  EXPECT_TRUE(CheckPasswordPolicy("three random words", "a@b.org").empty());
  EXPECT_FALSE(CheckPasswordPolicy("short", "a@b.org").empty());
  EXPECT_FALSE(CheckPasswordPolicy("Password1234", "a@b.org").empty());
  EXPECT_FALSE(CheckPasswordPolicy("head@school.org", "Head@School.org").empty());
  EXPECT_FALSE(CheckPasswordPolicy(std::string(300, 'x'), "a@b.org").empty());
  // No composition rules: long lower-case passphrases are fine.
  EXPECT_TRUE(CheckPasswordPolicy("allsmallletterspassphrase", "a@b.org").empty());
}

}  // namespace
}  // namespace trellis::access
