#pragma once
// The names of competencies (of frameworks a trust sees), each read once however often a
// list mentions it: gaps in a ranking, a plan or a development action.

#include <string>
#include <unordered_map>

#include "core/ids.h"
#include "core/result.h"
#include "store/store.h"

namespace trellis::talent {

class CompetencyNames {
 public:
  CompetencyNames(store::Store& store, TrustId trust) : store_(store), trust_(trust) {}

  // kNotFound unless the trust sees the competency.
  [[nodiscard]] Result<std::string> Of(CompetencyId id);

 private:
  store::Store& store_;
  TrustId trust_;
  std::unordered_map<CompetencyId, std::string> names_;
};

}  // namespace trellis::talent
