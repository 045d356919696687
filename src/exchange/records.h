#pragma once
// What the importers and exporters share about stored records: reading all of a trust's
// records of one kind at once, and comparing records field by field.

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/result.h"
#include "org/model.h"
#include "store/store.h"

namespace trellis::exchange {

// Every record of the trust, each kind in one listing (a loop of pages only if the store caps
// the page size), so an import looks records up in memory rather than once per row.
[[nodiscard]] Result<std::vector<org::School>> AllSchools(store::Store& store, TrustId trust);
[[nodiscard]] Result<std::vector<org::Body>> AllBodies(store::Store& store, TrustId trust);
// Leavers included.
[[nodiscard]] Result<std::vector<org::Person>> AllPeople(store::Store& store, TrustId trust,
                                                         Date today);
[[nodiscard]] Result<std::vector<org::Post>> AllPosts(store::Store& store, TrustId trust,
                                                      Date today);
[[nodiscard]] Result<std::vector<org::Holding>> AllHoldings(store::Store& store, TrustId trust);
[[nodiscard]] Result<std::vector<org::Membership>> AllMemberships(store::Store& store,
                                                                  TrustId trust);
[[nodiscard]] Result<std::vector<org::LineLink>> AllLineLinks(store::Store& store, TrustId trust);

// True when every field but the id is the same: an import that would store `b` over `a`
// changes nothing.
bool SameRecord(const org::School& a, const org::School& b);
bool SameRecord(const org::Body& a, const org::Body& b);
bool SameRecord(const org::Person& a, const org::Person& b);
bool SameRecord(const org::Post& a, const org::Post& b);
bool SameRecord(const org::Holding& a, const org::Holding& b);
bool SameRecord(const org::Membership& a, const org::Membership& b);
bool SameRecord(const org::LineLink& a, const org::LineLink& b);

// Hash maps keyed by std::string that can be searched with a std::string_view.
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view text) const noexcept {
    return std::hash<std::string_view>{}(text);
  }
};
template <typename V>
using StringMap = std::unordered_map<std::string, V, StringHash, std::equal_to<>>;

}  // namespace trellis::exchange
