#pragma once
// The daily retention run of a server (`trellis serve`): a background thread that, from the
// configured hour (UTC) each day, runs every trust's retention rules once. Several servers on
// one database each try; the store's claim (store::Store::ClaimRetentionRun) lets exactly one
// run each trust on each day.

#include <chrono>
#include <optional>
#include <vector>

#include "core/clock.h"
#include "core/periodic.h"
#include "core/result.h"
#include "privacy/retention.h"
#include "store/store.h"

namespace trellis::privacy {

// Who the audit log says ran a scheduled retention run.
org::Actor ScheduleActor();

// One look at the clock: when it is `hour` o'clock (UTC) or later and `done` is not today,
// runs every trust's rules (claiming each trust's day) and sets `done` to today. The reports
// of the trusts this call ran (none before the hour, or when other servers ran them all).
// A trust whose run fails does not stop the others; the first failure is returned after all
// have been tried, and `done` is left as it was so that the next look tries again.
[[nodiscard]] Result<std::vector<RetentionReport>> RunDueRetention(store::Store& store,
                                                                   const Clock& clock, int hour,
                                                                   std::optional<Date>& done);

class RetentionSchedule {
 public:
  // Starts the thread: it looks every `every` (RunDueRetention) until destroyed, logging what
  // each run removed and any failure.
  RetentionSchedule(store::Store& store, const Clock& clock, int hour,
                    std::chrono::seconds every = std::chrono::minutes(5));
  RetentionSchedule(const RetentionSchedule&) = delete;
  RetentionSchedule& operator=(const RetentionSchedule&) = delete;
  ~RetentionSchedule();  // stops the thread, waiting for a run under way to finish

 private:
  void Look();

  store::Store& store_;
  const Clock& clock_;
  const int hour_;
  std::optional<Date> done_;  // the day of the last complete run; only the thread touches it
  std::optional<Periodic> thread_;
};

}  // namespace trellis::privacy
