#pragma once
// For tests: a PostgreSQL server to test against, and a fresh database on it for each test,
// dropped afterwards. Tests use them like this:
//
//   auto server = TestServer::FromEnvironment();
//   ASSERT_TRUE(server) << server.error().message;
//   if (!*server) GTEST_SKIP() << TestServer::kNotConfigured;
//   auto database = TestDatabase::Create(**server);  // then (*database)->url()

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "core/result.h"
#include "store/postgresql/connection.h"

namespace trellis::store::postgresql {

class TestServer {
 public:
  static constexpr const char* kNotConfigured =
      "no PostgreSQL server to test against: set TRELLIS_TEST_PG_URL to its URL, or "
      "TRELLIS_TEST_PG_STATE to a state file of tests/postgres/cluster.sh";

  // The server whose URL is in TRELLIS_TEST_PG_URL, else in the TRELLIS_PG_URL= line of the
  // cluster.sh state file named by TRELLIS_TEST_PG_STATE; nothing when neither is set. A
  // state file that is named but cannot be read is an error, not a reason to skip.
  static Result<std::optional<TestServer>> FromEnvironment() {
    if (const char* url = std::getenv("TRELLIS_TEST_PG_URL"); url != nullptr && *url != '\0')
      return TestServer(url);
    const char* state = std::getenv("TRELLIS_TEST_PG_STATE");
    if (state == nullptr || *state == '\0') return std::nullopt;
    return FromStateFile(state);
  }

  // The server in the TRELLIS_PG_URL= line of a cluster.sh state file.
  static Result<TestServer> FromStateFile(const std::string& state) {
    std::ifstream file(state);
    constexpr std::string_view kKey = "TRELLIS_PG_URL=";
    for (std::string line; std::getline(file, line);) {
      if (line.starts_with(kKey)) return TestServer(line.substr(kKey.size()));
    }
    return Fail(ErrorCode::kInternal,
                "the PostgreSQL state file " + state + " holds no TRELLIS_PG_URL= line");
  }

  const std::string& url() const { return url_; }

 private:
  explicit TestServer(std::string url) : url_(std::move(url)) {}
  std::string url_;
};

class TestDatabase {
 public:
  // Creates an empty database trellis_test_<pid>_<n> on `server`.
  static Result<std::unique_ptr<TestDatabase>> Create(const TestServer& server) {
    static std::atomic<int> created{0};
    const std::string name =
        "trellis_test_" + std::to_string(::getpid()) + "_" + std::to_string(++created);
    std::unique_ptr<TestDatabase> database(new TestDatabase(server.url(), name));
    database->url_ = WithDatabase(server.url(), name);
    auto admin = TRY(PgConnection::Open(server.url()));
    // One left by an earlier run whose process had the same id.
    TRY(admin->Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"));
    TRY(admin->Exec("CREATE DATABASE " + name));
    database->created_ = true;
    return database;
  }

  // Drops the database, ending any session still using it.
  ~TestDatabase() {
    if (!created_) return;
    auto admin = PgConnection::Open(server_url_);
    if (admin)
      static_cast<void>((*admin)->Exec("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)"));
  }
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  // The server's URL, naming this database instead.
  const std::string& url() const { return url_; }
  const std::string& name() const { return name_; }

 private:
  TestDatabase(std::string server_url, std::string name)
      : server_url_(std::move(server_url)), name_(std::move(name)) {}

  // `url` (a URI, key=value pairs, or a bare database name) with its database replaced by
  // `name`. Done by hand so that users of this header need no libpq headers.
  static std::string WithDatabase(const std::string& url, const std::string& name) {
    const size_t scheme = url.find("://");
    if (scheme == std::string::npos) {
      // In key=value pairs the last dbname wins.
      return url.find('=') == std::string::npos ? name : url + " dbname=" + name;
    }
    const size_t query = std::min(url.find('?', scheme + 3), url.size());
    const size_t path = std::min(url.find('/', scheme + 3), query);  // ends the host part
    return url.substr(0, path) + "/" + name + url.substr(query);
  }

  std::string server_url_;
  std::string name_;
  std::string url_;
  bool created_ = false;
};

}  // namespace trellis::store::postgresql
