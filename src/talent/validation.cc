#include "talent/validation.h"

#include <cmath>
#include <set>
#include <string>
#include <string_view>

#include "org/field_problems.h"
#include "org/validation.h"

namespace trellis::talent {
namespace {

constexpr size_t kMaxCode = 40;
constexpr size_t kMaxRequirements = 100;
constexpr double kMaxWeight = 100.0;

using org::FieldProblems;
using org::Presence;

// Adds a problem when `level` is not one a competency can be assessed or required at.
void CheckLevel(FieldProblems& p, const std::string& field, int level) {
  if (!IsLevel(level)) p.Add(field, "must be from 1 to 4", std::to_string(level));
}

}  // namespace

bool IsLevel(int level) { return level >= kMinLevel && level <= kMaxLevel; }

std::vector<Problem> Check(const Framework& f) {
  FieldProblems p;
  p.Line("code", f.code, Presence::kRequired, kMaxCode);
  p.Line("name", f.name, Presence::kRequired);
  p.Line("version", f.version, Presence::kOptional, kMaxCode);
  p.Line("source", f.source, Presence::kOptional, 1000);
  for (size_t i = 0; i < f.level_labels.size(); ++i)
    p.Line("level_labels[" + std::to_string(i) + "]", f.level_labels[i], Presence::kRequired, 60);
  return p.Take();
}

std::vector<Problem> Check(const Area& a) {
  FieldProblems p;
  p.Line("name", a.name, Presence::kRequired);
  if (a.position < 1) p.Add("position", "must be 1 or more", std::to_string(a.position));
  return p.Take();
}

std::vector<Problem> Check(const Competency& c) {
  FieldProblems p;
  p.Line("code", c.code, Presence::kRequired, kMaxCode);
  p.Line("name", c.name, Presence::kRequired, 300);
  p.Paragraphs("description", c.description);
  if (c.position < 1) p.Add("position", "must be 1 or more", std::to_string(c.position));
  return p.Take();
}

std::vector<Problem> Check(const RoleProfile& r) {
  FieldProblems p;
  if (r.post && r.stage)
    p.Add("stage", "a profile belongs to a post or to a career stage, not both",
          std::string(org::Info(*r.stage).code));
  if (!r.post && !r.stage) p.Add("post_id", "give the post (post_id) or the career stage (stage)");
  p.OptionalId("post_id", r.post);
  p.Line("name", r.name, Presence::kOptional);
  if (r.requirements.empty())
    p.Add("requirements", "list at least one competency with its level and weight");
  if (r.requirements.size() > kMaxRequirements)
    p.Add("requirements", "at most " + std::to_string(kMaxRequirements) + " competencies");
  std::set<CompetencyId> seen;
  for (size_t i = 0; i < r.requirements.size(); ++i) {
    const Requirement& q = r.requirements[i];
    const std::string at = "requirements[" + std::to_string(i) + "]";
    if (!q.competency.valid())
      p.Add(at + ".competency_id", "is required", std::to_string(q.competency.value()));
    else if (!seen.insert(q.competency).second)
      p.Add(at + ".competency_id", "is listed twice", std::to_string(q.competency.value()));
    CheckLevel(p, at + ".level", q.level);
    if (!(std::isfinite(q.weight) && q.weight > 0.0 && q.weight <= kMaxWeight))
      p.Add(at + ".weight", "must be more than 0 and at most 100", std::to_string(q.weight));
  }
  return p.Take();
}

std::vector<Problem> Check(const Assessment& a) {
  FieldProblems p;
  p.RequiredId("person_id", a.person);
  p.RequiredId("competency_id", a.competency);
  CheckLevel(p, "level", a.level);
  p.OptionalId("assessor_id", a.assessor);
  if (a.assessor && *a.assessor == a.person)
    p.Add("assessor_id", "a person cannot assess themselves", std::to_string(a.assessor->value()));
  p.Line("assessor_name", a.assessor_name, Presence::kRequired);
  p.RequiredDate("assessed_on", a.assessed_on);
  p.Paragraphs("evidence", a.evidence);
  return p.Take();
}

namespace {

// Adds a problem for each score of `box` outside 1..3, named `prefix` + "performance" / "potential".
void CheckBox(FieldProblems& p, const std::string& prefix, Box box) {
  if (box.performance < kMinScore || box.performance > kMaxScore)
    p.Add(prefix + "performance", "must be from 1 to 3", std::to_string(box.performance));
  if (box.potential < kMinScore || box.potential > kMaxScore)
    p.Add(prefix + "potential", "must be from 1 to 3", std::to_string(box.potential));
}

// The earliest and latest academic years a cycle may be for.
constexpr int kFirstYear = 2000;
constexpr int kLastYear = 2100;

}  // namespace

std::vector<Problem> Check(const ReviewCycle& c) {
  FieldProblems p;
  if (c.year < kFirstYear || c.year > kLastYear)
    p.Add("year", "must be the academic year's start, from 2000 to 2100", std::to_string(c.year));
  p.Line("name", c.name, Presence::kRequired);
  p.RequiredDate("opened_on", c.opened_on);
  const bool closed = c.status == CycleStatus::kClosed;
  if (closed && !c.closed_on) p.Add("closed_on", "is required once the cycle is closed");
  if (!closed && c.closed_on) p.Add("closed_on", "only a closed cycle has a closing date");
  if (c.closed_on && c.opened_on != Date{} && *c.closed_on < c.opened_on)
    p.Add("closed_on", "must not be before opened_on", c.closed_on->ToIso());
  std::set<std::string> seen;
  for (size_t i = 0; i < c.box_names.size(); ++i) {
    const std::string field = "box_names[" + std::to_string(i) + "]";
    p.Line(field, c.box_names[i], Presence::kRequired, 60);
    if (!FieldProblems::IsBlank(c.box_names[i]) && !seen.insert(c.box_names[i]).second)
      p.Add(field, "is the name of another box too", c.box_names[i]);
  }
  return p.Take();
}

std::vector<Problem> Check(const Rating& r) {
  FieldProblems p;
  p.RequiredId("cycle_id", r.cycle);
  p.RequiredId("person_id", r.person);
  p.RequiredId("rater_id", r.rater);
  if (r.rater.valid() && r.rater == r.person)
    p.Add("rater_id", "a person cannot rate themselves", std::to_string(r.rater.value()));
  CheckBox(p, "", r.proposal);
  if (r.calibrated) CheckBox(p, "calibrated_", *r.calibrated);
  if (r.final && !r.calibrated) p.Add("final", "a final rating has its calibrated box");
  p.Paragraphs("rationale", r.rationale);
  if (FieldProblems::IsBlank(r.rationale)) p.Add("rationale", "is required");
  p.Paragraphs("evidence", r.evidence);
  return p.Take();
}

std::vector<Problem> Check(const CalibrationMeeting& m) {
  FieldProblems p;
  p.RequiredId("cycle_id", m.cycle);
  if (m.level == MeetingLevel::kSchool && !m.school)
    p.Add("school_id", "a school's meeting names its school");
  if (m.level == MeetingLevel::kTrust && m.school)
    p.Add("school_id", "the trust's meeting is not for one school",
          std::to_string(m.school->value()));
  p.OptionalId("school_id", m.school);
  p.RequiredDate("held_on", m.held_on);
  p.Paragraphs("attendees", m.attendees);
  return p.Take();
}

std::vector<Problem> Check(const RatingAdjustment& a) {
  FieldProblems p;
  p.RequiredId("meeting_id", a.meeting);
  p.RequiredId("rating_id", a.rating);
  CheckBox(p, "before.", a.before);
  CheckBox(p, "after.", a.after);
  if (a.before == a.after) p.Add("after", "is the same box as before: nothing to adjust");
  if (FieldProblems::IsBlank(a.reason)) p.Add("reason", "is required");
  p.Paragraphs("reason", a.reason);
  p.Line("by", a.by, Presence::kRequired);
  return p.Take();
}

}  // namespace trellis::talent
