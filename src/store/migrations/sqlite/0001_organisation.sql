-- The organisation: trusts, their schools, governance bodies, people and posts, and who
-- holds which post, sits on which body and manages whom.
--
-- Every child table carries trust_id, and its references to other trust-owned rows are
-- composite (trust_id, x_id) foreign keys onto a UNIQUE (trust_id, id), so a row can never
-- point into another trust. Enums are stored as their stable codes (core/enum_names.h),
-- dates as 'YYYY-MM-DD' and instants as RFC 3339 UTC text; both sort as text.

CREATE TABLE trusts (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  reference  TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
);
-- A trust's DfE reference is often unknown at first; only known ones must be unique.
CREATE UNIQUE INDEX trusts_reference ON trusts (reference) WHERE reference <> '';

CREATE TABLE schools (
  id              INTEGER PRIMARY KEY,
  trust_id        INTEGER NOT NULL REFERENCES trusts (id),
  urn             INTEGER NOT NULL,
  name            TEXT NOT NULL,
  phase           TEXT NOT NULL DEFAULT '',
  type            TEXT NOT NULL DEFAULT '',
  status          TEXT NOT NULL DEFAULT '',
  local_authority TEXT NOT NULL DEFAULT '',
  region          TEXT NOT NULL DEFAULT '',
  pupils          INTEGER,
  postcode        TEXT NOT NULL DEFAULT '',
  easting         INTEGER,
  northing        INTEGER,
  UNIQUE (trust_id, urn),
  UNIQUE (trust_id, id)
);
CREATE INDEX schools_trust_name ON schools (trust_id, name);

CREATE TABLE bodies (
  id        INTEGER PRIMARY KEY,
  trust_id  INTEGER NOT NULL REFERENCES trusts (id),
  kind      TEXT NOT NULL,
  name      TEXT NOT NULL,
  school_id INTEGER,
  parent_id INTEGER,
  UNIQUE (trust_id, name),
  UNIQUE (trust_id, id),
  FOREIGN KEY (trust_id, school_id) REFERENCES schools (trust_id, id),
  FOREIGN KEY (trust_id, parent_id) REFERENCES bodies (trust_id, id)
);
CREATE INDEX bodies_trust_kind ON bodies (trust_id, kind, name);
CREATE INDEX bodies_school ON bodies (school_id);
CREATE INDEX bodies_parent ON bodies (parent_id);

CREATE TABLE people (
  id           INTEGER PRIMARY KEY,
  trust_id     INTEGER NOT NULL REFERENCES trusts (id),
  reference    TEXT NOT NULL,
  given_name   TEXT NOT NULL DEFAULT '',
  family_name  TEXT NOT NULL DEFAULT '',
  email        TEXT NOT NULL DEFAULT '',
  stage        TEXT,
  joined_trust TEXT,
  left_trust   TEXT,
  UNIQUE (trust_id, reference),
  UNIQUE (trust_id, id)
);
CREATE INDEX people_trust_name ON people (trust_id, family_name, given_name);
CREATE INDEX people_trust_stage ON people (trust_id, stage);

CREATE TABLE posts (
  id                    INTEGER PRIMARY KEY,
  trust_id              INTEGER NOT NULL REFERENCES trusts (id),
  reference             TEXT NOT NULL,
  title                 TEXT NOT NULL DEFAULT '',
  school_id             INTEGER,
  body_id               INTEGER,
  family                TEXT NOT NULL,
  stage                 TEXT,
  workforce_census_role TEXT NOT NULL DEFAULT '',
  fte                   REAL NOT NULL DEFAULT 1.0,
  is_key                INTEGER NOT NULL DEFAULT 0,
  UNIQUE (trust_id, reference),
  UNIQUE (trust_id, id),
  FOREIGN KEY (trust_id, school_id) REFERENCES schools (trust_id, id),
  FOREIGN KEY (trust_id, body_id) REFERENCES bodies (trust_id, id)
);
CREATE INDEX posts_trust_title ON posts (trust_id, title);
CREATE INDEX posts_school ON posts (school_id);
CREATE INDEX posts_body ON posts (body_id);
CREATE INDEX posts_trust_key ON posts (trust_id, is_key);

CREATE TABLE holdings (
  id         INTEGER PRIMARY KEY,
  trust_id   INTEGER NOT NULL REFERENCES trusts (id),
  post_id    INTEGER NOT NULL,
  person_id  INTEGER NOT NULL,
  start_date TEXT NOT NULL,
  end_date   TEXT,
  contract   TEXT NOT NULL,
  fte        REAL NOT NULL DEFAULT 1.0,
  FOREIGN KEY (trust_id, post_id) REFERENCES posts (trust_id, id),
  FOREIGN KEY (trust_id, person_id) REFERENCES people (trust_id, id)
);
CREATE INDEX holdings_post ON holdings (post_id, start_date);
CREATE INDEX holdings_person ON holdings (person_id, start_date);
CREATE INDEX holdings_trust_start ON holdings (trust_id, start_date);

CREATE TABLE memberships (
  id         INTEGER PRIMARY KEY,
  trust_id   INTEGER NOT NULL REFERENCES trusts (id),
  body_id    INTEGER NOT NULL,
  person_id  INTEGER NOT NULL,
  role       TEXT NOT NULL,
  term_start TEXT NOT NULL,
  term_end   TEXT,
  FOREIGN KEY (trust_id, body_id) REFERENCES bodies (trust_id, id),
  FOREIGN KEY (trust_id, person_id) REFERENCES people (trust_id, id)
);
CREATE INDEX memberships_body ON memberships (body_id, term_start);
CREATE INDEX memberships_person ON memberships (person_id, term_start);
CREATE INDEX memberships_trust_start ON memberships (trust_id, term_start);

CREATE TABLE line_links (
  id         INTEGER PRIMARY KEY,
  trust_id   INTEGER NOT NULL REFERENCES trusts (id),
  manager_id INTEGER NOT NULL,
  report_id  INTEGER NOT NULL,
  start_date TEXT NOT NULL,
  end_date   TEXT,
  FOREIGN KEY (trust_id, manager_id) REFERENCES people (trust_id, id),
  FOREIGN KEY (trust_id, report_id) REFERENCES people (trust_id, id)
);
CREATE INDEX line_links_manager ON line_links (manager_id, start_date);
CREATE INDEX line_links_report ON line_links (report_id, start_date);
CREATE INDEX line_links_trust_start ON line_links (trust_id, start_date);
