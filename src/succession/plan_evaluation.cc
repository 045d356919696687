#include "succession/plan_evaluation.h"

#include <algorithm>

namespace trellis::succession {

std::optional<PlanEvaluation> EvaluatePlan(const Snapshot& snapshot, const PlanContent& plan,
                                           const FormulaSettings& settings) {
  const std::optional<size_t> index = snapshot.PostIndex(plan.plan.post);
  if (!index) return std::nullopt;
  const KeyPost& post = snapshot.posts()[*index];
  PlanEvaluation evaluation{.plan = plan.plan.id, .post = post.id, .post_index = *index};
  // Plans come by rank already (PlanContent); ordering a copy keeps the contract for any
  // caller. (The candidates are ordered before evaluation rather than after: GCC 12 at -O2
  // warns falsely about sorting structs that hold an optional<RankedCandidate>.)
  std::vector<PlanCandidate> by_rank = plan.candidates;
  std::stable_sort(by_rank.begin(), by_rank.end(),
                   [](const PlanCandidate& a, const PlanCandidate& b) { return a.rank < b.rank; });
  evaluation.candidates.reserve(by_rank.size());
  for (const PlanCandidate& named : by_rank) {
    CandidateEvaluation e{.id = named.id, .person = named.person, .rank = named.rank};
    e.readiness_judged = named.readiness.has_value();
    if (named.person) {
      const Candidate* person = snapshot.FindPerson(*named.person);
      e.in_trust = person != nullptr && person->trust == post.trust;
      e.holds_the_post =
          std::find(post.holders.begin(), post.holders.end(), *named.person) != post.holders.end();
      if (e.in_trust) {
        e.steps = StepsTo(post, *person);
        e.eligible = IsEligible(snapshot, post, *person);
        e.formula = Score(post, *person, e.steps.value_or(0), settings);
      }
      e.named_successor = e.in_trust && !e.holds_the_post;
    } else {
      e.named_successor = true;
    }
    e.readiness = EffectiveReadiness(
        named, e.formula ? std::optional<Readiness>(e.formula->suggested) : std::nullopt);
    evaluation.candidates.push_back(std::move(e));
  }
  return evaluation;
}

CandidateEvaluations EvaluateCandidates(const Snapshot& snapshot, const PlanContent& plan,
                                        const FormulaSettings& settings) {
  CandidateEvaluations out;
  if (auto evaluation = EvaluatePlan(snapshot, plan, settings))
    for (auto& e : evaluation->candidates) out.emplace(e.id, std::move(e));
  for (const PlanCandidate& c : plan.candidates)
    out.try_emplace(c.id, CandidateEvaluation{.id = c.id,
                                              .person = c.person,
                                              .rank = c.rank,
                                              .readiness = EffectiveReadiness(c, std::nullopt),
                                              .readiness_judged = c.readiness.has_value(),
                                              .named_successor = !c.internal()});
  return out;
}

SuccessorCounts CountSuccessors(const CandidateEvaluations& evaluations) {
  SuccessorCounts counts;
  for (const auto& entry : evaluations) {
    const CandidateEvaluation& e = entry.second;
    if (!e.named_successor) continue;
    ++counts.named;
    if (e.readiness == Readiness::kReadyNow) ++counts.ready_now;
  }
  return counts;
}

bool NoInternalSuccessorLikely(const PlanContent& plan, const CandidateEvaluations& evaluations) {
  if (plan.plan.consider_external) return true;
  return std::none_of(evaluations.begin(), evaluations.end(), [](const auto& entry) {
    return entry.second.named_successor && entry.second.person.has_value();
  });
}

std::optional<SchoolId> SchoolServed(const Snapshot& snapshot, const org::Post& post) {
  if (auto index = snapshot.PostIndex(post.id)) return snapshot.posts()[*index].school;
  return post.school;
}

}  // namespace trellis::succession
