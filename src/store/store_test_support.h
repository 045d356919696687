#pragma once
// Helpers shared by the test files of the store (the contract suite and backend-specific
// tests) and of the services and the demo that run against it.

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "core/date.h"
#include "core/result.h"
#include "store/store.h"

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

// The fields a refusal names, for comparing with the fields a test expects.
inline std::set<std::string> Fields(const std::vector<Problem>& problems) {
  std::set<std::string> fields;
  for (const Problem& p : problems) fields.insert(p.field);
  return fields;
}
template <typename T>
std::set<std::string> Fields(const Result<T>& refused) {
  if (refused) return {};
  return Fields(refused.error().details);
}

// Records with just what a service's test needs, inserted straight into the store.
inline TrustId AddTrust(Store& store, const char* name, const char* reference) {
  return Must(store.Insert(org::Trust{.id = {}, .name = name, .reference = reference, .created_at = {}}),
              "insert trust")
      .id;
}
inline PersonId AddPerson(Store& store, TrustId trust, const char* reference,
                          std::optional<Date> left_trust = std::nullopt) {
  return Must(store.Insert(org::Person{.trust = trust, .reference = reference, .given_name = "A",
                                       .family_name = reference, .left_trust = left_trust}),
              "insert person")
      .id;
}

// The actions of the audit log's entries about one record, oldest first.
inline std::vector<std::string> AuditedActions(Store& store, const char* entity,
                                               int64_t entity_id) {
  std::vector<std::string> actions;
  const auto entries = Must(store.ListAudit({.entity = entity,
                                             .entity_id = std::to_string(entity_id),
                                             .page = {.limit = 10000}}),
                            "list audit");
  for (const auto& entry : entries.items) actions.insert(actions.begin(), entry.action);
  return actions;
}

}  // namespace trellis::store::testing
