-- Competency frameworks (areas -> competencies), role profiles with their requirements, and
-- assessments of people against competencies. Schema only: the frameworks shipped with
-- trellis are reference data, installed at start by talent::InstallShippedFrameworks.
--
-- A framework with no trust_id is shipped (visible to every trust, read-only); otherwise it
-- belongs to one trust. Trust-owned rows point at each other through composite
-- (trust_id, x_id) keys, as in 0001, so they never cross trusts; whether a competency is
-- visible to the trust that uses it is checked by talent::TalentService.

CREATE TABLE frameworks (
  id           INTEGER PRIMARY KEY,
  trust_id     INTEGER REFERENCES trusts (id),
  code         TEXT NOT NULL,
  name         TEXT NOT NULL,
  version      TEXT NOT NULL DEFAULT '',
  source       TEXT NOT NULL DEFAULT '',
  level_labels TEXT NOT NULL  -- JSON array of the four level labels, level 1 first
);
CREATE UNIQUE INDEX frameworks_owner_code ON frameworks (coalesce(trust_id, 0), code, version);

CREATE TABLE framework_areas (
  id           INTEGER PRIMARY KEY,
  framework_id INTEGER NOT NULL REFERENCES frameworks (id),
  name         TEXT NOT NULL,
  position     INTEGER NOT NULL,
  UNIQUE (framework_id, id)
);
CREATE INDEX framework_areas_framework ON framework_areas (framework_id, position);

CREATE TABLE competencies (
  id           INTEGER PRIMARY KEY,
  framework_id INTEGER NOT NULL REFERENCES frameworks (id),
  area_id      INTEGER NOT NULL,
  code         TEXT NOT NULL,
  name         TEXT NOT NULL,
  description  TEXT NOT NULL DEFAULT '',
  position     INTEGER NOT NULL,
  UNIQUE (framework_id, code),
  FOREIGN KEY (framework_id, area_id) REFERENCES framework_areas (framework_id, id)
);
CREATE INDEX competencies_area ON competencies (area_id, position);

CREATE TABLE role_profiles (
  id       INTEGER PRIMARY KEY,
  trust_id INTEGER NOT NULL REFERENCES trusts (id),
  post_id  INTEGER,
  stage    TEXT,
  name     TEXT NOT NULL DEFAULT '',
  UNIQUE (trust_id, id),
  FOREIGN KEY (trust_id, post_id) REFERENCES posts (trust_id, id),
  CHECK ((post_id IS NULL) <> (stage IS NULL))
);
-- One profile per post, and one per career stage, in each trust.
CREATE UNIQUE INDEX role_profiles_post ON role_profiles (trust_id, post_id) WHERE post_id IS NOT NULL;
CREATE UNIQUE INDEX role_profiles_stage ON role_profiles (trust_id, stage) WHERE stage IS NOT NULL;

CREATE TABLE role_profile_requirements (
  profile_id    INTEGER NOT NULL REFERENCES role_profiles (id) ON DELETE CASCADE,
  competency_id INTEGER NOT NULL REFERENCES competencies (id),
  level         INTEGER NOT NULL CHECK (level BETWEEN 1 AND 4),
  weight        REAL NOT NULL CHECK (weight > 0),
  position      INTEGER NOT NULL,
  PRIMARY KEY (profile_id, competency_id)
);
CREATE INDEX role_profile_requirements_competency ON role_profile_requirements (competency_id);

CREATE TABLE assessments (
  id            INTEGER PRIMARY KEY,
  trust_id      INTEGER NOT NULL REFERENCES trusts (id),
  person_id     INTEGER NOT NULL,
  competency_id INTEGER NOT NULL REFERENCES competencies (id),
  level         INTEGER NOT NULL CHECK (level BETWEEN 1 AND 4),
  assessor_id   INTEGER,
  assessor_name TEXT NOT NULL DEFAULT '',
  assessed_on   TEXT NOT NULL,
  evidence      TEXT NOT NULL DEFAULT '',
  FOREIGN KEY (trust_id, person_id) REFERENCES people (trust_id, id),
  FOREIGN KEY (trust_id, assessor_id) REFERENCES people (trust_id, id)
);
-- Serves "the latest of each (person, competency)": the newest row of a pair is the last
-- one of its index range.
CREATE INDEX assessments_latest ON assessments (trust_id, person_id, competency_id, assessed_on, id);
CREATE INDEX assessments_competency ON assessments (trust_id, competency_id);
CREATE INDEX assessments_assessor ON assessments (assessor_id);
