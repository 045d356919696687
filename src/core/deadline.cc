#include "core/deadline.h"

namespace trellis {
namespace {
thread_local std::optional<SteadyTime> current;
}  // namespace

ScopedDeadline::ScopedDeadline(std::optional<SteadyTime> deadline) : previous_(current) {
  current = deadline;
}

ScopedDeadline::~ScopedDeadline() { current = previous_; }

std::optional<SteadyTime> CurrentDeadline() { return current; }

bool DeadlinePassed() { return current && std::chrono::steady_clock::now() >= *current; }

Error DeadlineError() {
  return MakeError(ErrorCode::kUnavailable,
                   "This took longer than the server allows for one request, so it was "
                   "stopped. Try again, or ask for less at once.");
}

Result<void> CheckDeadline() {
  if (DeadlinePassed()) return Fail(DeadlineError());
  return Ok();
}

}  // namespace trellis
