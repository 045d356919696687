#include <gtest/gtest.h>

#include "core/config.h"
#include "core/date.h"
#include "core/result.h"

namespace trellis {
namespace {

Result<int> Half(int n) {
  if (n % 2 != 0) return Fail(ErrorCode::kValidationFailed, "odd");
  return n / 2;
}

Result<int> Quarter(int n) {
  int half = TRY(Half(n));
  return TRY(Half(half));
}

Result<void> MustBeEven(int n) {
  TRY(Half(n));
  return Ok();
}

TEST(Result, TryPropagatesTheFirstFailure) {
  EXPECT_EQ(*Quarter(8), 2);
  ASSERT_FALSE(Quarter(6).has_value());
  EXPECT_EQ(Quarter(6).error().code, ErrorCode::kValidationFailed);
  EXPECT_TRUE(MustBeEven(4).has_value());
  EXPECT_FALSE(MustBeEven(3).has_value());
}

TEST(Date, ParsesIsoAndEnglishForms) {
  EXPECT_EQ(Date::Parse("2024-09-01")->ToIso(), "2024-09-01");
  EXPECT_EQ(Date::Parse("01/09/2024")->ToIso(), "2024-09-01");
  EXPECT_FALSE(Date::Parse("2024-02-30"));
  EXPECT_FALSE(Date::Parse("2024-9-1"));
  EXPECT_FALSE(Date::Parse(""));
  EXPECT_FALSE(Date::Parse("09/01/24"));
}

TEST(Instant, RoundTripsRfc3339) {
  auto t = ParseInstant("2026-11-23T16:30:05Z");
  ASSERT_TRUE(t);
  EXPECT_EQ(ToIso(*t), "2026-11-23T16:30:05Z");
  EXPECT_FALSE(ParseInstant("2026-11-23 16:30:05"));
}

TEST(Config, LaterSourcesWin) {
  ConfigSources sources;
  sources.env = [](const std::string& name) -> std::optional<std::string> {
    if (name == "TRELLIS_PORT") return "9000";
    if (name == "TRELLIS_STORE") return "sqlite:/tmp/x.db";
    return std::nullopt;
  };
  sources.flags["port"] = "9100";
  auto config = LoadConfig(sources);
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->port, 9100);
  EXPECT_EQ(config->store, "sqlite:/tmp/x.db");
  EXPECT_EQ(config->threads, Config{}.threads);
}

TEST(Config, StoreIsASqliteFileOrAPostgresqlUrl) {
  for (const std::string store :
       {"sqlite:trellis.db", "postgresql://trellis@db.internal:5432/trellis", "postgres://h/db"}) {
    ConfigSources sources;
    sources.flags["store"] = store;
    auto config = LoadConfig(sources);
    ASSERT_TRUE(config) << store << ": " << config.error().message;
    EXPECT_EQ(config->store, store);
  }
  for (const std::string store : {"sqlite:", "mysql://root:secret@h/db", "trellis.db"}) {
    ConfigSources sources;
    sources.flags["store"] = store;
    auto config = LoadConfig(sources);
    ASSERT_FALSE(config) << store;
    // Never echoed: it may hold a password.
    EXPECT_EQ(config.error().message.find("secret"), std::string::npos);
  }
}

TEST(Config, RejectsBadValuesNamingTheSource) {
  ConfigSources sources;
  sources.flags["port"] = "eighty";
  auto config = LoadConfig(sources);
  ASSERT_FALSE(config);
  EXPECT_NE(config.error().message.find("--port"), std::string::npos);
  ConfigSources unknown;
  unknown.flags["colour"] = "blue";
  EXPECT_FALSE(LoadConfig(unknown));
}

TEST(Config, AnswerCacheSizeIsMebibytesAndZeroTurnsItOff) {
  ConfigSources off;
  off.env = [](const std::string& name) -> std::optional<std::string> {
    if (name == "TRELLIS_ANSWER_CACHE_MB") return "0";
    return std::nullopt;
  };
  auto config = LoadConfig(off);
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->answer_cache_mb, 0);
  EXPECT_EQ(Config{}.answer_cache_mb, 64);
  ConfigSources negative;
  negative.flags["answer_cache_mb"] = "-1";
  EXPECT_FALSE(LoadConfig(negative));
}

}  // namespace
}  // namespace trellis
