#pragma once
// The demo trust's talent reviews: two closed 9-box cycles (last academic year and this
// one) over its leadership pipeline, each with a school calibration meeting and the trust's,
// their adjustments and reasons, so the grid, rater outliers and movement show something.

#include <cstdint>

#include "core/date.h"
#include "core/result.h"
#include "store/store.h"

namespace trellis::demo {

// Writes the cycles into `trust` (already holding the demo plan) through `tx`. Every rated
// person has a current line manager, who is their rater. Most land in the middle of the
// grid, a few are stars and a few low performers. Deterministic: the same seed, day and
// trust give the same records. Writes no audit entries (the demo leaves one summary entry).
[[nodiscard]] Result<void> WriteReviews(store::Store& tx, TrustId trust, uint64_t seed, Date today);

}  // namespace trellis::demo
