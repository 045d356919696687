// The succession pipeline: the dashboard (coverage, ready-now coverage, bench strength by role
// group, the heatmap of schools × role groups and the lists behind every figure), its trend
// across review cycles (pipeline snapshots), and the two simulations (attrition over years,
// and the vacancy chain of "what if these people leave").
//
// Confidential (product.md: risk of loss and successor status): the dashboard, trend and
// simulations are for the whole-trust roles (kSuccession: trust admin, executive, platform
// admin), and every answer is audit-logged (action "read", entity "succession_pipeline" or
// "succession_simulation"). A headteacher gets no row of the dashboard: its lists name people
// across the trust (successors named on other schools' plans, their risks), and their own
// school's figures and plans come in the Local Governing Body's report (routes_reports.cc).
// The simulations are computations, not writes: POST only because they take a body, and
// they need nothing of CSRF beyond what every POST needs.

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>

#include "core/json.h"
#include "http/input.h"
#include "http/routes.h"
#include "succession/json.h"
#include "succession/simulation.h"
#include "succession/trust_pipeline.h"
#include "succession/trust_simulation.h"

namespace trellis::http {
namespace {

using access::Permission;
using nlohmann::json;
using succession::PipelineMetrics;
using succession::TrustPipeline;

using succession::SuccessionRead;

// Records a read of the pipeline (the dashboard, the trend) so that a kept answer records it
// again when served (http::RecordRead).
Result<void> RecordPipelineRead(Context& ctx, const std::string& what) {
  return RecordRead(ctx, ctx.services.plans.ReadEntry(*ctx.trust, SuccessionRead::kPipeline, what,
                                                      "", ctx.who().actor));
}

Result<TrustPipeline> Pipeline(Context& ctx) {
  return succession::ReadTrustPipeline(ctx.services.store, *ctx.trust, ctx.services.clock.Today());
}

// Names of what the dashboard's lists mention, from the pipeline's own records.
class Labels {
 public:
  explicit Labels(const TrustPipeline& pipeline) : pipeline_(pipeline) {}

  json Person(PersonId person) const {
    return {{"person_id", person.value()}, {"name", pipeline_.NameOf(person)}};
  }
  json Person(const std::optional<PersonId>& person) const {
    return person ? Person(*person) : json(nullptr);
  }
  std::string SchoolName(const std::optional<SchoolId>& school) const {
    return pipeline_.SchoolNameOf(school);
  }
  const succession::KeyPost& Post(PostId post) const { return pipeline_.KeyPostOf(post); }
  // A key post with where it is and who holds it.
  json PostRef(PostId post) const {
    const succession::KeyPost& key = Post(post);
    return {{"post_id", post.value()},
            {"title", key.title},
            {"school_id", OrNull(key.school)},
            {"school_name", SchoolName(key.school)},
            {"holder",
             Person(key.holders.empty() ? std::nullopt : std::optional(key.holders.front()))}};
  }

 private:
  const TrustPipeline& pipeline_;
};

// ---- The dashboard ----
//
// Its answer names each thing once and refers to it by id elsewhere: a person in `people`, a
// key post in `posts` (its line), a school in the heatmap's rows, each distinct bench in
// `benches`. A group's posts are not listed with its figures: they are the post lines of its
// school and role group, and its numerators' posts those lines with a named successor or one
// ready now. Real numbers are rounded to four decimal places. (The answer was 52 KB on the
// demo trust, mostly the same names, benches and post lists again and again, and writing it
// was most of what serving it cost: docs/performance.md.)

// Four decimal places: more than any screen shows (a percentage to one decimal) and the
// trend's chart needs, and a quarter of the digits a double prints with.
double Rounded(double value) { return std::round(value * 1e4) / 1e4; }

void RoundReals(json& value) {
  if (value.is_number_float()) {
    value = Rounded(value.get<double>());
  } else if (value.is_structured()) {
    for (json& item : value) RoundReals(item);
  }
}

// The people the answer mentions, by id, gathered as it is built and named once at the end.
class Mentioned {
 public:
  explicit Mentioned(const TrustPipeline& pipeline) : pipeline_(pipeline) {}

  json Person(PersonId person) {
    people_.insert(person);
    return person.value();
  }
  json Person(const std::optional<PersonId>& person) {
    return person ? Person(*person) : json(nullptr);
  }
  // [{person_id, name}] by person id.
  json People() const {
    json out = json::array();
    for (PersonId p : people_)
      out.push_back({{"person_id", p.value()}, {"name", pipeline_.NameOf(p)}});
    return out;
  }

 private:
  const TrustPipeline& pipeline_;
  std::set<PersonId> people_;
};

// Each distinct bench once (posts that reach the same people on one role profile share one);
// a post line refers to its own by index.
class Benches {
 public:
  size_t IndexOf(const std::vector<PersonId>& bench, Mentioned& mentioned) {
    const auto [at, added] = index_.try_emplace(bench, lists_.size());
    if (added) {
      json ids = json::array();
      for (PersonId p : bench) ids.push_back(mentioned.Person(p));
      lists_.push_back(std::move(ids));
    }
    return at->second;
  }
  const json& Lists() const { return lists_; }

 private:
  std::map<std::vector<PersonId>, size_t> index_;
  json lists_ = json::array();
};

json PostIds(const std::vector<PostId>& posts) {
  json ids = json::array();
  for (PostId p : posts) ids.push_back(p.value());
  return ids;
}

// A figure of posts with the posts behind its numerator, by id.
json FigureJson(const succession::PostFigure& figure) {
  json out = succession::ToJson(figure.figure);
  out["post_ids"] = PostIds(figure.posts);
  return out;
}

// A group of key posts measured: its figures only (its posts are the post lines of its
// school and role group).
json CellJson(const succession::PipelineCell& cell) {
  json out = {{"key_posts", cell.posts.size()},
              {"coverage", succession::ToJson(cell.coverage.figure)},
              {"ready_now_coverage", succession::ToJson(cell.ready_now_coverage.figure)},
              {"bench_strength", succession::ToJson(cell.bench)}};
  RoundReals(out);
  return out;
}

json RoleGroupJson(succession::RoleGroup group) {
  return {{"code", Code(group)}, {"label", Label(group)}};
}

json PostLineJson(const succession::PostPipeline& line, const Labels& labels, Mentioned& mentioned,
                  Benches& benches) {
  return {{"post_id", line.post.value()},
          {"title", labels.Post(line.post).title},
          {"school_id", OrNull(line.school)},
          {"role_group", Code(line.role_group)},
          {"holder_id", mentioned.Person(line.holder)},
          {"holder_risk", OrNull(line.holder_risk)},
          {"plan_id", OrNull(line.plan)},
          {"named_successors", line.named_successors},
          {"ready_now_successors", line.ready_now_successors},
          {"review_overdue", line.review_overdue},
          {"bench_strength", Rounded(line.bench_strength)},
          {"bench_index", benches.IndexOf(line.bench, mentioned)}};
}

json ActionsJson(const TrustPipeline& pipeline, const std::vector<DevelopmentActionId>& ids,
                 Mentioned& mentioned) {
  std::unordered_map<DevelopmentActionId, const development::DevelopmentAction*> by_id;
  for (const auto& a : pipeline.actions) by_id.emplace(a.id, &a);
  std::unordered_map<SuccessionPlanId, PostId> post_of;
  for (const auto& plan : pipeline.plans) post_of.emplace(plan.plan.id, plan.plan.post);
  json out = json::array();
  for (DevelopmentActionId id : ids) {
    const development::DevelopmentAction& a = *by_id.at(id);
    json item = {{"id", id.value()},
                 {"title", a.title},
                 {"person_id", mentioned.Person(a.person)},
                 {"status", Code(a.status)},
                 {"due_on", OrNull(a.due_on)},
                 {"plan_id", OrNull(a.plan)},
                 {"post_id", nullptr}};
    if (a.plan) item["post_id"] = post_of.at(*a.plan).value();  // only counted plans' actions
    out.push_back(std::move(item));
  }
  return out;
}

json ListsJson(const TrustPipeline& pipeline, Mentioned& mentioned) {
  const PipelineMetrics& m = pipeline.metrics;
  json overloaded = json::array();
  for (const auto& o : m.overloaded)
    overloaded.push_back(
        {{"person_id", mentioned.Person(o.person)}, {"post_ids", PostIds(o.posts)}});
  json overload = succession::ToJson(m.overload);
  overload["people"] = std::move(overloaded);

  json pairs = json::array();
  for (const auto& h : m.high_risk_successors)
    pairs.push_back({{"post_id", h.post.value()}, {"person_id", mentioned.Person(h.person)}});
  json leaning = FigureJson(m.leaning_on_high_risk_successors);
  leaning["successors"] = std::move(pairs);

  json actions = succession::ToJson(m.actions.figure);
  actions["on_track"] = ActionsJson(pipeline, m.actions.on_track, mentioned);
  actions["off_track"] = ActionsJson(pipeline, m.actions.off_track, mentioned);

  json not_counted = json::array();
  for (SuccessionPlanId id : m.plans_not_counted) not_counted.push_back(id.value());

  json out = {
      {"overloaded_successors", std::move(overload)},
      {"high_risk_without_ready_successor", FigureJson(m.high_risk_without_ready_successor)},
      {"vacant", FigureJson(m.vacant)},
      {"leaning_on_high_risk_successors", std::move(leaning)},
      {"overdue_reviews", FigureJson(m.overdue_reviews)},
      {"without_plan", FigureJson(m.without_plan)},
      {"development_actions", std::move(actions)},
      {"plans_not_counted", std::move(not_counted)}};
  RoundReals(out);
  return out;
}

// The trend: every snapshot, oldest first, with the review cycle that took it.
Result<json> TrendJson(Context& ctx) {
  auto& store = ctx.services.store;
  std::unordered_map<ReviewCycleId, talent::ReviewCycle> cycles;
  for (auto& c : TRY(store.ListReviewCycles(*ctx.trust))) cycles.emplace(c.id, std::move(c));
  json items = json::array();
  for (const auto& snapshot : TRY(store.ListPipelineSnapshots(*ctx.trust))) {
    json item = succession::ToJson(snapshot);
    RoundReals(item);
    item["cycle"] = nullptr;
    if (snapshot.cycle) {
      const talent::ReviewCycle& c = cycles.at(*snapshot.cycle);  // the store keeps both
      item["cycle"] = {{"id", c.id.value()}, {"year", c.year}, {"name", c.name}};
    }
    items.push_back(std::move(item));
  }
  return items;
}

Result<Response> Dashboard(Context& ctx) {
  const TrustPipeline pipeline = TRY(Pipeline(ctx));
  const PipelineMetrics& m = pipeline.metrics;
  const Labels labels(pipeline);
  Mentioned mentioned(pipeline);

  json groups = json::array();
  json columns = json::array();
  for (succession::RoleGroup group : succession::kRoleGroups) {
    json item = RoleGroupJson(group);
    columns.push_back(item);
    item.update(CellJson(m.by_role_group[static_cast<size_t>(group)]));
    groups.push_back(std::move(item));
  }
  // A row's cells are its role groups with key posts: most schools have none in most.
  json rows = json::array();
  for (const auto& row : m.heatmap) {
    json cells = json::array();
    for (succession::RoleGroup group : succession::kRoleGroups) {
      const succession::PipelineCell& measured = row.by_role_group[static_cast<size_t>(group)];
      if (measured.posts.empty()) continue;
      json cell = CellJson(measured);
      cell["role_group"] = Code(group);
      cells.push_back(std::move(cell));
    }
    rows.push_back({{"school_id", OrNull(row.school)},
                    {"name", row.school ? labels.SchoolName(row.school) : "Trust-wide"},
                    {"cells", std::move(cells)},
                    {"all", CellJson(row.all)}});
  }
  Benches benches;
  json posts = json::array();
  for (const auto& line : m.posts) posts.push_back(PostLineJson(line, labels, mentioned, benches));
  json lists = ListsJson(pipeline, mentioned);

  json out = {{"trust_id", ctx.trust->value()},
              {"on", pipeline.today.ToIso()},
              {"settings", succession::ToJson(pipeline.settings.formula)},
              {"overall", CellJson(m.overall)},
              {"role_groups", std::move(groups)},
              {"heatmap", {{"columns", std::move(columns)}, {"rows", std::move(rows)}}},
              {"posts", std::move(posts)},
              {"benches", benches.Lists()},
              {"lists", std::move(lists)},
              {"people", mentioned.People()}};
  out["trend"] = TRY(TrendJson(ctx));
  TRY(RecordPipelineRead(ctx, "dashboard"));
  return Response::Json(out);
}

Result<Response> Trend(Context& ctx) {
  json items = TRY(TrendJson(ctx));
  TRY(RecordPipelineRead(ctx, "trend"));
  return Response::Json(WholeList(std::move(items)));
}

// Takes the snapshot on demand: the body is empty or {}.
Result<Response> TakeSnapshot(Context& ctx) {
  TRY(NoFields(ctx));
  succession::PipelineSnapshot taken;
  TRY(ctx.services.store.Transact([&](store::Store& tx) -> Result<void> {
    taken = TRY(succession::RecordPipelineSnapshot(tx, *ctx.trust, std::nullopt, ctx.services.clock,
                                                   ctx.who().actor));
    return Ok();
  }));
  json out = succession::ToJson(taken);
  RoundReals(out);  // as the trend gives it
  out["cycle"] = nullptr;
  return Response::Json(out, 201);
}

// ---- Simulations ----

// The body of a simulation: empty means every default.
Result<json> SimulationBody(const Context& ctx) {
  if (ctx.body.empty()) return json::object();
  return ParseObject(ctx);
}

Result<Response> Attrition(Context& ctx) {
  const json body = TRY(SimulationBody(ctx));
  FieldReader reader(body, FieldReader::Mode::kCreate);
  succession::AttritionQuestion question;
  reader.Int("runs", question.runs);
  reader.Int("years", question.years);
  reader.Int("seed", question.seed);
  TRY(reader.Finish(succession::Check(question)));

  const TrustPipeline pipeline = TRY(Pipeline(ctx));
  const Labels labels(pipeline);
  const auto forecast = TRY(succession::SimulateAttrition(pipeline, question));
  const succession::SimulationResult& result = forecast.result;

  json vacant = json::array();
  for (PostId p : result.vacant_at_start)
    vacant.push_back({{"post_id", p.value()}, {"title", labels.Post(p).title}});
  json per_year = json::array();
  for (const auto& y : result.per_year)
    per_year.push_back(succession::ToJson(y));
  TRY(succession::RecordAttritionRead(ctx.services.plans, *ctx.trust, question, ctx.who().actor));
  return Response::Json({{"runs", result.runs},
                         {"years", result.years},
                         {"seed", result.seed},
                         {"settings", succession::ToJson(pipeline.settings.simulation)},
                         {"key_posts", forecast.key_posts},
                         {"people", forecast.people},
                         {"vacant_at_start", std::move(vacant)},
                         {"per_year", std::move(per_year)}});
}

struct ChainRequest {
  std::vector<PersonId> leavers;
  succession::ReadinessRule rule = succession::ReadinessRule::kFirstYear;
};

// { leavers: [person ids], readiness_rule?: first_year | later_years }. FieldReader reads
// scalars only, so the list and the rule are read here and the rest goes to FieldReader.
Result<ChainRequest> ReadChainRequest(json body, const TrustPipeline& pipeline) {
  std::vector<Problem> problems;
  ChainRequest request;
  const auto leavers = body.find("leavers");
  if (leavers == body.end() || !leavers->is_array() || leavers->empty() ||
      leavers->size() > succession::kMaxLeavers) {
    problems.push_back(
        {"leavers",
         "must be a list of 1 to " + std::to_string(succession::kMaxLeavers) + " person ids",
         "",
         {}});
  } else {
    std::set<PersonId> seen;
    for (const json& v : *leavers) {
      const PersonId person(v.is_number_integer() ? v.get<int64_t>() : 0);
      if (!person.valid() || !pipeline.snapshot.FindPerson(person)) {
        problems.push_back({"leavers", "is not a current member of this trust", v.dump(), {}});
      } else if (seen.insert(person).second) {
        request.leavers.push_back(person);
      }
    }
  }
  const auto rule = body.find("readiness_rule");
  if (rule != body.end()) {
    const auto& names = EnumNames<succession::ReadinessRule>();
    const auto named = std::find_if(names.begin(), names.end(), [&rule](const auto& name) {
      return rule->is_string() && *rule == name.code;
    });
    if (named != names.end()) {
      request.rule = named->value;
    } else {
      problems.push_back({"readiness_rule",
                          "must be " + AllowedCodes<succession::ReadinessRule>(),
                          rule->is_string() ? rule->get<std::string>() : rule->dump(),
                          {}});
    }
  }
  body.erase("leavers");
  body.erase("readiness_rule");
  FieldReader reader(body, FieldReader::Mode::kCreate);
  TRY(reader.Finish(std::move(problems)));
  return request;
}

Result<Response> VacancyChain(Context& ctx) {
  json body = TRY(ParseObject(ctx));  // before the pipeline's reads, which a bad body wastes
  const TrustPipeline pipeline = TRY(Pipeline(ctx));
  const ChainRequest request = TRY(ReadChainRequest(std::move(body), pipeline));
  const Labels labels(pipeline);
  const auto steps = TRY(succession::TraceVacancyChain(pipeline, request.leavers, request.rule));

  json items = json::array();
  size_t external = 0;
  for (size_t i = 0; i < steps.size(); ++i) {
    const auto& step = steps[i];
    json item = labels.PostRef(step.post);
    item.erase("holder");
    item["step"] = i + 1;
    item["cause"] = Code(step.cause);
    item["vacated_by"] = labels.Person(step.vacated_by);
    item["external_appointment"] = !step.filled_by.has_value();
    item["filled_by"] = nullptr;
    if (step.filled_by) {
      json filled = labels.Person(step.filled_by->person);
      filled["readiness"] = Code(step.filled_by->readiness);
      item["filled_by"] = std::move(filled);
    } else {
      ++external;
    }
    items.push_back(std::move(item));
  }
  json leavers = json::array();
  for (PersonId p : request.leavers) leavers.push_back(labels.Person(p));
  TRY(succession::RecordVacancyChainRead(ctx.services.plans, *ctx.trust, request.leavers,
                                         request.rule, ctx.who().actor));
  return Response::Json({{"leavers", std::move(leavers)},
                         {"readiness_rule", Code(request.rule)},
                         {"steps", std::move(items)},
                         {"external_appointments", external},
                         {"internal_appointments", steps.size() - external}});
}

}  // namespace

std::vector<Route> PipelineRoutes() {
  const std::string t = "/api/v1/trusts/{trust_id}";
  return {
      {"GET", t + "/pipeline", Permission::kSuccession,
       "The succession pipeline dashboard (confidential)", Dashboard, Reuse::kWhileDataUnchanged},
      {"GET", t + "/pipeline/trend", Permission::kSuccession,
       "The pipeline's headline figures at each closed review cycle and on demand", Trend,
       Reuse::kWhileDataUnchanged},
      {"POST", t + "/pipeline/snapshots", Permission::kManageSuccession,
       "Record the pipeline's headline figures now, for the trend", TakeSnapshot},
      {"POST", t + "/simulations/attrition", Permission::kSuccession,
       "Simulate attrition: external appointments to key posts per year (confidential)", Attrition},
      {"POST", t + "/simulations/vacancy-chain", Permission::kSuccession,
       "What if these people leave: the vacancy chain (confidential)", VacancyChain},
  };
}

}  // namespace trellis::http
