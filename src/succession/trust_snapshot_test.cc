// The role-group rule, and the snapshot a trust's store gives: each key post's school (its
// own, or its Local Governing Body's) and role group.

#include "succession/trust_snapshot.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "store/sqlite/sqlite_store.h"
#include "succession/role_group.h"

namespace trellis::succession {
namespace {

using org::CareerStage;
using org::RoleFamily;

org::Post PostOf(RoleFamily family, std::optional<CareerStage> stage,
                 std::optional<SchoolId> school = std::nullopt,
                 std::optional<BodyId> body = std::nullopt) {
  return org::Post{.school = school, .body = body, .family = family, .stage = stage};
}

TEST(RoleGroup, FromFamilyStageAndPlace) {
  const SchoolId school(1);
  const BodyId board(1);
  // Governance first, whatever the stage.
  EXPECT_EQ(RoleGroupOf(PostOf(RoleFamily::kGovernance, CareerStage::kBoardMember, {}, board)),
            RoleGroup::kGovernance);
  EXPECT_EQ(RoleGroupOf(PostOf(RoleFamily::kGovernance, std::nullopt, {}, board)),
            RoleGroup::kGovernance);
  // Then the ladder.
  EXPECT_EQ(RoleGroupOf(PostOf(RoleFamily::kLeadership, CareerStage::kExecutiveLeader)),
            RoleGroup::kTrustExecutive);
  EXPECT_EQ(RoleGroupOf(PostOf(RoleFamily::kLeadership, CareerStage::kExecutiveLeader, school)),
            RoleGroup::kTrustExecutive);  // an executive headteacher based at a school
  EXPECT_EQ(RoleGroupOf(PostOf(RoleFamily::kLeadership, CareerStage::kNewHeadteacher, school)),
            RoleGroup::kHeadship);
  EXPECT_EQ(
      RoleGroupOf(PostOf(RoleFamily::kLeadership, CareerStage::kEstablishedHeadteacher, school)),
      RoleGroup::kHeadship);
  EXPECT_EQ(RoleGroupOf(PostOf(RoleFamily::kLeadership, CareerStage::kNewSeniorLeader, school)),
            RoleGroup::kSeniorLeadership);
  EXPECT_EQ(
      RoleGroupOf(PostOf(RoleFamily::kLeadership, CareerStage::kExperiencedSeniorLeader, school)),
      RoleGroup::kSeniorLeadership);
  EXPECT_EQ(RoleGroupOf(PostOf(RoleFamily::kTeaching, CareerStage::kNewMiddleLeader, school)),
            RoleGroup::kMiddleLeadership);
  EXPECT_EQ(
      RoleGroupOf(PostOf(RoleFamily::kTeaching, CareerStage::kExperiencedMiddleLeader, school)),
      RoleGroup::kMiddleLeadership);
  EXPECT_EQ(RoleGroupOf(PostOf(RoleFamily::kTeaching, CareerStage::kExperiencedTeacher, school)),
            RoleGroup::kOtherKeyPosts);
  // Off the ladder: the central team's leadership posts are trust executive; a leadership
  // post at a school without a stage, and support staff, are other key posts.
  EXPECT_EQ(RoleGroupOf(PostOf(RoleFamily::kLeadership, std::nullopt)), RoleGroup::kTrustExecutive);
  EXPECT_EQ(RoleGroupOf(PostOf(RoleFamily::kLeadership, std::nullopt, school)),
            RoleGroup::kOtherKeyPosts);
  EXPECT_EQ(RoleGroupOf(PostOf(RoleFamily::kSupport, std::nullopt)), RoleGroup::kOtherKeyPosts);
}

TEST(RoleGroup, CodesAndLabels) {
  ASSERT_EQ(EnumNames<RoleGroup>().size(), kRoleGroupCount);
  for (size_t i = 0; i < kRoleGroupCount; ++i) {
    EXPECT_EQ(EnumNames<RoleGroup>()[i].value, kRoleGroups[i]);
    EXPECT_EQ(static_cast<size_t>(kRoleGroups[i]), i);
  }
  EXPECT_EQ(Code(RoleGroup::kOtherKeyPosts), "other_key_posts");
  EXPECT_EQ(Label(RoleGroup::kTrustExecutive), "Trust executive");
  EXPECT_EQ(ParseEnum<RoleGroup>("Senior leadership"), RoleGroup::kSeniorLeadership);
}

TEST(TrustSnapshot, KeyPostsCarryTheirSchoolAndRoleGroup) {
  auto opened = store::OpenSqliteStore(":memory:");
  ASSERT_TRUE(opened) << opened.error().message;
  store::Store& store = **opened;
  ASSERT_TRUE(store.Migrate());
  const Date today = *Date::Parse("2026-03-01");
  const TrustId trust = store.Insert(org::Trust{.name = "Oak", .reference = ""})->id;
  const SchoolId north =
      store.Insert(org::School{.trust = trust, .urn = 100001, .name = "North"})->id;
  const BodyId board =
      store.Insert(org::Body{.trust = trust, .kind = org::BodyKind::kBoard, .name = "Board"})->id;
  const BodyId lgb = store
                         .Insert(org::Body{.trust = trust,
                                           .kind = org::BodyKind::kLocalGoverningBody,
                                           .name = "North LGB",
                                           .school = north})
                         ->id;
  auto post = [&](const char* reference, org::Post p) {
    p.trust = trust;
    p.reference = reference;
    p.title = reference;
    p.key = true;
    auto stored = store.Insert(p);
    EXPECT_TRUE(stored) << stored.error().message;
    return stored->id;
  };
  const PostId ceo = post("CEO", PostOf(RoleFamily::kLeadership, CareerStage::kExecutiveLeader));
  const PostId finance = post("DOF", PostOf(RoleFamily::kLeadership, std::nullopt));
  const PostId head =
      post("HEAD", PostOf(RoleFamily::kLeadership, CareerStage::kNewHeadteacher, north));
  const PostId chair =
      post("CHAIR", PostOf(RoleFamily::kGovernance, CareerStage::kBoardMember, {}, board));
  const PostId lgb_chair =
      post("LGB-CHAIR",
           PostOf(RoleFamily::kGovernance, CareerStage::kLocalGoverningBodyMember, {}, lgb));

  auto snapshot = BuildTrustSnapshot(store, trust, today);
  ASSERT_TRUE(snapshot) << snapshot.error().message;
  auto key_post = [&](PostId id) -> const KeyPost& {
    return snapshot->posts().at(*snapshot->PostIndex(id));
  };
  EXPECT_EQ(key_post(ceo).school, std::nullopt);
  EXPECT_EQ(key_post(ceo).role_group, RoleGroup::kTrustExecutive);
  EXPECT_EQ(key_post(finance).school, std::nullopt);
  EXPECT_EQ(key_post(finance).role_group, RoleGroup::kTrustExecutive);
  EXPECT_EQ(key_post(head).school, north);
  EXPECT_EQ(key_post(head).role_group, RoleGroup::kHeadship);
  EXPECT_EQ(key_post(chair).school, std::nullopt);  // the Board's: trust-wide
  EXPECT_EQ(key_post(chair).role_group, RoleGroup::kGovernance);
  EXPECT_TRUE(key_post(chair).board);
  EXPECT_EQ(key_post(lgb_chair).school, north);  // its Local Governing Body's school
  EXPECT_EQ(key_post(lgb_chair).role_group, RoleGroup::kGovernance);
  EXPECT_FALSE(key_post(lgb_chair).board);
  EXPECT_TRUE(snapshot->IsLocalGoverningBody(lgb));
  EXPECT_FALSE(snapshot->IsLocalGoverningBody(board));
}

}  // namespace
}  // namespace trellis::succession
