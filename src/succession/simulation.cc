#include "succession/simulation.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <cmath>
#include <limits>
#include <map>
#include <string>
#include <thread>
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

  // Each number gives two uniform numbers in [0, 1) of 32 random bits (its halves), which
  // resolves a probability to 2^-32 (2.3e-10). Such a number is below p exactly when its
  // bits, read as a whole number, are below Threshold(p): so p = 0 is never and p = 1 always.
  static uint64_t Threshold(double p) { return static_cast<uint64_t>(std::ceil(p * 0x1.0p32)); }
  static uint32_t High(uint64_t number) { return static_cast<uint32_t>(number >> 32); }
  static uint32_t Low(uint64_t number) { return static_cast<uint32_t>(number); }

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::array<uint64_t, 4> s_;
};

constexpr int32_t kNoPerson = -1;
constexpr int32_t kNotSimulated = -2;  // a post's first holder when vacant at the start

// The input indexed once into flat arrays, so that a run touches no map and allocates
// nothing. People are only those who matter: first holders of key posts and named
// successors who are in the trust.
struct Model {
  std::vector<PersonId> person_id;
  std::vector<double> leave_probability;
  // The key posts each person holds at the start: posts_held[held_begin[i] .. held_begin[i+1]),
  // in post order; first_held[i] is the first of them, or posts() when none.
  std::vector<int32_t> held_begin;
  std::vector<int32_t> posts_held;
  std::vector<int32_t> first_held;

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
  model.first_held.assign(static_cast<size_t>(model.people()), model.posts());
  for (int32_t i = 0; i < model.people(); ++i) {
    const auto begin = static_cast<size_t>(model.held_begin[static_cast<size_t>(i)]);
    if (begin < static_cast<size_t>(model.held_begin[static_cast<size_t>(i) + 1]))
      model.first_held[static_cast<size_t>(i)] = model.posts_held[begin];
  }
  return model;
}

// A key post vacant in some of a block's runs (see RunBlock).
struct Vacancy {
  int32_t post = 0;
  VacancyCause cause = VacancyCause::kLeft;
  // For kPromoted, the person appointed elsewhere. For kLeft, whoever held the post in each
  // lane: not one person, so kNoPerson.
  int32_t promoted = kNoPerson;
  uint64_t lanes = 0;
};

// The year (0-based) in which someone in the trust at the start of a run leaves, as one draw:
// leaving each year with probability p makes the first year of leaving geometric, P(year k) =
// (1 − p)^k·p, so one uniform number read against the cumulative probabilities of years 0 ..
// years − 1 gives it, where drawing once a year would take a number a year. Either way the
// same distribution; this way a run takes a draw per person instead of per person and year.
// One table per distinct probability: rows of `years` increasing thresholds. Counting the
// thresholds a draw passes was the largest part of a run, so each row also keeps the year of
// each 256th of the draws' range where the whole of it gives one year: all but `years` of
// them, so a draw is read off in one look 98% of the time or more, and counted otherwise.
class LeavingYears {
 public:
  explicit LeavingYears(int years) : years_(static_cast<size_t>(years)) {}

  // The row of probability p, added if new.
  size_t RowOf(double p) {
    const auto [it, added] = rows_.try_emplace(p, rows_.size());
    if (added) {
      const size_t row = it->second;
      double stays = 1.0;
      for (size_t k = 0; k < years_; ++k) {
        stays *= 1.0 - p;
        thresholds_.push_back(RandomStream::Threshold(1.0 - stays));  // gone by year k's end
      }
      // The year is nondecreasing in the draw, so a part gives one year when its ends do.
      for (uint64_t part = 0; part < kParts; ++part) {
        const auto lowest = static_cast<uint32_t>(part << kPartShift);
        const auto highest = static_cast<uint32_t>(((part + 1) << kPartShift) - 1);
        const int32_t year = Counted(row, lowest);
        parts_.push_back(year == Counted(row, highest) ? static_cast<uint8_t>(year) : kCounted);
      }
    }
    return it->second;
  }

  // The year a draw says for the row, or `years` (not within the run).
  int32_t Of(size_t row, uint32_t draw) const {
    const uint8_t year = parts_[row * kParts + (draw >> kPartShift)];
    return year != kCounted ? year : Counted(row, draw);
  }

 private:
  static constexpr uint64_t kParts = 256;
  static constexpr int kPartShift = 24;  // 32 bits of draw, the top 8 choosing the part
  static constexpr uint8_t kCounted = 255;
  static_assert(kMaxYears < kCounted);

  // Counted without a branch: whether someone leaves is random, so a branch would be
  // mispredicted.
  int32_t Counted(size_t row, uint32_t draw) const {
    const uint64_t u = draw;  // 32 random bits, as RandomStream::Threshold reads them
    const uint64_t* threshold = thresholds_.data() + row * years_;
    int32_t year = 0;
    for (size_t k = 0; k < years_; ++k) year += static_cast<int32_t>(u >= threshold[k]);
    return year;
  }

  size_t years_;
  std::vector<uint64_t> thresholds_;  // row r's are [r·years, (r + 1)·years); up to 2^32
  std::vector<uint8_t> parts_;        // row r's are [r·kParts, (r + 1)·kParts)
  std::map<double, size_t> rows_;     // probability → its row
};

// Up to 64 runs done in lockstep, one bit of every mask per run (the run's lane): whether a
// person is still available, who holds a post (its first holder, an external appointee or the
// successor of one of its plan entries), who leaves in which year. A vacancy is a post and the
// lanes it is vacant in, so one pass over a post's plan fills it in all of them at once; only
// what differs run by run (the draws and the counts) is done lane by lane. Filling one run at
// a time took a mispredicted branch or two per vacancy and plan entry, most of a run's time.
//
// Each run's vacancies are still filled in the order a run on its own fills them: the year's
// departures in post order, then the posts vacated by appointments, each after the vacancy
// that caused it (first in, first out). The queue holds (post, lanes) vacancies in that order
// for every lane at once: its departures are in post order, and a vacancy caused by filling
// another is queued while that one is filled, so the vacancies of any one lane, read in the
// queue's order, are its run's own queue. So each run makes the same appointments and draws
// the same numbers in the same order as when done alone: the same results, digit for digit.
class RunBlock {
 public:
  static constexpr int kLanes = 64;

  RunBlock(const Model& model, int years)
      : model_(model),
        years_(years),
        people_(static_cast<size_t>(model.people()) + 1),  // + 1: nobody, who never leaves
        posts_(static_cast<size_t>(model.posts())),
        leaving_((static_cast<size_t>(years) + 1) * people_),
        available_(people_),
        first_holder_(posts_),
        first_holds_(posts_),
        external_holds_(posts_),
        entry_holds_(model.plan_person.size()),
        externals_leaving_(static_cast<size_t>(years) * posts_) {
    const auto nobody = static_cast<int32_t>(people_ - 1);
    for (size_t p = 0; p < posts_; ++p)
      first_holder_[p] = model.initial_holder[p] >= 0 ? model.initial_holder[p] : nobody;
    queue_.reserve(posts_);
  }

  // Starts a run in each of `lanes`: everyone in the trust and staying, every post with its
  // first holder (the posts vacant at the start with nobody, in no lane).
  void Reset(uint64_t lanes) {
    std::fill(leaving_.begin(), leaving_.end(), 0);
    std::fill(available_.begin(), available_.end() - 1, lanes);
    available_.back() = 0;
    for (size_t p = 0; p < posts_; ++p) first_holds_[p] = model_.initial_holder[p] >= 0 ? lanes : 0;
    std::fill(external_holds_.begin(), external_holds_.end(), 0);
    std::fill(entry_holds_.begin(), entry_holds_.end(), 0);
    std::fill(externals_leaving_.begin(), externals_leaving_.end(), 0);
  }

  // In `lane`, the person leaves at the start of `year` (0-based, up to `years`: `years` is not
  // within the run). Before the first year; each person once a lane.
  void SetLeavingYear(int32_t person, int lane, int32_t year) {
    leaving_[static_cast<size_t>(year) * people_ + static_cast<size_t>(person)] |= Lane(lane);
  }

  // In `lane`, the external appointee now holding `post` leaves at the start of `year` (after
  // the run's last year: never). An external appointment is made at most once a post, year and
  // lane, and its appointee leaves once. (A branch, not a row for "never" as for the people:
  // the lanes of one vacancy would all write that row's word, each waiting for the last.)
  void ExternalLeavesIn(int32_t post, int lane, int32_t year) {
    if (year < years_)
      externals_leaving_[static_cast<size_t>(year) * posts_ + static_cast<size_t>(post)] |=
          Lane(lane);
  }

  // Starts `year`: its leavers are no longer available, and every key post whose holder leaves
  // now (a first holder, an appointed successor or an external appointee) is queued, in post
  // order, in the lanes it falls vacant in.
  void QueueDepartures(int32_t year) {
    queue_.clear();
    head_ = 0;
    const uint64_t* leaving = leaving_.data() + static_cast<size_t>(year) * people_;
    for (size_t i = 0; i < people_; ++i) available_[i] &= ~leaving[i];
    const uint64_t* externals_leaving =
        externals_leaving_.data() + static_cast<size_t>(year) * posts_;
    for (size_t p = 0; p < posts_; ++p) {
      const auto [entries_begin, entries_end] = PlanOf(p);
      uint64_t vacated = (first_holds_[p] & leaving[first_holder_[p]]) |
                         (external_holds_[p] & externals_leaving[p]);
      for (size_t k = entries_begin; k < entries_end; ++k)
        vacated |= entry_holds_[k] & leaving[model_.plan_person[k]];
      if (vacated == 0) continue;
      first_holds_[p] &= ~vacated;
      external_holds_[p] &= ~vacated;
      for (size_t k = entries_begin; k < entries_end; ++k) entry_holds_[k] &= ~vacated;
      queue_.push_back({static_cast<int32_t>(p), VacancyCause::kLeft, kNoPerson, vacated});
    }
  }

  // Fills this year's queued vacancies in order, following the vacancy chain. `on_fill(vacancy,
  // plan_entry, lanes)` is told of each appointment, with the lanes it is made in and
  // plan_entry the index into the model's plan arrays of the appointee, or kNoPerson for an
  // external appointment.
  template <typename OnFill>
  void FillVacancies(ReadinessRule rule, OnFill&& on_fill) {
    const uint8_t later_years = rule == ReadinessRule::kLaterYears ? 1 : 0;
    while (head_ < queue_.size()) {
      const Vacancy vacancy = queue_[head_++];  // a copy: filling it may queue more
      const auto post = static_cast<size_t>(vacancy.post);
      uint64_t open = vacancy.lanes;
      const auto [entries_begin, entries_end] = PlanOf(post);
      for (size_t k = entries_begin; k < entries_end && open != 0; ++k) {
        if (model_.plan_later_years_only[k] > later_years) continue;
        // Still in the trust this year and not appointed to a key post earlier in the run.
        const int32_t appointee = model_.plan_person[k];
        const auto a = static_cast<size_t>(appointee);
        const uint64_t appointed = open & available_[a];
        if (appointed == 0) continue;
        open &= ~appointed;
        available_[a] &= ~appointed;
        entry_holds_[k] |= appointed;
        on_fill(vacancy, static_cast<int32_t>(k), appointed);
        // Never appointed before, so the appointee still holds all their first posts (the
        // mask only guards that).
        for (auto h = static_cast<size_t>(model_.held_begin[a]);
             h < static_cast<size_t>(model_.held_begin[a + 1]); ++h) {
          const int32_t own = model_.posts_held[h];
          const uint64_t vacated = first_holds_[static_cast<size_t>(own)] & appointed;
          if (vacated == 0) continue;
          first_holds_[static_cast<size_t>(own)] &= ~vacated;
          queue_.push_back({own, VacancyCause::kPromoted, appointee, vacated});
        }
      }
      if (open != 0) {
        external_holds_[post] |= open;
        on_fill(vacancy, kNoPerson, open);
      }
    }
  }

 private:
  static uint64_t Lane(int lane) { return uint64_t{1} << lane; }

  std::pair<size_t, size_t> PlanOf(size_t post) const {
    return {static_cast<size_t>(model_.plan_begin[post]),
            static_cast<size_t>(model_.plan_begin[post + 1])};
  }

  const Model& model_;
  int32_t years_;
  size_t people_;  // the model's, and nobody
  size_t posts_;
  // Row y (0-based; row `years`: staying) holds by person the lanes they leave at the start
  // of year y in.
  std::vector<uint64_t> leaving_;
  // By person: the lanes they are still in the trust and not yet appointed in.
  std::vector<uint64_t> available_;
  std::vector<int32_t> first_holder_;  // by post: a person, or nobody when vacant at the start
  // By post: the lanes its first holder still holds it in; those an external appointee does.
  std::vector<uint64_t> first_holds_;
  std::vector<uint64_t> external_holds_;
  // By plan entry: the lanes its successor has been appointed to its post in (and holds it).
  std::vector<uint64_t> entry_holds_;
  // Row y holds by post the lanes its external appointee leaves at the start of year y in.
  std::vector<uint64_t> externals_leaving_;
  std::vector<Vacancy> queue_;  // this year's, [head_, end) still to fill
  size_t head_ = 0;
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

  // People who cannot leave take no draw; the rest take one each at the start of every run,
  // in the same order, so each draw belongs to the same person in every run.
  LeavingYears leaving(options.years);
  std::vector<int32_t> drawn;
  std::vector<size_t> row_of;  // by drawn person: their probability's row in `leaving`
  for (int32_t i = 0; i < model.people(); ++i) {
    const double p = model.leave_probability[static_cast<size_t>(i)];
    if (p <= 0.0) continue;
    drawn.push_back(i);
    row_of.push_back(leaving.RowOf(p));
  }
  const bool externals_may_leave = model.external_leave_probability > 0.0;
  const size_t external_row = leaving.RowOf(model.external_leave_probability);

  const auto years = static_cast<size_t>(options.years);
  const size_t counts = static_cast<size_t>(model.posts()) + 1;  // 0..posts a year
  std::vector<int64_t> external(years * counts, 0);  // [year][count]: runs with that count
  std::vector<int64_t> internal(years * counts, 0);

  // Runs [first, last) into their own histograms, a block of up to 64 at a time (first a
  // multiple of 64). Each run has its own random stream and the histograms are whole counts, so
  // how the runs are split between threads changes nothing.
  auto simulate_runs = [&](int first, int last, RunBlock& block,
                           std::vector<int64_t>& external_counts,
                           std::vector<int64_t>& internal_counts) {
    std::vector<RandomStream> random;  // by lane: its run's stream
    random.reserve(RunBlock::kLanes);
    std::array<int32_t, RunBlock::kLanes> externals{};
    std::array<int32_t, RunBlock::kLanes> internals{};
    for (int block_first = first; block_first < last; block_first += RunBlock::kLanes) {
      const int lanes = std::min(RunBlock::kLanes, last - block_first);
      block.Reset(lanes == RunBlock::kLanes ? ~uint64_t{0} : (uint64_t{1} << lanes) - 1);
      random.clear();
      for (int lane = 0; lane < lanes; ++lane) {
        RandomStream& stream =
            random.emplace_back(options.seed, static_cast<uint64_t>(block_first + lane));
        size_t d = 0;
        for (; d + 1 < drawn.size(); d += 2) {
          const uint64_t number = stream.Next();
          block.SetLeavingYear(drawn[d], lane, leaving.Of(row_of[d], RandomStream::High(number)));
          block.SetLeavingYear(drawn[d + 1], lane,
                               leaving.Of(row_of[d + 1], RandomStream::Low(number)));
        }
        if (d < drawn.size())  // the last of an odd number
          block.SetLeavingYear(drawn[d], lane,
                               leaving.Of(row_of[d], RandomStream::High(stream.Next())));
      }
      for (size_t y = 0; y < years; ++y) {
        const auto year = static_cast<int32_t>(y);
        externals.fill(0);
        internals.fill(0);
        block.QueueDepartures(year);
        block.FillVacancies(
            y == 0 ? ReadinessRule::kFirstYear : ReadinessRule::kLaterYears,
            [&](const Vacancy& vacancy, int32_t plan_entry, uint64_t appointed) {
              if (plan_entry != kNoPerson) {
                for (uint64_t bits = appointed; bits != 0; bits &= bits - 1)
                  ++internals[static_cast<size_t>(std::countr_zero(bits))];
                return;
              }
              for (uint64_t bits = appointed; bits != 0; bits &= bits - 1) {
                const int lane = std::countr_zero(bits);
                ++externals[static_cast<size_t>(lane)];
                // The appointee's years start with the next one.
                if (externals_may_leave)
                  block.ExternalLeavesIn(
                      vacancy.post, lane,
                      year + 1 +
                          leaving.Of(external_row,
                                     RandomStream::High(random[static_cast<size_t>(lane)].Next())));
              }
            });
        for (size_t lane = 0; lane < static_cast<size_t>(lanes); ++lane) {
          ++external_counts[y * counts + static_cast<size_t>(externals[lane])];
          ++internal_counts[y * counts + static_cast<size_t>(internals[lane])];
        }
      }
    }
  };
  // A thread for every kMinRunsPerThread runs, up to options.threads; this one among them.
  // The threads take the runs a chunk at a time as they come free, not a fixed share each: a
  // thread that starts late or loses its core (a busy or virtual machine) leaves its runs to
  // the others instead of being waited for.
  const int threads = std::max(1, std::min(options.threads, options.runs / kMinRunsPerThread));
  std::vector<std::vector<int64_t>> thread_external(static_cast<size_t>(threads - 1),
                                                    std::vector<int64_t>(external.size(), 0));
  std::vector<std::vector<int64_t>> thread_internal(thread_external);
  std::atomic<int> next_run{0};
  auto take_runs = [&](std::vector<int64_t>& external_counts,
                       std::vector<int64_t>& internal_counts) {
    constexpr int kRunsPerChunk = 4 * RunBlock::kLanes;
    RunBlock block(model, options.years);
    for (;;) {
      const int first = next_run.fetch_add(kRunsPerChunk, std::memory_order_relaxed);
      if (first >= options.runs) return;
      simulate_runs(first, std::min(options.runs, first + kRunsPerChunk), block, external_counts,
                    internal_counts);
    }
  };
  {
    std::vector<std::jthread> workers;
    for (size_t t = 0; t + 1 < static_cast<size_t>(threads); ++t)
      workers.emplace_back(take_runs, std::ref(thread_external[t]), std::ref(thread_internal[t]));
    take_runs(external, internal);
  }  // the workers are joined here
  for (size_t t = 0; t < thread_external.size(); ++t) {
    for (size_t i = 0; i < external.size(); ++i) {
      external[i] += thread_external[t][i];
      internal[i] += thread_internal[t][i];
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

  RunBlock block(model, 1);  // one run, in lane 0
  block.Reset(1);
  // A leaver named twice leaves once.
  std::vector<bool> leaving(static_cast<size_t>(model.people()), false);
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
    if (auto it = index.find(leavers[l]);
        it != index.end() && !leaving[static_cast<size_t>(it->second)]) {
      leaving[static_cast<size_t>(it->second)] = true;
      block.SetLeavingYear(it->second, 0, 0);
    }
  }
  if (!problems.empty())
    return Fail(ErrorCode::kValidationFailed, "Some leavers are not in the trust.",
                std::move(problems));

  std::vector<VacancyStep> steps;
  block.QueueDepartures(0);
  block.FillVacancies(rule, [&](const Vacancy& vacancy, int32_t plan_entry, uint64_t) {
    const auto post = static_cast<size_t>(vacancy.post);
    // Nobody has been appointed before this one year, so a post left is left by its first
    // holder.
    const int32_t vacated_by =
        vacancy.cause == VacancyCause::kLeft ? model.initial_holder[post] : vacancy.promoted;
    VacancyStep step{.post = model.post_id[post],
                     .cause = vacancy.cause,
                     .vacated_by = model.person_id[static_cast<size_t>(vacated_by)]};
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
