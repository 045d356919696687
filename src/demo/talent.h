#pragma once
// The demo trust's competencies: role profiles for the headteacher and deputy/assistant
// stages and the five trust key posts, and assessments of its leadership pipeline, built on
// the frameworks shipped with trellis.

#include <cstdint>

#include "core/date.h"
#include "core/result.h"
#include "store/store.h"

namespace trellis::demo {

// Writes the profiles and assessments into `trust` (already holding the demo plan) through
// `tx`. The shipped frameworks must be installed. Deterministic: the same seed, day and
// trust give the same records. Some of the pipeline is never assessed, on purpose.
[[nodiscard]] Result<void> WriteTalent(store::Store& tx, TrustId trust, uint64_t seed, Date today);

}  // namespace trellis::demo
