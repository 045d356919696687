#include "talent/talent_service.h"

#include <array>

#include "talent/frameworks.h"
#include "talent/json.h"
#include "talent/validation.h"

namespace trellis {
template <>
std::span<const EnumName<talent::ProfileSource>> EnumNames() {
  static constexpr std::array<EnumName<talent::ProfileSource>, 2> kNames = {{
      {talent::ProfileSource::kPost, "post", "The post's own profile"},
      {talent::ProfileSource::kStage, "stage", "Inherited from the post's career stage"},
  }};
  return kNames;
}
}  // namespace trellis

namespace trellis::talent {
namespace {

template <typename T>
struct Kind;

template <>
struct Kind<RoleProfile> {
  static constexpr const char* kName = "role_profile";
  static Result<RoleProfile> Get(store::Store& s, TrustId t, RoleProfileId id) {
    return s.GetRoleProfile(t, id);
  }
  static Result<void> References(store::Store& s, TrustId t, const RoleProfile& p, Date,
                                 std::vector<Problem>& problems) {
    if (p.post && p.post->valid())
      TRY(org::NoteMissing(problems, "post_id", p.post->value(), s.GetPost(t, *p.post)));
    for (size_t i = 0; i < p.requirements.size(); ++i) {
      const CompetencyId c = p.requirements[i].competency;
      if (c.valid())
        TRY(org::NoteMissing(problems, "requirements[" + std::to_string(i) + "].competency_id", c.value(),
                    s.GetCompetency(t, c)));
    }
    return Ok();
  }
};

template <>
struct Kind<Assessment> {
  static constexpr const char* kName = "assessment";
  static Result<Assessment> Get(store::Store& s, TrustId t, AssessmentId id) {
    return s.GetAssessment(t, id);
  }
  static Result<void> References(store::Store& s, TrustId t, const Assessment& a, Date today,
                                 std::vector<Problem>& problems) {
    if (a.person.valid())
      TRY(org::NoteMissing(problems, "person_id", a.person.value(), s.GetPerson(t, a.person)));
    if (a.competency.valid())
      TRY(org::NoteMissing(problems, "competency_id", a.competency.value(), s.GetCompetency(t, a.competency)));
    if (a.assessor && a.assessor->valid())
      TRY(org::NoteMissing(problems, "assessor_id", a.assessor->value(), s.GetPerson(t, *a.assessor)));
    org::NoteInFuture(problems, "assessed_on", a.assessed_on, today);
    return Ok();
  }
};

}  // namespace

Result<std::optional<EffectiveRoleProfile>> EffectiveProfile(store::Store& store, TrustId trust,
                                                             PostId post_id) {
  const org::Post post = TRY(store.GetPost(trust, post_id));
  auto own = TRY(store.ListRoleProfiles({.trust = trust, .post = post.id}));
  if (!own.items.empty())
    return std::optional<EffectiveRoleProfile>(
        EffectiveRoleProfile{std::move(own.items.front()), ProfileSource::kPost});
  if (!post.stage) return std::optional<EffectiveRoleProfile>();
  auto of_stage = TRY(store.ListRoleProfiles({.trust = trust, .stage = post.stage}));
  if (of_stage.items.empty()) return std::optional<EffectiveRoleProfile>();
  return std::optional<EffectiveRoleProfile>(
      EffectiveRoleProfile{std::move(of_stage.items.front()), ProfileSource::kStage});
}

Result<int> TalentService::InstallShippedFrameworks() {
  return talent::InstallShippedFrameworks(store_, clock_.Now());
}

Result<FrameworkContent> TalentService::Create(TrustId trust, FrameworkContent content,
                                               const org::Actor& actor) {
  content.framework.id = {};
  content.framework.trust = trust;
  std::vector<Problem> problems = Check(content.framework);
  for (size_t i = 0; i < content.areas.size(); ++i)
    for (Problem p : Check(content.areas[i])) {
      p.field = "areas[" + std::to_string(i) + "]." + p.field;
      problems.push_back(std::move(p));
    }
  for (size_t i = 0; i < content.competencies.size(); ++i) {
    const Competency& c = content.competencies[i];
    const std::string at = "competencies[" + std::to_string(i) + "].";
    for (Problem p : Check(c)) {
      p.field = at + p.field;
      problems.push_back(std::move(p));
    }
    if (c.area.value() < 1 || c.area.value() > static_cast<int64_t>(content.areas.size()))
      problems.push_back({at + "area_id", "must name one of the areas (1 to " +
                                              std::to_string(content.areas.size()) + ")",
                          std::to_string(c.area.value()), {}});
  }
  if (!problems.empty()) return Refuse(std::move(problems));
  FrameworkContent stored;
  TRY(store_.Transact([&](store::Store& tx) -> Result<void> {
    TRY(tx.GetTrust(trust));
    stored = {};
    stored.framework = TRY(tx.Insert(content.framework));
    std::vector<AreaId> area_ids;
    for (Area area : content.areas) {
      area.id = {};
      area.framework = stored.framework.id;
      stored.areas.push_back(TRY(tx.Insert(area)));
      area_ids.push_back(stored.areas.back().id);
    }
    for (Competency c : content.competencies) {
      c.id = {};
      c.framework = stored.framework.id;
      c.area = area_ids.at(static_cast<size_t>(c.area.value() - 1));
      stored.competencies.push_back(TRY(tx.Insert(c)));
    }
    return tx.Append(org::AuditEntryOf(actor, clock_.Now(), trust, "create", "framework",
                           stored.framework.id.value(), "", ToJson(stored).dump()));
  }));
  return stored;
}

template <typename T>
Result<T> TalentService::Add(TrustId trust, T record, const org::Actor& actor) {
  using K = Kind<T>;
  record.id = {};
  record.trust = trust;
  T stored;
  TRY(store_.Transact([&](store::Store& tx) -> Result<void> {
    TRY(tx.GetTrust(trust));
    std::vector<Problem> problems = Check(record);
    TRY(K::References(tx, trust, record, clock_.Today(), problems));
    if (!problems.empty()) return Refuse(std::move(problems));
    stored = TRY(tx.Insert(record));
    return tx.Append(org::AuditEntryOf(actor, clock_.Now(), trust, "create", K::kName, stored.id.value(), "",
                           ToJson(stored).dump()));
  }));
  return stored;
}

template <typename T, typename IdT>
Result<T> TalentService::Change(TrustId trust, IdT id, const Edit<T>& change,
                                const org::Actor& actor) {
  using K = Kind<T>;
  T stored;
  TRY(store_.Transact([&](store::Store& tx) -> Result<void> {
    const T before = TRY(K::Get(tx, trust, id));
    T record = before;
    TRY(change(record));
    record.id = before.id;  // neither the id nor the trust can be edited
    record.trust = trust;
    std::vector<Problem> problems = Check(record);
    TRY(K::References(tx, trust, record, clock_.Today(), problems));
    if (!problems.empty()) return Refuse(std::move(problems));
    TRY(tx.Update(record));
    stored = TRY(K::Get(tx, trust, id));
    return tx.Append(org::AuditEntryOf(actor, clock_.Now(), trust, "update", K::kName, record.id.value(),
                           ToJson(before).dump(), ToJson(stored).dump()));
  }));
  return stored;
}

Result<RoleProfile> TalentService::Create(TrustId trust, RoleProfile profile,
                                          const org::Actor& actor) {
  return Add(trust, std::move(profile), actor);
}

Result<Assessment> TalentService::Create(TrustId trust, Assessment assessment,
                                         const org::Actor& actor) {
  return Add(trust, std::move(assessment), actor);
}

Result<RoleProfile> TalentService::Update(TrustId trust, RoleProfileId id,
                                          const Edit<RoleProfile>& change,
                                          const org::Actor& actor) {
  return Change<RoleProfile>(trust, id, change, actor);
}

Result<Assessment> TalentService::Update(TrustId trust, AssessmentId id,
                                         const Edit<Assessment>& change, const org::Actor& actor) {
  return Change<Assessment>(trust, id, change, actor);
}

}  // namespace trellis::talent
