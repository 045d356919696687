#pragma once
// Writing the national workload as the CSV files a user imports (docs/import-formats.md):
//
//   OUT/manifest.json          seed, size, generator version, counts, import order, sources
//   OUT/trusts.csv             reference, name, kind (trust | local-authority group),
//                              schools, people, key_posts: one row per group
//   OUT/people.csv             every group's people in one file (references are unique in
//                              the nation), for the import benchmark
//   OUT/<reference>/<kind>.csv one folder per group, a file per kind: schools, bodies,
//                              people, posts, holdings, memberships, line-links,
//                              role-profiles, assessments, ratings, risks, key-posts,
//                              successors (the import order); no file for a kind the
//                              group has no records of (the import refuses an empty file)
//
// The files are UTF-8 without a byte order mark, with CRLF line endings and RFC 4180
// quoting, under the headers the exports write (exchange/columns.h). Each group is staffed,
// written and dropped in turn, so memory holds one group at a time.

#include <cstdint>
#include <filesystem>
#include <string>

#include "core/result.h"
#include "workload/nation.h"
#include "workload/workforce.h"

namespace trellis::workload {

// Bumped whenever the files for a given seed and size change, so that a benchmark can tell
// two workloads apart.
inline constexpr int kGeneratorVersion = 1;

struct GenerateOptions {
  uint64_t seed = 1;
  Size size;
};

struct GenerateSummary {
  int64_t groups = 0, trusts = 0, local_authority_groups = 0;
  WorkforceCounts counts;
  int64_t bytes = 0;  // written, all files together
};

// Checks that `out` can take the workload: a folder that does not exist yet (it is created,
// with its parents) or an empty one. kInvalidInput when it is a file, a folder with anything
// in it, or cannot be created. Nothing is written into an existing folder's files.
[[nodiscard]] Result<void> PrepareOutput(const std::filesystem::path& out);

// Staffs every group of `options.size` with `options.seed` and writes the files into `out`
// (which PrepareOutput has accepted). kInternal when a file cannot be written (the files
// written so far stay). Same nation, seed and size: the same bytes.
[[nodiscard]] Result<GenerateSummary> WriteWorkload(const Nation& nation,
                                                    const GenerateOptions& options,
                                                    const std::filesystem::path& out);

}  // namespace trellis::workload
