#pragma once
// Succession plans: seed 000's six steps written down for one key post (the post; its
// closest candidates, ranked; their gaps against the role profile; the development actions
// that bridge them; external successors where no internal one is likely; the record of the
// discussion at leadership level), plus the risk of losing people. Plain values and the pure
// rules over them; succession/plan_service.h writes them, succession/metrics.h measures them.
//
// Confidential (product.md): risk of loss and who is named to succeed whom are visible only
// to trust admins, executives and the post's school's headteacher; every read is audited.

#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/date.h"
#include "core/enum_names.h"
#include "core/ids.h"
#include "succession/formula.h"
#include "succession/simulation.h"  // RiskOfLoss

namespace trellis::succession {

enum class ImpactOfLoss { kLow, kMedium, kHigh };

// When a person at risk might go.
enum class DepartureWindow { kWithinAYear, kOneToTwoYears, kTwoToFiveYears, kOverFiveYears };

// The forums seed 000 expects succession to be discussed at.
enum class Forum {
  kSeniorLeadershipTeam,
  kTrustBoard,
  kPayAndPersonnelCommittee,
  kLocalGoverningBody,
  kOther,
};

// The risk that a person leaves the trust (or their post), as judged by their leaders. At
// most one per person: the current judgement (earlier ones live in the audit log). The
// attrition simulation reads it; so do the "high-risk holder" and "high-risk successor"
// metrics.
struct LossRisk {
  LossRiskId id;
  TrustId trust;
  PersonId person;
  RiskOfLoss risk = RiskOfLoss::kMedium;
  std::optional<DepartureWindow> window;
  std::string note;
  Date assessed_on;
};

// The plan of one key post (at most one per post; the post must be key).
struct SuccessionPlan {
  SuccessionPlanId id;
  TrustId trust;
  PostId post;
  std::optional<ImpactOfLoss> impact;  // impact on the trust of losing the holder
  // Leaders' judgement that no internal successor is likely: look outside.
  bool consider_external = false;
  std::optional<Date> review_on;  // next review; overdue once past
  std::string notes;
  Date created_on;
};

// A named successor: a person of the trust, or someone from outside (then `person` is empty
// and `external_name` is required).
struct PlanCandidate {
  PlanCandidateId id;
  TrustId trust;
  SuccessionPlanId plan;
  std::optional<PersonId> person;
  std::string external_name;
  std::string external_source;  // e.g. "headteacher of a partner school", "recruitment"
  std::string notes;
  int rank = 1;  // 1 = first choice; a plan's ranks run 1..n without gaps or repeats
  // For an internal candidate: an override of the readiness the formula suggests, kept with
  // `readiness_reason` (required with it). For an external candidate: the leaders' judgement
  // (required; the formula knows nothing of outsiders).
  std::optional<Readiness> readiness;
  std::string readiness_reason;
  bool emergency = false;  // steps in at once if the post falls vacant; at most one per plan
  Date added_on;

  bool internal() const { return person.has_value(); }
  bool operator==(const PlanCandidate&) const = default;
};

// One discussion of the plan at leadership level.
struct PlanDiscussion {
  PlanDiscussionId id;
  TrustId trust;
  SuccessionPlanId plan;
  Date held_on;
  Forum forum = Forum::kSeniorLeadershipTeam;
  std::string attendees;
  std::string outcome;  // required: what was decided
};

// A plan with everything in it: candidates by rank, discussions earliest first.
struct PlanContent {
  SuccessionPlan plan;
  std::vector<PlanCandidate> candidates;
  std::vector<PlanDiscussion> discussions;
};

// Each person's current risk of loss among `risks`: the latest assessed (on a tie, the later
// given). The store keeps one per person; given more, this is the one that counts. `risks`
// must outlive it.
class CurrentRisks {
 public:
  explicit CurrentRisks(std::span<const LossRisk> risks);

  const LossRisk* Find(PersonId person) const;  // nullptr: none recorded
  std::optional<RiskOfLoss> Of(PersonId person) const;

 private:
  std::unordered_map<PersonId, const LossRisk*> latest_;
};

// The readiness that counts: the override (or an external candidate's judged readiness),
// else the formula's suggestion (`suggested`, empty for external candidates), else 3+ years.
Readiness EffectiveReadiness(const PlanCandidate& candidate, std::optional<Readiness> suggested);

// Overdue for review on `today`: a review date that has passed.
bool IsOverdue(const SuccessionPlan& plan, Date today);

}  // namespace trellis::succession

namespace trellis {
template <> std::span<const EnumName<succession::ImpactOfLoss>> EnumNames();
template <> std::span<const EnumName<succession::DepartureWindow>> EnumNames();
template <> std::span<const EnumName<succession::Forum>> EnumNames();
}  // namespace trellis
