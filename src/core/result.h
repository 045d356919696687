#pragma once
// Result<T> carries either a value or an Error. Functions that can fail in expected ways
// return it (marked [[nodiscard]] by the type itself); exceptions never cross a module
// boundary.

#include <tl/expected.hpp>
#include <utility>

#include "core/error.h"

namespace trellis {

template <typename T>
using Result = tl::expected<T, Error>;

inline tl::unexpected<Error> Fail(ErrorCode code, std::string message,
                                  std::vector<Problem> details = {}) {
  return tl::unexpected<Error>(MakeError(code, std::move(message), std::move(details)));
}

inline tl::unexpected<Error> Fail(Error error) { return tl::unexpected<Error>(std::move(error)); }

inline Result<void> Ok() { return {}; }

// kValidationFailed listing `problems`, with a message that counts them.
inline tl::unexpected<Error> Refuse(std::vector<Problem> problems) {
  std::string message = problems.size() == 1
                             ? "There is a problem with " + problems[0].field + "."
                             : "There are " + std::to_string(problems.size()) + " problems.";
  return Fail(ErrorCode::kValidationFailed, std::move(message), std::move(problems));
}

namespace detail {
template <typename T>
T Release(tl::expected<T, Error>&& r) {
  return std::move(*r);
}
inline void Release(tl::expected<void, Error>&&) {}
}  // namespace detail

}  // namespace trellis

// TRY(expr): evaluates a Result; on failure returns its Error from the enclosing function,
// otherwise yields the value (or nothing, for Result<void>). Uses a GNU statement
// expression, which both GCC and Clang support; each use gets its own temporary so that
// TRY may nest (a TRY inside a lambda inside a TRY).
// Not inside a braced initializer after a member that owns memory: when TRY returns from
// there, clang does not destroy the members already built (LeakSanitizer found one in the
// API's list filters). Take the value into a local first.
#define TRELLIS_CONCAT_INNER(a, b) a##b
#define TRELLIS_CONCAT(a, b) TRELLIS_CONCAT_INNER(a, b)
#define TRY(...) TRELLIS_TRY_IMPL(TRELLIS_CONCAT(trellis_try_, __COUNTER__), __VA_ARGS__)
#define TRELLIS_TRY_IMPL(var, ...)                                   \
  ({                                                                 \
    auto var = (__VA_ARGS__);                                        \
    if (!var) return ::tl::unexpected(std::move(var).error());       \
    ::trellis::detail::Release(std::move(var));                      \
  })
