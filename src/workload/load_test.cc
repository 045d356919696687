// LoadWorkload on `--size trust`: the trust is created and every file imported through the
// real importer; a second load finds the trust and changes nothing; a folder that is not a
// workload, or a file the importer refuses, fails with the file named.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "store/sqlite/sqlite_store.h"
#include "talent/frameworks.h"
#include "workload/load.h"
#include "workload/write.h"

namespace trellis::workload {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

class LoadWorkloadTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // A folder of each test's own: CTest runs them side by side.
    dir_ = fs::path(::testing::TempDir()) /
           (std::string("workload_load_") +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    auto gias = ShippedGias();
    ASSERT_TRUE(gias) << gias.error().message;
    ASSERT_TRUE(PrepareOutput(dir_));
    auto written = WriteWorkload(BuildNation(*gias), {.seed = 1, .size = {.kind = Size::Kind::kTrust}}, dir_);
    ASSERT_TRUE(written) << written.error().message;
    counts_ = written->counts;
    auto opened = store::OpenSqliteStore(":memory:");
    ASSERT_TRUE(opened) << opened.error().message;
    store_ = std::move(*opened);
    ASSERT_TRUE(store_->Migrate());
    ASSERT_TRUE(talent::InstallShippedFrameworks(*store_, clock_.Now()));
  }
  void TearDown() override { fs::remove_all(dir_); }

  Result<LoadSummary> Load(std::vector<LoadedGroup>* heard = nullptr) {
    return LoadWorkload(*store_, clock_, actor_, dir_, [heard](const LoadedGroup& group) {
      if (heard) heard->push_back(group);
    });
  }

  fs::path dir_;
  WorkforceCounts counts_;
  // Loaded after the workload's day, as `trellis load` would be: its dates are in the past.
  ManualClock clock_{Instant(Date::FromYmd(2026, 11, 24)->days()) + std::chrono::hours(9)};
  org::Actor actor_{.user = {}, .name = "cli", .remote = "cli"};
  std::unique_ptr<store::Store> store_;
};

TEST_F(LoadWorkloadTest, LoadsTheTrustOnceAndAgainAsUnchanged) {
  std::vector<LoadedGroup> heard;
  auto first = Load(&heard);
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(first->groups, 1);
  EXPECT_EQ(first->trusts_created, 1);
  EXPECT_EQ(first->counts.files, 13);  // every kind: a trust of ten schools has some of each
  EXPECT_GT(first->counts.rows, counts_.people);
  EXPECT_EQ(first->counts.unchanged, 0);
  ASSERT_EQ(heard.size(), 1u);
  EXPECT_EQ(heard[0].reference, "TR00224");
  EXPECT_TRUE(heard[0].trust_created);
  EXPECT_EQ(heard[0].done, 1);
  EXPECT_EQ(heard[0].total, 1);

  auto trusts = store_->ListTrusts();
  ASSERT_TRUE(trusts);
  ASSERT_EQ(trusts->size(), 1u);
  EXPECT_EQ(trusts->front().reference, "TR00224");
  EXPECT_THAT(trusts->front().name, HasSubstr("Bishop Wheeler"));
  const TrustId trust = trusts->front().id;
  auto people = store_->ListPeople(
      {.trust = trust, .include_leavers = true, .today = clock_.Today(), .page = {.limit = 1}});
  ASSERT_TRUE(people);
  EXPECT_EQ(people->total, counts_.people);
  auto plans = store_->ListSuccessionPlans({.trust = trust, .page = {.limit = 1}});
  ASSERT_TRUE(plans);
  EXPECT_EQ(plans->total, counts_.key_posts);
  // Created through OrgService: audited like `trust add`.
  auto audit = store_->ListAudit({.entity = "trust", .page = {.limit = 10}});
  ASSERT_TRUE(audit);
  EXPECT_EQ(audit->total, 1);

  heard.clear();
  auto again = Load(&heard);
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(again->groups, 1);
  EXPECT_EQ(again->trusts_created, 0);
  EXPECT_EQ(again->counts.rows, first->counts.rows);
  EXPECT_EQ(again->counts.created + again->counts.updated, 0);
  ASSERT_EQ(heard.size(), 1u);
  EXPECT_FALSE(heard[0].trust_created);
  trusts = store_->ListTrusts();
  ASSERT_TRUE(trusts);
  EXPECT_EQ(trusts->size(), 1u);
  people = store_->ListPeople(
      {.trust = trust, .include_leavers = true, .today = clock_.Today(), .page = {.limit = 1}});
  ASSERT_TRUE(people);
  EXPECT_EQ(people->total, counts_.people);
}

TEST_F(LoadWorkloadTest, RefusesWhatIsNotAWorkload) {
  auto missing = LoadWorkload(*store_, clock_, actor_, dir_ / "nowhere");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);

  std::ofstream(dir_ / "manifest.json") << R"({"generator": "something else"})";
  auto foreign = Load();
  ASSERT_FALSE(foreign);
  EXPECT_EQ(foreign.error().code, ErrorCode::kInvalidInput);
  EXPECT_THAT(foreign.error().message, HasSubstr("manifest.json"));

  std::ofstream(dir_ / "manifest.json")
      << R"({"generator": "trellis generate", "import_order": ["people.csv", "pets.csv"]})";
  auto unknown = Load();
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::kInvalidInput);
  EXPECT_THAT(unknown.error().message, HasSubstr("pets.csv"));
  auto trusts = store_->ListTrusts();
  ASSERT_TRUE(trusts);
  EXPECT_TRUE(trusts->empty()) << "nothing is written before the folder is understood";
}

TEST_F(LoadWorkloadTest, AFileTheImporterRefusesIsNamedAndWritesNothingOfItsOwn) {
  // Schools import; then a people file with a row the importer refuses.
  std::ofstream(dir_ / "TR00224" / "people.csv", std::ios::app) << "only-a-reference\r\n";
  auto loaded = Load();
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().code, ErrorCode::kValidationFailed);
  EXPECT_THAT(loaded.error().message, HasSubstr((fs::path("TR00224") / "people.csv").string()));
  EXPECT_FALSE(loaded.error().details.empty());

  auto trusts = store_->ListTrusts();
  ASSERT_TRUE(trusts);
  ASSERT_EQ(trusts->size(), 1u);
  auto schools = store_->ListSchools({.trust = trusts->front().id});
  ASSERT_TRUE(schools);
  EXPECT_EQ(schools->total, counts_.schools) << "the files before it stay imported";
  auto people = store_->ListPeople({.trust = trusts->front().id,
                                    .include_leavers = true,
                                    .today = clock_.Today(),
                                    .page = {.limit = 1}});
  ASSERT_TRUE(people);
  EXPECT_EQ(people->total, 0) << "the refused file wrote nothing";
}

}  // namespace
}  // namespace trellis::workload
