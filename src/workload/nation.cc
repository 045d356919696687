#include "workload/nation.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>
#include <map>
#include <unordered_map>

#include "exchange/cells.h"

namespace trellis::workload {
namespace {

// The name in lower case with every run of other characters as one space, and a space at
// each end, so that " word " finds whole words and phrases.
std::string Words(std::string_view name) {
  std::string out = " ";
  for (char c : name) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte)) {
      out += static_cast<char>(std::tolower(byte));
    } else if (out.back() != ' ') {
      out += ' ';
    }
  }
  if (out.back() != ' ') out += ' ';
  return out;
}

bool HasAny(const std::string& words, std::initializer_list<std::string_view> phrases) {
  for (std::string_view phrase : phrases) {
    std::string needle = " ";
    needle += phrase;
    needle += ' ';
    if (words.find(needle) != std::string::npos) return true;
  }
  return false;
}

constexpr int64_t kTrustSizeWanted = 10;

// SplitMix64's finaliser: FNV-1a leaves the high bits of short keys with a common prefix
// alike ("LA-…" would all sort together), and an order by hash compares high bits first.
uint64_t Scatter(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

}  // namespace

Phase PhaseFromName(std::string_view name) {
  const std::string w = Words(name);
  if (HasAny(w, {"special", "pupil referral", "referral unit", "pru", "hospital school",
                 "alternative provision", "short stay"}))
    return Phase::kSpecial;
  const bool infant = HasAny(w, {"infant", "infants"});
  const bool junior = HasAny(w, {"junior"});
  if (infant && junior) return Phase::kPrimary;
  if (infant) return Phase::kInfant;
  if (junior) return Phase::kJunior;
  if (HasAny(w, {"first school", "first and middle"})) return Phase::kFirst;
  if (HasAny(w, {"middle"})) return Phase::kMiddle;
  if (HasAny(w, {"primary", "prep", "preparatory"})) return Phase::kPrimary;
  if (HasAny(w, {"nursery", "children s centre", "childrens centre", "early years", "kindergarten",
                 "pre school", "preschool", "montessori"}))
    return Phase::kNursery;
  if (HasAny(w, {"sixth form", "6th form", "16 19"})) return Phase::kSixthForm;
  if (HasAny(w, {"all through"})) return Phase::kAllThrough;
  if (HasAny(w, {"secondary", "high", "grammar", "upper", "comprehensive", "academy", "college",
                 "utc", "university technical", "studio school"}))
    return Phase::kSecondary;
  return Phase::kUnknown;
}

std::string_view GiasPhase(Phase phase) {
  switch (phase) {
    case Phase::kNursery:
      return "Nursery";
    case Phase::kInfant:
    case Phase::kJunior:
    case Phase::kFirst:
    case Phase::kPrimary:
      return "Primary";
    case Phase::kMiddle:
      return "Middle deemed secondary";
    case Phase::kSecondary:
      return "Secondary";
    case Phase::kAllThrough:
      return "All-through";
    case Phase::kSixthForm:
      return "16 plus";
    case Phase::kSpecial:
      return "Not applicable";
    case Phase::kUnknown:
      return "";
  }
  return "";
}

std::string PostcodeArea(std::string_view postcode) {
  postcode = exchange::Trim(postcode);
  std::string area;
  for (char c : postcode) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalpha(byte) && area.size() < 2) {
      area += static_cast<char>(std::toupper(byte));
    } else if (std::isdigit(byte) && !area.empty()) {
      return area;
    } else {
      return {};
    }
  }
  return {};
}

uint64_t Fnv1a(std::string_view text) {
  uint64_t hash = 0xcbf29ce484222325ULL;
  for (char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

Nation BuildNation(const Gias& gias) {
  std::unordered_map<int64_t, const TrustLink*> link_of;
  for (const auto& link : gias.links) link_of.emplace(link.urn, &link);

  std::map<std::string, Group> trusts;                 // by reference
  std::map<std::string, std::vector<School>> by_area;  // local authorities' schools
  Nation nation;
  for (const auto& e : gias.establishments) {
    if (!e.OpenOn(kAsOf)) continue;
    School school{.urn = e.urn,
                  .name = e.name,
                  .town = e.town,
                  .postcode = e.postcode,
                  .type = {},
                  .phase = PhaseFromName(e.name)};
    if (const auto found = link_of.find(e.urn); found != link_of.end()) {
      const TrustLink& link = *found->second;
      school.type = link.school_type;
      auto [it, created] = trusts.try_emplace(link.trust_reference);
      if (created) {
        it->second.reference = link.trust_reference;
        it->second.name = link.trust_name;
        it->second.kind =
            link.multi_academy ? GroupKind::kMultiAcademyTrust : GroupKind::kSingleAcademyTrust;
      }
      it->second.schools.push_back(std::move(school));
      continue;
    }
    const std::string area = PostcodeArea(e.postcode);
    if (area.empty()) {
      ++nation.schools_left_out;
      continue;
    }
    by_area[area].push_back(std::move(school));
  }

  for (auto& [reference, trust] : trusts) nation.groups.push_back(std::move(trust));
  for (auto& [area, schools] : by_area) {
    // Named after the town most of its schools are in (the first such town alphabetically).
    std::map<std::string, int> towns;
    for (const auto& s : schools)
      if (!s.town.empty()) ++towns[s.town];
    std::string town = area;
    int most = 0;
    for (const auto& [name, count] : towns)
      if (count > most) {
        town = name;
        most = count;
      }
    nation.groups.push_back({.reference = "LA-" + area,
                             .name = town + " area schools",
                             .kind = GroupKind::kLocalAuthority,
                             .schools = std::move(schools)});
  }
  for (auto& group : nation.groups)
    std::sort(group.schools.begin(), group.schools.end(),
              [](const School& a, const School& b) { return a.urn < b.urn; });
  return nation;
}

Result<Size> ParseSize(std::string_view text) {
  if (text == "trust") return Size{.kind = Size::Kind::kTrust};
  if (text == "national") return Size{.kind = Size::Kind::kNational};
  constexpr std::string_view kSchools = "schools:";
  if (text.starts_with(kSchools)) {
    const auto n = exchange::ParseWholeNumber(text.substr(kSchools.size()));
    if (n && *n >= 1) return Size{.kind = Size::Kind::kSchools, .schools = *n};
  }
  return Fail(ErrorCode::kInvalidInput,
              "the size must be trust, schools:N (N a whole number, 1 or more) or national",
              {{"size", "is not a size", std::string(text), std::nullopt}});
}

std::string ToText(Size size) {
  switch (size.kind) {
    case Size::Kind::kTrust:
      return "trust";
    case Size::Kind::kSchools:
      return "schools:" + std::to_string(size.schools);
    case Size::Kind::kNational:
      return "national";
  }
  return "national";
}

std::vector<const Group*> SelectGroups(const Nation& nation, Size size) {
  std::vector<const Group*> chosen;
  switch (size.kind) {
    case Size::Kind::kNational:
      for (const auto& group : nation.groups) chosen.push_back(&group);
      break;
    case Size::Kind::kTrust: {
      const Group* best = nullptr;
      int64_t best_distance = 0;
      for (const auto& group : nation.groups) {  // by reference: the first of equals wins
        if (group.kind != GroupKind::kMultiAcademyTrust) continue;
        const int64_t distance =
            std::abs(static_cast<int64_t>(group.schools.size()) - kTrustSizeWanted);
        if (!best || distance < best_distance) {
          best = &group;
          best_distance = distance;
        }
      }
      if (best) chosen.push_back(best);
      break;
    }
    case Size::Kind::kSchools: {
      std::vector<const Group*> order;
      for (const auto& group : nation.groups) order.push_back(&group);
      std::sort(order.begin(), order.end(), [](const Group* a, const Group* b) {
        const uint64_t ha = Scatter(Fnv1a(a->reference)), hb = Scatter(Fnv1a(b->reference));
        return ha != hb ? ha < hb : a->reference < b->reference;
      });
      int64_t schools = 0;
      for (const Group* group : order) {
        if (schools >= size.schools) break;
        chosen.push_back(group);
        schools += static_cast<int64_t>(group->schools.size());
      }
      std::sort(chosen.begin(), chosen.end());  // the nation's order: its vector's
      break;
    }
  }
  return chosen;
}

}  // namespace trellis::workload
