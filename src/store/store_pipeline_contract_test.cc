// The store contract (store/store_contract.h) for pipeline snapshots: the headline figures
// kept for the dashboard's trend, at most one per review cycle, oldest first, within a trust.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "store/store_contract.h"

namespace trellis::store {
namespace {

using namespace contract;  // NOLINT(google-build-using-namespace): the suite's own fixture
using succession::PipelineSnapshot;

class PipelineContract : public StoreContract {
 protected:
  void SetUp() override {
    StoreContract::SetUp();
    if (IsSkipped()) return;
    trust = NewTrust("Oak", "TR1");
    other = NewTrust("Elm", "TR2");
    earlier = NewCycle(trust, 2024);
    later = NewCycle(trust, 2025);
    elsewhere = NewCycle(other, 2025);
  }

  ReviewCycleId NewCycle(TrustId t, int year) {
    talent::ReviewCycle c;
    c.trust = t;
    c.year = year;
    c.name = "Talent review " + std::to_string(year);
    c.status = talent::CycleStatus::kClosed;
    c.opened_on = D((std::to_string(year) + "-09-15").c_str());
    c.closed_on = D((std::to_string(year) + "-11-30").c_str());
    return Must(store().Insert(c)).id;
  }

  // 23 of 35 covered, 9 ready now, bench 21.5 over 35 posts, 1 of 40 named people overloaded.
  static PipelineSnapshot Figures(TrustId t, std::optional<ReviewCycleId> cycle,
                                  const char* taken_on) {
    return {.id = {},
            .trust = t,
            .cycle = cycle,
            .taken_on = D(taken_on),
            .coverage = {.numerator = 23, .denominator = 35},
            .ready_now_coverage = {.numerator = 9, .denominator = 35},
            .bench = {.total = 21.5, .posts = 35},
            .overload = {.numerator = 1, .denominator = 40}};
  }

  TrustId trust, other;
  ReviewCycleId earlier, later, elsewhere;
};

TEST_P(PipelineContract, SnapshotsRoundTripOldestFirstWithinTheTrust) {
  const PipelineSnapshot on_demand =
      Must(store().Insert(Figures(trust, std::nullopt, "2026-02-01")));
  EXPECT_TRUE(on_demand.id.valid());
  EXPECT_EQ(on_demand.trust, trust);
  EXPECT_FALSE(on_demand.cycle);
  PipelineSnapshot expected = Figures(trust, std::nullopt, "2026-02-01");
  expected.id = on_demand.id;
  EXPECT_EQ(on_demand, expected);

  PipelineSnapshot closing = Figures(trust, later, "2025-11-30");
  closing.coverage.numerator = 20;
  closing.bench.total = 0.25;
  const PipelineSnapshot stored = Must(store().Insert(closing));
  EXPECT_EQ(stored.cycle, later);
  EXPECT_EQ(stored.coverage, (succession::Proportion{20, 35}));
  EXPECT_DOUBLE_EQ(stored.bench.total, 0.25);
  const PipelineSnapshot first = Must(store().Insert(Figures(trust, earlier, "2024-11-30")));

  // Oldest first by the day taken, whatever the order of writing.
  const auto listed = Must(store().ListPipelineSnapshots(trust));
  ASSERT_EQ(listed.size(), 3u);
  EXPECT_EQ(listed[0], first);
  EXPECT_EQ(listed[1], stored);
  EXPECT_EQ(listed[2], on_demand);
  Reopen();
  EXPECT_EQ(Must(store().ListPipelineSnapshots(trust)), listed);

  // Another trust sees none of them, and has its own.
  EXPECT_TRUE(Must(store().ListPipelineSnapshots(other)).empty());
  Must(store().Insert(Figures(other, elsewhere, "2025-11-30")));
  EXPECT_EQ(Must(store().ListPipelineSnapshots(other)).size(), 1u);
  EXPECT_EQ(Must(store().ListPipelineSnapshots(trust)).size(), 3u);
}

TEST_P(PipelineContract, OnePerReviewCycleAnyNumberOnDemand) {
  Must(store().Insert(Figures(trust, later, "2025-11-30")));
  EXPECT_THAT(store().Insert(Figures(trust, later, "2025-12-01")),
              FailsOnField(ErrorCode::kConflict, "cycle_id"));
  Must(store().Insert(Figures(trust, std::nullopt, "2026-01-01")));
  Must(store().Insert(Figures(trust, std::nullopt, "2026-01-01")));
  EXPECT_EQ(Must(store().ListPipelineSnapshots(trust)).size(), 3u);
}

TEST_P(PipelineContract, TheCycleAndTrustMustExistTogether) {
  EXPECT_THAT(store().Insert(Figures(trust, elsewhere, "2025-11-30")),
              FailsOnField(ErrorCode::kValidationFailed, "cycle_id"));
  EXPECT_THAT(store().Insert(Figures(TrustId(999), std::nullopt, "2025-11-30")),
              FailsOnField(ErrorCode::kValidationFailed, "trust_id"));
  EXPECT_TRUE(Must(store().ListPipelineSnapshots(trust)).empty());
}

TEST_P(PipelineContract, FiguresThatCannotBeMeasuredAreRefused) {
  PipelineSnapshot more_covered_than_posts = Figures(trust, std::nullopt, "2026-01-01");
  more_covered_than_posts.coverage = {36, 35};
  more_covered_than_posts.ready_now_coverage = {9, 35};
  EXPECT_FALSE(store().Insert(more_covered_than_posts));
  PipelineSnapshot two_denominators = Figures(trust, std::nullopt, "2026-01-01");
  two_denominators.ready_now_coverage = {9, 34};
  EXPECT_FALSE(store().Insert(two_denominators));
  PipelineSnapshot more_overloaded_than_named = Figures(trust, std::nullopt, "2026-01-01");
  more_overloaded_than_named.overload = {41, 40};
  EXPECT_FALSE(store().Insert(more_overloaded_than_named));
  EXPECT_TRUE(Must(store().ListPipelineSnapshots(trust)).empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, PipelineContract, ::testing::ValuesIn(Backends()), BackendName);

}  // namespace
}  // namespace trellis::store
