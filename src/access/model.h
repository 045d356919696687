#pragma once
// Users, sessions and the audit log: who may sign in, who is signed in, and what was done.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/enum_names.h"
#include "core/ids.h"

namespace trellis::access {

// Each role has a scope: what part of which trust its holder may see (see access/policy.h).
enum class Role {
  kPlatformAdmin,  // runs the installation: every trust
  kTrustAdmin,     // the trust's HR lead: the whole trust, read and write
  kExecutive,      // CEO, executive leaders, the Board: the whole trust, read
  kHeadteacher,    // their own school(s)
  kLineManager,    // themselves and their reports
  kStaff,          // themselves
  kGovernor,       // themselves and the bodies they sit on
};

struct User {
  UserId id;
  std::optional<TrustId> trust;    // empty only for platform admins
  std::optional<PersonId> person;  // the person this user is (needed for scoped roles)
  std::string email;               // sign-in name, unique, stored lower-case
  std::string display_name;
  std::string password_hash;       // argon2id, libsodium's encoded form
  Role role = Role::kStaff;
  bool disabled = false;
  Instant created_at;
};

// A server-side session. The cookie carries a random token; only its hash is stored, so a
// leaked database cannot be replayed as sessions.
struct Session {
  std::string token_hash;
  UserId user;
  std::string csrf_token;
  Instant created_at;
  Instant last_seen;
  Instant expires_at;  // hard limit; idle expiry is last_seen + the configured idle time
};

// A single sign-on begun at an OpenID provider and not yet finished: what the callback needs
// to finish it. Kept in the store, not in one server's memory, so that the provider may send
// the browser back to any server behind the load balancer; taken (read and deleted) at once,
// so a state is used once.
struct PendingSignIn {
  std::string state_hash;     // SHA-256 of the `state` sent to the provider
  std::string provider;       // the configured provider's name: its callback must match
  std::string code_verifier;  // PKCE
  std::string nonce;          // must come back in the ID token
  std::string browser_hash;   // SHA-256 of the browser-binding cookie set at the start
  std::string return_to;      // a local path, checked when the sign-in began
  Instant created_at;
  Instant expires_at;
};

// One append-only line of the audit log.
struct AuditEntry {
  AuditEntryId id;
  Instant at;
  std::optional<TrustId> trust;
  std::optional<UserId> user;
  std::string actor;       // the user's email at the time, or "cli" / "system"
  std::string action;      // create, update, delete, import, sign_in, sign_out, ...
  std::string entity;      // school, person, post, ...
  std::string entity_id;
  std::string before;      // JSON, empty when not applicable
  std::string after;       // JSON, empty when not applicable
  std::string remote;      // client address, when over HTTP
};

// Consecutive record ids, first to last inclusive: what one audit entry about many records of
// its entity covers (an import's creations; Store::AppendCovering).
struct IdRun {
  int64_t first = 0;
  int64_t last = 0;
  bool operator==(const IdRun&) const = default;
};

// The ids as the fewest runs, in ascending order; a repeated id counts once.
std::vector<IdRun> RunsOf(std::vector<int64_t> ids);

}  // namespace trellis::access

namespace trellis {
template <> std::span<const EnumName<access::Role>> EnumNames();
}  // namespace trellis
