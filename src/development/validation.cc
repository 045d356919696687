#include "development/validation.h"

#include <string>

#include "org/field_problems.h"

namespace trellis::development {

using org::FieldProblems;
using org::Presence;

std::vector<Problem> Check(const DevelopmentAction& a) {
  FieldProblems p;
  p.RequiredId("person_id", a.person);
  p.Line("title", a.title, Presence::kRequired);
  p.Paragraphs("description", a.description);
  p.OptionalId("owner_id", a.owner);
  p.OptionalId("plan_id", a.plan);
  p.OptionalId("gap_competency_id", a.gap);
  if (a.source == ActionSource::kSuccessionGap && !a.plan)
    p.Add("plan_id", "is required for an action raised from a succession gap");
  p.RequiredDate("raised_on", a.raised_on);
  if (a.due_on && a.raised_on != Date{} && *a.due_on < a.raised_on)
    p.Add("due_on", "must not be before raised_on", a.due_on->ToIso());

  const bool completed = a.status == ActionStatus::kCompleted;
  if (completed && !a.completed_on)
    p.Add("completed_on", "is required once the action is completed");
  if (!completed && a.completed_on)
    p.Add("completed_on", "only a completed action has a completion date", a.completed_on->ToIso());
  if (a.completed_on && a.raised_on != Date{} && *a.completed_on < a.raised_on)
    p.Add("completed_on", "must not be before raised_on", a.completed_on->ToIso());
  p.Paragraphs("outcome", a.outcome, completed ? Presence::kRequired : Presence::kOptional);
  return p.Take();
}

Result<void> CanMove(ActionStatus from, ActionStatus to) {
  if (from == to) return Ok();
  const bool allowed = (from == ActionStatus::kPlanned && to != ActionStatus::kPlanned) ||
                       (from == ActionStatus::kInProgress &&
                        (to == ActionStatus::kCompleted || to == ActionStatus::kCancelled));
  if (allowed) return Ok();
  const std::string move = std::string(Code(from)) + " to " + std::string(Code(to));
  // From an open status the only move refused is back to planned.
  const std::string why = from == ActionStatus::kInProgress
                              ? "an action in progress cannot go back to planned"
                              : "a " + std::string(Code(from)) + " action is closed";
  return Fail(ErrorCode::kConflict, "The action cannot move from " + move + ": " + why + ".",
              {{"status", "cannot move from " + move, std::string(Code(to)), {}}});
}

}  // namespace trellis::development
