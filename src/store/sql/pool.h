#pragma once
// The connections of one SqlStore, and which thread holds which.
//
// A thread that acquires a connection keeps it until its last lease ends; acquiring again on
// the same thread (a store method calling another, the work inside Transact) returns the same
// connection without waiting, as a recursive mutex would. Other threads take another idle
// connection, open a new one while there are fewer than `size`, or wait in line (a freed
// connection goes to the longest waiting). A SQLite file's pool has two connections (one
// writer at a time, readers beside it), `:memory:`'s one; PostgreSQL's has several.

#include <condition_variable>
#include <deque>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <thread>

#include "core/result.h"
#include "store/sql/connection.h"

namespace trellis::store::sql {

class ConnectionPool {
 public:
  // One connection the pool lends, with its own transaction nesting.
  struct Slot {
    std::unique_ptr<Connection> connection;
    int depth = 0;  // open transactions and savepoints on it
    // Whether the open transaction has written trust data (anything but the audit log,
    // sessions and sign-in failures), so that its commit must advance the data version.
    bool changed_data = false;
    bool taken = false;
  };

  // Ends the holding when the last lease of the thread's connection goes.
  class Lease {
   public:
    Lease(ConnectionPool& pool, Slot& slot) : pool_(&pool), slot_(&slot) {}
    Lease(Lease&& other) noexcept : pool_(std::exchange(other.pool_, nullptr)), slot_(other.slot_) {}
    Lease& operator=(Lease&&) = delete;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease() {
      if (pool_ != nullptr) pool_->Release(*slot_);
    }

   private:
    ConnectionPool* pool_;
    Slot* slot_;
  };

  using Opener = std::function<Result<std::unique_ptr<Connection>>()>;

  // `first` is lent first; `open` makes more, up to `size` in all.
  ConnectionPool(std::unique_ptr<Connection> first, Opener open, int size);
  ~ConnectionPool();
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  // The calling thread's connection: the one it already holds, or another once one is free.
  [[nodiscard]] Result<Lease> Acquire();
  // The slot the calling thread holds; only valid while it holds a lease.
  Slot& Held();
  // Whether the calling thread holds one of this pool's connections.
  bool HeldHere() const;

 private:
  void Release(Slot& slot);

  Opener open_;
  const int size_;
  // A thread waiting for a connection, in line.
  struct Waiter {
    std::condition_variable turn;
    Slot* slot = nullptr;  // handed over by Release
    bool retry = false;    // a connection failed to open: try again
  };
  std::mutex mutex_;
  std::deque<Waiter*> waiting_;
  std::list<Slot> slots_;  // a list: slots never move while lent
};

}  // namespace trellis::store::sql
