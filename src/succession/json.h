#pragma once
// The JSON form of succession plans, their candidates and discussions, risks of loss and the
// trust's formula settings: the API's representation and the audit log's before/after (and,
// for the settings, how the store keeps them). Field names are the ones validation problems
// name (snake_case).

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "succession/pipeline_snapshot.h"
#include "succession/plan.h"
#include "succession/settings.h"
#include "succession/simulation.h"

namespace trellis::succession {

nlohmann::json ToJson(const LossRisk& risk);
nlohmann::json ToJson(const SuccessionPlan& plan);
// `readiness` is the override (internal) or the judged readiness (external), null when the
// formula's suggestion counts.
nlohmann::json ToJson(const PlanCandidate& candidate);
// A plan's candidates, in the order given, as a JSON array (as the audit log keeps them).
nlohmann::json ToJson(const std::vector<PlanCandidate>& candidates);
nlohmann::json ToJson(const PlanDiscussion& discussion);
// The plan's fields, with "candidates" (by rank) and "discussions" (earliest first).
nlohmann::json ToJson(const PlanContent& content);

// A figure as "numerator of denominator": { numerator, denominator, value } (value null for
// 0 of 0). A group's bench: { total, posts, value } (value the strength, null for no posts).
nlohmann::json ToJson(const Proportion& proportion);
nlohmann::json ToJson(const GroupBench& bench);
// One year of an attrition simulation: its means, their Monte Carlo error and the external
// appointments' 5th-95th percentile band.
nlohmann::json ToJson(const SimulatedYear& year);
// { id, cycle_id, taken_on, coverage, ready_now_coverage, bench_strength, overload }: the
// trend's item and the audit entry's after.
nlohmann::json ToJson(const PipelineSnapshot& snapshot);

// What the attrition simulation reads, with the engine's own names: { people: [{ id, risk
// (code or null), leave_probability (only when given) }], posts: [{ id, holders: [person
// ids], successors: [{ person, readiness (code) }] }] }, in the input's order.
nlohmann::json ToJson(const SimulationInput& input);
// Reads that form back (other members of the object are ignored). kValidationFailed, naming
// each field ("posts[2].successors[0].readiness"), when one is missing or not of its kind;
// the values themselves are Simulate's to check.
[[nodiscard]] Result<SimulationInput> SimulationInputFromJson(const nlohmann::json& json);

// One flat object of every setting of both parts, under the names succession::Check uses.
nlohmann::json ToJson(const FormulaSettings& settings);
nlohmann::json ToJson(const SimulationSettings& settings);
nlohmann::json ToJson(const SuccessionSettings& settings);
// Reads such an object: a setting left out keeps its default, a name it does not know is
// ignored (so settings written by a later version still read). kValidationFailed, naming each
// field, when `json` is not an object or a setting is not a number (a whole number for
// ready_now_performance and overload_plans). The values are not range-checked: that is
// succession::Check's.
[[nodiscard]] Result<SuccessionSettings> SettingsFromJson(const nlohmann::json& json);

}  // namespace trellis::succession
