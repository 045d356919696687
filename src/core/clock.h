#pragma once
// The one seam through which trellis learns the time, so tests can fix it.

#include <atomic>

#include "core/date.h"

namespace trellis {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Instant Now() const = 0;
  Date Today() const { return DateOf(Now()); }
};

class SystemClock final : public Clock {
 public:
  Instant Now() const override { return std::chrono::system_clock::now(); }
};

// A clock that only moves when told; safe to read and advance from several threads.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(Instant start) : now_(start.time_since_epoch().count()) {}
  Instant Now() const override { return Instant(Instant::duration(now_.load())); }
  void Advance(Instant::duration by) { now_ += by.count(); }

 private:
  std::atomic<Instant::duration::rep> now_;
};

}  // namespace trellis
