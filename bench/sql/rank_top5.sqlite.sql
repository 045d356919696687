-- The top five successors of every key post of every trust, as one SQLite query: the peer of
-- the succession engine's ranking (docs/formulas.md, "Ranking the candidates for a key post";
-- src/succession/ranking.cc). Parameter :today (YYYY-MM-DD): the day "current" is judged on.
-- Result: post_id, rank (1-5), person_id, ordered by post and rank.
--
-- Written over the store's own tables and indexes (src/store/migrations/sqlite), as a
-- competent author would for SQLite: the ladder candidates come through people_trust_stage,
-- holders through the holdings' indexes, and the latest level of a competency is one seek into
-- assessments_latest (the newest row of a (person, competency) is the last of its range).
WITH
-- The career ladder (src/org/career_ladder.cc): rung, and whether a governance role (beside
-- the ladder, not on it).
ladder (stage, rung, governance) AS (VALUES
  ('teaching_assistant', 1, 0), ('hlta', 2, 0), ('early_career_teacher', 3, 0),
  ('teacher', 4, 0), ('experienced_teacher', 5, 0), ('new_middle_leader', 6, 0),
  ('experienced_middle_leader', 7, 0), ('new_senior_leader', 8, 0),
  ('experienced_senior_leader', 9, 0), ('new_headteacher', 10, 0),
  ('established_headteacher', 11, 0), ('executive_leader', 12, 0),
  ('lgb_member', 1, 1), ('board_member', 2, 1)),
-- Each trust's formula settings: its own where put, else the documented defaults.
settings AS (
  SELECT t.id AS trust_id,
         coalesce(json_extract(f.settings, '$.match_weight'), 0.5) AS match_weight,
         coalesce(json_extract(f.settings, '$.talent_weight'), 0.3) AS talent_weight,
         coalesce(json_extract(f.settings, '$.proximity_weight'), 0.2) AS proximity_weight,
         coalesce(json_extract(f.settings, '$.proximity_one_step'), 1.0) AS one_step,
         coalesce(json_extract(f.settings, '$.proximity_two_steps'), 0.5) AS two_steps
  FROM trusts t LEFT JOIN formula_settings f ON f.trust_id = t.id),
-- Key posts with their rung, whether they are governance posts (and at the Board), and their
-- effective role profile: the post's own, else its career stage's.
key_posts AS (
  SELECT p.id, p.trust_id, p.body_id,
         p.family = 'governance' AS governance,
         coalesce(b.kind = 'board', 0) AS board,
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
  WHERE m.role <> 'clerk' AND m.term_start <= :today
    AND (m.term_end IS NULL OR :today < m.term_end)),
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
  WHERE (x.left_trust IS NULL OR x.left_trust > :today)
    AND NOT EXISTS (
      SELECT 1 FROM holdings h
      WHERE h.post_id = r.post_id AND h.person_id = r.person_id
        AND h.start_date <= :today AND (h.end_date IS NULL OR :today < h.end_date))),
-- m = Σ w·min(a, r)/r ÷ Σ w over the profile, a the latest assessed level (0 when none); 0
-- without a profile. It depends on the profile and the person alone, so it is worked out once
-- for each (profile, person) pair reached, not once per post: a trust's headships share one.
profile_people AS (
  SELECT DISTINCT coalesce(profile_id, 0) AS profile_id, person_id, trust_id FROM eligible),
profile_match AS (
  SELECT pp.profile_id, pp.person_id,
         coalesce(sum(q.weight * min(coalesce((
                    SELECT a.level FROM assessments a
                    WHERE a.trust_id = pp.trust_id AND a.person_id = pp.person_id
                      AND a.competency_id = q.competency_id
                    ORDER BY a.assessed_on DESC, a.id DESC LIMIT 1), 0), q.level) / q.level)
                  / sum(q.weight), 0) AS match
  FROM profile_people pp
  LEFT JOIN role_profile_requirements q ON q.profile_id = pp.profile_id
  GROUP BY pp.profile_id, pp.person_id),
matched AS (
  SELECT e.post_id, e.person_id, e.steps, e.trust_id, e.joined_trust, e.reference, pm.match
  FROM eligible e
  JOIN profile_match pm ON pm.profile_id = coalesce(e.profile_id, 0) AND pm.person_id = e.person_id),
-- Each person's latest calibrated rating: final, of the most recent closed cycle.
rated AS (
  SELECT person_id, performance, potential FROM (
    SELECT r.person_id, r.calibrated_performance AS performance,
           r.calibrated_potential AS potential,
           row_number() OVER (PARTITION BY r.person_id ORDER BY c.year DESC, c.id DESC) AS n
    FROM ratings r JOIN review_cycles c ON c.id = r.cycle_id
    WHERE r.final = 1 AND c.status = 'closed')
  WHERE n = 1),
scored AS (
  SELECT m.post_id, m.person_id, m.match, m.joined_trust, m.reference,
         s.match_weight * m.match
           + s.talent_weight * coalesce((rt.performance + rt.potential - 2) / 4.0, 0.0)
           + s.proximity_weight * CASE m.steps WHEN 1 THEN s.one_step WHEN 2 THEN s.two_steps
                                               ELSE 0.0 END AS score
  FROM matched m
  JOIN settings s ON s.trust_id = m.trust_id
  LEFT JOIN rated rt ON rt.person_id = m.person_id),
-- Score, then m (both descending, compared to 1e-9: x rounded to the nearest 1e-9, as
-- llround(x·1e9) does for x ≥ 0), then earlier start in the trust (unknown last), then staff
-- reference.
ranked AS (
  SELECT post_id, person_id,
         row_number() OVER (
           PARTITION BY post_id
           ORDER BY CAST(score * 1e9 + 0.5 AS INTEGER) DESC, CAST(match * 1e9 + 0.5 AS INTEGER) DESC,
                    joined_trust IS NULL, joined_trust, reference) AS rank
  FROM scored)
SELECT post_id, rank, person_id FROM ranked WHERE rank <= 5 ORDER BY post_id, rank;
