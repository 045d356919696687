#pragma once
// A trellis instance for HTTP tests: a fresh SQLite file (or PostgreSQL database, when
// TRELLIS_TEST_HTTP_PG_STATE names a cluster), the demo trust, a second small
// trust ("Other Trust") with its own admin, and helpers that send requests through the
// server's dispatcher exactly as a browser would (cookie, CSRF header).

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "app/app.h"
#include "demo/demo.h"
#include "http/server.h"

namespace trellis::store::postgresql {
class TestDatabase;
}

namespace trellis::testing {

struct Reply {
  int status = 0;
  nlohmann::json json;  // null when the body is not JSON
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string Header(const std::string& name) const;
};

// A signed-in browser.
struct Browser {
  std::string cookie;  // "trellis_session=..."
  std::string csrf;
  nlohmann::json user;
};

class Instance {
 public:
  Instance();
  ~Instance();

  app::App& app() { return *app_; }
  http::Server& server() { return *server_; }
  const demo::DemoSummary& demo() const { return demo_; }
  TrustId demo_trust() const { return demo_.trust; }
  TrustId other_trust() const { return other_trust_; }
  static constexpr const char* kOtherAdmin = "admin@other.example";
  static constexpr const char* kPassword = "trellis-demo-2026";

  Reply Send(const std::string& method, const std::string& target, const Browser* as = nullptr,
             const std::string& body = "", bool with_csrf = true,
             const std::string& content_type = "application/json");
  Browser SignIn(const std::string& email, const std::string& password = kPassword);

  // Ids of real records in a trust, by kind ("school_id", "person_id", ...).
  std::map<std::string, int64_t> SampleIds(TrustId trust);

 private:
  std::filesystem::path dir_;
  std::unique_ptr<store::postgresql::TestDatabase> pg_database_;  // when on PostgreSQL
  std::unique_ptr<app::App> app_;
  std::unique_ptr<http::Server> server_;
  demo::DemoSummary demo_;
  TrustId other_trust_;
};

// One Instance for a whole test binary: the demo takes a second or two to build.
Instance& Shared();

// The demo trust's sign-ins by role (demo/plan.cc), and the API's path of the trust.
namespace demo_sign_in {
inline constexpr const char* kPlatformAdmin = "platform.admin@trellis.example";
inline constexpr const char* kTrustAdmin = "hr.lead@oakridge.example";
inline constexpr const char* kExecutive = "ceo@oakridge.example";
inline constexpr const char* kHeadteacher = "head.ashfield@oakridge.example";
inline constexpr const char* kLineManager = "line.manager@oakridge.example";
inline constexpr const char* kStaff = "teacher@oakridge.example";
inline constexpr const char* kGovernor = "governor@oakridge.example";
}  // namespace demo_sign_in

inline std::string DemoTrustPath(const Instance& instance) {
  return "/api/v1/trusts/" + std::to_string(instance.demo_trust().value());
}

// An id as a path segment, from a number or from the JSON of an answer.
inline std::string Str(int64_t id) { return std::to_string(id); }
inline std::string Str(const nlohmann::json& id) { return id.dump(); }

// The person a sign-in is linked to (its user's person_id).
inline int64_t PersonOf(const Browser& browser) { return browser.user["person_id"].get<int64_t>(); }

}  // namespace trellis::testing
