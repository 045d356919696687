-- The people table keeps only the indexes its integrity and lookups need (ADR 0011; issue 4's
-- import target; docs/performance.md).

-- people_trust_stage served one filter, a trust's people at one career stage, and that list
-- is sorted by name in full whatever the filter (see 0012), so the index saved a constant
-- factor on a query that reads the trust's people anyway (a 1,000,000-person trust: 0.3 s a
-- page without it, 0.1 to 0.2 s with it; a real trust's few thousand: a few milliseconds
-- either way), while every person inserted paid for it: a third of what SQLite did to write
-- a national people file, whose stages, inserted in id order, split the index's pages in the
-- middle, never at its end.
DROP INDEX people_trust_stage;
