#include "privacy/subject.h"

#include <algorithm>
#include <array>
#include <map>
#include <nlohmann/json.hpp>
#include <string_view>

namespace trellis::privacy {
namespace {

using nlohmann::json;

// Keys of a record about the subject whose text is theirs to have taken out: names, contact,
// reference, and every free-text field of the records that hold them.
constexpr std::array<std::string_view, 17> kPersonalKeys = {
    "given_name", "family_name", "email",     "reference",   "display_name", "person_name",
    "notes",      "note",        "evidence",  "rationale",   "description",  "outcome",
    "reason",     "title",       "assessor_name", "readiness_reason", "by"};

bool IsPersonalKey(std::string_view key) {
  return std::find(kPersonalKeys.begin(), kPersonalKeys.end(), key) != kPersonalKeys.end();
}

char Lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

// `text` with every occurrence of each of `needles` (ignoring ASCII case) replaced.
std::string ReplaceAll(std::string text, const std::vector<std::string>& needles,
                       const std::string& replacement) {
  for (const std::string& needle : needles) {
    if (needle.empty()) continue;
    std::string lower_text(text.size(), '\0');
    std::transform(text.begin(), text.end(), lower_text.begin(), Lower);
    std::string lower_needle(needle.size(), '\0');
    std::transform(needle.begin(), needle.end(), lower_needle.begin(), Lower);
    std::string out;
    size_t from = 0;
    for (size_t at = lower_text.find(lower_needle); at != std::string::npos;
         at = lower_text.find(lower_needle, from)) {
      out.append(text, from, at - from);
      out += replacement;
      from = at + needle.size();
    }
    out.append(text, from);
    text = std::move(out);
  }
  return text;
}

bool IsTheirs(const json& object, PersonId person) {
  const auto found = object.find("person_id");
  return found != object.end() && found->is_number_integer() &&
         found->get<int64_t>() == person.value();
}

json RedactValue(const json& value, const Subject& subject, const std::string& replacement,
                 bool theirs) {
  if (value.is_string()) {
    const std::string& text = value.get_ref<const std::string&>();
    if (!subject.person.reference.empty() && text == subject.person.reference) return replacement;
    return ReplaceAll(text, subject.texts, replacement);
  }
  if (value.is_array()) {
    json out = json::array();
    for (const json& item : value) out.push_back(RedactValue(item, subject, replacement, theirs));
    return out;
  }
  if (!value.is_object()) return value;
  const bool record_of_theirs = theirs || IsTheirs(value, subject.person.id);
  json out = json::object();
  for (const auto& [key, item] : value.items()) {
    if (record_of_theirs && IsPersonalKey(key) && item.is_string())
      out[key] = item.get_ref<const std::string&>().empty() ? "" : replacement;
    else
      out[key] = RedactValue(item, subject, replacement, record_of_theirs);
  }
  return out;
}

// A before or after side: JSON redacted as a value, anything else as text.
std::string RedactSide(const std::string& side, const Subject& subject,
                       const std::string& replacement, bool theirs) {
  if (side.empty()) return side;
  json parsed = json::parse(side, nullptr, false);
  if (parsed.is_discarded()) return ReplaceAll(side, subject.texts, replacement);
  return RedactValue(parsed, subject, replacement, theirs).dump();
}

bool ByTheirAccount(const access::AuditEntry& entry, const Subject& subject) {
  return std::any_of(subject.users.begin(), subject.users.end(),
                     [&](const access::User& u) { return entry.user == u.id; });
}

// Whether the entry's own record is the subject's person, risk of loss or account.
bool AboutTheirRecord(const access::AuditEntry& entry, const Subject& subject) {
  const std::string person = std::to_string(subject.person.id.value());
  if ((entry.entity == "person" || entry.entity == "loss_risk") && entry.entity_id == person)
    return true;
  return entry.entity == "user" &&
         std::any_of(subject.users.begin(), subject.users.end(), [&](const access::User& u) {
           return entry.entity_id == std::to_string(u.id.value());
         });
}

bool HoldsRecordOfTheirs(const json& value, PersonId person) {
  if (value.is_array())
    return std::any_of(value.begin(), value.end(),
                       [&](const json& item) { return HoldsRecordOfTheirs(item, person); });
  if (!value.is_object()) return false;
  if (IsTheirs(value, person)) return true;
  return std::any_of(value.begin(), value.end(),
                     [&](const json& item) { return HoldsRecordOfTheirs(item, person); });
}

bool SideHoldsRecordOfTheirs(const std::string& side, PersonId person) {
  if (side.empty()) return false;
  const json parsed = json::parse(side, nullptr, false);
  return !parsed.is_discarded() && HoldsRecordOfTheirs(parsed, person);
}

}  // namespace

Result<Subject> SubjectOf(store::Store& store, TrustId trust, PersonId person) {
  Subject subject;
  subject.person = TRY(store.GetPerson(trust, person));
  const auto users = TRY(store.ListUsers(trust, store::kEveryRow));
  for (const auto& user : users.items)
    if (user.person == person) subject.users.push_back(user);
  const org::Person& p = subject.person;
  // Only a whole name is searched for: a given name alone ("Ann") would be found inside
  // other words and other people's names.
  if (!p.given_name.empty() && !p.family_name.empty())
    subject.texts.push_back(p.given_name + " " + p.family_name);
  if (!p.email.empty()) subject.texts.push_back(p.email);
  for (const auto& user : subject.users) subject.texts.push_back(user.email);
  return subject;
}

Result<std::vector<access::AuditEntry>> AuditEntriesAbout(store::Store& store,
                                                          const Subject& subject) {
  const TrustId trust = subject.person.trust;
  const std::string person = std::to_string(subject.person.id.value());
  std::map<int64_t, access::AuditEntry, std::greater<>> found;
  auto add = [&](store::AuditFilter filter, auto keep) -> Result<void> {
    filter.page = store::kEveryRow;
    auto listing = TRY(store.ListAudit(filter));
    for (auto& entry : listing.items)
      if (keep(entry)) found.emplace(entry.id.value(), std::move(entry));
    return Ok();
  };
  auto all = [](const access::AuditEntry&) { return true; };
  TRY(add({.trust = trust, .entity = "person", .entity_id = person}, all));
  TRY(add({.trust = trust, .entity = "loss_risk", .entity_id = person}, all));
  for (const auto& user : subject.users) {
    TRY(add({.user = user.id}, all));
    TRY(add({.entity = "user", .entity_id = std::to_string(user.id.value())}, all));
  }
  // The text search narrows; the JSON decides (person 12's search also finds person 123).
  TRY(add({.trust = trust, .mentioning = "\"person_id\":" + person},
          [&](const access::AuditEntry& e) {
            return SideHoldsRecordOfTheirs(e.before, subject.person.id) ||
                   SideHoldsRecordOfTheirs(e.after, subject.person.id);
          }));
  for (const std::string& text : subject.texts) TRY(add({.trust = trust, .mentioning = text}, all));
  if (!subject.person.reference.empty()) {
    const std::string quoted = json(subject.person.reference).dump();
    TRY(add({.trust = trust, .mentioning = quoted}, [&](const access::AuditEntry& e) {
      return e.before.find(quoted) != std::string::npos || e.after.find(quoted) != std::string::npos;
    }));
  }
  std::vector<access::AuditEntry> entries;
  entries.reserve(found.size());
  for (auto& [id, entry] : found) entries.push_back(std::move(entry));
  return entries;
}

access::AuditEntry Redacted(const access::AuditEntry& entry, const Subject& subject,
                            const std::string& replacement) {
  access::AuditEntry out = entry;
  const bool theirs = AboutTheirRecord(entry, subject);
  out.before = RedactSide(entry.before, subject, replacement, theirs);
  out.after = RedactSide(entry.after, subject, replacement, theirs);
  out.actor = ByTheirAccount(entry, subject) ? replacement
                                             : ReplaceAll(entry.actor, subject.texts, replacement);
  return out;
}

}  // namespace trellis::privacy
