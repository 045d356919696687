#pragma once
// What the exporters share (module-internal; exchange.h is the public surface): the sink of
// a file's rows, naming stored records by the keys a file uses, and the rows of each kind
// split by domain (export.cc: the organisation; export_talent.cc; export_succession.cc).

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/enum_names.h"
#include "exchange/exchange.h"
#include "exchange/records.h"

namespace trellis::exchange {

// Receives the cells of each data row, in the order of ColumnsOf(kind).
using RowSink = std::function<void(std::span<const std::string>)>;

template <typename Tag>
std::string Lookup(const std::unordered_map<Id<Tag>, std::string>& names,
                   const std::optional<Id<Tag>>& id) {
  if (!id) return {};
  const auto it = names.find(*id);
  return it == names.end() ? std::string() : it->second;
}

template <typename Tag>
std::string Lookup(const std::unordered_map<Id<Tag>, std::string>& names, Id<Tag> id) {
  return Lookup(names, std::optional(id));
}

template <typename E>
std::string CodeOrBlank(const std::optional<E>& value) {
  return value ? std::string(Code(*value)) : std::string();
}

// Staff references by person (leavers included), and post references by post.
[[nodiscard]] Result<std::unordered_map<PersonId, std::string>> PersonReferences(
    store::Store& store, TrustId trust, Date today);
[[nodiscard]] Result<std::unordered_map<PostId, std::string>> PostReferences(store::Store& store,
                                                                             TrustId trust,
                                                                             Date today);

// Rows sorted by their cells as text: by their first column first.
void SortRows(std::vector<std::vector<std::string>>& rows);

[[nodiscard]] Result<void> EmitRoleProfiles(store::Store& store, TrustId trust, Date today,
                                            const RowSink& sink);
[[nodiscard]] Result<void> EmitAssessments(store::Store& store, TrustId trust, Date today,
                                           const RowSink& sink);
// One cycle's: `year`, or the trust's newest cycle.
[[nodiscard]] Result<void> EmitRatings(store::Store& store, TrustId trust, Date today,
                                       std::optional<int> year, const RowSink& sink);
[[nodiscard]] Result<void> EmitRisks(store::Store& store, TrustId trust, Date today,
                                     const RowSink& sink);
[[nodiscard]] Result<void> EmitKeyPosts(store::Store& store, TrustId trust, Date today,
                                        const RowSink& sink);
[[nodiscard]] Result<void> EmitSuccessors(store::Store& store, TrustId trust, Date today,
                                          const RowSink& sink);

}  // namespace trellis::exchange
