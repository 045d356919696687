#pragma once
// The demo trust's pipeline trend: the snapshot each of its two closed review cycles would
// have left on closing (succession/pipeline_snapshot.h), computed from its plans, not made
// up. The demo writes its plans as they stand today, after both cycles closed, so:
// - the latest cycle's snapshot measures the plans as they stand, on the day it closed;
// - the earlier cycle's measures them as they stood a year before in the demo's story: each
//   plan naming only its first choice, who was then a year further from ready (ready now was
//   ready in 1–2 years; 1–2 years was 3+ years), on the day that cycle closed.
// The bench is the same in both: it comes from the competency assessments, which the demo
// records once.

#include "core/date.h"
#include "core/result.h"
#include "store/store.h"

namespace trellis::demo {

// Writes the two snapshots into `trust` (already holding the demo's review cycles and plans)
// through `tx`. Writes no audit entries (the demo leaves one summary entry).
[[nodiscard]] Result<void> WriteTrend(store::Store& tx, TrustId trust, Date today);

}  // namespace trellis::demo
