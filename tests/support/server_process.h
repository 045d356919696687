#pragma once
// A trellis server run as a real process on a loopback port (the `trellis` binary,
// TRELLIS_BINARY), and the command line run against a store, for tests that must not reach
// into the server: faults (tests/crash), several servers on one database (tests/postgres).

#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <thread>

namespace trellis::testing {

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

// Runs `trellis --store STORE ARGS` (ARGS as a shell would split them), with
// TRELLIS_PASSWORD set to `password`, its output appended to `output`; the exit code.
inline int RunCli(const std::string& store, const std::string& args, const std::string& output,
                  const std::string& password = "") {
  const std::string command = "TRELLIS_PASSWORD='" + password + "' " + TRELLIS_BINARY +
                              " --store '" + store + "' " + args + " >> '" + output + "' 2>&1";
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

class ServerProcess {
 public:
  ServerProcess() = default;
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;
  ~ServerProcess() { Kill(); }

  // Starts `trellis serve` on `store` (a --store value), its output appended to `log`, and
  // waits until it answers /readyz; false when it does not within ten seconds.
  bool Start(const std::string& store, const std::string& log) {
    using namespace std::chrono_literals;
    port_ = FreePort();
    const std::string port = std::to_string(port_);
    // The child's freopen would flush a copy of anything still buffered here.
    std::cout.flush();
    std::fflush(stdout);
    pid_ = ::fork();
    if (pid_ < 0) return false;
    if (pid_ == 0) {
      std::freopen(log.c_str(), "a", stdout);
      std::freopen(log.c_str(), "a", stderr);
      ::execl(TRELLIS_BINARY, "trellis", "--store", store.c_str(), "serve", "--port", port.c_str(),
              "--web-root", "", static_cast<char*>(nullptr));
      std::_Exit(127);
    }
    httplib::Client client("127.0.0.1", port_);
    for (int i = 0; i < 200; ++i) {
      if (auto r = client.Get("/readyz"); r && r->status == 200) return true;
      std::this_thread::sleep_for(50ms);
    }
    return false;
  }

  // SIGKILL: no chance to flush or finish anything.
  void Kill() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }

  int port() const { return port_; }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
};

}  // namespace trellis::testing
