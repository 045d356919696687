#include "development/json.h"

#include "core/json.h"

namespace trellis::development {

using nlohmann::json;

json ToJson(const DevelopmentAction& a) {
  return {{"id", a.id.value()},
          {"trust_id", a.trust.value()},
          {"person_id", a.person.value()},
          {"kind", Code(a.kind)},
          {"title", a.title},
          {"description", a.description},
          {"source", Code(a.source)},
          {"gap_competency_id", OrNull(a.gap)},
          {"plan_id", OrNull(a.plan)},
          {"owner_id", OrNull(a.owner)},
          {"due_on", OrNull(a.due_on)},
          {"status", Code(a.status)},
          {"outcome", a.outcome},
          {"raised_on", a.raised_on.ToIso()},
          {"completed_on", OrNull(a.completed_on)}};
}

}  // namespace trellis::development
