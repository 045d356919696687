#include "privacy/erasure.h"

#include <nlohmann/json.hpp>

namespace trellis::privacy {

Result<bool> InPostOrOnBody(store::Store& tx, const org::Person& person, Date today) {
  auto held = TRY(tx.ListHoldings(
      {.trust = person.trust, .person = person.id, .current_on = today, .page = {.limit = 1}}));
  auto sits = TRY(tx.ListMemberships(
      {.trust = person.trust, .person = person.id, .current_on = today, .page = {.limit = 1}}));
  return held.total > 0 || sits.total > 0;
}

Result<ErasureReport> EraseInTransaction(store::Store& tx, const Subject& subject,
                                         const org::Actor& actor, Instant now) {
  const org::Person& p = subject.person;
  ErasureReport report{.person = p.id,
                       .erased_on = DateOf(now),
                       .reference = "ERASED-" + std::to_string(p.id.value())};
  // The audit log first, while the records still say whose they are.
  std::vector<access::AuditEntry> redacted;
  for (const auto& entry : TRY(AuditEntriesAbout(tx, subject))) {
    auto changed = Redacted(entry, subject, kErasedText);
    if (changed.actor != entry.actor || changed.before != entry.before ||
        changed.after != entry.after)
      redacted.push_back(std::move(changed));
  }
  TRY(tx.RedactAudit(redacted));
  TRY(tx.ErasePerson({.trust = p.trust,
                      .person = p.id,
                      .on = report.erased_on,
                      .given_name = kErasedGivenName,
                      .family_name = kErasedFamilyName,
                      .reference = report.reference,
                      .name_in_text = subject.texts.empty() || p.given_name.empty() ||
                                              p.family_name.empty()
                                          ? std::string()
                                          : subject.texts.front(),
                      .replacement = kErasedText}));
  report.audit_entries_redacted = static_cast<int64_t>(redacted.size());
  report.user_accounts_disabled = static_cast<int64_t>(subject.users.size());
  const nlohmann::json after = {{"erased_on", report.erased_on.ToIso()},
                                {"audit_entries_redacted", report.audit_entries_redacted},
                                {"user_accounts_disabled", report.user_accounts_disabled}};
  TRY(tx.Append(org::AuditEntryOf(actor, now, p.trust, "erase", "person", p.id.value(), "",
                                  after.dump())));
  return report;
}

Result<ErasureReport> Erase(store::Store& store, const ErasureRequest& request,
                            const org::Actor& actor, Instant now) {
  ErasureReport report;
  // The records of reads still in the server's journal name the person too.
  TRY(store.SettleReadRecords());
  TRY(store.Transact([&](store::Store& tx) -> Result<void> {
    const Subject subject = TRY(SubjectOf(tx, request.trust, request.person));
    if (request.confirm_reference != subject.person.reference)
      return Fail(ErrorCode::kInvalidInput,
                  "To confirm, type the person's reference exactly as it is.",
                  {{"confirm_reference", "is not the person's reference",
                    request.confirm_reference, {}}});
    const std::string id = std::to_string(request.person.value());
    if (TRY(tx.FindErasure(request.trust, request.person)))
      return Fail(ErrorCode::kConflict, "This person has already been erased.",
                  {{"person_id", "has already been erased", id, {}}});
    // Whoever still holds a post or sits on a body is part of the live organisation (its
    // chart, its plans' holders): the trust records their leaving first.
    if (TRY(InPostOrOnBody(tx, subject.person, DateOf(now))))
      return Fail(ErrorCode::kConflict,
                  "This person still holds a post or sits on a governance body. End those (and "
                  "record the day they left the trust) before erasing them.",
                  {{"person_id", "holds a post or sits on a body today", id, {}}});
    report = TRY(EraseInTransaction(tx, subject, actor, now));
    return Ok();
  }));
  return report;
}

}  // namespace trellis::privacy
