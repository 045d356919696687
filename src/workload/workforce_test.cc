#include "workload/workforce.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <iostream>
#include <map>
#include <set>
#include <unordered_set>

#include "talent/frameworks.h"

namespace trellis::workload {
namespace {

using ::testing::DoubleNear;

const Nation& TheNation() {
  static const Nation nation = [] {
    auto gias = ShippedGias();
    EXPECT_TRUE(gias) << gias.error().message;
    return gias ? BuildNation(*gias) : Nation{};
  }();
  return nation;
}

std::vector<const Group*> Thousand() {
  return SelectGroups(TheNation(), {.kind = Size::Kind::kSchools, .schools = 1000});
}

const Group& OneTrust() { return *SelectGroups(TheNation(), {.kind = Size::Kind::kTrust}).front(); }

// Two workforces are the same when every record is: compared field by field through what
// the files show of them.
void ExpectSame(const Workforce& a, const Workforce& b) {
  ASSERT_EQ(Count(a), Count(b));
  EXPECT_EQ(a.pupils, b.pupils);
  for (size_t i = 0; i < a.people.size(); ++i) {
    EXPECT_EQ(a.people[i].given, b.people[i].given);
    EXPECT_EQ(a.people[i].family, b.people[i].family);
    EXPECT_EQ(a.people[i].stage, b.people[i].stage);
    EXPECT_EQ(a.people[i].joined, b.people[i].joined);
  }
  for (size_t i = 0; i < a.posts.size(); ++i) EXPECT_EQ(a.posts[i].reference, b.posts[i].reference);
  for (size_t i = 0; i < a.ratings.size(); ++i) {
    EXPECT_EQ(a.ratings[i].person, b.ratings[i].person);
    EXPECT_EQ(a.ratings[i].performance, b.ratings[i].performance);
    EXPECT_EQ(a.ratings[i].potential, b.ratings[i].potential);
  }
}

TEST(Workforce, TheSameSeedGivesTheSameWorkforceAndAnotherSeedAnother) {
  const Group& trust = OneTrust();
  ExpectSame(Staff(trust, 7), Staff(trust, 7));
  const Workforce a = Staff(trust, 7), b = Staff(trust, 8);
  bool differ = Count(a) != Count(b) || a.pupils != b.pupils;
  for (size_t i = 0; !differ && i < a.people.size(); ++i)
    differ = a.people[i].given != b.people[i].given || a.people[i].joined != b.people[i].joined;
  EXPECT_TRUE(differ);
}

TEST(Workforce, TheMixOfStaffOnAThousandSchools) {
  WorkforceCounts total;
  for (const Group* group : Thousand()) total += Count(Staff(*group, 1));
  const double staff = static_cast<double>(total.staff());
  ASSERT_GT(staff, 20000);
  // Per 1,000 staff about 450 teachers, 280 teaching assistants and 270 other support staff.
  EXPECT_THAT(total.teachers / staff, DoubleNear(0.45, 0.03));
  EXPECT_THAT(total.teaching_assistants / staff, DoubleNear(0.28, 0.03));
  EXPECT_THAT(total.support_staff / staff, DoubleNear(0.27, 0.03));
  EXPECT_EQ(total.headteachers, total.schools);
  EXPECT_EQ(total.key_posts, total.headteachers + total.deputy_heads + total.executive_posts);
  // Deputies in proportion: most schools but the smallest have one.
  EXPECT_GT(total.deputy_heads, total.schools / 2);
  EXPECT_LT(total.deputy_heads, total.schools * 2);
  EXPECT_GT(total.governors, total.schools);
  EXPECT_GT(total.ratings, staff * 0.9);
  EXPECT_GT(total.assessments, 0);
  EXPECT_GT(total.risks, total.key_posts);
}

TEST(Workforce, EverySchoolHasOneHeadteacherAndEveryKeyPostIsPlanned) {
  for (const Group* group : Thousand()) {
    const Workforce w = Staff(*group, 3);
    std::map<size_t, int> heads;
    std::set<Index> key;
    for (Index p = 0; p < w.posts.size(); ++p) {
      const Post& post = w.posts[p];
      if (post.role == PostRole::kHeadteacher) ++heads[*post.school];
      if (IsKey(post.role)) key.insert(p);
    }
    ASSERT_EQ(heads.size(), group->schools.size()) << group->reference;
    for (const auto& [school, count] : heads) EXPECT_EQ(count, 1) << group->schools[school].urn;
    std::set<Index> planned;
    for (const KeyPost& k : w.key_posts) EXPECT_TRUE(planned.insert(k.post).second);
    EXPECT_EQ(planned, key) << group->reference;
  }
}

// The rules the importer will apply, checked on the model: what the files are made of.
TEST(Workforce, TheRecordsHoldTogether) {
  std::set<std::string_view> competencies;
  for (const auto& framework : talent::ShippedFrameworks())
    for (const auto& area : framework.areas)
      for (const auto& c : area.competencies) competencies.insert(c.code);
  for (const RoleProfile& profile : RoleProfiles())
    for (const Requirement& r : profile.requirements)
      EXPECT_TRUE(competencies.contains(r.competency)) << r.competency;

  std::unordered_set<std::string> people, posts;
  for (const Group* group : Thousand()) {
    const Workforce w = Staff(*group, 5);
    // References unique in the nation.
    for (Index p = 0; p < w.people.size(); ++p)
      EXPECT_TRUE(people.insert(PersonReference(*group, p)).second);
    for (const Post& post : w.posts) {
      EXPECT_TRUE(posts.insert(post.reference).second) << post.reference;
      EXPECT_LE(post.reference.size(), 40u);
      EXPECT_EQ(post.family == org::RoleFamily::kGovernance,
                post.stage && org::Info(*post.stage).governance)
          << post.reference;
    }
    // Every member of staff holds one post; governors hold at most one.
    std::vector<int> held(w.people.size());
    for (const Holding& h : w.holdings) {
      ++held[h.person];
      EXPECT_LE(h.start, kAsOf);
      EXPECT_LE(w.people[h.person].joined, h.start);
    }
    for (Index p = 0; p < w.people.size(); ++p) {
      if (w.people[p].kind == PersonKind::kGovernor) {
        EXPECT_LE(held[p], 1) << p;
      } else {
        EXPECT_EQ(held[p], 1) << p;
      }
    }
    // Every member of staff has one line manager (the chief executive: the chair); nobody
    // manages themselves.
    std::vector<int> managers(w.people.size());
    for (const LineLink& l : w.line_links) {
      EXPECT_NE(l.manager, l.report);
      ++managers[l.report];
    }
    for (Index p = 0; p < w.people.size(); ++p)
      if (w.people[p].kind != PersonKind::kGovernor) {
        EXPECT_EQ(managers[p], 1) << group->reference << " " << p;
      }
    for (const Rating& r : w.ratings) EXPECT_NE(r.rater, r.person);
    for (const Assessment& a : w.assessments) {
      EXPECT_NE(a.assessor, a.person);
      EXPECT_LE(a.assessed_on, kAsOf);
      EXPECT_GE(a.level, 1);
      EXPECT_LE(a.level, 4);
    }
    for (const Risk& r : w.risks) EXPECT_LE(r.assessed_on, kAsOf);
    // A successor is someone of the group who does not hold the post, named once.
    std::map<Index, Index> holder;
    for (const Holding& h : w.holdings) holder[h.post] = h.person;
    std::set<std::pair<Index, Index>> named;
    for (const Successor& s : w.successors) {
      EXPECT_NE(holder.at(s.post), s.person);
      EXPECT_TRUE(named.insert({s.post, s.person}).second);
    }
    // Body names are unique in a trust.
    std::set<std::string> bodies;
    for (const Body& b : w.bodies) EXPECT_TRUE(bodies.insert(b.name).second) << b.name;
  }
}

// The national size, when it is quick enough to count here (the staffing is pure; writing
// the files is measured by hand: docs/architecture.md).
TEST(Workforce, TheNationalCounts) {
  const auto started = std::chrono::steady_clock::now();
  WorkforceCounts total;
  for (const Group* group : SelectGroups(TheNation(), {.kind = Size::Kind::kNational}))
    total += Count(Staff(*group, 1));
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
  RecordProperty("people", std::to_string(total.people));
  RecordProperty("key_posts", std::to_string(total.key_posts));
  std::cout << "national: " << total.people << " people, " << total.key_posts << " key posts, "
            << total.schools << " schools, in " << took.count() << " s\n";
  EXPECT_THAT(static_cast<double>(total.people), DoubleNear(1'000'000, 100'000));
  EXPECT_THAT(static_cast<double>(total.key_posts), DoubleNear(50'000, 10'000));
}

}  // namespace
}  // namespace trellis::workload
