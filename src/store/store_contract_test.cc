// The one contract suite for store::Store, run against every backend in Backends()
// (store/store_contract.h): the organisation, competencies, talent review, users, sessions,
// the audit log and transactions. Succession plans and development actions are in
// store_succession_contract_test.cc.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <functional>
#include <memory>
#include <ostream>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "store/store_contract.h"

namespace trellis::store {
namespace {

using namespace contract;  // NOLINT(google-build-using-namespace): the suite's own fixture
using ::testing::ElementsAre;
using ::testing::IsEmpty;

// ---- Schema ----

TEST_P(StoreContract, MigrateIsIdempotent) {
  const int version = Must(store().SchemaVersion());
  EXPECT_GE(version, 2);
  EXPECT_EQ(Must(store().Migrate()), version);
  EXPECT_EQ(Must(store().Migrate()), version);
  EXPECT_EQ(Must(store().SchemaVersion()), version);
}

TEST_P(StoreContract, FreshDatabaseHasVersionZeroUntilMigrated) {
  auto fresh = GetParam().create();
  auto store = Must(fresh->Open());
  EXPECT_EQ(Must(store->SchemaVersion()), 0);
  EXPECT_GE(Must(store->Migrate()), 2);
}

TEST_P(StoreContract, Ping) { EXPECT_TRUE(store().Ping()); }

// ---- Trusts ----

TEST_P(StoreContract, TrustRoundTrip) {
  org::Trust t;
  t.name = "Oak Learning Trust";
  t.reference = "TR00746";
  t.created_at = At("2025-09-01T08:30:15Z");
  const org::Trust stored = Must(store().Insert(t));
  EXPECT_TRUE(stored.id.valid());
  const org::Trust got = Must(store().GetTrust(stored.id));
  EXPECT_EQ(got.name, "Oak Learning Trust");
  EXPECT_EQ(got.reference, "TR00746");
  EXPECT_EQ(got.created_at, At("2025-09-01T08:30:15Z"));

  org::Trust changed = got;
  changed.name = "Oak and Ash Trust";
  Must(store().Update(changed));
  EXPECT_EQ(Must(store().GetTrust(stored.id)).name, "Oak and Ash Trust");
}

TEST_P(StoreContract, TrustsListedByName) {
  NewTrust("Willow Trust");
  NewTrust("Ash Trust");
  std::vector<std::string> names;
  for (const auto& t : Must(store().ListTrusts())) names.push_back(t.name);
  EXPECT_THAT(names, ElementsAre("Ash Trust", "Willow Trust"));
}

TEST_P(StoreContract, TrustReferenceUniqueOnlyWhenKnown) {
  NewTrust("A", "");
  NewTrust("B", "");  // many trusts may have no reference yet
  const TrustId c = NewTrust("C", "TR1");
  org::Trust d;
  d.name = "D";
  d.reference = "TR1";
  EXPECT_THAT(store().Insert(d), FailsOnField(ErrorCode::kConflict, "reference"));

  const TrustId e = NewTrust("E", "TR2");
  org::Trust clash = Must(store().GetTrust(e));
  clash.reference = "TR1";
  EXPECT_THAT(store().Update(clash), FailsOnField(ErrorCode::kConflict, "reference"));
  EXPECT_EQ(Must(store().GetTrust(c)).reference, "TR1");
}

TEST_P(StoreContract, MissingTrustIsNotFound) {
  EXPECT_THAT(store().GetTrust(TrustId(999)), FailsWith(ErrorCode::kNotFound));
  org::Trust t;
  t.id = TrustId(999);
  t.name = "Ghost";
  EXPECT_THAT(store().Update(t), FailsWith(ErrorCode::kNotFound));
}

// ---- Schools ----

TEST_P(StoreContract, SchoolRoundTrip) {
  const TrustId trust = NewTrust();
  org::School s = SchoolBuilder(trust, 100001, "Oak Primary").Build();
  s.type = "Academy converter";
  s.status = "Open";
  s.local_authority = "Leeds";
  s.region = "Yorkshire and the Humber";
  s.pupils = 420;
  s.postcode = "LS1 1AA";
  s.easting = 430000;
  s.northing = 433000;
  const org::School stored = Must(store().Insert(s));
  org::School got = Must(store().GetSchool(trust, stored.id));
  EXPECT_EQ(got.trust, trust);
  EXPECT_EQ(got.urn, 100001);
  EXPECT_EQ(got.name, "Oak Primary");
  EXPECT_EQ(got.phase, "Primary");
  EXPECT_EQ(got.type, "Academy converter");
  EXPECT_EQ(got.local_authority, "Leeds");
  EXPECT_EQ(got.region, "Yorkshire and the Humber");
  EXPECT_EQ(got.pupils, 420);
  EXPECT_EQ(got.postcode, "LS1 1AA");
  EXPECT_EQ(got.easting, 430000);
  EXPECT_EQ(got.northing, 433000);

  got.pupils.reset();
  got.name = "Oak Church of England Primary";
  Must(store().Update(got));
  const org::School again = Must(store().GetSchool(trust, stored.id));
  EXPECT_EQ(again.pupils, std::nullopt);
  EXPECT_EQ(again.name, "Oak Church of England Primary");
  EXPECT_EQ(Must(store().FindSchoolByUrn(trust, 100001))->id, stored.id);
  EXPECT_EQ(Must(store().FindSchoolByUrn(trust, 999999)), std::nullopt);
}

TEST_P(StoreContract, SchoolUrnUniqueWithinTrust) {
  const TrustId a = NewTrust("A");
  const TrustId b = NewTrust("B");
  NewSchool(SchoolBuilder(a, 100001, "Oak"));
  NewSchool(SchoolBuilder(b, 100001, "Oak"));  // another trust may hold the same URN
  auto clash = store().Insert(SchoolBuilder(a, 100001, "Other").Build());
  ASSERT_THAT(clash, FailsOnField(ErrorCode::kConflict, "urn"));
  EXPECT_EQ(clash.error().details.front().reason, "already used by another school in this trust");

  org::School other = Must(store().Insert(SchoolBuilder(a, 100002, "Ash").Build()));
  other.urn = 100001;
  EXPECT_THAT(store().Update(other), FailsOnField(ErrorCode::kConflict, "urn"));
}

TEST_P(StoreContract, SchoolOfAnotherTrustIsNotFound) {
  const TrustId a = NewTrust("A");
  const TrustId b = NewTrust("B");
  const SchoolId oak = NewSchool(SchoolBuilder(a, 100001, "Oak"));
  EXPECT_THAT(store().GetSchool(b, oak), FailsWith(ErrorCode::kNotFound));
  EXPECT_EQ(Must(store().FindSchoolByUrn(b, 100001)), std::nullopt);
  org::School moved = Must(store().GetSchool(a, oak));
  moved.trust = b;
  EXPECT_THAT(store().Update(moved), FailsWith(ErrorCode::kNotFound));
  EXPECT_EQ(Must(store().GetSchool(a, oak)).trust, a);
}

TEST_P(StoreContract, SchoolOfUnknownTrustFailsValidation) {
  EXPECT_THAT(store().Insert(SchoolBuilder(TrustId(42), 100001, "Oak").Build()),
              FailsOnField(ErrorCode::kValidationFailed, "trust_id"));
}

TEST_P(StoreContract, ListSchoolsFilters) {
  const TrustId trust = NewTrust();
  const TrustId other = NewTrust("Other");
  const SchoolId willow = NewSchool(SchoolBuilder(trust, 100003, "Willow Primary"));
  const SchoolId ash = NewSchool(SchoolBuilder(trust, 200001, "ash Secondary").Phase("Secondary"));
  const SchoolId oak = NewSchool(SchoolBuilder(trust, 100002, "Oak Primary"));
  NewSchool(SchoolBuilder(other, 100004, "Elsewhere Primary"));

  auto all = Must(store().ListSchools({.trust = trust}));
  EXPECT_EQ(all.total, 3);
  EXPECT_THAT(Names(all), ElementsAre("ash Secondary", "Oak Primary", "Willow Primary"));

  EXPECT_THAT(Names(Must(store().ListSchools({.trust = trust, .search = "PRIMARY"}))),
              ElementsAre("Oak Primary", "Willow Primary"));
  EXPECT_THAT(Ids(Must(store().ListSchools({.trust = trust, .search = "2000"}))),
              ElementsAre(ash.value()));
  EXPECT_THAT(Ids(Must(store().ListSchools({.trust = trust, .phase = "secondary"}))),
              ElementsAre(ash.value()));
  EXPECT_THAT(Ids(Must(store().ListSchools({.trust = trust, .only = std::vector{willow, oak}}))),
              ElementsAre(oak.value(), willow.value()));
  auto none = Must(store().ListSchools({.trust = trust, .only = std::vector<SchoolId>{}}));
  EXPECT_THAT(none.items, IsEmpty());
  EXPECT_EQ(none.total, 0);

  auto page = Must(store().ListSchools({.trust = trust, .page = {.limit = 1, .offset = 1}}));
  EXPECT_EQ(page.total, 3);
  EXPECT_THAT(Names(page), ElementsAre("Oak Primary"));
}

TEST_P(StoreContract, SearchTextIsAValueNotSql) {
  const TrustId trust = NewTrust();
  NewSchool(SchoolBuilder(trust, 100001, "100% Primary"));
  NewSchool(SchoolBuilder(trust, 100002, "Oak_Primary"));
  NewSchool(SchoolBuilder(trust, 100003, "Oak Primary"));
  EXPECT_THAT(Names(Must(store().ListSchools({.trust = trust, .search = "%"}))),
              ElementsAre("100% Primary"));
  EXPECT_THAT(Names(Must(store().ListSchools({.trust = trust, .search = "_"}))),
              ElementsAre("Oak_Primary"));
  auto hostile = store().ListSchools({.trust = trust, .search = "'; DROP TABLE schools; --"});
  ASSERT_TRUE(hostile);
  EXPECT_EQ(hostile->total, 0);
  EXPECT_EQ(Must(store().ListSchools({.trust = trust})).total, 3);
}

TEST_P(StoreContract, NegativePageIsInvalidInput) {
  const TrustId trust = NewTrust();
  EXPECT_THAT(store().ListSchools({.trust = trust, .page = {.limit = -1}}),
              FailsWith(ErrorCode::kInvalidInput));
  EXPECT_THAT(store().ListPeople({.trust = trust, .page = {.offset = -5}}),
              FailsWith(ErrorCode::kInvalidInput));
}

// ---- Bodies ----

TEST_P(StoreContract, BodyRoundTripAndNameUnique) {
  const TrustId trust = NewTrust();
  const TrustId other = NewTrust("Other");
  const SchoolId oak = NewSchool(SchoolBuilder(trust, 100001, "Oak"));
  const BodyId board = NewBody(trust, "Board of Directors");
  const BodyId lgb = NewBody(trust, "Oak LGB", BodyKind::kLocalGoverningBody, oak, board);
  NewBody(other, "Oak LGB");  // names are unique within a trust only

  const org::Body got = Must(store().GetBody(trust, lgb));
  EXPECT_EQ(got.kind, BodyKind::kLocalGoverningBody);
  EXPECT_EQ(got.name, "Oak LGB");
  EXPECT_EQ(got.school, oak);
  EXPECT_EQ(got.parent, board);
  EXPECT_EQ(Must(store().FindBodyByName(trust, "Oak LGB"))->id, lgb);
  EXPECT_EQ(Must(store().FindBodyByName(trust, "Nobody")), std::nullopt);
  EXPECT_THAT(store().GetBody(other, lgb), FailsWith(ErrorCode::kNotFound));

  org::Body dup;
  dup.trust = trust;
  dup.name = "Oak LGB";
  EXPECT_THAT(store().Insert(dup), FailsOnField(ErrorCode::kConflict, "name"));

  org::Body changed = got;
  changed.kind = BodyKind::kCommittee;
  changed.school.reset();
  changed.name = "Finance committee";
  Must(store().Update(changed));
  const org::Body again = Must(store().GetBody(trust, lgb));
  EXPECT_EQ(again.kind, BodyKind::kCommittee);
  EXPECT_EQ(again.school, std::nullopt);
  EXPECT_EQ(again.name, "Finance committee");
}

TEST_P(StoreContract, BodyReferencesStayInTheTrust) {
  const TrustId trust = NewTrust();
  const TrustId other = NewTrust("Other");
  const SchoolId elsewhere = NewSchool(SchoolBuilder(other, 100001, "Elsewhere"));
  const BodyId foreign_board = NewBody(other, "Their board");
  org::Body b;
  b.trust = trust;
  b.name = "LGB";
  b.kind = BodyKind::kLocalGoverningBody;
  b.school = elsewhere;
  EXPECT_THAT(store().Insert(b), FailsOnField(ErrorCode::kValidationFailed, "school_id"));
  b.school.reset();
  b.parent = foreign_board;
  EXPECT_THAT(store().Insert(b), FailsOnField(ErrorCode::kValidationFailed, "parent_id"));
}

TEST_P(StoreContract, ListBodiesFilters) {
  const TrustId trust = NewTrust();
  const SchoolId oak = NewSchool(SchoolBuilder(trust, 100001, "Oak"));
  const BodyId board = NewBody(trust, "Board");
  const BodyId lgb = NewBody(trust, "Oak LGB", BodyKind::kLocalGoverningBody, oak);
  const BodyId audit = NewBody(trust, "Audit committee", BodyKind::kCommittee, {}, board);
  const BodyId finance = NewBody(trust, "Finance committee", BodyKind::kCommittee, {}, board);

  auto all = Must(store().ListBodies({.trust = trust}));
  EXPECT_EQ(all.total, 4);
  EXPECT_THAT(Ids(all), ElementsAre(board.value(), audit.value(), finance.value(), lgb.value()));
  EXPECT_THAT(Ids(Must(store().ListBodies({.trust = trust, .kind = BodyKind::kCommittee}))),
              ElementsAre(audit.value(), finance.value()));
  EXPECT_THAT(Ids(Must(store().ListBodies({.trust = trust, .school = oak}))),
              ElementsAre(lgb.value()));
  EXPECT_THAT(Ids(Must(store().ListBodies({.trust = trust, .only = std::vector{finance}}))),
              ElementsAre(finance.value()));
}

// ---- People ----

TEST_P(StoreContract, PersonRoundTripAndReferenceUnique) {
  const TrustId trust = NewTrust();
  const TrustId other = NewTrust("Other");
  org::Person p = PersonBuilder(trust, "S001")
                      .Named("Ada", "Lovelace")
                      .Email("ada@oak.sch.uk")
                      .Stage(CareerStage::kNewHeadteacher)
                      .Build();
  p.joined_trust = D("2019-09-01");
  const PersonId id = Must(store().Insert(p)).id;
  org::Person got = Must(store().GetPerson(trust, id));
  EXPECT_EQ(got.reference, "S001");
  EXPECT_EQ(got.given_name, "Ada");
  EXPECT_EQ(got.family_name, "Lovelace");
  EXPECT_EQ(got.email, "ada@oak.sch.uk");
  EXPECT_EQ(got.stage, CareerStage::kNewHeadteacher);
  EXPECT_EQ(got.joined_trust, D("2019-09-01"));
  EXPECT_EQ(got.left_trust, std::nullopt);
  EXPECT_EQ(Must(store().FindPersonByReference(trust, "S001"))->id, id);
  EXPECT_EQ(Must(store().FindPersonByReference(other, "S001")), std::nullopt);
  EXPECT_THAT(store().GetPerson(other, id), FailsWith(ErrorCode::kNotFound));

  NewPerson(PersonBuilder(other, "S001"));  // references are unique within a trust only
  EXPECT_THAT(store().Insert(PersonBuilder(trust, "S001").Build()),
              FailsOnField(ErrorCode::kConflict, "reference"));

  got.stage.reset();
  got.left_trust = D("2026-08-31");
  Must(store().Update(got));
  const org::Person again = Must(store().GetPerson(trust, id));
  EXPECT_EQ(again.stage, std::nullopt);
  EXPECT_EQ(again.left_trust, D("2026-08-31"));

  org::Person foreign = again;
  foreign.trust = other;
  EXPECT_THAT(store().Update(foreign), FailsWith(ErrorCode::kNotFound));
}

TEST_P(StoreContract, ManyPeopleAtOnce) {
  const TrustId trust = NewTrust();
  const TrustId other = NewTrust("Other");
  // More than one statement's worth, and a part of one, in two trusts.
  std::vector<org::Person> people;
  for (int i = 0; i < 230; ++i) {
    org::Person p = PersonBuilder(i % 3 == 0 ? other : trust, "M" + std::to_string(i))
                        .Named("Given" + std::to_string(i), "Family")
                        .Build();
    if (i % 2 == 0) p.stage = CareerStage::kTeacher;
    if (i % 5 == 0) p.joined_trust = D("2020-09-01");
    people.push_back(std::move(p));
  }
  const std::vector<PersonId> stored = Must(store().InsertMany(people));
  ASSERT_EQ(stored.size(), people.size());
  std::set<PersonId> ids;
  for (size_t i = 0; i < stored.size(); ++i) {
    EXPECT_TRUE(stored[i].valid());
    ids.insert(stored[i]);
    const org::Person got = Must(store().GetPerson(people[i].trust, stored[i]));
    EXPECT_EQ(got.reference, people[i].reference);
    EXPECT_EQ(got.given_name, people[i].given_name);
    EXPECT_EQ(got.stage, people[i].stage);
    EXPECT_EQ(got.joined_trust, people[i].joined_trust);
  }
  EXPECT_EQ(ids.size(), people.size());
  EXPECT_TRUE(Must(store().InsertMany({})).empty());

  // A reference already used fails as Insert does, and none of the batch is written.
  std::vector<org::Person> again;
  for (int i = 0; i < 150; ++i)
    again.push_back(PersonBuilder(trust, "N" + std::to_string(i)).Build());
  again[120].reference = "M1";
  EXPECT_THAT(store().InsertMany(again), FailsOnField(ErrorCode::kConflict, "reference"));
  // Inside a transaction the caller's failure undoes it all.
  EXPECT_FALSE(store().Transact([&](store::Store& tx) -> Result<void> {
    TRY(tx.InsertMany(again));
    return Ok();
  }));
  EXPECT_EQ(Must(store().FindPersonByReference(trust, "N0")), std::nullopt);
  EXPECT_EQ(Must(store().FindPersonByReference(trust, "N149")), std::nullopt);
  again[120].reference = "N120";
  again[20].trust = TrustId(999'999);
  EXPECT_THAT(store().InsertMany(again), FailsOnField(ErrorCode::kValidationFailed, "trust_id"));
  EXPECT_EQ(Must(store().FindPersonByReference(trust, "N0")), std::nullopt);
}

class PeopleAndPosts : public StoreContract {
 protected:
  // Oak: Ada (teaching, current) and Bob (support, ended), Cy (leadership at Oak and
  // teaching at Ash, current), Dee (left the trust), Eve (no post), Fay (future post).
  void SetUp() override {
    StoreContract::SetUp();
    if (IsSkipped()) return;
    trust = NewTrust();
    other = NewTrust("Other");
    oak = NewSchool(SchoolBuilder(trust, 100001, "Oak"));
    ash = NewSchool(SchoolBuilder(trust, 100002, "Ash"));
    ada = NewPerson(PersonBuilder(trust, "P1")
                        .Named("Ada", "Lovelace")
                        .Email("ada@oak.sch.uk")
                        .Stage(CareerStage::kTeacher));
    bob = NewPerson(PersonBuilder(trust, "P2").Named("Bob", "Brown").Stage(CareerStage::kTeacher));
    cy = NewPerson(
        PersonBuilder(trust, "P3").Named("Cy", "Young").Stage(CareerStage::kNewHeadteacher));
    dee = NewPerson(PersonBuilder(trust, "P4").Named("Dee", "Adams").Left(D("2026-01-01")));
    eve = NewPerson(PersonBuilder(trust, "P5").Named("Eve", "Brown"));
    fay = NewPerson(PersonBuilder(trust, "P6").Named("Fay", "Green"));
    NewPerson(PersonBuilder(other, "P1").Named("Ada", "Elsewhere"));

    oak_teacher = NewPost(PostBuilder(trust, "T1").Title("Teacher").At(oak).Key());
    oak_ta =
        NewPost(PostBuilder(trust, "T2").Title("Assistant").At(oak).Family(RoleFamily::kSupport));
    oak_head = NewPost(PostBuilder(trust, "T3")
                           .Title("Headteacher")
                           .At(oak)
                           .Family(RoleFamily::kLeadership)
                           .Key());
    ash_teacher = NewPost(PostBuilder(trust, "T4").Title("Teacher").At(ash));
    ash_head = NewPost(PostBuilder(trust, "T5")
                           .Title("Headteacher")
                           .At(ash)
                           .Family(RoleFamily::kLeadership)
                           .Key());

    NewHolding(Holding(trust, oak_teacher, ada, D("2020-09-01")));
    NewHolding(Holding(trust, oak_ta, bob, D("2020-09-01"), D("2026-03-01")));
    NewHolding(Holding(trust, oak_head, cy, D("2024-09-01")));
    NewHolding(Holding(trust, ash_teacher, cy, D("2024-09-01")));
    NewHolding(Holding(trust, ash_teacher, dee, D("2020-09-01")));
    NewHolding(Holding(trust, ash_head, fay, D("2026-09-01")));
  }

  const Date today = D("2026-03-01");  // Bob's holding ended the day before
  TrustId trust, other;
  SchoolId oak, ash;
  PersonId ada, bob, cy, dee, eve, fay;
  PostId oak_teacher, oak_ta, oak_head, ash_teacher, ash_head;
};

TEST_P(PeopleAndPosts, ListPeopleDefaultsExcludeLeavers) {
  auto people = Must(store().ListPeople({.trust = trust, .today = today}));
  EXPECT_EQ(people.total, 5);
  EXPECT_THAT(Names(people),
              ElementsAre("Bob Brown", "Eve Brown", "Fay Green", "Ada Lovelace", "Cy Young"));
  auto with_leavers =
      Must(store().ListPeople({.trust = trust, .include_leavers = true, .today = today}));
  EXPECT_EQ(with_leavers.total, 6);
  EXPECT_EQ(Names(with_leavers).front(), "Dee Adams");
  // Dee is still staff on the day before she leaves.
  EXPECT_EQ(Must(store().ListPeople({.trust = trust, .today = D("2025-12-31")})).total, 6);
}

TEST_P(PeopleAndPosts, ListPeopleSearch) {
  auto search = [&](std::string text) {
    return Ids(Must(store().ListPeople({.trust = trust, .search = text, .today = today})));
  };
  EXPECT_THAT(search("lovel"), ElementsAre(ada.value()));
  EXPECT_THAT(search("ADA"), ElementsAre(ada.value()));
  EXPECT_THAT(search("ada lov"), ElementsAre(ada.value()));
  EXPECT_THAT(search("p3"), ElementsAre(cy.value()));
  EXPECT_THAT(search("@oak.sch"), ElementsAre(ada.value()));
  EXPECT_THAT(search("brown"), ElementsAre(bob.value(), eve.value()));
  EXPECT_THAT(search("zzz"), IsEmpty());
}

TEST_P(PeopleAndPosts, ListPeopleBySchoolFamilyStageAndScope) {
  auto list = [&](PersonFilter f) {
    f.trust = trust;
    f.today = today;
    return Ids(Must(store().ListPeople(f)));
  };
  // Bob's holding ended, Fay's has not begun: neither is at Oak or Ash today.
  EXPECT_THAT(list({.school = oak}), ElementsAre(ada.value(), cy.value()));
  EXPECT_THAT(list({.school = ash}), ElementsAre(cy.value()));
  EXPECT_THAT(list({.family = RoleFamily::kLeadership}), ElementsAre(cy.value()));
  EXPECT_THAT(list({.family = RoleFamily::kSupport}), IsEmpty());
  EXPECT_THAT(list({.family = RoleFamily::kTeaching}), ElementsAre(ada.value(), cy.value()));
  EXPECT_THAT(list({.school = ash, .family = RoleFamily::kTeaching}), ElementsAre(cy.value()));
  EXPECT_THAT(list({.stage = CareerStage::kTeacher}), ElementsAre(bob.value(), ada.value()));
  EXPECT_THAT(list({.only = std::vector{eve, ada}}), ElementsAre(eve.value(), ada.value()));
  EXPECT_THAT(list({.only = std::vector<PersonId>{}}), IsEmpty());
  // On a day when Bob's holding was in force.
  EXPECT_THAT(
      Ids(Must(store().ListPeople({.trust = trust, .school = oak, .today = D("2026-02-28")}))),
      ElementsAre(bob.value(), ada.value(), cy.value()));
  auto page = Must(store().ListPeople({.trust = trust, .today = today, .page = {.limit = 2}}));
  EXPECT_EQ(page.total, 5);
  EXPECT_THAT(Ids(page), ElementsAre(bob.value(), eve.value()));
}

TEST_P(PeopleAndPosts, PostRoundTripAndReferenceUnique) {
  const BodyId board = NewBody(trust, "Board");
  org::Post p =
      PostBuilder(trust, "G1").Title("Chair").OfBody(board).Family(RoleFamily::kGovernance).Build();
  p.stage = CareerStage::kBoardMember;
  p.workforce_census_role = "";
  p.fte = 0.1;
  const PostId id = Must(store().Insert(p)).id;
  org::Post got = Must(store().GetPost(trust, id));
  EXPECT_EQ(got.reference, "G1");
  EXPECT_EQ(got.title, "Chair");
  EXPECT_EQ(got.school, std::nullopt);
  EXPECT_EQ(got.body, board);
  EXPECT_EQ(got.family, RoleFamily::kGovernance);
  EXPECT_EQ(got.stage, CareerStage::kBoardMember);
  EXPECT_DOUBLE_EQ(got.fte, 0.1);
  EXPECT_FALSE(got.key);
  EXPECT_EQ(Must(store().FindPostByReference(trust, "G1"))->id, id);
  EXPECT_EQ(Must(store().FindPostByReference(other, "G1")), std::nullopt);
  EXPECT_THAT(store().GetPost(other, id), FailsWith(ErrorCode::kNotFound));
  EXPECT_THAT(store().Insert(PostBuilder(trust, "G1").Build()),
              FailsOnField(ErrorCode::kConflict, "reference"));

  got.key = true;
  got.workforce_census_role = "Headteacher";
  got.school = oak;
  Must(store().Update(got));
  const org::Post again = Must(store().GetPost(trust, id));
  EXPECT_TRUE(again.key);
  EXPECT_EQ(again.school, oak);
  EXPECT_EQ(again.workforce_census_role, "Headteacher");
}

TEST_P(PeopleAndPosts, PostReferencesStayInTheTrust) {
  const SchoolId elsewhere = NewSchool(SchoolBuilder(other, 100009, "Elsewhere"));
  EXPECT_THAT(store().Insert(PostBuilder(trust, "X1").At(elsewhere).Build()),
              FailsOnField(ErrorCode::kValidationFailed, "school_id"));
  org::Post p = Must(store().GetPost(trust, oak_teacher));
  p.body = BodyId(12345);
  EXPECT_THAT(store().Update(p), FailsOnField(ErrorCode::kValidationFailed, "body_id"));
}

TEST_P(PeopleAndPosts, ListPostsFilters) {
  const BodyId board = NewBody(trust, "Board");
  const PostId chair = NewPost(
      PostBuilder(trust, "G1").Title("Chair").OfBody(board).Family(RoleFamily::kGovernance));
  auto list = [&](PostFilter f) {
    f.trust = trust;
    f.today = today;
    return Ids(Must(store().ListPosts(f)));
  };
  auto all = Must(store().ListPosts({.trust = trust, .today = today}));
  EXPECT_EQ(all.total, 6);
  // By title, then reference.
  EXPECT_THAT(Ids(all), ElementsAre(oak_ta.value(), chair.value(), oak_head.value(),
                                    ash_head.value(), oak_teacher.value(), ash_teacher.value()));
  EXPECT_THAT(list({.search = "HEAD"}), ElementsAre(oak_head.value(), ash_head.value()));
  EXPECT_THAT(list({.search = "t4"}), ElementsAre(ash_teacher.value()));
  EXPECT_THAT(list({.school = ash}), ElementsAre(ash_head.value(), ash_teacher.value()));
  EXPECT_THAT(list({.body = board}), ElementsAre(chair.value()));
  EXPECT_THAT(list({.family = RoleFamily::kSupport}), ElementsAre(oak_ta.value()));
  EXPECT_THAT(list({.key = true}),
              ElementsAre(oak_head.value(), ash_head.value(), oak_teacher.value()));
  EXPECT_THAT(list({.key = false}),
              ElementsAre(oak_ta.value(), chair.value(), ash_teacher.value()));
  // Bob's ended and Fay's future holdings leave their posts vacant today.
  EXPECT_THAT(list({.vacant = true}), ElementsAre(oak_ta.value(), chair.value(), ash_head.value()));
  EXPECT_THAT(list({.vacant = false}),
              ElementsAre(oak_head.value(), oak_teacher.value(), ash_teacher.value()));
  EXPECT_THAT(list({.only = std::vector{ash_teacher}}), ElementsAre(ash_teacher.value()));
  EXPECT_THAT(list({.only = std::vector<PostId>{}}), IsEmpty());
  EXPECT_THAT(list({.school = oak, .key = true, .vacant = false}),
              ElementsAre(oak_head.value(), oak_teacher.value()));
}

// ---- Holdings, memberships, line links ----

TEST_P(PeopleAndPosts, HoldingRoundTripAndReferences) {
  org::Holding h = Holding(trust, oak_ta, eve, D("2026-04-01"), D("2026-07-31"));
  h.contract = ContractType::kFixedTerm;
  h.fte = 0.6;
  const HoldingId id = Must(store().Insert(h)).id;
  org::Holding got = Must(store().GetHolding(trust, id));
  EXPECT_EQ(got.post, oak_ta);
  EXPECT_EQ(got.person, eve);
  EXPECT_EQ(got.start, D("2026-04-01"));
  EXPECT_EQ(got.end, D("2026-07-31"));
  EXPECT_EQ(got.contract, ContractType::kFixedTerm);
  EXPECT_DOUBLE_EQ(got.fte, 0.6);
  EXPECT_THAT(store().GetHolding(other, id), FailsWith(ErrorCode::kNotFound));

  got.end.reset();
  got.contract = ContractType::kPermanent;
  Must(store().Update(got));
  EXPECT_EQ(Must(store().GetHolding(trust, id)).end, std::nullopt);

  const PersonId outsider = NewPerson(PersonBuilder(other, "X9"));
  EXPECT_THAT(store().Insert(Holding(trust, oak_ta, outsider, D("2026-01-01"))),
              FailsOnField(ErrorCode::kValidationFailed, "person_id"));
  EXPECT_THAT(store().Insert(Holding(trust, PostId(9999), eve, D("2026-01-01"))),
              FailsOnField(ErrorCode::kValidationFailed, "post_id"));
  org::Holding foreign = got;
  foreign.trust = other;
  EXPECT_THAT(store().Update(foreign), FailsWith(ErrorCode::kNotFound));
}

TEST_P(PeopleAndPosts, ListHoldingsFilters) {
  auto list = [&](HoldingFilter f) {
    f.trust = trust;
    return Must(store().ListHoldings(f));
  };
  auto all = list({});
  EXPECT_EQ(all.total, 6);
  // Newest start first.
  EXPECT_EQ(all.items.front().person, fay);
  EXPECT_EQ(all.items.back().start, D("2020-09-01"));
  EXPECT_EQ(list({.post = ash_teacher}).total, 2);
  EXPECT_EQ(list({.person = cy}).total, 2);
  EXPECT_EQ(list({.school = oak}).total, 3);
  EXPECT_EQ(list({.person = cy, .school = ash}).total, 1);
  // Several people's at once (a page of the people list), in the same order.
  auto some = list({.people = std::vector{cy, fay, eve}});
  ASSERT_EQ(some.total, 3);
  EXPECT_EQ(some.items.front().person, fay);
  EXPECT_EQ(list({.people = std::vector{ada, dee}, .current_on = today}).total, 2);
  EXPECT_EQ(list({.people = std::vector<PersonId>{}}).total, 0);
  // Bob's holding ends on `today`: the end day is not in force.
  EXPECT_EQ(list({.current_on = today}).total, 4);
  EXPECT_EQ(list({.current_on = D("2026-02-28")}).total, 5);
  EXPECT_EQ(list({.school = oak, .current_on = today}).total, 2);
  EXPECT_EQ(list({.page = {.limit = 2, .offset = 5}}).items.size(), 1u);
  EXPECT_EQ(Must(store().ListHoldings({.trust = other})).total, 0);
}

TEST_P(PeopleAndPosts, MembershipRoundTripAndList) {
  const BodyId board = NewBody(trust, "Board");
  const BodyId lgb = NewBody(trust, "Oak LGB", BodyKind::kLocalGoverningBody, oak);
  org::Membership m;
  m.trust = trust;
  m.body = board;
  m.person = eve;
  m.role = MembershipRole::kChair;
  m.term_start = D("2022-09-01");
  m.term_end = D("2026-09-01");
  const MembershipId chair = Must(store().Insert(m)).id;
  m.body = lgb;
  m.role = MembershipRole::kMember;
  m.term_start = D("2025-01-01");
  m.term_end.reset();
  const MembershipId member = Must(store().Insert(m)).id;
  m.person = ada;
  m.term_start = D("2019-01-01");
  m.term_end = D("2023-01-01");
  const MembershipId past = Must(store().Insert(m)).id;

  org::Membership got = Must(store().GetMembership(trust, chair));
  EXPECT_EQ(got.body, board);
  EXPECT_EQ(got.person, eve);
  EXPECT_EQ(got.role, MembershipRole::kChair);
  EXPECT_EQ(got.term_start, D("2022-09-01"));
  EXPECT_EQ(got.term_end, D("2026-09-01"));
  EXPECT_THAT(store().GetMembership(other, chair), FailsWith(ErrorCode::kNotFound));
  got.role = MembershipRole::kViceChair;
  Must(store().Update(got));
  EXPECT_EQ(Must(store().GetMembership(trust, chair)).role, MembershipRole::kViceChair);

  auto list = [&](MembershipFilter f) {
    f.trust = trust;
    return Ids(Must(store().ListMemberships(f)));
  };
  EXPECT_THAT(list({}), ElementsAre(member.value(), chair.value(), past.value()));
  EXPECT_THAT(list({.body = lgb}), ElementsAre(member.value(), past.value()));
  EXPECT_THAT(list({.person = eve}), ElementsAre(member.value(), chair.value()));
  EXPECT_THAT(list({.current_on = today}), ElementsAre(member.value(), chair.value()));
  EXPECT_THAT(list({.body = lgb, .current_on = D("2020-01-01")}), ElementsAre(past.value()));

  org::Membership bad = m;
  bad.body = NewBody(other, "Their board");
  EXPECT_THAT(store().Insert(bad), FailsOnField(ErrorCode::kValidationFailed, "body_id"));
}

TEST_P(PeopleAndPosts, LineLinkRoundTripAndList) {
  org::LineLink l;
  l.trust = trust;
  l.manager = cy;
  l.report = ada;
  l.start = D("2024-09-01");
  const LineLinkId current = Must(store().Insert(l)).id;
  l.report = bob;
  l.start = D("2021-09-01");
  l.end = D("2024-09-01");
  const LineLinkId ended = Must(store().Insert(l)).id;

  org::LineLink got = Must(store().GetLineLink(trust, current));
  EXPECT_EQ(got.manager, cy);
  EXPECT_EQ(got.report, ada);
  EXPECT_EQ(got.start, D("2024-09-01"));
  EXPECT_EQ(got.end, std::nullopt);
  EXPECT_THAT(store().GetLineLink(other, current), FailsWith(ErrorCode::kNotFound));
  got.end = D("2027-01-01");
  Must(store().Update(got));
  EXPECT_EQ(Must(store().GetLineLink(trust, current)).end, D("2027-01-01"));

  auto list = [&](LineLinkFilter f) {
    f.trust = trust;
    return Ids(Must(store().ListLineLinks(f)));
  };
  EXPECT_THAT(list({}), ElementsAre(current.value(), ended.value()));
  EXPECT_THAT(list({.manager = cy}), ElementsAre(current.value(), ended.value()));
  EXPECT_THAT(list({.report = bob}), ElementsAre(ended.value()));
  EXPECT_THAT(list({.current_on = today}), ElementsAre(current.value()));
  EXPECT_THAT(list({.manager = ada}), IsEmpty());

  l.manager = NewPerson(PersonBuilder(other, "X1"));
  EXPECT_THAT(store().Insert(l), FailsOnField(ErrorCode::kValidationFailed, "manager_id"));
}

// ---- Figures ----

TEST_P(PeopleAndPosts, HeadcountGroupsCurrentStaffByStageAndFirstFamily) {
  // Today: Ada (teacher, teaching) and Cy (new headteacher; teaching and leadership, so
  // counted once, under teaching). Bob's post ended, Dee has left, Eve has no post, Fay's
  // has not started.
  const PersonId gus = NewPerson(PersonBuilder(trust, "P7").Named("Gus", "Hill"));
  NewHolding(Holding(trust, oak_ta, gus, D("2025-01-01")));
  auto cells = Must(store().Headcount(trust, std::nullopt, today));
  ASSERT_EQ(cells.size(), 3u);
  EXPECT_EQ(cells[0].stage, CareerStage::kTeacher);
  EXPECT_EQ(cells[0].family, RoleFamily::kTeaching);
  EXPECT_EQ(cells[0].people, 1);
  EXPECT_EQ(cells[1].stage, CareerStage::kNewHeadteacher);
  EXPECT_EQ(cells[1].family, RoleFamily::kTeaching);
  EXPECT_EQ(cells[1].people, 1);
  EXPECT_EQ(cells[2].stage, std::nullopt);
  EXPECT_EQ(cells[2].family, RoleFamily::kSupport);
  EXPECT_EQ(cells[2].people, 1);

  // At Oak alone Cy holds only the headship.
  auto oak_cells = Must(store().Headcount(trust, std::vector{oak}, today));
  ASSERT_EQ(oak_cells.size(), 3u);
  EXPECT_EQ(oak_cells[1].stage, CareerStage::kNewHeadteacher);
  EXPECT_EQ(oak_cells[1].family, RoleFamily::kLeadership);

  int64_t total = 0;
  for (const auto& c : Must(store().Headcount(trust, std::vector{ash, oak}, today)))
    total += c.people;
  EXPECT_EQ(total, 3);
  EXPECT_THAT(Must(store().Headcount(trust, std::vector<SchoolId>{}, today)), IsEmpty());
  EXPECT_THAT(Must(store().Headcount(other, std::nullopt, today)), IsEmpty());
}

TEST_P(PeopleAndPosts, CountKeyPosts) {
  // Key posts: Oak teacher (Ada), Oak head (Cy), Ash head (Fay from September: vacant).
  auto all = Must(store().CountKeyPosts(trust, std::nullopt, today));
  EXPECT_EQ(all.key_posts, 3);
  EXPECT_EQ(all.held, 2);
  EXPECT_EQ(all.vacant, 1);
  auto ash_only = Must(store().CountKeyPosts(trust, std::vector{ash}, today));
  EXPECT_EQ(ash_only.key_posts, 1);
  EXPECT_EQ(ash_only.held, 0);
  EXPECT_EQ(ash_only.vacant, 1);
  auto later = Must(store().CountKeyPosts(trust, std::nullopt, D("2026-09-01")));
  EXPECT_EQ(later.vacant, 0);
  auto none = Must(store().CountKeyPosts(other, std::nullopt, today));
  EXPECT_EQ(none.key_posts, 0);
  EXPECT_EQ(none.vacant, 0);
}

// ---- Users and sessions ----

TEST_P(StoreContract, UserRoundTripWithLowerCaseEmail) {
  const TrustId trust = NewTrust();
  const PersonId ada = NewPerson(PersonBuilder(trust, "P1"));
  access::User u;
  u.trust = trust;
  u.person = ada;
  u.email = "Ada.Lovelace@Oak.Sch.UK";
  u.display_name = "Ada Lovelace";
  u.password_hash = "$argon2id$v=19$stub";
  u.role = access::Role::kHeadteacher;
  u.created_at = At("2025-09-01T10:00:00Z");
  const access::User stored = Must(store().Insert(u));
  EXPECT_EQ(stored.email, "ada.lovelace@oak.sch.uk");
  access::User got = Must(store().GetUser(stored.id));
  EXPECT_EQ(got.trust, trust);
  EXPECT_EQ(got.person, ada);
  EXPECT_EQ(got.display_name, "Ada Lovelace");
  EXPECT_EQ(got.password_hash, "$argon2id$v=19$stub");
  EXPECT_EQ(got.role, access::Role::kHeadteacher);
  EXPECT_FALSE(got.disabled);
  EXPECT_EQ(got.created_at, At("2025-09-01T10:00:00Z"));
  EXPECT_EQ(Must(store().FindUserByEmail("ADA.lovelace@oak.sch.uk"))->id, stored.id);
  EXPECT_EQ(Must(store().FindUserByEmail("nobody@oak.sch.uk")), std::nullopt);

  got.disabled = true;
  got.email = "Ada@Oak.Sch.UK";
  got.role = access::Role::kExecutive;
  Must(store().Update(got));
  const access::User again = Must(store().GetUser(stored.id));
  EXPECT_TRUE(again.disabled);
  EXPECT_EQ(again.email, "ada@oak.sch.uk");
  EXPECT_EQ(again.role, access::Role::kExecutive);

  EXPECT_THAT(store().GetUser(UserId(999)), FailsWith(ErrorCode::kNotFound));
  access::User ghost = again;
  ghost.id = UserId(999);
  ghost.email = "ghost@oak.sch.uk";
  EXPECT_THAT(store().Update(ghost), FailsWith(ErrorCode::kNotFound));
}

TEST_P(StoreContract, UserEmailUniqueIgnoringCase) {
  const TrustId trust = NewTrust();
  NewUser(trust, "ada@oak.sch.uk");
  access::User u;
  u.email = "ADA@oak.sch.uk";
  u.created_at = At("2025-09-01T10:00:00Z");
  EXPECT_THAT(store().Insert(u), FailsOnField(ErrorCode::kConflict, "email"));
  const UserId bob = NewUser(trust, "bob@oak.sch.uk");
  access::User changed = Must(store().GetUser(bob));
  changed.email = "Ada@Oak.sch.uk";
  EXPECT_THAT(store().Update(changed), FailsOnField(ErrorCode::kConflict, "email"));
}

TEST_P(StoreContract, UserPersonMustBeInTheUsersTrust) {
  const TrustId trust = NewTrust();
  const TrustId other = NewTrust("Other");
  const PersonId outsider = NewPerson(PersonBuilder(other, "P1"));
  access::User u;
  u.trust = trust;
  u.person = outsider;
  u.email = "x@oak.sch.uk";
  EXPECT_THAT(store().Insert(u), FailsOnField(ErrorCode::kValidationFailed, "person_id"));
  u.trust = TrustId(777);
  u.person.reset();
  EXPECT_THAT(store().Insert(u), FailsOnField(ErrorCode::kValidationFailed, "trust_id"));
}

TEST_P(StoreContract, ListUsersByTrust) {
  const TrustId a = NewTrust("A");
  const TrustId b = NewTrust("B");
  const UserId admin = NewUser(std::nullopt, "admin@trellis.test", access::Role::kPlatformAdmin);
  const UserId zed = NewUser(a, "zed@a.test");
  const UserId amy = NewUser(a, "amy@a.test");
  const UserId bea = NewUser(b, "bea@b.test");
  auto in_a = Must(store().ListUsers(a, {}));
  EXPECT_EQ(in_a.total, 2);
  EXPECT_THAT(Ids(in_a), ElementsAre(amy.value(), zed.value()));
  auto everyone = Must(store().ListUsers(std::nullopt, {}));
  EXPECT_EQ(everyone.total, 4);
  EXPECT_THAT(Ids(everyone), ElementsAre(admin.value(), amy.value(), bea.value(), zed.value()));
  auto page = Must(store().ListUsers(std::nullopt, {.limit = 1, .offset = 3}));
  EXPECT_EQ(page.total, 4);
  EXPECT_THAT(Ids(page), ElementsAre(zed.value()));
}

access::Session MakeSession(std::string token_hash, UserId user, const char* expires) {
  access::Session s;
  s.token_hash = std::move(token_hash);
  s.user = user;
  s.csrf_token = "csrf-" + s.token_hash;
  s.created_at = At("2026-03-01T09:00:00Z");
  s.last_seen = At("2026-03-01T09:00:00Z");
  s.expires_at = At(expires);
  return s;
}

TEST_P(StoreContract, SessionLifecycle) {
  const TrustId trust = NewTrust();
  const UserId ada = NewUser(trust, "ada@oak.sch.uk");
  const UserId bob = NewUser(trust, "bob@oak.sch.uk");
  Must(store().Insert(MakeSession("h1", ada, "2026-03-01T21:00:00Z")));
  Must(store().Insert(MakeSession("h2", ada, "2026-03-02T21:00:00Z")));
  Must(store().Insert(MakeSession("h3", bob, "2026-03-01T12:00:00Z")));
  Must(store().Insert(MakeSession("h4", bob, "2026-03-03T12:00:00Z")));

  const access::Session got = *Must(store().FindSession("h1"));
  EXPECT_EQ(got.user, ada);
  EXPECT_EQ(got.csrf_token, "csrf-h1");
  EXPECT_EQ(got.created_at, At("2026-03-01T09:00:00Z"));
  EXPECT_EQ(got.expires_at, At("2026-03-01T21:00:00Z"));
  EXPECT_EQ(Must(store().FindSession("nope")), std::nullopt);

  EXPECT_THAT(store().Insert(MakeSession("h1", bob, "2026-03-01T21:00:00Z")),
              FailsOnField(ErrorCode::kConflict, "token_hash"));
  EXPECT_THAT(store().Insert(MakeSession("h9", UserId(999), "2026-03-01T21:00:00Z")),
              FailsOnField(ErrorCode::kValidationFailed, "user_id"));

  Must(store().TouchSession("h1", At("2026-03-01T10:15:00Z")));
  EXPECT_EQ(Must(store().FindSession("h1"))->last_seen, At("2026-03-01T10:15:00Z"));
  EXPECT_THAT(store().TouchSession("nope", At("2026-03-01T10:15:00Z")),
              FailsWith(ErrorCode::kNotFound));

  Must(store().DeleteSession("h1"));
  Must(store().DeleteSession("h1"));  // already gone: still fine
  EXPECT_EQ(Must(store().FindSession("h1")), std::nullopt);

  // Expired strictly before 2026-03-02T21:00:00Z: only h3 remains of those.
  EXPECT_EQ(Must(store().DeleteSessionsBefore(At("2026-03-02T21:00:00Z"))), 1);
  EXPECT_EQ(Must(store().FindSession("h3")), std::nullopt);
  EXPECT_TRUE(Must(store().FindSession("h2")).has_value());
  EXPECT_EQ(Must(store().DeleteSessionsBefore(At("2026-03-02T21:00:00Z"))), 0);

  Must(store().DeleteSessionsOf(ada));
  EXPECT_EQ(Must(store().FindSession("h2")), std::nullopt);
  EXPECT_TRUE(Must(store().FindSession("h4")).has_value());
}

access::PendingSignIn MakePending(std::string state_hash, const char* expires) {
  return {.state_hash = std::move(state_hash),
          .provider = "microsoft",
          .code_verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
          .nonce = "n-0S6_WzA2Mj",
          .browser_hash = "b1",
          .return_to = "/#/people",
          .created_at = At("2026-03-01T09:00:00Z"),
          .expires_at = At(expires)};
}

TEST_P(StoreContract, PendingSignInIsTakenOnce) {
  Must(store().Insert(MakePending("s1", "2026-03-01T09:10:00Z")));
  Must(store().Insert(MakePending("s2", "2026-03-01T09:10:00Z")));
  EXPECT_THAT(store().Insert(MakePending("s1", "2026-03-01T09:10:00Z")),
              FailsOnField(ErrorCode::kConflict, "state_hash"));

  const auto taken = Must(store().TakePendingSignIn("s1", At("2026-03-01T09:05:00Z")));
  ASSERT_TRUE(taken.has_value());
  EXPECT_EQ(taken->provider, "microsoft");
  EXPECT_EQ(taken->code_verifier, "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
  EXPECT_EQ(taken->nonce, "n-0S6_WzA2Mj");
  EXPECT_EQ(taken->browser_hash, "b1");
  EXPECT_EQ(taken->return_to, "/#/people");
  EXPECT_EQ(taken->created_at, At("2026-03-01T09:00:00Z"));
  EXPECT_EQ(taken->expires_at, At("2026-03-01T09:10:00Z"));
  // A replayed state finds nothing; the other sign-in is untouched.
  EXPECT_EQ(Must(store().TakePendingSignIn("s1", At("2026-03-01T09:05:00Z"))), std::nullopt);
  EXPECT_EQ(Must(store().TakePendingSignIn("unknown", At("2026-03-01T09:05:00Z"))), std::nullopt);
  EXPECT_TRUE(Must(store().TakePendingSignIn("s2", At("2026-03-01T09:05:00Z"))).has_value());
}

TEST_P(StoreContract, ExpiredPendingSignInIsNotReturnedAndIsForgotten) {
  Must(store().Insert(MakePending("old", "2026-03-01T09:10:00Z")));
  Must(store().Insert(MakePending("late", "2026-03-01T09:10:00Z")));
  Must(store().Insert(MakePending("new", "2026-03-01T09:30:00Z")));
  // At its expiry exactly it is already too late, and it is gone afterwards.
  EXPECT_EQ(Must(store().TakePendingSignIn("late", At("2026-03-01T09:10:00Z"))), std::nullopt);
  EXPECT_EQ(Must(store().TakePendingSignIn("late", At("2026-03-01T09:00:00Z"))), std::nullopt);
  EXPECT_EQ(Must(store().DeletePendingSignInsBefore(At("2026-03-01T09:20:00Z"))), 1);
  EXPECT_EQ(Must(store().TakePendingSignIn("old", At("2026-03-01T09:00:00Z"))), std::nullopt);
  EXPECT_EQ(Must(store().DeletePendingSignInsBefore(At("2026-03-01T09:20:00Z"))), 0);
  EXPECT_TRUE(Must(store().TakePendingSignIn("new", At("2026-03-01T09:20:00Z"))).has_value());
}

TEST_P(StoreContract, SignInFailuresAreCountedBlockedAndForgotten) {
  EXPECT_EQ(Must(store().SignInsBlockedUntil("k1")), std::nullopt);
  EXPECT_EQ(Must(store().CountSignInFailure("k1", At("2026-03-01T09:00:00Z"))), 1);
  EXPECT_EQ(Must(store().CountSignInFailure("k1", At("2026-03-01T09:01:00Z"))), 2);
  EXPECT_EQ(Must(store().CountSignInFailure("k2", At("2026-03-01T09:02:00Z"))), 1);
  EXPECT_EQ(Must(store().SignInsBlockedUntil("k1")), std::nullopt);  // counted, not blocked

  Must(store().BlockSignIns("k1", At("2026-03-01T09:31:00Z")));
  EXPECT_EQ(Must(store().SignInsBlockedUntil("k1")), At("2026-03-01T09:31:00Z"));
  EXPECT_EQ(Must(store().CountSignInFailure("k1", At("2026-03-01T09:05:00Z"))), 3);
  EXPECT_EQ(Must(store().SignInsBlockedUntil("k1")), At("2026-03-01T09:31:00Z"));

  // k2's last failure is before 09:10 and it is not blocked: forgotten. k1 is blocked until
  // 09:31: kept.
  EXPECT_EQ(Must(store().ForgetSignInFailuresBefore(At("2026-03-01T09:10:00Z"))), 1);
  EXPECT_EQ(Must(store().CountSignInFailure("k2", At("2026-03-01T09:12:00Z"))), 1);
  EXPECT_EQ(Must(store().CountSignInFailure("k1", At("2026-03-01T09:12:00Z"))), 4);

  Must(store().ClearSignInFailures("k1"));
  EXPECT_EQ(Must(store().SignInsBlockedUntil("k1")), std::nullopt);
  EXPECT_EQ(Must(store().CountSignInFailure("k1", At("2026-03-01T09:13:00Z"))), 1);
  Must(store().ClearSignInFailures("never-seen"));  // nothing to forget: still fine
}

// ---- Audit log ----

access::AuditEntry Audit(std::optional<TrustId> trust, std::optional<UserId> user,
                         std::string action, std::string entity, std::string entity_id) {
  access::AuditEntry a;
  a.at = At("2026-03-01T09:30:00Z");
  a.trust = trust;
  a.user = user;
  a.actor = "ada@oak.sch.uk";
  a.action = std::move(action);
  a.entity = std::move(entity);
  a.entity_id = std::move(entity_id);
  return a;
}

TEST_P(StoreContract, AuditAppendMany) {
  const TrustId trust = NewTrust();
  std::vector<access::AuditEntry> entries;
  for (int i = 0; i < 250; ++i) {
    access::AuditEntry entry = Audit(trust, std::nullopt, "import", "person", std::to_string(i));
    entry.after = R"({"n":)" + std::to_string(i) + "}";
    entries.push_back(std::move(entry));
  }
  Must(store().AppendMany(entries));
  Must(store().AppendMany({}));
  const auto listed = Must(store().ListAudit({.trust = trust, .page = kEveryRow}));
  ASSERT_EQ(listed.items.size(), entries.size());
  for (size_t i = 0; i < entries.size(); ++i) {  // newest first: in the order given
    const access::AuditEntry& got = listed.items[entries.size() - 1 - i];
    EXPECT_EQ(got.entity_id, entries[i].entity_id);
    EXPECT_EQ(got.after, entries[i].after);
    EXPECT_EQ(got.action, "import");
    EXPECT_EQ(got.at, entries[i].at);
  }
}

TEST_P(StoreContract, AnEntryCoveringManyRecordsIsFoundUnderEachOfThem) {
  const TrustId trust = NewTrust();
  access::AuditEntry created = Audit(trust, std::nullopt, "import", "person", "");
  created.after = R"({"created":4,"ids":[[10,12],[20,20]]})";
  Must(store().AppendCovering(created, std::vector<access::IdRun>{{10, 12}, {20, 20}}));
  Must(store().Append(Audit(trust, std::nullopt, "update", "person", "11")));
  Must(store().Append(Audit(trust, std::nullopt, "import", "school", "11")));
  auto about = [&](std::string entity, std::string id) {
    return Must(store().ListAudit({.trust = trust, .entity = entity, .entity_id = id})).total;
  };
  EXPECT_EQ(about("person", "11"), 2);  // its update and the import that created it
  EXPECT_EQ(about("person", "10"), 1);
  EXPECT_EQ(about("person", "12"), 1);
  EXPECT_EQ(about("person", "20"), 1);
  EXPECT_EQ(about("person", "13"), 0);
  EXPECT_EQ(about("person", "9"), 0);
  EXPECT_EQ(about("school", "11"), 1);  // runs cover records of the entry's own entity only
  EXPECT_EQ(about("person", "11x"), 0);
  const auto got = Must(store().ListAudit({.trust = trust, .entity_id = "20"}));
  ASSERT_EQ(got.items.size(), 1u);
  EXPECT_EQ(got.items[0].after, created.after);
  EXPECT_EQ(got.items[0].entity_id, "");

  // All or nothing: a run the wrong way round writes neither it nor the entry.
  EXPECT_FALSE(store().AppendCovering(created, std::vector<access::IdRun>{{30, 30}, {5, 4}}));
  EXPECT_EQ(about("person", "30"), 0);
  EXPECT_EQ(Must(store().ListAudit({.trust = trust})).total, 3);

  // Retention removes an entry with its runs.
  EXPECT_EQ(Must(store().RemoveAuditBefore(trust, At("2026-03-02T00:00:00Z"))), 3);
  EXPECT_EQ(about("person", "11"), 0);
  Must(store().AppendCovering(created, std::vector<access::IdRun>{{11, 11}}));
  EXPECT_EQ(about("person", "11"), 1);
}

TEST_P(StoreContract, AuditAppendAndFilter) {
  const TrustId trust = NewTrust();
  const TrustId other = NewTrust("Other");
  const UserId ada = NewUser(trust, "ada@oak.sch.uk");
  access::AuditEntry first = Audit(trust, ada, "create", "school", "1");
  first.after = R"({"name":"Oak"})";
  first.remote = "192.0.2.1";
  Must(store().Append(first));
  access::AuditEntry second = Audit(trust, ada, "update", "school", "1");
  second.before = R"({"name":"Oak"})";
  second.after = R"({"name":"Oak Primary"})";
  Must(store().Append(second));
  Must(store().Append(Audit(trust, std::nullopt, "import", "person", "7")));
  Must(store().Append(Audit(other, std::nullopt, "create", "school", "1")));
  Must(store().Append(Audit(std::nullopt, std::nullopt, "sign_in", "", "")));

  auto all = Must(store().ListAudit({}));
  EXPECT_EQ(all.total, 5);
  ASSERT_EQ(all.items.size(), 5u);
  EXPECT_EQ(all.items.front().action, "sign_in");  // newest first
  const access::AuditEntry& got = all.items.back();
  EXPECT_TRUE(got.id.valid());
  EXPECT_EQ(got.at, At("2026-03-01T09:30:00Z"));
  EXPECT_EQ(got.trust, trust);
  EXPECT_EQ(got.user, ada);
  EXPECT_EQ(got.actor, "ada@oak.sch.uk");
  EXPECT_EQ(got.action, "create");
  EXPECT_EQ(got.entity, "school");
  EXPECT_EQ(got.entity_id, "1");
  EXPECT_EQ(got.before, "");
  EXPECT_EQ(got.after, R"({"name":"Oak"})");
  EXPECT_EQ(got.remote, "192.0.2.1");

  EXPECT_EQ(Must(store().ListAudit({.trust = trust})).total, 3);
  EXPECT_EQ(Must(store().ListAudit({.user = ada})).total, 2);
  EXPECT_EQ(Must(store().ListAudit({.entity = "school"})).total, 3);
  EXPECT_EQ(Must(store().ListAudit({.trust = trust, .entity = "school", .entity_id = "1"})).total,
            2);
  EXPECT_EQ(Must(store().ListAudit({.action = "update"})).items.at(0).before, R"({"name":"Oak"})");
  auto page = Must(store().ListAudit({.page = {.limit = 2, .offset = 1}}));
  EXPECT_EQ(page.total, 5);
  ASSERT_EQ(page.items.size(), 2u);
  EXPECT_EQ(page.items[0].action, "create");
  EXPECT_EQ(page.items[0].trust, other);
}

// ---- Transactions, concurrency, durability ----

TEST_P(StoreContract, TransactCommitsAllWork) {
  const TrustId trust = NewTrust();
  SchoolId seen;
  ASSERT_TRUE(store().Transact([&](Store& tx) -> Result<void> {
    const SchoolId oak = TRY(tx.Insert(SchoolBuilder(trust, 100001, "Oak").Build())).id;
    // Work sees its own writes.
    seen = TRY(tx.GetSchool(trust, oak)).id;
    TRY(tx.Insert(SchoolBuilder(trust, 100002, "Ash").Build()));
    return Ok();
  }));
  EXPECT_TRUE(seen.valid());
  EXPECT_EQ(Must(store().ListSchools({.trust = trust})).total, 2);
}

TEST_P(StoreContract, TransactRollsBackWhenWorkFails) {
  const TrustId trust = NewTrust();
  auto result = store().Transact([&](Store& tx) -> Result<void> {
    TRY(tx.Insert(SchoolBuilder(trust, 100001, "Oak").Build()));
    TRY(tx.Append(Audit(trust, std::nullopt, "create", "school", "1")));
    return Fail(ErrorCode::kValidationFailed, "changed my mind");
  });
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::kValidationFailed);
  EXPECT_EQ(result.error().message, "changed my mind");
  EXPECT_EQ(Must(store().ListSchools({.trust = trust})).total, 0);
  EXPECT_EQ(Must(store().ListAudit({})).total, 0);

  // A failing store call inside the work undoes the earlier writes too.
  NewSchool(SchoolBuilder(trust, 100009, "Existing"));
  auto clash = store().Transact([&](Store& tx) -> Result<void> {
    TRY(tx.Insert(SchoolBuilder(trust, 100001, "Oak").Build()));
    TRY(tx.Insert(SchoolBuilder(trust, 100009, "Duplicate").Build()));
    return Ok();
  });
  EXPECT_THAT(clash, FailsOnField(ErrorCode::kConflict, "urn"));
  EXPECT_EQ(Must(store().ListSchools({.trust = trust})).total, 1);
  // And the store is usable afterwards.
  NewSchool(SchoolBuilder(trust, 100001, "Oak"));
}

TEST_P(StoreContract, TransactRollsBackWhenWorkThrows) {
  const TrustId trust = NewTrust();
  auto result = store().Transact([&](Store& tx) -> Result<void> {
    TRY(tx.Insert(SchoolBuilder(trust, 100001, "Oak").Build()));
    throw std::runtime_error("boom");
  });
  EXPECT_THAT(result, FailsWith(ErrorCode::kInternal));
  EXPECT_EQ(Must(store().ListSchools({.trust = trust})).total, 0);
}

TEST_P(StoreContract, NestedTransactFailureUndoesOnlyTheInnerWork) {
  const TrustId trust = NewTrust();
  ASSERT_TRUE(store().Transact([&](Store& tx) -> Result<void> {
    TRY(tx.Insert(SchoolBuilder(trust, 100001, "Oak").Build()));
    auto inner = tx.Transact([&](Store& inner_tx) -> Result<void> {
      TRY(inner_tx.Insert(SchoolBuilder(trust, 100002, "Ash").Build()));
      return Fail(ErrorCode::kConflict, "inner fails");
    });
    EXPECT_FALSE(inner);
    TRY(tx.Transact([&](Store& inner_tx) -> Result<void> {
      TRY(inner_tx.Insert(SchoolBuilder(trust, 100003, "Elm").Build()));
      return Ok();
    }));
    return Ok();
  }));
  EXPECT_THAT(Names(Must(store().ListSchools({.trust = trust}))), ElementsAre("Elm", "Oak"));
}

// ---- The data version ----

TEST_P(StoreContract, EveryChangeOfDataAdvancesTheDataVersionAndNothingElseDoes) {
  const int64_t start = Must(store().DataVersion());
  const TrustId trust = NewTrust();
  const int64_t after_trust = Must(store().DataVersion());
  EXPECT_GT(after_trust, start);

  // Records of reads, sessions begun and touched, and failed sign-ins are not trust data.
  const UserId ada = NewUser(trust, "ada@oak.sch.uk");
  const int64_t after_user = Must(store().DataVersion());
  EXPECT_GT(after_user, after_trust);
  Must(store().Append(Audit(trust, ada, "read", "ratings", "cycle 1 grid")));
  Must(store().AppendMany(std::vector<access::AuditEntry>(3, Audit(trust, ada, "read", "x", "1"))));
  Must(store().Insert(MakeSession("h1", ada, "2026-03-01T21:00:00Z")));
  Must(store().Insert(MakeSession("h2", ada, "2026-03-01T21:00:00Z")));
  Must(store().TouchSession("h1", At("2026-03-01T10:15:00Z")));
  Must(store().CountSignInFailure("k1", At("2026-03-01T09:00:00Z")));
  EXPECT_EQ(Must(store().DataVersion()), after_user);
  // A session's end is: servers keep signed-in users against the version.
  Must(store().DeleteSession("h1"));
  const int64_t after_sign_out = Must(store().DataVersion());
  EXPECT_GT(after_sign_out, after_user);
  Must(store().DeleteSessionsOf(ada));
  EXPECT_GT(Must(store().DataVersion()), after_sign_out);

  // A transaction's writes advance it when it commits; a rolled-back one leaves it.
  ASSERT_TRUE(store().Transact([&](Store& tx) -> Result<void> {
    TRY(tx.Insert(SchoolBuilder(trust, 100001, "Oak").Build()));
    TRY(tx.Insert(SchoolBuilder(trust, 100002, "Ash").Build()));
    return Ok();
  }));
  const int64_t after_schools = Must(store().DataVersion());
  EXPECT_GT(after_schools, after_sign_out);
  EXPECT_FALSE(store().Transact([&](Store& tx) -> Result<void> {
    TRY(tx.Insert(SchoolBuilder(trust, 100003, "Elm").Build()));
    return Fail(ErrorCode::kConflict, "changed my mind");
  }));
  EXPECT_FALSE(store().Insert(SchoolBuilder(trust, 100001, "Oak again").Build()));  // refused
  EXPECT_EQ(Must(store().DataVersion()), after_schools);

  // Many at once (an import's) and a change: each advances it.
  Must(store().InsertMany(std::vector<org::Person>{PersonBuilder(trust, "P1").Build(),
                                                   PersonBuilder(trust, "P2").Build()}));
  const int64_t after_people = Must(store().DataVersion());
  EXPECT_GT(after_people, after_schools);
  org::Trust renamed = Must(store().GetTrust(trust));
  renamed.name = "Oak and Ash Trust";
  Must(store().Update(renamed));
  EXPECT_GT(Must(store().DataVersion()), after_people);
}

TEST_P(StoreContract, TheDataVersionSeesWritesThroughAnotherConnection) {
  // Another server on the same database, or the command line beside a server.
  auto other = Must(database_->Open(), "open a second store");
  const int64_t before = Must(store().DataVersion());
  EXPECT_EQ(Must(other->DataVersion()), before);
  org::Trust t;
  t.name = "Elm Trust";
  t.created_at = At("2025-09-01T08:00:00Z");
  Must(other->Insert(t));
  EXPECT_GT(Must(store().DataVersion()), before);
}

TEST_P(StoreContract, AuditEntriesAppendedAtOnceByManyThreadsAreEachCommitted) {
  // Appends outside a transaction are committed in groups (group_commit.h): every one must
  // land, once, whatever group it went in.
  const TrustId trust = NewTrust();
  constexpr int kThreads = 8;
  constexpr int kEach = 40;
  std::atomic<int> failures = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        const std::string id = std::to_string(t) + "-" + std::to_string(i);
        if (!store().Append(Audit(trust, std::nullopt, "read", "ratings", id))) ++failures;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  const auto listed = Must(store().ListAudit({.trust = trust, .page = {.limit = 500}}));
  EXPECT_EQ(listed.total, kThreads * kEach);
  std::set<std::string> ids;
  for (const auto& entry : listed.items) ids.insert(entry.entity_id);
  EXPECT_EQ(ids.size(), static_cast<size_t>(kThreads * kEach));
}

TEST_P(StoreContract, RecordsOfReadsKeptInAJournalReachTheAuditLogOnceEach) {
  // A server writes the record of each read to its journal and moves it into the audit log
  // in the background (read_journal.h): a search sees them all, once each, and moving them
  // changes no data.
  const TrustId trust = NewTrust();
  TempDir journals;
  Must(store().KeepReadRecordsIn((journals.path() / "reads").string()));
  const int64_t version = Must(store().DataVersion());
  std::vector<std::thread> threads;
  std::atomic<int> failures = 0;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i)
        if (!store().Append(Audit(trust, std::nullopt, "read", "ratings",
                                  std::to_string(t) + "-" + std::to_string(i))))
          ++failures;
    });
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  // A change's own entry is written in its transaction, not journalled.
  Must(store().Transact([&](Store& tx) -> Result<void> {
    return tx.Append(Audit(trust, std::nullopt, "create", "school", "1"));
  }));
  const auto reads = Must(store().ListAudit({.trust = trust, .action = "read", .page = {.limit = 500}}));
  EXPECT_EQ(reads.total, 200);
  std::set<std::string> ids;
  for (const auto& entry : reads.items) ids.insert(entry.entity_id);
  EXPECT_EQ(ids.size(), 200u);
  EXPECT_EQ(Must(store().ListAudit({.trust = trust, .action = "create"})).total, 1);
  EXPECT_EQ(Must(store().DataVersion()), version) << "audit entries are no change of data";

  // Closed and opened again (its journal moved and removed on closing): nothing twice.
  Must(store().Append(Audit(trust, std::nullopt, "read", "ratings", "last")));
  Reopen();
  EXPECT_EQ(Must(store().ListAudit({.trust = trust, .action = "read"})).total, 201);
  EXPECT_TRUE(std::filesystem::is_empty(journals.path() / "reads"));
}

TEST_P(StoreContract, ConcurrentWritersAllLand) {
  const TrustId trust = NewTrust();
  constexpr int kThreads = 4;
  constexpr int kEach = 25;
  std::atomic<int> failures = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        const std::string ref = "T" + std::to_string(t) + "-" + std::to_string(i);
        Result<void> done;
        if (i % 2 == 0) {
          done = store().Insert(PersonBuilder(trust, ref).Build()).map([](auto&&) {});
        } else {
          done = store().Transact([&](Store& tx) -> Result<void> {
            TRY(tx.Insert(PersonBuilder(trust, ref).Build()));
            return tx.Append(Audit(trust, std::nullopt, "create", "person", ref));
          });
        }
        if (!done) ++failures;
        // Readers run alongside the writers.
        if (!store().ListPeople({.trust = trust, .today = D("2026-01-01")})) ++failures;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(Must(store().ListPeople({.trust = trust, .today = D("2026-01-01")})).total,
            kThreads * kEach);
  EXPECT_EQ(Must(store().ListAudit({})).total, kThreads * (kEach / 2));
}

TEST_P(StoreContract, DataSurvivesCloseAndReopen) {
  const TrustId trust = NewTrust("Oak Learning Trust", "TR1");
  const SchoolId oak = NewSchool(SchoolBuilder(trust, 100001, "Oak"));
  const UserId ada = NewUser(trust, "ada@oak.sch.uk");
  Must(store().Append(Audit(trust, ada, "create", "school", "1")));
  const int version = Must(store().SchemaVersion());

  Reopen();
  EXPECT_EQ(Must(store().SchemaVersion()), version);
  EXPECT_EQ(Must(store().GetTrust(trust)).reference, "TR1");
  EXPECT_EQ(Must(store().GetSchool(trust, oak)).name, "Oak");
  EXPECT_EQ(Must(store().GetUser(ada)).email, "ada@oak.sch.uk");
  EXPECT_EQ(Must(store().ListAudit({})).total, 1);
}

// ---- Competencies, role profiles, assessments ----

talent::Assessment Assessed(TrustId trust, PersonId person, CompetencyId c, int level, const char* on) {
  return talent::Assessment{.id = {}, .trust = trust, .person = person, .competency = c,
                            .level = level, .assessor = std::nullopt, .assessor_name = "Panel",
                            .assessed_on = D(on), .evidence = "seen"};
}

TEST_P(StoreContract, FrameworksShippedAreVisibleToEveryTrustOwnOnlyToTheirs) {
  const TrustId oak = NewTrust("Oak", "TR1");
  const TrustId elm = NewTrust("Elm", "TR2");
  const auto shipped = NewFramework(store(), std::nullopt, "ship");
  const auto own = NewFramework(store(), oak, "oak");
  auto oak_sees = Must(store().ListFrameworks(oak));
  ASSERT_EQ(oak_sees.size(), 2u);
  EXPECT_EQ(oak_sees[0].id, shipped.framework.id);  // shipped first
  EXPECT_FALSE(oak_sees[0].trust.has_value());
  EXPECT_EQ(oak_sees[1].trust, oak);
  EXPECT_EQ(oak_sees[1].level_labels, talent::DefaultLevelLabels());
  EXPECT_EQ(Must(store().ListFrameworks(elm)).size(), 1u);

  auto content = Must(store().GetFrameworkContent(elm, shipped.framework.id));
  ASSERT_EQ(content.areas.size(), 2u);
  EXPECT_EQ(content.areas[0].position, 1);  // in position order
  ASSERT_EQ(content.competencies.size(), 3u);
  EXPECT_EQ(content.competencies[0].area, content.areas[0].id);
  EXPECT_EQ(store().GetFrameworkContent(elm, own.framework.id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store().GetCompetency(elm, own.competencies[0].id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(Must(store().GetCompetency(oak, own.competencies[0].id)).code, own.competencies[0].code);

  EXPECT_TRUE(Must(store().FindFramework(std::nullopt, "ship", "1")).has_value());
  EXPECT_FALSE(Must(store().FindFramework(elm, "ship", "1")).has_value());
  auto again = store().Insert(talent::Framework{.id = {}, .trust = std::nullopt, .code = "ship", .name = "x", .version = "1"});
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  // The same code may be used by a trust for its own framework.
  EXPECT_TRUE(store().Insert(talent::Framework{.id = {}, .trust = elm, .code = "ship", .name = "x", .version = "1"}));
  auto twice = store().Insert(talent::Competency{.id = {}, .framework = own.framework.id, .area = own.areas[0].id, .code = own.competencies[0].code, .name = "dup", .description = "", .position = 9});
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, ErrorCode::kConflict);
}

TEST_P(StoreContract, RoleProfilesRoundTripWithRequirementsOnePerPostAndStage) {
  const TrustId trust = NewTrust();
  const auto f = NewFramework(store(), std::nullopt, "ship");
  const PostId head = NewPost(PostBuilder(trust, "H1").Title("Headteacher").Key());
  talent::RoleProfile p{.id = {}, .trust = trust, .post = head, .stage = std::nullopt, .name = "Head",
                        .requirements = {{f.competencies[2].id, 3, 2.0}, {f.competencies[0].id, 2, 1.0}}};
  const auto stored = Must(store().Insert(p));
  EXPECT_EQ(stored.post, head);
  ASSERT_EQ(stored.requirements.size(), 2u);
  EXPECT_EQ(stored.requirements[0].competency, f.competencies[2].id);  // order kept
  EXPECT_EQ(stored.requirements[0].weight, 2.0);
  auto dup = store().Insert(p);
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code, ErrorCode::kConflict);

  talent::RoleProfile stage{.id = {}, .trust = trust, .post = std::nullopt, .stage = CareerStage::kNewHeadteacher,
                            .name = "", .requirements = {{f.competencies[1].id, 4, 1.0}}};
  const auto by_stage = Must(store().Insert(stage));
  EXPECT_EQ(store().Insert(stage).error().code, ErrorCode::kConflict);

  auto changed = stored;
  changed.requirements = {{f.competencies[1].id, 1, 0.5}};
  Must(store().Update(changed));
  auto got = Must(store().GetRoleProfile(trust, stored.id));
  ASSERT_EQ(got.requirements.size(), 1u);
  EXPECT_EQ(got.requirements[0].level, 1);

  EXPECT_EQ(Must(store().ListRoleProfiles({.trust = trust})).total, 2);
  auto of_post = Must(store().ListRoleProfiles({.trust = trust, .post = head}));
  ASSERT_EQ(of_post.total, 1);
  EXPECT_EQ(of_post.items[0].requirements.size(), 1u);
  auto of_stage = Must(store().ListRoleProfiles({.trust = trust, .stage = CareerStage::kNewHeadteacher}));
  ASSERT_EQ(of_stage.total, 1);
  EXPECT_EQ(of_stage.items[0].id, by_stage.id);
  const TrustId other = NewTrust("Other", "TR9");
  EXPECT_EQ(store().GetRoleProfile(other, stored.id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(Must(store().ListRoleProfiles({.trust = other})).total, 0);
}

TEST_P(StoreContract, AssessmentsLatestCountsByDateThenId) {
  const TrustId trust = NewTrust();
  const auto f = NewFramework(store(), std::nullopt, "ship");
  const PersonId ada = NewPerson(PersonBuilder(trust, "P1"));
  const PersonId bob = NewPerson(PersonBuilder(trust, "P2"));
  const CompetencyId c1 = f.competencies[0].id, c2 = f.competencies[1].id;
  Must(store().Insert(Assessed(trust, ada, c1, 1, "2024-01-10")));
  const auto tie_first = Must(store().Insert(Assessed(trust, ada, c1, 2, "2025-02-01")));
  const auto tie_second = Must(store().Insert(Assessed(trust, ada, c1, 3, "2025-02-01")));  // same day, later id
  Must(store().Insert(Assessed(trust, ada, c2, 4, "2023-06-01")));
  const auto bob_latest = Must(store().Insert(Assessed(trust, bob, c1, 2, "2025-03-01")));
  Must(store().Insert(Assessed(trust, bob, c1, 4, "2022-03-01")));  // entered later, dated earlier
  EXPECT_GT(tie_second.id, tie_first.id);

  auto all = Must(store().ListAssessments({.trust = trust}));
  EXPECT_EQ(all.total, 6);
  EXPECT_EQ(all.items[0].id, bob_latest.id);  // newest first
  auto latest = Must(store().ListAssessments({.trust = trust, .latest_only = true}));
  EXPECT_EQ(latest.total, 3);
  auto ada_c1 = Must(store().ListAssessments({.trust = trust, .person = ada, .competency = c1, .latest_only = true}));
  ASSERT_EQ(ada_c1.total, 1);
  EXPECT_EQ(ada_c1.items[0].id, tie_second.id);
  EXPECT_EQ(Must(store().ListAssessments({.trust = trust, .only = std::vector<PersonId>{bob}})).total, 2);

  auto levels = Must(store().LatestLevels(trust));
  ASSERT_EQ(levels.size(), 3u);
  EXPECT_EQ(levels[0], (talent::LatestLevel{ada, c1, 3, D("2025-02-01"), tie_second.id}));
  EXPECT_EQ(levels[1].competency, c2);
  EXPECT_EQ(levels[1].level, 4);
  EXPECT_EQ(levels[2].person, bob);
  EXPECT_EQ(levels[2].level, 2);

  // Many of one pair, entered out of date order: still the one latest by date, then id.
  AssessmentId many_latest;
  for (int i = 0; i < 40; ++i) {
    const auto made = Must(store().Insert(
        Assessed(trust, bob, c2, 1 + i % 4, i % 2 ? "2024-05-01" : "2024-04-01")));
    if (i % 2) many_latest = made.id;
  }
  auto bob_c2 = Must(store().ListAssessments({.trust = trust, .person = bob, .competency = c2,
                                               .latest_only = true}));
  ASSERT_EQ(bob_c2.total, 1);
  EXPECT_EQ(bob_c2.items[0].id, many_latest);
  EXPECT_EQ(Must(store().LatestLevels(trust)).size(), 4u);

  auto changed = tie_first;
  changed.level = 4;
  changed.evidence = "reviewed";
  Must(store().Update(changed));
  EXPECT_EQ(Must(store().GetAssessment(trust, tie_first.id)).level, 4);
  const TrustId other = NewTrust("Other", "TR9");
  EXPECT_EQ(store().GetAssessment(other, tie_first.id).error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(Must(store().LatestLevels(other)).empty());
  // A person of another trust cannot be assessed here.
  const PersonId stranger = NewPerson(PersonBuilder(other, "X1"));
  auto wrong = store().Insert(Assessed(trust, stranger, c1, 2, "2025-01-01"));
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().code, ErrorCode::kValidationFailed);
}

// ---- Talent review ----

talent::ReviewCycle Cycle(TrustId trust, int year, talent::CycleStatus status) {
  talent::ReviewCycle c;
  c.trust = trust;
  c.year = year;
  c.name = "Talent review " + std::to_string(year);
  c.status = status;
  c.opened_on = D((std::to_string(year) + "-09-15").c_str());
  if (status == talent::CycleStatus::kClosed) c.closed_on = D((std::to_string(year + 1) + "-07-01").c_str());
  return c;
}

talent::Rating Rated(TrustId trust, ReviewCycleId cycle, PersonId person, PersonId rater,
                     talent::Box box, std::optional<talent::Box> final_box = std::nullopt) {
  talent::Rating r;
  r.trust = trust;
  r.cycle = cycle;
  r.person = person;
  r.rater = rater;
  r.proposal = box;
  r.rationale = "Strong year";
  r.evidence = "Observations";
  r.proposed_at = At("2025-10-01T09:00:00Z");
  r.calibrated = final_box;
  r.final = final_box.has_value();
  return r;
}

TEST_P(StoreContract, ReviewCyclesRoundTripOnePerYearNewestFirst) {
  const TrustId trust = NewTrust();
  auto older = Cycle(trust, 2024, talent::CycleStatus::kClosed);
  older.people_see_own_box = true;
  older.box_names[8] = "Future leader";
  const auto stored = Must(store().Insert(older));
  EXPECT_TRUE(stored.id.valid());
  EXPECT_EQ(stored.year, 2024);
  EXPECT_EQ(stored.status, talent::CycleStatus::kClosed);
  EXPECT_EQ(stored.closed_on, D("2025-07-01"));
  EXPECT_TRUE(stored.people_see_own_box);
  EXPECT_EQ(stored.box_names, older.box_names);
  const auto newer = Must(store().Insert(Cycle(trust, 2025, talent::CycleStatus::kOpen)));
  EXPECT_FALSE(newer.closed_on);
  EXPECT_THAT(store().Insert(Cycle(trust, 2025, talent::CycleStatus::kOpen)),
              FailsOnField(ErrorCode::kConflict, "year"));

  auto listed = Must(store().ListReviewCycles(trust));
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0].id, newer.id);
  EXPECT_EQ(listed[1].id, stored.id);

  auto moved = newer;
  moved.status = talent::CycleStatus::kCalibrating;
  moved.name = "Renamed";
  Must(store().Update(moved));
  EXPECT_EQ(Must(store().GetReviewCycle(trust, newer.id)).status, talent::CycleStatus::kCalibrating);
  const TrustId other = NewTrust("Other", "TR9");
  EXPECT_THAT(store().GetReviewCycle(other, newer.id), FailsWith(ErrorCode::kNotFound));
  EXPECT_TRUE(Must(store().ListReviewCycles(other)).empty());
  Must(store().Insert(Cycle(other, 2025, talent::CycleStatus::kOpen)));  // years are per trust
}

TEST_P(StoreContract, RatingsOnePerPersonPerCycleWithinTheTrust) {
  const TrustId trust = NewTrust();
  const PersonId ada = NewPerson(PersonBuilder(trust, "P1"));
  const PersonId bob = NewPerson(PersonBuilder(trust, "P2"));
  const PersonId boss = NewPerson(PersonBuilder(trust, "P3"));
  const auto cycle = Must(store().Insert(Cycle(trust, 2025, talent::CycleStatus::kOpen))).id;
  const auto rating = Must(store().Insert(Rated(trust, cycle, bob, boss, {2, 3})));
  EXPECT_EQ(rating.proposal, (talent::Box{2, 3}));
  EXPECT_FALSE(rating.calibrated);
  EXPECT_FALSE(rating.final);
  EXPECT_EQ(rating.proposed_at, At("2025-10-01T09:00:00Z"));
  Must(store().Insert(Rated(trust, cycle, ada, boss, {1, 1})));
  EXPECT_THAT(store().Insert(Rated(trust, cycle, bob, boss, {3, 3})),
              FailsOnField(ErrorCode::kConflict, "person_id"));

  auto calibrated = rating;
  calibrated.calibrated = talent::Box{3, 3};
  calibrated.final = true;
  Must(store().Update(calibrated));
  const auto found = Must(store().FindRating(trust, cycle, bob));
  ASSERT_TRUE(found);
  EXPECT_EQ(found->calibrated, (talent::Box{3, 3}));
  EXPECT_TRUE(found->final);
  EXPECT_FALSE(Must(store().FindRating(trust, cycle, boss)));

  auto all = Must(store().ListRatings({.trust = trust, .cycle = cycle}));
  ASSERT_EQ(all.total, 2);
  EXPECT_EQ(all.items[0].person, ada);  // by person
  EXPECT_EQ(Must(store().ListRatings({.trust = trust, .person = bob})).total, 1);
  EXPECT_EQ(Must(store().ListRatings({.trust = trust, .rater = boss})).total, 2);
  EXPECT_EQ(Must(store().ListRatings({.trust = trust, .only = std::vector<PersonId>{ada}})).total, 1);

  // Out of range, and people or cycles of another trust, are refused.
  EXPECT_FALSE(store().Insert(Rated(trust, cycle, boss, ada, {4, 1})));
  const TrustId other = NewTrust("Other", "TR9");
  const PersonId stranger = NewPerson(PersonBuilder(other, "X1"));
  EXPECT_THAT(store().Insert(Rated(trust, cycle, stranger, boss, {2, 2})),
              FailsOnField(ErrorCode::kValidationFailed, "person_id"));
  EXPECT_THAT(store().Insert(Rated(other, cycle, stranger, stranger, {2, 2})),
              FailsOnField(ErrorCode::kValidationFailed, "cycle_id"));
  EXPECT_THAT(store().GetRating(other, rating.id), FailsWith(ErrorCode::kNotFound));
}

TEST_P(StoreContract, MeetingsAndAppendOnlyAdjustments) {
  const TrustId trust = NewTrust();
  const SchoolId school = NewSchool(SchoolBuilder(trust, 100001, "North"));
  const PersonId ada = NewPerson(PersonBuilder(trust, "P1"));
  const PersonId boss = NewPerson(PersonBuilder(trust, "P2"));
  const auto cycle = Must(store().Insert(Cycle(trust, 2025, talent::CycleStatus::kCalibrating))).id;
  const auto rating = Must(store().Insert(Rated(trust, cycle, ada, boss, {2, 2})));
  const auto board = Must(store().Insert(talent::CalibrationMeeting{
      .trust = trust, .cycle = cycle, .level = talent::MeetingLevel::kTrust, .held_on = D("2025-12-10")}));
  const auto north = Must(store().Insert(talent::CalibrationMeeting{
      .trust = trust, .cycle = cycle, .level = talent::MeetingLevel::kSchool, .school = school,
      .held_on = D("2025-12-01"), .attendees = "Head\nDeputy"}));
  EXPECT_EQ(north.attendees, "Head\nDeputy");
  auto meetings = Must(store().ListCalibrationMeetings(trust, cycle));
  ASSERT_EQ(meetings.size(), 2u);
  EXPECT_EQ(meetings[0].id, north.id);  // by date
  EXPECT_EQ(meetings[0].school, school);
  EXPECT_EQ(meetings[1].level, talent::MeetingLevel::kTrust);
  EXPECT_FALSE(store().Insert(talent::CalibrationMeeting{
      .trust = trust, .cycle = cycle, .level = talent::MeetingLevel::kSchool, .held_on = D("2025-12-01")}));

  talent::RatingAdjustment a{.trust = trust, .meeting = north.id, .rating = rating.id, .before = {2, 2},
                             .after = {3, 2}, .reason = "Outcomes", .by_user = std::nullopt,
                             .by = "ann@oak.example", .at = At("2025-12-01T15:00:00Z")};
  const auto first = Must(store().Insert(a));
  a.meeting = board.id;
  a.before = {3, 2};
  a.after = {3, 3};
  a.reason = "Trust moderation";
  const auto second = Must(store().Insert(a));
  auto history = Must(store().ListRatingAdjustments({.trust = trust, .rating = rating.id}));
  ASSERT_EQ(history.total, 2);
  EXPECT_EQ(history.items[0].id, first.id);
  EXPECT_EQ(history.items[0].before, (talent::Box{2, 2}));
  EXPECT_EQ(history.items[0].after, (talent::Box{3, 2}));
  EXPECT_EQ(history.items[0].by, "ann@oak.example");
  EXPECT_EQ(history.items[1].id, second.id);
  EXPECT_EQ(Must(store().ListRatingAdjustments({.trust = trust, .meeting = board.id})).total, 1);
  EXPECT_EQ(Must(store().ListRatingAdjustments({.trust = trust, .cycle = cycle})).total, 2);
  a.reason = " ";
  EXPECT_FALSE(store().Insert(a));  // a reason is required
  const TrustId other = NewTrust("Other", "TR9");
  EXPECT_THAT(store().GetCalibrationMeeting(other, north.id), FailsWith(ErrorCode::kNotFound));
  EXPECT_EQ(Must(store().ListRatingAdjustments({.trust = other})).total, 0);
}

TEST_P(StoreContract, LatestCalibratedRatingIsTheFinalOneOfTheMostRecentClosedCycle) {
  const TrustId trust = NewTrust();
  const PersonId ada = NewPerson(PersonBuilder(trust, "P1"));
  const PersonId bob = NewPerson(PersonBuilder(trust, "P2"));
  const PersonId cy = NewPerson(PersonBuilder(trust, "P3"));
  const PersonId boss = NewPerson(PersonBuilder(trust, "P4"));
  // Inserted newest first, so ids do not follow years.
  const auto open = Must(store().Insert(Cycle(trust, 2025, talent::CycleStatus::kOpen))).id;
  const auto last_year = Must(store().Insert(Cycle(trust, 2024, talent::CycleStatus::kClosed))).id;
  const auto earlier = Must(store().Insert(Cycle(trust, 2022, talent::CycleStatus::kClosed))).id;
  Must(store().Insert(Rated(trust, earlier, ada, boss, {1, 1}, talent::Box{1, 2})));
  Must(store().Insert(Rated(trust, last_year, ada, boss, {2, 2}, talent::Box{3, 2})));
  Must(store().Insert(Rated(trust, open, ada, boss, {3, 3})));  // not calibrated yet
  Must(store().Insert(Rated(trust, earlier, bob, boss, {2, 3}, talent::Box{2, 3})));
  Must(store().Insert(Rated(trust, open, cy, boss, {3, 3})));  // only in the open cycle

  const auto latest = Must(store().LatestCalibratedRatings(trust));
  ASSERT_EQ(latest.size(), 2u);
  EXPECT_EQ(latest[0], (talent::LatestCalibratedRating{ada, 3, 2, 2024, last_year}));
  EXPECT_EQ(latest[1], (talent::LatestCalibratedRating{bob, 2, 3, 2022, earlier}));
  EXPECT_TRUE(Must(store().LatestCalibratedRatings(NewTrust("Other", "TR9"))).empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreContract, ::testing::ValuesIn(Backends()), BackendName);
INSTANTIATE_TEST_SUITE_P(Backends, PeopleAndPosts, ::testing::ValuesIn(Backends()), BackendName);

}  // namespace
}  // namespace trellis::store
