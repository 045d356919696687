#pragma once
// The thread of a server (`trellis serve`) that makes the records of reads durable on disk
// every second (store::Store::FlushCommits): they are committed without waiting for the disk
// (docs/adr/0008), so a power cut loses at most the last second's. Flushes once more when
// it stops.

#include <chrono>
#include <optional>

#include "core/periodic.h"
#include "store/store.h"

namespace trellis::app {

class CommitFlusher {
 public:
  explicit CommitFlusher(store::Store& store,
                         std::chrono::milliseconds every = std::chrono::seconds(1));
  CommitFlusher(const CommitFlusher&) = delete;
  CommitFlusher& operator=(const CommitFlusher&) = delete;
  ~CommitFlusher();

 private:
  void Flush();

  store::Store& store_;
  std::optional<Periodic> thread_;
};

}  // namespace trellis::app
