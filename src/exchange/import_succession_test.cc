// Imports and exports of succession records: risks of loss, key posts and their plans, and
// the successors named on them.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "exchange/import_fixture.h"

namespace trellis::exchange {
namespace {

using ::testing::ElementsAre;

// Beside the fixture's people (S001 heads Oakfield, S002 teaches at Hillside, S003 has left):
// a deputy head and a new assistant head.
constexpr std::string_view kLeaders =
    "reference,given_name,family_name,stage,joined_trust\n"
    "S004,Dev,Patel,experienced_senior_leader,2018-09-01\n"
    "S005,Eve,Okafor,new_senior_leader,2021-01-04\n";

// P-HT-OAK is key already; P-T-HILL becomes key.
constexpr std::string_view kKeyPosts =
    "post_reference,impact,review_on,consider_external,notes\n"
    "P-HT-OAK,high,2027-01-31,no,Head retires in 2028\n"
    "P-T-HILL,Medium,,yes,\n";

constexpr std::string_view kSuccessors =
    "post_reference,rank,staff_reference,external_name,external_source,readiness,"
    "readiness_reason,emergency,notes\n"
    "P-HT-OAK,2,S005,,,Ready in 1-2 years,Acting deputy this year,no,\n"
    "P-HT-OAK,1,S004,,,,,yes,Deputy\n"
    "P-HT-OAK,3,,Jo Bloggs,Partner school,three_plus_years,,no,\n"
    "P-CHAIR,1,S001,,,,,yes,\n";

class SuccessionImportTest : public ImportFixture {
 protected:
  void SetUp() override {
    ImportFixture::SetUp();
    GivenTheWholeTrust();
    Given(Kind::kPeople, kLeaders);
  }

  PersonId Id(const std::string& reference) { return PersonByReference(reference).id; }

  org::Post Post(const std::string& reference) {
    auto post = store_->FindPostByReference(trust_, reference);
    EXPECT_TRUE(post && *post) << reference;
    return post && *post ? **post : org::Post{};
  }

  std::optional<succession::PlanContent> PlanOf(const std::string& post) {
    auto plan = store_->FindPlanForPost(trust_, Post(post).id).value();
    if (!plan) return std::nullopt;
    return store_->GetPlanContent(trust_, plan->id).value();
  }
};

// ------------------------------------------------------------------------------------ risks

constexpr std::string_view kRisks =
    "staff_reference,risk,departure_window,note,assessed_on\n"
    "S001,high,within_a_year,Retirement talked of,2026-10-01\n"
    "S004,Medium,In 1-2 years,,01/11/2026\n";

TEST_F(SuccessionImportTest, RisksSetEachPersonsRiskOfLoss) {
  ExpectImport(Kind::kRisks, kRisks, ReportOf(2, 2, 0, 0));
  auto dev = store_->FindLossRisk(trust_, Id("S004")).value();
  ASSERT_TRUE(dev);
  EXPECT_EQ(dev->risk, succession::RiskOfLoss::kMedium);
  EXPECT_EQ(dev->window, succession::DepartureWindow::kOneToTwoYears);  // the label, dash typed
  EXPECT_EQ(dev->assessed_on, Date::FromYmd(2026, 11, 1));

  ExpectImport(Kind::kRisks, kRisks, ReportOf(2, 0, 0, 2));
  ExpectImport(Kind::kRisks,
               "staff_reference,risk,assessed_on\n"
               "S004,low,2026-11-20\n",
               ReportOf(1, 0, 1, 0));
  dev = store_->FindLossRisk(trust_, Id("S004")).value();
  EXPECT_EQ(dev->risk, succession::RiskOfLoss::kLow);
  EXPECT_EQ(dev->window, succession::DepartureWindow::kOneToTwoYears);  // column left out
  // Filed under the person, as PlanService files a person's risk.
  auto audit = store_->ListAudit({.trust = trust_,
                                  .entity = "loss_risk",
                                  .entity_id = std::to_string(Id("S004").value()),
                                  .action = "import"});
  ASSERT_TRUE(audit);
  EXPECT_EQ(audit->total, 2);
}

TEST_F(SuccessionImportTest, RisksRefuseEachBrokenRuleWhereItIs) {
  const Error error = Refused(Kind::kRisks,
                              "staff_reference,risk,departure_window,assessed_on\n"
                              "S003,high,,2026-10-01\n"        // has left
                              "S001,extreme,,2026-10-01\n"     // no such risk
                              "S002,low,someday,2026-10-01\n"  // no such window
                              "S004,low,,2026-12-01\n"         // in the future
                              "S005,low,,\n"                   // no date
                              "S001,low,,2026-10-01\n");       // S001 again
  EXPECT_THAT(error.details,
              ElementsAre(ProblemAt(2, "staff_reference", "has left the trust"),
                          ProblemAt(3, "risk", "must be one of low, medium or high"),
                          ProblemAt(4, "departure_window", "must be one of within_a_year"),
                          ProblemAt(5, "assessed_on", "must not be in the future"),
                          ProblemAt(6, "assessed_on", "is required"),
                          ProblemAt(7, "staff_reference", "also in row 3"),
                          ProblemAt(3, "staff_reference", "also in row 7")))
      << Describe(error);
}

TEST_F(SuccessionImportTest, RisksDryRunAndExport) {
  const std::string csv = ExpectDryRunImportAndExport(Kind::kRisks, kRisks, ReportOf(2, 2, 0, 0));
  EXPECT_THAT(csv, HasSubstr("\r\nS004,medium,one_to_two_years,,2026-11-01\r\n"));
}

// -------------------------------------------------------------------------------- key posts

TEST_F(SuccessionImportTest, KeyPostsMakeThePostKeyAndWriteItsPlan) {
  EXPECT_FALSE(Post("P-T-HILL").key);
  ExpectImport(Kind::kKeyPosts, kKeyPosts, ReportOf(2, 2, 0, 0));
  EXPECT_TRUE(Post("P-T-HILL").key);
  const auto head = PlanOf("P-HT-OAK");
  ASSERT_TRUE(head);
  EXPECT_EQ(head->plan.impact, succession::ImpactOfLoss::kHigh);
  EXPECT_EQ(head->plan.review_on, Date::FromYmd(2027, 1, 31));
  EXPECT_FALSE(head->plan.consider_external);
  EXPECT_EQ(head->plan.notes, "Head retires in 2028");
  EXPECT_EQ(head->plan.created_on, kToday);
  EXPECT_TRUE(PlanOf("P-T-HILL")->plan.consider_external);

  ExpectImport(Kind::kKeyPosts, kKeyPosts, ReportOf(2, 0, 0, 2));
  ExpectImport(Kind::kKeyPosts, "post_reference,impact\nP-HT-OAK,low\n", ReportOf(1, 0, 1, 0));
  EXPECT_EQ(PlanOf("P-HT-OAK")->plan.notes, "Head retires in 2028");  // column left out
}

TEST_F(SuccessionImportTest, KeyPostsRefuseEachBrokenRuleWhereItIs) {
  const Error error = Refused(Kind::kKeyPosts,
                              "post_reference,impact,review_on,consider_external\n"
                              "P-NONE,high,,\n"            // no such post
                              "P-HT-OAK,huge,,\n"          // no such impact
                              "P-CHAIR,low,31/02/2027,\n"  // no such date
                              "P-T-HILL,low,,perhaps\n"    // not yes or no
                              "P-CHAIR,low,,\n");          // P-CHAIR again
  EXPECT_THAT(error.details,
              ElementsAre(ProblemAt(2, "post_reference", "import posts first"),
                          ProblemAt(3, "impact", "must be one of low, medium or high"),
                          ProblemAt(4, "review_on", "must be a date"),
                          ProblemAt(5, "consider_external", "yes or no"),
                          ProblemAt(6, "post_reference", "also in row 4"),
                          ProblemAt(4, "post_reference", "also in row 6")))
      << Describe(error);
  EXPECT_FALSE(Post("P-T-HILL").key);
}

TEST_F(SuccessionImportTest, KeyPostsDryRunAndExport) {
  const std::string csv =
      ExpectDryRunImportAndExport(Kind::kKeyPosts, kKeyPosts, ReportOf(2, 2, 0, 0));
  EXPECT_THAT(csv, HasSubstr("\r\nP-HT-OAK,high,2027-01-31,no,Head retires in 2028\r\n"));
}

// ------------------------------------------------------------------------------- successors

TEST_F(SuccessionImportTest, SuccessorsAreEachPlansWholeList) {
  Given(Kind::kKeyPosts, kKeyPosts);
  auto report = Run(Kind::kSuccessors, kSuccessors);
  ASSERT_TRUE(report) << Describe(report.error());
  // Two plans: Oakfield's head's, stored without successors (updated), and the Chair's,
  // created by the file (P-CHAIR is key without a plan).
  EXPECT_THAT(*report, ReportOf(4, 1, 1, 0));
  const auto head = PlanOf("P-HT-OAK");
  ASSERT_TRUE(head);
  ASSERT_THAT(head->candidates, SizeIs(3));  // by rank
  EXPECT_EQ(head->candidates[0].person, Id("S004"));
  EXPECT_TRUE(head->candidates[0].emergency);
  EXPECT_EQ(head->candidates[1].person, Id("S005"));
  EXPECT_EQ(head->candidates[1].readiness, succession::Readiness::kOneToTwoYears);
  EXPECT_EQ(head->candidates[1].readiness_reason, "Acting deputy this year");
  EXPECT_EQ(head->candidates[2].external_name, "Jo Bloggs");
  EXPECT_EQ(head->candidates[2].added_on, kToday);
  ASSERT_TRUE(PlanOf("P-CHAIR"));

  ExpectImport(Kind::kSuccessors, kSuccessors, ReportOf(4, 0, 0, 2));

  // A new list: Eve first and the emergency successor, Dev second, Jo Bloggs gone.
  ExpectImport(Kind::kSuccessors,
               "post_reference,rank,staff_reference,emergency\n"
               "P-HT-OAK,1,S005,yes\n"
               "P-HT-OAK,2,S004,no\n",
               ReportOf(2, 0, 1, 0));
  const auto after = PlanOf("P-HT-OAK");
  ASSERT_THAT(after->candidates, SizeIs(2));
  EXPECT_EQ(after->candidates[0].id, head->candidates[1].id);  // the same candidate, moved
  EXPECT_TRUE(after->candidates[0].emergency);
  EXPECT_EQ(after->candidates[0].readiness, succession::Readiness::kOneToTwoYears);  // kept
  EXPECT_EQ(after->candidates[1].id, head->candidates[0].id);
  EXPECT_FALSE(after->candidates[1].emergency);

  // The plan's history holds the lists before and after, as PlanService's entries do.
  auto audit = store_->ListAudit({.trust = trust_,
                                  .entity = "succession_plan",
                                  .entity_id = std::to_string(after->plan.id.value()),
                                  .action = "import",
                                  .page = {.limit = 10}});
  ASSERT_TRUE(audit);
  ASSERT_GE(audit->items.size(), 1u);
  const auto latest = nlohmann::json::parse(audit->items.front().after);
  EXPECT_EQ(latest["candidates"].size(), 2u);
  EXPECT_EQ(nlohmann::json::parse(audit->items.front().before)["candidates"].size(), 3u);
}

TEST_F(SuccessionImportTest, SuccessorsRefuseEachBrokenRuleOfACandidate) {
  Given(Kind::kKeyPosts, kKeyPosts);
  const Error error =
      Refused(Kind::kSuccessors,
              "post_reference,rank,staff_reference,external_name,readiness,readiness_reason\n"
              "P-HT-OAK,1,S001,,,\n"           // holds the post
              "P-HT-OAK,2,S003,,,\n"           // has left
              "P-HT-OAK,3,S004,Jo Bloggs,,\n"  // both
              "P-HT-OAK,4,,Ann Other,,\n"      // an outsider without readiness
              "P-HT-OAK,5,S005,,ready_now,\n"  // an override without its reason
              "P-CHAIR,1,S002,,,\n"
              "P-CHAIR,2,S002,,,\n"     // S002 twice
              "P-NONE,1,S002,,,\n"      // no such post
              "P-T-HILL,0,S005,,,\n");  // rank 0
  EXPECT_THAT(error.details,
              ElementsAre(ProblemAt(2, "staff_reference", "holds this post"),
                          ProblemAt(3, "staff_reference", "has left the trust"),
                          ProblemAt(4, "external_name", "not both"),
                          ProblemAt(5, "readiness", "is required for a successor from outside"),
                          ProblemAt(6, "readiness_reason", "is required when readiness overrides"),
                          ProblemAt(8, "staff_reference", "also in row 7"),
                          ProblemAt(7, "staff_reference", "also in row 8"),
                          ProblemAt(9, "post_reference", "import posts first"),
                          ProblemAt(10, "rank", "must be 1 or more")))
      << Describe(error);

  Given(Kind::kPosts,
        "reference,title,school_urn,family\nP-TA,Teaching assistant,140001,support\n");
  const Error not_key = Refused(Kind::kSuccessors,
                                "post_reference,rank,staff_reference\n"
                                "P-TA,1,S004\n");
  EXPECT_THAT(not_key.details, ElementsAre(ProblemAt(2, "post_reference", "is not a key post")));
}

TEST_F(SuccessionImportTest, SuccessorsRefuseAListThatBreaksAPlansRules) {
  Given(Kind::kKeyPosts, kKeyPosts);
  const Error error = Refused(Kind::kSuccessors,
                              "post_reference,rank,staff_reference,emergency\n"
                              "P-HT-OAK,1,S004,yes\n"
                              "P-HT-OAK,3,S005,yes\n"  // rank 3 of 2, a second emergency
                              "P-CHAIR,1,S004,no\n"
                              "P-CHAIR,1,S005,no\n");  // rank 1 twice
  EXPECT_THAT(error.details, ElementsAre(ProblemAt(2, "emergency", "only one successor of a plan"),
                                         ProblemAt(3, "rank", "must be from 1 to 2"),
                                         ProblemAt(3, "emergency", "only one successor of a plan"),
                                         ProblemAt(4, "rank", "is given to 2 successors"),
                                         ProblemAt(5, "rank", "is given to 2 successors")))
      << Describe(error);
}

TEST_F(SuccessionImportTest, SuccessorsDryRunAndExport) {
  Given(Kind::kKeyPosts, kKeyPosts);
  const std::string csv =
      ExpectDryRunImportAndExport(Kind::kSuccessors, kSuccessors, ReportOf(4, 1, 1, 0));
  EXPECT_THAT(csv, HasSubstr("\r\nP-HT-OAK,1,S004,,,,,yes,Deputy\r\n"
                             "P-HT-OAK,2,S005,,,one_to_two_years,Acting deputy this year,no,\r\n"
                             "P-HT-OAK,3,,Jo Bloggs,Partner school,three_plus_years,,no,\r\n"));
}

}  // namespace
}  // namespace trellis::exchange
