#include "core/periodic.h"

namespace trellis {

Periodic::Periodic(std::chrono::milliseconds every, std::function<void()> job)
    : every_(every), job_(std::move(job)), thread_([this] { Loop(); }) {}

Periodic::~Periodic() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void Periodic::Loop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    job_();
    lock.lock();
    wake_.wait_for(lock, every_, [this] { return stopping_; });
  }
}

}  // namespace trellis
