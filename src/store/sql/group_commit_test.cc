#include "store/sql/group_commit.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

namespace trellis::store::sql {
namespace {

// A commit that records every batch, holds the line for a moment (as an fsync would) and
// refuses any batch holding a negative number.
struct Recorder {
  std::mutex mutex;
  std::vector<std::vector<int>> batches;
  std::atomic<int> running = 0;
  std::atomic<int> most_running = 0;

  Result<void> Commit(std::span<const int> items) {
    const int now = ++running;
    int seen = most_running.load();
    while (now > seen && !most_running.compare_exchange_weak(seen, now)) {
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    --running;
    for (int item : items)
      if (item < 0) return Fail(ErrorCode::kInvalidInput, "negative");
    std::lock_guard lock(mutex);
    batches.emplace_back(items.begin(), items.end());
    return Ok();
  }
};

TEST(GroupCommit, AloneAnItemIsCommittedAtOnceOnItsOwn) {
  Recorder recorder;
  GroupCommit<int> commits([&](std::span<const int> items) { return recorder.Commit(items); });
  ASSERT_TRUE(commits.Submit(1));
  ASSERT_TRUE(commits.Submit(2));
  EXPECT_EQ(recorder.batches, (std::vector<std::vector<int>>{{1}, {2}}));
}

TEST(GroupCommit, ItemsArrivingTogetherAreEachCommittedOnceInFewerCommitsOneAtATime) {
  Recorder recorder;
  GroupCommit<int> commits([&](std::span<const int> items) { return recorder.Commit(items); });
  constexpr int kThreads = 16;
  constexpr int kEach = 20;
  std::atomic<int> failures = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i)
        if (!commits.Submit(t * kEach + i)) ++failures;
    });
  for (auto& thread : threads) thread.join();

  EXPECT_EQ(failures.load(), 0);
  std::multiset<int> committed;
  for (const auto& batch : recorder.batches) committed.insert(batch.begin(), batch.end());
  ASSERT_EQ(committed.size(), static_cast<size_t>(kThreads * kEach));
  for (int n = 0; n < kThreads * kEach; ++n) EXPECT_EQ(committed.count(n), 1U) << n;
  // Sixteen threads each waiting 2 ms per commit: had every item its own commit there would
  // be 320; grouped, far fewer. And never two commits at once.
  EXPECT_LT(recorder.batches.size(), static_cast<size_t>(kThreads * kEach));
  EXPECT_EQ(recorder.most_running.load(), 1);
}

TEST(GroupCommit, ARefusedItemFailsOnlyItsOwnSubmitter) {
  Recorder recorder;
  GroupCommit<int> commits([&](std::span<const int> items) { return recorder.Commit(items); });
  constexpr int kThreads = 8;
  std::vector<Result<void>> results(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int round = 0; round < 10; ++round) {
        auto result = commits.Submit(t == 3 ? -1 : t);
        if (round == 0 || !result) results[t] = result;
      }
    });
  for (auto& thread : threads) thread.join();
  for (int t = 0; t < kThreads; ++t) {
    if (t == 3) {
      ASSERT_FALSE(results[t]);
      EXPECT_EQ(results[t].error().code, ErrorCode::kInvalidInput);
    } else {
      EXPECT_TRUE(results[t]) << t;
    }
  }
  size_t committed = 0;
  for (const auto& batch : recorder.batches) committed += batch.size();
  EXPECT_EQ(committed, static_cast<size_t>((kThreads - 1) * 10));
}

}  // namespace
}  // namespace trellis::store::sql
