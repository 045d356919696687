// Succession plans, risk of loss, development actions and formula settings over HTTP: a plan's
// whole life (its history in order), risk set and cleared, an action raised against a gap and
// completed, the settings changing the ranking, and the confidentiality matrix of docs/api.md
// with every read in the audit log.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "http/fixture.h"

namespace trellis::testing {
namespace {

using nlohmann::json;

using namespace demo_sign_in;

std::string T(const Instance& i) { return DemoTrustPath(i); }

// A new key post (every demo key post has a plan already), at a deputy's rung so that the
// ranking and the stage's role profile apply. `reference` must be new to the trust.
int64_t NewKeyPost(Instance& i, const Browser& admin, const std::string& reference,
                   bool key = true) {
  auto schools = i.Send("GET", T(i) + "/schools?limit=1", &admin);
  auto post = i.Send("POST", T(i) + "/posts", &admin,
                     json{{"reference", reference},
                          {"title", "Deputy Headteacher (" + reference + ")"},
                          {"school_id", schools.json["items"][0]["id"]},
                          {"family", "leadership"},
                          {"stage", "new_senior_leader"},
                          {"key", key}}
                         .dump());
  EXPECT_EQ(post.status, 201) << post.body;
  return post.json["id"];
}

// The candidates of a plan in full, by rank.
json CandidatesOf(Instance& i, const Browser& as, const std::string& plan) {
  auto detail = i.Send("GET", plan, &as);
  EXPECT_EQ(detail.status, 200) << detail.body;
  return detail.json["candidates"];
}

// The audit entries of `entity` `entity_id` with `action`, newest first.
json AuditOf(Instance& i, const Browser& admin, const std::string& entity, const std::string& id,
             const std::string& action) {
  auto audit = i.Send(
      "GET", T(i) + "/audit?limit=500&entity=" + entity + "&entity_id=" + id + "&action=" + action,
      &admin);
  EXPECT_EQ(audit.status, 200) << audit.body;
  return audit.json["items"];
}

TEST(Plans, APlansWholeLifeIsItsHistory) {
  // Its own instance: it adds key posts or changes the formula, which other tests measure.
  Instance i;
  auto admin = i.SignIn(kTrustAdmin);
  const int64_t post = NewKeyPost(i, admin, "P-TEST-LIFE");
  const int64_t ordinary = NewKeyPost(i, admin, "P-TEST-NOT-KEY", false);
  const std::string plans = T(i) + "/succession-plans";

  // Only a key post has a plan, and only one.
  EXPECT_EQ(i.Send("POST", plans, &admin, json{{"post_id", ordinary}}.dump()).status, 422);
  auto created = i.Send("POST", plans, &admin,
                        json{{"post_id", post}, {"impact", "high"}, {"notes", "New post."}}.dump());
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.json["impact"], "high");
  EXPECT_EQ(i.Send("POST", plans, &admin, json{{"post_id", post}}.dump()).status, 409);
  const std::string plan = plans + "/" + Str(created.json["id"]);
  const std::string candidates = plan + "/candidates";

  // Two internal candidates from the ranking, and one from outside.
  const std::string ranking_at = T(i) + "/posts/" + Str(post) + "/candidates?limit=5";
  auto ranking = i.Send("GET", ranking_at, &admin);
  ASSERT_EQ(ranking.status, 200) << ranking.body;
  EXPECT_EQ(ranking.json["plan_id"], created.json["id"]);
  ASSERT_GE(ranking.json["candidates"].size(), 2u);
  for (const auto& c : ranking.json["candidates"]) EXPECT_FALSE(c["named"].get<bool>());
  const int64_t first = ranking.json["candidates"][0]["person_id"];
  const int64_t second = ranking.json["candidates"][1]["person_id"];
  auto a = i.Send("POST", candidates, &admin, json{{"person_id", first}}.dump());
  ASSERT_EQ(a.status, 201) << a.body;
  EXPECT_EQ(a.json["rank"], 1);
  EXPECT_EQ(i.Send("POST", candidates, &admin, json{{"person_id", first}}.dump()).status, 409);
  EXPECT_EQ(
      i.Send("POST", candidates, &admin, json{{"external_name", "Sam Outside"}}.dump()).status, 422)
      << "an outsider needs a readiness";
  auto outsider = i.Send("POST", candidates, &admin,
                         json{{"external_name", "Sam Outside"},
                              {"external_source", "Deputy at a partner school"},
                              {"readiness", "one_to_two_years"}}
                             .dump());
  ASSERT_EQ(outsider.status, 201) << outsider.body;
  EXPECT_EQ(outsider.json["rank"], 2);
  auto b = i.Send("POST", candidates, &admin, json{{"person_id", second}, {"rank", 1}}.dump());
  ASSERT_EQ(b.status, 201) << b.body;
  EXPECT_EQ(b.json["rank"], 1);

  // The ranking now says who is named, and can leave them out.
  ranking = i.Send("GET", ranking_at, &admin);
  EXPECT_TRUE(ranking.json["candidates"][0]["named"].get<bool>());
  auto unnamed = i.Send("GET", ranking_at + "&exclude_named=true", &admin);
  ASSERT_EQ(unnamed.status, 200);
  for (const auto& c : unnamed.json["candidates"]) {
    EXPECT_NE(c["person_id"], first);
    EXPECT_NE(c["person_id"], second);
    EXPECT_FALSE(c["named"].get<bool>());
  }

  // Reorder: the outsider first.
  const std::string at_a = candidates + "/" + Str(a.json["id"]);
  const std::string at_b = candidates + "/" + Str(b.json["id"]);
  const std::string at_outsider = candidates + "/" + Str(outsider.json["id"]);
  ASSERT_EQ(i.Send("PATCH", at_outsider, &admin, json{{"rank", 1}}.dump()).status, 200);
  json now = CandidatesOf(i, admin, plan);
  ASSERT_EQ(now.size(), 3u);
  EXPECT_EQ(now[0]["id"], outsider.json["id"]);
  EXPECT_EQ(now[1]["id"], b.json["id"]);
  EXPECT_EQ(now[2]["id"], a.json["id"]);

  // Overriding the formula's readiness needs a reason.
  auto no_reason = i.Send("PATCH", at_a, &admin, json{{"readiness", "ready_now"}}.dump());
  ASSERT_EQ(no_reason.status, 422) << no_reason.body;
  EXPECT_EQ(no_reason.json["error"]["details"][0]["field"], "readiness_reason");
  auto with_reason =
      i.Send("PATCH", at_a, &admin,
             json{{"readiness", "ready_now"}, {"readiness_reason", "Acted up for a term."}}.dump());
  ASSERT_EQ(with_reason.status, 200) << with_reason.body;

  // The emergency successor: one per plan, the flag moves.
  ASSERT_EQ(i.Send("PATCH", at_a, &admin, json{{"emergency", true}}.dump()).status, 200);
  ASSERT_EQ(i.Send("PATCH", at_b, &admin, json{{"emergency", true}}.dump()).status, 200);
  now = CandidatesOf(i, admin, plan);
  for (const auto& c : now)
    EXPECT_EQ(c["emergency"].get<bool>(), c["id"] == b.json["id"]) << c.dump();

  // Remove one: the ranks close up.
  EXPECT_EQ(i.Send("DELETE", at_b, &admin, R"({"no_such_field": 1})").status, 422);
  ASSERT_EQ(i.Send("DELETE", at_b, &admin, R"({"reason": "Leaving for a headship elsewhere."})").status, 204);
  EXPECT_EQ(i.Send("DELETE", at_b, &admin).status, 404);
  now = CandidatesOf(i, admin, plan);
  ASSERT_EQ(now.size(), 2u);
  EXPECT_EQ(now[0]["rank"], 1);
  EXPECT_EQ(now[1]["rank"], 2);

  // A discussion at leadership level.
  const std::string today = i.app().clock().Today().ToIso();
  EXPECT_EQ(
      i.Send("POST", plan + "/discussions", &admin,
             json{{"held_on", "2999-01-01"}, {"forum", "trust_board"}, {"outcome", "x"}}.dump())
          .status,
      422);
  auto discussed = i.Send("POST", plan + "/discussions", &admin,
                          json{{"held_on", today},
                               {"forum", "senior_leadership_team"},
                               {"attendees", "Headteacher, deputies"},
                               {"outcome", "Agreed the order."}}
                              .dump());
  ASSERT_EQ(discussed.status, 201) << discussed.body;

  // The plan in full: effective and suggested readiness, the override, gaps with names.
  auto detail = i.Send("GET", plan, &admin);
  ASSERT_EQ(detail.status, 200) << detail.body;
  EXPECT_EQ(detail.json["post"]["id"], post);
  EXPECT_EQ(detail.json["post"]["role_group"], "senior_leadership");
  EXPECT_EQ(detail.json["discussions"].size(), 1u);
  EXPECT_FALSE(detail.json["no_internal_successor_likely"].get<bool>());
  EXPECT_EQ(detail.json["named_successors"], 2);
  const json& external = detail.json["candidates"][0];
  EXPECT_EQ(external["name"], "Sam Outside");
  EXPECT_EQ(external["readiness"], "one_to_two_years");
  EXPECT_TRUE(external["suggested_readiness"].is_null());
  EXPECT_FALSE(external["readiness_overridden"].get<bool>());
  const json& internal = detail.json["candidates"][1];
  EXPECT_EQ(internal["person_id"], first);
  EXPECT_EQ(internal["readiness"], "ready_now");
  EXPECT_TRUE(internal["readiness_overridden"].get<bool>());
  EXPECT_EQ(internal["readiness_reason"], "Acted up for a term.");
  EXPECT_TRUE(internal["suggested_readiness"].is_string());
  EXPECT_TRUE(internal["eligible"].get<bool>());
  EXPECT_TRUE(internal["score"].is_number());
  EXPECT_FALSE(internal["name"].get<std::string>().empty());
  for (const auto& gap : internal["gaps"])
    EXPECT_FALSE(gap["competency"].get<std::string>().empty());
  EXPECT_EQ(internal["gaps"], ranking.json["candidates"][0]["gaps"]);
  EXPECT_EQ(i.Send("GET", T(i) + "/posts/" + Str(post) + "/succession-plan", &admin).json["id"],
            created.json["id"]);
  EXPECT_EQ(i.Send("GET", T(i) + "/posts/" + Str(ordinary) + "/succession-plan", &admin).status,
            404);

  // Looking outside: leaders' judgement.
  auto changed = i.Send("PATCH", plan, &admin,
                        json{{"consider_external", true}, {"review_on", "2030-01-31"}}.dump());
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(i.Send("PATCH", plan, &admin, json{{"post_id", ordinary}}.dump()).status, 422);
  EXPECT_TRUE(i.Send("GET", plan, &admin).json["no_internal_successor_likely"].get<bool>());

  // Every change, newest first, reads left out; refused writes left nothing.
  auto history = i.Send("GET", plan + "/history", &admin);
  ASSERT_EQ(history.status, 200) << history.body;
  std::vector<std::string> actions;
  for (const auto& e : history.json["items"]) {
    actions.insert(actions.begin(), e["action"].get<std::string>());
    EXPECT_FALSE(e.contains("remote"));
    EXPECT_EQ(e["actor"], kTrustAdmin);
  }
  EXPECT_THAT(actions, ::testing::ElementsAre(
                           "create", "add_candidate", "add_candidate", "add_candidate",
                           "change_candidate", "change_candidate", "change_candidate",
                           "change_candidate", "remove_candidate", "record_discussion", "update"));
  const json& removal = history.json["items"][2];
  EXPECT_EQ(removal["action"], "remove_candidate");
  EXPECT_EQ(removal["before"]["candidates"].size(), 3u);
  EXPECT_EQ(removal["after"]["candidates"].size(), 2u);
  EXPECT_EQ(removal["after"]["reason"], "Leaving for a headship elsewhere.");
}

TEST(Plans, ARiskOfLossIsSetReplacedAndCleared) {
  auto& i = Shared();
  auto admin = i.SignIn(kTrustAdmin);
  auto teacher = i.SignIn(kStaff);
  const std::string person = Str(PersonOf(teacher));
  const std::string at = T(i) + "/people/" + person + "/loss-risk";
  i.Send("DELETE", at, &admin);  // whatever the demo gave them

  EXPECT_EQ(i.Send("PUT", at, &admin, json{{"risk", "high"}, {"assessed_on", "2999-01-01"}}.dump())
                .status,
            422);
  EXPECT_EQ(i.Send("PUT", at, &admin, json{{"risk", "severe"}}.dump()).status, 422);
  auto set =
      i.Send("PUT", at, &admin,
             json{{"risk", "high"}, {"window", "within_a_year"}, {"note", "Moving away."}}.dump());
  ASSERT_EQ(set.status, 201) << set.body;
  EXPECT_EQ(set.json["risk"], "high");
  EXPECT_FALSE(set.json["person_name"].get<std::string>().empty());
  auto replaced = i.Send("PUT", at, &admin, json{{"risk", "medium"}}.dump());
  ASSERT_EQ(replaced.status, 200) << replaced.body;
  EXPECT_TRUE(replaced.json["window"].is_null());

  auto read = i.Send("GET", at, &admin);
  ASSERT_EQ(read.status, 200);
  EXPECT_EQ(read.json["loss_risk"]["risk"], "medium");
  auto listed = i.Send("GET", T(i) + "/loss-risks?risk=medium&limit=500", &admin);
  ASSERT_EQ(listed.status, 200);
  EXPECT_TRUE(std::any_of(listed.json["items"].begin(), listed.json["items"].end(),
                          [&](const json& r) { return Str(r["person_id"]) == person; }));
  EXPECT_EQ(i.Send("GET", T(i) + "/loss-risks?risk=severe", &admin).status, 400);

  ASSERT_EQ(i.Send("DELETE", at, &admin).status, 204);
  EXPECT_EQ(i.Send("DELETE", at, &admin).status, 404);
  EXPECT_TRUE(i.Send("GET", at, &admin).json["loss_risk"].is_null());

  std::vector<std::string> changes;
  for (const auto& e : AuditOf(i, admin, "loss_risk", person, ""))
    if (e["action"] != "read") changes.insert(changes.begin(), e["action"].get<std::string>());
  EXPECT_THAT(std::vector<std::string>(changes.end() - 3, changes.end()),
              ::testing::ElementsAre("create", "update", "delete"));
  EXPECT_GE(AuditOf(i, admin, "loss_risk", person, "read").size(), 2u);
  EXPECT_FALSE(AuditOf(i, admin, "loss_risk", "list, risk medium", "read").empty());
}

TEST(Plans, ADevelopmentActionIsRaisedAgainstAGapAndCompleted) {
  // Its own instance: it adds key posts or changes the formula, which other tests measure.
  Instance i;
  auto admin = i.SignIn(kTrustAdmin);
  auto teacher = i.SignIn(kStaff);
  const int64_t post = NewKeyPost(i, admin, "P-TEST-GAP");
  auto plan = i.Send("POST", T(i) + "/succession-plans", &admin, json{{"post_id", post}}.dump());
  ASSERT_EQ(plan.status, 201);
  const std::string plan_at = T(i) + "/succession-plans/" + Str(plan.json["id"]);
  auto ranking = i.Send("GET", T(i) + "/posts/" + Str(post) + "/candidates?limit=50", &admin);
  json successor;
  for (const auto& c : ranking.json["candidates"])
    if (!c["gaps"].empty()) {
      successor = c;
      break;
    }
  ASSERT_FALSE(successor.is_null()) << "someone with a gap";
  ASSERT_EQ(i.Send("POST", plan_at + "/candidates", &admin,
                   json{{"person_id", successor["person_id"]}}.dump())
                .status,
            201);

  const std::string actions = T(i) + "/development-actions";
  const json gap = successor["gaps"][0];
  EXPECT_EQ(
      i.Send(
           "POST", actions, &admin,
           json{{"person_id", successor["person_id"]}, {"title", "x"}, {"source", "succession_gap"}}
               .dump())
          .status,
      422)
      << "a gap's action names its plan";
  auto raised = i.Send(
      "POST", actions, &admin,
      json{{"person_id", successor["person_id"]},
           {"kind", "stretch_task"},
           {"title", "Lead the trust's moderation of " + gap["competency"].get<std::string>()},
           {"source", "succession_gap"},
           {"gap_competency_id", gap["competency_id"]},
           {"plan_id", plan.json["id"]},
           {"owner_id", PersonOf(teacher)},
           {"due_on", "2030-07-01"}}
          .dump());
  ASSERT_EQ(raised.status, 201) << raised.body;
  EXPECT_EQ(raised.json["gap_competency"], gap["competency"]);
  EXPECT_EQ(raised.json["status"], "planned");
  const std::string at = actions + "/" + Str(raised.json["id"]);

  // On the plan, under its candidate.
  auto detail = i.Send("GET", plan_at, &admin);
  ASSERT_EQ(detail.json["candidates"][0]["development_actions"].size(), 1u);
  EXPECT_EQ(detail.json["candidates"][0]["development_actions"][0]["id"], raised.json["id"]);
  auto by_plan = i.Send("GET", actions + "?plan_id=" + Str(plan.json["id"]), &admin);
  EXPECT_EQ(by_plan.json["total"], 1);
  EXPECT_FALSE(AuditOf(i, admin, "succession_plan",
                       "development actions of plans " + Str(plan.json["id"]), "read")
                   .empty())
      << "showing that an action serves a plan is a read of the plan";

  // Its owner sees it without what would say the person is a successor, and moves it on.
  auto as_owner = i.Send("GET", at, &teacher);
  ASSERT_EQ(as_owner.status, 200) << as_owner.body;
  EXPECT_TRUE(as_owner.json["plan_id"].is_null());
  EXPECT_TRUE(as_owner.json["source"].is_null());
  EXPECT_EQ(i.Send("PATCH", at, &teacher, json{{"title", "Renamed"}}.dump()).status, 403);
  EXPECT_EQ(i.Send("PATCH", at, &teacher, json{{"plan_id", nullptr}}.dump()).status, 422);
  ASSERT_EQ(i.Send("PATCH", at, &teacher, json{{"status", "in_progress"}}.dump()).status, 200);
  EXPECT_EQ(i.Send("PATCH", at, &teacher, json{{"status", "completed"}}.dump()).status, 422)
      << "completing needs an outcome";
  auto done =
      i.Send("PATCH", at, &teacher,
             json{{"status", "completed"}, {"outcome", "Led two moderation meetings."}}.dump());
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(done.json["completed_on"], i.app().clock().Today().ToIso());
  EXPECT_EQ(i.Send("PATCH", at, &admin, json{{"status", "planned"}}.dump()).status, 409);
  std::vector<std::string> history;
  for (const auto& e : AuditOf(i, admin, "development_action", Str(raised.json["id"]), ""))
    history.insert(history.begin(), e["action"].get<std::string>());
  EXPECT_THAT(history, ::testing::ElementsAre("create", "in_progress", "completed"));
}

TEST(Plans, LineManagersRaiseActionsForTheirReportsOnly) {
  auto& i = Shared();
  auto manager = i.SignIn(kLineManager);
  auto admin = i.SignIn(kTrustAdmin);
  const auto links =
      i.Send("GET", T(i) + "/line-links?current=true&manager_id=" + Str(PersonOf(manager)), &admin);
  ASSERT_GT(links.json["total"].get<int>(), 0);
  const int64_t report = links.json["items"][0]["report_id"];
  const auto own =
      i.Send("GET", T(i) + "/line-links?current=true&report_id=" + Str(PersonOf(manager)), &admin);
  const std::string actions = T(i) + "/development-actions";
  auto raised = i.Send(
      "POST", actions, &manager,
      json{{"person_id", report}, {"kind", "coaching"}, {"title", "Coaching on feedback"}}.dump());
  ASSERT_EQ(raised.status, 201) << raised.body;
  EXPECT_TRUE(raised.json["source"].is_null()) << "a line manager does not read successor status";
  EXPECT_EQ(i.Send("POST", actions, &manager,
                   json{{"person_id", report}, {"title", "x"}, {"plan_id", 1}}.dump())
                .status,
            422);
  if (own.json["total"].get<int>() > 0) {  // their own line manager: seen, not theirs
    EXPECT_EQ(i.Send("POST", actions, &manager,
                     json{{"person_id", own.json["items"][0]["manager_id"]}, {"title", "x"}}.dump())
                  .status,
              403);
  }
  EXPECT_EQ(i.Send("POST", actions, &manager,
                   json{{"person_id", PersonOf(manager)}, {"title", "x"}}.dump())
                .status,
            403)
      << "nobody raises their own";

  // They list their reports', their own and the ones they own, without plan links.
  auto listed = i.Send("GET", actions + "?limit=500", &manager);
  ASSERT_EQ(listed.status, 200);
  bool found = false;
  for (const auto& a : listed.json["items"]) {
    found = found || a["id"] == raised.json["id"];
    EXPECT_TRUE(a["plan_id"].is_null());
    EXPECT_TRUE(a["source"].is_null());
    EXPECT_TRUE(a["person_id"] == report || a["person_id"] == PersonOf(manager) ||
                a["owner_id"] == PersonOf(manager) ||
                std::any_of(links.json["items"].begin(), links.json["items"].end(),
                            [&](const json& l) { return l["report_id"] == a["person_id"]; }))
        << a.dump();
  }
  EXPECT_TRUE(found);
  EXPECT_EQ(i.Send("GET", actions + "?source=manual", &manager).json["total"], 0);
  auto all = i.Send("GET", actions + "?limit=1", &admin);
  EXPECT_GT(all.json["total"].get<int>(), listed.json["total"].get<int>());
}

TEST(Plans, TheTrustsFormulaSettingsChangeTheRanking) {
  // Its own instance: it adds key posts or changes the formula, which other tests measure.
  Instance i;
  auto admin = i.SignIn(kTrustAdmin);
  auto ceo = i.SignIn(kExecutive);
  const std::string at = T(i) + "/formula-settings";
  auto settings = i.Send("GET", at, &ceo);
  ASSERT_EQ(settings.status, 200) << settings.body;
  EXPECT_EQ(settings.json["settings"]["match_weight"], 0.5);
  EXPECT_EQ(settings.json["defaults"]["overload_plans"], 2);
  for (const char* who : {kHeadteacher, kLineManager, kStaff, kGovernor}) {
    auto b = i.SignIn(who);
    EXPECT_EQ(i.Send("GET", at, &b).status, 403) << who;
  }
  EXPECT_EQ(i.Send("PUT", at, &ceo, json::object().dump()).status, 403);
  EXPECT_EQ(i.Send("PUT", at, &admin, json{{"match_wieght", 1}}.dump()).status, 422);
  auto bad = i.Send("PUT", at, &admin, json{{"talent_weight", 11}, {"bench_match", 2}}.dump());
  ASSERT_EQ(bad.status, 422);
  EXPECT_EQ(bad.json["error"]["details"].size(), 2u);

  const int64_t post = NewKeyPost(i, admin, "P-TEST-FORMULA");
  const std::string ranking = T(i) + "/posts/" + Str(post) + "/candidates?limit=20";
  auto before = i.Send("GET", ranking, &admin);
  ASSERT_EQ(before.status, 200);
  auto put =
      i.Send("PUT", at, &admin,
             json{{"match_weight", 1}, {"talent_weight", 0}, {"proximity_weight", 0}}.dump());
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(put.json["settings"]["match_weight"], 1.0);
  auto after = i.Send("GET", ranking, &admin);
  ASSERT_EQ(after.status, 200);
  EXPECT_EQ(after.json["formula"]["match_weight"], 1.0);
  EXPECT_EQ(after.json["formula"]["overload_plans"], 2);
  for (const auto& c : after.json["candidates"])
    EXPECT_DOUBLE_EQ(c["score"].get<double>(), c["match"].get<double>()) << c.dump();
  EXPECT_NE(before.json["candidates"], after.json["candidates"]);
  EXPECT_EQ(AuditOf(i, admin, "formula_settings", Str(i.demo_trust().value()), "update").size(),
            1u);

  // Back to the documented defaults, as the other tests expect.
  ASSERT_EQ(i.Send("PUT", at, &admin, json::object().dump()).status, 200);
  EXPECT_EQ(i.Send("GET", at, &admin).json["settings"], settings.json["defaults"]);
}

// The demo trust as the confidentiality matrix needs it: the headteacher's school, its staff,
// and key posts at it (the head's own among them), at another school and of the trust.
struct Cast {
  int64_t school = 0;
  std::set<int64_t> staff;
  std::set<int64_t> own_posts;
};

Cast CastOf(Instance& i, const Browser& head) {
  auto& store = i.app().store();
  const TrustId trust = i.demo_trust();
  const Date today = i.app().clock().Today();
  Cast cast;
  // Each listing is held in a local: a range-for over a member of a temporary Result would
  // read it after the temporary is gone.
  const auto own =
      store.ListHoldings({.trust = trust, .person = PersonId(PersonOf(head)), .current_on = today});
  for (const auto& h : own->items) {
    cast.own_posts.insert(h.post.value());
    if (auto post = store.GetPost(trust, h.post).value(); post.school)
      cast.school = post.school->value();
  }
  const auto staff = store.ListHoldings({.trust = trust,
                                         .school = SchoolId(cast.school),
                                         .current_on = today,
                                         .page = {.limit = 100000}});
  for (const auto& h : staff->items) cast.staff.insert(h.person.value());
  return cast;
}

TEST(Plans, OnlyLeadersAndTheSchoolsHeadteacherReadPlansAndRisksAndEveryReadIsAudited) {
  auto& i = Shared();
  auto admin = i.SignIn(kTrustAdmin);
  auto ceo = i.SignIn(kExecutive);
  auto head = i.SignIn(kHeadteacher);
  const Cast cast = CastOf(i, head);
  ASSERT_GT(cast.school, 0);
  const std::string plans = T(i) + "/succession-plans";

  // The executive reads every key post's plan.
  auto all = i.Send("GET", plans, &ceo);
  ASSERT_EQ(all.status, 200) << all.body;
  ASSERT_GE(all.json["total"].get<int>(), 35);
  int64_t own_plan = 0, school_plan = 0, other_plan = 0;
  for (const auto& item : all.json["items"]) {
    if (item["plan"].is_null()) continue;
    const int64_t plan = item["plan"]["id"];
    const int64_t post = item["post"]["id"];
    const bool at_school =
        item["post"]["school_id"] == cast.school && item["post"]["body_id"].is_null();
    if (cast.own_posts.contains(post))
      own_plan = plan;
    else if (at_school && school_plan == 0)
      school_plan = plan;
    else if (!at_school && other_plan == 0)
      other_plan = plan;
  }
  ASSERT_GT(own_plan, 0);
  ASSERT_GT(school_plan, 0);
  ASSERT_GT(other_plan, 0);

  // The headteacher: their school's plans, not their own post's, not another school's.
  auto theirs = i.Send("GET", plans, &head);
  ASSERT_EQ(theirs.status, 200);
  ASSERT_GT(theirs.json["total"].get<int>(), 0);
  for (const auto& item : theirs.json["items"]) {
    EXPECT_EQ(item["post"]["school_id"], cast.school);
    EXPECT_FALSE(cast.own_posts.contains(item["post"]["id"].get<int64_t>()));
    for (const auto& holder : item["holders"])
      EXPECT_TRUE(cast.staff.contains(holder["person_id"].get<int64_t>()));
  }
  auto school_detail = i.Send("GET", plans + "/" + Str(school_plan), &head);
  ASSERT_EQ(school_detail.status, 200) << school_detail.body;
  for (const auto& c : school_detail.json["candidates"]) {
    if (c["internal"].get<bool>() && !cast.staff.contains(c["person_id"].get<int64_t>())) {
      EXPECT_TRUE(c["talent"].is_null()) << "another school's person's 9-box stays theirs";
    }
  }
  EXPECT_EQ(i.Send("GET", plans + "/" + Str(own_plan), &head).status, 404);
  EXPECT_EQ(i.Send("GET", plans + "/" + Str(other_plan), &head).status, 404);
  EXPECT_EQ(i.Send("GET", plans + "/" + Str(other_plan) + "/history", &head).status, 404);
  EXPECT_EQ(i.Send("GET", plans + "/" + Str(school_plan) + "/history", &head).status, 200);
  EXPECT_EQ(
      i.Send("PATCH", plans + "/" + Str(school_plan), &head, json{{"notes", "x"}}.dump()).status,
      403);

  // Risks: the headteacher's staff, themselves excepted.
  auto risks = i.Send("GET", T(i) + "/loss-risks?limit=500", &head);
  ASSERT_EQ(risks.status, 200);
  for (const auto& r : risks.json["items"]) {
    EXPECT_TRUE(cast.staff.contains(r["person_id"].get<int64_t>()));
    EXPECT_NE(r["person_id"], PersonOf(head));
  }
  EXPECT_LT(risks.json["total"].get<int>(),
            i.Send("GET", T(i) + "/loss-risks", &ceo).json["total"].get<int>());
  EXPECT_EQ(i.Send("GET", T(i) + "/people/" + Str(PersonOf(head)) + "/loss-risk", &head).status,
            404);

  // Nobody else reads plans or risks.
  for (const char* who : {kLineManager, kStaff, kGovernor}) {
    auto b = i.SignIn(who);
    EXPECT_EQ(i.Send("GET", plans, &b).status, 403) << who;
    EXPECT_EQ(i.Send("GET", plans + "/" + Str(school_plan), &b).status, 403) << who;
    EXPECT_EQ(i.Send("GET", T(i) + "/loss-risks", &b).status, 403) << who;
    EXPECT_EQ(i.Send("GET", T(i) + "/people/" + Str(PersonOf(b)) + "/loss-risk", &b).status, 403)
        << who;
  }
  auto outsider = i.SignIn(Instance::kOtherAdmin);
  EXPECT_EQ(i.Send("GET", plans + "/" + Str(school_plan), &outsider).status, 404);
  const std::string other_plans =
      "/api/v1/trusts/" + std::to_string(i.other_trust().value()) + "/succession-plans";
  auto their_list = i.Send("GET", other_plans, &outsider);
  ASSERT_EQ(their_list.status, 200);
  EXPECT_EQ(
      i.Send("GET", plans + "/" + Str(their_list.json["items"][0]["plan"]["id"]), &admin).status,
      404);

  // Every read is in the audit log, by whom.
  auto read_by = [&](const std::string& entity, const std::string& id, const char* who) {
    const json entries = AuditOf(i, admin, entity, id, "read");
    return std::any_of(entries.begin(), entries.end(),
                       [&](const json& e) { return e["actor"] == who; });
  };
  EXPECT_TRUE(read_by("succession_plan", Str(school_plan), kHeadteacher));
  EXPECT_TRUE(read_by("succession_plan", "list", kHeadteacher));
  EXPECT_TRUE(read_by("succession_plan", "list", kExecutive));
  EXPECT_TRUE(read_by("loss_risk", "list", kHeadteacher));
  EXPECT_FALSE(read_by("succession_plan", Str(other_plan), kHeadteacher))
      << "a refused read showed nothing";
}

}  // namespace
}  // namespace trellis::testing
