#pragma once
// Loading a folder that `trellis generate` wrote (write.h) into a store: for each group of
// DIR/trusts.csv, the trust with the group's reference (created, with its name, when the
// store has none), then the group's files in the manifest's import order, each through
// exchange::Import exactly as `trellis import` runs it (the whole file checked, then one
// transaction). The store is the caller's: this never opens one, it is given the interface.
//
// Loading twice changes nothing the second time: trusts are found by reference, and every
// row imports as unchanged.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

#include "core/clock.h"
#include "core/result.h"
#include "org/record_writes.h"
#include "store/store.h"

namespace trellis::workload {

// Rows of the group's files, as the importer counted them (exchange::ImportReport).
struct LoadCounts {
  int64_t files = 0, rows = 0, created = 0, updated = 0, unchanged = 0;

  LoadCounts& operator+=(const LoadCounts& other);
};

// One group loaded, for a progress line.
struct LoadedGroup {
  std::string reference;
  bool trust_created = false;
  LoadCounts counts;
  int64_t done = 0;   // groups loaded so far, this one included
  int64_t total = 0;  // groups in trusts.csv
};

struct LoadSummary {
  int64_t groups = 0;
  int64_t trusts_created = 0;
  LoadCounts counts;
};

using OnGroupLoaded = std::function<void(const LoadedGroup&)>;

// Loads the workload in `dir`. The imports are dated by `clock` (their "today" and audit
// time, as `trellis import` dates them) and audited as `actor`'s; a trust created is created
// through org::OrgService, audited alike. `on_loaded` (optional) hears of each group in turn.
//
// Fails, with what was loaded before it left in the store (each file is its own
// transaction, as with `trellis import`):
//  - kNotFound when `dir` or its manifest.json or trusts.csv is missing;
//  - kInvalidInput when the manifest is not one `trellis generate` wrote or names an unknown
//    kind, or trusts.csv lacks its columns;
//  - as exchange::Import fails for a file (kValidationFailed with every problem), its message
//    prefixed with the file's path;
//  - as org::OrgService::Create fails when a group's trust cannot be created (a name it refuses,
//    or a reference another writer took meanwhile).
[[nodiscard]] Result<LoadSummary> LoadWorkload(store::Store& store, const Clock& clock,
                                               const org::Actor& actor,
                                               const std::filesystem::path& dir,
                                               const OnGroupLoaded& on_loaded = {});

}  // namespace trellis::workload
