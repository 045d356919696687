#include "org/model.h"

#include <array>
#include <vector>

namespace trellis {

using namespace org;

template <>
std::span<const EnumName<BodyKind>> EnumNames() {
  static constexpr std::array<EnumName<BodyKind>, 3> kNames = {{
      {BodyKind::kBoard, "board", "Board of Directors"},
      {BodyKind::kCommittee, "committee", "Committee of the Board"},
      {BodyKind::kLocalGoverningBody, "local_governing_body", "Local Governing Body"},
  }};
  return kNames;
}

template <>
std::span<const EnumName<MembershipRole>> EnumNames() {
  static constexpr std::array<EnumName<MembershipRole>, 4> kNames = {{
      {MembershipRole::kChair, "chair", "Chair"},
      {MembershipRole::kViceChair, "vice_chair", "Vice-chair"},
      {MembershipRole::kMember, "member", "Member"},
      {MembershipRole::kClerk, "clerk", "Clerk"},
  }};
  return kNames;
}

template <>
std::span<const EnumName<RoleFamily>> EnumNames() {
  static constexpr std::array<EnumName<RoleFamily>, 4> kNames = {{
      {RoleFamily::kTeaching, "teaching", "Teaching"},
      {RoleFamily::kSupport, "support", "Support"},
      {RoleFamily::kLeadership, "leadership", "Leadership"},
      {RoleFamily::kGovernance, "governance", "Governance"},
  }};
  return kNames;
}

template <>
std::span<const EnumName<ContractType>> EnumNames() {
  static constexpr std::array<EnumName<ContractType>, 4> kNames = {{
      {ContractType::kPermanent, "permanent", "Permanent"},
      {ContractType::kFixedTerm, "fixed_term", "Fixed term"},
      {ContractType::kCasual, "casual", "Casual"},
      {ContractType::kVoluntary, "voluntary", "Voluntary"},
  }};
  return kNames;
}

// The career ladder's own table is the source; this view lets generic code use it.
template <>
std::span<const EnumName<CareerStage>> EnumNames() {
  static const std::vector<EnumName<CareerStage>> kNames = [] {
    std::vector<EnumName<CareerStage>> names;
    for (const auto& info : CareerStages()) names.push_back({info.stage, info.code, info.label});
    return names;
  }();
  return kNames;
}

}  // namespace trellis
