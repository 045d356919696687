#include "workload/nation.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

namespace trellis::workload {
namespace {

using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::SizeIs;

// ------------------------------------------------------------------------------- GIAS

constexpr std::string_view kEstablishments =
    "urn,name,town,postcode,lead_school,open_date,close_date\n"
    "100001,Oak Primary School,Leeds,LS1 4AP,false,01-09-1990,\"\"\n"
    "100002,Elm High School,Leeds,LS6 2QT,false,\"\",\"\"\n"
    "100003,Closed Infant School,Leeds,LS7 1AA,false,01-09-1990,31-08-2015\n"
    "100004,New Free School,Leeds,LS8 1AA,false,01-09-2023,\"\"\n"
    "100005,Closing Junior School,Bradford,BD1 1AA,false,\"\",31-08-2022\n"
    "100006,Ash Academy,Bradford,BD2 1AA,false,\"\",\"\"\n"
    "100007,British School of Milan,20134 Milano,,false,\"\",\"\"\n"
    "100008,\"Birch, Willow and Yew Primary\",Bradford,BD3 1AA,false,\"\",\"\"\n";

constexpr std::string_view kLinks =
    "URN,school_type_code,school_type_name,trust_companies_house_no,school_trust_join_date,"
    "academy_sponsor,trust_group_uid,trust_group_id,trust_name,trust_group_type\n"
    "100006,28,Academy Sponsor Led,1,,,1,TR00002,Ash Trust,Single-academy trust\n"
    "100002,34,Academy Converter,2,,,2,TR00001,Pennine Learning Trust,Multi-academy trust\n"
    "100002,34,Academy Converter,2,,,2,TR00001,Pennine Learning Trust,Multi-academy trust\n"
    "100001,34,Academy Converter,2,,,2,TR00001,Pennine Learning Trust,Multi-academy trust\n"
    "100003,34,Academy Converter,2,,,2,TR00009,Gone Trust,Multi-academy trust\n"
    "100008,28,Academy Sponsor Led,,,,,,,\n";

Nation SmallNation() {
  auto gias = ParseGias(kEstablishments, kLinks);
  EXPECT_TRUE(gias) << gias.error().message;
  return gias ? BuildNation(*gias) : Nation{};
}

TEST(WorkloadGias, ReadsBothFilesAndDropsRepeatedAndTrustlessLinks) {
  auto gias = ParseGias(kEstablishments, kLinks);
  ASSERT_TRUE(gias) << gias.error().message;
  ASSERT_THAT(gias->establishments, SizeIs(8));
  EXPECT_EQ(gias->establishments[0].opened, Date::FromYmd(1990, 9, 1));
  EXPECT_EQ(gias->establishments[1].opened, std::nullopt);
  EXPECT_EQ(gias->establishments[7].name, "Birch, Willow and Yew Primary");
  EXPECT_THAT(gias->links,
              ElementsAre(Field(&TrustLink::urn, 100006), Field(&TrustLink::urn, 100002),
                          Field(&TrustLink::urn, 100001), Field(&TrustLink::urn, 100003)));
  EXPECT_FALSE(gias->links[0].multi_academy);
  EXPECT_TRUE(gias->links[1].multi_academy);
  EXPECT_EQ(gias->links[1].school_type, "Academy Converter");
}

TEST(WorkloadGias, OpenMeansOpenedByTheExtractAndNotYetClosed) {
  auto gias = ParseGias(kEstablishments, kLinks);
  ASSERT_TRUE(gias);
  std::vector<int64_t> open;
  for (const auto& e : gias->establishments)
    if (e.OpenOn(kAsOf)) open.push_back(e.urn);
  // Closed in 2015 and opening in 2023 are out; closing after the extract is still open.
  EXPECT_THAT(open, ElementsAre(100001, 100002, 100005, 100006, 100007, 100008));
}

TEST(WorkloadGias, RefusesAFileWithoutItsColumnsOrWithBadRows) {
  auto missing = ParseGias("urn,name\n100001,Oak\n", kLinks);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kInvalidInput);
  auto bad = ParseGias(
      "urn,name,town,postcode,lead_school,open_date,close_date\n12,Oak,,,false,31-02-2020,\n",
      kLinks);
  ASSERT_FALSE(bad);
  EXPECT_THAT(bad.error().details, SizeIs(2));  // the URN and the date
}

TEST(WorkloadGias, TheShippedFilesParse) {
  auto gias = ShippedGias();
  ASSERT_TRUE(gias) << gias.error().message;
  EXPECT_EQ(gias->establishments.size(), 49514u);
  EXPECT_GT(gias->links.size(), 6000u);
}

// ----------------------------------------------------------------------------- phases

TEST(WorkloadPhases, FromTheName) {
  EXPECT_EQ(PhaseFromName("Oak Primary School"), Phase::kPrimary);
  EXPECT_EQ(PhaseFromName("Oak Primary School and Nursery"), Phase::kPrimary);
  EXPECT_EQ(PhaseFromName("Oak Infant and Nursery School"), Phase::kInfant);
  EXPECT_EQ(PhaseFromName("Oak Junior and Infant School"), Phase::kPrimary);
  EXPECT_EQ(PhaseFromName("St Mary's C of E Junior School"), Phase::kJunior);
  EXPECT_EQ(PhaseFromName("Oak First School"), Phase::kFirst);
  EXPECT_EQ(PhaseFromName("Oak Middle School"), Phase::kMiddle);
  EXPECT_EQ(PhaseFromName("Oak Nursery School"), Phase::kNursery);
  EXPECT_EQ(PhaseFromName("Thomas Coram Children's Centre"), Phase::kNursery);
  EXPECT_EQ(PhaseFromName("Oak Sixth Form College"), Phase::kSixthForm);
  EXPECT_EQ(PhaseFromName("Oak High School"), Phase::kSecondary);
  EXPECT_EQ(PhaseFromName("Oak Academy"), Phase::kSecondary);
  EXPECT_EQ(PhaseFromName("Oak Primary Academy"), Phase::kPrimary);
  EXPECT_EQ(PhaseFromName("Oak Special Academy"), Phase::kSpecial);
  EXPECT_EQ(PhaseFromName("Oak Pupil Referral Unit"), Phase::kSpecial);
  EXPECT_EQ(PhaseFromName("Oak All-Through School"), Phase::kAllThrough);
  EXPECT_EQ(PhaseFromName("Hampstead School"), Phase::kUnknown);
  // Whole words only: "Highfield" is not "high", "Upperthorpe" not "upper".
  EXPECT_EQ(PhaseFromName("Highfield School"), Phase::kUnknown);
  EXPECT_EQ(PhaseFromName("Upperthorpe School"), Phase::kUnknown);
  EXPECT_EQ(GiasPhase(Phase::kInfant), "Primary");
  EXPECT_EQ(GiasPhase(Phase::kUnknown), "");
}

TEST(WorkloadPostcodes, TheAreaIsTheLettersBeforeTheFirstDigit) {
  EXPECT_EQ(PostcodeArea("LS1 4AP"), "LS");
  EXPECT_EQ(PostcodeArea("b15 2tt"), "B");
  EXPECT_EQ(PostcodeArea(" EC3A 5DE"), "EC");
  EXPECT_EQ(PostcodeArea(""), "");
  EXPECT_EQ(PostcodeArea("20134"), "");
  EXPECT_EQ(PostcodeArea("BFPO 1"), "");
}

// ----------------------------------------------------------------------------- groups

TEST(WorkloadNation, TrustsFromTheLinksAndTheRestByPostcodeArea) {
  const Nation nation = SmallNation();
  std::vector<std::string> references;
  for (const auto& g : nation.groups) references.push_back(g.reference);
  // The trust whose only school closed is left out; Milan has no postcode to group by.
  EXPECT_THAT(references, ElementsAre("TR00001", "TR00002", "LA-BD"));
  EXPECT_EQ(nation.schools_left_out, 1);
  const Group& pennine = nation.groups[0];
  EXPECT_EQ(pennine.kind, GroupKind::kMultiAcademyTrust);
  EXPECT_EQ(pennine.name, "Pennine Learning Trust");
  ASSERT_THAT(pennine.schools, SizeIs(2));
  EXPECT_EQ(pennine.schools[0].urn, 100001);  // by URN
  EXPECT_EQ(pennine.schools[1].type, "Academy Converter");
  EXPECT_EQ(nation.groups[1].kind, GroupKind::kSingleAcademyTrust);
  const Group& bradford = nation.groups[2];
  EXPECT_EQ(bradford.kind, GroupKind::kLocalAuthority);
  EXPECT_EQ(bradford.name, "Bradford area schools");
  EXPECT_FALSE(bradford.IsTrust());
  EXPECT_THAT(bradford.schools, SizeIs(2));  // the closing junior and the trustless primary
}

TEST(WorkloadNation, TheRealNation) {
  auto gias = ShippedGias();
  ASSERT_TRUE(gias);
  const Nation nation = BuildNation(*gias);
  int64_t schools = 0, trusts = 0, multi = 0;
  std::set<int64_t> urns;
  for (const auto& g : nation.groups) {
    schools += static_cast<int64_t>(g.schools.size());
    trusts += g.IsTrust() ? 1 : 0;
    multi += g.kind == GroupKind::kMultiAcademyTrust ? 1 : 0;
    for (const auto& s : g.schools) EXPECT_TRUE(urns.insert(s.urn).second) << s.urn;
  }
  // 27,333 schools open on 2022-07-06, less those with neither a trust nor a postcode.
  EXPECT_EQ(schools + nation.schools_left_out, 27333);
  EXPECT_LT(nation.schools_left_out, 250);
  EXPECT_EQ(trusts, 2725);
  EXPECT_EQ(multi, 1087);
  EXPECT_GT(nation.groups.size() - static_cast<size_t>(trusts), 100u);  // postcode areas
}

// ------------------------------------------------------------------------------ sizes

TEST(WorkloadSizes, ParseAndPrint) {
  EXPECT_EQ(ParseSize("trust"), Size{.kind = Size::Kind::kTrust});
  EXPECT_EQ(ParseSize("national"), Size{.kind = Size::Kind::kNational});
  EXPECT_EQ(ParseSize("schools:1000"), (Size{.kind = Size::Kind::kSchools, .schools = 1000}));
  for (std::string_view bad : {"", "schools:", "schools:0", "schools:-3", "schools:1e3", "nation"})
    EXPECT_FALSE(ParseSize(bad)) << bad;
  EXPECT_EQ(ToText(*ParseSize("schools:1000")), "schools:1000");
}

TEST(WorkloadSizes, SelectWholeGroupsTheSameWayEveryTime) {
  auto gias = ShippedGias();
  ASSERT_TRUE(gias);
  const Nation nation = BuildNation(*gias);

  const auto trust = SelectGroups(nation, {.kind = Size::Kind::kTrust});
  ASSERT_THAT(trust, SizeIs(1));
  EXPECT_EQ(trust[0]->kind, GroupKind::kMultiAcademyTrust);
  EXPECT_EQ(trust[0]->schools.size(), 10u);

  const Size thousand{.kind = Size::Kind::kSchools, .schools = 1000};
  const auto some = SelectGroups(nation, thousand);
  size_t schools = 0, authorities = 0;
  for (const Group* g : some) {
    schools += g->schools.size();
    authorities += g->IsTrust() ? 0 : 1;
  }
  EXPECT_GE(schools, 1000u);
  EXPECT_GT(authorities, 0u);           // a mix of trusts and local authorities
  EXPECT_LT(authorities, some.size());  //
  EXPECT_EQ(SelectGroups(nation, thousand), some);
  EXPECT_TRUE(std::is_sorted(some.begin(), some.end()));  // in the nation's order

  EXPECT_EQ(SelectGroups(nation, {.kind = Size::Kind::kNational}).size(), nation.groups.size());
}

}  // namespace
}  // namespace trellis::workload
