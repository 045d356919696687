#pragma once
// How long the work of one request may take.
//
// The HTTP layer sets a deadline on the thread that answers a request (the configured
// request_time_limit_s); the store honours it between statements and inside a long one
// (SQLite's progress handler; PostgreSQL by cancelling the statement on the server), so a
// request that runs too long (a report over a whole nation, a database slowed by something
// else) ends with kUnavailable and its transaction rolled back, instead of holding a worker
// thread and a connection for as long as it likes. The command line sets none.

#include <chrono>
#include <optional>

#include "core/result.h"

namespace trellis {

using SteadyTime = std::chrono::steady_clock::time_point;

// Sets the calling thread's deadline for its lifetime, restoring the one before after.
// With nullopt, lifts it: for work done on behalf of other threads too (a commit of many
// requests' audit entries), which one request's deadline must not cut short.
class ScopedDeadline {
 public:
  explicit ScopedDeadline(std::optional<SteadyTime> deadline);
  ~ScopedDeadline();
  ScopedDeadline(const ScopedDeadline&) = delete;
  ScopedDeadline& operator=(const ScopedDeadline&) = delete;

 private:
  std::optional<SteadyTime> previous_;
};

// The calling thread's deadline, if it has one.
std::optional<SteadyTime> CurrentDeadline();
bool DeadlinePassed();
// What work stopped at its deadline returns (kUnavailable: try again, or ask for less).
Error DeadlineError();
// DeadlineError once the calling thread's deadline has passed.
[[nodiscard]] Result<void> CheckDeadline();

}  // namespace trellis
