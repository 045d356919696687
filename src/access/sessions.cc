#include "access/sessions.h"

#include <sodium.h>

#include <algorithm>
#include <array>

#include "access/password.h"

namespace trellis::access {
namespace {

std::string Hex(const unsigned char* bytes, size_t size) {
  std::string out(size * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), bytes, size);
  out.pop_back();
  return out;
}

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// A valid argon2id hash of a random password, checked against when the email is unknown so
// that a miss costs as long as a hit and timing does not reveal which emails exist.
const std::string& DecoyHash() {
  static const std::string hash = [] {
    auto made = HashPassword(RandomToken());
    return made ? *made : std::string();
  }();
  return hash;
}

}  // namespace

std::string RandomToken() {
  if (sodium_init() < 0) std::abort();
  std::array<unsigned char, 32> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  return Hex(bytes.data(), bytes.size());
}

std::string HashToken(const std::string& token) {
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(token.data()),
                     token.size());
  return Hex(digest.data(), digest.size());
}

Result<void> SignInThrottle::Check(const std::string& key) {
  const auto until = TRY(store_.SignInsBlockedUntil(HashToken(key)));
  if (until && clock_.Now() < *until)
    return Fail(ErrorCode::kRateLimited,
                "Too many failed sign-in attempts. Wait a few minutes and try again.");
  return Ok();
}

Result<void> SignInThrottle::Failed(const std::string& key) {
  const std::string hashed = HashToken(key);
  const Instant now = clock_.Now();
  const int64_t failures = TRY(store_.CountSignInFailure(hashed, now));
  const int64_t over = failures - free_attempts_;
  if (over >= 0) {
    auto wait = policy_.first_backoff * (1LL << std::min<int64_t>(over, 20));
    auto cap = std::chrono::duration_cast<std::chrono::seconds>(policy_.max_backoff);
    TRY(store_.BlockSignIns(hashed, now + std::min<std::chrono::seconds>(wait, cap)));
  }
  // Keep the table small under a spray of made-up emails.
  TRY(store_.ForgetSignInFailuresBefore(now - std::chrono::hours(24)));
  return Ok();
}

Result<void> SignInThrottle::Succeeded(const std::string& key) {
  return store_.ClearSignInFailures(HashToken(key));
}

Authenticator::Authenticator(store::Store& store, const Clock& clock, SessionPolicy policy)
    : store_(store),
      clock_(clock),
      policy_(policy),
      by_email_(store, clock, policy, policy.free_attempts),
      by_client_(store, clock, policy, policy.free_attempts_per_client) {}

Result<SignedIn> Authenticator::SignIn(const std::string& email, const std::string& password,
                                       const std::string& remote) {
  const std::string by_email = "email:" + Lower(email);
  TRY(by_email_.Check(by_email));
  TRY(CheckClient(remote));
  auto found = TRY(store_.FindUserByEmail(Lower(email)));
  const bool ok = found ? VerifyPassword(password, found->password_hash)
                        : (VerifyPassword(password, DecoyHash()), false);
  if (!ok || found->disabled) {
    TRY(by_email_.Failed(by_email));
    TRY(FailedFrom(remote));
    return Fail(ErrorCode::kUnauthenticated, "The email address or password is not right.");
  }
  TRY(by_email_.Succeeded(by_email));
  return StartSession(*found);
}

Result<SignedIn> Authenticator::SignInVouched(const std::string& email,
                                              const std::function<bool(const User&)>& may_sign_in,
                                              const std::string& remote) {
  const std::string by_email = "email:" + Lower(email);
  TRY(by_email_.Check(by_email));
  TRY(CheckClient(remote));
  auto found = TRY(store_.FindUserByEmail(Lower(email)));
  if (!found || found->disabled || !may_sign_in(*found)) {
    TRY(by_email_.Failed(by_email));
    TRY(FailedFrom(remote));
    return Fail(ErrorCode::kUnauthenticated,
                "No active user with that email address may sign in this way.");
  }
  TRY(by_email_.Succeeded(by_email));
  return StartSession(*found);
}

Result<void> Authenticator::CheckClient(const std::string& remote) {
  return by_client_.Check("client:" + remote);
}

Result<void> Authenticator::FailedFrom(const std::string& remote) {
  return by_client_.Failed("client:" + remote);
}

Result<SignedIn> Authenticator::StartSession(const User& user) {
  SignedIn result{.user = user, .session = {}, .token = RandomToken()};
  const Instant now = clock_.Now();
  result.session = Session{.token_hash = HashToken(result.token),
                           .user = user.id,
                           .csrf_token = RandomToken(),
                           .created_at = now,
                           .last_seen = now,
                           .expires_at = now + policy_.max};
  TRY(store_.Insert(result.session));
  return result;
}

namespace {
// Sessions kept at most (a few MB); past it, those kept against an older version go, or
// failing that all of them.
constexpr size_t kMostKept = 20000;
// A session last seen longer ago than this is touched, which the kept copy cannot do.
constexpr auto kTouchAfter = std::chrono::minutes(1);
}  // namespace

Result<Resumed> Authenticator::Resume(const std::string& token) {
  auto unauthenticated = [] {
    return Fail(ErrorCode::kUnauthenticated, "Sign in to continue.");
  };
  if (token.size() != 64) return unauthenticated();
  const std::string hash = HashToken(token);
  // First, so that the session and user read below are at least as new as it says.
  const int64_t version = TRY(store_.DataVersion());
  const Instant now = clock_.Now();
  if (auto kept = FromKept(hash, version, now)) return std::move(*kept);

  auto session = TRY(store_.FindSession(hash));
  if (!session) return unauthenticated();
  if (now >= session->expires_at || now >= session->last_seen + policy_.idle) {
    Forget(hash);
    TRY(store_.DeleteSession(hash));
    return unauthenticated();
  }
  auto user = store_.GetUser(session->user);
  if (!user || user->disabled) return unauthenticated();
  // Touch at most once a minute: keeps reads from turning into a write each.
  if (now - session->last_seen > kTouchAfter) {
    TRY(store_.TouchSession(hash, now));
    session->last_seen = now;
  }
  Resumed resumed{.user = std::move(*user), .session = std::move(*session), .data_version = version};
  Keep(hash, resumed);
  return resumed;
}

std::optional<Resumed> Authenticator::FromKept(const std::string& hash, int64_t version,
                                               Instant now) {
  std::lock_guard lock(kept_mutex_);
  auto it = kept_.find(hash);
  if (it == kept_.end()) return std::nullopt;
  const Resumed& kept = it->second;
  // Anything but the plain case (changed since, expiring, due a touch) goes the long way,
  // which reads the session afresh: another server may have touched it meanwhile.
  if (kept.data_version != version || now >= kept.session.expires_at ||
      now >= kept.session.last_seen + policy_.idle || now - kept.session.last_seen > kTouchAfter)
    return std::nullopt;
  return kept;
}

void Authenticator::Keep(const std::string& hash, const Resumed& resumed) {
  std::lock_guard lock(kept_mutex_);
  if (kept_.size() >= kMostKept && !kept_.contains(hash)) {
    // Drop those kept against an older version first; failing that, everything (rare: as
    // many people signed in to one server within a minute).
    std::erase_if(kept_, [&](const auto& entry) {
      return entry.second.data_version != resumed.data_version;
    });
    if (kept_.size() >= kMostKept) kept_.clear();
  }
  kept_[hash] = resumed;
}

void Authenticator::Forget(const std::string& hash) {
  std::lock_guard lock(kept_mutex_);
  kept_.erase(hash);
}

Result<void> Authenticator::SignOut(const std::string& token) {
  if (token.empty()) return Ok();
  const std::string hash = HashToken(token);
  Forget(hash);
  return store_.DeleteSession(hash);
}

bool Authenticator::CsrfMatches(const Session& session, const std::string& presented) {
  return presented.size() == session.csrf_token.size() && !presented.empty() &&
         sodium_memcmp(presented.data(), session.csrf_token.data(), presented.size()) == 0;
}

}  // namespace trellis::access
