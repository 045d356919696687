#pragma once
// Reading what a client sent: JSON bodies field by field, and query parameters, collecting
// every problem so that one answer lists them all.

#include <climits>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/enum_names.h"
#include "core/ids.h"
#include "core/result.h"
#include "http/api.h"
#include "store/store.h"

namespace trellis::http {

// A page that holds every record, for reads a handler filters, joins or counts in memory.
inline constexpr int64_t kAll = 1'000'000;

// A whole number a field's rules then judge (a year, a score, a rank, a level): one beyond
// int's range becomes 0, which every such rule refuses.
inline int Narrow(int64_t value) {
  return value < INT_MIN || value > INT_MAX ? 0 : static_cast<int>(value);
}

// Parses a request body that must be a JSON object sent as application/json
// (kInvalidInput otherwise).
[[nodiscard]] Result<nlohmann::json> ParseObject(const Context& ctx);

// Reads fields of a JSON object into a record. On create, required fields must be present;
// on update (PATCH) only the fields present change, and null clears an optional field.
class FieldReader {
 public:
  enum class Mode { kCreate, kUpdate };
  FieldReader(const nlohmann::json& object, Mode mode) : object_(object), mode_(mode) {}

  void Text(const char* name, std::string& out, bool required = false);
  void Int(const char* name, int64_t& out, bool required = false);
  void OptionalInt(const char* name, std::optional<int64_t>& out);
  void Number(const char* name, double& out);
  void Flag(const char* name, bool& out);
  void Day(const char* name, Date& out, bool required = false);
  void OptionalDay(const char* name, std::optional<Date>& out);

  template <typename E>
  void Enum(const char* name, E& out, bool required = false) {
    const auto* v = Find(name, required);
    if (!v) return;
    if (!v->is_string()) return Wrong(name, "must be one of " + AllowedCodes<E>());
    if (auto e = ParseEnum<E>(v->get<std::string>())) out = *e;
    else Wrong(name, "must be one of " + AllowedCodes<E>(), v->get<std::string>());
  }
  template <typename E>
  void OptionalEnum(const char* name, std::optional<E>& out) {
    const auto* v = Find(name, false);
    if (!v) return;
    if (v->is_null()) { out.reset(); return; }
    E value{};
    Enum(name, value);
    out = value;
  }
  template <typename Tag>
  void Ref(const char* name, Id<Tag>& out, bool required = false) {
    int64_t raw = out.value();
    Int(name, raw, required);
    out = Id<Tag>(raw);
  }
  template <typename Tag>
  void OptionalRef(const char* name, std::optional<Id<Tag>>& out) {
    std::optional<int64_t> raw;
    if (out) raw = out->value();
    OptionalInt(name, raw);
    out = raw ? std::optional<Id<Tag>>(Id<Tag>(*raw)) : std::nullopt;
  }

  // Fails with kValidationFailed listing every problem, including fields the record does not
  // have (a misspelt field is refused rather than silently ignored) and `more` (the
  // record's own field rules), so that one answer lists them all. A field is reported once.
  [[nodiscard]] Result<void> Finish(std::vector<Problem> more = {});

 private:
  const nlohmann::json* Find(const char* name, bool required);
  void Wrong(const char* name, std::string reason, std::string value = {});

  const nlohmann::json& object_;
  Mode mode_;
  std::vector<std::string> seen_;
  std::vector<Problem> problems_;
};

// A request that takes no fields (moving a record on, a DELETE): the body may be empty or {}.
// A field sent was meant for another route, so it is refused (kValidationFailed) rather than
// ignored.
[[nodiscard]] Result<void> NoFields(const Context& ctx);

// Query parameters. Each fails with kInvalidInput naming the parameter when malformed.
[[nodiscard]] Result<std::optional<int64_t>> QueryInt(const Context& ctx, const char* name);
[[nodiscard]] Result<std::optional<bool>> QueryBool(const Context& ctx, const char* name);
std::string QueryText(const Context& ctx, const char* name);
// ?limit=, from 1 to 500; `fallback` when absent.
[[nodiscard]] Result<int64_t> QueryLimit(const Context& ctx, int64_t fallback);
// ?limit= (QueryLimit, store::Page's default when absent) and ?offset=, not negative.
[[nodiscard]] Result<store::Page> QueryPage(const Context& ctx);
template <typename E>
[[nodiscard]] Result<std::optional<E>> QueryEnum(const Context& ctx, const char* name) {
  auto text = QueryText(ctx, name);
  if (text.empty()) return std::optional<E>();
  if (auto e = ParseEnum<E>(text)) return std::optional<E>(*e);
  return Fail(ErrorCode::kInvalidInput, std::string("query parameter ") + name + " must be one of " + AllowedCodes<E>(),
              {{name, "must be one of " + AllowedCodes<E>(), text, {}}});
}
template <typename Tag>
[[nodiscard]] Result<std::optional<Id<Tag>>> QueryId(const Context& ctx, const char* name) {
  auto raw = TRY(QueryInt(ctx, name));
  if (!raw) return std::optional<Id<Tag>>();
  return std::optional<Id<Tag>>(Id<Tag>(*raw));
}
// A record outside the caller's scope: answered exactly as one that does not exist (404).
[[nodiscard]] Result<void> NotInScope();

// A list's answer: { items, total, limit, offset }.
template <typename T>
nlohmann::json Page(const store::Listing<T>& listing, const store::Page& page, nlohmann::json items) {
  return {{"items", std::move(items)},
          {"total", listing.total},
          {"limit", page.limit},
          {"offset", page.offset}};
}
// Pages a list already filtered in memory (where the scope is a set of ids, or visibility is
// decided record by record).
template <typename T>
store::Listing<T> PageInMemory(std::vector<T> all, const store::Page& page) {
  store::Listing<T> out;
  out.total = static_cast<int64_t>(all.size());
  for (int64_t i = page.offset; i < out.total && i < page.offset + page.limit; ++i)
    out.items.push_back(std::move(all[static_cast<size_t>(i)]));
  return out;
}
// The same for a list answered whole (no paging): limit and total are its size.
nlohmann::json WholeList(nlohmann::json items);

// A path parameter as an id; kNotFound when it is not a positive integer.
template <typename Tag>
[[nodiscard]] Result<Id<Tag>> PathId(const Context& ctx, const char* name) {
  auto it = ctx.path.find(name);
  int64_t value = 0;
  if (it == ctx.path.end() || it->second.empty() || it->second.size() > 18) return Fail(ErrorCode::kNotFound, "Not found.");
  for (char c : it->second)
    if (c < '0' || c > '9') return Fail(ErrorCode::kNotFound, "Not found.");
  value = std::stoll(it->second);
  if (value <= 0) return Fail(ErrorCode::kNotFound, "Not found.");
  return Id<Tag>(value);
}

}  // namespace trellis::http
