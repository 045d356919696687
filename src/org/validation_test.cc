#include "org/validation.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace trellis::org {
namespace {

using ::testing::Contains;
using ::testing::Field;
using ::testing::IsEmpty;

School GoodSchool() {
  School s;
  s.urn = 137000;
  s.name = "Oakfield Primary Academy";
  s.postcode = "LS1 4AP";
  return s;
}

TEST(Validation, AcceptsAGoodSchool) { EXPECT_THAT(Check(GoodSchool()), IsEmpty()); }

TEST(Validation, NamesEveryBadSchoolField) {
  School s = GoodSchool();
  s.urn = 12;
  s.name = "  ";
  s.postcode = "not a postcode";
  s.pupils = -1;
  auto problems = Check(s);
  EXPECT_EQ(problems.size(), 4u);
  EXPECT_THAT(problems, Contains(Field(&Problem::field, "urn")));
  EXPECT_THAT(problems, Contains(Field(&Problem::field, "postcode")));
}

TEST(Validation, Postcodes) {
  for (auto ok : {"SW1A 1AA", "M1 1AE", "B33 8TH", "CR2 6XH", "DN551PT", "ec1a 1bb"})
    EXPECT_TRUE(LooksLikePostcode(ok)) << ok;
  for (auto bad : {"", "12345", "SW1A", "SW1A 1A1", "SW1A-1AA"})
    EXPECT_FALSE(LooksLikePostcode(bad)) << bad;
}

TEST(Validation, GovernancePostsTakeGovernanceStages) {
  Post post;
  post.reference = "CHAIR";
  post.title = "Chair of the Board";
  post.family = RoleFamily::kGovernance;
  post.stage = CareerStage::kBoardMember;
  EXPECT_THAT(Check(post), IsEmpty());
  post.stage = CareerStage::kTeacher;
  EXPECT_THAT(Check(post), Contains(Field(&Problem::field, "stage")));
}

TEST(Validation, CensusRolesMatchIgnoringCase) {
  EXPECT_EQ(CanonicalWorkforceCensusRole("headteacher"), "Headteacher");
  EXPECT_EQ(CanonicalWorkforceCensusRole("Head of Stuff"), "");
}

TEST(Validation, LineManagersCannotManageThemselves) {
  LineLink link;
  link.manager = PersonId(3);
  link.report = PersonId(3);
  EXPECT_THAT(Check(link), Contains(Field(&Problem::field, "manager_id")));
}

}  // namespace
}  // namespace trellis::org
