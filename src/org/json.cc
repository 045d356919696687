#include "org/json.h"

namespace trellis::org {
namespace {

using nlohmann::json;

template <typename Tag>
json IdOrNull(const std::optional<Id<Tag>>& id) {
  return id ? json(id->value()) : json(nullptr);
}

json DateOrNull(const std::optional<Date>& date) {
  return date ? json(date->ToIso()) : json(nullptr);
}

template <typename T>
json ValueOrNull(const std::optional<T>& value) {
  return value ? json(*value) : json(nullptr);
}

json StageOrNull(const std::optional<CareerStage>& stage) {
  return stage ? json(Code(*stage)) : json(nullptr);
}

}  // namespace

json ToJson(const Trust& trust) {
  return {{"id", trust.id.value()},
          {"name", trust.name},
          {"reference", trust.reference},
          {"created_at", ToIso(trust.created_at)}};
}

json ToJson(const School& s) {
  return {{"id", s.id.value()},         {"trust_id", s.trust.value()},
          {"urn", s.urn},               {"name", s.name},
          {"phase", s.phase},           {"type", s.type},
          {"status", s.status},         {"local_authority", s.local_authority},
          {"region", s.region},         {"pupils", ValueOrNull(s.pupils)},
          {"postcode", s.postcode},     {"easting", ValueOrNull(s.easting)},
          {"northing", ValueOrNull(s.northing)}};
}

json ToJson(const Body& b) {
  return {{"id", b.id.value()},
          {"trust_id", b.trust.value()},
          {"kind", Code(b.kind)},
          {"name", b.name},
          {"school_id", IdOrNull(b.school)},
          {"parent_id", IdOrNull(b.parent)}};
}

json ToJson(const Person& p) {
  return {{"id", p.id.value()},
          {"trust_id", p.trust.value()},
          {"reference", p.reference},
          {"given_name", p.given_name},
          {"family_name", p.family_name},
          {"email", p.email},
          {"stage", StageOrNull(p.stage)},
          {"joined_trust", DateOrNull(p.joined_trust)},
          {"left_trust", DateOrNull(p.left_trust)}};
}

json ToJson(const Post& p) {
  return {{"id", p.id.value()},
          {"trust_id", p.trust.value()},
          {"reference", p.reference},
          {"title", p.title},
          {"school_id", IdOrNull(p.school)},
          {"body_id", IdOrNull(p.body)},
          {"family", Code(p.family)},
          {"stage", StageOrNull(p.stage)},
          {"workforce_census_role", p.workforce_census_role},
          {"fte", p.fte},
          {"key", p.key}};
}

json ToJson(const Holding& h) {
  return {{"id", h.id.value()},       {"trust_id", h.trust.value()},
          {"post_id", h.post.value()}, {"person_id", h.person.value()},
          {"start", h.start.ToIso()},  {"end", DateOrNull(h.end)},
          {"contract", Code(h.contract)}, {"fte", h.fte}};
}

json ToJson(const Membership& m) {
  return {{"id", m.id.value()},
          {"trust_id", m.trust.value()},
          {"body_id", m.body.value()},
          {"person_id", m.person.value()},
          {"role", Code(m.role)},
          {"term_start", m.term_start.ToIso()},
          {"term_end", DateOrNull(m.term_end)}};
}

json ToJson(const LineLink& l) {
  return {{"id", l.id.value()},           {"trust_id", l.trust.value()},
          {"manager_id", l.manager.value()}, {"report_id", l.report.value()},
          {"start", l.start.ToIso()},      {"end", DateOrNull(l.end)}};
}

}  // namespace trellis::org
