#include "http/input.h"

#include <algorithm>
#include <charconv>
#include <cstdint>

namespace trellis::http {

namespace {

constexpr int kMaxNesting = 32;

// How deeply arrays and objects nest in JSON text (brackets inside strings do not count).
// Checked before parsing so that no code ever walks a pathologically deep document.
int Nesting(std::string_view text) {
  int depth = 0, deepest = 0;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
      if (deepest > kMaxNesting) return deepest;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return deepest;
}

// A client's value, fit to be quoted back in a problem: scalars as written (at most 100
// characters), arrays and objects only named.
std::string Echo(const nlohmann::json& value) {
  if (value.is_array()) return "(a list)";
  if (value.is_object()) return "(an object)";
  std::string text = value.is_string() ? value.get<std::string>() : value.dump();
  if (text.size() > 100) text = text.substr(0, 100) + "…";
  return text;
}

// A ?limit= read by QueryInt: from 1 to 500, `fallback` when absent.
Result<int64_t> LimitWithin(std::optional<int64_t> limit, int64_t fallback) {
  if (!limit) return fallback;
  if (*limit < 1 || *limit > 500)
    return Fail(ErrorCode::kInvalidInput, "query parameter limit must be from 1 to 500",
                {{"limit", "must be from 1 to 500", std::to_string(*limit), {}}});
  return *limit;
}

}  // namespace

Result<nlohmann::json> ParseObject(const Context& ctx) {
  // Only JSON is accepted as JSON: a cross-site HTML form can send text/plain or
  // form-encoded bodies without the browser asking first, but never application/json. This
  // is what stops a forged sign-in (the one state-changing route without a CSRF token).
  if (ctx.content_type.rfind("application/json", 0) != 0)
    return Fail(ErrorCode::kInvalidInput, "Send the request body as application/json.",
                {{"Content-Type", "must be application/json", ctx.content_type, {}}});
  const std::string& body = ctx.body;
  if (Nesting(body) > kMaxNesting)
    return Fail(ErrorCode::kInvalidInput, "The request body nests more than " +
                                              std::to_string(kMaxNesting) + " levels deep.");
  auto json = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded())
    return Fail(ErrorCode::kInvalidInput, "The request body is not valid JSON.");
  if (!json.is_object())
    return Fail(ErrorCode::kInvalidInput, "The request body must be a JSON object.");
  return json;
}

const nlohmann::json* FieldReader::Find(const char* name, bool required) {
  seen_.emplace_back(name);
  auto it = object_.find(name);
  if (it == object_.end()) {
    if (required && mode_ == Mode::kCreate) problems_.push_back({name, "is required", "", {}});
    return nullptr;
  }
  return &*it;
}

void FieldReader::Wrong(const char* name, std::string reason, std::string value) {
  problems_.push_back({name, std::move(reason), std::move(value), {}});
}

void FieldReader::Text(const char* name, std::string& out, bool required) {
  const auto* v = Find(name, required);
  if (!v) return;
  if (v->is_null() && !required) { out.clear(); return; }
  if (!v->is_string()) return Wrong(name, "must be text");
  out = v->get<std::string>();
}

void FieldReader::Int(const char* name, int64_t& out, bool required) {
  const auto* v = Find(name, required);
  if (!v) return;
  if (!v->is_number_integer() || (v->is_number_unsigned() && v->get<uint64_t>() > INT64_MAX))
    return Wrong(name, "must be a whole number", Echo(*v));
  out = v->get<int64_t>();
}

void FieldReader::OptionalInt(const char* name, std::optional<int64_t>& out) {
  const auto* v = Find(name, false);
  if (!v) return;
  if (v->is_null()) { out.reset(); return; }
  if (!v->is_number_integer() || (v->is_number_unsigned() && v->get<uint64_t>() > INT64_MAX))
    return Wrong(name, "must be a whole number or null", Echo(*v));
  out = v->get<int64_t>();
}

void FieldReader::Number(const char* name, double& out) {
  const auto* v = Find(name, false);
  if (!v) return;
  if (!v->is_number()) return Wrong(name, "must be a number", Echo(*v));
  out = v->get<double>();
}

void FieldReader::Flag(const char* name, bool& out) {
  const auto* v = Find(name, false);
  if (!v) return;
  if (!v->is_boolean()) return Wrong(name, "must be true or false", Echo(*v));
  out = v->get<bool>();
}

void FieldReader::Day(const char* name, Date& out, bool required) {
  const auto* v = Find(name, required);
  if (!v) return;
  if (!v->is_string()) return Wrong(name, "must be a date (YYYY-MM-DD)", Echo(*v));
  if (auto d = Date::Parse(v->get<std::string>())) out = *d;
  else Wrong(name, "must be a date (YYYY-MM-DD)", v->get<std::string>());
}

void FieldReader::OptionalDay(const char* name, std::optional<Date>& out) {
  const auto* v = Find(name, false);
  if (!v) return;
  if (v->is_null()) { out.reset(); return; }
  Date d;
  Day(name, d);
  out = d;
}

Result<void> FieldReader::Finish(std::vector<Problem> more) {
  for (const auto& [key, value] : object_.items()) {
    if (std::find(seen_.begin(), seen_.end(), key) == seen_.end())
      problems_.push_back({key, "is not a field of this record", "", {}});
  }
  for (auto& problem : more) {
    const bool known = std::any_of(problems_.begin(), problems_.end(),
                                   [&](const Problem& p) { return p.field == problem.field; });
    if (!known) problems_.push_back(std::move(problem));
  }
  if (problems_.empty()) return Ok();
  const std::string message = problems_.size() == 1
                                  ? "There is a problem with " + problems_[0].field + "."
                                  : "There are " + std::to_string(problems_.size()) + " problems.";
  return Fail(ErrorCode::kValidationFailed, message, std::move(problems_));
}

Result<void> NoFields(const Context& ctx) {
  if (ctx.body.empty()) return Ok();
  auto body = TRY(ParseObject(ctx));
  FieldReader reader(body, FieldReader::Mode::kUpdate);
  return reader.Finish();
}

Result<void> NotInScope() { return Fail(ErrorCode::kNotFound, "Not found."); }

nlohmann::json WholeList(nlohmann::json items) {
  const auto total = static_cast<int64_t>(items.size());
  return {{"items", std::move(items)}, {"total", total}, {"limit", total}, {"offset", 0}};
}

std::string QueryText(const Context& ctx, const char* name) {
  auto it = ctx.query.find(name);
  return it == ctx.query.end() ? std::string() : it->second;
}

Result<std::optional<int64_t>> QueryInt(const Context& ctx, const char* name) {
  const std::string text = QueryText(ctx, name);
  if (text.empty()) return std::optional<int64_t>();
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size())
    return Fail(ErrorCode::kInvalidInput,
                std::string("query parameter ") + name + " must be a whole number",
                {{name, "must be a whole number", text, {}}});
  return std::optional<int64_t>(value);
}

Result<std::optional<bool>> QueryBool(const Context& ctx, const char* name) {
  const std::string text = QueryText(ctx, name);
  if (text.empty()) return std::optional<bool>();
  if (text == "true" || text == "1" || text == "yes") return std::optional<bool>(true);
  if (text == "false" || text == "0" || text == "no") return std::optional<bool>(false);
  return Fail(ErrorCode::kInvalidInput, std::string("query parameter ") + name + " must be true or false",
              {{name, "must be true or false", text, {}}});
}

Result<int64_t> QueryLimit(const Context& ctx, int64_t fallback) {
  return LimitWithin(TRY(QueryInt(ctx, "limit")), fallback);
}

Result<store::Page> QueryPage(const Context& ctx) {
  store::Page page;
  auto limit = TRY(QueryInt(ctx, "limit"));
  auto offset = TRY(QueryInt(ctx, "offset"));
  page.limit = TRY(LimitWithin(limit, page.limit));
  if (offset) {
    if (*offset < 0)
      return Fail(ErrorCode::kInvalidInput, "query parameter offset must not be negative",
                  {{"offset", "must not be negative", std::to_string(*offset), {}}});
    page.offset = *offset;
  }
  return page;
}

}  // namespace trellis::http
