#include "access/users.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "access/password.h"
#include "org/record_writes.h"
#include "org/validation.h"

namespace trellis::access {
namespace {

bool NeedsPerson(Role role) {
  return role == Role::kHeadteacher || role == Role::kLineManager || role == Role::kStaff ||
         role == Role::kGovernor;
}

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// The audit entry of a change to a sign-in (its hash is never in before or after).
AuditEntry UserEntry(const org::Actor& actor, Instant at, const User& user, std::string action,
                     std::string before, std::string after) {
  return org::AuditEntryOf(actor, at, user.trust, std::move(action), "user", user.id.value(),
                           std::move(before), std::move(after));
}

}  // namespace

nlohmann::json ToJson(const User& u) {
  return {{"id", u.id.value()},
          {"email", u.email},
          {"display_name", u.display_name},
          {"role", Code(u.role)},
          {"trust_id", u.trust ? nlohmann::json(u.trust->value()) : nlohmann::json(nullptr)},
          {"person_id", u.person ? nlohmann::json(u.person->value()) : nlohmann::json(nullptr)},
          {"disabled", u.disabled},
          {"created_at", ToIso(u.created_at)}};
}

nlohmann::json ToJson(const AuditEntry& e) {
  auto parse = [](const std::string& text) {
    if (text.empty()) return nlohmann::json(nullptr);
    auto j = nlohmann::json::parse(text, nullptr, false);
    return j.is_discarded() ? nlohmann::json(text) : j;
  };
  return {{"id", e.id.value()},
          {"at", ToIso(e.at)},
          {"trust_id", e.trust ? nlohmann::json(e.trust->value()) : nlohmann::json(nullptr)},
          {"user_id", e.user ? nlohmann::json(e.user->value()) : nlohmann::json(nullptr)},
          {"actor", e.actor},
          {"action", e.action},
          {"entity", e.entity},
          {"entity_id", e.entity_id},
          {"before", parse(e.before)},
          {"after", parse(e.after)},
          {"remote", e.remote}};
}

Result<void> UserService::CheckShape(const User& user, std::vector<Problem>& problems) {
  if (!org::LooksLikeEmail(user.email))
    problems.push_back({"email", "is not an email address", user.email, {}});
  if (user.display_name.empty()) problems.push_back({"display_name", "is required", "", {}});
  if (user.role == Role::kPlatformAdmin && user.trust)
    problems.push_back({"role", "a platform administrator belongs to no trust", "", {}});
  if (user.role != Role::kPlatformAdmin && !user.trust)
    problems.push_back({"trust_id", "is required for this role", "", {}});
  if (NeedsPerson(user.role) && !user.person)
    problems.push_back({"person_id", "this role sees what its person may see, so name the person", "", {}});
  if (user.person && user.trust) {
    auto person = store_.GetPerson(*user.trust, *user.person);
    if (!person) {
      if (person.error().code != ErrorCode::kNotFound) return Fail(person.error());
      problems.push_back({"person_id", "does not exist in this trust",
                          std::to_string(user.person->value()), {}});
    }
  }
  return Ok();
}

Result<User> UserService::Add(const NewUser& request, const org::Actor& actor) {
  User user{.id = {},
            .trust = request.trust,
            .person = request.person,
            .email = Lower(request.email),
            .display_name = request.display_name,
            .password_hash = {},
            .role = request.role,
            .disabled = false,
            .created_at = clock_.Now()};
  std::vector<Problem> problems = CheckPasswordPolicy(request.password, request.email);
  TRY(CheckShape(user, problems));
  if (!problems.empty()) return Refuse(std::move(problems));
  user.password_hash = TRY(HashPassword(request.password));
  User stored;
  TRY(store_.Transact([&](store::Store& tx) -> Result<void> {
    stored = TRY(tx.Insert(user));
    return tx.Append(UserEntry(actor, clock_.Now(), stored, "create", "", ToJson(stored).dump()));
  }));
  return stored;
}

Result<User> UserService::Change(UserId id, const UserChange& change, const org::Actor& actor) {
  auto before = TRY(store_.GetUser(id));
  User after = before;
  if (change.display_name) after.display_name = *change.display_name;
  if (change.role) after.role = *change.role;
  if (change.person) after.person = *change.person;
  if (change.disabled) after.disabled = *change.disabled;
  std::vector<Problem> problems;
  if (change.password) problems = CheckPasswordPolicy(*change.password, after.email);
  TRY(CheckShape(after, problems));
  if (!problems.empty()) return Refuse(std::move(problems));
  if (change.password) after.password_hash = TRY(HashPassword(*change.password));
  const bool end_sessions = change.password || (after.disabled && !before.disabled);
  TRY(store_.Transact([&](store::Store& tx) -> Result<void> {
    TRY(tx.Update(after));
    if (end_sessions) TRY(tx.DeleteSessionsOf(id));
    nlohmann::json after_json = ToJson(after);
    if (change.password) after_json["password"] = "changed";
    return tx.Append(UserEntry(actor, clock_.Now(), after, "update", ToJson(before).dump(),
                           after_json.dump()));
  }));
  return after;
}

}  // namespace trellis::access
