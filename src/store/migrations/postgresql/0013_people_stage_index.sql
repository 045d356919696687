-- The people table keeps only the indexes its integrity and lookups need (ADR 0011).
--
-- PostgreSQL's words for sqlite/0013_people_stage_index.sql, which says why.
DROP INDEX people_trust_stage;
