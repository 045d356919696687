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
    if (idle != slots_.end()) {
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
        freed_.notify_one();
        return Fail(std::move(opened).error());
      }
      fresh.connection = std::move(*opened);
      slot = &fresh;
      break;
    }
    freed_.wait(lock);
  }
  slot->taken = true;
  held_by_this_thread.push_back({this, slot, 1});
  return Lease(*this, *slot);
}

ConnectionPool::Slot& ConnectionPool::Held() {
  // Every caller holds a lease (SqlStore's public methods acquire first), so this is found.
  return *Find(this)->slot;
}

void ConnectionPool::Release(Slot& slot) {
  Holding* h = Find(this);
  if (h == nullptr || --h->leases > 0) return;
  held_by_this_thread.erase(held_by_this_thread.begin() + (h - held_by_this_thread.data()));
  {
    std::lock_guard lock(mutex_);
    slot.taken = false;
  }
  freed_.notify_one();
}

}  // namespace trellis::store::sql
