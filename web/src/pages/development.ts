// Development actions: what a person will do to grow (a stretch task, mentoring, coaching …),
// raised by hand from their page, from the 9-box grid or against a succession plan's gap. The
// list (with its filters), one action, changing it (its status moves planned → in progress →
// completed, or to cancelled; completing needs an outcome) and raising one; and the fields the
// plan page's own raise form shares.
//
// Who sees and changes what is src/http/routes_development.cc's: the whole-trust roles see
// every action; a headteacher their staff's and direct reports'; a line manager their direct
// reports'; everyone their own and those they own. Those who develop the person change an
// action in full; its owner changes its status and outcome only.

import { ApiError, get, request } from '../api';
import {
  backLink,
  blankDate,
  checkboxes,
  dateInput,
  dateParts,
  formatDate,
  heading,
  isoDate,
  labeller,
  link,
  pagination,
  personName,
  radios,
  resultCount,
  select,
  summaryList,
  table,
  tag,
  textarea,
  textInput,
  todayIso,
  type DateParts,
  type SelectOption,
} from '../components';
import { errorsFromApi, fieldDate, fieldText, formPage, type FieldErrors, type FormState } from '../forms';
import { html, nothing, type SafeHtml } from '../html';
import { takeNotice } from '../notice';
import { hrefTo, positiveId, queryText, type Page, type RouteContext } from '../router';
import { canDevelop, developsPerson, state, trustPath } from '../session';
import type { DevelopmentAction, Person } from '../types';
import { forbiddenPage, notFoundPage } from './errors';
import { mountFilterForm, offsetOf, PAGE_SIZE } from './people';
import { cycleHref, getCycle } from './review';
import { getAll } from './schools';

// ---- Names ----

const ACTION_KIND: Record<string, string> = {
  stretch_task: 'Stretch task',
  mentoring: 'Mentoring',
  coaching: 'Coaching',
  training_course: 'Training course',
  shadowing: 'Shadowing',
  secondment: 'Secondment',
  npq: 'NPQ',
  other: 'Other',
};
const ACTION_STATUS: Record<string, string> = { planned: 'Planned', in_progress: 'In progress', completed: 'Completed', cancelled: 'Cancelled' };
const ACTION_SOURCE: Record<string, string> = {
  manual: 'Raised by hand',
  nine_box: 'From the talent review (9-box)',
  succession_gap: 'From a gap on a succession plan',
};

export const actionKindLabel = labeller(ACTION_KIND);
export const actionStatusLabel = labeller(ACTION_STATUS);
const actionSourceLabel = labeller(ACTION_SOURCE);
export const ACTION_KIND_CODES = Object.keys(ACTION_KIND);
const ACTION_STATUS_CODES = Object.keys(ACTION_STATUS);

// Where each status may move to (development/validation.cc's CanMove), itself first.
const STATUS_MOVES: Record<string, string[]> = {
  planned: ['planned', 'in_progress', 'completed', 'cancelled'],
  in_progress: ['in_progress', 'completed', 'cancelled'],
  completed: [],
  cancelled: [],
};

// Words carry the meaning; the colour repeats it.
export function actionStatusTag(code: string): SafeHtml {
  return tag(actionStatusLabel(code), code === 'completed' ? 'green' : code === 'in_progress' ? 'blue' : code === 'cancelled' ? 'grey' : 'yellow');
}

// Still to do and past its due date (development/action.h's IsOverdue), on `today`.
export function isOverdue(a: Pick<DevelopmentAction, 'status' | 'due_on'>, today = todayIso()): boolean {
  return (a.status === 'planned' || a.status === 'in_progress') && a.due_on !== null && a.due_on < today;
}

function statusCell(a: DevelopmentAction, today: string): SafeHtml {
  return html`${actionStatusTag(a.status)}${isOverdue(a, today) ? html` ${tag('Overdue', 'red')}` : nothing}`;
}

// ---- Addresses ----

export const actionsPath = (rest = '') => trustPath(`/development-actions${rest}`);
export const actionHref = (id: number, rest = '') => `#/development/${id}${rest}`;
export const actionsHref = (query: Record<string, string | number | boolean> = {}) => hrefTo('/development', query);
// Raising an action for a person; from the 9-box grid of `cycleId` when given.
export const raiseHref = (personId: number, cycleId?: number) => hrefTo('/development/new', { person_id: personId, cycle_id: cycleId });

const DEVELOPERS_ONLY =
  'Development actions are raised by trust administrators, by headteachers for their staff and by line managers for the people they line-manage.';

// ---- The fields an action is raised and changed with ----

export interface ActionFields extends FormState {
  kind: string;
  title: string;
  description: string;
  ownerId: string;
  due: DateParts;
}

// What the fields' API names are called in messages.
export const ACTION_LABELS: Record<string, string> = {
  kind: 'Kind of action',
  title: 'What they will do',
  description: 'Description',
  owner_id: 'Who sees it through',
  due_on: 'Due date',
  status: 'Status',
  outcome: 'Outcome',
  gap_competency_id: 'Gap',
};

export const ACTION_ANCHORS: [string, string][] = [
  ['kind', 'action-kind'],
  ['title', 'action-title'],
  ['description', 'action-description'],
  ['owner_id', 'action-owner'],
  ['due_on', 'action-due-day'],
];

// Kind, what they will do, (a description and who sees it through, where `owners` is given)
// and the due date.
export function actionFields(s: ActionFields, owners?: SelectOption[]): SafeHtml {
  return html`
    ${radios({ id: 'action-kind', name: 'kind', legend: 'Kind of action', value: s.kind, error: s.errors.kind, items: ACTION_KIND_CODES.map((code) => ({ value: code, text: actionKindLabel(code) })) })}
    ${textInput({ id: 'action-title', name: 'title', label: 'What they will do', hint: 'For example, lead the trust’s Year 6 moderation', value: s.title, error: s.errors.title })}
    ${owners
      ? html`${textarea({ id: 'action-description', name: 'description', label: 'Description (optional)', hint: 'The scope, the support they will have and how it will be judged.', value: s.description, error: s.errors.description, rows: 3 })}
        ${select({ id: 'action-owner', name: 'owner_id', label: 'Who sees it through (optional)', hint: 'Often their line manager. The owner can update the action’s status and outcome.', options: owners, value: s.ownerId, error: s.errors.owner_id })}`
      : nothing}
    ${dateInput({ id: 'action-due', name: 'due_on', legend: 'Due by (optional)', hint: 'For example, 31 3 2027', value: s.due, error: s.errors.due_on })}`;
}

export function readActionFields(form: HTMLFormElement): ActionFields {
  const s: ActionFields = {
    kind: fieldText(form, 'kind'),
    title: fieldText(form, 'title'),
    description: fieldText(form, 'description'),
    ownerId: fieldText(form, 'owner_id'),
    due: fieldDate(form, 'due_on'),
    errors: {},
  };
  if (!ACTION_KIND_CODES.includes(s.kind)) s.errors.kind = 'Select the kind of action';
  if (!s.title) s.errors.title = 'Enter what they will do';
  if (!blankDate(s.due) && !isoDate(s.due)) s.errors.due_on = 'Due date must be a real date, like 31 3 2027';
  return s;
}

// The fields as the API takes them.
export function actionJson(s: ActionFields): Record<string, unknown> {
  return {
    kind: s.kind,
    title: s.title,
    description: s.description,
    owner_id: s.ownerId ? Number(s.ownerId) : null,
    due_on: blankDate(s.due) ? null : isoDate(s.due),
  };
}

// Who may see an action through: the person's line managers, the signed-in user and whoever
// owns it now.
function ownerChoices(person: Person | null, current: { id: number | null; name: string | null } = { id: null, name: null }): SelectOption[] {
  const owners = new Map<number, string>();
  for (const m of person?.line_managers ?? []) owners.set(m.person_id, `${m.name} (line manager)`);
  const self = state.user?.person_id;
  if (self && self !== person?.id && !owners.has(self)) owners.set(self, `${state.user?.display_name || 'You'} (you)`);
  if (current.id !== null && !owners.has(current.id)) owners.set(current.id, current.name ?? `Person ${current.id}`);
  return [{ value: '', text: 'Nobody named' }, ...[...owners].map(([id, text]) => ({ value: String(id), text }))];
}

// ---- The list ----

export async function actionsPage(ctx: RouteContext, rerender: () => void): Promise<Page> {
  const q = ctx.query;
  const f = { ...queryText(q, 'person_id', 'owner_id', 'status', 'kind', 'plan_id'), overdue: q.get('overdue') === 'true' };
  const offset = offsetOf(q);
  // The API filters by person, owner, status and plan; kind and "overdue" are filtered here.
  // Every action the user sees gives the choices of person and owner.
  const apiFilters = { person_id: f.person_id, owner_id: f.owner_id, status: f.status, plan_id: f.plan_id };
  const filtered = Object.values(apiFilters).some(Boolean);
  const [all, matching] = await Promise.all([
    getAll<DevelopmentAction>(actionsPath()),
    filtered ? getAll<DevelopmentAction>(actionsPath(), apiFilters) : null,
  ]);
  const today = todayIso();
  const shown = (matching ?? all).filter((a) => (!f.kind || a.kind === f.kind) && (!f.overdue || isOverdue(a, today)));
  const items = shown.slice(offset, offset + PAGE_SIZE);
  // Someone asked for by address (their page links here) is a choice even with no actions.
  const asked = positiveId(f.person_id);
  const askedFor = asked !== null && !all.some((a) => a.person_id === asked) ? await get<Person>(trustPath(`/people/${asked}`)).catch(() => null) : null;
  const choices = (pairs: [number | null, string | null][], none: string): SelectOption[] => {
    const names = new Map<number, string>();
    for (const [id, name] of pairs) if (id !== null) names.set(id, name ?? `Person ${id}`);
    return [{ value: '', text: none }, ...[...names].sort((a, b) => a[1].localeCompare(b[1])).map(([id, name]) => ({ value: String(id), text: name }))];
  };
  const role = state.user?.role;
  const whose =
    role === 'trust_admin' || role === 'platform_admin' || role === 'executive'
      ? 'Every development action in the trust.'
      : role === 'headteacher'
        ? 'The actions of your school’s staff and the people you line-manage, your own and those you see through.'
        : role === 'line_manager'
          ? 'The actions of the people you line-manage, your own and those you see through.'
          : 'Your own development actions and those you see through.';
  return {
    title: 'Development actions',
    section: 'development',
    body: html`
      ${heading('Development actions')}
      <p class="govuk-body">${whose} Each is raised by hand, from the talent review’s 9-box grid or against a gap on a succession plan.</p>
      ${f.plan_id ? html`<p class="govuk-body" id="plan-filter">Showing the actions that serve one succession plan. ${link(actionsHref(), 'Show every action')}</p>` : nothing}
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-one-third">
          <form class="app-filters app-filter-form" role="search" aria-label="Filter development actions">
            <h2 class="govuk-heading-s">Filter</h2>
            ${f.plan_id ? html`<input type="hidden" name="plan_id" value="${f.plan_id}">` : nothing}
            ${select({ id: 'person_id', name: 'person_id', label: 'Person', options: choices([...all.map((a): [number, string] => [a.person_id, a.person_name]), ...(askedFor ? [[askedFor.id, personName(askedFor)] as [number, string]] : [])], 'Anyone'), value: f.person_id })}
            ${select({ id: 'kind', name: 'kind', label: 'Kind', options: [{ value: '', text: 'Any kind' }, ...ACTION_KIND_CODES.map((c) => ({ value: c, text: actionKindLabel(c) }))], value: f.kind })}
            ${select({ id: 'status', name: 'status', label: 'Status', options: [{ value: '', text: 'Any status' }, ...ACTION_STATUS_CODES.map((c) => ({ value: c, text: actionStatusLabel(c) }))], value: f.status })}
            ${select({ id: 'owner_id', name: 'owner_id', label: 'Who sees it through', options: choices(all.map((a) => [a.owner_id, a.owner_name]), 'Anyone'), value: f.owner_id })}
            ${checkboxes({ legend: 'Due date', items: [{ id: 'overdue', name: 'overdue', label: 'Only overdue actions', checked: f.overdue }] })}
            <button type="submit" class="govuk-button govuk-!-margin-bottom-0" data-module="govuk-button">Apply filters</button>
          </form>
        </div>
        <div class="govuk-grid-column-two-thirds">
          ${resultCount({ offset, shown: items.length, total: shown.length, noun: 'action', nounPlural: 'actions' })}
          ${table({
            caption: 'Development actions',
            captionHidden: true,
            head: [{ text: 'Action' }, { text: 'Person' }, { text: 'Status' }, { text: 'Due by' }, { text: 'Who sees it through' }],
            rows: items.map((a) => [
              html`${link(actionHref(a.id), a.title)}<span class="app-box-scores">${actionKindLabel(a.kind)}</span>`,
              link(`#/people/${a.person_id}`, a.person_name),
              statusCell(a, today),
              a.due_on ? formatDate(a.due_on) : 'No date',
              a.owner_name ?? 'Nobody named',
            ]),
            rowHeaders: true,
          })}
          ${pagination({ offset, limit: PAGE_SIZE, total: shown.length, label: 'Development actions results pages', hrefFor: (o) => actionsHref({ ...f, offset: o }) })}
        </div>
      </div>`,
    mount: (main) => mountFilterForm(main, '/development', rerender),
  };
}

// ---- One action ----

// The action, its person (null when outside what the user sees), and what the user may change:
// everything (they develop the person), the status and outcome (they own it), or nothing.
interface ActionContext {
  action: DevelopmentAction;
  person: Person | null;
  may: 'all' | 'status' | 'nothing';
}

async function loadAction(idText: string | undefined): Promise<ActionContext | null> {
  const id = positiveId(idText);
  if (id === null) return null;
  const action = await get<DevelopmentAction>(actionsPath(`/${id}`));
  const person = await get<Person>(trustPath(`/people/${action.person_id}`)).catch(() => null);
  const owns = action.owner_id !== null && action.owner_id === state.user?.person_id;
  const may = person && (await developsPerson(person)) ? 'all' : owns ? 'status' : 'nothing';
  return { action, person, may };
}

export async function actionPage(idText: string | undefined): Promise<Page> {
  const c = await loadAction(idText);
  if (!c) return notFoundPage();
  const a = c.action;
  const closed = STATUS_MOVES[a.status]?.length === 0;
  return {
    title: a.title,
    section: 'development',
    focus: '#review-notice',
    body: html`
      ${backLink(actionsHref(), 'All development actions')}
      ${takeNotice()}
      ${heading(a.title, `Development action for ${a.person_name}`)}
      <div id="action-summary">${summaryList([
        ['Person', link(`#/people/${a.person_id}`, a.person_name)],
        ['Kind', actionKindLabel(a.kind)],
        ['Status', html`<span id="action-status">${statusCell(a, todayIso())}</span>`],
        ['Due by', a.due_on ? formatDate(a.due_on) : 'No date set'],
        ['Who sees it through', a.owner_name ?? 'Nobody named'],
        ['Raised on', formatDate(a.raised_on)],
        ...(a.source ? ([['Where it came from', actionSourceLabel(a.source)]] as [string, string][]) : []),
        ...(a.gap_competency ? ([['The gap it bridges', a.gap_competency]] as [string, string][]) : []),
        ['Description', a.description || 'None'],
        ...(a.completed_on ? ([['Completed on', formatDate(a.completed_on)]] as [string, string][]) : []),
        ['Outcome', html`<span id="action-outcome-text">${a.outcome || 'Not recorded yet'}</span>`],
      ])}</div>
      ${c.may === 'all'
        ? html`<a class="govuk-button" data-module="govuk-button" href="${actionHref(a.id, '/edit')}" id="change-action">Change the action</a>`
        : c.may === 'status' && !closed
          ? html`<a class="govuk-button" data-module="govuk-button" href="${actionHref(a.id, '/edit')}" id="change-action">Update its status</a>`
          : nothing}
      <p class="govuk-body">${link(actionsHref({ person_id: a.person_id }), `All development actions for ${a.person_name}`)}</p>`,
  };
}

// ---- Changing an action ----

interface ChangeState extends ActionFields {
  status: string;
  outcome: string;
}

export async function changeActionPage(idText: string | undefined, rerender: () => void): Promise<Page> {
  const c = await loadAction(idText);
  if (!c) return notFoundPage();
  if (c.may === 'nothing') return forbiddenPage('The people who develop this person change the action; its owner updates its status and outcome.');
  const a = c.action;
  const full = c.may === 'all';
  const moves = STATUS_MOVES[a.status] ?? [];
  const owners = ownerChoices(c.person, { id: a.owner_id, name: a.owner_name });
  const start: ChangeState = {
    kind: a.kind,
    title: a.title,
    description: a.description,
    ownerId: a.owner_id === null ? '' : String(a.owner_id),
    due: dateParts(a.due_on),
    status: a.status,
    outcome: a.outcome,
    errors: {},
  };
  return formPage<ChangeState>(
    {
      id: 'action-form',
      anchors: [...(full ? ACTION_ANCHORS : []), ['status', 'action-status-choice'], ['outcome', 'action-outcome']],
      title: full ? `Change the action: ${a.title}` : `Update the status: ${a.title}`,
      caption: `Development action for ${a.person_name}`,
      section: 'development',
      back: { href: actionHref(a.id), text: 'Back to the action' },
      intro: full ? nothing : html`<p class="govuk-body">You see this action through: you update its status and outcome.</p>`,
      fields: (s) => html`
        ${full ? actionFields(s, owners) : nothing}
        ${moves.length
          ? radios({
              id: 'action-status-choice',
              name: 'status',
              legend: 'Status',
              hint: 'Planned, then in progress, then completed. A planned action may be completed at once; an open one may be cancelled.',
              value: s.status,
              error: s.errors.status,
              items: moves.map((code) => ({ value: code, text: actionStatusLabel(code) })),
            })
          : html`<p class="govuk-body">The action is ${actionStatusLabel(a.status).toLowerCase()}: its status no longer changes.</p>`}
        ${textarea({
          id: 'action-outcome',
          name: 'outcome',
          label: 'Outcome',
          hint: 'What came of it. An action is completed with its outcome.',
          value: s.outcome,
          error: s.errors.outcome,
          rows: 4,
        })}`,
      submit: 'Save the changes',
      read: (form) => {
        const fields = full ? readActionFields(form) : { ...start, errors: {} };
        const s: ChangeState = { ...fields, status: moves.length ? fieldText(form, 'status') : a.status, outcome: fieldText(form, 'outcome') };
        if (moves.length && !moves.includes(s.status)) s.errors.status = 'Select the status';
        return s;
      },
      send: async (s) => {
        const json = full ? { ...actionJson(s), status: s.status, outcome: s.outcome } : { status: s.status, outcome: s.outcome };
        await request('PATCH', actionsPath(`/${a.id}`), { json });
        return { heading: s.status !== a.status ? `Action ${actionStatusLabel(s.status).toLowerCase()}` : 'Action changed' };
      },
      refused: (e) => refusedAction(e),
    },
    start,
    rerender,
  );
}

// The API's refusal of an action, worded for its form: completing without an outcome, and a
// status move it does not allow (409), on their fields.
export function refusedAction(e: unknown): FieldErrors {
  const errors = errorsFromApi(e, ACTION_LABELS);
  if (errors.outcome) errors.outcome = 'Enter the outcome: an action is completed with what came of it';
  if (errors.form && e instanceof ApiError && e.status === 409) {
    errors.status = errors.form;
    delete errors.form;
  }
  return errors;
}

// ---- Raising an action for a person (from their page, or from the 9-box grid) ----

export async function raisePage(ctx: RouteContext, rerender: () => void): Promise<Page> {
  if (!canDevelop()) return forbiddenPage(DEVELOPERS_ONLY);
  const id = positiveId(ctx.query.get('person_id') ?? undefined);
  if (id === null) return notFoundPage();
  const cycleId = positiveId(ctx.query.get('cycle_id') ?? undefined);
  const [person, cycle] = await Promise.all([get<Person>(trustPath(`/people/${id}`)), cycleId === null ? null : getCycle(cycleId)]);
  if (!(await developsPerson(person))) return forbiddenPage(DEVELOPERS_ONLY);
  const name = personName(person);
  const owners = ownerChoices(person);
  const firstManager = person.line_managers?.[0]?.person_id;
  return formPage<ActionFields>(
    {
      id: 'action-form',
      anchors: ACTION_ANCHORS,
      title: `Raise a development action for ${name}`,
      caption: cycle ? `From the 9-box grid: ${cycle.name}` : 'Development',
      section: cycle ? 'talent-review' : 'development',
      back: cycle ? { href: cycleHref(cycle.id), text: `Back to ${cycle.name}` } : { href: `#/people/${person.id}`, text: `Back to ${name}` },
      intro: cycle
        ? html`<p class="govuk-body">What ${name} will do to grow from where the talent review placed them: a stretch task, mentoring, coaching, a course.</p>`
        : nothing,
      fields: (s) => actionFields(s, owners),
      submit: 'Raise the action',
      read: readActionFields,
      send: async (s) => {
        // Where it came from is shown only to those who read the person's succession plans:
        // the 9-box's readers are among them, anyone else raises it by hand (the default).
        const raised = await request<DevelopmentAction>('POST', actionsPath(), {
          json: { person_id: person.id, ...actionJson(s), ...(cycle ? { source: 'nine_box' } : {}) },
        });
        return { heading: 'Development action raised', content: html`<p class="govuk-body">${raised.title}, for ${name}.</p>`, href: actionHref(raised.id) };
      },
      refused: (e) => refusedAction(e),
    },
    { kind: '', title: '', description: '', ownerId: firstManager ? String(firstManager) : '', due: { day: '', month: '', year: '' }, errors: {} },
    rerender,
  );
}

// ---- On a person's page ----

// Links to the person's actions and, for those who develop them, to raise one. The actions
// themselves are on the list: showing those that serve plans is an audited read.
export async function personActionsSection(person: Person): Promise<SafeHtml> {
  const name = personName(person);
  const raise = canDevelop() && (await developsPerson(person));
  return html`<section aria-labelledby="development-heading" id="development-section">
    <h2 class="govuk-heading-m" id="development-heading">Development</h2>
    <ul class="govuk-list">
      <li>${link(actionsHref({ person_id: person.id }), `Development actions for ${name}`)}</li>
      ${raise ? html`<li>${link(raiseHref(person.id), `Raise a development action for ${name}`)}</li>` : nothing}
    </ul>
  </section>`;
}
