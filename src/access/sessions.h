#pragma once
// Signing in and out, and finding the user behind a session cookie.

#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <unordered_map>

#include "access/model.h"
#include "core/clock.h"
#include "core/result.h"
#include "store/store.h"

namespace trellis::access {

struct SessionPolicy {
  std::chrono::minutes idle{60};
  std::chrono::hours max{12};
  int free_attempts = 5;                  // failed sign-ins of one email before back-off
  // Failed sign-ins from one client address before back-off. Much higher than per email:
  // a whole school may share one address, and one typist must not lock out the rest.
  int free_attempts_per_client = 50;
  std::chrono::seconds first_backoff{30};  // doubles with each further failure
  std::chrono::minutes max_backoff{15};
};

// The signed-in user behind a session cookie, and the data version read before them (on
// which anything kept for this request may be checked: store.h, DataVersion).
struct Resumed {
  User user;
  Session session;
  int64_t data_version = 0;
};

struct SignedIn {
  User user;
  Session session;
  std::string token;  // goes in the cookie; never stored
};

// Limits repeated failed sign-ins per email address and per client address, with an
// exponentially growing wait. Counted in the store, so every server behind one database
// throttles alike (an attacker gains nothing by spreading guesses over servers); keys are
// stored hashed. Failures are forgotten a day after the last one, unless still blocked.
class SignInThrottle {
 public:
  SignInThrottle(store::Store& store, const Clock& clock, const SessionPolicy& policy,
                 int free_attempts)
      : store_(store), clock_(clock), policy_(policy), free_attempts_(free_attempts) {}
  // kRateLimited while `key` must wait.
  [[nodiscard]] Result<void> Check(const std::string& key);
  [[nodiscard]] Result<void> Failed(const std::string& key);
  [[nodiscard]] Result<void> Succeeded(const std::string& key);

 private:
  store::Store& store_;
  const Clock& clock_;
  SessionPolicy policy_;
  int free_attempts_;
};

class Authenticator {
 public:
  Authenticator(store::Store& store, const Clock& clock, SessionPolicy policy);

  // kUnauthenticated for a wrong email or password or a disabled user (one message for all,
  // so sign-in does not reveal which emails exist); kRateLimited after repeated failures.
  [[nodiscard]] Result<SignedIn> SignIn(const std::string& email, const std::string& password,
                                        const std::string& remote);
  // The live session behind a cookie token, touched; kUnauthenticated when unknown or expired.
  [[nodiscard]] Result<Resumed> Resume(const std::string& token);
  [[nodiscard]] Result<void> SignOut(const std::string& token);
  // Signs in the user whose email another party has vouched for (an OpenID provider), with
  // the same throttling as SignIn: kRateLimited while the email or the client must wait;
  // kUnauthenticated, counted as a failure of both, when no active user has that email or
  // `may_sign_in` refuses the one that has.
  [[nodiscard]] Result<SignedIn> SignInVouched(const std::string& email,
                                               const std::function<bool(const User&)>& may_sign_in,
                                               const std::string& remote);
  // For a sign-in that failed before any email was known (a provider's token that did not
  // verify): kRateLimited while the client must wait; FailedFrom counts one failure of it.
  [[nodiscard]] Result<void> CheckClient(const std::string& remote);
  [[nodiscard]] Result<void> FailedFrom(const std::string& remote);
  // Starts a session for a user already authenticated some other way (tests, SignInVouched).
  [[nodiscard]] Result<SignedIn> StartSession(const User& user);

  static bool CsrfMatches(const Session& session, const std::string& presented);

 private:
  // Sessions resumed lately, each with the data version read before it was. While the
  // version stays the same neither the session nor its user has changed or gone, on any
  // server (a session's end and every change of users advance it), so a signed-in request
  // costs one read of the version (shared with the requests beside it) rather than three.
  std::optional<Resumed> FromKept(const std::string& hash, int64_t version, Instant now);
  void Keep(const std::string& hash, const Resumed& resumed);
  void Forget(const std::string& hash);

  store::Store& store_;
  const Clock& clock_;
  SessionPolicy policy_;
  SignInThrottle by_email_;
  SignInThrottle by_client_;
  std::mutex kept_mutex_;
  std::unordered_map<std::string, Resumed> kept_;  // by token hash
};

// 256 random bits as lower-case hex.
std::string RandomToken();
// SHA-256 of a token as lower-case hex: what the store keeps.
std::string HashToken(const std::string& token);

}  // namespace trellis::access
