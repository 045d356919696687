// PlanService against a real (in-memory) store: plans only for key posts and one per post,
// who may be named and how ranks, readiness overrides and the emergency flag behave, the
// record of discussions, risk of loss, formula settings, and the plan's whole history as one
// audit query. Also the field rules of succession/validation.h and the settings' JSON form.

#include "succession/plan_service.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "store/sqlite/sqlite_store.h"
#include "store/store_test_support.h"
#include "succession/json.h"
#include "succession/validation.h"

namespace trellis::succession {
namespace {

using store::testing::AddPerson;
using store::testing::AddTrust;
using store::testing::At;
using store::testing::AuditedActions;
using store::testing::D;
using store::testing::Fields;
using store::testing::Must;
using Names = std::set<std::string>;

// ---- Field rules and JSON ----

TEST(PlanRules, ACandidateIsInternalOrExternalWithTheRightReadiness) {
  PlanCandidate c{.id = {},
                  .trust = TrustId(1),
                  .plan = SuccessionPlanId(1),
                  .person = PersonId(2),
                  .rank = 1,
                  .added_on = D("2026-01-15")};
  EXPECT_TRUE(Check(c).empty());
  c.readiness = Readiness::kReadyNow;
  EXPECT_EQ(Fields(Check(c)), Names{"readiness_reason"});  // an override needs its reason
  c.readiness_reason = "Acted up for two terms";
  EXPECT_TRUE(Check(c).empty());
  c.readiness.reset();
  EXPECT_EQ(Fields(Check(c)), Names{"readiness_reason"});  // a reason for no override
  c.readiness_reason.clear();
  c.external_name = "Pat Partner";
  c.external_source = "Partner school";
  c.rank = 0;
  EXPECT_EQ(Fields(Check(c)), (Names{"external_name", "external_source", "rank"}));

  PlanCandidate outsider{.id = {},
                         .trust = TrustId(1),
                         .plan = SuccessionPlanId(1),
                         .external_name = "Pat Partner",
                         .rank = 2,
                         .added_on = D("2026-01-15")};
  EXPECT_EQ(Fields(Check(outsider)), Names{"readiness"});  // the formula knows no outsiders
  outsider.readiness = Readiness::kOneToTwoYears;
  EXPECT_TRUE(Check(outsider).empty());
  outsider.external_name = " ";
  EXPECT_EQ(Fields(Check(outsider)), Names{"person_id"});  // neither
}

TEST(PlanRules, DiscussionsNeedAnOutcomeAndRisksAPerson) {
  PlanDiscussion d{.id = {},
                   .trust = TrustId(1),
                   .plan = SuccessionPlanId(1),
                   .held_on = D("2026-01-10"),
                   .forum = Forum::kTrustBoard,
                   .attendees = "",
                   .outcome = "\n "};
  EXPECT_EQ(Fields(Check(d)), Names{"outcome"});
  d.outcome = std::string("Agreed") + '\0';
  EXPECT_EQ(Fields(Check(d)), Names{"outcome"});
  EXPECT_EQ(Fields(Check(LossRisk{})), (Names{"person_id", "assessed_on"}));
}

TEST(SettingsJson, RoundTripsKeepsDefaultsForMissingAndIgnoresUnknownNames) {
  SuccessionSettings s;
  s.formula.match_weight = 0.7;
  s.formula.overload_plans = 4;
  s.simulation.default_risk = 0.2;
  const auto back = SettingsFromJson(ToJson(s));
  ASSERT_TRUE(back);
  EXPECT_EQ(ToJson(*back), ToJson(s));
  EXPECT_EQ(ToJson(*back).size(), 14u);  // every setting of both parts, flat

  const auto partial = SettingsFromJson({{"talent_weight", 0.4}, {"some_later_setting", 1}});
  ASSERT_TRUE(partial);
  EXPECT_EQ(partial->formula.talent_weight, 0.4);
  EXPECT_EQ(partial->formula.match_weight, FormulaSettings{}.match_weight);
  EXPECT_EQ(SettingsFromJson({{"overload_plans", 3.0}})->formula.overload_plans, 3);

  const auto bad = SettingsFromJson({{"match_weight", "high"}, {"overload_plans", 2.5}});
  ASSERT_FALSE(bad);
  EXPECT_EQ(Fields(bad.error().details), (Names{"match_weight", "overload_plans"}));
  EXPECT_FALSE(SettingsFromJson(nlohmann::json::array()));
}

// ---- PlanService ----

// Oak trust: the key headship held by Hana, the key deputy headship held by Dev, a post that
// is not key, Ada and Bob (teachers), Lee (left the trust). Elm has Sam and a key post.
class PlanServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = Must(store::OpenSqliteStore(":memory:"));
    Must(store_->Migrate());
    service_ = std::make_unique<PlanService>(*store_, clock_);
    trust_ = AddTrust(*store_, "Oak", "TR1");
    other_ = AddTrust(*store_, "Elm", "TR2");
    hana_ = AddPerson(*store_, trust_, "P1");
    dev_ = AddPerson(*store_, trust_, "P2");
    ada_ = AddPerson(*store_, trust_, "P3");
    bob_ = AddPerson(*store_, trust_, "P4");
    lee_ = AddPerson(*store_, trust_, "P5", D("2025-08-31"));
    sam_ = AddPerson(*store_, other_, "X1");
    head_ = Post(trust_, "H1", true);
    deputy_ = Post(trust_, "D1", true);
    teacher_ = Post(trust_, "T1", false);
    elsewhere_ = Post(other_, "X1", true);
    Must(store_->Insert(
        org::Holding{.trust = trust_, .post = head_, .person = hana_, .start = D("2020-09-01")}));
    Must(store_->Insert(
        org::Holding{.trust = trust_, .post = deputy_, .person = dev_, .start = D("2021-09-01")}));
  }

  PostId Post(TrustId trust, const char* reference, bool key) {
    return Must(store_->Insert(org::Post{
                    .trust = trust, .reference = reference, .title = reference, .key = key}))
        .id;
  }
  SuccessionPlan PlanOf(PostId post) {
    return Must(service_->CreatePlan(trust_, SuccessionPlan{.post = post}, actor_));
  }
  static PlanCandidate Named(PersonId person) { return PlanCandidate{.person = person}; }
  static PlanCandidate Outsider(const char* name, Readiness readiness) {
    return PlanCandidate{.external_name = name, .readiness = readiness};
  }
  PlanCandidate Add(SuccessionPlanId plan, PlanCandidate c,
                    std::optional<int> rank = std::nullopt) {
    return Must(service_->AddCandidate(trust_, plan, std::move(c), rank, actor_));
  }
  // Who is named on the plan, by rank: the person's id, or the outsider's name.
  std::vector<std::string> Ranked(SuccessionPlanId plan) {
    std::vector<std::string> out;
    for (const PlanCandidate& c : Must(store_->GetPlanContent(trust_, plan)).candidates) {
      EXPECT_EQ(c.rank, static_cast<int>(out.size()) + 1) << "ranks run 1..n";
      out.push_back(c.person ? std::to_string(c.person->value()) : c.external_name);
    }
    return out;
  }
  std::string Id(PersonId p) { return std::to_string(p.value()); }
  std::vector<std::string> History(SuccessionPlanId plan) {
    return AuditedActions(*store_, "succession_plan", plan.value());
  }

  ManualClock clock_{At("2026-01-15T09:00:00Z")};
  org::Actor actor_{.user = {}, .name = "test", .remote = {}};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<PlanService> service_;
  TrustId trust_, other_;
  PersonId hana_, dev_, ada_, bob_, lee_, sam_;
  PostId head_, deputy_, teacher_, elsewhere_;
};

TEST_F(PlanServiceTest, PlansAreForKeyPostsOneEach) {
  const SuccessionPlan plan =
      Must(service_->CreatePlan(trust_,
                                SuccessionPlan{.post = head_,
                                               .impact = ImpactOfLoss::kHigh,
                                               .review_on = D("2026-07-01"),
                                               .notes = "Head retiring"},
                                actor_));
  EXPECT_EQ(plan.trust, trust_);
  EXPECT_EQ(plan.created_on, D("2026-01-15"));
  EXPECT_EQ(plan.impact, ImpactOfLoss::kHigh);
  EXPECT_EQ(service_->CreatePlan(trust_, SuccessionPlan{.post = head_}, actor_).error().code,
            ErrorCode::kConflict);
  EXPECT_EQ(Fields(service_->CreatePlan(trust_, SuccessionPlan{.post = teacher_}, actor_)),
            Names{"post_id"});
  EXPECT_EQ(Fields(service_->CreatePlan(trust_, SuccessionPlan{.post = elsewhere_}, actor_)),
            Names{"post_id"});
  EXPECT_EQ(Fields(service_->CreatePlan(trust_, SuccessionPlan{}, actor_)), Names{"post_id"});
  EXPECT_EQ(service_->CreatePlan(TrustId(99), SuccessionPlan{.post = head_}, actor_).error().code,
            ErrorCode::kNotFound);

  const auto changed = service_->ChangePlan(
      trust_, plan.id,
      [](SuccessionPlan& p) -> Result<void> {
        p.consider_external = true;
        p.review_on.reset();
        p.created_on = D("2020-01-01");  // kept as it was
        return Ok();
      },
      actor_);
  ASSERT_TRUE(changed) << changed.error().message;
  EXPECT_TRUE(changed->consider_external);
  EXPECT_FALSE(changed->review_on);
  EXPECT_EQ(changed->created_on, D("2026-01-15"));
  const auto moved = service_->ChangePlan(
      trust_, plan.id,
      [&](SuccessionPlan& p) -> Result<void> {
        p.post = deputy_;
        return Ok();
      },
      actor_);
  EXPECT_EQ(Fields(moved), Names{"post_id"});
  EXPECT_EQ(service_
                ->ChangePlan(
                    other_, plan.id, [](SuccessionPlan&) { return Ok(); }, actor_)
                .error()
                .code,
            ErrorCode::kNotFound);
  EXPECT_EQ(History(plan.id), (std::vector<std::string>{"create", "update"}));
}

TEST_F(PlanServiceTest, WhoMayBeNamed) {
  const SuccessionPlan plan = PlanOf(head_);
  EXPECT_EQ(Fields(service_->AddCandidate(trust_, plan.id, Named(hana_), {}, actor_)),
            Names{"person_id"})
      << "the holder";
  EXPECT_EQ(Fields(service_->AddCandidate(trust_, plan.id, Named(lee_), {}, actor_)),
            Names{"person_id"})
      << "a leaver";
  EXPECT_EQ(Fields(service_->AddCandidate(trust_, plan.id, Named(sam_), {}, actor_)),
            Names{"person_id"})
      << "another trust's";
  EXPECT_EQ(Fields(service_->AddCandidate(
                trust_, plan.id, Outsider("Pat Partner", Readiness::kReadyNow), 3, actor_)),
            Names{"rank"})
      << "1 to n + 1";
  PlanCandidate unexplained = Named(dev_);
  unexplained.readiness = Readiness::kReadyNow;
  EXPECT_EQ(Fields(service_->AddCandidate(trust_, plan.id, unexplained, {}, actor_)),
            Names{"readiness_reason"});
  EXPECT_EQ(Fields(service_->AddCandidate(trust_, plan.id, PlanCandidate{.external_name = "Pat"},
                                          {}, actor_)),
            Names{"readiness"});
  EXPECT_EQ(
      service_->AddCandidate(trust_, SuccessionPlanId(99), Named(dev_), {}, actor_).error().code,
      ErrorCode::kNotFound);

  const PlanCandidate dev = Add(plan.id, Named(dev_));
  EXPECT_EQ(dev.rank, 1);
  EXPECT_EQ(dev.added_on, D("2026-01-15"));
  const auto twice = service_->AddCandidate(trust_, plan.id, Named(dev_), {}, actor_);
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, ErrorCode::kConflict);
  EXPECT_EQ(Fields(twice), Names{"person_id"});
  // The deputy may be named for the headship, and the head for the deputy headship.
  EXPECT_EQ(Add(PlanOf(deputy_).id, Named(hana_)).rank, 1);
}

TEST_F(PlanServiceTest, RanksStayOneToNAsCandidatesComeMoveAndGo) {
  const SuccessionPlan plan = PlanOf(head_);
  Add(plan.id, Named(dev_));
  const PlanCandidate ada = Add(plan.id, Named(ada_));
  EXPECT_EQ(ada.rank, 2);  // appended
  const PlanCandidate pat = Add(plan.id, Outsider("Pat Partner", Readiness::kOneToTwoYears), 1);
  EXPECT_EQ(pat.rank, 1);
  EXPECT_EQ(Ranked(plan.id), (std::vector<std::string>{"Pat Partner", Id(dev_), Id(ada_)}));
  const PlanCandidate bob = Add(plan.id, Named(bob_), 2);
  EXPECT_EQ(Ranked(plan.id),
            (std::vector<std::string>{"Pat Partner", Id(bob_), Id(dev_), Id(ada_)}));

  auto move = [&](PlanCandidateId id, int rank) {
    return service_->ChangeCandidate(
        trust_, id,
        [rank](PlanCandidate& c) -> Result<void> {
          c.rank = rank;
          return Ok();
        },
        actor_);
  };
  ASSERT_TRUE(move(ada.id, 1));
  EXPECT_EQ(Ranked(plan.id),
            (std::vector<std::string>{Id(ada_), "Pat Partner", Id(bob_), Id(dev_)}));
  ASSERT_TRUE(move(ada.id, 4));
  EXPECT_EQ(Ranked(plan.id),
            (std::vector<std::string>{"Pat Partner", Id(bob_), Id(dev_), Id(ada_)}));
  EXPECT_EQ(Fields(move(ada.id, 5)), Names{"rank"});
  EXPECT_EQ(Fields(move(ada.id, 0)), Names{"rank"});

  Must(service_->RemoveCandidate(trust_, bob.id, "", actor_));
  EXPECT_EQ(Ranked(plan.id), (std::vector<std::string>{"Pat Partner", Id(dev_), Id(ada_)}));
  EXPECT_EQ(service_->RemoveCandidate(trust_, bob.id, "", actor_).error().code, ErrorCode::kNotFound);
  // A reason must be text a person wrote: no control characters; a bad one removes nobody.
  EXPECT_EQ(Fields(service_->RemoveCandidate(trust_, pat.id, std::string("no\0way", 6), actor_)),
            Names{"reason"});
  EXPECT_EQ(Ranked(plan.id), (std::vector<std::string>{"Pat Partner", Id(dev_), Id(ada_)}));
  Must(service_->RemoveCandidate(trust_, pat.id, "", actor_));
  EXPECT_EQ(Ranked(plan.id), (std::vector<std::string>{Id(dev_), Id(ada_)}));
}

TEST_F(PlanServiceTest, TheEmergencyFlagMovesAndOverridesKeepTheirReason) {
  const SuccessionPlan plan = PlanOf(head_);
  PlanCandidate first = Named(dev_);
  first.emergency = true;
  const PlanCandidate dev = Add(plan.id, first);
  PlanCandidate second = Named(ada_);
  second.emergency = true;
  const PlanCandidate ada = Add(plan.id, second);  // takes the flag
  EXPECT_TRUE(ada.emergency);
  EXPECT_FALSE(Must(store_->GetPlanCandidate(trust_, dev.id)).emergency);

  auto flagged = service_->ChangeCandidate(
      trust_, dev.id,
      [](PlanCandidate& c) -> Result<void> {
        c.emergency = true;
        c.rank = 2;
        c.readiness = Readiness::kReadyNow;
        c.readiness_reason = "Led the school for a term";
        return Ok();
      },
      actor_);
  ASSERT_TRUE(flagged) << flagged.error().message;
  EXPECT_TRUE(flagged->emergency);
  EXPECT_EQ(flagged->rank, 2);
  EXPECT_EQ(flagged->readiness, Readiness::kReadyNow);
  EXPECT_FALSE(Must(store_->GetPlanCandidate(trust_, ada.id)).emergency);
  EXPECT_EQ(Must(store_->GetPlanCandidate(trust_, ada.id)).rank, 1);

  auto unexplained = service_->ChangeCandidate(
      trust_, ada.id,
      [](PlanCandidate& c) -> Result<void> {
        c.readiness = Readiness::kThreePlusYears;
        return Ok();
      },
      actor_);
  EXPECT_EQ(Fields(unexplained), Names{"readiness_reason"});
  auto someone_else = service_->ChangeCandidate(
      trust_, ada.id,
      [&](PlanCandidate& c) -> Result<void> {
        c.person = bob_;
        return Ok();
      },
      actor_);
  EXPECT_EQ(Fields(someone_else), Names{"person_id"});
  auto failing_edit = service_->ChangeCandidate(
      trust_, ada.id,
      [](PlanCandidate&) -> Result<void> { return Fail(ErrorCode::kInvalidInput, "bad patch"); },
      actor_);
  EXPECT_EQ(failing_edit.error().code, ErrorCode::kInvalidInput);
}

TEST_F(PlanServiceTest, DiscussionsAreOfThePastWithAnOutcome) {
  const SuccessionPlan plan = PlanOf(head_);
  const auto held = service_->RecordDiscussion(trust_, plan.id,
                                               PlanDiscussion{.held_on = D("2026-01-14"),
                                                              .forum = Forum::kTrustBoard,
                                                              .attendees = "Chair, CEO",
                                                              .outcome = "Successors agreed"},
                                               actor_);
  ASSERT_TRUE(held) << held.error().message;
  EXPECT_EQ(held->plan, plan.id);
  EXPECT_EQ(
      Fields(service_->RecordDiscussion(
          trust_, plan.id, PlanDiscussion{.held_on = D("2026-01-16"), .outcome = ""}, actor_)),
      (Names{"held_on", "outcome"}));
  EXPECT_EQ(
      service_
          ->RecordDiscussion(other_, plan.id,
                             PlanDiscussion{.held_on = D("2026-01-14"), .outcome = "x"}, actor_)
          .error()
          .code,
      ErrorCode::kNotFound);
}

TEST_F(PlanServiceTest, APlansWholeHistoryIsOneAuditQuery) {
  const SuccessionPlan plan = PlanOf(head_);
  const PlanCandidate dev = Add(plan.id, Named(dev_));
  const PlanCandidate ada = Add(plan.id, Named(ada_), 1);
  Must(service_->ChangeCandidate(
      trust_, dev.id,
      [](PlanCandidate& c) -> Result<void> {
        c.rank = 1;
        return Ok();
      },
      actor_));
  Must(service_->RemoveCandidate(trust_, ada.id, "Moving to another trust in April.", actor_));
  Must(service_->RecordDiscussion(
      trust_, plan.id, PlanDiscussion{.held_on = D("2026-01-10"), .outcome = "Agreed"}, actor_));
  Must(service_->ChangePlan(
      trust_, plan.id,
      [](SuccessionPlan& p) -> Result<void> {
        p.notes = "Reviewed";
        return Ok();
      },
      actor_));
  EXPECT_EQ(History(plan.id), (std::vector<std::string>{"create", "add_candidate", "add_candidate",
                                                        "change_candidate", "remove_candidate",
                                                        "record_discussion", "update"}));

  // The change of rank shows the whole list before and after.
  const auto changes =
      Must(store_->ListAudit({.entity = "succession_plan", .action = "change_candidate"}));
  ASSERT_EQ(changes.total, 1);
  const auto before = nlohmann::json::parse(changes.items[0].before);
  const auto after = nlohmann::json::parse(changes.items[0].after);
  EXPECT_EQ(before["candidate_id"], dev.id.value());
  EXPECT_EQ(before["candidates"][0]["person_id"], ada_.value());
  EXPECT_EQ(after["candidates"][0]["person_id"], dev_.value());
  EXPECT_EQ(after["candidates"][1]["rank"], 2);
  const auto removal =
      Must(store_->ListAudit({.entity = "succession_plan", .action = "remove_candidate"}));
  EXPECT_EQ(nlohmann::json::parse(removal.items[0].after)["candidates"].size(), 1u);
  EXPECT_EQ(nlohmann::json::parse(removal.items[0].after)["reason"],
            "Moving to another trust in April.");

  Must(service_->RecordPlansRead(trust_, std::to_string(plan.id.value()), actor_));
  EXPECT_EQ(History(plan.id).back(), "read");
}

TEST_F(PlanServiceTest, RiskOfLossIsSetReplacedAndCleared) {
  auto set = service_->SetRisk(
      trust_,
      LossRisk{.person = hana_, .risk = RiskOfLoss::kHigh, .window = DepartureWindow::kWithinAYear},
      actor_);
  ASSERT_TRUE(set) << set.error().message;
  EXPECT_EQ(set->assessed_on, D("2026-01-15"));
  auto again = service_->SetRisk(
      trust_,
      LossRisk{.person = hana_, .risk = RiskOfLoss::kMedium, .assessed_on = D("2026-01-02")},
      actor_);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->id, set->id);
  EXPECT_EQ(Must(store_->ListLossRisks(trust_)).size(), 1u);
  EXPECT_EQ(
      Fields(service_->SetRisk(trust_, LossRisk{.person = lee_, .risk = RiskOfLoss::kLow}, actor_)),
      Names{"person_id"});
  EXPECT_EQ(
      Fields(service_->SetRisk(trust_, LossRisk{.person = sam_, .risk = RiskOfLoss::kLow}, actor_)),
      Names{"person_id"});
  EXPECT_EQ(Fields(service_->SetRisk(
                trust_,
                LossRisk{.person = dev_, .risk = RiskOfLoss::kLow, .assessed_on = D("2026-02-01")},
                actor_)),
            Names{"assessed_on"});

  Must(service_->ClearRisk(trust_, hana_, actor_));
  EXPECT_FALSE(Must(store_->FindLossRisk(trust_, hana_)));
  EXPECT_EQ(service_->ClearRisk(trust_, hana_, actor_).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(AuditedActions(*store_, "loss_risk", hana_.value()),
            (std::vector<std::string>{"create", "update", "delete"}));
}

TEST_F(PlanServiceTest, SettingsAreCheckedThenStoredForTheTrust) {
  SuccessionSettings bad;
  bad.formula.match_weight = -1;
  bad.simulation.high_risk = 1.5;
  EXPECT_EQ(Fields(service_->PutSettings(trust_, bad, actor_)),
            (Names{"match_weight", "high_risk"}));
  SuccessionSettings mine;
  mine.formula.overload_plans = 3;
  Must(service_->PutSettings(trust_, mine, actor_));
  EXPECT_EQ(Must(store_->GetFormulaSettings(trust_)).formula.overload_plans, 3);
  EXPECT_EQ(Must(store_->GetFormulaSettings(other_)).formula.overload_plans, 2);
  EXPECT_EQ(service_->PutSettings(TrustId(99), mine, actor_).error().code, ErrorCode::kNotFound);
  const auto audit = Must(store_->ListAudit({.entity = "formula_settings"}));
  ASSERT_EQ(audit.total, 1);
  EXPECT_EQ(nlohmann::json::parse(audit.items[0].after)["overload_plans"], 3);
}

}  // namespace
}  // namespace trellis::succession
