#include "store/sql/shared_read.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

namespace trellis::store::sql {
namespace {

// A read answering how many reads have begun; the first waits until released, so that
// callers can be made to ask while it is under way.
struct Counter {
  std::atomic<int> begun = 0;
  std::mutex mutex;
  std::condition_variable changed;
  bool first_running = false;
  bool released = false;

  Result<int> Read() {
    const int n = ++begun;
    if (n == 1) {
      std::unique_lock lock(mutex);
      first_running = true;
      changed.notify_all();
      changed.wait(lock, [&] { return released; });
    }
    return n;
  }
  void WaitForFirst() {
    std::unique_lock lock(mutex);
    changed.wait(lock, [&] { return first_running; });
  }
  void Release() {
    std::lock_guard lock(mutex);
    released = true;
    changed.notify_all();
  }
};

TEST(SharedRead, AloneEachCallReadsAfresh) {
  int reads = 0;
  SharedRead<int> shared([&]() -> Result<int> { return ++reads; });
  EXPECT_EQ(shared.Get(), 1);
  EXPECT_EQ(shared.Get(), 2);
  EXPECT_EQ(shared.Get(), 3);
}

TEST(SharedRead, CallersAskingDuringAReadGetALaterOneAndShareIt) {
  Counter counter;
  SharedRead<int> shared([&] { return counter.Read(); });
  int first_answer = 0;
  std::thread first([&] { first_answer = *shared.Get(); });
  counter.WaitForFirst();

  // Read 1 began before these ask: none may be given its answer.
  constexpr int kLate = 8;
  std::atomic<int> asking = 0;
  std::vector<int> answers(kLate, 0);
  std::vector<std::thread> late;
  for (int i = 0; i < kLate; ++i)
    late.emplace_back([&, i] {
      ++asking;
      answers[static_cast<size_t>(i)] = *shared.Get();
    });
  while (asking.load() < kLate) std::this_thread::yield();
  // Give them a moment to start waiting (if one has not yet, it still gets a later read).
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  counter.Release();
  first.join();
  for (auto& thread : late) thread.join();

  EXPECT_EQ(first_answer, 1);
  for (int answer : answers) EXPECT_GE(answer, 2);
  // The callers who waited together shared one read rather than making one each.
  EXPECT_LE(counter.begun.load(), 1 + kLate / 2);
}

TEST(SharedRead, AFailedReadFailsItsCallersAndTheNextCallReadsAgain) {
  int reads = 0;
  SharedRead<int> shared([&]() -> Result<int> {
    if (++reads == 1) return Fail(ErrorCode::kUnavailable, "database gone");
    return reads;
  });
  auto failed = shared.Get();
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(shared.Get(), 2);
}

TEST(SharedRead, AnExceptionIsAnErrorAndDoesNotStrandTheNextCaller) {
  int reads = 0;
  SharedRead<int> shared([&]() -> Result<int> {
    if (++reads == 1) throw std::runtime_error("driver bug");
    return reads;
  });
  auto failed = shared.Get();
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().code, ErrorCode::kInternal);
  EXPECT_EQ(shared.Get(), 2);
}

}  // namespace
}  // namespace trellis::store::sql
