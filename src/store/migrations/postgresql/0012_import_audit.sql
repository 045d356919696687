-- What a large import writes, made smaller (issue 4's import target; docs/performance.md).
--
-- PostgreSQL's words for sqlite/0012_import_audit.sql (see 0001 for how the types
-- translate).

-- people_trust_name served no query: people are listed in name order ignoring case
-- (lower() here, COLLATE NOCASE on SQLite), which an index in binary order cannot give,
-- so every list sorted anyway while every insert of a person paid for the index.
DROP INDEX people_trust_name;

-- The runs of record ids an audit entry covers: an import's creations are one entry per
-- file (entity, counts, the ids created) rather than one per record, whose "after" only
-- repeated the row as stored. Store::ListAudit's entity_id filter finds such an entry for
-- every record in one of its runs, so a record's history and a subject-access export still
-- begin with the import that created it. Append-only with the log it belongs to: removed
-- only with its entry, by a retention run (privacy_guard, 0010).
CREATE TABLE audit_runs (
  entry_id BIGINT NOT NULL REFERENCES audit_log (id) ON DELETE CASCADE,
  first_id BIGINT NOT NULL,
  last_id  BIGINT NOT NULL,
  CHECK (first_id <= last_id)
);
CREATE INDEX audit_runs_entry ON audit_runs (entry_id);

CREATE FUNCTION audit_runs_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND TG_LEVEL = 'ROW' AND EXISTS (SELECT 1 FROM privacy_guard) THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit_runs is append-only';
END;
$$;
CREATE TRIGGER audit_runs_no_update BEFORE UPDATE ON audit_runs
  FOR EACH ROW EXECUTE FUNCTION audit_runs_append_only();
CREATE TRIGGER audit_runs_no_delete BEFORE DELETE ON audit_runs
  FOR EACH ROW EXECUTE FUNCTION audit_runs_append_only();
CREATE TRIGGER audit_runs_no_truncate BEFORE TRUNCATE ON audit_runs
  FOR EACH STATEMENT EXECUTE FUNCTION audit_runs_append_only();
