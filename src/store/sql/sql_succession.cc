// SqlStore: risks of loss, succession plans with their candidates and discussions,
// development actions, and the trust's formula settings.

#include <nlohmann/json.hpp>
#include <unordered_map>

#include "store/sql/sql_store.h"
#include "succession/json.h"

namespace trellis::store::sql {
namespace {

using development::DevelopmentAction;
using succession::LossRisk;
using succession::PlanCandidate;
using succession::PlanContent;
using succession::PlanDiscussion;
using succession::SuccessionPlan;
using succession::SuccessionSettings;

constexpr char kRiskColumns[] =
    "lr.id, lr.trust_id, lr.person_id, lr.risk, lr.departure_window, lr.note, lr.assessed_on";
constexpr char kPlanColumns[] =
    "sp.id, sp.trust_id, sp.post_id, sp.impact, sp.consider_external, sp.review_on, sp.notes, "
    "sp.created_on";
constexpr char kCandidateColumns[] =
    "pc.id, pc.trust_id, pc.plan_id, pc.person_id, pc.external_name, pc.external_source, "
    "pc.notes, pc.rank, pc.readiness, pc.readiness_reason, pc.emergency, pc.added_on";
constexpr char kDiscussionColumns[] =
    "pd.id, pd.trust_id, pd.plan_id, pd.held_on, pd.forum, pd.attendees, pd.outcome";
constexpr char kActionColumns[] =
    "da.id, da.trust_id, da.person_id, da.kind, da.title, da.description, da.source, "
    "da.competency_id, da.plan_id, da.owner_id, da.due_on, da.status, da.outcome, da.raised_on, "
    "da.completed_on";

// Plans are listed in their post's order (as ListPosts lists posts).
// Plans are listed by their post's title (ignoring case), then reference.
std::string PlanOrder(const Connection& connection) {
  return connection.NoCase("p.title") + ", p.reference, sp.id";
}

constexpr char kPlansFrom[] = "succession_plans sp JOIN posts p ON p.id = sp.post_id";


Result<LossRisk> ReadRisk(Row& r) {
  LossRisk x;
  x.id = r.Id<LossRiskId>();
  x.trust = r.Id<TrustId>();
  x.person = r.Id<PersonId>();
  x.risk = TRY(r.Enum<succession::RiskOfLoss>());
  x.window = TRY(r.OptEnum<succession::DepartureWindow>());
  x.note = r.Text();
  x.assessed_on = TRY(r.DateValue());
  return x;
}

Result<SuccessionPlan> ReadPlan(Row& r) {
  SuccessionPlan p;
  p.id = r.Id<SuccessionPlanId>();
  p.trust = r.Id<TrustId>();
  p.post = r.Id<PostId>();
  p.impact = TRY(r.OptEnum<succession::ImpactOfLoss>());
  p.consider_external = r.Bool();
  p.review_on = TRY(r.OptDate());
  p.notes = r.Text();
  p.created_on = TRY(r.DateValue());
  return p;
}

Result<PlanCandidate> ReadCandidate(Row& r) {
  PlanCandidate c;
  c.id = r.Id<PlanCandidateId>();
  c.trust = r.Id<TrustId>();
  c.plan = r.Id<SuccessionPlanId>();
  c.person = r.OptId<PersonId>();
  c.external_name = r.Text();
  c.external_source = r.Text();
  c.notes = r.Text();
  c.rank = static_cast<int>(r.Int());
  c.readiness = TRY(r.OptEnum<succession::Readiness>());
  c.readiness_reason = r.Text();
  c.emergency = r.Bool();
  c.added_on = TRY(r.DateValue());
  return c;
}

Result<PlanDiscussion> ReadDiscussion(Row& r) {
  PlanDiscussion d;
  d.id = r.Id<PlanDiscussionId>();
  d.trust = r.Id<TrustId>();
  d.plan = r.Id<SuccessionPlanId>();
  d.held_on = TRY(r.DateValue());
  d.forum = TRY(r.Enum<succession::Forum>());
  d.attendees = r.Text();
  d.outcome = r.Text();
  return d;
}

Result<DevelopmentAction> ReadAction(Row& r) {
  DevelopmentAction a;
  a.id = r.Id<DevelopmentActionId>();
  a.trust = r.Id<TrustId>();
  a.person = r.Id<PersonId>();
  a.kind = TRY(r.Enum<development::ActionKind>());
  a.title = r.Text();
  a.description = r.Text();
  a.source = TRY(r.Enum<development::ActionSource>());
  a.gap = r.OptId<CompetencyId>();
  a.plan = r.OptId<SuccessionPlanId>();
  a.owner = r.OptId<PersonId>();
  a.due_on = TRY(r.OptDate());
  a.status = TRY(r.Enum<development::ActionStatus>());
  a.outcome = r.Text();
  a.raised_on = TRY(r.DateValue());
  a.completed_on = TRY(r.OptDate());
  return a;
}

constexpr char kNoPerson[] = "no such person in this trust";
constexpr char kNoPlan[] = "no such succession plan in this trust";

WriteRules RiskRules(const LossRisk& x) {
  return {
      {{"loss_risks.trust_id, loss_risks.person_id",
        {"person_id", "already has a risk of loss recorded", std::to_string(x.person.value())}}},
      {TrustRef(x.trust), Ref("people", std::optional(x.person), x.trust, "person_id", kNoPerson)}};
}

WriteRules PlanRules(const SuccessionPlan& p) {
  return {{{"succession_plans.trust_id, succession_plans.post_id",
            {"post_id", "already has a succession plan", std::to_string(p.post.value())}}},
          {TrustRef(p.trust),
           Ref("posts", std::optional(p.post), p.trust, "post_id", "no such post in this trust")}};
}

WriteRules CandidateRules(const PlanCandidate& c) {
  return {{{"plan_candidates.plan_id, plan_candidates.rank",
            {"rank", "is another candidate's on this plan", std::to_string(c.rank)}},
           {"plan_candidates.plan_id, plan_candidates.person_id",
            {"person_id", "is already named on this plan",
             c.person ? std::to_string(c.person->value()) : std::string()}},
           {"plan_candidates.plan_id, plan_candidates.emergency",
            {"emergency", "the plan already has an emergency successor", "true"}}},
          {TrustRef(c.trust),
           Ref("succession_plans", std::optional(c.plan), c.trust, "plan_id", kNoPlan),
           Ref("people", c.person, c.trust, "person_id", kNoPerson)}};
}

WriteRules DiscussionRules(const PlanDiscussion& d) {
  return {{},
          {TrustRef(d.trust),
           Ref("succession_plans", std::optional(d.plan), d.trust, "plan_id", kNoPlan)}};
}

WriteRules ActionRules(const DevelopmentAction& a) {
  std::optional<int64_t> gap;
  if (a.gap) gap = a.gap->value();
  return {{},
          {TrustRef(a.trust),
           Ref("people", std::optional(a.person), a.trust, "person_id", kNoPerson),
           Ref("people", a.owner, a.trust, "owner_id", kNoPerson),
           Ref("succession_plans", a.plan, a.trust, "plan_id", kNoPlan),
           // Competencies belong to frameworks, shipped or a trust's own: no trust to match.
           {"competencies",
            gap,
            std::nullopt,
            {"gap_competency_id", "no such competency", gap ? std::to_string(*gap) : ""}}}};
}

std::vector<Value> RiskValues(const LossRisk& x) {
  return {Param(x.risk), Param(x.window), Param(x.note), Param(x.assessed_on)};
}

std::vector<Value> PlanValues(const SuccessionPlan& p) {
  return {Param(p.impact), Param(p.consider_external), Param(p.review_on), Param(p.notes),
          Param(p.created_on)};
}

std::vector<Value> CandidateValues(const PlanCandidate& c) {
  return {Param(c.person),  Param(c.external_name), Param(c.external_source),  Param(c.notes),
          Param(c.rank),    Param(c.readiness),     Param(c.readiness_reason), Param(c.emergency),
          Param(c.added_on)};
}

std::vector<Value> DiscussionValues(const PlanDiscussion& d) {
  return {Param(d.held_on), Param(d.forum), Param(d.attendees), Param(d.outcome)};
}

std::vector<Value> ActionValues(const DevelopmentAction& a) {
  return {Param(a.kind),   Param(a.title),   Param(a.description), Param(a.source),
          Param(a.gap),    Param(a.plan),    Param(a.owner),       Param(a.due_on),
          Param(a.status), Param(a.outcome), Param(a.raised_on),   Param(a.completed_on)};
}

// `first` followed by `rest`: the leading key columns of an INSERT, then the record's values.
std::vector<Value> Then(std::vector<Value> first, std::vector<Value> rest) {
  for (Value& v : rest) first.push_back(std::move(v));
  return first;
}

}  // namespace

// ---- Risks of loss ----

Result<LossRisk> SqlStore::Insert(const LossRisk& x) {
  auto lease = TRY(Hold());
  const int64_t new_id = TRY(
      InsertRow("INSERT INTO loss_risks (trust_id, person_id, risk, departure_window, note, "
            "assessed_on) VALUES (?, ?, ?, ?, ?, ?)",
            Then({Param(x.trust), Param(x.person)}, RiskValues(x)), RiskRules(x)));
  return GetLossRisk(x.trust, LossRiskId(new_id));
}

Result<void> SqlStore::Update(const LossRisk& x) {
  auto lease = TRY(Hold());
  const int64_t changed = TRY(Write(
      "UPDATE loss_risks SET person_id = ?, risk = ?, departure_window = ?, note = ?, "
      "assessed_on = ? WHERE id = ? AND trust_id = ?",
      Then(Then({Param(x.person)}, RiskValues(x)), {Param(x.id), Param(x.trust)}), RiskRules(x)));
  if (changed == 0) return NotFound("risk of loss");
  return Ok();
}

Result<LossRisk> SqlStore::GetLossRisk(TrustId trust, LossRiskId id) {
  auto lease = TRY(Hold());
  auto found = TRY(One(std::string("SELECT ") + kRiskColumns +
                           " FROM loss_risks lr WHERE lr.id = ? AND lr.trust_id = ?",
                       {Param(id), Param(trust)}, &ReadRisk));
  if (!found) return NotFound("risk of loss");
  return *found;
}

Result<std::optional<LossRisk>> SqlStore::FindLossRisk(TrustId trust, PersonId person) {
  auto lease = TRY(Hold());
  return One(std::string("SELECT ") + kRiskColumns +
                 " FROM loss_risks lr WHERE lr.trust_id = ? AND lr.person_id = ?",
             {Param(trust), Param(person)}, &ReadRisk);
}

Result<void> SqlStore::DeleteLossRisk(TrustId trust, LossRiskId id) {
  auto lease = TRY(Hold());
  const int64_t changed =
      TRY(Write("DELETE FROM loss_risks WHERE id = ? AND trust_id = ?", {Param(id), Param(trust)}));
  if (changed == 0) return NotFound("risk of loss");
  return Ok();
}

Result<Listing<LossRisk>> SqlStore::ListLossRisks(const LossRiskFilter& f) {
  auto lease = TRY(Hold());
  Conditions where;
  where.And("lr.trust_id = ?", {Param(f.trust)});
  if (f.risk) where.And("lr.risk = ?", {Param(*f.risk)});
  if (f.only) where.And(Conn().InIds("lr.person_id"), {IdsJson(*f.only)});
  return List(kRiskColumns, "loss_risks lr", where, "lr.person_id", {}, f.page, &ReadRisk);
}

Result<std::vector<LossRisk>> SqlStore::ListLossRisks(TrustId trust) {
  auto lease = TRY(Hold());
  std::vector<LossRisk> risks;
  TRY(Query(std::string("SELECT ") + kRiskColumns +
                " FROM loss_risks lr WHERE lr.trust_id = ? ORDER BY lr.person_id",
            {Param(trust)}, [&](Row& row) -> Result<void> {
              risks.push_back(TRY(ReadRisk(row)));
              return Ok();
            }));
  return risks;
}

// ---- Succession plans ----

Result<SuccessionPlan> SqlStore::Insert(const SuccessionPlan& p) {
  auto lease = TRY(Hold());
  const int64_t new_id = TRY(
      InsertRow("INSERT INTO succession_plans (trust_id, post_id, impact, consider_external, "
            "review_on, notes, created_on) VALUES (?, ?, ?, ?, ?, ?, ?)",
            Then({Param(p.trust), Param(p.post)}, PlanValues(p)), PlanRules(p)));
  return GetSuccessionPlan(p.trust, SuccessionPlanId(new_id));
}

Result<void> SqlStore::Update(const SuccessionPlan& p) {
  auto lease = TRY(Hold());
  const int64_t changed = TRY(Write(
      "UPDATE succession_plans SET post_id = ?, impact = ?, consider_external = ?, "
      "review_on = ?, notes = ?, created_on = ? WHERE id = ? AND trust_id = ?",
      Then(Then({Param(p.post)}, PlanValues(p)), {Param(p.id), Param(p.trust)}), PlanRules(p)));
  if (changed == 0) return NotFound("succession plan");
  return Ok();
}

Result<SuccessionPlan> SqlStore::GetSuccessionPlan(TrustId trust, SuccessionPlanId id) {
  auto lease = TRY(Hold());
  auto found = TRY(One(std::string("SELECT ") + kPlanColumns +
                           " FROM succession_plans sp WHERE sp.id = ? AND sp.trust_id = ?",
                       {Param(id), Param(trust)}, &ReadPlan));
  if (!found) return NotFound("succession plan");
  return *found;
}

Result<std::optional<SuccessionPlan>> SqlStore::FindPlanForPost(TrustId trust, PostId post) {
  auto lease = TRY(Hold());
  return One(std::string("SELECT ") + kPlanColumns +
                 " FROM succession_plans sp WHERE sp.trust_id = ? AND sp.post_id = ?",
             {Param(trust), Param(post)}, &ReadPlan);
}

Result<Listing<SuccessionPlan>> SqlStore::ListSuccessionPlans(const SuccessionPlanFilter& f) {
  auto lease = TRY(Hold());
  Conditions where;
  where.And("sp.trust_id = ?", {Param(f.trust)});
  if (f.post) where.And("sp.post_id = ?", {Param(*f.post)});
  if (f.only) where.And(Conn().InIds("sp.post_id"), {IdsJson(*f.only)});
  return List(kPlanColumns, kPlansFrom, where, PlanOrder(Conn()), {}, f.page, &ReadPlan);
}

Result<PlanContent> SqlStore::GetPlanContent(TrustId trust, SuccessionPlanId plan) {
  auto lease = TRY(Hold());
  PlanContent content;
  TRY(InTransaction(TxKind::kRead, [&]() -> Result<void> {
    content.plan = TRY(GetSuccessionPlan(trust, plan));
    TRY(Query(std::string("SELECT ") + kCandidateColumns +
                  " FROM plan_candidates pc WHERE pc.trust_id = ? AND pc.plan_id = ? "
                  "ORDER BY pc.rank",
              {Param(trust), Param(plan)}, [&](Row& row) -> Result<void> {
                content.candidates.push_back(TRY(ReadCandidate(row)));
                return Ok();
              }));
    return Query(std::string("SELECT ") + kDiscussionColumns +
                     " FROM plan_discussions pd WHERE pd.trust_id = ? AND pd.plan_id = ? "
                     "ORDER BY pd.held_on, pd.id",
                 {Param(trust), Param(plan)}, [&](Row& row) -> Result<void> {
                   content.discussions.push_back(TRY(ReadDiscussion(row)));
                   return Ok();
                 });
  }));
  return content;
}

Result<std::vector<PlanContent>> SqlStore::ListPlanContents(TrustId trust) {
  auto lease = TRY(Hold());
  std::vector<PlanContent> contents;
  std::unordered_map<SuccessionPlanId, size_t> at;
  // Three reads in one read transaction, so candidates and discussions match the plans.
  TRY(InTransaction(TxKind::kRead, [&]() -> Result<void> {
    TRY(Query(std::string("SELECT ") + kPlanColumns + " FROM " + kPlansFrom +
                  " WHERE sp.trust_id = ? ORDER BY " + PlanOrder(Conn()),
              {Param(trust)}, [&](Row& row) -> Result<void> {
                PlanContent content;
                content.plan = TRY(ReadPlan(row));
                at.emplace(content.plan.id, contents.size());
                contents.push_back(std::move(content));
                return Ok();
              }));
    auto content_of = [&](SuccessionPlanId plan) -> Result<PlanContent*> {
      const auto it = at.find(plan);
      if (it == at.end())
        return Fail(ErrorCode::kInternal,
                    "a row refers to missing succession plan " + std::to_string(plan.value()));
      return &contents[it->second];
    };
    TRY(Query(std::string("SELECT ") + kCandidateColumns +
                  " FROM plan_candidates pc WHERE pc.trust_id = ? ORDER BY pc.plan_id, pc.rank",
              {Param(trust)}, [&](Row& row) -> Result<void> {
                PlanCandidate c = TRY(ReadCandidate(row));
                TRY(content_of(c.plan))->candidates.push_back(std::move(c));
                return Ok();
              }));
    return Query(std::string("SELECT ") + kDiscussionColumns +
                     " FROM plan_discussions pd WHERE pd.trust_id = ? "
                     "ORDER BY pd.plan_id, pd.held_on, pd.id",
                 {Param(trust)}, [&](Row& row) -> Result<void> {
                   PlanDiscussion d = TRY(ReadDiscussion(row));
                   TRY(content_of(d.plan))->discussions.push_back(std::move(d));
                   return Ok();
                 });
  }));
  return contents;
}

// ---- Plan candidates ----

Result<PlanCandidate> SqlStore::Insert(const PlanCandidate& c) {
  auto lease = TRY(Hold());
  const int64_t new_id = TRY(
      InsertRow("INSERT INTO plan_candidates (trust_id, plan_id, person_id, external_name, "
            "external_source, notes, rank, readiness, readiness_reason, emergency, added_on) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            Then({Param(c.trust), Param(c.plan)}, CandidateValues(c)), CandidateRules(c)));
  return GetPlanCandidate(c.trust, PlanCandidateId(new_id));
}

Result<void> SqlStore::Update(const PlanCandidate& c) {
  auto lease = TRY(Hold());
  const int64_t changed =
      TRY(Write("UPDATE plan_candidates SET plan_id = ?, person_id = ?, external_name = ?, "
                "external_source = ?, notes = ?, rank = ?, readiness = ?, readiness_reason = ?, "
                "emergency = ?, added_on = ? WHERE id = ? AND trust_id = ?",
                Then(Then({Param(c.plan)}, CandidateValues(c)), {Param(c.id), Param(c.trust)}),
                CandidateRules(c)));
  if (changed == 0) return NotFound("plan candidate");
  return Ok();
}

Result<PlanCandidate> SqlStore::GetPlanCandidate(TrustId trust, PlanCandidateId id) {
  auto lease = TRY(Hold());
  auto found = TRY(One(std::string("SELECT ") + kCandidateColumns +
                           " FROM plan_candidates pc WHERE pc.id = ? AND pc.trust_id = ?",
                       {Param(id), Param(trust)}, &ReadCandidate));
  if (!found) return NotFound("plan candidate");
  return *found;
}

Result<void> SqlStore::DeletePlanCandidate(TrustId trust, PlanCandidateId id) {
  auto lease = TRY(Hold());
  const int64_t changed = TRY(Write("DELETE FROM plan_candidates WHERE id = ? AND trust_id = ?",
                                    {Param(id), Param(trust)}));
  if (changed == 0) return NotFound("plan candidate");
  return Ok();
}

Result<Listing<PlanCandidate>> SqlStore::ListPlanCandidates(const PlanCandidateFilter& f) {
  auto lease = TRY(Hold());
  Conditions where;
  where.And("pc.trust_id = ?", {Param(f.trust)});
  if (f.plan) where.And("pc.plan_id = ?", {Param(*f.plan)});
  if (f.person) where.And("pc.person_id = ?", {Param(*f.person)});
  return List(kCandidateColumns, "plan_candidates pc", where, "pc.plan_id, pc.rank", {}, f.page,
              &ReadCandidate);
}

// ---- Plan discussions ----

Result<PlanDiscussion> SqlStore::Insert(const PlanDiscussion& d) {
  auto lease = TRY(Hold());
  const int64_t new_id = TRY(
      InsertRow("INSERT INTO plan_discussions (trust_id, plan_id, held_on, forum, attendees, "
            "outcome) VALUES (?, ?, ?, ?, ?, ?)",
            Then({Param(d.trust), Param(d.plan)}, DiscussionValues(d)), DiscussionRules(d)));
  return GetPlanDiscussion(d.trust, PlanDiscussionId(new_id));
}

Result<void> SqlStore::Update(const PlanDiscussion& d) {
  auto lease = TRY(Hold());
  const int64_t changed =
      TRY(Write("UPDATE plan_discussions SET plan_id = ?, held_on = ?, forum = ?, attendees = ?, "
                "outcome = ? WHERE id = ? AND trust_id = ?",
                Then(Then({Param(d.plan)}, DiscussionValues(d)), {Param(d.id), Param(d.trust)}),
                DiscussionRules(d)));
  if (changed == 0) return NotFound("plan discussion");
  return Ok();
}

Result<PlanDiscussion> SqlStore::GetPlanDiscussion(TrustId trust, PlanDiscussionId id) {
  auto lease = TRY(Hold());
  auto found = TRY(One(std::string("SELECT ") + kDiscussionColumns +
                           " FROM plan_discussions pd WHERE pd.id = ? AND pd.trust_id = ?",
                       {Param(id), Param(trust)}, &ReadDiscussion));
  if (!found) return NotFound("plan discussion");
  return *found;
}

Result<Listing<PlanDiscussion>> SqlStore::ListPlanDiscussions(const PlanDiscussionFilter& f) {
  auto lease = TRY(Hold());
  Conditions where;
  where.And("pd.trust_id = ?", {Param(f.trust)});
  if (f.plan) where.And("pd.plan_id = ?", {Param(*f.plan)});
  if (f.forum) where.And("pd.forum = ?", {Param(*f.forum)});
  return List(kDiscussionColumns, "plan_discussions pd", where, "pd.held_on, pd.id", {}, f.page,
              &ReadDiscussion);
}

// ---- Development actions ----

Result<DevelopmentAction> SqlStore::Insert(const DevelopmentAction& a) {
  auto lease = TRY(Hold());
  const int64_t new_id = TRY(
      InsertRow("INSERT INTO development_actions (trust_id, person_id, kind, title, description, "
            "source, competency_id, plan_id, owner_id, due_on, status, outcome, raised_on, "
            "completed_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            Then({Param(a.trust), Param(a.person)}, ActionValues(a)), ActionRules(a)));
  return GetDevelopmentAction(a.trust, DevelopmentActionId(new_id));
}

Result<void> SqlStore::Update(const DevelopmentAction& a) {
  auto lease = TRY(Hold());
  const int64_t changed = TRY(
      Write("UPDATE development_actions SET person_id = ?, kind = ?, title = ?, description = ?, "
            "source = ?, competency_id = ?, plan_id = ?, owner_id = ?, due_on = ?, status = ?, "
            "outcome = ?, raised_on = ?, completed_on = ? WHERE id = ? AND trust_id = ?",
            Then(Then({Param(a.person)}, ActionValues(a)), {Param(a.id), Param(a.trust)}),
            ActionRules(a)));
  if (changed == 0) return NotFound("development action");
  return Ok();
}

Result<DevelopmentAction> SqlStore::GetDevelopmentAction(TrustId trust, DevelopmentActionId id) {
  auto lease = TRY(Hold());
  auto found = TRY(One(std::string("SELECT ") + kActionColumns +
                           " FROM development_actions da WHERE da.id = ? AND da.trust_id = ?",
                       {Param(id), Param(trust)}, &ReadAction));
  if (!found) return NotFound("development action");
  return *found;
}

Result<Listing<DevelopmentAction>> SqlStore::ListDevelopmentActions(
    const DevelopmentActionFilter& f) {
  auto lease = TRY(Hold());
  Conditions where;
  where.And("da.trust_id = ?", {Param(f.trust)});
  if (f.person) where.And("da.person_id = ?", {Param(*f.person)});
  if (f.plan) where.And("da.plan_id = ?", {Param(*f.plan)});
  if (f.owner) where.And("da.owner_id = ?", {Param(*f.owner)});
  if (f.status) where.And("da.status = ?", {Param(*f.status)});
  if (f.source) where.And("da.source = ?", {Param(*f.source)});
  if (f.only) where.And(Conn().InIds("da.person_id"), {IdsJson(*f.only)});
  return List(kActionColumns, "development_actions da", where,
              "da.due_on IS NULL, da.due_on, da.id", {}, f.page, &ReadAction);
}

// ---- Formula settings ----

Result<SuccessionSettings> SqlStore::GetFormulaSettings(TrustId trust) {
  auto lease = TRY(Hold());
  std::optional<std::string> stored;
  TRY(Query("SELECT settings FROM formula_settings WHERE trust_id = ?", {Param(trust)},
            [&](Row& row) -> Result<void> {
              stored = row.Text();
              return Ok();
            }));
  if (!stored) {
    TRY(GetTrust(trust));
    return SuccessionSettings{};
  }
  auto read = succession::SettingsFromJson(nlohmann::json::parse(*stored, nullptr, false));
  if (!read)
    return Fail(ErrorCode::kInternal, "unreadable formula settings of trust " +
                                          std::to_string(trust.value()) + ": " + *stored);
  return *read;
}

Result<void> SqlStore::PutFormulaSettings(TrustId trust, const SuccessionSettings& settings) {
  auto lease = TRY(Hold());
  TRY(
      Write("INSERT INTO formula_settings (trust_id, settings) VALUES (?, ?) "
            "ON CONFLICT (trust_id) DO UPDATE SET settings = excluded.settings",
            {Param(trust), succession::ToJson(settings).dump()}, {{}, {TrustRef(trust)}}));
  return Ok();
}

}  // namespace trellis::store::sql
