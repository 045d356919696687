// The ranked candidates of a key post over HTTP: who may see them, that each read is
// audited, and that the figures are the documented formula's, recomputed here from the
// demo trust's own records through the API.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>

#include "http/fixture.h"

namespace trellis::testing {
namespace {

using nlohmann::json;

std::string T(const Instance& i) { return DemoTrustPath(i); }

// A headteacher key post of the demo trust.
int64_t AHeadship(Instance& i, const Browser& admin) {
  auto posts = i.Send("GET", T(i) + "/posts?key=true&limit=500", &admin);
  for (const auto& p : posts.json["items"])
    if (p["title"] == "Headteacher" && !p["holders"].empty()) return p["id"];
  return 0;
}

TEST(Succession, OnlyTheTrustsLeadersSeeRankingsAndEveryReadIsAudited) {
  auto& i = Shared();
  auto admin = i.SignIn("hr.lead@oakridge.example");
  const int64_t post = AHeadship(i, admin);
  ASSERT_GT(post, 0);
  const std::string at = T(i) + "/posts/" + std::to_string(post) + "/candidates";
  for (const char* who : {"head.ashfield@oakridge.example", "line.manager@oakridge.example",
                          "teacher@oakridge.example", "governor@oakridge.example"}) {
    auto b = i.SignIn(who);
    EXPECT_EQ(i.Send("GET", at, &b).status, 403) << who;
  }
  auto ceo = i.SignIn("ceo@oakridge.example");
  EXPECT_EQ(i.Send("GET", at, &ceo).status, 200);
  auto audit = i.Send("GET", T(i) + "/audit?action=read&entity=succession_candidates&entity_id=" +
                                 std::to_string(post), &admin);
  ASSERT_EQ(audit.status, 200);
  EXPECT_GE(audit.json["total"].get<int>(), 1);
  EXPECT_EQ(audit.json["items"][0]["actor"], "ceo@oakridge.example");
}

TEST(Succession, TheRankingIsTheDocumentedFormulaOverTheTrustsRecords) {
  auto& i = Shared();
  auto admin = i.SignIn("hr.lead@oakridge.example");
  const int64_t post = AHeadship(i, admin);
  auto ranking = i.Send("GET", T(i) + "/posts/" + std::to_string(post) + "/candidates?limit=500", &admin);
  ASSERT_EQ(ranking.status, 200) << ranking.body;
  ASSERT_GT(ranking.json["candidates"].size(), 3u);
  EXPECT_EQ(ranking.json["eligible"].get<size_t>(), ranking.json["candidates"].size());

  // The post's effective profile, through the API.
  auto profile = i.Send("GET", T(i) + "/posts/" + std::to_string(post) + "/profile", &admin);
  ASSERT_EQ(profile.status, 200) << profile.body;
  const json requirements = profile.json["profile"]["requirements"];
  ASSERT_FALSE(requirements.empty());
  double total_weight = 0;
  for (const auto& r : requirements) total_weight += r["weight"].get<double>();

  double previous = 2.0;
  for (const auto& c : ranking.json["candidates"]) {
    // Eligible: one or two rungs below a headship (deputies and assistant heads).
    const std::string stage = c["stage"];
    EXPECT_TRUE(stage == "experienced_senior_leader" || stage == "new_senior_leader") << stage;
    EXPECT_EQ(c["steps"], stage == "experienced_senior_leader" ? 1 : 2);
    // m from the person's latest assessments, recomputed by hand.
    auto latest = i.Send("GET", T(i) + "/assessments?latest=true&limit=500&person_id=" + c["person_id"].dump(), &admin);
    std::map<int64_t, int> level;
    for (const auto& a : latest.json["items"]) level[a["competency_id"]] = a["level"];
    double weighted = 0;
    for (const auto& r : requirements) {
      const int required = r["level"];
      const int assessed = level.contains(r["competency_id"]) ? level[r["competency_id"]] : 0;
      weighted += r["weight"].get<double>() * std::min(assessed, required) / required;
    }
    EXPECT_NEAR(c["match"].get<double>(), weighted / total_weight, 1e-9) << c.dump();
    const double q = c["steps"] == 1 ? 1.0 : 0.5;
    EXPECT_DOUBLE_EQ(c["proximity"].get<double>(), q);
    const double score = 0.5 * c["match"].get<double>() + 0.3 * c["talent"].get<double>() + 0.2 * q;
    EXPECT_NEAR(c["score"].get<double>(), score, 1e-9);
    EXPECT_LE(c["score"].get<double>(), previous + 1e-12) << "ranked best first";
    previous = c["score"].get<double>();
  }
}

TEST(Succession, OnlyKeyPostsHaveCandidates) {
  auto& i = Shared();
  auto admin = i.SignIn("hr.lead@oakridge.example");
  auto posts = i.Send("GET", T(i) + "/posts?key=false&limit=1", &admin);
  const std::string at = T(i) + "/posts/" + posts.json["items"][0]["id"].dump() + "/candidates";
  EXPECT_EQ(i.Send("GET", at, &admin).status, 422);
  EXPECT_EQ(i.Send("GET", at + "?limit=0", &admin).status, 400);
}

}  // namespace
}  // namespace trellis::testing
