#include "succession/settings.h"

namespace trellis::succession {

std::vector<Problem> Check(const SuccessionSettings& settings) {
  std::vector<Problem> problems = Check(settings.formula);
  for (Problem& p : Check(settings.simulation)) problems.push_back(std::move(p));
  return problems;
}

}  // namespace trellis::succession
