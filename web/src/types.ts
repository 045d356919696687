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
