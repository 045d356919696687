#include "org/json.h"

#include "core/json.h"

namespace trellis::org {

using nlohmann::json;

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
          {"region", s.region},         {"pupils", OrNull(s.pupils)},
          {"postcode", s.postcode},     {"easting", OrNull(s.easting)},
          {"northing", OrNull(s.northing)}};
}

json ToJson(const Body& b) {
  return {{"id", b.id.value()},
          {"trust_id", b.trust.value()},
          {"kind", Code(b.kind)},
          {"name", b.name},
          {"school_id", OrNull(b.school)},
          {"parent_id", OrNull(b.parent)}};
}

json ToJson(const Person& p) {
  return {{"id", p.id.value()},
          {"trust_id", p.trust.value()},
          {"reference", p.reference},
          {"given_name", p.given_name},
          {"family_name", p.family_name},
          {"email", p.email},
          {"stage", OrNull(p.stage)},
          {"joined_trust", OrNull(p.joined_trust)},
          {"left_trust", OrNull(p.left_trust)}};
}

json ToJson(const Post& p) {
  return {{"id", p.id.value()},
          {"trust_id", p.trust.value()},
          {"reference", p.reference},
          {"title", p.title},
          {"school_id", OrNull(p.school)},
          {"body_id", OrNull(p.body)},
          {"family", Code(p.family)},
          {"stage", OrNull(p.stage)},
          {"workforce_census_role", p.workforce_census_role},
          {"fte", p.fte},
          {"key", p.key}};
}

json ToJson(const Holding& h) {
  return {{"id", h.id.value()},       {"trust_id", h.trust.value()},
          {"post_id", h.post.value()}, {"person_id", h.person.value()},
          {"start", h.start.ToIso()},  {"end", OrNull(h.end)},
          {"contract", Code(h.contract)}, {"fte", h.fte}};
}

json ToJson(const Membership& m) {
  return {{"id", m.id.value()},
          {"trust_id", m.trust.value()},
          {"body_id", m.body.value()},
          {"person_id", m.person.value()},
          {"role", Code(m.role)},
          {"term_start", m.term_start.ToIso()},
          {"term_end", OrNull(m.term_end)}};
}

json ToJson(const LineLink& l) {
  return {{"id", l.id.value()},           {"trust_id", l.trust.value()},
          {"manager_id", l.manager.value()}, {"report_id", l.report.value()},
          {"start", l.start.ToIso()},      {"end", OrNull(l.end)}};
}

}  // namespace trellis::org
