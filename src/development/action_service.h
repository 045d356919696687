#pragma once
// Changes to development actions: every write is checked (field rules and status moves from
// development/validation.h, then references within the trust), written, and audit-logged
// with its before and after, all in one transaction (as org::OrgService).
//
// Audit log: entity "development_action", entity_id the action's id; action "create" when
// raised, the new status's code ("in_progress", "completed", "cancelled") when a change moves
// the status, "update" for any other change. Before/after: the action (development/json.h).
//
// Who may call what (the person, their line manager, leaders) is decided by the caller.

#include <functional>

#include "core/clock.h"
#include "core/result.h"
#include "development/action.h"
#include "org/record_writes.h"
#include "store/store.h"

namespace trellis::development {

class ActionService {
 public:
  ActionService(store::Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // Raises an action: the id is ignored and the trust set; raised_on is today unless given
  // (not in the future); the status is planned or in progress (an action is completed or
  // cancelled by changing it), with no completion date. The person must be in the trust and
  // not have left, as must the owner when given; the plan must be one of the trust's and the
  // gap a competency the trust can see. kValidationFailed listing every problem, kNotFound
  // for no such trust.
  [[nodiscard]] Result<DevelopmentAction> Raise(TrustId trust, DevelopmentAction action,
                                                const org::Actor& actor);

  template <typename T>
  using Edit = std::function<Result<void>(T&)>;
  // Reads the action (kNotFound), lets `change` edit it, checks and writes it. The status
  // moves as CanMove allows (kConflict otherwise); completing sets completed_on to today and
  // needs an outcome. Whose action it is, where it came from and when it was raised do not
  // change: another person_id, source or raised_on is refused. A new owner must be in the
  // trust and not have left.
  [[nodiscard]] Result<DevelopmentAction> Change(TrustId trust, DevelopmentActionId id,
                                                 const Edit<DevelopmentAction>& change,
                                                 const org::Actor& actor);

 private:
  store::Store& store_;
  const Clock& clock_;
};

}  // namespace trellis::development
