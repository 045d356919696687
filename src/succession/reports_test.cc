// The Board's, the Pay and Personnel Committee's and a Local Governing Body's reports on a
// small trust whose every figure is worked out by hand in the comments, from the definitions
// in reports.h (docs/formulas.md, "Reports").

#include "succession/reports.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace trellis::succession {
namespace {

using development::ActionStatus;
using development::DevelopmentAction;
using org::CareerStage;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

const TrustId kTrust(1);
const SchoolId kNorth(1), kSouth(2);
const BodyId kSouthLgb(5);
const CompetencyId kStrategy(1);
const Date kToday = *Date::Parse("2026-03-01");

Date Day(const char* iso) { return *Date::Parse(iso); }

enum : int64_t {
  kAda = 1,   // chief executive (holds 10); high risk, within a year
  kBen = 2,   // director of finance (holds 11)
  kCara = 3,  // headteacher of North (holds 20); medium risk
  kDev = 4,   // deputy of North (holds 21)
  kEve = 5,   // a deputy at South, in a post that is not key
  kGail = 7,  // chair of South's LGB (holds 40); high risk
  kJo = 8,    // governor of South's LGB
  kTom = 9,   // teacher at North
  kLee = 12,  // has left the trust; still named on a plan
};

enum : int64_t {
  kCeo = 10,          // trust-wide: trust executive
  kFinance = 11,      // trust-wide: trust executive (no stage)
  kNorthHead = 20,    // North: headship
  kNorthDeputy = 21,  // North: senior leadership; no plan
  kSouthHead = 30,    // South: headship; vacant
  kSouthChair = 40,   // South's LGB chair: governance
};

Candidate Person(int64_t id, std::optional<CareerStage> stage) {
  return {.id = PersonId(id),
          .trust = kTrust,
          .reference = "S" + std::to_string(id),
          .name = "Person " + std::to_string(id),
          .stage = stage,
          .levels = {{kStrategy, 2}}};
}

KeyPost Post(int64_t id, std::string title, std::optional<SchoolId> school,
             std::optional<CareerStage> stage, RoleGroup group, std::optional<int64_t> holder) {
  KeyPost post{.id = PostId(id),
               .trust = kTrust,
               .school = school,
               .title = std::move(title),
               .stage = stage,
               .role_group = group,
               .profile = {{kStrategy, 2, 1.0}}};
  if (holder) post.holders.push_back(PersonId(*holder));
  return post;
}

PlanCandidate Named(int64_t plan, int rank, std::optional<int64_t> person,
                    std::optional<Readiness> readiness, bool emergency = false,
                    std::string external = {}) {
  return {.id = PlanCandidateId(plan * 10 + rank),
          .trust = kTrust,
          .plan = SuccessionPlanId(plan),
          .person = person ? std::optional(PersonId(*person)) : std::nullopt,
          .external_name = std::move(external),
          .rank = rank,
          .readiness = readiness,
          .readiness_reason = readiness ? "judged by leaders" : "",
          .emergency = emergency,
          .added_on = Day("2025-09-01")};
}

PlanContent Plan(int64_t post, std::vector<PlanCandidate> candidates,
                 std::optional<Date> review_on = std::nullopt) {
  // Plans have their post's id, so Named(post, ...) belongs to the plan of `post`.
  return {.plan = {.id = SuccessionPlanId(post),
                   .trust = kTrust,
                   .post = PostId(post),
                   .impact = ImpactOfLoss::kHigh,
                   .review_on = review_on,
                   .created_on = Day("2025-09-01")},
          .candidates = std::move(candidates),
          .discussions = {}};
}

DevelopmentAction Action(int64_t id, int64_t plan, int64_t person, ActionStatus status,
                         const char* due_on) {
  return {.id = DevelopmentActionId(id),
          .trust = kTrust,
          .person = PersonId(person),
          .title = "Action " + std::to_string(id),
          .plan = SuccessionPlanId(plan),
          .due_on = Day(due_on),
          .status = status,
          .raised_on = Day("2025-10-01"),
          .completed_on =
              status == ActionStatus::kCompleted ? std::optional(Day("2026-02-01")) : std::nullopt};
}

LossRisk Risk(int64_t person, RiskOfLoss risk, std::optional<DepartureWindow> window = {}) {
  return {.id = LossRiskId(person),
          .trust = kTrust,
          .person = PersonId(person),
          .risk = risk,
          .window = window,
          .assessed_on = Day("2026-01-10")};
}

// Readiness is set by people on every internal candidate, so no figure depends on the
// ranking formula.
TrustPipeline SmallTrust() {
  Candidate gail = Person(kGail, CareerStage::kLocalGoverningBodyMember);
  gail.memberships.push_back({kSouthLgb, org::MembershipRole::kChair});
  Candidate jo = Person(kJo, CareerStage::kLocalGoverningBodyMember);
  jo.memberships.push_back({kSouthLgb, org::MembershipRole::kMember});
  KeyPost chair = Post(kSouthChair, "Chair of the LGB", kSouth,
                       CareerStage::kLocalGoverningBodyMember, RoleGroup::kGovernance, kGail);
  chair.governance = true;
  chair.body = kSouthLgb;
  Snapshot snapshot({Person(kAda, CareerStage::kExecutiveLeader), Person(kBen, std::nullopt),
                     Person(kCara, CareerStage::kNewHeadteacher),
                     Person(kDev, CareerStage::kExperiencedSeniorLeader),
                     Person(kEve, CareerStage::kExperiencedSeniorLeader), gail, jo,
                     Person(kTom, CareerStage::kTeacher)},
                    {Post(kSouthHead, "Headteacher", kSouth, CareerStage::kNewHeadteacher,
                          RoleGroup::kHeadship, std::nullopt),
                     Post(kCeo, "Chief executive", std::nullopt, CareerStage::kExecutiveLeader,
                          RoleGroup::kTrustExecutive, kAda),
                     Post(kFinance, "Director of Finance", std::nullopt, std::nullopt,
                          RoleGroup::kTrustExecutive, kBen),
                     Post(kNorthHead, "Headteacher", kNorth, CareerStage::kNewHeadteacher,
                          RoleGroup::kHeadship, kCara),
                     Post(kNorthDeputy, "Deputy headteacher", kNorth, CareerStage::kNewSeniorLeader,
                          RoleGroup::kSeniorLeadership, kDev),
                     chair},
                    {kSouthLgb});

  std::vector<PlanContent> plans = {
      // CEO: Cara (1–2 years, the emergency successor) and an outsider judged ready now.
      Plan(kCeo, {Named(kCeo, 1, kCara, Readiness::kOneToTwoYears, true),
                  Named(kCeo, 2, std::nullopt, Readiness::kReadyNow, false, "Priya Raman")}),
      // Director of Finance: nobody named; the Board looks outside.
      Plan(kFinance, {}),
      // North's headship: Dev ready now, Eve 1–2 years. Review was due in February: overdue.
      Plan(kNorthHead,
           {Named(kNorthHead, 1, kDev, Readiness::kReadyNow),
            Named(kNorthHead, 2, kEve, Readiness::kOneToTwoYears)},
           Day("2026-02-15")),
      // South's headship (vacant): Eve ready now and the emergency successor; Lee, a leaver,
      // who counts for nothing.
      Plan(kSouthHead,
           {Named(kSouthHead, 1, kEve, Readiness::kReadyNow, true),
            Named(kSouthHead, 2, kLee, Readiness::kReadyNow)},
           Day("2026-06-01")),
      // South's LGB chair: Jo, 1–2 years.
      Plan(kSouthChair, {Named(kSouthChair, 1, kJo, Readiness::kOneToTwoYears)}, Day("2026-09-01")),
  };
  plans[0].plan.consider_external = true;
  plans[0].discussions = {{.id = PlanDiscussionId(1),
                           .trust = kTrust,
                           .plan = SuccessionPlanId(kCeo),
                           .held_on = Day("2025-10-01"),
                           .forum = Forum::kPayAndPersonnelCommittee,
                           .outcome = "x"},
                          {.id = PlanDiscussionId(2),
                           .trust = kTrust,
                           .plan = SuccessionPlanId(kCeo),
                           .held_on = Day("2026-01-20"),
                           .forum = Forum::kTrustBoard,
                           .outcome = "y"}};

  std::vector<DevelopmentAction> actions = {
      // North's headship: on track (in progress, due later), off track (planned, past due),
      // cancelled (counted in neither part).
      Action(1, kNorthHead, kDev, ActionStatus::kInProgress, "2026-05-01"),
      Action(2, kNorthHead, kDev, ActionStatus::kPlanned, "2026-02-01"),
      Action(3, kNorthHead, kDev, ActionStatus::kCancelled, "2026-02-01"),
      // South's headship: completed (on track).
      Action(4, kSouthHead, kEve, ActionStatus::kCompleted, "2026-01-01"),
  };

  std::unordered_map<PersonId, std::string> names;
  for (int64_t id : {kAda, kBen, kCara, kDev, kEve, kGail, kJo, kTom, kLee})
    names.emplace(PersonId(id), "Person " + std::to_string(id));

  TrustPipeline pipeline{
      .snapshot = std::move(snapshot),
      .plans = std::move(plans),
      .risks = {Risk(kAda, RiskOfLoss::kHigh, DepartureWindow::kWithinAYear),
                Risk(kCara, RiskOfLoss::kMedium), Risk(kGail, RiskOfLoss::kHigh)},
      .actions = std::move(actions),
      .schools = {{.id = kNorth, .trust = kTrust, .urn = 1, .name = "North Primary"},
                  {.id = kSouth, .trust = kTrust, .urn = 2, .name = "South Academy"}},
      .names = std::move(names),
      .settings = {},
      .today = kToday,
      .metrics = {}};
  pipeline.metrics = MeasuredOn(pipeline);
  return pipeline;
}

// The 2025 cycle, closed: Cara, Tom and Eve have final ratings, Dev none; North's school
// calibration meeting was held, South's was not (the trust's meeting is no school's).
ReviewRecords SmallReview() {
  ReviewRecords review;
  review.cycle = talent::ReviewCycle{.id = ReviewCycleId(3),
                                     .trust = kTrust,
                                     .year = 2025,
                                     .name = "Talent review 2025/26",
                                     .status = talent::CycleStatus::kClosed,
                                     .opened_on = Day("2025-10-01"),
                                     .closed_on = Day("2025-12-01")};
  auto rating = [](int64_t id, int64_t person, bool final) {
    return talent::Rating{.id = RatingId(id),
                          .trust = kTrust,
                          .cycle = ReviewCycleId(3),
                          .person = PersonId(person),
                          .rater = PersonId(kAda),
                          .proposal = {2, 2},
                          .calibrated = talent::Box{2, 2},
                          .final = final};
  };
  review.ratings = {rating(1, kCara, true), rating(2, kTom, true), rating(3, kEve, true),
                    rating(4, kDev, false)};
  review.meetings = {{.id = CalibrationMeetingId(1),
                      .trust = kTrust,
                      .cycle = ReviewCycleId(3),
                      .level = talent::MeetingLevel::kSchool,
                      .school = kNorth,
                      .held_on = Day("2025-11-01")},
                     {.id = CalibrationMeetingId(2),
                      .trust = kTrust,
                      .cycle = ReviewCycleId(3),
                      .level = talent::MeetingLevel::kTrust,
                      .held_on = Day("2025-11-15")}};
  review.staff = {{kNorth, {PersonId(kCara), PersonId(kDev), PersonId(kTom)}},
                  {kSouth, {PersonId(kEve)}}};
  return review;
}

std::vector<int64_t> PostsOf(const std::vector<KeyPostReport>& lines) {
  std::vector<int64_t> ids;
  for (const auto& line : lines) ids.push_back(line.post.value());
  return ids;
}

TEST(BoardReport, EveryTrustRoleAndHeadshipWithItsPlan) {
  const TrustPipeline pipeline = SmallTrust();
  const BoardReport report = BuildBoardReport(pipeline);
  EXPECT_EQ(report.on, kToday);
  // Trust-wide posts first, by title (both trust executive); then the headships by school
  // name. North's deputy and South's LGB chair are the schools' own business.
  EXPECT_THAT(PostsOf(report.roles), ElementsAre(kCeo, kFinance, kNorthHead, kSouthHead));
  // Covered: CEO, North, South (3 of 4). Ready now: CEO (the outsider), North (Dev), South
  // (Eve): 3 of 4. Actions: North 1 of 2 (the cancelled one left out), South 1 of 1.
  EXPECT_EQ(report.coverage, (Proportion{3, 4}));
  EXPECT_EQ(report.ready_now_coverage, (Proportion{3, 4}));
  EXPECT_EQ(report.actions_on_track, (Proportion{2, 3}));

  const KeyPostReport& ceo = report.roles[0];
  EXPECT_EQ(ceo.title, "Chief executive");
  EXPECT_FALSE(ceo.school);
  EXPECT_EQ(ceo.holder, PersonId(kAda));
  EXPECT_EQ(ceo.holder_name, "Person 1");
  EXPECT_EQ(ceo.holder_risk, RiskOfLoss::kHigh);
  EXPECT_EQ(ceo.departure_window, DepartureWindow::kWithinAYear);
  EXPECT_EQ(ceo.impact, ImpactOfLoss::kHigh);
  EXPECT_TRUE(ceo.consider_external);
  EXPECT_EQ(ceo.last_discussed, Day("2026-01-20"));
  EXPECT_EQ(ceo.last_forum, Forum::kTrustBoard);
  ASSERT_EQ(ceo.successors.size(), 2u);
  EXPECT_EQ(ceo.successors[0].person, PersonId(kCara));
  EXPECT_EQ(ceo.successors[0].readiness, Readiness::kOneToTwoYears);
  EXPECT_TRUE(ceo.successors[0].readiness_judged);
  EXPECT_FALSE(ceo.successors[1].person);
  EXPECT_EQ(ceo.successors[1].name, "Priya Raman");
  EXPECT_EQ(ceo.successors[1].readiness, Readiness::kReadyNow);
  ASSERT_NE(ceo.emergency(), nullptr);
  EXPECT_EQ(ceo.emergency()->name, "Person 3");
  EXPECT_TRUE(ceo.ready_now_covered());

  const KeyPostReport& finance = report.roles[1];
  EXPECT_TRUE(finance.plan);
  EXPECT_THAT(finance.successors, IsEmpty());
  EXPECT_EQ(finance.emergency(), nullptr);
  EXPECT_FALSE(finance.holder_risk);  // none recorded

  const KeyPostReport& north = report.roles[2];
  EXPECT_EQ(north.school_name, "North Primary");
  EXPECT_TRUE(north.review_overdue);
  EXPECT_EQ(north.holder_risk, RiskOfLoss::kMedium);
  ASSERT_EQ(north.actions.size(), 3u);
  EXPECT_TRUE(north.actions[0].on_track);
  EXPECT_FALSE(north.actions[1].on_track);
  EXPECT_FALSE(north.actions[2].on_track);
  EXPECT_EQ(north.actions[2].status, ActionStatus::kCancelled);
  EXPECT_EQ(north.actions[0].person_name, "Person 4");
  EXPECT_EQ(north.actions_on_track, (Proportion{1, 2}));

  const KeyPostReport& south = report.roles[3];
  EXPECT_FALSE(south.holder);  // vacant
  EXPECT_EQ(south.holder_name, "");
  ASSERT_EQ(south.successors.size(), 1u);  // Lee has left: not a successor
  EXPECT_EQ(south.successors[0].person, PersonId(kEve));
  EXPECT_EQ(south.emergency()->person, PersonId(kEve));
  EXPECT_FALSE(south.review_overdue);
}

TEST(PayAndPersonnelReport, EachSchoolsImplementationOfThePolicy) {
  const PayAndPersonnelReport report = BuildPayAndPersonnelReport(SmallTrust(), SmallReview());
  ASSERT_TRUE(report.cycle);
  EXPECT_EQ(report.cycle->year, 2025);
  ASSERT_EQ(report.schools.size(), 2u);

  // North: Cara and Tom rated of Cara, Dev and Tom; its meeting held; key posts 20 (covered,
  // ready now) and 21 (no plan); one plan, overdue; actions 1 of 2.
  const SchoolImplementation& north = report.schools[0];
  EXPECT_EQ(north.name, "North Primary");
  EXPECT_EQ(north.staff_rated, (Proportion{2, 3}));
  EXPECT_TRUE(north.calibration_meeting_held);
  EXPECT_EQ(north.key_posts_with_successor, (Proportion{1, 2}));
  EXPECT_EQ(north.key_posts_ready_now, (Proportion{1, 2}));
  EXPECT_EQ(north.overdue_reviews, (Proportion{1, 1}));
  EXPECT_EQ(north.actions_on_track, (Proportion{1, 2}));

  // South: Eve rated; no meeting; key posts 30 (Eve, ready now) and 40 (Jo, 1–2 years); two
  // plans, neither overdue; actions 1 of 1.
  const SchoolImplementation& south = report.schools[1];
  EXPECT_EQ(south.staff_rated, (Proportion{1, 1}));
  EXPECT_FALSE(south.calibration_meeting_held);
  EXPECT_EQ(south.key_posts_with_successor, (Proportion{2, 2}));
  EXPECT_EQ(south.key_posts_ready_now, (Proportion{1, 2}));
  EXPECT_EQ(south.overdue_reviews, (Proportion{0, 2}));
  EXPECT_EQ(south.actions_on_track, (Proportion{1, 1}));

  // All schools: the sums; one meeting of two schools held.
  EXPECT_EQ(report.all_schools.staff_rated, (Proportion{3, 4}));
  EXPECT_EQ(report.all_schools.key_posts_with_successor, (Proportion{3, 4}));
  EXPECT_EQ(report.all_schools.key_posts_ready_now, (Proportion{2, 4}));
  EXPECT_EQ(report.all_schools.overdue_reviews, (Proportion{1, 3}));
  EXPECT_EQ(report.all_schools.actions_on_track, (Proportion{2, 3}));
  EXPECT_EQ(report.meetings_held, 1u);
  EXPECT_FALSE(report.all_schools.calibration_meeting_held);
}

TEST(PayAndPersonnelReport, WithoutAClosedCycleNobodyIsRated) {
  ReviewRecords review = SmallReview();
  review.cycle.reset();
  review.ratings.clear();
  review.meetings.clear();
  const PayAndPersonnelReport report = BuildPayAndPersonnelReport(SmallTrust(), review);
  EXPECT_FALSE(report.cycle);
  EXPECT_EQ(report.schools[0].staff_rated, (Proportion{0, 3}));
  EXPECT_FALSE(report.schools[0].calibration_meeting_held);
  EXPECT_EQ(report.meetings_held, 0u);
}

TEST(LocalGoverningBodyReport, TheSchoolsKeyPostsWithoutRiskOfLoss) {
  const auto report = BuildLocalGoverningBodyReport(SmallTrust(), SmallReview(), kSouth);
  ASSERT_TRUE(report);
  EXPECT_EQ(report->school.school, kSouth);
  EXPECT_EQ(report->school.staff_rated, (Proportion{1, 1}));
  EXPECT_EQ(report->school.key_posts_with_successor, (Proportion{2, 2}));
  // The headship (role group headship) before the LGB chair (governance).
  EXPECT_THAT(PostsOf(report->posts), ElementsAre(kSouthHead, kSouthChair));
  const KeyPostReport& chair = report->posts[1];
  EXPECT_EQ(chair.holder, PersonId(kGail));
  EXPECT_FALSE(chair.holder_risk);  // Gail's is high, but governors do not see it
  EXPECT_FALSE(chair.departure_window);
  ASSERT_EQ(chair.successors.size(), 1u);
  EXPECT_EQ(chair.successors[0].readiness, Readiness::kOneToTwoYears);

  EXPECT_FALSE(BuildLocalGoverningBodyReport(SmallTrust(), SmallReview(), SchoolId(99)));
}

TEST(LocalGoverningBodyReport, WithheldDetailsKeepTheCounts) {
  auto report = BuildLocalGoverningBodyReport(SmallTrust(), SmallReview(), kSouth);
  ASSERT_TRUE(report);
  KeyPostReport head = report->posts[0];
  WithholdDetails(head);
  EXPECT_TRUE(head.details_withheld);
  EXPECT_THAT(head.successors, IsEmpty());
  EXPECT_THAT(head.actions, IsEmpty());
  EXPECT_EQ(head.emergency(), nullptr);
  EXPECT_EQ(head.named_successors, 1u);
  EXPECT_TRUE(head.covered());
  EXPECT_TRUE(head.ready_now_covered());
  EXPECT_EQ(head.actions_on_track, (Proportion{1, 1}));
}

}  // namespace
}  // namespace trellis::succession
