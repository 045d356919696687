#pragma once
// A trellis server run as a real process on a loopback port, driven over real TCP, for the
// tests of faults (crash_test.cc) and of backup and restore (backup_test.cc): the test cannot
// reach into the server, which is the point. The store is a SQLite file in a fresh folder
// with one trust and its administrator; the tests use the `trellis` binary (TRELLIS_BINARY).

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>

namespace trellis {

using nlohmann::json;
using namespace std::chrono_literals;

constexpr const char* kPassword = "a long and unusual phrase";
constexpr const char* kEmail = "hr@crash.example";

// A port nobody is listening on now (the kernel's choice for port 0).
inline int FreePort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  ::close(fd);
  return ntohs(address.sin_port);
}

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
    const std::string command = std::string("TRELLIS_PASSWORD='") + kPassword + "' " + TRELLIS_BINARY +
                                " --store sqlite:" + db_.string() + " " + args + " > " +
                                (dir_ / "cli.txt").string() + " 2>&1";
    const int status = std::system(command.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

  // Starts the server and waits until it answers /readyz.
  void Start() {
    port_ = FreePort();
    const std::string store = "sqlite:" + db_.string();
    const std::string port = std::to_string(port_);
    const std::string log = (dir_ / "server.log").string();
    // The child's freopen would flush a copy of anything still buffered here.
    std::cout.flush();
    std::fflush(stdout);
    pid_ = ::fork();
    ASSERT_GE(pid_, 0);
    if (pid_ == 0) {
      std::freopen(log.c_str(), "a", stdout);
      std::freopen(log.c_str(), "a", stderr);
      ::execl(TRELLIS_BINARY, "trellis", "--store", store.c_str(), "serve", "--port", port.c_str(),
              "--web-root", "", static_cast<char*>(nullptr));
      std::_Exit(127);
    }
    httplib::Client client("127.0.0.1", port_);
    for (int i = 0; i < 200; ++i) {
      if (auto r = client.Get("/readyz"); r && r->status == 200) return;
      std::this_thread::sleep_for(50ms);
    }
    FAIL() << "the server did not become ready";
  }

  void Kill() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }

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
  pid_t pid_ = -1;
  int port_ = 0;
};

}  // namespace trellis
