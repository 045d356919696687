#include "demo/demo.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <tuple>

#include "access/password.h"
#include "development/action.h"
#include "org/validation.h"
#include "store/sqlite/sqlite_store.h"
#include "store/store_test_support.h"
#include "succession/json.h"
#include "succession/ranking.h"
#include "succession/trust_pipeline.h"
#include "succession/trust_snapshot.h"
#include "talent/nine_box.h"

namespace trellis::demo {
namespace {

using store::testing::At;
using store::testing::D;
using store::testing::Must;
using store::testing::TempDir;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

const DemoOptions kOptions{
    .seed = 2026, .today = D("2026-03-15"), .now = At("2026-03-15T09:00:00Z")};
constexpr int64_t kPage = 200;

std::unique_ptr<store::Store> OpenStore(const TempDir& dir, const std::string& name) {
  auto store = Must(store::OpenSqliteStore((dir.path() / name).string()), "open");
  Must(store->Migrate(), "migrate");
  return store;
}

// Every item of a paged listing, page by page.
template <typename T, typename Filter, typename List>
std::vector<T> All(Filter filter, List list) {
  std::vector<T> out;
  for (filter.page = {.limit = kPage, .offset = 0};; filter.page.offset += kPage) {
    auto page = Must(list(filter), "list");
    out.insert(out.end(), page.items.begin(), page.items.end());
    if (static_cast<int64_t>(page.items.size()) < kPage) return out;
  }
}

std::vector<org::Person> People(store::Store& s, TrustId trust) {
  return All<org::Person>(
      store::PersonFilter{.trust = trust, .include_leavers = true, .today = kOptions.today},
      [&](const auto& f) { return s.ListPeople(f); });
}
std::vector<org::Post> Posts(store::Store& s, TrustId trust) {
  return All<org::Post>(store::PostFilter{.trust = trust, .today = kOptions.today},
                        [&](const auto& f) { return s.ListPosts(f); });
}
std::vector<org::Holding> Holdings(store::Store& s, TrustId trust) {
  return All<org::Holding>(store::HoldingFilter{.trust = trust},
                           [&](const auto& f) { return s.ListHoldings(f); });
}
std::vector<org::Membership> Memberships(store::Store& s, TrustId trust) {
  return All<org::Membership>(store::MembershipFilter{.trust = trust},
                              [&](const auto& f) { return s.ListMemberships(f); });
}
std::vector<org::LineLink> LineLinks(store::Store& s, TrustId trust) {
  return All<org::LineLink>(store::LineLinkFilter{.trust = trust},
                            [&](const auto& f) { return s.ListLineLinks(f); });
}
std::vector<org::Body> Bodies(store::Store& s, TrustId trust) {
  return All<org::Body>(store::BodyFilter{.trust = trust},
                        [&](const auto& f) { return s.ListBodies(f); });
}
std::vector<org::School> Schools(store::Store& s, TrustId trust) {
  return All<org::School>(store::SchoolFilter{.trust = trust},
                          [&](const auto& f) { return s.ListSchools(f); });
}

// One demo trust, created once for the read-only checks below (hashing seven passwords
// with argon2id is the slow part).
class DemoTrust : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    store_ = OpenStore(*dir_, "demo.db").release();
    summary_ = new DemoSummary(Must(CreateDemoTrust(*store_, kOptions), "create demo"));
  }
  static void TearDownTestSuite() {
    delete summary_;
    delete store_;
    delete dir_;
  }
  static store::Store& Store() { return *store_; }
  static const DemoSummary& Summary() { return *summary_; }
  static TrustId Trust() { return summary_->trust; }

 private:
  static inline TempDir* dir_ = nullptr;
  static inline store::Store* store_ = nullptr;
  static inline DemoSummary* summary_ = nullptr;
};

TEST_F(DemoTrust, HasTheExpectedShape) {
  const DemoSummary& summary = Summary();
  EXPECT_FALSE(summary.already_present);
  EXPECT_EQ(summary.schools, 8);
  EXPECT_GE(summary.people, 550);
  EXPECT_LE(summary.people, 650);
  EXPECT_EQ(summary.bodies, 12);
  EXPECT_GE(summary.posts, summary.people - 50);
  EXPECT_GE(summary.key_posts, 5 + 8 + 3 + 8);

  const auto trust = Must(Store().GetTrust(Trust()));
  EXPECT_EQ(trust.name, "Oakridge Learning Trust");
  EXPECT_EQ(trust.reference, "DEMO-OAKRIDGE");

  int primary = 0, secondary = 0;
  bool ashfield = false;
  for (const auto& school : Schools(Store(), Trust())) {
    primary += school.phase == "Primary";
    secondary += school.phase == "Secondary";
    ashfield = ashfield || school.name == "Ashfield Primary Academy";
    EXPECT_EQ(school.local_authority, "Leeds");
  }
  EXPECT_EQ(primary, 5);
  EXPECT_EQ(secondary, 3);
  EXPECT_TRUE(ashfield);
}

TEST_F(DemoTrust, EveryRungOfTheLadderIsPresent) {
  std::map<org::CareerStage, int> stages;
  for (const auto& person : People(Store(), Trust()))
    if (person.stage) ++stages[*person.stage];
  for (const auto& info : org::CareerStages())
    EXPECT_GT(stages[info.stage], 0) << "no one at " << info.code;
}

TEST_F(DemoTrust, EverySchoolHasAHeadteacherInAKeyPost) {
  for (const auto& school : Schools(Store(), Trust())) {
    auto posts = Must(Store().ListPosts(
        {.trust = Trust(), .school = school.id, .key = true, .today = kOptions.today}));
    int held_headships = 0;
    for (const auto& post : posts.items) {
      if (post.title != "Headteacher") continue;
      EXPECT_EQ(post.stage, org::CareerStage::kNewHeadteacher);
      auto holders = Must(
          Store().ListHoldings({.trust = Trust(), .post = post.id, .current_on = kOptions.today}));
      held_headships += holders.items.size() == 1;
    }
    EXPECT_EQ(held_headships, 1) << school.name;
  }
}

TEST_F(DemoTrust, HasTheBoardThreeCommitteesAndALocalGoverningBodyPerSchool) {
  std::map<org::BodyKind, int> kinds;
  std::set<std::string> names;
  for (const auto& body : Bodies(Store(), Trust())) {
    ++kinds[body.kind];
    names.insert(body.name);
  }
  EXPECT_EQ(kinds[org::BodyKind::kBoard], 1);
  EXPECT_EQ(kinds[org::BodyKind::kCommittee], 3);
  EXPECT_EQ(kinds[org::BodyKind::kLocalGoverningBody], 8);
  EXPECT_TRUE(names.contains("Pay and Personnel Committee"));
  EXPECT_TRUE(names.contains("Ashfield Primary Academy Local Governing Body"));

  // Each body has a clerk and, but for one Local Governing Body awaiting a new chair, a chair.
  std::map<BodyId, std::set<org::MembershipRole>> roles;
  for (const auto& m : Memberships(Store(), Trust()))
    if (org::InForce(m, kOptions.today)) roles[m.body].insert(m.role);
  int chaired = 0;
  for (const auto& body : Bodies(Store(), Trust())) {
    EXPECT_TRUE(roles[body.id].contains(org::MembershipRole::kClerk)) << body.name;
    chaired += roles[body.id].contains(org::MembershipRole::kChair);
  }
  EXPECT_EQ(chaired, 11);
}

TEST_F(DemoTrust, KeyPostsIncludeTheTrustRolesOfThePolicy) {
  auto key = Must(Store().ListPosts(
      {.trust = Trust(), .key = true, .today = kOptions.today, .page = {.limit = 500}}));
  std::set<std::string> titles;
  for (const auto& post : key.items) titles.insert(post.title);
  for (const char* role : {"Chair of the Board", "Chief Executive Officer", "Director of Finance",
                           "Director of Primary", "Director of Standards"})
    EXPECT_TRUE(titles.contains(role)) << role;
  EXPECT_EQ(key.total, Summary().key_posts);

  auto vacant = Must(
      Store().ListPosts({.trust = Trust(), .key = true, .vacant = true, .today = kOptions.today}));
  EXPECT_GE(vacant.total, 1);
  EXPECT_LE(vacant.total, 2);
}

TEST_F(DemoTrust, EveryCurrentMemberOfStaffButTheChiefExecutiveHasALineManager) {
  std::map<PostId, org::Post> posts;
  for (auto& post : Posts(Store(), Trust())) posts.emplace(post.id, post);
  std::set<PersonId> staff;
  PersonId ceo;
  for (const auto& holding : Holdings(Store(), Trust())) {
    if (!org::InForce(holding, kOptions.today)) continue;
    const org::Post& post = posts.at(holding.post);
    if (post.family != org::RoleFamily::kGovernance) staff.insert(holding.person);
    if (post.title == "Chief Executive Officer") ceo = holding.person;
  }
  ASSERT_TRUE(ceo.valid());
  std::set<PersonId> managed;
  for (const auto& link : LineLinks(Store(), Trust()))
    if (org::InForce(link, kOptions.today)) managed.insert(link.report);
  EXPECT_GT(staff.size(), 500u);
  for (PersonId person : staff) {
    if (person == ceo) {
      EXPECT_FALSE(managed.contains(person)) << "the CEO answers to the Board";
      continue;
    }
    EXPECT_TRUE(managed.contains(person)) << "person " << person.value() << " has no manager";
  }
}

TEST_F(DemoTrust, LeaversHoldNoCurrentPosts) {
  std::set<PersonId> holding_now;
  int ended = 0;
  for (const auto& holding : Holdings(Store(), Trust())) {
    if (org::InForce(holding, kOptions.today)) holding_now.insert(holding.person);
    ended += holding.end.has_value();
  }
  int leavers = 0;
  for (const auto& person : People(Store(), Trust())) {
    if (!person.left_trust) continue;
    ++leavers;
    EXPECT_LT(*person.left_trust, kOptions.today);
    EXPECT_FALSE(holding_now.contains(person.id)) << person.reference;
  }
  EXPECT_GE(leavers, 3);
  EXPECT_GT(ended, leavers) << "promotions leave ended holdings too";
}

TEST_F(DemoTrust, EverySignInAuthenticates) {
  const auto& sign_ins = Summary().sign_ins;
  std::vector<std::string> emails;
  for (const auto& sign_in : sign_ins) emails.push_back(sign_in.email);
  EXPECT_THAT(emails, ElementsAre("platform.admin@trellis.example", "hr.lead@oakridge.example",
                                  "ceo@oakridge.example", "head.ashfield@oakridge.example",
                                  "line.manager@oakridge.example", "teacher@oakridge.example",
                                  "governor@oakridge.example"));
  for (const auto& sign_in : sign_ins) {
    SCOPED_TRACE(sign_in.email);
    EXPECT_EQ(sign_in.password, "trellis-demo-2026");
    EXPECT_FALSE(sign_in.who.empty());
    const auto user = Must(Store().FindUserByEmail(sign_in.email));
    ASSERT_TRUE(user);
    EXPECT_EQ(user->role, sign_in.role);
    EXPECT_FALSE(user->disabled);
    EXPECT_TRUE(access::VerifyPassword(sign_in.password, user->password_hash));
    EXPECT_FALSE(access::VerifyPassword("not-the-demo-password", user->password_hash));
    if (sign_in.role == access::Role::kPlatformAdmin) {
      EXPECT_FALSE(user->trust);
      continue;
    }
    EXPECT_EQ(user->trust, Trust());
    ASSERT_TRUE(user->person);
    const auto person = Must(Store().GetPerson(Trust(), *user->person));
    EXPECT_FALSE(person.left_trust);
    if (sign_in.role == access::Role::kExecutive || sign_in.role == access::Role::kHeadteacher) {
      EXPECT_EQ(person.email, sign_in.email);
    }
  }
}

TEST_F(DemoTrust, ScopedSignInsSitWhereTheirRoleSays) {
  auto person_of = [&](size_t i) {
    return *Must(Store().FindUserByEmail(Summary().sign_ins.at(i).email))->person;
  };
  auto ashfield = Must(Store().ListSchools({.trust = Trust(), .search = "Ashfield"})).items.at(0);
  auto at_ashfield = [&](PersonId person) {
    return !Must(Store().ListHoldings({.trust = Trust(),
                                       .person = person,
                                       .school = ashfield.id,
                                       .current_on = kOptions.today}))
                .items.empty();
  };
  EXPECT_TRUE(at_ashfield(person_of(3)));  // headteacher
  EXPECT_TRUE(at_ashfield(person_of(4)));  // line manager
  EXPECT_TRUE(at_ashfield(person_of(5)));  // teacher
  auto reports = Must(Store().ListLineLinks(
      {.trust = Trust(), .manager = person_of(4), .current_on = kOptions.today}));
  EXPECT_GE(reports.total, 3);

  const auto body =
      *Must(Store().FindBodyByName(Trust(), "Ashfield Primary Academy Local Governing Body"));
  auto memberships = Must(Store().ListMemberships(
      {.trust = Trust(), .body = body.id, .person = person_of(6), .current_on = kOptions.today}));
  EXPECT_EQ(memberships.total, 1);
  memberships = Must(Store().ListMemberships(
      {.trust = Trust(), .body = body.id, .person = person_of(3), .current_on = kOptions.today}));
  EXPECT_EQ(memberships.total, 1) << "the headteacher sits on their Local Governing Body";
}

TEST_F(DemoTrust, EveryStoredRecordPassesTheOrganisationRules) {
  EXPECT_THAT(org::Check(Must(Store().GetTrust(Trust()))), IsEmpty());
  for (const auto& r : Schools(Store(), Trust())) EXPECT_THAT(org::Check(r), IsEmpty()) << r.name;
  for (const auto& r : Bodies(Store(), Trust())) EXPECT_THAT(org::Check(r), IsEmpty()) << r.name;
  for (const auto& r : People(Store(), Trust()))
    EXPECT_THAT(org::Check(r), IsEmpty()) << r.reference;
  for (const auto& r : Posts(Store(), Trust()))
    EXPECT_THAT(org::Check(r), IsEmpty()) << r.reference;
  for (const auto& r : Holdings(Store(), Trust())) EXPECT_THAT(org::Check(r), IsEmpty());
  for (const auto& r : Memberships(Store(), Trust())) EXPECT_THAT(org::Check(r), IsEmpty());
  for (const auto& r : LineLinks(Store(), Trust())) EXPECT_THAT(org::Check(r), IsEmpty());
}

TEST_F(DemoTrust, LeavesOneSummaryAuditEntry) {
  auto entries = Must(Store().ListAudit({.trust = Trust(), .action = "demo"}));
  ASSERT_EQ(entries.total, 1);
  const auto& entry = entries.items.at(0);
  EXPECT_EQ(entry.actor, "demo");
  EXPECT_EQ(entry.entity, "trust");
  EXPECT_EQ(entry.entity_id, std::to_string(Trust().value()));
  EXPECT_EQ(entry.at, kOptions.now);
}

TEST_F(DemoTrust, HasRoleProfilesForTheLeadershipStagesAndTheTrustKeyPosts) {
  auto profiles = Must(Store().ListRoleProfiles({.trust = Trust()}));
  EXPECT_EQ(profiles.total, 7);
  std::set<org::CareerStage> stages;
  std::set<std::string> posts;
  for (const auto& p : profiles.items) {
    EXPECT_FALSE(p.requirements.empty());
    for (const auto& q : p.requirements) {
      EXPECT_TRUE(q.level >= 1 && q.level <= 4);
      EXPECT_GT(q.weight, 0.0);
      EXPECT_TRUE(Store().GetCompetency(Trust(), q.competency)) << "a shipped competency";
    }
    if (p.stage) stages.insert(*p.stage);
    if (p.post) posts.insert(Must(Store().GetPost(Trust(), *p.post)).reference);
  }
  EXPECT_EQ(stages, (std::set<org::CareerStage>{org::CareerStage::kNewHeadteacher,
                                                org::CareerStage::kNewSeniorLeader}));
  EXPECT_EQ(posts, (std::set<std::string>{"P-TRUST-CEO", "P-TRUST-DOF", "P-TRUST-DOP",
                                          "P-TRUST-DOS", "P-BOARD-CHAIR"}));
}

TEST_F(DemoTrust, AssessesThePipelineUnevenlyAndLeavesSomeUnassessed) {
  auto latest = Must(Store().LatestLevels(Trust()));
  std::map<PersonId, std::vector<int>> by_person;
  for (const auto& l : latest) by_person[l.person].push_back(l.level);
  EXPECT_GT(by_person.size(), 40u);
  std::set<int> levels;
  std::set<size_t> sizes;
  for (const auto& [person, list] : by_person) {
    sizes.insert(list.size());
    levels.insert(list.begin(), list.end());
    const auto stage = Must(Store().GetPerson(Trust(), person)).stage;
    ASSERT_TRUE(stage);
    EXPECT_TRUE(org::Info(*stage).rung >= org::Info(org::CareerStage::kExperiencedTeacher).rung ||
                *stage == org::CareerStage::kBoardMember);
  }
  EXPECT_EQ(levels, (std::set<int>{1, 2, 3, 4}));
  EXPECT_GT(sizes.size(), 4u) << "some are assessed against more of their profile than others";
  // Some of the senior leaders were never assessed, and some were assessed twice.
  auto seniors = Must(Store().ListPeople({.trust = Trust(), .stage = org::CareerStage::kNewSeniorLeader,
                                          .today = kOptions.today, .page = {.limit = 1000}}));
  size_t unassessed = 0;
  for (const auto& p : seniors.items) unassessed += by_person.contains(p.id) ? 0 : 1;
  EXPECT_GT(unassessed, 0u);
  EXPECT_GT(Must(Store().ListAssessments({.trust = Trust()})).total, static_cast<int64_t>(latest.size()));
}

TEST_F(DemoTrust, HasTwoClosedTalentReviewsWithCalibrationAndMovement) {
  const auto cycles = Must(Store().ListReviewCycles(Trust()));
  ASSERT_EQ(cycles.size(), 2u);
  EXPECT_EQ(cycles[0].year, cycles[1].year + 1);
  std::vector<std::vector<talent::Rating>> ratings;
  for (const auto& cycle : cycles) {
    EXPECT_EQ(cycle.status, talent::CycleStatus::kClosed);
    ASSERT_TRUE(cycle.closed_on);
    EXPECT_LT(*cycle.closed_on, kOptions.today);
    const auto meetings = Must(Store().ListCalibrationMeetings(Trust(), cycle.id));
    ASSERT_EQ(meetings.size(), 2u);
    EXPECT_EQ(meetings[0].level, talent::MeetingLevel::kSchool);  // schools first
    EXPECT_EQ(meetings[1].level, talent::MeetingLevel::kTrust);
    for (const auto& meeting : meetings) {
      const auto made = Must(Store().ListRatingAdjustments({.trust = Trust(), .meeting = meeting.id}));
      EXPECT_GT(made.total, 0) << Code(meeting.level);
      for (const auto& a : made.items) {
        EXPECT_FALSE(a.reason.empty());
        EXPECT_NE(a.before, a.after);
      }
    }
    auto listed = Must(Store().ListRatings({.trust = Trust(), .cycle = cycle.id}));
    EXPECT_GT(listed.total, 40);
    for (const auto& r : listed.items) {
      EXPECT_TRUE(r.final);
      EXPECT_NE(r.rater, r.person);
    }
    ratings.push_back(std::move(listed.items));
  }
  // Most in the middle, a few stars and a few low performers.
  const talent::Grid grid = talent::BuildGrid(ratings[0]);
  for (size_t i = 0; i < talent::kBoxes; ++i)
    EXPECT_LE(grid.people[i].size(), grid.Count({2, 2})) << i;
  EXPECT_GT(grid.Count({3, 3}), 0u);
  EXPECT_GT(grid.Count({1, 1}) + grid.Count({1, 2}) + grid.Count({1, 3}), 0u);
  const talent::Movement movement = talent::MovementBetween(ratings[1], ratings[0]);
  EXPECT_GT(movement.people.size(), 30u);
  EXPECT_GT(movement.up, 0u);
  EXPECT_GT(movement.down, 0u);
  EXPECT_GT(movement.same, 0u);
  EXPECT_GT(movement.only_later, 0u);
  // The ranking's talent t reads this year's final ratings.
  const auto latest = Must(Store().LatestCalibratedRatings(Trust()));
  EXPECT_EQ(latest.size(), ratings[0].size());
  for (const auto& l : latest) EXPECT_EQ(l.year, cycles[0].year);
}

// ---- Succession plans ----

// Who is named where: the number of plans each person is named on.
std::map<PersonId, int> TimesNamed(const std::vector<succession::PlanContent>& plans) {
  std::map<PersonId, int> times;
  for (const auto& plan : plans)
    for (const auto& c : plan.candidates)
      if (c.person) ++times[*c.person];
  return times;
}

// The readiness that counts for each candidate of `plan`: the override, else the ranking
// engine's suggestion.
std::vector<succession::Readiness> ReadinessOf(const succession::Snapshot& snapshot,
                                            const succession::PlanContent& plan) {
  const auto index = snapshot.PostIndex(plan.plan.post);
  EXPECT_TRUE(index);
  const auto ranking = succession::Rank(snapshot, *index, succession::FormulaSettings{});
  std::vector<succession::Readiness> out;
  for (const auto& c : plan.candidates) {
    std::optional<succession::Readiness> suggested;
    for (const auto& r : ranking.candidates)
      if (c.person == r.person) suggested = r.suggested;
    out.push_back(succession::EffectiveReadiness(c, suggested));
  }
  return out;
}

TEST_F(DemoTrust, EveryKeyPostHasOnePlanWithRanksDiscussionsAndAReviewDate) {
  const auto plans = Must(Store().ListPlanContents(Trust()));
  auto key = Must(Store().ListPosts(
      {.trust = Trust(), .key = true, .today = kOptions.today, .page = {.limit = 500}}));
  std::set<PostId> key_posts, planned;
  for (const auto& post : key.items) key_posts.insert(post.id);
  std::set<succession::Forum> forums;
  int overdue = 0;
  for (const auto& plan : plans) {
    SCOPED_TRACE(plan.plan.post.value());
    EXPECT_TRUE(planned.insert(plan.plan.post).second);
    int emergency = 0;
    for (size_t i = 0; i < plan.candidates.size(); ++i) {
      EXPECT_EQ(plan.candidates[i].rank, static_cast<int>(i) + 1);
      emergency += plan.candidates[i].emergency;
    }
    EXPECT_LE(emergency, 1);
    EXPECT_GE(plan.discussions.size(), 1u);
    EXPECT_LE(plan.discussions.size(), 2u);
    for (const auto& d : plan.discussions) {
      EXPECT_LT(d.held_on, kOptions.today);
      EXPECT_FALSE(d.outcome.empty());
      forums.insert(d.forum);
    }
    ASSERT_TRUE(plan.plan.review_on);
    overdue += succession::IsOverdue(plan.plan, kOptions.today);
  }
  EXPECT_EQ(planned, key_posts);
  EXPECT_EQ(planned.size(), 35u);
  EXPECT_GE(forums.size(), 4u);
  EXPECT_GE(overdue, 1);
  EXPECT_LE(overdue, 10) << "a few are overdue, not most";
}

TEST_F(DemoTrust, PlansHaveASpreadOfCoverageOverloadAndRisk) {
  const auto plans = Must(Store().ListPlanContents(Trust()));
  const auto snapshot = Must(succession::BuildTrustSnapshot(Store(), Trust(), kOptions.today));
  int uncovered = 0, external_only = 0, covered_internally = 0;
  std::set<succession::Readiness> readiness;
  int overrides = 0;
  for (const auto& plan : plans) {
    bool internal = false, external = false;
    for (const auto& c : plan.candidates) {
      (c.internal() ? internal : external) = true;
      if (c.internal() && c.readiness) {
        ++overrides;
        EXPECT_FALSE(c.readiness_reason.empty());
      }
    }
    for (auto r : ReadinessOf(snapshot, plan)) readiness.insert(r);
    uncovered += plan.candidates.empty();
    covered_internally += internal;
    if (external && !internal) {
      ++external_only;
      EXPECT_TRUE(plan.plan.consider_external);
    }
    EXPECT_LE(plan.candidates.size(), 3u);
  }
  EXPECT_GE(uncovered, 2);
  EXPECT_EQ(external_only, 1);
  EXPECT_GE(covered_internally, 25) << "most posts name successors from the trust";
  EXPECT_EQ(readiness.size(), 3u) << "ready now, 1-2 years and 3+ years all appear";
  EXPECT_GT(overrides, 0);

  int overloaded = 0;
  for (const auto& [person, times] : TimesNamed(plans)) overloaded += times > 2;
  EXPECT_EQ(overloaded, 1) << "one successor is named on more than two plans";

  // Risks: most holders of key posts have one, mostly low or medium.
  std::map<PersonId, succession::LossRisk> risks;
  for (const auto& r : Must(Store().ListLossRisks(Trust()))) risks.emplace(r.person, r);
  std::set<PersonId> holders;
  for (const auto& post : snapshot.posts())
    if (!post.holders.empty()) holders.insert(post.holders.front());
  int with_risk = 0, high = 0;
  for (PersonId holder : holders) {
    const auto it = risks.find(holder);
    if (it == risks.end()) continue;
    ++with_risk;
    high += it->second.risk == succession::RiskOfLoss::kHigh;
  }
  EXPECT_GE(with_risk * 3, static_cast<int>(holders.size()) * 2);
  EXPECT_LT(high * 3, with_risk);

  // A holder likely to go within a year whose plan has nobody ready now, and a named
  // successor who is likely to go themselves.
  bool exposed_holder = false;
  for (const auto& plan : plans) {
    const auto& post = snapshot.posts()[*snapshot.PostIndex(plan.plan.post)];
    if (post.holders.empty() || !risks.contains(post.holders.front())) continue;
    const auto& risk = risks.at(post.holders.front());
    if (risk.risk != succession::RiskOfLoss::kHigh ||
        risk.window != succession::DepartureWindow::kWithinAYear)
      continue;
    const auto ready = ReadinessOf(snapshot, plan);
    exposed_holder = exposed_holder || (!plan.candidates.empty() &&
                                        std::count(ready.begin(), ready.end(),
                                                   succession::Readiness::kReadyNow) == 0);
  }
  EXPECT_TRUE(exposed_holder);
  bool restless_successor = false;
  for (const auto& [person, times] : TimesNamed(plans))
    restless_successor = restless_successor || (risks.contains(person) &&
                                                risks.at(person).risk == succession::RiskOfLoss::kHigh);
  EXPECT_TRUE(restless_successor);
}

// The assessments are against the profile of the rung each person aims for, so the trust has a
// bench to show: neither empty nor full.
TEST_F(DemoTrust, HasABenchAndSomeSuccessorsReadyNowButNotEverywhere) {
  const auto snapshot = Must(succession::BuildTrustSnapshot(Store(), Trust(), kOptions.today));
  const auto plans = Must(Store().ListPlanContents(Trust()));
  int ready_now_posts = 0, posts_with_a_bench = 0;
  for (const auto& plan : plans) {
    const auto ready = ReadinessOf(snapshot, plan);
    ready_now_posts += std::count(ready.begin(), ready.end(), succession::Readiness::kReadyNow) > 0;
  }
  const succession::FormulaSettings formula;
  for (size_t i = 0; i < snapshot.posts().size(); ++i) {
    const auto ranking = succession::Rank(snapshot, i, formula);
    posts_with_a_bench += std::any_of(ranking.candidates.begin(), ranking.candidates.end(),
                                       [&](const auto& c) { return c.match >= formula.bench_match; });
  }
  const int key_posts = static_cast<int>(snapshot.posts().size());
  EXPECT_GE(ready_now_posts * 10, key_posts) << "at least a tenth of key posts have someone ready now";
  EXPECT_LE(ready_now_posts * 2, key_posts) << "but not half of them";
  EXPECT_GE(posts_with_a_bench * 3, key_posts) << "a third of key posts have a bench";
  EXPECT_LT(posts_with_a_bench, key_posts);
}

TEST_F(DemoTrust, FirstChoicesHaveDevelopmentActionsInEveryStatus) {
  const auto plans = Must(Store().ListPlanContents(Trust()));
  std::map<SuccessionPlanId, PersonId> first_choice;
  for (const auto& plan : plans)
    if (!plan.candidates.empty() && plan.candidates.front().person)
      first_choice.emplace(plan.plan.id, *plan.candidates.front().person);
  const auto actions = Must(Store().ListDevelopmentActions(
      {.trust = Trust(), .source = development::ActionSource::kSuccessionGap, .page = {.limit = 1000}}));
  EXPECT_GE(actions.total, 15);
  std::set<development::ActionStatus> statuses;
  int overdue = 0;
  for (const auto& a : actions.items) {
    ASSERT_TRUE(a.plan);
    EXPECT_EQ(a.person, first_choice.at(*a.plan));
    EXPECT_TRUE(a.gap);
    statuses.insert(a.status);
    overdue += development::IsOverdue(a, kOptions.today);
    EXPECT_EQ(a.completed_on.has_value(), a.status == development::ActionStatus::kCompleted);
  }
  EXPECT_EQ(statuses.size(), 4u);
  EXPECT_GE(overdue, 1);
  EXPECT_LT(overdue * 2, static_cast<int>(actions.items.size()));
}

TEST_F(DemoTrust, PlansWereWrittenThroughTheServiceAndKeepTheirHistory) {
  const auto plans = Must(Store().ListPlanContents(Trust()));
  ASSERT_FALSE(plans.empty());
  const auto& plan = plans.front();
  const auto history = Must(Store().ListAudit(
      {.trust = Trust(), .entity = "succession_plan", .entity_id = std::to_string(plan.plan.id.value())}));
  EXPECT_EQ(history.total, static_cast<int64_t>(1 + plan.candidates.size() + plan.discussions.size()));
  for (const auto& entry : history.items) EXPECT_EQ(entry.actor, "demo");
}

TEST_F(DemoTrust, HasATrendSnapshotForEachClosedCycleComputedFromItsPlans) {
  const auto snapshots = Must(Store().ListPipelineSnapshots(Trust()));
  const auto cycles = Must(Store().ListReviewCycles(Trust()));  // newest first
  ASSERT_EQ(snapshots.size(), 2u);
  ASSERT_EQ(cycles.size(), 2u);
  const auto& earlier = snapshots[0];
  const auto& later = snapshots[1];
  EXPECT_EQ(earlier.cycle, cycles[1].id);
  EXPECT_EQ(later.cycle, cycles[0].id);
  EXPECT_EQ(earlier.taken_on, *cycles[1].closed_on);
  EXPECT_EQ(later.taken_on, *cycles[0].closed_on);

  // The later one is the pipeline as it stands.
  const auto pipeline = Must(succession::ReadTrustPipeline(Store(), Trust(), kOptions.today));
  EXPECT_EQ(later.coverage, pipeline.metrics.overall.coverage.figure);
  EXPECT_EQ(later.ready_now_coverage, pipeline.metrics.overall.ready_now_coverage.figure);
  EXPECT_EQ(later.overload, pipeline.metrics.overload);
  EXPECT_DOUBLE_EQ(later.bench.total, pipeline.metrics.overall.bench.total);
  // The earlier: the same posts covered by their first choices alone, fewer ready now and
  // fewer people named.
  EXPECT_EQ(earlier.coverage, later.coverage);
  EXPECT_LT(earlier.ready_now_coverage.numerator, later.ready_now_coverage.numerator);
  EXPECT_LT(earlier.overload.denominator, later.overload.denominator);
  EXPECT_LE(earlier.overload.numerator, later.overload.numerator);
  EXPECT_EQ(earlier.bench, later.bench);
}

TEST(Demo, IsIdempotent) {
  TempDir dir;
  auto store = OpenStore(dir, "demo.db");
  const DemoSummary first = Must(CreateDemoTrust(*store, kOptions));
  const DemoSummary second = Must(CreateDemoTrust(*store, kOptions));
  EXPECT_FALSE(first.already_present);
  EXPECT_TRUE(second.already_present);
  EXPECT_EQ(second.trust, first.trust);
  EXPECT_EQ(std::tie(second.schools, second.people, second.posts, second.key_posts, second.bodies),
            std::tie(first.schools, first.people, first.posts, first.key_posts, first.bodies));
  EXPECT_EQ(second.sign_ins.size(), first.sign_ins.size());
  EXPECT_EQ(Must(store->ListTrusts()).size(), 1u);
  EXPECT_EQ(Must(store->ListAudit({.action = "demo"})).total, 1) << "the second call wrote nothing";
}

TEST(Demo, SameSeedGivesTheSamePeople) {
  TempDir dir;
  auto a = OpenStore(dir, "a.db");
  auto b = OpenStore(dir, "b.db");
  const TrustId trust_a = Must(CreateDemoTrust(*a, kOptions)).trust;
  const TrustId trust_b = Must(CreateDemoTrust(*b, kOptions)).trust;
  auto key = [](const org::Person& p) {
    return std::make_tuple(p.reference, p.given_name, p.family_name, p.email, p.stage,
                           p.joined_trust, p.left_trust);
  };
  const auto people_a = People(*a, trust_a);
  const auto people_b = People(*b, trust_b);
  ASSERT_EQ(people_a.size(), people_b.size());
  for (size_t i = 0; i < people_a.size(); ++i) EXPECT_EQ(key(people_a[i]), key(people_b[i]));
  const auto levels_a = Must(a->LatestLevels(trust_a));
  const auto levels_b = Must(b->LatestLevels(trust_b));
  EXPECT_EQ(levels_a, levels_b) << "the same seed gives the same assessments";
  nlohmann::json plans_a = nlohmann::json::array(), plans_b = nlohmann::json::array();
  for (const auto& plan : Must(a->ListPlanContents(trust_a))) plans_a.push_back(succession::ToJson(plan));
  for (const auto& plan : Must(b->ListPlanContents(trust_b))) plans_b.push_back(succession::ToJson(plan));
  EXPECT_EQ(plans_a, plans_b) << "and the same succession plans";
}

TEST(Demo, KeepsAnExistingPlatformAdministrator) {
  TempDir dir;
  auto store = OpenStore(dir, "demo.db");
  access::User admin;
  admin.email = "platform.admin@trellis.example";
  admin.display_name = "Existing Admin";
  admin.role = access::Role::kPlatformAdmin;
  admin.password_hash = Must(access::HashPassword("an existing passphrase"));
  admin.created_at = kOptions.now;
  Must(store->Insert(admin));

  const DemoSummary summary = Must(CreateDemoTrust(*store, kOptions));
  EXPECT_FALSE(summary.already_present);
  const auto kept = *Must(store->FindUserByEmail("platform.admin@trellis.example"));
  EXPECT_EQ(kept.display_name, "Existing Admin");
  EXPECT_TRUE(Must(store->FindUserByEmail("hr.lead@oakridge.example")).has_value());
}

TEST(Demo, AClashingUserWritesNothing) {
  TempDir dir;
  auto store = OpenStore(dir, "demo.db");
  access::User squatter;
  squatter.email = "teacher@oakridge.example";
  squatter.role = access::Role::kPlatformAdmin;
  squatter.created_at = kOptions.now;
  Must(store->Insert(squatter));

  auto result = CreateDemoTrust(*store, kOptions);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::kConflict);
  EXPECT_THAT(Must(store->ListTrusts()), IsEmpty());
  EXPECT_FALSE(Must(store->FindUserByEmail("hr.lead@oakridge.example")).has_value());
}

}  // namespace
}  // namespace trellis::demo
