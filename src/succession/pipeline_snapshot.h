#pragma once
// The pipeline's headline figures at one moment, kept so the dashboard can show the trend
// across review cycles: coverage, ready-now coverage, bench strength and successor overload,
// each as numerator and denominator. One is taken whenever a talent review cycle closes (the
// close-cycle request records it in the same transaction) and whenever a trust admin asks.
// The figures are aggregates: no person, post or rating is named in one.

#include <optional>

#include "core/date.h"
#include "core/ids.h"
#include "succession/metrics.h"

namespace trellis::succession {

struct PipelineSnapshot {
  PipelineSnapshotId id;
  TrustId trust;
  // The review cycle whose closing took it; empty for one taken on demand.
  std::optional<ReviewCycleId> cycle;
  Date taken_on;
  Proportion coverage;            // ÷ key posts
  Proportion ready_now_coverage;  // ÷ key posts
  GroupBench bench;               // of all key posts: Σ strengths ÷ key posts
  Proportion overload;            // overloaded people ÷ people named internally

  bool operator==(const PipelineSnapshot&) const = default;
};

// The headline figures of `metrics` (MeasurePipeline's whole-trust figures), taken on `day`;
// id, trust and cycle are left for the caller.
PipelineSnapshot HeadlineOf(const PipelineMetrics& metrics, Date day);

}  // namespace trellis::succession
