#pragma once
// Helpers shared by the store's test files (the contract suite and backend-specific tests).

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <stdexcept>
#include <string>
#include <utility>

#include "core/date.h"
#include "core/result.h"

namespace trellis::store::testing {

// A directory of its own under the system temp dir, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "trellis-store-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// The value of a Result that the test needs in order to go on. A failure is reported and
// then ends the test (gtest turns the exception into a failure of the current test).
template <typename T>
T Must(Result<T> result, const char* what = "store call") {
  if (!result) {
    ADD_FAILURE() << what << " failed: " << result.error().message;
    throw std::runtime_error(result.error().message);
  }
  if constexpr (!std::is_void_v<T>) return std::move(*result);
}

inline Date D(const char* iso) {
  auto date = Date::Parse(iso);
  if (!date) throw std::invalid_argument(iso);
  return *date;
}

inline Instant At(const char* iso) {
  auto instant = ParseInstant(iso);
  if (!instant) throw std::invalid_argument(iso);
  return *instant;
}

}  // namespace trellis::store::testing
