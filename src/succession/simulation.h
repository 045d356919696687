#pragma once
// Attrition simulation: how many key posts a trust should expect to fill from outside over
// the next few years, given who might leave and who is named to succeed whom. Pure
// computation over plain values built by the caller (no I/O, no globals); any number of
// threads may call these functions at once.
//
// The model (product requirements, "Default formulas"):
// - Each simulated year, first every person still in the trust leaves with a probability
//   from their risk of loss (SimulationSettings: low 5%, medium 15%, high 40%, none
//   recorded 10%), unless the caller gives that person an explicit probability.
// - Then the key posts vacated by leavers are filled one at a time, in the order of
//   SimulationInput::posts. A post is filled by the first person on its plan who is still
//   in the trust, has not already been appointed to any post earlier in this run (this
//   year or an earlier one), and is eligible by readiness: in year 1 only "ready now"; from
//   year 2 on "ready now" or "ready in 1–2 years"; "3+ years" never.
// - The appointee's own key posts fall vacant and join the end of this year's queue (the
//   vacancy chain). If the appointee holds no key post the chain stops: a vacated post that
//   is not key is refilled and not counted.
// - A key post with nobody eligible is filled by an external appointment, counted for that
//   year. The external appointee is a new person with the default probability (no risk
//   recorded): they can leave in a later year, vacating the post again.
//
// Decisions and simplifications:
// - Only the first holder of a key post is simulated; a person who is the first holder of
//   several key posts vacates them all when they leave or are appointed elsewhere.
// - A key post with no holder at the start is not a simulated departure: it is left out of
//   the run altogether and listed in SimulationResult::vacant_at_start.
// - People named on a plan who are not among SimulationInput::people (external candidates)
//   are not in the trust and are ignored. Plans of posts that are not key are not modelled.
// - Readiness does not change over the simulated years: a "1–2 years" successor stays one,
//   and the second-year rule is what lets them be appointed.
// - Only people who hold a key post or are named on a plan can change the outcome, so only
//   their departures are drawn; adding anybody else to the input changes nothing.
//
// Random numbers come from this module's own generator (xoshiro256**, seeded through
// splitmix64), never from <random>'s distributions, whose output differs between standard
// libraries. The same input, settings and options give an identical result on any machine.
// Runs are done on the calling thread, and on as many more as SimulationOptions::threads
// allows, each taking the next chunk of runs as it comes free; each run r draws from its own
// stream seeded from (seed, r) and results are summed as whole counts, so how the runs are
// split between threads does not change the result; nor does doing them 64 at a time in
// lockstep, each in the order it would be done alone (simulation.cc, RunBlock). A person's
// yearly chances are drawn as one number per run: the year they first leave, which is geometric
// (P(year k) = (1 − p)^(k−1)·p), read off its cumulative probabilities; likewise an external
// appointee's leaving year when appointed. The same distribution as a draw every year, for a fifth
// of the draws over five years. The uniform numbers have 32 random bits (two from each of the
// generator's), so probabilities are resolved to 2^-32.

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "core/enum_names.h"
#include "core/error.h"
#include "core/ids.h"
#include "core/result.h"
#include "succession/formula.h"

namespace trellis::succession {

enum class RiskOfLoss { kLow, kMedium, kHigh };

// The yearly probability of leaving, per risk of loss; a trust may change them.
struct SimulationSettings {
  double low_risk = 0.05;
  double medium_risk = 0.15;
  double high_risk = 0.40;
  double default_risk = 0.10;  // no risk recorded; also every external appointee
};

// Field problems (field names as above) when a probability is outside [0, 1]; empty when
// the settings are usable.
std::vector<Problem> Check(const SimulationSettings& settings);

struct SimulatedPerson {
  PersonId id;
  std::optional<RiskOfLoss> risk;
  // When set, used instead of the probability for `risk` (e.g. a confirmed retirement is
  // 1); must be in [0, 1].
  std::optional<double> leave_probability;
};

struct NamedSuccessor {
  PersonId person;
  Readiness readiness = Readiness::kThreePlusYears;

  bool operator==(const NamedSuccessor&) const = default;
};

struct SimulatedPost {
  PostId id;
  std::vector<PersonId> holders;           // the first is simulated; none: vacant at the start
  std::vector<NamedSuccessor> successors;  // the post's plan, best first
};

struct SimulationInput {
  std::vector<SimulatedPerson> people;  // everyone in the trust who matters (see above)
  std::vector<SimulatedPost> posts;     // the key posts, in the order vacancies are filled
};

struct SimulationOptions {
  int runs = 10'000;  // 1..kMaxRuns
  int years = 5;      // 1..kMaxYears
  uint64_t seed = 1;
  // Up to this many threads share the runs (the calling one among them), one for every
  // kMinRunsPerThread runs: the result is the same however many.
  int threads = 1;
};

inline constexpr int kMinRunsPerThread = 2'000;

inline constexpr int kMaxRuns = 1'000'000;
inline constexpr int kMaxYears = 50;

struct SimulatedYear {
  int year = 0;  // 1..years
  // External appointments to key posts in this year, over the runs.
  double external_mean = 0;
  double external_standard_error = 0;  // sample sd ÷ √runs: the Monte Carlo error of the mean
  int external_low = 0;                // 5th percentile of the per-run counts
  int external_high = 0;               // 95th percentile: [low, high] is the 90% interval
  // Appointments of named successors to key posts in this year, over the runs.
  double internal_mean = 0;
  double internal_standard_error = 0;

  bool operator==(const SimulatedYear&) const = default;
};

struct SimulationResult {
  int runs = 0;
  int years = 0;
  uint64_t seed = 0;
  std::vector<PostId> vacant_at_start;  // key posts without a holder: not simulated
  std::vector<SimulatedYear> per_year;  // years 1..years, in order

  bool operator==(const SimulationResult&) const = default;
};

// Runs the Monte Carlo simulation. Percentiles are nearest-rank: the p-th percentile is
// the smallest count that at least p% of runs do not exceed. Fails with kValidationFailed
// (details name the field) when the settings or options are out of range, a person or a
// post appears twice, a leave probability is outside [0, 1], or a holder is not among
// `input.people`. Linear in runs × years × (people who matter + posts + plan entries).
[[nodiscard]] Result<SimulationResult> Simulate(const SimulationInput& input,
                                                const SimulationSettings& settings,
                                                const SimulationOptions& options);

// Which readiness a successor needs to be appointed.
enum class ReadinessRule {
  kFirstYear,   // ready now only
  kLaterYears,  // ready now or ready in 1–2 years
};

enum class VacancyCause {
  kLeft,      // the holder left the trust
  kPromoted,  // the holder was appointed to another key post (the vacancy chain)
};

// One vacated key post and how it was filled.
struct VacancyStep {
  PostId post;
  VacancyCause cause = VacancyCause::kLeft;
  PersonId vacated_by;                      // the holder who left or was appointed elsewhere
  std::optional<NamedSuccessor> filled_by;  // none: an external appointment

  bool operator==(const VacancyStep&) const = default;
};

// The "what if these people leave" screen: exactly `leavers` leave (nobody else), and the
// vacated key posts are filled once by the same rules and order as one simulated year,
// with `rule` deciding readiness. Returns every vacated key post in processing order (a
// post's chain follows the posts vacated before it). Leavers who hold no key post only
// leave the pool of successors. Fails like Simulate (settings excepted), and when a leaver
// is not among `input.people`.
[[nodiscard]] Result<std::vector<VacancyStep>> TraceVacancies(const SimulationInput& input,
                                                              std::span<const PersonId> leavers,
                                                              ReadinessRule rule);

}  // namespace trellis::succession

namespace trellis {
template <>
std::span<const EnumName<succession::RiskOfLoss>> EnumNames();
template <>
std::span<const EnumName<succession::VacancyCause>> EnumNames();
template <>
std::span<const EnumName<succession::ReadinessRule>> EnumNames();
}  // namespace trellis
