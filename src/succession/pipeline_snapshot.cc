#include "succession/pipeline_snapshot.h"

namespace trellis::succession {

PipelineSnapshot HeadlineOf(const PipelineMetrics& metrics, Date day) {
  return {.id = {},
          .trust = {},
          .cycle = std::nullopt,
          .taken_on = day,
          .coverage = metrics.overall.coverage.figure,
          .ready_now_coverage = metrics.overall.ready_now_coverage.figure,
          .bench = metrics.overall.bench,
          .overload = metrics.overload};
}

}  // namespace trellis::succession
