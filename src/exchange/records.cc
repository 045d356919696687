#include "exchange/records.h"

#include <algorithm>
#include <tuple>

#include "exchange/cells.h"

namespace trellis::exchange {
namespace {

// Asks for everything in one page; pages on only if the store returned fewer than it said.
template <typename Filter, typename ListFn>
auto ListAll(Filter filter, ListFn list) -> Result<decltype(list(filter)->items)> {
  filter.page = store::kEveryRow;
  auto first = TRY(list(filter));
  auto items = std::move(first.items);
  while (static_cast<int64_t>(items.size()) < first.total) {
    filter.page.offset = static_cast<int64_t>(items.size());
    auto next = TRY(list(filter));
    if (next.items.empty()) break;
    items.insert(items.end(), std::make_move_iterator(next.items.begin()),
                 std::make_move_iterator(next.items.end()));
  }
  return items;
}

}  // namespace

Result<std::vector<org::School>> AllSchools(store::Store& store, TrustId trust) {
  return ListAll(store::SchoolFilter{.trust = trust},
                 [&](const store::SchoolFilter& f) { return store.ListSchools(f); });
}

Result<std::vector<org::Body>> AllBodies(store::Store& store, TrustId trust) {
  return ListAll(store::BodyFilter{.trust = trust},
                 [&](const store::BodyFilter& f) { return store.ListBodies(f); });
}

Result<std::vector<org::Person>> AllPeople(store::Store& store, TrustId trust, Date today) {
  return ListAll(store::PersonFilter{.trust = trust, .include_leavers = true, .today = today},
                 [&](const store::PersonFilter& f) { return store.ListPeople(f); });
}

Result<std::vector<org::Post>> AllPosts(store::Store& store, TrustId trust, Date today) {
  return ListAll(store::PostFilter{.trust = trust, .today = today},
                 [&](const store::PostFilter& f) { return store.ListPosts(f); });
}

Result<std::vector<org::Holding>> AllHoldings(store::Store& store, TrustId trust) {
  return ListAll(store::HoldingFilter{.trust = trust},
                 [&](const store::HoldingFilter& f) { return store.ListHoldings(f); });
}

Result<std::vector<org::Membership>> AllMemberships(store::Store& store, TrustId trust) {
  return ListAll(store::MembershipFilter{.trust = trust},
                 [&](const store::MembershipFilter& f) { return store.ListMemberships(f); });
}

Result<std::vector<org::LineLink>> AllLineLinks(store::Store& store, TrustId trust) {
  return ListAll(store::LineLinkFilter{.trust = trust},
                 [&](const store::LineLinkFilter& f) { return store.ListLineLinks(f); });
}

Result<std::vector<talent::RoleProfile>> AllRoleProfiles(store::Store& store, TrustId trust) {
  return ListAll(store::RoleProfileFilter{.trust = trust},
                 [&](const store::RoleProfileFilter& f) { return store.ListRoleProfiles(f); });
}

Result<std::vector<talent::Assessment>> AllAssessments(store::Store& store, TrustId trust) {
  return ListAll(store::AssessmentFilter{.trust = trust},
                 [&](const store::AssessmentFilter& f) { return store.ListAssessments(f); });
}

Result<std::vector<talent::Rating>> AllRatings(store::Store& store, TrustId trust,
                                               std::optional<ReviewCycleId> cycle) {
  return ListAll(store::RatingFilter{.trust = trust, .cycle = cycle},
                 [&](const store::RatingFilter& f) { return store.ListRatings(f); });
}

bool SameRecord(const org::School& a, const org::School& b) {
  return std::tie(a.trust, a.urn, a.name, a.phase, a.type, a.status, a.local_authority, a.region,
                  a.pupils, a.postcode, a.easting, a.northing) ==
         std::tie(b.trust, b.urn, b.name, b.phase, b.type, b.status, b.local_authority, b.region,
                  b.pupils, b.postcode, b.easting, b.northing);
}

bool SameRecord(const org::Body& a, const org::Body& b) {
  return std::tie(a.trust, a.kind, a.name, a.school, a.parent) ==
         std::tie(b.trust, b.kind, b.name, b.school, b.parent);
}

bool SameRecord(const org::Person& a, const org::Person& b) {
  return std::tie(a.trust, a.reference, a.given_name, a.family_name, a.email, a.stage,
                  a.joined_trust, a.left_trust) == std::tie(b.trust, b.reference, b.given_name,
                                                            b.family_name, b.email, b.stage,
                                                            b.joined_trust, b.left_trust);
}

bool SameRecord(const org::Post& a, const org::Post& b) {
  return std::tie(a.trust, a.reference, a.title, a.school, a.body, a.family, a.stage,
                  a.workforce_census_role, a.fte,
                  a.key) == std::tie(b.trust, b.reference, b.title, b.school, b.body, b.family,
                                     b.stage, b.workforce_census_role, b.fte, b.key);
}

bool SameRecord(const org::Holding& a, const org::Holding& b) {
  return std::tie(a.trust, a.post, a.person, a.start, a.end, a.contract, a.fte) ==
         std::tie(b.trust, b.post, b.person, b.start, b.end, b.contract, b.fte);
}

bool SameRecord(const org::Membership& a, const org::Membership& b) {
  return std::tie(a.trust, a.body, a.person, a.role, a.term_start, a.term_end) ==
         std::tie(b.trust, b.body, b.person, b.role, b.term_start, b.term_end);
}

bool SameRecord(const org::LineLink& a, const org::LineLink& b) {
  return std::tie(a.trust, a.manager, a.report, a.start, a.end) ==
         std::tie(b.trust, b.manager, b.report, b.start, b.end);
}

bool SameRecord(const talent::RoleProfile& a, const talent::RoleProfile& b) {
  auto same = [](const talent::Requirement& x, const talent::Requirement& y) {
    return std::tie(x.competency, x.level, x.weight) == std::tie(y.competency, y.level, y.weight);
  };
  return std::tie(a.trust, a.post, a.stage, a.name) == std::tie(b.trust, b.post, b.stage, b.name) &&
         std::equal(a.requirements.begin(), a.requirements.end(), b.requirements.begin(),
                    b.requirements.end(), same);
}

bool SameRecord(const talent::Assessment& a, const talent::Assessment& b) {
  return std::tie(a.trust, a.person, a.competency, a.level, a.assessor, a.assessor_name,
                  a.assessed_on, a.evidence) == std::tie(b.trust, b.person, b.competency, b.level,
                                                         b.assessor, b.assessor_name, b.assessed_on,
                                                         b.evidence);
}

bool SameRecord(const talent::Rating& a, const talent::Rating& b) {
  return std::tie(a.trust, a.cycle, a.person, a.rater, a.proposal, a.rationale, a.evidence,
                  a.calibrated, a.final) == std::tie(b.trust, b.cycle, b.person, b.rater,
                                                     b.proposal, b.rationale, b.evidence,
                                                     b.calibrated, b.final);
}

bool SameRecord(const succession::LossRisk& a, const succession::LossRisk& b) {
  return std::tie(a.trust, a.person, a.risk, a.window, a.note, a.assessed_on) ==
         std::tie(b.trust, b.person, b.risk, b.window, b.note, b.assessed_on);
}

bool SameRecord(const succession::SuccessionPlan& a, const succession::SuccessionPlan& b) {
  return std::tie(a.trust, a.post, a.impact, a.consider_external, a.review_on, a.notes) ==
         std::tie(b.trust, b.post, b.impact, b.consider_external, b.review_on, b.notes);
}

// ---------------------------------------------------------------------- competencies by code

Result<CompetencyCatalogue> CompetencyCatalogue::Load(store::Store& store, TrustId trust) {
  CompetencyCatalogue catalogue;
  for (const talent::Framework& f : TRY(store.ListFrameworks(trust))) {
    auto content = TRY(store.GetFrameworkContent(trust, f.id));
    for (const talent::Competency& c : content.competencies)
      catalogue.codes_.emplace(c.id, Codes{f.code, f.version, c.code});
    catalogue.frameworks_.push_back(std::move(content));
  }
  return catalogue;
}

CompetencyCatalogue::FrameworkMatch CompetencyCatalogue::FindFramework(
    std::string_view code, std::string_view version) const {
  std::vector<const talent::FrameworkContent*> versions;
  for (const auto& f : frameworks_)
    if (EqualsIgnoringCase(f.framework.code, code)) versions.push_back(&f);
  auto listed = [&]() {
    std::string out;
    for (const auto* f : versions) out += (out.empty() ? "" : ", ") + f->framework.version;
    return out;
  };
  if (versions.empty()) {
    std::string codes;
    for (const auto& f : frameworks_)
      if (codes.find(f.framework.code) == std::string::npos)
        codes += (codes.empty() ? "" : ", ") + f.framework.code;
    return {.reason =
                "no competency framework of the trust has this code (the trust's: " + codes + ")"};
  }
  if (version.empty()) {
    if (versions.size() == 1) return {.framework = versions.front()};
    return {.reason = "the trust has several versions of this framework (" + listed() +
                      "): give framework_version"};
  }
  for (const auto* f : versions)
    if (EqualsIgnoringCase(f->framework.version, version)) return {.framework = f};
  return {.version_at_fault = true,
          .reason = "the framework has no version " + std::string(version) + " (it has " +
                    listed() + ")"};
}

std::optional<CompetencyId> CompetencyCatalogue::FindCompetency(
    const talent::FrameworkContent& framework, std::string_view code) const {
  for (const auto& c : framework.competencies)
    if (EqualsIgnoringCase(c.code, code)) return c.id;
  return std::nullopt;
}

std::optional<CompetencyCatalogue::Codes> CompetencyCatalogue::CodesOf(
    CompetencyId competency) const {
  const auto it = codes_.find(competency);
  if (it == codes_.end()) return std::nullopt;
  return it->second;
}

}  // namespace trellis::exchange
