#include "succession/trust_ranking.h"

#include <algorithm>
#include <string>

#include "succession/trust_snapshot.h"

namespace trellis::succession {

Result<PostRanking> RankPostCandidates(store::Store& store, TrustId trust, PostId post_id,
                                       Date today, const RankingQuestion& question) {
  org::Post post = TRY(store.GetPost(trust, post_id));
  if (!post.key)
    return Fail(ErrorCode::kValidationFailed, "Only key posts have succession candidates.",
                {{"post_id", "is not a key post", std::to_string(post_id.value()), {}}});
  Snapshot snapshot = TRY(BuildTrustSnapshot(store, trust, today));
  const auto index = snapshot.PostIndex(post_id);
  if (!index) return Fail(ErrorCode::kNotFound, "Not found.");
  const FormulaSettings settings = TRY(store.GetFormulaSettings(trust)).formula;
  const auto plan = TRY(store.FindPlanForPost(trust, post_id));
  std::unordered_set<PersonId> named;
  if (plan) {
    auto listing =
        TRY(store.ListPlanCandidates({.trust = trust, .plan = plan->id, .page = store::kEveryRow}));
    for (const PlanCandidate& c : listing.items)
      if (c.person) named.insert(*c.person);
  }
  // Those named are left out after ranking everyone, so that `limit` others remain.
  Ranking ranking = Rank(snapshot, *index, settings, question.exclude_named ? 0 : question.limit);
  auto& candidates = ranking.candidates;
  if (question.exclude_named)
    std::erase_if(candidates,
                  [&named](const RankedCandidate& c) { return named.contains(c.person); });
  if (candidates.size() > question.limit)
    candidates.erase(candidates.begin() + static_cast<std::ptrdiff_t>(question.limit),
                     candidates.end());
  return PostRanking{.post = std::move(post),
                     .plan = plan ? std::optional(plan->id) : std::nullopt,
                     .settings = settings,
                     .ranking = std::move(ranking),
                     .named = std::move(named),
                     .snapshot = std::move(snapshot)};
}

}  // namespace trellis::succession
