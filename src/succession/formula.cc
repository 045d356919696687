#include "succession/formula.h"

#include <array>

namespace trellis {

template <>
std::span<const EnumName<succession::Readiness>> EnumNames() {
  using succession::Readiness;
  static constexpr std::array<EnumName<Readiness>, 3> kNames = {{
      {Readiness::kReadyNow, "ready_now", "Ready now"},
      {Readiness::kOneToTwoYears, "one_to_two_years", "Ready in 1–2 years"},
      {Readiness::kThreePlusYears, "three_plus_years", "Ready in 3+ years"},
  }};
  return kNames;
}

}  // namespace trellis

namespace trellis::succession {

std::vector<Problem> Check(const FormulaSettings& s) {
  std::vector<Problem> problems;
  auto weight = [&](const char* field, double value) {
    if (!(value >= 0.0 && value <= 10.0))
      problems.push_back({field, "must be from 0 to 10", std::to_string(value), {}});
  };
  auto fraction = [&](const char* field, double value) {
    if (!(value >= 0.0 && value <= 1.0))
      problems.push_back({field, "must be from 0 to 1", std::to_string(value), {}});
  };
  weight("match_weight", s.match_weight);
  weight("talent_weight", s.talent_weight);
  weight("proximity_weight", s.proximity_weight);
  if (s.match_weight + s.talent_weight + s.proximity_weight <= 0.0)
    problems.push_back({"match_weight", "at least one weight must be above 0", "", {}});
  fraction("proximity_one_step", s.proximity_one_step);
  fraction("proximity_two_steps", s.proximity_two_steps);
  fraction("ready_now_match", s.ready_now_match);
  fraction("one_to_two_years_match", s.one_to_two_years_match);
  fraction("bench_match", s.bench_match);
  if (s.ready_now_performance < 1 || s.ready_now_performance > 3)
    problems.push_back({"ready_now_performance", "must be 1, 2 or 3",
                        std::to_string(s.ready_now_performance), {}});
  if (s.overload_plans < 1)
    problems.push_back({"overload_plans", "must be at least 1", std::to_string(s.overload_plans), {}});
  return problems;
}

}  // namespace trellis::succession
