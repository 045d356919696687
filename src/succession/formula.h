#pragma once
// The documented default formulas of succession planning (docs/formulas.md, from the
// product requirements), with every weight and threshold a trust may change.

#include <optional>
#include <string>
#include <vector>

#include "core/enum_names.h"
#include "core/error.h"

namespace trellis::succession {

enum class Readiness { kReadyNow, kOneToTwoYears, kThreePlusYears };

struct FormulaSettings {
  // score = match_weight·m + talent_weight·t + proximity_weight·q
  double match_weight = 0.5;
  double talent_weight = 0.3;
  double proximity_weight = 0.2;
  // q: one step below the post on the ladder, or two.
  double proximity_one_step = 1.0;
  double proximity_two_steps = 0.5;
  // Suggested readiness.
  double ready_now_match = 0.9;     // and performance >= ready_now_performance and one step
  int ready_now_performance = 2;
  double one_to_two_years_match = 0.7;
  // Bench strength: the bench of a post is every eligible person with m >= this.
  double bench_match = 0.8;
  // Successor overload: named on more than this many plans.
  int overload_plans = 2;
};

// Field problems (field names as above) when weights are negative or thresholds out of
// [0, 1]; empty when the settings are usable.
std::vector<Problem> Check(const FormulaSettings& settings);

}  // namespace trellis::succession

namespace trellis {
template <> std::span<const EnumName<succession::Readiness>> EnumNames();
}  // namespace trellis
