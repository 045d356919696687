// The attrition simulation against figures worked out by hand from the model in
// simulation.h. Random cases compare with closed-form expectations within 4 standard errors
// (a false alarm about once in 16,000 checks, and the seeds are fixed, so a pass or a
// failure is repeatable); certain cases use leave probabilities of 0 and 1 and expect exact
// counts.

#include "succession/simulation.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <deque>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "succession/json.h"

namespace trellis::succession {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

NamedSuccessor ReadyNow(int64_t person) { return {PersonId(person), Readiness::kReadyNow}; }
NamedSuccessor OneToTwo(int64_t person) { return {PersonId(person), Readiness::kOneToTwoYears}; }
NamedSuccessor ThreePlus(int64_t person) { return {PersonId(person), Readiness::kThreePlusYears}; }

// Builds a trust tersely: Trust().Person(1, RiskOfLoss::kHigh).Post(10, 1, {ReadyNow(2)})...
class Trust {
 public:
  Trust& Person(int64_t id, std::optional<RiskOfLoss> risk = std::nullopt) {
    input_.people.push_back({.id = PersonId(id), .risk = risk});
    return *this;
  }
  // A person whose yearly probability of leaving is exactly `p` (0: stays; 1: leaves).
  Trust& Leaving(int64_t id, double p) {
    input_.people.push_back({.id = PersonId(id), .leave_probability = p});
    return *this;
  }
  Trust& Post(int64_t id, std::optional<int64_t> holder, std::vector<NamedSuccessor> plan = {}) {
    SimulatedPost post{.id = PostId(id), .successors = std::move(plan)};
    if (holder) post.holders.push_back(PersonId(*holder));
    input_.posts.push_back(std::move(post));
    return *this;
  }
  const SimulationInput& input() const { return input_; }

 private:
  SimulationInput input_;
};

SimulationResult Simulated(const Trust& trust, SimulationOptions options,
                           const SimulationSettings& settings = {}) {
  auto result = Simulate(trust.input(), settings, options);
  EXPECT_TRUE(result.has_value()) << (result ? "" : result.error().message);
  return result.value();
}

std::vector<VacancyStep> Trace(const Trust& trust, std::vector<int64_t> leavers,
                               ReadinessRule rule = ReadinessRule::kFirstYear) {
  std::vector<PersonId> ids;
  for (int64_t id : leavers) ids.push_back(PersonId(id));
  auto steps = TraceVacancies(trust.input(), ids, rule);
  EXPECT_TRUE(steps.has_value()) << (steps ? "" : steps.error().message);
  return steps.value();
}

VacancyStep Step(int64_t post, VacancyCause cause, int64_t vacated_by,
                 std::optional<NamedSuccessor> filled_by) {
  return {PostId(post), cause, PersonId(vacated_by), filled_by};
}

// A mean of per-run counts agrees with its expectation within 4 standard errors, and the
// standard error is the one a sum of independent Bernoulli(p_k) counts has, within 10%
// (so a wildly large error cannot make the first check pass).
void ExpectMean(double mean, double standard_error, double expected, double variance, int runs) {
  EXPECT_NEAR(mean, expected, 4 * standard_error);
  EXPECT_NEAR(standard_error, std::sqrt(variance / runs), 0.1 * std::sqrt(variance / runs));
}

TEST(Simulation, OneHighRiskPostWithoutSuccessors) {
  Trust trust;
  trust.Person(1, RiskOfLoss::kHigh).Post(10, 1);
  const int runs = 20'000;
  auto result = Simulated(trust, {.runs = runs, .years = 3, .seed = 42});
  ASSERT_EQ(result.per_year.size(), 3u);
  // Year 1: the holder leaves with p = 0.4.
  ExpectMean(result.per_year[0].external_mean, result.per_year[0].external_standard_error, 0.4,
             0.4 * 0.6, runs);
  // Year 2: the holder leaves now (0.6·0.4), or the external appointee of year 1 leaves at the
  // default rate (0.4·0.1): 0.24 + 0.04 = 0.28.
  ExpectMean(result.per_year[1].external_mean, result.per_year[1].external_standard_error, 0.28,
             0.28 * 0.72, runs);
  // Year 3: the holder survives two years (0.36·0.4 = 0.144), or the post is held by an
  // external appointee (P = 1 − 0.36 = 0.64) who leaves (0.064): 0.208.
  ExpectMean(result.per_year[2].external_mean, result.per_year[2].external_standard_error, 0.208,
             0.208 * 0.792, runs);
  for (const auto& year : result.per_year) EXPECT_EQ(year.internal_mean, 0.0);
}

TEST(Simulation, IndependentPostsAddUp) {
  // Ten medium-risk holders, no successors: each post is Bernoulli(0.15) in year 1 and, as
  // above, 0.85·0.15 + 0.15·0.10 = 0.1425 in year 2.
  Trust trust;
  for (int64_t i = 1; i <= 10; ++i) trust.Person(i, RiskOfLoss::kMedium).Post(100 + i, i);
  const int runs = 20'000;
  auto result = Simulated(trust, {.runs = runs, .years = 2, .seed = 3});
  ExpectMean(result.per_year[0].external_mean, result.per_year[0].external_standard_error, 1.5,
             10 * 0.15 * 0.85, runs);
  ExpectMean(result.per_year[1].external_mean, result.per_year[1].external_standard_error, 1.425,
             10 * 0.1425 * 0.8575, runs);
}

TEST(Simulation, LeavingYearsOverTheLongestHorizon) {
  // One holder leaving at 0.1 a year, external appointees never: the post falls vacant once,
  // in year k with P = 0.9^(k−1)·0.1, over all 50 years (so every year a draw can give is
  // read, those read off whole parts of the draws' range and those counted at their edges).
  Trust trust;
  trust.Leaving(1, 0.1).Post(10, 1);
  const int runs = 20'000;
  auto result =
      Simulated(trust, {.runs = runs, .years = kMaxYears, .seed = 5}, {.default_risk = 0.0});
  ASSERT_EQ(result.per_year.size(), static_cast<size_t>(kMaxYears));
  double stays = 1.0;
  for (const SimulatedYear& year : result.per_year) {
    const double p = stays * 0.1;
    stays *= 0.9;
    EXPECT_NEAR(year.external_mean, p, 4 * std::sqrt(p * (1 - p) / runs) + 1e-9)
        << "year " << year.year;
  }
}

TEST(Simulation, TrustSettingsChangeTheProbabilities) {
  Trust trust;
  trust.Person(1, RiskOfLoss::kLow).Person(2).Post(10, 1).Post(20, 2);
  // Low risk made certain and "none recorded" made impossible: exactly one external a year in
  // year 1 (post 10); then post 10's external appointee never leaves, and neither does 2.
  auto result = Simulated(trust, {.runs = 100, .years = 2}, {.low_risk = 1.0, .default_risk = 0.0});
  EXPECT_EQ(result.per_year[0].external_mean, 1.0);
  EXPECT_EQ(result.per_year[0].external_standard_error, 0.0);
  EXPECT_EQ(result.per_year[1].external_mean, 0.0);
}

TEST(Simulation, ReadyNowSuccessorWhoStaysFillsThePost) {
  Trust trust;
  // Holder at high risk; a ready-now successor (holding no key post) who never leaves.
  trust.Person(1, RiskOfLoss::kHigh).Leaving(2, 0.0).Post(10, 1, {ReadyNow(2)});
  const int runs = 20'000;
  auto result = Simulated(trust, {.runs = runs, .years = 3, .seed = 5});
  for (const auto& year : result.per_year) {
    EXPECT_EQ(year.external_mean, 0.0) << "year " << year.year;
    EXPECT_EQ(year.external_high, 0);
  }
  // The successor is appointed the first year the holder leaves, and then holds the post for
  // good: 0.4, 0.6·0.4 = 0.24, 0.36·0.4 = 0.144.
  ExpectMean(result.per_year[0].internal_mean, result.per_year[0].internal_standard_error, 0.4,
             0.4 * 0.6, runs);
  ExpectMean(result.per_year[1].internal_mean, result.per_year[1].internal_standard_error, 0.24,
             0.24 * 0.76, runs);
  ExpectMean(result.per_year[2].internal_mean, result.per_year[2].internal_standard_error, 0.144,
             0.144 * 0.856, runs);
}

TEST(Simulation, SuccessorWhoMayLeaveCoversOnlyWhenStillThere) {
  // The post goes outside in year 1 only when both the holder (0.4) and the ready-now
  // successor (0.15) leave: 0.06.
  Trust trust;
  trust.Person(1, RiskOfLoss::kHigh).Person(2, RiskOfLoss::kMedium).Post(10, 1, {ReadyNow(2)});
  const int runs = 20'000;
  auto result = Simulated(trust, {.runs = runs, .years = 1, .seed = 11});
  ExpectMean(result.per_year[0].external_mean, result.per_year[0].external_standard_error, 0.06,
             0.06 * 0.94, runs);
  ExpectMean(result.per_year[0].internal_mean, result.per_year[0].internal_standard_error, 0.34,
             0.34 * 0.66, runs);
}

TEST(Simulation, OneToTwoYearSuccessorOnlyFromYearTwo) {
  Trust trust;
  trust.Leaving(1, 1.0).Leaving(2, 0.0).Post(10, 1, {OneToTwo(2)});
  // Every external appointee leaves the next year, so the post falls vacant again in year 2.
  auto result = Simulated(trust, {.runs = 50, .years = 3}, {.default_risk = 1.0});
  EXPECT_EQ(result.per_year[0].external_mean, 1.0);  // not yet eligible
  EXPECT_EQ(result.per_year[0].internal_mean, 0.0);
  EXPECT_EQ(result.per_year[1].external_mean, 0.0);  // now eligible, and appointed
  EXPECT_EQ(result.per_year[1].internal_mean, 1.0);
  EXPECT_EQ(result.per_year[2].external_mean, 0.0);  // holds the post and never leaves
  EXPECT_EQ(result.per_year[2].internal_mean, 0.0);
}

TEST(Simulation, ThreePlusYearSuccessorIsNeverAppointed) {
  Trust trust;
  trust.Leaving(1, 1.0).Leaving(2, 0.0).Post(10, 1, {ThreePlus(2)});
  auto result = Simulated(trust, {.runs = 50, .years = 3}, {.default_risk = 1.0});
  for (const auto& year : result.per_year) {
    EXPECT_EQ(year.external_mean, 1.0) << "year " << year.year;
    EXPECT_EQ(year.internal_mean, 0.0) << "year " << year.year;
  }
}

TEST(Simulation, SuccessorOnTwoPlansIsAppointedOnce) {
  // Both holders leave in year 1; person 3 is first on both plans. Post 10 comes first, so 3
  // takes it and post 20 goes outside. In year 2 post 20's external appointee leaves, and 3,
  // already appointed this run, is not appointed again.
  Trust trust;
  trust.Leaving(1, 1.0)
      .Leaving(2, 1.0)
      .Leaving(3, 0.0)
      .Post(10, 1, {ReadyNow(3)})
      .Post(20, 2, {ReadyNow(3)});
  auto result = Simulated(trust, {.runs = 50, .years = 2}, {.default_risk = 1.0});
  EXPECT_EQ(result.per_year[0].internal_mean, 1.0);
  EXPECT_EQ(result.per_year[0].external_mean, 1.0);
  EXPECT_EQ(result.per_year[1].internal_mean, 0.0);
  EXPECT_EQ(result.per_year[1].external_mean, 1.0);

  EXPECT_THAT(Trace(trust, {1, 2}), ElementsAre(Step(10, VacancyCause::kLeft, 1, ReadyNow(3)),
                                                Step(20, VacancyCause::kLeft, 2, std::nullopt)));
}

TEST(Simulation, SecondOnThePlanStepsInWhenTheFirstIsTaken) {
  Trust trust;
  trust.Leaving(1, 1.0)
      .Leaving(2, 1.0)
      .Leaving(3, 0.0)
      .Leaving(4, 0.0)
      .Post(10, 1, {ReadyNow(3)})
      .Post(20, 2, {ReadyNow(3), ReadyNow(4)});
  EXPECT_THAT(Trace(trust, {1, 2}), ElementsAre(Step(10, VacancyCause::kLeft, 1, ReadyNow(3)),
                                                Step(20, VacancyCause::kLeft, 2, ReadyNow(4))));
}

// A head (1) of post 10, a deputy (2) holding key post 20 who is ready now for the headship,
// and for post 20 a ready-now assistant (3, no key post) behind a 1–2-year one (4).
Trust Chain() {
  Trust trust;
  trust.Leaving(1, 1.0)
      .Leaving(2, 0.0)
      .Leaving(3, 0.0)
      .Leaving(4, 0.0)
      .Post(10, 1, {ReadyNow(2)})
      .Post(20, 2, {OneToTwo(4), ReadyNow(3)});
  return trust;
}

TEST(Simulation, VacancyChainStepByStep) {
  EXPECT_THAT(Trace(Chain(), {1}), ElementsAre(Step(10, VacancyCause::kLeft, 1, ReadyNow(2)),
                                               Step(20, VacancyCause::kPromoted, 2, ReadyNow(3))));
  // From the second year on, the 1–2-year successor ranked first on post 20 is eligible.
  EXPECT_THAT(Trace(Chain(), {1}, ReadinessRule::kLaterYears),
              ElementsAre(Step(10, VacancyCause::kLeft, 1, ReadyNow(2)),
                          Step(20, VacancyCause::kPromoted, 2, OneToTwo(4))));
  // Without the assistant in year 1, the deputy's post needs an external appointment.
  EXPECT_THAT(Trace(Chain(), {1, 3}),
              ElementsAre(Step(10, VacancyCause::kLeft, 1, ReadyNow(2)),
                          Step(20, VacancyCause::kPromoted, 2, std::nullopt)));
  // Nobody leaves: nothing happens.
  EXPECT_THAT(Trace(Chain(), {}), IsEmpty());
}

TEST(Simulation, VacancyChainCountsInTheSimulation) {
  auto result = Simulated(Chain(), {.runs = 20, .years = 2}, {.default_risk = 0.0});
  EXPECT_EQ(result.per_year[0].internal_mean, 2.0);  // the deputy, then the assistant
  EXPECT_EQ(result.per_year[0].external_mean, 0.0);
  EXPECT_EQ(result.per_year[1].internal_mean, 0.0);
}

TEST(Simulation, ChainReachesBackToAnEarlierPost) {
  // Post 30 comes first in the order but is vacated only by the chain from post 10: it is
  // queued after 10 and 20, not skipped.
  Trust trust;
  trust.Leaving(1, 1.0)
      .Leaving(2, 0.0)
      .Leaving(3, 0.0)
      .Post(30, 3)
      .Post(10, 1, {ReadyNow(2)})
      .Post(20, 2, {ReadyNow(3)});
  EXPECT_THAT(Trace(trust, {1}), ElementsAre(Step(10, VacancyCause::kLeft, 1, ReadyNow(2)),
                                             Step(20, VacancyCause::kPromoted, 2, ReadyNow(3)),
                                             Step(30, VacancyCause::kPromoted, 3, std::nullopt)));
}

TEST(Simulation, ChainedVacanciesWaitForTheYearsDepartures) {
  // Heads 1 and 2 leave; 3 (holding post 30) is first for post 10 and 4 for posts 20 and 30.
  // The year's departures come first: 10 takes 3, then 20 takes 4, and post 30, vacated by
  // 3's appointment, is left to an external appointee. Filling 30 straight after 10 would
  // give it 4 and leave 20 to the outside.
  Trust trust;
  trust.Leaving(1, 1.0)
      .Leaving(2, 1.0)
      .Leaving(3, 0.0)
      .Leaving(4, 0.0)
      .Leaving(5, 0.0)
      .Post(10, 1, {ReadyNow(3)})
      .Post(20, 2, {ReadyNow(4), OneToTwo(5)})
      .Post(30, 3, {ReadyNow(4)});
  EXPECT_THAT(Trace(trust, {1, 2}),
              ElementsAre(Step(10, VacancyCause::kLeft, 1, ReadyNow(3)),
                          Step(20, VacancyCause::kLeft, 2, ReadyNow(4)),
                          Step(30, VacancyCause::kPromoted, 3, std::nullopt)));
  // The simulation, in every run at once: externals leave every year, so in year 2 post 30
  // falls vacant again and nobody on its plan is left (had 20 gone outside, 5 would fill it).
  auto result = Simulated(trust, {.runs = 100, .years = 2}, {.default_risk = 1.0});
  EXPECT_EQ(result.per_year[0].internal_mean, 2.0);
  EXPECT_EQ(result.per_year[0].external_mean, 1.0);
  EXPECT_EQ(result.per_year[1].internal_mean, 0.0);
  EXPECT_EQ(result.per_year[1].external_mean, 1.0);
}

TEST(Simulation, HolderOfTwoKeyPostsVacatesBoth) {
  Trust trust;
  trust.Leaving(1, 1.0)
      .Leaving(2, 0.0)
      .Leaving(3, 0.0)
      .Post(10, 1, {ReadyNow(2)})
      .Post(20, 2)
      .Post(30, 2, {ReadyNow(3)});
  EXPECT_THAT(Trace(trust, {1}), ElementsAre(Step(10, VacancyCause::kLeft, 1, ReadyNow(2)),
                                             Step(20, VacancyCause::kPromoted, 2, std::nullopt),
                                             Step(30, VacancyCause::kPromoted, 2, ReadyNow(3))));
}

TEST(Simulation, ExternalCandidatesOnAPlanAreIgnored) {
  // 99 is named on the plan but is not a person in the trust.
  Trust trust;
  trust.Leaving(1, 1.0).Post(10, 1, {ReadyNow(99)});
  auto result = Simulated(trust, {.runs = 10, .years = 1});
  EXPECT_EQ(result.per_year[0].external_mean, 1.0);
  EXPECT_THAT(Trace(trust, {1}), ElementsAre(Step(10, VacancyCause::kLeft, 1, std::nullopt)));
}

TEST(Simulation, PostVacantAtTheStartIsReportedNotSimulated) {
  Trust trust;
  trust.Leaving(2, 0.0).Post(10, std::nullopt, {ReadyNow(2)}).Post(20, std::nullopt);
  auto result = Simulated(trust, {.runs = 10, .years = 2}, {.default_risk = 1.0});
  EXPECT_THAT(result.vacant_at_start, ElementsAre(PostId(10), PostId(20)));
  for (const auto& year : result.per_year) {
    EXPECT_EQ(year.external_mean, 0.0);
    EXPECT_EQ(year.internal_mean, 0.0);
  }
}

TEST(Simulation, NinetyPercentIntervalOfOneHighRiskPost) {
  // Bernoulli(0.4): 60% of runs count 0 (≥ 5%, so the 5th percentile is 0) and 100% count at
  // most 1 (the first to reach 95%).
  Trust trust;
  trust.Person(1, RiskOfLoss::kHigh).Post(10, 1);
  auto result = Simulated(trust, {.runs = 20'000, .years = 1});
  EXPECT_EQ(result.per_year[0].external_low, 0);
  EXPECT_EQ(result.per_year[0].external_high, 1);
}

TEST(Simulation, NinetyPercentIntervalOfManyPosts) {
  // 40 high-risk posts: Binomial(40, 0.4), mean 16, sd 3.10. Its 5th percentile is 11
  // (P(X ≤ 10) = 0.035, P(X ≤ 11) = 0.071) and its 95th is 21 (P(X ≤ 20) = 0.937,
  // P(X ≤ 21) = 0.968), each with a margin of several hundred runs out of 20,000.
  Trust trust;
  for (int64_t i = 1; i <= 40; ++i) trust.Person(i, RiskOfLoss::kHigh).Post(100 + i, i);
  auto result = Simulated(trust, {.runs = 20'000, .years = 1, .seed = 9});
  EXPECT_EQ(result.per_year[0].external_low, 11);
  EXPECT_EQ(result.per_year[0].external_high, 21);
}

Trust Busy() {
  Trust trust;
  for (int64_t i = 1; i <= 30; ++i) {
    trust.Person(i, static_cast<RiskOfLoss>(i % 3)).Person(100 + i);
    trust.Post(1000 + i, i, {ReadyNow(100 + i), OneToTwo(1 + i % 30), ReadyNow(101 + i % 30)});
  }
  return trust;
}

TEST(Simulation, SameSeedSameResult) {
  const SimulationOptions options{.runs = 2'000, .years = 5, .seed = 123};
  auto a = Simulated(Busy(), options);
  auto b = Simulated(Busy(), options);
  EXPECT_EQ(a, b);
  EXPECT_EQ(a.runs, 2'000);
  EXPECT_EQ(a.years, 5);
  EXPECT_EQ(a.seed, 123u);
  // Someone who neither holds a key post nor is named on a plan changes nothing.
  Trust more = Busy();
  more.Person(5000, RiskOfLoss::kHigh);
  EXPECT_EQ(Simulated(more, options), a);
}

TEST(Simulation, SameResultWhateverTheThreads) {
  const SimulationOptions one{.runs = 7'001, .years = 4, .seed = 77, .threads = 1};
  SimulationOptions three = one;
  three.threads = 3;  // 7,001 runs allow three threads of at least 2,000
  EXPECT_EQ(Simulated(Busy(), three), Simulated(Busy(), one));
  SimulationOptions many = one;
  many.threads = 64;  // no more than 3 are used
  EXPECT_EQ(Simulated(Busy(), many), Simulated(Busy(), one));
}

TEST(Simulation, DifferentSeedDifferentResult) {
  auto a = Simulated(Busy(), {.runs = 2'000, .years = 5, .seed = 123});
  auto b = Simulated(Busy(), {.runs = 2'000, .years = 5, .seed = 124});
  EXPECT_NE(a.per_year, b.per_year);
  // ...but the same within Monte Carlo error.
  for (size_t y = 0; y < a.per_year.size(); ++y) {
    const double error =
        std::hypot(a.per_year[y].external_standard_error, b.per_year[y].external_standard_error);
    EXPECT_NEAR(a.per_year[y].external_mean, b.per_year[y].external_mean, 4 * error);
  }
}

// The model of simulation.h done again as plainly as it reads, one run at a time with a draw
// a person and year, for a tangled trust: people holding two posts, long vacancy chains,
// successors on several plans, posts vacant at the start, certain leavers and stayers. The
// engine, which does 64 runs in lockstep and draws each person's leaving year once, must give
// the same means within Monte Carlo error, year by year.
struct ReferenceMeans {
  std::vector<double> external, internal, external_error, internal_error;
};

ReferenceMeans ReferenceSimulation(const SimulationInput& input, const SimulationSettings& s,
                                   int runs, int years, uint64_t seed) {
  std::map<PersonId, double> probability;
  for (const SimulatedPerson& person : input.people) {
    double p = s.default_risk;
    if (person.risk == RiskOfLoss::kLow) p = s.low_risk;
    if (person.risk == RiskOfLoss::kMedium) p = s.medium_risk;
    if (person.risk == RiskOfLoss::kHigh) p = s.high_risk;
    probability[person.id] = person.leave_probability.value_or(p);
  }
  uint64_t state = seed;
  auto uniform = [&] {  // splitmix64's 53 high bits
    uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return static_cast<double>((z ^ (z >> 31)) >> 11) * 0x1.0p-53;
  };
  const PersonId external_appointee(-1);  // every one alike: they only ever leave
  std::vector<double> sums(4 * static_cast<size_t>(years), 0.0);  // Σ, Σ² of both counts
  for (int run = 0; run < runs; ++run) {
    std::set<PersonId> in_trust;
    for (const auto& [id, p] : probability) in_trust.insert(id);
    std::set<PersonId> appointed;
    std::vector<std::optional<PersonId>> holder;  // none: vacant at the start, not simulated
    for (const SimulatedPost& post : input.posts)
      holder.push_back(post.holders.empty() ? std::nullopt : std::optional(post.holders.front()));
    for (int year = 0; year < years; ++year) {
      std::set<PersonId> leavers;
      for (const PersonId& id : in_trust)
        if (uniform() < probability[id]) leavers.insert(id);
      for (const PersonId& id : leavers) in_trust.erase(id);
      std::deque<size_t> queue;
      for (size_t p = 0; p < holder.size(); ++p) {
        if (!holder[p]) continue;
        const bool leaves = *holder[p] == external_appointee ? uniform() < s.default_risk
                                                             : leavers.contains(*holder[p]);
        if (leaves) queue.push_back(p);
      }
      for (size_t p : queue) holder[p] = PersonId(0);  // vacant
      int externals = 0, internals = 0;
      while (!queue.empty()) {
        const size_t p = queue.front();
        queue.pop_front();
        std::optional<PersonId> chosen;
        for (const NamedSuccessor& successor : input.posts[p].successors) {
          const bool ready = successor.readiness == Readiness::kReadyNow ||
                             (year > 0 && successor.readiness == Readiness::kOneToTwoYears);
          if (ready && in_trust.contains(successor.person) &&
              !appointed.contains(successor.person)) {
            chosen = successor.person;
            break;
          }
        }
        if (!chosen) {
          holder[p] = external_appointee;
          ++externals;
          continue;
        }
        ++internals;
        appointed.insert(*chosen);
        for (size_t own = 0; own < holder.size(); ++own) {
          if (holder[own] == chosen) {
            holder[own] = PersonId(0);
            queue.push_back(own);
          }
        }
        holder[p] = chosen;
      }
      const auto y = static_cast<size_t>(year);
      sums[4 * y] += externals;
      sums[4 * y + 1] += externals * externals;
      sums[4 * y + 2] += internals;
      sums[4 * y + 3] += internals * internals;
    }
  }
  ReferenceMeans means;
  for (size_t y = 0; y < static_cast<size_t>(years); ++y) {
    for (size_t which = 0; which < 2; ++which) {
      const double mean = sums[4 * y + 2 * which] / runs;
      const double variance = sums[4 * y + 2 * which + 1] / runs - mean * mean;
      (which == 0 ? means.external : means.internal).push_back(mean);
      (which == 0 ? means.external_error : means.internal_error)
          .push_back(std::sqrt(variance / runs));
    }
  }
  return means;
}

Trust Tangled() {
  uint64_t state = 2026;
  auto next = [&](uint64_t below) {  // a small linear congruential sequence: enough here
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (state >> 33) % below;
  };
  Trust trust;
  for (int64_t i = 1; i <= 120; ++i) {
    const uint64_t kind = next(10);
    if (kind == 0)
      trust.Leaving(i, next(2) == 0 ? 0.0 : 1.0);
    else if (kind == 1)
      trust.Person(i);
    else
      trust.Person(i, static_cast<RiskOfLoss>(kind % 3));
  }
  for (int64_t post = 1; post <= 90; ++post) {
    // Holders from the first 60, so some hold two posts; one post in 15 vacant at the start.
    std::optional<int64_t> holder;
    if (next(15) != 0) holder = static_cast<int64_t>(1 + next(60));
    std::vector<NamedSuccessor> plan;
    for (uint64_t k = next(5); k > 0; --k) {
      const auto person = static_cast<int64_t>(1 + next(125));  // 121..125: not in the trust
      const uint64_t readiness = next(3);
      plan.push_back(readiness == 0   ? ReadyNow(person)
                     : readiness == 1 ? OneToTwo(person)
                                      : ThreePlus(person));
    }
    trust.Post(1000 + post, holder, std::move(plan));
  }
  return trust;
}

TEST(Simulation, AgreesWithARunAtATimeReference) {
  const Trust trust = Tangled();
  const int runs = 20'000;
  const SimulationSettings settings;
  const SimulationResult result = Simulated(trust, {.runs = runs, .years = 5, .seed = 5});
  const ReferenceMeans reference = ReferenceSimulation(trust.input(), settings, runs, 5, 6);
  ASSERT_EQ(result.per_year.size(), 5u);
  double internals = 0;
  for (size_t y = 0; y < 5; ++y) {
    const SimulatedYear& year = result.per_year[y];
    EXPECT_NEAR(year.external_mean, reference.external[y],
                4 * std::hypot(year.external_standard_error, reference.external_error[y]))
        << "year " << y + 1;
    EXPECT_NEAR(year.internal_mean, reference.internal[y],
                4 * std::hypot(year.internal_standard_error, reference.internal_error[y]))
        << "year " << y + 1;
    internals += year.internal_mean;
  }
  EXPECT_GT(internals, 20);  // the chains are busy, so their order is tested
}

TEST(Simulation, RefusesBadInput) {
  Trust good;
  good.Person(1).Post(10, 1);
  EXPECT_FALSE(Simulate(good.input(), {.high_risk = 1.5}, {}).has_value());
  EXPECT_FALSE(Simulate(good.input(), {}, {.runs = 0}).has_value());
  EXPECT_FALSE(Simulate(good.input(), {}, {.years = 0}).has_value());
  EXPECT_TRUE(Check(SimulationSettings{}).empty());
  EXPECT_FALSE(Check(SimulationSettings{.default_risk = -0.1}).empty());
  EXPECT_FALSE(Check(SimulationSettings{.low_risk = std::nan("")}).empty());

  Trust twice;
  twice.Person(1).Person(1).Post(10, 1);
  auto r = Simulate(twice.input(), {}, {});
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kValidationFailed);
  EXPECT_EQ(r.error().details.at(0).field, "people[1].id");

  Trust stranger;
  stranger.Person(1).Post(10, 2);
  r = Simulate(stranger.input(), {}, {});
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().details.at(0).field, "posts[0].holders[0]");

  Trust odds;
  odds.Leaving(1, 2.0).Post(10, 1);
  EXPECT_FALSE(Simulate(odds.input(), {}, {}).has_value());

  const std::vector<PersonId> unknown = {PersonId(7)};
  auto steps = TraceVacancies(good.input(), unknown, ReadinessRule::kFirstYear);
  ASSERT_FALSE(steps.has_value());
  EXPECT_EQ(steps.error().details.at(0).field, "leavers[0]");
}

// The input's JSON form (what `succession simulate --inputs-json` writes for the benchmark's
// peer) reads back to the same input, so the same seed gives the same result.
TEST(Simulation, InputReadsBackFromItsJson) {
  Trust trust = Busy();
  trust.Leaving(500, 0.25).Post(2000, std::nullopt, {ThreePlus(500), ReadyNow(9999)});
  const nlohmann::json json = ToJson(trust.input());
  EXPECT_TRUE(json["people"][0]["risk"].is_string());
  EXPECT_TRUE(json["people"][1]["risk"].is_null());
  EXPECT_FALSE(json["people"][0].contains("leave_probability"));
  EXPECT_EQ(json["people"].back()["leave_probability"], 0.25);
  EXPECT_EQ(json["posts"].back()["successors"][0],
            (nlohmann::json{{"person", 500}, {"readiness", "three_plus_years"}}));

  auto read = SimulationInputFromJson(json);
  ASSERT_TRUE(read.has_value()) << read.error().message;
  ASSERT_EQ(read->people.size(), trust.input().people.size());
  for (size_t i = 0; i < read->people.size(); ++i) {
    const SimulatedPerson& a = read->people[i];
    const SimulatedPerson& b = trust.input().people[i];
    EXPECT_EQ(a.id, b.id);
    EXPECT_EQ(a.risk, b.risk);
    EXPECT_EQ(a.leave_probability, b.leave_probability);
  }
  ASSERT_EQ(read->posts.size(), trust.input().posts.size());
  for (size_t p = 0; p < read->posts.size(); ++p) {
    EXPECT_EQ(read->posts[p].id, trust.input().posts[p].id);
    EXPECT_EQ(read->posts[p].holders, trust.input().posts[p].holders);
    EXPECT_EQ(read->posts[p].successors, trust.input().posts[p].successors);
  }
  const SimulationOptions options{.runs = 500, .years = 3, .seed = 5};
  auto from_json = Simulate(*read, {}, options);
  ASSERT_TRUE(from_json.has_value());
  EXPECT_EQ(*from_json, Simulated(trust, options));
}

TEST(Simulation, InputJsonNamesWhatItCannotRead) {
  const auto problems = [](const nlohmann::json& json) {
    std::vector<std::string> fields;
    auto read = SimulationInputFromJson(json);
    EXPECT_FALSE(read.has_value());
    if (!read) {
      EXPECT_EQ(read.error().code, ErrorCode::kValidationFailed);
      for (const Problem& problem : read.error().details) fields.push_back(problem.field);
    }
    return fields;
  };
  EXPECT_THAT(problems(nlohmann::json::array()), ElementsAre(""));
  EXPECT_THAT(problems(nlohmann::json::object()), ElementsAre("people", "posts"));
  EXPECT_THAT(problems(nlohmann::json::parse(R"({
                "people": [{"id": "x", "risk": "fatal"}],
                "posts": [{"id": 1, "holders": [1.5],
                           "successors": [{"person": 2, "readiness": "soon"}, 7]}]})")),
              ElementsAre("people[0].id", "people[0].risk", "posts[0].holders[0]",
                          "posts[0].successors[0].readiness", "posts[0].successors[1]"));
}

}  // namespace
}  // namespace trellis::succession
