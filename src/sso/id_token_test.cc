#include "sso/id_token.h"

#include <gtest/gtest.h>

#include "sso/encoding.h"
#include "sso/test_keys.h"

namespace trellis::sso {
namespace {

using nlohmann::json;
using testing::TestKey;

constexpr long long kNow = 1'790'000'000;  // seconds since the epoch, fixed

// RSA generation is slow: one pair of keys for the whole file.
const TestKey& Rsa() {
  static const TestKey key = TestKey::Rsa("rsa-1");
  return key;
}
const TestKey& OtherRsa() {
  static const TestKey key = TestKey::Rsa("rsa-1");  // same kid, another key: a forger's
  return key;
}
const TestKey& Ec() {
  static const TestKey key = TestKey::Ec("ec-1");
  return key;
}

std::vector<PublicKey> Keys() {
  auto keys = ParseKeySet(testing::KeySet({&Rsa(), &Ec()}).dump());
  EXPECT_TRUE(keys) << keys.error().message;
  return keys ? *keys : std::vector<PublicKey>{};
}

Expected Expectations() {
  return {.issuer = "https://id.example.org",
          .client_id = "trellis-client",
          .nonce = "n-0S6_WzA2Mj",
          .now = Instant(std::chrono::seconds(kNow)),
          .skew = std::chrono::seconds(120),
          .email_claim = "email"};
}

json Claims() {
  return {{"iss", "https://id.example.org"},
          {"sub", "248289761001"},
          {"aud", "trellis-client"},
          {"exp", kNow + 300},
          {"iat", kNow - 10},
          {"nonce", "n-0S6_WzA2Mj"},
          {"email", "Head.Ashfield@Oakridge.example"},
          {"email_verified", true}};
}

// The message of a refusal, or "" when the token was accepted.
std::string Refusal(const std::string& token, const Expected& expected = Expectations()) {
  auto identity = VerifyIdToken(token, Keys(), expected);
  if (identity) return "";
  EXPECT_EQ(identity.error().code, ErrorCode::kUnauthenticated);
  return identity.error().message;
}

TEST(IdToken, GoodRs256TokenGivesTheVerifiedIdentity) {
  auto identity = VerifyIdToken(Rsa().Sign(Claims()), Keys(), Expectations());
  ASSERT_TRUE(identity) << identity.error().message;
  EXPECT_EQ(identity->issuer, "https://id.example.org");
  EXPECT_EQ(identity->subject, "248289761001");
  EXPECT_EQ(identity->email, "head.ashfield@oakridge.example");
}

TEST(IdToken, GoodEs256TokenIsAccepted) { EXPECT_EQ(Refusal(Ec().Sign(Claims())), ""); }

TEST(IdToken, SignatureOfAnotherKeyWithTheSameKidIsRefused) {
  EXPECT_NE(Refusal(OtherRsa().Sign(Claims())).find("signature does not verify"), std::string::npos);
}

TEST(IdToken, ChangedPayloadIsRefused) {
  const std::string token = Rsa().Sign(Claims());
  json changed = Claims();
  changed["email"] = "ceo@oakridge.example";
  const auto dot1 = token.find('.');
  const auto dot2 = token.find('.', dot1 + 1);
  const std::string forged =
      token.substr(0, dot1 + 1) + Base64UrlEncode(changed.dump()) + token.substr(dot2);
  EXPECT_NE(Refusal(forged).find("signature does not verify"), std::string::npos);
}

TEST(IdToken, UnknownKidIsRefused) {
  EXPECT_NE(Refusal(Rsa().Sign(Claims(), {{"kid", "rsa-2"}})).find("key id"), std::string::npos);
}

TEST(IdToken, EcSignatureUnderAnRsaKidIsRefused) {
  // The key named must be of the header's algorithm's type.
  EXPECT_NE(Refusal(Ec().Sign(Claims(), {{"kid", "rsa-1"}})).find("key id"), std::string::npos);
}

TEST(IdToken, WrongIssuerIsRefused) {
  json claims = Claims();
  claims["iss"] = "https://id.example.org/other";
  EXPECT_NE(Refusal(Rsa().Sign(claims)).find("another issuer"), std::string::npos);
}

TEST(IdToken, WrongAudienceIsRefused) {
  json claims = Claims();
  claims["aud"] = "another-client";
  EXPECT_NE(Refusal(Rsa().Sign(claims)).find("another client"), std::string::npos);
  claims["aud"] = json::array({"another-client", "trellis-client"});
  claims["azp"] = "another-client";
  EXPECT_NE(Refusal(Rsa().Sign(claims)).find("another party"), std::string::npos);
  claims["azp"] = "trellis-client";
  EXPECT_EQ(Refusal(Rsa().Sign(claims)), "");
}

TEST(IdToken, ExpiredTokenIsRefusedPastTheSkewOnly) {
  json claims = Claims();
  claims["exp"] = kNow - 60;  // within two minutes' skew
  EXPECT_EQ(Refusal(Rsa().Sign(claims)), "");
  claims["exp"] = kNow - 121;
  EXPECT_NE(Refusal(Rsa().Sign(claims)).find("expired"), std::string::npos);
  claims.erase("exp");
  EXPECT_NE(Refusal(Rsa().Sign(claims)).find("expired"), std::string::npos);
}

TEST(IdToken, TokenIssuedInTheFutureIsRefused) {
  json claims = Claims();
  claims["iat"] = kNow + 121;
  EXPECT_NE(Refusal(Rsa().Sign(claims)).find("future"), std::string::npos);
  claims["iat"] = kNow;
  claims["nbf"] = kNow + 600;
  EXPECT_NE(Refusal(Rsa().Sign(claims)).find("not valid yet"), std::string::npos);
}

TEST(IdToken, WrongOrMissingNonceIsRefused) {
  json claims = Claims();
  claims["nonce"] = "another-sign-in";
  EXPECT_NE(Refusal(Rsa().Sign(claims)).find("nonce"), std::string::npos);
  claims.erase("nonce");
  EXPECT_NE(Refusal(Rsa().Sign(claims)).find("nonce"), std::string::npos);
}

TEST(IdToken, AlgorithmNoneIsRefused) {
  const json header = {{"alg", "none"}, {"kid", "rsa-1"}};
  const std::string unsigned_token =
      Base64UrlEncode(header.dump()) + "." + Base64UrlEncode(Claims().dump()) + ".";
  EXPECT_NE(Refusal(unsigned_token).find("algorithm \"none\""), std::string::npos);
}

TEST(IdToken, Hs256WithThePublicKeyAsSecretIsRefused) {
  const std::string forged = testing::SignHs256(Claims(), "rsa-1", Rsa().PublicPem());
  EXPECT_NE(Refusal(forged).find("algorithm \"HS256\""), std::string::npos);
}

TEST(IdToken, UnverifiedOrMissingEmailIsRefused) {
  json claims = Claims();
  claims["email_verified"] = false;
  EXPECT_NE(Refusal(Rsa().Sign(claims)).find("not verified"), std::string::npos);
  claims["email_verified"] = "true";  // a string is not the boolean the claim is
  EXPECT_NE(Refusal(Rsa().Sign(claims)).find("not verified"), std::string::npos);
  claims["email_verified"] = true;
  claims.erase("email");
  EXPECT_NE(Refusal(Rsa().Sign(claims)).find("no email address"), std::string::npos);
}

TEST(IdToken, PreferredUsernameIsUsedWhenConfigured) {
  json claims = Claims();
  claims.erase("email");
  claims.erase("email_verified");
  claims["preferred_username"] = "Teacher@Oakridge.example";
  Expected expected = Expectations();
  expected.email_claim = "preferred_username";
  auto identity = VerifyIdToken(Rsa().Sign(claims), Keys(), expected);
  ASSERT_TRUE(identity) << identity.error().message;
  EXPECT_EQ(identity->email, "teacher@oakridge.example");
}

TEST(IdToken, MalformedTokensAreRefused) {
  EXPECT_NE(Refusal("").find("not a signed JWT"), std::string::npos);
  EXPECT_NE(Refusal("a.b").find("not a signed JWT"), std::string::npos);
  EXPECT_NE(Refusal("a.b.c.d").find("not a signed JWT"), std::string::npos);
  EXPECT_NE(Refusal("!!.e30.AA").find("not well formed"), std::string::npos);
}

TEST(IdToken, HeaderIsReadBeforeVerifying) {
  auto header = ReadHeader(Ec().Sign(Claims()));
  ASSERT_TRUE(header);
  EXPECT_EQ(header->kid, "ec-1");
  EXPECT_EQ(header->alg, "ES256");
}

TEST(KeySet, ShortRsaKeysAndPointsOffTheCurveAreRefused) {
  const TestKey short_key = TestKey::Rsa("short", 1024);
  EXPECT_FALSE(ParseKeySet(testing::KeySet({&short_key}).dump()));
  json jwk = Ec().Jwk();
  std::string y = *Base64UrlDecode(jwk["y"].get<std::string>());
  y[31] = static_cast<char>(y[31] ^ 1);
  jwk["y"] = Base64UrlEncode(y);
  EXPECT_FALSE(ParseKeySet(json{{"keys", {jwk}}}.dump()));
  EXPECT_FALSE(ParseKeySet("[]"));
}

TEST(KeySet, EncryptionKeysAndOtherAlgorithmsAreSkipped) {
  json enc = Rsa().Jwk();
  enc["use"] = "enc";
  json hmac = {{"kty", "oct"}, {"k", "c2VjcmV0"}, {"kid", "h"}};
  auto keys = ParseKeySet(json{{"keys", {enc, hmac, Ec().Jwk()}}}.dump());
  ASSERT_TRUE(keys);
  ASSERT_EQ(keys->size(), 1u);
  EXPECT_EQ(keys->front().kid, "ec-1");
}

TEST(Pkce, S256ChallengeMatchesRfc7636AppendixB) {
  EXPECT_EQ(CodeChallengeS256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
}

TEST(Pkce, VerifiersAreLongRandomAndUrlSafe) {
  const std::string a = NewCodeVerifier();
  const std::string b = NewCodeVerifier();
  EXPECT_EQ(a.size(), 43u);  // RFC 7636: 43 to 128 characters
  EXPECT_NE(a, b);
  EXPECT_EQ(a.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
            std::string::npos);
}

TEST(Base64Url, RoundTripsAndRefusesOtherAlphabets) {
  // RFC 4648 §10's vectors, unpadded.
  EXPECT_EQ(Base64UrlEncode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(Base64UrlEncode("fo"), "Zm8");
  EXPECT_EQ(Base64UrlEncode("\xfb\xff"), "-_8");
  EXPECT_EQ(Base64UrlDecode("-_8"), std::optional<std::string>("\xfb\xff"));
  EXPECT_EQ(Base64UrlDecode("Zm8"), std::optional<std::string>("fo"));
  EXPECT_FALSE(Base64UrlDecode("Zm8="));
  EXPECT_FALSE(Base64UrlDecode("+/8"));
  EXPECT_FALSE(Base64UrlDecode("Zm9"));  // non-zero leftover bits
  EXPECT_FALSE(Base64UrlDecode("Z"));
}

}  // namespace
}  // namespace trellis::sso
