#pragma once
// Retention (UK GDPR Article 5(1)(e), storage limitation): each trust's rules for how long
// trellis keeps leavers' data and the audit log, applied by `trellis retention run`, by
// POST …/retention/run, and daily by every server (RetentionSchedule), once per trust and day
// however many servers share the database.

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "core/result.h"
#include "org/record_writes.h"
#include "privacy/model.h"
#include "store/store.h"

namespace trellis::privacy {

nlohmann::json ToJson(const RetentionRules& rules);
// Reads rules as ToJson writes them (every key required; null turns a rule off) and checks
// them (CheckRules): kValidationFailed with a problem per field.
[[nodiscard]] Result<RetentionRules> RulesFromJson(const nlohmann::json& json);
// Each rule off or whole years within 1..kMostRetentionYears; the audit log's at least
// kLeastAuditYears. kValidationFailed with a problem per field.
[[nodiscard]] Result<void> CheckRules(const RetentionRules& rules);

// Checks and stores the trust's rules, with an audit entry of the change (action "update",
// entity "retention_rules", before and after).
[[nodiscard]] Result<void> PutRules(store::Store& store, TrustId trust, const RetentionRules& rules,
                                    const org::Actor& actor, Instant now);

enum class RunMode { kApply, kDryRun };
// A scheduled run claims its trust and day first (store::Store::ClaimRetentionRun) and does
// nothing when another run has; a run asked for by hand always runs.
enum class RunClaim { kByHand, kOncePerDay };

struct RetentionOptions {
  Date today;  // rules count years back from this day
  Instant now;
  RunMode mode = RunMode::kApply;
  RunClaim claim = RunClaim::kByHand;
};

// What a run removed (or, dry, would remove) from one trust.
struct RetentionReport {
  TrustId trust;
  Date today;
  bool dry_run = false;
  RetentionRules rules;
  std::optional<Date> review_left_by;   // the leaving day up to which each rule applied
  std::optional<Date> erasure_left_by;
  std::optional<Date> audit_before;     // entries written before this day
  ReviewDataRemoved review_data;
  int64_t people_erased = 0;
  int64_t people_kept_in_post = 0;      // leavers due for erasure who still hold a post
  int64_t audit_entries = 0;
};

nlohmann::json ToJson(const RetentionReport& report);

// Whether any rule is on.
bool AnyOn(const RetentionRules& rules);

// Applies the trust's rules in one transaction (a trust with no rule on: nothing, not even an
// audit entry or a claim): leavers due for erasure erased (as Erase;
// those still holding a post or sitting on a body are counted and left), then leavers' talent
// review data removed, then old audit entries; and an audit entry of the run (action
// "retention", entity "trust", counts per kind: no personal data). A dry run does the same
// work and rolls it back, so its counts are exactly what a run would remove. Empty when a
// scheduled run finds the day claimed.
[[nodiscard]] Result<std::optional<RetentionReport>> RunRetention(store::Store& store, TrustId trust,
                                                                  const RetentionOptions& options,
                                                                  const org::Actor& actor);

// The day `years` whole years before `day` (29 February going back to a year without one:
// the 28th).
Date YearsBefore(Date day, int years);

}  // namespace trellis::privacy
