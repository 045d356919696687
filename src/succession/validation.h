#pragma once
// Field rules for succession plans, their candidates and discussions, and risks of loss,
// independent of what is stored (the same contract as org/validation.h and
// talent/validation.h): each returns every problem found, empty when the record is
// acceptable, with `field` set to the JSON field name. Rules that need the store or the
// clock (the post is key, the person is in the trust and has not left, is not the post's
// holder, a rank fits the plan, a date is not in the future) belong to PlanService.

#include <vector>

#include "core/error.h"
#include "succession/plan.h"

namespace trellis::succession {

std::vector<Problem> Check(const SuccessionPlan& plan);
// Internal XOR external; an internal candidate's readiness override comes with its reason;
// an external candidate's readiness is required.
std::vector<Problem> Check(const PlanCandidate& candidate);
std::vector<Problem> Check(const PlanDiscussion& discussion);
std::vector<Problem> Check(const LossRisk& risk);

}  // namespace trellis::succession
