-- Succession planning: the risk of losing each person, one succession plan per key post with
-- the people named on it (from the trust or from outside) and the record of its discussion,
-- development actions, and each trust's settings of the succession formulas.
--
-- Trust-owned rows point at each other through composite (trust_id, x_id) keys, as in 0001,
-- so they never cross trusts. The process rules (a plan is for a key post, ranks close up
-- when a candidate goes, the emergency flag moves, status moves of an action) belong to
-- succession::PlanService and development::ActionService; the checks here keep the stored
-- values sound whatever writes them.

-- The current judgement of how likely a person is to leave; earlier ones live in the audit
-- log. At most one per person.
CREATE TABLE loss_risks (
  id               INTEGER PRIMARY KEY,
  trust_id         INTEGER NOT NULL REFERENCES trusts (id),
  person_id        INTEGER NOT NULL,
  risk             TEXT NOT NULL CHECK (risk IN ('low', 'medium', 'high')),
  departure_window TEXT CHECK (departure_window IN
                     ('within_a_year', 'one_to_two_years', 'two_to_five_years', 'over_five_years')),
  note             TEXT NOT NULL DEFAULT '',
  assessed_on      TEXT NOT NULL,
  UNIQUE (trust_id, person_id),
  UNIQUE (trust_id, id),
  FOREIGN KEY (trust_id, person_id) REFERENCES people (trust_id, id)
);

-- One plan per key post (whether the post is key is PlanService's check: a post may stop
-- being key and keep its plan's history).
CREATE TABLE succession_plans (
  id                INTEGER PRIMARY KEY,
  trust_id          INTEGER NOT NULL REFERENCES trusts (id),
  post_id           INTEGER NOT NULL,
  impact            TEXT CHECK (impact IN ('low', 'medium', 'high')),
  consider_external INTEGER NOT NULL DEFAULT 0 CHECK (consider_external IN (0, 1)),
  review_on         TEXT,
  notes             TEXT NOT NULL DEFAULT '',
  created_on        TEXT NOT NULL,
  UNIQUE (trust_id, post_id),
  UNIQUE (trust_id, id),
  FOREIGN KEY (trust_id, post_id) REFERENCES posts (trust_id, id)
);
-- Plans due for review by a day.
CREATE INDEX succession_plans_review ON succession_plans (trust_id, review_on);

-- A named successor: a person of the trust (person_id) or someone from outside
-- (external_name), never both. Ranks are unique within a plan; PlanService keeps them 1..n.
CREATE TABLE plan_candidates (
  id               INTEGER PRIMARY KEY,
  trust_id         INTEGER NOT NULL REFERENCES trusts (id),
  plan_id          INTEGER NOT NULL,
  person_id        INTEGER,
  external_name    TEXT NOT NULL DEFAULT '',
  external_source  TEXT NOT NULL DEFAULT '',
  notes            TEXT NOT NULL DEFAULT '',
  rank             INTEGER NOT NULL CHECK (rank >= 1),
  readiness        TEXT CHECK (readiness IN ('ready_now', 'one_to_two_years', 'three_plus_years')),
  readiness_reason TEXT NOT NULL DEFAULT '',
  emergency        INTEGER NOT NULL DEFAULT 0 CHECK (emergency IN (0, 1)),
  added_on         TEXT NOT NULL,
  UNIQUE (plan_id, rank),
  UNIQUE (trust_id, id),
  FOREIGN KEY (trust_id, plan_id) REFERENCES succession_plans (trust_id, id),
  FOREIGN KEY (trust_id, person_id) REFERENCES people (trust_id, id),
  -- Internal XOR external.
  CHECK ((person_id IS NULL) = (trim(external_name) <> '')),
  -- The formula knows nothing of outsiders: leaders judge an external candidate's readiness.
  CHECK (person_id IS NOT NULL OR readiness IS NOT NULL),
  -- An internal candidate's readiness is an override of the formula, kept with its reason.
  CHECK (person_id IS NULL OR readiness IS NULL OR trim(readiness_reason) <> '')
);
-- A person is named once per plan.
CREATE UNIQUE INDEX plan_candidates_person ON plan_candidates (plan_id, person_id)
  WHERE person_id IS NOT NULL;
-- At most one emergency successor per plan. Both columns are indexed (emergency is always 1
-- here) so that SQLite's message names them and cannot be mistaken for the rank rule's.
CREATE UNIQUE INDEX plan_candidates_emergency ON plan_candidates (plan_id, emergency)
  WHERE emergency = 1;
-- Every plan's candidates of a trust in one read (metrics, simulation), and the plans a
-- person is named on (successor overload).
CREATE INDEX plan_candidates_trust_plan ON plan_candidates (trust_id, plan_id, rank);
CREATE INDEX plan_candidates_person_plans ON plan_candidates (trust_id, person_id);

CREATE TABLE plan_discussions (
  id        INTEGER PRIMARY KEY,
  trust_id  INTEGER NOT NULL REFERENCES trusts (id),
  plan_id   INTEGER NOT NULL,
  held_on   TEXT NOT NULL,
  forum     TEXT NOT NULL CHECK (forum IN ('senior_leadership_team', 'trust_board',
                                   'pay_and_personnel_committee', 'local_governing_body', 'other')),
  attendees TEXT NOT NULL DEFAULT '',
  outcome   TEXT NOT NULL CHECK (trim(outcome) <> ''),
  UNIQUE (trust_id, id),
  FOREIGN KEY (trust_id, plan_id) REFERENCES succession_plans (trust_id, id)
);
CREATE INDEX plan_discussions_plan ON plan_discussions (trust_id, plan_id, held_on);

-- What a person will do to grow. The gap is a competency of a framework shipped with trellis
-- or of the trust's own, so it has a plain foreign key; ActionService checks that the trust
-- can see it.
CREATE TABLE development_actions (
  id            INTEGER PRIMARY KEY,
  trust_id      INTEGER NOT NULL REFERENCES trusts (id),
  person_id     INTEGER NOT NULL,
  kind          TEXT NOT NULL CHECK (kind IN ('stretch_task', 'mentoring', 'coaching',
                                      'training_course', 'shadowing', 'secondment', 'npq', 'other')),
  title         TEXT NOT NULL CHECK (trim(title) <> ''),
  description   TEXT NOT NULL DEFAULT '',
  source        TEXT NOT NULL CHECK (source IN ('manual', 'nine_box', 'succession_gap')),
  competency_id INTEGER REFERENCES competencies (id),
  plan_id       INTEGER,
  owner_id      INTEGER,
  due_on        TEXT,
  status        TEXT NOT NULL CHECK (status IN ('planned', 'in_progress', 'completed', 'cancelled')),
  outcome       TEXT NOT NULL DEFAULT '',
  raised_on     TEXT NOT NULL,
  completed_on  TEXT,
  UNIQUE (trust_id, id),
  FOREIGN KEY (trust_id, person_id) REFERENCES people (trust_id, id),
  FOREIGN KEY (trust_id, plan_id) REFERENCES succession_plans (trust_id, id),
  FOREIGN KEY (trust_id, owner_id) REFERENCES people (trust_id, id),
  CHECK ((status = 'completed') = (completed_on IS NOT NULL))
);
CREATE INDEX development_actions_person ON development_actions (trust_id, person_id, due_on);
CREATE INDEX development_actions_plan ON development_actions (trust_id, plan_id);
CREATE INDEX development_actions_owner ON development_actions (trust_id, owner_id);
CREATE INDEX development_actions_status ON development_actions (trust_id, status, due_on);

-- A trust's settings of the succession formulas (succession::SuccessionSettings: the
-- ranking's FormulaSettings and the simulation's SimulationSettings), at most one row per
-- trust; a trust without one uses the documented defaults.
--
-- One JSON object (succession/json.h) rather than a column per setting: the formulas gain
-- settings as the product grows, and a setting added later then takes its default in rows
-- written before it, with no migration. The values are checked by succession::Check before
-- they are written, which no table CHECK could do as well (weights must not all be 0, and so
-- on).
CREATE TABLE formula_settings (
  trust_id INTEGER PRIMARY KEY REFERENCES trusts (id),
  settings TEXT NOT NULL CHECK (json_valid(settings) AND json_type(settings) = 'object')
);
