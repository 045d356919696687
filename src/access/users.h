#pragma once
// Adding and changing sign-ins, shared by the API and `trellis user`. Every change is
// audit-logged without the password hash.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "access/model.h"
#include "core/clock.h"
#include "core/result.h"
#include "org/org_service.h"
#include "store/store.h"

namespace trellis::access {

struct NewUser {
  std::optional<TrustId> trust;
  std::optional<PersonId> person;
  std::string email;
  std::string display_name;
  Role role = Role::kStaff;
  std::string password;
};

struct UserChange {
  std::optional<std::string> display_name;
  std::optional<Role> role;
  std::optional<std::optional<PersonId>> person;  // set to nullopt inside to unlink
  std::optional<bool> disabled;
  std::optional<std::string> password;
};

class UserService {
 public:
  UserService(store::Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // kValidationFailed (bad email, weak password, a scoped role with no person, a platform
  // admin with a trust or a trust role without one, a person of another trust), kConflict
  // when the email is taken.
  [[nodiscard]] Result<User> Add(const NewUser& user, const org::Actor& actor);
  // Changing the password or disabling the user ends their sessions.
  [[nodiscard]] Result<User> Change(UserId id, const UserChange& change, const org::Actor& actor);

 private:
  Result<void> CheckShape(const User& user, std::vector<Problem>& problems);

  store::Store& store_;
  const Clock& clock_;
};

nlohmann::json ToJson(const User& user);
nlohmann::json ToJson(const AuditEntry& entry);

}  // namespace trellis::access
