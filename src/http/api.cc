#include "http/api.h"

namespace trellis::http {

Response Response::Json(const nlohmann::json& value, int status) {
  Response r;
  r.status = status;
  // Clients' text can reach a response (a value quoted back in a problem); bytes that are not
  // UTF-8 become U+FFFD rather than an exception.
  r.body = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

Result<void> RecordRead(Context& ctx, access::AuditEntry entry) {
  TRY(ctx.services.store.Append(entry));
  ctx.reads.push_back(std::move(entry));
  return Ok();
}

Response Response::NoContent() {
  Response r;
  r.status = 204;
  r.content_type.clear();
  return r;
}

int StatusOf(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidInput: return 400;
    case ErrorCode::kUnauthenticated: return 401;
    case ErrorCode::kForbidden: return 403;
    case ErrorCode::kNotFound: return 404;
    case ErrorCode::kMethodNotAllowed: return 405;
    case ErrorCode::kConflict: return 409;
    case ErrorCode::kTooLarge: return 413;
    case ErrorCode::kValidationFailed: return 422;
    case ErrorCode::kRateLimited: return 429;
    case ErrorCode::kUnavailable: return 503;
    case ErrorCode::kInternal: return 500;
  }
  return 500;
}

nlohmann::json ErrorJson(const Error& error) {
  nlohmann::json details = nlohmann::json::array();
  for (const auto& p : error.details) {
    nlohmann::json d = {{"field", p.field}, {"reason", p.reason}};
    if (!p.value.empty()) d["value"] = p.value;
    if (p.row) d["row"] = *p.row;
    details.push_back(std::move(d));
  }
  return {{"error",
           {{"code", CodeName(error.code)}, {"message", error.message}, {"details", details}}}};
}

}  // namespace trellis::http

#include "http/routes.h"

namespace trellis::http {

const std::vector<Route>& Routes() {
  static const std::vector<Route> kRoutes = [] {
    std::vector<Route> all;
    for (auto group : {SystemRoutes(), OrgRoutes(), AccessRoutes(), ExchangeRoutes(), TalentRoutes(), ReviewRoutes(),
                       SuccessionRoutes(), DevelopmentRoutes(), PipelineRoutes(), ReportRoutes(),
                       SsoRoutes(), PrivacyRoutes()})
      for (auto& route : group) all.push_back(std::move(route));
    return all;
  }();
  return kRoutes;
}

}  // namespace trellis::http
