#pragma once
// Reading a whole file into memory: the files a user imports (a national people file is
// 79 MB), a workload's files, the web front end's assets.

#include <filesystem>
#include <string>

#include "core/result.h"

namespace trellis {

// The bytes of the file at `path`. kNotFound when it cannot be opened (missing, a directory,
// not readable); kInternal when reading it fails part-way.
Result<std::string> ReadWholeFile(const std::filesystem::path& path);

}  // namespace trellis
