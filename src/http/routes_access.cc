// Sign-ins (users) of a trust, and its audit log.

#include "access/users.h"
#include "exchange/audit_export.h"
#include "exchange/cells.h"
#include "http/input.h"
#include "http/routes.h"

namespace trellis::http {
namespace {

using access::Permission;
using nlohmann::json;

access::UserService Users(Context& ctx) {
  return access::UserService(ctx.services.store, ctx.services.clock);
}

// A user id from the path that belongs to the trust in the path (kNotFound otherwise).
Result<access::User> UserInTrust(Context& ctx) {
  auto id = TRY(PathId<UserTag>(ctx, "user_id"));
  auto user = TRY(ctx.services.store.GetUser(id));
  if (user.trust != ctx.trust) return Fail(ErrorCode::kNotFound, "Not found.");
  return user;
}

Result<Response> ListUsers(Context& ctx) {
  auto page = TRY(QueryPage(ctx));
  auto listing = TRY(ctx.services.store.ListUsers(*ctx.trust, page));
  json items = json::array();
  for (const auto& u : listing.items) items.push_back(access::ToJson(u));
  return Response::Json(Page(listing, page, std::move(items)));
}

Result<Response> AddUser(Context& ctx) {
  auto body = TRY(ParseObject(ctx));
  FieldReader reader(body, FieldReader::Mode::kCreate);
  access::NewUser user{.trust = ctx.trust};
  reader.Text("email", user.email, true);
  reader.Text("display_name", user.display_name, true);
  reader.Enum("role", user.role, true);
  reader.OptionalRef("person_id", user.person);
  reader.Text("password", user.password, true);
  TRY(reader.Finish());
  if (user.role == access::Role::kPlatformAdmin)
    return Fail(ErrorCode::kValidationFailed, "A trust cannot make platform administrators.",
                {{"role", "a trust cannot make platform administrators", "platform_admin", {}}});
  return Response::Json(access::ToJson(TRY(Users(ctx).Add(user, ctx.who().actor))), 201);
}

Result<Response> GetUser(Context& ctx) { return Response::Json(access::ToJson(TRY(UserInTrust(ctx)))); }

Result<Response> ChangeUser(Context& ctx) {
  auto user = TRY(UserInTrust(ctx));
  auto body = TRY(ParseObject(ctx));
  FieldReader reader(body, FieldReader::Mode::kUpdate);
  access::UserChange change;
  if (body.contains("display_name")) reader.Text("display_name", change.display_name.emplace(), true);
  if (body.contains("role")) reader.Enum("role", change.role.emplace(), true);
  if (body.contains("person_id")) reader.OptionalRef("person_id", change.person.emplace());
  if (body.contains("disabled")) reader.Flag("disabled", change.disabled.emplace());
  if (body.contains("password")) reader.Text("password", change.password.emplace(), true);
  std::string email = user.email;
  reader.Text("email", email);  // Known but not changeable: refused below if different.
  TRY(reader.Finish());
  if (!exchange::EqualsIgnoringCase(email, user.email))
    return Fail(ErrorCode::kValidationFailed, "The email address of a sign-in cannot change.",
                {{"email", "cannot change; add a new user instead", email, {}}});
  if (change.role == access::Role::kPlatformAdmin)
    return Fail(ErrorCode::kValidationFailed, "A trust cannot make platform administrators.",
                {{"role", "a trust cannot make platform administrators", "platform_admin", {}}});
  return Response::Json(access::ToJson(TRY(Users(ctx).Change(user.id, change, ctx.who().actor))));
}

Result<Response> ListAudit(Context& ctx) {
  auto page = TRY(QueryPage(ctx));
  auto user = TRY(QueryId<UserTag>(ctx, "user_id"));
  auto listing = TRY(ctx.services.store.ListAudit({.trust = *ctx.trust,
                                                   .user = user,
                                                   .entity = QueryText(ctx, "entity"),
                                                   .entity_id = QueryText(ctx, "entity_id"),
                                                   .action = QueryText(ctx, "action"),
                                                   .mentioning = QueryText(ctx, "mentioning"),
                                                   .page = page}));
  json items = json::array();
  for (const auto& e : listing.items) items.push_back(access::ToJson(e));
  return Response::Json(Page(listing, page, std::move(items)));
}

Result<Response> ExportAudit(Context& ctx) {
  auto user = TRY(QueryId<UserTag>(ctx, "user_id"));
  const std::string format_text = QueryText(ctx, "format");
  if (!format_text.empty() && format_text != "csv" && format_text != "xlsx")
    return Fail(ErrorCode::kInvalidInput, "format must be csv or xlsx",
                {{"format", "must be csv or xlsx", format_text, {}}});
  const bool xlsx = format_text == "xlsx";
  Response r;
  r.body = TRY(exchange::ExportAudit(ctx.services.store,
                                     {.trust = *ctx.trust,
                                      .user = user,
                                      .entity = QueryText(ctx, "entity"),
                                      .entity_id = QueryText(ctx, "entity_id"),
                                      .action = QueryText(ctx, "action"),
                                      .mentioning = QueryText(ctx, "mentioning")},
                                     xlsx ? exchange::Format::kXlsx : exchange::Format::kCsv,
                                     ctx.who().actor, ctx.services.clock.Now()));
  r.content_type = xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                        : "text/csv; charset=utf-8";
  r.headers.emplace_back("Content-Disposition",
                         std::string("attachment; filename=\"audit-log.") +
                             (xlsx ? "xlsx" : "csv") + "\"");
  return r;
}

}  // namespace

std::vector<Route> AccessRoutes() {
  const std::string t = "/api/v1/trusts/{trust_id}";
  return {
      {"GET", t + "/users", Permission::kManageUsers, "List sign-ins", ListUsers},
      {"POST", t + "/users", Permission::kManageUsers, "Add a sign-in", AddUser},
      {"GET", t + "/users/{user_id}", Permission::kManageUsers, "Get a sign-in", GetUser},
      {"PATCH", t + "/users/{user_id}", Permission::kManageUsers, "Change a sign-in", ChangeUser},
      {"GET", t + "/audit", Permission::kReadAudit, "Search the audit log", ListAudit},
      {"GET", t + "/audit/export", Permission::kReadAudit, "Export the audit log", ExportAudit},
  };
}

}  // namespace trellis::http
