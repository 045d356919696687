// The store's part of UK GDPR (privacy/): erasure in place, the audit log's redaction,
// retention rules and the removals they make, and the claim of a scheduled run.

#include "store/sql/sql_store.h"

namespace trellis::store::sql {
namespace {

// The free-text columns of a trust's records that may name anyone: where an erased person's
// name is replaced (ErasePerson). Program constants, never input.
constexpr std::pair<const char*, const char*> kFreeText[] = {
    {"calibration_meetings", "attendees"}, {"plan_discussions", "attendees"},
    {"plan_discussions", "outcome"},       {"succession_plans", "notes"},
    {"plan_candidates", "notes"},          {"plan_candidates", "readiness_reason"},
    {"ratings", "rationale"},              {"ratings", "evidence"},
    {"assessments", "evidence"},           {"loss_risks", "note"},
    {"development_actions", "title"},      {"development_actions", "description"},
    {"development_actions", "outcome"},    {"rating_adjustments", "reason"},
};

// The person's ratings, as a subquery bound to (trust, person).
constexpr char kRatingsOf[] = "SELECT id FROM ratings WHERE trust_id = ? AND person_id = ?";
// The person's user accounts, as a subquery bound to (trust, person).
constexpr char kUsersOf[] = "SELECT id FROM users WHERE trust_id = ? AND person_id = ?";
// Everyone of the trust who left on or before a day, as a subquery bound to (trust, day).
constexpr char kLeaversBy[] =
    "SELECT id FROM people WHERE trust_id = ? AND left_trust IS NOT NULL AND left_trust <= ?";

Result<privacy::RetentionRules> ReadRules(Row& r) {
  privacy::RetentionRules rules;
  auto years = [&r]() -> std::optional<int> {
    auto value = r.OptInt();
    if (!value) return std::nullopt;
    return static_cast<int>(*value);
  };
  rules.leaver_review_years = years();
  rules.leaver_erasure_years = years();
  rules.audit_years = years();
  return rules;
}

}  // namespace

Result<void> SqlStore::WithAppendOnlyOpen(const std::function<Result<void>()>& body) {
  return InTransaction(TxKind::kWrite, [&]() -> Result<void> {
    TRY(Write("INSERT INTO privacy_guard (one) VALUES (1)", {}));
    TRY(body());
    TRY(Write("DELETE FROM privacy_guard", {}));
    return Ok();
  });
}

Result<void> SqlStore::ErasePerson(const privacy::PersonErasure& e) {
  auto lease = TRY(Hold());
  return WithAppendOnlyOpen([&]() -> Result<void> {
    TRY(GetPerson(e.trust, e.person));
    TRY(Write("INSERT INTO person_erasures (trust_id, person_id, erased_on) VALUES (?, ?, ?)",
              {Param(e.trust), Param(e.person), Param(e.on)},
              {{{"person_erasures.person_id",
                 {"person_id", "has already been erased", std::to_string(e.person.value())}}},
               {}}));
    // Names in the trust's free text first, while every record still says what it said.
    if (!e.name_in_text.empty()) {
      for (const auto& [table, column] : kFreeText) {
        const std::string c = column;
        TRY(Write("UPDATE " + std::string(table) + " SET " + c + " = replace(" + c +
                      ", ?, ?) WHERE trust_id = ? AND " + c + " <> ''",
                  {Param(e.name_in_text), Param(e.replacement), Param(e.trust)}));
      }
    }
    const std::vector<Value> of{Param(e.trust), Param(e.person)};
    TRY(Write("UPDATE people SET given_name = ?, family_name = ?, reference = ?, email = '' "
              "WHERE trust_id = ? AND id = ?",
              {Param(e.given_name), Param(e.family_name), Param(e.reference), Param(e.trust),
               Param(e.person)},
              {{{"people.reference",
                 {"reference", "already used by another person", e.reference}}},
               {}}));
    TRY(Write("UPDATE assessments SET evidence = '' WHERE trust_id = ? AND person_id = ?", of));
    TRY(Write("UPDATE assessments SET assessor_name = ? WHERE trust_id = ? AND assessor_id = ?",
              {Param(e.replacement), Param(e.trust), Param(e.person)}));
    TRY(Write("UPDATE ratings SET rationale = '', evidence = '' WHERE trust_id = ? AND person_id = ?",
              of));
    TRY(Write(std::string("UPDATE rating_adjustments SET reason = ? WHERE trust_id = ? AND "
                          "rating_id IN (") + kRatingsOf + ")",
              {Param(e.replacement), Param(e.trust), Param(e.trust), Param(e.person)}));
    TRY(Write(std::string("UPDATE rating_adjustments SET by_name = ? WHERE trust_id = ? AND "
                          "by_user_id IN (") + kUsersOf + ")",
              {Param(e.replacement), Param(e.trust), Param(e.trust), Param(e.person)}));
    TRY(Write("UPDATE loss_risks SET note = '' WHERE trust_id = ? AND person_id = ?", of));
    // An internal candidate's overridden readiness must keep a reason (0005's check).
    TRY(Write("UPDATE plan_candidates SET notes = '', readiness_reason = CASE WHEN readiness IS "
              "NULL THEN '' ELSE ? END WHERE trust_id = ? AND person_id = ?",
              {Param(e.replacement), Param(e.trust), Param(e.person)}));
    TRY(Write("UPDATE development_actions SET title = ?, description = '', outcome = '' "
              "WHERE trust_id = ? AND person_id = ?",
              {Param(e.replacement), Param(e.trust), Param(e.person)}));
    TRY(Write(std::string("DELETE FROM sessions WHERE user_id IN (") + kUsersOf + ")", of));
    // A user's email is unique and never empty: the erased one names only the account's id.
    TRY(Write("UPDATE users SET email = 'erased-user-' || CAST(id AS TEXT) || '@erased.invalid', "
              "display_name = ?, password_hash = '', disabled = 1 "
              "WHERE trust_id = ? AND person_id = ?",
              {Param(e.replacement), Param(e.trust), Param(e.person)}));
    return Ok();
  });
}

Result<std::optional<Date>> SqlStore::FindErasure(TrustId trust, PersonId person) {
  auto lease = TRY(Hold());
  std::optional<Date> on;
  TRY(Query("SELECT erased_on FROM person_erasures WHERE trust_id = ? AND person_id = ?",
            {Param(trust), Param(person)}, [&](Row& row) -> Result<void> {
              on = TRY(row.DateValue());
              return Ok();
            }));
  return on;
}

Result<void> SqlStore::RedactAudit(std::span<const access::AuditEntry> entries) {
  auto lease = TRY(Hold());
  return WithAppendOnlyOpen([&]() -> Result<void> {
    for (const auto& a : entries)
      TRY(Write("UPDATE audit_log SET actor = ?, before_json = ?, after_json = ? "
                "WHERE id = ? AND trust_id IS NOT DISTINCT FROM ?",
                {Param(a.actor), Param(a.before), Param(a.after), Param(a.id), Param(a.trust)}));
    return Ok();
  });
}

Result<privacy::RetentionRules> SqlStore::GetRetentionRules(TrustId trust) {
  auto lease = TRY(Hold());
  auto rules = TRY(One("SELECT leaver_review_years, leaver_erasure_years, audit_years FROM "
                       "retention_rules WHERE trust_id = ?",
                       {Param(trust)}, &ReadRules));
  if (rules) return *rules;
  TRY(GetTrust(trust));
  return privacy::RetentionRules{};
}

Result<void> SqlStore::PutRetentionRules(TrustId trust, const privacy::RetentionRules& rules) {
  auto lease = TRY(Hold());
  TRY(Write("INSERT INTO retention_rules (trust_id, leaver_review_years, leaver_erasure_years, "
            "audit_years) VALUES (?, ?, ?, ?) ON CONFLICT (trust_id) DO UPDATE SET "
            "leaver_review_years = excluded.leaver_review_years, leaver_erasure_years = "
            "excluded.leaver_erasure_years, audit_years = excluded.audit_years",
            {Param(trust), Param(rules.leaver_review_years), Param(rules.leaver_erasure_years),
             Param(rules.audit_years)},
            {{}, {TrustRef(trust)}}));
  return Ok();
}

Result<privacy::ReviewDataRemoved> SqlStore::RemoveLeaversReviewData(TrustId trust, Date left_by) {
  auto lease = TRY(Hold());
  privacy::ReviewDataRemoved removed;
  const std::string leavers = kLeaversBy;
  const std::vector<Value> by{Param(trust), Param(trust), Param(left_by)};
  TRY(WithAppendOnlyOpen([&]() -> Result<void> {
    removed.rating_adjustments = TRY(Write(
        "DELETE FROM rating_adjustments WHERE trust_id = ? AND rating_id IN (SELECT id FROM "
        "ratings WHERE trust_id = ? AND person_id IN (" + leavers + "))",
        {Param(trust), Param(trust), Param(trust), Param(left_by)}));
    removed.ratings =
        TRY(Write("DELETE FROM ratings WHERE trust_id = ? AND person_id IN (" + leavers + ")", by));
    removed.assessments = TRY(
        Write("DELETE FROM assessments WHERE trust_id = ? AND person_id IN (" + leavers + ")", by));
    removed.loss_risks = TRY(
        Write("DELETE FROM loss_risks WHERE trust_id = ? AND person_id IN (" + leavers + ")", by));
    return Ok();
  }));
  return removed;
}

Result<int64_t> SqlStore::RemoveAuditBefore(TrustId trust, Instant before) {
  auto lease = TRY(Hold());
  int64_t removed = 0;
  TRY(WithAppendOnlyOpen([&]() -> Result<void> {
    removed = TRY(Write("DELETE FROM audit_log WHERE trust_id = ? AND at < ?",
                        {Param(trust), Param(before)}));
    return Ok();
  }));
  return removed;
}

Result<bool> SqlStore::ClaimRetentionRun(TrustId trust, Date day, Instant at) {
  auto lease = TRY(Hold());
  // ON CONFLICT DO NOTHING: a second claimant (another server's transaction) waits for the
  // first to commit, then changes nothing.
  const int64_t claimed =
      TRY(Write("INSERT INTO retention_runs (trust_id, run_on, at) VALUES (?, ?, ?) "
                "ON CONFLICT (trust_id, run_on) DO NOTHING",
                {Param(trust), Param(day), Param(at)}, {{}, {TrustRef(trust)}}));
  return claimed == 1;
}

}  // namespace trellis::store::sql
