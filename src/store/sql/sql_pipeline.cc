// SqlStore: pipeline snapshots, the headline figures behind the dashboard's trend.

#include "store/sql/sql_store.h"

namespace trellis::store::sql {
namespace {

using succession::PipelineSnapshot;

constexpr char kSnapshotColumns[] =
    "ps.id, ps.trust_id, ps.cycle_id, ps.taken_on, ps.key_posts, ps.covered, "
    "ps.ready_now_covered, ps.bench_total, ps.bench_posts, ps.named_internally, ps.overloaded";

size_t Count(Row& r) { return static_cast<size_t>(r.Int()); }

Result<PipelineSnapshot> ReadSnapshot(Row& r) {
  PipelineSnapshot s;
  s.id = r.Id<PipelineSnapshotId>();
  s.trust = r.Id<TrustId>();
  s.cycle = r.OptId<ReviewCycleId>();
  s.taken_on = TRY(r.DateValue());
  const size_t key_posts = Count(r);
  s.coverage = {.numerator = Count(r), .denominator = key_posts};
  s.ready_now_coverage = {.numerator = Count(r), .denominator = key_posts};
  s.bench.total = r.Real();
  s.bench.posts = Count(r);
  const size_t named = Count(r);
  s.overload = {.numerator = Count(r), .denominator = named};
  return s;
}

int64_t Stored(size_t count) { return static_cast<int64_t>(count); }

}  // namespace

// Coverage and ready-now coverage share their denominator (the key posts), so one column
// keeps it; a snapshot whose two denominators differ was not measured by MeasurePipeline.
Result<PipelineSnapshot> SqlStore::Insert(const PipelineSnapshot& s) {
  auto lease = TRY(Hold());
  if (s.coverage.denominator != s.ready_now_coverage.denominator)
    return Fail(ErrorCode::kInternal,
                "a pipeline snapshot's coverage and ready-now coverage must have one denominator");
  const int64_t new_id = TRY(InsertRow(
      "INSERT INTO pipeline_snapshots (trust_id, cycle_id, taken_on, key_posts, covered, "
      "ready_now_covered, bench_total, bench_posts, named_internally, overloaded) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {Param(s.trust), Param(s.cycle), Param(s.taken_on), Stored(s.coverage.denominator),
       Stored(s.coverage.numerator), Stored(s.ready_now_coverage.numerator), Param(s.bench.total),
       Stored(s.bench.posts), Stored(s.overload.denominator), Stored(s.overload.numerator)},
      {{{"pipeline_snapshots.trust_id, pipeline_snapshots.cycle_id",
         {"cycle_id", "already has a pipeline snapshot",
          s.cycle ? std::to_string(s.cycle->value()) : std::string()}}},
       {TrustRef(s.trust), Ref("review_cycles", s.cycle, s.trust, "cycle_id",
                               "no such review cycle in this trust")}}));
  const PipelineSnapshotId id(new_id);
  auto found = TRY(One(std::string("SELECT ") + kSnapshotColumns +
                           " FROM pipeline_snapshots ps WHERE ps.id = ? AND ps.trust_id = ?",
                       {Param(id), Param(s.trust)}, &ReadSnapshot));
  if (!found) return NotFound("pipeline snapshot");
  return *found;
}

Result<std::vector<PipelineSnapshot>> SqlStore::ListPipelineSnapshots(TrustId trust) {
  auto lease = TRY(Hold());
  std::vector<PipelineSnapshot> snapshots;
  TRY(Query(std::string("SELECT ") + kSnapshotColumns +
                " FROM pipeline_snapshots ps WHERE ps.trust_id = ? ORDER BY ps.taken_on, ps.id",
            {Param(trust)}, [&](Row& row) -> Result<void> {
              snapshots.push_back(TRY(ReadSnapshot(row)));
              return Ok();
            }));
  return snapshots;
}

}  // namespace trellis::store::sql
