// SqlStore: talent review cycles, ratings, calibration meetings and adjustments.

#include <nlohmann/json.hpp>

#include "store/sql/sql_store.h"

namespace trellis::store::sql {
namespace {

using talent::Box;
using talent::CalibrationMeeting;
using talent::LatestCalibratedRating;
using talent::Rating;
using talent::RatingAdjustment;
using talent::ReviewCycle;

constexpr char kCycleColumns[] =
    "rc.id, rc.trust_id, rc.year, rc.name, rc.status, rc.opened_on, rc.closed_on, "
    "rc.people_see_own_box, rc.box_names";
constexpr char kRatingColumns[] =
    "r.id, r.trust_id, r.cycle_id, r.person_id, r.rater_id, r.performance, r.potential, "
    "r.rationale, r.evidence, r.proposed_at, r.calibrated_performance, r.calibrated_potential, "
    "r.final";
constexpr char kMeetingColumns[] =
    "m.id, m.trust_id, m.cycle_id, m.level, m.school_id, m.held_on, m.attendees";
constexpr char kAdjustmentColumns[] =
    "ad.id, ad.trust_id, ad.meeting_id, ad.rating_id, ad.before_performance, "
    "ad.before_potential, ad.after_performance, ad.after_potential, ad.reason, ad.by_user_id, "
    "ad.by_name, ad.at";

std::string NamesJson(const talent::BoxNames& names) {
  nlohmann::json array = nlohmann::json::array();
  for (const auto& name : names) array.push_back(name);
  return array.dump();
}

Result<ReviewCycle> ReadCycle(Row& r) {
  ReviewCycle c;
  c.id = r.Id<ReviewCycleId>();
  c.trust = r.Id<TrustId>();
  c.year = static_cast<int>(r.Int());
  c.name = r.Text();
  c.status = TRY(r.Enum<talent::CycleStatus>());
  c.opened_on = TRY(r.DateValue());
  c.closed_on = TRY(r.OptDate());
  c.people_see_own_box = r.Bool();
  const std::string names = r.Text();
  const auto parsed = nlohmann::json::parse(names, nullptr, false);
  if (!parsed.is_array() || parsed.size() != c.box_names.size())
    return Fail(ErrorCode::kInternal, "unreadable box names of review cycle " +
                                          std::to_string(c.id.value()) + ": " + names);
  for (size_t i = 0; i < c.box_names.size(); ++i) {
    if (!parsed[i].is_string()) return Fail(ErrorCode::kInternal, "unreadable box names: " + names);
    c.box_names[i] = parsed[i].get<std::string>();
  }
  return c;
}

std::optional<Box> OptBox(Row& r) {
  const auto performance = r.OptInt();
  const auto potential = r.OptInt();
  if (!performance || !potential) return std::nullopt;
  return Box{static_cast<int>(*performance), static_cast<int>(*potential)};
}

Box ReadBox(Row& r) {
  const int performance = static_cast<int>(r.Int());
  return Box{performance, static_cast<int>(r.Int())};
}

Result<Rating> ReadRating(Row& r) {
  Rating x;
  x.id = r.Id<RatingId>();
  x.trust = r.Id<TrustId>();
  x.cycle = r.Id<ReviewCycleId>();
  x.person = r.Id<PersonId>();
  x.rater = r.Id<PersonId>();
  x.proposal = ReadBox(r);
  x.rationale = r.Text();
  x.evidence = r.Text();
  x.proposed_at = TRY(r.InstantValue());
  x.calibrated = OptBox(r);
  x.final = r.Bool();
  return x;
}

Result<CalibrationMeeting> ReadMeeting(Row& r) {
  CalibrationMeeting m;
  m.id = r.Id<CalibrationMeetingId>();
  m.trust = r.Id<TrustId>();
  m.cycle = r.Id<ReviewCycleId>();
  m.level = TRY(r.Enum<talent::MeetingLevel>());
  m.school = r.OptId<SchoolId>();
  m.held_on = TRY(r.DateValue());
  m.attendees = r.Text();
  return m;
}

Result<RatingAdjustment> ReadAdjustment(Row& r) {
  RatingAdjustment a;
  a.id = r.Id<RatingAdjustmentId>();
  a.trust = r.Id<TrustId>();
  a.meeting = r.Id<CalibrationMeetingId>();
  a.rating = r.Id<RatingId>();
  a.before = ReadBox(r);
  a.after = ReadBox(r);
  a.reason = r.Text();
  a.by_user = r.OptId<UserId>();
  a.by = r.Text();
  a.at = TRY(r.InstantValue());
  return a;
}

Result<LatestCalibratedRating> ReadLatest(Row& r) {
  LatestCalibratedRating l;
  l.person = r.Id<PersonId>();
  l.performance = static_cast<int>(r.Int());
  l.potential = static_cast<int>(r.Int());
  l.year = static_cast<int>(r.Int());
  l.cycle = r.Id<ReviewCycleId>();
  return l;
}

Reference InTrust(std::string_view table, int64_t id, TrustId trust, std::string field) {
  return {table, id, trust, {std::move(field), "no such record in this trust", std::to_string(id)}};
}

WriteRules CycleRules(const ReviewCycle& c) {
  return {
      {{"review_cycles.trust_id, review_cycles.year",
        {"year", "the trust already has a review cycle for this year", std::to_string(c.year)}}},
      {TrustRef(c.trust)}};
}

WriteRules RatingRules(const Rating& x) {
  return {{{"ratings.cycle_id, ratings.person_id",
            {"person_id", "already has a rating in this cycle", std::to_string(x.person.value())}}},
          {InTrust("review_cycles", x.cycle.value(), x.trust, "cycle_id"),
           InTrust("people", x.person.value(), x.trust, "person_id"),
           InTrust("people", x.rater.value(), x.trust, "rater_id")}};
}

WriteRules MeetingRules(const CalibrationMeeting& m) {
  std::vector<Reference> refs = {InTrust("review_cycles", m.cycle.value(), m.trust, "cycle_id")};
  if (m.school) refs.push_back(InTrust("schools", m.school->value(), m.trust, "school_id"));
  return {{}, std::move(refs)};
}

WriteRules AdjustmentRules(const RatingAdjustment& a) {
  return {{},
          {InTrust("calibration_meetings", a.meeting.value(), a.trust, "meeting_id"),
           InTrust("ratings", a.rating.value(), a.trust, "rating_id")}};
}

std::optional<int> Performance(const std::optional<Box>& box) {
  if (!box) return std::nullopt;
  return box->performance;
}
std::optional<int> Potential(const std::optional<Box>& box) {
  if (!box) return std::nullopt;
  return box->potential;
}

}  // namespace

// ---- Review cycles ----

Result<ReviewCycle> SqlStore::Insert(const ReviewCycle& c) {
  auto lease = TRY(Hold());
  const int64_t new_id = TRY(
      InsertRow("INSERT INTO review_cycles (trust_id, year, name, status, opened_on, closed_on, "
            "people_see_own_box, box_names) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            {Param(c.trust), Param(c.year), Param(c.name), Param(c.status), Param(c.opened_on),
             Param(c.closed_on), Param(c.people_see_own_box), NamesJson(c.box_names)},
            CycleRules(c)));
  return GetReviewCycle(c.trust, ReviewCycleId(new_id));
}

Result<void> SqlStore::Update(const ReviewCycle& c) {
  auto lease = TRY(Hold());
  const int64_t changed = TRY(
      Write("UPDATE review_cycles SET year = ?, name = ?, status = ?, opened_on = ?, "
            "closed_on = ?, people_see_own_box = ?, box_names = ? WHERE id = ? AND trust_id = ?",
            {Param(c.year), Param(c.name), Param(c.status), Param(c.opened_on), Param(c.closed_on),
             Param(c.people_see_own_box), NamesJson(c.box_names), Param(c.id), Param(c.trust)},
            CycleRules(c)));
  if (changed == 0) return NotFound("review cycle");
  return Ok();
}

Result<ReviewCycle> SqlStore::GetReviewCycle(TrustId trust, ReviewCycleId id) {
  auto lease = TRY(Hold());
  auto found = TRY(One(std::string("SELECT ") + kCycleColumns +
                           " FROM review_cycles rc WHERE rc.id = ? AND rc.trust_id = ?",
                       {Param(id), Param(trust)}, &ReadCycle));
  if (!found) return NotFound("review cycle");
  return *found;
}

Result<std::vector<ReviewCycle>> SqlStore::ListReviewCycles(TrustId trust) {
  auto lease = TRY(Hold());
  std::vector<ReviewCycle> cycles;
  TRY(Query(std::string("SELECT ") + kCycleColumns +
                " FROM review_cycles rc WHERE rc.trust_id = ? ORDER BY rc.year DESC, rc.id DESC",
            {Param(trust)}, [&](Row& row) -> Result<void> {
              cycles.push_back(TRY(ReadCycle(row)));
              return Ok();
            }));
  return cycles;
}

// ---- Ratings ----

Result<Rating> SqlStore::Insert(const Rating& x) {
  auto lease = TRY(Hold());
  const int64_t new_id = TRY(
      InsertRow("INSERT INTO ratings (trust_id, cycle_id, person_id, rater_id, performance, "
            "potential, rationale, evidence, proposed_at, calibrated_performance, "
            "calibrated_potential, final) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            {Param(x.trust), Param(x.cycle), Param(x.person), Param(x.rater),
             Param(x.proposal.performance), Param(x.proposal.potential), Param(x.rationale),
             Param(x.evidence), Param(x.proposed_at), Param(Performance(x.calibrated)),
             Param(Potential(x.calibrated)), Param(x.final)},
            RatingRules(x)));
  return GetRating(x.trust, RatingId(new_id));
}

Result<void> SqlStore::Update(const Rating& x) {
  auto lease = TRY(Hold());
  const int64_t changed = TRY(Write(
      "UPDATE ratings SET cycle_id = ?, person_id = ?, rater_id = ?, performance = ?, "
      "potential = ?, rationale = ?, evidence = ?, proposed_at = ?, calibrated_performance = ?, "
      "calibrated_potential = ?, final = ? WHERE id = ? AND trust_id = ?",
      {Param(x.cycle), Param(x.person), Param(x.rater), Param(x.proposal.performance),
       Param(x.proposal.potential), Param(x.rationale), Param(x.evidence), Param(x.proposed_at),
       Param(Performance(x.calibrated)), Param(Potential(x.calibrated)), Param(x.final),
       Param(x.id), Param(x.trust)},
      RatingRules(x)));
  if (changed == 0) return NotFound("rating");
  return Ok();
}

Result<Rating> SqlStore::GetRating(TrustId trust, RatingId id) {
  auto lease = TRY(Hold());
  auto found = TRY(One(
      std::string("SELECT ") + kRatingColumns + " FROM ratings r WHERE r.id = ? AND r.trust_id = ?",
      {Param(id), Param(trust)}, &ReadRating));
  if (!found) return NotFound("rating");
  return *found;
}

Result<std::optional<Rating>> SqlStore::FindRating(TrustId trust, ReviewCycleId cycle,
                                                      PersonId person) {
  auto lease = TRY(Hold());
  return One(std::string("SELECT ") + kRatingColumns +
                 " FROM ratings r WHERE r.trust_id = ? AND r.cycle_id = ? AND r.person_id = ?",
             {Param(trust), Param(cycle), Param(person)}, &ReadRating);
}

Result<Listing<Rating>> SqlStore::ListRatings(const RatingFilter& f) {
  auto lease = TRY(Hold());
  Conditions where;
  where.And("r.trust_id = ?", {Param(f.trust)});
  if (f.cycle) where.And("r.cycle_id = ?", {Param(*f.cycle)});
  if (f.person) where.And("r.person_id = ?", {Param(*f.person)});
  if (f.rater) where.And("r.rater_id = ?", {Param(*f.rater)});
  if (f.only) where.And(Conn().InIds("r.person_id"), {IdsJson(*f.only)});
  return List(kRatingColumns, "ratings r JOIN review_cycles rc ON rc.id = r.cycle_id", where,
              "rc.year DESC, r.cycle_id DESC, r.person_id", {}, f.page, &ReadRating);
}

Result<std::vector<LatestCalibratedRating>> SqlStore::LatestCalibratedRatings(TrustId trust) {
  auto lease = TRY(Hold());
  std::vector<LatestCalibratedRating> latest;
  // A final rating of a closed cycle with no final rating of the same person in a later
  // closed cycle.
  TRY(
      Query("SELECT r.person_id, r.calibrated_performance, r.calibrated_potential, rc.year, rc.id "
            "FROM ratings r JOIN review_cycles rc ON rc.id = r.cycle_id "
            "WHERE r.trust_id = ? AND r.final = 1 AND rc.status = 'closed' AND NOT EXISTS ("
            "SELECT 1 FROM ratings r2 JOIN review_cycles rc2 ON rc2.id = r2.cycle_id "
            "WHERE r2.trust_id = r.trust_id AND r2.person_id = r.person_id AND r2.final = 1 "
            "AND rc2.status = 'closed' AND (rc2.year > rc.year OR "
            "(rc2.year = rc.year AND rc2.id > rc.id))) "
            "ORDER BY r.person_id",
            {Param(trust)}, [&](Row& row) -> Result<void> {
              latest.push_back(TRY(ReadLatest(row)));
              return Ok();
            }));
  return latest;
}

// ---- Calibration meetings ----

Result<CalibrationMeeting> SqlStore::Insert(const CalibrationMeeting& m) {
  auto lease = TRY(Hold());
  const int64_t new_id = TRY(
      InsertRow("INSERT INTO calibration_meetings (trust_id, cycle_id, level, school_id, held_on, "
            "attendees) VALUES (?, ?, ?, ?, ?, ?)",
            {Param(m.trust), Param(m.cycle), Param(m.level), Param(m.school), Param(m.held_on),
             Param(m.attendees)},
            MeetingRules(m)));
  return GetCalibrationMeeting(m.trust, CalibrationMeetingId(new_id));
}

Result<CalibrationMeeting> SqlStore::GetCalibrationMeeting(TrustId trust,
                                                              CalibrationMeetingId id) {
  auto lease = TRY(Hold());
  auto found = TRY(One(std::string("SELECT ") + kMeetingColumns +
                           " FROM calibration_meetings m WHERE m.id = ? AND m.trust_id = ?",
                       {Param(id), Param(trust)}, &ReadMeeting));
  if (!found) return NotFound("calibration meeting");
  return *found;
}

Result<std::vector<CalibrationMeeting>> SqlStore::ListCalibrationMeetings(TrustId trust,
                                                                             ReviewCycleId cycle) {
  auto lease = TRY(Hold());
  std::vector<CalibrationMeeting> meetings;
  TRY(Query(std::string("SELECT ") + kMeetingColumns +
                " FROM calibration_meetings m WHERE m.trust_id = ? AND m.cycle_id = ? "
                "ORDER BY m.held_on, m.id",
            {Param(trust), Param(cycle)}, [&](Row& row) -> Result<void> {
              meetings.push_back(TRY(ReadMeeting(row)));
              return Ok();
            }));
  return meetings;
}

// ---- Rating adjustments ----

Result<RatingAdjustment> SqlStore::Insert(const RatingAdjustment& a) {
  auto lease = TRY(Hold());
  const int64_t new_id = TRY(
      InsertRow("INSERT INTO rating_adjustments (trust_id, meeting_id, rating_id, before_performance, "
            "before_potential, after_performance, after_potential, reason, by_user_id, by_name, "
            "at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            {Param(a.trust), Param(a.meeting), Param(a.rating), Param(a.before.performance),
             Param(a.before.potential), Param(a.after.performance), Param(a.after.potential),
             Param(a.reason), Param(a.by_user), Param(a.by), Param(a.at)},
            AdjustmentRules(a)));
  RatingAdjustment stored = a;
  stored.id = RatingAdjustmentId(new_id);
  return stored;
}

Result<Listing<RatingAdjustment>> SqlStore::ListRatingAdjustments(const AdjustmentFilter& f) {
  auto lease = TRY(Hold());
  Conditions where;
  where.And("ad.trust_id = ?", {Param(f.trust)});
  if (f.meeting) where.And("ad.meeting_id = ?", {Param(*f.meeting)});
  if (f.rating) where.And("ad.rating_id = ?", {Param(*f.rating)});
  if (f.cycle)
    where.And("ad.meeting_id IN (SELECT id FROM calibration_meetings WHERE cycle_id = ?)",
              {Param(*f.cycle)});
  return List(kAdjustmentColumns, "rating_adjustments ad", where, "ad.id", {}, f.page,
              &ReadAdjustment);
}

}  // namespace trellis::store::sql
