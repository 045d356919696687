#pragma once
// Changes to frameworks, role profiles and assessments: every create and update is checked
// (field rules from talent/validation.h, then references within the trust), written, and
// audit-logged with its before and after, all in one transaction (as org::OrgService).
// Who may call what is decided by the caller (http/ checks permissions and scope).

#include <functional>
#include <optional>

#include "core/clock.h"
#include "core/result.h"
#include "org/org_service.h"
#include "store/store.h"
#include "talent/model.h"

namespace trellis::talent {

// Where a post's effective role profile comes from.
enum class ProfileSource { kPost, kStage };

struct EffectiveRoleProfile {
  RoleProfile profile;
  ProfileSource source = ProfileSource::kPost;
};

// The role profile that applies to `post`: its own if it has one, else the one of its
// career stage, else none. kNotFound when the post is not in the trust.
[[nodiscard]] Result<std::optional<EffectiveRoleProfile>> EffectiveProfile(store::Store& store,
                                                                           TrustId trust,
                                                                           PostId post);

class TalentService {
 public:
  TalentService(store::Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // Installs the frameworks shipped with trellis that the store lacks (talent/frameworks.h);
  // returns how many were installed. Idempotent.
  [[nodiscard]] Result<int> InstallShippedFrameworks();

  // A trust's own framework with its areas and competencies (ids ignored; competencies name
  // their area by its index + 1 in `content.areas`). kValidationFailed listing every problem,
  // kConflict when the trust has one of the same code and version.
  [[nodiscard]] Result<FrameworkContent> Create(TrustId trust, FrameworkContent content,
                                                const org::Actor& actor);

  // Create: the id is ignored and the trust set to `trust`. Fails with kValidationFailed
  // listing every problem (including a post or a competency not visible to the trust),
  // kConflict when the post or stage already has a profile, kNotFound for no such trust.
  [[nodiscard]] Result<RoleProfile> Create(TrustId trust, RoleProfile profile,
                                           const org::Actor& actor);
  // As Create, and the assessment may not be dated in the future.
  [[nodiscard]] Result<Assessment> Create(TrustId trust, Assessment assessment,
                                          const org::Actor& actor);

  // Update: reads the record (kNotFound if none in `trust`), lets `change` edit it, checks
  // and writes it in one transaction; `change` may fail and then nothing is written.
  template <typename T>
  using Edit = std::function<Result<void>(T&)>;
  [[nodiscard]] Result<RoleProfile> Update(TrustId trust, RoleProfileId id,
                                           const Edit<RoleProfile>& change, const org::Actor& actor);
  [[nodiscard]] Result<Assessment> Update(TrustId trust, AssessmentId id,
                                          const Edit<Assessment>& change, const org::Actor& actor);

 private:
  template <typename T>
  Result<T> Add(TrustId trust, T record, const org::Actor& actor);
  template <typename T, typename IdT>
  Result<T> Change(TrustId trust, IdT id, const Edit<T>& change, const org::Actor& actor);

  store::Store& store_;
  const Clock& clock_;
};

}  // namespace trellis::talent

namespace trellis {
template <> std::span<const EnumName<talent::ProfileSource>> EnumNames();
}  // namespace trellis
