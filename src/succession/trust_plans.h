#pragma once
// A trust's succession plans read from the store as the plan screens and the command line
// show them: every key post with its holders and plan, and one plan in full. Each named
// candidate is evaluated (plan_evaluation.h) over a snapshot of the trust on the day read.
//
// Confidential: these functions read plans and risks and record nothing. The caller decides
// who may see what and records the reads (PlanService::RecordPlansRead, RecordRisksRead).

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/date.h"
#include "core/ids.h"
#include "core/result.h"
#include "development/action.h"
#include "org/model.h"
#include "org/people.h"
#include "store/store.h"
#include "succession/plan.h"
#include "succession/plan_evaluation.h"

namespace trellis::succession {

// One key post with its plan, if it has one.
struct KeyPostPlan {
  org::Post post;
  std::optional<SchoolId> school;    // the school it serves (SchoolServed)
  std::vector<PersonId> holders;     // its current holders
  std::optional<PlanContent> plan;   // empty: no plan
  CandidateEvaluations evaluations;  // of the plan's candidates
};

struct KeyPostPlans {
  std::vector<KeyPostPlan> posts;  // every key post of the trust, in the store's order
  std::vector<LossRisk> risks;     // every risk of loss of the trust (CurrentRisks over them)
  // The names of the holders and the internal candidates.
  std::unordered_map<PersonId, std::string> names;
};

// Every key post of the trust on `today` with its plan. Fails as the store does.
[[nodiscard]] Result<KeyPostPlans> ReadKeyPostPlans(store::Store& store, TrustId trust, Date today);

// One plan with everything it is shown with.
struct PlanInFull {
  PlanContent content;  // candidates by rank, discussions earliest first
  org::Post post;
  std::optional<SchoolId> school;                       // the school the post serves
  std::vector<org::Holding> holdings;                   // the post's current holdings
  std::unordered_map<PersonId, LossRisk> risks;         // of the holders who have one
  CandidateEvaluations evaluations;                     // of the candidates
  std::vector<development::DevelopmentAction> actions;  // serving the plan
  // The holders, the internal candidates and the actions' people and owners.
  org::PeopleById people;
  // The school of each internal candidate's first current post, if at a school.
  std::unordered_map<PersonId, SchoolId> candidate_schools;
};

// The plan `plan` of `post` (the caller has read the post) on `today`. kNotFound when the
// trust has no such plan; fails as the store does.
[[nodiscard]] Result<PlanInFull> ReadPlanInFull(store::Store& store, TrustId trust,
                                                SuccessionPlanId plan, org::Post post, Date today);

}  // namespace trellis::succession
