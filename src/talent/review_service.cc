#include "talent/review_service.h"

#include "talent/json.h"
#include "talent/validation.h"

namespace trellis::talent {
namespace {

Result<bool> TrustMeetingHeld(store::Store& tx, TrustId trust, ReviewCycleId cycle) {
  for (const CalibrationMeeting& m : TRY(tx.ListCalibrationMeetings(trust, cycle)))
    if (m.level == MeetingLevel::kTrust) return true;
  return false;
}

}  // namespace

Result<ReviewCycle> ReviewService::Open(TrustId trust, ReviewCycle cycle, const org::Actor& actor) {
  cycle.id = {};
  cycle.trust = trust;
  cycle.status = CycleStatus::kOpen;
  cycle.closed_on.reset();
  if (cycle.opened_on == Date{}) cycle.opened_on = clock_.Today();
  if (auto problems = Check(cycle); !problems.empty()) return Refuse(std::move(problems));
  ReviewCycle stored;
  TRY(store_.Transact([&](store::Store& tx) -> Result<void> {
    TRY(tx.GetTrust(trust));
    stored = TRY(tx.Insert(cycle));
    return tx.Append(org::AuditEntryOf(actor, clock_.Now(), trust, "create", "review_cycle",
                                       stored.id.value(), "", ToJson(stored).dump()));
  }));
  return stored;
}

Result<ReviewCycle> ReviewService::Change(TrustId trust, ReviewCycleId id,
                                          const CycleSettings& settings, const org::Actor& actor) {
  ReviewCycle stored;
  TRY(store_.Transact([&](store::Store& tx) -> Result<void> {
    const ReviewCycle before = TRY(tx.GetReviewCycle(trust, id));
    ReviewCycle after = before;
    if (settings.name) after.name = *settings.name;
    if (settings.people_see_own_box) after.people_see_own_box = *settings.people_see_own_box;
    if (settings.box_names) after.box_names = *settings.box_names;
    if (auto problems = Check(after); !problems.empty()) return Refuse(std::move(problems));
    TRY(tx.Update(after));
    stored = TRY(tx.GetReviewCycle(trust, id));
    return tx.Append(org::AuditEntryOf(actor, clock_.Now(), trust, "update", "review_cycle",
                                       id.value(), ToJson(before).dump(), ToJson(stored).dump()));
  }));
  return stored;
}

Result<ReviewCycle> ReviewService::Move(TrustId trust, ReviewCycleId id, CycleStatus to,
                                        const org::Actor& actor) {
  ReviewCycle stored;
  TRY(store_.Transact([&](store::Store& tx) -> Result<void> {
    const ReviewCycle before = TRY(tx.GetReviewCycle(trust, id));
    TRY(CanMove(before.status, to));
    ReviewCycle after = before;
    after.status = to;
    if (to == CycleStatus::kClosed) {
      after.closed_on = std::max(clock_.Today(), before.opened_on);
      const auto ratings =
          TRY(tx.ListRatings({.trust = trust, .cycle = id, .page = store::kEveryRow}));
      for (const Rating& r : ratings.items) {
        const Rating final_rating = Finalised(r);
        TRY(tx.Update(final_rating));
        TRY(tx.Append(org::AuditEntryOf(actor, clock_.Now(), trust, "finalise", "rating",
                                        r.id.value(), ToJson(r).dump(),
                                        ToJson(final_rating).dump())));
      }
    }
    TRY(tx.Update(after));
    stored = TRY(tx.GetReviewCycle(trust, id));
    return tx.Append(org::AuditEntryOf(actor, clock_.Now(), trust, std::string(Code(to)),
                                       "review_cycle", id.value(), ToJson(before).dump(),
                                       ToJson(stored).dump()));
  }));
  return stored;
}

Result<ReviewCycle> ReviewService::StartCalibration(TrustId trust, ReviewCycleId id,
                                                    const org::Actor& actor) {
  return Move(trust, id, CycleStatus::kCalibrating, actor);
}

Result<ReviewCycle> ReviewService::Close(TrustId trust, ReviewCycleId id, const org::Actor& actor) {
  return Move(trust, id, CycleStatus::kClosed, actor);
}

Result<Rating> ReviewService::Propose(TrustId trust, ReviewCycleId cycle_id,
                                      const Proposal& proposal, ProposerRole role,
                                      const org::Actor& actor) {
  Rating stored;
  TRY(store_.Transact([&](store::Store& tx) -> Result<void> {
    const ReviewCycle cycle = TRY(tx.GetReviewCycle(trust, cycle_id));
    TRY(CanPropose(cycle));
    const auto existing = TRY(tx.FindRating(trust, cycle_id, proposal.person));
    Rating rating = existing.value_or(Rating{});
    rating.trust = trust;
    rating.cycle = cycle_id;
    rating.person = proposal.person;
    rating.rater = proposal.rater;
    rating.proposal = proposal.box;
    rating.rationale = proposal.rationale;
    rating.evidence = proposal.evidence;
    rating.proposed_at = clock_.Now();
    std::vector<Problem> problems = Check(rating);
    if (proposal.person.valid())
      TRY(org::NoteMissing(problems, "person_id", proposal.person.value(),
                  tx.GetPerson(trust, proposal.person)));
    if (proposal.rater.valid())
      TRY(org::NoteMissing(problems, "rater_id", proposal.rater.value(),
                  tx.GetPerson(trust, proposal.rater)));
    if (!problems.empty()) return Refuse(std::move(problems));
    const auto links = TRY(tx.ListLineLinks({.trust = trust,
                                             .manager = proposal.rater,
                                             .report = proposal.person,
                                             .current_on = clock_.Today()}));
    TRY(MayRate(role, proposal.rater, proposal.person, links.items, clock_.Today()));
    if (existing) {
      TRY(tx.Update(rating));
      stored = TRY(tx.GetRating(trust, rating.id));
      return tx.Append(org::AuditEntryOf(actor, clock_.Now(), trust, "update", "rating",
                                         stored.id.value(), ToJson(*existing).dump(),
                                         ToJson(stored).dump()));
    }
    stored = TRY(tx.Insert(rating));
    return tx.Append(org::AuditEntryOf(actor, clock_.Now(), trust, "create", "rating",
                                       stored.id.value(), "", ToJson(stored).dump()));
  }));
  return stored;
}

Result<CalibrationMeeting> ReviewService::RecordMeeting(TrustId trust, CalibrationMeeting meeting,
                                                        const org::Actor& actor) {
  meeting.id = {};
  meeting.trust = trust;
  if (auto problems = Check(meeting); !problems.empty()) return Refuse(std::move(problems));
  CalibrationMeeting stored;
  TRY(store_.Transact([&](store::Store& tx) -> Result<void> {
    const ReviewCycle cycle = TRY(tx.GetReviewCycle(trust, meeting.cycle));
    TRY(CanMeet(cycle, meeting.level, TRY(TrustMeetingHeld(tx, trust, cycle.id))));
    std::vector<Problem> problems;
    if (meeting.school)
      TRY(org::NoteMissing(problems, "school_id", meeting.school->value(),
                  tx.GetSchool(trust, *meeting.school)));
    if (!problems.empty()) return Refuse(std::move(problems));
    stored = TRY(tx.Insert(meeting));
    return tx.Append(org::AuditEntryOf(actor, clock_.Now(), trust, "create", "calibration_meeting",
                                       stored.id.value(), "", ToJson(stored).dump()));
  }));
  return stored;
}

Result<RatingAdjustment> ReviewService::Adjust(TrustId trust, CalibrationMeetingId meeting_id,
                                               RatingId rating_id, Box after,
                                               const std::string& reason, const org::Actor& actor) {
  RatingAdjustment stored;
  TRY(store_.Transact([&](store::Store& tx) -> Result<void> {
    const CalibrationMeeting meeting = TRY(tx.GetCalibrationMeeting(trust, meeting_id));
    const Rating before = TRY(tx.GetRating(trust, rating_id));
    if (before.cycle != meeting.cycle)
      return Fail(ErrorCode::kConflict, "The rating belongs to another cycle than the meeting.");
    const ReviewCycle cycle = TRY(tx.GetReviewCycle(trust, meeting.cycle));
    TRY(CanMeet(cycle, meeting.level, TRY(TrustMeetingHeld(tx, trust, cycle.id))));
    RatingAdjustment adjustment{.id = {},
                                .trust = trust,
                                .meeting = meeting_id,
                                .rating = rating_id,
                                .before = before.Current(),
                                .after = after,
                                .reason = reason,
                                .by_user = actor.user,
                                .by = actor.name,
                                .at = clock_.Now()};
    std::vector<Problem> problems = Check(adjustment);
    if (meeting.school) {
      const auto holdings = TRY(tx.ListHoldings({.trust = trust,
                                                 .person = before.person,
                                                 .school = meeting.school,
                                                 .current_on = meeting.held_on}));
      if (holdings.items.empty())
        problems.push_back({"rating_id",
                            "a school's meeting adjusts only people holding a post at the school",
                            std::to_string(rating_id.value()),
                            {}});
    }
    if (!problems.empty()) return Refuse(std::move(problems));
    stored = TRY(tx.Insert(adjustment));
    Rating changed = before;
    changed.calibrated = after;
    TRY(tx.Update(changed));
    TRY(tx.Append(org::AuditEntryOf(actor, clock_.Now(), trust, "create", "rating_adjustment",
                                    stored.id.value(), "", ToJson(stored).dump())));
    return tx.Append(org::AuditEntryOf(actor, clock_.Now(), trust, "adjust", "rating",
                                       rating_id.value(), ToJson(before).dump(),
                                       ToJson(TRY(tx.GetRating(trust, rating_id))).dump()));
  }));
  return stored;
}

Result<void> ReviewService::RecordRatingsRead(TrustId trust, const std::string& what,
                                              const org::Actor& actor) {
  return store_.Append(RatingsReadEntry(trust, what, actor));
}

access::AuditEntry ReviewService::RatingsReadEntry(TrustId trust, const std::string& what,
                                                   const org::Actor& actor) const {
  return org::AuditEntryOf(actor, clock_.Now(), trust, "read", "rating", what, "", "");
}

}  // namespace trellis::talent
