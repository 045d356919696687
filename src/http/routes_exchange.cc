// Imports (a CSV file as the request body) and exports (CSV or XLSX downloads).

#include "exchange/exchange.h"
#include "http/input.h"
#include "http/routes.h"

namespace trellis::http {
namespace {

using access::Permission;

Result<exchange::Kind> KindOf(const Context& ctx) {
  auto kind = exchange::KindFromCode(ctx.path.at("kind"));
  if (!kind) return Fail(ErrorCode::kNotFound, "There is no such kind of file: " + ctx.path.at("kind"));
  return *kind;
}

Result<Response> ImportFile(Context& ctx) {
  const auto kind = TRY(KindOf(ctx));
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

Result<Response> ExportFile(Context& ctx) {
  const auto kind = TRY(KindOf(ctx));
  if (!exchange::CanExport(kind))
    return Fail(ErrorCode::kNotFound, "GIAS files can be imported, not exported.");
  const std::string format_text = QueryText(ctx, "format");
  exchange::Format format = exchange::Format::kCsv;
  if (format_text == "xlsx") format = exchange::Format::kXlsx;
  else if (!format_text.empty() && format_text != "csv")
    return Fail(ErrorCode::kInvalidInput, "format must be csv or xlsx",
                {{"format", "must be csv or xlsx", format_text, {}}});
  Response r;
  r.body = TRY(exchange::Export(ctx.services.store, kind, *ctx.trust, format,
                                ctx.services.clock.Today()));
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
