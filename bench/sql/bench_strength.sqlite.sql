-- Bench strength and coverage of every key post of every trust, and their sums by role group
-- and for the nation, as one SQLite query: the peer of the succession engine's pipeline
-- metrics (docs/formulas.md, "Bench strength" and "Pipeline metrics"; src/succession/bench.cc,
-- plan_evaluation.cc, metrics.cc). Parameter :today (YYYY-MM-DD): the day "current" is judged
-- on. Result rows, `level` first:
--   'post', post_id, role_group, 1, covered (0/1), ready_now (0/1), bench strength;
--   'role_group', NULL, role_group, key posts, covered, ready now, Σ bench strength;
--   'nation', NULL, NULL, key posts, covered, ready now, Σ bench strength.
-- The same candidates and m as rank_top5.sqlite.sql (the same CTEs, repeated: each file is
-- one query that stands alone).
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
         coalesce(json_extract(f.settings, '$.proximity_two_steps'), 0.5) AS two_steps,
         coalesce(json_extract(f.settings, '$.ready_now_match'), 0.9) AS ready_now_match,
         coalesce(json_extract(f.settings, '$.ready_now_performance'), 2) AS ready_now_performance,
         coalesce(json_extract(f.settings, '$.bench_match'), 0.8) AS bench_match
  FROM trusts t LEFT JOIN formula_settings f ON f.trust_id = t.id),
-- Key posts with their rung, whether they are governance posts (and at the Board), their
-- effective role profile (the post's own, else its career stage's) and their role group (the
-- first rule that fits, src/succession/role_group.cc).
key_posts AS (
  SELECT p.id, p.trust_id, p.body_id,
         p.family = 'governance' AS governance,
         coalesce(b.kind = 'board', 0) AS board,
         CASE WHEN l.governance = 0 THEN l.rung END AS rung,
         coalesce(own.id, staged.id) AS profile_id,
         CASE
           WHEN p.family = 'governance' OR l.governance = 1 THEN 'governance'
           WHEN p.stage = 'executive_leader' THEN 'trust_executive'
           WHEN p.stage IN ('new_headteacher', 'established_headteacher') THEN 'headship'
           WHEN p.stage IN ('new_senior_leader', 'experienced_senior_leader') THEN 'senior_leadership'
           WHEN p.stage IN ('new_middle_leader', 'experienced_middle_leader') THEN 'middle_leadership'
           WHEN p.stage IS NULL AND p.family = 'leadership' AND p.school_id IS NULL
                AND p.body_id IS NULL THEN 'trust_executive'
           ELSE 'other_key_posts'
         END AS role_group
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
-- Benches: every candidate with m ≥ θ (compared to 1e-9). A person on n benches counts 1/n on
-- each; a post's strength is the sum of its bench's counts.
bench AS (
  SELECT m.post_id, m.person_id
  FROM matched m JOIN settings s ON s.trust_id = m.trust_id
  WHERE CAST(m.match * 1e9 + 0.5 AS INTEGER) >= CAST(s.bench_match * 1e9 + 0.5 AS INTEGER)),
shares AS (SELECT person_id, 1.0 / count(*) AS share FROM bench GROUP BY person_id),
post_bench AS (
  SELECT b.post_id, sum(sh.share) AS strength
  FROM bench b JOIN shares sh ON sh.person_id = b.person_id
  GROUP BY b.post_id),
-- Named successors of each key post's plan: an outsider, or a current member of the post's
-- trust who does not hold it (whether or not the ladder makes them eligible); never a leaver.
named AS (
  SELECT kp.id AS post_id, kp.trust_id, kp.profile_id, kp.governance, kp.rung AS post_rung,
         pc.person_id, pc.readiness
  FROM key_posts kp
  JOIN succession_plans sp ON sp.trust_id = kp.trust_id AND sp.post_id = kp.id
  JOIN plan_candidates pc ON pc.plan_id = sp.id
  WHERE pc.person_id IS NULL
     OR (EXISTS (SELECT 1 FROM people x
                 WHERE x.id = pc.person_id AND x.trust_id = kp.trust_id
                   AND (x.left_trust IS NULL OR x.left_trust > :today))
         AND NOT EXISTS (
           SELECT 1 FROM holdings h
           WHERE h.post_id = kp.id AND h.person_id = pc.person_id
             AND h.start_date <= :today AND (h.end_date IS NULL OR :today < h.end_date)))),
-- The formula's suggestion where no readiness was set: ready now when m ≥ the threshold, the
-- calibrated performance is high enough and s = 1 (1 for a governance post; 0, never ready
-- now, when the ladder cannot place the person).
suggested AS (
  SELECT n.post_id, n.person_id,
         CAST(coalesce(sum(q.weight * min(coalesce((
                    SELECT a.level FROM assessments a
                    WHERE a.trust_id = n.trust_id AND a.person_id = n.person_id
                      AND a.competency_id = q.competency_id
                    ORDER BY a.assessed_on DESC, a.id DESC LIMIT 1), 0), q.level) / q.level)
                  / sum(q.weight), 0) * 1e9 + 0.5 AS INTEGER)
           >= CAST(s.ready_now_match * 1e9 + 0.5 AS INTEGER)
         AND coalesce(rt.performance >= s.ready_now_performance, 0)
         AND CASE WHEN n.governance THEN 1
                  WHEN n.post_rung IS NULL OR lx.rung IS NULL OR lx.governance = 1 THEN 0
                  ELSE n.post_rung - lx.rung END = 1 AS ready_now
  FROM named n
  JOIN people x ON x.id = n.person_id
  LEFT JOIN ladder lx ON lx.stage = x.stage
  JOIN settings s ON s.trust_id = n.trust_id
  LEFT JOIN rated rt ON rt.person_id = n.person_id
  LEFT JOIN role_profile_requirements q ON q.profile_id = n.profile_id
  WHERE n.person_id IS NOT NULL AND n.readiness IS NULL
  GROUP BY n.post_id, n.person_id),
post_figures AS (
  SELECT kp.id AS post_id, kp.role_group,
         EXISTS (SELECT 1 FROM named n WHERE n.post_id = kp.id) AS covered,
         (EXISTS (SELECT 1 FROM named n WHERE n.post_id = kp.id AND n.readiness = 'ready_now')
          OR EXISTS (SELECT 1 FROM suggested g WHERE g.post_id = kp.id AND g.ready_now))
           AS ready_now,
         coalesce(pb.strength, 0.0) AS strength
  FROM key_posts kp LEFT JOIN post_bench pb ON pb.post_id = kp.id)
SELECT 'post' AS level, post_id, role_group, 1 AS posts, covered, ready_now, strength AS bench
FROM post_figures
UNION ALL
SELECT 'role_group', NULL, role_group, count(*), sum(covered), sum(ready_now), sum(strength)
FROM post_figures GROUP BY role_group
UNION ALL
SELECT 'nation', NULL, NULL, count(*), sum(covered), sum(ready_now), sum(strength)
FROM post_figures;
