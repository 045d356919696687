// The authorisation test, generated from the route table: every route is tried by nobody,
// by every role of the demo trust, and by the administrator of another trust. A route added
// later is covered without touching this file.

#include <gtest/gtest.h>

#include "access/policy.h"
#include "http/api.h"
#include "http/fixture.h"

namespace trellis::testing {
namespace {

using access::Permission;

std::string Fill(std::string pattern, const std::map<std::string, int64_t>& ids) {
  for (const auto& [name, id] : ids) {
    const std::string key = "{" + name + "}";
    for (auto pos = pattern.find(key); pos != std::string::npos; pos = pattern.find(key))
      pattern.replace(pos, key.size(), std::to_string(id));
  }
  for (auto pos = pattern.find("{kind}"); pos != std::string::npos; pos = pattern.find("{kind}"))
    pattern.replace(pos, 6, "people");
  return pattern;
}

std::string Describe(const http::Route& r) { return r.method + " " + r.pattern; }

// A body that is well-formed JSON but can never be applied, so that allowed writes stop at
// validation and the test changes nothing.
std::string HarmlessBody(const http::Route& route) {
  if (route.pattern.find("/imports/") != std::string::npos) return "";  // an empty file
  return R"({"no_such_field": true})";
}

bool Skip(const http::Route& route) {
  // Signing in and out are exercised by their own tests; here they would end the sessions.
  return route.pattern == "/api/v1/session" && route.method != "GET";
}

TEST(Authorisation, NobodySignedInGetsOnlyPublicRoutes) {
  auto& instance = Shared();
  const auto ids = instance.SampleIds(instance.demo_trust());
  for (const auto& route : http::Routes()) {
    if (Skip(route)) continue;
    auto reply = instance.Send(route.method, Fill(route.pattern, ids), nullptr, HarmlessBody(route));
    if (route.permission == Permission::kPublic)
      EXPECT_NE(reply.status, 401) << Describe(route);
    else
      EXPECT_EQ(reply.status, 401) << Describe(route) << " " << reply.body;
  }
}

TEST(Authorisation, EveryRoleGetsExactlyWhatItsPermissionsAllow) {
  auto& instance = Shared();
  const auto ids = instance.SampleIds(instance.demo_trust());
  for (const auto& sign_in : instance.demo().sign_ins) {
    auto browser = instance.SignIn(sign_in.email, sign_in.password);
    for (const auto& route : http::Routes()) {
      if (Skip(route)) continue;
      const std::string target = Fill(route.pattern, ids);
      auto reply = instance.Send(route.method, target, &browser, HarmlessBody(route));
      SCOPED_TRACE(sign_in.email + " " + route.method + " " + target + " -> " +
                   std::to_string(reply.status) + " " + reply.body.substr(0, 200));
      EXPECT_LT(reply.status, 500);
      EXPECT_NE(reply.status, 401);
      if (!access::RoleAllows(sign_in.role, route.permission)) {
        EXPECT_EQ(reply.status, 403);
      } else {
        EXPECT_NE(reply.status, 403);
        // Allowed writes reach validation and are refused there: nothing changes.
        if (route.method != "GET") {
          EXPECT_TRUE(reply.status == 400 || reply.status == 422 || reply.status == 404);
        }
      }
    }
  }
}

TEST(Authorisation, StateChangingRoutesRefuseRequestsWithoutTheCsrfToken) {
  auto& instance = Shared();
  const auto ids = instance.SampleIds(instance.demo_trust());
  auto admin = instance.SignIn("hr.lead@oakridge.example");
  for (const auto& route : http::Routes()) {
    if (route.method == "GET" || route.permission == Permission::kPublic) continue;
    auto reply = instance.Send(route.method, Fill(route.pattern, ids), &admin, HarmlessBody(route),
                               /*with_csrf=*/false);
    EXPECT_EQ(reply.status, 403) << Describe(route);
  }
}

TEST(Authorisation, AnotherTrustsRecordsDoNotExistForYou) {
  auto& instance = Shared();
  const auto demo_ids = instance.SampleIds(instance.demo_trust());
  const auto other_ids = instance.SampleIds(instance.other_trust());
  auto outsider = instance.SignIn(Instance::kOtherAdmin);
  auto insider = instance.SignIn("hr.lead@oakridge.example");
  for (const auto& route : http::Routes()) {
    if (Skip(route) || route.pattern.find("{trust_id}") == std::string::npos) continue;
    // The other trust's admin, at the demo trust's addresses.
    auto reply = instance.Send(route.method, Fill(route.pattern, demo_ids), &outsider, HarmlessBody(route));
    EXPECT_EQ(reply.status, 404) << "outsider: " << Describe(route) << " " << reply.body;
    // The demo trust's admin, at the demo trust's address but another trust's record ids.
    if (route.pattern.find("_id}", route.pattern.find("{trust_id}") + 10) == std::string::npos) continue;
    auto mixed = other_ids;
    mixed["trust_id"] = instance.demo_trust().value();
    reply = instance.Send(route.method, Fill(route.pattern, mixed), &insider, HarmlessBody(route));
    EXPECT_EQ(reply.status, 404) << "insider with a foreign id: " << Describe(route) << " " << reply.body;
  }
}

}  // namespace
}  // namespace trellis::testing
