#pragma once
// Bench strength (HRSG CompetencyCore's definition): the bench of key post p is every
// person eligible for p (as the ranking engine judges eligibility) whose match m is at least
// the trust's bench threshold θ. A person on the benches of n posts counts 1/n on each, so a
// few strong people cannot make every post look safe. The strength of p is the sum of its
// bench's counts; the strength of a group of posts is the sum over the group ÷ the number of
// posts in it. Pure computation over a Snapshot.

#include <vector>

#include "succession/formula.h"
#include "succession/snapshot.h"

namespace trellis::succession {

struct BenchStrength {
  std::vector<std::vector<PersonId>> bench;  // per post of the snapshot, in its order
  std::vector<double> strength;              // per post
};

BenchStrength ComputeBench(const Snapshot& snapshot, const FormulaSettings& settings);

// Strength of a group of posts (indexes into the snapshot's posts); 0 for an empty group.
double GroupStrength(const BenchStrength& bench, const std::vector<size_t>& posts);

}  // namespace trellis::succession
