#pragma once
// The fixture of the importer's and exporter's tests: a fresh SQLite store with one trust,
// the files that build a small trust kind by kind, and helpers that run imports, prove that a
// refused one wrote nothing, and match problems and reports.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

#include "exchange/exchange.h"
#include "store/sqlite/sqlite_store.h"

namespace trellis::exchange {

using ::testing::AllOf;
using ::testing::Contains;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::Optional;
using ::testing::SizeIs;

// Every record count in the store, to prove that a refused import wrote nothing.
struct Totals {
  int64_t schools = 0, bodies = 0, people = 0, posts = 0, holdings = 0, memberships = 0,
          line_links = 0, audit = 0;
  int64_t role_profiles = 0, assessments = 0, cycles = 0, ratings = 0, risks = 0, plans = 0,
          candidates = 0;
  bool operator==(const Totals&) const = default;
};

inline const Date kToday = *Date::FromYmd(2026, 11, 23);

// Files that build a small trust, kind by kind, in import order.
inline constexpr std::string_view kSchools =
    "urn,name,phase,type,status,local_authority,region,pupils,postcode,easting,northing\n"
    "140001,Oakfield Primary Academy,Primary,Academy converter,Open,Leeds,Yorkshire and the "
    "Humber,412,LS1 4AP,429950,433750\n"
    "140002,Hillside High School,Secondary,Academy converter,Open,Leeds,,1180,LS6 2QT,,\n";

inline constexpr std::string_view kBodies =
    "name,kind,school_urn,parent\n"
    "Finance Committee,committee,,Board of Directors\n"  // its parent comes later in the file
    "Board of Directors,board,,\n"
    "Oakfield LGB,local_governing_body,140001,\n";

inline constexpr std::string_view kPeople =
    "reference,given_name,family_name,email,stage,joined_trust,left_trust\n"
    "S001,Ada,Lovelace,ada@oak.example,Established headteacher,01/09/2015,\n"
    "S002,Zoë,Brontë,zoe@oak.example,teacher,2020-09-01,\n"
    "S003,Grace,Hopper,,,2019-01-07,2026-08-31\n"
    "G001,Mary,Somerville,,board_member,,\n";

inline constexpr std::string_view kPosts =
    "reference,title,school_urn,body,family,stage,workforce_census_role,fte,key\n"
    "P-HT-OAK,Headteacher,140001,,leadership,new_headteacher,headteacher,1,yes\n"
    "P-T-HILL,Teacher of English,140002,,teaching,teacher,Classroom Teacher,0.6,no\n"
    "P-CHAIR,Chair of the Board,,Board of Directors,governance,board_member,,0.1,true\n";

inline constexpr std::string_view kHoldings =
    "post_reference,person_reference,start,end,contract,fte\n"
    "P-HT-OAK,S001,2015-09-01,,permanent,1\n"
    "P-T-HILL,S002,2020-09-01,,fixed_term,0.6\n"
    "P-T-HILL,S003,2019-01-07,2020-08-31,,\n";

inline constexpr std::string_view kMemberships =
    "body,person_reference,role,term_start,term_end\n"
    "Board of Directors,G001,chair,2022-09-01,2026-08-31\n"
    "Oakfield LGB,S001,member,2015-09-01,\n";

inline constexpr std::string_view kLineLinks =
    "manager_reference,report_reference,start,end\n"
    "S001,S002,2020-09-01,\n"
    "S001,S003,2019-01-07,2020-08-31\n";

class ImportFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ =
        ::testing::TempDir() + "exchange_" + info->test_suite_name() + "_" + info->name() + ".db";
    RemoveDatabase();
    auto opened = store::OpenSqliteStore(path_);
    ASSERT_TRUE(opened) << opened.error().message;
    store_ = std::move(*opened);
    ASSERT_TRUE(store_->Migrate());
    auto trust = store_->Insert(org::Trust{.name = "Oak Learning Trust", .reference = "TR01234"});
    ASSERT_TRUE(trust) << trust.error().message;
    trust_ = trust->id;
  }

  void TearDown() override {
    store_.reset();
    RemoveDatabase();
  }

  void RemoveDatabase() {
    for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path_ + suffix).c_str());
  }

  ImportOptions Options(bool dry_run = false) const {
    return {.trust = trust_,
            .dry_run = dry_run,
            .today = kToday,
            .now = Instant(kToday.days()) + std::chrono::hours(9),
            .actor = "hr@oak.example",
            .user = std::nullopt,
            .remote = "192.0.2.1"};
  }

  Result<ImportReport> Run(Kind kind, std::string_view file, bool dry_run = false) {
    return Import(*store_, kind, file, Options(dry_run));
  }

  // Imports that must succeed, for setting the scene.
  void Given(Kind kind, std::string_view file) {
    auto report = Run(kind, file);
    ASSERT_TRUE(report) << KindCode(kind) << ": " << Describe(report.error());
  }
  void GivenTheWholeTrust() {
    Given(Kind::kSchools, kSchools);
    Given(Kind::kBodies, kBodies);
    Given(Kind::kPeople, kPeople);
    Given(Kind::kPosts, kPosts);
    Given(Kind::kHoldings, kHoldings);
    Given(Kind::kMemberships, kMemberships);
    Given(Kind::kLineLinks, kLineLinks);
  }

  // Imports `file`, which must be accepted and reported as `report` (such as ReportOf(...)).
  template <typename Matcher>
  void ExpectImport(Kind kind, std::string_view file, Matcher report) {
    auto imported = Run(kind, file);
    ASSERT_TRUE(imported) << KindCode(kind) << ": " << Describe(imported.error());
    EXPECT_THAT(*imported, report);
  }

  // A dry run of `file` reports as the import would (`report`, such as ReportOf(...)) and
  // writes nothing.
  template <typename Matcher>
  void ExpectDryRun(Kind kind, std::string_view file, Matcher report) {
    const Totals before = Count();
    auto dry = Run(kind, file, /*dry_run=*/true);
    ASSERT_TRUE(dry) << KindCode(kind) << ": " << Describe(dry.error());
    EXPECT_TRUE(dry->dry_run);
    EXPECT_THAT(*dry, report);
    EXPECT_EQ(Count(), before) << "a dry run of " << KindCode(kind) << " wrote something";
  }

  // The life of a good file: its dry run (ExpectDryRun), its import, and its export, which
  // must import back unchanged. Returns the exported CSV.
  template <typename Matcher>
  std::string ExpectDryRunImportAndExport(Kind kind, std::string_view file, Matcher report) {
    ExpectDryRun(kind, file, report);
    Given(kind, file);
    return ExpectExportReimportsUnchanged(kind);
  }

  // Exports `kind` as CSV (and as XLSX, which must be a workbook) and imports the CSV back:
  // every record must be unchanged. Returns the CSV.
  std::string ExpectExportReimportsUnchanged(Kind kind) {
    auto xlsx = Export(*store_, kind, trust_, Format::kXlsx, kToday);
    EXPECT_TRUE(xlsx && xlsx->starts_with("PK\x03\x04")) << KindCode(kind);
    auto csv = Export(*store_, kind, trust_, Format::kCsv, kToday);
    EXPECT_TRUE(csv) << KindCode(kind) << ": " << (csv ? "" : csv.error().message);
    if (!csv) return {};
    auto report = Run(kind, *csv);
    EXPECT_TRUE(report) << KindCode(kind) << ": " << (report ? "" : Describe(report.error()))
                        << "\n"
                        << *csv;
    if (!report) return *csv;
    EXPECT_EQ(report->created + report->updated, 0) << KindCode(kind) << "\n" << *csv;
    EXPECT_GT(report->unchanged, 0) << KindCode(kind) << "\n" << *csv;
    return *csv;
  }

  static std::string Describe(const Error& error) {
    std::string out = error.message;
    for (const auto& p : error.details)
      out += "\n  row " + (p.row ? std::to_string(*p.row) : std::string("-")) + " [" + p.field +
             "] " + p.reason + " <" + p.value + ">";
    return out;
  }

  Totals Count() {
    Totals t;
    auto total = [](auto listing) { return listing ? listing->total : -1; };
    t.schools = total(store_->ListSchools({.trust = trust_, .page = {.limit = 1}}));
    t.bodies = total(store_->ListBodies({.trust = trust_, .page = {.limit = 1}}));
    t.people = total(store_->ListPeople(
        {.trust = trust_, .include_leavers = true, .today = kToday, .page = {.limit = 1}}));
    t.posts = total(store_->ListPosts({.trust = trust_, .today = kToday, .page = {.limit = 1}}));
    t.holdings = total(store_->ListHoldings({.trust = trust_, .page = {.limit = 1}}));
    t.memberships = total(store_->ListMemberships({.trust = trust_, .page = {.limit = 1}}));
    t.line_links = total(store_->ListLineLinks({.trust = trust_, .page = {.limit = 1}}));
    t.audit = total(store_->ListAudit({.trust = trust_, .page = {.limit = 1}}));
    t.role_profiles = total(store_->ListRoleProfiles({.trust = trust_, .page = {.limit = 1}}));
    t.assessments = total(store_->ListAssessments({.trust = trust_, .page = {.limit = 1}}));
    const auto cycles = store_->ListReviewCycles(trust_);
    t.cycles = cycles ? static_cast<int64_t>(cycles->size()) : -1;
    t.ratings = total(store_->ListRatings({.trust = trust_, .page = {.limit = 1}}));
    t.risks = total(store_->ListLossRisks({.trust = trust_, .page = {.limit = 1}}));
    t.plans = total(store_->ListSuccessionPlans({.trust = trust_, .page = {.limit = 1}}));
    t.candidates = total(store_->ListPlanCandidates({.trust = trust_, .page = {.limit = 1}}));
    return t;
  }

  // Runs an import that must fail; checks that nothing was written and returns the error.
  Error Refused(Kind kind, std::string_view file) {
    const Totals before = Count();
    auto report = Run(kind, file);
    EXPECT_FALSE(report) << "the import was accepted";
    EXPECT_EQ(Count(), before) << "a refused import wrote something";
    if (report) return {};
    EXPECT_EQ(report.error().code, ErrorCode::kValidationFailed) << Describe(report.error());
    EXPECT_THAT(report.error().message, HasSubstr("nothing was written"));
    return report.error();
  }

  org::Person PersonByReference(const std::string& reference) {
    auto found = store_->FindPersonByReference(trust_, reference);
    EXPECT_TRUE(found && *found) << reference;
    return found && *found ? **found : org::Person{};
  }

  std::string path_;
  std::unique_ptr<store::Store> store_;
  TrustId trust_;
};

inline auto ProblemAt(int64_t row, std::string field, std::string reason_part) {
  return AllOf(Field(&Problem::row, Optional(row)), Field(&Problem::field, field),
               Field(&Problem::reason, HasSubstr(reason_part)));
}

inline auto ReportOf(int64_t rows, int64_t created, int64_t updated, int64_t unchanged) {
  return AllOf(Field(&ImportReport::rows, rows), Field(&ImportReport::created, created),
               Field(&ImportReport::updated, updated), Field(&ImportReport::unchanged, unchanged));
}

}  // namespace trellis::exchange
