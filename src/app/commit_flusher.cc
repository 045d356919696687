#include "app/commit_flusher.h"

#include <spdlog/spdlog.h>

namespace trellis::app {

CommitFlusher::CommitFlusher(store::Store& store, std::chrono::milliseconds every)
    : store_(store) {
  thread_.emplace(every, [this] { Flush(); });
}

CommitFlusher::~CommitFlusher() {
  thread_.reset();  // stopped first, so that this is the last flush
  Flush();
}

void CommitFlusher::Flush() {
  // A failure is logged and tried again next time; the records stay safe from a crash of
  // trellis meanwhile.
  if (auto flushed = store_.FlushCommits(); !flushed)
    spdlog::warn("could not flush the records of reads to disk: {}", flushed.error().message);
}

}  // namespace trellis::app
