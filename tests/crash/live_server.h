#pragma once
// A trellis server run as a real process on a loopback port, driven over real TCP, for the
// tests of faults (crash_test.cc) and of backup and restore (backup_test.cc): the test cannot
// reach into the server, which is the point. The store is a SQLite file in a fresh folder
// with one trust and its administrator; the tests use the `trellis` binary (TRELLIS_BINARY).

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

#include "support/server_process.h"

namespace trellis {

using nlohmann::json;
using namespace std::chrono_literals;

constexpr const char* kPassword = "a long and unusual phrase";
constexpr const char* kEmail = "hr@crash.example";

class LiveServer : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("trellis-live-" + std::to_string(std::random_device{}()));
    std::filesystem::create_directories(dir_);
    db_ = dir_ / "t.db";
    ASSERT_EQ(Cli("migrate"), 0);
    ASSERT_EQ(Cli("trust add --name 'Crash Trust'"), 0);
    ASSERT_EQ(Cli(std::string("user add --email ") + kEmail + " --name HR --role trust_admin"), 0);
  }
  void TearDown() override {
    Kill();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  int Cli(const std::string& args) {
    return testing::RunCli("sqlite:" + db_.string(), args, (dir_ / "cli.txt").string(), kPassword);
  }

  // Starts the server and waits until it answers /readyz.
  void Start() {
    ASSERT_TRUE(server_.Start("sqlite:" + db_.string(), (dir_ / "server.log").string()))
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

  // PRAGMA integrity_check on the file (the store's, by default), with no server on it.
  std::string IntegrityCheck(const std::filesystem::path& file = {}) {
    const std::filesystem::path path = file.empty() ? db_ : file;
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

  std::filesystem::path dir_;
  std::filesystem::path db_;
  testing::ServerProcess server_;
  int port_ = 0;
};

}  // namespace trellis
