#include "succession/plan_service.h"

#include <algorithm>

#include "org/field_problems.h"
#include "succession/json.h"
#include "succession/validation.h"

namespace trellis::succession {
namespace {

constexpr char kPlanEntity[] = "succession_plan";
constexpr char kRiskEntity[] = "loss_risk";

std::string EntityOf(SuccessionRead read) {
  switch (read) {
    case SuccessionRead::kCandidates:
      return "succession_candidates";
    case SuccessionRead::kPipeline:
      return "succession_pipeline";
    case SuccessionRead::kSimulation:
      return "succession_simulation";
    case SuccessionRead::kReport:
      return "succession_report";
  }
  return "succession";
}

std::string IdText(int64_t id) { return std::to_string(id); }

Result<std::vector<PlanCandidate>> CandidatesOf(store::Store& tx, TrustId trust,
                                                SuccessionPlanId plan) {
  return TRY(tx.ListPlanCandidates({.trust = trust, .plan = plan, .page = store::kEveryRow})).items;
}

// The plan's candidates as stored, as the audit log shows them.
Result<nlohmann::json> CandidateList(store::Store& tx, TrustId trust, SuccessionPlanId plan) {
  return ToJson(TRY(CandidatesOf(tx, trust, plan)));
}

// The before or after of one candidate's change: the candidate and the whole list.
// `reason`, when given, says why the candidate was removed.
std::string AroundCandidate(PlanCandidateId concerned, nlohmann::json candidates,
                            const std::string& reason = "") {
  nlohmann::json around{{"candidate_id", concerned.value()}, {"candidates", std::move(candidates)}};
  if (!org::FieldProblems::IsBlank(reason)) around["reason"] = reason;
  return around.dump();
}

// Ranks 1..n in the order of `candidates`.
void Renumber(std::vector<PlanCandidate>& candidates) {
  for (size_t i = 0; i < candidates.size(); ++i) candidates[i].rank = static_cast<int>(i) + 1;
}

// Only `keep` may be the emergency successor when it is one.
void TakeEmergencyFlag(std::vector<PlanCandidate>& candidates, PlanCandidateId keep) {
  for (PlanCandidate& c : candidates)
    if (c.id != keep) c.emergency = false;
}

void CheckRank(int rank, size_t highest, std::vector<Problem>& problems) {
  if (rank < 1 || rank > static_cast<int>(highest))
    problems.push_back(
        {"rank", "must be from 1 to " + std::to_string(highest), std::to_string(rank), {}});
}

// A person named as a successor for `post`: in the trust, and the rules of CheckSuccessor
// over what is stored.
Result<void> CheckSuccessorInStore(store::Store& tx, TrustId trust, PostId post, PersonId person,
                                   Date today, std::vector<Problem>& problems) {
  if (!person.valid()) return Ok();
  const auto found = tx.GetPerson(trust, person);
  TRY(org::NoteMissing(problems, "person_id", person.value(), found));
  if (!found) return Ok();
  const auto holding = TRY(tx.ListHoldings(
      {.trust = trust, .post = post, .person = person, .current_on = today, .page = {.limit = 1}}));
  CheckSuccessor(*found, holding.total > 0, today, problems);
  return Ok();
}

// Stores `wanted`, the plan's candidates with their new ranks (1..n) and flags, over
// `current`, the same candidates as stored. The store holds ranks unique and one emergency
// flag per plan at every step, so a candidate whose rank changes is first parked past every
// rank in use (dropping a flag it is losing), and only then put in its place.
Result<void> Rewrite(store::Store& tx, const std::vector<PlanCandidate>& current,
                     const std::vector<PlanCandidate>& wanted) {
  int parking = static_cast<int>(current.size() + wanted.size()) + 1;
  for (const PlanCandidate& c : current) parking = std::max(parking, c.rank + 1);
  std::vector<const PlanCandidate*> changed;
  for (const PlanCandidate& w : wanted) {
    const auto stored = std::find_if(current.begin(), current.end(),
                                     [&](const PlanCandidate& c) { return c.id == w.id; });
    if (stored == current.end())
      return Fail(ErrorCode::kInternal, "candidate " + IdText(w.id.value()) + " is not stored");
    if (*stored == w) continue;
    changed.push_back(&w);
    PlanCandidate parked = *stored;
    if (parked.rank != w.rank) parked.rank = parking++;
    parked.emergency = parked.emergency && w.emergency;
    if (parked != *stored) TRY(tx.Update(parked));
  }
  for (const PlanCandidate* w : changed) TRY(tx.Update(*w));
  return Ok();
}

}  // namespace

Result<std::vector<PlanCandidate>> StoreCandidateList(store::Store& tx,
                                                      const std::vector<PlanCandidate>& current,
                                                      const std::vector<PlanCandidate>& wanted) {
  if (auto problems = CheckCandidateList(wanted); !problems.empty())
    return Fail(ErrorCode::kInternal, "a plan's candidates would break its rules: " +
                                          problems.front().field + " " + problems.front().reason);
  std::vector<PlanCandidate> kept_now, kept_wanted, added;
  for (const PlanCandidate& w : wanted) {
    if (!w.id.valid()) {
      added.push_back(w);
      continue;
    }
    const auto stored = std::find_if(current.begin(), current.end(),
                                     [&](const PlanCandidate& c) { return c.id == w.id; });
    if (stored == current.end())
      return Fail(ErrorCode::kInternal, "candidate " + IdText(w.id.value()) + " is not stored");
    kept_now.push_back(*stored);
    kept_wanted.push_back(w);
  }
  // Those leaving first, then those staying (their ranks and flags are free of the leavers'),
  // then the newcomers (into the ranks and flag the others have made room for).
  for (const PlanCandidate& c : current)
    if (std::none_of(wanted.begin(), wanted.end(),
                     [&](const PlanCandidate& w) { return w.id == c.id; }))
      TRY(tx.DeletePlanCandidate(c.trust, c.id));
  TRY(Rewrite(tx, kept_now, kept_wanted));
  for (PlanCandidate& c : added) c = TRY(tx.Insert(c));
  return added;
}

// ---- Plans ----

Result<SuccessionPlan> PlanService::CreatePlan(TrustId trust, SuccessionPlan plan,
                                               const org::Actor& actor) {
  plan.id = {};
  plan.trust = trust;
  plan.created_on = clock_.Today();
  SuccessionPlan stored;
  TRY(store_.Transact([&](store::Store& tx) -> Result<void> {
    TRY(tx.GetTrust(trust));
    std::vector<Problem> problems = Check(plan);
    if (plan.post.valid()) {
      const auto post = tx.GetPost(trust, plan.post);
      TRY(org::NoteMissing(problems, "post_id", plan.post.value(), post));
      if (post) CheckPlanPost(*post, problems);
    }
    if (!problems.empty()) return Refuse(std::move(problems));
    stored = TRY(tx.Insert(plan));
    return tx.Append(org::AuditEntryOf(actor, clock_.Now(), trust, "create", kPlanEntity,
                                       stored.id.value(), "", ToJson(stored).dump()));
  }));
  return stored;
}

Result<SuccessionPlan> PlanService::ChangePlan(TrustId trust, SuccessionPlanId id,
                                               const Edit<SuccessionPlan>& change,
                                               const org::Actor& actor) {
  SuccessionPlan stored;
  TRY(store_.Transact([&](store::Store& tx) -> Result<void> {
    const SuccessionPlan before = TRY(tx.GetSuccessionPlan(trust, id));
    SuccessionPlan after = before;
    TRY(change(after));
    std::vector<Problem> problems;
    if (after.post != before.post)
      problems.push_back({"post_id",
                          "cannot be changed: a plan belongs to its post",
                          IdText(after.post.value()),
                          {}});
    after.id = before.id;
    after.trust = trust;
    after.post = before.post;
    after.created_on = before.created_on;
    for (Problem& p : Check(after)) problems.push_back(std::move(p));
    if (!problems.empty()) return Refuse(std::move(problems));
    TRY(tx.Update(after));
    stored = TRY(tx.GetSuccessionPlan(trust, id));
    return tx.Append(org::AuditEntryOf(actor, clock_.Now(), trust, "update", kPlanEntity,
                                       id.value(), ToJson(before).dump(), ToJson(stored).dump()));
  }));
  return stored;
}

// ---- Candidates ----

Result<PlanCandidate> PlanService::AddCandidate(TrustId trust, SuccessionPlanId plan_id,
                                                PlanCandidate candidate, std::optional<int> rank,
                                                const org::Actor& actor) {
  const Date today = clock_.Today();
  PlanCandidate stored;
  TRY(store_.Transact([&](store::Store& tx) -> Result<void> {
    const SuccessionPlan plan = TRY(tx.GetSuccessionPlan(trust, plan_id));
    const std::vector<PlanCandidate> current = TRY(CandidatesOf(tx, trust, plan_id));
    candidate.id = {};
    candidate.trust = trust;
    candidate.plan = plan_id;
    candidate.added_on = today;
    candidate.rank = rank.value_or(static_cast<int>(current.size()) + 1);

    std::vector<Problem> problems = Check(candidate);
    if (candidate.rank >= 1) CheckRank(candidate.rank, current.size() + 1, problems);
    if (candidate.person)
      TRY(CheckSuccessorInStore(tx, trust, plan.post, *candidate.person, today, problems));
    if (!problems.empty()) return Refuse(std::move(problems));

    // Room at the new rank, and the emergency flag free when the newcomer takes it.
    std::vector<PlanCandidate> wanted = current;
    Renumber(wanted);
    for (PlanCandidate& c : wanted) {
      if (c.rank >= candidate.rank) ++c.rank;
      if (candidate.emergency) c.emergency = false;
    }
    wanted.push_back(candidate);
    // The ranks and the flag fit by construction; what the list's rules can still refuse is
    // the person named a second time.
    if (!CheckCandidateList(wanted).empty())
      return Fail(ErrorCode::kConflict, "The person is already named on this plan.",
                  {{"person_id",
                    "is already named on this plan",
                    candidate.person ? IdText(candidate.person->value()) : "",
                    {}}});
    nlohmann::json before = ToJson(current);
    stored = TRY(StoreCandidateList(tx, current, wanted)).at(0);
    return tx.Append(
        org::AuditEntryOf(actor, clock_.Now(), trust, "add_candidate", kPlanEntity, plan_id.value(),
                          AroundCandidate(stored.id, std::move(before)),
                          AroundCandidate(stored.id, TRY(CandidateList(tx, trust, plan_id)))));
  }));
  return stored;
}

Result<PlanCandidate> PlanService::ChangeCandidate(TrustId trust, PlanCandidateId id,
                                                   const Edit<PlanCandidate>& change,
                                                   const org::Actor& actor) {
  PlanCandidate stored;
  TRY(store_.Transact([&](store::Store& tx) -> Result<void> {
    const PlanCandidate before = TRY(tx.GetPlanCandidate(trust, id));
    PlanCandidate after = before;
    TRY(change(after));
    std::vector<Problem> problems;
    if (after.person != before.person)
      problems.push_back({"person_id",
                          "cannot be changed: remove this candidate and name the other person",
                          after.person ? IdText(after.person->value()) : "",
                          {}});
    after.id = before.id;
    after.trust = trust;
    after.plan = before.plan;
    after.person = before.person;
    after.added_on = before.added_on;
    for (Problem& p : Check(after)) problems.push_back(std::move(p));
    std::vector<PlanCandidate> current = TRY(CandidatesOf(tx, trust, before.plan));
    if (after.rank >= 1) CheckRank(after.rank, current.size(), problems);
    if (!problems.empty()) return Refuse(std::move(problems));

    // The new order: the candidate taken out and put back at their new rank.
    std::vector<PlanCandidate> wanted;
    for (const PlanCandidate& c : current)
      if (c.id != id) wanted.push_back(c);
    wanted.insert(wanted.begin() + (after.rank - 1), after);
    Renumber(wanted);
    if (after.emergency) TakeEmergencyFlag(wanted, id);
    nlohmann::json list_before = ToJson(current);
    TRY(StoreCandidateList(tx, current, wanted));
    stored = TRY(tx.GetPlanCandidate(trust, id));
    return tx.Append(
        org::AuditEntryOf(actor, clock_.Now(), trust, "change_candidate", kPlanEntity,
                          before.plan.value(), AroundCandidate(id, std::move(list_before)),
                          AroundCandidate(id, TRY(CandidateList(tx, trust, before.plan)))));
  }));
  return stored;
}

Result<void> PlanService::RemoveCandidate(TrustId trust, PlanCandidateId id,
                                          std::string_view reason, const org::Actor& actor) {
  return store_.Transact([&](store::Store& tx) -> Result<void> {
    const PlanCandidate gone = TRY(tx.GetPlanCandidate(trust, id));
    const std::string why(reason);
    org::FieldProblems problems;
    problems.Paragraphs("reason", why);
    if (auto found = problems.Take(); !found.empty()) return Refuse(std::move(found));
    const std::vector<PlanCandidate> current = TRY(CandidatesOf(tx, trust, gone.plan));
    nlohmann::json before = ToJson(current);
    std::vector<PlanCandidate> wanted = current;
    std::erase_if(wanted, [&](const PlanCandidate& c) { return c.id == id; });
    Renumber(wanted);
    TRY(StoreCandidateList(tx, current, wanted));
    nlohmann::json after = TRY(CandidateList(tx, trust, gone.plan));
    return tx.Append(org::AuditEntryOf(actor, clock_.Now(), trust, "remove_candidate",
                                       kPlanEntity, gone.plan.value(),
                                       AroundCandidate(id, std::move(before)),
                                       AroundCandidate(id, std::move(after), why)));
  });
}

// ---- Discussions ----

Result<PlanDiscussion> PlanService::RecordDiscussion(TrustId trust, SuccessionPlanId plan,
                                                     PlanDiscussion discussion,
                                                     const org::Actor& actor) {
  discussion.id = {};
  discussion.trust = trust;
  discussion.plan = plan;
  PlanDiscussion stored;
  TRY(store_.Transact([&](store::Store& tx) -> Result<void> {
    TRY(tx.GetSuccessionPlan(trust, plan));
    std::vector<Problem> problems = Check(discussion);
    org::NoteInFuture(problems, "held_on", discussion.held_on, clock_.Today());
    if (!problems.empty()) return Refuse(std::move(problems));
    stored = TRY(tx.Insert(discussion));
    return tx.Append(org::AuditEntryOf(actor, clock_.Now(), trust, "record_discussion", kPlanEntity,
                                       plan.value(), "", ToJson(stored).dump()));
  }));
  return stored;
}

// ---- Risk of loss ----

Result<LossRisk> PlanService::SetRisk(TrustId trust, LossRisk risk, const org::Actor& actor) {
  const Date today = clock_.Today();
  risk.id = {};
  risk.trust = trust;
  if (risk.assessed_on == Date{}) risk.assessed_on = today;
  LossRisk stored;
  TRY(store_.Transact([&](store::Store& tx) -> Result<void> {
    std::vector<Problem> problems = Check(risk);
    org::NoteInFuture(problems, "assessed_on", risk.assessed_on, today);
    TRY(org::NoteNotCurrent(tx, trust, "person_id", risk.person, today, problems));
    if (!problems.empty()) return Refuse(std::move(problems));
    const auto existing = TRY(tx.FindLossRisk(trust, risk.person));
    std::string before;
    if (existing) {
      risk.id = existing->id;
      TRY(tx.Update(risk));
      stored = TRY(tx.GetLossRisk(trust, risk.id));
      before = ToJson(*existing).dump();
    } else {
      stored = TRY(tx.Insert(risk));
    }
    return tx.Append(org::AuditEntryOf(actor, clock_.Now(), trust, existing ? "update" : "create",
                                       kRiskEntity, risk.person.value(), before,
                                       ToJson(stored).dump()));
  }));
  return stored;
}

Result<void> PlanService::ClearRisk(TrustId trust, PersonId person, const org::Actor& actor) {
  return store_.Transact([&](store::Store& tx) -> Result<void> {
    const auto existing = TRY(tx.FindLossRisk(trust, person));
    if (!existing) return Fail(ErrorCode::kNotFound, "The person has no risk of loss recorded.");
    TRY(tx.DeleteLossRisk(trust, existing->id));
    return tx.Append(org::AuditEntryOf(actor, clock_.Now(), trust, "delete", kRiskEntity,
                                       person.value(), ToJson(*existing).dump(), ""));
  });
}

// ---- Settings and reads ----

Result<SuccessionSettings> PlanService::PutSettings(TrustId trust,
                                                    const SuccessionSettings& settings,
                                                    const org::Actor& actor) {
  if (auto problems = Check(settings); !problems.empty()) return Refuse(std::move(problems));
  TRY(store_.Transact([&](store::Store& tx) -> Result<void> {
    const SuccessionSettings before = TRY(tx.GetFormulaSettings(trust));
    TRY(tx.PutFormulaSettings(trust, settings));
    return tx.Append(org::AuditEntryOf(actor, clock_.Now(), trust, "update", "formula_settings",
                                       trust.value(), ToJson(before).dump(),
                                       ToJson(settings).dump()));
  }));
  return settings;
}

Result<void> PlanService::RecordPlansRead(TrustId trust, const std::string& what,
                                          const org::Actor& actor) {
  return store_.Append(
      org::AuditEntryOf(actor, clock_.Now(), trust, "read", kPlanEntity, what, "", ""));
}

Result<void> PlanService::RecordRisksRead(TrustId trust, const std::string& what,
                                          const org::Actor& actor) {
  return store_.Append(
      org::AuditEntryOf(actor, clock_.Now(), trust, "read", kRiskEntity, what, "", ""));
}

Result<void> PlanService::RecordRead(TrustId trust, SuccessionRead read, const std::string& what,
                                     const std::string& asked, const org::Actor& actor) {
  return store_.Append(ReadEntry(trust, read, what, asked, actor));
}

access::AuditEntry PlanService::ReadEntry(TrustId trust, SuccessionRead read,
                                          const std::string& what, const std::string& asked,
                                          const org::Actor& actor) const {
  return org::AuditEntryOf(actor, clock_.Now(), trust, "read", EntityOf(read), what, "", asked);
}

}  // namespace trellis::succession
