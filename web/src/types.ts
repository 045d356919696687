// Records of the trellis API (docs/api.md). Optional fields are ones the API adds to some
// answers only, or that may be null.

export interface User {
  id: number;
  email: string;
  display_name: string;
  role: string;
  trust_id: number | null;
  person_id: number | null;
  disabled: boolean;
}

export interface SessionBody {
  user: User;
  csrf_token: string;
}

export interface ListPage<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface CodeLabel {
  code: string;
  label: string;
}

export interface CareerStageRef extends CodeLabel {
  rung: number;
  governance: boolean;
}

export interface Reference {
  career_stages: CareerStageRef[];
  role_families: CodeLabel[];
  body_kinds: CodeLabel[];
  membership_roles: CodeLabel[];
  contract_types: CodeLabel[];
  roles: CodeLabel[];
  review_cycle_statuses?: CodeLabel[];
  meeting_levels?: CodeLabel[];
  movement_directions?: CodeLabel[];
  workforce_census_roles: string[];
}

export interface Trust {
  id: number;
  name: string;
  reference: string | null;
  created_at?: string;
}

export interface School {
  id: number;
  trust_id: number;
  urn: number;
  name: string;
  phase: string | null;
  type: string | null;
  status: string | null;
  local_authority: string | null;
  region: string | null;
  pupils: number | null;
  postcode: string | null;
  easting: number | null;
  northing: number | null;
  headcount?: number | null;
  in_scope?: boolean;
  key_posts?: KeyPostFigures | null;
  local_governing_body_id?: number | null;
}

export interface KeyPostFigures {
  key_posts: number;
  held: number;
  vacant: number;
}

export interface Overview {
  trust: Trust;
  schools: School[];
  headcount: { stage: string | null; family: string | null; people: number }[];
  key_posts: KeyPostFigures | null;
  scope: 'trust' | 'schools' | 'self' | string;
}

export interface PersonPost {
  post_id: number;
  title: string;
  school_id: number | null;
  school_name: string | null;
  key: boolean;
  holding_id?: number;
  start?: string;
  end?: string | null;
  fte?: number;
  contract?: string;
}

export interface PersonLink {
  person_id: number;
  name: string;
  link_id: number;
}

export interface Membership {
  id: number;
  trust_id: number;
  body_id: number;
  person_id: number;
  role: string;
  term_start: string;
  term_end: string | null;
  person_name?: string;
  body_name?: string;
}

export interface Person {
  id: number;
  trust_id: number;
  reference: string;
  given_name: string;
  family_name: string;
  email: string | null;
  stage: string | null;
  joined_trust: string | null;
  left_trust: string | null;
  posts?: PersonPost[];
  memberships?: Membership[];
  line_managers?: PersonLink[];
  reports?: PersonLink[];
  // Only on a single person's record: the day they were erased, or null.
  erased_on?: string | null;
}

export interface Holder {
  person_id: number;
  name: string;
  holding_id: number;
  start?: string;
  end?: string | null;
}

export interface Holding {
  id: number;
  post_id: number;
  person_id: number;
  start: string;
  end: string | null;
  contract?: string;
  fte?: number;
  person_name?: string;
  name?: string;
}

export interface Post {
  id: number;
  trust_id: number;
  reference: string;
  title: string;
  school_id: number | null;
  body_id: number | null;
  family: string;
  stage: string | null;
  workforce_census_role: string | null;
  fte: number;
  key: boolean;
  school_name?: string | null;
  holders?: Holder[];
  history?: Holding[];
}

export interface Body {
  id: number;
  trust_id: number;
  kind: string;
  name: string;
  school_id: number | null;
  parent_id: number | null;
  members?: Membership[];
}

export interface ImportResult {
  kind: string;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  dry_run: boolean;
}

export interface ErrorDetail {
  field?: string;
  reason?: string;
  value?: string;
  row?: number;
}

// ---- Talent review (9-box); docs/api.md "Talent review". Ratings are confidential. ----

// Performance and potential, each 1 (low) to 3 (high).
export interface Box {
  performance: number;
  potential: number;
}

export interface NamedBox extends Box {
  name: string;
}

export type CycleStatus = 'open' | 'calibrating' | 'closed';

export interface ReviewCycle {
  id: number;
  trust_id: number;
  // The academic year's start: 2026 for 2026/27.
  year: number;
  name: string;
  status: CycleStatus | string;
  opened_on: string;
  closed_on: string | null;
  people_see_own_box: boolean;
  // The nine boxes with this cycle's names, performance major (1,1), (1,2) … (3,3).
  boxes: NamedBox[];
}

export interface CycleSummary {
  id: number;
  year: number;
  name: string;
}

export interface Rating {
  id: number;
  trust_id: number;
  cycle_id: number;
  person_id: number;
  person_name: string;
  rater_id: number;
  rater_name: string;
  proposal: Box;
  rationale: string;
  evidence: string;
  proposed_at: string;
  calibrated: Box | null;
  final: boolean;
  // Where the rating stands now: the latest adjustment, else the proposal.
  current: NamedBox;
}

export interface RatingAdjustment {
  id: number;
  trust_id: number;
  meeting_id: number;
  rating_id: number;
  before: Box;
  after: Box;
  reason: string;
  by_user_id: number | null;
  by: string;
  at: string;
  // In a meeting's answer.
  person_id?: number;
  person_name?: string;
  // In a rating's answer.
  meeting?: { id: number; level: string; school_id: number | null; held_on: string };
}

export interface RatingDetail extends Rating {
  adjustments: RatingAdjustment[];
}

export interface OwnProposal {
  rating_id: number;
  cycle_id: number;
  person_id: number;
  name: string;
  proposal: NamedBox;
  rationale: string;
  evidence: string;
  proposed_at: string;
}

export interface CalibrationMeeting {
  id: number;
  trust_id: number;
  cycle_id: number;
  level: 'school' | 'trust' | string;
  school_id: number | null;
  held_on: string;
  attendees: string;
}

export interface RaterDistribution {
  rater_id: number;
  rater_name: string;
  ratings: number;
  mean_performance: number;
  mean_potential: number;
  top_share: number;
  performance_gap: number;
  potential_gap: number;
  top_share_gap: number;
  enough_ratings: boolean;
  flagged: boolean;
  reasons: string[];
}

export interface RaterOutliers {
  ratings: number;
  mean_performance: number;
  mean_potential: number;
  top_share: number;
  raters: RaterDistribution[];
}

export interface MeetingDetail extends CalibrationMeeting {
  ratings: Rating[];
  outliers: RaterOutliers;
  adjustments: RatingAdjustment[];
}

export interface GridBox extends NamedBox {
  count: number;
  people: { person_id: number; name: string }[];
}

export interface NineBoxGrid {
  cycle_id: number;
  boxes: GridBox[];
  total: number;
}

export type MovementDirection = 'up' | 'down' | 'same' | 'across';

export interface Movement {
  from_cycle: CycleSummary | null;
  to_cycle: CycleSummary;
  flows: { from: NamedBox; to: NamedBox; count: number }[];
  up: number;
  down: number;
  same: number;
  across: number;
  only_earlier: number;
  only_later: number;
  people: { person_id: number; name: string; from: NamedBox; to: NamedBox; direction: MovementDirection | string }[];
}

// A person's box history: "full" for those who read their ratings, "own_box" for the person
// themself (closed cycles that let people see their own box: the final box only).
export interface PersonRatings {
  person_id: number;
  name: string;
  view: 'full' | 'own_box';
  items: (Partial<Rating> & { id: number; cycle_id: number; cycle: CycleSummary; final: boolean; current: NamedBox })[];
}

// ---- Succession (routes_pipeline.cc, routes_reports.cc, routes_succession.cc). Confidential. ----

// A figure kept as "numerator of denominator"; value null for 0 of 0.
export interface Proportion {
  numerator: number;
  denominator: number;
  value: number | null;
}

// A group's bench: the sum of its posts' bench strengths ÷ its posts.
export interface GroupBench {
  total: number;
  posts: number;
  value: number | null;
}

// A group of key posts measured. Its posts are the dashboard's post lines of its school and
// role group (those with a named successor make the coverage's numerator, those with one
// ready now the ready-now coverage's).
export interface PipelineCell {
  key_posts: number;
  coverage: Proportion;
  ready_now_coverage: Proportion;
  bench_strength: GroupBench;
  role_group?: string;
}

export interface PersonRef {
  person_id: number;
  name: string;
}

export interface PostRef {
  post_id: number;
  title: string;
  school_id: number | null;
  school_name: string;
  holder: PersonRef | null;
}

// A key post's line of the dashboard. People by id (named in the dashboard's people), the
// school's name in its heatmap row, the bench in the dashboard's benches.
export interface PipelinePost {
  post_id: number;
  title: string;
  school_id: number | null;
  role_group: string;
  holder_id: number | null;
  holder_risk: string | null;
  plan_id: number | null;
  named_successors: number;
  ready_now_successors: number;
  review_overdue: boolean;
  bench_strength: number;
  bench_index: number;
}

// A figure of key posts with the posts of its numerator, by id.
export interface PostsFigure extends Proportion {
  post_ids: number[];
}

export interface ActionLine {
  id: number;
  title: string;
  person_id: number;
  status: string;
  due_on: string | null;
  plan_id: number | null;
  post_id: number | null;
}

export interface PipelineSnapshot {
  id: number;
  cycle_id: number | null;
  taken_on: string;
  coverage: Proportion;
  ready_now_coverage: Proportion;
  bench_strength: GroupBench;
  overload: Proportion;
  cycle: { id: number; year: number; name: string } | null;
}

export interface PipelineDashboard {
  trust_id: number;
  on: string;
  settings: Record<string, number>;
  overall: PipelineCell;
  role_groups: (PipelineCell & CodeLabel)[];
  heatmap: {
    columns: CodeLabel[];
    // A row's cells: the role groups with key posts there (a role group left out has none).
    rows: { school_id: number | null; name: string; cells: PipelineCell[]; all: PipelineCell }[];
  };
  posts: PipelinePost[];
  benches: number[][];
  lists: {
    overloaded_successors: Proportion & { people: { person_id: number; post_ids: number[] }[] };
    high_risk_without_ready_successor: PostsFigure;
    vacant: PostsFigure;
    leaning_on_high_risk_successors: PostsFigure & { successors: { post_id: number; person_id: number }[] };
    overdue_reviews: PostsFigure;
    without_plan: PostsFigure;
    development_actions: Proportion & { on_track: ActionLine[]; off_track: ActionLine[] };
    plans_not_counted: number[];
  };
  people: PersonRef[];
  trend: PipelineSnapshot[];
}

export interface AttritionYear {
  year: number;
  external_mean: number;
  external_standard_error: number;
  external_low: number;
  external_high: number;
  internal_mean: number;
  internal_standard_error: number;
}

export interface AttritionResult {
  runs: number;
  years: number;
  seed: number;
  settings: Record<string, number>;
  key_posts: number;
  people: number;
  vacant_at_start: { post_id: number; title: string }[];
  per_year: AttritionYear[];
}

export interface VacancyStep {
  step: number;
  post_id: number;
  title: string;
  school_id: number | null;
  school_name: string;
  cause: string;
  vacated_by: PersonRef;
  external_appointment: boolean;
  filled_by: (PersonRef & { readiness: string }) | null;
}

export interface VacancyChain {
  leavers: PersonRef[];
  readiness_rule: string;
  steps: VacancyStep[];
  external_appointments: number;
  internal_appointments: number;
}

export interface ReportedSuccessor {
  person_id: number | null;
  name: string;
  external: boolean;
  rank: number;
  readiness: string;
  readiness_judged: boolean;
  emergency: boolean;
}

export interface ReportedAction {
  id: number;
  person_id: number;
  name: string;
  kind: string;
  title: string;
  status: string;
  due_on: string | null;
  on_track: boolean;
}

export interface KeyPostReport extends PostRef {
  role_group: string;
  plan_id: number | null;
  impact: string | null;
  consider_external: boolean;
  review_on: string | null;
  review_overdue: boolean;
  last_discussed: string | null;
  last_forum: string | null;
  named_successors: number;
  ready_now_successors: number;
  successors: ReportedSuccessor[];
  emergency_successor: ReportedSuccessor | null;
  actions: ReportedAction[];
  actions_on_track: Proportion;
  details_withheld: boolean;
  holder_risk?: string | null;
  departure_window?: string | null;
}

export interface SchoolImplementation {
  school_id: number | null;
  name: string;
  staff_rated: Proportion;
  calibration_meeting_held: boolean;
  key_posts_with_successor: Proportion;
  key_posts_ready_now: Proportion;
  overdue_reviews: Proportion;
  actions_on_track: Proportion;
}

export interface ReportCycle {
  id: number;
  year: number;
  name: string;
  closed_on: string | null;
}

export interface BoardReport {
  report: 'board';
  on: string;
  coverage: Proportion;
  ready_now_coverage: Proportion;
  actions_on_track: Proportion;
  roles: KeyPostReport[];
}

export interface PayAndPersonnelReport {
  report: 'pay_and_personnel';
  on: string;
  cycle: ReportCycle | null;
  schools: SchoolImplementation[];
  all_schools: SchoolImplementation;
  meetings_held: number;
}

export interface LocalGoverningBodyReport {
  report: 'local_governing_body';
  on: string;
  cycle: ReportCycle | null;
  school: SchoolImplementation;
  posts: KeyPostReport[];
}

export interface Gap {
  competency_id: number;
  competency: string;
  required: number;
  assessed: number;
}

export interface RankedCandidate {
  person_id: number;
  name: string;
  reference: string;
  stage: string | null;
  // Null where the caller does not read the person's 9-box rating.
  score: number | null;
  match: number;
  talent: number | null;
  proximity: number;
  steps: number;
  rated: boolean | null;
  suggested_readiness: string;
  gaps: Gap[];
  // Named on the post's plan already.
  named: boolean;
}

export interface PlanListItem {
  post: { id: number; reference: string; title: string; school_id: number | null; school_name: string | null; role_group: string };
  holders: { person_id: number; name: string; risk: string | null; window: string | null }[];
  plan: {
    id: number;
    impact: string | null;
    consider_external: boolean;
    review_on: string | null;
    overdue: boolean;
    candidates: number;
    named_successors: number;
    ready_now: number;
    emergency: { candidate_id: number; person_id: number | null; name: string } | null;
    no_internal_successor_likely: boolean;
  } | null;
}

export interface Ranking {
  post_id: number;
  plan_id?: number | null;
  title: string;
  eligible: number;
  notes: { code: string; text: string }[];
  formula: FormulaSettings;
  candidates: RankedCandidate[];
}

// ---- A key post's succession plan (routes_succession.cc, routes_development.cc). ----

// What a person will do to grow (development/action.h). `source` and `plan_id` are null for
// callers who do not read the person's succession plans.
export interface DevelopmentAction {
  id: number;
  trust_id: number;
  person_id: number;
  person_name: string;
  kind: string;
  title: string;
  description: string;
  source: 'manual' | 'nine_box' | 'succession_gap' | null;
  gap_competency_id: number | null;
  gap_competency: string | null;
  plan_id: number | null;
  owner_id: number | null;
  owner_name: string | null;
  due_on: string | null;
  status: 'planned' | 'in_progress' | 'completed' | 'cancelled';
  outcome: string;
  raised_on: string;
  completed_on: string | null;
}

// A named successor as the plan's answer gives it: who, where they stand by the formula
// (null figures where the formula says nothing, or the caller does not read their rating) and
// by the leaders' judgement.
export interface PlanCandidate {
  id: number;
  plan_id: number;
  rank: number;
  internal: boolean;
  person_id: number | null;
  name: string;
  external_name: string;
  external_source: string;
  notes: string;
  emergency: boolean;
  added_on: string;
  school_name?: string | null;
  // The readiness that counts; overridden (internal) with the reason, else the suggestion.
  readiness: string;
  readiness_overridden: boolean;
  readiness_reason: string;
  suggested_readiness: string | null;
  in_trust?: boolean;
  holds_the_post?: boolean;
  eligible?: boolean;
  named_successor?: boolean;
  score: number | null;
  match: number | null;
  talent: number | null;
  proximity: number | null;
  rated: boolean | null;
  steps: number | null;
  gaps: Gap[];
  development_actions: DevelopmentAction[];
}

export interface PlanDiscussion {
  id: number;
  held_on: string;
  forum: string;
  attendees: string;
  outcome: string;
}

export interface LossRisk {
  id?: number;
  person_id: number;
  risk: string;
  window: string | null;
  note: string;
  assessed_on: string;
}

export interface Plan {
  id: number;
  post_id: number;
  impact: string | null;
  consider_external: boolean;
  review_on: string | null;
  notes: string;
  created_on: string;
  overdue: boolean;
  post: { id: number; title: string; school_id: number | null; school_name: string | null; role_group: string };
  holders: { person_id: number; name: string; holding_id: number; loss_risk: LossRisk | null }[];
  named_successors: number;
  ready_now: number;
  no_internal_successor_likely: boolean;
  candidates: PlanCandidate[];
  discussions: PlanDiscussion[];
}

// A change to a plan, from the audit log (reads are left out).
export interface PlanHistoryEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  before?: unknown;
  after?: unknown;
}

// ---- Competencies, role profiles and assessments (routes_talent.cc) ----

export interface FrameworkLevel {
  level: number;
  label: string;
}

export interface Framework {
  id: number;
  trust_id: number | null;
  shipped: boolean;
  read_only: boolean;
  code: string;
  name: string;
  version: string;
  source: string;
  levels: FrameworkLevel[];
}

export interface Competency {
  id: number;
  framework_id: number;
  area_id: number;
  code: string;
  name: string;
  description: string;
  position: number;
}

export interface FrameworkArea {
  id: number;
  framework_id: number;
  name: string;
  position: number;
  competencies: Competency[];
}

export interface FrameworkContent extends Framework {
  areas: FrameworkArea[];
}

export interface Requirement {
  competency_id: number;
  level: number;
  weight: number;
}

export interface RoleProfile {
  id: number;
  trust_id: number;
  post_id: number | null;
  stage: string | null;
  name: string;
  requirements: Requirement[];
}

// The profile that applies to a post: its own, else its career stage's, else none.
export interface PostProfile {
  post_id: number;
  post_title: string;
  stage: string | null;
  source: 'post' | 'stage' | null;
  profile: RoleProfile | null;
}

export interface Assessment {
  id: number;
  trust_id: number;
  person_id: number;
  competency_id: number;
  level: number;
  assessor_id: number | null;
  assessor_name: string;
  assessed_on: string;
  evidence: string;
}

// ---- The trust's succession formula settings (docs/formulas.md) ----

export interface FormulaSettings {
  match_weight: number;
  talent_weight: number;
  proximity_weight: number;
  proximity_one_step: number;
  proximity_two_steps: number;
  ready_now_match: number;
  ready_now_performance: number;
  one_to_two_years_match: number;
  bench_match: number;
  overload_plans: number;
  low_risk: number;
  medium_risk: number;
  high_risk: number;
  default_risk: number;
}

export interface FormulaSettingsAnswer {
  settings: FormulaSettings;
  defaults: FormulaSettings;
}

// ---- UK GDPR (docs/api.md, "Personal data") ----

export interface ErasureReport {
  person_id: number;
  erased_on: string;
  // The person's reference from now on ("ERASED-<id>").
  reference: string;
  audit_entries_redacted: number;
  user_accounts_disabled: number;
}

// Each rule is whole years, or null when it is off.
export interface RetentionRules {
  leaver_review_years: number | null;
  leaver_erasure_years: number | null;
  audit_years: number | null;
}

export interface RetentionReport {
  trust_id: number;
  today: string;
  dry_run: boolean;
  rules: RetentionRules;
  // The leaving day up to which each leavers' rule applied, and the day before which audit
  // entries went; null for a rule that is off.
  review_data_of_leavers_by: string | null;
  erasure_of_leavers_by: string | null;
  audit_entries_before: string | null;
  removed: {
    ratings: number;
    rating_adjustments: number;
    assessments: number;
    loss_risks: number;
    people_erased: number;
    audit_entries: number;
  };
  // Leavers due for erasure who still hold a post or sit on a body, and so were kept.
  leavers_still_in_post: number;
}
