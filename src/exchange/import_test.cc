#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <future>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/files.h"
#include "exchange/import_fixture.h"

namespace trellis::exchange {
namespace {

std::string ReadTestData(const std::string& name) {
  return ReadWholeFile(std::filesystem::path(__FILE__).parent_path() / "testdata" / name).value();
}

class ImportTest : public ImportFixture {};

// ------------------------------------------------------------------------------ kinds

TEST(Kinds, CodesRoundTrip) {
  for (auto kind :
       {Kind::kSchools, Kind::kGias, Kind::kBodies, Kind::kPeople, Kind::kPosts, Kind::kHoldings,
        Kind::kMemberships, Kind::kLineLinks, Kind::kRoleProfiles, Kind::kAssessments,
        Kind::kRatings, Kind::kRisks, Kind::kKeyPosts, Kind::kSuccessors})
    EXPECT_EQ(KindFromCode(KindCode(kind)), kind);
  EXPECT_EQ(KindCode(Kind::kLineLinks), "line-links");
  EXPECT_EQ(KindCode(Kind::kRoleProfiles), "role-profiles");
  EXPECT_EQ(KindCode(Kind::kKeyPosts), "key-posts");
  EXPECT_EQ(KindFromCode("staff"), std::nullopt);
  EXPECT_FALSE(CanExport(Kind::kGias));
  EXPECT_TRUE(CanExport(Kind::kPeople));
}

// ------------------------------------------------------------------------ happy paths

TEST_F(ImportTest, EveryKindImportsAndReimportsUnchanged) {
  const std::vector<std::pair<Kind, std::string_view>> files = {
      {Kind::kSchools, kSchools},    {Kind::kBodies, kBodies},
      {Kind::kPeople, kPeople},      {Kind::kPosts, kPosts},
      {Kind::kHoldings, kHoldings},  {Kind::kMemberships, kMemberships},
      {Kind::kLineLinks, kLineLinks}};
  const std::vector<int64_t> sizes = {2, 3, 4, 3, 3, 2, 2};
  for (size_t i = 0; i < files.size(); ++i) {
    const auto& [kind, file] = files[i];
    auto first = Run(kind, file);
    ASSERT_TRUE(first) << KindCode(kind) << ": " << Describe(first.error());
    EXPECT_THAT(*first, ReportOf(sizes[i], sizes[i], 0, 0)) << KindCode(kind);
  }
  const Totals after_first = Count();
  // Audit: an entry for each body (bodies keep one each), one for each other kind's creations.
  EXPECT_EQ(after_first, (Totals{2, 3, 4, 3, 3, 2, 2, 9}));
  for (size_t i = 0; i < files.size(); ++i) {
    const auto& [kind, file] = files[i];
    auto again = Run(kind, file);
    ASSERT_TRUE(again) << KindCode(kind) << ": " << Describe(again.error());
    EXPECT_THAT(*again, ReportOf(sizes[i], 0, 0, sizes[i])) << KindCode(kind);
  }
  EXPECT_EQ(Count(), after_first);
}

TEST_F(ImportTest, StoresWhatTheFileSays) {
  GivenTheWholeTrust();
  const auto zoe = PersonByReference("S002");
  EXPECT_EQ(zoe.given_name, "Zoë");
  EXPECT_EQ(zoe.stage, org::CareerStage::kTeacher);
  const auto ada = PersonByReference("S001");
  EXPECT_EQ(ada.stage, org::CareerStage::kEstablishedHeadteacher);  // by its label
  EXPECT_EQ(ada.joined_trust, Date::FromYmd(2015, 9, 1));           // DD/MM/YYYY

  auto head = store_->FindPostByReference(trust_, "P-HT-OAK");
  ASSERT_TRUE(head && *head);
  EXPECT_TRUE((*head)->key);
  EXPECT_EQ((*head)->workforce_census_role, "Headteacher");  // spelled as DfE does
  auto school = store_->FindSchoolByUrn(trust_, 140001);
  ASSERT_TRUE(school && *school);
  EXPECT_EQ((*head)->school, (*school)->id);

  auto committee = store_->FindBodyByName(trust_, "Finance Committee");
  auto board = store_->FindBodyByName(trust_, "Board of Directors");
  ASSERT_TRUE(committee && *committee && board && *board);
  EXPECT_EQ((*committee)->parent, (*board)->id);

  auto holdings = store_->ListHoldings({.trust = trust_, .person = PersonByReference("S003").id});
  ASSERT_TRUE(holdings);
  ASSERT_THAT(holdings->items, SizeIs(1));
  EXPECT_EQ(holdings->items[0].contract, org::ContractType::kPermanent);  // blank cell
  EXPECT_EQ(holdings->items[0].fte, 1.0);
}

TEST_F(ImportTest, AcceptsHumanHeadersAByteOrderMarkAndCrlf) {
  auto report = Run(Kind::kPeople,
                    "\xEF\xBB\xBF"
                    "Staff reference,First name,Surname,Email address,Career stage\r\n"
                    "S010,Alan,Turing,alan@oak.example,New middle leader\r\n");
  ASSERT_TRUE(report) << Describe(report.error());
  EXPECT_THAT(*report, ReportOf(1, 1, 0, 0));
  EXPECT_EQ(PersonByReference("S010").stage, org::CareerStage::kNewMiddleLeader);
}

TEST_F(ImportTest, UpdatesChangedRecordsWithAnAuditEntry) {
  Given(Kind::kPeople, kPeople);
  const auto before = PersonByReference("S003");
  auto report = Run(Kind::kPeople,
                    "reference,given_name,family_name\n"
                    "S003,Grace,Hopper-Murray\n"
                    "S001,Ada,Lovelace\n");
  ASSERT_TRUE(report) << Describe(report.error());
  EXPECT_THAT(*report, ReportOf(2, 0, 1, 1));
  const auto after = PersonByReference("S003");
  EXPECT_EQ(after.id, before.id);
  EXPECT_EQ(after.family_name, "Hopper-Murray");
  // Columns the file leaves out keep their stored values.
  EXPECT_EQ(after.left_trust, before.left_trust);

  auto audit = store_->ListAudit(
      {.trust = trust_, .entity = "person", .action = "import", .page = {.limit = 100}});
  ASSERT_TRUE(audit);
  EXPECT_EQ(audit->total, 2);  // one for the four creations, one for the update
  const auto update = std::find_if(audit->items.begin(), audit->items.end(),
                                   [](const auto& e) { return !e.before.empty(); });
  ASSERT_NE(update, audit->items.end());
  EXPECT_EQ(update->entity_id, std::to_string(before.id.value()));
  EXPECT_THAT(update->before, HasSubstr("\"Hopper\""));
  EXPECT_THAT(update->after, HasSubstr("\"Hopper-Murray\""));
  EXPECT_EQ(update->actor, "hr@oak.example");
  EXPECT_EQ(update->remote, "192.0.2.1");
}

TEST_F(ImportTest, OneAuditEntryNamesEveryRecordCreatedAndIsInEachOnesHistory) {
  Given(Kind::kPeople, kPeople);
  auto audit = store_->ListAudit({.trust = trust_, .entity = "person", .action = "import"});
  ASSERT_TRUE(audit);
  ASSERT_EQ(audit->total, 1);
  const access::AuditEntry& entry = audit->items.front();
  EXPECT_EQ(entry.entity_id, "");
  EXPECT_EQ(entry.actor, "hr@oak.example");
  const auto after = nlohmann::json::parse(entry.after);
  EXPECT_EQ(after["created"], 4);
  std::vector<int64_t> listed;
  for (const auto& run : after["ids"])
    for (int64_t id = run[0]; id <= run[1].get<int64_t>(); ++id) listed.push_back(id);
  std::vector<int64_t> stored;
  for (const char* reference : {"S001", "S002", "S003", "G001"}) {
    const int64_t id = PersonByReference(reference).id.value();
    stored.push_back(id);
    auto history = store_->ListAudit(
        {.trust = trust_, .entity = "person", .entity_id = std::to_string(id)});
    ASSERT_TRUE(history);
    ASSERT_EQ(history->total, 1) << reference;
    EXPECT_EQ(history->items.front().id, entry.id);
  }
  std::sort(stored.begin(), stored.end());
  EXPECT_EQ(listed, stored);
}

// People are written while later rows are still being checked (Importer::WritesAsItReads),
// in parts of 10,000 rows: files of several parts, whole and with a problem late on.
std::string ManyPeople(int rows) {
  std::string file = "reference,given_name,family_name\n";
  for (int i = 0; i < rows; ++i) file += "M" + std::to_string(i) + ",Many,People\n";
  return file;
}

TEST_F(ImportTest, AFileOfManyPartsIsWrittenWholeWithOneEntryForItsCreations) {
  auto report = Run(Kind::kPeople, ManyPeople(25'000));
  ASSERT_TRUE(report) << Describe(report.error());
  EXPECT_THAT(*report, ReportOf(25'000, 25'000, 0, 0));
  EXPECT_EQ(Count().people, 25'000);
  const auto audit =
      store_->ListAudit({.trust = trust_, .entity = "person", .action = "import"}).value();
  ASSERT_EQ(audit.total, 1);
  EXPECT_EQ(nlohmann::json::parse(audit.items.front().after)["created"], 25'000);
  for (const char* reference : {"M0", "M9999", "M10000", "M24999"}) {
    const auto id = std::to_string(PersonByReference(reference).id.value());
    EXPECT_EQ(store_->ListAudit({.trust = trust_, .entity = "person", .entity_id = id})->total, 1)
        << reference;
  }
}

TEST_F(ImportTest, AProblemInALaterPartUndoesThePartsAlreadyWritten) {
  std::string bad_last = ManyPeople(25'000) + "M25000,,\n";  // no names
  const Error missing = Refused(Kind::kPeople, bad_last);
  ASSERT_EQ(missing.details.size(), 2u);  // given name, family name
  EXPECT_EQ(missing.details[0].row, 25'002);
  EXPECT_EQ(missing.details[1].row, 25'002);
  // A reference twice, 20,000 rows apart: both rows named, nothing written.
  std::string twice = ManyPeople(25'000) + "M3,Again,People\n";
  const Error repeated = Refused(Kind::kPeople, twice);
  ASSERT_EQ(repeated.details.size(), 2u);
  EXPECT_EQ(Count().people, 0);
}

TEST_F(ImportTest, AFileOfManyPartsWithProblemsEarlyAndLateListsThemAllAndWritesNothing) {
  // From the first problem on, what is planned is let go (Importer::DropPlanned), part by
  // part: the checks go on to the end all the same.
  std::string file = ManyPeople(25'000);
  file.replace(file.find("M2,Many,People"), 14, "M2,,People");
  file += "M25000,Many,\n";
  const Error error = Refused(Kind::kPeople, file);
  ASSERT_THAT(error.details, SizeIs(2));
  EXPECT_THAT(error.details, Contains(ProblemAt(4, "given_name", "")));
  EXPECT_THAT(error.details, Contains(ProblemAt(25'002, "family_name", "")));
  EXPECT_EQ(Count().people, 0);
  // A dry run of the same file without them counts every row of every part.
  ExpectDryRun(Kind::kPeople, ManyPeople(25'000), ReportOf(25'000, 25'000, 0, 0));
}

TEST_F(ImportTest, DryRunChecksButWritesNothing) {
  ExpectDryRun(Kind::kSchools, kSchools, ReportOf(2, 2, 0, 0));
}

TEST_F(ImportTest, ChecksAgainstTheStoreInsideTheTransactionThatWrites) {
  // The command line and the server write to the same database at once. Another connection
  // stores S001 and holds its transaction open while this import starts: the import must
  // decide "create" or "unchanged" from what is stored when it writes, not from a listing
  // read before (which would try to create S001 a second time and fail).
  auto other = store::OpenSqliteStore(path_);
  ASSERT_TRUE(other) << other.error().message;
  std::promise<void> stored;
  std::future<void> stored_signal = stored.get_future();
  Result<void> written;
  std::thread writer([&] {
    written = (*other)->Transact([&](store::Store& tx) -> Result<void> {
      TRY(tx.Insert(org::Person{
          .trust = trust_, .reference = "S001", .given_name = "Ada", .family_name = "Lovelace"}));
      stored.set_value();
      // Long enough for the import to read the store and reach its writes, well inside the
      // store's busy timeout.
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
      return Ok();
    });
  });
  stored_signal.wait();
  auto report = Run(Kind::kPeople, "reference,given_name,family_name\nS001,Ada,Lovelace\n");
  writer.join();
  ASSERT_TRUE(written) << written.error().message;
  ASSERT_TRUE(report) << Describe(report.error());
  EXPECT_THAT(*report, ReportOf(1, 0, 0, 1));
  EXPECT_EQ(Count().people, 1);
}

TEST_F(ImportTest, BlankLinesAreSkipped) {
  auto report = Run(Kind::kSchools, std::string(kSchools) + "\n\n,,,,,,,,,,\n");
  ASSERT_TRUE(report) << Describe(report.error());
  EXPECT_EQ(report->rows, 2);
}

// ------------------------------------------------------------------------------- GIAS

TEST_F(ImportTest, GiasImportsTheTrustsOpenSchoolsFromTheDownloadAsIs) {
  const std::string file = ReadTestData("gias_sample.csv");
  ASSERT_FALSE(file.empty());
  auto report = Run(Kind::kGias, file);
  ASSERT_TRUE(report) << Describe(report.error());
  // Ten rows: six name TR01234, one of which is closed (and not stored), so five come in.
  EXPECT_THAT(*report, ReportOf(10, 5, 0, 0));

  auto school = store_->FindSchoolByUrn(trust_, 140003);
  ASSERT_TRUE(school && *school);
  EXPECT_EQ((*school)->name, "St Thérèse’s Catholic Primary School");  // from Windows-1252
  EXPECT_EQ((*school)->local_authority, "Wakefield");
  EXPECT_EQ((*school)->region, "Yorkshire and the Humber");
  EXPECT_EQ((*school)->phase, "Primary");
  EXPECT_EQ((*school)->type, "Academy converter");
  EXPECT_EQ((*school)->pupils, std::nullopt);
  EXPECT_EQ((*school)->easting, 433200);
  auto upper = store_->FindSchoolByUrn(trust_, 140006);
  ASSERT_TRUE(upper && *upper);
  EXPECT_EQ((*upper)->name, "Moorside Academy – Upper School");
  auto closed = store_->FindSchoolByUrn(trust_, 140005);
  ASSERT_TRUE(closed);
  EXPECT_EQ(*closed, std::nullopt);
  auto elsewhere = store_->FindSchoolByUrn(trust_, 150001);
  ASSERT_TRUE(elsewhere);
  EXPECT_EQ(*elsewhere, std::nullopt);

  auto again = Run(Kind::kGias, file);
  ASSERT_TRUE(again) << Describe(again.error());
  EXPECT_THAT(*again, ReportOf(10, 0, 0, 5));
}

TEST_F(ImportTest, GiasClosesASchoolTheTrustAlreadyHas) {
  Given(Kind::kSchools, "urn,name,status\n140005,Old Mill Primary,Open\n");
  auto report = Run(Kind::kGias, ReadTestData("gias_sample.csv"));
  ASSERT_TRUE(report) << Describe(report.error());
  EXPECT_THAT(*report, ReportOf(10, 5, 1, 0));
  auto school = store_->FindSchoolByUrn(trust_, 140005);
  ASSERT_TRUE(school && *school);
  EXPECT_EQ((*school)->status, "Closed");
}

TEST_F(ImportTest, GiasRefusesAFileWithNoneOfTheTrustsSchools) {
  auto other = store_->Insert(org::Trust{.name = "Willow Trust", .reference = "TR05555"});
  ASSERT_TRUE(other);
  auto options = Options();
  options.trust = other->id;
  const Totals before = Count();
  auto report = Import(*store_, Kind::kGias, ReadTestData("gias_sample.csv"), options);
  ASSERT_FALSE(report);
  EXPECT_EQ(report.error().code, ErrorCode::kValidationFailed);
  ASSERT_EQ(report.error().details.size(), 1u);
  EXPECT_EQ(report.error().details[0].field, "Trusts (code)");
  EXPECT_NE(report.error().details[0].reason.find("TR05555"), std::string::npos);
  EXPECT_EQ(Count(), before);
}

TEST_F(ImportTest, GiasNeedsTheTrustsReferenceToPickItsSchoolsFromSeveralTrusts) {
  auto unnamed = store_->Insert(org::Trust{.name = "Unnamed Trust"});
  ASSERT_TRUE(unnamed);
  auto options = Options();
  options.trust = unnamed->id;
  const Totals before = Count();
  auto report = Import(*store_, Kind::kGias, ReadTestData("gias_sample.csv"), options);
  ASSERT_FALSE(report);
  ASSERT_EQ(report.error().details.size(), 1u);
  EXPECT_NE(report.error().details[0].reason.find("2 trusts"), std::string::npos);
  EXPECT_EQ(Count(), before);
}

TEST_F(ImportTest, GiasTakesAFileOfOneTrustWhenTheTrustHasNoReference) {
  auto unnamed = store_->Insert(org::Trust{.name = "Unnamed Trust"});
  ASSERT_TRUE(unnamed);
  auto options = Options();
  options.trust = unnamed->id;
  auto report = Import(*store_, Kind::kGias,
                       "URN,EstablishmentName,EstablishmentStatus (name),Trusts (code)\n"
                       "140011,Hill Top Primary,Open,TR07777\n"
                       "140012,Dale Academy,Open,TR07777\n",
                       options);
  ASSERT_TRUE(report) << Describe(report.error());
  EXPECT_THAT(*report, ReportOf(2, 2, 0, 0));
}

TEST_F(ImportTest, GiasAcceptsUtf8Too) {
  auto report = Run(Kind::kGias,
                    "URN,EstablishmentName,EstablishmentStatus (name),Postcode,Extra\n"
                    "140009,École Française,Open,LS1 4AP,ignored\n");
  ASSERT_TRUE(report) << Describe(report.error());
  auto school = store_->FindSchoolByUrn(trust_, 140009);
  ASSERT_TRUE(school && *school);
  EXPECT_EQ((*school)->name, "École Française");
}

// -------------------------------------------------------------------- malformed files

TEST_F(ImportTest, RefusesAFileThatIsNotUtf8) {
  // "Zoë Brontë" saved as plain "CSV" (Windows-1252).
  const Error error = Refused(Kind::kPeople,
                              "reference,given_name,family_name\n"
                              "S002,Zo\xEB,Bront\xEB\n"
                              "S001,Ada,Lovelace\n");
  ASSERT_THAT(error.details, SizeIs(2));
  EXPECT_THAT(error.details[0], ProblemAt(2, "given_name", "CSV UTF-8"));
  EXPECT_EQ(error.details[0].value, "Zoë");  // shown as the user's spreadsheet shows it
  EXPECT_THAT(error.details[1], ProblemAt(2, "family_name", "not UTF-8"));
  EXPECT_EQ(error.message, "2 problems in the people file; nothing was written");
}

TEST_F(ImportTest, RefusesUtf16) {
  const Error error = Refused(Kind::kPeople, std::string("\xFF\xFEr\0e\0", 6));
  ASSERT_THAT(error.details, SizeIs(1));
  EXPECT_THAT(error.details[0].reason, HasSubstr("UTF-16"));
}

TEST_F(ImportTest, RefusesRaggedRows) {
  const Error error = Refused(Kind::kSchools,
                              "urn,name,postcode\n"
                              "140001,Oakfield,LS1 4AP\n"
                              "140002,Hillside\n"
                              "140003,Cedar, Infant,LS2 7AA\n");
  ASSERT_THAT(error.details, SizeIs(2));
  EXPECT_THAT(error.details[0],
              ProblemAt(3, "postcode", "the row has 2 cells but the header row has 3"));
  EXPECT_THAT(error.details[1], ProblemAt(4, "column 4", "4 cells"));
}

TEST_F(ImportTest, RefusesUnknownReferences) {
  Given(Kind::kSchools, kSchools);
  Given(Kind::kPeople, kPeople);
  const Error posts = Refused(Kind::kPosts,
                              "reference,title,school_urn,body,family\n"
                              "P1,Teacher,199999,,teaching\n"
                              "P2,Clerk,,No Such Board,governance\n");
  ASSERT_THAT(posts.details, SizeIs(2));
  EXPECT_THAT(posts.details[0], ProblemAt(2, "school_urn", "import schools first"));
  EXPECT_EQ(posts.details[0].value, "199999");
  EXPECT_THAT(posts.details[1], ProblemAt(3, "body", "no governance body"));

  const Error links = Refused(Kind::kLineLinks,
                              "Line manager,Direct report,Start date\n"
                              "S001,S999,2024-01-01\n");
  ASSERT_THAT(links.details, SizeIs(1));
  EXPECT_THAT(links.details[0], ProblemAt(2, "Direct report", "import people first"));
}

TEST_F(ImportTest, RefusesDuplicateKeysNamingBothRows) {
  const Error error = Refused(Kind::kPeople,
                              "reference,given_name,family_name\n"
                              "S001,Ada,Lovelace\n"
                              "S002,Zoë,Brontë\n"
                              "S001,Ada,Byron\n");
  ASSERT_THAT(error.details, SizeIs(2));
  EXPECT_THAT(error.details, Contains(ProblemAt(4, "reference", "also in row 2")));
  EXPECT_THAT(error.details, Contains(ProblemAt(2, "reference", "also in row 4")));
}

TEST_F(ImportTest, FindsARepeatedReferenceAmongThousandsHoweverTheTableOfThemGrew) {
  // Posts reserve no room for their references, so the table of those seen grows from its
  // smallest through every size on the way to 3,000 (FirstRows<std::string>).
  std::string posts = "reference,title,family,fte,key\n";
  for (int i = 0; i < 3'000; ++i)
    posts += "POST-" + std::to_string(i) + ",Teacher,teaching,1,no\n";
  // References alike but for case or length are different references.
  const std::string alike = posts + "post-0,Teacher,teaching,1,no\nPOST-00,Teacher,teaching,1,no\n";
  const Error repeated = Refused(Kind::kPosts, posts + "POST-0,Teacher,teaching,1,no\n" +
                                                   "POST-2999,Teacher,teaching,1,no\n");
  ASSERT_THAT(repeated.details, SizeIs(4));
  EXPECT_THAT(repeated.details, Contains(ProblemAt(3'002, "reference", "also in row 2")));
  EXPECT_THAT(repeated.details, Contains(ProblemAt(2, "reference", "also in row 3002")));
  EXPECT_THAT(repeated.details, Contains(ProblemAt(3'003, "reference", "also in row 3001")));
  EXPECT_THAT(repeated.details, Contains(ProblemAt(3'001, "reference", "also in row 3003")));
  auto report = Run(Kind::kPosts, alike);
  ASSERT_TRUE(report) << Describe(report.error());
  EXPECT_THAT(*report, ReportOf(3'002, 3'002, 0, 0));
}

TEST_F(ImportTest, RefusesDuplicateLinks) {
  GivenTheWholeTrust();
  const Error error = Refused(Kind::kHoldings,
                              "post_reference,person_reference,start\n"
                              "P-HT-OAK,S001,2015-09-01\n"
                              "P-HT-OAK,S001,01/09/2015\n");
  EXPECT_THAT(error.details, Contains(ProblemAt(3, "start", "also in row 2")));
}

TEST_F(ImportTest, RefusesAnEmptyFile) {
  for (std::string_view empty : {"", "\xEF\xBB\xBF", "\r\n\r\n"}) {
    const Error error = Refused(Kind::kSchools, empty);
    ASSERT_THAT(error.details, SizeIs(1));
    EXPECT_EQ(error.details[0].reason, "the file is empty");
    EXPECT_EQ(error.details[0].row, std::nullopt);
  }
}

TEST_F(ImportTest, RefusesAHeaderWithoutData) {
  const Error error = Refused(Kind::kPeople, "reference,given_name,family_name\r\n");
  ASSERT_THAT(error.details, SizeIs(1));
  EXPECT_THAT(error.details[0].reason, HasSubstr("no data rows"));
}

TEST_F(ImportTest, RefusesATenMegabyteField) {
  std::string file = "reference,given_name,family_name\nS001,\"";
  file.append(10u << 20, 'x');
  file += "\",Lovelace\nS002,Zoë,Brontë\n";
  const Error error = Refused(Kind::kPeople, file);
  ASSERT_THAT(error.details, SizeIs(1));
  EXPECT_THAT(error.details[0], ProblemAt(2, "given_name", "longer than the limit of 1 MiB"));
  EXPECT_LE(error.details[0].value.size(), 110u);
}

TEST_F(ImportTest, RefusesMissingColumnsOnePerColumn) {
  const Error error = Refused(Kind::kHoldings, "post_reference,fte\nP1,1\n");
  ASSERT_THAT(error.details, SizeIs(2));
  EXPECT_THAT(error.details[0], ProblemAt(1, "person_reference", "no column"));
  EXPECT_THAT(error.details[1], ProblemAt(1, "start", "no column"));
}

TEST_F(ImportTest, RefusesAColumnGivenTwice) {
  const Error error =
      Refused(Kind::kPeople, "reference,Staff reference,given_name,family_name\nS1,S1,A,B\n");
  ASSERT_THAT(error.details, SizeIs(1));
  EXPECT_THAT(error.details[0], ProblemAt(1, "Staff reference", "given twice"));
}

TEST_F(ImportTest, RefusesBrokenQuotingWithTheSpreadsheetRow) {
  const Error error = Refused(Kind::kSchools,
                              "urn,name\n"
                              "140001,\"Oakfield\nPrimary\"\n"  // one spreadsheet row, two lines
                              "140002,Hill\"side\n");
  ASSERT_THAT(error.details, SizeIs(2));
  EXPECT_THAT(error.details[0], ProblemAt(2, "name", "must not contain control characters"));
  EXPECT_THAT(error.details[1], ProblemAt(3, "name", "quote"));
}

TEST_F(ImportTest, RefusesALineBreakOrOtherControlCharacterInAText) {
  // A quoted cell may span lines in CSV, but no field of a record may hold a line break: the
  // exports would write it back out broken (and XLSX would cut the cell at a NUL).
  const Error error = Refused(Kind::kPeople,
                              "reference,First name,family_name,email\n"
                              "S001,\"Ada\r\nMary\",Lovelace,\n"
                              "S002,Zoë,Bront\x7f\xc3\xab,zoe@oak.example\n" +
                                  std::string("S0") + '\0' + "03,Grace,Hopper,\n");
  ASSERT_THAT(error.details, SizeIs(3)) << Describe(error);
  EXPECT_THAT(error.details[0], ProblemAt(2, "First name", "must not contain control characters"));
  EXPECT_EQ(error.details[0].value, "Ada\\r\\nMary");  // the characters shown, not written
  EXPECT_THAT(error.details[1], ProblemAt(3, "family_name", "control characters"));
  EXPECT_EQ(error.details[1].value, "Bront\\u007fë");
  EXPECT_THAT(error.details[2], ProblemAt(4, "reference", "control characters"));
  EXPECT_EQ(error.details[2].value, "S0\\u000003");
}

TEST_F(ImportTest, ReportsEveryProblemInTheFile) {
  Given(Kind::kSchools, kSchools);
  const Error error = Refused(Kind::kPosts,
                              "reference,title,school_urn,family,fte,key\n"
                              "P1,,140001,teaching,1,yes\n"           // no title
                              "P2,Teacher,140001,cooking,1,yes\n"     // unknown family
                              "P3,Teacher,140001,teaching,1.5,yes\n"  // fte over 1
                              "P4,Teacher,140001,teaching,1,maybe\n"  // not yes or no
                              "P5,Teacher,14OOO1,teaching,1,no\n");   // not a number
  EXPECT_EQ(error.message, "5 problems in the posts file; nothing was written");
  ASSERT_THAT(error.details, SizeIs(5));
  EXPECT_THAT(error.details[0], ProblemAt(2, "title", "is required"));
  EXPECT_THAT(error.details[1], ProblemAt(3, "family", "must be one of teaching"));
  EXPECT_EQ(error.details[1].value, "cooking");
  EXPECT_THAT(error.details[2], ProblemAt(4, "fte", "at most 1"));
  EXPECT_EQ(error.details[2].value, "1.5");  // as typed
  EXPECT_THAT(error.details[3], ProblemAt(5, "key", "yes or no"));
  EXPECT_THAT(error.details[4], ProblemAt(6, "school_urn", "no school"));
}

TEST_F(ImportTest, RefusesACircleOfParentBodies) {
  const Error error = Refused(Kind::kBodies,
                              "name,kind,parent\n"
                              "Audit,committee,Risk\n"
                              "Risk,committee,Audit\n");
  EXPECT_THAT(error.details, Contains(ProblemAt(2, "parent", "circle")));
}

TEST_F(ImportTest, AnUnknownTrustIsNotFound) {
  auto options = Options();
  options.trust = TrustId(999);
  auto report = Import(*store_, Kind::kSchools, kSchools, options);
  ASSERT_FALSE(report);
  EXPECT_EQ(report.error().code, ErrorCode::kNotFound);
}

TEST_F(ImportTest, CapsTheListOfProblemsButCountsThemAll) {
  std::string file = "urn,name\n";
  for (int i = 0; i < 1500; ++i) file += "bad,School\n";
  const Error error = Refused(Kind::kSchools, file);
  EXPECT_THAT(error.details, SizeIs(kMaxReportedProblems));
  EXPECT_THAT(error.message, HasSubstr("1500 problems"));
}

}  // namespace
}  // namespace trellis::exchange
