#pragma once
// Field rules for development actions, independent of what is stored (the same contract as
// org/validation.h): every problem found, empty when the action is acceptable, with `field`
// set to the JSON field name. Rules that need the store or the clock (the person, owner, plan
// and gap exist in the trust, dates are not in the future) belong to ActionService.

#include <vector>

#include "core/error.h"
#include "core/result.h"
#include "development/action.h"

namespace trellis::development {

// A title; completed_on exactly when completed, and then an outcome (what came of it is the
// point of recording the action); a due date not before the day it was raised; an action
// raised from a succession gap names its plan.
std::vector<Problem> Check(const DevelopmentAction& action);

// The status moves an action may make: planned → in progress → completed (a planned action
// may be completed at once, e.g. a one-day course), and planned or in progress → cancelled.
// Completed and cancelled are final. Staying in the same status is no move and always fine.
// kConflict, naming field "status", for any other.
[[nodiscard]] Result<void> CanMove(ActionStatus from, ActionStatus to);

}  // namespace trellis::development
