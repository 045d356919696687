// Field rules, the "latest one counts" rule, the shipped frameworks, and the effective role
// profile of a post (its own, else its career stage's).

#include <gtest/gtest.h>

#include <set>

#include "store/sqlite/sqlite_store.h"
#include "talent/frameworks.h"
#include "talent/talent_service.h"
#include "talent/validation.h"

namespace trellis::talent {
namespace {

class FixedClock final : public Clock {
 public:
  Instant Now() const override { return *ParseInstant("2026-01-15T09:00:00Z"); }
};

std::set<std::string> Fields(const std::vector<Problem>& problems) {
  std::set<std::string> out;
  for (const auto& p : problems) out.insert(p.field);
  return out;
}

Date D(const char* iso) { return *Date::Parse(iso); }

TEST(TalentValidation, RoleProfileNeedsExactlyOneOfPostAndStageAndSoundRequirements) {
  RoleProfile p{.id = {}, .trust = TrustId(1), .post = PostId(3), .stage = std::nullopt,
                .name = "Head", .requirements = {{CompetencyId(1), 3, 2.0}}};
  EXPECT_TRUE(Check(p).empty());
  p.stage = org::CareerStage::kNewHeadteacher;
  EXPECT_EQ(Fields(Check(p)), std::set<std::string>{"stage"});
  p.post.reset();
  EXPECT_TRUE(Check(p).empty());
  p.stage.reset();
  EXPECT_EQ(Fields(Check(p)), std::set<std::string>{"post_id"});
  p.stage = org::CareerStage::kNewHeadteacher;
  p.requirements = {{CompetencyId(1), 0, 1.0}, {CompetencyId(1), 5, 0.0}, {CompetencyId(2), 4, 101.0}};
  EXPECT_EQ(Fields(Check(p)), (std::set<std::string>{"requirements[0].level", "requirements[1].competency_id",
                                                     "requirements[1].level", "requirements[1].weight",
                                                     "requirements[2].weight"}));
  p.requirements.clear();
  EXPECT_EQ(Fields(Check(p)), std::set<std::string>{"requirements"});
}

TEST(TalentValidation, AssessmentLevelsOneToFourAndNoSelfAssessment) {
  Assessment a{.id = {}, .trust = TrustId(1), .person = PersonId(2), .competency = CompetencyId(3),
               .level = 4, .assessor = PersonId(5), .assessor_name = "Ann Manager",
               .assessed_on = D("2025-01-01"), .evidence = "Line one\nLine two"};
  EXPECT_TRUE(Check(a).empty());
  a.level = 0;
  EXPECT_EQ(Fields(Check(a)), std::set<std::string>{"level"});
  a.level = 5;
  EXPECT_EQ(Fields(Check(a)), std::set<std::string>{"level"});
  a.level = 1;
  a.assessor = a.person;
  EXPECT_EQ(Fields(Check(a)), std::set<std::string>{"assessor_id"});
  a.assessor.reset();
  a.assessor_name = "";
  a.assessed_on = Date{};
  a.evidence = std::string("bad\x01");
  EXPECT_EQ(Fields(Check(a)), (std::set<std::string>{"assessor_name", "assessed_on", "evidence"}));
}

TEST(TalentModel, LatestIsByDateThenIdEvenOnTheSameDay) {
  auto make = [](int64_t id, int64_t person, const char* on, int level) {
    return Assessment{.id = AssessmentId(id), .trust = TrustId(1), .person = PersonId(person),
                      .competency = CompetencyId(7), .level = level, .assessor = std::nullopt,
                      .assessor_name = "x", .assessed_on = D(on), .evidence = ""};
  };
  EXPECT_TRUE(IsLater(make(1, 1, "2025-02-01", 1), make(9, 1, "2025-01-31", 1)));
  EXPECT_TRUE(IsLater(make(9, 1, "2025-02-01", 1), make(8, 1, "2025-02-01", 1)));
  EXPECT_FALSE(IsLater(make(8, 1, "2025-02-01", 1), make(9, 1, "2025-02-01", 1)));
  auto latest = LatestOnly({make(4, 2, "2024-01-01", 4), make(8, 1, "2025-02-01", 2),
                            make(9, 1, "2025-02-01", 3), make(3, 1, "2023-02-01", 1)});
  ASSERT_EQ(latest.size(), 2u);
  EXPECT_EQ(latest[0].id, AssessmentId(9));
  EXPECT_EQ(latest[0].level, 3);
  EXPECT_EQ(latest[1].person, PersonId(2));
}

TEST(TalentFrameworks, ShippedContentFollowsTheSeeds) {
  auto frameworks = ShippedFrameworks();
  ASSERT_EQ(frameworks.size(), 2u);
  EXPECT_EQ(frameworks[0].code, kThreeCsCode);
  ASSERT_EQ(frameworks[0].areas.size(), 3u);
  EXPECT_EQ(frameworks[0].areas[0].name, "Character");
  EXPECT_EQ(frameworks[0].areas[1].name, "Capability");
  EXPECT_EQ(frameworks[0].areas[2].name, "Connectivity");
  EXPECT_EQ(frameworks[0].areas[0].competencies[0].name, "CARERS attributes (as the trust defines them)");
  EXPECT_EQ(frameworks[1].code, kNpqelCode);
  ASSERT_EQ(frameworks[1].areas.size(), 10u);
  std::set<std::string_view> codes;
  for (const auto& f : frameworks)
    for (const auto& area : f.areas) {
      EXPECT_GE(area.competencies.size(), 2u) << area.name;
      for (const auto& c : area.competencies) {
        EXPECT_TRUE(codes.insert(c.code).second) << c.code;
        EXPECT_TRUE(Check(Competency{.id = {}, .framework = FrameworkId(1), .area = AreaId(1),
                                     .code = std::string(c.code), .name = std::string(c.name),
                                     .description = std::string(c.description), .position = 1})
                        .empty())
            << c.code;
      }
    }
}

class TalentServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = std::move(*store::OpenSqliteStore(":memory:"));
    ASSERT_TRUE(store_->Migrate());
    service_ = std::make_unique<TalentService>(*store_, clock_);
    org::OrgService writer(*store_, clock_);
    trust_ = writer.Create(org::Trust{.id = {}, .name = "Oak", .reference = "", .created_at = {}}, actor_)->id;
    head_post_ = writer.Create(trust_, org::Post{.reference = "H1", .title = "Headteacher", .stage = org::CareerStage::kNewHeadteacher, .key = true}, actor_)->id;
    other_head_ = writer.Create(trust_, org::Post{.reference = "H2", .title = "Headteacher", .stage = org::CareerStage::kNewHeadteacher, .key = true}, actor_)->id;
    no_stage_ = writer.Create(trust_, org::Post{.reference = "F1", .title = "Director of Finance", .key = true}, actor_)->id;
  }

  FixedClock clock_;
  org::Actor actor_{.user = {}, .name = "test", .remote = {}};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<TalentService> service_;
  TrustId trust_;
  PostId head_post_, other_head_, no_stage_;
};

TEST_F(TalentServiceTest, InstallingShippedFrameworksIsIdempotent) {
  EXPECT_EQ(*service_->InstallShippedFrameworks(), 2);
  EXPECT_EQ(*service_->InstallShippedFrameworks(), 0);
  EXPECT_EQ(store_->ListFrameworks(trust_)->size(), 2u);
  EXPECT_EQ(store_->ListAudit({.entity = "framework", .action = "install"})->total, 2);
}

TEST_F(TalentServiceTest, APostUsesItsOwnProfileElseItsStagesElseNone) {
  ASSERT_TRUE(service_->InstallShippedFrameworks());
  const auto frameworks = *store_->ListFrameworks(trust_);
  const auto content = *store_->GetFrameworkContent(trust_, frameworks.at(0).id);
  const CompetencyId c = content.competencies.at(0).id;

  EXPECT_FALSE(*EffectiveProfile(*store_, trust_, head_post_));
  auto by_stage = service_->Create(trust_, RoleProfile{.stage = org::CareerStage::kNewHeadteacher, .requirements = {{c, 3, 1.0}}}, actor_);
  ASSERT_TRUE(by_stage) << by_stage.error().message;
  auto own = service_->Create(trust_, RoleProfile{.post = head_post_, .requirements = {{c, 4, 2.0}}}, actor_);
  ASSERT_TRUE(own) << own.error().message;

  auto mine = *EffectiveProfile(*store_, trust_, head_post_);
  ASSERT_TRUE(mine);
  EXPECT_EQ(mine->source, ProfileSource::kPost);
  EXPECT_EQ(mine->profile.id, own->id);
  auto inherited = *EffectiveProfile(*store_, trust_, other_head_);
  ASSERT_TRUE(inherited);
  EXPECT_EQ(inherited->source, ProfileSource::kStage);
  EXPECT_EQ(inherited->profile.id, by_stage->id);
  EXPECT_FALSE(*EffectiveProfile(*store_, trust_, no_stage_));
  EXPECT_EQ(EffectiveProfile(*store_, trust_, PostId(999)).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_->ListAudit({.entity = "role_profile"})->total, 2);
}

TEST_F(TalentServiceTest, ChecksReferencesAndDatesAndUpdatesInOneGo) {
  ASSERT_TRUE(service_->InstallShippedFrameworks());
  const auto content = *store_->GetFrameworkContent(trust_, store_->ListFrameworks(trust_)->at(0).id);
  const CompetencyId c = content.competencies.at(0).id;
  org::OrgService org(*store_, clock_);
  const PersonId ada = org.Create(trust_, org::Person{.reference = "P1", .given_name = "Ada", .family_name = "L"}, actor_)->id;
  Assessment a{.person = ada, .competency = c, .level = 2, .assessor_name = "Panel", .assessed_on = D("2026-01-16")};
  auto future = service_->Create(trust_, a, actor_);
  ASSERT_FALSE(future);
  EXPECT_EQ(future.error().details.at(0).field, "assessed_on");
  a.assessed_on = D("2026-01-15");
  a.competency = CompetencyId(99999);
  auto missing = service_->Create(trust_, a, actor_);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().details.at(0).field, "competency_id");
  a.competency = c;
  auto stored = service_->Create(trust_, a, actor_);
  ASSERT_TRUE(stored) << stored.error().message;
  auto refused = service_->Update(trust_, stored->id, [](Assessment& x) -> Result<void> { x.level = 7; return Ok(); }, actor_);
  ASSERT_FALSE(refused);
  EXPECT_EQ(store_->GetAssessment(trust_, stored->id)->level, 2);
  auto changed = service_->Update(trust_, stored->id, [](Assessment& x) -> Result<void> { x.level = 3; return Ok(); }, actor_);
  ASSERT_TRUE(changed);
  EXPECT_EQ(changed->level, 3);
  EXPECT_EQ(store_->ListAudit({.entity = "assessment"})->total, 2);
}

}  // namespace
}  // namespace trellis::talent
