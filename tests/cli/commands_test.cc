// The talent review, succession and report commands of the trellis binary, run against a fresh
// demo store and compared with what the domain functions the API uses give on the same store
// (never with a copy of the expected text): the same ranking in the same order, the same
// coverage, the same reports; each confidential read audit-logged as "cli"; and the exit codes
// docs/cli.md promises.

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>

#include "app/app.h"
#include "demo/demo.h"
#include "exchange/csv.h"
#include "exchange/encoding.h"
#include "exchange/exchange.h"
#include "privacy/archive.h"
#include "privacy/model.h"
#include "reports/report_files.h"
#include "succession/plan_evaluation.h"
#include "succession/trust_pipeline.h"
#include "succession/trust_plans.h"
#include "succession/trust_ranking.h"
#include "succession/trust_simulation.h"
#include "talent/review_reads.h"

namespace trellis {
namespace {

using nlohmann::json;

struct Answer {
  int code = -1;
  std::string out;  // standard output
  std::string err;  // standard error
};

class CliCommands : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("trellis-cli-commands-" + std::to_string(std::random_device{}()));
    std::filesystem::create_directories(dir_);
    Config config;
    config.store = "sqlite:" + (dir_ / "t.db").string();
    auto opened = app::App::Open(config);
    ASSERT_TRUE(opened) << opened.error().message;
    app_ = std::move(*opened);
    auto demo = demo::CreateDemoTrust(store(), {.today = Today(), .now = app_->clock().Now()});
    ASSERT_TRUE(demo) << demo.error().message;
    trust_ = demo->trust;
  }
  void TearDown() override {
    app_.reset();
    std::filesystem::remove_all(dir_);
  }

  store::Store& store() { return app_->store(); }
  Date Today() const { return app_->clock().Today(); }

  // Runs trellis with `args` against the test's store.
  Answer Run(const std::string& args) {
    const auto out = dir_ / "out.txt", err = dir_ / "err.txt";
    const std::string command = "cd " + dir_.string() + " && " + TRELLIS_BINARY +
                                " --store sqlite:" + (dir_ / "t.db").string() + " " + args + " > " +
                                out.string() + " 2> " + err.string();
    const int status = std::system(command.c_str());
    Answer answer{.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1};
    answer.out = Slurp(out);
    answer.err = Slurp(err);
    return answer;
  }
  json RunJson(const std::string& args) {
    const Answer answer = Run(args);
    EXPECT_EQ(answer.code, 0) << args << "\n" << answer.err;
    return json::parse(answer.out, nullptr, false);
  }
  static std::string Slurp(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }

  // The audit entries of the trust with this entity (and entity id, when given).
  std::vector<access::AuditEntry> Audit(const std::string& entity, const std::string& id = "") {
    auto listing = store().ListAudit(
        {.trust = trust_, .entity = entity, .entity_id = id, .page = store::kEveryRow});
    EXPECT_TRUE(listing) << listing.error().message;
    return listing ? listing->items : std::vector<access::AuditEntry>();
  }
  // Reads recorded by the command line under this entity.
  size_t CliReads(const std::string& entity, const std::string& id = "") {
    size_t n = 0;
    for (const auto& e : Audit(entity, id))
      if (e.action == "read" && e.actor == "cli" && e.remote == "cli") ++n;
    return n;
  }

  talent::ReviewCycle LatestClosedCycle() {
    const auto cycles = store().ListReviewCycles(trust_);  // newest first
    EXPECT_TRUE(cycles);
    if (!cycles) return {};
    for (const auto& c : *cycles)
      if (c.status == talent::CycleStatus::kClosed) return c;
    ADD_FAILURE() << "the demo has no closed cycle";
    return {};
  }

  // The key posts of the demo with a plan, as the API lists them.
  succession::KeyPostPlans KeyPosts() {
    auto plans = succession::ReadKeyPostPlans(store(), trust_, Today());
    EXPECT_TRUE(plans) << plans.error().message;
    return plans ? std::move(*plans) : succession::KeyPostPlans{};
  }

  std::filesystem::path dir_;
  std::unique_ptr<app::App> app_;
  TrustId trust_;
};

// A CSV answer's records, its byte order mark left out.
std::vector<std::vector<std::string>> CsvRecords(std::string text) {
  if (text.starts_with(exchange::kUtf8Bom)) text.erase(0, exchange::kUtf8Bom.size());
  const auto table = exchange::csv::Parse(text);
  EXPECT_TRUE(table.issues.empty());
  return table.records;
}

// ---- The talent review ----

TEST_F(CliCommands, ReviewCyclesListsEveryCycleWithItsCounts) {
  const json cycles = RunJson("review cycles --format json");
  const auto stored = *store().ListReviewCycles(trust_);
  ASSERT_EQ(cycles.size(), stored.size());
  ASSERT_FALSE(stored.empty());
  for (size_t i = 0; i < stored.size(); ++i) {
    EXPECT_EQ(cycles[i]["year"], stored[i].year);
    EXPECT_EQ(cycles[i]["status"], Code(stored[i].status));
    const auto ratings =
        store().ListRatings({.trust = trust_, .cycle = stored[i].id, .page = {.limit = 1}});
    EXPECT_EQ(cycles[i]["ratings"], ratings->total);
  }
  const Answer text = Run("review cycles");
  EXPECT_EQ(text.code, 0);
  EXPECT_NE(text.out.find(stored.front().name), std::string::npos) << text.out;
}

TEST_F(CliCommands, ReviewGridCountsSumToTheFinalRatingsAndTheReadIsAudited) {
  const talent::ReviewCycle cycle = LatestClosedCycle();
  const std::string year = std::to_string(cycle.year);
  const json boxes = RunJson("review grid " + year + " --format json");
  ASSERT_EQ(boxes.size(), talent::kBoxes);
  size_t sum = 0;
  for (const auto& box : boxes) sum += box["people"].get<size_t>();
  const auto ratings =
      store().ListRatings({.trust = trust_, .cycle = cycle.id, .page = store::kEveryRow});
  ASSERT_TRUE(ratings);
  size_t finals = 0;
  for (const auto& r : ratings->items)
    if (r.final) ++finals;
  EXPECT_GT(finals, 0u);
  EXPECT_EQ(sum, finals);
  EXPECT_EQ(boxes[8]["box"], cycle.box_names[8]);
  EXPECT_EQ(CliReads("rating", "cycle " + std::to_string(cycle.id.value()) + " grid"), 1u);

  // A school's grid counts what the domain counts for that school.
  const auto school = store().ListSchools({.trust = trust_})->items.front();
  const json at_school =
      RunJson("review grid " + year + " --school " + std::to_string(school.urn) + " --format json");
  const auto read =
      talent::ReadGrid(store(), trust_, cycle, {.school = school.id}, std::nullopt, Today());
  ASSERT_TRUE(read);
  ASSERT_EQ(at_school.size(), talent::kBoxes);
  for (size_t i = 0; i < talent::kBoxes; ++i)
    EXPECT_EQ(at_school[i]["people"], read->grid.people[i].size()) << i;
  EXPECT_LT(read->grid.Total(), sum);

  const Answer text = Run("review grid " + year + " --people");
  EXPECT_EQ(text.code, 0) << text.err;
  EXPECT_NE(text.out.find(cycle.box_names[4]), std::string::npos) << text.out;
  EXPECT_EQ(Run("review grid 1999").code, 4);
  EXPECT_EQ(Run("review grid " + year + " --stage astronaut").code, 3);
  EXPECT_EQ(Run("review grid " + year + " --school 1").code, 4);
}

TEST_F(CliCommands, ReviewMovementIsTheDomainsMovement) {
  const talent::ReviewCycle cycle = LatestClosedCycle();
  const json movement = RunJson("review movement " + std::to_string(cycle.year) + " --format json");
  const auto read =
      talent::ReadMovement(store(), trust_, cycle, std::nullopt, {}, std::nullopt, Today());
  ASSERT_TRUE(read);
  ASSERT_TRUE(read->earlier) << "the demo has two cycles";
  const auto& summary = movement["summary"];
  ASSERT_EQ(summary.size(), 6u);
  EXPECT_EQ(summary[0]["people"], read->movement.up);
  EXPECT_EQ(summary[1]["people"], read->movement.down);
  EXPECT_EQ(summary[2]["people"], read->movement.same);
  EXPECT_EQ(summary[3]["people"], read->movement.across);
  size_t flowed = 0;
  for (const auto& flow : movement["flows"]) flowed += flow["people"].get<size_t>();
  EXPECT_EQ(flowed, read->movement.people.size());
  EXPECT_EQ(CliReads("rating", read->what), 1u);
}

TEST_F(CliCommands, ReviewOpenMoveAndCloseRecordThePipelinesSnapshot) {
  const size_t snapshots = store().ListPipelineSnapshots(trust_)->size();
  EXPECT_EQ(Run("review open --year 2031").code, 0);
  EXPECT_EQ(Run("review open --year 2031").code, 5);  // a cycle a year
  const auto cycles = *store().ListReviewCycles(trust_);
  ASSERT_EQ(cycles.front().year, 2031);
  EXPECT_EQ(cycles.front().status, talent::CycleStatus::kOpen);
  EXPECT_EQ(cycles.front().name, "Talent review 2031/32");

  EXPECT_EQ(Run("review move 2031 closed").code, 5);  // open → closed skips calibrating
  EXPECT_EQ(Run("review move 2031 calibrating").code, 0);
  EXPECT_EQ(Run("review move 2031 closed").code, 0);
  EXPECT_EQ(Run("review move 1999 closed").code, 4);
  EXPECT_EQ(Run("review move 2031 reopened").code, 2);

  const auto closed = *store().GetReviewCycle(trust_, cycles.front().id);
  EXPECT_EQ(closed.status, talent::CycleStatus::kClosed);
  const auto taken = *store().ListPipelineSnapshots(trust_);
  ASSERT_EQ(taken.size(), snapshots + 1);
  EXPECT_EQ(taken.back().cycle, closed.id);
  const auto entries = Audit("review_cycle", std::to_string(closed.id.value()));
  ASSERT_FALSE(entries.empty());
  for (const auto& e : entries) EXPECT_EQ(e.actor, "cli");
}

// ---- Succession ----

TEST_F(CliCommands, SuccessionRankIsTheDomainsRankingInItsOrder) {
  // The first key post (as the store lists them) with a few candidates.
  std::optional<succession::PostRanking> ranked;
  for (const auto& line : KeyPosts().posts) {
    auto r = succession::RankPostCandidates(store(), trust_, line.post.id, Today(), {.limit = 5});
    ASSERT_TRUE(r) << r.error().message;
    if (r->ranking.candidates.size() >= 3) {
      ranked = std::move(*r);
      break;
    }
  }
  ASSERT_TRUE(ranked);
  const std::string post = ranked->post.reference;
  const json rows = RunJson("succession rank " + post + " --top 5 --format json");
  ASSERT_EQ(rows.size(), ranked->ranking.candidates.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    const auto* person = ranked->snapshot.FindPerson(ranked->ranking.candidates[i].person);
    EXPECT_EQ(rows[i]["reference"], person->reference) << i;
    EXPECT_EQ(rows[i]["rank"], i + 1);
    EXPECT_NEAR(rows[i]["score"].get<double>(), ranked->ranking.candidates[i].score, 0.0005);
  }
  EXPECT_EQ(CliReads("succession_candidates", std::to_string(ranked->post.id.value())), 1u);

  const Answer text = Run("succession rank " + post);
  EXPECT_EQ(text.code, 0) << text.err;
  EXPECT_NE(text.out.find(ranked->snapshot.FindPerson(ranked->ranking.candidates[0].person)->name),
            std::string::npos);
  EXPECT_EQ(Run("succession rank NO-SUCH-POST").code, 4);
}

TEST_F(CliCommands, SuccessionPlanShowsThePlanAndIsAudited) {
  const auto posts = KeyPosts();
  const succession::KeyPostPlan* planned = nullptr;
  const succession::KeyPostPlan* unplanned = nullptr;
  for (const auto& line : posts.posts) {
    if (line.plan && !line.plan->candidates.empty() && !planned) planned = &line;
    if (!line.plan && !unplanned) unplanned = &line;
  }
  ASSERT_NE(planned, nullptr);
  const std::string plan_id = std::to_string(planned->plan->plan.id.value());
  EXPECT_EQ(CliReads("succession_plan", plan_id), 0u);
  const json plan = RunJson("succession plan " + planned->post.reference + " --format json");
  const auto& candidates = plan["candidates"];
  ASSERT_EQ(candidates.size(), planned->plan->candidates.size());
  for (size_t i = 0; i < candidates.size(); ++i) {
    const auto& c = planned->plan->candidates[i];
    EXPECT_EQ(candidates[i]["rank"], c.rank);
    EXPECT_EQ(candidates[i]["readiness"], Label(planned->evaluations.at(c.id).readiness));
  }
  EXPECT_EQ(plan["discussions"].size(), planned->plan->discussions.size());
  EXPECT_EQ(CliReads("succession_plan", plan_id), 1u);
  for (PersonId holder : planned->holders)
    EXPECT_EQ(CliReads("loss_risk", std::to_string(holder.value())), 1u);

  EXPECT_EQ(Run("succession plan NO-SUCH-POST").code, 4);
  if (unplanned) {
    EXPECT_EQ(Run("succession plan " + unplanned->post.reference).code, 4);
  }
}

TEST_F(CliCommands, SuccessionPlansCountWhatTheDomainCounts) {
  const auto posts = KeyPosts();
  const json rows = RunJson("succession plans --format json");
  ASSERT_EQ(rows.size(), posts.posts.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    const auto& line = posts.posts[i];
    EXPECT_EQ(rows[i]["post"], line.post.reference);
    const auto counts = succession::CountSuccessors(line.evaluations);
    EXPECT_EQ(rows[i]["successors"], counts.named) << line.post.reference;
    EXPECT_EQ(rows[i]["ready_now"], counts.ready_now) << line.post.reference;
    EXPECT_EQ(rows[i]["plan"], line.plan ? "yes" : "no");
  }
  EXPECT_EQ(CliReads("succession_plan", "list"), 1u);
  EXPECT_EQ(CliReads("loss_risk", "holders of key posts, list"), 1u);
}

TEST_F(CliCommands, SuccessionPipelineGivesTheEnginesFigures) {
  const json pipeline = RunJson("succession pipeline --format json");
  const auto measured = succession::ReadTrustPipeline(store(), trust_, Today());
  ASSERT_TRUE(measured);
  const auto& m = measured->metrics;
  auto figure = [&](const std::string& name) {
    for (const auto& row : pipeline["figures"])
      if (row["figure"] == name) return row;
    ADD_FAILURE() << "no figure " << name;
    return json();
  };
  const auto check = [&](const std::string& name, const succession::Proportion& p) {
    const json row = figure(name);
    EXPECT_EQ(row["numerator"], p.numerator) << name;
    EXPECT_EQ(row["denominator"], p.denominator) << name;
  };
  check("Coverage", m.overall.coverage.figure);
  check("Ready-now coverage", m.overall.ready_now_coverage.figure);
  check("Overloaded successors", m.overload);
  check("High-risk posts without a ready successor", m.high_risk_without_ready_successor.figure);
  check("Posts leaning on high-risk successors", m.leaning_on_high_risk_successors.figure);
  check("Overdue reviews", m.overdue_reviews.figure);
  check("Posts without a plan", m.without_plan.figure);
  EXPECT_GT(m.overall.coverage.figure.denominator, 0u);
  EXPECT_EQ(pipeline["bench_strength"].size(), 1 + succession::kRoleGroupCount);
  EXPECT_EQ(pipeline["posts_without_a_plan"].size(), m.without_plan.posts.size());
  EXPECT_EQ(pipeline["overloaded_successors"].size(), m.overloaded.size());
  EXPECT_EQ(CliReads("succession_pipeline", "dashboard"), 1u);
  EXPECT_EQ(Run("succession pipeline").code, 0);
}

TEST_F(CliCommands, SimulationsAreTheDomainsAndRefuseWhatIsOutOfRange) {
  const json years = RunJson("succession simulate --runs 300 --years 3 --seed 7 --format json");
  const auto pipeline = *succession::ReadTrustPipeline(store(), trust_, Today());
  const auto forecast =
      succession::SimulateAttrition(pipeline, {.runs = 300, .years = 3, .seed = 7});
  ASSERT_TRUE(forecast);
  ASSERT_EQ(years.size(), 3u);
  for (size_t y = 0; y < 3; ++y) {
    const auto& expected = forecast->result.per_year[y];
    EXPECT_NEAR(years[y]["external_appointments"].get<double>(), expected.external_mean, 0.005);
    EXPECT_EQ(years[y]["low_5_percent"], expected.external_low);
    EXPECT_EQ(years[y]["high_95_percent"], expected.external_high);
    EXPECT_NEAR(years[y]["internal_appointments"].get<double>(), expected.internal_mean, 0.005);
    EXPECT_NEAR(years[y]["internal_standard_error"].get<double>(), expected.internal_standard_error,
                0.0005);
  }
  EXPECT_EQ(CliReads("succession_simulation", "attrition"), 1u);
  EXPECT_EQ(Run("succession simulate --runs 0").code, 3);

  // --inputs-json writes what the simulation read: the domain's input, in its order.
  EXPECT_EQ(RunJson("succession simulate --runs 300 --years 3 --seed 7 --format json "
                    "--inputs-json inputs.json"),
            years);
  const json inputs = json::parse(Slurp(dir_ / "inputs.json"), nullptr, false);
  const succession::SimulationInput input = succession::AttritionInput(pipeline);
  EXPECT_EQ(inputs["runs"], 300);
  EXPECT_EQ(inputs["years"], 3);
  EXPECT_EQ(inputs["seed"], 7);
  EXPECT_EQ(inputs["settings"]["high_risk"], pipeline.settings.simulation.high_risk);
  EXPECT_EQ(inputs["settings"]["default_risk"], pipeline.settings.simulation.default_risk);
  ASSERT_EQ(inputs["people"].size(), forecast->people);
  ASSERT_EQ(inputs["posts"].size(), forecast->key_posts);
  size_t with_risk = 0;
  for (size_t i = 0; i < input.people.size(); ++i) {
    const json& person = inputs["people"][i];
    EXPECT_EQ(person["id"], input.people[i].id.value());
    if (input.people[i].risk) {
      ++with_risk;
      EXPECT_EQ(person["risk"], Code(*input.people[i].risk));
    } else {
      EXPECT_TRUE(person["risk"].is_null());
    }
  }
  EXPECT_GT(with_risk, 0u);
  size_t successors = 0;
  for (size_t p = 0; p < input.posts.size(); ++p) {
    const json& post = inputs["posts"][p];
    EXPECT_EQ(post["id"], input.posts[p].id.value());
    ASSERT_EQ(post["holders"].size(), input.posts[p].holders.size());
    for (size_t h = 0; h < input.posts[p].holders.size(); ++h)
      EXPECT_EQ(post["holders"][h], input.posts[p].holders[h].value());
    ASSERT_EQ(post["successors"].size(), input.posts[p].successors.size());
    for (size_t k = 0; k < input.posts[p].successors.size(); ++k) {
      const succession::NamedSuccessor& named = input.posts[p].successors[k];
      EXPECT_EQ(post["successors"][k]["person"], named.person.value());
      EXPECT_EQ(post["successors"][k]["readiness"], Code(named.readiness));
      ++successors;
    }
  }
  EXPECT_GT(successors, 0u);
  EXPECT_EQ(Run("succession simulate --inputs-json /nonexistent/dir/inputs.json").code, 3);

  // The chief executive's leaving, as the domain traces it.
  const auto& posts = pipeline.snapshot.posts();
  const auto ceo = std::find_if(posts.begin(), posts.end(), [](const succession::KeyPost& p) {
    return p.role_group == succession::RoleGroup::kTrustExecutive && !p.holders.empty();
  });
  ASSERT_NE(ceo, posts.end());
  const PersonId holder = ceo->holders.front();
  const json steps = RunJson("succession vacancy-chain " +
                             pipeline.snapshot.FindPerson(holder)->reference + " --format json");
  const auto traced = succession::TraceVacancyChain(pipeline, std::vector<PersonId>{holder},
                                                    succession::ReadinessRule::kFirstYear);
  ASSERT_TRUE(traced);
  ASSERT_EQ(steps.size(), traced->size());
  ASSERT_FALSE(steps.empty());
  EXPECT_EQ(steps[0]["post"], pipeline.KeyPostOf((*traced)[0].post).title);
  EXPECT_EQ(CliReads("succession_simulation", "vacancy_chain"), 1u);
  EXPECT_EQ(Run("succession vacancy-chain NOBODY-123").code, 4);
}

// ---- Reports ----

TEST_F(CliCommands, ReportsAreTheApisReports) {
  const auto board = reports::ReadBoardReport(store(), trust_, Today());
  ASSERT_TRUE(board);
  const Answer csv = Run("report board --format csv");
  ASSERT_EQ(csv.code, 0) << csv.err;
  const auto records = CsvRecords(csv.out);
  ASSERT_FALSE(records.empty());
  EXPECT_EQ(records.front().front(), "Post");
  EXPECT_EQ(records.size(), 1 + board->roles.size());  // the header, a row per key trust role
  EXPECT_GT(board->roles.size(), 0u);

  EXPECT_EQ(RunJson("report board --format json"), reports::ToJson(*board));
  EXPECT_EQ(CliReads("succession_report", "board"), 2u);

  const auto committee = *reports::ReadPayAndPersonnelReport(store(), trust_, Today());
  const auto committee_csv = CsvRecords(Run("report pay-and-personnel --format csv").out);
  // The schools' table under its title: the header, a row per school and one for them all.
  ASSERT_GT(committee_csv.size(), 2u);
  EXPECT_EQ(committee_csv[0], std::vector<std::string>{"Schools"});
  const size_t columns = committee_csv[1].size();
  size_t rows = 0;
  for (size_t i = 2; i < committee_csv.size() && committee_csv[i].size() == columns; ++i) ++rows;
  EXPECT_EQ(rows, committee.schools.size() + 1);

  const auto school = store().ListSchools({.trust = trust_})->items.front();
  const auto governors =
      *reports::ReadLocalGoverningBodyReport(store(), trust_, school.id, Today());
  ASSERT_TRUE(governors);
  EXPECT_EQ(RunJson("report local-governing-body --school " + std::to_string(school.urn)),
            reports::ToJson(*governors));
  EXPECT_EQ(Run("report local-governing-body --school 1").code, 4);
  EXPECT_EQ(Run("report local-governing-body").code, 2);  // --school is required

  EXPECT_EQ(Run("report board --format xlsx -o board.xlsx").code, 0);
  EXPECT_GT(std::filesystem::file_size(dir_ / "board.xlsx"), 1000u);
}

TEST_F(CliCommands, AnOutputFileThatCannotBeWrittenIsRefusedBeforeAnythingIsRead) {
  const size_t reads = CliReads("succession_report");
  const Answer answer = Run("report board --format csv -o /nonexistent/dir/x.csv");
  EXPECT_EQ(answer.code, 3);
  EXPECT_NE(answer.err.find("/nonexistent/dir/x.csv"), std::string::npos) << answer.err;
  EXPECT_EQ(CliReads("succession_report"), reads);
  EXPECT_EQ(Run("export people -o /nonexistent/dir/people.csv").code, 3);
}

// ---- Every command ----

TEST_F(CliCommands, ImportAndExportTakeEveryKindOfTheExchangeModule) {
  const Answer import = Run("import --help");
  const Answer exported = Run("export --help");
  EXPECT_EQ(import.code, 0);
  EXPECT_EQ(exported.code, 0);
  for (exchange::Kind kind : exchange::AllKinds()) {
    const std::string code(exchange::KindCode(kind));
    EXPECT_NE(import.out.find(code), std::string::npos) << code;
    if (exchange::CanExport(kind)) {
      EXPECT_NE(exported.out.find(code), std::string::npos) << code;
    }
  }
  EXPECT_EQ(Run("import no-such-kind x.csv").code, 2);
}

// Ratings, risks and plans leave through `export` only with a read in the audit log, as
// through the API; the organisation's lists are not confidential and are not logged.
TEST_F(CliCommands, ExportsOfConfidentialKindsAreAuditedReads) {
  const int year = LatestClosedCycle().year;
  const Answer ratings = Run("export ratings --year " + std::to_string(year));
  ASSERT_EQ(ratings.code, 0) << ratings.err;
  EXPECT_NE(ratings.out.find("performance"), std::string::npos);
  EXPECT_EQ(CliReads("rating", "export, cycle of " + std::to_string(year)), 1u);
  ASSERT_EQ(Run("export risks").code, 0);
  EXPECT_EQ(CliReads("loss_risk", "export"), 1u);
  ASSERT_EQ(Run("export successors").code, 0);
  ASSERT_EQ(Run("export key-posts").code, 0);
  EXPECT_EQ(CliReads("succession_plan", "export"), 2u);
  const size_t before = Audit("").size();
  ASSERT_EQ(Run("export people").code, 0);
  EXPECT_EQ(Audit("").size(), before);
  EXPECT_EQ(Run("export people --year 2025").code, 3);
}

TEST_F(CliCommands, EveryCommandHasHelp) {
  for (const char* command : {"review",
                              "review cycles",
                              "review open",
                              "review move",
                              "review grid",
                              "review movement",
                              "succession",
                              "succession rank",
                              "succession plans",
                              "succession plan",
                              "succession pipeline",
                              "succession simulate",
                              "succession vacancy-chain",
                              "report",
                              "report board",
                              "report pay-and-personnel",
                              "report local-governing-body",
                              "serve",
                              "migrate",
                              "demo",
                              "import",
                              "export",
                              "trust add",
                              "trust list",
                              "user add",
                              "user passwd",
                              "user list"}) {
    const Answer answer = Run(std::string(command) + " --help");
    EXPECT_EQ(answer.code, 0) << command;
    EXPECT_NE(answer.out.find("--help"), std::string::npos) << command;
  }
  EXPECT_EQ(Run("review").code, 2);
  EXPECT_EQ(Run("succession rank").code, 2);
}


// ---- Personal data (UK GDPR) ----

// The value of a store read the test needs to go on (an exception ends the test).
template <typename T>
T Must(Result<T> result) {
  if (!result) throw std::runtime_error(result.error().message);
  return std::move(*result);
}

TEST_F(CliCommands, PersonExportWritesTheArchiveTheDomainBuildsAndIsAudited) {
  const auto people = Must(store().ListPeople({.trust = trust_, .today = Today(), .page = {.limit = 1}}));
  const org::Person& person = people.items.at(0);
  const auto file = dir_ / "sar.zip";
  const Answer answer = Run("person export --person " + person.reference + " -o " + file.string());
  ASSERT_EQ(answer.code, 0) << answer.err;
  auto files = Must(privacy::ReadArchive(Slurp(file)));
  std::optional<json> record;
  for (const auto& f : files)
    if (f.name == "person.json") record = json::parse(f.bytes);
  ASSERT_TRUE(record);
  EXPECT_EQ((*record)["person"]["id"], person.id.value());
  const auto reads = Must(store().ListAudit({.trust = trust_, .entity = "person",
                                             .entity_id = std::to_string(person.id.value()),
                                             .action = "read"}));
  ASSERT_EQ(reads.total, 1);
  EXPECT_EQ(reads.items[0].actor, "cli");
  EXPECT_EQ(Run("person export --person NO-SUCH-REF").code, 4);
}

TEST_F(CliCommands, PersonEraseNeedsYesAndRefusesSomeoneInPost) {
  const auto holdings = Must(store().ListHoldings({.trust = trust_, .current_on = Today(), .page = {.limit = 1}}));
  const auto person = Must(store().GetPerson(trust_, holdings.items.at(0).person));
  EXPECT_EQ(Run("person erase --person " + person.reference).code, 2);
  EXPECT_EQ(Run("person erase --person " + person.reference + " --yes").code, 5);
  EXPECT_EQ(Must(store().GetPerson(trust_, person.id)).family_name, person.family_name);
}

TEST_F(CliCommands, RetentionRulesAreSetShownAndRunDry) {
  EXPECT_EQ(RunJson("retention rules --format json"),
            json::parse(R"([{"rule":"Talent-review data of leavers","years":"off"},)"
                        R"({"rule":"Erasure of leavers","years":"off"},)"
                        R"({"rule":"Audit entries","years":"off"}])"));
  EXPECT_EQ(Run("retention set --audit-years 5").code, 3);
  ASSERT_EQ(Run("retention set --leaver-review-years 1 --audit-years 7").code, 0);
  EXPECT_EQ(Must(store().GetRetentionRules(trust_)),
            (privacy::RetentionRules{.leaver_review_years = 1, .audit_years = 7}));
  ASSERT_EQ(Run("retention set --audit-years off").code, 0);
  EXPECT_EQ(Must(store().GetRetentionRules(trust_)), (privacy::RetentionRules{.leaver_review_years = 1}));

  const auto ratings = Must(store().ListRatings({.trust = trust_, .page = {.limit = 1}})).total;
  const json dry = RunJson("retention run --dry-run --today 2090-01-01 --format json");
  ASSERT_EQ(dry.size(), 1u);
  EXPECT_EQ(dry[0]["trust"], trust_.value());
  EXPECT_EQ(Must(store().ListRatings({.trust = trust_, .page = {.limit = 1}})).total, ratings);
  const json run = RunJson("retention run --today 2090-01-01 --format json");
  EXPECT_EQ(run, dry);
  EXPECT_EQ(Run("retention run --today 1-1-2090").code, 3);
}

}  // namespace
}  // namespace trellis
