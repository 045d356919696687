#include "privacy/retention.h"

#include "privacy/erasure.h"

namespace trellis::privacy {
namespace {

using nlohmann::json;

constexpr char kLeaverReviewYears[] = "leaver_review_years";
constexpr char kLeaverErasureYears[] = "leaver_erasure_years";
constexpr char kAuditYears[] = "audit_years";

json Years(const std::optional<int>& years) { return years ? json(*years) : json(nullptr); }

json OptionalDay(const std::optional<Date>& day) { return day ? json(day->ToIso()) : json(nullptr); }

void CheckYears(std::vector<Problem>& problems, std::string field, const std::optional<int>& years,
                int least) {
  if (!years || (*years >= least && *years <= kMostRetentionYears)) return;
  problems.push_back({std::move(field),
                      "must be whole years from " + std::to_string(least) + " to " +
                          std::to_string(kMostRetentionYears) + ", or null for no rule",
                      std::to_string(*years), {}});
}

// The work of a run inside its transaction, on rules of which at least one is on.
Result<RetentionReport> Apply(store::Store& tx, TrustId trust, const RetentionRules& rules,
                              const RetentionOptions& options, const org::Actor& actor) {
  RetentionReport report{.trust = trust, .today = options.today,
                         .dry_run = options.mode == RunMode::kDryRun, .rules = rules};
  if (rules.leaver_erasure_years) {
    report.erasure_left_by = YearsBefore(options.today, *rules.leaver_erasure_years);
    auto leavers = TRY(tx.ListPeople({.trust = trust, .today = options.today,
                                      .left_by = report.erasure_left_by, .erased = false,
                                      .page = store::kEveryRow}));
    for (const auto& person : leavers.items) {
      if (TRY(InPostOrOnBody(tx, person, options.today))) {
        ++report.people_kept_in_post;
        continue;
      }
      const Subject subject = TRY(SubjectOf(tx, trust, person.id));
      TRY(EraseInTransaction(tx, subject, actor, options.now));
      ++report.people_erased;
    }
  }
  if (rules.leaver_review_years) {
    report.review_left_by = YearsBefore(options.today, *rules.leaver_review_years);
    report.review_data = TRY(tx.RemoveLeaversReviewData(trust, *report.review_left_by));
  }
  if (rules.audit_years) {
    report.audit_before = YearsBefore(options.today, *rules.audit_years);
    report.audit_entries =
        TRY(tx.RemoveAuditBefore(trust, Instant(report.audit_before->days())));
  }
  json after = ToJson(report);
  after.erase("dry_run");
  TRY(tx.Append(org::AuditEntryOf(actor, options.now, trust, "retention", "trust", trust.value(),
                                  "", after.dump())));
  return report;
}

}  // namespace

json ToJson(const RetentionRules& rules) {
  return {{kLeaverReviewYears, Years(rules.leaver_review_years)},
          {kLeaverErasureYears, Years(rules.leaver_erasure_years)},
          {kAuditYears, Years(rules.audit_years)}};
}

Result<RetentionRules> RulesFromJson(const json& body) {
  std::vector<Problem> problems;
  if (!body.is_object())
    return Fail(ErrorCode::kInvalidInput, "the retention rules are a JSON object");
  auto read = [&](const char* key) -> std::optional<int> {
    const auto found = body.find(key);
    if (found == body.end()) {
      problems.push_back({key, "is required (null for no rule)", "", {}});
      return std::nullopt;
    }
    if (found->is_null()) return std::nullopt;
    if (!found->is_number_integer()) {
      problems.push_back({key, "must be whole years, or null for no rule", found->dump(), {}});
      return std::nullopt;
    }
    const auto years = found->get<int64_t>();
    // Out-of-range numbers are kept (clamped into int's range) for CheckRules to explain.
    return static_cast<int>(std::clamp<int64_t>(years, -1, kMostRetentionYears + 1));
  };
  RetentionRules rules{.leaver_review_years = read(kLeaverReviewYears),
                       .leaver_erasure_years = read(kLeaverErasureYears),
                       .audit_years = read(kAuditYears)};
  for (const auto& [key, value] : body.items())
    if (key != kLeaverReviewYears && key != kLeaverErasureYears && key != kAuditYears)
      problems.push_back({key, "is not a retention rule", "", {}});
  if (!problems.empty())
    return Fail(ErrorCode::kValidationFailed, "The retention rules are not right.", problems);
  TRY(CheckRules(rules));
  return rules;
}

Result<void> CheckRules(const RetentionRules& rules) {
  std::vector<Problem> problems;
  CheckYears(problems, kLeaverReviewYears, rules.leaver_review_years, 1);
  CheckYears(problems, kLeaverErasureYears, rules.leaver_erasure_years, 1);
  CheckYears(problems, kAuditYears, rules.audit_years, kLeastAuditYears);
  if (!problems.empty())
    return Fail(ErrorCode::kValidationFailed, "The retention rules are not right.", problems);
  return Ok();
}

Result<void> PutRules(store::Store& store, TrustId trust, const RetentionRules& rules,
                      const org::Actor& actor, Instant now) {
  TRY(CheckRules(rules));
  return store.Transact([&](store::Store& tx) -> Result<void> {
    const auto before = TRY(tx.GetRetentionRules(trust));
    TRY(tx.PutRetentionRules(trust, rules));
    return tx.Append(org::AuditEntryOf(actor, now, trust, "update", "retention_rules",
                                       trust.value(), ToJson(before).dump(), ToJson(rules).dump()));
  });
}

json ToJson(const RetentionReport& r) {
  return {{"trust_id", r.trust.value()},
          {"today", r.today.ToIso()},
          {"dry_run", r.dry_run},
          {"rules", ToJson(r.rules)},
          {"review_data_of_leavers_by", OptionalDay(r.review_left_by)},
          {"erasure_of_leavers_by", OptionalDay(r.erasure_left_by)},
          {"audit_entries_before", OptionalDay(r.audit_before)},
          {"removed",
           {{"ratings", r.review_data.ratings},
            {"rating_adjustments", r.review_data.rating_adjustments},
            {"assessments", r.review_data.assessments},
            {"loss_risks", r.review_data.loss_risks},
            {"people_erased", r.people_erased},
            {"audit_entries", r.audit_entries}}},
          {"leavers_still_in_post", r.people_kept_in_post}};
}

Result<std::optional<RetentionReport>> RunRetention(store::Store& store, TrustId trust,
                                                    const RetentionOptions& options,
                                                    const org::Actor& actor) {
  std::optional<RetentionReport> report;
  const bool dry = options.mode == RunMode::kDryRun;
  // A dry run undoes its work by failing the transaction once the counts are in.
  bool undone = false;
  // No rule on: nothing to remove, so nothing to claim or record, and no write transaction
  // (every server looks at every trust each day).
  const auto rules_now = TRY(store.GetRetentionRules(trust));
  if (!AnyOn(rules_now))
    return RetentionReport{.trust = trust, .today = options.today, .dry_run = dry, .rules = rules_now};
  // Leavers it erases are named in records of reads still in the server's journal too.
  TRY(store.SettleReadRecords());
  auto done = store.Transact([&](store::Store& tx) -> Result<void> {
    // Read again inside: the rules the run applies are the ones it records.
    const auto rules = TRY(tx.GetRetentionRules(trust));
    if (!AnyOn(rules)) {
      report = RetentionReport{.trust = trust, .today = options.today, .dry_run = dry, .rules = rules};
      return Ok();
    }
    if (!dry && options.claim == RunClaim::kOncePerDay &&
        !TRY(tx.ClaimRetentionRun(trust, options.today, options.now)))
      return Ok();
    report = TRY(Apply(tx, trust, rules, options, actor));
    if (!dry) return Ok();
    undone = true;
    return Fail(ErrorCode::kConflict, "dry run: undone");
  });
  if (!done && !undone) return Fail(done.error());
  return report;
}

bool AnyOn(const RetentionRules& rules) {
  return rules.leaver_review_years || rules.leaver_erasure_years || rules.audit_years;
}

Date YearsBefore(Date day, int years) {
  using namespace std::chrono;
  const year_month_day ymd{day.days()};
  year_month_day back = ymd - std::chrono::years{years};
  if (!back.ok()) back = year_month_day{year_month_day_last{back.year(), month_day_last{back.month()}}};
  return Date(sys_days{back});
}

}  // namespace trellis::privacy
