-- UK GDPR (privacy/): who has been erased, each trust's retention rules, the days the
-- scheduled retention run has claimed, and the one way the append-only tables may be
-- rewritten: by an erasure or a retention run, inside the store's own transaction.

-- While this table holds its one row, the append-only triggers of audit_log and
-- rating_adjustments let UPDATE and DELETE through. Only SqlStore's erasure and retention
-- methods insert the row, and they delete it again before their transaction commits, so no
-- other transaction ever sees it (and no committed database holds it). Anything else that
-- tries to change the log is still refused.
CREATE TABLE privacy_guard (
  one INTEGER PRIMARY KEY CHECK (one = 1)
);

DROP TRIGGER audit_log_no_update;
DROP TRIGGER audit_log_no_delete;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
WHEN NOT EXISTS (SELECT 1 FROM privacy_guard)
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
WHEN NOT EXISTS (SELECT 1 FROM privacy_guard)
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
DROP TRIGGER rating_adjustments_no_update;
DROP TRIGGER rating_adjustments_no_delete;
CREATE TRIGGER rating_adjustments_no_update BEFORE UPDATE ON rating_adjustments
WHEN NOT EXISTS (SELECT 1 FROM privacy_guard)
BEGIN
  SELECT RAISE(ABORT, 'rating_adjustments is append-only');
END;
CREATE TRIGGER rating_adjustments_no_delete BEFORE DELETE ON rating_adjustments
WHEN NOT EXISTS (SELECT 1 FROM privacy_guard)
BEGIN
  SELECT RAISE(ABORT, 'rating_adjustments is append-only');
END;

-- A person anonymised by privacy::Erase (by hand or by a retention rule): at most once.
CREATE TABLE person_erasures (
  trust_id  INTEGER NOT NULL REFERENCES trusts (id),
  person_id INTEGER NOT NULL,
  erased_on TEXT NOT NULL,
  PRIMARY KEY (trust_id, person_id),
  FOREIGN KEY (trust_id, person_id) REFERENCES people (trust_id, id)
);

-- A trust's retention rules (privacy::RetentionRules), at most one row per trust; a trust
-- without one keeps everything. A rule left NULL is off. Years are whole years after a
-- leaver's leaving day (or an audit entry's day).
CREATE TABLE retention_rules (
  trust_id             INTEGER PRIMARY KEY REFERENCES trusts (id),
  leaver_review_years  INTEGER CHECK (leaver_review_years BETWEEN 1 AND 100),
  leaver_erasure_years INTEGER CHECK (leaver_erasure_years BETWEEN 1 AND 100),
  audit_years          INTEGER CHECK (audit_years BETWEEN 6 AND 100)
);

-- The scheduled retention run of a trust on a day, claimed in the run's own transaction so
-- that of several servers on one database only the first runs it.
CREATE TABLE retention_runs (
  trust_id INTEGER NOT NULL REFERENCES trusts (id),
  run_on   TEXT NOT NULL,
  at       TEXT NOT NULL,
  PRIMARY KEY (trust_id, run_on)
);
