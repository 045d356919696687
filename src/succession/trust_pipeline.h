#pragma once
// A trust's succession pipeline read from the store in bulk reads and measured: what the
// dashboard, the reports (reports.h) and the trend's snapshots (pipeline_snapshot.h) are
// built from. The reads are here; everything computed from them is pure (metrics.h,
// reports.h).

#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "development/action.h"
#include "org/model.h"
#include "org/record_writes.h"
#include "store/store.h"
#include "succession/metrics.h"
#include "succession/pipeline_snapshot.h"
#include "succession/plan.h"
#include "succession/settings.h"
#include "succession/snapshot.h"
#include "talent/review.h"

namespace trellis::succession {

// The trust's records the pipeline is measured from, and its metrics.
struct TrustPipeline {
  Snapshot snapshot;  // BuildTrustSnapshot on `today`
  std::vector<PlanContent> plans;
  std::vector<LossRisk> risks;
  std::vector<development::DevelopmentAction> actions;
  std::vector<org::School> schools;                 // by id
  std::unordered_map<PersonId, std::string> names;  // everyone of the trust, leavers included
  SuccessionSettings settings;                      // the trust's own
  Date today;
  PipelineMetrics metrics;  // MeasuredOn(*this)

  // How the pipeline's lists name what they mention. The person's name: empty for someone
  // not of the trust.
  std::string NameOf(PersonId person) const;
  // The school's name; empty for none (a trust-wide post) or one not of the trust.
  std::string SchoolNameOf(const std::optional<SchoolId>& school) const;
  // One of the snapshot's key posts: every post the metrics list is one.
  const KeyPost& KeyPostOf(PostId post) const;
};

// MeasurePipeline over the pipeline's records, with its settings and day.
PipelineMetrics MeasuredOn(const TrustPipeline& pipeline);

// The latest closed talent review cycle, what the reports read of it, and every school's
// staff.
struct ReviewRecords {
  std::optional<talent::ReviewCycle> cycle;          // empty: no cycle has closed yet
  std::vector<talent::Rating> ratings;               // the cycle's
  std::vector<talent::CalibrationMeeting> meetings;  // the cycle's
  // The people holding a post at each school on the day read (by person id, once each).
  std::map<SchoolId, std::vector<PersonId>> staff;
};

// Reads and measures the trust's pipeline on `today`, in a fixed number of bulk reads
// whatever the size of the trust. kNotFound when the trust does not exist.
[[nodiscard]] Result<TrustPipeline> ReadTrustPipeline(store::Store& store, TrustId trust,
                                                      Date today);

// Reads the trust's latest closed review cycle (by year) with its ratings and meetings, and
// the staff of its schools on `today`.
[[nodiscard]] Result<ReviewRecords> ReadLatestReview(store::Store& store, TrustId trust,
                                                     Date today);

// Measures the trust's pipeline on the clock's day and keeps its headline figures as a
// snapshot, for `cycle` (the review cycle whose closing this records) or on demand (empty),
// with an audit entry (action "create", entity "pipeline_snapshot", the snapshot's figures
// as after), both through `store`: pass the transaction of the change that prompts it. Fails
// as ReadTrustPipeline does, and as Store::Insert does (kConflict when the cycle has one).
[[nodiscard]] Result<PipelineSnapshot> RecordPipelineSnapshot(store::Store& store, TrustId trust,
                                                              std::optional<ReviewCycleId> cycle,
                                                              const Clock& clock,
                                                              const org::Actor& actor);

// Closes the talent review cycle (talent::ReviewService::Close) and records the pipeline's
// snapshot for it, in one transaction of `store`: measured after the ratings become final, so
// that a closed cycle always has its snapshot. Fails as either does, and then nothing is
// written.
[[nodiscard]] Result<talent::ReviewCycle> CloseReviewCycle(store::Store& store, TrustId trust,
                                                           ReviewCycleId cycle, const Clock& clock,
                                                           const org::Actor& actor);

}  // namespace trellis::succession
