// Answers kept for reuse (http/answer_cache.h): a confidential read served again while the
// data is unchanged is the same answer, recorded in the audit log again each time; any
// change of data is seen at once; an answer is kept for the one who asked only.

#include <gtest/gtest.h>

#include "http/fixture.h"

namespace trellis::testing {
namespace {

using nlohmann::json;
using namespace demo_sign_in;

std::string T(const Instance& i) { return DemoTrustPath(i); }

int Reads(Instance& i, const std::string& entity, const std::string& entity_id) {
  auto admin = i.SignIn(kTrustAdmin);
  auto audit = i.Send("GET", T(i) + "/audit?action=read&entity=" + entity + "&entity_id=" + entity_id,
                      &admin);
  EXPECT_EQ(audit.status, 200) << audit.body;
  return audit.json["total"].get<int>();
}

TEST(Answers, AnAnswerServedAgainIsTheSameAndEachServingIsAudited) {
  Instance& i = Shared();
  const Browser ceo = i.SignIn(kExecutive);
  const int reads_before = Reads(i, "succession_pipeline", "dashboard");
  auto first = i.Send("GET", T(i) + "/pipeline", &ceo);
  auto second = i.Send("GET", T(i) + "/pipeline", &ceo);
  auto third = i.Send("GET", T(i) + "/pipeline", &ceo);
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(second.body, first.body);
  EXPECT_EQ(third.body, first.body);
  EXPECT_EQ(Reads(i, "succession_pipeline", "dashboard"), reads_before + 3);

  auto admin = i.SignIn(kTrustAdmin);
  auto audit = i.Send("GET", T(i) + "/audit?action=read&entity=succession_pipeline&entity_id=dashboard",
                      &admin);
  ASSERT_EQ(audit.status, 200);
  for (int n = 0; n < 3; ++n) EXPECT_EQ(audit.json["items"][n]["actor"], kExecutive);
}

TEST(Answers, AChangeOfDataIsSeenAtOnce) {
  Instance& i = Shared();
  const Browser admin = i.SignIn(kTrustAdmin);
  auto before = i.Send("GET", T(i) + "/pipeline", &admin);
  ASSERT_EQ(before.status, 200) << before.body;
  const int overload = before.json["settings"]["overload_plans"].get<int>();
  ASSERT_EQ(i.Send("GET", T(i) + "/pipeline", &admin).body, before.body);  // kept

  auto put = i.Send("PUT", T(i) + "/formula-settings", &admin, json{{"overload_plans", overload + 1}}.dump());
  ASSERT_EQ(put.status, 200) << put.body;
  auto after = i.Send("GET", T(i) + "/pipeline", &admin);
  EXPECT_EQ(after.json["settings"]["overload_plans"], overload + 1);

  put = i.Send("PUT", T(i) + "/formula-settings", &admin, json{{"overload_plans", overload}}.dump());
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(i.Send("GET", T(i) + "/pipeline", &admin).json["settings"]["overload_plans"], overload);
}

TEST(Answers, AnAnswerIsKeptForTheOneWhoAskedOnly) {
  Instance& i = Shared();
  const Browser ceo = i.SignIn(kExecutive);
  const Browser head = i.SignIn(kHeadteacher);
  // The demo's rated cycle (SampleIds passes over the empty ones other tests open).
  const std::string grid =
      T(i) + "/review-cycles/" + Str(i.SampleIds(i.demo_trust())["cycle_id"]) + "/grid";
  auto whole_trust = i.Send("GET", grid, &ceo);
  ASSERT_EQ(whole_trust.status, 200) << whole_trust.body;
  ASSERT_EQ(i.Send("GET", grid, &ceo).body, whole_trust.body);  // kept for the executive

  // The same address asked by a headteacher: their own staff only, not the kept answer.
  auto own_staff = i.Send("GET", grid, &head);
  ASSERT_EQ(own_staff.status, 200) << own_staff.body;
  EXPECT_LT(own_staff.json["total"].get<int>(), whole_trust.json["total"].get<int>());
  // Nor one who may not see the grid at all.
  const Browser staff = i.SignIn(kStaff);
  EXPECT_EQ(i.Send("GET", grid, &staff).status, 403);

  // Another question (a filter) is another answer.
  auto school = i.Send("GET", grid + "?school_id=" + Str(i.SampleIds(i.demo_trust())["school_id"]), &ceo);
  ASSERT_EQ(school.status, 200) << school.body;
  EXPECT_LE(school.json["total"].get<int>(), whole_trust.json["total"].get<int>());
  EXPECT_NE(school.body, whole_trust.body);
}

}  // namespace
}  // namespace trellis::testing
