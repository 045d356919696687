#pragma once
// Field rules for succession plans, their candidates and discussions, and risks of loss,
// independent of what is stored (the same contract as org/validation.h and
// talent/validation.h): each returns every problem found, empty when the record is
// acceptable, with `field` set to the JSON field name. Rules that need what is stored (the
// post is key, the person has not left and is not the post's holder, a plan's whole list of
// candidates) are here too, over values the caller read, so that PlanService and the
// imports (exchange/) apply the same ones; reading the store for them, and the rest (the
// records exist in the trust, a rank fits the plan, a date is not in the future), is
// PlanService's.

#include <span>
#include <vector>

#include "core/error.h"
#include "org/model.h"
#include "succession/plan.h"

namespace trellis::succession {

std::vector<Problem> Check(const SuccessionPlan& plan);
// Internal XOR external; an internal candidate's readiness override comes with its reason;
// an external candidate's readiness is required.
std::vector<Problem> Check(const PlanCandidate& candidate);
std::vector<Problem> Check(const PlanDiscussion& discussion);
std::vector<Problem> Check(const LossRisk& risk);

// The rules of a plan's candidates as a whole, given in any order: ranks run from 1 to the
// number of candidates, each once; at most one emergency successor; a person of the trust
// named once. Each problem's field names the candidate by its index: "candidates[2].rank",
// "candidates[2].emergency" or "candidates[2].person_id".
std::vector<Problem> CheckCandidateList(std::span<const PlanCandidate> candidates);

// The rules that need what is stored, over what the caller read (PlanService reads it from
// the store, an import from its bulk reads):
// - the post of a plan is a key post (field "post_id");
void CheckPlanPost(const org::Post& post, std::vector<Problem>& problems);
// - a person named as a successor is still in the trust on `today` and does not hold the post
//   that day (`holds_post`): nobody is their own successor (field "person_id").
void CheckSuccessor(const org::Person& person, bool holds_post, Date today,
                    std::vector<Problem>& problems);

}  // namespace trellis::succession
