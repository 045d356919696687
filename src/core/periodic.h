#pragma once
// A background thread that does one job at once and then at a fixed interval, until it is
// destroyed (which waits for a run under way to finish): a server's daily retention run
// looks at the clock every few minutes; its flush of the records of reads runs every second.

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace trellis {

class Periodic {
 public:
  Periodic(std::chrono::milliseconds every, std::function<void()> job);
  Periodic(const Periodic&) = delete;
  Periodic& operator=(const Periodic&) = delete;
  ~Periodic();

 private:
  void Loop();

  const std::chrono::milliseconds every_;
  const std::function<void()> job_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;  // last: started once everything it uses is ready
};

}  // namespace trellis
