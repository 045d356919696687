// Imports (a CSV file as the request body) and exports (CSV or XLSX downloads).
//
// The routes ask for kImport and kExport; the talent review's and succession's files ask for
// more, as the routes that write and read those records one at a time do (KindAccessOf):
// ratings are imported by those who manage reviews and exported only by those who read every
// rating of the trust; risks, key posts and successors are imported by those who manage
// succession and exported by the whole-trust succession roles; role profiles and assessments
// are imported by those who change the organisation. An export of confidential records
// (ratings, risks of loss, plans and who is named on them) is audit-logged as a read.

#include "exchange/exchange.h"
#include "http/input.h"
#include "http/reach.h"
#include "http/routes.h"

namespace trellis::http {
namespace {

using access::Permission;
using exchange::Kind;

Result<Kind> KindOf(const Context& ctx) {
  auto kind = exchange::KindFromCode(ctx.path.at("kind"));
  if (!kind)
    return Fail(ErrorCode::kNotFound, "There is no such kind of file: " + ctx.path.at("kind"));
  return *kind;
}

// What a kind of file asks of the caller beyond kImport and kExport. (Exports of the
// confidential kinds are also audited as reads: exchange::RecordExportRead.)
struct KindAccess {
  std::optional<Permission> to_import;
  std::optional<Permission> to_export;
};

KindAccess KindAccessOf(Kind kind) {
  switch (kind) {
    case Kind::kRoleProfiles:
    case Kind::kAssessments:
      return {.to_import = Permission::kWriteOrg};
    case Kind::kRatings:
      return {.to_import = Permission::kManageReviews, .to_export = Permission::kReadRatings};
    case Kind::kRisks:
    case Kind::kKeyPosts:
    case Kind::kSuccessors:
      return {.to_import = Permission::kManageSuccession, .to_export = Permission::kSuccession};
    default:
      return {};
  }
}

// 403 unless the caller's role has `permission` (when there is one). An export of ratings
// also needs the whole trust in reach: a headteacher reads their own staff's ratings, never
// the file of the whole trust's.
Result<void> Allow(const Context& ctx, Kind kind, const std::optional<Permission>& permission) {
  const std::string file = std::string(exchange::KindCode(kind));
  if (permission && !access::RoleAllows(ctx.who().user.role, *permission))
    return Fail(ErrorCode::kForbidden, "Your role does not allow this with a " + file + " file.");
  if (permission == Permission::kReadRatings && !ReachOf(ctx, *permission).whole_trust)
    return Fail(ErrorCode::kForbidden,
                "Exports of ratings are for those who read every rating "
                "of the trust.");
  return Ok();
}

Result<Response> ImportFile(Context& ctx) {
  const auto kind = TRY(KindOf(ctx));
  TRY(Allow(ctx, kind, KindAccessOf(kind).to_import));
  const bool dry_run = TRY(QueryBool(ctx, "dry_run")).value_or(false);
  auto report = TRY(exchange::Import(ctx.services.store, kind, ctx.body,
                                     {.trust = *ctx.trust,
                                      .dry_run = dry_run,
                                      .today = ctx.services.clock.Today(),
                                      .now = ctx.services.clock.Now(),
                                      .actor = ctx.who().user.email,
                                      .user = ctx.who().user.id,
                                      .remote = ctx.remote}));
  return Response::Json({{"kind", exchange::KindCode(kind)},
                         {"dry_run", report.dry_run},
                         {"rows", report.rows},
                         {"created", report.created},
                         {"updated", report.updated},
                         {"unchanged", report.unchanged}});
}

Result<exchange::ExportOptions> ExportOptionsOf(const Context& ctx, Kind kind) {
  const auto year = TRY(QueryInt(ctx, "year"));
  if (year && kind != Kind::kRatings)
    return Fail(ErrorCode::kInvalidInput, "year is for exports of ratings only",
                {{"year", "is for exports of ratings only", std::to_string(*year), {}}});
  if (year && (*year < 1 || *year > 9999))
    return Fail(
        ErrorCode::kInvalidInput, "year must be an academic year's start, such as 2025",
        {{"year", "must be an academic year's start, such as 2025", std::to_string(*year), {}}});
  return exchange::ExportOptions{.year = year ? std::optional<int>(static_cast<int>(*year))
                                              : std::nullopt};
}

Result<Response> ExportFile(Context& ctx) {
  const auto kind = TRY(KindOf(ctx));
  if (!exchange::CanExport(kind))
    return Fail(ErrorCode::kNotFound, "GIAS files can be imported, not exported.");
  const KindAccess access = KindAccessOf(kind);
  TRY(Allow(ctx, kind, access.to_export));
  const std::string format_text = QueryText(ctx, "format");
  exchange::Format format = exchange::Format::kCsv;
  if (format_text == "xlsx")
    format = exchange::Format::kXlsx;
  else if (!format_text.empty() && format_text != "csv")
    return Fail(ErrorCode::kInvalidInput, "format must be csv or xlsx",
                {{"format", "must be csv or xlsx", format_text, {}}});
  const auto options = TRY(ExportOptionsOf(ctx, kind));
  Response r;
  r.body = TRY(exchange::Export(ctx.services.store, kind, *ctx.trust, format,
                                ctx.services.clock.Today(), options));
  TRY(exchange::RecordExportRead(ctx.services.review, ctx.services.plans, kind, *ctx.trust,
                                 options, ctx.who().actor));
  const bool xlsx = format == exchange::Format::kXlsx;
  r.content_type = xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                        : "text/csv; charset=utf-8";
  const std::string name = std::string(exchange::KindCode(kind)) + (xlsx ? ".xlsx" : ".csv");
  r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + name + "\"");
  return r;
}

}  // namespace

std::vector<Route> ExchangeRoutes() {
  const std::string t = "/api/v1/trusts/{trust_id}";
  return {
      {"POST", t + "/imports/{kind}", Permission::kImport, "Import a CSV file", ImportFile},
      {"GET", t + "/exports/{kind}", Permission::kExport, "Export as CSV or XLSX", ExportFile},
  };
}

}  // namespace trellis::http
