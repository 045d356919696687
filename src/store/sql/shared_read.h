#pragma once
// A read that many threads want at the same moment, made once for all of them.
//
// Every request a server answers from what it keeps asks the store for the data version
// first (store.h, DataVersion): under load that is one query per request, each taking a
// pooled connection from the reads and the audit commits beside it. Here a caller gets the
// answer of a read that *began after it asked* — never an older one — so what it learns is
// exactly as fresh as if it had read alone: a change committed before it asked is seen. A
// caller that asks while a read is under way waits for the next one, which the first of the
// waiters starts as soon as the current one ends; every caller that asked meanwhile shares
// it. Quiet, a caller reads at once, as before.
//
// Nothing here knows SQL; SqlStore gives it the read to run.

#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

#include "core/deadline.h"
#include "core/result.h"

namespace trellis::store::sql {

template <typename T>
class SharedRead {
 public:
  using Read = std::function<Result<T>()>;

  explicit SharedRead(Read read) : read_(std::move(read)) {}

  // The answer of a read that began after this call did.
  [[nodiscard]] Result<T> Get() {
    std::unique_lock lock(mutex_);
    // Reads are numbered as they start, one at a time; the one wanted is the next to start.
    const uint64_t wanted = started_ + 1;
    while (finished_ < wanted) {
      if (reading_) {
        done_.wait(lock);
        continue;
      }
      reading_ = true;
      const uint64_t mine = ++started_;
      lock.unlock();
      Result<T> answer = Guarded();
      lock.lock();
      reading_ = false;
      finished_ = mine;
      latest_ = std::move(answer);
      done_.notify_all();
    }
    // The latest read to finish is numbered at least `wanted`: it began after this call.
    return *latest_;
  }

 private:
  // The read, with an exception turned into an error: one escaping would leave the waiters
  // waiting for a read that never ends.
  Result<T> Guarded() {
    // Done for every caller waiting on it: no one caller's deadline may cut it short.
    const ScopedDeadline none(std::nullopt);
    try {
      return read_();
    } catch (const std::exception& e) {
      return Fail(ErrorCode::kInternal, std::string("shared read threw: ") + e.what());
    }
  }

  const Read read_;
  std::mutex mutex_;
  std::condition_variable done_;
  bool reading_ = false;
  uint64_t started_ = 0;   // reads begun
  uint64_t finished_ = 0;  // the number of the latest read to finish
  std::optional<Result<T>> latest_;
};

}  // namespace trellis::store::sql
