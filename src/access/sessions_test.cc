// Resuming sessions: the copies a server keeps of the sessions it resumed must never outlive
// what they copy, whichever server ends the session or changes its user.

#include "access/sessions.h"

#include <gtest/gtest.h>

#include "store/sqlite/sqlite_store.h"

namespace trellis::access {
namespace {

class Sessions : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(store_->Migrate());
    User ada;
    ada.email = "ada@oak.sch.uk";
    ada.display_name = "Ada";
    ada.role = Role::kPlatformAdmin;
    ada.created_at = clock_.Now();
    auto inserted = store_->Insert(ada);
    ASSERT_TRUE(inserted) << inserted.error().message;
    user_ = *inserted;
  }

  // Two servers on one database: each its own Authenticator, so its own kept sessions.
  std::unique_ptr<store::Store> store_ = std::move(*store::OpenSqliteStore(":memory:"));
  ManualClock clock_{*ParseInstant("2026-11-24T09:00:00Z")};
  Authenticator server_a_{*store_, clock_, SessionPolicy{}};
  Authenticator server_b_{*store_, clock_, SessionPolicy{}};
  User user_;
};

void ExpectSignedOut(const Result<Resumed>& resumed) {
  ASSERT_FALSE(resumed);
  EXPECT_EQ(resumed.error().code, ErrorCode::kUnauthenticated);
}

TEST_F(Sessions, ResumingTwiceGivesTheSameUserAndTheVersionReadFirst) {
  const SignedIn in = *server_a_.StartSession(user_);
  const int64_t version = *store_->DataVersion();
  for (int i = 0; i < 2; ++i) {  // read, then kept
    auto resumed = server_a_.Resume(in.token);
    ASSERT_TRUE(resumed) << resumed.error().message;
    EXPECT_EQ(resumed->user.id, user_.id);
    EXPECT_EQ(resumed->session.csrf_token, in.session.csrf_token);
    EXPECT_EQ(resumed->data_version, version);
  }
}

TEST_F(Sessions, SigningOutOnOneServerEndsTheSessionKeptByAnother) {
  const SignedIn in = *server_a_.StartSession(user_);
  ASSERT_TRUE(server_a_.Resume(in.token));
  ASSERT_TRUE(server_a_.Resume(in.token));
  ASSERT_TRUE(server_b_.SignOut(in.token));
  ExpectSignedOut(server_a_.Resume(in.token));
}

TEST_F(Sessions, AUserDisabledAnywhereIsSignedOutOfEveryServer) {
  const SignedIn in = *server_a_.StartSession(user_);
  ASSERT_TRUE(server_a_.Resume(in.token));
  User disabled = user_;
  disabled.disabled = true;
  ASSERT_TRUE(store_->Update(disabled));  // through any server, or the command line
  ExpectSignedOut(server_a_.Resume(in.token));
}

TEST_F(Sessions, AChangedRoleIsSeenAtOnce) {
  const SignedIn in = *server_a_.StartSession(user_);
  ASSERT_TRUE(server_a_.Resume(in.token));
  User demoted = user_;
  demoted.role = Role::kStaff;
  ASSERT_TRUE(store_->Update(demoted));
  auto resumed = server_a_.Resume(in.token);
  ASSERT_TRUE(resumed);
  EXPECT_EQ(resumed->user.role, Role::kStaff);
}

TEST_F(Sessions, AKeptSessionStillEndsWhenIdleOrAtItsLimit) {
  const SignedIn idle = *server_a_.StartSession(user_);
  ASSERT_TRUE(server_a_.Resume(idle.token));
  clock_.Advance(SessionPolicy{}.idle + std::chrono::seconds(1));
  ExpectSignedOut(server_a_.Resume(idle.token));

  // Used every few minutes, so never idle: still ends at the limit.
  const SignedIn busy = *server_a_.StartSession(user_);
  const Instant limit = busy.session.expires_at;
  while (clock_.Now() + std::chrono::minutes(5) < limit) {
    ASSERT_TRUE(server_a_.Resume(busy.token));
    ASSERT_TRUE(server_a_.Resume(busy.token));
    clock_.Advance(std::chrono::minutes(5));
  }
  clock_.Advance(limit - clock_.Now());
  ExpectSignedOut(server_a_.Resume(busy.token));
}

TEST_F(Sessions, ASessionInUseOnOneServerIsNotIdleOnAnother) {
  // Each server sees the other's touches in the store: B touched it lately, so A, which last
  // saw it long ago, must not end it.
  const SignedIn in = *server_a_.StartSession(user_);
  ASSERT_TRUE(server_a_.Resume(in.token));
  for (int i = 0; i < 8; ++i) {
    clock_.Advance(std::chrono::minutes(10));
    ASSERT_TRUE(server_b_.Resume(in.token));
  }
  auto resumed = server_a_.Resume(in.token);
  ASSERT_TRUE(resumed) << resumed.error().message;
}

}  // namespace
}  // namespace trellis::access
