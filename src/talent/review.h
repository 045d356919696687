#pragma once
// Talent review (9-box): annual review cycles of a trust, ratings of performance and
// potential proposed by line managers, calibration meetings that adjust them (before and
// after kept), and the final ratings a closed cycle leaves. Plain values and the pure rules
// over them; ReviewService (talent/review_service.h) applies the rules that need the store,
// talent/nine_box.h computes the grid, rater outliers and movement.
//
// Lifecycle of a cycle: open (managers propose) → calibrating (meetings adjust: every
// school's meeting first, then the trust's) → closed (each rating's final box is its latest
// adjusted value, else its proposal). Only a closed cycle's final ratings count elsewhere:
// the successor ranking's talent t uses the person's rating from their most recent closed
// cycle.

#include <array>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/enum_names.h"
#include "core/error.h"
#include "core/ids.h"
#include "core/result.h"
#include "org/model.h"

namespace trellis::talent {

// Performance and potential each run from 1 (low) to 3 (high).
inline constexpr int kMinScore = 1;
inline constexpr int kMaxScore = 3;
inline constexpr size_t kBoxes = 9;

// One of the nine boxes.
struct Box {
  int performance = 2;
  int potential = 2;

  auto operator<=>(const Box&) const = default;
};

// True for a box both of whose scores are 1..3.
bool IsBox(Box box);
// 0..8, performance major: (performance − 1) × 3 + (potential − 1). IsBox(box) must hold.
size_t BoxIndex(Box box);
// The inverse of BoxIndex; index must be below kBoxes.
Box BoxAt(size_t index);

// The name of each box, in BoxIndex order.
using BoxNames = std::array<std::string, kBoxes>;

// The names a cycle uses unless the trust names its own, in the commonly used 9-box
// vocabulary (performance across, potential up):
//
//                 performance 1        performance 2         performance 3
//   potential 3   Rough diamond        Emerging star         Star
//   potential 2   Inconsistent player  Core player           High performer
//   potential 1   Risk                 Effective             Trusted professional
BoxNames DefaultBoxNames();

enum class CycleStatus { kOpen, kCalibrating, kClosed };
enum class MeetingLevel { kSchool, kTrust };

// One annual review of a trust. `year` is the academic year's start (2026 for 2026/27); a
// trust has at most one cycle per year.
struct ReviewCycle {
  ReviewCycleId id;
  TrustId trust;
  int year = 0;
  std::string name;
  CycleStatus status = CycleStatus::kOpen;
  Date opened_on;
  std::optional<Date> closed_on;    // set when, and only when, closed
  bool people_see_own_box = false;  // the trust's setting for this cycle
  BoxNames box_names = DefaultBoxNames();
};

// A person's rating in one cycle (at most one each). `proposal` is the line manager's;
// `calibrated` the latest adjusted value (empty until a meeting adjusts it); closing the
// cycle sets `calibrated` to the final box and `final` to true.
struct Rating {
  RatingId id;
  TrustId trust;
  ReviewCycleId cycle;
  PersonId person;
  PersonId rater;
  Box proposal;
  std::string rationale;
  std::string evidence;
  Instant proposed_at;
  std::optional<Box> calibrated;
  bool final = false;

  // Where the rating stands now: the latest adjustment, else the proposal.
  Box Current() const { return calibrated.value_or(proposal); }
};

// A calibration meeting: a school's (adjusts only that school's people) or the trust's.
struct CalibrationMeeting {
  CalibrationMeetingId id;
  TrustId trust;
  ReviewCycleId cycle;
  MeetingLevel level = MeetingLevel::kSchool;
  std::optional<SchoolId> school;  // set exactly when level is kSchool
  Date held_on;
  std::string attendees;
};

// One change a meeting made to one rating; kept for ever (append-only).
struct RatingAdjustment {
  RatingAdjustmentId id;
  TrustId trust;
  CalibrationMeetingId meeting;
  RatingId rating;
  Box before;
  Box after;
  std::string reason;  // required
  std::optional<UserId> by_user;
  std::string by;  // the actor's name
  Instant at;
};

// A person's final rating from their most recent closed cycle: one row of the bulk read
// the ranking snapshot uses.
struct LatestCalibratedRating {
  PersonId person;
  int performance = 0;
  int potential = 0;
  int year = 0;  // the cycle's academic year
  ReviewCycleId cycle;

  bool operator==(const LatestCalibratedRating&) const = default;
};

// Field rules: talent/validation.h.

// ---- Rules of the review process (kConflict when the state forbids it) ----

// Who proposes: the person's line manager, or a trust administrator on anyone's behalf.
// The HTTP layer decides whether the caller is a trust administrator; the service checks the
// line link for kLineManager.
enum class ProposerRole { kLineManager, kTrustAdmin };

// Proposals (new or re-proposed) only while the cycle is open.
[[nodiscard]] Result<void> CanPropose(const ReviewCycle& cycle);
// A line manager may propose for a person whose line manager they are on `day` (per the
// current line links given); a trust admin for anyone. Nobody rates themself. kForbidden
// otherwise.
[[nodiscard]] Result<void> MayRate(ProposerRole role, PersonId rater, PersonId person,
                                   std::span<const org::LineLink> links, Date day);
// Status moves only forward, one step at a time: open → calibrating → closed.
[[nodiscard]] Result<void> CanMove(CycleStatus from, CycleStatus to);
// Meetings are recorded, and adjust, only while the cycle is calibrating; a school's meeting
// only before the trust's meeting (`trust_meeting_held`).
[[nodiscard]] Result<void> CanMeet(const ReviewCycle& cycle, MeetingLevel level,
                                   bool trust_meeting_held);
// The rating as a closed cycle leaves it: calibrated = its current box, final.
Rating Finalised(Rating rating);

}  // namespace trellis::talent

namespace trellis {
template <>
std::span<const EnumName<talent::CycleStatus>> EnumNames();
template <>
std::span<const EnumName<talent::MeetingLevel>> EnumNames();
template <>
std::span<const EnumName<talent::ProposerRole>> EnumNames();
}  // namespace trellis
