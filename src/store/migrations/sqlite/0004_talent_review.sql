-- Talent review (9-box): annual review cycles, ratings of performance and potential (one per
-- person per cycle), calibration meetings and the adjustments they made. Trust-owned rows
-- point at each other through composite (trust_id, x_id) keys, as in 0001, so they never
-- cross trusts. The process rules (who may propose, when meetings may adjust) belong to
-- talent::ReviewService; the table checks keep the stored values sound whatever writes them.

CREATE TABLE review_cycles (
  id                 INTEGER PRIMARY KEY,
  trust_id           INTEGER NOT NULL REFERENCES trusts (id),
  year               INTEGER NOT NULL,  -- the academic year's start: 2026 for 2026/27
  name               TEXT NOT NULL,
  status             TEXT NOT NULL CHECK (status IN ('open', 'calibrating', 'closed')),
  opened_on          TEXT NOT NULL,
  closed_on          TEXT,
  people_see_own_box INTEGER NOT NULL DEFAULT 0 CHECK (people_see_own_box IN (0, 1)),
  box_names          TEXT NOT NULL,  -- JSON array of the nine names, in talent::BoxIndex order
  UNIQUE (trust_id, year),
  UNIQUE (trust_id, id),
  CHECK ((status = 'closed') = (closed_on IS NOT NULL))
);

CREATE TABLE ratings (
  id                     INTEGER PRIMARY KEY,
  trust_id               INTEGER NOT NULL REFERENCES trusts (id),
  cycle_id               INTEGER NOT NULL,
  person_id              INTEGER NOT NULL,
  rater_id               INTEGER NOT NULL,
  performance            INTEGER NOT NULL CHECK (performance BETWEEN 1 AND 3),
  potential              INTEGER NOT NULL CHECK (potential BETWEEN 1 AND 3),
  rationale              TEXT NOT NULL DEFAULT '',
  evidence               TEXT NOT NULL DEFAULT '',
  proposed_at            TEXT NOT NULL,
  calibrated_performance INTEGER CHECK (calibrated_performance BETWEEN 1 AND 3),
  calibrated_potential   INTEGER CHECK (calibrated_potential BETWEEN 1 AND 3),
  final                  INTEGER NOT NULL DEFAULT 0 CHECK (final IN (0, 1)),
  UNIQUE (cycle_id, person_id),
  UNIQUE (trust_id, id),
  FOREIGN KEY (trust_id, cycle_id) REFERENCES review_cycles (trust_id, id),
  FOREIGN KEY (trust_id, person_id) REFERENCES people (trust_id, id),
  FOREIGN KEY (trust_id, rater_id) REFERENCES people (trust_id, id),
  CHECK ((calibrated_performance IS NULL) = (calibrated_potential IS NULL)),
  CHECK (final = 0 OR calibrated_performance IS NOT NULL)
);
-- Serves "the latest final rating of each person" and a person's history.
CREATE INDEX ratings_person ON ratings (trust_id, person_id, final);
CREATE INDEX ratings_rater ON ratings (trust_id, rater_id);

CREATE TABLE calibration_meetings (
  id        INTEGER PRIMARY KEY,
  trust_id  INTEGER NOT NULL REFERENCES trusts (id),
  cycle_id  INTEGER NOT NULL,
  level     TEXT NOT NULL CHECK (level IN ('school', 'trust')),
  school_id INTEGER,
  held_on   TEXT NOT NULL,
  attendees TEXT NOT NULL DEFAULT '',
  UNIQUE (trust_id, id),
  FOREIGN KEY (trust_id, cycle_id) REFERENCES review_cycles (trust_id, id),
  FOREIGN KEY (trust_id, school_id) REFERENCES schools (trust_id, id),
  CHECK ((level = 'school') = (school_id IS NOT NULL))
);
CREATE INDEX calibration_meetings_cycle ON calibration_meetings (trust_id, cycle_id, held_on);

-- Append-only: what a meeting changed is kept as it was decided.
CREATE TABLE rating_adjustments (
  id                 INTEGER PRIMARY KEY,
  trust_id           INTEGER NOT NULL REFERENCES trusts (id),
  meeting_id         INTEGER NOT NULL,
  rating_id          INTEGER NOT NULL,
  before_performance INTEGER NOT NULL CHECK (before_performance BETWEEN 1 AND 3),
  before_potential   INTEGER NOT NULL CHECK (before_potential BETWEEN 1 AND 3),
  after_performance  INTEGER NOT NULL CHECK (after_performance BETWEEN 1 AND 3),
  after_potential    INTEGER NOT NULL CHECK (after_potential BETWEEN 1 AND 3),
  reason             TEXT NOT NULL CHECK (trim(reason) <> ''),
  by_user_id         INTEGER,  -- no foreign key: the record outlives the account
  by_name            TEXT NOT NULL,
  at                 TEXT NOT NULL,
  FOREIGN KEY (trust_id, meeting_id) REFERENCES calibration_meetings (trust_id, id),
  FOREIGN KEY (trust_id, rating_id) REFERENCES ratings (trust_id, id)
);
CREATE INDEX rating_adjustments_rating ON rating_adjustments (rating_id, id);
CREATE INDEX rating_adjustments_meeting ON rating_adjustments (meeting_id, id);
CREATE TRIGGER rating_adjustments_no_update BEFORE UPDATE ON rating_adjustments
BEGIN
  SELECT RAISE(ABORT, 'rating_adjustments is append-only');
END;
CREATE TRIGGER rating_adjustments_no_delete BEFORE DELETE ON rating_adjustments
BEGIN
  SELECT RAISE(ABORT, 'rating_adjustments is append-only');
END;
