#include "succession/bench.h"

#include <unordered_map>

#include "succession/ranking.h"

namespace trellis::succession {

BenchStrength ComputeBench(const Snapshot& snapshot, const FormulaSettings& settings) {
  BenchStrength result;
  const size_t n = snapshot.posts().size();
  result.strength.assign(n, 0.0);
  std::unordered_map<PersonId, int> benches_of;
  result.bench = EligibleWithMatch(snapshot, settings, settings.bench_match);
  for (const auto& bench : result.bench)
    for (PersonId person : bench) ++benches_of[person];
  for (size_t p = 0; p < n; ++p)
    for (PersonId person : result.bench[p]) result.strength[p] += 1.0 / benches_of[person];
  return result;
}

double GroupStrength(const BenchStrength& bench, const std::vector<size_t>& posts) {
  if (posts.empty()) return 0.0;
  double sum = 0;
  for (size_t p : posts) sum += bench.strength.at(p);
  return sum / static_cast<double>(posts.size());
}

}  // namespace trellis::succession
