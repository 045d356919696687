#include "demo/trend.h"

#include <vector>

#include "succession/plan_evaluation.h"
#include "succession/trust_pipeline.h"

namespace trellis::demo {
namespace {

using succession::PlanContent;
using succession::Readiness;

Readiness AYearEarlier(Readiness readiness) {
  switch (readiness) {
    case Readiness::kReadyNow:
      return Readiness::kOneToTwoYears;
    case Readiness::kOneToTwoYears:
    case Readiness::kThreePlusYears:
      return Readiness::kThreePlusYears;
  }
  return Readiness::kThreePlusYears;
}

// The plans as they stood a year before (see trend.h): the first choice alone, a year less
// ready than the readiness that counts today.
std::vector<PlanContent> AYearBefore(const succession::TrustPipeline& pipeline) {
  std::vector<PlanContent> plans;
  for (const PlanContent& plan : pipeline.plans) {
    PlanContent then = plan;
    then.candidates.clear();
    const auto evaluation =
        succession::EvaluatePlan(pipeline.snapshot, plan, pipeline.settings.formula);
    if (evaluation && !plan.candidates.empty()) {
      succession::PlanCandidate first = plan.candidates.front();  // by rank
      first.readiness = AYearEarlier(evaluation->candidates.front().readiness);
      first.readiness_reason = "As judged a year ago.";
      then.candidates.push_back(std::move(first));
    }
    plans.push_back(std::move(then));
  }
  return plans;
}

}  // namespace

Result<void> WriteTrend(store::Store& tx, TrustId trust, Date today) {
  std::vector<talent::ReviewCycle> closed;
  for (auto& cycle : TRY(tx.ListReviewCycles(trust)))  // newest first
    if (cycle.status == talent::CycleStatus::kClosed && cycle.closed_on)
      closed.push_back(std::move(cycle));
  if (closed.size() < 2)
    return Fail(ErrorCode::kInternal, "the demo trust should have two closed review cycles");
  succession::TrustPipeline pipeline = TRY(succession::ReadTrustPipeline(tx, trust, today));

  auto record = [&](const talent::ReviewCycle& cycle,
                    const succession::PipelineMetrics& metrics) -> Result<void> {
    succession::PipelineSnapshot snapshot = succession::HeadlineOf(metrics, *cycle.closed_on);
    snapshot.trust = trust;
    snapshot.cycle = cycle.id;
    TRY(tx.Insert(snapshot));
    return Ok();
  };
  // pipeline.metrics measures the plans as they stand (ReadTrustPipeline), and stays so when
  // the plans are swapped for the year before's: only those need measuring. The earlier
  // cycle's snapshot is written first.
  const succession::PipelineMetrics& now = pipeline.metrics;
  pipeline.plans = AYearBefore(pipeline);
  TRY(record(closed[1], succession::MeasuredOn(pipeline)));
  return record(closed[0], now);
}

}  // namespace trellis::demo
