// The generated files import cleanly with the real importer (exchange::Import) into a SQLite
// store, kind by kind in the import order, for a multi-academy trust, a single-academy trust
// and a local authority's schools; and import again as unchanged.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "core/files.h"
#include "exchange/exchange.h"
#include "store/sqlite/sqlite_store.h"
#include "talent/frameworks.h"
#include "workload/write.h"

namespace trellis::workload {
namespace {

namespace fs = std::filesystem;
using exchange::Kind;

const Nation& TheNation() {
  static const Nation nation = [] {
    auto gias = ShippedGias();
    EXPECT_TRUE(gias) << gias.error().message;
    return gias ? BuildNation(*gias) : Nation{};
  }();
  return nation;
}

// The trust of the smallest size, the first single-academy trust and the smallest local
// authority group of at least five schools.
Nation AFewGroups() {
  Nation few;
  few.groups.push_back(*SelectGroups(TheNation(), {.kind = Size::Kind::kTrust}).front());
  const Group* single = nullptr;
  const Group* authority = nullptr;
  for (const auto& g : TheNation().groups) {
    if (!single && g.kind == GroupKind::kSingleAcademyTrust) single = &g;
    if (g.kind == GroupKind::kLocalAuthority && g.schools.size() >= 5 &&
        (!authority || g.schools.size() < authority->schools.size()))
      authority = &g;
  }
  if (single) few.groups.push_back(*single);
  if (authority) few.groups.push_back(*authority);
  return few;
}

std::string Describe(const Error& error) {
  std::string out = error.message;
  for (size_t i = 0; i < error.details.size() && i < 10; ++i) {
    const Problem& p = error.details[i];
    out += "\n  row " + (p.row ? std::to_string(*p.row) : std::string("-")) + " [" + p.field +
           "] " + p.reason + " <" + p.value + ">";
  }
  return out;
}

constexpr std::array kImportOrder = {
    Kind::kSchools,     Kind::kBodies,    Kind::kPeople,       Kind::kPosts,       Kind::kHoldings,
    Kind::kMemberships, Kind::kLineLinks, Kind::kRoleProfiles, Kind::kAssessments, Kind::kRatings,
    Kind::kRisks,       Kind::kKeyPosts,  Kind::kSuccessors,
};

TEST(WorkloadImport, EveryGroupsFilesImportCleanlyAndAgainAsUnchanged) {
  const Nation few = AFewGroups();
  ASSERT_EQ(few.groups.size(), 3u);
  const fs::path out = fs::path(::testing::TempDir()) / "workload_import";
  fs::remove_all(out);
  ASSERT_TRUE(PrepareOutput(out));
  auto written = WriteWorkload(few, {.seed = 11, .size = {.kind = Size::Kind::kNational}}, out);
  ASSERT_TRUE(written) << written.error().message;

  auto opened = store::OpenSqliteStore(":memory:");
  ASSERT_TRUE(opened) << opened.error().message;
  store::Store& store = **opened;
  ASSERT_TRUE(store.Migrate());
  // Imported "today", after the workload's day: its dates are all in the past.
  const Date today = *Date::FromYmd(2026, 11, 23);
  const Instant now = Instant(today.days()) + std::chrono::hours(9);
  ASSERT_TRUE(talent::InstallShippedFrameworks(store, now));

  for (const Group& group : few.groups) {
    const Workforce w = Staff(group, 11);
    const WorkforceCounts counts = Count(w);
    auto trust = store.Insert(org::Trust{.name = group.name, .reference = group.reference});
    ASSERT_TRUE(trust) << trust.error().message;
    const exchange::ImportOptions options{.trust = trust->id,
                                          .dry_run = false,
                                          .today = today,
                                          .now = now,
                                          .actor = "cli",
                                          .user = std::nullopt,
                                          .remote = {}};
    for (bool again : {false, true}) {
      for (Kind kind : kImportOrder) {
        const fs::path path =
            out / group.reference / (std::string(exchange::KindCode(kind)) + ".csv");
        if (!fs::exists(path)) {  // a kind the group has none of (successors, now and then)
          EXPECT_TRUE(kind == Kind::kSuccessors || kind == Kind::kAssessments ||
                      kind == Kind::kRisks)
              << group.reference << " " << exchange::KindCode(kind);
          continue;
        }
        const std::string file = ReadWholeFile(path).value();
        auto report = exchange::Import(store, kind, file, options);
        ASSERT_TRUE(report) << group.reference << " " << exchange::KindCode(kind) << ": "
                            << Describe(report.error());
        if (again) {
          EXPECT_EQ(report->created + report->updated, 0)
              << group.reference << " " << exchange::KindCode(kind);
        } else {
          // Every row is new, but a successors file's, which fill the plans key-posts made.
          const bool fills = kind == Kind::kSuccessors;
          EXPECT_EQ(fills ? report->created : report->updated, 0)
              << group.reference << " " << exchange::KindCode(kind);
          EXPECT_GT(fills ? report->updated : report->created, 0)
              << group.reference << " " << exchange::KindCode(kind);
        }
      }
    }

    const Date asked = today;
    auto people = store.ListPeople(
        {.trust = trust->id, .include_leavers = true, .today = asked, .page = {.limit = 1}});
    ASSERT_TRUE(people);
    EXPECT_EQ(people->total, counts.people) << group.reference;
    auto plans = store.ListSuccessionPlans({.trust = trust->id, .page = {.limit = 1}});
    ASSERT_TRUE(plans);
    EXPECT_EQ(plans->total, counts.key_posts) << group.reference;
  }
}

}  // namespace
}  // namespace trellis::workload
