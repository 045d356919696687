-- How far each server's journal of the records of reads has been moved into audit_log
-- (store/sql/read_journal.h). A server appends the record of each confidential read to a
-- journal file of its own before it answers, and moves the records into audit_log in
-- batches; the offset is written in the same transaction as the entries it covers, so a
-- record is moved once, whatever crashes when. A row goes once its journal file is gone.
CREATE TABLE read_journals (
  journal  TEXT PRIMARY KEY,
  moved_to BIGINT NOT NULL
);
