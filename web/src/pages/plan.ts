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
  blankDate,
  checkboxes,
  dateInput,
  dateParts,
  details,
  errorSummary,
  formatDate,
  formatPercent,
  heading,
  isoDate,
  link,
  radios,
  summaryList,
  table,
  tag,
  textarea,
  textInput,
  todayIso,
  todayParts,
  warningText,
  type DateParts,
} from '../components';
import { errorsFromApi, fieldDate, fieldText, formPage as pageOfForm, signedOut, type FormPageSpec, type FormState } from '../forms';
import { html, nothing, type SafeHtml } from '../html';
import { leaveNotice, takeNotice } from '../notice';
import { navigate, positiveId, type Page } from '../router';
import { canManageSuccession, canReadSuccession, canSeeSuccession, trustPath } from '../session';
import type { FormulaSettings, Gap, ListPage, LossRisk, Plan, PlanCandidate, PlanHistoryEntry, Post, Ranking } from '../types';
import { showPage } from '../view';
import { forbiddenPage, notFoundPage } from './errors';
import { formulaHref, formulaSettings, rankingInWords } from './formula';
import { ACTION_ANCHORS, actionFields, actionHref, actionJson, actionsHref, actionsPath, actionStatusTag, readActionFields, refusedAction, type ActionFields } from './development';
import {
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

const plansPath = (rest = '') => trustPath(`/succession-plans${rest}`);
const planPath = (planId: number, rest = '') => plansPath(`/${planId}${rest}`);
const riskPath = (personId: number) => trustPath(`/people/${personId}/loss-risk`);

// ---- What a plan page needs ----

interface PlanContext {
  post: Post;
  schoolName: string;
  holder: { person_id: number; name: string } | null;
  plan: Plan | null;
  risk: LossRisk | null;
  // The trust's formula settings; null for those who may not read them (a headteacher).
  formula: FormulaSettings | null;
}

function candidateName(c: PlanCandidate): string {
  return c.name || c.external_name || `Person ${c.person_id}`;
}

async function loadPlan(postId: number): Promise<PlanContext> {
  const [post, plan, formula] = await Promise.all([
    get<Post>(trustPath(`/posts/${postId}`)),
    get<Plan>(trustPath(`/posts/${postId}/succession-plan`)).catch((e) => {
      if (e instanceof ApiError && e.status === 404) return null;
      throw e;
    }),
    canSeeSuccession() ? formulaSettings().then((a) => a.settings) : null,
  ]);
  if (!post.key) throw new ApiError(404, 'not_found', 'Not a key post.');
  const firstHolder = plan?.holders[0] ?? post.holders?.[0] ?? null;
  const holder = firstHolder ? { person_id: firstHolder.person_id, name: firstHolder.name } : null;
  let risk: LossRisk | null = plan?.holders[0]?.loss_risk ?? null;
  if (!plan && holder) {
    risk = await get<{ loss_risk: LossRisk | null }>(riskPath(holder.person_id))
      .then((r) => r.loss_risk)
      .catch(() => null);
  }
  return { post, schoolName: plan?.post.school_name ?? post.school_name ?? '', holder, plan, risk, formula };
}

function guard(postText: string | undefined): number | Page {
  if (!canReadSuccession()) return forbiddenPage(SUCCESSION_ONLY);
  const id = positiveId(postText);
  return id === null ? notFoundPage() : id;
}

const CHANGERS_ONLY = 'Only trust administrators change succession plans.';

// The plan, for a page that changes it; instead, the page saying why not when the user may not
// (`refusal` words it) or the address is no key post's.
async function planToChange(postText: string | undefined, refusal = CHANGERS_ONLY): Promise<PlanContext | Page> {
  const id = guard(postText);
  if (typeof id !== 'number') return id;
  if (!canManageSuccession()) return forbiddenPage(refusal);
  return loadPlan(id);
}

type ExistingPlan = PlanContext & { plan: Plan };

// A plan that exists, to change: the page to show instead (forbidden, not found) or the plan.
async function existingPlanToChange(postText: string | undefined): Promise<ExistingPlan | Page> {
  const c = await planToChange(postText);
  if ('body' in c) return c;
  return c.plan ? { ...c, plan: c.plan } : notFoundPage();
}

// One named candidate of an existing plan, to change (or the page to show instead).
async function candidateToChange(postText: string | undefined, candidateText: string | undefined): Promise<{ c: ExistingPlan; x: PlanCandidate } | Page> {
  const c = await existingPlanToChange(postText);
  if ('body' in c) return c;
  const x = findCandidate(c.plan, candidateText);
  return x ? { c, x } : notFoundPage();
}

function findCandidate(plan: Plan | null, text: string | undefined): PlanCandidate | null {
  const id = positiveId(text);
  return plan?.candidates.find((x) => x.id === id) ?? null;
}

// ---- The plan ----

export async function planPage(postText: string | undefined, rerender: () => void): Promise<Page> {
  const id = guard(postText);
  if (typeof id !== 'number') return id;
  return buildPlan(await loadPlan(id), rerender);
}

// The score with its parts, weighted as the trust's settings say (those who may not read the
// settings see the parts without the weights).
function scoreCell(x: PlanCandidate, w: FormulaSettings | null): SafeHtml {
  if (!x.internal) return html`<span class="app-muted">Not scored (from outside)</span>`;
  if (x.match === null) return html`<span class="app-muted">The formula does not place them for this post</span>`;
  const part = (name: string, value: number, weight: number | undefined) => `${name} ${value.toFixed(2)}${weight === undefined ? '' : ` × ${weight}`}`;
  const parts = [
    part('match', x.match, w?.match_weight),
    ...(x.talent === null ? [] : [part('talent', x.talent, w?.talent_weight)]),
    part('proximity', x.proximity ?? 0, w?.proximity_weight),
  ].join(w ? ' + ' : ', ');
  return html`<strong>${x.score === null ? 'Not shown' : x.score.toFixed(2)}</strong>
    <span class="app-box-scores" data-score-parts>${parts}${w ? '' : ' (weighted by the trust’s formula settings)'}${x.rated === false ? ' (no calibrated rating: talent counts 0)' : ''}${x.score === null ? ' (talent is not yours to see)' : ''}</span>`;
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
      scoreCell(x, c.formula),
      x.internal ? gapsCell(x.gaps) : html`<span class="app-muted">Not known</span>`,
      acts.length
        ? html`<ul class="govuk-list govuk-body-s govuk-!-margin-bottom-0">${acts.map(
            (a) => html`<li>${link(actionHref(a.id), a.title)} ${actionStatusTag(a.status)}${a.gap_competency ? html`<span class="app-box-scores">For ${a.gap_competency}</span>` : nothing}${
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
              ${x.internal ? html`<li>${link(`${base}/candidates/${x.id}/actions/new`, html`Raise a development action<span class="govuk-visually-hidden"> for ${name}</span>`)}</li>` : nothing}
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
          <ul class="govuk-list">
            <li>${link(actionsHref({ plan_id: plan.id }), 'Every development action that serves this plan')}</li>
            ${c.formula ? html`<li>${link(formulaHref, 'How the score is worked out')}</li>` : nothing}
          </ul>
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
      if (plan) void mountHistory(main, plan);
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
  } catch (e) {
    if (signedOut(e)) return;
    leaveNotice(base, 'The change was not made', html`<p class="govuk-body">${errorsFromApi(e, {}).form ?? 'Try again.'}</p>`);
  }
  navigate(base, rerender);
}

const HISTORY_WORDS: Record<string, string> = {
  create: 'Plan created',
  update: 'Plan changed',
  add_candidate: 'Successor added',
  change_candidate: 'Successor changed',
  remove_candidate: 'Successor removed',
  record_discussion: 'Discussion recorded',
};

// What a change to the plan was about: who was added or removed (and why), what a discussion
// decided. Audit entries hold the plan's records as they stood.
interface AuditedCandidates {
  candidate_id?: number;
  candidates?: { id: number; person_id: number | null; external_name: string; notes: string }[];
}

function historyDetail(e: PlanHistoryEntry, plan: Plan): string {
  const side = (e.action === 'remove_candidate' ? e.before : e.after) as AuditedCandidates | null | undefined;
  const x = side?.candidates?.find((c) => c.id === side.candidate_id);
  const name = x ? x.external_name || plan.candidates.find((c) => c.person_id !== null && c.person_id === x.person_id)?.name || '' : '';
  if (e.action === 'remove_candidate') {
    const why = (e.after as { reason?: string } | null | undefined)?.reason;
    return [name, why ? `Reason: ${why}` : ''].filter(Boolean).join('. ');
  }
  if (e.action === 'add_candidate') return name;
  if (e.action === 'record_discussion') {
    const d = e.after as { forum?: string; outcome?: string } | null | undefined;
    return d ? `${forumLabel(d.forum)}: ${d.outcome ?? ''}` : '';
  }
  return '';
}

// The plan's history from the audit log, shown under the plan once it arrives.
async function mountHistory(main: HTMLElement, plan: Plan): Promise<void> {
  const slot = main.querySelector('#history-slot');
  if (!slot) return;
  let entries: PlanHistoryEntry[];
  try {
    entries = (await get<ListPage<PlanHistoryEntry>>(planPath(plan.id, '/history'))).items;
  } catch {
    return;
  }
  slot.innerHTML = html`<h2 class="govuk-heading-m" id="history-heading">History</h2>
    ${table({
      caption: 'History of the plan',
      captionHidden: true,
      head: [{ text: 'When' }, { text: 'What' }, { text: 'Details' }, { text: 'By' }],
      rows: entries.map((e) => [formatDate(e.at.slice(0, 10)), HISTORY_WORDS[e.action] ?? e.action.replace(/_/g, ' '), historyDetail(e, plan), e.actor]),
      rowHeaders: true,
      empty: 'No change has been recorded.',
    })}`.value;
}

// ---- The forms that change a plan ----

// One of them, on a page of its own that goes back to the plan.
type PlanForm<S extends FormState> = Omit<FormPageSpec<S>, 'section' | 'back' | 'note'>;

function formPage<S extends FormState>(c: PlanContext, f: PlanForm<S>, s: S, rerender: () => void): Page {
  return pageOfForm({ ...f, section: 'succession', back: { href: postHref(c.post.id), text: 'Back to the plan' }, note: successionNote() }, s, rerender);
}

// ---- Creating and editing the plan ----

interface PlanFormState extends FormState {
  impact: string;
  reviewOn: DateParts;
  considerExternal: boolean;
  notes: string;
}

// A post that has a plan already is given the form that edits it, whichever was asked for.
export async function planFormPage(postText: string | undefined, mode: 'create' | 'edit', rerender: () => void): Promise<Page> {
  const c = await planToChange(postText);
  if ('body' in c) return c;
  const plan = c.plan;
  if (mode === 'edit' && !plan) return notFoundPage();
  const start: PlanFormState = { impact: plan?.impact ?? '', reviewOn: dateParts(plan?.review_on), considerExternal: plan?.consider_external ?? false, notes: plan?.notes ?? '', errors: {} };
  return formPage<PlanFormState>(
    c,
    {
      id: 'plan-form',
      anchors: [
        ['impact', 'plan-impact'],
        ['review_on', 'plan-review-day'],
        ['notes', 'plan-notes'],
      ],
      title: plan ? `Change the succession plan for ${c.post.title}` : `Create the succession plan for ${c.post.title}`,
      caption: 'Succession',
      fields: (s) => html`
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
        ${textarea({ id: 'plan-notes', name: 'notes', label: 'Notes (optional)', value: s.notes, error: s.errors.notes, rows: 3 })}`,
      submit: plan ? 'Save the changes' : 'Create the plan',
      read: (form) => {
        const s: PlanFormState = {
          impact: fieldText(form, 'impact'),
          reviewOn: fieldDate(form, 'review_on'),
          considerExternal: new FormData(form).get('consider_external') === 'true',
          notes: fieldText(form, 'notes'),
          errors: {},
        };
        if (!blankDate(s.reviewOn) && !isoDate(s.reviewOn)) s.errors.review_on = 'Review date must be a real date, like 31 3 2027';
        return s;
      },
      send: async (s) => {
        const body = { impact: s.impact || null, review_on: blankDate(s.reviewOn) ? null : isoDate(s.reviewOn), consider_external: s.considerExternal, notes: s.notes };
        if (plan) await request('PATCH', planPath(plan.id), { json: body });
        else await request('POST', plansPath(), { json: { post_id: c.post.id, ...body } });
        return { heading: plan ? 'Plan changed' : 'Plan created' };
      },
      refused: (e) => errorsFromApi(e, { impact: 'Impact of loss', review_on: 'Review date', notes: 'Notes', consider_external: 'Consider external' }, 'This post has a plan already.'),
    },
    start,
    rerender,
  );
}

// ---- Adding a successor from the ranked list ----

export async function addFromRankingPage(postText: string | undefined, rerender: () => void): Promise<Page> {
  const c = await existingPlanToChange(postText);
  if ('body' in c) return c;
  const ranking = await get<Ranking>(trustPath(`/posts/${c.post.id}/candidates`), { limit: 50 });
  return buildAdd(c, c.plan, ranking, undefined, rerender);
}

function buildAdd(c: PlanContext, plan: Plan, ranking: Ranking, problem: string | undefined, rerender: () => void): Page {
  const named = new Set(plan.candidates.map((x) => x.person_id).filter((x): x is number => x !== null));
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
        content: html`${rankingInWords(w)}<p class="govuk-body">${link(formulaHref, 'How this is worked out, and the trust’s settings')}</p>`,
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
          formatPercent(r.match),
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
          void addRanked(c, plan, ranking, Number(b.dataset.add), rerender);
        }),
      );
    },
  };
}

async function addRanked(c: PlanContext, plan: Plan, ranking: Ranking, personId: number, rerender: () => void): Promise<void> {
  const name = ranking.candidates.find((r) => r.person_id === personId)?.name ?? 'Successor';
  try {
    await request('POST', planPath(plan.id, '/candidates'), { json: { person_id: personId } });
    leaveNotice(postHref(c.post.id), `${name} added to the plan`);
    navigate(postHref(c.post.id), rerender);
  } catch (e) {
    if (signedOut(e)) return;
    const errors = errorsFromApi(e, {}, `${name} is named on this plan already.`);
    showPage(buildAdd(c, plan, ranking, errors.form, rerender), { moveFocus: true });
  }
}

// ---- Someone from outside ----

interface ExternalState extends FormState {
  name: string;
  source: string;
  readiness: string;
  reason: string;
}

export async function addExternalPage(postText: string | undefined, rerender: () => void): Promise<Page> {
  const c = await existingPlanToChange(postText);
  if ('body' in c) return c;
  const plan = c.plan;
  return formPage<ExternalState>(
    c,
    {
      id: 'external-form',
      anchors: [
        ['external_name', 'ext-name'],
        ['external_source', 'ext-source'],
        ['readiness', 'ext-readiness'],
        ['readiness_reason', 'ext-reason'],
      ],
      title: `Add someone from outside the trust for ${c.post.title}`,
      caption: 'Succession',
      fields: (s) => html`
        ${textInput({ id: 'ext-name', name: 'external_name', label: 'Name', value: s.name, error: s.errors.external_name })}
        ${textInput({ id: 'ext-source', name: 'external_source', label: 'Where they are from (optional)', hint: 'For example, headteacher of a partner school, or recruitment', value: s.source, error: s.errors.external_source })}
        ${radios({ id: 'ext-readiness', name: 'readiness', legend: 'Readiness, as leaders judge it', value: s.readiness, error: s.errors.readiness, items: READINESS_CODES.map((code) => ({ value: code, text: readinessLabel(code) })) })}
        ${textarea({ id: 'ext-reason', name: 'readiness_reason', label: 'Why (optional)', value: s.reason, error: s.errors.readiness_reason, rows: 3 })}`,
      submit: 'Add to the plan',
      read: (form) => {
        const s: ExternalState = {
          name: fieldText(form, 'external_name'),
          source: fieldText(form, 'external_source'),
          readiness: fieldText(form, 'readiness'),
          reason: fieldText(form, 'readiness_reason'),
          errors: {},
        };
        if (!s.name) s.errors.external_name = 'Enter their name';
        if (!READINESS_CODES.includes(s.readiness)) s.errors.readiness = 'Select how ready they are';
        return s;
      },
      send: async (s) => {
        await request('POST', planPath(plan.id, '/candidates'), {
          json: { external_name: s.name, external_source: s.source, readiness: s.readiness, readiness_reason: s.reason },
        });
        return { heading: `${s.name} added to the plan` };
      },
      refused: (e) => errorsFromApi(e, { external_name: 'Name', external_source: 'Where they are from', readiness: 'Readiness', readiness_reason: 'Reason' }),
    },
    { name: '', source: '', readiness: '', reason: '', errors: {} },
    rerender,
  );
}

// ---- Overriding readiness ----

interface ReadinessState extends FormState {
  readiness: string;
  reason: string;
}

export async function readinessPage(postText: string | undefined, candidateText: string | undefined, rerender: () => void): Promise<Page> {
  const found = await candidateToChange(postText, candidateText);
  if ('body' in found) return found;
  const { c, x } = found;
  const plan = c.plan;
  const name = candidateName(x);
  const sug = x.suggested_readiness;
  const items = [
    ...(x.internal ? [{ value: 'suggested', text: `Use the formula’s suggestion${sug ? `: ${readinessLabel(sug)}` : ''}` }] : []),
    ...READINESS_CODES.map((code) => ({ value: code, text: readinessLabel(code) })),
  ];
  return formPage<ReadinessState>(
    c,
    {
      id: 'readiness-form',
      anchors: [
        ['readiness', 'readiness-choice'],
        ['readiness_reason', 'readiness-reason'],
      ],
      title: `Readiness of ${name}`,
      caption: `Succession plan: ${c.post.title}`,
      intro: summaryList([
        ['Readiness now', readinessLabel(x.readiness)],
        ...(x.internal ? ([['Suggested by the formula', sug ? readinessLabel(sug) : 'Not known: they are not among the ranked candidates']] as [string, string][]) : []),
        ...(x.readiness_overridden ? ([['Overridden because', x.readiness_reason]] as [string, string][]) : []),
      ]),
      fields: (s) => html`
        ${radios({ id: 'readiness-choice', name: 'readiness', legend: 'Readiness', value: s.readiness || (x.internal ? 'suggested' : ''), error: s.errors.readiness, items })}
        ${textarea({
          id: 'readiness-reason',
          name: 'readiness_reason',
          label: 'Reason',
          hint: 'Required when you override the suggestion: what leaders know that the formula does not. It is kept with the plan.',
          value: s.reason,
          error: s.errors.readiness_reason,
          rows: 4,
        })}`,
      submit: 'Save the readiness',
      read: (form) => {
        const s: ReadinessState = { readiness: fieldText(form, 'readiness'), reason: fieldText(form, 'readiness_reason'), errors: {} };
        const override = READINESS_CODES.includes(s.readiness);
        if (!override && !(x.internal && s.readiness === 'suggested')) s.errors.readiness = 'Select the readiness';
        if (override && x.internal && !s.reason) s.errors.readiness_reason = 'Enter the reason for overriding the suggested readiness';
        return s;
      },
      send: async (s) => {
        const override = READINESS_CODES.includes(s.readiness);
        await request('PATCH', planPath(plan.id, `/candidates/${x.id}`), {
          json: override ? { readiness: s.readiness, readiness_reason: s.reason } : { readiness: null, readiness_reason: '' },
        });
        return {
          heading: `Readiness of ${name} saved`,
          content: html`<p class="govuk-body">${override ? `${readinessLabel(s.readiness)}, overridden: ${s.reason}` : 'The formula’s suggestion counts.'}</p>`,
        };
      },
      refused: (e) => errorsFromApi(e, { readiness: 'Readiness', readiness_reason: 'Reason' }),
    },
    { readiness: x.internal && !x.readiness_overridden ? 'suggested' : x.readiness, reason: x.readiness_reason ?? '', errors: {} },
    rerender,
  );
}

// ---- Removing a successor, with the reason ----

// The reason goes with the removal and is kept in the plan's history.
interface RemoveState extends FormState {
  reason: string;
}

export async function removePage(postText: string | undefined, candidateText: string | undefined, rerender: () => void): Promise<Page> {
  const found = await candidateToChange(postText, candidateText);
  if ('body' in found) return found;
  const { c, x } = found;
  const plan = c.plan;
  const name = candidateName(x);
  return formPage<RemoveState>(
    c,
    {
      id: 'remove-form',
      anchors: [['reason', 'remove-reason']],
      title: `Remove ${name} from the plan?`,
      caption: `Succession plan: ${c.post.title}`,
      intro: warningText(`${name} will no longer be named to succeed to ${c.post.title}. Those ranked after them move up one.${x.emergency ? ' The plan will have no emergency successor.' : ''}`),
      fields: (s) => textarea({ id: 'remove-reason', name: 'reason', label: 'Why they are removed', hint: 'The plan’s history keeps the reason.', value: s.reason, error: s.errors.reason, rows: 3 }),
      submit: `Remove ${name}`,
      warning: true,
      read: (form) => {
        const s: RemoveState = { reason: fieldText(form, 'reason'), errors: {} };
        if (!s.reason) s.errors.reason = `Enter why ${name} is removed from the plan`;
        return s;
      },
      send: async (s) => {
        await request('DELETE', planPath(plan.id, `/candidates/${x.id}`), { json: { reason: s.reason } });
        return { heading: `${name} removed from the plan`, content: html`<p class="govuk-body">${s.reason}</p>` };
      },
      refused: (e) => errorsFromApi(e, { reason: 'Why they are removed' }),
    },
    { reason: '', errors: {} },
    rerender,
  );
}

// ---- Recording a discussion ----

interface DiscussionState extends FormState {
  heldOn: DateParts;
  forum: string;
  attendees: string;
  outcome: string;
}

export async function discussionPage(postText: string | undefined, rerender: () => void): Promise<Page> {
  const c = await existingPlanToChange(postText);
  if ('body' in c) return c;
  const plan = c.plan;
  return formPage<DiscussionState>(
    c,
    {
      id: 'discussion-form',
      anchors: [
        ['held_on', 'disc-held-on-day'],
        ['forum', 'disc-forum'],
        ['attendees', 'disc-attendees'],
        ['outcome', 'disc-outcome'],
      ],
      title: 'Record a discussion of the plan',
      caption: `Succession plan: ${c.post.title}`,
      fields: (s) => html`
        ${dateInput({ id: 'disc-held-on', name: 'held_on', legend: 'Date of the discussion', hint: 'For example, 27 3 2027', value: s.heldOn, error: s.errors.held_on })}
        ${radios({ id: 'disc-forum', name: 'forum', legend: 'Where it was discussed', value: s.forum, error: s.errors.forum, items: FORUM_CODES.map((code) => ({ value: code, text: forumLabel(code) })) })}
        ${textarea({ id: 'disc-attendees', name: 'attendees', label: 'Who attended (optional)', value: s.attendees, error: s.errors.attendees, rows: 2 })}
        ${textarea({ id: 'disc-outcome', name: 'outcome', label: 'Outcome', hint: 'What was decided.', value: s.outcome, error: s.errors.outcome, rows: 4 })}`,
      submit: 'Record the discussion',
      read: (form) => {
        const s: DiscussionState = {
          heldOn: fieldDate(form, 'held_on'),
          forum: fieldText(form, 'forum'),
          attendees: fieldText(form, 'attendees'),
          outcome: fieldText(form, 'outcome'),
          errors: {},
        };
        const heldOn = isoDate(s.heldOn);
        if (!heldOn) s.errors.held_on = 'Date of the discussion must be a real date, like 27 3 2027';
        else if (heldOn > todayIso()) s.errors.held_on = 'Date of the discussion must be today or in the past';
        if (!FORUM_CODES.includes(s.forum)) s.errors.forum = 'Select where it was discussed';
        if (!s.outcome) s.errors.outcome = 'Enter the outcome of the discussion';
        return s;
      },
      send: async (s) => {
        await request('POST', planPath(plan.id, '/discussions'), { json: { held_on: isoDate(s.heldOn), forum: s.forum, attendees: s.attendees, outcome: s.outcome } });
        return { heading: 'Discussion recorded' };
      },
      refused: (e) => errorsFromApi(e, { held_on: 'Date of the discussion', forum: 'Forum', attendees: 'Attendees', outcome: 'Outcome' }),
    },
    { heldOn: todayParts(), forum: '', attendees: '', outcome: '', errors: {} },
    rerender,
  );
}

// ---- The holder's risk of loss ----

interface RiskState extends FormState {
  risk: string;
  window: string;
  note: string;
}

export async function riskPage(postText: string | undefined, rerender: () => void): Promise<Page> {
  const c = await planToChange(postText, 'Only trust administrators set risk of loss.');
  if ('body' in c) return c;
  const holder = c.holder;
  if (!holder) return notFoundPage();
  return formPage<RiskState>(
    c,
    {
      id: 'risk-form',
      anchors: [
        ['risk', 'risk-level'],
        ['window', 'risk-window'],
        ['note', 'risk-note'],
      ],
      title: `Risk of losing ${holder.name}`,
      caption: `Holder of ${c.post.title}`,
      fields: (s) => html`
        ${radios({ id: 'risk-level', name: 'risk', legend: 'Risk that they leave', value: s.risk, error: s.errors.risk, items: RISK_CODES.map((code) => ({ value: code, text: riskLabel(code) })) })}
        ${radios({ id: 'risk-window', name: 'window', legend: 'When they might go (optional)', value: s.window, error: s.errors.window, items: [...WINDOW_CODES.map((code) => ({ value: code, text: windowLabel(code) })), { value: '', text: 'Not known' }] })}
        ${textarea({ id: 'risk-note', name: 'note', label: 'Note (optional)', value: s.note, error: s.errors.note, rows: 3 })}`,
      submit: 'Save the risk of loss',
      read: (form) => {
        const s: RiskState = { risk: fieldText(form, 'risk'), window: fieldText(form, 'window'), note: fieldText(form, 'note'), errors: {} };
        if (!RISK_CODES.includes(s.risk)) s.errors.risk = 'Select the risk that they leave';
        return s;
      },
      send: async (s) => {
        await request('PUT', riskPath(holder.person_id), { json: { risk: s.risk, window: s.window || null, note: s.note } });
        return { heading: 'Risk of loss saved' };
      },
      refused: (e) => errorsFromApi(e, { risk: 'Risk of loss', window: 'When they might go', note: 'Note' }),
    },
    { risk: c.risk?.risk ?? '', window: c.risk?.window ?? '', note: c.risk?.note ?? '', errors: {} },
    rerender,
  );
}

// ---- Raising a development action against a successor's gap ----

interface ActionState extends ActionFields {
  gap: string;
}

export async function raiseActionPage(postText: string | undefined, candidateText: string | undefined, rerender: () => void): Promise<Page> {
  const found = await candidateToChange(postText, candidateText);
  if ('body' in found) return found;
  const { c, x } = found;
  const plan = c.plan;
  if (!x.internal) return notFoundPage();
  return formPage<ActionState>(
    c,
    {
      id: 'action-form',
      anchors: [['gap', 'action-gap'], ...ACTION_ANCHORS],
      title: `Raise a development action for ${candidateName(x)}`,
      caption: `Succession plan: ${c.post.title}`,
      fields: (s) => html`
        ${radios({
          id: 'action-gap',
          name: 'gap',
          legend: 'Which gap it bridges',
          value: s.gap,
          error: s.errors.gap,
          items: [...(x.gaps ?? []).map((g) => ({ value: String(g.competency_id), text: `${g.competency} (level ${g.assessed} of ${g.required})` })), { value: 'none', text: 'No particular gap' }],
        })}
        ${actionFields(s)}`,
      submit: 'Raise the action',
      read: (form) => {
        const s: ActionState = { ...readActionFields(form), gap: fieldText(form, 'gap') };
        if (!s.gap) s.errors.gap = 'Select which gap it bridges';
        return s;
      },
      send: async (s) => {
        await request('POST', actionsPath(), {
          json: {
            person_id: x.person_id,
            ...actionJson(s),
            source: 'succession_gap',
            plan_id: plan.id,
            ...(s.gap !== 'none' ? { gap_competency_id: Number(s.gap) } : {}),
          },
        });
        return { heading: 'Development action raised' };
      },
      refused: (e) => {
        const errors = refusedAction(e);
        if (errors.gap_competency_id) errors.gap = errors.gap_competency_id;
        return errors;
      },
    },
    { gap: '', kind: '', title: '', description: '', ownerId: '', due: { day: '', month: '', year: '' }, errors: {} },
    rerender,
  );
}
