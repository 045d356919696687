#include "http/answer_cache.h"

#include <gtest/gtest.h>

namespace trellis::http {
namespace {

AnswerCache::Answer AnswerOf(std::string body) {
  AnswerCache::Answer answer;
  answer.response.body = std::move(body);
  access::AuditEntry read;
  read.action = "read";
  read.entity = "ratings";
  read.entity_id = "cycle 1 grid";
  answer.reads.push_back(read);
  return answer;
}

TEST(AnswerCache, AnAnswerIsReusedForTheSameQuestionAtTheSameVersionOnly) {
  AnswerCache cache(1 << 20);
  EXPECT_EQ(cache.Find("ada /grid", 7), nullptr);
  cache.Keep("ada /grid", 7, AnswerOf("grid at 7"));
  const auto found = cache.Find("ada /grid", 7);
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(found->response.body, "grid at 7");
  ASSERT_EQ(found->reads.size(), 1U);
  EXPECT_EQ(found->reads[0].entity_id, "cycle 1 grid");
  EXPECT_EQ(cache.Find("bob /grid", 7), nullptr);  // another question

  // The data changed: nothing kept holds any more, and it is all let go.
  EXPECT_EQ(cache.Find("ada /grid", 8), nullptr);
  EXPECT_EQ(cache.size(), 0U);
  EXPECT_EQ(cache.bytes(), 0U);
}

TEST(AnswerCache, AnAnswerComputedAtAnOlderVersionIsNeitherKeptNorServed) {
  AnswerCache cache(1 << 20);
  cache.Keep("ada /grid", 8, AnswerOf("grid at 8"));
  // A request that read version 7 before the write finished its answer after it.
  cache.Keep("ada /dashboard", 7, AnswerOf("dashboard at 7"));
  EXPECT_EQ(cache.Find("ada /dashboard", 8), nullptr);
  EXPECT_EQ(cache.Find("ada /grid", 7), nullptr);
  EXPECT_NE(cache.Find("ada /grid", 8), nullptr);
}

TEST(AnswerCache, TheLeastRecentlyUsedGoFirstWhenOverBudget) {
  const std::string body(1000, 'x');
  AnswerCache probe(1 << 20);
  probe.Keep("a", 1, AnswerOf(body));
  const size_t one = probe.bytes();  // what one such answer counts for
  AnswerCache cache(one * 3 + one / 2);
  cache.Keep("a", 1, AnswerOf(body));
  cache.Keep("b", 1, AnswerOf(body));
  cache.Keep("c", 1, AnswerOf(body));
  ASSERT_NE(cache.Find("a", 1), nullptr);  // a is now the most recently used
  cache.Keep("d", 1, AnswerOf(body));
  EXPECT_LE(cache.bytes(), one * 3 + one / 2);
  EXPECT_NE(cache.Find("a", 1), nullptr);
  EXPECT_EQ(cache.Find("b", 1), nullptr);
  EXPECT_NE(cache.Find("d", 1), nullptr);

  // Keeping a key again replaces it, counted once.
  const size_t before = cache.bytes();
  cache.Keep("d", 1, AnswerOf(body));
  EXPECT_EQ(cache.bytes(), before);
  // One answer larger than the whole budget is not kept.
  cache.Keep("huge", 1, AnswerOf(std::string(one * 4, 'y')));
  EXPECT_EQ(cache.Find("huge", 1), nullptr);
}

}  // namespace
}  // namespace trellis::http
