#pragma once
// The demo trust as plain records, before anything is stored. Planning is pure (no store,
// no clock, no global state), so the same seed and day give the same trust on every
// platform, and tests can check every record without a database.

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "access/model.h"
#include "core/date.h"
#include "core/ids.h"
#include "org/model.h"

namespace trellis::demo {

// A demo sign-in: its role, email and a description of whom it signs in as.
struct DemoAccount {
  access::Role role;
  std::string_view email;
  std::string_view who;
};

// The seven demo sign-ins, in the order DemoSummary::sign_ins lists them.
std::span<const DemoAccount> DemoAccounts();

// Records refer to each other by plan ids: the record at index i of its list has id i + 1,
// and the trust is TrustId(1). The writer maps plan ids to the ids the store assigns. Lists
// are in an order that can be inserted as is (the Board before its committees).
struct DemoPlan {
  org::Trust trust;
  std::vector<org::School> schools;
  std::vector<org::Body> bodies;
  std::vector<org::Person> people;
  std::vector<org::Post> posts;
  std::vector<org::Holding> holdings;
  std::vector<org::Membership> memberships;
  std::vector<org::LineLink> line_links;
  // Who each of DemoAccounts() is, index for index; empty for the platform administrator.
  std::vector<std::optional<PersonId>> account_people;
};

DemoPlan PlanDemoTrust(uint64_t seed, Date today);

}  // namespace trellis::demo
