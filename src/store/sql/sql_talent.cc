// SqlStore: competency frameworks, role profiles and assessments.

#include <nlohmann/json.hpp>

#include "store/sql/sql_store.h"

namespace trellis::store::sql {
namespace {

using talent::Area;
using talent::Assessment;
using talent::Competency;
using talent::Framework;
using talent::FrameworkContent;
using talent::LatestLevel;
using talent::RoleProfile;

constexpr char kFrameworkColumns[] =
    "f.id, f.trust_id, f.code, f.name, f.version, f.source, f.level_labels";
constexpr char kAreaColumns[] = "ar.id, ar.framework_id, ar.name, ar.position";
constexpr char kCompetencyColumns[] =
    "c.id, c.framework_id, c.area_id, c.code, c.name, c.description, c.position";
constexpr char kProfileColumns[] = "rp.id, rp.trust_id, rp.post_id, rp.stage, rp.name";
constexpr char kAssessmentColumns[] =
    "a.id, a.trust_id, a.person_id, a.competency_id, a.level, a.assessor_id, a.assessor_name, "
    "a.assessed_on, a.evidence";

// A framework visible to trust ?: shipped, or the trust's own. Binds the trust once.
constexpr char kVisible[] = "(f.trust_id IS NULL OR f.trust_id = ?)";

// The latest assessment of its person and competency (talent::IsLater in SQL): the last of
// them in the index assessments_latest, one seek each. (Asked as "no later one exists", the
// OR of date and id kept the index from seeking, so each assessment scanned every earlier one
// of its pair: reading the latest levels grew with the square of a pair's assessments, and a
// soak that re-assessed the same people slowed every dashboard and plan read tenfold.)
constexpr char kLatest[] =
    "a.id = (SELECT b.id FROM assessments b WHERE b.trust_id = a.trust_id "
    "AND b.person_id = a.person_id AND b.competency_id = a.competency_id "
    "ORDER BY b.assessed_on DESC, b.id DESC LIMIT 1)";

std::string LabelsJson(const talent::LevelLabels& labels) {
  nlohmann::json array = nlohmann::json::array();
  for (const auto& label : labels) array.push_back(label);
  return array.dump();
}

Result<Framework> ReadFramework(Row& r) {
  Framework f;
  f.id = r.Id<FrameworkId>();
  f.trust = r.OptId<TrustId>();
  f.code = r.Text();
  f.name = r.Text();
  f.version = r.Text();
  f.source = r.Text();
  const std::string labels = r.Text();
  auto parsed = nlohmann::json::parse(labels, nullptr, false);
  if (!parsed.is_array() || parsed.size() != f.level_labels.size())
    return Fail(ErrorCode::kInternal, "unreadable level labels of framework " +
                                          std::to_string(f.id.value()) + ": " + labels);
  for (size_t i = 0; i < f.level_labels.size(); ++i) {
    if (!parsed[i].is_string())
      return Fail(ErrorCode::kInternal, "unreadable level labels: " + labels);
    f.level_labels[i] = parsed[i].get<std::string>();
  }
  return f;
}

Result<Area> ReadArea(Row& r) {
  Area a;
  a.id = r.Id<AreaId>();
  a.framework = r.Id<FrameworkId>();
  a.name = r.Text();
  a.position = static_cast<int>(r.Int());
  return a;
}

Result<Competency> ReadCompetency(Row& r) {
  Competency c;
  c.id = r.Id<CompetencyId>();
  c.framework = r.Id<FrameworkId>();
  c.area = r.Id<AreaId>();
  c.code = r.Text();
  c.name = r.Text();
  c.description = r.Text();
  c.position = static_cast<int>(r.Int());
  return c;
}

Result<RoleProfile> ReadProfile(Row& r) {
  RoleProfile p;
  p.id = r.Id<RoleProfileId>();
  p.trust = r.Id<TrustId>();
  p.post = r.OptId<PostId>();
  p.stage = TRY(r.OptEnum<org::CareerStage>());
  p.name = r.Text();
  return p;
}

Result<Assessment> ReadAssessment(Row& r) {
  Assessment a;
  a.id = r.Id<AssessmentId>();
  a.trust = r.Id<TrustId>();
  a.person = r.Id<PersonId>();
  a.competency = r.Id<CompetencyId>();
  a.level = static_cast<int>(r.Int());
  a.assessor = r.OptId<PersonId>();
  a.assessor_name = r.Text();
  a.assessed_on = TRY(r.DateValue());
  a.evidence = r.Text();
  return a;
}

Result<LatestLevel> ReadLatestLevel(Row& r) {
  LatestLevel l;
  l.assessment = r.Id<AssessmentId>();
  l.person = r.Id<PersonId>();
  l.competency = r.Id<CompetencyId>();
  l.level = static_cast<int>(r.Int());
  l.assessed_on = TRY(r.DateValue());
  return l;
}

std::string OptionalText(const std::optional<int64_t>& id) {
  return id ? std::to_string(*id) : std::string();
}

WriteRules FrameworkRules(const Framework& f) {
  std::optional<int64_t> trust;
  if (f.trust) trust = f.trust->value();
  return {{{"frameworks_owner_code",
            {"code", "already used by another framework of the same version", f.code}}},
          {{"trusts", trust, std::nullopt, {"trust_id", "no such trust", OptionalText(trust)}}}};
}

WriteRules AreaRules(const Area& a) {
  return {{},
          {{"frameworks",
            a.framework.value(),
            std::nullopt,
            {"framework_id", "no such framework", std::to_string(a.framework.value())}}}};
}

WriteRules CompetencyRules(const Competency& c) {
  return {{{"competencies.framework_id, competencies.code",
            {"code", "already used by another competency of this framework", c.code}}},
          {{"frameworks",
            c.framework.value(),
            std::nullopt,
            {"framework_id", "no such framework", std::to_string(c.framework.value())}},
           {"framework_areas",
            c.area.value(),
            std::nullopt,
            {"area_id", "no such area", std::to_string(c.area.value())}}}};
}

WriteRules ProfileRules(const RoleProfile& p) {
  std::optional<int64_t> post;
  if (p.post) post = p.post->value();
  return {
      {{"role_profiles.trust_id, role_profiles.post_id",
        {"post_id", "already has a role profile", OptionalText(post)}},
       {"role_profiles.trust_id, role_profiles.stage",
        {"stage", "already has a role profile in this trust",
         p.stage ? std::string(Code(*p.stage)) : std::string()}}},
      {TrustRef(p.trust), Ref("posts", p.post, p.trust, "post_id", "no such post in this trust")}};
}

WriteRules AssessmentRules(const Assessment& a) {
  constexpr char kNoPerson[] = "no such person in this trust";
  return {{},
          {TrustRef(a.trust),
           Ref("people", std::optional(a.person), a.trust, "person_id", kNoPerson),
           // Competencies belong to frameworks, shipped or a trust's own: no trust to match.
           {"competencies",
            a.competency.value(),
            std::nullopt,
            {"competency_id", "no such competency", std::to_string(a.competency.value())}},
           Ref("people", a.assessor, a.trust, "assessor_id", kNoPerson)}};
}

}  // namespace

// ---- Frameworks ----

Result<Framework> SqlStore::Insert(const Framework& f) {
  auto lease = TRY(Hold());
  const int64_t new_id = TRY(InsertRow("INSERT INTO frameworks (trust_id, code, name, version, source, level_labels) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            {Param(f.trust), Param(f.code), Param(f.name), Param(f.version), Param(f.source),
             LabelsJson(f.level_labels)},
            FrameworkRules(f)));
  const FrameworkId id(new_id);
  auto found = TRY(One(std::string("SELECT ") + kFrameworkColumns + " FROM frameworks f WHERE f.id = ?",
                       {Param(id)}, &ReadFramework));
  if (!found) return NotFound("framework");
  return *found;
}

Result<Area> SqlStore::Insert(const Area& a) {
  auto lease = TRY(Hold());
  const int64_t new_id = TRY(InsertRow("INSERT INTO framework_areas (framework_id, name, position) VALUES (?, ?, ?)",
            {Param(a.framework), Param(a.name), Param(a.position)}, AreaRules(a)));
  Area stored = a;
  stored.id = AreaId(new_id);
  return stored;
}

Result<Competency> SqlStore::Insert(const Competency& c) {
  auto lease = TRY(Hold());
  const int64_t new_id = TRY(InsertRow("INSERT INTO competencies (framework_id, area_id, code, name, description, position) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            {Param(c.framework), Param(c.area), Param(c.code), Param(c.name),
             Param(c.description), Param(c.position)},
            CompetencyRules(c)));
  Competency stored = c;
  stored.id = CompetencyId(new_id);
  return stored;
}

Result<std::vector<Framework>> SqlStore::ListFrameworks(TrustId trust) {
  auto lease = TRY(Hold());
  std::vector<Framework> frameworks;
  TRY(Query(std::string("SELECT ") + kFrameworkColumns + " FROM frameworks f WHERE " + kVisible +
                " ORDER BY f.trust_id IS NOT NULL, " + Conn().NoCase("f.name") + ", f.version, f.id",
            {Param(trust)}, [&](Row& row) -> Result<void> {
              frameworks.push_back(TRY(ReadFramework(row)));
              return Ok();
            }));
  return frameworks;
}

Result<FrameworkContent> SqlStore::GetFrameworkContent(TrustId trust, FrameworkId id) {
  auto lease = TRY(Hold());
  FrameworkContent content;
  TRY(InTransaction(TxKind::kRead, [&]() -> Result<void> {
    auto found = TRY(One(std::string("SELECT ") + kFrameworkColumns +
                             " FROM frameworks f WHERE f.id = ? AND " + kVisible,
                         {Param(id), Param(trust)}, &ReadFramework));
    if (!found) return NotFound("framework");
    content.framework = std::move(*found);
    TRY(Query(std::string("SELECT ") + kAreaColumns +
                  " FROM framework_areas ar WHERE ar.framework_id = ? ORDER BY ar.position, ar.id",
              {Param(id)}, [&](Row& row) -> Result<void> {
                content.areas.push_back(TRY(ReadArea(row)));
                return Ok();
              }));
    return Query(std::string("SELECT ") + kCompetencyColumns +
                     " FROM competencies c JOIN framework_areas ar ON ar.id = c.area_id"
                     " WHERE c.framework_id = ? ORDER BY ar.position, ar.id, c.position, c.id",
                 {Param(id)}, [&](Row& row) -> Result<void> {
                   content.competencies.push_back(TRY(ReadCompetency(row)));
                   return Ok();
                 });
  }));
  return content;
}

Result<std::optional<Framework>> SqlStore::FindFramework(std::optional<TrustId> owner,
                                                            const std::string& code,
                                                            const std::string& version) {
  auto lease = TRY(Hold());
  return One(std::string("SELECT ") + kFrameworkColumns +
                 " FROM frameworks f WHERE coalesce(f.trust_id, 0) = ? AND f.code = ? AND "
                 "f.version = ?",
             {Param(owner ? owner->value() : int64_t{0}), Param(code), Param(version)},
             &ReadFramework);
}

Result<Competency> SqlStore::GetCompetency(TrustId trust, CompetencyId id) {
  auto lease = TRY(Hold());
  auto found = TRY(One(std::string("SELECT ") + kCompetencyColumns +
                           " FROM competencies c JOIN frameworks f ON f.id = c.framework_id"
                           " WHERE c.id = ? AND " + kVisible,
                       {Param(id), Param(trust)}, &ReadCompetency));
  if (!found) return NotFound("competency");
  return *found;
}

// ---- Role profiles ----

Result<void> SqlStore::WriteRequirements(const RoleProfile& p) {
  TRY(Write("DELETE FROM role_profile_requirements WHERE profile_id = ?", {Param(p.id)}));
  int position = 0;
  for (const talent::Requirement& q : p.requirements) {
    TRY(Write("INSERT INTO role_profile_requirements (profile_id, competency_id, level, weight, "
              "position) VALUES (?, ?, ?, ?, ?)",
              {Param(p.id), Param(q.competency), Param(q.level), Param(q.weight), Param(++position)},
              {{{"role_profile_requirements.profile_id, role_profile_requirements.competency_id",
                 {"requirements", "lists a competency twice", std::to_string(q.competency.value())}}},
               {{"competencies", q.competency.value(), std::nullopt,
                 {"requirements", "no such competency", std::to_string(q.competency.value())}}}}));
  }
  return Ok();
}

Result<void> SqlStore::ReadRequirements(std::vector<RoleProfile>& profiles) {
  for (RoleProfile& p : profiles) {
    p.requirements.clear();
    TRY(Query("SELECT q.competency_id, q.level, q.weight FROM role_profile_requirements q "
              "WHERE q.profile_id = ? ORDER BY q.position",
              {Param(p.id)}, [&](Row& row) -> Result<void> {
                talent::Requirement q;
                q.competency = row.Id<CompetencyId>();
                q.level = static_cast<int>(row.Int());
                q.weight = row.Real();
                p.requirements.push_back(q);
                return Ok();
              }));
  }
  return Ok();
}

Result<RoleProfile> SqlStore::Insert(const RoleProfile& p) {
  auto lease = TRY(Hold());
  RoleProfileId id;
  TRY(InTransaction(TxKind::kWrite, [&]() -> Result<void> {
    const int64_t new_id = TRY(InsertRow("INSERT INTO role_profiles (trust_id, post_id, stage, name) VALUES (?, ?, ?, ?)",
              {Param(p.trust), Param(p.post), Param(p.stage), Param(p.name)}, ProfileRules(p)));
    RoleProfile stored = p;
    stored.id = id = RoleProfileId(new_id);
    return WriteRequirements(stored);
  }));
  return GetRoleProfile(p.trust, id);
}

Result<void> SqlStore::Update(const RoleProfile& p) {
  auto lease = TRY(Hold());
  return InTransaction(TxKind::kWrite, [&]() -> Result<void> {
    const int64_t changed =
        TRY(Write("UPDATE role_profiles SET post_id = ?, stage = ?, name = ? "
                  "WHERE id = ? AND trust_id = ?",
                  {Param(p.post), Param(p.stage), Param(p.name), Param(p.id), Param(p.trust)},
                  ProfileRules(p)));
    if (changed == 0) return NotFound("role profile");
    return WriteRequirements(p);
  });
}

Result<RoleProfile> SqlStore::GetRoleProfile(TrustId trust, RoleProfileId id) {
  auto lease = TRY(Hold());
  std::vector<RoleProfile> found;
  TRY(InTransaction(TxKind::kRead, [&]() -> Result<void> {
    auto one = TRY(One(std::string("SELECT ") + kProfileColumns +
                           " FROM role_profiles rp WHERE rp.id = ? AND rp.trust_id = ?",
                       {Param(id), Param(trust)}, &ReadProfile));
    if (!one) return NotFound("role profile");
    found.push_back(std::move(*one));
    return ReadRequirements(found);
  }));
  return std::move(found.front());
}

Result<Listing<RoleProfile>> SqlStore::ListRoleProfiles(const RoleProfileFilter& f) {
  auto lease = TRY(Hold());
  Conditions where;
  where.And("rp.trust_id = ?", {Param(f.trust)});
  if (f.post) where.And("rp.post_id = ?", {Param(*f.post)});
  if (f.stage) where.And("rp.stage = ?", {Param(*f.stage)});
  Listing<RoleProfile> listing;
  TRY(InTransaction(TxKind::kRead, [&]() -> Result<void> {
    listing = TRY(List(kProfileColumns, "role_profiles rp", where,
                       "rp.post_id IS NULL, rp.post_id, " +
                           EnumOrder<org::CareerStage>("rp.stage") + ", rp.id",
                       {}, f.page, &ReadProfile));
    return ReadRequirements(listing.items);
  }));
  return listing;
}

// ---- Assessments ----

Result<Assessment> SqlStore::Insert(const Assessment& a) {
  auto lease = TRY(Hold());
  const int64_t new_id = TRY(InsertRow("INSERT INTO assessments (trust_id, person_id, competency_id, level, assessor_id, "
            "assessor_name, assessed_on, evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            {Param(a.trust), Param(a.person), Param(a.competency), Param(a.level),
             Param(a.assessor), Param(a.assessor_name), Param(a.assessed_on), Param(a.evidence)},
            AssessmentRules(a)));
  return GetAssessment(a.trust, AssessmentId(new_id));
}

Result<void> SqlStore::Update(const Assessment& a) {
  auto lease = TRY(Hold());
  const int64_t changed = TRY(Write(
      "UPDATE assessments SET person_id = ?, competency_id = ?, level = ?, assessor_id = ?, "
      "assessor_name = ?, assessed_on = ?, evidence = ? WHERE id = ? AND trust_id = ?",
      {Param(a.person), Param(a.competency), Param(a.level), Param(a.assessor),
       Param(a.assessor_name), Param(a.assessed_on), Param(a.evidence), Param(a.id),
       Param(a.trust)},
      AssessmentRules(a)));
  if (changed == 0) return NotFound("assessment");
  return Ok();
}

Result<Assessment> SqlStore::GetAssessment(TrustId trust, AssessmentId id) {
  auto lease = TRY(Hold());
  auto found = TRY(One(std::string("SELECT ") + kAssessmentColumns +
                           " FROM assessments a WHERE a.id = ? AND a.trust_id = ?",
                       {Param(id), Param(trust)}, &ReadAssessment));
  if (!found) return NotFound("assessment");
  return *found;
}

Result<Listing<Assessment>> SqlStore::ListAssessments(const AssessmentFilter& f) {
  auto lease = TRY(Hold());
  Conditions where;
  where.And("a.trust_id = ?", {Param(f.trust)});
  if (f.person) where.And("a.person_id = ?", {Param(*f.person)});
  if (f.competency) where.And("a.competency_id = ?", {Param(*f.competency)});
  if (f.only) where.And(Conn().InIds("a.person_id"), {IdsJson(*f.only)});
  if (f.latest_only) where.And(kLatest);
  return List(kAssessmentColumns, "assessments a", where, "a.assessed_on DESC, a.id DESC", {},
              f.page, &ReadAssessment);
}

Result<std::vector<LatestLevel>> SqlStore::LatestLevels(TrustId trust) {
  auto lease = TRY(Hold());
  std::vector<LatestLevel> levels;
  TRY(Query(std::string("SELECT a.id, a.person_id, a.competency_id, a.level, a.assessed_on "
                        "FROM assessments a WHERE a.trust_id = ? AND ") +
                kLatest + " ORDER BY a.person_id, a.competency_id",
            {Param(trust)}, [&](Row& row) -> Result<void> {
              levels.push_back(TRY(ReadLatestLevel(row)));
              return Ok();
            }));
  return levels;
}

}  // namespace trellis::store::sql
