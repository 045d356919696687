#include "succession/validation.h"

#include <string>

#include "org/field_problems.h"

namespace trellis::succession {

using org::FieldProblems;
using org::Presence;

std::vector<Problem> Check(const SuccessionPlan& plan) {
  FieldProblems p;
  p.RequiredId("post_id", plan.post);
  p.Paragraphs("notes", plan.notes);
  p.RequiredDate("created_on", plan.created_on);
  return p.Take();
}

std::vector<Problem> Check(const PlanCandidate& c) {
  FieldProblems p;
  const bool named_outsider = !FieldProblems::IsBlank(c.external_name);
  if (c.person && named_outsider)
    p.Add("external_name",
          "give person_id (someone in the trust) or external_name (someone from outside), "
          "not both");
  if (!c.person && !named_outsider)
    p.Add("person_id", "is required, or external_name for a successor from outside the trust");
  p.OptionalId("person_id", c.person);
  p.Line("external_name", c.external_name, Presence::kOptional);
  p.Line("external_source", c.external_source, Presence::kOptional);
  if (c.person && !FieldProblems::IsBlank(c.external_source))
    p.Add("external_source", "only a successor from outside the trust has a source");
  p.Paragraphs("notes", c.notes);
  if (c.rank < 1) p.Add("rank", "must be 1 or more", std::to_string(c.rank));

  const bool reason_given = !FieldProblems::IsBlank(c.readiness_reason);
  if (c.person) {
    if (c.readiness && !reason_given)
      p.Add("readiness_reason", "is required when readiness overrides the formula's suggestion");
    if (!c.readiness && reason_given)
      p.Add("readiness_reason",
            "explains a readiness override: give readiness too, or leave the reason empty");
  } else if (!c.readiness) {
    p.Add("readiness",
          "is required for a successor from outside the trust (the formula only knows the "
          "trust's own people)");
  }
  p.Paragraphs("readiness_reason", c.readiness_reason);
  p.RequiredDate("added_on", c.added_on);
  return p.Take();
}

std::vector<Problem> Check(const PlanDiscussion& d) {
  FieldProblems p;
  p.RequiredId("plan_id", d.plan);
  p.RequiredDate("held_on", d.held_on);
  p.Paragraphs("attendees", d.attendees);
  p.Paragraphs("outcome", d.outcome, Presence::kRequired);
  return p.Take();
}

std::vector<Problem> Check(const LossRisk& r) {
  FieldProblems p;
  p.RequiredId("person_id", r.person);
  p.Paragraphs("note", r.note);
  p.RequiredDate("assessed_on", r.assessed_on);
  return p.Take();
}

}  // namespace trellis::succession
