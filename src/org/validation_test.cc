#include "org/validation.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace trellis::org {
namespace {

using ::testing::AllOf;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;
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

auto ControlProblem(std::string field, std::string shown) {
  return AllOf(Field(&Problem::field, std::move(field)),
               Field(&Problem::reason, HasSubstr("must not contain control characters")),
               Field(&Problem::value, std::move(shown)));
}

TEST(Validation, ControlCharactersAreFoundAndShownEscaped) {
  EXPECT_FALSE(HasControlCharacters("Zoë Brontë-O'Brien, \"Jo\" (Year 6)"));
  for (std::string_view bad :
       {std::string_view("R1\0x", 4), std::string_view("a\nb"), std::string_view("a\tb"),
        std::string_view("a\rb"), std::string_view("a\x1f"), std::string_view("a\x7f")})
    EXPECT_TRUE(HasControlCharacters(bad)) << ShowControlCharacters(bad);
  EXPECT_EQ(ShowControlCharacters(std::string_view("R1\0x", 4)), "R1\\u0000x");
  EXPECT_EQ(ShowControlCharacters("Ada\r\nLovelace\t\x1b\x7f"),
            "Ada\\r\\nLovelace\\t\\u001b\\u007f");
  EXPECT_EQ(ShowControlCharacters("Zoë"), "Zoë");
}

TEST(Validation, RefusesControlCharactersInEveryTextFieldOfEveryRecord) {
  const std::string nul("R1\0x", 4);
  const std::string shown_nul = "R1\\u0000x";

  Trust trust{.name = "Oak\nTrust", .reference = nul};
  EXPECT_THAT(Check(trust), ElementsAre(ControlProblem("name", "Oak\\nTrust"),
                                        ControlProblem("reference", shown_nul)));

  School school = GoodSchool();
  school.name = "Oakfield\nPrimary";
  school.phase = "Primary\t";
  school.type = "\x7f";
  school.status = "Open\r";
  school.local_authority = "Leeds\x01";
  school.region = "North\x1f";
  school.postcode = "LS1\n4AP";
  EXPECT_THAT(Check(school),
              ElementsAre(ControlProblem("name", "Oakfield\\nPrimary"),
                          ControlProblem("phase", "Primary\\t"), ControlProblem("type", "\\u007f"),
                          ControlProblem("status", "Open\\r"),
                          ControlProblem("local_authority", "Leeds\\u0001"),
                          ControlProblem("region", "North\\u001f"),
                          ControlProblem("postcode", "LS1\\n4AP")));

  Body body{.kind = BodyKind::kBoard, .name = "Board\nof Directors"};
  EXPECT_THAT(Check(body), ElementsAre(ControlProblem("name", "Board\\nof Directors")));

  Person person{.reference = nul,
                .given_name = "Ada\nMary",
                .family_name = "Love\tlace",
                .email = "ada@oak.example\r\n"};
  EXPECT_THAT(Check(person), ElementsAre(ControlProblem("reference", shown_nul),
                                         ControlProblem("given_name", "Ada\\nMary"),
                                         ControlProblem("family_name", "Love\\tlace"),
                                         ControlProblem("email", "ada@oak.example\\r\\n")));

  Post post{.reference = nul,
            .title = "Head\nteacher",
            .family = RoleFamily::kLeadership,
            .workforce_census_role = "Headteacher\n"};
  EXPECT_THAT(Check(post), ElementsAre(ControlProblem("reference", shown_nul),
                                       ControlProblem("title", "Head\\nteacher"),
                                       ControlProblem("workforce_census_role", "Headteacher\\n")));
}

TEST(Validation, ControlCharactersAreOneProblemPerField) {
  // Not also "is not an email address", nor "must be at most 200 characters".
  Person person{.reference = "S001",
                .given_name = std::string(300, 'a') + "\n",
                .family_name = "Lovelace",
                .email = "ada\x7f"};
  EXPECT_THAT(Check(person), ElementsAre(Field(&Problem::field, "given_name"),
                                         ControlProblem("email", "ada\\u007f")));
}

TEST(Validation, AcceptsTextWithoutControlCharacters) {
  Person person{.reference = "S-001/A",
                .given_name = "Zoë",
                .family_name = "O'Brien \"Jo\"",
                .email = "zoe@oak.example"};
  EXPECT_THAT(Check(person), IsEmpty());
}

}  // namespace
}  // namespace trellis::org
