#include "succession/bench.h"

#include <cmath>
#include <unordered_map>

#include "succession/ranking.h"

namespace trellis::succession {

BenchStrength ComputeBench(const Snapshot& snapshot, const FormulaSettings& settings) {
  BenchStrength result;
  const size_t n = snapshot.posts().size();
  result.bench.resize(n);
  result.strength.assign(n, 0.0);
  std::unordered_map<PersonId, int> benches_of;
  const int64_t threshold = std::llround(settings.bench_match * 1e9);
  for (size_t p = 0; p < n; ++p) {
    for (const auto& c : Rank(snapshot, p, settings).candidates) {
      if (std::llround(c.match * 1e9) < threshold) continue;
      result.bench[p].push_back(c.person);
      ++benches_of[c.person];
    }
  }
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
