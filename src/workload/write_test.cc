#include "workload/write.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "core/files.h"
#include "core/json.h"
#include "exchange/columns.h"
#include "exchange/csv.h"

namespace trellis::workload {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::SizeIs;

const Nation& TheNation() {
  static const Nation nation = [] {
    auto gias = ShippedGias();
    EXPECT_TRUE(gias) << gias.error().message;
    return gias ? BuildNation(*gias) : Nation{};
  }();
  return nation;
}

// Every file under `root` by its path relative to it, with its bytes.
std::map<std::string, std::string> Tree(const fs::path& root) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(root))
    if (entry.is_regular_file())
      files.emplace(fs::relative(entry.path(), root).string(), ReadWholeFile(entry.path()).value());
  return files;
}

class WorkloadFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    root_ = fs::path(::testing::TempDir()) / (std::string("workload_") + info->name());
    fs::remove_all(root_);
  }
  void TearDown() override { fs::remove_all(root_); }

  // Writes `size` of `nation` with `seed` into a new folder `name`.
  fs::path Generate(const std::string& name, uint64_t seed, Size size,
                    const Nation& nation = TheNation()) {
    const fs::path out = root_ / name;
    EXPECT_TRUE(PrepareOutput(out));
    auto written = WriteWorkload(nation, {.seed = seed, .size = size}, out);
    EXPECT_TRUE(written) << written.error().message;
    return out;
  }

  fs::path root_;
};

const Size kTrust{.kind = Size::Kind::kTrust};

TEST_F(WorkloadFiles, AFolderPerGroupAFilePerKindAnIndexAndTheNationsPeople) {
  const fs::path out = Generate("trust", 1, kTrust);
  const Group& trust = *SelectGroups(TheNation(), kTrust).front();
  const auto files = Tree(out);
  std::vector<std::string> names;
  for (const auto& [name, bytes] : files) names.push_back(name);
  const std::string t = trust.reference + "/";
  EXPECT_THAT(
      names,
      ElementsAre(t + "assessments.csv", t + "bodies.csv", t + "holdings.csv", t + "key-posts.csv",
                  t + "line-links.csv", t + "memberships.csv", t + "people.csv", t + "posts.csv",
                  t + "ratings.csv", t + "risks.csv", t + "role-profiles.csv", t + "schools.csv",
                  t + "successors.csv", "manifest.json", "people.csv", "trusts.csv"));

  // Each file has the header the import reads (the exports' own) and rows as wide.
  for (exchange::Kind kind : exchange::AllKinds()) {
    if (kind == exchange::Kind::kGias) continue;
    const std::string name = t + std::string(exchange::KindCode(kind)) + ".csv";
    const auto table = exchange::csv::Parse(files.at(name));
    ASSERT_TRUE(table.issues.empty()) << name;
    ASSERT_GT(table.records.size(), 1u) << name;
    std::vector<std::string> header;
    for (const auto& column : exchange::ColumnsOf(kind)) header.emplace_back(column.name);
    EXPECT_EQ(table.records.front(), header) << name;
    for (const auto& record : table.records) EXPECT_EQ(record.size(), header.size()) << name;
  }
  // The nation's people file is the groups' people files end to end (one header).
  EXPECT_EQ(files.at("people.csv"), files.at(t + "people.csv"));

  const auto index = exchange::csv::Parse(files.at("trusts.csv"));
  ASSERT_THAT(index.records, SizeIs(2));
  EXPECT_THAT(index.records[0],
              ElementsAre("reference", "name", "kind", "schools", "people", "key_posts"));
  EXPECT_EQ(index.records[1][0], trust.reference);
  EXPECT_EQ(index.records[1][2], "trust");
  EXPECT_EQ(index.records[1][3], "10");

  const auto manifest = nlohmann::json::parse(files.at("manifest.json"));
  EXPECT_EQ(manifest["seed"], 1);
  EXPECT_EQ(manifest["size"], "trust");
  EXPECT_EQ(manifest["generator_version"], kGeneratorVersion);
  EXPECT_EQ(manifest["counts"]["schools"], 10);
  EXPECT_EQ(manifest["import_order"][0], "schools.csv");
  EXPECT_EQ(manifest["import_order"][12], "successors.csv");
}

TEST_F(WorkloadFiles, TheSameSeedWritesTheSameBytesAndAnotherSeedOthers) {
  const Size size{.kind = Size::Kind::kSchools, .schools = 40};
  const auto first = Tree(Generate("first", 42, size));
  const auto again = Tree(Generate("again", 42, size));
  EXPECT_EQ(first, again);
  const auto other = Tree(Generate("other", 43, size));
  ASSERT_EQ(other.size(), first.size());  // the same groups: the size, not the seed, picks them
  EXPECT_NE(other.at("people.csv"), first.at("people.csv"));
  auto references = [](const std::string& index) {
    std::vector<std::string> out;
    for (const auto& record : exchange::csv::Parse(index).records) out.push_back(record.at(0));
    return out;
  };
  EXPECT_EQ(references(other.at("trusts.csv")), references(first.at("trusts.csv")));
}

// A trust's files do not depend on what else is generated with it.
TEST_F(WorkloadFiles, ATrustIsTheSameAloneAsAmongOthers) {
  const Group& trust = *SelectGroups(TheNation(), kTrust).front();
  Nation two;
  two.groups.push_back(trust);
  for (const auto& group : TheNation().groups)
    if (group.kind == GroupKind::kLocalAuthority && group.schools.size() < 20) {
      two.groups.push_back(group);
      break;
    }
  ASSERT_THAT(two.groups, SizeIs(2));
  const auto alone = Tree(Generate("alone", 9, kTrust));
  const auto together = Tree(Generate("together", 9, {.kind = Size::Kind::kNational}, two));
  for (const auto& [name, bytes] : alone)
    if (name.starts_with(trust.reference + "/")) {
      EXPECT_EQ(together.at(name), bytes) << name;
    }
}

TEST_F(WorkloadFiles, WritesOnlyIntoANewOrEmptyFolder) {
  const fs::path fresh = root_ / "a" / "b";
  EXPECT_TRUE(PrepareOutput(fresh));
  EXPECT_TRUE(fs::is_directory(fresh));
  EXPECT_TRUE(PrepareOutput(fresh));  // empty: fine

  std::ofstream(fresh / "keep.txt") << "mine";
  auto full = PrepareOutput(fresh);
  ASSERT_FALSE(full);
  EXPECT_EQ(full.error().code, ErrorCode::kConflict);
  EXPECT_THAT(full.error().message, HasSubstr("not empty"));
  EXPECT_EQ(ReadWholeFile(fresh / "keep.txt").value(), "mine");

  auto file = PrepareOutput(fresh / "keep.txt");
  ASSERT_FALSE(file);
  EXPECT_EQ(file.error().code, ErrorCode::kInvalidInput);
}

}  // namespace
}  // namespace trellis::workload
