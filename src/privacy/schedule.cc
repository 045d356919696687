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
    : store_(store), clock_(clock), hour_(hour), every_(every), thread_([this] { Loop(); }) {}

RetentionSchedule::~RetentionSchedule() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void RetentionSchedule::Loop() {
  std::optional<Date> done;
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    auto ran = RunDueRetention(store_, clock_, hour_, done);
    if (!ran) spdlog::error("scheduled retention run failed: {}", ran.error().message);
    for (const auto& report : ran.value_or(std::vector<RetentionReport>{}))
      spdlog::info("retention run of trust {}: {}", report.trust.value(), ToJson(report)["removed"].dump());
    lock.lock();
    wake_.wait_for(lock, every_, [this] { return stopping_; });
  }
}

}  // namespace trellis::privacy
