#pragma once
// How the candidates named on a succession plan stand today: the formula's view of each
// internal candidate (score parts, gaps, suggested readiness) beside the readiness that counts,
// whether they are still in the trust and eligible by the ladder, and whether they count as a
// named successor of the post. Pure computation over a Snapshot; metrics.h builds on it.
//
// Who counts as a named successor of key post p (coverage, overload, the simulation):
//   - an internal candidate who is still in the trust (among the snapshot's people, of p's
//     trust) and is not a current holder of p, whether or not the ladder makes them eligible
//     (leaders may name anyone; eligibility is shown beside them);
//   - an external candidate (someone from outside, with the readiness leaders judged);
//   - never a leaver (an internal candidate no longer among the snapshot's people).

#include <optional>
#include <unordered_map>
#include <vector>

#include "org/model.h"
#include "succession/formula.h"
#include "succession/plan.h"
#include "succession/ranking.h"
#include "succession/snapshot.h"

namespace trellis::succession {

struct CandidateEvaluation {
  PlanCandidateId id;
  std::optional<PersonId> person;  // empty: an external candidate
  int rank = 1;
  // An internal candidate still among the snapshot's people, of the post's trust. False for a
  // leaver and for every external candidate (who is, by definition, not in the trust).
  bool in_trust = false;
  bool holds_the_post = false;  // a current holder of the post: never their own successor
  std::optional<int> steps;     // StepsTo (internal candidates in the trust)
  bool eligible = false;        // IsEligible: whether the ranking would have proposed them
  // Score's figures for an internal candidate in the trust: parts, gaps, suggested readiness.
  std::optional<RankedCandidate> formula;
  Readiness readiness = Readiness::kThreePlusYears;  // EffectiveReadiness: the one that counts
  // Readiness set by people: an override of the suggestion, or an external candidate's.
  bool readiness_judged = false;
  bool named_successor = false;  // counts as a named successor (see above)
};

struct PlanEvaluation {
  SuccessionPlanId plan;
  PostId post;
  size_t post_index = 0;                        // into the snapshot's posts
  std::vector<CandidateEvaluation> candidates;  // by rank (1 first)
};

// Evaluates `plan` against the snapshot. Empty when the plan's post is not one of the
// snapshot's key posts (no longer key, or of another trust). Linear in the plan's candidates
// × the post's role profile.
std::optional<PlanEvaluation> EvaluatePlan(const Snapshot& snapshot, const PlanContent& plan,
                                           const FormulaSettings& settings);

// Each candidate's evaluation, by candidate id, whether or not the plan's post is still key:
// when it is no longer one the formula says nothing, the readiness that counts is the
// leaders' (else 3+ years), and only external candidates count as named successors.
using CandidateEvaluations = std::unordered_map<PlanCandidateId, CandidateEvaluation>;
CandidateEvaluations EvaluateCandidates(const Snapshot& snapshot, const PlanContent& plan,
                                        const FormulaSettings& settings);

struct SuccessorCounts {
  size_t named = 0;      // named successors (see above)
  size_t ready_now = 0;  // of them, ready now by the readiness that counts
};
SuccessorCounts CountSuccessors(const CandidateEvaluations& evaluations);

// The leaders' judgement that no internal successor is likely (consider_external), or no
// internal named successor on the plan.
bool NoInternalSuccessorLikely(const PlanContent& plan, const CandidateEvaluations& evaluations);

// The school a post serves (KeyPost::school) when it is one of the snapshot's key posts; else
// its own school.
std::optional<SchoolId> SchoolServed(const Snapshot& snapshot, const org::Post& post);

}  // namespace trellis::succession
