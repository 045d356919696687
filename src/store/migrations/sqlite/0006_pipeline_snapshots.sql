-- The succession pipeline's headline figures at a moment (succession::PipelineSnapshot), kept
-- for the dashboard's trend across review cycles: one is taken when a talent review cycle
-- closes (at most one per cycle) and whenever a trust admin asks (no cycle). Each figure is
-- kept as numerator and denominator, as the dashboard shows it ("23 of 35"); the bench as its
-- total over the key posts. Aggregates only: nothing here names a person or a post.
--
-- Rows are history: the store offers no way to change or remove one.
CREATE TABLE pipeline_snapshots (
  id                INTEGER PRIMARY KEY,
  trust_id          INTEGER NOT NULL REFERENCES trusts (id),
  cycle_id          INTEGER,
  taken_on          TEXT NOT NULL,
  key_posts         INTEGER NOT NULL CHECK (key_posts >= 0),
  covered           INTEGER NOT NULL CHECK (covered BETWEEN 0 AND key_posts),
  ready_now_covered INTEGER NOT NULL CHECK (ready_now_covered BETWEEN 0 AND covered),
  bench_total       REAL NOT NULL CHECK (bench_total >= 0),
  bench_posts       INTEGER NOT NULL CHECK (bench_posts >= 0),
  named_internally  INTEGER NOT NULL CHECK (named_internally >= 0),
  overloaded        INTEGER NOT NULL CHECK (overloaded BETWEEN 0 AND named_internally),
  UNIQUE (trust_id, id),
  FOREIGN KEY (trust_id, cycle_id) REFERENCES review_cycles (trust_id, id)
);
-- At most one per review cycle.
CREATE UNIQUE INDEX pipeline_snapshots_cycle ON pipeline_snapshots (trust_id, cycle_id)
  WHERE cycle_id IS NOT NULL;
-- The trend, oldest first.
CREATE INDEX pipeline_snapshots_taken ON pipeline_snapshots (trust_id, taken_on, id);
