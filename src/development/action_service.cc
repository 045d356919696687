#include "development/action_service.h"

#include "development/json.h"
#include "development/validation.h"

namespace trellis::development {
namespace {

constexpr char kEntity[] = "development_action";

// The plan and the gap of `action` exist for the trust.
Result<void> CheckReferences(store::Store& tx, TrustId trust, const DevelopmentAction& action,
                             std::vector<Problem>& problems) {
  if (action.plan && action.plan->valid())
    TRY(org::NoteMissing(problems, "plan_id", action.plan->value(),
                         tx.GetSuccessionPlan(trust, *action.plan)));
  if (action.gap && action.gap->valid())
    TRY(org::NoteMissing(problems, "gap_competency_id", action.gap->value(),
                         tx.GetCompetency(trust, *action.gap)));
  return Ok();
}

}  // namespace

Result<DevelopmentAction> ActionService::Raise(TrustId trust, DevelopmentAction action,
                                               const org::Actor& actor) {
  const Date today = clock_.Today();
  action.id = {};
  action.trust = trust;
  action.completed_on.reset();
  if (action.raised_on == Date{}) action.raised_on = today;
  DevelopmentAction stored;
  TRY(store_.Transact([&](store::Store& tx) -> Result<void> {
    TRY(tx.GetTrust(trust));
    std::vector<Problem> problems;
    if (!IsOpen(action))
      problems.push_back({"status",
                          "a new action is planned or in progress",
                          std::string(Code(action.status)),
                          {}});
    org::NoteInFuture(problems, "raised_on", action.raised_on, today);
    // A closed status is already refused above; its own rules would only repeat it.
    if (IsOpen(action))
      for (Problem& p : Check(action)) problems.push_back(std::move(p));
    TRY(org::NoteNotCurrent(tx, trust, "person_id", action.person, today, problems));
    if (action.owner)
      TRY(org::NoteNotCurrent(tx, trust, "owner_id", *action.owner, today, problems));
    TRY(CheckReferences(tx, trust, action, problems));
    if (!problems.empty()) return Refuse(std::move(problems));
    stored = TRY(tx.Insert(action));
    return tx.Append(org::AuditEntryOf(actor, clock_.Now(), trust, "create", kEntity,
                                       stored.id.value(), "", ToJson(stored).dump()));
  }));
  return stored;
}

Result<DevelopmentAction> ActionService::Change(TrustId trust, DevelopmentActionId id,
                                                const Edit<DevelopmentAction>& change,
                                                const org::Actor& actor) {
  const Date today = clock_.Today();
  DevelopmentAction stored;
  TRY(store_.Transact([&](store::Store& tx) -> Result<void> {
    const DevelopmentAction before = TRY(tx.GetDevelopmentAction(trust, id));
    DevelopmentAction after = before;
    TRY(change(after));
    TRY(CanMove(before.status, after.status));
    std::vector<Problem> problems;
    if (after.person != before.person)
      problems.push_back({"person_id",
                          "cannot be changed: raise an action for the other person",
                          std::to_string(after.person.value()),
                          {}});
    if (after.source != before.source)
      problems.push_back({"source", "cannot be changed", std::string(Code(after.source)), {}});
    if (after.raised_on != before.raised_on)
      problems.push_back({"raised_on", "cannot be changed", after.raised_on.ToIso(), {}});
    after.id = before.id;
    after.trust = trust;
    // The completion date is the day it was recorded as completed, never typed in.
    after.completed_on = after.status == ActionStatus::kCompleted
                             ? before.completed_on.value_or(today)
                             : std::optional<Date>();
    for (Problem& p : Check(after)) problems.push_back(std::move(p));
    if (after.owner && after.owner != before.owner)
      TRY(org::NoteNotCurrent(tx, trust, "owner_id", *after.owner, today, problems));
    TRY(CheckReferences(tx, trust, after, problems));
    if (!problems.empty()) return Refuse(std::move(problems));
    TRY(tx.Update(after));
    stored = TRY(tx.GetDevelopmentAction(trust, id));
    const std::string what =
        after.status == before.status ? "update" : std::string(Code(after.status));
    return tx.Append(org::AuditEntryOf(actor, clock_.Now(), trust, what, kEntity, id.value(),
                                       ToJson(before).dump(), ToJson(stored).dump()));
  }));
  return stored;
}

}  // namespace trellis::development
