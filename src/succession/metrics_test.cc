// The pipeline metrics, the plan evaluation and the plan → simulation bridge on a small trust
// whose every figure is worked out by hand in the comments, from the definitions in
// metrics.h and plan_evaluation.h (docs/formulas.md, "Pipeline metrics", is the same
// example).

#include "succession/metrics.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>

#include "succession/bench.h"
#include "succession/plan_evaluation.h"
#include "succession/ranking.h"

namespace trellis::succession {
namespace {

using development::ActionStatus;
using development::DevelopmentAction;
using org::CareerStage;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

const TrustId kTrust(1);
const SchoolId kNorth(1), kSouth(2), kEast(3);  // East has no key posts
const BodyId kSouthLgb(2);
const CompetencyId kStrategy(1);
const Date kToday = *Date::Parse("2026-03-01");

Date Day(const char* iso) { return *Date::Parse(iso); }

// The people. Every post asks strategy at level 2 (weight 1), so m = min(a, 2) / 2.
enum : int64_t {
  kAda = 1,     // CEO (holds P10); high risk
  kBen = 2,     // Director of Finance (holds P11), no stage; medium risk
  kCara = 3,    // new headteacher of North (holds P20); high risk; never assessed
  kDev = 4,     // new deputy of North (holds P21); never assessed
  kEve = 5,     // experienced deputy, no key post; strategy 2, rated 3/3; low risk
  kFinn = 6,    // new middle leader of South (holds P31); strategy 2; high risk
  kGail = 7,    // chair of South's LGB (holds P40); high risk
  kHal = 8,     // experienced middle leader; strategy 1, rated 2/2; high risk
  kIona = 9,    // established headteacher; strategy 2, rated 3/2
  kJo = 10,     // member of South's LGB; strategy 2, rated 2/2
  kKit = 11,    // teacher; strategy 2, rated 3/3
  kLeaver = 12  // named on a plan, but has left the trust: not in the snapshot
};

// The key posts.
enum : int64_t {
  kCeo = 10,            // trust-wide, executive leader (rung 12): trust executive
  kFinance = 11,        // trust-wide, no stage, leadership: trust executive
  kNorthHead = 20,      // North, new headteacher (rung 10): headship
  kNorthDeputy = 21,    // North, new deputy (rung 8): senior leadership
  kSouthHead = 30,      // South, new headteacher: headship; vacant
  kSouthMiddle = 31,    // South, new middle leader (rung 6): middle leadership
  kSouthLgbChair = 40,  // South's LGB chair: governance
  kNotKey = 99          // a post with a plan that is not (or no longer) key
};

Candidate Person(int64_t id, std::optional<CareerStage> stage, int strategy = 0,
                 std::optional<NineBox> rating = std::nullopt) {
  Candidate c{.id = PersonId(id),
              .trust = kTrust,
              .reference = "S" + std::to_string(100 + id),
              .stage = stage,
              .rating = rating};
  if (strategy > 0) c.levels.push_back({kStrategy, strategy});
  return c;
}

KeyPost Post(int64_t id, std::optional<SchoolId> school, std::optional<CareerStage> stage,
             RoleGroup group, std::optional<int64_t> holder) {
  KeyPost post{.id = PostId(id),
               .trust = kTrust,
               .school = school,
               .title = "Post",
               .stage = stage,
               .role_group = group,
               .profile = {{kStrategy, 2, 1.0}}};
  if (holder) post.holders.push_back(PersonId(*holder));
  return post;
}

Snapshot SmallTrust() {
  Candidate gail = Person(kGail, CareerStage::kLocalGoverningBodyMember);
  gail.memberships.push_back({kSouthLgb, org::MembershipRole::kChair});
  Candidate jo = Person(kJo, CareerStage::kLocalGoverningBodyMember, 2, NineBox{2, 2});
  jo.memberships.push_back({kSouthLgb, org::MembershipRole::kMember});
  KeyPost lgb_chair = Post(kSouthLgbChair, kSouth, CareerStage::kLocalGoverningBodyMember,
                           RoleGroup::kGovernance, kGail);
  lgb_chair.governance = true;
  lgb_chair.body = kSouthLgb;
  // Posts in an order other than by id: every list must still come out by id.
  return Snapshot(
      {
          Person(kAda, CareerStage::kExecutiveLeader),
          Person(kBen, std::nullopt),
          Person(kCara, CareerStage::kNewHeadteacher),
          Person(kDev, CareerStage::kNewSeniorLeader),
          Person(kEve, CareerStage::kExperiencedSeniorLeader, 2, NineBox{3, 3}),
          Person(kFinn, CareerStage::kNewMiddleLeader, 2),
          gail,
          Person(kHal, CareerStage::kExperiencedMiddleLeader, 1, NineBox{2, 2}),
          Person(kIona, CareerStage::kEstablishedHeadteacher, 2, NineBox{3, 2}),
          jo,
          Person(kKit, CareerStage::kTeacher, 2, NineBox{3, 3}),
      },
      {
          Post(kSouthMiddle, kSouth, CareerStage::kNewMiddleLeader, RoleGroup::kMiddleLeadership,
               kFinn),
          Post(kCeo, std::nullopt, CareerStage::kExecutiveLeader, RoleGroup::kTrustExecutive, kAda),
          Post(kFinance, std::nullopt, std::nullopt, RoleGroup::kTrustExecutive, kBen),
          Post(kNorthHead, kNorth, CareerStage::kNewHeadteacher, RoleGroup::kHeadship, kCara),
          Post(kNorthDeputy, kNorth, CareerStage::kNewSeniorLeader, RoleGroup::kSeniorLeadership,
               kDev),
          Post(kSouthHead, kSouth, CareerStage::kNewHeadteacher, RoleGroup::kHeadship,
               std::nullopt),
          lgb_chair,
      },
      {kSouthLgb});
}

// Builds a plan tersely: Plan(kCeo).Internal(kIona).External("X", Readiness::kOneToTwoYears)...
class Plan {
 public:
  explicit Plan(int64_t post, std::optional<Date> review_on = std::nullopt, int64_t id = 0) {
    content_.plan = {.id = SuccessionPlanId(id == 0 ? post : id),
                     .trust = kTrust,
                     .post = PostId(post),
                     .review_on = review_on,
                     .created_on = Day("2025-09-01")};
  }
  Plan& Internal(int64_t person, std::optional<Readiness> override_to = std::nullopt) {
    PlanCandidate& c = Add();
    c.person = PersonId(person);
    c.readiness = override_to;
    if (override_to) c.readiness_reason = "has acted up all year";
    return *this;
  }
  Plan& External(std::string name, Readiness judged) {
    PlanCandidate& c = Add();
    c.external_name = std::move(name);
    c.readiness = judged;
    c.readiness_reason = "interviewed";
    return *this;
  }
  operator PlanContent() const { return content_; }

 private:
  PlanCandidate& Add() {
    const int rank = static_cast<int>(content_.candidates.size()) + 1;
    content_.candidates.push_back({.id = PlanCandidateId(content_.plan.id.value() * 10 + rank),
                                   .trust = kTrust,
                                   .plan = content_.plan.id,
                                   .rank = rank,
                                   .added_on = Day("2025-09-01")});
    return content_.candidates.back();
  }
  PlanContent content_;
};

std::vector<PlanContent> SmallTrustPlans() {
  return {
      // CEO: Iona (one step below, m = 1, performance 3: ready now) and an outsider judged
      // 1–2 years. Covered, ready now. No review date.
      Plan(kCeo).Internal(kIona).External("Head of a partner trust", Readiness::kOneToTwoYears),
      // Director of Finance: an outsider judged ready now. Covered, ready now. Review date
      // 31 January: overdue on 1 March.
      Plan(kFinance, Day("2026-01-31"))
          .External("Finance director, partner trust", Readiness::kReadyNow),
      // North's headship: Eve (one step below, m = 1, performance 3: ready now). Review on
      // 1 March itself: not yet overdue.
      Plan(kNorthHead, Day("2026-03-01")).Internal(kEve),
      // North's deputy: Hal, suggested 3+ years (m = 0.5) but overridden to ready now; then
      // Eve, above the post (s = −1: not eligible; q = 0; m = 1 → 1–2 years). Hal's risk is
      // high: the post leans on a high-risk successor.
      Plan(kNorthDeputy).Internal(kHal, Readiness::kReadyNow).Internal(kEve),
      // South's headship (vacant): Eve (ready now); the leaver, overridden to ready now, who
      // counts for nothing.
      Plan(kSouthHead).Internal(kEve).Internal(kLeaver, Readiness::kReadyNow),
      // South's middle leader: Kit (s = 2, m = 1 → 1–2 years); Finn, the holder, who is
      // never his own successor. Covered, not ready now.
      Plan(kSouthMiddle, Day("2026-09-01")).Internal(kKit).Internal(kFinn),
      // Not counted: a plan of a post that is not key, and a second plan of South's middle
      // leader (naming Eve, who would otherwise be on four plans).
      Plan(kNotKey, Day("2025-01-01")).Internal(kEve),
      Plan(kSouthMiddle, std::nullopt, 310).Internal(kEve),
      // South's LGB chair has no plan.
  };
}

std::vector<LossRisk> SmallTrustRisks() {
  auto risk = [](int64_t person, RiskOfLoss r, const char* on = "2026-01-10") {
    return LossRisk{.id = LossRiskId(person),
                    .trust = kTrust,
                    .person = PersonId(person),
                    .risk = r,
                    .assessed_on = Day(on)};
  };
  return {risk(kAda, RiskOfLoss::kHigh), risk(kBen, RiskOfLoss::kMedium),
          risk(kCara, RiskOfLoss::kHigh), risk(kEve, RiskOfLoss::kLow),
          risk(kFinn, RiskOfLoss::kHigh), risk(kGail, RiskOfLoss::kHigh),
          risk(kHal, RiskOfLoss::kHigh),
          // An older judgement of Eve: the latest (low) counts.
          risk(kEve, RiskOfLoss::kHigh, "2025-06-01")};
}

std::vector<int64_t> Ids(const std::vector<PostId>& posts) {
  std::vector<int64_t> ids;
  for (PostId p : posts) ids.push_back(p.value());
  return ids;
}

Proportion Of(size_t numerator, size_t denominator) { return {numerator, denominator}; }

class SmallTrustMetrics : public ::testing::Test {
 protected:
  SmallTrustMetrics()
      : snapshot_(SmallTrust()), plans_(SmallTrustPlans()), risks_(SmallTrustRisks()) {}

  PipelineMetrics Measure(std::span<const DevelopmentAction> actions = {}) const {
    const std::vector<SchoolId> schools = {kEast, kSouth, kNorth};
    return MeasurePipeline(
        snapshot_, {.plans = plans_, .risks = risks_, .actions = actions, .schools = schools},
        FormulaSettings{}, kToday);
  }

  Snapshot snapshot_;
  std::vector<PlanContent> plans_;
  std::vector<LossRisk> risks_;
};

TEST_F(SmallTrustMetrics, CoverageCountsPostsWithANamedSuccessor) {
  const PipelineMetrics m = Measure();
  // Covered: CEO (Iona, outsider), Finance (outsider), North head (Eve), North deputy (Hal,
  // Eve), South head (Eve), South middle (Kit) = 6 of 7. The LGB chair has no plan.
  EXPECT_EQ(m.overall.coverage.figure, Of(6, 7));
  EXPECT_THAT(Ids(m.overall.coverage.posts), ElementsAre(10, 11, 20, 21, 30, 31));
  // Ready now: CEO (Iona by the formula), Finance (the outsider's judgement), North head
  // (Eve), North deputy (Hal's override), South head (Eve) = 5 of 7. Kit is 1–2 years; the
  // leaver's override counts for nothing.
  EXPECT_EQ(m.overall.ready_now_coverage.figure, Of(5, 7));
  EXPECT_THAT(Ids(m.overall.ready_now_coverage.posts), ElementsAre(10, 11, 20, 21, 30));
  EXPECT_NEAR(*m.overall.coverage.figure.value(), 6.0 / 7, 1e-12);
  EXPECT_THAT(Ids(m.overall.posts), ElementsAre(10, 11, 20, 21, 30, 31, 40));
}

TEST_F(SmallTrustMetrics, EachPostsLine) {
  const PipelineMetrics m = Measure();
  ASSERT_EQ(m.posts.size(), 7u);
  const PostPipeline& deputy = m.posts[3];
  EXPECT_EQ(deputy.post, PostId(kNorthDeputy));
  EXPECT_EQ(deputy.school, kNorth);
  EXPECT_EQ(deputy.role_group, RoleGroup::kSeniorLeadership);
  EXPECT_EQ(deputy.holder, PersonId(kDev));
  EXPECT_EQ(deputy.holder_risk, std::nullopt);  // none recorded
  EXPECT_EQ(deputy.plan, SuccessionPlanId(kNorthDeputy));
  EXPECT_EQ(deputy.named_successors, 2u);      // Hal, Eve
  EXPECT_EQ(deputy.ready_now_successors, 1u);  // Hal, by the override
  EXPECT_FALSE(deputy.review_overdue);
  EXPECT_THAT(deputy.bench, ElementsAre(PersonId(kFinn)));
  EXPECT_DOUBLE_EQ(deputy.bench_strength, 1.0);

  const PostPipeline& south_head = m.posts[4];
  EXPECT_EQ(south_head.holder, std::nullopt);  // vacant
  EXPECT_EQ(south_head.named_successors, 1u);  // Eve; the leaver does not count
  const PostPipeline& south_middle = m.posts[5];
  EXPECT_EQ(south_middle.named_successors, 1u);  // Kit; Finn holds the post
  EXPECT_EQ(south_middle.ready_now_successors, 0u);
  EXPECT_EQ(south_middle.plan, SuccessionPlanId(kSouthMiddle));  // the first plan given
  EXPECT_EQ(m.posts[6].plan, std::nullopt);
}

TEST_F(SmallTrustMetrics, BenchStrengthPerPostGroupAndOverall) {
  const PipelineMetrics m = Measure();
  // Benches (m ≥ 0.8 among the eligible, holders excluded):
  //   CEO (rung 12): Iona (rung 11, m = 1); Cara (rung 10) has m = 0.   → {Iona}
  //   Finance: no stage, so no ladder.                                   → {}
  //   North head, South head (rung 10): Eve (rung 9, m = 1); Dev m = 0.  → {Eve} each
  //   North deputy (rung 8): Hal (rung 7) m = 0.5; Finn (rung 6) m = 1.  → {Finn}
  //   South middle (rung 6): Kit (rung 4, m = 1); Finn holds it.          → {Kit}
  //   LGB chair: the body's members but the holder: Jo (m = 1).          → {Jo}
  // Eve is on two benches and counts ½ on each; everyone else counts 1.
  // Strengths: CEO 1, Finance 0, North head ½, North deputy 1, South head ½, South middle 1,
  // LGB chair 1; total 5, overall 5 ÷ 7.
  std::vector<double> strengths;
  for (const PostPipeline& line : m.posts) strengths.push_back(line.bench_strength);
  EXPECT_THAT(strengths, ElementsAre(1.0, 0.0, 0.5, 1.0, 0.5, 1.0, 1.0));
  EXPECT_DOUBLE_EQ(m.overall.bench.total, 5.0);
  EXPECT_EQ(m.overall.bench.posts, 7u);
  EXPECT_NEAR(*m.overall.bench.strength(), 5.0 / 7, 1e-12);

  auto group = [&](RoleGroup g) -> const PipelineCell& {
    return m.by_role_group[static_cast<size_t>(g)];
  };
  // Trust executive: CEO 1 + Finance 0 over 2 = 0.5; headship: ½ + ½ over 2 = 0.5; senior
  // leadership 1 over 1; middle leadership 1 over 1; governance 1 over 1; other: no posts.
  EXPECT_DOUBLE_EQ(*group(RoleGroup::kTrustExecutive).bench.strength(), 0.5);
  EXPECT_DOUBLE_EQ(*group(RoleGroup::kHeadship).bench.strength(), 0.5);
  EXPECT_DOUBLE_EQ(*group(RoleGroup::kSeniorLeadership).bench.strength(), 1.0);
  EXPECT_DOUBLE_EQ(*group(RoleGroup::kMiddleLeadership).bench.strength(), 1.0);
  EXPECT_DOUBLE_EQ(*group(RoleGroup::kGovernance).bench.strength(), 1.0);
  EXPECT_EQ(group(RoleGroup::kOtherKeyPosts).bench.strength(), std::nullopt);
  EXPECT_EQ(group(RoleGroup::kOtherKeyPosts).coverage.figure, Of(0, 0));
  // The same figures as bench.h's GroupStrength over the group's post indexes.
  const BenchStrength bench = ComputeBench(snapshot_, FormulaSettings{});
  for (RoleGroup g : kRoleGroups) {
    std::vector<size_t> indexes;
    for (PostId post : group(g).posts) indexes.push_back(*snapshot_.PostIndex(post));
    EXPECT_DOUBLE_EQ(group(g).bench.strength().value_or(0.0), GroupStrength(bench, indexes))
        << Code(g);
  }
  // Coverage by group: trust executive 2/2 and 2/2; headship 2/2, 2/2; senior 1/1, 1/1;
  // middle 1/1, 0/1; governance 0/1, 0/1.
  EXPECT_EQ(group(RoleGroup::kTrustExecutive).ready_now_coverage.figure, Of(2, 2));
  EXPECT_EQ(group(RoleGroup::kMiddleLeadership).coverage.figure, Of(1, 1));
  EXPECT_EQ(group(RoleGroup::kMiddleLeadership).ready_now_coverage.figure, Of(0, 1));
  EXPECT_EQ(group(RoleGroup::kGovernance).coverage.figure, Of(0, 1));
}

TEST_F(SmallTrustMetrics, SuccessorOverload) {
  const PipelineMetrics m = Measure();
  // Named internally on counted plans: Iona (CEO), Eve (North head, North deputy, South
  // head), Hal (North deputy), Kit (South middle) = 4 people; Finn (the holder) and the
  // leaver do not count, nor do the plans not counted. Eve is on 3 > 2 plans: 1 of 4.
  EXPECT_EQ(m.overload, Of(1, 4));
  ASSERT_EQ(m.overloaded.size(), 1u);
  EXPECT_EQ(m.overloaded[0].person, PersonId(kEve));
  EXPECT_THAT(Ids(m.overloaded[0].posts), ElementsAre(20, 21, 30));

  // A trust that allows three plans has nobody overloaded.
  const PipelineMetrics lenient = MeasurePipeline(snapshot_, {.plans = plans_, .risks = risks_},
                                                  FormulaSettings{.overload_plans = 3}, kToday);
  EXPECT_EQ(lenient.overload, Of(0, 4));
}

TEST_F(SmallTrustMetrics, HighRiskListsAndVacancies) {
  const PipelineMetrics m = Measure();
  // Holders at high risk: Ada (CEO), Cara (North head), Finn (South middle), Gail (LGB
  // chair) = 4. CEO and North head have a ready-now successor; South middle (Kit is 1–2
  // years) and the LGB chair (no plan) do not: 2 of 4.
  EXPECT_EQ(m.high_risk_without_ready_successor.figure, Of(2, 4));
  EXPECT_THAT(Ids(m.high_risk_without_ready_successor.posts), ElementsAre(31, 40));
  // South's headship has no holder: listed apart, 1 of 7 key posts.
  EXPECT_EQ(m.vacant.figure, Of(1, 7));
  EXPECT_THAT(Ids(m.vacant.posts), ElementsAre(30));
  // Successors at high risk: Hal on North's deputy. Eve's latest risk is low (her older
  // high one does not count). 1 of the 6 covered posts leans on one.
  EXPECT_THAT(m.high_risk_successors,
              ElementsAre(HighRiskSuccessor{PostId(kNorthDeputy), PersonId(kHal)}));
  EXPECT_EQ(m.leaning_on_high_risk_successors.figure, Of(1, 6));
}

TEST_F(SmallTrustMetrics, OverdueReviewsPlanlessPostsAndPlansNotCounted) {
  const PipelineMetrics m = Measure();
  // Plans of key posts: CEO, Finance, North head, North deputy, South head, South middle = 6.
  // Finance's review (31 January) has passed on 1 March; North head's is today: 1 of 6.
  EXPECT_EQ(m.overdue_reviews.figure, Of(1, 6));
  EXPECT_THAT(Ids(m.overdue_reviews.posts), ElementsAre(11));
  EXPECT_EQ(m.without_plan.figure, Of(1, 7));
  EXPECT_THAT(Ids(m.without_plan.posts), ElementsAre(40));
  // The plan of a post that is not key (its overdue review is not counted either) and the
  // second plan of South's middle leader.
  EXPECT_THAT(m.plans_not_counted, ElementsAre(SuccessionPlanId(kNotKey), SuccessionPlanId(310)));
}

TEST_F(SmallTrustMetrics, Heatmap) {
  const PipelineMetrics m = Measure();
  // Rows: trust-wide first, then North, South, East (no key posts) by school id.
  ASSERT_EQ(m.heatmap.size(), 4u);
  EXPECT_EQ(m.heatmap[0].school, std::nullopt);
  EXPECT_EQ(m.heatmap[1].school, kNorth);
  EXPECT_EQ(m.heatmap[2].school, kSouth);
  EXPECT_EQ(m.heatmap[3].school, kEast);
  auto cell = [&](size_t row, RoleGroup g) -> const PipelineCell& {
    return m.heatmap[row].by_role_group[static_cast<size_t>(g)];
  };

  // Trust-wide: CEO and Finance, both covered and ready now; bench (1 + 0) ÷ 2.
  const PipelineCell& trust_wide = m.heatmap[0].all;
  EXPECT_THAT(Ids(trust_wide.posts), ElementsAre(10, 11));
  EXPECT_EQ(trust_wide.coverage.figure, Of(2, 2));
  EXPECT_EQ(trust_wide.ready_now_coverage.figure, Of(2, 2));
  EXPECT_DOUBLE_EQ(*trust_wide.bench.strength(), 0.5);
  EXPECT_EQ(cell(0, RoleGroup::kTrustExecutive).coverage.figure, Of(2, 2));
  EXPECT_EQ(cell(0, RoleGroup::kHeadship).coverage.figure, Of(0, 0));

  // North: head (bench ½) and deputy (bench 1), both covered and ready now; (½ + 1) ÷ 2.
  EXPECT_EQ(m.heatmap[1].all.coverage.figure, Of(2, 2));
  EXPECT_EQ(m.heatmap[1].all.ready_now_coverage.figure, Of(2, 2));
  EXPECT_DOUBLE_EQ(*m.heatmap[1].all.bench.strength(), 0.75);
  EXPECT_THAT(Ids(cell(1, RoleGroup::kHeadship).posts), ElementsAre(20));
  EXPECT_DOUBLE_EQ(*cell(1, RoleGroup::kHeadship).bench.strength(), 0.5);
  EXPECT_DOUBLE_EQ(*cell(1, RoleGroup::kSeniorLeadership).bench.strength(), 1.0);

  // South: head (covered, ready now, ½), middle leader (covered, not ready, 1), LGB chair
  // (no plan, 1): coverage 2/3, ready now 1/3, bench 2.5 ÷ 3.
  const PipelineCell& south = m.heatmap[2].all;
  EXPECT_EQ(south.coverage.figure, Of(2, 3));
  EXPECT_THAT(Ids(south.coverage.posts), ElementsAre(30, 31));
  EXPECT_EQ(south.ready_now_coverage.figure, Of(1, 3));
  EXPECT_THAT(Ids(south.ready_now_coverage.posts), ElementsAre(30));
  EXPECT_NEAR(*south.bench.strength(), 2.5 / 3, 1e-12);
  EXPECT_EQ(cell(2, RoleGroup::kMiddleLeadership).ready_now_coverage.figure, Of(0, 1));
  EXPECT_EQ(cell(2, RoleGroup::kGovernance).coverage.figure, Of(0, 1));
  EXPECT_THAT(Ids(cell(2, RoleGroup::kGovernance).posts), ElementsAre(40));

  // East: a row of nothing, every figure 0 of 0.
  EXPECT_THAT(m.heatmap[3].all.posts, IsEmpty());
  EXPECT_EQ(m.heatmap[3].all.coverage.figure, Of(0, 0));
  EXPECT_EQ(m.heatmap[3].all.coverage.figure.value(), std::nullopt);
  EXPECT_EQ(m.heatmap[3].all.bench.strength(), std::nullopt);
}

TEST_F(SmallTrustMetrics, DevelopmentActionsOnTrack) {
  auto action = [](int64_t id, int64_t plan, ActionStatus status, const char* due) {
    return DevelopmentAction{.id = DevelopmentActionId(id),
                             .trust = kTrust,
                             .person = PersonId(kHal),
                             .title = "Lead the timetable",
                             .plan = SuccessionPlanId(plan),
                             .due_on = Day(due),
                             .status = status,
                             .raised_on = Day("2025-10-01")};
  };
  std::vector<DevelopmentAction> actions = {
      action(1, kNorthDeputy, ActionStatus::kInProgress, "2026-06-01"),  // on track
      action(2, kFinance, ActionStatus::kPlanned, "2026-02-01"),         // past due: off track
      action(3, kNorthHead, ActionStatus::kCancelled, "2026-02-01"),     // left out
      action(4, kNotKey, ActionStatus::kPlanned, "2026-06-01"),          // plan not counted
      action(5, kNorthHead, ActionStatus::kPlanned, "2026-06-01"),       // on track
  };
  actions.push_back(actions[0]);
  actions.back().id = DevelopmentActionId(6);
  actions.back().plan.reset();  // serves no plan: left out
  const PipelineMetrics m = Measure(actions);
  EXPECT_EQ(m.actions.figure, Of(2, 3));
  EXPECT_THAT(m.actions.on_track, ElementsAre(DevelopmentActionId(1), DevelopmentActionId(5)));
  EXPECT_THAT(m.actions.off_track, ElementsAre(DevelopmentActionId(2)));
}

TEST(PipelineMetrics, NoKeyPostsIsZeroOfZeroNotNaN) {
  const Snapshot empty({}, {}, {});
  const PipelineMetrics m = MeasurePipeline(empty, {}, FormulaSettings{}, kToday);
  EXPECT_THAT(m.posts, IsEmpty());
  EXPECT_EQ(m.overall.coverage.figure, Of(0, 0));
  EXPECT_EQ(m.overall.coverage.figure.value(), std::nullopt);
  EXPECT_EQ(m.overall.ready_now_coverage.figure.value(), std::nullopt);
  EXPECT_EQ(m.overall.bench.strength(), std::nullopt);
  EXPECT_EQ(m.overload, Of(0, 0));
  EXPECT_EQ(m.high_risk_without_ready_successor.figure, Of(0, 0));
  EXPECT_EQ(m.overdue_reviews.figure, Of(0, 0));
  EXPECT_EQ(m.actions.figure.value(), std::nullopt);
  ASSERT_EQ(m.heatmap.size(), 1u);  // the trust-wide row is always there
  EXPECT_EQ(m.heatmap[0].school, std::nullopt);
}

TEST(PipelineMetrics, APlanOfLeaversAndHoldersLeavesThePostUncovered) {
  // One headship; its plan names only its own holder and a leaver, both "ready now".
  const Snapshot snapshot(
      {Person(kCara, CareerStage::kNewHeadteacher)},
      {Post(kNorthHead, kNorth, CareerStage::kNewHeadteacher, RoleGroup::kHeadship, kCara)}, {});
  const std::vector<PlanContent> plans = {Plan(kNorthHead)
                                              .Internal(kCara, Readiness::kReadyNow)
                                              .Internal(kLeaver, Readiness::kReadyNow)};
  const PipelineMetrics m = MeasurePipeline(snapshot, {.plans = plans}, FormulaSettings{}, kToday);
  EXPECT_EQ(m.overall.coverage.figure, Of(0, 1));
  EXPECT_EQ(m.overall.ready_now_coverage.figure, Of(0, 1));
  EXPECT_EQ(m.without_plan.figure, Of(0, 1));  // it has a plan, an empty one in effect
  EXPECT_EQ(m.overload, Of(0, 0));
}

// ---- Plan evaluation --------------------------------------------------------------------

TEST_F(SmallTrustMetrics, EvaluatesEachNamedCandidate) {
  const FormulaSettings settings;
  const auto deputy = EvaluatePlan(snapshot_, plans_[3], settings);
  ASSERT_TRUE(deputy);
  EXPECT_EQ(deputy->post, PostId(kNorthDeputy));
  EXPECT_EQ(deputy->post_index, 4u);  // the snapshot's order, not the id's
  ASSERT_EQ(deputy->candidates.size(), 2u);
  // Hal: one step below (rung 8 − 7), eligible; m = ½ → suggested 3+ years; the override
  // to ready now is the readiness that counts. Gap: strategy, 2 needed, 1 assessed.
  const CandidateEvaluation& hal = deputy->candidates[0];
  EXPECT_EQ(hal.person, PersonId(kHal));
  EXPECT_TRUE(hal.in_trust);
  EXPECT_FALSE(hal.holds_the_post);
  EXPECT_EQ(hal.steps, 1);
  EXPECT_TRUE(hal.eligible);
  ASSERT_TRUE(hal.formula);
  EXPECT_DOUBLE_EQ(hal.formula->match, 0.5);
  EXPECT_EQ(hal.formula->suggested, Readiness::kThreePlusYears);
  ASSERT_EQ(hal.formula->gaps.size(), 1u);
  EXPECT_EQ(hal.formula->gaps[0].required, 2);
  EXPECT_EQ(hal.formula->gaps[0].assessed, 1);
  EXPECT_EQ(hal.readiness, Readiness::kReadyNow);
  EXPECT_TRUE(hal.readiness_judged);
  EXPECT_TRUE(hal.named_successor);
  // Eve: above the post (rung 8 − 9 = −1), so not eligible and q = 0; m = 1 → 1–2 years.
  // Named by hand, she still counts. Score = 0.5·1 + 0.3·1 + 0 = 0.8.
  const CandidateEvaluation& eve = deputy->candidates[1];
  EXPECT_EQ(eve.steps, -1);
  EXPECT_FALSE(eve.eligible);
  EXPECT_DOUBLE_EQ(eve.formula->score, 0.8);
  EXPECT_EQ(eve.readiness, Readiness::kOneToTwoYears);
  EXPECT_FALSE(eve.readiness_judged);
  EXPECT_TRUE(eve.named_successor);
}

TEST_F(SmallTrustMetrics, EvaluatesLeaversHoldersAndOutsiders) {
  const FormulaSettings settings;
  // The leaver: not in the trust, no formula, never a named successor (their override is
  // still reported as the readiness on record).
  const auto south_head = EvaluatePlan(snapshot_, plans_[4], settings);
  const CandidateEvaluation& leaver = south_head->candidates[1];
  EXPECT_FALSE(leaver.in_trust);
  EXPECT_FALSE(leaver.formula);
  EXPECT_FALSE(leaver.steps);
  EXPECT_FALSE(leaver.named_successor);
  EXPECT_EQ(leaver.readiness, Readiness::kReadyNow);
  // The holder named on his own post's plan: in the trust, never his own successor.
  const auto middle = EvaluatePlan(snapshot_, plans_[5], settings);
  const CandidateEvaluation& finn = middle->candidates[1];
  EXPECT_TRUE(finn.in_trust);
  EXPECT_TRUE(finn.holds_the_post);
  EXPECT_FALSE(finn.eligible);
  EXPECT_FALSE(finn.named_successor);
  // Kit: two steps below, m = 1 → 1–2 years (ready now needs one step).
  EXPECT_EQ(middle->candidates[0].steps, 2);
  EXPECT_EQ(middle->candidates[0].readiness, Readiness::kOneToTwoYears);
  // An outsider: not in the trust, no formula, the judged readiness, a named successor.
  const auto ceo = EvaluatePlan(snapshot_, plans_[0], settings);
  const CandidateEvaluation& outsider = ceo->candidates[1];
  EXPECT_EQ(outsider.person, std::nullopt);
  EXPECT_FALSE(outsider.in_trust);
  EXPECT_FALSE(outsider.formula);
  EXPECT_EQ(outsider.readiness, Readiness::kOneToTwoYears);
  EXPECT_TRUE(outsider.readiness_judged);
  EXPECT_TRUE(outsider.named_successor);
  // A plan of a post that is not key: nothing to evaluate against.
  EXPECT_FALSE(EvaluatePlan(snapshot_, plans_[6], settings));
}

TEST_F(SmallTrustMetrics, CandidatesComeByRank) {
  PlanContent plan = Plan(kNorthDeputy).Internal(kHal).Internal(kEve);
  std::swap(plan.candidates[0].rank, plan.candidates[1].rank);  // Eve first
  const auto evaluation = EvaluatePlan(snapshot_, plan, FormulaSettings{});
  EXPECT_EQ(evaluation->candidates[0].person, PersonId(kEve));
  EXPECT_EQ(evaluation->candidates[1].person, PersonId(kHal));
}

TEST_F(SmallTrustMetrics, EligibilityAgreesWithTheRanking) {
  // IsEligible is Rank's rule for one person: for every post and person, the same answer.
  const FormulaSettings settings;
  for (size_t p = 0; p < snapshot_.posts().size(); ++p) {
    const Ranking ranking = Rank(snapshot_, p, settings);
    for (const Candidate& person : snapshot_.people()) {
      const bool ranked =
          std::any_of(ranking.candidates.begin(), ranking.candidates.end(),
                      [&](const RankedCandidate& c) { return c.person == person.id; });
      EXPECT_EQ(IsEligible(snapshot_, snapshot_.posts()[p], person), ranked)
          << "post " << snapshot_.posts()[p].id.value() << ", person " << person.id.value();
    }
  }
}

TEST(Steps, LadderDifferenceOrOneForGovernance) {
  const KeyPost head = Post(1, kNorth, CareerStage::kNewHeadteacher, RoleGroup::kHeadship, {});
  EXPECT_EQ(StepsTo(head, Person(1, CareerStage::kExperiencedSeniorLeader)), 1);
  EXPECT_EQ(StepsTo(head, Person(2, CareerStage::kNewSeniorLeader)), 2);
  EXPECT_EQ(StepsTo(head, Person(3, CareerStage::kExecutiveLeader)), -2);
  EXPECT_EQ(StepsTo(head, Person(4, std::nullopt)), std::nullopt);
  EXPECT_EQ(StepsTo(head, Person(5, CareerStage::kBoardMember)), std::nullopt);  // off the ladder
  const KeyPost finance = Post(2, std::nullopt, std::nullopt, RoleGroup::kTrustExecutive, {});
  EXPECT_EQ(StepsTo(finance, Person(6, CareerStage::kExecutiveLeader)), std::nullopt);
  KeyPost chair = Post(3, std::nullopt, CareerStage::kBoardMember, RoleGroup::kGovernance, {});
  chair.governance = true;
  EXPECT_EQ(StepsTo(chair, Person(7, CareerStage::kTeacher)), 1);
}

// ---- Plans → the attrition simulation ---------------------------------------------------

TEST_F(SmallTrustMetrics, SimulationInputFromPlans) {
  const SimulationInput input = BuildSimulationInput(snapshot_, plans_, risks_, FormulaSettings{});
  // Posts by id, each with its internal named successors by rank and their readiness:
  // outsiders, the leaver and the holder left out.
  ASSERT_EQ(input.posts.size(), 7u);
  std::vector<int64_t> ids;
  for (const SimulatedPost& post : input.posts) ids.push_back(post.id.value());
  EXPECT_THAT(ids, ElementsAre(10, 11, 20, 21, 30, 31, 40));
  EXPECT_THAT(input.posts[0].successors,
              ElementsAre(NamedSuccessor{PersonId(kIona), Readiness::kReadyNow}));
  EXPECT_THAT(input.posts[1].successors, IsEmpty());  // Finance: an outsider only
  EXPECT_THAT(input.posts[3].successors,
              ElementsAre(NamedSuccessor{PersonId(kHal), Readiness::kReadyNow},
                          NamedSuccessor{PersonId(kEve), Readiness::kOneToTwoYears}));
  EXPECT_THAT(input.posts[4].successors,
              ElementsAre(NamedSuccessor{PersonId(kEve), Readiness::kReadyNow}));
  EXPECT_THAT(input.posts[4].holders, IsEmpty());  // vacant
  EXPECT_THAT(input.posts[5].successors,
              ElementsAre(NamedSuccessor{PersonId(kKit), Readiness::kOneToTwoYears}));
  EXPECT_THAT(input.posts[5].holders, ElementsAre(PersonId(kFinn)));
  // People: the holders (Ada, Ben, Cara, Dev, Finn, Gail) and the internal named
  // successors (Eve, Hal, Iona, Kit), by id, with their risk (the latest: Eve's low).
  using Risked = std::pair<int64_t, std::optional<RiskOfLoss>>;
  std::vector<Risked> people;
  for (const SimulatedPerson& p : input.people) people.emplace_back(p.id.value(), p.risk);
  EXPECT_THAT(people, ElementsAre(Risked{1, RiskOfLoss::kHigh}, Risked{2, RiskOfLoss::kMedium},
                                  Risked{3, RiskOfLoss::kHigh}, Risked{4, std::nullopt},
                                  Risked{5, RiskOfLoss::kLow}, Risked{6, RiskOfLoss::kHigh},
                                  Risked{7, RiskOfLoss::kHigh}, Risked{8, RiskOfLoss::kHigh},
                                  Risked{9, std::nullopt}, Risked{11, std::nullopt}));
  EXPECT_TRUE(Simulate(input, SimulationSettings{}, {.runs = 100, .years = 2}).has_value());
}

TEST(PlansToSimulation, OneHighRiskHolderWithoutSuccessorsGivesTheClosedFormMean) {
  // One headship, its holder at high risk (40% a year), no plan: in year 1 the post needs an
  // outsider with probability 0.4, so the mean number of external appointments is 0.4.
  const Snapshot snapshot(
      {Person(kCara, CareerStage::kNewHeadteacher)},
      {Post(kNorthHead, kNorth, CareerStage::kNewHeadteacher, RoleGroup::kHeadship, kCara)}, {});
  const std::vector<LossRisk> risks = {{.person = PersonId(kCara), .risk = RiskOfLoss::kHigh}};
  const SimulationInput input = BuildSimulationInput(snapshot, {}, risks, FormulaSettings{});
  const auto result =
      Simulate(input, SimulationSettings{}, {.runs = 20'000, .years = 1, .seed = 7});
  ASSERT_TRUE(result) << result.error().message;
  const SimulatedYear& year = result->per_year.at(0);
  EXPECT_NEAR(year.external_mean, 0.4, 3 * year.external_standard_error);
  // The standard error of a Bernoulli(0.4) mean over 20,000 runs: √(0.24 / 20,000) ≈ 0.00346.
  EXPECT_NEAR(year.external_standard_error, std::sqrt(0.24 / 20'000), 0.0005);
  EXPECT_DOUBLE_EQ(year.internal_mean, 0.0);
}

TEST(PlansToSimulation, AReadyNowSuccessorFillsThePostFromWithin) {
  // The holder leaves for certain (high risk set to 1) and the ready-now successor never
  // does (low risk set to 0): year 1 has one internal appointment and no external one; the
  // successor then holds the post and stays, so year 2 has neither.
  const Snapshot snapshot(
      {Person(kCara, CareerStage::kNewHeadteacher),
       Person(kEve, CareerStage::kExperiencedSeniorLeader, 2, NineBox{3, 3})},
      {Post(kNorthHead, kNorth, CareerStage::kNewHeadteacher, RoleGroup::kHeadship, kCara)}, {});
  const std::vector<PlanContent> plans = {Plan(kNorthHead).Internal(kEve)};
  const std::vector<LossRisk> risks = {{.person = PersonId(kCara), .risk = RiskOfLoss::kHigh},
                                       {.person = PersonId(kEve), .risk = RiskOfLoss::kLow}};
  const SimulationInput input = BuildSimulationInput(snapshot, plans, risks, FormulaSettings{});
  const auto result =
      Simulate(input, SimulationSettings{.low_risk = 0, .high_risk = 1}, {.runs = 50, .years = 2});
  ASSERT_TRUE(result) << result.error().message;
  EXPECT_DOUBLE_EQ(result->per_year[0].internal_mean, 1.0);
  EXPECT_DOUBLE_EQ(result->per_year[0].external_mean, 0.0);
  EXPECT_DOUBLE_EQ(result->per_year[1].internal_mean, 0.0);
  EXPECT_DOUBLE_EQ(result->per_year[1].external_mean, 0.0);
}

}  // namespace
}  // namespace trellis::succession
