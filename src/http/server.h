#pragma once
// The HTTP server: one dispatcher in front of the route table. For every request it finds
// the route, authenticates the session, checks CSRF on state-changing methods, checks the
// role's permission and the trust in the path against the caller's scope — in that order
// and only here — then runs the handler and maps its result to a status and JSON body.

#include <atomic>
#include <memory>
#include <string>

#include "http/api.h"

namespace trellis::http {

class Server {
 public:
  explicit Server(Services services);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the configured address and port (port 0 picks a free one); returns the bound port.
  [[nodiscard]] Result<int> Bind();
  // Serves until Stop(); blocks the calling thread.
  void Run();
  void Stop();

  // Handles one request without a socket (used by Run and by tests).
  struct Request {
    std::string method;
    std::string path;
    std::multimap<std::string, std::string> query;
    std::string body;
    std::string content_type;
    std::string cookie;       // the Cookie header
    std::string csrf_token;   // the X-CSRF-Token header
    std::string remote;
  };
  Response Handle(const Request& request);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace trellis::http
