// privacy/ on the demo trust in a SQLite store (the store's own part runs on both databases in
// store/store_privacy_contract_test.cc; the routes on both in tests/http/privacy_test.cc):
// archives, the audit log's redaction, the export and what it covers, erasure, retention runs
// dry and real, and the daily schedule's claim.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <set>

#include "demo/demo.h"
#include "org/json.h"
#include "privacy/archive.h"
#include "privacy/erasure.h"
#include "privacy/retention.h"
#include "privacy/schedule.h"
#include "privacy/subject.h"
#include "privacy/subject_access.h"
#include "store/sqlite/sqlite_store.h"
#include "store/store_test_support.h"

namespace trellis::privacy {
namespace {

using nlohmann::json;
using store::testing::At;
using store::testing::D;
using store::testing::Must;
using store::testing::TempDir;
using ::testing::ElementsAreArray;

const org::Actor kAdmin{.user = {}, .name = "dpo@oakridge.example", .remote = "test"};

TEST(Archive, WritesFilesThatReadBackExactly) {
  const std::vector<ArchiveFile> files = {
      {"README.txt", "Subject access\r\n"},
      {"person.json", R"({"given_name":"Zoë"})"},
      {"empty.csv", ""},
      {"bytes.bin", std::string("\0\x01\xff", 3)}};
  const std::string zip = Must(WriteArchive(files));
  EXPECT_EQ(zip.substr(0, 4), std::string("PK\x03\x04", 4));
  EXPECT_EQ(Must(ReadArchive(zip)), files);
  EXPECT_FALSE(ReadArchive("not a zip"));
}

TEST(Retention, YearsBackFromADay) {
  EXPECT_EQ(YearsBefore(D("2026-01-05"), 6), D("2020-01-05"));
  EXPECT_EQ(YearsBefore(D("2024-02-29"), 1), D("2023-02-28"));
}

TEST(Retention, RulesReadFromJsonAndChecked) {
  EXPECT_EQ(Must(RulesFromJson({{"leaver_review_years", 2},
                                {"leaver_erasure_years", nullptr},
                                {"audit_years", 7}})),
            (RetentionRules{.leaver_review_years = 2, .audit_years = 7}));
  auto fields = [](const Result<RetentionRules>& r) {
    std::vector<std::string> out;
    if (!r) for (const auto& p : r.error().details) out.push_back(p.field);
    return out;
  };
  EXPECT_THAT(fields(RulesFromJson({{"leaver_review_years", 0},
                                    {"leaver_erasure_years", 101},
                                    {"audit_years", 5}})),
              ElementsAreArray({"leaver_review_years", "leaver_erasure_years", "audit_years"}));
  EXPECT_THAT(fields(RulesFromJson({{"leaver_review_years", "two"}, {"audit_years", nullptr},
                                    {"keep_for_ever", true}})),
              ElementsAreArray({"leaver_review_years", "leaver_erasure_years", "keep_for_ever"}));
  EXPECT_EQ(ToJson(RetentionRules{}),
            json({{"leaver_review_years", nullptr}, {"leaver_erasure_years", nullptr},
                  {"audit_years", nullptr}}));
}

TEST(Redaction, TakesTheSubjectsDataOutAndLeavesTheRest) {
  Subject subject;
  subject.person.id = PersonId(12);
  subject.person.reference = "S-12";
  subject.users.push_back({.id = UserId(3)});
  subject.texts = {"Ann Smith", "ann@oak.example"};

  access::AuditEntry own;
  own.entity = "person";
  own.entity_id = "12";
  own.actor = "hr@oak.example";
  own.before = R"({"id":12,"given_name":"Ann","family_name":"Smith","reference":"S-12","stage":"teacher"})";
  const auto redacted_own = Redacted(own, subject, "[erased]");
  EXPECT_EQ(json::parse(redacted_own.before),
            json::parse(R"({"id":12,"given_name":"[erased]","family_name":"[erased]",)"
                        R"("reference":"[erased]","stage":"teacher"})"));
  EXPECT_EQ(redacted_own.actor, "hr@oak.example");

  access::AuditEntry plan;
  plan.entity = "succession_plan";
  plan.entity_id = "5";
  plan.user = UserId(3);
  plan.actor = "ann@oak.example";
  plan.after = R"({"notes":"Ann Smith's plan","candidates":[)"
               R"({"person_id":12,"notes":"ready","rank":1},)"
               R"({"person_id":123,"notes":"Ann Smith's deputy","rank":2},)"
               R"({"external_name":"S-12","notes":"S-123","rank":3}]})";
  const auto redacted_plan = Redacted(plan, subject, "[erased]");
  EXPECT_EQ(redacted_plan.actor, "[erased]");
  EXPECT_EQ(json::parse(redacted_plan.after),
            json::parse(R"({"notes":"[erased]'s plan","candidates":[)"
                        R"({"person_id":12,"notes":"[erased]","rank":1},)"
                        R"({"person_id":123,"notes":"[erased]'s deputy","rank":2},)"
                        R"({"external_name":"[erased]","notes":"S-123","rank":3}]})"));
  EXPECT_EQ(redacted_plan.entity_id, "5");

  access::AuditEntry text;
  text.before = "not JSON: ANN SMITH";
  EXPECT_EQ(Redacted(text, subject, "[erased]").before, "not JSON: [erased]");
}

// The demo trust in a fresh SQLite store, on the demo's own day.
class OnTheDemo : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = Must(store::OpenSqliteStore(path()));
    Must(store_->Migrate(), "migrate");
    demo_ = Must(demo::CreateDemoTrust(*store_, {.today = today_, .now = now_}));
  }
  std::string path() const { return (dir_.path() / "trellis.db").string(); }
  store::Store& store() { return *store_; }
  TrustId trust() const { return demo_.trust; }

  // A rated member of the demo's staff who left yesterday (their posts and seats ended): the
  // kind of person a trust is asked about. The demo's own leavers left before any rating.
  org::Person RatedLeaver() {
    const auto rated = Must(store().ListRatings({.trust = trust(), .page = {.limit = 1}}));
    org::Person person = Must(store().GetPerson(trust(), rated.items.at(0).person));
    for (auto h : Must(store().ListHoldings({.trust = trust(), .person = person.id, .current_on = today_})).items) {
      h.end = left_on_;
      Must(store().Update(h));
    }
    for (auto m : Must(store().ListMemberships({.trust = trust(), .person = person.id, .current_on = today_})).items) {
      m.term_end = left_on_;
      Must(store().Update(m));
    }
    const org::Person before = person;
    person.left_trust = left_on_;
    Must(store().Update(person));
    // On the record as org::OrgService would put it.
    Must(store().Append(org::AuditEntryOf(kAdmin, now_, trust(), "update", "person", person.id.value(),
                                          org::ToJson(before).dump(), org::ToJson(person).dump())));
    return person;
  }
  int64_t Count(store::AuditFilter filter) {
    filter.page = {.limit = 1};
    return Must(store().ListAudit(filter)).total;
  }

  TempDir dir_;
  const Date today_ = D("2026-11-24");
  const Date left_on_ = D("2026-11-23");
  const Instant now_ = At("2026-11-24T10:00:00Z");
  std::unique_ptr<store::Store> store_;
  demo::DemoSummary demo_;
};

std::map<std::string, std::string> Files(const std::string& zip) {
  std::map<std::string, std::string> out;
  for (auto& file : Must(ReadArchive(zip))) out[file.name] = std::move(file.bytes);
  return out;
}

TEST_F(OnTheDemo, TheExportHoldsEveryKindAndIsOnTheRecord) {
  const org::Person leaver = RatedLeaver();
  const auto archive = Must(ExportPerson(store(), trust(), leaver.id, kAdmin, now_));
  EXPECT_EQ(archive.file_name, "subject-access-" + leaver.reference + "-2026-11-24.zip");
  const auto files = Files(archive.bytes);
  std::set<std::string> expected = {"README.txt", "person.json"};
  for (std::string_view kind : ExportKinds()) expected.insert(std::string(kind) + ".csv");
  std::set<std::string> names;
  for (const auto& [name, bytes] : files) names.insert(name);
  EXPECT_EQ(names, expected);

  const json record = json::parse(files.at("person.json"));
  for (std::string_view kind : ExportKinds()) EXPECT_TRUE(record.contains(std::string(kind))) << kind;
  EXPECT_EQ(record.size(), ExportKinds().size());
  EXPECT_EQ(record["person"]["reference"], leaver.reference);
  EXPECT_EQ(record["person"]["erased_on"], nullptr);
  EXPECT_FALSE(record["posts"].empty());
  EXPECT_EQ(record["ratings"].size(),
            static_cast<size_t>(Must(store().ListRatings({.trust = trust(), .person = leaver.id})).total));
  // Each CSV file has a header and a row per record.
  const std::string ratings_csv = files.at("ratings.csv");
  EXPECT_EQ(static_cast<size_t>(std::count(ratings_csv.begin(), ratings_csv.end(), '\n')),
            record["ratings"].size() + 1);
  EXPECT_NE(ratings_csv.find("cycle_year"), std::string::npos);
  // No secret of a sign-in ever leaves.
  EXPECT_EQ(files.at("person.json").find("password"), std::string::npos);
  // The export is a read on the record.
  const auto reads = Must(store().ListAudit({.trust = trust(), .entity = "person",
                                             .entity_id = std::to_string(leaver.id.value()),
                                             .action = "read"}));
  ASSERT_EQ(reads.total, 1);
  EXPECT_EQ(reads.items[0].actor, kAdmin.name);
}

// Every column of the schema that refers to a person or a user (a foreign key to people or
// users, or a name ending in person_id or user_id), from the migrated SQLite database itself.
std::set<std::pair<std::string, std::string>> ColumnsNamingPeople(const std::string& path) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  std::set<std::pair<std::string, std::string>> out;
  auto each = [&](const char* sql, auto row) {
    sqlite3_stmt* stmt = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
    while (sqlite3_step(stmt) == SQLITE_ROW) {
      auto text = [&](int c) { return std::string(reinterpret_cast<const char*>(sqlite3_column_text(stmt, c))); };
      row(text);
    }
    sqlite3_finalize(stmt);
  };
  each("SELECT m.name, f.\"from\", f.\"table\" FROM sqlite_master m, pragma_foreign_key_list(m.name) f "
       "WHERE m.type = 'table'",
       [&](auto text) {
         // The trust_id of a composite key names the trust, not a person.
         if ((text(2) == "people" || text(2) == "users") && text(1) != "trust_id")
           out.insert({text(0), text(1)});
       });
  each("SELECT m.name, c.name FROM sqlite_master m, pragma_table_info(m.name) c WHERE m.type = 'table'",
       [&](auto text) {
         const std::string column = text(1);
         if (column.ends_with("person_id") || column.ends_with("user_id")) out.insert({text(0), column});
       });
  sqlite3_close_v2(db);
  return out;
}

TEST_F(OnTheDemo, TheExportAndErasureKnowEveryColumnThatNamesAPerson) {
  std::set<std::pair<std::string, std::string>> listed;
  for (const auto& c : PersonColumns()) {
    listed.insert({std::string(c.table), std::string(c.column)});
    if (c.kind.empty())
      EXPECT_FALSE(c.why_not_exported.empty()) << c.table << "." << c.column;
    else
      EXPECT_THAT(ExportKinds(), ::testing::Contains(c.kind)) << c.table << "." << c.column;
  }
  // A new table or column naming people fails here until privacy/ covers it.
  EXPECT_EQ(ColumnsNamingPeople(path()), listed);
}

TEST_F(OnTheDemo, ErasureNeedsTheReferenceAndALeaver) {
  const org::Person leaver = RatedLeaver();
  EXPECT_EQ(Erase(store(), {.trust = trust(), .person = leaver.id, .confirm_reference = "wrong"},
                  kAdmin, now_)
                .error()
                .code,
            ErrorCode::kInvalidInput);
  const auto holders = Must(store().ListHoldings({.trust = trust(), .current_on = today_, .page = {.limit = 1}}));
  const org::Person in_post = Must(store().GetPerson(trust(), holders.items.at(0).person));
  EXPECT_EQ(Erase(store(), {.trust = trust(), .person = in_post.id,
                            .confirm_reference = in_post.reference},
                  kAdmin, now_)
                .error()
                .code,
            ErrorCode::kConflict);
  EXPECT_EQ(Must(store().GetPerson(trust(), leaver.id)).family_name, leaver.family_name);
  EXPECT_EQ(Count({.trust = trust(), .action = "erase"}), 0);
}

TEST_F(OnTheDemo, AfterErasureNothingNamesThePerson) {
  const org::Person leaver = RatedLeaver();
  const std::string name = leaver.given_name + " " + leaver.family_name;
  const auto ratings_before = Must(store().ListRatings({.trust = trust(), .page = store::kEveryRow})).total;
  const store::AuditFilter about_them{.trust = trust(), .entity = "person",
                                      .entity_id = std::to_string(leaver.id.value()),
                                      .mentioning = leaver.family_name};
  ASSERT_GT(Count(about_them), 0);

  const auto report = Must(Erase(
      store(), {.trust = trust(), .person = leaver.id, .confirm_reference = leaver.reference},
      kAdmin, now_));
  EXPECT_EQ(report.reference, "ERASED-" + std::to_string(leaver.id.value()));
  EXPECT_GT(report.audit_entries_redacted, 0);

  for (const std::string& text : {name, leaver.reference, leaver.email}) {
    if (text.empty()) continue;
    EXPECT_EQ(Count({.trust = trust(), .mentioning = text}), 0) << text;
    EXPECT_EQ(Must(store().ListPeople({.trust = trust(), .search = text, .include_leavers = true,
                                       .today = today_}))
                  .total,
              0)
        << text;
  }
  EXPECT_EQ(Count(about_them), 0);
  EXPECT_EQ(Must(store().ListRatings({.trust = trust(), .page = store::kEveryRow})).total,
            ratings_before);
  // The erasure is on the record, without personal data; a second is refused.
  const auto erasures = Must(store().ListAudit({.trust = trust(), .action = "erase"}));
  ASSERT_EQ(erasures.total, 1);
  EXPECT_EQ(erasures.items[0].entity_id, std::to_string(leaver.id.value()));
  EXPECT_EQ(json::parse(erasures.items[0].after)["erased_on"], "2026-11-24");
  EXPECT_EQ(Erase(store(), {.trust = trust(), .person = leaver.id,
                            .confirm_reference = report.reference},
                  kAdmin, now_)
                .error()
                .code,
            ErrorCode::kConflict);
  // What is still held about them is only what erasure kept.
  const auto files = Files(Must(ExportPerson(store(), trust(), leaver.id, kAdmin, now_)).bytes);
  EXPECT_EQ(files.at("person.json").find(leaver.family_name), std::string::npos);
  EXPECT_EQ(json::parse(files.at("person.json"))["person"]["erased_on"], "2026-11-24");
}

TEST_F(OnTheDemo, ADryRunCountsExactlyWhatARunRemoves) {
  // Nothing is removed, claimed or recorded until the trust sets a rule.
  const auto idle = Must(RunRetention(store(), trust(), {.today = today_, .now = now_}, kAdmin));
  ASSERT_TRUE(idle);
  EXPECT_EQ(ToJson(*idle)["removed"], ToJson(RetentionReport{})["removed"]);
  EXPECT_EQ(Count({.trust = trust(), .action = "retention"}), 0);

  RatedLeaver();
  Must(PutRules(store(), trust(), {.leaver_review_years = 1}, kAdmin, now_));
  const Date later = YearsBefore(today_, -2);
  const auto ratings = [&] { return Must(store().ListRatings({.trust = trust(), .page = store::kEveryRow})).total; };
  const auto before = ratings();
  const auto dry = Must(RunRetention(store(), trust(),
                                     {.today = later, .now = now_, .mode = RunMode::kDryRun}, kAdmin));
  ASSERT_TRUE(dry);
  EXPECT_TRUE(dry->dry_run);
  EXPECT_GT(dry->review_data.ratings, 0);
  EXPECT_EQ(ratings(), before);
  EXPECT_EQ(Count({.trust = trust(), .action = "retention"}), 0);

  const auto run = Must(RunRetention(store(), trust(), {.today = later, .now = now_}, kAdmin));
  ASSERT_TRUE(run);
  EXPECT_EQ(ToJson(*run)["removed"], ToJson(*dry)["removed"]);
  EXPECT_EQ(ratings(), before - run->review_data.ratings);
  const auto recorded = Must(store().ListAudit({.trust = trust(), .action = "retention"}));
  ASSERT_EQ(recorded.total, 1);
  EXPECT_EQ(json::parse(recorded.items[0].after)["removed"]["ratings"], run->review_data.ratings);
  // Removed once: the next run finds nothing more.
  EXPECT_EQ(Must(RunRetention(store(), trust(), {.today = later, .now = now_}, kAdmin))->review_data.ratings, 0);
}

TEST_F(OnTheDemo, LeaversAreErasedByTheirRuleAndTheRunIsAudited) {
  const org::Person leaver = RatedLeaver();
  Must(PutRules(store(), trust(), {.leaver_erasure_years = 1}, kAdmin, now_));
  const Date long_after = YearsBefore(today_, -30);
  const auto run = Must(RunRetention(store(), trust(), {.today = long_after, .now = now_}, kAdmin));
  ASSERT_TRUE(run);
  const auto leavers = Must(store().ListPeople({.trust = trust(), .today = long_after,
                                                .left_by = *run->erasure_left_by}));
  EXPECT_EQ(run->people_erased, leavers.total);
  EXPECT_EQ(Must(store().GetPerson(trust(), leaver.id)).given_name, kErasedGivenName);
  EXPECT_EQ(Count({.trust = trust(), .action = "erase"}), run->people_erased);
}

TEST_F(OnTheDemo, TheScheduleRunsEachTrustOnceADayFromItsHour) {
  Must(PutRules(store(), trust(), {.leaver_review_years = 1}, kAdmin, now_));
  ManualClock clock(At("2026-11-24T01:30:00Z"));
  std::optional<Date> done;
  EXPECT_TRUE(Must(RunDueRetention(store(), clock, 2, done)).empty());
  EXPECT_EQ(done, std::nullopt);

  clock.Advance(std::chrono::hours(1));
  const auto first = Must(RunDueRetention(store(), clock, 2, done));
  ASSERT_EQ(first.size(), 1u);  // the demo trust: the other has no rule
  EXPECT_EQ(first[0].trust, trust());
  EXPECT_EQ(done, D("2026-11-24"));
  EXPECT_TRUE(Must(RunDueRetention(store(), clock, 2, done)).empty());
  // A second server on the same database finds the day claimed.
  std::optional<Date> other_server;
  EXPECT_TRUE(Must(RunDueRetention(store(), clock, 2, other_server)).empty());
  EXPECT_EQ(Count({.trust = trust(), .action = "retention"}), 1);
  const auto scheduled = Must(store().ListAudit({.trust = trust(), .action = "retention"}));
  EXPECT_EQ(scheduled.items[0].actor, ScheduleActor().name);

  clock.Advance(std::chrono::hours(24));
  EXPECT_EQ(Must(RunDueRetention(store(), clock, 2, done)).size(), 1u);
  EXPECT_EQ(Count({.trust = trust(), .action = "retention"}), 2);
}

}  // namespace
}  // namespace trellis::privacy
