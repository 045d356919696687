// Imports and exports of talent records: role profiles, assessments and 9-box ratings.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "exchange/import_fixture.h"
#include "talent/frameworks.h"
#include "talent/review_service.h"

namespace trellis::exchange {
namespace {

// Two leaders beside the fixture's people: a deputy head and a new assistant head.
constexpr std::string_view kLeaders =
    "reference,given_name,family_name,stage,joined_trust\n"
    "S004,Dev,Patel,experienced_senior_leader,2018-09-01\n"
    "S005,Eve,Okafor,new_senior_leader,2021-01-04\n";

class TalentImportTest : public ImportFixture {
 protected:
  void SetUp() override {
    ImportFixture::SetUp();
    ASSERT_TRUE(talent::InstallShippedFrameworks(*store_, Instant(kToday.days())));
    GivenTheWholeTrust();
    Given(Kind::kPeople, kLeaders);
  }

  PersonId Id(const std::string& reference) { return PersonByReference(reference).id; }

  CompetencyId Competency(const std::string& code) {
    const auto frameworks = store_->ListFrameworks(trust_).value();
    for (const auto& f : frameworks) {
      const auto content = store_->GetFrameworkContent(trust_, f.id).value();
      for (const auto& c : content.competencies)
        if (c.code == code) return c.id;
    }
    ADD_FAILURE() << "no competency " << code;
    return {};
  }

  std::vector<talent::RoleProfile> Profiles() {
    return store_->ListRoleProfiles({.trust = trust_}).value().items;
  }

  // The trust's cycle of `year`, which must exist.
  talent::ReviewCycle Cycle(int year) {
    const auto cycles = store_->ListReviewCycles(trust_).value();
    for (const auto& c : cycles)
      if (c.year == year) return c;
    ADD_FAILURE() << "no cycle " << year;
    return {};
  }

  std::optional<talent::Rating> RatingOf(int year, const std::string& reference) {
    return store_->FindRating(trust_, Cycle(year).id, Id(reference)).value();
  }

  // A cycle opened as the review screens open it.
  talent::ReviewCycle OpenCycle(int year) {
    talent::ReviewService review(*store_, clock_);
    auto cycle = review.Open(trust_, talent::ReviewCycle{.year = year, .name = "Review"}, actor_);
    EXPECT_TRUE(cycle) << cycle.error().message;
    return cycle.value_or(talent::ReviewCycle{});
  }

  talent::ReviewService Review() { return talent::ReviewService(*store_, clock_); }

  ManualClock clock_{Instant(kToday.days()) + std::chrono::hours(8)};
  const org::Actor actor_{.user = {}, .name = "test", .remote = {}};
};

// --------------------------------------------------------------------------- role profiles

constexpr std::string_view kProfiles =
    "profile_name,post_reference,stage,framework,framework_version,competency,level,weight\n"
    "Headteacher,P-HT-OAK,,trellis-3c,,3C-CA-1,4,2\n"
    "Headteacher,P-HT-OAK,,trellis-3c,,3C-CO-2,3,1\n"
    "Headteacher,P-HT-OAK,,npqel-2020,2020,NPQEL-01.1,2,\n"
    "Senior leaders,,New senior leader,TRELLIS-3C,,3c-ca-1,3,1.5\n";

TEST_F(TalentImportTest, RoleProfilesOneRowPerRequirementMakeOneProfilePerPost) {
  ExpectImport(Kind::kRoleProfiles, kProfiles,
               ReportOf(4, 2, 0, 0));  // rows, and the profiles they make
  const auto profiles = Profiles();
  ASSERT_THAT(profiles, SizeIs(2));
  const auto& head = profiles[0];  // posts' profiles first
  EXPECT_EQ(head.name, "Headteacher");
  EXPECT_EQ(head.post, store_->FindPostByReference(trust_, "P-HT-OAK").value()->id);
  ASSERT_THAT(head.requirements, SizeIs(3));
  EXPECT_EQ(head.requirements[0].competency, Competency("3C-CA-1"));
  EXPECT_EQ(head.requirements[0].level, 4);
  EXPECT_EQ(head.requirements[0].weight, 2.0);
  EXPECT_EQ(head.requirements[2].competency, Competency("NPQEL-01.1"));
  EXPECT_EQ(head.requirements[2].weight, 1.0);                       // blank
  EXPECT_EQ(profiles[1].stage, org::CareerStage::kNewSeniorLeader);  // by its label
  EXPECT_EQ(profiles[1].requirements.at(0).weight, 1.5);

  ExpectImport(Kind::kRoleProfiles, kProfiles, ReportOf(4, 0, 0, 2));
}

TEST_F(TalentImportTest, RoleProfilesReimportedReplaceTheProfilesRequirements) {
  Given(Kind::kRoleProfiles, kProfiles);
  const auto before = Profiles().at(0);
  ExpectImport(Kind::kRoleProfiles,
               "post_reference,framework,competency,level\n"
               "P-HT-OAK,trellis-3c,3C-CH-1,2\n",
               ReportOf(1, 0, 1, 0));
  const auto after = Profiles().at(0);
  EXPECT_EQ(after.id, before.id);
  EXPECT_EQ(after.name, "Headteacher");  // the column left out keeps the name
  ASSERT_THAT(after.requirements, SizeIs(1));
  EXPECT_EQ(after.requirements[0].competency, Competency("3C-CH-1"));
  auto audit = store_->ListAudit({.trust = trust_,
                                  .entity = "role_profile",
                                  .entity_id = std::to_string(after.id.value()),
                                  .action = "import"});
  ASSERT_TRUE(audit);
  EXPECT_EQ(audit->total, 2);  // created, then updated
}

TEST_F(TalentImportTest, RoleProfilesRefuseEachBrokenRuleWhereItIs) {
  const Error error =
      Refused(Kind::kRoleProfiles,
              "profile_name,post_reference,stage,framework,competency,level,weight\n"
              "Head,P-HT-OAK,teacher,trellis-3c,3C-CA-1,4,1\n"  // post and stage
              "Loose,,,trellis-3c,3C-CA-1,4,1\n"                // neither
              "Chair,P-CHAIR,,trellis-3c,3C-CA-1,5,1\n"         // level 5
              "Chair,P-CHAIR,,trellis-3c,3C-CA-2,2,0\n"         // weight 0
              "Chair,P-CHAIR,,trellis-3c,3C-CA-1,2,1\n"         // listed twice
              "Other,P-T-HILL,,no-such,3C-CA-1,2,1\n"           // framework
              "Other,P-T-HILL,,trellis-3c,3C-XX-9,2,1\n"        // competency
              "Other,P-NONE,,trellis-3c,3C-CA-1,2,1\n");        // post
  EXPECT_THAT(error.details,
              ::testing::ElementsAre(ProblemAt(7, "framework", "no competency framework"),
                                     ProblemAt(8, "competency", "has no competency with this code"),
                                     ProblemAt(9, "post_reference", "import posts first")));

  // The rules of a whole profile, once every row reads.
  const Error profile =
      Refused(Kind::kRoleProfiles,
              "profile_name,post_reference,stage,framework,competency,level,weight\n"
              "Head,P-HT-OAK,teacher,trellis-3c,3C-CA-1,4,1\n"
              "Loose,,,trellis-3c,3C-CA-1,4,1\n"
              "Chair,P-CHAIR,,trellis-3c,3C-CA-1,5,1\n"
              "Chair,P-CHAIR,,trellis-3c,3C-CA-2,2,0\n"
              "Chair,P-CHAIR,,trellis-3c,3C-CA-1,2,1\n"
              "Chairs,P-CHAIR,,trellis-3c,3C-CA-3,2,1\n");
  EXPECT_THAT(
      profile.details,
      ::testing::UnorderedElementsAre(
          ProblemAt(2, "stage", "not both"), ProblemAt(3, "post_reference", "give the post"),
          AllOf(ProblemAt(4, "level", "must be from 1 to 4"), Field(&Problem::value, "5")),
          ProblemAt(5, "weight", "more than 0"), ProblemAt(6, "competency", "listed twice"),
          ProblemAt(7, "profile_name", "differs from row 4")))
      << Describe(profile);
}

TEST_F(TalentImportTest, RoleProfilesDryRunAndExport) {
  const std::string csv =
      ExpectDryRunImportAndExport(Kind::kRoleProfiles, kProfiles, ReportOf(4, 2, 0, 0));
  EXPECT_THAT(csv, HasSubstr("\r\nHeadteacher,P-HT-OAK,,trellis-3c,1,3C-CA-1,4,2\r\n"));
  EXPECT_THAT(csv,
              HasSubstr("\r\nSenior leaders,,new_senior_leader,trellis-3c,1,3C-CA-1,3,1.5\r\n"));
}

// ----------------------------------------------------------------------------- assessments

constexpr std::string_view kAssessments =
    "staff_reference,framework,competency,level,assessed_on,assessor,assessor_name,evidence\n"
    "S002,trellis-3c,3C-CA-1,2,2025-06-01,S001,,Lesson observations\n"
    "S002,trellis-3c,3C-CA-1,3,10/01/2026,,External coach,\n"
    "S004,npqel-2020,NPQEL-01.1,3,2026-03-02,S001,Ada Lovelace,\"Led the trust's review,\n"
    "two terms\"\n";

TEST_F(TalentImportTest, AssessmentsAreAddedAndTheSameOnesLeftAlone) {
  ExpectImport(Kind::kAssessments, kAssessments, ReportOf(3, 3, 0, 0));
  auto stored = store_->ListAssessments({.trust = trust_, .person = Id("S002")}).value().items;
  ASSERT_THAT(stored, SizeIs(2));
  EXPECT_EQ(stored[0].level, 3);  // newest first: the latest counts
  EXPECT_EQ(stored[1].assessor, Id("S001"));
  EXPECT_EQ(stored[1].assessor_name, "Ada Lovelace");  // the assessor's name, when blank

  ExpectImport(Kind::kAssessments, kAssessments, ReportOf(3, 0, 0, 3));

  // Another day or level is a new assessment; other evidence for the same one updates it.
  ExpectImport(Kind::kAssessments,
               "staff_reference,framework,competency,level,assessed_on,assessor_name,evidence\n"
               "S002,trellis-3c,3C-CA-1,4,2026-11-01,External coach,\n"
               "S002,trellis-3c,3C-CA-1,2,2025-06-01,Ada Lovelace,Observations and data\n",
               ReportOf(2, 1, 1, 0));
  EXPECT_EQ(Count().assessments, 4);
}

TEST_F(TalentImportTest, AssessmentsRefuseEachBrokenRuleWhereItIs) {
  const Error error =
      Refused(Kind::kAssessments,
              "staff_reference,framework,framework_version,competency,level,assessed_on,assessor,"
              "assessor_name\n"
              "S002,trellis-3c,,3C-CA-1,0,2025-06-01,S001,\n"   // level
              "S002,trellis-3c,,3C-CA-2,2,2026-12-01,S001,\n"   // in the future
              "S002,trellis-3c,,3C-CA-3,2,2025-06-01,S002,\n"   // assesses themself
              "S002,trellis-3c,,3C-CO-1,2,2025-06-01,,\n"       // no assessor at all
              "S099,trellis-3c,,3C-CO-2,2,2025-06-01,S001,\n"   // unknown person
              "S002,trellis-3c,7,3C-CO-3,2,2025-06-01,S001,\n"  // unknown version
              "S004,trellis-3c,,3C-CH-1,2,2025-06-01,S001,\n"
              "S004,trellis-3c,,3C-CH-1,2,01/06/2025,S001,\n");  // the same one twice
  EXPECT_THAT(error.details,
              ::testing::ElementsAre(ProblemAt(2, "level", "must be from 1 to 4"),
                                     ProblemAt(3, "assessed_on", "must not be in the future"),
                                     ProblemAt(4, "assessor", "cannot assess themselves"),
                                     ProblemAt(5, "assessor_name", "is required"),
                                     ProblemAt(6, "staff_reference", "import people first"),
                                     ProblemAt(7, "framework_version", "has no version 7"),
                                     ProblemAt(9, "assessed_on", "also in row 8"),
                                     ProblemAt(8, "assessed_on", "also in row 9")))
      << Describe(error);
}

TEST_F(TalentImportTest, AssessmentsDryRunAndExport) {
  const std::string csv =
      ExpectDryRunImportAndExport(Kind::kAssessments, kAssessments, ReportOf(3, 3, 0, 0));
  EXPECT_THAT(csv, HasSubstr("\r\nS002,trellis-3c,1,3C-CA-1,2,2025-06-01,S001,Ada Lovelace,"
                             "Lesson observations\r\n"));
}

// --------------------------------------------------------------------------------- ratings

constexpr std::string_view kLastYear =
    "year,staff_reference,performance,potential,rater,rationale,evidence\n"
    "2025,S002,3,2,S001,Strong results,Year 6 outcomes\n"
    "2025,S004,2,3,S001,Ready for headship soon,\n";

TEST_F(TalentImportTest, RatingsOfAYearWithoutACycleComeInAsAClosedCycle) {
  ExpectImport(Kind::kRatings, kLastYear, ReportOf(2, 2, 0, 0));
  const auto cycle = Cycle(2025);
  EXPECT_EQ(cycle.name, "2025/26 (imported)");
  EXPECT_EQ(cycle.status, talent::CycleStatus::kClosed);
  EXPECT_EQ(cycle.opened_on, kToday);
  EXPECT_EQ(cycle.closed_on, kToday);
  const auto zoe = RatingOf(2025, "S002");
  ASSERT_TRUE(zoe);
  EXPECT_TRUE(zoe->final);
  EXPECT_EQ(zoe->calibrated, (talent::Box{3, 2}));
  EXPECT_EQ(zoe->rater, Id("S001"));
  // Final ratings of a closed cycle are the ones the ranking reads.
  const auto latest = store_->LatestCalibratedRatings(trust_).value();
  EXPECT_THAT(latest, SizeIs(2));

  ExpectImport(Kind::kRatings, kLastYear, ReportOf(2, 0, 0, 2));
  EXPECT_EQ(Count().cycles, 1);
}

TEST_F(TalentImportTest, RatingsOfAClosedOrCalibratingCycleChangeOnlyByCalibration) {
  Given(Kind::kRatings, kLastYear);
  const Error closed = Refused(Kind::kRatings,
                               "year,staff_reference,performance,potential,rater,rationale\n"
                               "2025,S002,3,3,S001,Strong results\n"  // changed
                               "2025,S005,2,2,S004,First year\n");    // added
  ASSERT_THAT(closed.details, SizeIs(2));
  EXPECT_THAT(closed.details[0], ProblemAt(2, "year",
                                           "is closed: its ratings change only "
                                           "through calibration"));
  EXPECT_THAT(closed.details[1], ProblemAt(3, "year", "would add a rating"));

  const auto cycle = OpenCycle(2026);
  ASSERT_TRUE(Review().StartCalibration(trust_, cycle.id, actor_));
  const Error calibrating = Refused(Kind::kRatings,
                                    "year,staff_reference,performance,potential,rater,rationale\n"
                                    "2026,S002,3,3,S001,Strong results\n");
  ASSERT_THAT(calibrating.details, SizeIs(1));
  EXPECT_THAT(calibrating.details[0], ProblemAt(2, "year", "2026/27 is calibrating"));
}

TEST_F(TalentImportTest, RatingsOfAnOpenCycleAreProposalsOnThePersonsBehalf) {
  OpenCycle(2026);
  constexpr std::string_view kProposals =
      "Academic year,Staff reference,Performance,Potential,Rated by,Reason\n"
      "2026/27,S002,2,2,S001,Settling into a new year group\n"
      "2026/27,S005,3,3,S004,Outstanding first year\n";
  ExpectImport(Kind::kRatings, kProposals, ReportOf(2, 2, 0, 0));
  const auto eve = RatingOf(2026, "S005");
  ASSERT_TRUE(eve);
  EXPECT_EQ(eve->proposal, (talent::Box{3, 3}));
  EXPECT_FALSE(eve->final);
  EXPECT_EQ(eve->calibrated, std::nullopt);
  // S004 does not line-manage S005: the import proposes as a trust administrator does.
  EXPECT_EQ(eve->rater, Id("S004"));

  ExpectImport(Kind::kRatings, kProposals, ReportOf(2, 0, 0, 2));
  ExpectImport(Kind::kRatings,
               "year,staff_reference,performance,potential,rater,rationale\n"
               "2026,S005,3,2,S004,Outstanding first year\n",
               ReportOf(1, 0, 1, 0));
  EXPECT_EQ(RatingOf(2026, "S005")->proposal, (talent::Box{3, 2}));
  ExpectExportReimportsUnchanged(Kind::kRatings);  // the newest cycle's
}

TEST_F(TalentImportTest, RatingsRefuseEachBrokenRuleWhereItIs) {
  const Error error = Refused(Kind::kRatings,
                              "year,staff_reference,performance,potential,rater,rationale\n"
                              "2025,S002,4,2,S001,Too high\n"    // performance 4
                              "2025,S004,2,2,S004,Self\n"        // rates themself
                              "2024,S005,2,2,S001,Other year\n"  // another year
                              "2025,S001,2,2,S004,\n"            // no rationale
                              "2025,S002,2,2,S001,Twice\n"       // S002 again
                              "1999,G001,2,2,S001,Long ago\n");  // another year again
  EXPECT_THAT(error.details,
              ::testing::ElementsAre(ProblemAt(2, "performance", "must be from 1 to 3"),
                                     ProblemAt(3, "rater", "cannot rate themselves"),
                                     ProblemAt(4, "year", "is not the year of row 2 (2025)"),
                                     ProblemAt(5, "rationale", "is required"),
                                     ProblemAt(6, "staff_reference", "also in row 2"),
                                     ProblemAt(2, "staff_reference", "also in row 6"),
                                     ProblemAt(7, "year", "is not the year of row 2")))
      << Describe(error);
  const Error year = Refused(Kind::kRatings,
                             "year,staff_reference,performance,potential,rater,rationale\n"
                             "1999,S002,2,2,S001,Long ago\n");
  EXPECT_THAT(year.details, ::testing::ElementsAre(ProblemAt(2, "year", "from 2000 to 2100")));
}

TEST_F(TalentImportTest, RatingsDryRunAndExport) {
  const std::string csv =
      ExpectDryRunImportAndExport(Kind::kRatings, kLastYear, ReportOf(2, 2, 0, 0));
  EXPECT_THAT(csv, HasSubstr("\r\n2025,S002,3,2,S001,Strong results,Year 6 outcomes\r\n"));
  // Another year's file: by its year, or empty when the trust has no cycle that year.
  auto other = Export(*store_, Kind::kRatings, trust_, Format::kCsv, kToday, {.year = 2019});
  ASSERT_TRUE(other);
  EXPECT_EQ(*other,
            "\xEF\xBB\xBF"
            "year,staff_reference,performance,potential,rater,rationale,"
            "evidence\r\n");
}

}  // namespace
}  // namespace trellis::exchange
