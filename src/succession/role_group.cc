#include "succession/role_group.h"

namespace trellis {

template <>
std::span<const EnumName<succession::RoleGroup>> EnumNames() {
  using succession::RoleGroup;
  static constexpr std::array<EnumName<RoleGroup>, succession::kRoleGroupCount> kNames = {{
      {RoleGroup::kTrustExecutive, "trust_executive", "Trust executive"},
      {RoleGroup::kHeadship, "headship", "Headship"},
      {RoleGroup::kSeniorLeadership, "senior_leadership", "Senior leadership"},
      {RoleGroup::kMiddleLeadership, "middle_leadership", "Middle leadership"},
      {RoleGroup::kGovernance, "governance", "Governance"},
      {RoleGroup::kOtherKeyPosts, "other_key_posts", "Other key posts"},
  }};
  return kNames;
}

}  // namespace trellis

namespace trellis::succession {

RoleGroup RoleGroupOf(const org::Post& post) {
  using org::CareerStage;
  // A governance stage implies the governance family (org/validation.cc), so the family
  // alone decides; checking the stage too keeps an unchecked record in the right group.
  if (post.family == org::RoleFamily::kGovernance ||
      (post.stage && org::Info(*post.stage).governance))
    return RoleGroup::kGovernance;
  if (post.stage) {
    switch (*post.stage) {
      case CareerStage::kExecutiveLeader:
        return RoleGroup::kTrustExecutive;
      case CareerStage::kNewHeadteacher:
      case CareerStage::kEstablishedHeadteacher:
        return RoleGroup::kHeadship;
      case CareerStage::kNewSeniorLeader:
      case CareerStage::kExperiencedSeniorLeader:
        return RoleGroup::kSeniorLeadership;
      case CareerStage::kNewMiddleLeader:
      case CareerStage::kExperiencedMiddleLeader:
        return RoleGroup::kMiddleLeadership;
      default:
        return RoleGroup::kOtherKeyPosts;
    }
  }
  if (post.family == org::RoleFamily::kLeadership && !post.school && !post.body)
    return RoleGroup::kTrustExecutive;
  return RoleGroup::kOtherKeyPosts;
}

}  // namespace trellis::succession
