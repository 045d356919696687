#pragma once
// A trellis server run as a real process on a loopback port, driven over real TCP, for the
// tests of faults (crash_test.cc) and of backup and restore (backup_test.cc): the test cannot
// reach into the server, which is the point. Each test runs on both databases (the
// parameter): a SQLite file in a fresh folder, and a fresh database on the throwaway
// PostgreSQL cluster CTest starts; either holds one trust and its administrator. The tests
// use the `trellis` binary (TRELLIS_BINARY).

#include <gtest/gtest.h>
#include <httplib.h>
#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "app/app.h"
#include "store/postgresql/connection.h"
#include "store/postgresql/test_database.h"
#include "support/server_process.h"

namespace trellis {

using nlohmann::json;
using namespace std::chrono_literals;

constexpr const char* kPassword = "a long and unusual phrase";
constexpr const char* kEmail = "hr@crash.example";

enum class Database { kSqlite, kPostgresql };

inline std::string DatabaseName(const ::testing::TestParamInfo<Database>& info) {
  return info.param == Database::kSqlite ? "Sqlite" : "Postgresql";
}

class LiveServer : public ::testing::TestWithParam<Database> {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("trellis-live-" + std::to_string(std::random_device{}()));
    std::filesystem::create_directories(dir_);
    // The servers journal the records of reads on PostgreSQL too (beside a SQLite file they
    // would anyway): what a killed server left there is the next one's to move.
    setenv("TRELLIS_READ_JOURNAL", (dir_ / "reads").c_str(), 1);
    if (GetParam() == Database::kSqlite) {
      store_ = "sqlite:" + (dir_ / "t.db").string();
    } else {
      auto server = store::postgresql::TestServer::FromEnvironment();
      ASSERT_TRUE(server) << server.error().message;
      if (!*server) GTEST_SKIP() << store::postgresql::TestServer::kNotConfigured;
      pg_database_ = NewPostgresqlDatabase();
      store_ = pg_database_->url();
    }
    ASSERT_EQ(Cli("migrate"), 0);
    ASSERT_EQ(Cli("trust add --name 'Crash Trust'"), 0);
    ASSERT_EQ(Cli(std::string("user add --email ") + kEmail + " --name HR --role trust_admin"), 0);
  }
  void TearDown() override {
    Kill();
    scratch_.clear();
    pg_database_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  bool OnSqlite() const { return GetParam() == Database::kSqlite; }

  // Another fresh PostgreSQL database on the test cluster, dropped with the test.
  std::unique_ptr<store::postgresql::TestDatabase> NewPostgresqlDatabase() {
    auto server = store::postgresql::TestServer::FromEnvironment();
    if (!server || !*server) throw std::runtime_error("no PostgreSQL test server");
    auto database = store::postgresql::TestDatabase::Create(**server);
    if (!database) throw std::runtime_error(database.error().message);
    return std::move(*database);
  }

  // `trellis --store STORE ARGS` on the test's store (or `store`); the exit code.
  int Cli(const std::string& args, const std::string& store = "") {
    return testing::RunCli(store.empty() ? store_ : store, args, (dir_ / "cli.txt").string(),
                           kPassword);
  }

  // Starts the server and waits until it answers /readyz.
  void Start() {
    ASSERT_TRUE(server_.Start(store_, (dir_ / "server.log").string()))
        << "the server did not become ready";
    port_ = server_.port();
  }

  void Kill() { server_.Kill(); }

  struct Signed {
    std::string cookie;
    std::string csrf;
  };
  Signed SignIn() {
    httplib::Client client("127.0.0.1", port_);
    auto r = client.Post("/api/v1/session", json{{"email", kEmail}, {"password", kPassword}}.dump(),
                         "application/json");
    if (!r || r->status != 200) throw std::runtime_error("sign-in failed");
    std::string cookie = r->get_header_value("Set-Cookie");
    return {cookie.substr(0, cookie.find(';')), json::parse(r->body)["csrf_token"]};
  }
  httplib::Headers HeadersOf(const Signed& s) {
    return {{"Cookie", s.cookie}, {"X-CSRF-Token", s.csrf}};
  }

  // Every staff reference in the store, read through the API after a restart (the people
  // export: one read, whatever the size).
  std::set<std::string> References(const Signed& s) {
    httplib::Client client("127.0.0.1", port_);
    client.set_read_timeout(60s);
    auto r = client.Get("/api/v1/trusts/1/exports/people", HeadersOf(s));
    if (!r || r->status != 200) throw std::runtime_error("exporting people failed");
    std::set<std::string> refs;
    std::istringstream lines(r->body);
    std::string line;
    std::getline(lines, line);  // the header
    while (std::getline(lines, line))
      if (!line.empty()) refs.insert(line.substr(0, line.find(',')));
    return refs;
  }

  // The store's own check that its files are sound, with no server on it: SQLite's
  // PRAGMA integrity_check of `file` (the store's, by default); on PostgreSQL, amcheck's
  // verification of every index of the store's tables against the table (the server itself
  // was never killed, so this checks what trellis left). "ok" when sound.
  std::string IntegrityCheck(const std::filesystem::path& file = {}) {
    if (!OnSqlite()) return PostgresqlIntegrityCheck();
    const std::filesystem::path path = file.empty() ? std::filesystem::path(store_.substr(7)) : file;
    sqlite3* db = nullptr;
    std::string verdict = "cannot open";
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
      sqlite3_stmt* stmt = nullptr;
      if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &stmt, nullptr) == SQLITE_OK &&
          sqlite3_step(stmt) == SQLITE_ROW)
        verdict = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
      sqlite3_finalize(stmt);
    }
    sqlite3_close(db);
    return verdict;
  }

  std::string PostgresqlIntegrityCheck() {
    auto connection = store::postgresql::PgConnection::Open(store_);
    if (!connection) return connection.error().message;
    auto& c = **connection;
    if (auto made = c.Exec("CREATE EXTENSION IF NOT EXISTS amcheck"); !made)
      return made.error().message;
    int64_t checked = 0;
    auto done = c.Query(
        "SELECT bt_index_parent_check(i.indexrelid, true) IS NULL FROM pg_index i "
        "JOIN pg_class t ON t.oid = i.indrelid JOIN pg_am a ON a.oid = "
        "(SELECT relam FROM pg_class WHERE oid = i.indexrelid) "
        "WHERE t.relnamespace = current_schema()::regnamespace AND a.amname = 'btree'",
        {}, [&](const store::sql::Cursor&) -> Result<void> {
          ++checked;
          return Ok();
        });
    if (!done) return done.error().message;
    return checked > 0 ? "ok" : "no index was checked";
  }

  // Every staff reference of the test's trust in a store (the test's, by default, or a
  // backup restored elsewhere), read with no server on it.
  std::set<std::string> StoredReferences(const std::string& store = "") {
    auto opened = app::OpenStore(store.empty() ? store_ : store, Config{}.sqlite_cache_mb);
    if (!opened) throw std::runtime_error(opened.error().message);
    store::PersonFilter filter{.trust = TrustId(1), .include_leavers = true,
                               .page = store::kEveryRow};
    auto people = (*opened)->ListPeople(filter);
    if (!people) throw std::runtime_error(people.error().message);
    std::set<std::string> refs;
    for (const auto& person : people->items) refs.insert(person.reference);
    return refs;
  }

  // The references in a backup file: SQLite's copy is a store file itself; PostgreSQL's is
  // restored into a scratch database first.
  std::set<std::string> ReferencesInBackup(const std::filesystem::path& backup) {
    if (OnSqlite()) return StoredReferences("sqlite:" + backup.string());
    scratch_.push_back(NewPostgresqlDatabase());
    const std::string scratch = scratch_.back()->url();
    if (Cli("restore --yes " + backup.string(), scratch) != 0)
      throw std::runtime_error("the backup does not restore");
    return StoredReferences(scratch);
  }

  std::filesystem::path dir_;
  std::string store_;  // the --store of the test's store
  std::unique_ptr<store::postgresql::TestDatabase> pg_database_;
  std::vector<std::unique_ptr<store::postgresql::TestDatabase>> scratch_;
  testing::ServerProcess server_;
  int port_ = 0;
};

}  // namespace trellis
