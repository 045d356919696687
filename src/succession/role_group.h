#pragma once
// The groups of key posts the succession dashboard reports by, in the words a trust uses for
// its leadership pipeline. Reference data: the same for every trust.
//
// The rule (RoleGroupOf), first match wins:
//   1. a governance post (the governance role family: chairs, vice-chairs and committee
//      chairs of the Board and of Local Governing Bodies)                    → governance
//   2. career stage CEO or executive headteacher                             → trust executive
//   3. career stage new or established headteacher                           → headship
//   4. career stage new or experienced deputy or assistant headteacher       → senior leadership
//   5. career stage new or experienced middle leader                         → middle leadership
//   6. no career stage, leadership role family, and at neither a school nor a body: a post of
//      the trust's central team such as the Director of Finance, which the ladder does not
//      place but which the Board plans for beside the CEO                   → trust executive
//   7. anything else (a key post below middle leadership, a support-staff key post such as a
//      school business manager, a school leadership post without a stage)  → other key posts

#include <array>
#include <cstddef>
#include <span>

#include "core/enum_names.h"
#include "org/model.h"

namespace trellis::succession {

enum class RoleGroup {
  kTrustExecutive,
  kHeadship,
  kSeniorLeadership,
  kMiddleLeadership,
  kGovernance,
  kOtherKeyPosts,
};

inline constexpr size_t kRoleGroupCount = 6;

// Every role group in the order screens show them (the enum's order): an array indexed by
// static_cast<size_t>(group) lines up with it.
inline constexpr std::array<RoleGroup, kRoleGroupCount> kRoleGroups = {
    RoleGroup::kTrustExecutive,   RoleGroup::kHeadship,   RoleGroup::kSeniorLeadership,
    RoleGroup::kMiddleLeadership, RoleGroup::kGovernance, RoleGroup::kOtherKeyPosts,
};

// The role group of a post, by the rule above.
RoleGroup RoleGroupOf(const org::Post& post);

}  // namespace trellis::succession

namespace trellis {
template <>
std::span<const EnumName<succession::RoleGroup>> EnumNames();
}  // namespace trellis
