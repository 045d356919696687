// Imports and exports of the talent review and succession over HTTP: a new trust built
// entirely from CSV files (schools, people, posts, holdings, role profiles, assessments,
// ratings, risks of loss, key posts, successors), then its ranking and pipeline read through
// the API and compared with figures worked out by hand from product.md's default formulas;
// who may import and export the confidential files, and the audit entry an export leaves.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "http/fixture.h"

namespace trellis::testing {
namespace {

using nlohmann::json;
using namespace demo_sign_in;

constexpr double kExact = 1e-9;

// ---- The trust, as CSV files ----
//
// Two schools, twelve people, three key posts:
//   K1 N-HT  Headteacher of North (new headteacher, rung 10), held by N01
//   K2 S-HT  Headteacher of South (new headteacher, rung 10), held by S01
//   K3 N-DHT Deputy headteacher of North (new senior leader, rung 8), held by N02
// Eligible for K1 and K2 (one or two rungs below 10): the experienced senior leaders N02 and
// S02 (rung 9, step s = 1, proximity q = 1) and the new senior leaders N03 and S03 (rung 8,
// s = 2, q = 0.5). Eligible for K3 (below rung 8): the experienced middle leaders N04, S04 and
// S06 (rung 7, q = 1) and the new middle leader N05 (rung 6, q = 0.5).

constexpr std::string_view kSchools =
    "urn,name,phase\n"
    "150001,North Primary,Primary\n"
    "150002,South Academy,Secondary\n";

constexpr std::string_view kPeople =
    "reference,given_name,family_name,stage,joined_trust\n"
    "N01,Nora,North,established_headteacher,2008-09-01\n"
    "S01,Sam,South,established_headteacher,2010-09-01\n"
    "N02,Ned,Deputy,experienced_senior_leader,2012-09-01\n"  // longer service than S02
    "S02,Sue,Deputy,experienced_senior_leader,2016-09-01\n"
    "N03,Nia,Assistant,new_senior_leader,2019-09-01\n"  // the same start as S03
    "S03,Stan,Assistant,new_senior_leader,2019-09-01\n"
    "N04,Noor,Middle,experienced_middle_leader,2015-09-01\n"
    "S04,Seb,Middle,experienced_middle_leader,2017-09-01\n"
    "N05,Nell,Newer,new_middle_leader,2020-09-01\n"
    "S06,Sid,Unrated,experienced_middle_leader,2014-09-01\n"  // no 9-box rating
    "N06,Nat,Teacher,teacher,2021-09-01\n"
    "S05,Sol,Teacher,teacher,2022-09-01\n";

// Not key yet: the key-posts file makes K1, K2 and K3 key.
constexpr std::string_view kPosts =
    "reference,title,school_urn,family,stage\n"
    "N-HT,Headteacher,150001,leadership,new_headteacher\n"
    "S-HT,Headteacher,150002,leadership,new_headteacher\n"
    "N-DHT,Deputy headteacher,150001,leadership,new_senior_leader\n"
    "S-DHT,Deputy headteacher,150002,leadership,new_senior_leader\n"
    "N-ENG,Head of English,150001,teaching,new_middle_leader\n"
    "S-TCH,Teacher,150002,teaching,teacher\n";

constexpr std::string_view kHoldings =
    "post_reference,person_reference,start\n"
    "N-HT,N01,2015-09-01\n"
    "S-HT,S01,2014-09-01\n"
    "N-DHT,N02,2018-09-01\n"
    "S-DHT,S02,2019-09-01\n"
    "N-ENG,N04,2017-09-01\n"
    "S-TCH,S05,2022-09-01\n";

// Headship (K1 and K2, by their career stage): 3C-CA-1 at 4 weighing 2, 3C-CO-2 at 3 and
// 3C-CH-1 at 2 weighing 1 each (Σw = 4). K3's own: 3C-CA-1 at 3 and 3C-CO-2 at 2 (Σw = 2).
constexpr std::string_view kRoleProfiles =
    "profile_name,post_reference,stage,framework,competency,level,weight\n"
    "Headship,,new_headteacher,trellis-3c,3C-CA-1,4,2\n"
    "Headship,,new_headteacher,trellis-3c,3C-CO-2,3,1\n"
    "Headship,,new_headteacher,trellis-3c,3C-CH-1,2,1\n"
    "North deputy,N-DHT,,trellis-3c,3C-CA-1,3,1\n"
    "North deputy,N-DHT,,trellis-3c,3C-CO-2,2,1\n";

// Latest levels: N02, S02 4/3/2; N03, S03 3/3/2; N04 3/2 (after an older 1); S04 2/2;
// S06 3/2; N05 3/1.
constexpr std::string_view kAssessments =
    "staff_reference,framework,competency,level,assessed_on,assessor\n"
    "N02,trellis-3c,3C-CA-1,4,2025-03-01,N01\n"
    "N02,trellis-3c,3C-CO-2,3,2025-03-01,N01\n"
    "N02,trellis-3c,3C-CH-1,2,2025-03-01,N01\n"
    "S02,trellis-3c,3C-CA-1,4,2025-03-02,S01\n"
    "S02,trellis-3c,3C-CO-2,3,2025-03-02,S01\n"
    "S02,trellis-3c,3C-CH-1,2,2025-03-02,S01\n"
    "N03,trellis-3c,3C-CA-1,3,2025-03-03,N01\n"
    "N03,trellis-3c,3C-CO-2,3,2025-03-03,N01\n"
    "N03,trellis-3c,3C-CH-1,2,2025-03-03,N01\n"
    "S03,trellis-3c,3C-CA-1,3,2025-03-04,S01\n"
    "S03,trellis-3c,3C-CO-2,3,2025-03-04,S01\n"
    "S03,trellis-3c,3C-CH-1,2,2025-03-04,S01\n"
    "N04,trellis-3c,3C-CA-1,1,2023-01-10,N01\n"
    "N04,trellis-3c,3C-CA-1,3,2025-01-10,N01\n"
    "N04,trellis-3c,3C-CO-2,2,2025-01-10,N01\n"
    "S04,trellis-3c,3C-CA-1,2,2025-01-11,S01\n"
    "S04,trellis-3c,3C-CO-2,2,2025-01-11,S01\n"
    "S06,trellis-3c,3C-CA-1,3,2025-01-12,S01\n"
    "S06,trellis-3c,3C-CO-2,2,2025-01-12,S01\n"
    "N05,trellis-3c,3C-CA-1,3,2025-01-13,N01\n"
    "N05,trellis-3c,3C-CO-2,1,2025-01-13,N01\n";

// Last year's 9-box, brought in as a closed cycle: the final ratings the ranking reads.
// S06 has none.
constexpr std::string_view kRatings =
    "year,staff_reference,performance,potential,rater,rationale\n"
    "2025,N02,3,2,N01,Runs the school day to day\n"
    "2025,S02,3,2,S01,Runs the school day to day\n"
    "2025,N03,2,3,N01,Growing fast\n"
    "2025,S03,2,3,S01,Growing fast\n"
    "2025,N04,2,2,N01,Solid department\n"
    "2025,S04,3,3,S01,Outstanding year\n"
    "2025,N05,2,2,N01,Good first year\n";

constexpr std::string_view kRisks =
    "staff_reference,risk,departure_window,assessed_on\n"
    "N01,high,within_a_year,2025-06-01\n"
    "N02,medium,,2025-06-01\n";

constexpr std::string_view kKeyPosts =
    "post_reference,impact,review_on,consider_external\n"
    "N-HT,high,2030-01-31,no\n"
    "S-HT,high,2030-01-31,yes\n"
    "N-DHT,medium,2030-01-31,no\n";

// K1 names N02 (no override) and N03 (overridden to 3+ years); K2 an outsider (1-2 years) and
// S02 (overridden to 1-2 years); K3's plan names nobody.
constexpr std::string_view kSuccessors =
    "post_reference,rank,staff_reference,external_name,external_source,readiness,"
    "readiness_reason,emergency\n"
    "N-HT,1,N02,,,,,yes\n"
    "N-HT,2,N03,,,three_plus_years,Needs a year as acting deputy first,no\n"
    "S-HT,1,,Jo Outside,Recruitment,one_to_two_years,,no\n"
    "S-HT,2,S02,,,one_to_two_years,Wants headship experience elsewhere first,yes\n";

// A ranked candidate's figures, as worked out by hand.
struct Gap {
  int required = 0, assessed = 0;
};
struct Figures {
  double match = 0, talent = 0, proximity = 0, score = 0;
  int steps = 0;
  std::string readiness;
  std::optional<Gap> gap;  // the one gap, if any
};

void ExpectFigures(const json& candidate, const Figures& f) {
  SCOPED_TRACE(candidate["reference"].get<std::string>());
  EXPECT_NEAR(candidate["match"].get<double>(), f.match, kExact);
  EXPECT_NEAR(candidate["talent"].get<double>(), f.talent, kExact);
  EXPECT_NEAR(candidate["proximity"].get<double>(), f.proximity, kExact);
  EXPECT_NEAR(candidate["score"].get<double>(), f.score, kExact);
  EXPECT_EQ(candidate["steps"], f.steps);
  EXPECT_EQ(candidate["suggested_readiness"], f.readiness);
  ASSERT_EQ(candidate["gaps"].size(), f.gap ? 1u : 0u);
  if (!f.gap) return;
  EXPECT_EQ(candidate["gaps"][0]["required"], f.gap->required);
  EXPECT_EQ(candidate["gaps"][0]["assessed"], f.gap->assessed);
}

class TrustFromFiles : public ::testing::Test {
 protected:
  // One trust for the whole suite: built once, through the API, by its own administrator.
  static void SetUpTestSuite() {
    auto& i = Shared();
    auto platform = i.SignIn(kPlatformAdmin);
    auto trust = i.Send("POST", "/api/v1/trusts", &platform,
                        json{{"name", "Files Learning Trust"}, {"reference", "TR04242"}}.dump());
    ASSERT_EQ(trust.status, 201) << trust.body;
    path_ = "/api/v1/trusts/" + Str(trust.json["id"]);
    auto user = i.Send("POST", path_ + "/users", &platform,
                       json{{"email", "hr@files.example"},
                            {"display_name", "Files HR"},
                            {"role", "trust_admin"},
                            {"password", "a long and unusual phrase"}}
                           .dump());
    ASSERT_EQ(user.status, 201) << user.body;
    admin_ = i.SignIn("hr@files.example", "a long and unusual phrase");
    const std::pair<const char*, std::string_view> files[] = {
        {"schools", kSchools},         {"people", kPeople},      {"posts", kPosts},
        {"holdings", kHoldings},       {"key-posts", kKeyPosts}, {"role-profiles", kRoleProfiles},
        {"assessments", kAssessments}, {"ratings", kRatings},    {"risks", kRisks},
        {"successors", kSuccessors}};
    for (const auto& [kind, file] : files) {
      auto reply =
          i.Send("POST", path_ + "/imports/" + kind, &admin_, std::string(file), true, "text/csv");
      ASSERT_EQ(reply.status, 200) << kind << ": " << reply.body;
      reports_[kind] = reply.json;
    }
  }

  static json Get(const std::string& target) {
    auto reply = Shared().Send("GET", path_ + target, &admin_);
    EXPECT_EQ(reply.status, 200) << target << ": " << reply.body.substr(0, 300);
    return reply.json;
  }

  static int64_t PostId(const std::string& reference) {
    const json posts = Get("/posts?limit=100");
    for (const auto& p : posts["items"])
      if (p["reference"] == reference) return p["id"].get<int64_t>();
    ADD_FAILURE() << "no post " << reference;
    return 0;
  }

  static json Ranking(const std::string& post) {
    return Get("/posts/" + std::to_string(PostId(post)) + "/candidates?limit=50");
  }

  static std::vector<std::string> References(const json& ranking) {
    std::vector<std::string> out;
    for (const auto& c : ranking["candidates"]) out.push_back(c["reference"]);
    return out;
  }

  static inline std::string path_;
  static inline Browser admin_;
  static inline std::map<std::string, json> reports_;
};

TEST_F(TrustFromFiles, EveryFileImportedWhatItHeld) {
  auto counts = [](const json& r) {
    return std::vector<int64_t>{r["rows"], r["created"], r["updated"], r["unchanged"]};
  };
  EXPECT_EQ(counts(reports_["people"]), (std::vector<int64_t>{12, 12, 0, 0}));
  EXPECT_EQ(counts(reports_["key-posts"]), (std::vector<int64_t>{3, 3, 0, 0}));
  EXPECT_EQ(counts(reports_["role-profiles"]), (std::vector<int64_t>{5, 2, 0, 0}));  // profiles
  EXPECT_EQ(counts(reports_["assessments"]), (std::vector<int64_t>{21, 21, 0, 0}));
  EXPECT_EQ(counts(reports_["ratings"]), (std::vector<int64_t>{7, 7, 0, 0}));
  EXPECT_EQ(counts(reports_["risks"]), (std::vector<int64_t>{2, 2, 0, 0}));
  // Plans of K1 and K2, written by the key-posts file, get their lists.
  EXPECT_EQ(counts(reports_["successors"]), (std::vector<int64_t>{4, 0, 2, 0}));
  const json cycles = Get("/review-cycles");
  ASSERT_EQ(cycles["items"].size(), 1u);
  EXPECT_EQ(cycles["items"][0]["name"], "2025/26 (imported)");
  EXPECT_EQ(cycles["items"][0]["status"], "closed");
}

// K1, worked by hand (score = 0.5·m + 0.3·t + 0.2·q, t = (performance + potential − 2) / 4):
//   N02: m = (2·4/4 + 1·3/3 + 1·2/2) / 4 = 1; t = (3 + 2 − 2)/4 = 0.75; q = 1 (s = 1)
//        score = 0.5 + 0.225 + 0.2 = 0.925; ready now (m ≥ 0.9, performance 3 ≥ 2, s = 1)
//   S02: the same figures; ranks after N02 by longer service (N02 joined 2012, S02 2016)
//   N03: m = (2·3/4 + 1 + 1) / 4 = 0.875, gap 3C-CA-1 (3 < 4); t = (2 + 3 − 2)/4 = 0.75;
//        q = 0.5 (s = 2); score = 0.4375 + 0.225 + 0.1 = 0.7625; 1–2 years (m ≥ 0.7, s = 2)
//   S03: the same figures and the same start date; ranks after N03 by staff reference
// Order: N02, S02, N03, S03 (N01 holds the post; N04... are three rungs or more below).
TEST_F(TrustFromFiles, TheHeadshipRankingIsTheFormulasWithTiesBrokenByServiceThenReference) {
  const json ranking = Ranking("N-HT");
  EXPECT_EQ(ranking["eligible"], 4);
  ASSERT_EQ(References(ranking), (std::vector<std::string>{"N02", "S02", "N03", "S03"}));
  const json& c = ranking["candidates"];
  const Figures deputy{.match = 1.0,
                       .talent = 0.75,
                       .proximity = 1.0,
                       .score = 0.925,
                       .steps = 1,
                       .readiness = "ready_now"};
  const Figures assistant{.match = 0.875,
                          .talent = 0.75,
                          .proximity = 0.5,
                          .score = 0.7625,
                          .steps = 2,
                          .readiness = "one_to_two_years",
                          .gap = Gap{4, 3}};
  for (size_t k = 0; k < 4; ++k) ExpectFigures(c[k], k < 2 ? deputy : assistant);
  // Named on K1's plan by the successors file: N02 and N03.
  EXPECT_TRUE(c[0]["named"]);
  EXPECT_FALSE(c[1]["named"]);
  EXPECT_TRUE(c[2]["named"]);
  EXPECT_FALSE(c[3]["named"]);
}

// K3, worked by hand (its own profile: 3C-CA-1 at 3, 3C-CO-2 at 2, weights 1):
//   S04: m = (2/3 + 2/2) / 2 = 0.833333; gap 3C-CA-1 (2 < 3); t = (3 + 3 − 2)/4 = 1; q = 1
//        score = 0.416667 + 0.3 + 0.2 = 0.916667; 1–2 years (m < 0.9)
//   N04: m = (3/3 + 2/2) / 2 = 1 (the 2025 assessment counts, not 2023's); t = 0.5; q = 1
//        score = 0.5 + 0.15 + 0.2 = 0.85; ready now
//   S06: m = 1; no rating, so t = 0 (and "rated" false); q = 1; score = 0.5 + 0 + 0.2 = 0.7;
//        1–2 years (no performance to be ready now)
//   N05: m = (3/3 + 1/2) / 2 = 0.75; gap 3C-CO-2 (1 < 2); t = 0.5; q = 0.5 (s = 2)
//        score = 0.375 + 0.15 + 0.1 = 0.625; 1–2 years
TEST_F(TrustFromFiles, TheDeputyRankingCountsAPersonWithNoRatingAsTalentZero) {
  const json ranking = Ranking("N-DHT");
  ASSERT_EQ(References(ranking), (std::vector<std::string>{"S04", "N04", "S06", "N05"}));
  const json& c = ranking["candidates"];
  ExpectFigures(c[0], {.match = 5.0 / 6,
                       .talent = 1.0,
                       .proximity = 1.0,
                       .score = 0.5 * (5.0 / 6) + 0.3 + 0.2,
                       .steps = 1,
                       .readiness = "one_to_two_years",
                       .gap = Gap{3, 2}});
  ExpectFigures(c[1], {.match = 1.0,
                       .talent = 0.5,
                       .proximity = 1.0,
                       .score = 0.85,
                       .steps = 1,
                       .readiness = "ready_now"});
  ExpectFigures(c[2], {.match = 1.0,
                       .talent = 0.0,
                       .proximity = 1.0,
                       .score = 0.7,
                       .steps = 1,
                       .readiness = "one_to_two_years"});
  ExpectFigures(c[3], {.match = 0.75,
                       .talent = 0.5,
                       .proximity = 0.5,
                       .score = 0.625,
                       .steps = 2,
                       .readiness = "one_to_two_years",
                       .gap = Gap{2, 1}});
  EXPECT_FALSE(c[2]["rated"]);
  EXPECT_TRUE(c[0]["rated"]);
}

// The pipeline, worked by hand:
//   named successors: K1 N02 and N03; K2 Jo Outside and S02; K3 nobody.
//   coverage = 2 ÷ 3 (K1, K2).
//   ready now: K1's N02 (no override; suggested ready now); N03 is overridden to 3+ years;
//   K2's outsider is judged 1–2 years and S02 overridden to 1–2 years. Ready-now coverage =
//   1 ÷ 3 (K1).
//   bench (θ = 0.8): K1 and K2 each {N02, S02, N03, S03} (m = 1, 1, 0.875, 0.875), each
//   person on two benches, counting 1/2: strength 2 each. K3 {S04, N04, S06} (N05's 0.75 is
//   below θ), each on one bench: strength 3. Overall (2 + 2 + 3) ÷ 3 = 7/3; headship
//   (K1, K2) 4 ÷ 2 = 2; senior leadership (K3) 3 ÷ 1 = 3.
//   K1's holder N01 is at high risk and K1 has a ready-now successor: 0 of 1 high-risk posts
//   without one.
TEST_F(TrustFromFiles, ThePipelineIsTheDocumentedMetricsOfThePlans) {
  const json d = Get("/pipeline");
  const json& overall = d["overall"];
  EXPECT_EQ(overall["key_posts"], 3);
  EXPECT_EQ(overall["coverage"]["numerator"], 2);
  EXPECT_EQ(overall["coverage"]["denominator"], 3);
  EXPECT_EQ(overall["ready_now_coverage"]["numerator"], 1);
  EXPECT_EQ(overall["ready_now_coverage"]["denominator"], 3);
  EXPECT_NEAR(overall["bench_strength"]["total"].get<double>(), 7.0, kExact);
  // 7/3, to four decimal places as the dashboard gives it.
  EXPECT_NEAR(overall["bench_strength"]["value"].get<double>(), 2.3333, kExact);

  std::map<std::string, json> groups;
  for (const auto& g : d["role_groups"]) groups[g["code"]] = g;
  EXPECT_EQ(groups["headship"]["key_posts"], 2);
  EXPECT_EQ(groups["headship"]["coverage"]["numerator"], 2);
  EXPECT_EQ(groups["headship"]["ready_now_coverage"]["numerator"], 1);
  EXPECT_NEAR(groups["headship"]["bench_strength"]["value"].get<double>(), 2.0, kExact);
  EXPECT_EQ(groups["senior_leadership"]["key_posts"], 1);
  EXPECT_EQ(groups["senior_leadership"]["coverage"]["numerator"], 0);
  EXPECT_NEAR(groups["senior_leadership"]["bench_strength"]["value"].get<double>(), 3.0, kExact);

  std::map<int64_t, json> lines;
  for (const auto& p : d["posts"]) lines[p["post_id"].get<int64_t>()] = p;
  const json& k1 = lines[PostId("N-HT")];
  EXPECT_EQ(k1["named_successors"], 2);
  EXPECT_EQ(k1["ready_now_successors"], 1);
  EXPECT_NEAR(k1["bench_strength"].get<double>(), 2.0, kExact);
  EXPECT_EQ(k1["holder_risk"], "high");
  const json& k2 = lines[PostId("S-HT")];
  EXPECT_EQ(k2["named_successors"], 2);
  EXPECT_EQ(k2["ready_now_successors"], 0);
  const json& k3 = lines[PostId("N-DHT")];
  EXPECT_EQ(k3["named_successors"], 0);
  EXPECT_NEAR(k3["bench_strength"].get<double>(), 3.0, kExact);
  const json& high_risk = d["lists"]["high_risk_without_ready_successor"];
  EXPECT_EQ(high_risk["numerator"], 0);
  EXPECT_EQ(high_risk["denominator"], 1);
}

TEST_F(TrustFromFiles, EveryNewKindExportsAndImportsBackUnchanged) {
  auto& i = Shared();
  for (const char* kind :
       {"role-profiles", "assessments", "ratings", "risks", "key-posts", "successors"}) {
    auto csv = i.Send("GET", path_ + "/exports/" + kind + "?format=csv", &admin_);
    ASSERT_EQ(csv.status, 200) << kind << ": " << csv.body;
    auto back = i.Send("POST", path_ + "/imports/" + kind, &admin_, csv.body, true, "text/csv");
    ASSERT_EQ(back.status, 200) << kind << ": " << back.body;
    EXPECT_EQ(back.json["created"], 0) << kind;
    EXPECT_EQ(back.json["updated"], 0) << kind;
    EXPECT_GT(back.json["unchanged"].get<int64_t>(), 0) << kind;
  }
}

// ---- Who may import and export them (the demo trust's sign-ins) ----

TEST(ExchangePermissions, HeadteachersAndLineManagersCannotImportRatingsOrRisks) {
  auto& i = Shared();
  const std::string t = DemoTrustPath(i);
  for (const char* who : {kHeadteacher, kLineManager, kExecutive}) {
    auto b = i.SignIn(who);
    for (const char* kind : {"ratings", "risks", "successors"}) {
      auto reply =
          i.Send("POST", t + "/imports/" + kind, &b,
                 "year,staff_reference,performance,potential,rater,rationale\n", true, "text/csv");
      EXPECT_EQ(reply.status, 403) << who << " " << kind << ": " << reply.body;
    }
  }
  // Nor export them: exports are for the whole-trust roles.
  for (const char* who : {kHeadteacher, kLineManager}) {
    auto b = i.SignIn(who);
    for (const char* kind : {"ratings", "risks", "successors"})
      EXPECT_EQ(i.Send("GET", t + "/exports/" + kind, &b).status, 403) << who << " " << kind;
  }
}

TEST(ExchangePermissions, ExportsOfRatingsRisksAndPlansAreAuditedReads) {
  auto& i = Shared();
  const std::string t = DemoTrustPath(i);
  auto admin = i.SignIn(kTrustAdmin);
  auto ceo = i.SignIn(kExecutive);
  auto reads = [&](const std::string& entity) {
    auto reply =
        i.Send("GET", t + "/audit?action=read&entity=" + entity + "&entity_id=export", &admin);
    EXPECT_EQ(reply.status, 200) << reply.body;
    return reply.json["total"].get<int64_t>();
  };
  const int64_t ratings = reads("rating"), risks = reads("loss_risk"),
                plans = reads("succession_plan");
  auto exported = i.Send("GET", t + "/exports/ratings?format=csv", &ceo);
  ASSERT_EQ(exported.status, 200) << exported.body;
  EXPECT_THAT(exported.body, ::testing::HasSubstr("year,staff_reference,performance,potential"));
  EXPECT_EQ(reads("rating"), ratings + 1);
  auto audit = i.Send("GET", t + "/audit?action=read&entity=rating&entity_id=export", &admin);
  EXPECT_EQ(audit.json["items"][0]["actor"], kExecutive);

  EXPECT_EQ(i.Send("GET", t + "/exports/risks?format=xlsx", &ceo).status, 200);
  EXPECT_EQ(reads("loss_risk"), risks + 1);
  EXPECT_EQ(i.Send("GET", t + "/exports/successors", &admin).status, 200);
  EXPECT_EQ(reads("succession_plan"), plans + 1);
  // Role profiles are not confidential: no read is logged.
  const int64_t all_reads = reads("rating") + reads("loss_risk") + reads("succession_plan");
  EXPECT_EQ(i.Send("GET", t + "/exports/role-profiles", &ceo).status, 200);
  EXPECT_EQ(reads("rating") + reads("loss_risk") + reads("succession_plan"), all_reads);
  // A year is for ratings only.
  EXPECT_EQ(i.Send("GET", t + "/exports/risks?year=2025", &admin).status, 400);
}

}  // namespace
}  // namespace trellis::testing
