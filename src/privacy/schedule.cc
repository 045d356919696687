#include "privacy/schedule.h"

#include <spdlog/spdlog.h>

namespace trellis::privacy {

org::Actor ScheduleActor() { return {.user = {}, .name = "system", .remote = "retention schedule"}; }

Result<std::vector<RetentionReport>> RunDueRetention(store::Store& store, const Clock& clock,
                                                     int hour, std::optional<Date>& done) {
  const Instant now = clock.Now();
  const Date today = DateOf(now);
  std::vector<RetentionReport> reports;
  const auto since_midnight = now - Instant(today.days());
  if (done == today || since_midnight < std::chrono::hours(hour)) return reports;
  std::optional<Error> failed;
  for (const auto& trust : TRY(store.ListTrusts())) {
    auto ran = RunRetention(store, trust.id,
                            {.today = today, .now = now, .mode = RunMode::kApply,
                             .claim = RunClaim::kOncePerDay},
                            ScheduleActor());
    if (!ran) {
      if (!failed) failed = ran.error();
      continue;
    }
    if (*ran && AnyOn((*ran)->rules)) reports.push_back(**ran);
  }
  if (failed) return Fail(*failed);
  done = today;
  return reports;
}

RetentionSchedule::RetentionSchedule(store::Store& store, const Clock& clock, int hour,
                                     std::chrono::seconds every)
    : store_(store), clock_(clock), hour_(hour) {
  thread_.emplace(every, [this] { Look(); });
}

RetentionSchedule::~RetentionSchedule() { thread_.reset(); }

void RetentionSchedule::Look() {
  auto ran = RunDueRetention(store_, clock_, hour_, done_);
  if (!ran) spdlog::error("scheduled retention run failed: {}", ran.error().message);
  for (const auto& report : ran.value_or(std::vector<RetentionReport>{}))
    spdlog::info("retention run of trust {}: {}", report.trust.value(), ToJson(report)["removed"].dump());
}

}  // namespace trellis::privacy
