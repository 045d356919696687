#pragma once
// The demo trust: a fictional but realistic multi-academy trust (Oakridge Learning Trust,
// eight Leeds schools, about six hundred staff, governors and directors) with sign-ins for
// every role, so that trellis can be tried, shown and tested in the browser without real
// data. `trellis demo` creates it.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "access/model.h"
#include "core/date.h"
#include "core/ids.h"
#include "core/result.h"
#include "store/store.h"

namespace trellis::demo {

// The demo trust is found again by this reference, so creating it is idempotent.
inline constexpr std::string_view kDemoTrustReference = "DEMO-OAKRIDGE";
inline constexpr std::string_view kDemoTrustName = "Oakridge Learning Trust";
// Every demo sign-in uses this password. It is public: the demo is for trying trellis out,
// never for real data.
inline constexpr std::string_view kDemoPassword = "trellis-demo-2026";

struct DemoSignIn {
  std::string email;
  std::string password;
  access::Role role;
  std::string who;  // e.g. "Headteacher of Ashfield Primary Academy"
};

struct DemoSummary {
  TrustId trust;
  int64_t schools = 0, people = 0, posts = 0, key_posts = 0, bodies = 0;
  std::vector<DemoSignIn> sign_ins;  // platform admin, HR lead, CEO, head, line manager,
                                     // teacher, governor: always in that order
  bool already_present = false;
};

struct DemoOptions {
  uint64_t seed = 2026;  // the same seed and day always give the same trust
  Date today;            // the day the demo is set on; left at its default, the day of `now`
  Instant now;           // creation time of the trust, the users and the audit entry
};

// Creates the demo trust in one transaction, with audit entries by actor "demo": one summary
// entry for the organisation, and for the succession plans, risks and development actions
// (written through their services, demo/succession.h) the history each would have. If a trust
// with reference "DEMO-OAKRIDGE" already exists, writes nothing and returns its summary with
// already_present = true (so `trellis demo` is idempotent). The platform administrator's
// sign-in is shared by every trust, so it is left as it is when it exists already; any
// other clash (a demo user's email taken outside the demo trust) fails with kConflict and
// writes nothing. Errors from the store are passed on unchanged.
[[nodiscard]] Result<DemoSummary> CreateDemoTrust(store::Store& store, const DemoOptions& options);

}  // namespace trellis::demo
