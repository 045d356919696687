#include "access/model.h"

#include <gtest/gtest.h>

namespace trellis::access {
namespace {

TEST(RunsOf, JoinsConsecutiveIdsInAnyOrderAndCountsARepeatOnce) {
  EXPECT_EQ(RunsOf({}), std::vector<IdRun>{});
  EXPECT_EQ(RunsOf({7}), (std::vector<IdRun>{{7, 7}}));
  EXPECT_EQ(RunsOf({5, 3, 4, 9, 10, 4, 12}), (std::vector<IdRun>{{3, 5}, {9, 10}, {12, 12}}));
  EXPECT_EQ(RunsOf({1, 1, 2}), (std::vector<IdRun>{{1, 2}}));
}

}  // namespace
}  // namespace trellis::access
