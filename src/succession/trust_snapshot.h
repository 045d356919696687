#pragma once
// Builds the ranking engine's Snapshot of one trust from the store: one bulk read per kind
// of record (people, latest competency levels, latest calibrated 9-box ratings,
// memberships, bodies, key posts, holdings, role profiles), never one per person. The only
// I/O of the succession engine.

#include "core/result.h"
#include "store/store.h"
#include "succession/snapshot.h"

namespace trellis::succession {

// The trust's current people (leavers excluded) as candidates, and its key posts with their
// current holders and effective role profiles (the post's own, else its career stage's), as
// on `today`. kNotFound when the trust does not exist.
[[nodiscard]] Result<Snapshot> BuildTrustSnapshot(store::Store& store, TrustId trust, Date today);

}  // namespace trellis::succession
