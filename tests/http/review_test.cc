// The talent review (9-box) over HTTP: a whole calibration from opening to closing, the
// grid and movement, rater outliers; who reads which ratings (the confidentiality matrix of
// docs/api.md); and that every read of ratings is in the audit log.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "access/policy.h"
#include "http/fixture.h"

namespace trellis::testing {
namespace {

using nlohmann::json;

using namespace demo_sign_in;

std::string T(const Instance& i) { return DemoTrustPath(i); }

json Proposal(int64_t person, int performance, int potential,
              const std::string& rationale = "Strong year.") {
  return {{"person_id", person},
          {"performance", performance},
          {"potential", potential},
          {"rationale", rationale},
          {"evidence", "Lesson visits and outcomes."}};
}

json WithRater(json proposal, int64_t rater) {
  proposal["rater_id"] = rater;
  return proposal;
}

// The demo trust as the tests need it: the headteacher's school and its staff, the line
// manager's reports and own manager, who either of them may see at all, the newest cycle and
// a year no cycle has yet, and the demo's own two closed cycles (the first two made; tests
// sharing one instance add more).
struct Cast {
  int64_t school = 0;
  std::set<int64_t> staff;  // holding a current post at the school
  std::vector<int64_t> reports;
  int64_t managers_manager = 0;
  access::Scope head_scope, manager_scope;
  int64_t next_year = 0;
  int64_t newest_cycle = 0;
  int64_t demo_cycle = 0;           // the later of the demo's two
  int64_t demo_previous_cycle = 0;  // the earlier
};

Cast CastOf(Instance& i, const Browser& head, const Browser& manager) {
  auto& store = i.app().store();
  const TrustId trust = i.demo_trust();
  const Date today = i.app().clock().Today();
  Cast cast;
  auto own =
      store.ListHoldings({.trust = trust, .person = PersonId(PersonOf(head)), .current_on = today})
          .value();
  for (const auto& h : own.items)
    if (auto post = store.GetPost(trust, h.post).value(); post.school)
      cast.school = post.school->value();
  auto holdings = store
                      .ListHoldings({.trust = trust,
                                     .school = SchoolId(cast.school),
                                     .current_on = today,
                                     .page = {.limit = 100000}})
                      .value();
  for (const auto& h : holdings.items) cast.staff.insert(h.person.value());
  const PersonId managing(PersonOf(manager));
  auto links = [&](store::LineLinkFilter filter) {
    filter.trust = trust;
    filter.current_on = today;
    return store.ListLineLinks(filter).value().items;
  };
  for (const auto& l : links({.manager = managing})) cast.reports.push_back(l.report.value());
  for (const auto& l : links({.report = managing})) cast.managers_manager = l.manager.value();
  auto scope_of = [&](const Browser& b) {
    return access::ResolveScope(store, store.GetUser(UserId(b.user["id"].get<int64_t>())).value(),
                                today)
        .value();
  };
  cast.head_scope = scope_of(head);
  cast.manager_scope = scope_of(manager);
  const auto cycles = store.ListReviewCycles(trust).value();
  cast.next_year = cycles.at(0).year + 1;
  cast.newest_cycle = cycles.at(0).id.value();
  std::vector<talent::ReviewCycle> by_id(cycles.begin(), cycles.end());
  std::sort(by_id.begin(), by_id.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  const bool later_first = by_id.at(0).year > by_id.at(1).year;
  cast.demo_cycle = by_id.at(later_first ? 0 : 1).id.value();
  cast.demo_previous_cycle = by_id.at(later_first ? 1 : 0).id.value();
  return cast;
}

// The demo's sign-ins the tests use, signed in, and the cast around them.
struct Everyone {
  Browser admin, ceo, head, manager, teacher, governor;
  Cast cast;
};

Everyone SignInEveryone(Instance& i) {
  Everyone e{.admin = i.SignIn(kTrustAdmin),
             .ceo = i.SignIn(kExecutive),
             .head = i.SignIn(kHeadteacher),
             .manager = i.SignIn(kLineManager),
             .teacher = i.SignIn(kStaff),
             .governor = i.SignIn(kGovernor),
             .cast = {}};
  e.cast = CastOf(i, e.head, e.manager);
  return e;
}

// People of the trust that neither the headteacher nor the line manager may see, each with
// their current line manager (no manager twice): {report, manager}.
std::vector<std::pair<int64_t, int64_t>> ElsewhereWithManagers(Instance& i, const Cast& cast,
                                                               size_t n) {
  std::vector<std::pair<int64_t, int64_t>> out;
  std::set<int64_t> taken;
  auto links = i.app()
                   .store()
                   .ListLineLinks({.trust = i.demo_trust(),
                                   .current_on = i.app().clock().Today(),
                                   .page = {.limit = 100000}})
                   .value();
  for (const auto& l : links.items) {
    const PersonId report = l.report, manager = l.manager;
    if (cast.head_scope.Sees(report) || cast.manager_scope.Sees(report) ||
        cast.staff.contains(manager.value()) || taken.contains(report.value()) ||
        taken.contains(manager.value()))
      continue;
    taken.insert(report.value());
    taken.insert(manager.value());
    out.emplace_back(report.value(), manager.value());
    if (out.size() == n) break;
  }
  return out;
}

json OpenCycle(Instance& i, const Browser& admin, int64_t year, bool see_own_box) {
  auto opened = i.Send(
      "POST", T(i) + "/review-cycles", &admin,
      json{{"year", year}, {"name", "Review " + Str(year)}, {"people_see_own_box", see_own_box}}
          .dump());
  EXPECT_EQ(opened.status, 201) << opened.body;
  return opened.json;
}

std::string Cycle(const Instance& i, const json& cycle) {
  return T(i) + "/review-cycles/" + cycle["id"].dump();
}

const json* FindBy(const json& items, const char* key, int64_t value) {
  for (const auto& item : items)
    if (item[key] == value) return &item;
  return nullptr;
}

json Box(int performance, int potential) {
  return {{"performance", performance}, {"potential", potential}};
}
json Unnamed(json box) {
  box.erase("name");
  return box;
}

TEST(Review, AWholeCalibrationFromProposalsToFinalRatingsGridAndMovement) {
  auto& i = Shared();
  const auto [admin, ceo, head, manager, teacher, governor, cast] = SignInEveryone(i);
  ASSERT_GT(cast.school, 0);
  ASSERT_FALSE(cast.reports.empty());
  ASSERT_GT(cast.managers_manager, 0);
  ASSERT_TRUE(cast.staff.contains(cast.reports.at(0)));

  const json cycle = OpenCycle(i, admin, cast.next_year, true);
  const std::string at = Cycle(i, cycle);
  EXPECT_EQ(cycle["status"], "open");
  EXPECT_EQ(cycle["boxes"].size(), 9u);
  EXPECT_EQ(cycle["boxes"][8]["name"], "Star");
  EXPECT_EQ(i.Send("POST", T(i) + "/review-cycles", &admin,
                   json{{"year", cast.next_year}, {"name", "Again"}}.dump())
                .status,
            409);
  auto renamed =
      i.Send("PATCH", at, &admin, json{{"name", "Talent review " + Str(cast.next_year)}}.dump());
  ASSERT_EQ(renamed.status, 200) << renamed.body;
  EXPECT_TRUE(renamed.json["people_see_own_box"].get<bool>());

  // The line manager proposes for a report (and may re-propose), not for anyone else.
  const int64_t report = cast.reports.at(0);
  auto proposed = i.Send("POST", at + "/ratings", &manager, Proposal(report, 2, 3).dump());
  ASSERT_EQ(proposed.status, 201) << proposed.body;
  EXPECT_EQ(proposed.json["rater_id"], PersonOf(manager));
  auto again = i.Send("POST", at + "/ratings", &manager,
                      Proposal(report, 3, 3, "Better than I said.").dump());
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.json["id"], proposed.json["id"]);
  EXPECT_EQ(again.json["current"]["name"], "Star");
  auto elsewhere = ElsewhereWithManagers(i, cast, 6);
  ASSERT_EQ(elsewhere.size(), 6u);
  EXPECT_EQ(
      i.Send("POST", at + "/ratings", &manager, Proposal(elsewhere[0].first, 2, 2).dump()).status,
      404);
  auto own_manager =
      i.Send("POST", at + "/ratings", &manager, Proposal(cast.managers_manager, 2, 2).dump());
  EXPECT_EQ(own_manager.status, 403) << own_manager.body;
  auto named = i.Send("POST", at + "/ratings", &manager,
                      WithRater(Proposal(report, 2, 2), cast.managers_manager).dump());
  EXPECT_EQ(named.status, 422) << named.body;

  // The headteacher proposes for their school's staff: everyone in the top box.
  std::vector<int64_t> starred;
  for (int64_t p : cast.staff)
    if (p != PersonOf(head) && p != PersonOf(manager) && p != report && starred.size() < 6)
      starred.push_back(p);
  ASSERT_EQ(starred.size(), 6u);
  for (int64_t p : starred) {
    auto r = i.Send("POST", at + "/ratings", &head, Proposal(p, 3, 3, "Outstanding.").dump());
    ASSERT_EQ(r.status, 201) << r.body;
  }
  EXPECT_EQ(
      i.Send("POST", at + "/ratings", &head, Proposal(elsewhere[0].first, 3, 3).dump()).status,
      404);
  // The trust admin proposes on managers' behalf, elsewhere in the trust.
  for (auto [person, rater] : elsewhere) {
    auto r =
        i.Send("POST", at + "/ratings", &admin, WithRater(Proposal(person, 2, 2), rater).dump());
    ASSERT_EQ(r.status, 201) << r.body;
    EXPECT_EQ(r.json["rater_id"], rater);
  }

  // Calibration: proposals close, the school's meeting adjusts first.
  auto started = i.Send("POST", at + "/start-calibration", &admin);
  ASSERT_EQ(started.status, 200) << started.body;
  EXPECT_EQ(started.json["status"], "calibrating");
  EXPECT_EQ(i.Send("POST", at + "/ratings", &manager, Proposal(report, 2, 2).dump()).status, 409);
  const std::string today = i.app().clock().Today().ToIso();
  auto school_meeting = i.Send("POST", at + "/meetings", &admin,
                               json{{"level", "school"},
                                    {"school_id", cast.school},
                                    {"held_on", today},
                                    {"attendees", "Head and SLT"}}
                                   .dump());
  ASSERT_EQ(school_meeting.status, 201) << school_meeting.body;
  const std::string school_at = at + "/meetings/" + school_meeting.json["id"].dump();

  auto ratings = i.Send("GET", at + "/ratings?limit=500", &admin);
  ASSERT_EQ(ratings.status, 200);
  EXPECT_EQ(ratings.json["total"], 13);
  auto rating_of = [&](int64_t person) {
    return (*FindBy(ratings.json["items"], "person_id", person))["id"].get<int64_t>();
  };
  const int64_t lowered = rating_of(starred[0]);
  // Clang (before C++20's P1091 landed) cannot capture a structured binding: take a reference.
  const Browser& admin_browser = admin;
  auto adjust = [&](const std::string& meeting_at, int64_t rating, int performance, int potential,
                    const std::string& reason) {
    return i.Send("POST", meeting_at + "/adjustments", &admin_browser,
                  json{{"rating_id", rating},
                       {"performance", performance},
                       {"potential", potential},
                       {"reason", reason}}
                      .dump());
  };
  auto adjusted = adjust(school_at, lowered, 3, 2, "Potential not yet shown beyond the classroom.");
  ASSERT_EQ(adjusted.status, 201) << adjusted.body;
  EXPECT_EQ(adjusted.json["before"], Box(3, 3));
  EXPECT_EQ(adjusted.json["after"], Box(3, 2));
  EXPECT_EQ(adjust(school_at, rating_of(starred[1]), 2, 2, " ").status, 422);
  EXPECT_EQ(adjust(school_at, rating_of(elsewhere[0].first), 3, 2, "Not ours.").status, 422);

  auto detail = i.Send("GET", at + "/ratings/" + Str(lowered), &admin);
  ASSERT_EQ(detail.status, 200) << detail.body;
  EXPECT_EQ(Unnamed(detail.json["current"]), Box(3, 2));
  EXPECT_EQ(detail.json["proposal"], Box(3, 3));
  ASSERT_EQ(detail.json["adjustments"].size(), 1u);
  const auto& made = detail.json["adjustments"][0];
  EXPECT_EQ(made["before"], Box(3, 3));
  EXPECT_EQ(made["after"], Box(3, 2));
  EXPECT_EQ(made["reason"], "Potential not yet shown beyond the classroom.");
  EXPECT_EQ(made["by"], kTrustAdmin);
  EXPECT_EQ(made["meeting"]["level"], "school");

  // The trust's meeting: the headteacher stands out for rating everyone in the top box.
  auto trust_meeting = i.Send(
      "POST", at + "/meetings", &admin,
      json{{"level", "trust"}, {"held_on", today}, {"attendees", "CEO, directors, heads"}}.dump());
  ASSERT_EQ(trust_meeting.status, 201) << trust_meeting.body;
  const std::string trust_at = at + "/meetings/" + trust_meeting.json["id"].dump();
  const int64_t raised = rating_of(elsewhere[1].first);
  ASSERT_EQ(adjust(trust_at, raised, 2, 3, "Trust-wide project leadership.").status, 201);
  auto late_meeting = json{{"level", "school"}, {"school_id", cast.school}, {"held_on", today}};
  EXPECT_EQ(i.Send("POST", at + "/meetings", &admin, late_meeting.dump()).status, 409);
  EXPECT_EQ(adjust(school_at, rating_of(starred[1]), 2, 3, "Too late.").status, 409);

  auto meeting = i.Send("GET", trust_at, &admin);
  ASSERT_EQ(meeting.status, 200) << meeting.body;
  EXPECT_EQ(meeting.json["ratings"].size(), 13u);
  ASSERT_EQ(meeting.json["adjustments"].size(), 1u);
  EXPECT_EQ(meeting.json["adjustments"][0]["person_id"], elsewhere[1].first);
  const json* head_rater = FindBy(meeting.json["outliers"]["raters"], "rater_id", PersonOf(head));
  ASSERT_NE(head_rater, nullptr) << meeting.json["outliers"].dump();
  EXPECT_TRUE((*head_rater)["flagged"].get<bool>());
  EXPECT_EQ((*head_rater)["ratings"], 6);
  EXPECT_DOUBLE_EQ((*head_rater)["top_share"].get<double>(), 1.0);
  EXPECT_FALSE((*head_rater)["reasons"].empty());
  EXPECT_FALSE((*head_rater)["rater_name"].get<std::string>().empty());
  for (const auto& r : meeting.json["outliers"]["raters"])
    EXPECT_TRUE(r["rater_id"] == PersonOf(head) || !r["flagged"].get<bool>()) << r.dump();
  auto school_detail = i.Send("GET", school_at, &admin);
  ASSERT_EQ(school_detail.status, 200);
  for (const auto& r : school_detail.json["ratings"])
    EXPECT_TRUE(cast.staff.contains(r["person_id"].get<int64_t>()));

  // Closing makes every rating final at its current box.
  auto closed = i.Send("POST", at + "/close", &admin, "{}");
  ASSERT_EQ(closed.status, 200) << closed.body;
  EXPECT_EQ(closed.json["status"], "closed");
  EXPECT_EQ(closed.json["closed_on"], today);
  auto final_ratings = i.Send("GET", at + "/ratings?limit=500", &admin);
  for (const auto& r : final_ratings.json["items"]) {
    EXPECT_TRUE(r["final"].get<bool>());
    EXPECT_EQ(r["calibrated"], Unnamed(r["current"]));
  }
  EXPECT_EQ((*FindBy(final_ratings.json["items"], "id", lowered))["calibrated"], Box(3, 2));

  // The grid: 5 stars left, one high performer, the line manager's report a star, one
  // raised to emerging star, five core players.
  auto grid = i.Send("GET", at + "/grid", &admin);
  ASSERT_EQ(grid.status, 200) << grid.body;
  EXPECT_EQ(grid.json["total"], 13);
  auto count = [&](const json& g, int performance, int potential) {
    for (const auto& b : g["boxes"])
      if (b["performance"] == performance && b["potential"] == potential)
        return b["count"].get<int>();
    return -1;
  };
  EXPECT_EQ(count(grid.json, 3, 3), 6);
  EXPECT_EQ(count(grid.json, 3, 2), 1);
  EXPECT_EQ(count(grid.json, 2, 3), 1);
  EXPECT_EQ(count(grid.json, 2, 2), 5);
  auto school_grid = i.Send("GET", at + "/grid?school_id=" + Str(cast.school), &admin);
  EXPECT_EQ(count(school_grid.json, 3, 3), 6);
  EXPECT_EQ(count(school_grid.json, 2, 2), 0);

  // Movement against the demo's latest cycle (the one before by year).
  auto movement = i.Send("GET", at + "/movement", &admin);
  ASSERT_EQ(movement.status, 200) << movement.body;
  EXPECT_EQ(movement.json["from_cycle"]["id"], cast.newest_cycle);
  const auto& m = movement.json;
  EXPECT_EQ(m["up"].get<size_t>() + m["down"].get<size_t>() + m["same"].get<size_t>() +
                m["across"].get<size_t>(),
            m["people"].size());
  EXPECT_EQ(m["people"].size() + m["only_later"].get<size_t>(), 13u);
  size_t flowing = 0;
  for (const auto& f : m["flows"]) flowing += f["count"].get<size_t>();
  EXPECT_EQ(flowing, m["people"].size());
  auto explicit_from =
      i.Send("GET", at + "/movement?from_cycle_id=" + Str(cast.newest_cycle), &admin);
  EXPECT_EQ(explicit_from.json, movement.json);
}

// A small closed cycle of the demo trust in which the teacher, the headteacher's staff and
// someone elsewhere are rated; answers the cycle.
json ClosedCycle(Instance& i, const Browser& admin, const Cast& cast, const Browser& teacher,
                 bool see_own_box) {
  const json cycle = OpenCycle(i, admin, cast.next_year, see_own_box);
  const std::string at = Cycle(i, cycle);
  std::vector<std::pair<int64_t, int64_t>> rated = ElsewhereWithManagers(i, cast, 1);
  const int64_t rater = rated.at(0).second;
  rated.emplace_back(PersonOf(teacher), rater);
  for (int64_t p : cast.staff)
    if (p != PersonOf(teacher) && p != rater && rated.size() < 4) rated.emplace_back(p, rater);
  for (auto [person, by] : rated)
    EXPECT_EQ(i.Send("POST", at + "/ratings", &admin,
                     WithRater(Proposal(person, 2, 3, "Private remarks."), by).dump())
                  .status,
              201);
  EXPECT_EQ(i.Send("POST", at + "/start-calibration", &admin).status, 200);
  EXPECT_EQ(i.Send("POST", at + "/close", &admin).status, 200);
  return cycle;
}

TEST(Review, WhoReadsWhichRatings) {
  auto& i = Shared();
  const auto [admin, ceo, head, manager, teacher, governor, cast] = SignInEveryone(i);
  const std::string demo_cycle = T(i) + "/review-cycles/" + Str(cast.demo_cycle);

  // Executive: the whole trust.
  auto all = i.Send("GET", demo_cycle + "/ratings?limit=500", &ceo);
  ASSERT_EQ(all.status, 200) << all.body;
  const int64_t everyone = all.json["total"];
  EXPECT_GT(everyone, 40);
  EXPECT_EQ(i.Send("GET", demo_cycle + "/grid", &ceo).json["total"], everyone);
  auto meetings = i.Send("GET", demo_cycle + "/meetings", &ceo);
  ASSERT_EQ(meetings.status, 200);
  EXPECT_EQ(meetings.json["total"], 2);

  // Headteacher: their school's staff only, never themselves.
  auto theirs = i.Send("GET", demo_cycle + "/ratings?limit=500", &head);
  ASSERT_EQ(theirs.status, 200) << theirs.body;
  EXPECT_LT(theirs.json["total"].get<int64_t>(), everyone);
  std::set<int64_t> seen_by_head;
  for (const auto& r : theirs.json["items"]) {
    EXPECT_TRUE(cast.staff.contains(r["person_id"].get<int64_t>())) << r.dump();
    EXPECT_NE(r["person_id"], PersonOf(head));
    seen_by_head.insert(r["id"].get<int64_t>());
  }
  EXPECT_EQ(i.Send("GET", demo_cycle + "/grid", &head).json["total"], theirs.json["total"]);
  for (const auto& r : all.json["items"]) {
    if (seen_by_head.contains(r["id"].get<int64_t>()) || r["person_id"] == PersonOf(head)) continue;
    EXPECT_EQ(i.Send("GET", demo_cycle + "/ratings/" + r["id"].dump(), &head).status, 404);
    EXPECT_EQ(i.Send("GET", T(i) + "/people/" + r["person_id"].dump() + "/ratings", &head).status,
              404);
    break;
  }
  for (const auto& m : meetings.json["items"]) {
    const bool theirs_to_see = m["level"] == "school" && m["school_id"] == cast.school;
    EXPECT_EQ(i.Send("GET", demo_cycle + "/meetings/" + m["id"].dump(), &head).status,
              theirs_to_see ? 200 : 404);
  }
  auto head_own = i.Send("GET", T(i) + "/people/" + Str(PersonOf(head)) + "/ratings", &head);
  ASSERT_EQ(head_own.status, 200);
  EXPECT_EQ(head_own.json["view"], "own_box");

  // Line manager: only the proposals they made, and nothing a meeting decided.
  for (const char* path : {"/ratings", "/grid", "/meetings", "/movement"})
    EXPECT_EQ(i.Send("GET", demo_cycle + path, &manager).status, 403) << path;
  auto proposals = i.Send("GET", demo_cycle + "/proposals", &manager);
  ASSERT_EQ(proposals.status, 200) << proposals.body;
  for (const auto& p : proposals.json["items"]) {
    const json* rating = FindBy(all.json["items"], "id", p["rating_id"].get<int64_t>());
    ASSERT_NE(rating, nullptr);
    EXPECT_EQ((*rating)["rater_id"], PersonOf(manager));
    EXPECT_FALSE(p.contains("calibrated"));
    EXPECT_FALSE(p.contains("final"));
    EXPECT_TRUE(p.contains("rationale"));
  }
  int64_t by_manager = 0;
  for (const auto& r : all.json["items"]) by_manager += r["rater_id"] == PersonOf(manager) ? 1 : 0;
  EXPECT_EQ(proposals.json["total"], by_manager);
  EXPECT_EQ(
      i.Send("GET", T(i) + "/people/" + Str(cast.reports.at(0)) + "/ratings", &manager).status,
      404);
  EXPECT_EQ(i.Send("GET", demo_cycle + "/proposals", &ceo).status, 403);

  // Governor: nothing.
  for (const char* path : {"/ratings", "/grid", "/meetings", "/movement", "/proposals"})
    EXPECT_EQ(i.Send("GET", demo_cycle + path, &governor).status, 403) << path;
  EXPECT_EQ(
      i.Send("GET", T(i) + "/people/" + Str(PersonOf(teacher)) + "/ratings", &governor).status,
      404);

  // Staff: their own box, only once the trust lets them.
  const json hidden = ClosedCycle(i, admin, cast, teacher, false);
  EXPECT_EQ(i.Send("GET", Cycle(i, hidden) + "/ratings", &teacher).status, 403);
  const std::string own = T(i) + "/people/" + Str(PersonOf(teacher)) + "/ratings";
  auto none = i.Send("GET", own, &teacher);
  ASSERT_EQ(none.status, 200) << none.body;
  EXPECT_EQ(none.json["view"], "own_box");
  EXPECT_TRUE(none.json["items"].empty()) << none.body;
  ASSERT_EQ(
      i.Send("PATCH", Cycle(i, hidden), &admin, json{{"people_see_own_box", true}}.dump()).status,
      200);
  auto mine = i.Send("GET", own, &teacher);
  ASSERT_EQ(mine.json["items"].size(), 1u) << mine.body;
  const auto& box = mine.json["items"][0];
  EXPECT_EQ(box["current"],
            json({{"performance", 2}, {"potential", 3}, {"name", "Emerging star"}}));
  EXPECT_EQ(box["cycle"]["id"], hidden["id"]);
  for (const char* kept_back : {"rationale", "evidence", "proposal", "rater_id", "rater_name"})
    EXPECT_FALSE(box.contains(kept_back)) << kept_back;
  EXPECT_EQ(
      i.Send("GET", T(i) + "/people/" + Str(cast.reports.at(0)) + "/ratings", &teacher).status,
      404);
  // Those who read it in full see the rationale.
  auto full = i.Send("GET", own, &ceo);
  ASSERT_EQ(full.status, 200);
  EXPECT_EQ(full.json["view"], "full");
  EXPECT_EQ(full.json["items"][0]["rationale"], "Private remarks.");

  // Another trust: none of it exists.
  auto outsider = i.SignIn(Instance::kOtherAdmin);
  EXPECT_EQ(i.Send("GET", demo_cycle + "/ratings", &outsider).status, 404);
  EXPECT_EQ(i.Send("GET", own, &outsider).status, 404);
  const std::string other = "/api/v1/trusts/" + Str(i.other_trust().value());
  auto their_cycles = i.Send("GET", other + "/review-cycles", &outsider);
  ASSERT_EQ(their_cycles.status, 200);
  EXPECT_EQ(
      i.Send("GET",
             T(i) + "/review-cycles/" + their_cycles.json["items"][0]["id"].dump() + "/ratings",
             &admin)
          .status,
      404);
}

TEST(Review, EveryReadOfRatingsIsAuditLogged) {
  auto& i = Shared();
  const auto [admin, ceo, head, manager, teacher, governor, cast] = SignInEveryone(i);
  const std::string cycle = Str(cast.demo_cycle);
  const std::string at = T(i) + "/review-cycles/" + cycle;
  auto meetings = i.Send("GET", at + "/meetings", &ceo);
  const std::string meeting = meetings.json["items"][0]["id"].dump();
  auto ratings = i.Send("GET", at + "/ratings?limit=1", &ceo);
  const std::string rating = ratings.json["items"][0]["id"].dump();
  const std::string person = ratings.json["items"][0]["person_id"].dump();

  struct Read {
    const Browser* who;
    std::string path;
    std::string what;  // the audit entry's entity_id
  };
  const std::vector<Read> reads = {
      {&ceo, at + "/ratings?school_id=" + Str(cast.school),
       "cycle " + cycle + ", school " + Str(cast.school)},
      {&ceo, at + "/ratings/" + rating, "rating " + rating},
      {&ceo, at + "/meetings/" + meeting, "meeting " + meeting},
      {&ceo, at + "/grid?stage=experienced_teacher",
       "cycle " + cycle + " grid, stage experienced_teacher"},
      {&ceo, at + "/movement",
       "cycle " + cycle + " movement from cycle " + Str(cast.demo_previous_cycle)},
      {&ceo, T(i) + "/people/" + person + "/ratings", "person " + person},
      {&head, at + "/ratings", "cycle " + cycle},
      {&manager, at + "/proposals",
       "cycle " + cycle + ", proposals of person " + Str(PersonOf(manager))},
      {&teacher, T(i) + "/people/" + Str(PersonOf(teacher)) + "/ratings",
       "person " + Str(PersonOf(teacher)) + ", own box"},
  };
  for (const auto& read : reads) {
    auto reply = i.Send("GET", read.path, read.who);
    ASSERT_EQ(reply.status, 200) << read.path << " " << reply.body;
    auto audit = i.Send(
        "GET", T(i) + "/audit?action=read&entity=rating&user_id=" + read.who->user["id"].dump(),
        &admin);
    ASSERT_EQ(audit.status, 200);
    ASSERT_FALSE(audit.json["items"].empty()) << read.path;
    EXPECT_EQ(audit.json["items"][0]["entity_id"], read.what) << read.path;
    EXPECT_EQ(audit.json["items"][0]["actor"], read.who->user["email"]);
  }
  // Lists of cycles and meetings show no ratings and are not reads of them.
  auto before = i.Send("GET", T(i) + "/audit?action=read&entity=rating", &admin).json["total"];
  i.Send("GET", T(i) + "/review-cycles", &ceo);
  i.Send("GET", at + "/meetings", &ceo);
  EXPECT_EQ(i.Send("GET", T(i) + "/audit?action=read&entity=rating", &admin).json["total"], before);
}

}  // namespace
}  // namespace trellis::testing
