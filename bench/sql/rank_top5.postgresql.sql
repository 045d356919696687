-- The top five successors of every key post of every trust, as one PostgreSQL query: the
-- peer of the succession engine's ranking (docs/formulas.md, "Ranking the candidates for a key
-- post"; src/succession/ranking.cc), the same query as rank_top5.sqlite.sql in PostgreSQL's
-- words. Parameter $1 (YYYY-MM-DD, text like the store's dates): the day "current" is judged
-- on. Result: post_id, rank (1-5), person_id, ordered by post and rank.
--
-- Written over the store's own tables and indexes (src/store/migrations/postgresql) as a
-- competent author would for PostgreSQL: set-wise, so the planner can hash-join — the latest
-- level of each (person, competency) once with DISTINCT ON, then joined.
WITH
-- The career ladder (src/org/career_ladder.cc): rung, and whether a governance role (beside
-- the ladder, not on it). Its codes in the store's collation, so that joining them to people's
-- stage can use people_trust_stage.
ladder (stage, rung, governance) AS (VALUES
  ('teaching_assistant' COLLATE "C", 1, 0), ('hlta', 2, 0), ('early_career_teacher', 3, 0),
  ('teacher', 4, 0), ('experienced_teacher', 5, 0), ('new_middle_leader', 6, 0),
  ('experienced_middle_leader', 7, 0), ('new_senior_leader', 8, 0),
  ('experienced_senior_leader', 9, 0), ('new_headteacher', 10, 0),
  ('established_headteacher', 11, 0), ('executive_leader', 12, 0),
  ('lgb_member', 1, 1), ('board_member', 2, 1)),
-- Each trust's formula settings: its own where put, else the documented defaults.
settings AS (
  SELECT t.id AS trust_id,
         coalesce((f.settings::json ->> 'match_weight')::float8, 0.5) AS match_weight,
         coalesce((f.settings::json ->> 'talent_weight')::float8, 0.3) AS talent_weight,
         coalesce((f.settings::json ->> 'proximity_weight')::float8, 0.2) AS proximity_weight,
         coalesce((f.settings::json ->> 'proximity_one_step')::float8, 1.0) AS one_step,
         coalesce((f.settings::json ->> 'proximity_two_steps')::float8, 0.5) AS two_steps
  FROM trusts t LEFT JOIN formula_settings f ON f.trust_id = t.id),
-- Key posts with their rung, whether they are governance posts (and at the Board), and their
-- effective role profile: the post's own, else its career stage's.
key_posts AS (
  SELECT p.id, p.trust_id, p.body_id,
         p.family = 'governance' AS governance,
         coalesce(b.kind = 'board', false) AS board,
         CASE WHEN l.governance = 0 THEN l.rung END AS rung,
         coalesce(own.id, staged.id) AS profile_id
  FROM posts p
  LEFT JOIN ladder l ON l.stage = p.stage
  LEFT JOIN bodies b ON b.id = p.body_id
  LEFT JOIN role_profiles own ON own.trust_id = p.trust_id AND own.post_id = p.id
  LEFT JOIN role_profiles staged ON staged.trust_id = p.trust_id AND staged.stage = p.stage
  WHERE p.is_key = 1),
-- Current memberships of governance bodies, clerks left out (they advise, not govern).
members AS (
  SELECT m.body_id, m.person_id, m.role FROM memberships m
  WHERE m.role <> 'clerk' AND m.term_start <= $1
    AND (m.term_end IS NULL OR $1 < m.term_end)),
-- Who each post reaches, with the step s: one or two rungs below it on the ladder, in its
-- trust; for a governance post the members of its body (for the Board also the chairs of the
-- trust's Local Governing Bodies), each one step below.
reached (post_id, person_id, steps) AS (
  SELECT kp.id, x.id, kp.rung - lx.rung
  FROM key_posts kp
  JOIN ladder lx ON lx.governance = 0 AND lx.rung IN (kp.rung - 1, kp.rung - 2)
  JOIN people x ON x.trust_id = kp.trust_id AND x.stage = lx.stage
  WHERE NOT kp.governance
  UNION
  SELECT kp.id, m.person_id, 1 FROM key_posts kp JOIN members m ON m.body_id = kp.body_id
  WHERE kp.governance
  UNION
  SELECT kp.id, m.person_id, 1
  FROM key_posts kp
  JOIN bodies lgb ON lgb.trust_id = kp.trust_id AND lgb.kind = 'local_governing_body'
  JOIN members m ON m.body_id = lgb.id AND m.role = 'chair'
  WHERE kp.governance AND kp.board),
-- The candidates: current members of the post's trust who do not hold it today.
eligible AS (
  SELECT r.post_id, r.person_id, r.steps, kp.profile_id, x.trust_id, x.joined_trust, x.reference
  FROM reached r
  JOIN key_posts kp ON kp.id = r.post_id
  JOIN people x ON x.id = r.person_id AND x.trust_id = kp.trust_id
  WHERE (x.left_trust IS NULL OR x.left_trust > $1)
    AND NOT EXISTS (
      SELECT 1 FROM holdings h
      WHERE h.post_id = r.post_id AND h.person_id = r.person_id
        AND h.start_date <= $1 AND (h.end_date IS NULL OR $1 < h.end_date))),
-- The latest assessed level of each (person, competency).
latest AS (
  SELECT DISTINCT ON (a.person_id, a.competency_id) a.person_id, a.competency_id, a.level
  FROM assessments a
  ORDER BY a.person_id, a.competency_id, a.assessed_on DESC, a.id DESC),
-- m = Σ w·min(a, r)/r ÷ Σ w over the profile, a the latest assessed level (0 when none); 0
-- without a profile. It depends on the profile and the person alone, so it is worked out once
-- for each (profile, person) pair reached, not once per post: a trust's headships share one.
profile_people AS (SELECT DISTINCT coalesce(profile_id, 0) AS profile_id, person_id FROM eligible),
profile_match AS (
  SELECT pp.profile_id, pp.person_id,
         coalesce(sum(q.weight * least(coalesce(lv.level, 0), q.level) / q.level)
                  / sum(q.weight), 0.0) AS match
  FROM profile_people pp
  LEFT JOIN role_profile_requirements q ON q.profile_id = pp.profile_id
  LEFT JOIN latest lv ON lv.person_id = pp.person_id AND lv.competency_id = q.competency_id
  GROUP BY pp.profile_id, pp.person_id),
matched AS (
  SELECT e.post_id, e.person_id, e.steps, e.trust_id, e.joined_trust, e.reference, pm.match
  FROM eligible e
  JOIN profile_match pm ON pm.profile_id = coalesce(e.profile_id, 0) AND pm.person_id = e.person_id),
-- Each person's latest calibrated rating: final, of the most recent closed cycle.
rated AS (
  SELECT DISTINCT ON (r.person_id) r.person_id, r.calibrated_performance AS performance,
         r.calibrated_potential AS potential
  FROM ratings r JOIN review_cycles c ON c.id = r.cycle_id
  WHERE r.final = 1 AND c.status = 'closed'
  ORDER BY r.person_id, c.year DESC, c.id DESC),
scored AS (
  SELECT m.post_id, m.person_id, m.match, m.joined_trust, m.reference,
         s.match_weight * m.match
           + s.talent_weight * coalesce((rt.performance + rt.potential - 2) / 4.0::float8, 0.0)
           + s.proximity_weight * CASE m.steps WHEN 1 THEN s.one_step WHEN 2 THEN s.two_steps
                                               ELSE 0.0 END AS score
  FROM matched m
  JOIN settings s ON s.trust_id = m.trust_id
  LEFT JOIN rated rt ON rt.person_id = m.person_id),
-- Score, then m (both descending, compared to 1e-9: floor(x·1e9 + 0.5) is llround(x·1e9) for
-- x ≥ 0; a cast to bigint would round half to even), then earlier start in the trust (unknown
-- last), then staff reference (the store's text is COLLATE "C": bytewise, as in the engine).
ranked AS (
  SELECT post_id, person_id,
         row_number() OVER (
           PARTITION BY post_id
           ORDER BY floor(score * 1e9::float8 + 0.5) DESC, floor(match * 1e9::float8 + 0.5) DESC,
                    joined_trust ASC NULLS LAST, reference) AS rank
  FROM scored)
SELECT post_id, rank, person_id FROM ranked WHERE rank <= 5 ORDER BY post_id, rank;
