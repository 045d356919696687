#pragma once
// Group commit: writes that many threads submit at once, committed together.
//
// Every confidential read is audit-logged, and each log entry must be durable before the
// answer goes out (a crash must not lose the record of a read that was shown). One commit per
// entry costs one fsync each, which caps a busy server at the disk's fsync rate however
// cheap the read. Here the first thread to arrive commits its own entry at once (no added
// wait when the server is quiet); threads that arrive while that commit runs queue up, and
// the first of them to run next commits the whole queue in one transaction. Each returns only
// once its entry is committed, with its own entry's result: a batch the store refuses for
// one of its entries is retried entry by entry, so one bad entry fails only its submitter.
//
// Nothing here knows SQL; SqlStore gives it the commit to run (AppendMany).

#include <condition_variable>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"

namespace trellis::store::sql {

template <typename T>
class GroupCommit {
 public:
  using Commit = std::function<Result<void>(std::span<const T>)>;

  explicit GroupCommit(Commit commit) : commit_(std::move(commit)) {}

  // Commits `item`, with whatever else is waiting, and returns once it is committed.
  [[nodiscard]] Result<void> Submit(T item) {
    std::unique_lock lock(mutex_);
    if (!waiting_) waiting_ = std::make_shared<Batch>();
    const std::shared_ptr<Batch> batch = waiting_;
    const size_t mine = batch->items.size();
    batch->items.push_back(std::move(item));
    turn_.wait(lock, [&] { return batch->done || !committing_; });
    if (!batch->done) {
      // This thread commits the batch it joined, and everything that joined it so far.
      committing_ = true;
      waiting_.reset();
      lock.unlock();
      std::vector<Result<void>> results = CommitAll(batch->items);
      lock.lock();
      batch->results = std::move(results);
      batch->done = true;
      committing_ = false;
      turn_.notify_all();
    }
    return batch->results[mine];
  }

 private:
  struct Batch {
    std::vector<T> items;
    std::vector<Result<void>> results;  // one per item, once done
    bool done = false;
  };

  // One commit for all; should the store refuse an item, one each, so each gets its own
  // answer. A failure that is not about any item (the database busy or gone) is every item's.
  std::vector<Result<void>> CommitAll(const std::vector<T>& items) {
    Result<void> together = Guarded(std::span<const T>(items));
    if (together || items.size() == 1 || !AboutAnItem(together.error().code))
      return std::vector<Result<void>>(items.size(), together);
    std::vector<Result<void>> each;
    each.reserve(items.size());
    for (const T& item : items) each.push_back(Guarded(std::span<const T>(&item, 1)));
    return each;
  }

  static bool AboutAnItem(ErrorCode code) {
    return code == ErrorCode::kInvalidInput || code == ErrorCode::kValidationFailed ||
           code == ErrorCode::kConflict;
  }

  // The commit, with an exception turned into an error: one escaping would leave the next
  // batch waiting for a commit that never ends.
  Result<void> Guarded(std::span<const T> items) {
    try {
      return commit_(items);
    } catch (const std::exception& e) {
      return Fail(ErrorCode::kInternal, std::string("group commit threw: ") + e.what());
    }
  }

  const Commit commit_;
  std::mutex mutex_;
  std::condition_variable turn_;
  bool committing_ = false;
  std::shared_ptr<Batch> waiting_;  // the batch new submissions join
};

}  // namespace trellis::store::sql
