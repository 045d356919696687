#pragma once
// Changes to succession plans, the people named on them, their discussions, risks of loss and
// the trust's formula settings. Every write is checked (field rules from
// succession/validation.h, then references and the process rules below against the store),
// written, and audit-logged with its before and after, all in one transaction (as
// org::OrgService).
//
// Audit log. A plan's full history is one query, AuditFilter{.entity = "succession_plan",
// .entity_id = "<plan id>"}: every change to the plan, its candidates and its discussions is
// logged under the plan, with action
//   "create", "update"      before/after: the plan (succession/json.h, without its content)
//   "add_candidate", "change_candidate", "remove_candidate"
//                           before/after: {"candidate_id": the candidate concerned,
//                           "candidates": every candidate of the plan, by rank}, so that the
//                           ranks closing up and the emergency flag moving are part of the entry
//   "record_discussion"     after: the discussion
//   "read"                  no before/after: who was shown it (RecordPlansRead)
// A person's risk of loss is logged under entity "loss_risk" with entity_id the person's id
// (not the risk's: one history however often it is cleared and set again), actions "create",
// "update", "delete" and "read". The trust's formula settings: entity "formula_settings",
// entity_id the trust's id, action "update". Reads of what is computed from them (a ranking,
// the pipeline, a simulation, a report): action "read", the entity of SuccessionRead.
//
// Confidential (product.md): who is named to succeed whom and risk of loss. Which roles may
// call what is decided by the caller (http/), which also calls RecordPlansRead and
// RecordRisksRead whenever it shows them to someone.

#include <functional>
#include <optional>
#include <string>

#include "core/clock.h"
#include "core/result.h"
#include "org/record_writes.h"
#include "store/store.h"
#include "succession/plan.h"
#include "succession/settings.h"

namespace trellis::succession {

// What is computed from plans, risks and ratings and shown to someone: the audit log's entity
// of the read.
enum class SuccessionRead {
  kCandidates,  // "succession_candidates": a key post's ranked candidates (what: the post's id)
  kPipeline,    // "succession_pipeline": the dashboard or its trend
  kSimulation,  // "succession_simulation": attrition, or a vacancy chain
  kReport,      // "succession_report": the Board's, the committee's or a governing body's
};

// Stores `wanted` as a plan's whole list of candidates over `current`, the plan's candidates
// as stored (tx: inside the caller's transaction). Candidates of `current` that `wanted` does
// not hold (by id) are deleted; those of `wanted` without an id are inserted (trust, plan and
// added_on as the caller set them); the others are rewritten where they changed, in an order
// the store's rules (a rank once per plan, one emergency successor) allow at every step.
// `wanted` must keep CheckCandidateList's rules (kInternal otherwise: callers check first).
// Returns the inserted candidates as stored, in the order of `wanted`. Writes no audit entry.
[[nodiscard]] Result<std::vector<PlanCandidate>> StoreCandidateList(
    store::Store& tx, const std::vector<PlanCandidate>& current,
    const std::vector<PlanCandidate>& wanted);

class PlanService {
 public:
  PlanService(store::Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // Edits of a record read inside the transaction; an edit may fail, and then nothing is
  // written.
  template <typename T>
  using Edit = std::function<Result<void>(T&)>;

  // Plans. CreatePlan: the id is ignored, the trust set, created_on is today. Fails with
  // kValidationFailed listing every problem (among them a post not in the trust, or not a
  // key post), kConflict when the post has a plan already, kNotFound for no such trust.
  [[nodiscard]] Result<SuccessionPlan> CreatePlan(TrustId trust, SuccessionPlan plan,
                                                  const org::Actor& actor);
  // Reads the plan (kNotFound), lets `change` edit it, checks and writes it. Its impact,
  // consider_external, review_on and notes may change; another post_id is refused (a plan
  // belongs to its post), and the id, trust and created_on are kept.
  [[nodiscard]] Result<SuccessionPlan> ChangePlan(TrustId trust, SuccessionPlanId id,
                                                  const Edit<SuccessionPlan>& change,
                                                  const org::Actor& actor);

  // Names a successor on the plan (kNotFound for no such plan). Someone of the trust
  // (person_id) must be in it, not have left, not hold the post today, and not be named on
  // the plan already (kConflict); someone from outside needs external_name and a readiness.
  // `rank` places the candidate (1 to n + 1 for a plan of n; those from there on move down
  // one); empty puts them last. An emergency successor takes the flag from any other
  // candidate of the plan. The id, trust, plan, rank and added_on (today) are set here.
  [[nodiscard]] Result<PlanCandidate> AddCandidate(TrustId trust, SuccessionPlanId plan,
                                                   PlanCandidate candidate, std::optional<int> rank,
                                                   const org::Actor& actor);
  // Reads the candidate (kNotFound), lets `change` edit it, checks and writes it. A new rank
  // (1 to n) moves the candidate, the others closing up behind and making room in front; the
  // emergency flag, when set, moves from any other candidate of the plan; the readiness
  // rules are AddCandidate's. Who the candidate is cannot change (remove them and add the
  // other instead): another person_id is refused; the id, trust, plan and added_on are kept.
  [[nodiscard]] Result<PlanCandidate> ChangeCandidate(TrustId trust, PlanCandidateId id,
                                                      const Edit<PlanCandidate>& change,
                                                      const org::Actor& actor);
  // Removes the candidate (kNotFound); the ranks after theirs close up. `reason` (optional,
  // a paragraph) is kept in the plan's history: the audit entry's "after" side.
  [[nodiscard]] Result<void> RemoveCandidate(TrustId trust, PlanCandidateId id,
                                             std::string_view reason, const org::Actor& actor);

  // Records a discussion of the plan (kNotFound for no such plan): the id is ignored and the
  // trust and plan set; held_on may not be in the future and the outcome may not be blank.
  [[nodiscard]] Result<PlanDiscussion> RecordDiscussion(TrustId trust, SuccessionPlanId plan,
                                                        PlanDiscussion discussion,
                                                        const org::Actor& actor);

  // Sets a person's risk of loss, replacing the one they had (the id is ignored and the
  // trust set; assessed_on is today unless given, and may not be in the future). The person
  // must be in the trust and not have left. kValidationFailed listing every problem.
  [[nodiscard]] Result<LossRisk> SetRisk(TrustId trust, LossRisk risk, const org::Actor& actor);
  // Clears the person's risk of loss; kNotFound when they have none.
  [[nodiscard]] Result<void> ClearRisk(TrustId trust, PersonId person, const org::Actor& actor);

  // Replaces the trust's formula settings. kValidationFailed listing every problem
  // (succession::Check), kNotFound for no such trust.
  [[nodiscard]] Result<SuccessionSettings> PutSettings(TrustId trust,
                                                       const SuccessionSettings& settings,
                                                       const org::Actor& actor);

  // Append an audit entry (action "read") saying who was shown which plans or risks: `what`
  // names them, e.g. a plan's id, "post 12" or "all".
  [[nodiscard]] Result<void> RecordPlansRead(TrustId trust, const std::string& what,
                                             const org::Actor& actor);
  [[nodiscard]] Result<void> RecordRisksRead(TrustId trust, const std::string& what,
                                             const org::Actor& actor);
  // Appends an audit entry (action "read", the entity of `read`) saying who was shown what:
  // `what` names it (the entity id: a post's id, "dashboard", "attrition", "board"), `asked`
  // is what they asked for as JSON (the entry's after; empty for nothing).
  [[nodiscard]] Result<void> RecordRead(TrustId trust, SuccessionRead read, const std::string& what,
                                        const std::string& asked, const org::Actor& actor);
  // The entry RecordRead appends, for a caller that appends it itself (the API, which
  // records the read again each time it serves a kept answer).
  access::AuditEntry ReadEntry(TrustId trust, SuccessionRead read, const std::string& what,
                               const std::string& asked, const org::Actor& actor) const;

 private:
  store::Store& store_;
  const Clock& clock_;
};

}  // namespace trellis::succession
