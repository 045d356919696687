#include "org/org_service.h"

#include "org/json.h"
#include "org/validation.h"

namespace trellis::org {
namespace {

// What differs between record types: how to fetch one by id, what the audit log calls it,
// and which other records it must point at within the same trust.
template <typename T>
struct Kind;

Result<void> Missing(std::vector<Problem>& problems, std::string field, int64_t id,
                     const Result<void>& found) {
  if (found) return Ok();
  if (found.error().code != ErrorCode::kNotFound) return Fail(found.error());
  problems.push_back({std::move(field), "does not exist in this trust", std::to_string(id), {}});
  return Ok();
}

template <typename R>
Result<void> Discard(R&& r) {
  if (!r) return Fail(std::move(r).error());
  return Ok();
}

template <>
struct Kind<School> {
  static constexpr const char* kName = "school";
  static Result<School> Get(store::Store& s, TrustId t, SchoolId id) { return s.GetSchool(t, id); }
  static Result<void> References(store::Store&, TrustId, const School&, std::vector<Problem>&) {
    return Ok();
  }
};

template <>
struct Kind<Body> {
  static constexpr const char* kName = "body";
  static Result<Body> Get(store::Store& s, TrustId t, BodyId id) { return s.GetBody(t, id); }
  static Result<void> References(store::Store& s, TrustId t, const Body& b,
                                 std::vector<Problem>& problems) {
    if (b.school)
      TRY(Missing(problems, "school_id", b.school->value(), Discard(s.GetSchool(t, *b.school))));
    if (b.parent) {
      auto parent = s.GetBody(t, *b.parent);
      TRY(Missing(problems, "parent_id", b.parent->value(), Discard(parent)));
      if (parent && parent->kind != BodyKind::kBoard)
        problems.push_back({"parent_id", "a committee reports to the Board",
                            std::to_string(b.parent->value()), {}});
    }
    return Ok();
  }
};

template <>
struct Kind<Person> {
  static constexpr const char* kName = "person";
  static Result<Person> Get(store::Store& s, TrustId t, PersonId id) { return s.GetPerson(t, id); }
  static Result<void> References(store::Store&, TrustId, const Person&, std::vector<Problem>&) {
    return Ok();
  }
};

template <>
struct Kind<Post> {
  static constexpr const char* kName = "post";
  static Result<Post> Get(store::Store& s, TrustId t, PostId id) { return s.GetPost(t, id); }
  static Result<void> References(store::Store& s, TrustId t, const Post& p,
                                 std::vector<Problem>& problems) {
    if (p.school)
      TRY(Missing(problems, "school_id", p.school->value(), Discard(s.GetSchool(t, *p.school))));
    if (p.body) TRY(Missing(problems, "body_id", p.body->value(), Discard(s.GetBody(t, *p.body))));
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
                                 std::vector<Problem>& problems) {
    if (h.post.valid())
      TRY(Missing(problems, "post_id", h.post.value(), Discard(s.GetPost(t, h.post))));
    if (h.person.valid())
      TRY(Missing(problems, "person_id", h.person.value(), Discard(s.GetPerson(t, h.person))));
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
                                 std::vector<Problem>& problems) {
    if (m.body.valid())
      TRY(Missing(problems, "body_id", m.body.value(), Discard(s.GetBody(t, m.body))));
    if (m.person.valid())
      TRY(Missing(problems, "person_id", m.person.value(), Discard(s.GetPerson(t, m.person))));
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
                                 std::vector<Problem>& problems) {
    if (l.manager.valid())
      TRY(Missing(problems, "manager_id", l.manager.value(), Discard(s.GetPerson(t, l.manager))));
    if (l.report.valid())
      TRY(Missing(problems, "report_id", l.report.value(), Discard(s.GetPerson(t, l.report))));
    return Ok();
  }
};

access::AuditEntry Entry(const Actor& actor, Instant at, std::optional<TrustId> trust,
                         std::string action, std::string entity, int64_t id, std::string before,
                         std::string after) {
  return access::AuditEntry{.id = {},
                            .at = at,
                            .trust = trust,
                            .user = actor.user,
                            .actor = actor.name,
                            .action = std::move(action),
                            .entity = std::move(entity),
                            .entity_id = std::to_string(id),
                            .before = std::move(before),
                            .after = std::move(after),
                            .remote = actor.remote};
}

tl::unexpected<Error> Invalid(std::vector<Problem> problems) {
  const std::string message = problems.size() == 1
                                  ? "There is a problem with " + problems[0].field + "."
                                  : "There are " + std::to_string(problems.size()) + " problems.";
  return Fail(ErrorCode::kValidationFailed, message, std::move(problems));
}

}  // namespace

template <typename T>
Result<T> OrgService::Write(TrustId trust, T record, const Actor& actor, bool create) {
  using K = Kind<T>;
  record.trust = trust;
  std::vector<Problem> problems = Check(record);
  T stored = record;
  TRY(store_.Transact([&](store::Store& tx) -> Result<void> {
    TRY(tx.GetTrust(trust));
    std::optional<T> before;
    if (!create) before = TRY(K::Get(tx, trust, record.id));
    TRY(K::References(tx, trust, record, problems));
    if (!problems.empty()) return Invalid(std::move(problems));
    if (create) {
      stored = TRY(tx.Insert(record));
    } else {
      TRY(tx.Update(record));
    }
    return tx.Append(Entry(actor, clock_.Now(), trust, create ? "create" : "update", K::kName,
                           stored.id.value(), before ? ToJson(*before).dump() : "",
                           ToJson(stored).dump()));
  }));
  return stored;
}

Result<Trust> OrgService::Create(Trust trust, const Actor& actor) {
  auto problems = Check(trust);
  if (!problems.empty()) return Invalid(std::move(problems));
  trust.created_at = clock_.Now();
  Trust stored;
  TRY(store_.Transact([&](store::Store& tx) -> Result<void> {
    stored = TRY(tx.Insert(trust));
    return tx.Append(Entry(actor, clock_.Now(), stored.id, "create", "trust", stored.id.value(),
                           "", ToJson(stored).dump()));
  }));
  return stored;
}

Result<Trust> OrgService::Update(Trust trust, const Actor& actor) {
  auto problems = Check(trust);
  if (!problems.empty()) return Invalid(std::move(problems));
  TRY(store_.Transact([&](store::Store& tx) -> Result<void> {
    auto before = TRY(tx.GetTrust(trust.id));
    trust.created_at = before.created_at;
    TRY(tx.Update(trust));
    return tx.Append(Entry(actor, clock_.Now(), trust.id, "update", "trust", trust.id.value(),
                           ToJson(before).dump(), ToJson(trust).dump()));
  }));
  return trust;
}

#define TRELLIS_ORG_WRITES(T)                                                   \
  Result<T> OrgService::Create(TrustId trust, T record, const Actor& actor) {   \
    return Write(trust, std::move(record), actor, /*create=*/true);             \
  }                                                                             \
  Result<T> OrgService::Update(TrustId trust, T record, const Actor& actor) {   \
    return Write(trust, std::move(record), actor, /*create=*/false);            \
  }
TRELLIS_ORG_WRITES(School)
TRELLIS_ORG_WRITES(Body)
TRELLIS_ORG_WRITES(Person)
TRELLIS_ORG_WRITES(Post)
TRELLIS_ORG_WRITES(Holding)
TRELLIS_ORG_WRITES(Membership)
TRELLIS_ORG_WRITES(LineLink)
#undef TRELLIS_ORG_WRITES

}  // namespace trellis::org
