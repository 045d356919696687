// Succession routes: the ranked candidates of a key post; succession plans with their named
// candidates, discussions and history; risk of loss; the trust's formula settings. Writes go
// through succession::PlanService; reads come from the store, and a plan's figures from the
// engine (succession/plan_evaluation.h) over a snapshot of the trust.
//
// Confidential (product.md, requirement 9). Who reads what is decided here, with http/reach.h:
//  - rankings and the formula settings: the whole-trust roles (kSuccession);
//  - plans: kReadSuccession over PlanReach: the whole trust, or a headteacher's own schools'
//    key posts less the ones they hold (who is named on another school's plan is not theirs to
//    see; the Local Governing Bodies' posts are governance, the Board's business);
//  - risks of loss: kReadSuccession over Reach: the whole trust, or a headteacher's staff less
//    themselves; on a plan, a holder's risk only when the reach covers them;
//  - a named candidate's talent (and the score built on it) only when the caller reads that
//    person's 9-box rating (Reach for kReadRatings).
// Everything else answers 404, as if it did not exist. Every answer that shows plans or risks
// is audit-logged (PlanService::RecordPlansRead and RecordRisksRead: entity "succession_plan"
// with the plan's id or "list", entity "loss_risk" with the person's id or "list"). Writes:
// kManageSuccession; the service audits them.

#include <unordered_map>

#include "access/users.h"
#include "core/json.h"
#include "http/action_json.h"
#include "http/input.h"
#include "http/names.h"
#include "http/reach.h"
#include "http/routes.h"
#include "succession/json.h"
#include "succession/plan_evaluation.h"
#include "succession/ranking.h"
#include "succession/role_group.h"
#include "succession/trust_plans.h"
#include "succession/trust_ranking.h"
#include "succession/validation.h"

namespace trellis::http {
namespace {

using access::Permission;
using nlohmann::json;
using succession::CandidateEvaluation;
using succession::CandidateEvaluations;
using succession::CountSuccessors;
using succession::LossRisk;
using succession::NoInternalSuccessorLikely;
using succession::PlanCandidate;
using succession::PlanContent;
using succession::RankedCandidate;
using succession::SuccessionPlan;
using succession::SuccessorCounts;

using SchoolNameMap = std::unordered_map<SchoolId, std::string>;

json SchoolName(const std::optional<SchoolId>& school, const SchoolNameMap& names) {
  if (!school) return nullptr;
  auto it = names.find(*school);
  return it == names.end() ? json(nullptr) : json(it->second);
}

// ---- The formula's figures ----

// Gaps with their competencies' names.
Result<json> GapsJson(const std::vector<succession::Gap>& gaps, CompetencyNames& competencies) {
  json out = json::array();
  for (const auto& g : gaps)
    out.push_back({{"competency_id", g.competency.value()},
                   {"competency", TRY(competencies.Of(g.competency))},
                   {"required", g.required},
                   {"assessed", g.assessed}});
  return out;
}

// The formula's figures of a candidate, alike in the ranking and on plans. Without
// `talent_visible` (the caller does not read the person's 9-box rating) talent, rated and the
// score built on them are null.
Result<void> AddFigures(json& out, const RankedCandidate& c, bool talent_visible,
                        CompetencyNames& competencies) {
  auto if_visible = [&](json value) { return talent_visible ? value : json(nullptr); };
  out["score"] = if_visible(c.score);
  out["match"] = c.match;
  out["talent"] = if_visible(c.talent);
  out["proximity"] = c.proximity;
  out["steps"] = c.steps;
  out["rated"] = if_visible(c.rated);
  out["suggested_readiness"] = Code(c.suggested);
  out["gaps"] = TRY(GapsJson(c.gaps, competencies));
  return Ok();
}

// ---- The ranking ----

// The candidates with whether the post's plan names them already, so that the screen can
// offer the others.
Result<Response> RankCandidates(Context& ctx) {
  const auto post_id = TRY(PathId<PostTag>(ctx, "post_id"));
  const int64_t limit = TRY(QueryLimit(ctx, 10));
  const bool exclude_named = TRY(QueryBool(ctx, "exclude_named")).value_or(false);
  const auto ranked = TRY(succession::RankPostCandidates(
      ctx.services.store, *ctx.trust, post_id, Today(ctx),
      {.limit = static_cast<size_t>(limit), .exclude_named = exclude_named}));

  CompetencyNames competencies(ctx);
  json candidates = json::array();
  for (const auto& c : ranked.ranking.candidates) {
    const auto* person = ranked.snapshot.FindPerson(c.person);  // ranked people come from it
    json one = {{"person_id", c.person.value()},
                {"name", person->name},
                {"reference", person->reference},
                {"stage", OrNull(person->stage)}};
    TRY(AddFigures(one, c, true, competencies));
    one["named"] = ranked.named.contains(c.person);
    candidates.push_back(std::move(one));
  }
  json notes = json::array();
  for (auto note : ranked.ranking.notes)
    notes.push_back({{"code", Code(note)}, {"text", Label(note)}});

  TRY(ctx.services.plans.RecordRead(*ctx.trust, succession::SuccessionRead::kCandidates,
                                    IdText(post_id), "", ctx.who().actor));
  return Response::Json({{"post_id", post_id.value()},
                         {"title", ranked.post.title},
                         {"plan_id", OrNull(ranked.plan)},
                         {"eligible", ranked.ranking.eligible},
                         {"notes", std::move(notes)},
                         {"formula", succession::ToJson(ranked.settings)},
                         {"candidates", std::move(candidates)}});
}

// ---- Plans: what a response is built from ----

// The key post of a plan as the plan screens show it. `school` is the school it serves: its
// own, or its Local Governing Body's (succession::KeyPost::school).
json PostJson(const org::Post& post, const std::optional<SchoolId>& school,
              const SchoolNameMap& schools) {
  return {{"id", post.id.value()},
          {"reference", post.reference},
          {"title", post.title},
          {"school_id", OrNull(school)},
          {"school_name", SchoolName(school, schools)},
          {"body_id", OrNull(post.body)},
          {"stage", OrNull(post.stage)},
          {"role_group", Code(succession::RoleGroupOf(post))}};
}

// What every plan response reads once: who the caller reads the risk and rating of, and the
// schools' names.
struct PlanReads {
  Reach risks;    // whose risk of loss the caller reads
  Reach ratings;  // whose 9-box rating (and so talent) the caller reads
  SchoolNameMap schools;
};

Result<PlanReads> ReadForPlans(Context& ctx) {
  auto schools = TRY(SchoolNames(ctx));  // first: no TRY inside a braced initializer
  return PlanReads{
      .risks = ReachOf(ctx, Permission::kReadSuccession),
      .ratings = ReachOf(ctx, Permission::kReadRatings),
      .schools = std::move(schools),
  };
}

Result<void> RecordPlansRead(Context& ctx, const std::string& what) {
  return ctx.services.plans.RecordPlansRead(*ctx.trust, what, ctx.who().actor);
}

Result<void> RecordRisksRead(Context& ctx, const std::string& what) {
  return ctx.services.plans.RecordRisksRead(*ctx.trust, what, ctx.who().actor);
}

// The plan of the path, 404 unless the caller reads it; with its post.
struct PlanAndPost {
  SuccessionPlan plan;
  org::Post post;
};

Result<PlanAndPost> ReadablePlan(Context& ctx, SuccessionPlanId id) {
  auto& store = ctx.services.store;
  SuccessionPlan plan = TRY(store.GetSuccessionPlan(*ctx.trust, id));
  org::Post post = TRY(store.GetPost(*ctx.trust, plan.post));
  if (!PlanReachOf(ctx).Covers(post)) TRY(NotInScope());
  return PlanAndPost{std::move(plan), std::move(post)};
}

Result<PlanAndPost> PathPlan(Context& ctx) {
  return ReadablePlan(ctx, TRY(PathId<SuccessionPlanTag>(ctx, "plan_id")));
}

// ---- Plans: one in full ----

// One named candidate in full: who they are, where they stand by the formula and by the
// leaders' judgement, and the development actions of this plan that are theirs.
struct CandidateContext {
  const PlanReads& reads;
  const People& people;
  const std::unordered_map<PersonId, SchoolId>& schools_of;
  const json& actions;  // of the plan, as JSON
  CompetencyNames& competencies;
};

Result<json> CandidateJson(const PlanCandidate& c, const CandidateEvaluation& e,
                           const CandidateContext& in) {
  // The stored candidate, its `readiness` (the override) replaced below by the one that counts.
  json out = succession::ToJson(c);
  const org::Person* person = nullptr;
  if (c.person)
    if (auto it = in.people.find(*c.person); it != in.people.end()) person = &it->second;
  out["name"] = person ? FullName(*person) : c.external_name;
  out["reference"] = person ? json(person->reference) : json(nullptr);
  out["stage"] = person ? OrNull(person->stage) : json(nullptr);
  std::optional<SchoolId> school;
  if (c.person)
    if (auto it = in.schools_of.find(*c.person); it != in.schools_of.end()) school = it->second;
  out["school_id"] = OrNull(school);
  out["school_name"] = SchoolName(school, in.reads.schools);

  out["readiness"] = Code(e.readiness);
  out["readiness_overridden"] = c.internal() && e.readiness_judged;
  out["in_trust"] = e.in_trust;
  out["holds_the_post"] = e.holds_the_post;
  out["eligible"] = e.eligible;
  out["named_successor"] = e.named_successor;
  if (e.formula) {
    TRY(AddFigures(out, *e.formula, c.person && in.reads.ratings.Covers(*c.person),
                   in.competencies));
  } else {
    for (const char* field :
         {"score", "match", "talent", "proximity", "rated", "suggested_readiness"})
      out[field] = nullptr;
    out["gaps"] = json::array();
  }
  out["steps"] = OrNull(e.steps);

  json actions = json::array();
  for (const json& a : in.actions)
    if (c.person && a["person_id"] == c.person->value()) actions.push_back(a);
  out["development_actions"] = std::move(actions);
  return out;
}

// The plan in full (docs/api.md, "Succession plans"), and the reads it records.
Result<json> PlanDetail(Context& ctx, const SuccessionPlan& plan, const org::Post& post) {
  const Date today = Today(ctx);
  const PlanReads reads = TRY(ReadForPlans(ctx));
  const succession::PlanInFull full =
      TRY(succession::ReadPlanInFull(ctx.services.store, *ctx.trust, plan.id, post, today));
  const PlanContent& content = full.content;
  const Names names = NamesIn(full.people);

  json holders = json::array();
  for (const auto& h : full.holdings) {
    json risk = nullptr;
    if (reads.risks.Covers(h.person)) {
      if (auto found = full.risks.find(h.person); found != full.risks.end())
        risk = succession::ToJson(found->second);
      TRY(RecordRisksRead(ctx, IdText(h.person)));
    }
    holders.push_back({{"person_id", h.person.value()},
                       {"name", NameIn(names, h.person)},
                       {"holding_id", h.id.value()},
                       {"loss_risk", std::move(risk)}});
  }

  CompetencyNames competencies(ctx);
  json action_items = json::array();
  for (const auto& a : full.actions)
    action_items.push_back(TRY(ActionJson(a, names, competencies, true)));
  const CandidateContext in{reads, full.people, full.candidate_schools, action_items, competencies};
  json candidates = json::array();
  for (const PlanCandidate& c : content.candidates)
    candidates.push_back(TRY(CandidateJson(c, full.evaluations.at(c.id), in)));
  json discussions = json::array();
  for (const auto& d : content.discussions) discussions.push_back(succession::ToJson(d));

  json out = succession::ToJson(plan);
  out["overdue"] = succession::IsOverdue(plan, today);
  out["post"] = PostJson(post, full.school, reads.schools);
  out["holders"] = std::move(holders);
  const SuccessorCounts counts = CountSuccessors(full.evaluations);
  out["named_successors"] = counts.named;
  out["ready_now"] = counts.ready_now;
  out["no_internal_successor_likely"] = NoInternalSuccessorLikely(content, full.evaluations);
  out["candidates"] = std::move(candidates);
  out["discussions"] = std::move(discussions);
  TRY(RecordPlansRead(ctx, IdText(plan.id)));
  return out;
}

Result<Response> GetPlan(Context& ctx) {
  const PlanAndPost found = TRY(PathPlan(ctx));
  return Response::Json(TRY(PlanDetail(ctx, found.plan, found.post)));
}

Result<Response> GetPlanOfPost(Context& ctx) {
  auto& store = ctx.services.store;
  const org::Post post = TRY(store.GetPost(*ctx.trust, TRY(PathId<PostTag>(ctx, "post_id"))));
  if (!PlanReachOf(ctx).Covers(post)) TRY(NotInScope());
  const auto plan = TRY(store.FindPlanForPost(*ctx.trust, post.id));
  if (!plan) return Fail(ErrorCode::kNotFound, "The post has no succession plan.");
  return Response::Json(TRY(PlanDetail(ctx, *plan, post)));
}

// ---- Plans: every key post with its plan's summary ----

json PlanSummary(const PlanContent& content, const CandidateEvaluations& evaluations,
                 const Names& names, Date today) {
  const SuccessionPlan& plan = content.plan;
  json successors = json::array();
  json emergency = nullptr;
  for (const PlanCandidate& c : content.candidates) {
    const CandidateEvaluation& e = evaluations.at(c.id);
    const std::string name = c.person ? NameIn(names, *c.person) : c.external_name;
    if (c.emergency)
      emergency = {{"candidate_id", c.id.value()}, {"person_id", OrNull(c.person)}, {"name", name}};
    if (!e.named_successor) continue;
    successors.push_back({{"candidate_id", c.id.value()},
                          {"person_id", OrNull(c.person)},
                          {"name", name},
                          {"rank", c.rank},
                          {"readiness", Code(e.readiness)}});
  }
  const SuccessorCounts counts = CountSuccessors(evaluations);
  return {{"id", plan.id.value()},
          {"impact", OrNull(plan.impact)},
          {"consider_external", plan.consider_external},
          {"review_on", OrNull(plan.review_on)},
          {"overdue", succession::IsOverdue(plan, today)},
          {"candidates", content.candidates.size()},
          {"named_successors", counts.named},
          {"ready_now", counts.ready_now},
          {"emergency", std::move(emergency)},
          {"no_internal_successor_likely", NoInternalSuccessorLikely(content, evaluations)},
          {"successors", std::move(successors)}};
}

Result<Response> ListPlans(Context& ctx) {
  const Date today = Today(ctx);
  const auto school = TRY(QueryId<SchoolTag>(ctx, "school_id"));
  const PlanReach reach = PlanReachOf(ctx);
  const PlanReads reads = TRY(ReadForPlans(ctx));
  const auto plans = TRY(succession::ReadKeyPostPlans(ctx.services.store, *ctx.trust, today));
  const succession::CurrentRisks risks(plans.risks);
  const Names& names = plans.names;

  json items = json::array();
  for (const succession::KeyPostPlan& row : plans.posts) {
    if (!reach.Covers(row.post) || (school && row.school != school)) continue;
    json holders = json::array();
    for (PersonId holder : row.holders) {
      const LossRisk* risk = reads.risks.Covers(holder) ? risks.Find(holder) : nullptr;
      holders.push_back({{"person_id", holder.value()},
                         {"name", NameIn(names, holder)},
                         {"risk", risk ? json(Code(risk->risk)) : json(nullptr)},
                         {"window", risk ? OrNull(risk->window) : json(nullptr)}});
    }
    json plan = nullptr;
    if (row.plan) plan = PlanSummary(*row.plan, row.evaluations, names, today);
    items.push_back({{"post", PostJson(row.post, row.school, reads.schools)},
                     {"holders", std::move(holders)},
                     {"plan", std::move(plan)}});
  }
  const std::string what = school ? "list, school " + IdText(*school) : "list";
  TRY(RecordPlansRead(ctx, what));
  TRY(RecordRisksRead(ctx, "holders of key posts, " + what));
  return Response::Json(WholeList(std::move(items)));
}

// ---- Plans: writes ----

void ReadPlanFields(FieldReader& r, SuccessionPlan& plan) {
  r.OptionalEnum("impact", plan.impact);
  r.Flag("consider_external", plan.consider_external);
  r.OptionalDay("review_on", plan.review_on);
  r.Text("notes", plan.notes);
}

Result<Response> CreatePlan(Context& ctx) {
  auto body = TRY(ParseObject(ctx));
  FieldReader reader(body, FieldReader::Mode::kCreate);
  SuccessionPlan plan;
  reader.Ref("post_id", plan.post, true);
  ReadPlanFields(reader, plan);
  TRY(reader.Finish());
  return Response::Json(
      succession::ToJson(TRY(ctx.services.plans.CreatePlan(*ctx.trust, plan, ctx.who().actor))),
      201);
}

// Applies the fields sent, checked first on the stored plan so that one answer lists every
// problem, then again inside the service's transaction onto the plan as it then is (a
// concurrent change to another field is not lost).
Result<Response> ChangePlan(Context& ctx) {
  const PlanAndPost found = TRY(PathPlan(ctx));
  auto body = TRY(ParseObject(ctx));
  auto read = [&body](SuccessionPlan& plan) -> Result<void> {
    FieldReader reader(body, FieldReader::Mode::kUpdate);
    reader.Ref("post_id", plan.post);  // refused by the service when another
    ReadPlanFields(reader, plan);
    return reader.Finish(succession::Check(plan));
  };
  SuccessionPlan checked = found.plan;
  TRY(read(checked));
  return Response::Json(succession::ToJson(
      TRY(ctx.services.plans.ChangePlan(*ctx.trust, found.plan.id, read, ctx.who().actor))));
}

// ---- Candidates ----

void ReadCandidateFields(FieldReader& r, PlanCandidate& c) {
  r.Text("external_name", c.external_name);
  r.Text("external_source", c.external_source);
  r.OptionalEnum("readiness", c.readiness);
  r.Text("readiness_reason", c.readiness_reason);
  r.Flag("emergency", c.emergency);
  r.Text("notes", c.notes);
}

// The candidate of the path, 404 unless it is on the path's plan.
Result<PlanCandidate> PathCandidate(Context& ctx, const SuccessionPlan& plan) {
  const PlanCandidate candidate = TRY(ctx.services.store.GetPlanCandidate(
      *ctx.trust, TRY(PathId<PlanCandidateTag>(ctx, "candidate_id"))));
  if (candidate.plan != plan.id) TRY(NotInScope());
  return candidate;
}

Result<Response> AddCandidate(Context& ctx) {
  const PlanAndPost found = TRY(PathPlan(ctx));
  auto body = TRY(ParseObject(ctx));
  FieldReader reader(body, FieldReader::Mode::kCreate);
  PlanCandidate candidate{.plan = found.plan.id, .added_on = Today(ctx)};
  std::optional<int64_t> rank;
  reader.OptionalRef("person_id", candidate.person);
  reader.OptionalInt("rank", rank);
  ReadCandidateFields(reader, candidate);
  if (rank) candidate.rank = Narrow(*rank);
  TRY(reader.Finish(succession::Check(candidate)));
  const auto stored = TRY(ctx.services.plans.AddCandidate(
      *ctx.trust, found.plan.id, candidate,
      rank ? std::optional<int>(candidate.rank) : std::nullopt, ctx.who().actor));
  return Response::Json(succession::ToJson(stored), 201);
}

Result<Response> ChangeCandidate(Context& ctx) {
  const PlanAndPost found = TRY(PathPlan(ctx));
  const PlanCandidate stored = TRY(PathCandidate(ctx, found.plan));
  auto body = TRY(ParseObject(ctx));
  auto read = [&body](PlanCandidate& c) -> Result<void> {
    FieldReader reader(body, FieldReader::Mode::kUpdate);
    int64_t rank = c.rank;
    reader.OptionalRef("person_id", c.person);  // refused by the service when another
    reader.Int("rank", rank);
    ReadCandidateFields(reader, c);
    c.rank = Narrow(rank);
    return reader.Finish(succession::Check(c));
  };
  PlanCandidate checked = stored;
  TRY(read(checked));
  return Response::Json(succession::ToJson(
      TRY(ctx.services.plans.ChangeCandidate(*ctx.trust, stored.id, read, ctx.who().actor))));
}

Result<Response> RemoveCandidate(Context& ctx) {
  const PlanAndPost found = TRY(PathPlan(ctx));
  const PlanCandidate stored = TRY(PathCandidate(ctx, found.plan));
  // An optional body: { "reason": "…" }, kept in the plan's history.
  std::string reason;
  if (!ctx.body.empty()) {
    auto body = TRY(ParseObject(ctx));
    FieldReader reader(body, FieldReader::Mode::kUpdate);
    reader.Text("reason", reason);
    TRY(reader.Finish());
  }
  TRY(ctx.services.plans.RemoveCandidate(*ctx.trust, stored.id, reason, ctx.who().actor));
  return Response::NoContent();
}

// ---- Discussions and history ----

Result<Response> RecordDiscussion(Context& ctx) {
  const PlanAndPost found = TRY(PathPlan(ctx));
  auto body = TRY(ParseObject(ctx));
  FieldReader reader(body, FieldReader::Mode::kCreate);
  succession::PlanDiscussion discussion{.plan = found.plan.id};
  reader.Day("held_on", discussion.held_on, true);
  reader.Enum("forum", discussion.forum, true);
  reader.Text("attendees", discussion.attendees);
  reader.Text("outcome", discussion.outcome, true);
  TRY(reader.Finish(succession::Check(discussion)));
  const auto stored = TRY(
      ctx.services.plans.RecordDiscussion(*ctx.trust, found.plan.id, discussion, ctx.who().actor));
  return Response::Json(succession::ToJson(stored), 201);
}

// Every change to the plan, its candidates and its discussions (PlanService's audit entries),
// newest first; reads of it are left out.
Result<Response> PlanHistory(Context& ctx) {
  const PlanAndPost found = TRY(PathPlan(ctx));
  auto entries = TRY(ctx.services.store.ListAudit({.trust = *ctx.trust,
                                                   .entity = "succession_plan",
                                                   .entity_id = IdText(found.plan.id),
                                                   .page = {.limit = kAll}}));
  json items = json::array();
  for (const auto& e : entries.items) {
    if (e.action == "read") continue;
    json item = access::ToJson(e);
    item.erase("remote");  // where someone worked from is the audit log's, not the plan's
    item.erase("trust_id");
    items.push_back(std::move(item));
  }
  TRY(RecordPlansRead(ctx, IdText(found.plan.id)));
  return Response::Json(WholeList(std::move(items)));
}

// ---- Risk of loss ----

json RiskJson(const LossRisk& risk, const Names& names) {
  json out = succession::ToJson(risk);
  out["person_name"] = NameIn(names, risk.person);
  return out;
}

Result<Response> ListRisks(Context& ctx) {
  auto page = TRY(QueryPage(ctx));
  const auto risk = TRY(QueryEnum<succession::RiskOfLoss>(ctx, "risk"));
  auto listing = TRY(
      ctx.services.store.ListLossRisks({.trust = *ctx.trust,
                                        .risk = risk,
                                        .only = ReachOf(ctx, Permission::kReadSuccession).Only(),
                                        .page = page}));
  std::vector<PersonId> people;
  for (const auto& r : listing.items) people.push_back(r.person);
  const Names names = TRY(NamesOf(ctx, std::move(people)));
  json items = json::array();
  for (const auto& r : listing.items) items.push_back(RiskJson(r, names));
  TRY(RecordRisksRead(ctx, risk ? "list, risk " + std::string(Code(*risk)) : "list"));
  return Response::Json(Page(listing, page, std::move(items)));
}

// The person of the path, 404 unless the caller reads their risk.
Result<org::Person> RiskPerson(Context& ctx) {
  org::Person person =
      TRY(ctx.services.store.GetPerson(*ctx.trust, TRY(PathId<PersonTag>(ctx, "person_id"))));
  if (!ReachOf(ctx, Permission::kReadSuccession).Covers(person.id)) TRY(NotInScope());
  return person;
}

Result<Response> GetRisk(Context& ctx) {
  const org::Person person = TRY(RiskPerson(ctx));
  const auto risk = TRY(ctx.services.store.FindLossRisk(*ctx.trust, person.id));
  TRY(RecordRisksRead(ctx, IdText(person.id)));
  return Response::Json({{"person_id", person.id.value()},
                         {"name", FullName(person)},
                         {"loss_risk", risk ? succession::ToJson(*risk) : json(nullptr)}});
}

Result<Response> SetRisk(Context& ctx) {
  const org::Person person = TRY(RiskPerson(ctx));
  auto body = TRY(ParseObject(ctx));
  FieldReader reader(body, FieldReader::Mode::kCreate);
  LossRisk risk{.person = person.id};
  reader.Enum("risk", risk.risk, true);
  reader.OptionalEnum("window", risk.window);
  reader.Text("note", risk.note);
  reader.Day("assessed_on", risk.assessed_on);
  TRY(reader.Finish());
  const bool existed = TRY(ctx.services.store.FindLossRisk(*ctx.trust, person.id)).has_value();
  const LossRisk stored = TRY(ctx.services.plans.SetRisk(*ctx.trust, risk, ctx.who().actor));
  return Response::Json(RiskJson(stored, {{person.id, FullName(person)}}), existed ? 200 : 201);
}

Result<Response> ClearRisk(Context& ctx) {
  const org::Person person = TRY(RiskPerson(ctx));
  TRY(NoFields(ctx));
  TRY(ctx.services.plans.ClearRisk(*ctx.trust, person.id, ctx.who().actor));
  return Response::NoContent();
}

// ---- Formula settings ----

json SettingsAnswer(const succession::SuccessionSettings& settings) {
  return {{"settings", succession::ToJson(settings)},
          {"defaults", succession::ToJson(succession::SuccessionSettings{})}};
}

Result<Response> GetSettings(Context& ctx) {
  return Response::Json(SettingsAnswer(TRY(ctx.services.store.GetFormulaSettings(*ctx.trust))));
}

// The whole settings object: a setting left out takes its default (PUT replaces them all); a
// name that is not a setting is refused rather than ignored.
Result<Response> PutSettings(Context& ctx) {
  auto body = TRY(ParseObject(ctx));
  const json known = succession::ToJson(succession::SuccessionSettings{});
  std::vector<Problem> unknown;
  for (const auto& [name, value] : body.items())
    if (!known.contains(name)) unknown.push_back({name, "is not a setting", "", {}});
  if (!unknown.empty()) return Refuse(std::move(unknown));
  const auto settings = TRY(succession::SettingsFromJson(body));
  return Response::Json(
      SettingsAnswer(TRY(ctx.services.plans.PutSettings(*ctx.trust, settings, ctx.who().actor))));
}

}  // namespace

std::vector<Route> SuccessionRoutes() {
  const std::string t = "/api/v1/trusts/{trust_id}";
  const std::string p = t + "/succession-plans/{plan_id}";
  return {
      {"GET", t + "/posts/{post_id}/candidates", Permission::kSuccession,
       "Rank the trust's candidates for a key post", RankCandidates},
      {"GET", t + "/succession-plans", Permission::kReadSuccession,
       "Every key post with its succession plan's summary (confidential)", ListPlans},
      {"POST", t + "/succession-plans", Permission::kManageSuccession,
       "Create the succession plan of a key post", CreatePlan},
      {"GET", p, Permission::kReadSuccession, "A succession plan in full (confidential)", GetPlan},
      {"PATCH", p, Permission::kManageSuccession, "Change a succession plan", ChangePlan},
      {"GET", p + "/history", Permission::kReadSuccession,
       "Every change to a succession plan, newest first (confidential)", PlanHistory},
      {"POST", p + "/candidates", Permission::kManageSuccession, "Name a successor on a plan",
       AddCandidate},
      {"PATCH", p + "/candidates/{candidate_id}", Permission::kManageSuccession,
       "Change a named successor (rank, readiness, emergency, notes)", ChangeCandidate},
      {"DELETE", p + "/candidates/{candidate_id}", Permission::kManageSuccession,
       "Remove a named successor", RemoveCandidate},
      {"POST", p + "/discussions", Permission::kManageSuccession, "Record a discussion of a plan",
       RecordDiscussion},
      {"GET", t + "/posts/{post_id}/succession-plan", Permission::kReadSuccession,
       "The succession plan of a post (confidential)", GetPlanOfPost},
      {"GET", t + "/loss-risks", Permission::kReadSuccession,
       "Risks of loss, with names (confidential)", ListRisks},
      {"GET", t + "/people/{person_id}/loss-risk", Permission::kReadSuccession,
       "A person's risk of loss (confidential)", GetRisk},
      {"PUT", t + "/people/{person_id}/loss-risk", Permission::kManageSuccession,
       "Set a person's risk of loss", SetRisk},
      {"DELETE", t + "/people/{person_id}/loss-risk", Permission::kManageSuccession,
       "Clear a person's risk of loss", ClearRisk},
      {"GET", t + "/formula-settings", Permission::kSuccession,
       "The trust's settings of the succession formulas", GetSettings},
      {"PUT", t + "/formula-settings", Permission::kManageSuccession,
       "Replace the trust's settings of the succession formulas", PutSettings},
  };
}

}  // namespace trellis::http
