#include "demo/plan.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

#include "org/validation.h"

namespace trellis::demo {
namespace {

using ::testing::IsEmpty;

Date Day(int year, unsigned month, unsigned day) { return *Date::FromYmd(year, month, day); }

const Date kToday = Day(2026, 3, 15);

template <typename Tag>
size_t Index(Id<Tag> id) {
  return static_cast<size_t>(id.value() - 1);
}

bool IsGovernance(const DemoPlan& plan, PostId post) {
  return plan.posts[Index(post)].family == org::RoleFamily::kGovernance;
}

template <typename T>
void ExpectAllPass(const std::vector<T>& records, std::string_view what) {
  for (size_t i = 0; i < records.size(); ++i)
    EXPECT_THAT(org::Check(records[i]), IsEmpty()) << what << " #" << i + 1;
}

TEST(DemoPlan, EveryRecordPassesTheOrganisationRules) {
  const DemoPlan plan = PlanDemoTrust(2026, kToday);
  EXPECT_THAT(org::Check(plan.trust), IsEmpty());
  ExpectAllPass(plan.schools, "school");
  ExpectAllPass(plan.bodies, "body");
  ExpectAllPass(plan.people, "person");
  ExpectAllPass(plan.posts, "post");
  ExpectAllPass(plan.holdings, "holding");
  ExpectAllPass(plan.memberships, "membership");
  ExpectAllPass(plan.line_links, "line link");
}

TEST(DemoPlan, SameSeedAndDayGiveTheSamePlan) {
  const DemoPlan a = PlanDemoTrust(7, kToday);
  const DemoPlan b = PlanDemoTrust(7, kToday);
  ASSERT_EQ(a.people.size(), b.people.size());
  for (size_t i = 0; i < a.people.size(); ++i) {
    EXPECT_EQ(a.people[i].email, b.people[i].email);
    EXPECT_EQ(a.people[i].joined_trust, b.people[i].joined_trust);
    EXPECT_EQ(a.people[i].stage, b.people[i].stage);
  }
  ASSERT_EQ(a.holdings.size(), b.holdings.size());
  for (size_t i = 0; i < a.holdings.size(); ++i)
    EXPECT_EQ(a.holdings[i].start, b.holdings[i].start);

  auto emails = [](const DemoPlan& plan) {
    std::vector<std::string> out;
    for (const auto& person : plan.people) out.push_back(person.email);
    return out;
  };
  EXPECT_NE(emails(a), emails(PlanDemoTrust(8, kToday)));
}

// The ranges the product promises hold for any seed and any day, not only the default.
class DemoPlanShape : public ::testing::TestWithParam<std::pair<uint64_t, Date>> {};

TEST_P(DemoPlanShape, StaysWithinItsPromisedShape) {
  const auto [seed, today] = GetParam();
  const DemoPlan plan = PlanDemoTrust(seed, today);
  EXPECT_EQ(plan.schools.size(), 8u);
  EXPECT_EQ(plan.bodies.size(), 12u);
  EXPECT_GE(plan.people.size(), 550u);
  EXPECT_LE(plan.people.size(), 650u);

  std::set<org::CareerStage> stages;
  for (const auto& person : plan.people)
    if (person.stage) stages.insert(*person.stage);
  for (const auto& info : org::CareerStages())
    EXPECT_TRUE(stages.contains(info.stage)) << info.code;

  std::set<PostId> held;
  for (const auto& holding : plan.holdings)
    if (org::InForce(holding, today)) held.insert(holding.post);
  int vacant_key_posts = 0;
  for (const auto& post : plan.posts)
    if (post.key && !held.contains(post.id)) ++vacant_key_posts;
  EXPECT_GE(vacant_key_posts, 1);
  EXPECT_LE(vacant_key_posts, 2);
}

INSTANTIATE_TEST_SUITE_P(SeedsAndDays, DemoPlanShape,
                         ::testing::Values(std::pair{uint64_t{2026}, kToday},
                                           std::pair{uint64_t{1}, Day(2026, 9, 1)},
                                           std::pair{uint64_t{42}, Day(2025, 8, 31)},
                                           std::pair{uint64_t{99}, Day(2028, 2, 29)},
                                           std::pair{uint64_t{123456789}, Day(2030, 12, 31)},
                                           std::pair{~uint64_t{0}, Day(2027, 1, 1)}));

TEST(DemoPlan, HistoryIsConsistent) {
  const DemoPlan plan = PlanDemoTrust(2026, kToday);
  std::map<PostId, std::vector<const org::Holding*>> by_post;
  std::map<PersonId, std::vector<const org::Holding*>> staff_by_person;
  for (const auto& holding : plan.holdings) {
    const auto& person = plan.people[Index(holding.person)];
    EXPECT_GE(holding.start, *person.joined_trust) << person.reference;
    EXPECT_LE(holding.start, kToday) << person.reference;
    if (person.left_trust) {
      ASSERT_TRUE(holding.end) << person.reference << " left but still holds a post";
      EXPECT_LE(*holding.end, *person.left_trust);
      EXPECT_LT(*person.left_trust, kToday);
    }
    by_post[holding.post].push_back(&holding);
    if (!IsGovernance(plan, holding.post)) staff_by_person[holding.person].push_back(&holding);
  }
  auto overlap = [](const org::Holding& a, const org::Holding& b) {
    return (!b.end || a.start < *b.end) && (!a.end || b.start < *a.end);
  };
  for (const auto& [post, holdings] : by_post)
    for (size_t i = 0; i < holdings.size(); ++i)
      for (size_t j = i + 1; j < holdings.size(); ++j)
        EXPECT_FALSE(overlap(*holdings[i], *holdings[j]))
            << plan.posts[Index(post)].reference << " has two holders at once";
  for (const auto& [person, holdings] : staff_by_person)
    for (size_t i = 0; i < holdings.size(); ++i)
      for (size_t j = i + 1; j < holdings.size(); ++j)
        EXPECT_FALSE(overlap(*holdings[i], *holdings[j]))
            << plan.people[Index(person)].reference << " holds two staff posts at once";

  int ended = 0;
  for (const auto& holding : plan.holdings) ended += holding.end.has_value();
  EXPECT_GE(ended, 10) << "promotions and leavers leave a history";
}

TEST(DemoPlan, NamesEmailsAndReferencesAreUnique) {
  const DemoPlan plan = PlanDemoTrust(2026, kToday);
  std::set<std::string> names, emails, references;
  for (const auto& person : plan.people) {
    EXPECT_TRUE(names.insert(person.given_name + " " + person.family_name).second)
        << person.given_name << " " << person.family_name;
    EXPECT_TRUE(emails.insert(person.email).second) << person.email;
    EXPECT_TRUE(references.insert(person.reference).second) << person.reference;
    EXPECT_TRUE(org::LooksLikeEmail(person.email)) << person.email;
  }
  std::set<std::string> post_references;
  for (const auto& post : plan.posts)
    EXPECT_TRUE(post_references.insert(post.reference).second) << post.reference;
}

TEST(DemoPlan, LineLinksStartWhenBothPeopleAreInPost) {
  const DemoPlan plan = PlanDemoTrust(2026, kToday);
  for (const auto& link : plan.line_links) {
    EXPECT_NE(link.manager, link.report);
    EXPECT_GE(link.start, *plan.people[Index(link.manager)].joined_trust);
    EXPECT_GE(link.start, *plan.people[Index(link.report)].joined_trust);
    EXPECT_LE(link.start, kToday);
  }
}

TEST(DemoPlan, AccountsPointAtTheRightPeople) {
  const DemoPlan plan = PlanDemoTrust(2026, kToday);
  const auto accounts = DemoAccounts();
  ASSERT_EQ(plan.account_people.size(), accounts.size());
  EXPECT_FALSE(plan.account_people[0]);
  for (size_t i = 1; i < accounts.size(); ++i) ASSERT_TRUE(plan.account_people[i]) << i;
  auto person = [&](size_t i) { return plan.people[Index(*plan.account_people[i])]; };
  EXPECT_EQ(person(2).email, "ceo@oakridge.example");
  EXPECT_EQ(person(2).stage, org::CareerStage::kExecutiveLeader);
  EXPECT_EQ(person(3).email, "head.ashfield@oakridge.example");
  EXPECT_EQ(person(5).stage == org::CareerStage::kTeacher ||
                person(5).stage == org::CareerStage::kExperiencedTeacher,
            true)
      << "the demo teacher is past their early-career years, so has an appraisal";
  EXPECT_EQ(person(6).stage, org::CareerStage::kLocalGoverningBodyMember);

  int reports = 0;
  for (const auto& link : plan.line_links) reports += link.manager == *plan.account_people[4];
  EXPECT_GE(reports, 3) << "the demo line manager manages several people";
}

}  // namespace
}  // namespace trellis::demo
