#pragma once
// ZIP archives in memory (libzip, ADR 0006): what a subject-access export is delivered as,
// since a ZIP opens without extra software on the Windows desktops of school trusts.

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace trellis::privacy {

struct ArchiveFile {
  std::string name;   // a path inside the archive, "/"-separated
  std::string bytes;

  bool operator==(const ArchiveFile&) const = default;
};

// The files as one ZIP archive (deflated), in the order given. kInternal when libzip fails.
[[nodiscard]] Result<std::string> WriteArchive(const std::vector<ArchiveFile>& files);
// The files of a ZIP archive, in its order. kInvalidInput when `zip` is not a readable archive.
[[nodiscard]] Result<std::vector<ArchiveFile>> ReadArchive(std::string_view zip);

}  // namespace trellis::privacy
