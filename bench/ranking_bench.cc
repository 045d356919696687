// The succession engine on a trust of 100 schools, in memory: issue 3's "instant for a
// 100-school trust". Run: build/bench/trellis_ranking_bench (see bench/README.md).
//
// The trust is synthetic but shaped like a large multi-academy trust: per school a
// headteacher, three deputies or assistants, eight middle leaders, thirty teachers and ten
// support staff; a headship and two deputy headships per school are key posts, with the
// trust's four executive posts. Leaders are assessed against most of the profile of the
// rung above and most have a calibrated 9-box rating. Seeded, so every run is the same trust.

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "succession/bench.h"
#include "succession/formula.h"
#include "succession/ranking.h"
#include "succession/snapshot.h"

namespace {

using trellis::BodyId;
using trellis::CompetencyId;
using trellis::Date;
using trellis::PersonId;
using trellis::PostId;
using trellis::SchoolId;
using trellis::TrustId;
using trellis::org::CareerStage;
using namespace trellis::succession;

constexpr TrustId kTrust{1};

struct Shape {
  int schools = 100;
};

std::vector<Requirement> Profile(int first_competency, int count, int level) {
  std::vector<Requirement> profile;
  for (int c = 0; c < count; ++c)
    profile.push_back({.competency = CompetencyId(first_competency + c),
                       .level = level,
                       .weight = c % 3 == 0 ? 2.0 : 1.0});
  return profile;
}

Snapshot MakeTrust(const Shape& shape) {
  std::mt19937_64 rng(20261123);
  auto between = [&](int low, int high) {
    return std::uniform_int_distribution<int>(low, high)(rng);
  };
  // Competencies 1..10: the headteacher's profile; 11..17 the deputy's; 21..28 the CEO's.
  const auto head_profile = Profile(1, 10, 3);
  const auto deputy_profile = Profile(11, 7, 2);
  const auto executive_profile = Profile(21, 8, 4);

  std::vector<Candidate> people;
  std::vector<KeyPost> posts;
  int64_t next_person = 1, next_post = 1;
  auto person = [&](CareerStage stage, const std::vector<Requirement>* aiming_for) {
    Candidate c{.id = PersonId(next_person),
                .trust = kTrust,
                .reference = "P" + std::to_string(100000 + next_person),
                .name = {},
                .stage = stage,
                .joined = Date::FromYmd(2010 + between(0, 15), static_cast<unsigned>(between(1, 12)), 1),
                .rating = {},
                .levels = {},
                .memberships = {}};
    ++next_person;
    if (between(1, 100) <= 75) c.rating = NineBox{between(1, 3), between(1, 3)};
    if (aiming_for != nullptr) {
      const int typical = between(2, 4);
      for (const Requirement& r : *aiming_for)
        if (between(1, 100) <= 85)
          c.levels.push_back({.competency = r.competency,
                              .level = std::clamp(typical + between(-1, 1), 1, 4)});
    }
    people.push_back(std::move(c));
    return people.back().id;
  };
  auto key_post = [&](std::optional<SchoolId> school, CareerStage stage, RoleGroup group,
                      const std::vector<Requirement>& profile, PersonId holder) {
    posts.push_back(KeyPost{.id = PostId(next_post++),
                            .trust = kTrust,
                            .school = school,
                            .title = {},
                            .stage = stage,
                            .role_group = group,
                            .governance = false,
                            .body = {},
                            .board = false,
                            .holders = {holder},
                            .profile = profile});
  };

  for (int s = 1; s <= shape.schools; ++s) {
    const SchoolId school(s);
    const bool established = between(0, 1) == 1;
    const PersonId head = person(
        established ? CareerStage::kEstablishedHeadteacher : CareerStage::kNewHeadteacher,
        &executive_profile);
    key_post(school, CareerStage::kNewHeadteacher, RoleGroup::kHeadship, head_profile, head);
    for (int d = 0; d < 3; ++d) {
      const PersonId deputy = person(d == 0 ? CareerStage::kExperiencedSeniorLeader
                                            : CareerStage::kNewSeniorLeader,
                                     &head_profile);
      if (d < 2)
        key_post(school, CareerStage::kNewSeniorLeader, RoleGroup::kSeniorLeadership,
                 deputy_profile, deputy);
    }
    for (int m = 0; m < 8; ++m)
      person(m % 2 ? CareerStage::kExperiencedMiddleLeader : CareerStage::kNewMiddleLeader,
             &deputy_profile);
    for (int t = 0; t < 30; ++t)
      person(t % 3 ? CareerStage::kTeacher : CareerStage::kExperiencedTeacher, nullptr);
    for (int a = 0; a < 10; ++a) person(CareerStage::kTeachingAssistant, nullptr);
  }
  for (int e = 0; e < 4; ++e)
    key_post(std::nullopt, CareerStage::kExecutiveLeader, RoleGroup::kTrustExecutive,
             executive_profile, person(CareerStage::kExecutiveLeader, nullptr));
  return Snapshot(std::move(people), std::move(posts), {});
}

const Snapshot& Trust() {
  static const Snapshot trust = MakeTrust({});
  return trust;
}

// One headship: every deputy and headteacher of the trust judged against its profile.
void BM_RankOneHeadship(benchmark::State& state) {
  const Snapshot& trust = Trust();
  const FormulaSettings settings;
  for (auto _ : state) benchmark::DoNotOptimize(Rank(trust, 0, settings, 5));
  state.counters["people"] = static_cast<double>(trust.people().size());
}
BENCHMARK(BM_RankOneHeadship)->Unit(benchmark::kMicrosecond);

// Every key post's top five: what the dashboard and the plans list need.
void BM_RankEveryKeyPost(benchmark::State& state) {
  const Snapshot& trust = Trust();
  const FormulaSettings settings;
  for (auto _ : state)
    for (size_t p = 0; p < trust.posts().size(); ++p)
      benchmark::DoNotOptimize(Rank(trust, p, settings, 5));
  state.counters["key_posts"] = static_cast<double>(trust.posts().size());
}
BENCHMARK(BM_RankEveryKeyPost)->Unit(benchmark::kMillisecond);

// Bench strength of every key post (each eligible person's share across the benches).
void BM_BenchStrength(benchmark::State& state) {
  const Snapshot& trust = Trust();
  const FormulaSettings settings;
  for (auto _ : state) benchmark::DoNotOptimize(ComputeBench(trust, settings));
}
BENCHMARK(BM_BenchStrength)->Unit(benchmark::kMillisecond);

// Building the snapshot's indexes from plain values (the store's bulk reads not included).
void BM_BuildSnapshot(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(MakeTrust({}));
}
BENCHMARK(BM_BuildSnapshot)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
