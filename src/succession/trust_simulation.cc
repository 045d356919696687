#include "succession/trust_simulation.h"

#include <algorithm>
#include <climits>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <unordered_set>

#include "succession/json.h"
#include "succession/metrics.h"

namespace trellis::succession {
namespace {

void InRange(std::vector<Problem>& problems, const char* field, int64_t value, int64_t low,
             int64_t high) {
  if (value < low || value > high)
    problems.push_back({field,
                        "must be from " + std::to_string(low) + " to " + std::to_string(high),
                        std::to_string(value),
                        {}});
}

}  // namespace

int SimulationThreads() {
  const unsigned cores = std::thread::hardware_concurrency();
  return static_cast<int>(std::clamp(cores, 1u, 8u));
}

SimulationInput AttritionInput(const TrustPipeline& pipeline) {
  return BuildSimulationInput(pipeline.snapshot, pipeline.plans, pipeline.risks,
                              pipeline.settings.formula);
}

nlohmann::json AttritionInputs(const TrustPipeline& pipeline, const AttritionQuestion& question) {
  nlohmann::json inputs = {{"runs", question.runs},
                           {"years", question.years},
                           {"seed", question.seed},
                           {"settings", ToJson(pipeline.settings.simulation)}};
  inputs.update(ToJson(AttritionInput(pipeline)));
  return inputs;
}

std::vector<Problem> Check(const AttritionQuestion& question) {
  std::vector<Problem> problems;
  InRange(problems, "runs", question.runs, 1, kMaxAskedRuns);
  InRange(problems, "years", question.years, 1, kMaxAskedYears);
  InRange(problems, "seed", question.seed, 0, INT64_MAX);
  if (problems.empty() && question.runs * question.years > kMaxAskedRunYears)
    problems.push_back({.field = "runs",
                        .reason = "runs × years must be at most " +
                                  std::to_string(kMaxAskedRunYears) +
                                  " (for example 20000 runs over 20 years)",
                        .value = std::to_string(question.runs)});
  return problems;
}

Result<AttritionForecast> SimulateAttrition(const TrustPipeline& pipeline,
                                            const AttritionQuestion& question) {
  if (auto problems = Check(question); !problems.empty()) return Refuse(std::move(problems));
  const SimulationInput input = AttritionInput(pipeline);
  const SimulationOptions options{.runs = static_cast<int>(question.runs),
                                  .years = static_cast<int>(question.years),
                                  .seed = static_cast<uint64_t>(question.seed),
                                  .threads = SimulationThreads()};
  return AttritionForecast{
      .result = TRY(Simulate(input, pipeline.settings.simulation, options)),
      .key_posts = input.posts.size(),
      .people = input.people.size(),
  };
}

Result<std::vector<VacancyStep>> TraceVacancyChain(const TrustPipeline& pipeline,
                                                   std::span<const PersonId> leavers,
                                                   ReadinessRule rule) {
  SimulationInput input = AttritionInput(pipeline);
  // A leaver who neither holds a key post nor is named on a plan changes nothing, but the
  // trace wants every leaver among its people.
  std::unordered_set<PersonId> present;
  for (const auto& p : input.people) present.insert(p.id);
  for (PersonId leaver : leavers)
    if (!present.contains(leaver)) input.people.push_back({.id = leaver});
  return TraceVacancies(input, leavers, rule);
}

Result<void> RecordAttritionRead(PlanService& plans, TrustId trust,
                                 const AttritionQuestion& question, const org::Actor& actor) {
  const nlohmann::json asked = {
      {"runs", question.runs}, {"years", question.years}, {"seed", question.seed}};
  return plans.RecordRead(trust, SuccessionRead::kSimulation, "attrition", asked.dump(), actor);
}

Result<void> RecordVacancyChainRead(PlanService& plans, TrustId trust,
                                    std::span<const PersonId> leavers, ReadinessRule rule,
                                    const org::Actor& actor) {
  nlohmann::json asked = {{"leavers", nlohmann::json::array()}, {"readiness_rule", Code(rule)}};
  for (PersonId p : leavers) asked["leavers"].push_back(p.value());
  return plans.RecordRead(trust, SuccessionRead::kSimulation, "vacancy_chain", asked.dump(),
                          actor);
}

}  // namespace trellis::succession
