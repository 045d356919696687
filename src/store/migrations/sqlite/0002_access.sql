-- Who may sign in (users), who is signed in (sessions) and what was done (audit_log).

CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  trust_id      INTEGER REFERENCES trusts (id),
  person_id     INTEGER,
  email         TEXT NOT NULL UNIQUE,  -- always stored lower-case
  display_name  TEXT NOT NULL DEFAULT '',
  password_hash TEXT NOT NULL DEFAULT '',
  role          TEXT NOT NULL,
  disabled      INTEGER NOT NULL DEFAULT 0,
  created_at    TEXT NOT NULL,
  FOREIGN KEY (trust_id, person_id) REFERENCES people (trust_id, id)
);
CREATE INDEX users_trust ON users (trust_id, email);
CREATE INDEX users_person ON users (person_id);

-- Only a hash of the session token is kept, so a copy of the database cannot be replayed.
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_seen  TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

-- No foreign keys: the log must keep describing users and records after they change or go,
-- and must never be rewritten by a cascade.
CREATE TABLE audit_log (
  id        INTEGER PRIMARY KEY AUTOINCREMENT,
  at        TEXT NOT NULL,
  trust_id  INTEGER,
  user_id   INTEGER,
  actor     TEXT NOT NULL DEFAULT '',
  action    TEXT NOT NULL,
  entity    TEXT NOT NULL DEFAULT '',
  entity_id TEXT NOT NULL DEFAULT '',
  before_json TEXT NOT NULL DEFAULT '',
  after_json  TEXT NOT NULL DEFAULT '',
  remote    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_trust ON audit_log (trust_id, id);
CREATE INDEX audit_log_user ON audit_log (user_id, id);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, id);

-- Append-only: the log is evidence, so not even the application may change or remove a line.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
