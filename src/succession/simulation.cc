#include "succession/simulation.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <unordered_map>
#include <unordered_set>

namespace trellis {

template <>
std::span<const EnumName<succession::RiskOfLoss>> EnumNames() {
  using succession::RiskOfLoss;
  static constexpr std::array<EnumName<RiskOfLoss>, 3> kNames = {{
      {RiskOfLoss::kLow, "low", "Low"},
      {RiskOfLoss::kMedium, "medium", "Medium"},
      {RiskOfLoss::kHigh, "high", "High"},
  }};
  return kNames;
}

template <>
std::span<const EnumName<succession::VacancyCause>> EnumNames() {
  using succession::VacancyCause;
  static constexpr std::array<EnumName<VacancyCause>, 2> kNames = {{
      {VacancyCause::kLeft, "left", "Left the trust"},
      {VacancyCause::kPromoted, "promoted", "Appointed to another key post"},
  }};
  return kNames;
}

template <>
std::span<const EnumName<succession::ReadinessRule>> EnumNames() {
  using succession::ReadinessRule;
  static constexpr std::array<EnumName<ReadinessRule>, 2> kNames = {{
      {ReadinessRule::kFirstYear, "first_year", "Ready now only"},
      {ReadinessRule::kLaterYears, "later_years", "Ready now or in 1–2 years"},
  }};
  return kNames;
}

}  // namespace trellis

namespace trellis::succession {
namespace {

// xoshiro256** (Blackman and Vigna), seeded through splitmix64: small, fast, and the same
// sequence on every platform.
uint64_t SplitMix64(uint64_t& state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

class RandomStream {
 public:
  // Independent streams per (seed, stream): the seed is mixed first so that neighbouring
  // seeds and neighbouring streams do not share state.
  RandomStream(uint64_t seed, uint64_t stream) {
    uint64_t state = seed;
    state = SplitMix64(state) ^ (stream * 0xD1B54A32D192ED03ULL);
    for (uint64_t& word : s_) word = SplitMix64(state);
  }

  uint64_t Next() {
    const uint64_t result = Rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
  }

  // True with probability p, given Threshold(p): a uniform number in [0, 1) with 53 random
  // bits, below p. So p = 0 is never and p = 1 always.
  bool Chance(uint64_t threshold) { return (Next() >> 11) < threshold; }
  static uint64_t Threshold(double p) { return static_cast<uint64_t>(std::ceil(p * 0x1.0p53)); }

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::array<uint64_t, 4> s_;
};

// A post's holder during a run: a person (index into Model::people), or one of these.
constexpr int32_t kExternalHolder = -1;  // an external appointee, who may leave later
constexpr int32_t kVacant = -2;          // in this year's queue of vacancies
constexpr int32_t kNotSimulated = -3;    // vacant at the start: left out of the run
constexpr int32_t kNoPerson = -1;

// The input indexed once into flat arrays, so that a run touches no map and allocates
// nothing. People are only those who matter: first holders of key posts and named
// successors who are in the trust.
struct Model {
  std::vector<PersonId> person_id;
  std::vector<double> leave_probability;
  // The key posts each person holds at the start: posts_held[held_begin[i] .. held_begin[i+1]).
  std::vector<int32_t> held_begin;
  std::vector<int32_t> posts_held;

  std::vector<PostId> post_id;
  std::vector<int32_t> initial_holder;  // a person, or kNotSimulated
  // Each post's eligible plan entries, best first: plan_*[plan_begin[p] .. plan_begin[p+1]).
  std::vector<int32_t> plan_begin;
  std::vector<int32_t> plan_person;
  std::vector<uint8_t> plan_later_years_only;  // ready in 1–2 years
  std::vector<Readiness> plan_readiness;

  double external_leave_probability = 0;
  std::vector<PostId> vacant_at_start;

  int32_t people() const { return static_cast<int32_t>(person_id.size()); }
  int32_t posts() const { return static_cast<int32_t>(post_id.size()); }
};

bool IsProbability(double p) { return p >= 0.0 && p <= 1.0; }  // false for NaN

double Probability(const SimulatedPerson& person, const SimulationSettings& settings) {
  if (person.leave_probability) return *person.leave_probability;
  if (!person.risk) return settings.default_risk;
  switch (*person.risk) {
    case RiskOfLoss::kLow:
      return settings.low_risk;
    case RiskOfLoss::kMedium:
      return settings.medium_risk;
    case RiskOfLoss::kHigh:
      return settings.high_risk;
  }
  return settings.default_risk;
}

Result<Model> Compile(const SimulationInput& input, const SimulationSettings& settings) {
  std::vector<Problem> problems;
  std::unordered_map<PersonId, size_t> input_index;  // into input.people
  for (size_t i = 0; i < input.people.size(); ++i) {
    const SimulatedPerson& person = input.people[i];
    const std::string field = "people[" + std::to_string(i) + "]";
    if (!input_index.emplace(person.id, i).second)
      problems.push_back({field + ".id", "appears twice", std::to_string(person.id.value()), {}});
    if (person.leave_probability && !IsProbability(*person.leave_probability))
      problems.push_back({field + ".leave_probability",
                          "must be from 0 to 1",
                          std::to_string(*person.leave_probability),
                          {}});
  }
  std::unordered_set<PostId> post_ids;
  for (size_t p = 0; p < input.posts.size(); ++p) {
    const SimulatedPost& post = input.posts[p];
    const std::string field = "posts[" + std::to_string(p) + "]";
    if (!post_ids.insert(post.id).second)
      problems.push_back({field + ".id", "appears twice", std::to_string(post.id.value()), {}});
    if (!post.holders.empty() && !input_index.contains(post.holders.front()))
      problems.push_back({field + ".holders[0]",
                          "is not among the people",
                          std::to_string(post.holders.front().value()),
                          {}});
  }
  if (!problems.empty())
    return Fail(ErrorCode::kValidationFailed, "The simulation input is not usable.",
                std::move(problems));

  Model model;
  model.external_leave_probability = settings.default_risk;
  std::vector<int32_t> model_index(input.people.size(), kNoPerson);  // by input index
  auto person = [&](PersonId id) -> int32_t {
    auto it = input_index.find(id);
    if (it == input_index.end()) return kNoPerson;  // not in the trust
    int32_t& index = model_index[it->second];
    if (index == kNoPerson) {
      index = model.people();
      model.person_id.push_back(id);
      model.leave_probability.push_back(Probability(input.people[it->second], settings));
    }
    return index;
  };

  const size_t posts = input.posts.size();
  model.post_id.reserve(posts);
  model.initial_holder.reserve(posts);
  model.plan_begin.reserve(posts + 1);
  for (const SimulatedPost& post : input.posts) {
    model.post_id.push_back(post.id);
    if (post.holders.empty()) {
      model.initial_holder.push_back(kNotSimulated);
      model.vacant_at_start.push_back(post.id);
    } else {
      model.initial_holder.push_back(person(post.holders.front()));
    }
    model.plan_begin.push_back(static_cast<int32_t>(model.plan_person.size()));
    for (const NamedSuccessor& successor : post.successors) {
      if (successor.readiness == Readiness::kThreePlusYears) continue;  // never eligible
      const int32_t index = person(successor.person);
      if (index == kNoPerson) continue;
      model.plan_person.push_back(index);
      model.plan_later_years_only.push_back(successor.readiness == Readiness::kOneToTwoYears);
      model.plan_readiness.push_back(successor.readiness);
    }
  }
  model.plan_begin.push_back(static_cast<int32_t>(model.plan_person.size()));

  // Invert post → first holder into person → posts held, by counting.
  model.held_begin.assign(static_cast<size_t>(model.people()) + 1, 0);
  for (int32_t holder : model.initial_holder)
    if (holder >= 0) ++model.held_begin[static_cast<size_t>(holder) + 1];
  for (size_t i = 1; i < model.held_begin.size(); ++i)
    model.held_begin[i] += model.held_begin[i - 1];
  model.posts_held.resize(static_cast<size_t>(model.held_begin.back()));
  std::vector<int32_t> next(model.held_begin.begin(), model.held_begin.end() - 1);
  for (int32_t p = 0; p < model.posts(); ++p) {
    const int32_t holder = model.initial_holder[static_cast<size_t>(p)];
    if (holder >= 0) model.posts_held[static_cast<size_t>(next[static_cast<size_t>(holder)]++)] = p;
  }
  return model;
}

struct Vacancy {
  int32_t post = 0;
  VacancyCause cause = VacancyCause::kLeft;
  int32_t vacated_by = kNoPerson;  // a person, or kExternalHolder
};

// One run's state, sized once and reset at the start of each run.
class RunState {
 public:
  explicit RunState(const Model& model)
      : model_(model),
        in_trust_(static_cast<size_t>(model.people())),
        appointed_(static_cast<size_t>(model.people())),
        holder_(model.initial_holder),
        queue_(static_cast<size_t>(model.posts())) {}

  void Reset() {
    std::fill(in_trust_.begin(), in_trust_.end(), uint8_t{1});
    std::fill(appointed_.begin(), appointed_.end(), uint8_t{0});
    std::copy(model_.initial_holder.begin(), model_.initial_holder.end(), holder_.begin());
  }

  void Leave(int32_t person) { in_trust_[static_cast<size_t>(person)] = 0; }
  // Without a branch: whether someone leaves is random, so a branch would be mispredicted.
  void LeaveIf(int32_t person, bool leaves) {
    uint8_t& in_trust = in_trust_[static_cast<size_t>(person)];
    in_trust = static_cast<uint8_t>(in_trust & !leaves);
  }

  // Queues every key post whose holder has left: people marked by Leave, and external
  // appointees for whom `external_leaves()` says so (asked in post order).
  template <typename ExternalLeaves>
  void QueueDepartures(ExternalLeaves&& external_leaves) {
    tail_ = head_ = 0;
    for (int32_t p = 0; p < model_.posts(); ++p) {
      const int32_t holder = holder_[static_cast<size_t>(p)];
      const bool left = holder >= 0 ? !in_trust_[static_cast<size_t>(holder)]
                                    : holder == kExternalHolder && external_leaves();
      if (left) Queue(p, VacancyCause::kLeft, holder);
    }
  }

  // Fills the queued vacancies in order, following the vacancy chain. `on_fill(vacancy,
  // plan_entry)` is told of each, with plan_entry the index into the model's plan arrays of
  // the appointee, or kNoPerson for an external appointment.
  template <typename OnFill>
  void FillVacancies(ReadinessRule rule, OnFill&& on_fill) {
    const bool later_years = rule == ReadinessRule::kLaterYears;
    while (head_ < tail_) {
      const Vacancy vacancy = queue_[head_++];
      const auto post = static_cast<size_t>(vacancy.post);
      int32_t chosen = kNoPerson;
      const auto end = static_cast<size_t>(model_.plan_begin[post + 1]);
      for (auto k = static_cast<size_t>(model_.plan_begin[post]); k < end; ++k) {
        const auto person = static_cast<size_t>(model_.plan_person[k]);
        if (!in_trust_[person] || appointed_[person]) continue;
        if (model_.plan_later_years_only[k] && !later_years) continue;
        chosen = static_cast<int32_t>(k);
        break;
      }
      if (chosen == kNoPerson) {
        holder_[post] = kExternalHolder;
        on_fill(vacancy, kNoPerson);
        continue;
      }
      const int32_t appointee = model_.plan_person[static_cast<size_t>(chosen)];
      appointed_[static_cast<size_t>(appointee)] = 1;
      holder_[post] = appointee;
      on_fill(vacancy, chosen);
      // Never appointed before, so the appointee still holds all their first posts; the
      // check only guards the queue's bound should that ever stop being true.
      const auto a = static_cast<size_t>(appointee);
      for (auto h = static_cast<size_t>(model_.held_begin[a]);
           h < static_cast<size_t>(model_.held_begin[a + 1]); ++h) {
        const int32_t own = model_.posts_held[h];
        if (holder_[static_cast<size_t>(own)] == appointee)
          Queue(own, VacancyCause::kPromoted, appointee);
      }
    }
  }

 private:
  // Each post is queued at most once a year (a post filled this year has a holder who can
  // neither be appointed again nor leave before next year), so the queue never overflows.
  void Queue(int32_t post, VacancyCause cause, int32_t vacated_by) {
    holder_[static_cast<size_t>(post)] = kVacant;
    queue_[tail_++] = Vacancy{post, cause, vacated_by};
  }

  const Model& model_;
  std::vector<uint8_t> in_trust_;
  std::vector<uint8_t> appointed_;  // appointed to a key post earlier in this run
  std::vector<int32_t> holder_;
  std::vector<Vacancy> queue_;
  size_t head_ = 0;
  size_t tail_ = 0;
};

// Per-run counts summarised exactly: histograms of whole counts, so the summary does not
// depend on the order runs were done in.
struct CountSummary {
  double mean = 0;
  double standard_error = 0;
  int low = 0;
  int high = 0;
};

CountSummary Summarise(std::span<const int64_t> runs_with_count, int64_t runs) {
  int64_t sum = 0;
  int64_t sum_squares = 0;
  for (size_t c = 0; c < runs_with_count.size(); ++c) {
    const auto count = static_cast<int64_t>(c);
    sum += count * runs_with_count[c];
    sum_squares += count * count * runs_with_count[c];
  }
  CountSummary summary;
  const auto n = static_cast<double>(runs);
  summary.mean = static_cast<double>(sum) / n;
  if (runs > 1) {
    // Σ(x − mean)² = Σx² − (Σx)²/n, from exact integer sums.
    const double squares =
        static_cast<double>(sum_squares) - static_cast<double>(sum) * static_cast<double>(sum) / n;
    summary.standard_error = std::sqrt(std::max(0.0, squares) / (n - 1) / n);
  }
  // Nearest rank: the smallest count that at least p% of runs do not exceed.
  auto percentile = [&](int64_t percent) {
    int64_t at_or_below = 0;
    for (size_t c = 0; c < runs_with_count.size(); ++c) {
      at_or_below += runs_with_count[c];
      if (at_or_below * 100 >= percent * runs) return static_cast<int>(c);
    }
    return static_cast<int>(runs_with_count.size()) - 1;
  };
  summary.low = percentile(5);
  summary.high = percentile(95);
  return summary;
}

std::vector<Problem> CheckOptions(const SimulationOptions& options) {
  std::vector<Problem> problems;
  if (options.runs < 1 || options.runs > kMaxRuns)
    problems.push_back({"runs",
                        "must be from 1 to " + std::to_string(kMaxRuns),
                        std::to_string(options.runs),
                        {}});
  if (options.years < 1 || options.years > kMaxYears)
    problems.push_back({"years",
                        "must be from 1 to " + std::to_string(kMaxYears),
                        std::to_string(options.years),
                        {}});
  return problems;
}

}  // namespace

std::vector<Problem> Check(const SimulationSettings& s) {
  std::vector<Problem> problems;
  auto probability = [&](const char* field, double value) {
    if (!IsProbability(value))
      problems.push_back({field, "must be from 0 to 1", std::to_string(value), {}});
  };
  probability("low_risk", s.low_risk);
  probability("medium_risk", s.medium_risk);
  probability("high_risk", s.high_risk);
  probability("default_risk", s.default_risk);
  return problems;
}

Result<SimulationResult> Simulate(const SimulationInput& input, const SimulationSettings& settings,
                                  const SimulationOptions& options) {
  std::vector<Problem> problems = Check(settings);
  for (Problem& problem : CheckOptions(options)) problems.push_back(std::move(problem));
  if (!problems.empty())
    return Fail(ErrorCode::kValidationFailed, "The simulation settings are not usable.",
                std::move(problems));
  const Model model = TRY(Compile(input, settings));

  // People who cannot leave take no draws; the rest take one a year in the same order (even
  // after leaving, which changes nothing), so each draw belongs to the same person every run.
  std::vector<int32_t> drawn;
  std::vector<uint64_t> threshold;
  for (int32_t i = 0; i < model.people(); ++i) {
    const double p = model.leave_probability[static_cast<size_t>(i)];
    if (p <= 0.0) continue;
    drawn.push_back(i);
    threshold.push_back(RandomStream::Threshold(p));
  }
  const uint64_t external_threshold = RandomStream::Threshold(model.external_leave_probability);

  const auto years = static_cast<size_t>(options.years);
  const size_t counts = static_cast<size_t>(model.posts()) + 1;  // 0..posts a year
  std::vector<int64_t> external(years * counts, 0);  // [year][count]: runs with that count
  std::vector<int64_t> internal(years * counts, 0);

  RunState state(model);
  std::vector<int32_t> external_this_year(years);
  std::vector<int32_t> internal_this_year(years);
  for (int run = 0; run < options.runs; ++run) {
    RandomStream random(options.seed, static_cast<uint64_t>(run));
    state.Reset();
    for (size_t y = 0; y < years; ++y) {
      for (size_t d = 0; d < drawn.size(); ++d)
        state.LeaveIf(drawn[d], random.Chance(threshold[d]));
      state.QueueDepartures([&] { return random.Chance(external_threshold); });
      int32_t externals = 0;
      int32_t internals = 0;
      state.FillVacancies(y == 0 ? ReadinessRule::kFirstYear : ReadinessRule::kLaterYears,
                          [&](const Vacancy&, int32_t plan_entry) {
                            (plan_entry == kNoPerson ? externals : internals) += 1;
                          });
      ++external[y * counts + static_cast<size_t>(externals)];
      ++internal[y * counts + static_cast<size_t>(internals)];
    }
  }

  SimulationResult result{.runs = options.runs,
                          .years = options.years,
                          .seed = options.seed,
                          .vacant_at_start = model.vacant_at_start};
  result.per_year.reserve(years);
  for (size_t y = 0; y < years; ++y) {
    const CountSummary e = Summarise(std::span(external).subspan(y * counts, counts), options.runs);
    const CountSummary i = Summarise(std::span(internal).subspan(y * counts, counts), options.runs);
    result.per_year.push_back({.year = static_cast<int>(y) + 1,
                               .external_mean = e.mean,
                               .external_standard_error = e.standard_error,
                               .external_low = e.low,
                               .external_high = e.high,
                               .internal_mean = i.mean,
                               .internal_standard_error = i.standard_error});
  }
  return result;
}

Result<std::vector<VacancyStep>> TraceVacancies(const SimulationInput& input,
                                                std::span<const PersonId> leavers,
                                                ReadinessRule rule) {
  const Model model = TRY(Compile(input, SimulationSettings{}));
  std::unordered_set<PersonId> in_input;
  for (const SimulatedPerson& person : input.people) in_input.insert(person.id);
  std::unordered_map<PersonId, int32_t> index;
  for (int32_t i = 0; i < model.people(); ++i)
    index.emplace(model.person_id[static_cast<size_t>(i)], i);

  RunState state(model);
  state.Reset();
  std::vector<Problem> problems;
  for (size_t l = 0; l < leavers.size(); ++l) {
    if (!in_input.contains(leavers[l])) {
      problems.push_back({"leavers[" + std::to_string(l) + "]",
                          "is not among the people",
                          std::to_string(leavers[l].value()),
                          {}});
      continue;
    }
    // Someone who neither holds a key post nor is named on a plan changes nothing.
    if (auto it = index.find(leavers[l]); it != index.end()) state.Leave(it->second);
  }
  if (!problems.empty())
    return Fail(ErrorCode::kValidationFailed, "Some leavers are not in the trust.",
                std::move(problems));

  std::vector<VacancyStep> steps;
  state.QueueDepartures([] { return false; });  // no external appointees yet
  state.FillVacancies(rule, [&](const Vacancy& vacancy, int32_t plan_entry) {
    VacancyStep step{.post = model.post_id[static_cast<size_t>(vacancy.post)],
                     .cause = vacancy.cause,
                     .vacated_by = model.person_id[static_cast<size_t>(vacancy.vacated_by)]};
    if (plan_entry != kNoPerson) {
      const auto k = static_cast<size_t>(plan_entry);
      step.filled_by =
          NamedSuccessor{.person = model.person_id[static_cast<size_t>(model.plan_person[k])],
                         .readiness = model.plan_readiness[k]};
    }
    steps.push_back(std::move(step));
  });
  return steps;
}

}  // namespace trellis::succession
