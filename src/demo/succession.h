#pragma once
// The demo trust's succession planning: a plan for every key post, written through
// succession::PlanService and development::ActionService (so the demo's plans obey the same
// rules and leave the same audit history as real ones), with a spread worth looking at:
// - most posts name one to three successors from the ranking engine's top candidates, with
//   the formula's readiness or, now and then, a leader's override and its reason;
// - a few posts have nobody named (the Chair of the Finance, Audit and Risk Committee, the
//   vacant chair of Willowbrook's Local Governing Body, Beckfield's pastoral deputy
//   headship), and the Director of Finance's plan looks outside: consider_external, with one
//   external candidate;
// - one deputy is named on three plans (successor overload); everybody else on two at most;
// - the chief executive is a high risk of loss within a year, and nobody on the plan is
//   ready now; the first choice for one headship is a high risk of loss themselves;
// - most holders of key posts have a risk recorded, mostly low or medium;
// - one or two discussions per plan at different forums; review dates ahead, a few overdue;
// - development actions against the gaps of each plan's first choice, in every status, a few
//   overdue.

#include <cstdint>

#include "core/date.h"
#include "core/result.h"
#include "store/store.h"

namespace trellis::demo {

// Writes the plans, risks and actions into `trust` (already holding the demo plan, its role
// profiles, assessments and talent reviews) through `tx`, as actor "demo" on the day `today`
// (at the time of `now` when that falls on it). Deterministic: the same seed, day and trust
// give the same records.
[[nodiscard]] Result<void> WriteSuccession(store::Store& tx, TrustId trust, uint64_t seed,
                                           Date today, Instant now);

}  // namespace trellis::demo
