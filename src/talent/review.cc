#include "talent/review.h"

#include <algorithm>

namespace trellis {
template <>
std::span<const EnumName<talent::CycleStatus>> EnumNames() {
  static constexpr std::array<EnumName<talent::CycleStatus>, 3> kNames = {{
      {talent::CycleStatus::kOpen, "open", "Open for proposals"},
      {talent::CycleStatus::kCalibrating, "calibrating", "Calibrating"},
      {talent::CycleStatus::kClosed, "closed", "Closed"},
  }};
  return kNames;
}
template <>
std::span<const EnumName<talent::MeetingLevel>> EnumNames() {
  static constexpr std::array<EnumName<talent::MeetingLevel>, 2> kNames = {{
      {talent::MeetingLevel::kSchool, "school", "School calibration meeting"},
      {talent::MeetingLevel::kTrust, "trust", "Trust calibration meeting"},
  }};
  return kNames;
}
template <>
std::span<const EnumName<talent::ProposerRole>> EnumNames() {
  static constexpr std::array<EnumName<talent::ProposerRole>, 2> kNames = {{
      {talent::ProposerRole::kLineManager, "line_manager", "The person's line manager"},
      {talent::ProposerRole::kTrustAdmin, "trust_admin", "A trust administrator"},
  }};
  return kNames;
}
}  // namespace trellis

namespace trellis::talent {

bool IsBox(Box box) {
  return box.performance >= kMinScore && box.performance <= kMaxScore &&
         box.potential >= kMinScore && box.potential <= kMaxScore;
}

size_t BoxIndex(Box box) {
  return static_cast<size_t>((box.performance - kMinScore) * kMaxScore +
                             (box.potential - kMinScore));
}

Box BoxAt(size_t index) {
  return Box{.performance = static_cast<int>(index / kMaxScore) + kMinScore,
             .potential = static_cast<int>(index % kMaxScore) + kMinScore};
}

BoxNames DefaultBoxNames() {
  BoxNames names;
  names[BoxIndex({1, 1})] = "Risk";
  names[BoxIndex({1, 2})] = "Inconsistent player";
  names[BoxIndex({1, 3})] = "Rough diamond";
  names[BoxIndex({2, 1})] = "Effective";
  names[BoxIndex({2, 2})] = "Core player";
  names[BoxIndex({2, 3})] = "Emerging star";
  names[BoxIndex({3, 1})] = "Trusted professional";
  names[BoxIndex({3, 2})] = "High performer";
  names[BoxIndex({3, 3})] = "Star";
  return names;
}

Result<void> CanPropose(const ReviewCycle& cycle) {
  if (cycle.status != CycleStatus::kOpen)
    return Fail(ErrorCode::kConflict,
                "Ratings can be proposed only while the cycle is open; it is " +
                    std::string(Code(cycle.status)) + ".");
  return Ok();
}

Result<void> MayRate(ProposerRole role, PersonId rater, PersonId person,
                     std::span<const org::LineLink> links, Date day) {
  if (rater == person) return Fail(ErrorCode::kForbidden, "Nobody rates themselves.");
  if (role == ProposerRole::kTrustAdmin) return Ok();
  const bool manages = std::any_of(links.begin(), links.end(), [&](const org::LineLink& l) {
    return l.manager == rater && l.report == person && InForce(l, day);
  });
  if (!manages)
    return Fail(ErrorCode::kForbidden,
                "Only the person's current line manager (or a trust administrator) may propose "
                "their rating.");
  return Ok();
}

Result<void> CanMove(CycleStatus from, CycleStatus to) {
  const bool next = (from == CycleStatus::kOpen && to == CycleStatus::kCalibrating) ||
                    (from == CycleStatus::kCalibrating && to == CycleStatus::kClosed);
  if (!next)
    return Fail(ErrorCode::kConflict,
                "A cycle moves open → calibrating → closed; it cannot go from " +
                    std::string(Code(from)) + " to " + std::string(Code(to)) + ".");
  return Ok();
}

Result<void> CanMeet(const ReviewCycle& cycle, MeetingLevel level, bool trust_meeting_held) {
  if (cycle.status != CycleStatus::kCalibrating)
    return Fail(ErrorCode::kConflict,
                "Calibration happens only while the cycle is calibrating; it is " +
                    std::string(Code(cycle.status)) + ".");
  if (level == MeetingLevel::kSchool && trust_meeting_held)
    return Fail(ErrorCode::kConflict,
                "Schools calibrate before the trust: the trust's meeting has been held.");
  return Ok();
}

Rating Finalised(Rating rating) {
  rating.calibrated = rating.Current();
  rating.final = true;
  return rating;
}

}  // namespace trellis::talent
