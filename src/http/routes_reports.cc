// The reports of seed 000's "Personnel" section (succession/reports.h): the Board's, the Pay
// and Personnel Committee's and a Local Governing Body's, each as JSON (the web's screens and
// print layout), CSV or XLSX (?format=, a download); reports/report_files.h reads, writes and
// records them, alike for the command line. Every read is audit-logged (action "read", entity
// "succession_report", entity_id naming the report, after {"format"}).
//
// Who reads which:
// - the Board's and the committee's: the whole-trust roles (kSuccession);
// - a Local Governing Body's: the whole-trust roles for any school, and a headteacher for
//   their own school(s) (kReadSuccession; another school answers 404). Without risk of loss
//   or any 9-box rating (governors see aggregates). For a headteacher, the posts whose plans
//   they may not read (http/reach.h: their own post, and the Local Governing Body's posts,
//   which are governance and the Board's business) keep their counts and figures but not who
//   is named nor the actions.

#include <string>
#include <unordered_map>

#include "http/input.h"
#include "http/reach.h"
#include "http/routes.h"
#include "reports/report_files.h"

namespace trellis::http {
namespace {

using access::Permission;
using reports::Format;
using succession::KeyPostReport;

Result<Format> FormatOf(const Context& ctx) {
  const std::string text = QueryText(ctx, "format");
  if (text.empty()) return Format::kJson;
  for (const auto& name : EnumNames<Format>())
    if (name.code == text) return name.value;
  return Fail(ErrorCode::kInvalidInput, "format must be json, csv or xlsx",
              {{"format", "must be json, csv or xlsx", text, {}}});
}

// The report as JSON, or as a download.
template <typename Report>
Result<Response> Answer(Context& ctx, const Report& report, Format format) {
  TRY(reports::RecordRead(ctx.services.plans, *ctx.trust, report, format, ctx.who().actor));
  if (format == Format::kJson) return Response::Json(reports::ToJson(report));
  const reports::ReportFile file = TRY(reports::FileOf(report, format));
  Response r;
  r.body = file.bytes;
  r.content_type = format == Format::kXlsx
                       ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                       : "text/csv; charset=utf-8";
  r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + file.name + "\"");
  return r;
}

Result<Response> Board(Context& ctx) {
  const Format format = TRY(FormatOf(ctx));
  const auto report =
      TRY(reports::ReadBoardReport(ctx.services.store, *ctx.trust, ctx.services.clock.Today()));
  return Answer(ctx, report, format);
}

Result<Response> PayAndPersonnel(Context& ctx) {
  const Format format = TRY(FormatOf(ctx));
  const auto report = TRY(reports::ReadPayAndPersonnelReport(ctx.services.store, *ctx.trust,
                                                             ctx.services.clock.Today()));
  return Answer(ctx, report, format);
}

Result<Response> LocalGoverningBody(Context& ctx) {
  const Format format = TRY(FormatOf(ctx));
  const auto school = TRY(QueryId<SchoolTag>(ctx, "school_id"));
  if (!school)
    return Fail(ErrorCode::kInvalidInput, "query parameter school_id is required",
                {{"school_id", "is required", "", {}}});
  const PlanReach reach = PlanReachOf(ctx);
  if (!reach.whole_trust && !reach.schools.contains(*school)) TRY(NotInScope());

  auto& store = ctx.services.store;
  const Date today = ctx.services.clock.Today();
  auto report = TRY(reports::ReadLocalGoverningBodyReport(store, *ctx.trust, *school, today));
  if (!report) TRY(NotInScope());
  if (!reach.whole_trust) {
    std::unordered_map<PostId, org::Post> posts;
    auto key_posts = TRY(store.ListPosts(
        {.trust = *ctx.trust, .key = true, .today = today, .page = {.limit = kAll}}));
    for (auto& p : key_posts.items) posts.emplace(p.id, std::move(p));
    for (KeyPostReport& line : report->posts) {
      auto it = posts.find(line.post);
      if (it == posts.end() || !reach.Covers(it->second)) succession::WithholdDetails(line);
    }
  }
  return Answer(ctx, *report, format);
}

}  // namespace

std::vector<Route> ReportRoutes() {
  const std::string r = "/api/v1/trusts/{trust_id}/reports";
  return {
      {"GET", r + "/board", Permission::kSuccession,
       "The Board's report: succession of every key trust role (confidential)", Board},
      {"GET", r + "/pay-and-personnel", Permission::kSuccession,
       "The Pay and Personnel Committee's report: each school's implementation of the policy",
       PayAndPersonnel},
      {"GET", r + "/local-governing-body", Permission::kReadSuccession,
       "A Local Governing Body's report on its school (?school_id=)", LocalGoverningBody},
  };
}

}  // namespace trellis::http
