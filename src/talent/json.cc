#include "talent/json.h"

#include "core/enum_names.h"
#include "core/json.h"
#include "org/model.h"

namespace trellis::talent {

using nlohmann::json;

json ToJson(const Framework& f) {
  json labels = json::array();
  for (size_t i = 0; i < f.level_labels.size(); ++i)
    labels.push_back({{"level", static_cast<int>(i) + 1}, {"label", f.level_labels[i]}});
  return {{"id", f.id.value()},
          {"trust_id", OrNull(f.trust)},
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
          {"post_id", OrNull(r.post)},
          {"stage", OrNull(r.stage)},
          {"name", r.name},
          {"requirements", requirements}};
}

json ToJson(const Assessment& a) {
  return {{"id", a.id.value()},
          {"trust_id", a.trust.value()},
          {"person_id", a.person.value()},
          {"competency_id", a.competency.value()},
          {"level", a.level},
          {"assessor_id", OrNull(a.assessor)},
          {"assessor_name", a.assessor_name},
          {"assessed_on", a.assessed_on.ToIso()},
          {"evidence", a.evidence}};
}

json ToJson(Box box) { return {{"performance", box.performance}, {"potential", box.potential}}; }

json ToJson(const ReviewCycle& c) {
  json boxes = json::array();
  for (size_t i = 0; i < c.box_names.size(); ++i) {
    json one = ToJson(BoxAt(i));
    one["name"] = c.box_names[i];
    boxes.push_back(std::move(one));
  }
  return {{"id", c.id.value()},
          {"trust_id", c.trust.value()},
          {"year", c.year},
          {"name", c.name},
          {"status", Code(c.status)},
          {"opened_on", c.opened_on.ToIso()},
          {"closed_on", OrNull(c.closed_on)},
          {"people_see_own_box", c.people_see_own_box},
          {"boxes", boxes}};
}

json ToJson(const Rating& r) {
  return {{"id", r.id.value()},
          {"trust_id", r.trust.value()},
          {"cycle_id", r.cycle.value()},
          {"person_id", r.person.value()},
          {"rater_id", r.rater.value()},
          {"proposal", ToJson(r.proposal)},
          {"rationale", r.rationale},
          {"evidence", r.evidence},
          {"proposed_at", ToIso(r.proposed_at)},
          {"calibrated", r.calibrated ? ToJson(*r.calibrated) : json(nullptr)},
          {"final", r.final}};
}

json ToJson(const CalibrationMeeting& m) {
  return {{"id", m.id.value()},
          {"trust_id", m.trust.value()},
          {"cycle_id", m.cycle.value()},
          {"level", Code(m.level)},
          {"school_id", OrNull(m.school)},
          {"held_on", m.held_on.ToIso()},
          {"attendees", m.attendees}};
}

json ToJson(const RatingAdjustment& a) {
  return {{"id", a.id.value()},
          {"trust_id", a.trust.value()},
          {"meeting_id", a.meeting.value()},
          {"rating_id", a.rating.value()},
          {"before", ToJson(a.before)},
          {"after", ToJson(a.after)},
          {"reason", a.reason},
          {"by_user_id", OrNull(a.by_user)},
          {"by", a.by},
          {"at", ToIso(a.at)}};
}

}  // namespace trellis::talent
