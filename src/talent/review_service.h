#pragma once
// Changes to talent review cycles, ratings and calibration: every write is checked (field
// rules from talent/validation.h, the process rules from talent/review.h, references within
// the trust), written, and audit-logged with its before and after, all in one transaction
// (as org::OrgService). Entities in the audit log: "review_cycle", "rating",
// "calibration_meeting", "rating_adjustment".
//
// Ratings are confidential. Which roles may call what is decided by the caller (http/), which
// also calls RecordRatingsRead whenever it shows ratings to someone.

#include <optional>
#include <string>

#include "core/clock.h"
#include "core/result.h"
#include "org/org_service.h"
#include "store/store.h"
#include "talent/review.h"

namespace trellis::talent {

// What a rater proposes for one person.
struct Proposal {
  PersonId person;
  PersonId rater;
  Box box;
  std::string rationale;
  std::string evidence;
};

// What a cycle's owners may change after opening it (the year and status are not among them).
struct CycleSettings {
  std::optional<std::string> name;
  std::optional<bool> people_see_own_box;
  std::optional<BoxNames> box_names;
};

class ReviewService {
 public:
  ReviewService(store::Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // Opens a cycle: status open, opened_on today unless given, no closing date; the id is
  // ignored and the trust set. kValidationFailed listing every problem, kConflict when the
  // trust has a cycle that year, kNotFound for no such trust.
  [[nodiscard]] Result<ReviewCycle> Open(TrustId trust, ReviewCycle cycle, const org::Actor& actor);
  [[nodiscard]] Result<ReviewCycle> Change(TrustId trust, ReviewCycleId id,
                                           const CycleSettings& settings, const org::Actor& actor);
  // open → calibrating (kConflict from any other status).
  [[nodiscard]] Result<ReviewCycle> StartCalibration(TrustId trust, ReviewCycleId id,
                                                     const org::Actor& actor);
  // calibrating → closed, closed_on today; every rating of the cycle becomes final at its
  // current box (the latest adjustment, else the proposal). One audit entry for the cycle
  // and one per rating (action "finalise").
  [[nodiscard]] Result<ReviewCycle> Close(TrustId trust, ReviewCycleId id, const org::Actor& actor);

  // Proposes (or, when the person already has a rating in the cycle, re-proposes: the
  // proposal, rater, rationale and evidence are replaced, audited as an update) a rating.
  // kConflict unless the cycle is open; kForbidden unless `role` is kTrustAdmin or the rater
  // is the person's line manager today; kValidationFailed for bad fields or a person or
  // rater not in the trust; kNotFound for no such cycle.
  [[nodiscard]] Result<Rating> Propose(TrustId trust, ReviewCycleId cycle, const Proposal& proposal,
                                       ProposerRole role, const org::Actor& actor);

  // Records a calibration meeting (id ignored, trust set). kConflict unless the cycle is
  // calibrating, or for a school's meeting once the trust's meeting has been recorded.
  [[nodiscard]] Result<CalibrationMeeting> RecordMeeting(TrustId trust, CalibrationMeeting meeting,
                                                         const org::Actor& actor);

  // In `meeting`, moves `rating` to `after` for `reason` (required), keeping before and after.
  // kConflict unless the cycle is calibrating, for a school's meeting once the trust's has
  // been held, or when the rating is of another cycle; kValidationFailed when a school's
  // meeting adjusts someone not holding a post at that school on the meeting's day, when the
  // box is out of range or unchanged, or the reason is blank.
  [[nodiscard]] Result<RatingAdjustment> Adjust(TrustId trust, CalibrationMeetingId meeting,
                                                RatingId rating, Box after,
                                                const std::string& reason, const org::Actor& actor);

  // Appends an audit entry (action "read", entity "rating") saying who read which ratings:
  // `what` names them, e.g. "cycle 3" or "cycle 3, person 17".
  [[nodiscard]] Result<void> RecordRatingsRead(TrustId trust, const std::string& what,
                                               const org::Actor& actor);
  // The entry RecordRatingsRead appends, for a caller that appends it itself.
  access::AuditEntry RatingsReadEntry(TrustId trust, const std::string& what,
                                      const org::Actor& actor) const;

 private:
  Result<ReviewCycle> Move(TrustId trust, ReviewCycleId id, CycleStatus to,
                           const org::Actor& actor);

  store::Store& store_;
  const Clock& clock_;
};

}  // namespace trellis::talent
