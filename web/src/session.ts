// Who is signed in, in which trust, and what their role lets the screens offer. The server
// enforces every rule; this only decides what to show.

import { ApiError, get, request, setCsrfToken } from './api';
import type { ListPage, Person, Reference, SessionBody, Trust, User } from './types';

export interface AppState {
  user: User | null;
  trust: Trust | null;
  reference: Reference | null;
}

export const state: AppState = { user: null, trust: null, reference: null };

const ROLE_LABELS: Record<string, string> = {
  platform_admin: 'Platform administrator',
  trust_admin: 'Trust administrator',
  executive: 'Executive',
  headteacher: 'Headteacher',
  line_manager: 'Line manager',
  staff: 'Staff',
  governor: 'Governor',
};

export function roleLabel(role: string): string {
  return state.reference?.roles.find((r) => r.code === role)?.label ?? ROLE_LABELS[role] ?? role;
}

export function canImport(): boolean {
  return state.user?.role === 'trust_admin' || state.user?.role === 'platform_admin';
}

export function canExport(): boolean {
  return canImport() || state.user?.role === 'executive';
}

// The talent review, as src/access/policy.cc decides it. Ratings in full, the grid, meetings
// and movement (a headteacher: their own staff's only).
export function canReadRatings(): boolean {
  const role = state.user?.role;
  return role === 'platform_admin' || role === 'trust_admin' || role === 'executive' || role === 'headteacher';
}

// Propose 9-box ratings (a line manager for their reports, a headteacher for their school's
// staff, a trust administrator for anyone) and read back one's own proposals.
export function canPropose(): boolean {
  const role = state.user?.role;
  return role === 'platform_admin' || role === 'trust_admin' || role === 'headteacher' || role === 'line_manager';
}

// Open and move cycles on, record calibration meetings and adjust ratings.
export function canManageReviews(): boolean {
  const role = state.user?.role;
  return role === 'platform_admin' || role === 'trust_admin';
}

// Whether the talent review screens have anything for this role (staff and governors see
// only their own box, on their person page).
export function canSeeTalentReview(): boolean {
  return canReadRatings() || canPropose();
}

// Succession, as src/access/policy.cc decides it. The dashboard, rankings, simulations and the
// Board's and committee's reports: the whole-trust roles (kSuccession).
export function canSeeSuccession(): boolean {
  const role = state.user?.role;
  return role === 'platform_admin' || role === 'trust_admin' || role === 'executive';
}

// Plans and risk of loss (kReadSuccession): the whole-trust roles, and a headteacher for their
// own school's key posts (their school's Local Governing Body report).
export function canReadSuccession(): boolean {
  return canSeeSuccession() || state.user?.role === 'headteacher';
}

// Write plans, candidates, discussions and risks of loss (kManageSuccession).
export function canManageSuccession(): boolean {
  const role = state.user?.role;
  return role === 'platform_admin' || role === 'trust_admin';
}

// Raise development actions (kDevelop): for anyone (a trust administrator), a headteacher's
// staff and direct reports, a line manager's direct reports.
export function canDevelop(): boolean {
  const role = state.user?.role;
  return role === 'platform_admin' || role === 'trust_admin' || role === 'headteacher' || role === 'line_manager';
}

// Record a competency assessment of someone in scope (kAssess).
export function canAssess(): boolean {
  return canDevelop() || state.user?.role === 'executive';
}

// Change the organisation, role profiles and assessments (kWriteOrg).
export function canWriteOrg(): boolean {
  const role = state.user?.role;
  return role === 'platform_admin' || role === 'trust_admin';
}

// UK GDPR for the trust as controller (kManagePersonalData): a person's subject-access export
// and erasure, and the trust's retention rules and runs.
export function canManagePersonalData(): boolean {
  const role = state.user?.role;
  return role === 'platform_admin' || role === 'trust_admin';
}

// Whether the user raises and changes `person`'s development actions in full, as
// src/http/routes_development.cc decides: a trust administrator anyone's; a headteacher their
// school's staff's and their direct reports'; a line manager their direct reports'; neither
// their own. (Everyone else changes only the status and outcome of actions they own.)
export async function developsPerson(person: Person): Promise<boolean> {
  const role = state.user?.role;
  if (role === 'platform_admin' || role === 'trust_admin') return true;
  const self = state.user?.person_id;
  if (!canDevelop() || !self || self === person.id) return false;
  if ((person.line_managers ?? []).some((m) => m.person_id === self)) return true;
  if (role !== 'headteacher') return false;
  const own = await ownSchoolIds();
  return schoolIdsOf(person).some((id) => own.includes(id));
}

// The schools where `person` holds a current post.
export function schoolIdsOf(person: Person): number[] {
  return [...new Set((person.posts ?? []).map((p) => p.school_id).filter((id): id is number => id !== null))];
}

// The schools where the signed-in user holds a current post (a headteacher's own schools).
export async function ownSchoolIds(): Promise<number[]> {
  const self = state.user?.person_id;
  if (!self) return [];
  const person = await get<Person>(trustPath(`/people/${self}`)).catch(() => null);
  return person ? schoolIdsOf(person) : [];
}

export function trustPath(rest = ''): string {
  if (!state.trust) throw new ApiError(404, 'not_found', 'No trust is selected.');
  return `/trusts/${state.trust.id}${rest}`;
}

async function adopt(body: SessionBody): Promise<void> {
  setCsrfToken(body.csrf_token);
  state.user = body.user;
  state.reference = null;
  state.trust = null;
  const [reference, trust] = await Promise.all([
    get<Reference>('/reference').catch(() => null),
    loadTrust(body.user),
  ]);
  state.reference = reference;
  state.trust = trust;
}

async function loadTrust(user: User): Promise<Trust | null> {
  if (user.trust_id !== null && user.trust_id !== undefined) {
    return get<Trust>(`/trusts/${user.trust_id}`).catch(() => null);
  }
  // A platform administrator belongs to no trust: start with the first one they can see.
  const trusts = await get<ListPage<Trust> | Trust[]>('/trusts').catch(() => null);
  const items = Array.isArray(trusts) ? trusts : (trusts?.items ?? []);
  return items[0] ?? null;
}

export async function chooseTrust(id: number): Promise<void> {
  state.trust = await get<Trust>(`/trusts/${id}`);
}

// Restores the session from the cookie; false when there is none.
export async function restore(): Promise<boolean> {
  try {
    const body = await request<SessionBody>('GET', '/session', { quiet401: true });
    await adopt(body);
    return true;
  } catch (e) {
    if (e instanceof ApiError && (e.status === 401 || e.status === 403)) {
      forget();
      return false;
    }
    throw e;
  }
}

export async function signIn(email: string, password: string): Promise<void> {
  const body = await request<SessionBody>('POST', '/session', { json: { email, password }, quiet401: true });
  await adopt(body);
}

export async function signOut(): Promise<void> {
  try {
    await request<void>('DELETE', '/session', { quiet401: true });
  } finally {
    forget();
  }
}

export function forget(): void {
  setCsrfToken('');
  state.user = null;
  state.trust = null;
  state.reference = null;
}

export function stageLabel(code: string | null | undefined): string {
  if (!code) return 'Not recorded';
  return state.reference?.career_stages.find((s) => s.code === code)?.label ?? code;
}

export function familyLabel(code: string | null | undefined): string {
  if (!code) return 'Not recorded';
  return state.reference?.role_families.find((s) => s.code === code)?.label ?? code;
}

export function bodyKindLabel(code: string): string {
  return state.reference?.body_kinds.find((s) => s.code === code)?.label ?? code.replace(/_/g, ' ');
}

export function membershipRoleLabel(code: string): string {
  return state.reference?.membership_roles.find((s) => s.code === code)?.label ?? code.replace(/_/g, ' ');
}

export function contractLabel(code: string | null | undefined): string {
  if (!code) return '';
  return state.reference?.contract_types.find((s) => s.code === code)?.label ?? code.replace(/_/g, ' ');
}
