#pragma once
// A trust's settings of the succession formulas: the ranking's weights and thresholds and the
// attrition simulation's probabilities, kept together (the store holds one per trust, and a
// trust without one uses the documented defaults of docs/formulas.md).

#include <vector>

#include "core/error.h"
#include "succession/formula.h"
#include "succession/simulation.h"

namespace trellis::succession {

struct SuccessionSettings {
  FormulaSettings formula;
  SimulationSettings simulation;
};

// Every problem of both parts (succession::Check of each), with their field names; the two
// parts name no field alike, so the names stay unambiguous side by side.
std::vector<Problem> Check(const SuccessionSettings& settings);

}  // namespace trellis::succession
