// UK GDPR over HTTP, on SQLite and PostgreSQL (tests/CMakeLists.txt runs the suite twice): a
// trust admin downloads a person's subject-access archive (audited as a read); erases a
// teacher who has left (after typing their reference), after which nothing finds them by
// name or email (people search, audit search), their sign-in is ended and refused, and the
// trust's figures (the pipeline, its trend, the 9-box grids) are what they were; sets and
// runs the retention rules. Each test has an instance of its own, since erasure changes
// the demo for good.

#include <gtest/gtest.h>

#include "http/fixture.h"
#include "org/json.h"
#include "privacy/archive.h"

namespace trellis::testing {
namespace {

using nlohmann::json;
using namespace demo_sign_in;

class Privacy : public ::testing::Test {
 protected:
  Instance instance;
  const std::string trust = DemoTrustPath(instance);

  // The teacher the demo's staff sign-in is, made to leave yesterday (posts and seats ended),
  // as the trust records a leaver.
  org::Person TeacherWhoLeft(const Browser& teacher) {
    auto& store = instance.app().store();
    const Date today = instance.app().clock().Today();
    const Date yesterday(today.days() - std::chrono::days(1));
    auto person = store.GetPerson(instance.demo_trust(), PersonId(PersonOf(teacher)));
    EXPECT_TRUE(person);
    auto holdings = store.ListHoldings({.trust = instance.demo_trust(), .person = person->id,
                                        .current_on = today});
    EXPECT_TRUE(holdings);
    for (auto h : holdings->items) {
      h.end = yesterday;
      EXPECT_TRUE(store.Update(h));
    }
    auto memberships = store.ListMemberships({.trust = instance.demo_trust(), .person = person->id,
                                              .current_on = today});
    EXPECT_TRUE(memberships);
    for (auto m : memberships->items) {
      m.term_end = yesterday;
      EXPECT_TRUE(store.Update(m));
    }
    EXPECT_TRUE(instance.app().org().Update(
        instance.demo_trust(), person->id,
        [&](org::Person& p) -> Result<void> {
          p.left_trust = yesterday;
          return Ok();
        },
        {.user = {}, .name = "test", .remote = {}}));
    return *person;
  }

  // The trust's figures that must not move when someone is erased: every number and flag of
  // the pipeline, its trend and each cycle's 9-box grid (names, which erasure changes, left
  // out).
  static json NumbersOf(const json& value) {
    if (value.is_string()) return nullptr;
    if (value.is_array() || value.is_object()) {
      json out = value;
      for (auto& item : out) item = NumbersOf(item);
      return out;
    }
    return value;
  }
  json Figures(const Browser& admin) {
    json grids = json::array();
    const Reply cycles = instance.Send("GET", trust + "/review-cycles", &admin);
    for (const auto& cycle : cycles.json.at("items"))
      grids.push_back(
          instance.Send("GET", trust + "/review-cycles/" + Str(cycle["id"]) + "/grid", &admin).json);
    return NumbersOf({{"pipeline", instance.Send("GET", trust + "/pipeline", &admin).json},
                      {"trend", instance.Send("GET", trust + "/pipeline/trend", &admin).json},
                      {"grids", grids}});
  }
};

TEST_F(Privacy, ATrustAdminDownloadsEverythingHeldAboutAPersonAndTheReadIsOnTheRecord) {
  const Browser admin = instance.SignIn(kTrustAdmin);
  const Browser teacher = instance.SignIn(kStaff);
  const std::string person = Str(PersonOf(teacher));
  const Reply reply = instance.Send("GET", trust + "/people/" + person + "/subject-access-export", &admin);
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_NE(reply.Header("Content-Disposition").find("attachment; filename=\"subject-access-"),
            std::string::npos);
  auto files = privacy::ReadArchive(reply.body);
  ASSERT_TRUE(files) << files.error().message;
  std::optional<json> record;
  for (const auto& file : *files)
    if (file.name == "person.json") record = json::parse(file.bytes);
  ASSERT_TRUE(record);
  EXPECT_EQ(Str((*record)["person"]["id"]), person);
  ASSERT_EQ((*record)["user_accounts"].size(), 1u);
  EXPECT_EQ((*record)["user_accounts"][0]["email"], kStaff);
  EXPECT_FALSE((*record)["audit_entries"].empty());  // the teacher's own sign-ins at least

  const Reply reads = instance.Send(
      "GET", trust + "/audit?action=read&entity=person&entity_id=" + person, &admin);
  ASSERT_EQ(reads.json["total"], 1);
  EXPECT_EQ(reads.json["items"][0]["actor"], kTrustAdmin);

  // Another trust's admin cannot reach the person at all.
  const Browser outsider = instance.SignIn(Instance::kOtherAdmin);
  EXPECT_EQ(instance.Send("GET", trust + "/people/" + person + "/subject-access-export", &outsider).status, 404);
}

TEST_F(Privacy, AfterErasureNothingFindsThePersonAndTheFiguresAreUnchanged) {
  const Browser admin = instance.SignIn(kTrustAdmin);
  Browser teacher = instance.SignIn(kStaff);
  const std::string erasure = trust + "/people/" + Str(PersonOf(teacher)) + "/erasure";
  const auto in_post = instance.app().store().GetPerson(instance.demo_trust(), PersonId(PersonOf(teacher)));
  ASSERT_TRUE(in_post);
  EXPECT_EQ(instance.Send("POST", erasure, &admin, json({{"confirm_reference", in_post->reference}}).dump()).status,
            409);

  const org::Person person = TeacherWhoLeft(teacher);
  const std::string name = person.given_name + " " + person.family_name;
  const json before = Figures(admin);
  ASSERT_TRUE(before.at("pipeline").contains("heatmap"));
  ASSERT_FALSE(before.at("grids").empty());
  ASSERT_TRUE(before.at("grids").at(0).contains("boxes"));
  EXPECT_GT(instance.Send("GET", trust + "/audit?mentioning=" + std::string(kStaff), &admin).json["total"], 0);

  EXPECT_EQ(instance.Send("POST", erasure, &admin, json({{"confirm_reference", "someone else"}}).dump()).status,
            400);
  EXPECT_EQ(instance.Send("POST", erasure, &admin, "{}").status, 422);
  const std::string person_path = trust + "/people/" + Str(PersonOf(teacher));
  EXPECT_TRUE(instance.Send("GET", person_path, &admin).json.at("erased_on").is_null());
  const Reply erased =
      instance.Send("POST", erasure, &admin, json({{"confirm_reference", person.reference}}).dump());
  ASSERT_EQ(erased.status, 200) << erased.body;
  EXPECT_EQ(instance.Send("GET", person_path, &admin).json.at("erased_on"), erased.json["erased_on"]);
  EXPECT_EQ(erased.json["user_accounts_disabled"], 1);
  EXPECT_EQ(instance.Send("POST", erasure, &admin, json({{"confirm_reference", erased.json["reference"]}}).dump()).status,
            409);

  // Their session has ended, and their sign-in is refused.
  EXPECT_EQ(instance.Send("GET", "/api/v1/session", &teacher).status, 401);
  EXPECT_EQ(instance.Send("POST", "/api/v1/session", nullptr,
                          json({{"email", kStaff}, {"password", Instance::kPassword}}).dump(), false)
                .status,
            401);

  for (const std::string& text : {name, person.email, std::string(kStaff), person.reference}) {
    if (text.empty()) continue;
    std::string encoded;
    for (char c : text) encoded += c == ' ' ? std::string("%20") : std::string(1, c);
    EXPECT_EQ(instance.Send("GET", trust + "/people?include_leavers=true&search=" + encoded, &admin).json["total"], 0)
        << text;
    EXPECT_EQ(instance.Send("GET", trust + "/audit?mentioning=" + encoded, &admin).json["total"], 0) << text;
  }
  const json after = Figures(admin);
  EXPECT_EQ(after.dump(), before.dump());
  // The erasure itself is on the record: who, when, which person, no personal data.
  const Reply logged = instance.Send("GET", trust + "/audit?action=erase", &admin);
  ASSERT_EQ(logged.json["total"], 1);
  EXPECT_EQ(logged.json["items"][0]["actor"], kTrustAdmin);
  EXPECT_EQ(logged.json["items"][0]["entity_id"], Str(PersonOf(teacher)));
}

TEST_F(Privacy, ATrustAdminSetsTheRetentionRulesAndRunsThem) {
  const Browser admin = instance.SignIn(kTrustAdmin);
  const std::string rules = trust + "/retention-rules";
  const json off = {{"leaver_review_years", nullptr}, {"leaver_erasure_years", nullptr},
                    {"audit_years", nullptr}};
  EXPECT_EQ(instance.Send("GET", rules, &admin).json, off);
  const Reply too_short = instance.Send(
      "PUT", rules, &admin, json({{"leaver_review_years", 2}, {"leaver_erasure_years", nullptr}, {"audit_years", 5}}).dump());
  EXPECT_EQ(too_short.status, 422);
  EXPECT_EQ(too_short.json["error"]["details"][0]["field"], "audit_years");
  const json set = {{"leaver_review_years", 2}, {"leaver_erasure_years", nullptr}, {"audit_years", 7}};
  EXPECT_EQ(instance.Send("PUT", rules, &admin, set.dump()).status, 200);
  EXPECT_EQ(instance.Send("GET", rules, &admin).json, set);
  EXPECT_EQ(instance.Send("GET", trust + "/audit?entity=retention_rules", &admin).json["total"], 1);

  const Reply dry = instance.Send("POST", trust + "/retention-runs", &admin, R"({"dry_run":true})");
  ASSERT_EQ(dry.status, 200) << dry.body;
  EXPECT_EQ(dry.json["dry_run"], true);
  EXPECT_EQ(dry.json["rules"], set);
  EXPECT_EQ(instance.Send("GET", trust + "/audit?action=retention", &admin).json["total"], 0);
  const Reply run = instance.Send("POST", trust + "/retention-runs", &admin, "{}");
  ASSERT_EQ(run.status, 200) << run.body;
  EXPECT_EQ(run.json["removed"], dry.json["removed"]);
  EXPECT_EQ(instance.Send("GET", trust + "/audit?action=retention", &admin).json["total"], 1);

  // Only trust admins: an executive is refused.
  const Browser executive = instance.SignIn(kExecutive);
  EXPECT_EQ(instance.Send("GET", rules, &executive).status, 403);
}

}  // namespace
}  // namespace trellis::testing
