#include "succession/plan.h"

#include <array>

namespace trellis {

template <>
std::span<const EnumName<succession::ImpactOfLoss>> EnumNames() {
  using succession::ImpactOfLoss;
  static constexpr std::array<EnumName<ImpactOfLoss>, 3> kNames = {{
      {ImpactOfLoss::kLow, "low", "Low"},
      {ImpactOfLoss::kMedium, "medium", "Medium"},
      {ImpactOfLoss::kHigh, "high", "High"},
  }};
  return kNames;
}

template <>
std::span<const EnumName<succession::DepartureWindow>> EnumNames() {
  using succession::DepartureWindow;
  static constexpr std::array<EnumName<DepartureWindow>, 4> kNames = {{
      {DepartureWindow::kWithinAYear, "within_a_year", "Within a year"},
      {DepartureWindow::kOneToTwoYears, "one_to_two_years", "In 1–2 years"},
      {DepartureWindow::kTwoToFiveYears, "two_to_five_years", "In 2–5 years"},
      {DepartureWindow::kOverFiveYears, "over_five_years", "In over 5 years"},
  }};
  return kNames;
}

template <>
std::span<const EnumName<succession::Forum>> EnumNames() {
  using succession::Forum;
  static constexpr std::array<EnumName<Forum>, 5> kNames = {{
      {Forum::kSeniorLeadershipTeam, "senior_leadership_team", "Senior leadership team"},
      {Forum::kTrustBoard, "trust_board", "Trust Board"},
      {Forum::kPayAndPersonnelCommittee, "pay_and_personnel_committee",
       "Pay and Personnel Committee"},
      {Forum::kLocalGoverningBody, "local_governing_body", "Local Governing Body"},
      {Forum::kOther, "other", "Other"},
  }};
  return kNames;
}

}  // namespace trellis

namespace trellis::succession {

CurrentRisks::CurrentRisks(std::span<const LossRisk> risks) {
  for (const LossRisk& risk : risks) {
    auto [it, added] = latest_.emplace(risk.person, &risk);
    if (!added && !(risk.assessed_on < it->second->assessed_on)) it->second = &risk;
  }
}

const LossRisk* CurrentRisks::Find(PersonId person) const {
  auto it = latest_.find(person);
  return it == latest_.end() ? nullptr : it->second;
}

std::optional<RiskOfLoss> CurrentRisks::Of(PersonId person) const {
  const LossRisk* risk = Find(person);
  if (!risk) return std::nullopt;
  return risk->risk;
}

Readiness EffectiveReadiness(const PlanCandidate& candidate, std::optional<Readiness> suggested) {
  if (candidate.readiness) return *candidate.readiness;
  if (candidate.internal() && suggested) return *suggested;
  return Readiness::kThreePlusYears;
}

bool IsOverdue(const SuccessionPlan& plan, Date today) {
  return plan.review_on && *plan.review_on < today;
}

}  // namespace trellis::succession
