#pragma once
// Group commit: writes that many threads submit at once, committed together.
//
// Every confidential read is audit-logged, and each log entry must be committed before the
// answer goes out (a crash must not lose the record of a read that was shown). One commit per
// entry caps a busy server at one commit's round of locks, writes and wake-ups per read,
// however cheap the read. Here the first thread to arrive commits its own entry at once (no
// added wait when the server is quiet); threads that arrive while that commit runs gather in
// the next batch, which the committing thread commits next in one transaction (a few in a
// row at most; then one of the waiting batch takes over). Each returns only once its entry is
// committed, with its own entry's result: a batch the store refuses for one of its entries is
// retried entry by entry, so one bad entry fails only its submitter.
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

#include "core/deadline.h"
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
    batch->turn.wait(lock, [&] { return batch->done || !committing_; });
    if (!batch->done) {
      // This thread commits the batch it joined; then, while others have gathered meanwhile,
      // theirs too, a few times at most (its own caller waits for them). Handing the next
      // batch to one of its own threads meant waking that thread first, which under load
      // took as long as the commit itself and kept the batches small.
      committing_ = true;
      std::shared_ptr<Batch> next = batch;
      for (int round = 0; next && round < kMostRounds; ++round) {
        waiting_.reset();  // `next` is the waiting batch: new arrivals start another
        lock.unlock();
        std::vector<Result<void>> results = CommitAll(next->items);
        lock.lock();
        next->results = std::move(results);
        next->done = true;
        next->turn.notify_all();
        next = waiting_;
      }
      committing_ = false;
      // One of the batch still waiting, if any, commits it.
      if (waiting_) waiting_->turn.notify_one();
    }
    return batch->results[mine];
  }

 private:
  // Batches one thread commits in a row at most, its own first.
  static constexpr int kMostRounds = 4;

  struct Batch {
    std::vector<T> items;
    std::vector<Result<void>> results;  // one per item, once done
    bool done = false;
    std::condition_variable turn;  // its threads wait here: for it to be done, or to commit it
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
    // Done for every caller waiting on it: no one caller's deadline may cut it short.
    const ScopedDeadline none(std::nullopt);
    try {
      return commit_(items);
    } catch (const std::exception& e) {
      return Fail(ErrorCode::kInternal, std::string("group commit threw: ") + e.what());
    }
  }

  const Commit commit_;
  std::mutex mutex_;
  bool committing_ = false;
  std::shared_ptr<Batch> waiting_;  // the batch new submissions join
};

}  // namespace trellis::store::sql
