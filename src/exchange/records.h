#pragma once
// What the importers and exporters share about stored records: reading all of a trust's
// records of one kind at once, comparing records field by field, and naming competencies by
// the codes a file gives them.

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/result.h"
#include "org/model.h"
#include "store/store.h"
#include "succession/plan.h"
#include "talent/model.h"
#include "talent/review.h"

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
[[nodiscard]] Result<std::vector<talent::RoleProfile>> AllRoleProfiles(store::Store& store,
                                                                       TrustId trust);
[[nodiscard]] Result<std::vector<talent::Assessment>> AllAssessments(store::Store& store,
                                                                     TrustId trust);
// Of every cycle when `cycle` is empty.
[[nodiscard]] Result<std::vector<talent::Rating>> AllRatings(store::Store& store, TrustId trust,
                                                             std::optional<ReviewCycleId> cycle);

// True when every field but the id is the same: an import that would store `b` over `a`
// changes nothing.
bool SameRecord(const org::School& a, const org::School& b);
bool SameRecord(const org::Body& a, const org::Body& b);
bool SameRecord(const org::Person& a, const org::Person& b);
bool SameRecord(const org::Post& a, const org::Post& b);
bool SameRecord(const org::Holding& a, const org::Holding& b);
bool SameRecord(const org::Membership& a, const org::Membership& b);
bool SameRecord(const org::LineLink& a, const org::LineLink& b);
// Requirements compared in order (the order a profile lists them in is kept).
bool SameRecord(const talent::RoleProfile& a, const talent::RoleProfile& b);
bool SameRecord(const talent::Assessment& a, const talent::Assessment& b);
// When it was proposed aside.
bool SameRecord(const talent::Rating& a, const talent::Rating& b);
bool SameRecord(const succession::LossRisk& a, const succession::LossRisk& b);
bool SameRecord(const succession::SuccessionPlan& a, const succession::SuccessionPlan& b);

// Hash maps keyed by std::string that can be searched with a std::string_view.
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view text) const noexcept {
    return std::hash<std::string_view>{}(text);
  }
};
template <typename V>
using StringMap = std::unordered_map<std::string, V, StringHash, std::equal_to<>>;

// The competencies a trust sees (the frameworks shipped with trellis and its own), found by the
// codes a file names them with (framework code, its version when the trust sees several, and
// the competency's code, each ignoring case), and named by them for an export.
class CompetencyCatalogue {
 public:
  [[nodiscard]] static Result<CompetencyCatalogue> Load(store::Store& store, TrustId trust);

  // The framework a file names by its code and version, or why none.
  struct FrameworkMatch {
    const talent::FrameworkContent* framework = nullptr;  // nullptr: none
    bool version_at_fault = false;  // for none: the version's fault, not the code's
    std::string reason;             // for none: why
  };
  // The framework of `code` (any case) and `version` (blank: the only version the trust
  // sees); none when the trust has no framework of the code, none of the version, or, for a
  // blank version, several.
  FrameworkMatch FindFramework(std::string_view code, std::string_view version) const;
  // The competency of `code` (any case) in `framework`, if any.
  std::optional<CompetencyId> FindCompetency(const talent::FrameworkContent& framework,
                                             std::string_view code) const;

  struct Codes {
    std::string framework, version, competency;
  };
  // The codes that name a competency in a file; nullopt for one the trust does not see.
  std::optional<Codes> CodesOf(CompetencyId competency) const;

 private:
  std::vector<talent::FrameworkContent> frameworks_;
  std::unordered_map<CompetencyId, Codes> codes_;
};

}  // namespace trellis::exchange
