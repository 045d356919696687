#pragma once
// The route groups; api.cc's Routes() joins them into the one table.

#include <vector>

#include "http/api.h"

namespace trellis::http {

std::vector<Route> SystemRoutes();    // health, readiness, OpenAPI, session, reference data
std::vector<Route> OrgRoutes();       // trusts, schools, bodies, people, posts, ...
std::vector<Route> AccessRoutes();    // users and the audit log
std::vector<Route> ExchangeRoutes();    // imports and exports
std::vector<Route> SuccessionRoutes();  // rankings, succession plans, risk of loss, settings
std::vector<Route> DevelopmentRoutes(); // development actions
std::vector<Route> TalentRoutes();    // competency frameworks, role profiles, assessments
std::vector<Route> ReviewRoutes();    // the talent review (9-box): cycles, ratings, calibration
std::vector<Route> PipelineRoutes();  // the succession pipeline dashboard, trend, simulations
std::vector<Route> ReportRoutes();    // the Board's, P&P Committee's and LGBs' reports
std::vector<Route> SsoRoutes();       // single sign-on with OpenID Connect
std::vector<Route> PrivacyRoutes();   // UK GDPR: subject-access export, erasure, retention

}  // namespace trellis::http
