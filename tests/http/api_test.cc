// HTTP behaviour of the API through the dispatcher: sessions, errors, validation, scope,
// pagination, audit and imports; and, over a real socket, headers and limits.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <thread>

#include "http/fixture.h"

namespace trellis::testing {
namespace {

using nlohmann::json;

std::string T(const Instance& i) { return "/api/v1/trusts/" + std::to_string(i.demo_trust().value()); }

TEST(Api, HealthAndReadiness) {
  auto& i = Shared();
  EXPECT_EQ(i.Send("GET", "/healthz").status, 200);
  EXPECT_EQ(i.Send("GET", "/readyz").json["status"], "ready");
}

TEST(Api, SignInSetsAStrictHttpOnlyCookieAndSignOutEndsTheSession) {
  auto& i = Shared();
  auto reply = i.Send("POST", "/api/v1/session", nullptr,
                      json{{"email", "teacher@oakridge.example"}, {"password", Instance::kPassword}}.dump());
  ASSERT_EQ(reply.status, 200) << reply.body;
  const std::string cookie = reply.Header("Set-Cookie");
  EXPECT_THAT(cookie, ::testing::HasSubstr("HttpOnly"));
  EXPECT_THAT(cookie, ::testing::HasSubstr("SameSite=Strict"));
  EXPECT_EQ(reply.json["user"]["role"], "staff");
  EXPECT_FALSE(reply.json["user"].contains("password_hash"));

  auto browser = i.SignIn("teacher@oakridge.example");
  EXPECT_EQ(i.Send("GET", "/api/v1/session", &browser).status, 200);
  EXPECT_EQ(i.Send("DELETE", "/api/v1/session", &browser).status, 204);
  EXPECT_EQ(i.Send("GET", "/api/v1/session", &browser).status, 401);
}

TEST(Api, WrongPasswordsAreRefusedInOneShapeThenRateLimited) {
  auto& i = Shared();
  const std::string body = json{{"email", "nobody@nowhere.example"}, {"password", "wrong wrong wrong"}}.dump();
  auto first = i.Send("POST", "/api/v1/session", nullptr, body);
  EXPECT_EQ(first.status, 401);
  EXPECT_EQ(first.json["error"]["code"], "unauthenticated");
  int last = 0;
  for (int n = 0; n < 10; ++n) last = i.Send("POST", "/api/v1/session", nullptr, body).status;
  EXPECT_EQ(last, 429);
}

TEST(Api, BadInputGetsFieldLevelDetailsNeverA500) {
  auto& i = Shared();
  auto admin = i.SignIn("hr.lead@oakridge.example");
  auto malformed = i.Send("POST", T(i) + "/schools", &admin, "{not json");
  EXPECT_EQ(malformed.status, 400);
  EXPECT_EQ(malformed.json["error"]["code"], "invalid_input");

  auto invalid = i.Send("POST", T(i) + "/schools", &admin,
                        json{{"urn", 12}, {"name", ""}, {"postcode", "nope"}, {"colour", "red"}}.dump());
  ASSERT_EQ(invalid.status, 422) << invalid.body;
  std::set<std::string> fields;
  for (const auto& d : invalid.json["error"]["details"]) fields.insert(d["field"]);
  EXPECT_EQ(fields, (std::set<std::string>{"urn", "name", "postcode", "colour"}));

  auto form = i.Send("POST", "/api/v1/session", nullptr, "email=a%40b.org&password=x", true,
                     "application/x-www-form-urlencoded");
  EXPECT_EQ(form.status, 400) << "a cross-site form must not be able to sign anyone in";

  auto wrong_type = i.Send("POST", T(i) + "/people", &admin, json{{"reference", 5}}.dump());
  EXPECT_EQ(wrong_type.status, 422);

  auto bad_query = i.Send("GET", T(i) + "/people?limit=100000", &admin);
  EXPECT_EQ(bad_query.status, 400);
  EXPECT_EQ(i.Send("GET", T(i) + "/people?stage=wizard", &admin).status, 400);
  EXPECT_EQ(i.Send("GET", T(i) + "/people/abc", &admin).status, 404);
  EXPECT_EQ(i.Send("GET", "/api/v1/nothing-here", &admin).status, 404);
}

TEST(Api, CreatesUpdatesAndAuditsARecordWithConflictsRefused) {
  // Its own instance: it adds a school, which the dashboard and report tests count.
  Instance i;
  auto admin = i.SignIn("hr.lead@oakridge.example");
  json school = {{"urn", 654321}, {"name", "Brookside Infant Academy"}, {"phase", "Primary"}, {"postcode", "LS6 2AB"}};
  auto created = i.Send("POST", T(i) + "/schools", &admin, school.dump());
  ASSERT_EQ(created.status, 201) << created.body;
  const int64_t id = created.json["id"];
  EXPECT_EQ(i.Send("POST", T(i) + "/schools", &admin, school.dump()).status, 409);

  auto changed = i.Send("PATCH", T(i) + "/schools/" + std::to_string(id), &admin, json{{"pupils", 210}}.dump());
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(changed.json["pupils"], 210);
  EXPECT_EQ(changed.json["name"], "Brookside Infant Academy");

  auto audit = i.Send("GET", T(i) + "/audit?entity=school&entity_id=" + std::to_string(id), &admin);
  ASSERT_EQ(audit.status, 200);
  ASSERT_EQ(audit.json["total"], 2);
  const auto& update = audit.json["items"][0];
  EXPECT_EQ(update["action"], "update");
  EXPECT_EQ(update["actor"], "hr.lead@oakridge.example");
  EXPECT_TRUE(update["before"]["pupils"].is_null());
  EXPECT_EQ(update["after"]["pupils"], 210);
}

TEST(Api, TheAuditLogExportsAsAFileAndTheExportIsItselfOnTheRecord) {
  auto& i = Shared();
  auto admin = i.SignIn("hr.lead@oakridge.example");
  auto csv = i.Send("GET", T(i) + "/audit/export?action=sign_in", &admin);
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.Header("Content-Disposition"), "attachment; filename=\"audit-log.csv\"");
  EXPECT_NE(csv.body.find("id,at,actor,user_id,action,entity,entity_id,remote,before,after"),
            std::string::npos);
  EXPECT_NE(csv.body.find(",hr.lead@oakridge.example,"), std::string::npos);
  // Filtered: only sign-ins.
  EXPECT_EQ(csv.body.find(",create,"), std::string::npos);

  auto taken = i.Send("GET", T(i) + "/audit?entity=audit_log&action=read", &admin);
  ASSERT_EQ(taken.status, 200);
  ASSERT_GE(taken.json["total"].get<int>(), 1);
  EXPECT_EQ(taken.json["items"][0]["entity_id"], "export");
  EXPECT_EQ(taken.json["items"][0]["after"]["action"], "sign_in");

  auto xlsx = i.Send("GET", T(i) + "/audit/export?format=xlsx", &admin);
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");  // a zip: an XLSX workbook
  EXPECT_EQ(i.Send("GET", T(i) + "/audit/export?format=pdf", &admin).status, 400);
  // Only those who may read the log may take it.
  auto ceo = i.SignIn("ceo@oakridge.example");
  EXPECT_EQ(i.Send("GET", T(i) + "/audit/export", &ceo).status, 403);
}

TEST(Api, ListsPage) {
  auto& i = Shared();
  auto admin = i.SignIn("hr.lead@oakridge.example");
  auto first = i.Send("GET", T(i) + "/people?limit=10&offset=0", &admin);
  auto second = i.Send("GET", T(i) + "/people?limit=10&offset=10", &admin);
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(first.json["items"].size(), 10u);
  EXPECT_GT(first.json["total"].get<int>(), 500);
  EXPECT_NE(first.json["items"][0]["id"], second.json["items"][0]["id"]);
}

TEST(Api, AHeadteacherSeesTheirOwnSchoolOnly) {
  auto& i = Shared();
  auto head = i.SignIn("head.ashfield@oakridge.example");
  auto admin = i.SignIn("hr.lead@oakridge.example");
  auto schools = i.Send("GET", T(i) + "/schools", &head);
  ASSERT_EQ(schools.status, 200);
  int64_t ashfield = 0, other = 0;
  for (const auto& s : schools.json["items"]) (s["name"] == "Ashfield Primary Academy" ? ashfield : other) = s["id"];
  ASSERT_GT(ashfield, 0);

  auto people = i.Send("GET", T(i) + "/people?limit=500", &head);
  ASSERT_EQ(people.status, 200);
  auto everyone = i.Send("GET", T(i) + "/people?limit=1", &admin);
  EXPECT_LT(people.json["total"].get<int>(), everyone.json["total"].get<int>() / 4);
  for (const auto& p : people.json["items"]) {
    bool at_ashfield = false;
    for (const auto& post : p["posts"]) at_ashfield = at_ashfield || post["school_id"] == ashfield;
    bool governor = p["stage"] == "lgb_member" || p["stage"] == "board_member";
    EXPECT_TRUE(at_ashfield || governor || p["posts"].empty()) << p.dump();
  }
  // Someone at another school is, for the headteacher, not there at all.
  auto elsewhere = i.Send("GET", T(i) + "/people?limit=1&school_id=" + std::to_string(other), &admin);
  const auto stranger = elsewhere.json["items"][0]["id"].get<int64_t>();
  EXPECT_EQ(i.Send("GET", T(i) + "/people/" + std::to_string(stranger), &head).status, 404);
  EXPECT_EQ(i.Send("GET", T(i) + "/people/" + std::to_string(stranger), &admin).status, 200);
  // And their figures are their school's.
  auto overview = i.Send("GET", T(i) + "/overview", &head);
  EXPECT_EQ(overview.json["scope"], "schools");
}

TEST(Api, StaffSeeThemselves) {
  auto& i = Shared();
  auto teacher = i.SignIn("teacher@oakridge.example");
  auto people = i.Send("GET", T(i) + "/people", &teacher);
  ASSERT_EQ(people.status, 200);
  const auto self = teacher.user["person_id"].get<int64_t>();
  auto me = i.Send("GET", T(i) + "/people/" + std::to_string(self), &teacher);
  ASSERT_EQ(me.json["line_managers"].size(), 1u);
  // Themselves and the one who line-manages them; nobody else.
  ASSERT_EQ(people.json["total"], 2);
  std::set<int64_t> ids;
  for (const auto& p : people.json["items"]) ids.insert(p["id"].get<int64_t>());
  EXPECT_EQ(ids, (std::set<int64_t>{self, me.json["line_managers"][0]["person_id"].get<int64_t>()}));
  // The manager's page shows nothing of the manager's other reports or posts.
  auto manager = i.Send("GET", T(i) + "/people/" + me.json["line_managers"][0]["person_id"].dump(), &teacher);
  ASSERT_EQ(manager.status, 200);
  for (const auto& r : manager.json["reports"]) EXPECT_EQ(r["person_id"], self);
  EXPECT_TRUE(manager.json["posts"].empty());
  EXPECT_EQ(i.Send("GET", T(i) + "/overview", &teacher).json["scope"], "self");
  EXPECT_EQ(i.Send("GET", T(i) + "/users", &teacher).status, 403);
}

TEST(Api, ALineManagerSeesTheirReports) {
  auto& i = Shared();
  auto manager = i.SignIn("line.manager@oakridge.example");
  auto me = i.Send("GET", T(i) + "/people/" + std::to_string(manager.user["person_id"].get<int64_t>()), &manager);
  ASSERT_EQ(me.status, 200) << me.body;
  ASSERT_FALSE(me.json["reports"].empty());
  auto people = i.Send("GET", T(i) + "/people?limit=500", &manager);
  EXPECT_EQ(people.json["total"].get<size_t>(),
            me.json["reports"].size() + me.json["line_managers"].size() + 1);
  // Links among people the manager may see, and no further (not their reports' reports).
  auto links = i.Send("GET", T(i) + "/line-links?limit=500", &manager);
  std::set<int64_t> visible;
  for (const auto& p : people.json["items"]) visible.insert(p["id"].get<int64_t>());
  for (const auto& l : links.json["items"]) {
    EXPECT_TRUE(visible.contains(l["manager_id"].get<int64_t>())) << l.dump();
    EXPECT_TRUE(visible.contains(l["report_id"].get<int64_t>())) << l.dump();
  }
}

TEST(Api, TheOverviewCountsTheWholeTrustForItsAdmin) {
  auto& i = Shared();
  auto admin = i.SignIn("hr.lead@oakridge.example");
  auto overview = i.Send("GET", T(i) + "/overview", &admin);
  ASSERT_EQ(overview.status, 200);
  EXPECT_GE(overview.json["schools"].size(), 8u);
  EXPECT_EQ(overview.json["key_posts"]["key_posts"], i.demo().key_posts);
  int64_t headcount = 0;
  for (const auto& cell : overview.json["headcount"]) headcount += cell["people"].get<int64_t>();
  EXPECT_GT(headcount, 500);
}

TEST(Api, ABadImportWritesNothingAndReportsEveryProblem) {
  auto& i = Shared();
  auto admin = i.SignIn("hr.lead@oakridge.example");
  const auto before = i.Send("GET", T(i) + "/people?limit=1&include_leavers=true", &admin).json["total"];
  const std::string bad =
      "reference,given_name,family_name,email,stage,joined_trust\n"
      "NEW1,Ada,Lovelace,ada@example.org,teacher,2020-09-01\n"
      "NEW2,Bob,,bob@example.org,teacher,2020-13-01\n"
      "NEW1,Cy,Twice,cy@example.org,wizard,2020-09-01\n";
  auto reply = i.Send("POST", T(i) + "/imports/people", &admin, bad);
  ASSERT_EQ(reply.status, 422) << reply.body;
  EXPECT_GE(reply.json["error"]["details"].size(), 4u);
  for (const auto& d : reply.json["error"]["details"]) EXPECT_TRUE(d.contains("row")) << d.dump();
  EXPECT_EQ(i.Send("GET", T(i) + "/people?limit=1&include_leavers=true", &admin).json["total"], before);

  const std::string good =
      "reference,given_name,family_name,email,stage,joined_trust\n"
      "NEW1,Ada,Lovelace,ada@example.org,teacher,2020-09-01\n";
  auto imported = i.Send("POST", T(i) + "/imports/people", &admin, good);
  ASSERT_EQ(imported.status, 200) << imported.body;
  EXPECT_EQ(imported.json["created"], 1);
  auto again = i.Send("POST", T(i) + "/imports/people", &admin, good);
  EXPECT_EQ(again.json["unchanged"], 1);
  auto exported = i.Send("GET", T(i) + "/exports/people?format=csv", &admin);
  EXPECT_EQ(exported.status, 200);
  EXPECT_THAT(exported.body, ::testing::HasSubstr("Lovelace"));
  EXPECT_EQ(i.Send("GET", T(i) + "/exports/people?format=pdf", &admin).status, 400);
}

TEST(Api, UsersAreManagedByTheTrustAdminWithThePasswordPolicy) {
  auto& i = Shared();
  auto admin = i.SignIn("hr.lead@oakridge.example");
  auto weak = i.Send("POST", T(i) + "/users", &admin,
                     json{{"email", "exec2@oakridge.example"}, {"display_name", "Exec Two"},
                          {"role", "executive"}, {"password", "password1234"}}.dump());
  EXPECT_EQ(weak.status, 422);
  auto made = i.Send("POST", T(i) + "/users", &admin,
                     json{{"email", "exec2@oakridge.example"}, {"display_name", "Exec Two"},
                          {"role", "executive"}, {"password", "a long and unusual phrase"}}.dump());
  ASSERT_EQ(made.status, 201) << made.body;
  EXPECT_FALSE(made.json.contains("password_hash"));
  auto exec = i.SignIn("exec2@oakridge.example", "a long and unusual phrase");
  const std::string uid = std::to_string(made.json["id"].get<int64_t>());
  EXPECT_EQ(i.Send("PATCH", T(i) + "/users/" + uid, &admin, json{{"disabled", true}}.dump()).status, 200);
  EXPECT_EQ(i.Send("GET", "/api/v1/session", &exec).status, 401);
  auto platform = i.Send("POST", T(i) + "/users", &admin,
                         json{{"email", "p2@oakridge.example"}, {"display_name", "P"},
                              {"role", "platform_admin"}, {"password", "a long and unusual phrase"}}.dump());
  EXPECT_EQ(platform.status, 422);
}

TEST(Api, HostileBodiesAndQueriesGetFourHundredsNotCrashes) {
  auto& i = Shared();
  auto admin = i.SignIn("hr.lead@oakridge.example");
  const std::string deep = "{\"name\":\"x\",\"urn\":" + std::string(100000, '[') + std::string(100000, ']') + "}";
  EXPECT_EQ(i.Send("POST", T(i) + "/schools", &admin, deep).status, 400);
  auto listy = i.Send("POST", T(i) + "/schools", &admin, R"({"urn":[1,2,3],"name":"x"})");
  ASSERT_EQ(listy.status, 422);
  EXPECT_EQ(listy.json["error"]["details"][0]["value"], "(a list)");
  auto huge = i.Send("POST", T(i) + "/schools", &admin, R"({"urn":18446744073709551615,"name":"x"})");
  ASSERT_EQ(huge.status, 422);
  EXPECT_EQ(huge.json["error"]["details"][0]["value"], "18446744073709551615");
  // Bytes that are not UTF-8, quoted back in an error, must not break the JSON answer.
  auto bad_utf8 = i.Send("GET", T(i) + "/people?stage=\xff", &admin);
  EXPECT_EQ(bad_utf8.status, 400);
  EXPECT_FALSE(bad_utf8.json.is_discarded());
  EXPECT_EQ(i.Send("GET", T(i) + "/exports/\xff", &admin).status, 404);
  EXPECT_EQ(i.Send("POST", "/api/v1/session", nullptr, "{}", true, "\xff").status, 400);
}

TEST(Api, HeadIsGetAndAWrongMethodIs405WithAllow) {
  auto& i = Shared();
  EXPECT_EQ(i.Send("HEAD", "/healthz").status, 200);
  auto wrong = i.Send("DELETE", "/healthz");
  EXPECT_EQ(wrong.status, 405);
  EXPECT_EQ(wrong.Header("Allow"), "GET");
  EXPECT_EQ(wrong.json["error"]["code"], "method_not_allowed");
}

TEST(Api, AGovernorSeesTheirBodyButNotTheStaffOfItsMembers) {
  auto& i = Shared();
  auto governor = i.SignIn("governor@oakridge.example");
  auto bodies = i.Send("GET", T(i) + "/bodies", &governor);
  ASSERT_EQ(bodies.status, 200);
  ASSERT_GE(bodies.json["total"].get<int>(), 1);
  auto body = i.Send("GET", T(i) + "/bodies/" + bodies.json["items"][0]["id"].dump(), &governor);
  ASSERT_EQ(body.status, 200);
  for (const auto& member : body.json["members"]) {
    auto person = i.Send("GET", T(i) + "/people/" + member["person_id"].dump(), &governor);
    ASSERT_EQ(person.status, 200) << member.dump();
    // A fellow governor who is also the headteacher: their staff stay invisible.
    EXPECT_TRUE(person.json["reports"].empty()) << person.json.dump();
  }
}

TEST(Api, GovernanceAndLineManagementKeepTheirShape) {
  auto& i = Shared();
  auto admin = i.SignIn("hr.lead@oakridge.example");
  auto boards = i.Send("GET", T(i) + "/bodies?kind=board", &admin);
  const std::string board = boards.json["items"][0]["id"].dump();
  auto demoted = i.Send("PATCH", T(i) + "/bodies/" + board, &admin, json{{"kind", "committee"}}.dump());
  EXPECT_EQ(demoted.status, 422) << demoted.body;

  auto chairs = i.Send("GET", T(i) + "/memberships?current=true&body_id=" + board, &admin);
  int64_t someone = 0;
  for (const auto& m : chairs.json["items"]) if (m["role"] == "member") someone = m["person_id"];
  ASSERT_GT(someone, 0);
  auto second_chair = i.Send("POST", T(i) + "/memberships", &admin,
                             json{{"body_id", std::stoll(board)}, {"person_id", someone}, {"role", "chair"},
                                  {"term_start", "2026-01-01"}}.dump());
  EXPECT_EQ(second_chair.status, 422) << second_chair.body;

  auto links = i.Send("GET", T(i) + "/line-links?current=true&limit=1", &admin);
  const auto manager = links.json["items"][0]["manager_id"].get<int64_t>();
  const auto report = links.json["items"][0]["report_id"].get<int64_t>();
  auto circle = i.Send("POST", T(i) + "/line-links", &admin,
                       json{{"manager_id", report}, {"report_id", manager}, {"start", "2026-01-01"}}.dump());
  EXPECT_EQ(circle.status, 422) << circle.body;
  auto twice = i.Send("POST", T(i) + "/line-links", &admin,
                      json{{"manager_id", manager}, {"report_id", report}, {"start", "2026-01-01"}}.dump());
  EXPECT_EQ(twice.status, 422) << twice.body;
}

TEST(Api, ASignInsEmailCannotBeChanged) {
  auto& i = Shared();
  auto admin = i.SignIn("hr.lead@oakridge.example");
  auto users = i.Send("GET", T(i) + "/users", &admin);
  const std::string id = users.json["items"][0]["id"].dump();
  auto changed = i.Send("PATCH", T(i) + "/users/" + id, &admin, json{{"email", "someone.else@example.org"}}.dump());
  EXPECT_EQ(changed.status, 422);
  auto same = i.Send("PATCH", T(i) + "/users/" + id, &admin, json{{"email", users.json["items"][0]["email"]}}.dump());
  EXPECT_EQ(same.status, 200);
}

TEST(Api, APlatformAdminGetsNotFoundForATrustThatDoesNotExist) {
  auto& i = Shared();
  auto platform = i.SignIn("platform.admin@trellis.example");
  EXPECT_EQ(i.Send("GET", "/api/v1/trusts/999999/people", &platform).status, 404);
  EXPECT_EQ(i.Send("GET", T(i) + "/people?limit=1", &platform).status, 200);
}

// A real server on a free loopback port, with the shared instance's services and the
// configuration `adjust` makes; stopped when it goes out of scope.
class ServerOnSocket {
 public:
  explicit ServerOnSocket(const std::function<void(Config&)>& adjust) {
    auto& i = Shared();
    config_ = i.app().config();
    config_.port = 0;
    adjust(config_);
    http::Services services = i.app().services();
    server_ = std::make_unique<http::Server>(
        http::Services{services.store, services.clock, services.org, services.talent,
                       services.review, services.plans, services.actions, services.auth,
                       config_, services.sso});
    auto bound = server_->Bind();
    if (!bound) throw std::runtime_error(bound.error().message);
    port_ = *bound;
    runner_ = std::thread([this] { server_->Run(); });
  }
  ~ServerOnSocket() {
    server_->Stop();
    runner_.join();
  }
  int port() const { return port_; }
  httplib::Client Client() const { return httplib::Client("127.0.0.1", port_); }

 private:
  Config config_;
  std::unique_ptr<http::Server> server_;
  int port_ = 0;
  std::thread runner_;
};

TEST(ApiOverSocket, ABusyPortIsRefusedAndTlsModeKeepsEverySecurityHeader) {
  ServerOnSocket server([](Config& c) { c.secure_cookies = true; });
  auto health = server.Client().Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->get_header_value("Strict-Transport-Security"), "max-age=31536000");
  EXPECT_EQ(health->get_header_value("X-Content-Type-Options"), "nosniff");
  EXPECT_THAT(health->get_header_value("Content-Security-Policy"), ::testing::HasSubstr("default-src 'self'"));
  EXPECT_THROW(ServerOnSocket([&](Config& c) { c.port = server.port(); }), std::runtime_error)
      << "a second server must not share a port in use";
}

TEST(ApiOverSocket, SendsSecurityHeadersAndRefusesOversizedBodies) {
  ServerOnSocket server([](Config& c) { c.max_request_bytes = 4096; });
  auto client = server.Client();
  auto health = client.Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  EXPECT_EQ(health->get_header_value("X-Content-Type-Options"), "nosniff");
  EXPECT_THAT(health->get_header_value("Content-Security-Policy"), ::testing::HasSubstr("frame-ancestors 'none'"));
  auto big = client.Post("/api/v1/session", std::string(10000, 'x'), "application/json");
  ASSERT_TRUE(big);
  EXPECT_EQ(big->status, 413);
  EXPECT_THAT(big->body, ::testing::HasSubstr("too_large"));
}

}  // namespace
}  // namespace trellis::testing
