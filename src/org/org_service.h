#pragma once
// Changes to the organisation: every create and update is checked (field rules from
// org/validation.h, then references within the trust), written, and audit-logged with its
// before and after, all in one transaction.

#include <functional>
#include <optional>
#include <string>

#include "core/clock.h"
#include "core/result.h"
#include "org/model.h"
#include "org/record_writes.h"
#include "store/store.h"

namespace trellis::org {

class OrgService {
 public:
  OrgService(store::Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // Create: the record's id is ignored and its trust set to `trust`. Fails with
  // kValidationFailed listing every problem, kConflict on a duplicate key, kNotFound when
  // the trust does not exist.
  [[nodiscard]] Result<Trust> Create(Trust trust, const Actor& actor);
  [[nodiscard]] Result<School> Create(TrustId trust, School school, const Actor& actor);
  [[nodiscard]] Result<Body> Create(TrustId trust, Body body, const Actor& actor);
  [[nodiscard]] Result<Person> Create(TrustId trust, Person person, const Actor& actor);
  [[nodiscard]] Result<Post> Create(TrustId trust, Post post, const Actor& actor);
  [[nodiscard]] Result<Holding> Create(TrustId trust, Holding holding, const Actor& actor);
  [[nodiscard]] Result<Membership> Create(TrustId trust, Membership membership, const Actor& actor);
  [[nodiscard]] Result<LineLink> Create(TrustId trust, LineLink link, const Actor& actor);

  // Update: reads the record with `id` in `trust` (kNotFound if none), lets `change` edit
  // it, checks and writes it — all in one transaction, so concurrent changes to other
  // fields are never lost. `change` may fail (its error is returned and nothing is written).
  template <typename T>
  using Edit = std::function<Result<void>(T&)>;
  [[nodiscard]] Result<Trust> Update(TrustId trust, const Edit<Trust>& change, const Actor& actor);
  [[nodiscard]] Result<School> Update(TrustId trust, SchoolId id, const Edit<School>& change, const Actor& actor);
  [[nodiscard]] Result<Body> Update(TrustId trust, BodyId id, const Edit<Body>& change, const Actor& actor);
  [[nodiscard]] Result<Person> Update(TrustId trust, PersonId id, const Edit<Person>& change, const Actor& actor);
  [[nodiscard]] Result<Post> Update(TrustId trust, PostId id, const Edit<Post>& change, const Actor& actor);
  [[nodiscard]] Result<Holding> Update(TrustId trust, HoldingId id, const Edit<Holding>& change, const Actor& actor);
  [[nodiscard]] Result<Membership> Update(TrustId trust, MembershipId id, const Edit<Membership>& change, const Actor& actor);
  [[nodiscard]] Result<LineLink> Update(TrustId trust, LineLinkId id, const Edit<LineLink>& change, const Actor& actor);

 private:
  template <typename T>
  Result<T> Add(TrustId trust, T record, const Actor& actor);
  template <typename T, typename IdT>
  Result<T> Change(TrustId trust, IdT id, const Edit<T>& change, const Actor& actor);

  store::Store& store_;
  const Clock& clock_;
};

}  // namespace trellis::org
