// Several servers, one database (issue 4): two real `trellis serve` processes on one fresh
// PostgreSQL database, driven over TCP as a load balancer would spread a browser's requests.
// Nothing a server keeps in its own memory may make the two disagree: sessions, sign-in
// throttling and what the succession engine reads all live in the store.

#include <gtest/gtest.h>
#include <httplib.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <nlohmann/json.hpp>
#include <random>
#include <string>

#include "store/postgresql/test_database.h"
#include "support/server_process.h"

namespace trellis {
namespace {

using nlohmann::json;
using testing::ServerProcess;

constexpr const char* kAdmin = "hr.lead@oakridge.example";  // the demo trust's (demo/plan.cc)
constexpr const char* kPassword = "trellis-demo-2026";
const std::string kTrust = "/api/v1/trusts/1";

struct Browser {
  std::string cookie;
  std::string csrf;
  httplib::Headers Headers() const { return {{"Cookie", cookie}, {"X-CSRF-Token", csrf}}; }
};

class TwoServers : public ::testing::Test {
 protected:
  void SetUp() override {
    auto server = store::postgresql::TestServer::FromEnvironment();
    ASSERT_TRUE(server) << server.error().message;
    if (!*server) GTEST_SKIP() << store::postgresql::TestServer::kNotConfigured;
    auto database = store::postgresql::TestDatabase::Create(**server);
    ASSERT_TRUE(database) << database.error().message;
    database_ = std::move(*database);
    dir_ = std::filesystem::temp_directory_path() /
           ("trellis-two-" + std::to_string(std::random_device{}()));
    std::filesystem::create_directories(dir_);
    const std::string log = (dir_ / "log.txt").string();
    ASSERT_EQ(testing::RunCli(database_->url(), "demo", log), 0) << Log();
    ASSERT_TRUE(a_.Start(database_->url(), log)) << Log();
    ASSERT_TRUE(b_.Start(database_->url(), log)) << Log();
  }
  void TearDown() override {
    a_.Kill();
    b_.Kill();
    database_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  std::string Log() const {
    std::ifstream file(dir_ / "log.txt");
    return std::string(std::istreambuf_iterator<char>(file), {});
  }

  static httplib::Client Client(const ServerProcess& server) {
    httplib::Client client("127.0.0.1", server.port());
    client.set_read_timeout(std::chrono::seconds(30));
    return client;
  }

  static httplib::Result SignIn(const ServerProcess& server, const std::string& password) {
    return Client(server).Post("/api/v1/session",
                               json{{"email", kAdmin}, {"password", password}}.dump(),
                               "application/json");
  }

  static Browser SignedIn(const ServerProcess& server) {
    auto r = SignIn(server, kPassword);
    if (!r || r->status != 200) throw std::runtime_error("sign-in failed");
    const std::string cookie = r->get_header_value("Set-Cookie");
    return {cookie.substr(0, cookie.find(';')), json::parse(r->body)["csrf_token"]};
  }

  std::unique_ptr<store::postgresql::TestDatabase> database_;
  std::filesystem::path dir_;
  ServerProcess a_;
  ServerProcess b_;
};

TEST_F(TwoServers, ASessionStartedOnOneServerWorksOnTheOtherUntilSignedOutOnEither) {
  const Browser browser = SignedIn(a_);
  auto on_b = Client(b_).Get("/api/v1/session", browser.Headers());
  ASSERT_TRUE(on_b);
  EXPECT_EQ(on_b->status, 200) << on_b->body;
  EXPECT_EQ(json::parse(on_b->body)["user"]["email"], kAdmin);

  // Signed out through B: A no longer knows the session either.
  auto out = Client(b_).Delete("/api/v1/session", browser.Headers());
  ASSERT_TRUE(out);
  EXPECT_EQ(out->status, 204);
  auto on_a = Client(a_).Get("/api/v1/session", browser.Headers());
  ASSERT_TRUE(on_a);
  EXPECT_EQ(on_a->status, 401);
}

TEST_F(TwoServers, WhatOneServerWritesTheOtherReads) {
  const Browser browser = SignedIn(a_);
  auto created = Client(a_).Post(
      kTrust + "/people",
      browser.Headers(),
      json{{"reference", "TWO-1"}, {"given_name", "Ada"}, {"family_name", "Both"}}.dump(),
      "application/json");
  ASSERT_TRUE(created);
  ASSERT_EQ(created->status, 201) << created->body;
  const int64_t id = json::parse(created->body)["id"];

  auto read = Client(b_).Get(kTrust + "/people/" + std::to_string(id), browser.Headers());
  ASSERT_TRUE(read);
  ASSERT_EQ(read->status, 200) << read->body;
  EXPECT_EQ(json::parse(read->body)["family_name"], "Both");

  // A change through B is what A reads next.
  auto changed = Client(b_).Patch(kTrust + "/people/" + std::to_string(id), browser.Headers(),
                                  json{{"family_name", "Either"}}.dump(), "application/json");
  ASSERT_TRUE(changed);
  ASSERT_EQ(changed->status, 200) << changed->body;
  auto again = Client(a_).Get(kTrust + "/people/" + std::to_string(id), browser.Headers());
  ASSERT_TRUE(again);
  EXPECT_EQ(json::parse(again->body)["family_name"], "Either");
}

TEST_F(TwoServers, FailedSignInsCountOnEveryServer) {
  // Five failures are free (access::SessionPolicy); spread over both servers, they count as
  // one series, so the sixth attempt is refused on either.
  for (int i = 0; i < 5; ++i) {
    auto r = SignIn(i % 2 == 0 ? a_ : b_, "not the password");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 401) << "attempt " << i;
  }
  auto on_b = SignIn(b_, "not the password");
  ASSERT_TRUE(on_b);
  EXPECT_EQ(on_b->status, 429);
  auto on_a = SignIn(a_, kPassword);  // even the right password must wait
  ASSERT_TRUE(on_a);
  EXPECT_EQ(on_a->status, 429);
}

TEST_F(TwoServers, TheSuccessionEngineOnOneServerSeesAChangeMadeThroughTheOther) {
  const Browser browser = SignedIn(a_);
  // B computes the dashboard and keeps it (http/answer_cache.h): the second asking is
  // served from what B kept.
  auto before = Client(b_).Get(kTrust + "/pipeline", browser.Headers());
  ASSERT_TRUE(before);
  ASSERT_EQ(before->status, 200) << before->body;
  auto kept = Client(b_).Get(kTrust + "/pipeline", browser.Headers());
  ASSERT_TRUE(kept);
  EXPECT_EQ(kept->body, before->body);
  EXPECT_EQ(json::parse(before->body)["settings"]["overload_plans"], 2);

  auto put = Client(a_).Put(kTrust + "/formula-settings", browser.Headers(),
                            json{{"overload_plans", 5}}.dump(), "application/json");
  ASSERT_TRUE(put);
  ASSERT_EQ(put->status, 200) << put->body;

  auto after = Client(b_).Get(kTrust + "/pipeline", browser.Headers());
  ASSERT_TRUE(after);
  ASSERT_EQ(after->status, 200) << after->body;
  EXPECT_EQ(json::parse(after->body)["settings"]["overload_plans"], 5);
  auto ranking = Client(b_).Get(kTrust + "/formula-settings", browser.Headers());
  ASSERT_TRUE(ranking);
  EXPECT_EQ(json::parse(ranking->body)["settings"]["overload_plans"], 5);
}

}  // namespace
}  // namespace trellis
