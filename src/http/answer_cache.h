#pragma once
// Answers kept for reuse: a confidential read's whole answer (the 9-box grid of a school, the
// succession dashboard of a trust), kept against the data version it was computed at
// (store::Store::DataVersion) and reused for the same question while the version is the
// same. The version is global and changes with every committed write of trust data, by any
// server or the command line, so one cheap read per request says whether an answer still
// holds; a newer version makes every kept answer stale at once, and they are dropped.
//
// The key is the question in full: who asks (the user: what they may see follows from their
// role and posts, both data), the route and its query, and the day (answers about "today").
// With each answer go the audit entries its reads wrote, so that serving it again records the
// read again (server.cc). Bounded by bytes; the least recently used go first.

#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "access/model.h"
#include "http/api.h"

namespace trellis::http {

class AnswerCache {
 public:
  struct Answer {
    Response response;
    std::vector<access::AuditEntry> reads;  // as first recorded
  };

  explicit AnswerCache(size_t budget_bytes) : budget_(budget_bytes) {}

  // The answer kept for `key` at `version`; nothing when there is none or it is older.
  std::shared_ptr<const Answer> Find(const std::string& key, int64_t version);
  // Keeps `answer`, computed from data read after `version` was read. An answer for an
  // older version than one already seen is not kept; one larger than the budget neither.
  void Keep(const std::string& key, int64_t version, Answer answer);

  size_t bytes() const;
  size_t size() const;

 private:
  struct Entry {
    std::string key;
    std::shared_ptr<const Answer> answer;
    size_t bytes;
  };
  // Drops everything kept when `version` is newer than what is kept (the caller holds mutex_).
  void SeeVersion(int64_t version);

  const size_t budget_;
  mutable std::mutex mutex_;
  int64_t version_ = -1;                      // of every answer kept
  std::list<Entry> entries_;                  // most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
  size_t bytes_ = 0;
};

}  // namespace trellis::http
