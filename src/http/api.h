#pragma once
// The HTTP API's shape: the route table (each route's method, path, permission and
// handler), the context a handler receives and the response it returns. Only src/http/
// knows HTTP; handlers call domain services and map records to JSON.

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "access/policy.h"
#include "access/sessions.h"
#include "core/clock.h"
#include "core/config.h"
#include "core/result.h"
#include "development/action_service.h"
#include "org/org_service.h"
#include "sso/single_sign_on.h"
#include "store/store.h"
#include "succession/plan_service.h"
#include "talent/review_service.h"
#include "talent/talent_service.h"

namespace trellis::http {

// What handlers may use. Owned by app/, which wires the concrete store.
struct Services {
  store::Store& store;
  const Clock& clock;
  org::OrgService& org;
  talent::TalentService& talent;
  talent::ReviewService& review;
  succession::PlanService& plans;
  development::ActionService& actions;
  access::Authenticator& auth;
  const Config& config;
  sso::SingleSignOn& sso;
};

struct Principal {
  access::User user;
  access::Session session;
  access::Scope scope;
  org::Actor actor;
  int64_t data_version = 0;  // read before anything else of the request (store.h)
};

struct Context {
  Services& services;
  std::string method;
  std::map<std::string, std::string> path;     // {trust_id} -> "3"
  std::multimap<std::string, std::string> query;
  std::string body;
  std::string content_type;
  std::string remote;
  std::string session_token;                   // from the cookie, may be empty
  std::string cookies;                         // the Cookie header, for other cookies
  std::optional<Principal> principal;          // set for every non-public route
  std::optional<TrustId> trust;                // set for routes under /trusts/{trust_id}
  std::vector<access::AuditEntry> reads;       // the reads recorded by RecordRead

  const Principal& who() const { return *principal; }
  const access::Scope& scope() const { return principal->scope; }
};

// Appends the audit entry of a confidential read and keeps it on the context: a route whose
// answer is kept for reuse (Reuse::kWhileDataUnchanged) records its reads only so, and each
// reuse appends them again, with the time and address of the request that reused it.
[[nodiscard]] Result<void> RecordRead(Context& ctx, access::AuditEntry entry);

// The day of the request, by the server's clock.
inline Date Today(const Context& ctx) { return ctx.services.clock.Today(); }

struct Response {
  int status = 200;
  std::string body;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;

  static Response Json(const nlohmann::json& value, int status = 200);
  static Response NoContent();
};

using Handler = std::function<Result<Response>(Context&)>;

// Whether a route's answer may be kept and served again (answer_cache.h). Only for a GET
// whose answer follows from the caller, the address, the day and the trust data alone (no
// audit log, sessions or clock time in it), and which records its reads with RecordRead.
enum class Reuse { kNever, kWhileDataUnchanged };

struct Route {
  std::string method;   // GET, POST, PATCH, DELETE
  std::string pattern;  // /api/v1/trusts/{trust_id}/schools/{school_id}
  access::Permission permission;
  std::string summary;  // one line, for the route list and error messages
  Handler handler;
  Reuse reuse = Reuse::kNever;
};

// Every route of the API. The authorisation test and the OpenAPI test walk this table.
const std::vector<Route>& Routes();

// The HTTP status of each error code: the one place that mapping lives.
int StatusOf(ErrorCode code);
nlohmann::json ErrorJson(const Error& error);

}  // namespace trellis::http
