#include "http/fixture.h"

#include <cstdlib>
#include <random>
#include <stdexcept>

#include "store/postgresql/test_database.h"

namespace trellis::testing {

std::string Reply::Header(const std::string& name) const {
  for (const auto& [k, v] : headers)
    if (k == name) return v;
  return {};
}

Instance::Instance() {
  std::random_device rd;
  dir_ = std::filesystem::temp_directory_path() / ("trellis-http-" + std::to_string(rd()));
  std::filesystem::create_directories(dir_);
  Config config;
  config.store = "sqlite:" + (dir_ / "trellis.db").string();
  // The same suite on PostgreSQL (tests/CMakeLists.txt registers it twice): a fresh database
  // on the cluster the state file names.
  if (const char* state = std::getenv("TRELLIS_TEST_HTTP_PG_STATE"); state != nullptr && *state) {
    auto server = store::postgresql::TestServer::FromStateFile(state);
    if (!server) throw std::runtime_error(server.error().message);
    auto database = store::postgresql::TestDatabase::Create(*server);
    if (!database) throw std::runtime_error(database.error().message);
    pg_database_ = std::move(*database);
    config.store = pg_database_->url();
  }
  config.web_root = "";
  auto opened = app::App::Open(config);
  if (!opened) throw std::runtime_error(opened.error().message);
  app_ = std::move(*opened);
  auto demo = demo::CreateDemoTrust(app_->store(), {.today = app_->clock().Today(), .now = app_->clock().Now()});
  if (!demo) throw std::runtime_error(demo.error().message);
  demo_ = *demo;

  // A second trust with one of everything, to prove isolation.
  const org::Actor actor{.user = {}, .name = "test", .remote = {}};
  auto& org = app_->org();
  auto trust = org.Create(org::Trust{.id = {}, .name = "Other Trust", .reference = "TR99999", .created_at = {}}, actor);
  if (!trust) throw std::runtime_error(trust.error().message);
  other_trust_ = trust->id;
  auto check = [](auto result) {
    if (!result) throw std::runtime_error(result.error().message);
    return *result;
  };
  auto school = check(org.Create(other_trust_, org::School{.urn = 123456, .name = "Other School", .postcode = "M1 1AE"}, actor));
  auto lgb = check(org.Create(other_trust_, org::Body{.kind = org::BodyKind::kLocalGoverningBody, .name = "Other LGB", .school = school.id}, actor));
  auto head = check(org.Create(other_trust_, org::Person{.reference = "X1", .given_name = "Olive", .family_name = "Other", .email = "head@other.example"}, actor));
  auto teacher = check(org.Create(other_trust_, org::Person{.reference = "X2", .given_name = "Tom", .family_name = "Other"}, actor));
  auto post = check(org.Create(other_trust_, org::Post{.reference = "XP1", .title = "Headteacher", .school = school.id, .family = org::RoleFamily::kLeadership, .key = true}, actor));
  check(org.Create(other_trust_, org::Holding{.post = post.id, .person = head.id, .start = *Date::Parse("2020-09-01")}, actor));
  check(org.Create(other_trust_, org::Membership{.body = lgb.id, .person = head.id, .term_start = *Date::Parse("2020-09-01")}, actor));
  check(org.Create(other_trust_, org::LineLink{.manager = head.id, .report = teacher.id, .start = *Date::Parse("2020-09-01")}, actor));
  // Its own competency framework, a role profile and an assessment, so that every talent
  // route has a record of another trust to be refused.
  auto framework = check(app_->talent().Create(
      other_trust_,
      talent::FrameworkContent{
          .framework = {.code = "other-values", .name = "Other values", .version = "1"},
          .areas = {{.name = "Values", .position = 1}},
          .competencies = {{.area = AreaId(1), .code = "OV-1", .name = "Kindness", .position = 1}}},
      actor));
  const CompetencyId kindness = framework.competencies.at(0).id;
  check(app_->talent().Create(other_trust_, talent::RoleProfile{.post = post.id, .requirements = {{.competency = kindness, .level = 3}}}, actor));
  check(app_->talent().Create(other_trust_, talent::Assessment{.person = teacher.id, .competency = kindness, .level = 2, .assessor = head.id, .assessor_name = "Olive Other", .assessed_on = *Date::Parse("2024-01-10")}, actor));
  // A talent review being calibrated, with a rating and a meeting, for the review routes.
  auto& review = app_->review();
  auto cycle = check(review.Open(other_trust_, talent::ReviewCycle{.year = 2025, .name = "Other review 2025/26"}, actor));
  check(review.Propose(other_trust_, cycle.id,
                       {.person = teacher.id, .rater = head.id, .box = {2, 2}, .rationale = "Steady year."},
                       talent::ProposerRole::kLineManager, actor));
  check(review.StartCalibration(other_trust_, cycle.id, actor));
  check(review.RecordMeeting(other_trust_, talent::CalibrationMeeting{.cycle = cycle.id, .level = talent::MeetingLevel::kSchool, .school = school.id, .held_on = app_->clock().Today()}, actor));
  // A succession plan naming a successor, a risk of loss and a development action against
  // the gap, for the succession and development routes.
  auto& plans = app_->plans();
  auto plan = check(plans.CreatePlan(other_trust_, succession::SuccessionPlan{.post = post.id, .impact = succession::ImpactOfLoss::kHigh}, actor));
  check(plans.AddCandidate(other_trust_, plan.id, succession::PlanCandidate{.person = teacher.id}, std::nullopt, actor));
  check(plans.SetRisk(other_trust_, succession::LossRisk{.person = head.id, .risk = succession::RiskOfLoss::kHigh}, actor));
  check(app_->actions().Raise(other_trust_, development::DevelopmentAction{.person = teacher.id, .kind = development::ActionKind::kMentoring, .title = "Mentoring in kindness", .source = development::ActionSource::kSuccessionGap, .gap = kindness, .plan = plan.id, .owner = head.id}, actor));
  check(app_->users().Add({.trust = other_trust_, .email = kOtherAdmin, .display_name = "Other admin",
                           .role = access::Role::kTrustAdmin, .password = kPassword}, actor));
  server_ = std::make_unique<http::Server>(app_->services());
}

Instance::~Instance() {
  server_.reset();
  app_.reset();
  pg_database_.reset();
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

Reply Instance::Send(const std::string& method, const std::string& target, const Browser* as,
                     const std::string& body, bool with_csrf, const std::string& content_type) {
  http::Server::Request request{.method = method, .body = body,
                                .content_type = content_type, .remote = "127.0.0.1"};
  const auto q = target.find('?');
  request.path = target.substr(0, q);
  if (q != std::string::npos) {
    std::string rest = target.substr(q + 1);
    size_t pos = 0;
    while (pos <= rest.size()) {
      size_t amp = rest.find('&', pos);
      if (amp == std::string::npos) amp = rest.size();
      std::string pair = rest.substr(pos, amp - pos);
      const auto eq = pair.find('=');
      if (!pair.empty()) request.query.emplace(pair.substr(0, eq), eq == std::string::npos ? "" : pair.substr(eq + 1));
      pos = amp + 1;
    }
  }
  if (as) {
    request.cookie = as->cookie;
    if (with_csrf) request.csrf_token = as->csrf;
  }
  auto response = server_->Handle(request);
  Reply reply{.status = response.status, .json = nullptr, .body = response.body, .headers = response.headers};
  if (response.content_type.rfind("application/json", 0) == 0)
    reply.json = nlohmann::json::parse(response.body, nullptr, false);
  return reply;
}

Browser Instance::SignIn(const std::string& email, const std::string& password) {
  auto reply = Send("POST", "/api/v1/session", nullptr,
                    nlohmann::json{{"email", email}, {"password", password}}.dump());
  if (reply.status != 200) throw std::runtime_error("sign-in failed for " + email + ": " + reply.body);
  std::string cookie = reply.Header("Set-Cookie");
  cookie = cookie.substr(0, cookie.find(';'));
  return {cookie, reply.json["csrf_token"], reply.json["user"]};
}

std::map<std::string, int64_t> Instance::SampleIds(TrustId trust) {
  auto& store = app_->store();
  std::map<std::string, int64_t> ids;
  const Date today = app_->clock().Today();
  ids["trust_id"] = trust.value();
  ids["school_id"] = store.ListSchools({.trust = trust, .page = {.limit = 1}})->items.at(0).id.value();
  ids["body_id"] = store.ListBodies({.trust = trust, .page = {.limit = 1}})->items.at(0).id.value();
  ids["person_id"] = store.ListPeople({.trust = trust, .today = today, .page = {.limit = 1}})->items.at(0).id.value();
  ids["post_id"] = store.ListPosts({.trust = trust, .today = today, .page = {.limit = 1}})->items.at(0).id.value();
  ids["holding_id"] = store.ListHoldings({.trust = trust, .page = {.limit = 1}})->items.at(0).id.value();
  ids["membership_id"] = store.ListMemberships({.trust = trust, .page = {.limit = 1}})->items.at(0).id.value();
  ids["link_id"] = store.ListLineLinks({.trust = trust, .page = {.limit = 1}})->items.at(0).id.value();
  ids["user_id"] = store.ListUsers(trust, {.limit = 1})->items.at(0).id.value();
  // The trust's own framework when it has one (a shipped one is visible to every trust).
  const auto frameworks = store.ListFrameworks(trust).value();
  ids["framework_id"] = frameworks.back().id.value();
  ids["profile_id"] = store.ListRoleProfiles({.trust = trust, .page = {.limit = 1}})->items.at(0).id.value();
  ids["assessment_id"] = store.ListAssessments({.trust = trust, .page = {.limit = 1}})->items.at(0).id.value();
  // The newest review cycle with ratings and meetings (tests that share the instance open
  // cycles of their own), one of its ratings and one of its meetings.
  const auto cycles = store.ListReviewCycles(trust).value();
  for (const auto& cycle : cycles) {
    const auto ratings = store.ListRatings({.trust = trust, .cycle = cycle.id, .page = {.limit = 1}}).value();
    const auto meetings = store.ListCalibrationMeetings(trust, cycle.id).value();
    if (ratings.items.empty() || meetings.empty()) continue;
    ids["cycle_id"] = cycle.id.value();
    ids["rating_id"] = ratings.items.front().id.value();
    ids["meeting_id"] = meetings.front().id.value();
    break;
  }
  if (!ids.contains("cycle_id"))
    throw std::runtime_error("no review cycle of the trust has ratings and meetings");
  // A named successor and their plan, and a development action.
  const auto candidate = store.ListPlanCandidates({.trust = trust, .page = {.limit = 1}})->items.at(0);
  ids["candidate_id"] = candidate.id.value();
  ids["plan_id"] = candidate.plan.value();
  ids["action_id"] = store.ListDevelopmentActions({.trust = trust, .page = {.limit = 1}})->items.at(0).id.value();
  return ids;
}

Instance& Shared() {
  static Instance instance;
  return instance;
}

}  // namespace trellis::testing
