#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>

#include <unistd.h>

#include "core/config.h"
#include "core/date.h"
#include "core/deadline.h"
#include "core/files.h"
#include "core/periodic.h"
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

TEST(Deadline, IsTheThreadsOwnAndScopesNest) {
  EXPECT_FALSE(CurrentDeadline());
  EXPECT_TRUE(CheckDeadline());
  const auto now = std::chrono::steady_clock::now();
  {
    const ScopedDeadline request(now + std::chrono::hours(1));
    EXPECT_FALSE(DeadlinePassed());
    {
      const ScopedDeadline passed(now - std::chrono::seconds(1));
      EXPECT_TRUE(DeadlinePassed());
      EXPECT_EQ(CheckDeadline().error().code, ErrorCode::kUnavailable);
      bool other_thread_passed = true;
      std::thread([&] { other_thread_passed = DeadlinePassed(); }).join();
      EXPECT_FALSE(other_thread_passed);
      {
        const ScopedDeadline lifted(std::nullopt);
        EXPECT_FALSE(DeadlinePassed());
      }
      EXPECT_TRUE(DeadlinePassed());
    }
    EXPECT_EQ(CurrentDeadline(), now + std::chrono::hours(1));
  }
  EXPECT_FALSE(CurrentDeadline());
}

TEST(ReadWholeFile, ReadsEveryByteOfFilesLargeAndEmpty) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("trellis-files-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  // Larger than the pipe-sized steps, holding NULs and line ends of every kind.
  std::string large;
  for (int i = 0; large.size() < 200'000; ++i) large += "row " + std::to_string(i) + std::string("\0\r\n", 3);
  std::ofstream(dir / "large.csv", std::ios::binary) << large;
  std::ofstream(dir / "empty.csv", std::ios::binary).close();
  EXPECT_EQ(ReadWholeFile(dir / "large.csv").value(), large);
  EXPECT_EQ(ReadWholeFile(dir / "empty.csv").value(), "");

  const auto missing = ReadWholeFile(dir / "missing.csv");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  EXPECT_NE(missing.error().message.find("missing.csv"), std::string::npos);
  const auto folder = ReadWholeFile(dir);
  ASSERT_FALSE(folder);
  EXPECT_EQ(folder.error().code, ErrorCode::kNotFound);
  std::filesystem::remove_all(dir);
}

TEST(ReadWholeFile, ReadsAPipeToItsEnd) {
  int ends[2];
  ASSERT_EQ(::pipe(ends), 0);
  std::string sent(300'000, 'x');
  std::thread writer([&] {
    for (size_t at = 0; at < sent.size();) {
      const ssize_t put = ::write(ends[1], sent.data() + at, sent.size() - at);
      if (put <= 0) break;
      at += static_cast<size_t>(put);
    }
    ::close(ends[1]);
  });
  const auto read = ReadWholeFile("/dev/fd/" + std::to_string(ends[0]));
  writer.join();
  ::close(ends[0]);
  EXPECT_EQ(read.value(), sent);
}

TEST(Periodic, RunsAtOnceThenAgainUntilDestroyed) {
  std::atomic<int> runs = 0;
  {
    const Periodic every_millisecond(std::chrono::milliseconds(1), [&] { ++runs; });
    while (runs.load() < 3) std::this_thread::yield();
  }
  const int at_stop = runs.load();
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_EQ(runs.load(), at_stop) << "no run after destruction";

  // A long interval: the first run is at once, and destruction does not wait it out.
  std::atomic<int> once = 0;
  {
    const Periodic hourly(std::chrono::hours(1), [&] { ++once; });
    while (once.load() < 1) std::this_thread::yield();
  }
  EXPECT_EQ(once.load(), 1);
}

TEST(Date, ParsesIsoAndEnglishForms) {
  EXPECT_EQ(Date::Parse("2024-09-01")->ToIso(), "2024-09-01");
  EXPECT_EQ(Date::Parse("01/09/2024")->ToIso(), "2024-09-01");
  EXPECT_FALSE(Date::Parse("2024-02-30"));
  EXPECT_FALSE(Date::Parse("2024-9-1"));
  EXPECT_FALSE(Date::Parse(""));
  EXPECT_FALSE(Date::Parse("09/01/24"));
}

TEST(Date, EveryDayOfItsRangeRoundTripsThroughIso) {
  const Date first = *Date::FromYmd(1900, 1, 1);
  const Date last = *Date::FromYmd(2200, 12, 31);
  int days = 0;
  for (Date d = first; d <= last; d = Date(d.days() + std::chrono::days(1)), ++days) {
    const std::string iso = d.ToIso();
    ASSERT_EQ(iso.size(), 10u) << iso;
    ASSERT_EQ(Date::Parse(iso), d) << iso;
  }
  EXPECT_EQ(days, 109938);  // 301 years, 73 of them leap (1900, 2100 and 2200 are not)
  EXPECT_EQ(Date::FromYmd(2026, 2, 28)->ToIso(), "2026-02-28");
}

TEST(Instant, RoundTripsRfc3339) {
  auto t = ParseInstant("2026-11-23T16:30:05Z");
  ASSERT_TRUE(t);
  EXPECT_EQ(ToIso(*t), "2026-11-23T16:30:05Z");
  EXPECT_EQ(ToIso(*ParseInstant("1999-01-02T03:04:09Z")), "1999-01-02T03:04:09Z");
  EXPECT_FALSE(ParseInstant("2026-11-23 16:30:05"));
}

// Sources whose environment holds one variable.
ConfigSources WithEnvironment(std::string variable, std::string value) {
  ConfigSources sources;
  sources.env = [variable = std::move(variable),
                 value = std::move(value)](const std::string& name) -> std::optional<std::string> {
    if (name == variable) return value;
    return std::nullopt;
  };
  return sources;
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

TEST(Config, RequestTimeLimitIsWholeSecondsAndNeverNone) {
  EXPECT_EQ(LoadConfig({})->request_time_limit_s, 30);
  ConfigSources five;
  five.flags["request_time_limit_s"] = "5";
  EXPECT_EQ(LoadConfig(five)->request_time_limit_s, 5);
  ConfigSources none;
  none.flags["request_time_limit_s"] = "0";
  EXPECT_FALSE(LoadConfig(none));
}

TEST(Config, ReadRecordsAreJournalledUnlessToldOtherwise) {
  const auto defaults = LoadConfig({});
  EXPECT_EQ(defaults->read_journal, "");
  EXPECT_FALSE(defaults->read_records_durable);
  ConfigSources told;
  told.env = [](const std::string& name) -> std::optional<std::string> {
    if (name == "TRELLIS_READ_JOURNAL") return "/srv/trellis/reads";
    if (name == "TRELLIS_READ_RECORDS_DURABLE") return "true";
    return std::nullopt;
  };
  const auto config = LoadConfig(told);
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->read_journal, "/srv/trellis/reads");
  EXPECT_TRUE(config->read_records_durable);
  ConfigSources bad;
  bad.flags["read_records_durable"] = "sometimes";
  EXPECT_FALSE(LoadConfig(bad));
}

TEST(Config, AnswerCacheSizeIsMebibytesAndZeroTurnsItOff) {
  auto config = LoadConfig(WithEnvironment("TRELLIS_ANSWER_CACHE_MB", "0"));
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->answer_cache_mb, 0);
  EXPECT_EQ(Config{}.answer_cache_mb, 64);
  ConfigSources negative;
  negative.flags["answer_cache_mb"] = "-1";
  EXPECT_FALSE(LoadConfig(negative));
}

TEST(Config, SqliteCacheIsMebibytesPerConnectionAndAtLeastOne) {
  EXPECT_EQ(Config{}.sqlite_cache_mb, 64);
  auto config = LoadConfig(WithEnvironment("TRELLIS_SQLITE_CACHE_MB", "4"));
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->sqlite_cache_mb, 4);
  ConfigSources none;
  none.flags["sqlite_cache_mb"] = "0";
  EXPECT_FALSE(LoadConfig(none));
}

// The sign-in providers of a school trust, as docs/deploy.md shows them.
constexpr char kProviders[] = R"([
  {"name": "microsoft", "label": "Microsoft 365",
   "issuer": "https://login.microsoftonline.com/0f1e2d3c/v2.0", "client_id": "app-1",
   "client_secret_env": "TRELLIS_OIDC_MICROSOFT_SECRET", "email_claim": "preferred_username",
   "trusts": [{"trust_id": 1, "email_domains": ["Oakridge.example"]}]}
])";

ConfigSources WithProviders(std::string providers, std::optional<std::string> secret) {
  ConfigSources sources;
  sources.env = [secret](const std::string& name) -> std::optional<std::string> {
    if (name == "TRELLIS_OIDC_MICROSOFT_SECRET") return secret;
    return std::nullopt;
  };
  sources.flags["oidc_providers"] = std::move(providers);
  sources.flags["public_url"] = "https://trellis.oakridge.example/";
  return sources;
}

TEST(Config, OidcProvidersTakeTheirSecretFromTheEnvironment) {
  auto config = LoadConfig(WithProviders(kProviders, "s3cr3t-value"));
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->public_url, "https://trellis.oakridge.example");
  ASSERT_EQ(config->oidc_providers.size(), 1u);
  const OidcProvider& p = config->oidc_providers[0];
  EXPECT_EQ(p.name, "microsoft");
  EXPECT_EQ(p.label, "Microsoft 365");
  EXPECT_EQ(p.client_secret, "s3cr3t-value");
  EXPECT_EQ(p.email_claim, "preferred_username");
  EXPECT_EQ(p.scopes, (std::vector<std::string>{"openid", "email", "profile"}));
  ASSERT_EQ(p.trusts.size(), 1u);
  EXPECT_EQ(p.trusts[0].trust, TrustId(1));
  EXPECT_EQ(p.trusts[0].email_domains, std::vector<std::string>{"oakridge.example"});
}

TEST(Config, OidcProvidersAreRefusedWhenIncompleteOrUnsafe) {
  EXPECT_FALSE(LoadConfig(WithProviders(kProviders, std::nullopt)));  // secret not set
  const std::string good = kProviders;
  auto refused = [&](const std::string& from, const std::string& to) {
    std::string changed = good;
    changed.replace(changed.find(from), from.size(), to);
    auto config = LoadConfig(WithProviders(changed, "s3cr3t-value"));
    if (config) return std::string("accepted");
    EXPECT_EQ(config.error().message.find("s3cr3t"), std::string::npos);
    return config.error().message;
  };
  EXPECT_NE(refused("https://login", "http://login").find("https://"), std::string::npos);
  EXPECT_NE(refused("\"client_secret_env\"", "\"client_secret\"").find("client_secret_env"),
            std::string::npos);
  EXPECT_NE(refused("[\"Oakridge.example\"]", "[]").find("email_domains"), std::string::npos);
  EXPECT_NE(refused("\"preferred_username\"", "\"upn\"").find("email_claim"), std::string::npos);
  EXPECT_NE(refused("\"microsoft\"", "\"Microsoft 365\"").find("name"), std::string::npos);
  // A provider started by a test on this machine may be plain http.
  EXPECT_EQ(refused("https://login.microsoftonline.com", "http://127.0.0.1:4000"), "accepted");
  ConfigSources no_public_url = WithProviders(kProviders, "s3cr3t-value");
  no_public_url.flags.erase("public_url");
  EXPECT_FALSE(LoadConfig(no_public_url));
}

TEST(Config, OidcClientSecretMayComeFromAFile) {
  const auto path = std::filesystem::temp_directory_path() / "trellis-core-test-secret";
  std::ofstream(path) << "from-a-file\n";
  std::string providers = kProviders;
  const std::string from = "\"client_secret_env\": \"TRELLIS_OIDC_MICROSOFT_SECRET\"";
  providers.replace(providers.find(from), from.size(), "\"client_secret_file\": \"" + path.string() + "\"");
  auto config = LoadConfig(WithProviders(providers, std::nullopt));
  std::filesystem::remove(path);
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->oidc_providers[0].client_secret, "from-a-file");
}

}  // namespace
}  // namespace trellis
