// A key post's succession plan (seed 000's six steps for one post): the post and its holder
// with their risk of loss; the named successors in rank order with readiness (suggested, or
// overridden with the reason), the emergency successor, the formula's score and its parts, gaps
// against the role profile and development actions; "consider external"; discussions; review
// date; history. Trust administrators create and edit the plan, add successors from the ranked
// list (or from outside), move, override, flag and remove them, record discussions and set the
// holder's risk of loss.

import { ApiError, get, request } from '../api';
import {
  backLink,
  checkboxes,
  dateInput,
  dateParts,
  details,
  errorSummary,
  formatDate,
  heading,
  isoDate,
  link,
  radios,
  summaryList,
  table,
  tag,
  textarea,
  textInput,
  warningText,
  type DateParts,
} from '../components';
import { errorItems, errorsFromApi, fieldText, type FieldErrors } from '../forms';
import { html, nothing, type SafeHtml } from '../html';
import { navigate, positiveId, type Page } from '../router';
import { canManageSuccession, canReadSuccession, trustPath } from '../session';
import type { Gap, Post, Ranking } from '../types';
import { showPage } from '../view';
import { forbiddenPage, notFoundPage } from './errors';
import { leaveNotice, takeNotice } from './review';
import {
  actionKindLabel,
  ACTION_KIND_CODES,
  actionStatusTag,
  FORUM_CODES,
  forumLabel,
  impactLabel,
  postHref,
  READINESS_CODES,
  readinessLabel,
  readinessTag,
  RISK_CODES,
  riskLabel,
  riskTag,
  SUCCESSION_ONLY,
  successionNote,
  WINDOW_CODES,
  windowLabel,
} from './succession';

// ---- The plan API (routes_succession.cc, routes_development.cc): one place for its paths ----

export interface PlanDevelopmentAction {
  id: number;
  person_id: number;
  person_name?: string;
  kind: string;
  title: string;
  status: string;
  due_on: string | null;
  gap_competency_id: number | null;
  gap_competency?: string | null;
  plan_id: number | null;
  outcome?: string;
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
  development_actions: PlanDevelopmentAction[];
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

interface HistoryEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  before?: unknown;
  after?: unknown;
}

const plansPath = (rest = '') => trustPath(`/succession-plans${rest}`);
const planPath = (planId: number, rest = '') => plansPath(`/${planId}${rest}`);
const riskPath = (personId: number) => trustPath(`/people/${personId}/loss-risk`);
const actionsPath = (rest = '') => trustPath(`/development-actions${rest}`);

function items<T>(answer: unknown): T[] {
  if (Array.isArray(answer)) return answer as T[];
  const list = (answer as { items?: T[] } | null)?.items;
  return Array.isArray(list) ? list : [];
}

// Whether the development actions API answers (routes_development.cc), asked once.
let actionsApi: Promise<boolean> | null = null;
export function hasActionsApi(): Promise<boolean> {
  actionsApi ??= get<unknown>(actionsPath(), { limit: 1 })
    .then(() => true)
    .catch((e) => !(e instanceof ApiError && (e.status === 404 || e.status === 405)));
  return actionsApi;
}

// ---- What a plan page needs ----

interface PlanContext {
  post: Post;
  schoolName: string;
  holder: { person_id: number; name: string } | null;
  plan: Plan | null;
  risk: LossRisk | null;
  ranking: Ranking | null;
  actionsApi: boolean;
}

function candidateName(c: PlanCandidate): string {
  return c.name || c.external_name || `Person ${c.person_id}`;
}

async function loadPlan(postId: number): Promise<PlanContext> {
  const post = await get<Post>(trustPath(`/posts/${postId}`));
  if (!post.key) throw new ApiError(404, 'not_found', 'Not a key post.');
  const [plan, actionsOn] = await Promise.all([
    get<Plan>(trustPath(`/posts/${postId}/succession-plan`)).catch((e) => {
      if (e instanceof ApiError && e.status === 404) return null;
      throw e;
    }),
    hasActionsApi(),
  ]);
  const firstHolder = plan?.holders[0] ?? post.holders?.[0] ?? null;
  const holder = firstHolder ? { person_id: firstHolder.person_id, name: firstHolder.name } : null;
  let risk: LossRisk | null = plan?.holders[0]?.loss_risk ?? null;
  if (!plan && holder) {
    risk = await get<{ loss_risk: LossRisk | null }>(riskPath(holder.person_id))
      .then((r) => r.loss_risk)
      .catch(() => null);
  }
  return { post, schoolName: plan?.post.school_name ?? post.school_name ?? '', holder, plan, risk, ranking: null, actionsApi: actionsOn };
}

function guard(postText: string | undefined): number | Page {
  if (!canReadSuccession()) return forbiddenPage(SUCCESSION_ONLY);
  const id = positiveId(postText);
  return id === null ? notFoundPage() : id;
}

// ---- The plan ----

export async function planPage(postText: string | undefined, rerender: () => void): Promise<Page> {
  const id = guard(postText);
  if (typeof id !== 'number') return id;
  const c = await loadPlan(id);
  return buildPlan(c, rerender);
}

function percentText(v: number): string {
  return `${Math.round(v * 100)}%`;
}

function scoreCell(x: PlanCandidate, formula: Record<string, number> | undefined): SafeHtml {
  if (!x.internal) return html`<span class="app-muted">Not scored (from outside)</span>`;
  if (x.match === null) return html`<span class="app-muted">The formula does not place them for this post</span>`;
  const w = formula ?? {};
  const parts = `match ${x.match.toFixed(2)} × ${w.match_weight ?? 0.5}${x.talent === null ? '' : ` + talent ${x.talent.toFixed(2)} × ${w.talent_weight ?? 0.3}`} + proximity ${(x.proximity ?? 0).toFixed(2)} × ${w.proximity_weight ?? 0.2}`;
  return html`<strong>${x.score === null ? 'Not shown' : x.score.toFixed(2)}</strong>
    <span class="app-box-scores">${parts}${x.rated === false ? ' (no calibrated rating: talent counts 0)' : ''}${x.score === null ? ' (talent is not yours to see)' : ''}</span>`;
}

function gapsCell(gaps: Gap[] | null): SafeHtml {
  if (!gaps) return html`<span class="app-muted">Not known</span>`;
  if (!gaps.length) return html`None`;
  return html`<ul class="govuk-list govuk-body-s govuk-!-margin-bottom-0">${gaps.map((g) => html`<li>${g.competency}: level ${g.assessed} of ${g.required}</li>`)}</ul>`;
}

function readinessCell(c: PlanCandidate): SafeHtml {
  let how: SafeHtml;
  if (!c.internal) how = html`Judged by leaders (from outside)${c.readiness_reason ? `: ${c.readiness_reason}` : ''}`;
  else if (c.readiness_overridden)
    how = html`<span class="app-overridden">Overridden</span>${c.suggested_readiness ? ` (suggested: ${readinessLabel(c.suggested_readiness)})` : ''}. Reason: ${c.readiness_reason}`;
  else how = html`Suggested by the formula`;
  return html`${readinessTag(c.readiness)}<span class="app-box-scores" data-readiness-how>${how}</span>`;
}

function buildPlan(c: PlanContext, rerender: () => void): Page {
  const { post, plan } = c;
  const manage = canManageSuccession();
  const base = postHref(post.id);
  const candidates = [...(plan?.candidates ?? [])].sort((a, b) => a.rank - b.rank);
  const emergency = candidates.find((x) => x.emergency);
  const title = `Succession plan: ${post.title}`;
  const holder = c.holder;
  const candidateRows = candidates.map((x, i) => {
    const name = candidateName(x);
    const acts = x.development_actions ?? [];
    return [
      String(x.rank),
      html`${x.internal ? link(`#/people/${x.person_id}`, name) : name}<span class="app-box-scores">${
        x.internal ? (x.school_name ?? '') : `From outside${x.external_source ? `: ${x.external_source}` : ''}`
      }${x.internal && x.in_trust === false ? ' Has left the trust: does not count.' : ''}</span>${x.emergency ? html` ${tag('Emergency successor', 'purple')}` : nothing}`,
      readinessCell(x),
      scoreCell(x, undefined),
      x.internal ? gapsCell(x.gaps) : html`<span class="app-muted">Not known</span>`,
      acts.length
        ? html`<ul class="govuk-list govuk-body-s govuk-!-margin-bottom-0">${acts.map(
            (a) => html`<li>${a.title} ${actionStatusTag(a.status)}${a.gap_competency ? html`<span class="app-box-scores">For ${a.gap_competency}</span>` : nothing}${
              a.due_on ? html`<span class="app-box-scores">Due ${formatDate(a.due_on)}</span>` : nothing
            }</li>`,
          )}</ul>`
        : 'None',
      ...(manage
        ? [
            html`<ul class="govuk-list govuk-body-s app-actions">
              ${i > 0 ? html`<li><button type="button" class="app-link-button" data-move="${x.id}" data-rank="${x.rank - 1}">Move up<span class="govuk-visually-hidden"> ${name}</span></button></li>` : nothing}
              ${i < candidates.length - 1 ? html`<li><button type="button" class="app-link-button" data-move="${x.id}" data-rank="${x.rank + 1}">Move down<span class="govuk-visually-hidden"> ${name}</span></button></li>` : nothing}
              <li>${link(`${base}/candidates/${x.id}/readiness`, html`Change readiness<span class="govuk-visually-hidden"> of ${name}</span>`)}</li>
              ${x.emergency ? nothing : html`<li><button type="button" class="app-link-button" data-emergency="${x.id}">Make emergency successor<span class="govuk-visually-hidden">: ${name}</span></button></li>`}
              ${x.internal && c.actionsApi ? html`<li>${link(`${base}/candidates/${x.id}/actions/new`, html`Raise a development action<span class="govuk-visually-hidden"> for ${name}</span>`)}</li>` : nothing}
              <li>${link(`${base}/candidates/${x.id}/remove`, html`Remove<span class="govuk-visually-hidden"> ${name}</span>`)}</li>
            </ul>`,
          ]
        : []),
    ];
  });
  return {
    title,
    section: 'succession',
    focus: '#review-notice',
    body: html`
      ${backLink('#/succession/plans', 'All key posts')}
      ${takeNotice()}
      ${heading(title, c.schoolName || 'Trust-wide')}
      ${successionNote()}
      <h2 class="govuk-heading-m">The post</h2>
      ${summaryList([
        ['Post', link(`#/posts/${post.id}`, post.title)],
        ['School', c.schoolName || 'Trust-wide'],
        ['Holder', holder ? link(`#/people/${holder.person_id}`, holder.name) : tag('Vacant', 'grey')],
        [
          'Holder’s risk of loss',
          holder
            ? html`<span id="holder-risk">${riskTag(c.risk?.risk)}${c.risk?.window ? html` <span class="app-box-scores">May leave: ${windowLabel(c.risk.window)}</span>` : nothing}${
                c.risk?.note ? html`<span class="app-box-scores">${c.risk.note}</span>` : nothing
              }</span>${manage ? html` ${link(`${base}/risk`, html`Set<span class="govuk-visually-hidden"> the holder’s risk of loss</span>`)}` : nothing}`
            : 'Nobody holds the post',
        ],
        ...(plan
          ? ([
              ['Impact of loss', impactLabel(plan.impact)],
              ['Review date', html`<span id="review-date">${plan.review_on ? formatDate(plan.review_on) : 'No date set'}</span>${plan.overdue ? html` ${tag('Overdue', 'red')}` : nothing}`],
              ['Consider external successors', plan.consider_external ? 'Yes: no internal successor is likely' : 'No'],
              ['Named successors', html`<span id="named-count">${plan.named_successors}</span>, of whom ${plan.ready_now} ready now`],
              ['Notes', plan.notes || 'None'],
            ] as [string, SafeHtml | string][])
          : []),
      ])}
      ${plan && manage ? html`<p class="govuk-body">${link(`${base}/edit`, 'Change the impact, review date or notes')}</p>` : nothing}
      ${plan === null
        ? html`<div class="govuk-inset-text" id="no-plan">This key post has no succession plan.</div>
          ${manage ? html`<a class="govuk-button" data-module="govuk-button" href="${base}/create" id="create-plan">Create the plan</a>` : nothing}`
        : html`
          <h2 class="govuk-heading-m" id="successors-heading">Named successors (${candidates.length})</h2>
          ${plan.no_internal_successor_likely
            ? html`<div id="consider-external">${warningText(
                plan.consider_external ? 'No internal successor is likely: leaders are looking outside the trust.' : 'Nobody from inside the trust is named: consider an external successor.',
              )}</div>`
            : nothing}
          <p class="govuk-body" id="emergency-successor">Emergency successor: <strong>${emergency ? candidateName(emergency) : 'none named'}</strong>.</p>
          ${table({
            caption: `Named successors for ${post.title}, in rank order`,
            captionHidden: true,
            head: [
              { text: 'Rank' },
              { text: 'Successor' },
              { text: 'Readiness' },
              { text: 'Score and its parts' },
              { text: 'Gaps against the role profile' },
              { text: 'Development actions' },
              ...(manage ? [{ text: 'Actions' }] : []),
            ],
            rows: candidateRows,
            empty: 'Nobody is named yet.',
          })}
          ${manage
            ? html`<div class="govuk-button-group">
                <a class="govuk-button" data-module="govuk-button" href="${base}/add" id="add-from-ranking">Add a successor from the ranked list</a>
                <a class="govuk-button govuk-button--secondary" data-module="govuk-button" href="${base}/add-external">Add someone from outside the trust</a>
              </div>`
            : nothing}
          <h2 class="govuk-heading-m" id="discussions-heading">Discussions</h2>
          ${table({
            caption: `Discussions of the plan for ${post.title}`,
            captionHidden: true,
            head: [{ text: 'Date' }, { text: 'Forum' }, { text: 'Attendees' }, { text: 'Outcome' }],
            rows: [...plan.discussions].reverse().map((d) => [formatDate(d.held_on), forumLabel(d.forum), d.attendees || 'Not recorded', d.outcome]),
            rowHeaders: true,
            empty: 'The plan has not been discussed yet.',
          })}
          ${manage ? html`<p class="govuk-body">${link(`${base}/discussions/new`, 'Record a discussion')}</p>` : nothing}
          <div id="history-slot"></div>`}`,
    mount: (main) => {
      if (plan) void mountHistory(main, plan.id);
      main.querySelectorAll<HTMLButtonElement>('button[data-move]').forEach((b) =>
        b.addEventListener('click', () => void changeCandidate(c, Number(b.dataset.move), { rank: Number(b.dataset.rank) }, 'Successor moved', rerender)),
      );
      main.querySelectorAll<HTMLButtonElement>('button[data-emergency]').forEach((b) =>
        b.addEventListener('click', () => void changeCandidate(c, Number(b.dataset.emergency), { emergency: true }, 'Emergency successor set', rerender)),
      );
    },
  };
}

async function changeCandidate(c: PlanContext, candidateId: number, change: Record<string, unknown>, done: string, rerender: () => void): Promise<void> {
  const base = postHref(c.post.id);
  try {
    await request('PATCH', planPath(c.plan!.id, `/candidates/${candidateId}`), { json: change });
    leaveNotice(base, done);
    navigate(base, rerender);
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return;
    const errors = errorsFromApi(e, {});
    leaveNotice(base, 'The change was not made', html`<p class="govuk-body">${errors.form ?? 'Try again.'}</p>`);
    navigate(base, rerender);
  }
}

// The plan's history from the audit log, shown under the plan once it arrives.
async function mountHistory(main: HTMLElement, planId: number): Promise<void> {
  const slot = main.querySelector('#history-slot');
  if (!slot) return;
  let entries: HistoryEntry[];
  try {
    entries = items<HistoryEntry>(await get<unknown>(planPath(planId, '/history')));
  } catch {
    return;
  }
  const words: Record<string, string> = {
    create: 'Plan created',
    update: 'Plan changed',
    add_candidate: 'Successor added',
    change_candidate: 'Successor changed',
    remove_candidate: 'Successor removed',
    record_discussion: 'Discussion recorded',
    read: 'Read',
  };
  const shown = entries.filter((e) => e.action !== 'read');
  slot.innerHTML = html`<h2 class="govuk-heading-m" id="history-heading">History</h2>
    ${table({
      caption: 'History of the plan',
      captionHidden: true,
      head: [{ text: 'When' }, { text: 'What' }, { text: 'By' }],
      rows: shown.map((e) => [formatDate(e.at.slice(0, 10)), words[e.action] ?? e.action.replace(/_/g, ' '), e.actor]),
      rowHeaders: true,
      empty: 'No change has been recorded.',
    })}`.value;
}

// ---- Creating and editing the plan ----

interface PlanFormState {
  impact: string;
  reviewOn: DateParts;
  considerExternal: boolean;
  notes: string;
  errors: FieldErrors;
}

export async function planFormPage(postText: string | undefined, mode: 'create' | 'edit', rerender: () => void): Promise<Page> {
  const id = guard(postText);
  if (typeof id !== 'number') return id;
  if (!canManageSuccession()) return forbiddenPage('Only trust administrators change succession plans.');
  const c = await loadPlan(id);
  if (mode === 'edit' && !c.plan) return notFoundPage();
  if (mode === 'create' && c.plan) return planFormPage(postText, 'edit', rerender);
  const p = c.plan;
  return buildPlanForm(c, mode, { impact: p?.impact ?? '', reviewOn: dateParts(p?.review_on), considerExternal: p?.consider_external ?? false, notes: p?.notes ?? '', errors: {} }, rerender);
}

function buildPlanForm(c: PlanContext, mode: 'create' | 'edit', s: PlanFormState, rerender: () => void): Page {
  const errs = errorItems(s.errors, [
    ['impact', 'plan-impact'],
    ['review_on', 'plan-review-day'],
    ['notes', 'plan-notes'],
  ]);
  const title = mode === 'create' ? `Create the succession plan for ${c.post.title}` : `Change the succession plan for ${c.post.title}`;
  return {
    title: `${errs.length ? 'Error: ' : ''}${title}`,
    section: 'succession',
    body: html`
      ${backLink(postHref(c.post.id), 'Back to the plan')}
      ${errs.length ? errorSummary('There is a problem', errs) : nothing}
      ${heading(title, 'Succession')}
      ${successionNote()}
      <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds"><form id="plan-form" novalidate>
        ${radios({
          id: 'plan-impact',
          name: 'impact',
          legend: 'Impact on the trust of losing the holder',
          value: s.impact,
          error: s.errors.impact,
          items: RISK_CODES.map((code) => ({ value: code, text: impactLabel(code) })),
        })}
        ${dateInput({ id: 'plan-review', name: 'review_on', legend: 'Next review date (optional)', hint: 'For example, 31 3 2027', value: s.reviewOn, error: s.errors.review_on })}
        ${checkboxes({ legend: 'External successors', items: [{ id: 'plan-external', name: 'consider_external', label: 'No internal successor is likely: consider external successors', checked: s.considerExternal }] })}
        ${textarea({ id: 'plan-notes', name: 'notes', label: 'Notes (optional)', value: s.notes, error: s.errors.notes, rows: 3 })}
        <div class="govuk-button-group">
          <button type="submit" class="govuk-button" data-module="govuk-button">${mode === 'create' ? 'Create the plan' : 'Save the changes'}</button>
          <a class="govuk-link" href="${postHref(c.post.id)}">Cancel</a>
        </div>
      </form></div></div>`,
    mount: (main) => {
      const form = main.querySelector<HTMLFormElement>('#plan-form');
      form?.addEventListener('submit', (event) => {
        event.preventDefault();
        void submitPlanForm(form, c, mode, rerender);
      });
    },
  };
}

async function submitPlanForm(form: HTMLFormElement, c: PlanContext, mode: 'create' | 'edit', rerender: () => void): Promise<void> {
  const s: PlanFormState = {
    impact: fieldText(form, 'impact'),
    reviewOn: { day: fieldText(form, 'review_on-day'), month: fieldText(form, 'review_on-month'), year: fieldText(form, 'review_on-year') },
    considerExternal: new FormData(form).get('consider_external') === 'true',
    notes: fieldText(form, 'notes'),
    errors: {},
  };
  const blank = !s.reviewOn.day && !s.reviewOn.month && !s.reviewOn.year;
  const reviewOn = blank ? null : isoDate(s.reviewOn);
  if (!blank && !reviewOn) s.errors.review_on = 'Review date must be a real date, like 31 3 2027';
  if (!s.errors.review_on) {
    form.querySelector('button[type=submit]')?.setAttribute('disabled', 'disabled');
    const body = { impact: s.impact || null, review_on: reviewOn, consider_external: s.considerExternal, notes: s.notes };
    try {
      if (mode === 'create') await request('POST', plansPath(), { json: { post_id: c.post.id, ...body } });
      else await request('PATCH', planPath(c.plan!.id), { json: body });
      leaveNotice(postHref(c.post.id), mode === 'create' ? 'Plan created' : 'Plan changed');
      navigate(postHref(c.post.id), rerender);
      return;
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return;
      s.errors = errorsFromApi(e, { impact: 'Impact of loss', review_on: 'Review date', notes: 'Notes', consider_external: 'Consider external' }, 'This post has a plan already.');
    }
  }
  showPage(buildPlanForm(c, mode, s, rerender), { moveFocus: true });
}

// ---- Adding a successor from the ranked list ----

export async function addFromRankingPage(postText: string | undefined, rerender: () => void): Promise<Page> {
  const id = guard(postText);
  if (typeof id !== 'number') return id;
  if (!canManageSuccession()) return forbiddenPage('Only trust administrators change succession plans.');
  const c = await loadPlan(id);
  if (!c.plan) return notFoundPage();
  const ranking = await get<Ranking>(trustPath(`/posts/${id}/candidates`), { limit: 50 });
  return buildAdd({ ...c, ranking }, undefined, rerender);
}

function buildAdd(c: PlanContext, problem: string | undefined, rerender: () => void): Page {
  const ranking = c.ranking!;
  const named = new Set((c.plan?.candidates ?? []).map((x) => x.person_id).filter((x): x is number => x !== null));
  const scoreText = (v: number | null) => (v === null ? 'Not shown' : v.toFixed(2));
  const w = ranking.formula;
  const title = `Add a successor for ${c.post.title}`;
  return {
    title: `${problem ? 'Error: ' : ''}${title}`,
    section: 'succession',
    body: html`
      ${backLink(postHref(c.post.id), 'Back to the plan')}
      ${problem ? errorSummary('There is a problem', [{ text: problem, href: '#ranking' }]) : nothing}
      ${heading(title, 'Ranked by the succession formula')}
      ${successionNote()}
      <p class="govuk-body">${ranking.eligible} ${ranking.eligible === 1 ? 'person is' : 'people are'} eligible (one or two steps below the post on the career ladder, from every school). The best ${ranking.candidates.length} are shown. Choose Add to name someone; they go to the end of the plan’s ranking.</p>
      ${ranking.notes.length ? html`<ul class="govuk-list govuk-list--bullet">${ranking.notes.map((n) => html`<li>${n.text}</li>`)}</ul>` : nothing}
      ${details({
        summary: 'How candidates are ranked',
        content: html`<p class="govuk-body">Score = ${w.match_weight} × match + ${w.talent_weight} × talent + ${w.proximity_weight} × proximity.</p>
          <ul class="govuk-list govuk-list--bullet">
            <li>Match: how far their assessed competencies meet the post’s role profile (weighted), from 0 to 1.</li>
            <li>Talent: (performance + potential − 2) ÷ 4 from their latest calibrated 9-box rating; 0 when they have none.</li>
            <li>Proximity: ${w.proximity_one_step} one step below the post on the career ladder, ${w.proximity_two_steps} two steps below.</li>
            <li>Suggested readiness: ready now when match ≥ ${w.ready_now_match}, performance ≥ ${w.ready_now_performance} and one step below; in 1–2 years when match ≥ ${w.one_to_two_years_match}; otherwise 3+ years.</li>
          </ul>`,
      })}
      <div id="ranking">${table({
        caption: `Ranked candidates for ${c.post.title}`,
        captionHidden: true,
        head: [
          { text: 'Candidate' },
          { text: 'Score', numeric: true },
          { text: 'Match', numeric: true },
          { text: 'Talent', numeric: true },
          { text: 'Proximity', numeric: true },
          { text: 'Suggested readiness' },
          { text: 'Gaps' },
          { text: 'Action' },
        ],
        rows: ranking.candidates.map((r) => [
          html`${link(`#/people/${r.person_id}`, r.name)}<span class="app-box-scores">${r.steps === 1 ? 'One step below' : `${r.steps} steps below`}${r.rated ? '' : '; not rated'}</span>`,
          scoreText(r.score),
          percentText(r.match),
          scoreText(r.talent),
          r.proximity.toFixed(2),
          readinessLabel(r.suggested_readiness),
          gapsCell(r.gaps),
          named.has(r.person_id) || r.named
            ? tag('Already named', 'grey')
            : html`<button type="button" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button" data-add="${r.person_id}">Add<span class="govuk-visually-hidden"> ${r.name}</span></button>`,
        ]),
        rowHeaders: true,
        empty: 'Nobody in the trust is eligible for this post. Consider someone from outside.',
      })}</div>
      <p class="govuk-body">${link(`${postHref(c.post.id)}/add-external`, 'Add someone from outside the trust instead')}</p>`,
    mount: (main) => {
      main.querySelectorAll<HTMLButtonElement>('button[data-add]').forEach((b) =>
        b.addEventListener('click', () => {
          b.disabled = true;
          void addRanked(c, Number(b.dataset.add), rerender);
        }),
      );
    },
  };
}

async function addRanked(c: PlanContext, personId: number, rerender: () => void): Promise<void> {
  const name = c.ranking?.candidates.find((r) => r.person_id === personId)?.name ?? 'Successor';
  try {
    await request('POST', planPath(c.plan!.id, '/candidates'), { json: { person_id: personId } });
    leaveNotice(postHref(c.post.id), `${name} added to the plan`);
    navigate(postHref(c.post.id), rerender);
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return;
    const errors = errorsFromApi(e, {}, `${name} is named on this plan already.`);
    showPage(buildAdd(c, errors.form, rerender), { moveFocus: true });
  }
}

// ---- Someone from outside ----

interface ExternalState {
  name: string;
  source: string;
  readiness: string;
  reason: string;
  errors: FieldErrors;
}

export async function addExternalPage(postText: string | undefined, rerender: () => void): Promise<Page> {
  const id = guard(postText);
  if (typeof id !== 'number') return id;
  if (!canManageSuccession()) return forbiddenPage('Only trust administrators change succession plans.');
  const c = await loadPlan(id);
  if (!c.plan) return notFoundPage();
  return buildExternal(c, { name: '', source: '', readiness: '', reason: '', errors: {} }, rerender);
}

function buildExternal(c: PlanContext, s: ExternalState, rerender: () => void): Page {
  const errs = errorItems(s.errors, [
    ['external_name', 'ext-name'],
    ['external_source', 'ext-source'],
    ['readiness', 'ext-readiness'],
    ['readiness_reason', 'ext-reason'],
  ]);
  const title = `Add someone from outside the trust for ${c.post.title}`;
  return {
    title: `${errs.length ? 'Error: ' : ''}${title}`,
    section: 'succession',
    body: html`
      ${backLink(postHref(c.post.id), 'Back to the plan')}
      ${errs.length ? errorSummary('There is a problem', errs) : nothing}
      ${heading(title, 'Succession')}
      ${successionNote()}
      <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds"><form id="external-form" novalidate>
        ${textInput({ id: 'ext-name', name: 'external_name', label: 'Name', value: s.name, error: s.errors.external_name })}
        ${textInput({ id: 'ext-source', name: 'external_source', label: 'Where they are from (optional)', hint: 'For example, headteacher of a partner school, or recruitment', value: s.source, error: s.errors.external_source })}
        ${radios({ id: 'ext-readiness', name: 'readiness', legend: 'Readiness, as leaders judge it', value: s.readiness, error: s.errors.readiness, items: READINESS_CODES.map((code) => ({ value: code, text: readinessLabel(code) })) })}
        ${textarea({ id: 'ext-reason', name: 'readiness_reason', label: 'Why (optional)', value: s.reason, error: s.errors.readiness_reason, rows: 3 })}
        <div class="govuk-button-group">
          <button type="submit" class="govuk-button" data-module="govuk-button">Add to the plan</button>
          <a class="govuk-link" href="${postHref(c.post.id)}">Cancel</a>
        </div>
      </form></div></div>`,
    mount: (main) => {
      const form = main.querySelector<HTMLFormElement>('#external-form');
      form?.addEventListener('submit', (event) => {
        event.preventDefault();
        void submitExternal(form, c, rerender);
      });
    },
  };
}

async function submitExternal(form: HTMLFormElement, c: PlanContext, rerender: () => void): Promise<void> {
  const s: ExternalState = {
    name: fieldText(form, 'external_name'),
    source: fieldText(form, 'external_source'),
    readiness: fieldText(form, 'readiness'),
    reason: fieldText(form, 'readiness_reason'),
    errors: {},
  };
  if (!s.name) s.errors.external_name = 'Enter their name';
  if (!READINESS_CODES.includes(s.readiness)) s.errors.readiness = 'Select how ready they are';
  if (!Object.values(s.errors).some(Boolean)) {
    form.querySelector('button[type=submit]')?.setAttribute('disabled', 'disabled');
    try {
      await request('POST', planPath(c.plan!.id, '/candidates'), {
        json: { external_name: s.name, external_source: s.source, readiness: s.readiness, readiness_reason: s.reason },
      });
      leaveNotice(postHref(c.post.id), `${s.name} added to the plan`);
      navigate(postHref(c.post.id), rerender);
      return;
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return;
      s.errors = errorsFromApi(e, { external_name: 'Name', external_source: 'Where they are from', readiness: 'Readiness', readiness_reason: 'Reason' });
    }
  }
  showPage(buildExternal(c, s, rerender), { moveFocus: true });
}

// ---- Overriding readiness ----

interface ReadinessState {
  readiness: string;
  reason: string;
  errors: FieldErrors;
}

function findCandidate(c: PlanContext, text: string | undefined): PlanCandidate | null {
  const id = positiveId(text);
  return c.plan?.candidates.find((x) => x.id === id) ?? null;
}

export async function readinessPage(postText: string | undefined, candidateText: string | undefined, rerender: () => void): Promise<Page> {
  const id = guard(postText);
  if (typeof id !== 'number') return id;
  if (!canManageSuccession()) return forbiddenPage('Only trust administrators change succession plans.');
  const c = await loadPlan(id);
  const x = findCandidate(c, candidateText);
  if (!x) return notFoundPage();
  return buildReadiness(c, x, { readiness: x.internal && !x.readiness_overridden ? 'suggested' : x.readiness, reason: x.readiness_reason ?? '', errors: {} }, rerender);
}

function buildReadiness(c: PlanContext, x: PlanCandidate, s: ReadinessState, rerender: () => void): Page {
  const errs = errorItems(s.errors, [
    ['readiness', 'readiness-choice'],
    ['readiness_reason', 'readiness-reason'],
  ]);
  const name = candidateName(x);
  const sug = x.suggested_readiness;
  const title = `Readiness of ${name}`;
  const items = [
    ...(x.internal ? [{ value: 'suggested', text: `Use the formula’s suggestion${sug ? `: ${readinessLabel(sug)}` : ''}` }] : []),
    ...READINESS_CODES.map((code) => ({ value: code, text: readinessLabel(code) })),
  ];
  return {
    title: `${errs.length ? 'Error: ' : ''}${title}`,
    section: 'succession',
    body: html`
      ${backLink(postHref(c.post.id), 'Back to the plan')}
      ${errs.length ? errorSummary('There is a problem', errs) : nothing}
      ${heading(title, `Succession plan: ${c.post.title}`)}
      ${successionNote()}
      ${summaryList([
        ['Readiness now', readinessLabel(x.readiness)],
        ...(x.internal ? ([['Suggested by the formula', sug ? readinessLabel(sug) : 'Not known: they are not among the ranked candidates']] as [string, string][]) : []),
        ...(x.readiness_overridden ? ([['Overridden because', x.readiness_reason]] as [string, string][]) : []),
      ])}
      <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds"><form id="readiness-form" novalidate>
        ${radios({ id: 'readiness-choice', name: 'readiness', legend: 'Readiness', value: s.readiness || (x.internal ? 'suggested' : ''), error: s.errors.readiness, items })}
        ${textarea({
          id: 'readiness-reason',
          name: 'readiness_reason',
          label: 'Reason',
          hint: 'Required when you override the suggestion: what leaders know that the formula does not. It is kept with the plan.',
          value: s.reason,
          error: s.errors.readiness_reason,
          rows: 4,
        })}
        <div class="govuk-button-group">
          <button type="submit" class="govuk-button" data-module="govuk-button">Save the readiness</button>
          <a class="govuk-link" href="${postHref(c.post.id)}">Cancel</a>
        </div>
      </form></div></div>`,
    mount: (main) => {
      const form = main.querySelector<HTMLFormElement>('#readiness-form');
      form?.addEventListener('submit', (event) => {
        event.preventDefault();
        void submitReadiness(form, c, x, rerender);
      });
    },
  };
}

async function submitReadiness(form: HTMLFormElement, c: PlanContext, x: PlanCandidate, rerender: () => void): Promise<void> {
  const s: ReadinessState = { readiness: fieldText(form, 'readiness'), reason: fieldText(form, 'readiness_reason'), errors: {} };
  const override = READINESS_CODES.includes(s.readiness);
  if (!override && !(x.internal && s.readiness === 'suggested')) s.errors.readiness = 'Select the readiness';
  if (override && x.internal && !s.reason) s.errors.readiness_reason = 'Enter the reason for overriding the suggested readiness';
  if (!Object.values(s.errors).some(Boolean)) {
    form.querySelector('button[type=submit]')?.setAttribute('disabled', 'disabled');
    try {
      await request('PATCH', planPath(c.plan!.id, `/candidates/${x.id}`), {
        json: override ? { readiness: s.readiness, readiness_reason: s.reason } : { readiness: null, readiness_reason: '' },
      });
      leaveNotice(postHref(c.post.id), `Readiness of ${candidateName(x)} saved`, html`<p class="govuk-body">${override ? `${readinessLabel(s.readiness)}, overridden: ${s.reason}` : 'The formula’s suggestion counts.'}</p>`);
      navigate(postHref(c.post.id), rerender);
      return;
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return;
      s.errors = errorsFromApi(e, { readiness: 'Readiness', readiness_reason: 'Reason' });
    }
  }
  showPage(buildReadiness(c, x, s, rerender), { moveFocus: true });
}

// ---- Removing a successor, after confirming ----

export async function removePage(postText: string | undefined, candidateText: string | undefined, rerender: () => void): Promise<Page> {
  const id = guard(postText);
  if (typeof id !== 'number') return id;
  if (!canManageSuccession()) return forbiddenPage('Only trust administrators change succession plans.');
  const c = await loadPlan(id);
  const x = findCandidate(c, candidateText);
  if (!x) return notFoundPage();
  return buildRemove(c, x, undefined, rerender);
}

function buildRemove(c: PlanContext, x: PlanCandidate, problem: string | undefined, rerender: () => void): Page {
  const name = candidateName(x);
  const title = `Remove ${name} from the plan?`;
  return {
    title: `${problem ? 'Error: ' : ''}${title}`,
    section: 'succession',
    body: html`
      ${backLink(postHref(c.post.id), 'Back to the plan')}
      ${problem ? errorSummary('There is a problem', [{ text: problem, href: '#confirm-button' }]) : nothing}
      ${heading(title, `Succession plan: ${c.post.title}`)}
      ${successionNote()}
      ${warningText(`${name} will no longer be named to succeed to ${c.post.title}. Those ranked after them move up one.${x.emergency ? ' The plan will have no emergency successor.' : ''}`)}
      <form id="confirm-form" novalidate>
        <div class="govuk-button-group">
          <button type="submit" class="govuk-button govuk-button--warning" data-module="govuk-button" id="confirm-button">Remove ${name}</button>
          <a class="govuk-link" href="${postHref(c.post.id)}">Cancel</a>
        </div>
      </form>`,
    mount: (main) => {
      const form = main.querySelector<HTMLFormElement>('#confirm-form');
      form?.addEventListener('submit', (event) => {
        event.preventDefault();
        form.querySelector('button')?.setAttribute('disabled', 'disabled');
        void (async () => {
          try {
            await request('DELETE', planPath(c.plan!.id, `/candidates/${x.id}`));
            leaveNotice(postHref(c.post.id), `${name} removed from the plan`);
            navigate(postHref(c.post.id), rerender);
          } catch (e) {
            if (e instanceof ApiError && e.status === 401) return;
            showPage(buildRemove(c, x, errorsFromApi(e, {}).form, rerender), { moveFocus: true });
          }
        })();
      });
    },
  };
}

// ---- Recording a discussion ----

interface DiscussionState {
  heldOn: DateParts;
  forum: string;
  attendees: string;
  outcome: string;
  errors: FieldErrors;
}

export async function discussionPage(postText: string | undefined, rerender: () => void): Promise<Page> {
  const id = guard(postText);
  if (typeof id !== 'number') return id;
  if (!canManageSuccession()) return forbiddenPage('Only trust administrators change succession plans.');
  const c = await loadPlan(id);
  if (!c.plan) return notFoundPage();
  const t = new Date();
  return buildDiscussion(c, { heldOn: { day: String(t.getDate()), month: String(t.getMonth() + 1), year: String(t.getFullYear()) }, forum: '', attendees: '', outcome: '', errors: {} }, rerender);
}

function buildDiscussion(c: PlanContext, s: DiscussionState, rerender: () => void): Page {
  const errs = errorItems(s.errors, [
    ['held_on', 'disc-held-on-day'],
    ['forum', 'disc-forum'],
    ['attendees', 'disc-attendees'],
    ['outcome', 'disc-outcome'],
  ]);
  const title = 'Record a discussion of the plan';
  return {
    title: `${errs.length ? 'Error: ' : ''}${title}`,
    section: 'succession',
    body: html`
      ${backLink(postHref(c.post.id), 'Back to the plan')}
      ${errs.length ? errorSummary('There is a problem', errs) : nothing}
      ${heading(title, `Succession plan: ${c.post.title}`)}
      ${successionNote()}
      <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds"><form id="discussion-form" novalidate>
        ${dateInput({ id: 'disc-held-on', name: 'held_on', legend: 'Date of the discussion', hint: 'For example, 27 3 2027', value: s.heldOn, error: s.errors.held_on })}
        ${radios({ id: 'disc-forum', name: 'forum', legend: 'Where it was discussed', value: s.forum, error: s.errors.forum, items: FORUM_CODES.map((code) => ({ value: code, text: forumLabel(code) })) })}
        ${textarea({ id: 'disc-attendees', name: 'attendees', label: 'Who attended (optional)', value: s.attendees, error: s.errors.attendees, rows: 2 })}
        ${textarea({ id: 'disc-outcome', name: 'outcome', label: 'Outcome', hint: 'What was decided.', value: s.outcome, error: s.errors.outcome, rows: 4 })}
        <div class="govuk-button-group">
          <button type="submit" class="govuk-button" data-module="govuk-button">Record the discussion</button>
          <a class="govuk-link" href="${postHref(c.post.id)}">Cancel</a>
        </div>
      </form></div></div>`,
    mount: (main) => {
      const form = main.querySelector<HTMLFormElement>('#discussion-form');
      form?.addEventListener('submit', (event) => {
        event.preventDefault();
        void submitDiscussion(form, c, rerender);
      });
    },
  };
}

async function submitDiscussion(form: HTMLFormElement, c: PlanContext, rerender: () => void): Promise<void> {
  const s: DiscussionState = {
    heldOn: { day: fieldText(form, 'held_on-day'), month: fieldText(form, 'held_on-month'), year: fieldText(form, 'held_on-year') },
    forum: fieldText(form, 'forum'),
    attendees: fieldText(form, 'attendees'),
    outcome: fieldText(form, 'outcome'),
    errors: {},
  };
  const heldOn = isoDate(s.heldOn);
  if (!heldOn) s.errors.held_on = 'Date of the discussion must be a real date, like 27 3 2027';
  else if (heldOn > new Date().toISOString().slice(0, 10)) s.errors.held_on = 'Date of the discussion must be today or in the past';
  if (!FORUM_CODES.includes(s.forum)) s.errors.forum = 'Select where it was discussed';
  if (!s.outcome) s.errors.outcome = 'Enter the outcome of the discussion';
  if (!Object.values(s.errors).some(Boolean)) {
    form.querySelector('button[type=submit]')?.setAttribute('disabled', 'disabled');
    try {
      await request('POST', planPath(c.plan!.id, '/discussions'), { json: { held_on: heldOn, forum: s.forum, attendees: s.attendees, outcome: s.outcome } });
      leaveNotice(postHref(c.post.id), 'Discussion recorded');
      navigate(postHref(c.post.id), rerender);
      return;
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return;
      s.errors = errorsFromApi(e, { held_on: 'Date of the discussion', forum: 'Forum', attendees: 'Attendees', outcome: 'Outcome' });
    }
  }
  showPage(buildDiscussion(c, s, rerender), { moveFocus: true });
}

// ---- The holder's risk of loss ----

interface RiskState {
  risk: string;
  window: string;
  note: string;
  errors: FieldErrors;
}

export async function riskPage(postText: string | undefined, rerender: () => void): Promise<Page> {
  const id = guard(postText);
  if (typeof id !== 'number') return id;
  if (!canManageSuccession()) return forbiddenPage('Only trust administrators set risk of loss.');
  const c = await loadPlan(id);
  if (!c.holder) return notFoundPage();
  return buildRisk(c, { risk: c.risk?.risk ?? '', window: c.risk?.window ?? '', note: c.risk?.note ?? '', errors: {} }, rerender);
}

function buildRisk(c: PlanContext, s: RiskState, rerender: () => void): Page {
  const errs = errorItems(s.errors, [
    ['risk', 'risk-level'],
    ['window', 'risk-window'],
    ['note', 'risk-note'],
  ]);
  const holder = c.holder!;
  const title = `Risk of losing ${holder.name}`;
  return {
    title: `${errs.length ? 'Error: ' : ''}${title}`,
    section: 'succession',
    body: html`
      ${backLink(postHref(c.post.id), 'Back to the plan')}
      ${errs.length ? errorSummary('There is a problem', errs) : nothing}
      ${heading(title, `Holder of ${c.post.title}`)}
      ${successionNote()}
      <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds"><form id="risk-form" novalidate>
        ${radios({ id: 'risk-level', name: 'risk', legend: 'Risk that they leave', value: s.risk, error: s.errors.risk, items: RISK_CODES.map((code) => ({ value: code, text: riskLabel(code) })) })}
        ${radios({ id: 'risk-window', name: 'window', legend: 'When they might go (optional)', value: s.window, error: s.errors.window, items: [...WINDOW_CODES.map((code) => ({ value: code, text: windowLabel(code) })), { value: '', text: 'Not known' }] })}
        ${textarea({ id: 'risk-note', name: 'note', label: 'Note (optional)', value: s.note, error: s.errors.note, rows: 3 })}
        <div class="govuk-button-group">
          <button type="submit" class="govuk-button" data-module="govuk-button">Save the risk of loss</button>
          <a class="govuk-link" href="${postHref(c.post.id)}">Cancel</a>
        </div>
      </form></div></div>`,
    mount: (main) => {
      const form = main.querySelector<HTMLFormElement>('#risk-form');
      form?.addEventListener('submit', (event) => {
        event.preventDefault();
        void submitRisk(form, c, rerender);
      });
    },
  };
}

async function submitRisk(form: HTMLFormElement, c: PlanContext, rerender: () => void): Promise<void> {
  const s: RiskState = { risk: fieldText(form, 'risk'), window: fieldText(form, 'window'), note: fieldText(form, 'note'), errors: {} };
  if (!RISK_CODES.includes(s.risk)) s.errors.risk = 'Select the risk that they leave';
  if (!s.errors.risk) {
    form.querySelector('button[type=submit]')?.setAttribute('disabled', 'disabled');
    try {
      await request('PUT', riskPath(c.holder!.person_id), { json: { risk: s.risk, window: s.window || null, note: s.note } });
      leaveNotice(postHref(c.post.id), 'Risk of loss saved');
      navigate(postHref(c.post.id), rerender);
      return;
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return;
      s.errors = errorsFromApi(e, { risk: 'Risk of loss', window: 'When they might go', note: 'Note' });
    }
  }
  showPage(buildRisk(c, s, rerender), { moveFocus: true });
}

// ---- Raising a development action against a successor's gap ----

interface ActionState {
  gap: string;
  kind: string;
  title: string;
  due: DateParts;
  errors: FieldErrors;
}

export async function raiseActionPage(postText: string | undefined, candidateText: string | undefined, rerender: () => void): Promise<Page> {
  const id = guard(postText);
  if (typeof id !== 'number') return id;
  if (!canManageSuccession()) return forbiddenPage('Only trust administrators change succession plans.');
  const c = await loadPlan(id);
  const x = findCandidate(c, candidateText);
  if (!x || !x.internal || !c.actionsApi) return notFoundPage();
  return buildAction(c, x, { gap: '', kind: '', title: '', due: { day: '', month: '', year: '' }, errors: {} }, rerender);
}

function buildAction(c: PlanContext, x: PlanCandidate, s: ActionState, rerender: () => void): Page {
  const errs = errorItems(s.errors, [
    ['gap', 'action-gap'],
    ['kind', 'action-kind'],
    ['title', 'action-title'],
    ['due_on', 'action-due-day'],
  ]);
  const name = candidateName(x);
  const gaps = x.gaps ?? [];
  const title = `Raise a development action for ${name}`;
  return {
    title: `${errs.length ? 'Error: ' : ''}${title}`,
    section: 'succession',
    body: html`
      ${backLink(postHref(c.post.id), 'Back to the plan')}
      ${errs.length ? errorSummary('There is a problem', errs) : nothing}
      ${heading(title, `Succession plan: ${c.post.title}`)}
      ${successionNote()}
      <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds"><form id="action-form" novalidate>
        ${radios({
          id: 'action-gap',
          name: 'gap',
          legend: 'Which gap it bridges',
          value: s.gap,
          error: s.errors.gap,
          items: [...gaps.map((g) => ({ value: String(g.competency_id), text: `${g.competency} (level ${g.assessed} of ${g.required})` })), { value: 'none', text: 'No particular gap' }],
        })}
        ${radios({ id: 'action-kind', name: 'kind', legend: 'Kind of action', value: s.kind, error: s.errors.kind, items: ACTION_KIND_CODES.map((code) => ({ value: code, text: actionKindLabel(code) })) })}
        ${textInput({ id: 'action-title', name: 'title', label: 'What they will do', hint: 'For example, lead the trust’s Year 6 moderation', value: s.title, error: s.errors.title })}
        ${dateInput({ id: 'action-due', name: 'due_on', legend: 'Due by (optional)', value: s.due, error: s.errors.due_on })}
        <div class="govuk-button-group">
          <button type="submit" class="govuk-button" data-module="govuk-button">Raise the action</button>
          <a class="govuk-link" href="${postHref(c.post.id)}">Cancel</a>
        </div>
      </form></div></div>`,
    mount: (main) => {
      const form = main.querySelector<HTMLFormElement>('#action-form');
      form?.addEventListener('submit', (event) => {
        event.preventDefault();
        void submitAction(form, c, x, rerender);
      });
    },
  };
}

async function submitAction(form: HTMLFormElement, c: PlanContext, x: PlanCandidate, rerender: () => void): Promise<void> {
  const s: ActionState = {
    gap: fieldText(form, 'gap'),
    kind: fieldText(form, 'kind'),
    title: fieldText(form, 'title'),
    due: { day: fieldText(form, 'due_on-day'), month: fieldText(form, 'due_on-month'), year: fieldText(form, 'due_on-year') },
    errors: {},
  };
  const blank = !s.due.day && !s.due.month && !s.due.year;
  const due = blank ? null : isoDate(s.due);
  if (!s.gap) s.errors.gap = 'Select which gap it bridges';
  if (!ACTION_KIND_CODES.includes(s.kind)) s.errors.kind = 'Select the kind of action';
  if (!s.title) s.errors.title = 'Enter what they will do';
  if (!blank && !due) s.errors.due_on = 'Due date must be a real date, like 31 3 2027';
  if (!Object.values(s.errors).some(Boolean)) {
    form.querySelector('button[type=submit]')?.setAttribute('disabled', 'disabled');
    try {
      await request('POST', actionsPath(), {
        json: {
          person_id: x.person_id,
          kind: s.kind,
          title: s.title,
          source: 'succession_gap',
          plan_id: c.plan!.id,
          ...(s.gap !== 'none' ? { gap_competency_id: Number(s.gap) } : {}),
          due_on: due,
        },
      });
      leaveNotice(postHref(c.post.id), 'Development action raised');
      navigate(postHref(c.post.id), rerender);
      return;
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return;
      s.errors = errorsFromApi(e, { gap_competency_id: 'Gap', kind: 'Kind', title: 'Title', due_on: 'Due date' });
      if (s.errors.gap_competency_id) s.errors.gap = s.errors.gap_competency_id;
    }
  }
  showPage(buildAction(c, x, s, rerender), { moveFocus: true });
}
