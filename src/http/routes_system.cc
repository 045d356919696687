// Health, readiness, the API description, sessions and reference data.

#include "access/users.h"
#include "development/action.h"
#include "http/input.h"
#include "http/openapi.h"
#include "http/routes.h"
#include "http/session_cookie.h"
#include "org/validation.h"
#include "succession/plan.h"
#include "succession/role_group.h"
#include "talent/nine_box.h"

namespace trellis::http {
namespace {

using access::Permission;
using nlohmann::json;

Result<Response> Health(Context&) { return Response::Json({{"status", "ok"}}); }

Result<Response> Ready(Context& ctx) {
  TRY(ctx.services.store.Ping());
  return Response::Json({{"status", "ready"}});
}

Result<Response> OpenApi(Context&) {
  Response r;
  r.body = std::string(OpenApiDocument());
  return r;
}

json SessionJson(const access::User& user, const access::Session& session) {
  return {{"user", access::ToJson(user)},
          {"csrf_token", session.csrf_token},
          {"expires_at", ToIso(session.expires_at)}};
}

Result<Response> SignIn(Context& ctx) {
  auto body = TRY(ParseObject(ctx));
  FieldReader reader(body, FieldReader::Mode::kCreate);
  std::string email, password;
  reader.Text("email", email, true);
  reader.Text("password", password, true);
  TRY(reader.Finish());
  auto signed_in = TRY(ctx.services.auth.SignIn(email, password, ctx.remote));
  TRY(StartedSession(ctx, signed_in));
  auto response = Response::Json(SessionJson(signed_in.user, signed_in.session));
  response.headers.emplace_back("Set-Cookie", SessionCookie(ctx, signed_in.token, false));
  return response;
}

Result<Response> CurrentSession(Context& ctx) {
  return Response::Json(SessionJson(ctx.who().user, ctx.who().session));
}

Result<Response> SignOut(Context& ctx) {
  TRY(ctx.services.auth.SignOut(ctx.session_token));
  TRY(ctx.services.store.Append({.at = ctx.services.clock.Now(),
                                 .trust = ctx.who().user.trust,
                                 .user = ctx.who().user.id,
                                 .actor = ctx.who().user.email,
                                 .action = "sign_out",
                                 .entity = "user",
                                 .entity_id = std::to_string(ctx.who().user.id.value()),
                                 .remote = ctx.remote}));
  auto response = Response::NoContent();
  response.headers.emplace_back("Set-Cookie", SessionCookie(ctx, "", true));
  return response;
}

template <typename E>
json CodesAndLabels() {
  json out = json::array();
  for (const auto& n : EnumNames<E>()) out.push_back({{"code", n.code}, {"label", n.label}});
  return out;
}

Result<Response> Reference(Context&) {
  json stages = json::array();
  for (const auto& s : org::CareerStages())
    stages.push_back(
        {{"code", s.code}, {"label", s.label}, {"rung", s.rung}, {"governance", s.governance}});
  json census = json::array();
  for (auto role : org::WorkforceCensusRoles()) census.push_back(role);
  return Response::Json({{"career_stages", stages},
                         {"role_families", CodesAndLabels<org::RoleFamily>()},
                         {"body_kinds", CodesAndLabels<org::BodyKind>()},
                         {"membership_roles", CodesAndLabels<org::MembershipRole>()},
                         {"contract_types", CodesAndLabels<org::ContractType>()},
                         {"roles", CodesAndLabels<access::Role>()},
                         {"review_cycle_statuses", CodesAndLabels<talent::CycleStatus>()},
                         {"meeting_levels", CodesAndLabels<talent::MeetingLevel>()},
                         {"movement_directions", CodesAndLabels<talent::Direction>()},
                         {"readiness", CodesAndLabels<succession::Readiness>()},
                         {"impacts_of_loss", CodesAndLabels<succession::ImpactOfLoss>()},
                         {"risks_of_loss", CodesAndLabels<succession::RiskOfLoss>()},
                         {"departure_windows", CodesAndLabels<succession::DepartureWindow>()},
                         {"forums", CodesAndLabels<succession::Forum>()},
                         {"role_groups", CodesAndLabels<succession::RoleGroup>()},
                         {"action_kinds", CodesAndLabels<development::ActionKind>()},
                         {"action_statuses", CodesAndLabels<development::ActionStatus>()},
                         {"action_sources", CodesAndLabels<development::ActionSource>()},
                         {"workforce_census_roles", census}});
}

}  // namespace

std::vector<Route> SystemRoutes() {
  return {
      {"GET", "/healthz", Permission::kPublic, "The process is up", Health},
      {"GET", "/readyz", Permission::kPublic, "The store answers", Ready},
      {"GET", "/api/v1/openapi.json", Permission::kPublic, "This API as OpenAPI 3", OpenApi},
      {"POST", "/api/v1/session", Permission::kPublic, "Sign in", SignIn},
      {"GET", "/api/v1/session", Permission::kSignedIn, "The current session", CurrentSession},
      {"DELETE", "/api/v1/session", Permission::kSignedIn, "Sign out", SignOut},
      {"GET", "/api/v1/reference", Permission::kSignedIn, "Reference data and code lists", Reference},
  };
}

}  // namespace trellis::http
