#pragma once
// The two simulations over a trust's measured pipeline (trust_pipeline.h), as a reader asks
// for them: attrition over the coming years, and the vacancy chain of "what if these people
// leave". The plans and risks go in as BuildSimulationInput takes them, with the trust's own
// settings. Pure computation over the pipeline already read.

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <span>
#include <vector>

#include "core/error.h"
#include "core/ids.h"
#include "core/result.h"
#include "org/record_writes.h"
#include "succession/plan_service.h"
#include "succession/simulation.h"
#include "succession/trust_pipeline.h"

namespace trellis::succession {

// What a reader may ask, within limits that keep a simulation to a second or so on a large
// trust (the engine's own limits, simulation.h, are wider).
inline constexpr int64_t kMaxAskedRuns = 100'000;
inline constexpr int64_t kMaxAskedYears = 20;
// And at most this many simulated run-years (runs × years) in one question: 20,000 runs over
// 20 years, or 100,000 over 4. The default, 10,000 runs over 5 years, is an eighth of it.
inline constexpr int64_t kMaxAskedRunYears = 400'000;
inline constexpr size_t kMaxLeavers = 200;

// The attrition simulation as asked; the defaults are what a reader who asks nothing gets.
struct AttritionQuestion {
  int64_t runs = 10'000;  // 1..kMaxAskedRuns
  int64_t years = 5;      // 1..kMaxAskedYears
  int64_t seed = 1;       // not negative
};

// A problem for each of "runs", "years" and "seed" out of range; empty when it may run.
std::vector<Problem> Check(const AttritionQuestion& question);

struct AttritionForecast {
  SimulationResult result;
  size_t key_posts = 0;  // the key posts simulated
  size_t people = 0;     // the people whose departures can change the outcome
};

// The threads a simulation asked here may use (SimulationOptions::threads): the machine's
// cores, at most 8; a question of fewer than 2,000 runs a thread uses fewer.
int SimulationThreads();

// The simulation's input as SimulateAttrition builds it from the pipeline's plans and risks
// (BuildSimulationInput).
SimulationInput AttritionInput(const TrustPipeline& pipeline);

// Everything the attrition simulation asked reads, as one JSON document, so that another
// program can run the same model on the same inputs (the benchmark's peer,
// bench/peers/simulate_numpy.py): { runs, years, seed, settings (the trust's probabilities,
// ToJson(SimulationSettings)), people, posts (ToJson(SimulationInput)) }.
nlohmann::json AttritionInputs(const TrustPipeline& pipeline, const AttritionQuestion& question);

// Simulates attrition over the pipeline's plans and risks with the trust's settings.
// kValidationFailed when Check finds problems, or as Simulate fails.
[[nodiscard]] Result<AttritionForecast> SimulateAttrition(const TrustPipeline& pipeline,
                                                          const AttritionQuestion& question);

// The vacancy chain when exactly `leavers` leave: current members of the trust (among the
// snapshot's people), each once. Fails as TraceVacancies does.
[[nodiscard]] Result<std::vector<VacancyStep>> TraceVacancyChain(const TrustPipeline& pipeline,
                                                                 std::span<const PersonId> leavers,
                                                                 ReadinessRule rule);

// The audit entries of the simulations shown to someone (PlanService::RecordRead,
// SuccessionRead::kSimulation): "attrition" with what was asked, {"runs", "years", "seed"};
// "vacancy_chain" with {"leavers": [person ids], "readiness_rule": its code}.
[[nodiscard]] Result<void> RecordAttritionRead(PlanService& plans, TrustId trust,
                                               const AttritionQuestion& question,
                                               const org::Actor& actor);
[[nodiscard]] Result<void> RecordVacancyChainRead(PlanService& plans, TrustId trust,
                                                  std::span<const PersonId> leavers,
                                                  ReadinessRule rule, const org::Actor& actor);

}  // namespace trellis::succession
