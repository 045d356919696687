// Competency frameworks, role profiles and assessments over HTTP: who may read and write
// them, scope, and the shipped frameworks.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "http/fixture.h"

namespace trellis::testing {
namespace {

using nlohmann::json;

std::string T(const Instance& i) { return DemoTrustPath(i); }

// A competency of a shipped framework.
int64_t AnyCompetency(Instance& i, const Browser& as) {
  auto list = i.Send("GET", T(i) + "/frameworks", &as);
  const int64_t framework = list.json["items"][0]["id"];
  auto content = i.Send("GET", T(i) + "/frameworks/" + std::to_string(framework), &as);
  return content.json["areas"][0]["competencies"][0]["id"];
}

json Assessment(int64_t person, int64_t competency, int level = 3) {
  return {{"person_id", person}, {"competency_id", competency}, {"level", level},
          {"assessed_on", "2024-03-01"}, {"evidence", "Led the phonics review well."}};
}

// Someone the line manager manages, and someone outside their scope.
std::pair<int64_t, int64_t> ReportAndOutsider(Instance& i, const Browser& manager) {
  auto& store = i.app().store();
  const Date today = i.app().clock().Today();
  auto links = store.ListLineLinks({.trust = i.demo_trust(), .manager = PersonId(PersonOf(manager)),
                                    .current_on = today}).value();
  EXPECT_FALSE(links.items.empty());
  const int64_t report = links.items.at(0).report.value();
  auto people = store.ListPeople({.trust = i.demo_trust(), .today = today, .page = {.limit = 1000}}).value();
  auto scope = access::ResolveScope(store, *store.GetUser(UserId(manager.user["id"].get<int64_t>())), today).value();
  for (const auto& p : people.items)
    if (!scope.Sees(p.id)) return {report, p.id.value()};
  ADD_FAILURE() << "everyone is in scope";
  return {report, 0};
}

TEST(Talent, ShippedFrameworksAreVisibleToEveryTrustAndReadOnly) {
  auto& i = Shared();
  auto teacher = i.SignIn("teacher@oakridge.example");
  auto list = i.Send("GET", T(i) + "/frameworks", &teacher);
  ASSERT_EQ(list.status, 200) << list.body;
  std::set<std::string> codes;
  for (const auto& f : list.json["items"]) {
    codes.insert(f["code"]);
    EXPECT_TRUE(f["read_only"].get<bool>());
    EXPECT_EQ(f["levels"].size(), 4u);
  }
  EXPECT_EQ(codes, (std::set<std::string>{"trellis-3c", "npqel-2020"}));
  // The other trust sees the same shipped frameworks, plus its own.
  auto other = i.SignIn(Instance::kOtherAdmin);
  auto theirs = i.Send("GET", "/api/v1/trusts/" + std::to_string(i.other_trust().value()) + "/frameworks", &other);
  EXPECT_EQ(theirs.json["total"], 3);

  for (const auto& f : list.json["items"]) {
    auto content = i.Send("GET", T(i) + "/frameworks/" + std::to_string(f["id"].get<int64_t>()), &teacher);
    ASSERT_EQ(content.status, 200);
    if (f["code"] == "npqel-2020") {
      ASSERT_EQ(content.json["areas"].size(), 10u);
      EXPECT_EQ(content.json["areas"][0]["name"], "Trust Culture");
      EXPECT_EQ(content.json["areas"][9]["name"], "Governance and Accountability");
      for (const auto& area : content.json["areas"]) EXPECT_GE(area["competencies"].size(), 2u);
    } else {
      ASSERT_EQ(content.json["areas"].size(), 3u);
      EXPECT_EQ(content.json["areas"][0]["name"], "Character");
      EXPECT_EQ(content.json["areas"][0]["competencies"][0]["name"],
                "CARERS attributes (as the trust defines them)");
    }
  }
  // There is no way to change a framework through the API.
  auto admin = i.SignIn("hr.lead@oakridge.example");
  const std::string first = T(i) + "/frameworks/" + std::to_string(list.json["items"][0]["id"].get<int64_t>());
  EXPECT_EQ(i.Send("PATCH", first, &admin, json{{"name", "Mine now"}}.dump()).status, 405);
  EXPECT_EQ(i.Send("POST", T(i) + "/frameworks", &admin, json{{"name", "x"}}.dump()).status, 405);
}

TEST(Talent, LineManagerAssessesTheirReportButNotOutsidersNorThemselves) {
  auto& i = Shared();
  auto manager = i.SignIn("line.manager@oakridge.example");
  const int64_t competency = AnyCompetency(i, manager);
  auto [report, outsider] = ReportAndOutsider(i, manager);

  auto made = i.Send("POST", T(i) + "/assessments", &manager, Assessment(report, competency).dump());
  ASSERT_EQ(made.status, 201) << made.body;
  EXPECT_EQ(made.json["assessor_id"], PersonOf(manager));
  EXPECT_EQ(made.json["level"], 3);

  EXPECT_EQ(i.Send("POST", T(i) + "/assessments", &manager, Assessment(outsider, competency).dump()).status, 404);
  auto self = i.Send("POST", T(i) + "/assessments", &manager, Assessment(PersonOf(manager), competency).dump());
  EXPECT_EQ(self.status, 403) << self.body;

  auto bad = i.Send("POST", T(i) + "/assessments", &manager, Assessment(report, competency, 5).dump());
  EXPECT_EQ(bad.status, 422);
  auto future = Assessment(report, competency);
  future["assessed_on"] = "2999-01-01";
  EXPECT_EQ(i.Send("POST", T(i) + "/assessments", &manager, future.dump()).status, 422);

  // And only the trust admin may change it afterwards.
  const std::string at = T(i) + "/assessments/" + std::to_string(made.json["id"].get<int64_t>());
  EXPECT_EQ(i.Send("PATCH", at, &manager, json{{"level", 4}}.dump()).status, 403);
  auto admin = i.SignIn("hr.lead@oakridge.example");
  auto changed = i.Send("PATCH", at, &admin, json{{"level", 4}}.dump());
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(changed.json["level"], 4);
  auto audit = i.Send("GET", T(i) + "/audit?entity=assessment&entity_id=" + std::to_string(made.json["id"].get<int64_t>()), &admin);
  EXPECT_EQ(audit.json["total"], 2) << audit.body;
}

TEST(Talent, StaffCannotAssessAndSeeOnlyTheirOwnAssessments) {
  auto& i = Shared();
  auto teacher = i.SignIn("teacher@oakridge.example");
  auto manager = i.SignIn("line.manager@oakridge.example");
  const int64_t competency = AnyCompetency(i, teacher);
  auto [report, outsider] = ReportAndOutsider(i, manager);
  EXPECT_EQ(i.Send("POST", T(i) + "/assessments", &teacher, Assessment(report, competency).dump()).status, 403);

  // A list shows only people in scope; an assessment of someone outside it is 404.
  auto admin = i.SignIn("hr.lead@oakridge.example");
  auto made = i.Send("POST", T(i) + "/assessments", &admin, Assessment(outsider, competency, 2).dump());
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string at = T(i) + "/assessments/" + std::to_string(made.json["id"].get<int64_t>());
  EXPECT_EQ(i.Send("GET", at, &admin).status, 200);
  EXPECT_EQ(i.Send("GET", at, &manager).status, 404);
  EXPECT_EQ(i.Send("GET", at, &teacher).status, 404);
  auto mine = i.Send("GET", T(i) + "/assessments?limit=500", &teacher);
  ASSERT_EQ(mine.status, 200);
  for (const auto& a : mine.json["items"]) EXPECT_EQ(a["person_id"], PersonOf(teacher));
  auto theirs = i.Send("GET", T(i) + "/assessments?person_id=" + std::to_string(outsider), &manager);
  EXPECT_EQ(theirs.json["total"], 0);
}

TEST(Talent, LatestOnlyKeepsOneAssessmentPerPersonAndCompetency) {
  auto& i = Shared();
  auto admin = i.SignIn("hr.lead@oakridge.example");
  auto manager = i.SignIn("line.manager@oakridge.example");
  const int64_t competency = AnyCompetency(i, admin);
  const int64_t report = ReportAndOutsider(i, manager).first;
  // Yesterday and today: later than anything the demo holds, whatever it chose to assess.
  const Date today = i.app().clock().Today();
  const Date yesterday(today.days() - std::chrono::days(1));
  auto first = Assessment(report, competency, 1);
  first["assessed_on"] = yesterday.ToIso();
  ASSERT_EQ(i.Send("POST", T(i) + "/assessments", &admin, first.dump()).status, 201);
  auto later = Assessment(report, competency, 2);
  later["assessed_on"] = today.ToIso();
  ASSERT_EQ(i.Send("POST", T(i) + "/assessments", &admin, later.dump()).status, 201);
  const std::string q = T(i) + "/assessments?person_id=" + std::to_string(report) +
                        "&competency_id=" + std::to_string(competency);
  auto all = i.Send("GET", q, &admin);
  EXPECT_GE(all.json["total"].get<int>(), 2);
  auto latest = i.Send("GET", q + "&latest=true", &admin);
  ASSERT_EQ(latest.json["total"], 1) << latest.body;
  EXPECT_EQ(latest.json["items"][0]["assessed_on"], today.ToIso());
  EXPECT_EQ(latest.json["items"][0]["level"], 2);
}

TEST(Talent, RoleProfilesAndTheEffectiveProfileOfAPost) {
  auto& i = Shared();
  auto admin = i.SignIn("hr.lead@oakridge.example");
  auto& store = i.app().store();
  const Date today = i.app().clock().Today();
  // The demo has a profile for the headteacher stage and the trust's five key posts.
  auto stage = i.Send("GET", T(i) + "/role-profiles?stage=new_headteacher", &admin);
  ASSERT_EQ(stage.json["total"], 1) << stage.body;
  auto ceo = store.FindPostByReference(i.demo_trust(), "P-TRUST-CEO").value().value();
  auto own = i.Send("GET", T(i) + "/posts/" + std::to_string(ceo.id.value()) + "/profile", &admin);
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_EQ(own.json["source"], "post");
  // A headteacher post has none of its own: it inherits its stage's.
  auto heads = store.ListPosts({.trust = i.demo_trust(), .search = "Headteacher", .today = today, .page = {.limit = 200}}).value();
  int64_t head_post = 0;
  for (const auto& p : heads.items)
    if (p.title == "Headteacher") head_post = p.id.value();
  ASSERT_NE(head_post, 0);
  auto inherited = i.Send("GET", T(i) + "/posts/" + std::to_string(head_post) + "/profile", &admin);
  EXPECT_EQ(inherited.json["source"], "stage");
  EXPECT_EQ(inherited.json["profile"]["id"], stage.json["items"][0]["id"]);

  // Exactly one of post and stage; levels 1..4; weights above 0; visible competencies only.
  const int64_t competency = AnyCompetency(i, admin);
  auto both = i.Send("POST", T(i) + "/role-profiles", &admin,
                     json{{"post_id", head_post}, {"stage", "new_headteacher"},
                          {"requirements", {{{"competency_id", competency}, {"level", 2}}}}}.dump());
  EXPECT_EQ(both.status, 422);
  auto bad = i.Send("POST", T(i) + "/role-profiles", &admin,
                    json{{"post_id", head_post},
                         {"requirements", {{{"competency_id", competency}, {"level", 0}, {"weight", -1}}}}}.dump());
  ASSERT_EQ(bad.status, 422);
  std::set<std::string> fields;
  for (const auto& d : bad.json["error"]["details"]) fields.insert(d["field"]);
  EXPECT_TRUE(fields.contains("requirements[0].level")) << bad.body;
  EXPECT_TRUE(fields.contains("requirements[0].weight")) << bad.body;
  auto other = store.ListFrameworks(i.other_trust()).value().back();
  auto foreign = store.GetFrameworkContent(i.other_trust(), other.id).value().competencies.at(0).id.value();
  auto invisible = i.Send("POST", T(i) + "/role-profiles", &admin,
                          json{{"post_id", head_post}, {"requirements", {{{"competency_id", foreign}, {"level", 2}}}}}.dump());
  EXPECT_EQ(invisible.status, 422) << invisible.body;

  // The post's own profile then overrides the stage's; a second one for it is a conflict.
  auto made = i.Send("POST", T(i) + "/role-profiles", &admin,
                     json{{"post_id", head_post}, {"name", "Headteacher, Ashfield"},
                          {"requirements", {{{"competency_id", competency}, {"level", 4}, {"weight", 2}}}}}.dump());
  ASSERT_EQ(made.status, 201) << made.body;
  auto now_own = i.Send("GET", T(i) + "/posts/" + std::to_string(head_post) + "/profile", &admin);
  EXPECT_EQ(now_own.json["source"], "post");
  auto again = i.Send("POST", T(i) + "/role-profiles", &admin,
                      json{{"post_id", head_post}, {"requirements", {{{"competency_id", competency}, {"level", 1}}}}}.dump());
  EXPECT_EQ(again.status, 409) << again.body;
  auto patched = i.Send("PATCH", T(i) + "/role-profiles/" + std::to_string(made.json["id"].get<int64_t>()), &admin,
                        json{{"requirements", {{{"competency_id", competency}, {"level", 3}}}}}.dump());
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(patched.json["requirements"][0]["level"], 3);
  EXPECT_EQ(patched.json["name"], "Headteacher, Ashfield");

  // Staff read profiles but cannot write them.
  auto teacher = i.SignIn("teacher@oakridge.example");
  EXPECT_EQ(i.Send("GET", T(i) + "/role-profiles", &teacher).status, 200);
  EXPECT_EQ(i.Send("POST", T(i) + "/role-profiles", &teacher, "{}").status, 403);
}

}  // namespace
}  // namespace trellis::testing
