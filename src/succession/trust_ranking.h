#pragma once
// A key post's candidates ranked with the trust's own formula settings, read from the store:
// what the API's ranking and `trellis succession rank` show. The reads are here (a snapshot
// of the trust, its settings, the post's plan); the ranking is the engine's (ranking.h).
//
// Confidential: the caller decides who may see a ranking and records the read
// (PlanService::RecordRead, SuccessionRead::kCandidates).

#include <cstddef>
#include <optional>
#include <unordered_set>

#include "core/date.h"
#include "core/ids.h"
#include "core/result.h"
#include "org/model.h"
#include "store/store.h"
#include "succession/formula.h"
#include "succession/ranking.h"
#include "succession/snapshot.h"

namespace trellis::succession {

struct RankingQuestion {
  size_t limit = 10;           // at most this many candidates
  bool exclude_named = false;  // leave out those the post's plan names already
};

struct PostRanking {
  org::Post post;
  std::optional<SuccessionPlanId> plan;  // the post's plan, if it has one
  FormulaSettings settings;              // the trust's, as ranked
  // The engine's ranking, its candidates cut as asked; `eligible` counts them all.
  Ranking ranking;
  std::unordered_set<PersonId> named;  // the people the post's plan names
  Snapshot snapshot;                   // the trust on the day: who the candidates are
};

// Ranks the candidates for `post` on `today`. kNotFound when the trust has no such post;
// kValidationFailed (field "post_id") when it is not a key post.
[[nodiscard]] Result<PostRanking> RankPostCandidates(store::Store& store, TrustId trust,
                                                     PostId post, Date today,
                                                     const RankingQuestion& question);

}  // namespace trellis::succession
