#include "http/answer_cache.h"

namespace trellis::http {
namespace {

// Roughly what an answer holds in memory: enough to keep the budget honest.
size_t SizeOf(const std::string& key, const AnswerCache::Answer& answer) {
  size_t bytes = key.size() + answer.response.body.size() + answer.response.content_type.size() + 256;
  for (const auto& [name, value] : answer.response.headers) bytes += name.size() + value.size() + 64;
  for (const auto& entry : answer.reads)
    bytes += sizeof entry + entry.actor.size() + entry.action.size() + entry.entity.size() +
             entry.entity_id.size() + entry.before.size() + entry.after.size() + entry.remote.size();
  return bytes;
}

}  // namespace

void AnswerCache::SeeVersion(int64_t version) {
  if (version <= version_) return;
  version_ = version;
  entries_.clear();
  index_.clear();
  bytes_ = 0;
}

std::shared_ptr<const AnswerCache::Answer> AnswerCache::Find(const std::string& key,
                                                             int64_t version) {
  std::lock_guard lock(mutex_);
  SeeVersion(version);
  if (version != version_) return nullptr;  // the caller read an older version: recompute
  auto it = index_.find(key);
  if (it == index_.end()) return nullptr;
  entries_.splice(entries_.begin(), entries_, it->second);
  return it->second->answer;
}

void AnswerCache::Keep(const std::string& key, int64_t version, Answer answer) {
  const size_t bytes = SizeOf(key, answer);
  std::lock_guard lock(mutex_);
  SeeVersion(version);
  if (version != version_ || bytes > budget_) return;
  if (auto it = index_.find(key); it != index_.end()) {
    bytes_ -= it->second->bytes;
    entries_.erase(it->second);
    index_.erase(it);
  }
  entries_.push_front({key, std::make_shared<const Answer>(std::move(answer)), bytes});
  index_[key] = entries_.begin();
  bytes_ += bytes;
  while (bytes_ > budget_) {
    bytes_ -= entries_.back().bytes;
    index_.erase(entries_.back().key);
    entries_.pop_back();
  }
}

size_t AnswerCache::bytes() const {
  std::lock_guard lock(mutex_);
  return bytes_;
}

size_t AnswerCache::size() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

}  // namespace trellis::http
