#include "store/sql/pool.h"

#include <algorithm>
#include <vector>

namespace trellis::store::sql {
namespace {

// What this thread holds, in any pool: {pool, slot, leases}. Kept per thread so a nested
// acquire and every statement's "which connection" need no lock.
struct Holding {
  const ConnectionPool* pool;
  ConnectionPool::Slot* slot;
  int leases;
};
thread_local std::vector<Holding> held_by_this_thread;

Holding* Find(const ConnectionPool* pool) {
  for (Holding& h : held_by_this_thread)
    if (h.pool == pool) return &h;
  return nullptr;
}

}  // namespace

ConnectionPool::ConnectionPool(std::unique_ptr<Connection> first, Opener open, int size)
    : open_(std::move(open)), size_(std::max(size, 1)) {
  slots_.emplace_back().connection = std::move(first);
}

ConnectionPool::~ConnectionPool() = default;

Result<ConnectionPool::Lease> ConnectionPool::Acquire() {
  if (Holding* h = Find(this)) {
    ++h->leases;
    return Lease(*this, *h->slot);
  }
  std::unique_lock lock(mutex_);
  Slot* slot = nullptr;
  while (slot == nullptr) {
    auto idle = std::find_if(slots_.begin(), slots_.end(),
                             [](const Slot& s) { return !s.taken && s.connection; });
    if (idle != slots_.end() && waiting_.empty()) {
      slot = &*idle;
      break;
    }
    if (static_cast<int>(slots_.size()) < size_ && open_) {
      // Reserve the slot, then connect without the lock: opening can take a while.
      Slot& fresh = slots_.emplace_back();
      fresh.taken = true;
      lock.unlock();
      auto opened = open_();
      lock.lock();
      if (!opened) {
        slots_.remove_if([&](const Slot& s) { return &s == &fresh; });
        // The first waiter may try to open one itself.
        if (!waiting_.empty()) {
          waiting_.front()->retry = true;
          waiting_.front()->turn.notify_one();
          waiting_.pop_front();
        }
        return Fail(std::move(opened).error());
      }
      fresh.connection = std::move(*opened);
      slot = &fresh;
      break;
    }
    // Wait in line: Release hands its connection to the first in line, so under load every
    // thread gets one in the order it asked (a free-for-all left a few requests waiting
    // for a second or more while others went round many times).
    Waiter me;
    waiting_.push_back(&me);
    me.turn.wait(lock, [&] { return me.slot != nullptr || me.retry; });
    slot = me.slot;
  }
  slot->taken = true;
  held_by_this_thread.push_back({this, slot, 1});
  return Lease(*this, *slot);
}

ConnectionPool::Slot& ConnectionPool::Held() {
  // Every caller holds a lease (SqlStore's public methods acquire first), so this is found.
  return *Find(this)->slot;
}

bool ConnectionPool::HeldHere() const { return Find(this) != nullptr; }

void ConnectionPool::Release(Slot& slot) {
  Holding* h = Find(this);
  if (h == nullptr || --h->leases > 0) return;
  held_by_this_thread.erase(held_by_this_thread.begin() + (h - held_by_this_thread.data()));
  std::lock_guard lock(mutex_);
  if (waiting_.empty()) {
    slot.taken = false;
    return;
  }
  // Straight to the first in line: the slot stays taken.
  Waiter* next = waiting_.front();
  waiting_.pop_front();
  next->slot = &slot;
  next->turn.notify_one();
}

}  // namespace trellis::store::sql
