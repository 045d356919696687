#include "demo/review.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "demo/random.h"
#include "talent/review.h"

namespace trellis::demo {
namespace {

using org::CareerStage;
using talent::Box;

// Who is reviewed: the leadership pipeline, and every other experienced teacher.
struct Reviewed {
  CareerStage stage;
  int every;  // take every n-th person of the stage
};
constexpr Reviewed kReviewed[] = {
    {CareerStage::kEstablishedHeadteacher, 1},  {CareerStage::kNewHeadteacher, 1},
    {CareerStage::kExperiencedSeniorLeader, 1}, {CareerStage::kNewSeniorLeader, 1},
    {CareerStage::kExperiencedMiddleLeader, 1}, {CareerStage::kNewMiddleLeader, 1},
    {CareerStage::kExperiencedTeacher, 2},
};

// How likely each box is for a first rating (in BoxIndex order, out of 100): most in the
// middle, a few stars and a few low performers.
constexpr std::array<int, talent::kBoxes> kBoxWeights = {3, 4, 2, 8, 42, 10, 7, 16, 8};

constexpr const char* kRationales[] = {
    "Consistently strong outcomes for pupils; leads colleagues well.",
    "Solid practice in role; developing wider leadership.",
    "Good results this year, ready for more responsibility.",
    "Some inconsistency across the year; support plan agreed.",
};
constexpr const char* kSchoolReasons[] = {
    "Evidence from learning walks supports a higher rating.",
    "Outcomes data for the year does not support the proposal.",
    "Aligned with colleagues in the same role across the school.",
};
constexpr const char* kTrustReasons[] = {
    "Moderated against peers across the trust.",
    "Trust-wide project leadership shows wider potential.",
    "Potential judged against the next role's profile.",
};

Date DaysBefore(Date day, int days) { return Date(day.days() - std::chrono::days(days)); }

// The academic year (its start) that `day` falls in: September onwards is the new year.
int AcademicYear(Date day) {
  const std::chrono::year_month_day ymd(day.days());
  const int year = static_cast<int>(ymd.year());
  return static_cast<unsigned>(ymd.month()) >= 9 ? year : year - 1;
}

Box Draw(Random& rng) {
  int roll = rng.Between(0, 99);
  for (size_t i = 0; i < kBoxWeights.size(); ++i) {
    roll -= kBoxWeights[i];
    if (roll < 0) return talent::BoxAt(i);
  }
  return {2, 2};
}

int Clamp(int score) { return std::clamp(score, talent::kMinScore, talent::kMaxScore); }

// A year on: usually the same box, sometimes a step up or down (up a little more often).
Box NextYear(Random& rng, Box last) {
  const int roll = rng.Between(1, 100);
  if (roll <= 60) return last;
  if (roll <= 74) return {Clamp(last.performance + 1), last.potential};
  if (roll <= 82) return {last.performance, Clamp(last.potential + 1)};
  if (roll <= 92) return {Clamp(last.performance - 1), last.potential};
  return {last.performance, Clamp(last.potential - 1)};
}

// A calibration's change: towards the middle for an extreme box, else one step up.
Box Calibrate(Box box) {
  if (box.potential == talent::kMaxScore) return {box.performance, box.potential - 1};
  if (box.performance == talent::kMinScore) return {box.performance + 1, box.potential};
  return {box.performance, box.potential + 1};
}

struct Person {
  PersonId id;
  PersonId manager;
};

Result<void> WriteCycle(store::Store& tx, TrustId trust, Random& rng, Date opened_on,
                        const std::vector<Person>& people, std::map<PersonId, Box>& last,
                        SchoolId school, const std::string& school_name) {
  const int year = AcademicYear(opened_on);
  const std::string label = std::to_string(year) + "/" + std::to_string((year + 1) % 100);
  talent::ReviewCycle cycle{.id = {},
                            .trust = trust,
                            .year = year,
                            .name = "Talent review " + label,
                            .status = talent::CycleStatus::kCalibrating,
                            .opened_on = opened_on,
                            .closed_on = std::nullopt,
                            .people_see_own_box = false};
  cycle = TRY(tx.Insert(cycle));

  std::vector<talent::Rating> ratings;
  const Instant proposed_at = std::chrono::sys_days(DaysBefore(opened_on, -14).days());
  for (const Person& p : people) {
    const auto before = last.find(p.id);
    const Box box = before == last.end() ? Draw(rng) : NextYear(rng, before->second);
    talent::Rating r{.id = {},
                     .trust = trust,
                     .cycle = cycle.id,
                     .person = p.id,
                     .rater = p.manager,
                     .proposal = box,
                     .rationale = kRationales[rng.Between(0, 3)],
                     .evidence = "Appraisal review, lesson visits and outcomes data.",
                     .proposed_at = proposed_at,
                     .calibrated = std::nullopt,
                     .final = false};
    ratings.push_back(TRY(tx.Insert(r)));
  }

  // The school's meeting adjusts a few of its own people, then the trust's a few more.
  const Date school_day = DaysBefore(opened_on, -35);
  const Date trust_day = DaysBefore(opened_on, -45);
  const talent::CalibrationMeeting school_meeting = TRY(tx.Insert(talent::CalibrationMeeting{
      .id = {},
      .trust = trust,
      .cycle = cycle.id,
      .level = talent::MeetingLevel::kSchool,
      .school = school,
      .held_on = school_day,
      .attendees = "Headteacher and senior leadership team of " + school_name}));
  const talent::CalibrationMeeting trust_meeting = TRY(tx.Insert(talent::CalibrationMeeting{
      .id = {},
      .trust = trust,
      .cycle = cycle.id,
      .level = talent::MeetingLevel::kTrust,
      .school = std::nullopt,
      .held_on = trust_day,
      .attendees = "Chief executive, directors, headteachers, trust HR lead"}));
  std::set<PersonId> at_school;
  for (const auto& h : TRY(tx.ListHoldings({.trust = trust,
                       .school = school,
                       .current_on = school_day,
                       .page = store::kEveryRow}))
                           .items)
    at_school.insert(h.person);

  auto adjust = [&](talent::Rating& r, const talent::CalibrationMeeting& meeting,
                    const char* reason, Date day) -> Result<void> {
    const Box after = Calibrate(r.Current());
    TRY(tx.Insert(talent::RatingAdjustment{
        .id = {},
        .trust = trust,
        .meeting = meeting.id,
        .rating = r.id,
        .before = r.Current(),
        .after = after,
        .reason = reason,
        .by_user = std::nullopt,
        .by = "demo",
        .at = std::chrono::sys_days(day.days()) + std::chrono::hours(16)}));
    r.calibrated = after;
    return Ok();
  };
  int school_adjusted = 0, trust_adjusted = 0;
  for (talent::Rating& r : ratings) {
    if (school_adjusted < 3 && at_school.contains(r.person) && rng.Chance(50)) {
      TRY(adjust(r, school_meeting, kSchoolReasons[school_adjusted], school_day));
      ++school_adjusted;
    } else if (trust_adjusted < 3 && rng.Chance(8)) {
      TRY(adjust(r, trust_meeting, kTrustReasons[trust_adjusted], trust_day));
      ++trust_adjusted;
    }
  }

  // Closing: every rating final at its current box.
  for (talent::Rating& r : ratings) {
    r = talent::Finalised(r);
    TRY(tx.Update(r));
    last[r.person] = *r.calibrated;
  }
  cycle.status = talent::CycleStatus::kClosed;
  cycle.closed_on = DaysBefore(opened_on, -56);
  return tx.Update(cycle);
}

}  // namespace

Result<void> WriteReviews(store::Store& tx, TrustId trust, uint64_t seed, Date today) {
  Random rng(seed ^ 0x9b0c5e11ab1e5eedULL);
  std::vector<Person> people;
  for (const Reviewed& reviewed : kReviewed) {
    auto staff = TRY(tx.ListPeople(
        {.trust = trust, .stage = reviewed.stage, .today = today, .page = store::kEveryRow}));
    for (size_t i = 0; i < staff.items.size(); i += static_cast<size_t>(reviewed.every)) {
      auto managers = TRY(tx.ListLineLinks({.trust = trust,
                                            .report = staff.items[i].id,
                                            .current_on = today,
                                            .page = {.limit = 1}}));
      if (managers.items.empty()) continue;
      people.push_back({staff.items[i].id, managers.items.front().manager});
    }
  }
  const auto schools = TRY(tx.ListSchools({.trust = trust}));
  if (schools.items.empty()) return Fail(ErrorCode::kInternal, "the demo trust has no schools");
  const org::School& school = schools.items.front();

  // Last year's cycle rated most of this year's people; this year's everyone. Each ran for
  // eight weeks and closed at least a fortnight ago.
  const Date this_year = DaysBefore(today, 70);
  std::vector<Person> last_year_people;
  for (const Person& p : people)
    if (rng.Chance(85)) last_year_people.push_back(p);
  std::map<PersonId, Box> last;
  TRY(WriteCycle(tx, trust, rng, DaysBefore(this_year, 365), last_year_people, last, school.id,
                 school.name));
  return WriteCycle(tx, trust, rng, this_year, people, last, school.id, school.name);
}

}  // namespace trellis::demo
