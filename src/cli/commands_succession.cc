// Succession planning: `trellis succession rank|plans|plan|pipeline|simulate|vacancy-chain`.
// Each reads through the same domain functions as the API's routes (succession/trust_*.h)
// and records its read in the audit log as the API does, with actor "cli".

#include <iostream>
#include <memory>
#include <set>
#include <unordered_map>

#include "cli/commands.h"
#include "org/people.h"
#include "succession/plan_evaluation.h"
#include "succession/trust_pipeline.h"
#include "succession/trust_plans.h"
#include "succession/trust_ranking.h"
#include "succession/trust_simulation.h"
#include "talent/competency_names.h"

namespace trellis::cli {
namespace {

using exchange::Table;
using succession::Proportion;

Result<org::Post> FindPost(store::Store& store, TrustId trust, const std::string& reference) {
  auto post = TRY(store.FindPostByReference(trust, reference));
  if (!post)
    return Fail(ErrorCode::kNotFound, "the trust has no post with reference '" + reference + "'");
  return *post;
}

template <typename E>
std::string LabelOf(const std::optional<E>& value) {
  return value ? std::string(Label(*value)) : std::string();
}

std::string YesNo(bool value) { return value ? "yes" : "no"; }

std::string DateOf(const std::optional<Date>& day) { return day ? day->ToIso() : std::string(); }

std::string Joined(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& part : parts) out += (out.empty() ? "" : "; ") + part;
  return out;
}

// A share as a percentage to one decimal place; blank for 0 of 0.
std::string Percent(const Proportion& p) {
  const auto value = p.value();
  return value ? Number(*value * 100, 1) : std::string();
}

// Gaps as "Competency 2/3" (assessed/required).
Result<std::string> GapsText(const std::vector<succession::Gap>& gaps,
                             talent::CompetencyNames& competencies) {
  std::vector<std::string> parts;
  for (const auto& g : gaps)
    parts.push_back(TRY(competencies.Of(g.competency)) + " " + std::to_string(g.assessed) + "/" +
                    std::to_string(g.required));
  return Joined(parts);
}

// The school names of the trust, by id.
Result<std::unordered_map<SchoolId, std::string>> SchoolNames(store::Store& store, TrustId trust) {
  std::unordered_map<SchoolId, std::string> names;
  for (const auto& s : TRY(store.ListSchools({.trust = trust, .page = store::kEveryRow})).items)
    names.emplace(s.id, s.name);
  return names;
}

std::string NameIn(const std::unordered_map<SchoolId, std::string>& names,
                   const std::optional<SchoolId>& school) {
  if (!school) return {};
  auto it = names.find(*school);
  return it == names.end() ? std::string() : it->second;
}

// ---- succession rank ----

void AddRank(Commands& commands, CLI::App* succession) {
  struct Options : TrustOptions {
    std::string post;
    size_t top = 10;
    bool exclude_named = false;
  };
  auto o = std::make_shared<Options>();
  auto* command = AddTrustCommand(
      succession, "rank",
      "Rank the trust's candidates for a key post, by the trust's formula settings", *o);
  command->add_option("post", o->post, "the key post's reference")->required();
  command->add_option("--top", o->top, "how many candidates (default 10)")
      ->check(CLI::Range(1, 500));
  command->add_flag("--exclude-named", o->exclude_named,
                    "leave out the people the post's plan names already");
  commands.OnTrust(command, o->trust, [o](app::App& app, TrustId trust) -> Result<void> {
    auto& store = app.store();
    const org::Post post = TRY(FindPost(store, trust, o->post));
    const auto ranked =
        TRY(succession::RankPostCandidates(store, trust, post.id, app.clock().Today(),
                                           {.limit = o->top, .exclude_named = o->exclude_named}));
    talent::CompetencyNames competencies(store, trust);
    Table table{.name = "",
                .columns = {{"Rank", true},
                            {"Name"},
                            {"Reference"},
                            {"Stage"},
                            {"Score", true},
                            {"Match", true},
                            {"Talent", true},
                            {"Proximity", true},
                            {"Steps", true},
                            {"Readiness"},
                            {"Named"},
                            {"Gaps"}}};
    for (const auto& c : ranked.ranking.candidates) {
      const auto* person = ranked.snapshot.FindPerson(c.person);  // ranked people come from it
      table.rows.push_back(
          {Count(table.rows.size() + 1), person->name, person->reference, LabelOf(person->stage),
           Number(c.score, 3), Number(c.match, 3), c.rated ? Number(c.talent, 3) : "",
           Number(c.proximity, 3), std::to_string(c.steps), std::string(Label(c.suggested)),
           YesNo(ranked.named.contains(c.person)), TRY(GapsText(c.gaps, competencies))});
    }
    TRY(app.plans().RecordRead(trust, succession::SuccessionRead::kCandidates,
                               std::to_string(post.id.value()), "", CliActor()));
    const auto& f = ranked.settings;
    std::vector<std::string> heading = {
        post.title + " (" + post.reference + "): " + Count(ranked.ranking.eligible) +
        " eligible; score = " + Number(f.match_weight) + "·match + " + Number(f.talent_weight) +
        "·talent + " + Number(f.proximity_weight) + "·proximity"};
    for (auto note : ranked.ranking.notes) heading.push_back(std::string(Label(note)));
    Print({&table, 1}, o->output, heading);
    return Ok();
  });
}

// ---- succession plans ----

void AddPlans(Commands& commands, CLI::App* succession) {
  struct Options : TrustOptions {
    std::string school;
  };
  auto o = std::make_shared<Options>();
  auto* command = AddTrustCommand(
      succession, "plans",
      "Every key post: holder, risk of loss, successors, ready now, review date", *o);
  command->add_option("--school", o->school, "only the key posts serving the school with this URN");
  commands.OnTrust(command, o->trust, [o](app::App& app, TrustId trust) -> Result<void> {
    auto& store = app.store();
    const Date today = app.clock().Today();
    std::optional<SchoolId> school;
    if (!o->school.empty()) school = TRY(SchoolByUrn(store, trust, o->school));
    const auto plans = TRY(succession::ReadKeyPostPlans(store, trust, today));
    const auto schools = TRY(SchoolNames(store, trust));
    const succession::CurrentRisks risks(plans.risks);
    auto name = [&plans](PersonId person) {
      auto it = plans.names.find(person);
      return it == plans.names.end() ? std::string() : it->second;
    };
    Table table{.name = "",
                .columns = {{"Post"},
                            {"Title"},
                            {"School"},
                            {"Holder"},
                            {"Risk of loss"},
                            {"Plan"},
                            {"Successors", true},
                            {"Ready now", true},
                            {"Emergency successor"},
                            {"Review on"},
                            {"Overdue"}}};
    for (const auto& line : plans.posts) {
      if (school && line.school != school) continue;
      std::vector<std::string> holders, holder_risks;
      for (PersonId holder : line.holders) {
        holders.push_back(name(holder));
        holder_risks.push_back(LabelOf(risks.Of(holder)));
      }
      std::vector<std::string> row = {
          line.post.reference, line.post.title, NameIn(schools, line.school),
          holders.empty() ? "Vacant" : Joined(holders), Joined(holder_risks)};
      if (line.plan) {
        const auto counts = succession::CountSuccessors(line.evaluations);
        std::string emergency;
        for (const auto& c : line.plan->candidates)
          if (c.emergency) emergency = c.person ? name(*c.person) : c.external_name;
        row.insert(row.end(), {"yes", Count(counts.named), Count(counts.ready_now), emergency,
                               DateOf(line.plan->plan.review_on),
                               YesNo(succession::IsOverdue(line.plan->plan, today))});
      } else {
        row.insert(row.end(), {"no", "0", "0", "", "", ""});
      }
      table.rows.push_back(std::move(row));
    }
    // As the API records the list of plans.
    const std::string what =
        school ? "list, school " + std::to_string(school->value()) : std::string("list");
    TRY(app.plans().RecordPlansRead(trust, what, CliActor()));
    TRY(app.plans().RecordRisksRead(trust, "holders of key posts, " + what, CliActor()));
    Print({&table, 1}, o->output);
    return Ok();
  });
}

// ---- succession plan ----

void AddPlan(Commands& commands, CLI::App* succession) {
  struct Options : TrustOptions {
    std::string post;
  };
  auto o = std::make_shared<Options>();
  auto* command = AddTrustCommand(
      succession, "plan",
      "One key post's succession plan in full: candidates, gaps, discussions, risk", *o);
  command->add_option("post", o->post, "the key post's reference")->required();
  commands.OnTrust(command, o->trust, [o](app::App& app, TrustId trust) -> Result<void> {
    auto& store = app.store();
    const Date today = app.clock().Today();
    org::Post post = TRY(FindPost(store, trust, o->post));
    const auto plan = TRY(store.FindPlanForPost(trust, post.id));
    if (!plan) return Fail(ErrorCode::kNotFound, "the post " + o->post + " has no succession plan");
    const auto full =
        TRY(succession::ReadPlanInFull(store, trust, plan->id, std::move(post), today));
    const auto schools = TRY(SchoolNames(store, trust));
    talent::CompetencyNames competencies(store, trust);
    auto name = [&full](PersonId person) {
      auto it = full.people.find(person);
      return it == full.people.end() ? std::string() : org::FullName(it->second);
    };
    auto reference = [&full](PersonId person) {
      auto it = full.people.find(person);
      return it == full.people.end() ? std::string() : it->second.reference;
    };

    const succession::SuccessionPlan& p = full.content.plan;
    const auto counts = succession::CountSuccessors(full.evaluations);
    Table about{.name = "Plan", .columns = {{"Field"}, {"Value"}}};
    about.rows = {{"Post", full.post.title + " (" + full.post.reference + ")"},
                  {"School", NameIn(schools, full.school)}};
    for (const auto& h : full.holdings) {
      auto risk = full.risks.find(h.person);
      std::string text = name(h.person);
      if (risk != full.risks.end())
        text += " — risk of loss " + std::string(Label(risk->second.risk)) +
                (risk->second.window ? ", " + std::string(Label(*risk->second.window)) : "");
      about.rows.push_back({"Holder", text});
    }
    if (full.holdings.empty()) about.rows.push_back({"Holder", "Vacant"});
    about.rows.insert(about.rows.end(),
                      {{"Impact of loss", LabelOf(p.impact)},
                       {"Named successors", Count(counts.named)},
                       {"Ready now", Count(counts.ready_now)},
                       {"No internal successor likely", YesNo(succession::NoInternalSuccessorLikely(
                                                            full.content, full.evaluations))},
                       {"Consider external", YesNo(p.consider_external)},
                       {"Review on", DateOf(p.review_on)},
                       {"Review overdue", YesNo(succession::IsOverdue(p, today))},
                       {"Notes", p.notes}});

    Table candidates{.name = "Candidates",
                     .columns = {{"Rank", true},
                                 {"Name"},
                                 {"Reference"},
                                 {"Readiness"},
                                 {"Readiness set by"},
                                 {"Emergency"},
                                 {"Named successor"},
                                 {"Eligible"},
                                 {"Score", true},
                                 {"Match", true},
                                 {"Gaps"}}};
    for (const auto& c : full.content.candidates) {
      const succession::CandidateEvaluation& e = full.evaluations.at(c.id);
      const std::string judged = !e.readiness_judged ? "formula"
                                 : c.internal()      ? "override: " + c.readiness_reason
                                                     : "leaders (from outside)";
      candidates.rows.push_back(
          {std::to_string(c.rank), c.person ? name(*c.person) : c.external_name,
           c.person ? reference(*c.person) : "external", std::string(Label(e.readiness)), judged,
           YesNo(c.emergency), YesNo(e.named_successor), YesNo(e.eligible),
           e.formula ? Number(e.formula->score, 3) : "",
           e.formula ? Number(e.formula->match, 3) : "",
           e.formula ? TRY(GapsText(e.formula->gaps, competencies)) : ""});
    }
    Table discussions{.name = "Discussions",
                      .columns = {{"Held on"}, {"Forum"}, {"Attendees"}, {"Outcome"}}};
    for (const auto& d : full.content.discussions)
      discussions.rows.push_back(
          {d.held_on.ToIso(), std::string(Label(d.forum)), d.attendees, d.outcome});
    Table actions{.name = "Development actions",
                  .columns = {{"Person"}, {"Action"}, {"Status"}, {"Due on"}}};
    for (const auto& a : full.actions)
      actions.rows.push_back(
          {name(a.person), a.title, std::string(Label(a.status)), DateOf(a.due_on)});

    // As the API records a plan read: each holder's risk, then the plan.
    for (const auto& h : full.holdings)
      TRY(app.plans().RecordRisksRead(trust, std::to_string(h.person.value()), CliActor()));
    TRY(app.plans().RecordPlansRead(trust, std::to_string(p.id.value()), CliActor()));
    const Table tables[] = {about, candidates, discussions, actions};
    Print(tables, o->output);
    return Ok();
  });
}

// ---- succession pipeline ----

// "3 of 8" with its numerator and denominator as the engine gives them.
std::vector<std::string> FigureRow(const std::string& name, const Proportion& p) {
  return {name, Count(p.numerator), Count(p.denominator), Percent(p)};
}

void AddPipeline(Commands& commands, CLI::App* succession) {
  struct Options : TrustOptions {};
  auto o = std::make_shared<Options>();
  auto* command = AddTrustCommand(
      succession, "pipeline",
      "The succession pipeline: coverage, bench strength and the lists behind them", *o);
  commands.OnTrust(command, o->trust, [o](app::App& app, TrustId trust) -> Result<void> {
    auto& store = app.store();
    const auto pipeline = TRY(succession::ReadTrustPipeline(store, trust, app.clock().Today()));
    const succession::PipelineMetrics& m = pipeline.metrics;
    std::unordered_map<PostId, std::string> references;
    for (const auto& p :
         TRY(store.ListPosts(
                 {.trust = trust, .key = true, .today = pipeline.today, .page = store::kEveryRow}))
             .items)
      references.emplace(p.id, p.reference);
    auto post_row = [&](PostId id) -> std::vector<std::string> {
      const succession::KeyPost& post = pipeline.KeyPostOf(id);
      return {references[id], post.title, pipeline.SchoolNameOf(post.school),
              post.holders.empty() ? "Vacant" : pipeline.NameOf(post.holders.front())};
    };
    const std::vector<exchange::SheetColumn> post_columns = {
        {"Post"}, {"Title"}, {"School"}, {"Holder"}};
    auto posts_table = [&](std::string name, const std::vector<PostId>& posts) {
      Table table{.name = std::move(name), .columns = post_columns};
      for (PostId id : posts) table.rows.push_back(post_row(id));
      return table;
    };

    const std::vector<exchange::SheetColumn> figure_columns = {
        {"Figure"}, {"Numerator", true}, {"Denominator", true}, {"Percent", true}};
    Table figures{.name = "Figures", .columns = figure_columns};
    figures.rows = {FigureRow("Coverage", m.overall.coverage.figure),
                    FigureRow("Ready-now coverage", m.overall.ready_now_coverage.figure),
                    FigureRow("Overloaded successors", m.overload),
                    FigureRow("High-risk posts without a ready successor",
                              m.high_risk_without_ready_successor.figure),
                    FigureRow("Posts leaning on high-risk successors",
                              m.leaning_on_high_risk_successors.figure),
                    FigureRow("Overdue reviews", m.overdue_reviews.figure),
                    FigureRow("Posts without a plan", m.without_plan.figure),
                    FigureRow("Vacant key posts", m.vacant.figure),
                    FigureRow("Development actions on track", m.actions.figure)};

    Table bench{.name = "Bench strength",
                .columns = {{"Role group"},
                            {"Key posts", true},
                            {"Covered", true},
                            {"Ready now", true},
                            {"Bench total", true},
                            {"Bench strength", true}}};
    auto bench_row = [](std::string name, const succession::PipelineCell& cell) {
      const auto strength = cell.bench.strength();
      return std::vector<std::string>{std::move(name),
                                      Count(cell.posts.size()),
                                      Count(cell.coverage.figure.numerator),
                                      Count(cell.ready_now_coverage.figure.numerator),
                                      Number(cell.bench.total),
                                      strength ? Number(*strength) : ""};
    };
    bench.rows.push_back(bench_row("All key posts", m.overall));
    for (succession::RoleGroup group : succession::kRoleGroups)
      bench.rows.push_back(
          bench_row(std::string(Label(group)), m.by_role_group[static_cast<size_t>(group)]));

    Table overloaded{.name = "Overloaded successors",
                     .columns = {{"Name"}, {"Plans", true}, {"Posts"}}};
    for (const auto& person : m.overloaded) {
      std::vector<std::string> titles;
      for (PostId id : person.posts) {
        const succession::KeyPost& post = pipeline.KeyPostOf(id);
        titles.push_back(post.title +
                         (post.school ? ", " + pipeline.SchoolNameOf(post.school) : std::string()));
      }
      overloaded.rows.push_back(
          {pipeline.NameOf(person.person), Count(person.posts.size()), Joined(titles)});
    }
    Table leaning{.name = "Plans leaning on high-risk successors",
                  .columns = {{"Post"}, {"Title"}, {"School"}, {"Successor"}}};
    for (const auto& pair : m.high_risk_successors) {
      auto row = post_row(pair.post);
      row.back() = pipeline.NameOf(pair.person);
      leaning.rows.push_back(std::move(row));
    }
    const Table tables[] = {figures,
                            bench,
                            overloaded,
                            posts_table("High-risk posts without a ready successor",
                                        m.high_risk_without_ready_successor.posts),
                            leaning,
                            posts_table("Overdue reviews", m.overdue_reviews.posts),
                            posts_table("Posts without a plan", m.without_plan.posts)};
    TRY(app.plans().RecordRead(trust, succession::SuccessionRead::kPipeline, "dashboard", "",
                               CliActor()));
    Print(tables, o->output, {"Succession pipeline on " + pipeline.today.ToIso()});
    return Ok();
  });
}

// ---- succession simulate ----

void AddSimulate(Commands& commands, CLI::App* succession) {
  struct Options : TrustOptions {
    succession::AttritionQuestion question;
    std::string inputs_file;
  };
  auto o = std::make_shared<Options>();
  auto* command = AddTrustCommand(
      succession, "simulate",
      "Simulate attrition: external appointments to key posts expected each year", *o);
  command->add_option("--runs", o->question.runs, "runs of the Monte Carlo (default 10000)");
  command->add_option("--years", o->question.years, "years ahead (default 5)");
  command->add_option("--seed", o->question.seed,
                      "random seed (default 1): same seed, same answer");
  command->add_option("--inputs-json", o->inputs_file,
                      "also write what the simulation reads (posts, holders, successors, risks, "
                      "settings) to this JSON file");
  commands.OnTrust(command, o->trust, [o](app::App& app, TrustId trust) -> Result<void> {
    auto& store = app.store();
    if (auto problems = succession::Check(o->question); !problems.empty())
      return Refuse(std::move(problems));
    if (!o->inputs_file.empty()) TRY(CheckWritable(o->inputs_file));
    const auto pipeline = TRY(succession::ReadTrustPipeline(store, trust, app.clock().Today()));
    const auto forecast = TRY(succession::SimulateAttrition(pipeline, o->question));
    Table years{.name = "",
                .columns = {{"Year", true},
                            {"External appointments", true},
                            {"Standard error", true},
                            {"Low (5%)", true},
                            {"High (95%)", true},
                            {"Internal appointments", true},
                            {"Internal standard error", true}}};
    for (const auto& y : forecast.result.per_year)
      years.rows.push_back({std::to_string(y.year), Number(y.external_mean),
                            Number(y.external_standard_error, 3), std::to_string(y.external_low),
                            std::to_string(y.external_high), Number(y.internal_mean),
                            Number(y.internal_standard_error, 3)});
    std::vector<std::string> vacant;
    for (PostId id : forecast.result.vacant_at_start)
      vacant.push_back(pipeline.KeyPostOf(id).title);
    TRY(succession::RecordAttritionRead(app.plans(), trust, o->question, CliActor()));
    if (!o->inputs_file.empty())
      TRY(WriteFile(o->inputs_file, succession::AttritionInputs(pipeline, o->question).dump(1)));
    std::vector<std::string> heading = {
        std::to_string(forecast.result.runs) + " runs over " +
            std::to_string(forecast.result.years) + " years (seed " +
            std::to_string(forecast.result.seed) + "): " + Count(forecast.key_posts) +
            " key posts, " + Count(forecast.people) + " holders and named successors.",
        "External appointments per year: the mean, and the 90% interval from low to high."};
    if (!vacant.empty()) heading.push_back("Vacant now, not simulated: " + Joined(vacant));
    Print({&years, 1}, o->output, heading);
    return Ok();
  });
}

// ---- succession vacancy-chain ----

void AddVacancyChain(Commands& commands, CLI::App* succession) {
  struct Options : TrustOptions {
    std::vector<std::string> leavers;
    bool later_years = false;
  };
  auto o = std::make_shared<Options>();
  auto* command =
      AddTrustCommand(succession, "vacancy-chain",
                      "What if these people leave: each vacated key post and who fills it", *o);
  command->add_option("staff", o->leavers, "the leavers' staff references")->required();
  command->add_flag("--later-years", o->later_years,
                    "appoint successors ready in 1–2 years too (default: ready now only)");
  commands.OnTrust(command, o->trust, [o](app::App& app, TrustId trust) -> Result<void> {
    auto& store = app.store();
    if (o->leavers.size() > succession::kMaxLeavers)
      return Fail(ErrorCode::kInvalidInput,
                  "at most " + Count(succession::kMaxLeavers) + " people may leave at once");
    const auto pipeline = TRY(succession::ReadTrustPipeline(store, trust, app.clock().Today()));
    std::unordered_map<std::string, PersonId> by_reference;
    for (const auto& person : pipeline.snapshot.people())
      by_reference.emplace(person.reference, person.id);
    std::vector<PersonId> leavers;
    std::set<PersonId> seen;
    for (const auto& reference : o->leavers) {
      auto it = by_reference.find(reference);
      if (it == by_reference.end())
        return Fail(ErrorCode::kNotFound,
                    "no current member of the trust has the staff reference '" + reference + "'");
      if (seen.insert(it->second).second) leavers.push_back(it->second);
    }
    const auto rule = o->later_years ? succession::ReadinessRule::kLaterYears
                                     : succession::ReadinessRule::kFirstYear;
    const auto steps = TRY(succession::TraceVacancyChain(pipeline, leavers, rule));
    Table table{.name = "",
                .columns = {{"Step", true},
                            {"Post"},
                            {"School"},
                            {"Why vacant"},
                            {"Vacated by"},
                            {"Filled by"},
                            {"Readiness"}}};
    size_t external = 0;
    for (const auto& step : steps) {
      const succession::KeyPost& post = pipeline.KeyPostOf(step.post);
      if (!step.filled_by) ++external;
      table.rows.push_back(
          {Count(table.rows.size() + 1), post.title, pipeline.SchoolNameOf(post.school),
           std::string(Label(step.cause)), pipeline.NameOf(step.vacated_by),
           step.filled_by ? pipeline.NameOf(step.filled_by->person) : "external appointment",
           step.filled_by ? std::string(Label(step.filled_by->readiness)) : ""});
    }
    TRY(succession::RecordVacancyChainRead(app.plans(), trust, leavers, rule, CliActor()));
    std::string names;
    for (size_t i = 0; i < leavers.size(); ++i)
      names += (i == 0                    ? ""
                : i + 1 == leavers.size() ? " and "
                                          : ", ") +
               pipeline.NameOf(leavers[i]);
    Print({&table, 1}, o->output,
          {"If " + names + (leavers.size() == 1 ? " leaves" : " leave") + " (" +
           std::string(Label(rule)) + "): " + Count(steps.size()) + " key posts fall vacant, " +
           Count(steps.size() - external) + " filled from within, " + Count(external) +
           " by external appointment."});
    return Ok();
  });
}

}  // namespace

void AddSuccessionCommands(Commands& commands) {
  auto* succession = commands.cli().add_subcommand(
      "succession",
      "Succession planning: rankings, plans, the pipeline, simulations (confidential)");
  succession->require_subcommand(1);
  AddRank(commands, succession);
  AddPlans(commands, succession);
  AddPlan(commands, succession);
  AddPipeline(commands, succession);
  AddSimulate(commands, succession);
  AddVacancyChain(commands, succession);
}

}  // namespace trellis::cli
