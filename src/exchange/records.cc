#include "exchange/records.h"

#include <tuple>

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

}  // namespace trellis::exchange
