// The succession pipeline over HTTP: the dashboard's figures on the demo trust recomputed
// here from the API's own lists and the stored plans; the trend as review cycles close and on
// demand; the attrition simulation (repeatable with a seed, and the closed form of a tiny
// trust); the vacancy chain when the chief executive leaves; the Board's, the committee's and
// a Local Governing Body's reports in JSON, CSV and XLSX; who may see which; and the audit
// entries every read leaves.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <vector>

#include "exchange/csv.h"
#include "http/fixture.h"
#include "succession/trust_pipeline.h"

namespace trellis::testing {
namespace {

using nlohmann::json;

using namespace demo_sign_in;

std::string T(const Instance& i) { return DemoTrustPath(i); }

// The value of a store read the test needs, by value (so a loop over it is over a live
// object); a failed read ends the test.
template <typename V>
V Read(Result<V> result) {
  if (!result) throw std::runtime_error(result.error().message);
  return std::move(*result);
}

json Get(Instance& i, const std::string& target, const Browser& as) {
  auto reply = i.Send("GET", target, &as);
  EXPECT_EQ(reply.status, 200) << target << ": " << reply.body.substr(0, 300);
  return reply.json;
}

json Post(Instance& i, const std::string& target, const Browser& as, const json& body,
          int status = 200) {
  auto reply = i.Send("POST", target, &as, body.dump());
  EXPECT_EQ(reply.status, status) << target << ": " << reply.body.substr(0, 300);
  return reply.json;
}

// How many read entries the audit log has for `entity` and `entity_id`.
int Reads(Instance& i, const std::string& entity, const std::string& entity_id) {
  auto admin = i.SignIn(kTrustAdmin);
  return Get(i, T(i) + "/audit?action=read&entity=" + entity + "&entity_id=" + entity_id,
             admin)["total"]
      .get<int>();
}

size_t Numerator(const json& figure) { return figure["numerator"].get<size_t>(); }
size_t Denominator(const json& figure) { return figure["denominator"].get<size_t>(); }

std::set<int64_t> Ids(const json& array, const char* key = nullptr) {
  std::set<int64_t> ids;
  for (const auto& v : array) ids.insert(key ? v[key].get<int64_t>() : v.get<int64_t>());
  return ids;
}

// The posts of the dashboard's list that satisfy `keep`, by id.
template <typename F>
std::set<int64_t> PostsWhere(const json& dashboard, F keep) {
  std::set<int64_t> ids;
  for (const auto& p : dashboard["posts"])
    if (keep(p)) ids.insert(p["post_id"].get<int64_t>());
  return ids;
}

// The dashboard's real numbers are rounded to four decimal places: each is within this of
// the exact figure.
constexpr double kRounded = 0.5e-4;

// Checks a cell of the dashboard against the post lines it covers (its posts are not listed
// with it: they are the lines of its school and role group).
void ExpectCellOf(const json& cell, const json& dashboard, const std::set<int64_t>& posts,
                  const std::string& what) {
  SCOPED_TRACE(what);
  EXPECT_FALSE(cell.contains("post_ids"));
  EXPECT_EQ(cell["key_posts"].get<size_t>(), posts.size());
  size_t covered = 0, ready = 0;
  double bench = 0;
  for (const auto& p : dashboard["posts"]) {
    if (!posts.contains(p["post_id"].get<int64_t>())) continue;
    covered += p["named_successors"].get<int>() > 0;
    ready += p["ready_now_successors"].get<int>() > 0;
    bench += p["bench_strength"].get<double>();
  }
  EXPECT_EQ(Numerator(cell["coverage"]), covered);
  EXPECT_EQ(Denominator(cell["coverage"]), posts.size());
  EXPECT_EQ(Numerator(cell["ready_now_coverage"]), ready);
  EXPECT_EQ(Denominator(cell["ready_now_coverage"]), posts.size());
  // Each post's strength and the total are rounded: off by half a unit of the fourth decimal
  // place each at most.
  const double off = kRounded * static_cast<double>(posts.size() + 1);
  EXPECT_NEAR(cell["bench_strength"]["total"].get<double>(), bench, off);
  EXPECT_EQ(cell["bench_strength"]["posts"].get<size_t>(), posts.size());
  if (posts.empty()) {
    EXPECT_TRUE(cell["bench_strength"]["value"].is_null());
    EXPECT_TRUE(cell["coverage"]["value"].is_null());
  } else {
    EXPECT_NEAR(cell["bench_strength"]["value"].get<double>(), bench / posts.size(),
                off / posts.size() + kRounded);
    EXPECT_NEAR(cell["coverage"]["value"].get<double>(),
                static_cast<double>(covered) / posts.size(), kRounded);
  }
}

// Every real number in `value`, and where it is.
void RealsOf(const json& value, const std::string& at,
             std::vector<std::pair<std::string, double>>& out) {
  if (value.is_number_float()) out.emplace_back(at, value.get<double>());
  if (value.is_object())
    for (const auto& [key, item] : value.items()) RealsOf(item, at + "." + key, out);
  if (value.is_array())
    for (size_t n = 0; n < value.size(); ++n)
      RealsOf(value[n], at + "[" + std::to_string(n) + "]", out);
}

int64_t ChiefExecutivePost(const json& dashboard) {
  for (const auto& p : dashboard["posts"])
    if (p["title"] == "Chief Executive Officer") return p["post_id"];
  return 0;
}

TEST(Pipeline, TheDashboardsFiguresAreThoseOfItsOwnListsAndThePlans) {
  auto& i = Shared();
  auto admin = i.SignIn(kTrustAdmin);
  const json d = Get(i, T(i) + "/pipeline", admin);
  ASSERT_TRUE(d.is_object());

  // Every key post of the trust has its line.
  const json key_posts = Get(i, T(i) + "/posts?key=true&limit=500", admin);
  const std::set<int64_t> all = Ids(key_posts["items"], "id");
  ASSERT_EQ(all.size(), 35u);  // the demo's key posts
  EXPECT_EQ(Ids(d["posts"], "post_id"), all);
  ExpectCellOf(d["overall"], d, all, "overall");

  // By role group, and the heatmap's rows (trust-wide first) and cells.
  for (const auto& group : d["role_groups"])
    ExpectCellOf(group, d,
                 PostsWhere(d, [&](const json& p) { return p["role_group"] == group["code"]; }),
                 group["code"]);
  const json& rows = d["heatmap"]["rows"];
  ASSERT_EQ(rows.size(), 9u);  // trust-wide and the demo's eight schools
  EXPECT_TRUE(rows[0]["school_id"].is_null());
  size_t posts_in_rows = 0;
  for (const auto& row : rows) {
    const auto in_row =
        PostsWhere(d, [&](const json& p) { return p["school_id"] == row["school_id"]; });
    ExpectCellOf(row["all"], d, in_row, row["name"]);
    posts_in_rows += in_row.size();
    // A row has a cell for each role group with key posts there, and no other.
    std::set<std::string> groups_in_row, cells;
    for (const auto& p : d["posts"])
      if (p["school_id"] == row["school_id"]) groups_in_row.insert(p["role_group"]);
    for (const auto& cell : row["cells"]) {
      cells.insert(cell["role_group"].get<std::string>());
      ExpectCellOf(cell, d,
                   PostsWhere(d,
                              [&](const json& p) {
                                return p["school_id"] == row["school_id"] &&
                                       p["role_group"] == cell["role_group"];
                              }),
                   row["name"].get<std::string>() + " " + cell["role_group"].get<std::string>());
    }
    EXPECT_EQ(cells, groups_in_row) << row["name"];
    EXPECT_EQ(cells.size(), row["cells"].size()) << row["name"];  // once each
  }
  EXPECT_EQ(posts_in_rows, all.size());
  // Every school of the trust has its row, so its name is there for its posts.
  const json schools = Get(i, T(i) + "/schools?limit=500", admin);
  std::set<int64_t> row_schools;
  for (const auto& row : rows)
    if (!row["school_id"].is_null()) row_schools.insert(row["school_id"].get<int64_t>());
  EXPECT_EQ(row_schools, Ids(schools["items"], "id"));
  for (const auto& row : rows) {
    for (const auto& s : schools["items"]) {
      if (s["id"] == row["school_id"]) {
        EXPECT_EQ(row["name"], s["name"]);
      }
    }
  }

  // The lists behind each figure.
  const json& lists = d["lists"];
  auto expect_posts = [&](const json& figure, const std::set<int64_t>& posts, size_t denominator,
                          const char* what) {
    SCOPED_TRACE(what);
    EXPECT_EQ(Ids(figure["post_ids"]), posts);
    EXPECT_EQ(Numerator(figure), posts.size());
    EXPECT_EQ(Denominator(figure), denominator);
  };
  const auto with_plan = PostsWhere(d, [](const json& p) { return !p["plan_id"].is_null(); });
  const auto high_risk = PostsWhere(d, [](const json& p) { return p["holder_risk"] == "high"; });
  expect_posts(lists["without_plan"],
               PostsWhere(d, [](const json& p) { return p["plan_id"].is_null(); }), all.size(),
               "without plan");
  expect_posts(lists["vacant"],
               PostsWhere(d, [](const json& p) { return p["holder_id"].is_null(); }), all.size(),
               "vacant");
  expect_posts(lists["overdue_reviews"],
               PostsWhere(d, [](const json& p) { return p["review_overdue"] == true; }),
               with_plan.size(), "overdue reviews");
  expect_posts(lists["high_risk_without_ready_successor"],
               PostsWhere(d,
                          [](const json& p) {
                            return p["holder_risk"] == "high" && p["ready_now_successors"] == 0;
                          }),
               high_risk.size(), "high risk without a ready successor");
  // The demo's story: the chief executive is a high risk, with nobody ready now.
  const int64_t ceo_post = ChiefExecutivePost(d);
  ASSERT_GT(ceo_post, 0);
  EXPECT_TRUE(Ids(lists["high_risk_without_ready_successor"]["post_ids"]).contains(ceo_post));
  EXPECT_EQ(Denominator(lists["leaning_on_high_risk_successors"]),
            Numerator(d["overall"]["coverage"]));
  EXPECT_GE(lists["leaning_on_high_risk_successors"]["successors"].size(), 1u);

  // Successor overload, recomputed from the stored plans: people named on the plans of key
  // posts who are still in the trust and do not hold the post.
  auto& store = i.app().store();
  const Date today = i.app().clock().Today();
  std::set<int64_t> current;
  for (const auto& p :
       Read(store.ListPeople({.trust = i.demo_trust(), .today = today, .page = {.limit = 100000}}))
           .items)
    current.insert(p.id.value());
  std::set<std::pair<int64_t, int64_t>> holds;  // (post, person)
  for (const auto& h :
       Read(store.ListHoldings(
                {.trust = i.demo_trust(), .current_on = today, .page = {.limit = 100000}}))
           .items)
    holds.insert({h.post.value(), h.person.value()});
  std::map<int64_t, std::set<int64_t>> plans_of;
  for (const auto& plan : Read(store.ListPlanContents(i.demo_trust())))
    for (const auto& c : plan.candidates)
      if (c.person && all.contains(plan.plan.post.value()) && current.contains(c.person->value()) &&
          !holds.contains({plan.plan.post.value(), c.person->value()}))
        plans_of[c.person->value()].insert(plan.plan.post.value());
  std::map<int64_t, std::set<int64_t>> overloaded;
  for (const auto& [person, posts] : plans_of)
    if (posts.size() > 2) overloaded[person] = posts;
  EXPECT_EQ(Numerator(lists["overloaded_successors"]), overloaded.size());
  EXPECT_EQ(Denominator(lists["overloaded_successors"]), plans_of.size());
  std::map<int64_t, std::set<int64_t>> listed;
  for (const json& person : lists["overloaded_successors"]["people"])
    listed[person["person_id"].get<int64_t>()] = Ids(person["post_ids"]);
  EXPECT_EQ(listed, overloaded);

  // Development actions: on and off track partition the counted ones.
  const json& actions = lists["development_actions"];
  EXPECT_EQ(actions["on_track"].size(), Numerator(actions));
  EXPECT_EQ(actions["on_track"].size() + actions["off_track"].size(), Denominator(actions));
  EXPECT_GT(actions["off_track"].size(), 0u);  // the demo has a few overdue
  for (const auto& a : actions["off_track"])
    EXPECT_LT(a["due_on"].get<std::string>(), d["on"].get<std::string>());

  // Read with the trust's own settings, and audited.
  EXPECT_EQ(d["settings"]["overload_plans"], 2);
  auto audit =
      Get(i, T(i) + "/audit?action=read&entity=succession_pipeline&entity_id=dashboard", admin);
  ASSERT_GE(audit["total"].get<int>(), 1);
  EXPECT_EQ(audit["items"][0]["actor"], kTrustAdmin);
}

TEST(Pipeline, TheDashboardNamesEachPersonAndBenchOnceAndRoundsItsRealNumbers) {
  auto& i = Shared();
  auto ceo = i.SignIn(kExecutive);
  const json d = Get(i, T(i) + "/pipeline", ceo);
  const auto pipeline =
      Read(succession::ReadTrustPipeline(i.app().store(), i.demo_trust(), i.app().clock().Today()));

  // Everyone the answer mentions by id is named in `people`, once, and nobody else is.
  std::set<int64_t> mentioned;
  auto mention = [&](const json& id) {
    if (!id.is_null()) mentioned.insert(id.get<int64_t>());
  };
  for (const auto& p : d["posts"]) mention(p["holder_id"]);
  for (const auto& bench : d["benches"])
    for (const auto& id : bench) mention(id);
  const json& lists = d["lists"];
  for (const auto& p : lists["overloaded_successors"]["people"]) mention(p["person_id"]);
  for (const auto& s : lists["leaning_on_high_risk_successors"]["successors"])
    mention(s["person_id"]);
  for (const char* track : {"on_track", "off_track"})
    for (const auto& a : lists["development_actions"][track]) mention(a["person_id"]);
  std::vector<int64_t> named;
  for (const auto& p : d["people"]) {
    named.push_back(p["person_id"].get<int64_t>());
    EXPECT_EQ(p["name"], pipeline.NameOf(PersonId(named.back())));
    EXPECT_FALSE(p["name"].get<std::string>().empty());
  }
  EXPECT_TRUE(std::is_sorted(named.begin(), named.end()));
  EXPECT_EQ(std::set<int64_t>(named.begin(), named.end()), mentioned);
  EXPECT_EQ(named.size(), mentioned.size());  // once each

  // Each post's bench is the engine's, listed once for all the posts that share it.
  std::map<int64_t, std::vector<int64_t>> engine;
  for (const auto& line : pipeline.metrics.posts)
    for (PersonId p : line.bench) engine[line.post.value()].push_back(p.value());
  std::set<size_t> used;
  for (const auto& p : d["posts"]) {
    const size_t index = p["bench_index"].get<size_t>();
    ASSERT_LT(index, d["benches"].size());
    used.insert(index);
    EXPECT_EQ(d["benches"][index].get<std::vector<int64_t>>(), engine[p["post_id"].get<int64_t>()])
        << p["title"];
  }
  EXPECT_EQ(used.size(), d["benches"].size());  // none unused
  std::set<std::vector<int64_t>> distinct;
  for (const auto& bench : d["benches"]) distinct.insert(bench.get<std::vector<int64_t>>());
  EXPECT_EQ(distinct.size(), d["benches"].size());    // none twice
  EXPECT_LT(d["benches"].size(), d["posts"].size());  // the demo's posts share benches

  // Real numbers to four decimal places; the engine's are longer (the demo's bench strengths
  // are sums of 1/n).
  std::vector<std::pair<std::string, double>> reals;
  RealsOf(d, "", reals);
  ASSERT_FALSE(reals.empty());
  for (const auto& [at, value] : reals) {
    if (!at.starts_with(".settings")) {  // the trust's own settings, as set
      EXPECT_NEAR(value * 1e4, std::round(value * 1e4), 1e-6) << at << " " << value;
    }
  }
  bool rounded_some = false;
  for (const auto& line : pipeline.metrics.posts)
    rounded_some =
        rounded_some || std::round(line.bench_strength * 1e4) != line.bench_strength * 1e4;
  EXPECT_TRUE(rounded_some);
}

bool SameFigures(const json& snapshot, const json& overall, const json& overload) {
  return snapshot["coverage"]["numerator"] == overall["coverage"]["numerator"] &&
         snapshot["coverage"]["denominator"] == overall["coverage"]["denominator"] &&
         snapshot["ready_now_coverage"]["numerator"] ==
             overall["ready_now_coverage"]["numerator"] &&
         std::abs(snapshot["bench_strength"]["total"].get<double>() -
                  overall["bench_strength"]["total"].get<double>()) < 1e-9 &&
         snapshot["overload"]["numerator"] == overload["numerator"] &&
         snapshot["overload"]["denominator"] == overload["denominator"];
}

TEST(Pipeline, TheTrendHasASnapshotForEachClosedCycleAndOnesTakenOnDemand) {
  auto& i = Shared();
  auto admin = i.SignIn(kTrustAdmin);
  const json d = Get(i, T(i) + "/pipeline", admin);

  // The demo's two closed cycles, earlier first: the later is today's plans; the earlier the
  // plans a year before (first choices only, each a year less ready).
  json trend = Get(i, T(i) + "/pipeline/trend", admin);
  const size_t before = trend["items"].size();
  ASSERT_GE(before, 2u);  // more when other tests of this process closed cycles first
  const json earlier = trend["items"][0];
  const json later = trend["items"][1];
  ASSERT_FALSE(earlier["cycle"].is_null());
  ASSERT_FALSE(later["cycle"].is_null());
  EXPECT_LT(earlier["cycle"]["year"].get<int>(), later["cycle"]["year"].get<int>());
  EXPECT_EQ(d["trend"], trend["items"]);
  if (before == 2) {  // the demo as it was made: its plans unchanged since
    EXPECT_TRUE(SameFigures(later, d["overall"], d["lists"]["overloaded_successors"]))
        << later.dump();
  }
  EXPECT_EQ(earlier["coverage"], later["coverage"]);
  EXPECT_LT(Numerator(earlier["ready_now_coverage"]), Numerator(later["ready_now_coverage"]));
  EXPECT_LT(Denominator(earlier["overload"]), Denominator(later["overload"]));
  EXPECT_EQ(earlier["bench_strength"], later["bench_strength"]);

  // Closing a cycle records one, in the same request.
  const auto snapshots_made = [&] {
    return Get(i, T(i) + "/audit?action=create&entity=pipeline_snapshot", admin)["total"]
        .get<int>();
  };
  const int made = snapshots_made();
  int next_year = 0;
  const json cycles = Get(i, T(i) + "/review-cycles", admin);
  for (const auto& c : cycles["items"]) next_year = std::max(next_year, c["year"].get<int>() + 1);
  const json cycle = Post(i, T(i) + "/review-cycles", admin,
                          {{"year", next_year}, {"name", "Talent review " + Str(next_year)}}, 201);
  const std::string c = T(i) + "/review-cycles/" + Str(cycle["id"]);
  Post(i, c + "/start-calibration", admin, json::object());
  Post(i, c + "/close", admin, json::object());
  EXPECT_EQ(snapshots_made(), made + 1);
  trend = Get(i, T(i) + "/pipeline/trend", admin);
  ASSERT_EQ(trend["items"].size(), before + 1);
  const json closing = trend["items"].back();
  EXPECT_EQ(closing["cycle_id"], cycle["id"]);
  EXPECT_EQ(closing["cycle"]["year"], next_year);
  EXPECT_EQ(closing["taken_on"], d["on"]);
  const json now = Get(i, T(i) + "/pipeline", admin);
  EXPECT_TRUE(SameFigures(closing, now["overall"], now["lists"]["overloaded_successors"]));

  // On demand: trust admins only, no fields.
  auto ceo = i.SignIn(kExecutive);
  EXPECT_EQ(i.Send("POST", T(i) + "/pipeline/snapshots", &ceo, "{}").status, 403);
  EXPECT_EQ(i.Send("POST", T(i) + "/pipeline/snapshots", &admin, R"({"cycle_id": 1})").status, 422);
  const json taken = Post(i, T(i) + "/pipeline/snapshots", admin, json::object(), 201);
  EXPECT_TRUE(taken["cycle"].is_null());
  EXPECT_TRUE(SameFigures(taken, now["overall"], now["lists"]["overloaded_successors"]));
  trend = Get(i, T(i) + "/pipeline/trend", admin);
  ASSERT_EQ(trend["items"].size(), before + 2);
  EXPECT_EQ(trend["items"].back()["id"], taken["id"]);
  EXPECT_EQ(snapshots_made(), made + 2);
}

TEST(Simulation, AttritionIsRepeatableWithASeedAndRefusesWhatIsOutOfRange) {
  auto& i = Shared();
  auto ceo = i.SignIn(kExecutive);
  const std::string at = T(i) + "/simulations/attrition";
  const json asked = {{"runs", 2000}, {"years", 3}, {"seed", 42}};
  const json first = Post(i, at, ceo, asked);
  const json second = Post(i, at, ceo, asked);
  EXPECT_EQ(first, second);
  ASSERT_EQ(first["per_year"].size(), 3u);
  EXPECT_EQ(first["key_posts"], 35);
  for (const auto& y : first["per_year"]) {
    EXPECT_LE(y["external_low"].get<double>(), y["external_mean"].get<double>());
    EXPECT_GE(y["external_high"].get<double>(), y["external_mean"].get<double>());
    EXPECT_GT(y["external_standard_error"].get<double>(), 0);
  }
  EXPECT_EQ(first["settings"]["high_risk"], 0.4);

  // Defaults: 10,000 runs over 5 years with seed 1; an empty body is every default.
  const json defaults = Post(i, at, ceo, json::object());
  EXPECT_EQ(defaults["runs"], 10000);
  EXPECT_EQ(defaults["years"], 5);
  EXPECT_EQ(defaults["seed"], 1);
  EXPECT_EQ(i.Send("POST", at, &ceo, "").status, 200);

  for (const json& bad : {json{{"runs", 0}}, json{{"runs", 100001}}, json{{"years", 21}},
                          json{{"runs", 20001}, {"years", 20}}, json{{"seed", -1}}, json{{"runs", "many"}}, json{{"rounds", 3}}}) {
    auto reply = i.Send("POST", at, &ceo, bad.dump());
    EXPECT_EQ(reply.status, 422) << bad.dump() << " " << reply.body;
  }
  auto audit = Get(i, T(i) + "/audit?action=read&entity=succession_simulation&entity_id=attrition",
                   i.SignIn(kTrustAdmin));
  EXPECT_GE(audit["total"].get<int>(), 4);
  EXPECT_EQ(audit["items"][0]["actor"], kExecutive);
}

// A trust of one school with the given key posts, each held by a person with a risk of loss;
// a successor (ready now, by a leader's judgement) where given. Returns the trust.
struct TinyPost {
  succession::RiskOfLoss holder_risk;
  std::optional<succession::RiskOfLoss> successor_risk;  // none: no plan
};

TrustId TinyTrust(Instance& i, const std::string& reference, const std::vector<TinyPost>& posts) {
  auto must = [](auto result) {
    if (!result) throw std::runtime_error(result.error().message);
    return *result;
  };
  auto& org = i.app().org();
  auto& store = i.app().store();
  const org::Actor actor{.user = {}, .name = "test", .remote = {}};
  const Date start = *Date::Parse("2020-09-01");
  const Date today = i.app().clock().Today();
  const TrustId trust =
      must(org.Create(org::Trust{.name = "Tiny " + reference, .reference = reference}, actor)).id;
  const SchoolId school =
      must(org.Create(trust,
                      org::School{.urn = 700000 + static_cast<int64_t>(reference.size()),
                                  .name = "Tiny School",
                                  .postcode = "LS1 1AA"},
                      actor))
          .id;
  int n = 0;
  auto person = [&](org::CareerStage stage, succession::RiskOfLoss risk) {
    ++n;
    const PersonId id = must(org.Create(trust,
                                        org::Person{.reference = "T" + Str(n),
                                                    .given_name = "Person",
                                                    .family_name = Str(n),
                                                    .stage = stage,
                                                    .joined_trust = start},
                                        actor))
                            .id;
    must(store.Insert(
        succession::LossRisk{.trust = trust, .person = id, .risk = risk, .assessed_on = today}));
    return id;
  };
  for (const TinyPost& p : posts) {
    const PersonId holder = person(org::CareerStage::kNewHeadteacher, p.holder_risk);
    const PostId post = must(org.Create(trust,
                                        org::Post{.reference = "TP" + Str(n),
                                                  .title = "Headteacher",
                                                  .school = school,
                                                  .family = org::RoleFamily::kLeadership,
                                                  .stage = org::CareerStage::kNewHeadteacher,
                                                  .key = true},
                                        actor))
                            .id;
    must(org.Create(trust, org::Holding{.post = post, .person = holder, .start = start}, actor));
    if (!p.successor_risk) continue;
    const PersonId successor =
        person(org::CareerStage::kExperiencedSeniorLeader, *p.successor_risk);
    const auto plan = must(store.Insert(
        succession::SuccessionPlan{.trust = trust, .post = post, .created_on = today}));
    must(store.Insert(succession::PlanCandidate{.trust = trust,
                                                .plan = plan.id,
                                                .person = successor,
                                                .rank = 1,
                                                .readiness = succession::Readiness::kReadyNow,
                                                .readiness_reason = "Acted up for a year.",
                                                .added_on = today}));
  }
  return trust;
}

TEST(Simulation, TheMeanOfATinyTrustIsTheClosedForm) {
  auto& i = Shared();
  auto platform = i.SignIn(demo_sign_in::kPlatformAdmin);
  const json asked = {{"runs", 100000}, {"years", 3}, {"seed", 7}};

  // One headship, its holder a high risk (40% a year), nobody named: an external appointment
  // whenever the holder leaves; the appointee leaves at the default 10% a year. Year 1: 0.4.
  // Year 2: 0.4 × 0.1 + 0.6 × 0.4 = 0.28. Year 3: 0.36 × 0.4 + 0.64 × 0.1 = 0.208.
  const TrustId alone = TinyTrust(i, "TINY1", {{succession::RiskOfLoss::kHigh, std::nullopt}});
  const json result =
      Post(i, "/api/v1/trusts/" + Str(alone.value()) + "/simulations/attrition", platform, asked);
  const double expected[] = {0.4, 0.28, 0.208};
  ASSERT_EQ(result["per_year"].size(), 3u);
  for (size_t y = 0; y < 3; ++y) {
    const json& year = result["per_year"][y];
    const double se = year["external_standard_error"].get<double>();
    EXPECT_NEAR(se, std::sqrt(expected[y] * (1 - expected[y]) / 100000), 0.0005) << y;
    EXPECT_NEAR(year["external_mean"].get<double>(), expected[y], 4 * se) << y;
    EXPECT_EQ(year["internal_mean"].get<double>(), 0.0);
  }

  // A headship whose holder is a medium risk (15%) with a successor ready now, a low risk
  // (5%): in year 1 the successor steps up unless they left too. Internal 0.15 × 0.95 =
  // 0.1425, external 0.15 × 0.05 = 0.0075.
  const TrustId planned =
      TinyTrust(i, "TINY22", {{succession::RiskOfLoss::kMedium, succession::RiskOfLoss::kLow}});
  const json with_plan =
      Post(i, "/api/v1/trusts/" + Str(planned.value()) + "/simulations/attrition", platform, asked);
  const json& year1 = with_plan["per_year"][0];
  EXPECT_NEAR(year1["internal_mean"].get<double>(), 0.1425,
              4 * year1["internal_standard_error"].get<double>());
  EXPECT_NEAR(year1["external_mean"].get<double>(), 0.0075,
              4 * year1["external_standard_error"].get<double>());
}

TEST(Simulation, TheVacancyChainWhenTheChiefExecutiveLeaves) {
  auto& i = Shared();
  auto ceo = i.SignIn(kExecutive);
  const json d = Get(i, T(i) + "/pipeline", ceo);
  const int64_t ceo_post = ChiefExecutivePost(d);
  ASSERT_GT(ceo_post, 0);
  int64_t chief = 0;
  for (const auto& p : d["posts"])
    if (p["post_id"] == ceo_post) chief = p["holder_id"];
  EXPECT_EQ(chief, ceo.user["person_id"].get<int64_t>());  // the demo's CEO signs in as ceo@
  const std::string at = T(i) + "/simulations/vacancy-chain";
  const int reads = Reads(i, "succession_simulation", "vacancy_chain");

  // This year only ready-now successors step up: nobody on the chief executive's plan is.
  const json first = Post(i, at, ceo, {{"leavers", {chief}}});
  ASSERT_EQ(first["steps"].size(), 1u);
  EXPECT_EQ(first["steps"][0]["post_id"], ceo_post);
  EXPECT_EQ(first["steps"][0]["cause"], "left");
  EXPECT_EQ(first["steps"][0]["vacated_by"]["person_id"], chief);
  EXPECT_EQ(first["steps"][0]["external_appointment"], true);
  EXPECT_EQ(first["external_appointments"], 1);

  // From the second year, the first on the plan ready in 1–2 years steps up, and their own
  // post falls vacant: the chain, step by step. The plan's order and readiness come from the
  // Board's report.
  const json board = Get(i, T(i) + "/reports/board", ceo);
  std::map<int64_t, json> roles;
  for (const auto& r : board["roles"]) roles[r["post_id"].get<int64_t>()] = r;
  int64_t expected_first = 0;
  for (const auto& s : roles.at(ceo_post)["successors"])
    if (!s["external"].get<bool>() && s["readiness"] != "three_plus_years") {
      expected_first = s["person_id"];
      break;
    }
  ASSERT_GT(expected_first, 0) << roles.at(ceo_post).dump();
  const json later = Post(i, at, ceo, {{"leavers", {chief}}, {"readiness_rule", "later_years"}});
  const json& steps = later["steps"];
  ASSERT_GE(steps.size(), 2u) << later.dump();
  EXPECT_EQ(steps[0]["filled_by"]["person_id"], expected_first);
  EXPECT_EQ(steps[0]["external_appointment"], false);
  std::set<int64_t> appointed;
  for (size_t s = 0; s < steps.size(); ++s) {
    const json& step = steps[s];
    EXPECT_EQ(step["step"], s + 1);
    if (s > 0) {
      // Each later vacancy is the post of someone appointed before.
      EXPECT_EQ(step["cause"], "promoted");
      EXPECT_TRUE(appointed.contains(step["vacated_by"]["person_id"].get<int64_t>()))
          << step.dump();
    }
    if (step["external_appointment"].get<bool>()) continue;
    const int64_t person = step["filled_by"]["person_id"];
    EXPECT_FALSE(appointed.contains(person));  // nobody is appointed twice
    appointed.insert(person);
    EXPECT_NE(step["filled_by"]["readiness"], "three_plus_years");
    EXPECT_FALSE(step["filled_by"]["name"].get<std::string>().empty());
  }
  EXPECT_EQ(
      later["internal_appointments"].get<size_t>() + later["external_appointments"].get<size_t>(),
      steps.size());

  // Bad requests.
  EXPECT_EQ(i.Send("POST", at, &ceo, R"({"leavers": []})").status, 422);
  EXPECT_EQ(i.Send("POST", at, &ceo, R"({"leavers": [999999]})").status, 422);
  EXPECT_EQ(i.Send("POST", at, &ceo, R"({"leavers": ["x"]})").status, 422);
  EXPECT_EQ(i.Send("POST", at, &ceo, R"({"readiness_rule": "first_year"})").status, 422);
  EXPECT_EQ(i.Send("POST", at, &ceo, json{{"leavers", {chief}}, {"readiness_rule", "soon"}}.dump())
                .status,
            422);
  EXPECT_EQ(i.Send("POST", at, &ceo, json{{"leavers", {chief}}, {"extra", 1}}.dump()).status, 422);
  EXPECT_EQ(Reads(i, "succession_simulation", "vacancy_chain"), reads + 2);  // not the refused
}

exchange::csv::Table ParseCsv(const std::string& body) {
  EXPECT_TRUE(body.starts_with("\xEF\xBB\xBF"));
  auto table = exchange::csv::Parse(std::string_view(body).substr(3));
  EXPECT_THAT(table.issues, ::testing::IsEmpty());
  for (const auto& record : table.records)
    for (const auto& cell : record)
      if (!cell.empty()) {
        EXPECT_EQ(std::string("=+-@\t\r").find(cell[0]), std::string::npos) << cell;
      }
  return table;
}

void ExpectDownload(const Reply& reply, const std::string& name, const std::string& extension) {
  EXPECT_EQ(reply.status, 200) << reply.body.substr(0, 300);
  EXPECT_THAT(reply.Header("Content-Disposition"),
              ::testing::MatchesRegex("attachment; filename=\"" + name +
                                      "-[0-9]{4}-[0-9]{2}-[0-9]{2}\\." + extension + "\""));
}

TEST(Reports, TheBoardsReportHasEveryKeyTrustRoleInEveryFormat) {
  auto& i = Shared();
  auto ceo = i.SignIn(kExecutive);
  const json d = Get(i, T(i) + "/pipeline", ceo);
  const int reads = Reads(i, "succession_report", "board");
  const json board = Get(i, T(i) + "/reports/board", ceo);
  EXPECT_EQ(board["report"], "board");

  // Trust-wide posts (the central team, the Board and its committees) and every headship.
  const auto expected = PostsWhere(d, [](const json& p) {
    return p["school_id"].is_null() || p["role_group"] == "headship" ||
           p["role_group"] == "trust_executive";
  });
  EXPECT_EQ(Ids(board["roles"], "post_id"), expected);
  EXPECT_GE(PostsWhere(d, [](const json& p) { return p["role_group"] == "headship"; }).size(), 8u);
  size_t covered = 0;
  std::map<int64_t, json> lines;
  for (const auto& p : d["posts"]) lines[p["post_id"].get<int64_t>()] = p;
  for (const auto& role : board["roles"]) {
    const json& line = lines.at(role["post_id"].get<int64_t>());
    EXPECT_EQ(role["named_successors"], line["named_successors"]);
    EXPECT_EQ(role["successors"].size(), line["named_successors"].get<size_t>());
    EXPECT_EQ(role["holder_risk"], line["holder_risk"]);
    EXPECT_FALSE(role["details_withheld"].get<bool>());
    if (!role["successors"].empty()) ++covered;
  }
  EXPECT_EQ(Numerator(board["coverage"]), covered);
  EXPECT_EQ(Denominator(board["coverage"]), expected.size());
  // The chief executive first; nobody on the plan ready now; the retirement on record.
  EXPECT_EQ(board["roles"][0]["title"], "Chief Executive Officer");
  EXPECT_EQ(board["roles"][0]["holder_risk"], "high");
  EXPECT_EQ(board["roles"][0]["departure_window"], "within_a_year");

  const auto csv = i.Send("GET", T(i) + "/reports/board?format=csv", &ceo);
  ExpectDownload(csv, "board-report", "csv");
  const auto table = ParseCsv(csv.body);
  ASSERT_EQ(table.records.size(), expected.size() + 1);
  EXPECT_EQ(table.records[0][0], "Post");
  EXPECT_EQ(table.records[1][0], "Chief Executive Officer");
  EXPECT_EQ(table.records[1][4], "High");  // risk of loss

  const auto xlsx = i.Send("GET", T(i) + "/reports/board?format=xlsx", &ceo);
  ExpectDownload(xlsx, "board-report", "xlsx");
  EXPECT_TRUE(xlsx.body.starts_with("PK\x03\x04"));
  EXPECT_EQ(i.Send("GET", T(i) + "/reports/board?format=pdf", &ceo).status, 400);

  EXPECT_EQ(Reads(i, "succession_report", "board"), reads + 3);  // not the refused pdf
  auto audit = Get(i, T(i) + "/audit?action=read&entity=succession_report&entity_id=board",
                   i.SignIn(kTrustAdmin));
  EXPECT_EQ(audit["items"][0]["after"]["format"], "xlsx");
  EXPECT_EQ(audit["items"][0]["actor"], kExecutive);
}

TEST(Reports, ThePayAndPersonnelReportHasEachSchoolsImplementation) {
  auto& i = Shared();
  auto admin = i.SignIn(kTrustAdmin);
  const json report = Get(i, T(i) + "/reports/pay-and-personnel", admin);
  ASSERT_FALSE(report["cycle"].is_null());
  // The latest closed cycle, and the school meetings held in it.
  auto& store = i.app().store();
  std::optional<talent::ReviewCycle> latest;
  for (const auto& c : Read(store.ListReviewCycles(i.demo_trust())))
    if (!latest && c.status == talent::CycleStatus::kClosed) latest = c;
  ASSERT_TRUE(latest);
  EXPECT_EQ(report["cycle"]["id"], latest->id.value());
  size_t school_meetings = 0;
  for (const auto& m : Read(store.ListCalibrationMeetings(i.demo_trust(), latest->id)))
    school_meetings += m.level == talent::MeetingLevel::kSchool;
  EXPECT_EQ(report["meetings_held"].get<size_t>(), school_meetings);
  ASSERT_EQ(report["schools"].size(), 8u);

  const Date today = i.app().clock().Today();
  std::map<std::string, size_t> sums;
  for (const auto& s : report["schools"]) {
    // The school's staff: everyone holding a post there today.
    std::set<int64_t> staff;
    for (const auto& h : Read(store.ListHoldings({.trust = i.demo_trust(),
                         .school = SchoolId(s["school_id"].get<int64_t>()),
                         .current_on = today,
                         .page = {.limit = 100000}}))
                             .items)
      staff.insert(h.person.value());
    EXPECT_EQ(Denominator(s["staff_rated"]), staff.size()) << s["name"];
    EXPECT_LE(Numerator(s["staff_rated"]), staff.size());
    for (const char* figure : {"staff_rated", "key_posts_with_successor", "actions_on_track"}) {
      sums[std::string(figure) + "/n"] += Numerator(s[figure]);
      sums[std::string(figure) + "/d"] += Denominator(s[figure]);
    }
  }
  for (const char* figure : {"staff_rated", "key_posts_with_successor", "actions_on_track"}) {
    EXPECT_EQ(Numerator(report["all_schools"][figure]), sums[std::string(figure) + "/n"]) << figure;
    EXPECT_EQ(Denominator(report["all_schools"][figure]), sums[std::string(figure) + "/d"])
        << figure;
  }

  const auto csv = i.Send("GET", T(i) + "/reports/pay-and-personnel?format=csv", &admin);
  ExpectDownload(csv, "pay-and-personnel-report", "csv");
  const auto table = ParseCsv(csv.body);
  // "Schools", its header, 8 schools and all of them; a blank line; "About", its header, 3.
  ASSERT_EQ(table.records.size(), 1u + 1 + 8 + 1 + 1 + 1 + 1 + 3);
  EXPECT_EQ(table.records[0][0], "Schools");
  EXPECT_EQ(table.records[1][0], "School");
  EXPECT_EQ(table.records[10][0], "All schools");
  EXPECT_EQ(table.records[12][0], "About");
  const auto xlsx = i.Send("GET", T(i) + "/reports/pay-and-personnel?format=xlsx", &admin);
  ExpectDownload(xlsx, "pay-and-personnel-report", "xlsx");
  EXPECT_TRUE(xlsx.body.starts_with("PK\x03\x04"));
}

TEST(Reports, AHeadteacherReadsTheLocalGoverningBodyReportOfTheirOwnSchoolOnly) {
  auto& i = Shared();
  auto head = i.SignIn(kHeadteacher);
  auto ceo = i.SignIn(kExecutive);
  const Date today = i.app().clock().Today();
  auto& store = i.app().store();
  int64_t own_school = 0, own_post = 0;
  for (const auto& h : Read(store.ListHoldings({.trust = i.demo_trust(),
                       .person = PersonId(head.user["person_id"].get<int64_t>()),
                       .current_on = today}))
                           .items)
    if (const auto post = Read(store.GetPost(i.demo_trust(), h.post)); post.school) {
      own_school = post.school->value();
      own_post = post.id.value();
    }
  ASSERT_GT(own_school, 0);
  int64_t other_school = 0;
  for (const auto& s : Read(store.ListSchools({.trust = i.demo_trust()})).items)
    if (s.id.value() != own_school) other_school = s.id.value();
  const std::string at = T(i) + "/reports/local-governing-body?school_id=";
  const std::string lgb_report = "local_governing_body school " + Str(own_school);
  const int reads = Reads(i, "succession_report", lgb_report);

  const json mine = Get(i, at + Str(own_school), head);
  EXPECT_EQ(mine["school"]["school_id"], own_school);
  ASSERT_GE(mine["posts"].size(), 2u);
  bool saw_open_plan = false;
  for (const auto& p : mine["posts"]) {
    EXPECT_FALSE(p.contains("holder_risk"));  // governors see no risk of loss
    EXPECT_FALSE(p.contains("departure_window"));
    EXPECT_EQ(p["school_id"], own_school);
    // Their own post and the governing body's posts: counts only.
    const bool withheld = p["post_id"] == own_post || p["role_group"] == "governance";
    EXPECT_EQ(p["details_withheld"].get<bool>(), withheld) << p.dump();
    if (withheld) {
      EXPECT_TRUE(p["successors"].empty());
      EXPECT_TRUE(p["actions"].empty());
      EXPECT_TRUE(p["emergency_successor"].is_null());
    } else {
      saw_open_plan = saw_open_plan || !p["successors"].empty();
    }
  }
  EXPECT_TRUE(saw_open_plan);
  EXPECT_EQ(i.Send("GET", at + Str(other_school), &head).status, 404);
  EXPECT_EQ(i.Send("GET", at + "999999", &head).status, 404);
  EXPECT_EQ(i.Send("GET", T(i) + "/reports/local-governing-body", &head).status, 400);

  // The whole-trust roles read any school's, in full but still without risk of loss.
  const json theirs = Get(i, at + Str(own_school), ceo);
  EXPECT_EQ(theirs["posts"].size(), mine["posts"].size());
  for (const auto& p : theirs["posts"]) {
    EXPECT_FALSE(p["details_withheld"].get<bool>());
    EXPECT_FALSE(p.contains("holder_risk"));
    EXPECT_EQ(p["successors"].size(), p["named_successors"].get<size_t>());
  }
  EXPECT_EQ(theirs["school"], mine["school"]);
  Get(i, at + Str(other_school), ceo);
  EXPECT_EQ(i.Send("GET", at + Str(i.SampleIds(i.other_trust())["school_id"]), &ceo).status, 404);

  const auto csv = i.Send("GET", at + Str(own_school) + "&format=csv", &head);
  ExpectDownload(csv, "local-governing-body-report", "csv");
  const auto table = ParseCsv(csv.body);
  EXPECT_EQ(table.records.at(0).at(0), "Key posts");
  for (const auto& cell : table.records.at(1)) EXPECT_NE(cell, "Risk of loss");
  const auto xlsx = i.Send("GET", at + Str(own_school) + "&format=xlsx", &head);
  EXPECT_TRUE(xlsx.body.starts_with("PK\x03\x04"));

  EXPECT_EQ(Reads(i, "succession_report", lgb_report),
            reads + 4);  // head JSON, CSV, XLSX; the CEO's
}

TEST(Pipeline, OnlyTheWholeTrustRolesSeeThePipelineAndAnotherTrustSeesNothing) {
  auto& i = Shared();
  const std::string t = T(i);
  struct Call {
    std::string method, target, body;
  };
  const std::vector<Call> calls = {
      {"GET", t + "/pipeline", ""},
      {"GET", t + "/pipeline/trend", ""},
      {"POST", t + "/simulations/attrition", R"({"runs": 100})"},
      {"POST", t + "/simulations/vacancy-chain", "{}"},
      {"GET", t + "/reports/board", ""},
      {"GET", t + "/reports/pay-and-personnel", ""},
  };
  auto ceo = i.SignIn(kExecutive);
  for (const auto& call : calls) {
    const int status = i.Send(call.method, call.target, &ceo, call.body).status;
    EXPECT_TRUE(status == 200 || status == 422)
        << call.target << " " << status;  // {} has no leavers
  }
  for (const char* who :
       {kHeadteacher, demo_sign_in::kLineManager, demo_sign_in::kStaff, demo_sign_in::kGovernor}) {
    auto b = i.SignIn(who);
    for (const auto& call : calls)
      EXPECT_EQ(i.Send(call.method, call.target, &b, call.body).status, 403)
          << who << " " << call.target;
    EXPECT_EQ(i.Send("POST", t + "/pipeline/snapshots", &b, "{}").status, 403) << who;
  }
  for (const char* who :
       {demo_sign_in::kLineManager, demo_sign_in::kStaff, demo_sign_in::kGovernor}) {
    auto b = i.SignIn(who);
    EXPECT_EQ(i.Send("GET", t + "/reports/local-governing-body?school_id=1", &b).status, 403)
        << who;
  }
  auto other = i.SignIn(Instance::kOtherAdmin);
  for (const auto& call : calls)
    EXPECT_EQ(i.Send(call.method, call.target, &other, call.body).status, 404) << call.target;
  EXPECT_EQ(i.Send("GET", t + "/reports/local-governing-body?school_id=1", &other).status, 404);
  EXPECT_EQ(i.Send("POST", t + "/pipeline/snapshots", &other, "{}").status, 404);
  // Their own trust's pipeline is theirs to see.
  EXPECT_EQ(
      i.Send("GET", "/api/v1/trusts/" + Str(i.other_trust().value()) + "/pipeline", &other).status,
      200);

  // Every read the CEO made is in the audit log.
  auto admin = i.SignIn(kTrustAdmin);
  for (const auto& [entity, id] : std::vector<std::pair<std::string, std::string>>{
           {"succession_pipeline", "dashboard"},
           {"succession_pipeline", "trend"},
           {"succession_simulation", "attrition"},
           {"succession_report", "board"},
           {"succession_report", "pay_and_personnel"}}) {
    auto audit = Get(i, t + "/audit?action=read&entity=" + entity + "&entity_id=" + id, admin);
    ASSERT_GE(audit["total"].get<int>(), 1) << entity << " " << id;
    EXPECT_EQ(audit["items"][0]["actor"], kExecutive);
    EXPECT_EQ(audit["items"][0]["user_id"], ceo.user["id"]);
  }
}

}  // namespace
}  // namespace trellis::testing
