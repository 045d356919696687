#pragma once
// Strong identifier types: a PersonId cannot be passed where a SchoolId is wanted.

#include <compare>
#include <cstdint>
#include <functional>

namespace trellis {

template <typename Tag>
class Id {
 public:
  constexpr Id() = default;
  constexpr explicit Id(int64_t value) : value_(value) {}
  constexpr int64_t value() const { return value_; }
  constexpr bool valid() const { return value_ > 0; }
  constexpr auto operator<=>(const Id&) const = default;

 private:
  int64_t value_ = 0;
};

using TrustId = Id<struct TrustTag>;
using SchoolId = Id<struct SchoolTag>;
using BodyId = Id<struct BodyTag>;
using MembershipId = Id<struct MembershipTag>;
using PersonId = Id<struct PersonTag>;
using PostId = Id<struct PostTag>;
using HoldingId = Id<struct HoldingTag>;
using LineLinkId = Id<struct LineLinkTag>;
using UserId = Id<struct UserTag>;
using AuditEntryId = Id<struct AuditEntryTag>;
using CompetencyId = Id<struct CompetencyTag>;
using FrameworkId = Id<struct FrameworkTag>;
using AreaId = Id<struct AreaTag>;
using RoleProfileId = Id<struct RoleProfileTag>;
using AssessmentId = Id<struct AssessmentTag>;
using ReviewCycleId = Id<struct ReviewCycleTag>;
using RatingId = Id<struct RatingTag>;
using CalibrationMeetingId = Id<struct CalibrationMeetingTag>;
using RatingAdjustmentId = Id<struct RatingAdjustmentTag>;
using DevelopmentActionId = Id<struct DevelopmentActionTag>;
using SuccessionPlanId = Id<struct SuccessionPlanTag>;
using PlanCandidateId = Id<struct PlanCandidateTag>;
using PlanDiscussionId = Id<struct PlanDiscussionTag>;
using LossRiskId = Id<struct LossRiskTag>;
using PipelineSnapshotId = Id<struct PipelineSnapshotTag>;

}  // namespace trellis

template <typename Tag>
struct std::hash<trellis::Id<Tag>> {
  size_t operator()(const trellis::Id<Tag>& id) const noexcept {
    return std::hash<int64_t>{}(id.value());
  }
};
