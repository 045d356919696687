// The store contract (store/store_contract.h) for succession planning and development:
// risks of loss, succession plans with their candidates and discussions, the bulk reads the
// metrics and the simulation use, development actions and the trust's formula settings.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "development/json.h"
#include "store/store_contract.h"
#include "succession/json.h"

namespace trellis::store {
namespace {

using namespace contract;  // NOLINT(google-build-using-namespace): the suite's own fixture
using development::ActionSource;
using development::ActionStatus;
using development::DevelopmentAction;
using succession::DepartureWindow;
using succession::Forum;
using succession::LossRisk;
using succession::PlanCandidate;
using succession::PlanDiscussion;
using succession::Readiness;
using succession::RiskOfLoss;
using succession::SuccessionPlan;

// Oak trust: a school with a key headship (held by Hana) and a key deputy headship (held by
// Dev), a post that is not key, two teachers (Ada, Bob) and a leaver (Lee). Elm, another
// trust, has a person and a key post of its own.
class SuccessionContract : public StoreContract {
 protected:
  void SetUp() override {
    StoreContract::SetUp();
    if (IsSkipped()) return;
    trust = NewTrust("Oak", "TR1");
    other = NewTrust("Elm", "TR2");
    const SchoolId school = NewSchool(SchoolBuilder(trust, 100001, "Oak Primary"));
    hana = NewPerson(PersonBuilder(trust, "P1").Named("Hana", "Head"));
    dev = NewPerson(PersonBuilder(trust, "P2").Named("Dev", "Deputy"));
    ada = NewPerson(PersonBuilder(trust, "P3").Named("Ada", "Able"));
    bob = NewPerson(PersonBuilder(trust, "P4").Named("Bob", "Brown"));
    lee = NewPerson(PersonBuilder(trust, "P5").Named("Lee", "Left").Left(D("2025-08-31")));
    head = NewPost(PostBuilder(trust, "H1").Title("Headteacher").At(school).Key());
    deputy = NewPost(PostBuilder(trust, "D1").Title("Deputy headteacher").At(school).Key());
    teacher = NewPost(PostBuilder(trust, "T1").Title("Teacher").At(school));
    NewHolding(Holding(trust, head, hana, D("2020-09-01")));
    NewHolding(Holding(trust, deputy, dev, D("2021-09-01")));
    stranger = NewPerson(PersonBuilder(other, "X1").Named("Sam", "Stranger"));
    elsewhere = NewPost(PostBuilder(other, "X1").Title("Headteacher").Key());
  }

  SuccessionPlan PlanFor(TrustId t, PostId post) {
    return SuccessionPlan{.id = {},
                          .trust = t,
                          .post = post,
                          .impact = std::nullopt,
                          .consider_external = false,
                          .review_on = std::nullopt,
                          .notes = "",
                          .created_on = D("2026-01-10")};
  }
  SuccessionPlanId NewPlan(PostId post) { return Must(store().Insert(PlanFor(trust, post))).id; }

  PlanCandidate Internal(SuccessionPlanId plan, PersonId person, int rank) {
    PlanCandidate c;
    c.trust = trust;
    c.plan = plan;
    c.person = person;
    c.rank = rank;
    c.added_on = D("2026-01-10");
    return c;
  }
  PlanCandidate External(SuccessionPlanId plan, std::string name, int rank) {
    PlanCandidate c;
    c.trust = trust;
    c.plan = plan;
    c.external_name = std::move(name);
    c.external_source = "Headteacher of a partner school";
    c.readiness = Readiness::kOneToTwoYears;
    c.rank = rank;
    c.added_on = D("2026-01-10");
    return c;
  }
  PlanDiscussion Discussed(SuccessionPlanId plan, const char* on, Forum forum) {
    return PlanDiscussion{.id = {},
                          .trust = trust,
                          .plan = plan,
                          .held_on = D(on),
                          .forum = forum,
                          .attendees = "CEO, Chair",
                          .outcome = "Agreed the successors"};
  }
  DevelopmentAction Action(PersonId person, std::string title) {
    DevelopmentAction a;
    a.trust = trust;
    a.person = person;
    a.kind = development::ActionKind::kShadowing;
    a.title = std::move(title);
    a.raised_on = D("2026-01-10");
    return a;
  }

  TrustId trust, other;
  PersonId hana, dev, ada, bob, lee, stranger;
  PostId head, deputy, teacher, elsewhere;
};

// ---- Risk of loss ----

TEST_P(SuccessionContract, LossRiskRoundTripOnePerPersonWithinTheTrust) {
  LossRisk risk{.id = {},
                .trust = trust,
                .person = hana,
                .risk = RiskOfLoss::kHigh,
                .window = DepartureWindow::kWithinAYear,
                .note = "Retiring\nnext summer",
                .assessed_on = D("2026-01-05")};
  const LossRisk stored = Must(store().Insert(risk));
  EXPECT_TRUE(stored.id.valid());
  EXPECT_EQ(stored.person, hana);
  EXPECT_EQ(stored.risk, RiskOfLoss::kHigh);
  EXPECT_EQ(stored.window, DepartureWindow::kWithinAYear);
  EXPECT_EQ(stored.note, "Retiring\nnext summer");
  EXPECT_EQ(stored.assessed_on, D("2026-01-05"));
  EXPECT_THAT(store().Insert(risk), FailsOnField(ErrorCode::kConflict, "person_id"));

  LossRisk changed = stored;
  changed.risk = RiskOfLoss::kMedium;
  changed.window.reset();
  Must(store().Update(changed));
  const auto found = Must(store().FindLossRisk(trust, hana));
  ASSERT_TRUE(found);
  EXPECT_EQ(found->risk, RiskOfLoss::kMedium);
  EXPECT_FALSE(found->window);
  EXPECT_FALSE(Must(store().FindLossRisk(trust, dev)));

  const LossRisk low = Must(store().Insert(LossRisk{.id = {},
                                                    .trust = trust,
                                                    .person = dev,
                                                    .risk = RiskOfLoss::kLow,
                                                    .window = {},
                                                    .note = "",
                                                    .assessed_on = D("2026-01-06")}));
  EXPECT_EQ(Must(store().ListLossRisks({.trust = trust})).total, 2);
  EXPECT_EQ(Ids(Must(store().ListLossRisks({.trust = trust, .risk = RiskOfLoss::kLow}))),
            std::vector<int64_t>{low.id.value()});
  EXPECT_EQ(
      Must(store().ListLossRisks({.trust = trust, .only = std::vector<PersonId>{hana}})).total, 1);
  const auto bulk = Must(store().ListLossRisks(trust));
  ASSERT_EQ(bulk.size(), 2u);
  EXPECT_EQ(succession::ToJson(bulk[0]),
            succession::ToJson(Must(store().GetLossRisk(trust, stored.id))));
  EXPECT_EQ(succession::ToJson(bulk[1]), succession::ToJson(low));

  // Another trust's people and ids.
  EXPECT_THAT(store().Insert(LossRisk{.id = {},
                                      .trust = trust,
                                      .person = stranger,
                                      .risk = RiskOfLoss::kLow,
                                      .window = {},
                                      .note = "",
                                      .assessed_on = D("2026-01-06")}),
              FailsOnField(ErrorCode::kValidationFailed, "person_id"));
  EXPECT_THAT(store().GetLossRisk(other, stored.id), FailsWith(ErrorCode::kNotFound));
  EXPECT_FALSE(Must(store().FindLossRisk(other, hana)));
  EXPECT_THAT(store().DeleteLossRisk(other, stored.id), FailsWith(ErrorCode::kNotFound));
  EXPECT_TRUE(Must(store().ListLossRisks(other)).empty());

  Must(store().DeleteLossRisk(trust, stored.id));
  EXPECT_FALSE(Must(store().FindLossRisk(trust, hana)));
  EXPECT_THAT(store().DeleteLossRisk(trust, stored.id), FailsWith(ErrorCode::kNotFound));
  Must(store().Insert(risk));  // cleared, so it may be set again
}

// ---- Plans ----

TEST_P(SuccessionContract, PlansRoundTripOnePerPostWithinTheTrust) {
  SuccessionPlan plan = PlanFor(trust, head);
  plan.impact = succession::ImpactOfLoss::kHigh;
  plan.consider_external = true;
  plan.review_on = D("2026-07-01");
  plan.notes = "Head retiring";
  const SuccessionPlan stored = Must(store().Insert(plan));
  EXPECT_EQ(stored.post, head);
  EXPECT_EQ(stored.impact, succession::ImpactOfLoss::kHigh);
  EXPECT_TRUE(stored.consider_external);
  EXPECT_EQ(stored.review_on, D("2026-07-01"));
  EXPECT_EQ(stored.notes, "Head retiring");
  EXPECT_EQ(stored.created_on, D("2026-01-10"));
  EXPECT_THAT(store().Insert(PlanFor(trust, head)), FailsOnField(ErrorCode::kConflict, "post_id"));

  SuccessionPlan changed = stored;
  changed.impact.reset();
  changed.review_on.reset();
  Must(store().Update(changed));
  EXPECT_FALSE(Must(store().GetSuccessionPlan(trust, stored.id)).impact);
  const auto found = Must(store().FindPlanForPost(trust, head));
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, stored.id);
  EXPECT_FALSE(Must(store().FindPlanForPost(trust, deputy)));

  // Listed by the post's title: "Deputy headteacher" before "Headteacher".
  const SuccessionPlanId deputy_plan = NewPlan(deputy);
  EXPECT_EQ(Ids(Must(store().ListSuccessionPlans({.trust = trust}))),
            (std::vector<int64_t>{deputy_plan.value(), stored.id.value()}));
  EXPECT_EQ(Must(store().ListSuccessionPlans({.trust = trust, .post = head})).total, 1);
  EXPECT_EQ(Must(store().ListSuccessionPlans({.trust = trust, .only = std::vector<PostId>{deputy}}))
                .total,
            1);

  // A plan for another trust's post, and reads across trusts.
  EXPECT_THAT(store().Insert(PlanFor(trust, elsewhere)),
              FailsOnField(ErrorCode::kValidationFailed, "post_id"));
  EXPECT_THAT(store().GetSuccessionPlan(other, stored.id), FailsWith(ErrorCode::kNotFound));
  EXPECT_FALSE(Must(store().FindPlanForPost(other, head)));
  EXPECT_EQ(Must(store().ListSuccessionPlans({.trust = other})).total, 0);
  SuccessionPlan moved = stored;
  moved.trust = other;
  EXPECT_THAT(store().Update(moved), FailsWith(ErrorCode::kNotFound));
  Must(store().Insert(PlanFor(other, elsewhere)));  // one per post, not one per trust
}

// ---- Candidates ----

TEST_P(SuccessionContract, CandidatesRankedUniquelyWithOneEmergencySuccessor) {
  const SuccessionPlanId plan = NewPlan(head);
  PlanCandidate first = Internal(plan, dev, 1);
  first.readiness = Readiness::kReadyNow;
  first.readiness_reason = "Acted up for a term";
  first.emergency = true;
  first.notes = "Strong on finance";
  const PlanCandidate dev_on_plan = Must(store().Insert(first));
  EXPECT_EQ(dev_on_plan.person, dev);
  EXPECT_TRUE(dev_on_plan.internal());
  EXPECT_EQ(dev_on_plan.readiness, Readiness::kReadyNow);
  EXPECT_EQ(dev_on_plan.readiness_reason, "Acted up for a term");
  EXPECT_TRUE(dev_on_plan.emergency);
  EXPECT_EQ(dev_on_plan.added_on, D("2026-01-10"));
  const PlanCandidate outsider = Must(store().Insert(External(plan, "Pat Partner", 2)));
  EXPECT_FALSE(outsider.internal());
  EXPECT_EQ(outsider.external_name, "Pat Partner");
  EXPECT_EQ(outsider.external_source, "Headteacher of a partner school");

  EXPECT_THAT(store().Insert(Internal(plan, ada, 2)), FailsOnField(ErrorCode::kConflict, "rank"));
  EXPECT_THAT(store().Insert(Internal(plan, dev, 3)),
              FailsOnField(ErrorCode::kConflict, "person_id"));
  PlanCandidate second_emergency = Internal(plan, ada, 3);
  second_emergency.emergency = true;
  EXPECT_THAT(store().Insert(second_emergency), FailsOnField(ErrorCode::kConflict, "emergency"));

  const auto listed = Must(store().ListPlanCandidates({.trust = trust, .plan = plan}));
  EXPECT_EQ(Ids(listed), (std::vector<int64_t>{dev_on_plan.id.value(), outsider.id.value()}));

  // Swapping ranks goes through a free one (the service's way), and the flag can move.
  PlanCandidate moving = dev_on_plan;
  moving.rank = 3;
  moving.emergency = false;
  Must(store().Update(moving));
  PlanCandidate up = outsider;
  up.rank = 1;
  up.emergency = true;
  Must(store().Update(up));
  moving.rank = 2;
  Must(store().Update(moving));
  EXPECT_EQ(Ids(Must(store().ListPlanCandidates({.trust = trust, .plan = plan}))),
            (std::vector<int64_t>{outsider.id.value(), dev_on_plan.id.value()}));
  EXPECT_TRUE(Must(store().GetPlanCandidate(trust, outsider.id)).emergency);

  // The plans a person is named on.
  const SuccessionPlanId deputy_plan = NewPlan(deputy);
  Must(store().Insert(Internal(deputy_plan, ada, 1)));
  Must(store().Insert(Internal(plan, ada, 3)));
  EXPECT_EQ(Must(store().ListPlanCandidates({.trust = trust, .person = ada})).total, 2);

  Must(store().DeletePlanCandidate(trust, outsider.id));
  EXPECT_THAT(store().GetPlanCandidate(trust, outsider.id), FailsWith(ErrorCode::kNotFound));
  EXPECT_THAT(store().DeletePlanCandidate(trust, outsider.id), FailsWith(ErrorCode::kNotFound));
  EXPECT_EQ(Must(store().ListPlanCandidates({.trust = trust, .plan = plan})).total, 2);
}

TEST_P(SuccessionContract, ACandidateIsSomeoneOfTheTrustOrAnOutsiderByName) {
  const SuccessionPlanId plan = NewPlan(head);
  PlanCandidate both = Internal(plan, ada, 1);
  both.external_name = "Pat Partner";
  EXPECT_FALSE(store().Insert(both));
  PlanCandidate neither = External(plan, "", 1);
  EXPECT_FALSE(store().Insert(neither));
  PlanCandidate blank_name = External(plan, "   ", 1);
  EXPECT_FALSE(store().Insert(blank_name));
  PlanCandidate unjudged = External(plan, "Pat Partner", 1);
  unjudged.readiness.reset();
  EXPECT_FALSE(store().Insert(unjudged));  // the formula knows nothing of outsiders
  PlanCandidate unexplained = Internal(plan, ada, 1);
  unexplained.readiness = Readiness::kReadyNow;
  EXPECT_FALSE(store().Insert(unexplained));  // an override keeps its reason
  PlanCandidate zero = Internal(plan, ada, 0);
  EXPECT_FALSE(store().Insert(zero));
  EXPECT_EQ(Must(store().ListPlanCandidates({.trust = trust, .plan = plan})).total, 0);

  // Another trust's person or plan.
  EXPECT_THAT(store().Insert(Internal(plan, stranger, 1)),
              FailsOnField(ErrorCode::kValidationFailed, "person_id"));
  const SuccessionPlanId theirs = Must(store().Insert(PlanFor(other, elsewhere))).id;
  EXPECT_THAT(store().Insert(Internal(theirs, ada, 1)),
              FailsOnField(ErrorCode::kValidationFailed, "plan_id"));
  const PlanCandidate ours = Must(store().Insert(Internal(plan, ada, 1)));
  EXPECT_THAT(store().GetPlanCandidate(other, ours.id), FailsWith(ErrorCode::kNotFound));
  EXPECT_THAT(store().DeletePlanCandidate(other, ours.id), FailsWith(ErrorCode::kNotFound));
  EXPECT_EQ(Must(store().ListPlanCandidates({.trust = other})).total, 0);
}

// ---- Discussions ----

TEST_P(SuccessionContract, DiscussionsEarliestFirstWithinTheTrust) {
  const SuccessionPlanId plan = NewPlan(head);
  const PlanDiscussion board =
      Must(store().Insert(Discussed(plan, "2026-02-01", Forum::kTrustBoard)));
  const PlanDiscussion team =
      Must(store().Insert(Discussed(plan, "2025-11-20", Forum::kSeniorLeadershipTeam)));
  EXPECT_EQ(board.forum, Forum::kTrustBoard);
  EXPECT_EQ(board.held_on, D("2026-02-01"));
  EXPECT_EQ(board.attendees, "CEO, Chair");
  EXPECT_EQ(board.outcome, "Agreed the successors");
  EXPECT_EQ(Ids(Must(store().ListPlanDiscussions({.trust = trust, .plan = plan}))),
            (std::vector<int64_t>{team.id.value(), board.id.value()}));
  EXPECT_EQ(Must(store().ListPlanDiscussions({.trust = trust, .forum = Forum::kTrustBoard})).total,
            1);

  PlanDiscussion corrected = board;
  corrected.outcome = "Agreed, and asked for an external search";
  Must(store().Update(corrected));
  EXPECT_EQ(Must(store().GetPlanDiscussion(trust, board.id)).outcome, corrected.outcome);

  PlanDiscussion silent = Discussed(plan, "2026-02-02", Forum::kOther);
  silent.outcome = " ";
  EXPECT_FALSE(store().Insert(silent));
  const SuccessionPlanId theirs = Must(store().Insert(PlanFor(other, elsewhere))).id;
  EXPECT_THAT(store().Insert(Discussed(theirs, "2026-02-02", Forum::kOther)),
              FailsOnField(ErrorCode::kValidationFailed, "plan_id"));
  EXPECT_THAT(store().GetPlanDiscussion(other, board.id), FailsWith(ErrorCode::kNotFound));
  EXPECT_EQ(Must(store().ListPlanDiscussions({.trust = other})).total, 0);
}

// ---- Bulk reads ----

TEST_P(SuccessionContract, PlanContentsInBulkMatchEachPlanReadAlone) {
  const SuccessionPlanId head_plan = NewPlan(head);
  const SuccessionPlanId deputy_plan = NewPlan(deputy);
  Must(store().Insert(Internal(head_plan, ada, 2)));
  Must(store().Insert(Internal(head_plan, dev, 1)));
  Must(store().Insert(External(head_plan, "Pat Partner", 3)));
  Must(store().Insert(Internal(deputy_plan, bob, 1)));
  Must(store().Insert(Discussed(head_plan, "2026-02-01", Forum::kTrustBoard)));
  Must(store().Insert(Discussed(head_plan, "2025-12-01", Forum::kPayAndPersonnelCommittee)));
  Must(store().Insert(Discussed(deputy_plan, "2026-01-01", Forum::kLocalGoverningBody)));
  Must(store().Insert(PlanFor(other, elsewhere)));

  const succession::PlanContent one = Must(store().GetPlanContent(trust, head_plan));
  EXPECT_EQ(one.plan.id, head_plan);
  ASSERT_EQ(one.candidates.size(), 3u);
  EXPECT_EQ(one.candidates[0].person, dev);  // by rank
  EXPECT_EQ(one.candidates[2].external_name, "Pat Partner");
  ASSERT_EQ(one.discussions.size(), 2u);
  EXPECT_EQ(one.discussions[0].forum, Forum::kPayAndPersonnelCommittee);  // earliest first

  const auto all = Must(store().ListPlanContents(trust));
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].plan.id, deputy_plan);  // in ListSuccessionPlans' order
  for (const auto& content : all)
    EXPECT_EQ(succession::ToJson(content),
              succession::ToJson(Must(store().GetPlanContent(trust, content.plan.id))));
  EXPECT_EQ(Must(store().ListPlanContents(other)).size(), 1u);
  EXPECT_THAT(store().GetPlanContent(other, head_plan), FailsWith(ErrorCode::kNotFound));
  EXPECT_TRUE(Must(store().ListPlanContents(NewTrust("Ash", "TR3"))).empty());
}

// ---- Development actions ----

TEST_P(SuccessionContract, DevelopmentActionsRoundTripFilteredAndPaged) {
  const SuccessionPlanId plan = NewPlan(head);
  const auto framework = NewFramework(store(), std::nullopt, "ship");
  DevelopmentAction shadow = Action(ada, "Shadow the head at budget setting");
  shadow.description = "Three meetings\nwith the business manager";
  shadow.source = ActionSource::kSuccessionGap;
  shadow.gap = framework.competencies[0].id;
  shadow.plan = plan;
  shadow.owner = hana;
  shadow.due_on = D("2026-06-30");
  const DevelopmentAction stored = Must(store().Insert(shadow));
  EXPECT_EQ(stored.person, ada);
  EXPECT_EQ(stored.kind, development::ActionKind::kShadowing);
  EXPECT_EQ(stored.title, "Shadow the head at budget setting");
  EXPECT_EQ(stored.description, shadow.description);
  EXPECT_EQ(stored.source, ActionSource::kSuccessionGap);
  EXPECT_EQ(stored.gap, framework.competencies[0].id);
  EXPECT_EQ(stored.plan, plan);
  EXPECT_EQ(stored.owner, hana);
  EXPECT_EQ(stored.due_on, D("2026-06-30"));
  EXPECT_EQ(stored.status, ActionStatus::kPlanned);
  EXPECT_EQ(stored.raised_on, D("2026-01-10"));
  EXPECT_FALSE(stored.completed_on);

  DevelopmentAction done = stored;
  done.status = ActionStatus::kCompleted;
  done.outcome = "Led the spring budget round";
  done.completed_on = D("2026-03-01");
  Must(store().Update(done));
  EXPECT_EQ(development::ToJson(Must(store().GetDevelopmentAction(trust, stored.id))),
            development::ToJson(done));
  DevelopmentAction undated = done;
  undated.completed_on.reset();
  EXPECT_FALSE(store().Update(undated));  // completed exactly when dated

  DevelopmentAction course = Action(ada, "Finance for school leaders");
  course.due_on = D("2026-04-01");
  const auto course_id = Must(store().Insert(course)).id;
  DevelopmentAction mentoring = Action(bob, "Mentoring by a deputy");
  mentoring.owner = dev;
  mentoring.source = ActionSource::kNineBox;
  mentoring.status = ActionStatus::kInProgress;
  const auto mentoring_id = Must(store().Insert(mentoring)).id;

  // By due date (none last), then id.
  EXPECT_EQ(Ids(Must(store().ListDevelopmentActions({.trust = trust}))),
            (std::vector<int64_t>{course_id.value(), stored.id.value(), mentoring_id.value()}));
  EXPECT_EQ(Must(store().ListDevelopmentActions({.trust = trust, .person = ada})).total, 2);
  EXPECT_EQ(Must(store().ListDevelopmentActions({.trust = trust, .plan = plan})).total, 1);
  EXPECT_EQ(Must(store().ListDevelopmentActions({.trust = trust, .owner = dev})).total, 1);
  EXPECT_EQ(
      Must(store().ListDevelopmentActions({.trust = trust, .status = ActionStatus::kCompleted}))
          .total,
      1);
  EXPECT_EQ(Must(store().ListDevelopmentActions({.trust = trust, .source = ActionSource::kNineBox}))
                .total,
            1);
  EXPECT_EQ(
      Must(store().ListDevelopmentActions({.trust = trust, .only = std::vector<PersonId>{bob}}))
          .total,
      1);
  const auto second_page =
      Must(store().ListDevelopmentActions({.trust = trust, .page = {.limit = 1, .offset = 1}}));
  EXPECT_EQ(second_page.total, 3);
  EXPECT_EQ(Ids(second_page), std::vector<int64_t>{stored.id.value()});

  // References within the trust.
  EXPECT_THAT(store().Insert(Action(stranger, "x")),
              FailsOnField(ErrorCode::kValidationFailed, "person_id"));
  DevelopmentAction foreign_owner = Action(ada, "x");
  foreign_owner.owner = stranger;
  EXPECT_THAT(store().Insert(foreign_owner),
              FailsOnField(ErrorCode::kValidationFailed, "owner_id"));
  DevelopmentAction foreign_plan = Action(ada, "x");
  foreign_plan.plan = Must(store().Insert(PlanFor(other, elsewhere))).id;
  EXPECT_THAT(store().Insert(foreign_plan), FailsOnField(ErrorCode::kValidationFailed, "plan_id"));
  DevelopmentAction no_gap = Action(ada, "x");
  no_gap.gap = CompetencyId(99999);
  EXPECT_THAT(store().Insert(no_gap),
              FailsOnField(ErrorCode::kValidationFailed, "gap_competency_id"));
  EXPECT_FALSE(store().Insert(Action(ada, " ")));  // a title is required
  EXPECT_THAT(store().GetDevelopmentAction(other, stored.id), FailsWith(ErrorCode::kNotFound));
  EXPECT_EQ(Must(store().ListDevelopmentActions({.trust = other})).total, 0);
}

// ---- Formula settings ----

TEST_P(SuccessionContract, FormulaSettingsAreTheDefaultsUntilPutAndBelongToOneTrust) {
  const succession::SuccessionSettings defaults;
  EXPECT_EQ(succession::ToJson(Must(store().GetFormulaSettings(trust))),
            succession::ToJson(defaults));

  succession::SuccessionSettings mine;
  mine.formula.match_weight = 0.6;
  mine.formula.talent_weight = 0.25;
  mine.formula.overload_plans = 3;
  mine.simulation.high_risk = 0.5;
  Must(store().PutFormulaSettings(trust, mine));
  EXPECT_EQ(succession::ToJson(Must(store().GetFormulaSettings(trust))), succession::ToJson(mine));
  EXPECT_EQ(succession::ToJson(Must(store().GetFormulaSettings(other))),
            succession::ToJson(defaults));

  mine.formula.bench_match = 0.75;
  Must(store().PutFormulaSettings(trust, mine));  // replaces them whole
  EXPECT_EQ(Must(store().GetFormulaSettings(trust)).formula.bench_match, 0.75);
  Reopen();
  EXPECT_EQ(succession::ToJson(Must(store().GetFormulaSettings(trust))), succession::ToJson(mine));

  EXPECT_THAT(store().GetFormulaSettings(TrustId(999)), FailsWith(ErrorCode::kNotFound));
  EXPECT_THAT(store().PutFormulaSettings(TrustId(999), mine),
              FailsOnField(ErrorCode::kValidationFailed, "trust_id"));
}

INSTANTIATE_TEST_SUITE_P(Backends, SuccessionContract, ::testing::ValuesIn(Backends()),
                         BackendName);

}  // namespace
}  // namespace trellis::store
