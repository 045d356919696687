#include "org/org_service.h"

#include <algorithm>
#include <unordered_set>

#include "org/json.h"
#include "org/validation.h"

namespace trellis::org {
namespace {

// What differs between record types: how to fetch one by id, what the audit log calls it,
// and which other records it must point at within the same trust.
template <typename T>
struct Kind;

// True when [a_start, a_end) and [b_start, b_end) share a day; an empty end is open.
bool Overlap(Date a_start, std::optional<Date> a_end, Date b_start, std::optional<Date> b_end) {
  return (!b_end || a_start < *b_end) && (!a_end || b_start < *a_end);
}

template <>
struct Kind<School> {
  static constexpr const char* kName = "school";
  static Result<School> Get(store::Store& s, TrustId t, SchoolId id) { return s.GetSchool(t, id); }
  static Result<void> References(store::Store&, TrustId, const School&, const School*, Date,
                                 std::vector<Problem>&) {
    return Ok();
  }
};

template <>
struct Kind<Body> {
  static constexpr const char* kName = "body";
  static Result<Body> Get(store::Store& s, TrustId t, BodyId id) { return s.GetBody(t, id); }
  static Result<void> References(store::Store& s, TrustId t, const Body& b,
                                 [[maybe_unused]] const Body* before, [[maybe_unused]] Date today,
                                 std::vector<Problem>& problems) {
    if (b.school)
      TRY(NoteMissing(problems, "school_id", b.school->value(), s.GetSchool(t, *b.school)));
    if (b.parent) {
      auto parent = s.GetBody(t, *b.parent);
      TRY(NoteMissing(problems, "parent_id", b.parent->value(), parent));
      if (parent && parent->kind != BodyKind::kBoard)
        problems.push_back({"parent_id", "a committee reports to the Board",
                            std::to_string(b.parent->value()), {}});
    }
    auto bodies = TRY(s.ListBodies({.trust = t, .page = store::kEveryRow}));
    for (const auto& other : bodies.items) {
      if (other.id == b.id) continue;
      if (before && before->kind == BodyKind::kBoard && b.kind != BodyKind::kBoard &&
          other.parent == b.id) {
        problems.push_back({"kind", "committees report to this Board; move them first",
                            std::string(Code(b.kind)), {}});
        break;
      }
      if (b.kind == BodyKind::kLocalGoverningBody && other.kind == BodyKind::kLocalGoverningBody &&
          b.school && other.school == b.school) {
        problems.push_back({"school_id", "the school already has a Local Governing Body (" +
                                             other.name + ")",
                            std::to_string(b.school->value()), {}});
        break;
      }
    }
    return Ok();
  }
};

template <>
struct Kind<Person> {
  static constexpr const char* kName = "person";
  static Result<Person> Get(store::Store& s, TrustId t, PersonId id) { return s.GetPerson(t, id); }
  static Result<void> References(store::Store&, TrustId, const Person&, const Person*, Date,
                                 std::vector<Problem>&) {
    return Ok();
  }
};

template <>
struct Kind<Post> {
  static constexpr const char* kName = "post";
  static Result<Post> Get(store::Store& s, TrustId t, PostId id) { return s.GetPost(t, id); }
  static Result<void> References(store::Store& s, TrustId t, const Post& p,
                                 [[maybe_unused]] const Post* before, [[maybe_unused]] Date today,
                                 std::vector<Problem>& problems) {
    if (p.school)
      TRY(NoteMissing(problems, "school_id", p.school->value(), s.GetSchool(t, *p.school)));
    if (p.body) TRY(NoteMissing(problems, "body_id", p.body->value(), s.GetBody(t, *p.body)));
    return Ok();
  }
};

template <>
struct Kind<Holding> {
  static constexpr const char* kName = "holding";
  static Result<Holding> Get(store::Store& s, TrustId t, HoldingId id) {
    return s.GetHolding(t, id);
  }
  static Result<void> References(store::Store& s, TrustId t, const Holding& h,
                                 [[maybe_unused]] const Holding* before, [[maybe_unused]] Date today,
                                 std::vector<Problem>& problems) {
    if (h.post.valid())
      TRY(NoteMissing(problems, "post_id", h.post.value(), s.GetPost(t, h.post)));
    if (h.person.valid())
      TRY(NoteMissing(problems, "person_id", h.person.value(), s.GetPerson(t, h.person)));
    return Ok();
  }
};

template <>
struct Kind<Membership> {
  static constexpr const char* kName = "membership";
  static Result<Membership> Get(store::Store& s, TrustId t, MembershipId id) {
    return s.GetMembership(t, id);
  }
  static Result<void> References(store::Store& s, TrustId t, const Membership& m,
                                 [[maybe_unused]] const Membership* before, [[maybe_unused]] Date today,
                                 std::vector<Problem>& problems) {
    if (m.body.valid())
      TRY(NoteMissing(problems, "body_id", m.body.value(), s.GetBody(t, m.body)));
    if (m.person.valid())
      TRY(NoteMissing(problems, "person_id", m.person.value(), s.GetPerson(t, m.person)));
    if (!problems.empty()) return Ok();
    auto others = TRY(s.ListMemberships({.trust = t, .body = m.body, .page = store::kEveryRow}));
    const bool single = m.role == MembershipRole::kChair || m.role == MembershipRole::kViceChair;
    for (const auto& other : others.items) {
      if (other.id == m.id || other.role != m.role ||
          !Overlap(m.term_start, m.term_end, other.term_start, other.term_end))
        continue;
      if (other.person == m.person) {
        problems.push_back({"term_start", "this person already has this role on this body for "
                                          "some of these dates", m.term_start.ToIso(), {}});
        break;
      }
      if (single) {
        problems.push_back({"role", "the body already has a " + std::string(Label(m.role)) +
                                        " for some of these dates",
                            std::string(Code(m.role)), {}});
        break;
      }
    }
    return Ok();
  }
};

template <>
struct Kind<LineLink> {
  static constexpr const char* kName = "line_link";
  static Result<LineLink> Get(store::Store& s, TrustId t, LineLinkId id) {
    return s.GetLineLink(t, id);
  }
  static Result<void> References(store::Store& s, TrustId t, const LineLink& l,
                                 [[maybe_unused]] const LineLink* before, [[maybe_unused]] Date today,
                                 std::vector<Problem>& problems) {
    if (l.manager.valid())
      TRY(NoteMissing(problems, "manager_id", l.manager.value(), s.GetPerson(t, l.manager)));
    if (l.report.valid())
      TRY(NoteMissing(problems, "report_id", l.report.value(), s.GetPerson(t, l.report)));
    if (!problems.empty() || l.manager == l.report) return Ok();
    auto same = TRY(s.ListLineLinks(
        {.trust = t, .manager = l.manager, .report = l.report, .page = store::kEveryRow}));
    for (const auto& other : same.items)
      if (other.id != l.id && Overlap(l.start, l.end, other.start, other.end)) {
        problems.push_back({"start", "this person already line-manages them for some of these "
                                     "dates", l.start.ToIso(), {}});
        return Ok();
      }
    // Walk up from the new manager through the links in force when this one starts (or
    // today, whichever is later): reaching the report would make a circle.
    const Date on = std::max(l.start, today);
    std::vector<PersonId> frontier{l.manager};
    std::unordered_set<PersonId> seen{l.manager};
    while (!frontier.empty()) {
      const PersonId person = frontier.back();
      frontier.pop_back();
      auto up = TRY(s.ListLineLinks(
          {.trust = t, .report = person, .current_on = on, .page = store::kEveryRow}));
      for (const auto& link : up.items) {
        if (link.id == l.id) continue;
        if (link.manager == l.report) {
          problems.push_back({"manager_id", "would make a circle: the manager already reports, "
                                            "directly or through others, to this person",
                              std::to_string(l.manager.value()), {}});
          return Ok();
        }
        if (seen.insert(link.manager).second) frontier.push_back(link.manager);
      }
    }
    return Ok();
  }
};

}  // namespace

template <typename T>
Result<T> OrgService::Add(TrustId trust, T record, const Actor& actor) {
  using K = Kind<T>;
  record.id = {};
  record.trust = trust;
  T stored = record;
  TRY(store_.Transact([&](store::Store& tx) -> Result<void> {
    TRY(tx.GetTrust(trust));
    std::vector<Problem> problems = Check(record);
    TRY(K::References(tx, trust, record, nullptr, clock_.Today(), problems));
    if (!problems.empty()) return Refuse(std::move(problems));
    stored = TRY(tx.Insert(record));
    return tx.Append(AuditEntryOf(actor, clock_.Now(), trust, "create", K::kName, stored.id.value(), "",
                           ToJson(stored).dump()));
  }));
  return stored;
}

template <typename T, typename IdT>
Result<T> OrgService::Change(TrustId trust, IdT id, const Edit<T>& change, const Actor& actor) {
  using K = Kind<T>;
  T stored;
  TRY(store_.Transact([&](store::Store& tx) -> Result<void> {
    const T before = TRY(K::Get(tx, trust, id));
    T record = before;
    TRY(change(record));
    record.id = before.id;  // neither the id nor the trust can be edited
    record.trust = trust;
    std::vector<Problem> problems = Check(record);
    TRY(K::References(tx, trust, record, &before, clock_.Today(), problems));
    if (!problems.empty()) return Refuse(std::move(problems));
    TRY(tx.Update(record));
    stored = record;
    return tx.Append(AuditEntryOf(actor, clock_.Now(), trust, "update", K::kName, record.id.value(),
                           ToJson(before).dump(), ToJson(record).dump()));
  }));
  return stored;
}

Result<Trust> OrgService::Create(Trust trust, const Actor& actor) {
  auto problems = Check(trust);
  if (!problems.empty()) return Refuse(std::move(problems));
  trust.created_at = clock_.Now();
  Trust stored;
  TRY(store_.Transact([&](store::Store& tx) -> Result<void> {
    stored = TRY(tx.Insert(trust));
    return tx.Append(AuditEntryOf(actor, clock_.Now(), stored.id, "create", "trust", stored.id.value(),
                           "", ToJson(stored).dump()));
  }));
  return stored;
}

Result<Trust> OrgService::Update(TrustId id, const Edit<Trust>& change, const Actor& actor) {
  Trust stored;
  TRY(store_.Transact([&](store::Store& tx) -> Result<void> {
    const Trust before = TRY(tx.GetTrust(id));
    Trust trust = before;
    TRY(change(trust));
    trust.id = before.id;
    trust.created_at = before.created_at;
    auto problems = Check(trust);
    if (!problems.empty()) return Refuse(std::move(problems));
    TRY(tx.Update(trust));
    stored = trust;
    return tx.Append(AuditEntryOf(actor, clock_.Now(), trust.id, "update", "trust", trust.id.value(),
                           ToJson(before).dump(), ToJson(trust).dump()));
  }));
  return stored;
}

#define TRELLIS_ORG_WRITES(T, IdT)                                                     \
  Result<T> OrgService::Create(TrustId trust, T record, const Actor& actor) {          \
    return Add(trust, std::move(record), actor);                                       \
  }                                                                                    \
  Result<T> OrgService::Update(TrustId trust, IdT id, const Edit<T>& change,           \
                               const Actor& actor) {                                   \
    return Change<T>(trust, id, change, actor);                                        \
  }
TRELLIS_ORG_WRITES(School, SchoolId)
TRELLIS_ORG_WRITES(Body, BodyId)
TRELLIS_ORG_WRITES(Person, PersonId)
TRELLIS_ORG_WRITES(Post, PostId)
TRELLIS_ORG_WRITES(Holding, HoldingId)
TRELLIS_ORG_WRITES(Membership, MembershipId)
TRELLIS_ORG_WRITES(LineLink, LineLinkId)
#undef TRELLIS_ORG_WRITES

}  // namespace trellis::org
