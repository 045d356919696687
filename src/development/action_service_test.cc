// Development actions: the field rules and status moves (development/validation.h), the
// open / overdue / on-track rules of the model, and ActionService against a real (in-memory)
// store: references within the trust, what may change, completion and the audit trail.

#include "development/action_service.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "development/validation.h"
#include "store/sqlite/sqlite_store.h"
#include "store/store_test_support.h"

namespace trellis::development {
namespace {

using store::testing::AddPerson;
using store::testing::AddTrust;
using store::testing::At;
using store::testing::AuditedActions;
using store::testing::D;
using store::testing::Fields;
using store::testing::Must;
using Names = std::set<std::string>;

DevelopmentAction Shadowing(PersonId person) {
  return DevelopmentAction{.person = person,
                           .kind = ActionKind::kShadowing,
                           .title = "Shadow the head at budget setting",
                           .raised_on = D("2026-01-10")};
}

// ---- Rules ----

TEST(ActionRules, FieldsDatesAndTheOutcomeOfACompletedAction) {
  DevelopmentAction a = Shadowing(PersonId(1));
  EXPECT_TRUE(Check(a).empty());
  a.title = "\t";
  a.due_on = D("2026-01-01");
  a.source = ActionSource::kSuccessionGap;
  EXPECT_EQ(Fields(Check(a)), (Names{"title", "due_on", "plan_id"}));
  a = Shadowing(PersonId(1));
  a.status = ActionStatus::kCompleted;
  EXPECT_EQ(Fields(Check(a)), (Names{"completed_on", "outcome"}));
  a.completed_on = D("2026-03-01");
  a.outcome = "Set the spring budget with the business manager";
  EXPECT_TRUE(Check(a).empty());
  a.status = ActionStatus::kCancelled;
  EXPECT_EQ(Fields(Check(a)), Names{"completed_on"});
}

TEST(ActionRules, StatusMovesForwardAndClosedActionsStayClosed) {
  using enum ActionStatus;
  for (auto [from, to] :
       std::vector<std::pair<ActionStatus, ActionStatus>>{{kPlanned, kInProgress},
                                                          {kPlanned, kCompleted},
                                                          {kPlanned, kCancelled},
                                                          {kInProgress, kCompleted},
                                                          {kInProgress, kCancelled},
                                                          {kCompleted, kCompleted}})
    EXPECT_TRUE(CanMove(from, to)) << Code(from) << " to " << Code(to);
  for (auto [from, to] :
       std::vector<std::pair<ActionStatus, ActionStatus>>{{kInProgress, kPlanned},
                                                          {kCompleted, kInProgress},
                                                          {kCancelled, kPlanned},
                                                          {kCompleted, kCancelled}}) {
    const auto refused = CanMove(from, to);
    ASSERT_FALSE(refused) << Code(from) << " to " << Code(to);
    EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
    EXPECT_EQ(Fields(refused.error().details), Names{"status"});
  }
}

TEST(ActionRules, OpenOverdueAndOnTrack) {
  DevelopmentAction a = Shadowing(PersonId(1));
  a.due_on = D("2026-02-01");
  EXPECT_TRUE(IsOpen(a));
  EXPECT_FALSE(IsOverdue(a, D("2026-02-01")));  // due that day, not yet late
  EXPECT_TRUE(IsOverdue(a, D("2026-02-02")));
  EXPECT_FALSE(IsOnTrack(a, D("2026-02-02")));
  a.status = ActionStatus::kCompleted;
  EXPECT_FALSE(IsOverdue(a, D("2026-02-02")));
  EXPECT_TRUE(IsOnTrack(a, D("2026-02-02")));
  a.status = ActionStatus::kCancelled;
  EXPECT_FALSE(IsOnTrack(a, D("2026-02-02")));
}

// ---- ActionService ----

// Oak trust: Ada (developing), Hana (her head, the owner), Lee (left), a key headship with a
// plan, and a competency of a shipped framework; Elm: Sam, a plan, and a competency of Elm's
// own framework.
class ActionServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = Must(store::OpenSqliteStore(":memory:"));
    Must(store_->Migrate());
    service_ = std::make_unique<ActionService>(*store_, clock_);
    oak_ = AddTrust(*store_, "Oak", "TR1");
    elm_ = AddTrust(*store_, "Elm", "TR2");
    ada_ = AddPerson(*store_, oak_, "P1");
    hana_ = AddPerson(*store_, oak_, "P2");
    lee_ = AddPerson(*store_, oak_, "P3", D("2025-08-31"));
    sam_ = AddPerson(*store_, elm_, "X1");
    plan_ = Plan(oak_, "H1");
    elm_plan_ = Plan(elm_, "X1");
    shipped_gap_ = Competency(std::nullopt);
    elm_gap_ = Competency(elm_);
  }

  SuccessionPlanId Plan(TrustId trust, const char* post_reference) {
    const PostId post =
        Must(store_->Insert(org::Post{
                 .trust = trust, .reference = post_reference, .title = "Headteacher", .key = true}))
            .id;
    return Must(store_->Insert(succession::SuccessionPlan{
                    .trust = trust, .post = post, .created_on = D("2026-01-01")}))
        .id;
  }
  CompetencyId Competency(std::optional<TrustId> owner) {
    const auto framework = Must(store_->Insert(talent::Framework{.id = {},
                                                                 .trust = owner,
                                                                 .code = owner ? "OWN" : "SHIP",
                                                                 .name = "Values",
                                                                 .version = "1"}));
    const auto area = Must(store_->Insert(
        talent::Area{.id = {}, .framework = framework.id, .name = "Area", .position = 1}));
    return Must(store_->Insert(talent::Competency{.id = {},
                                                  .framework = framework.id,
                                                  .area = area.id,
                                                  .code = "C1",
                                                  .name = "Budgets",
                                                  .description = "",
                                                  .position = 1}))
        .id;
  }
  DevelopmentAction FromGap() {
    DevelopmentAction a = Shadowing(ada_);
    a.source = ActionSource::kSuccessionGap;
    a.plan = plan_;
    a.gap = shipped_gap_;
    a.owner = hana_;
    a.due_on = D("2026-06-30");
    return a;
  }
  Result<DevelopmentAction> Move(DevelopmentActionId id, ActionStatus to,
                                 std::string outcome = "") {
    return service_->Change(
        oak_, id,
        [&](DevelopmentAction& a) -> Result<void> {
          a.status = to;
          if (!outcome.empty()) a.outcome = outcome;
          return Ok();
        },
        actor_);
  }
  std::vector<std::string> History(DevelopmentActionId id) {
    return AuditedActions(*store_, "development_action", id.value());
  }

  ManualClock clock_{At("2026-01-15T09:00:00Z")};
  org::Actor actor_{.user = {}, .name = "test", .remote = {}};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<ActionService> service_;
  TrustId oak_, elm_;
  PersonId ada_, hana_, lee_, sam_;
  SuccessionPlanId plan_, elm_plan_;
  CompetencyId shipped_gap_, elm_gap_;
};

TEST_F(ActionServiceTest, RaisedForSomeoneOfTheTrustWithReferencesItCanSee) {
  const auto raised = service_->Raise(oak_, FromGap(), actor_);
  ASSERT_TRUE(raised) << raised.error().message;
  EXPECT_EQ(raised->trust, oak_);
  EXPECT_EQ(raised->status, ActionStatus::kPlanned);
  EXPECT_EQ(raised->raised_on, D("2026-01-10"));
  EXPECT_EQ(raised->gap, shipped_gap_);  // shipped competencies are every trust's
  DevelopmentAction today = Shadowing(ada_);
  today.raised_on = Date{};
  EXPECT_EQ(Must(service_->Raise(oak_, today, actor_)).raised_on, D("2026-01-15"));

  DevelopmentAction foreign = FromGap();
  foreign.person = sam_;
  foreign.owner = lee_;
  foreign.plan = elm_plan_;
  foreign.gap = elm_gap_;
  EXPECT_EQ(Fields(service_->Raise(oak_, foreign, actor_)),
            (Names{"person_id", "owner_id", "plan_id", "gap_competency_id"}));
  DevelopmentAction leaver = Shadowing(lee_);
  EXPECT_EQ(Fields(service_->Raise(oak_, leaver, actor_)), Names{"person_id"});
  DevelopmentAction closed = Shadowing(ada_);
  closed.status = ActionStatus::kCompleted;
  closed.raised_on = D("2026-02-01");
  EXPECT_EQ(Fields(service_->Raise(oak_, closed, actor_)), (Names{"status", "raised_on"}));
  EXPECT_EQ(service_->Raise(TrustId(99), Shadowing(ada_), actor_).error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(History(raised->id), std::vector<std::string>{"create"});
}

TEST_F(ActionServiceTest, StatusMovesCompleteWithAnOutcomeAndAreAudited) {
  const DevelopmentAction raised = Must(service_->Raise(oak_, FromGap(), actor_));
  const auto started = Move(raised.id, ActionStatus::kInProgress);
  ASSERT_TRUE(started) << started.error().message;
  EXPECT_EQ(Move(raised.id, ActionStatus::kPlanned).error().code, ErrorCode::kConflict);
  EXPECT_EQ(Fields(Move(raised.id, ActionStatus::kCompleted)), Names{"outcome"});

  clock_.Advance(std::chrono::days(40));
  const auto done = Move(raised.id, ActionStatus::kCompleted, "Set the spring budget");
  ASSERT_TRUE(done) << done.error().message;
  EXPECT_EQ(done->completed_on, D("2026-02-24"));
  EXPECT_TRUE(IsOnTrack(*done, D("2026-12-01")));
  clock_.Advance(std::chrono::days(5));
  const auto reworded = service_->Change(
      oak_, raised.id,
      [](DevelopmentAction& a) -> Result<void> {
        a.outcome = "Set the spring budget, then led the summer review";
        a.completed_on = D("2030-01-01");  // the day it was recorded is kept
        return Ok();
      },
      actor_);
  ASSERT_TRUE(reworded);
  EXPECT_EQ(reworded->completed_on, D("2026-02-24"));
  EXPECT_EQ(Move(raised.id, ActionStatus::kCancelled).error().code, ErrorCode::kConflict);
  EXPECT_EQ(History(raised.id),
            (std::vector<std::string>{"create", "in_progress", "completed", "update"}));
}

TEST_F(ActionServiceTest, WhoseActionAndWhereItCameFromDoNotChange) {
  const DevelopmentAction raised = Must(service_->Raise(oak_, FromGap(), actor_));
  const auto moved = service_->Change(
      oak_, raised.id,
      [&](DevelopmentAction& a) -> Result<void> {
        a.person = hana_;
        a.source = ActionSource::kManual;
        a.raised_on = D("2026-01-01");
        a.owner = lee_;
        return Ok();
      },
      actor_);
  EXPECT_EQ(Fields(moved), (Names{"person_id", "source", "raised_on", "owner_id"}));
  const auto owned = service_->Change(
      oak_, raised.id,
      [&](DevelopmentAction& a) -> Result<void> {
        a.owner.reset();
        a.due_on = D("2026-09-01");
        a.kind = ActionKind::kSecondment;
        return Ok();
      },
      actor_);
  ASSERT_TRUE(owned) << owned.error().message;
  EXPECT_FALSE(owned->owner);
  EXPECT_EQ(owned->kind, ActionKind::kSecondment);
  EXPECT_EQ(service_
                ->Change(
                    elm_, raised.id, [](DevelopmentAction&) { return Ok(); }, actor_)
                .error()
                .code,
            ErrorCode::kNotFound);
  const auto cancelled = Move(raised.id, ActionStatus::kCancelled);
  ASSERT_TRUE(cancelled);
  EXPECT_FALSE(cancelled->completed_on);
  EXPECT_FALSE(IsOpen(*cancelled));
}

}  // namespace
}  // namespace trellis::development
