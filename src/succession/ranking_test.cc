// The ranking formula on hand-worked examples. Every expected figure below is worked out
// by hand in the comment beside it, from the formula in ranking.h.

#include "succession/ranking.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <random>

#include "succession/bench.h"

namespace trellis::succession {
namespace {

using org::CareerStage;
using ::testing::ElementsAre;

const TrustId kTrust(1);
const CompetencyId kStrategy(1), kPeople(2), kFinance(3);

Date Day(const char* iso) { return *Date::Parse(iso); }

// Builds candidates tersely: Person(1, CareerStage::kTeacher).Rated(2, 3).Level(kStrategy, 2)...
struct Person {
  Candidate c;
  Person(int64_t id, std::optional<CareerStage> stage, TrustId trust = kTrust) {
    c.id = PersonId(id);
    c.trust = trust;
    c.stage = stage;
    c.reference = "S" + std::to_string(1000 + id);
  }
  Person& Rated(int performance, int potential) { c.rating = NineBox{performance, potential}; return *this; }
  Person& Level(CompetencyId competency, int level) { c.levels.push_back({competency, level}); return *this; }
  Person& Joined(const char* iso) { c.joined = Day(iso); return *this; }
  Person& Ref(std::string reference) { c.reference = std::move(reference); return *this; }
  Person& Member(BodyId body, org::MembershipRole role) { c.memberships.push_back({body, role}); return *this; }
  operator Candidate() const { return c; }
};

// The headship: strategy level 3 (weight 2), people level 2 (weight 1), finance 4 (weight 1).
KeyPost Headship(int64_t id = 100, std::vector<PersonId> holders = {}) {
  return KeyPost{.id = PostId(id), .trust = kTrust, .title = "Headteacher",
                 .stage = CareerStage::kNewHeadteacher, .holders = std::move(holders),
                 .profile = {{kStrategy, 3, 2.0}, {kPeople, 2, 1.0}, {kFinance, 4, 1.0}}};
}

std::vector<int64_t> Order(const Ranking& r) {
  std::vector<int64_t> ids;
  for (const auto& c : r.candidates) ids.push_back(c.person.value());
  return ids;
}

TEST(Ranking, WorkedExample) {
  Snapshot snapshot(
      {
          // A: one step below; meets every requirement; top box.
          // m = (2·3/3 + 1·2/2 + 1·4/4)/4 = 1; t = (3+3−2)/4 = 1; q = 1; score = 0.5+0.3+0.2 = 1.
          Person(1, CareerStage::kExperiencedSeniorLeader).Rated(3, 3).Level(kStrategy, 3).Level(kPeople, 2).Level(kFinance, 4),
          // B: two steps below. m = (2·2/3 + 1·2/2 + 1·2/4)/4 = 2.8333…/4 = 0.708333…;
          // t = (2+3−2)/4 = 0.75; q = 0.5; score = 0.354167 + 0.225 + 0.1 = 0.679167.
          Person(2, CareerStage::kNewSeniorLeader).Rated(2, 3).Level(kStrategy, 2).Level(kPeople, 2).Level(kFinance, 2),
          // C: one step below, never assessed nor rated: m = 0, t = 0, q = 1; score = 0.2.
          Person(3, CareerStage::kExperiencedSeniorLeader),
          // D: three steps below; E: above the post; F: another trust. None eligible.
          Person(4, CareerStage::kExperiencedMiddleLeader).Rated(3, 3),
          Person(5, CareerStage::kEstablishedHeadteacher).Rated(3, 3),
          Person(6, CareerStage::kExperiencedSeniorLeader, TrustId(2)).Rated(3, 3),
          // H: holds the post (acting up): never their own successor.
          Person(7, CareerStage::kExperiencedSeniorLeader).Rated(3, 3),
      },
      {Headship(100, {PersonId(7)})}, {});
  auto ranking = Rank(snapshot, 0, FormulaSettings{});
  EXPECT_THAT(Order(ranking), ElementsAre(1, 2, 3));
  EXPECT_EQ(ranking.eligible, 3u);
  EXPECT_TRUE(ranking.notes.empty());

  const auto& a = ranking.candidates[0];
  EXPECT_DOUBLE_EQ(a.match, 1.0);
  EXPECT_DOUBLE_EQ(a.talent, 1.0);
  EXPECT_DOUBLE_EQ(a.proximity, 1.0);
  EXPECT_DOUBLE_EQ(a.score, 1.0);
  EXPECT_EQ(a.steps, 1);
  EXPECT_TRUE(a.gaps.empty());
  EXPECT_EQ(a.suggested, Readiness::kReadyNow);

  const auto& b = ranking.candidates[1];
  EXPECT_NEAR(b.match, 0.708333333, 1e-9);
  EXPECT_DOUBLE_EQ(b.talent, 0.75);
  EXPECT_DOUBLE_EQ(b.proximity, 0.5);
  EXPECT_NEAR(b.score, 0.679166667, 1e-9);
  EXPECT_EQ(b.steps, 2);
  ASSERT_EQ(b.gaps.size(), 2u);
  EXPECT_EQ(b.gaps[0].competency, kStrategy);
  EXPECT_EQ(b.gaps[0].required, 3);
  EXPECT_EQ(b.gaps[0].assessed, 2);
  EXPECT_EQ(b.gaps[1].competency, kFinance);
  EXPECT_EQ(b.suggested, Readiness::kOneToTwoYears);  // m ≥ 0.7 but two steps away

  const auto& c = ranking.candidates[2];
  EXPECT_DOUBLE_EQ(c.score, 0.2);
  EXPECT_FALSE(c.rated);
  EXPECT_DOUBLE_EQ(c.talent, 0.0);
  EXPECT_EQ(c.gaps.size(), 3u);
  EXPECT_EQ(c.suggested, Readiness::kThreePlusYears);
}

TEST(Ranking, TiesBreakOnMatchThenServiceThenReference) {
  // Ten requirements of level 1 and weight 1, so m = (number met) / 10. Everyone is one
  // step below (q = 1). R meets 5 and is in the top box: 0.5·0.5 + 0.3·1 + 0.2 = 0.75.
  // U meets 8 with performance and potential 2: 0.5·0.8 + 0.3·0.5 + 0.2 = 0.75. Same score;
  // U's higher match ranks first.
  KeyPost post{.id = PostId(1), .trust = kTrust, .stage = CareerStage::kNewMiddleLeader,
               .profile = {{kStrategy, 1, 1.0}, {kPeople, 1, 1.0}, {kFinance, 1, 1.0},
                           {CompetencyId(4), 1, 1.0}, {CompetencyId(5), 1, 1.0},
                           {CompetencyId(6), 1, 1.0}, {CompetencyId(7), 1, 1.0},
                           {CompetencyId(8), 1, 1.0}, {CompetencyId(9), 1, 1.0},
                           {CompetencyId(10), 1, 1.0}}};
  auto levels = [](Person p, int met) {
    for (int i = 1; i <= met; ++i) p.Level(CompetencyId(i), 1);
    return p;
  };
  const auto teacher = CareerStage::kExperiencedTeacher;
  Snapshot snapshot(
      {
          levels(Person(10, teacher).Rated(3, 3), 5),                          // R: 0.75, m 0.5
          levels(Person(11, teacher).Rated(2, 2), 8),                          // U: 0.75, m 0.8
          // V and W equal to U in every figure; W joined earlier, so W before V.
          levels(Person(12, teacher).Rated(2, 2).Joined("2019-09-01"), 8),    // V
          levels(Person(13, teacher).Rated(2, 2).Joined("2012-09-01"), 8),    // W
          // X and Y equal to U with no start date: after those with one, then by reference.
          levels(Person(14, teacher).Rated(2, 2).Ref("B2"), 8),                // X
          levels(Person(15, teacher).Rated(2, 2).Ref("A9"), 8),                // Y
      },
      {post}, {});
  auto ranking = Rank(snapshot, 0, FormulaSettings{});
  // U-group (m 0.8) before R (m 0.5); within it: W, V (dated, earliest first), then
  // undated by reference: Y (A9), X (B2), U (S1011).
  EXPECT_THAT(Order(ranking), ElementsAre(13, 12, 15, 14, 11, 10));
  EXPECT_DOUBLE_EQ(ranking.candidates.front().score, ranking.candidates.back().score);
  EXPECT_THAT(Order(Rank(snapshot, 0, FormulaSettings{}, 2)), ElementsAre(13, 12));
}

TEST(Ranking, ReadyNowNeedsMatchPerformanceAndOneStep) {
  // Weights 9 and 1 make m exactly 0.9 for someone meeting only the first requirement.
  KeyPost post{.id = PostId(1), .trust = kTrust, .stage = CareerStage::kNewHeadteacher,
               .profile = {{kStrategy, 1, 9.0}, {kPeople, 1, 1.0}}};
  const auto senior = CareerStage::kExperiencedSeniorLeader;
  Snapshot snapshot({Person(1, senior).Rated(2, 1).Level(kStrategy, 1),   // m 0.9, perf 2: ready now
                     Person(2, senior).Rated(1, 3).Level(kStrategy, 1),   // perf 1: 1–2 years
                     Person(3, senior).Level(kStrategy, 1),               // no rating: 1–2 years
                     Person(4, senior).Rated(3, 3)},                      // m 0: 3+ years
                    {post}, {});
  auto ranking = Rank(snapshot, 0, FormulaSettings{});
  std::map<int64_t, Readiness> readiness;
  for (const auto& c : ranking.candidates) readiness[c.person.value()] = c.suggested;
  EXPECT_EQ(readiness[1], Readiness::kReadyNow);
  EXPECT_EQ(readiness[2], Readiness::kOneToTwoYears);
  EXPECT_EQ(readiness[3], Readiness::kOneToTwoYears);
  EXPECT_EQ(readiness[4], Readiness::kThreePlusYears);
}

TEST(Ranking, WeightsComeFromTheTrustsSettings) {
  Snapshot snapshot({Person(1, CareerStage::kExperiencedSeniorLeader).Rated(3, 3),
                     Person(2, CareerStage::kNewSeniorLeader).Level(kStrategy, 3).Level(kPeople, 2).Level(kFinance, 4)},
                    {Headship()}, {});
  // Default: 1 → 0.3 + 0.2 = 0.5; 2 → 0.5 + 0.1 = 0.6: 2 first.
  EXPECT_THAT(Order(Rank(snapshot, 0, FormulaSettings{})), ElementsAre(2, 1));
  // Talent-heavy: 1 → 0.8·1 + 0.1·1 = 0.9; 2 → 0.1·1 + 0.1·0.5 = 0.15.
  FormulaSettings talent_first{.match_weight = 0.1, .talent_weight = 0.8, .proximity_weight = 0.1};
  EXPECT_THAT(Order(Rank(snapshot, 0, talent_first)), ElementsAre(1, 2));
}

TEST(Ranking, GovernancePostsRankTheirBodysMembersAndForTheBoardTheChairsOfLgbs) {
  const BodyId board(1), lgb(2), other_lgb(3);
  using R = org::MembershipRole;
  KeyPost chair{.id = PostId(1), .trust = kTrust, .title = "Chair of the Board", .stage = CareerStage::kBoardMember,
                .governance = true, .body = board, .board = true, .holders = {PersonId(1)}};
  Snapshot snapshot({Person(1, CareerStage::kBoardMember).Member(board, R::kChair),
                     Person(2, CareerStage::kBoardMember).Member(board, R::kViceChair).Rated(3, 2),
                     Person(3, CareerStage::kBoardMember).Member(board, R::kMember),
                     Person(4, std::nullopt).Member(board, R::kClerk),
                     Person(5, CareerStage::kLocalGoverningBodyMember).Member(lgb, R::kChair),
                     // On the Board and chair of an LGB: counted once.
                     Person(6, CareerStage::kBoardMember).Member(board, R::kMember).Member(other_lgb, R::kChair),
                     Person(7, CareerStage::kLocalGoverningBodyMember).Member(lgb, R::kMember)},
                    {chair}, {lgb, other_lgb});
  auto ranking = Rank(snapshot, 0, FormulaSettings{});
  // Everyone has m = 0 (no profile) and q = 1; person 2 has t = 0.75 → 0.225 + 0.2 first,
  // then the rest on 0.2 by reference S1003, S1005, S1006.
  EXPECT_THAT(Order(ranking), ElementsAre(2, 3, 5, 6));
  EXPECT_THAT(ranking.notes, ElementsAre(RankingNote::kNoRoleProfile));
  for (const auto& c : ranking.candidates) EXPECT_DOUBLE_EQ(c.proximity, 1.0);
}

TEST(Ranking, SaysWhyARankingIsEmpty) {
  KeyPost finance{.id = PostId(1), .trust = kTrust, .title = "Director of Finance",
                  .profile = {{kFinance, 3, 1.0}}};
  Snapshot snapshot({Person(1, CareerStage::kExperiencedSeniorLeader)}, {finance}, {});
  auto ranking = Rank(snapshot, 0, FormulaSettings{});
  EXPECT_TRUE(ranking.candidates.empty());
  EXPECT_THAT(ranking.notes, ElementsAre(RankingNote::kNoCareerStage));
}

TEST(BenchStrength, SharesEachPersonAcrossTheBenchesTheySitOn) {
  // Two headships with the same profile; X (m 1) and Y (m 0.875) are on both benches,
  // Z (m 0.5) on neither (θ = 0.8). Each counts 1/2 on each: strength 1 and 1.
  // Y: (2·3/3 + 1·2/2 + 1·2/4)/4 = 3.5/4 = 0.875.
  // A deputy headship (rung 8) with its own candidate W (m 1): strength 1.
  // A fourth post with nobody eligible: strength 0. Group of all four: 3/4.
  KeyPost deputy{.id = PostId(3), .trust = kTrust, .stage = CareerStage::kNewSeniorLeader,
                 .profile = {{kPeople, 2, 1.0}}};
  KeyPost lonely{.id = PostId(4), .trust = kTrust, .stage = CareerStage::kTeachingAssistant,
                 .profile = {{kPeople, 1, 1.0}}};
  const auto senior = CareerStage::kExperiencedSeniorLeader;
  Snapshot snapshot({Person(1, senior).Level(kStrategy, 3).Level(kPeople, 2).Level(kFinance, 4),
                     Person(2, senior).Level(kStrategy, 3).Level(kPeople, 2).Level(kFinance, 2),
                     Person(3, senior).Level(kStrategy, 1).Level(kPeople, 1).Level(kFinance, 2),
                     Person(4, CareerStage::kExperiencedMiddleLeader).Level(kPeople, 2)},
                    {Headship(1), Headship(2), deputy, lonely}, {});
  auto bench = ComputeBench(snapshot, FormulaSettings{});
  EXPECT_THAT(bench.bench[0], ElementsAre(PersonId(1), PersonId(2)));
  EXPECT_DOUBLE_EQ(bench.strength[0], 1.0);
  EXPECT_DOUBLE_EQ(bench.strength[1], 1.0);
  EXPECT_DOUBLE_EQ(bench.strength[2], 1.0);
  EXPECT_DOUBLE_EQ(bench.strength[3], 0.0);
  EXPECT_DOUBLE_EQ(GroupStrength(bench, {0, 1, 2, 3}), 0.75);
  EXPECT_DOUBLE_EQ(GroupStrength(bench, {0, 1}), 1.0);
  // A stricter threshold leaves only X, still shared by the two headships.
  auto strict = ComputeBench(snapshot, FormulaSettings{.bench_match = 0.9});
  EXPECT_DOUBLE_EQ(strict.strength[0], 0.5);
}

// A trust and a neighbour, with posts that share their candidates and profile (headships and
// deputy headships whose holders differ, one held by a deputy acting up, so a holder is among
// the people the class reaches), posts with profiles of their own, no profile, no stage, and
// governance posts: RankEveryPost must give each post Rank's answer, for any limit, and
// EligibleWithMatch Rank's list cut at the threshold.
TEST(Ranking, EveryPostAtOnceIsRankPostByPost) {
  std::mt19937 random(20261124);
  auto draw = [&](int low, int high) { return std::uniform_int_distribution<int>(low, high)(random); };
  const std::vector<Requirement> head = {{kStrategy, 3, 2.0}, {kPeople, 2, 1.0}, {kFinance, 4, 1.0}};
  const std::vector<Requirement> deputy = {{kPeople, 2, 1.0}, {CompetencyId(4), 3, 1.5}};
  const BodyId board(1), lgb(2);
  using R = org::MembershipRole;
  std::vector<Candidate> people;
  int64_t next = 1;
  auto person = [&](TrustId trust, std::optional<CareerStage> stage) {
    Person p(next++, stage, trust);
    if (draw(0, 3) > 0) p.Rated(draw(1, 3), draw(1, 3));
    for (int c = 1; c <= 4; ++c)
      if (draw(0, 2) > 0) p.Level(CompetencyId(c), draw(1, 4));
    if (draw(0, 2) > 0) p.Joined(draw(0, 1) ? "2015-09-01" : "2019-01-01");  // many ties
    return p;
  };
  const TrustId other(2);
  for (TrustId trust : {kTrust, other})
    for (int i = 0; i < 40; ++i) {
      const CareerStage stage = std::array{CareerStage::kExperiencedSeniorLeader, CareerStage::kNewSeniorLeader,
                                           CareerStage::kExperiencedMiddleLeader, CareerStage::kNewMiddleLeader,
                                           CareerStage::kNewHeadteacher}[static_cast<size_t>(i % 5)];
      people.push_back(person(trust, stage));
    }
  people.push_back(person(kTrust, CareerStage::kBoardMember).Member(board, R::kChair));
  people.push_back(person(kTrust, CareerStage::kBoardMember).Member(board, R::kMember));
  people.push_back(person(kTrust, std::nullopt).Member(board, R::kClerk));
  people.push_back(person(kTrust, CareerStage::kLocalGoverningBodyMember).Member(lgb, R::kChair));
  people.push_back(person(kTrust, CareerStage::kBoardMember).Member(board, R::kMember).Member(lgb, R::kChair));

  std::vector<KeyPost> posts;
  int64_t post_id = 100;
  auto add = [&](TrustId trust, std::optional<CareerStage> stage, std::vector<Requirement> profile,
                 std::vector<PersonId> holders) {
    posts.push_back({.id = PostId(post_id++), .trust = trust, .stage = stage,
                     .holders = std::move(holders), .profile = std::move(profile)});
  };
  for (int h = 0; h < 6; ++h)  // headships: held by heads (not candidates), one by a deputy acting up
    add(kTrust, CareerStage::kNewHeadteacher, head, {PersonId(h == 0 ? 1 : 5 + 5 * h)});
  add(kTrust, CareerStage::kNewHeadteacher, head, {});                         // vacant
  add(kTrust, CareerStage::kNewHeadteacher, head, {PersonId(1), PersonId(2)});  // two holders reached
  for (int d = 0; d < 5; ++d) add(kTrust, CareerStage::kNewSeniorLeader, deputy, {PersonId(3 + 5 * d)});
  add(kTrust, CareerStage::kNewHeadteacher, {{kStrategy, 2, 1.0}}, {});  // a profile of its own
  add(kTrust, CareerStage::kNewHeadteacher, {}, {});                     // no profile
  add(kTrust, std::nullopt, head, {});                                   // off the ladder
  add(other, CareerStage::kNewHeadteacher, head, {PersonId(41)});
  add(other, CareerStage::kNewSeniorLeader, deputy, {});
  posts.push_back({.id = PostId(post_id++), .trust = kTrust, .stage = CareerStage::kBoardMember,
                   .governance = true, .body = board, .board = true, .holders = {PersonId(81)}});
  posts.push_back({.id = PostId(post_id++), .trust = kTrust, .stage = CareerStage::kLocalGoverningBodyMember,
                   .governance = true, .body = lgb, .profile = deputy});
  posts.push_back({.id = PostId(post_id++), .trust = kTrust, .governance = true});  // no body
  const Snapshot snapshot(std::move(people), std::move(posts), {lgb});

  for (const FormulaSettings& settings : {FormulaSettings{}, FormulaSettings{.talent_weight = 0}}) {
    for (size_t limit : {0, 1, 3, 5}) {
      const std::vector<Ranking> every = RankEveryPost(snapshot, settings, limit);
      ASSERT_EQ(every.size(), snapshot.posts().size());
      for (size_t p = 0; p < snapshot.posts().size(); ++p) {
        const Ranking one = Rank(snapshot, p, settings, limit);
        SCOPED_TRACE("post " + std::to_string(p) + ", limit " + std::to_string(limit));
        EXPECT_EQ(every[p].post, one.post);
        EXPECT_EQ(every[p].eligible, one.eligible);
        EXPECT_EQ(every[p].notes, one.notes);
        ASSERT_EQ(every[p].candidates.size(), one.candidates.size());
        for (size_t i = 0; i < one.candidates.size(); ++i) {
          const RankedCandidate& a = every[p].candidates[i];
          const RankedCandidate& b = one.candidates[i];
          EXPECT_EQ(a.person, b.person);
          EXPECT_EQ(a.score, b.score);
          EXPECT_EQ(a.match, b.match);
          EXPECT_EQ(a.steps, b.steps);
          EXPECT_EQ(a.suggested, b.suggested);
          EXPECT_EQ(a.gaps.size(), b.gaps.size());
        }
      }
    }
    for (double threshold : {0.0, 0.5, 0.8}) {
      const auto eligible = EligibleWithMatch(snapshot, settings, threshold);
      for (size_t p = 0; p < snapshot.posts().size(); ++p) {
        std::vector<PersonId> expected;
        for (const auto& c : Rank(snapshot, p, settings).candidates)
          if (std::llround(c.match * 1e9) >= std::llround(threshold * 1e9)) expected.push_back(c.person);
        EXPECT_EQ(eligible[p], expected) << "post " << p << ", threshold " << threshold;
      }
    }
  }
  // The test means something: some post had a holder among the people its class reaches, and
  // the classes had several posts.
  const auto all = RankEveryPost(snapshot, FormulaSettings{});
  EXPECT_LT(all[0].eligible, all[6].eligible);  // held by a deputy acting up, vs vacant
  EXPECT_EQ(all[7].eligible + 2, all[6].eligible);
}

TEST(FormulaSettings, RefusesNonsense) {
  EXPECT_TRUE(Check(FormulaSettings{}).empty());
  EXPECT_FALSE(Check(FormulaSettings{.match_weight = -1}).empty());
  EXPECT_FALSE(Check(FormulaSettings{.bench_match = 1.5}).empty());
  EXPECT_FALSE(Check(FormulaSettings{.match_weight = 0, .talent_weight = 0, .proximity_weight = 0}).empty());
}

}  // namespace
}  // namespace trellis::succession
