#include "talent/json.h"

#include "core/enum_names.h"
#include "org/model.h"

namespace trellis::talent {

using nlohmann::json;

json ToJson(const Framework& f) {
  json labels = json::array();
  for (size_t i = 0; i < f.level_labels.size(); ++i)
    labels.push_back({{"level", static_cast<int>(i) + 1}, {"label", f.level_labels[i]}});
  return {{"id", f.id.value()},
          {"trust_id", f.trust ? json(f.trust->value()) : json(nullptr)},
          {"shipped", f.shipped()},
          {"read_only", f.shipped()},
          {"code", f.code},
          {"name", f.name},
          {"version", f.version},
          {"source", f.source},
          {"levels", labels}};
}

json ToJson(const Area& a) {
  return {{"id", a.id.value()},
          {"framework_id", a.framework.value()},
          {"name", a.name},
          {"position", a.position}};
}

json ToJson(const Competency& c) {
  return {{"id", c.id.value()},       {"framework_id", c.framework.value()},
          {"area_id", c.area.value()}, {"code", c.code},
          {"name", c.name},           {"description", c.description},
          {"position", c.position}};
}

json ToJson(const FrameworkContent& content) {
  json out = ToJson(content.framework);
  json areas = json::array();
  for (const Area& area : content.areas) {
    json item = ToJson(area);
    json competencies = json::array();
    for (const Competency& c : content.competencies)
      if (c.area == area.id) competencies.push_back(ToJson(c));
    item["competencies"] = std::move(competencies);
    areas.push_back(std::move(item));
  }
  out["areas"] = std::move(areas);
  return out;
}

json ToJson(const RoleProfile& r) {
  json requirements = json::array();
  for (const Requirement& q : r.requirements)
    requirements.push_back(
        {{"competency_id", q.competency.value()}, {"level", q.level}, {"weight", q.weight}});
  return {{"id", r.id.value()},
          {"trust_id", r.trust.value()},
          {"post_id", r.post ? json(r.post->value()) : json(nullptr)},
          {"stage", r.stage ? json(Code(*r.stage)) : json(nullptr)},
          {"name", r.name},
          {"requirements", requirements}};
}

json ToJson(const Assessment& a) {
  return {{"id", a.id.value()},
          {"trust_id", a.trust.value()},
          {"person_id", a.person.value()},
          {"competency_id", a.competency.value()},
          {"level", a.level},
          {"assessor_id", a.assessor ? json(a.assessor->value()) : json(nullptr)},
          {"assessor_name", a.assessor_name},
          {"assessed_on", a.assessed_on.ToIso()},
          {"evidence", a.evidence}};
}

}  // namespace trellis::talent
