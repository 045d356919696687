#pragma once
// Every expected failure in trellis is an Error with one of these codes. The codes are
// declared once here; http/ maps them to statuses and cli/ to exit codes, each in one place.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace trellis {

enum class ErrorCode {
  kInvalidInput,      // The request itself is malformed (bad JSON, bad query parameter).
  kValidationFailed,  // Well-formed, but the values break a rule; see details.
  kUnauthenticated,   // No valid session.
  kForbidden,         // Signed in, but the role or scope does not allow it.
  kNotFound,          // No such thing, or not visible to the caller (never says which).
  kMethodNotAllowed,  // The thing exists but does not take this method (GET, POST, ...).
  kConflict,          // Clashes with what is stored (duplicate key, stale state).
  kTooLarge,          // A request, file or field over its size limit.
  kRateLimited,       // Too many attempts; try later.
  kUnavailable,       // The store is busy or unreachable; safe to retry.
  kInternal,          // A bug or an unexpected library failure.
};

// The stable, machine-readable name of a code, as sent to API clients ("not_found").
std::string_view CodeName(ErrorCode code);

// One problem with one field (of a request body) or one cell (of an imported file).
// Import problems carry the spreadsheet row (the header is row 1, the first data row row 2;
// empty for a problem with the whole file) and the column header; request problems only the
// field path.
struct Problem {
  std::string field;
  std::string reason;
  std::string value;
  std::optional<int64_t> row;

  bool operator==(const Problem&) const = default;
};

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;
  std::vector<Problem> details;
};

Error MakeError(ErrorCode code, std::string message, std::vector<Problem> details = {});

}  // namespace trellis
