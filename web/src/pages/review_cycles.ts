// The talent review's cycles: the list (and opening a new one), a cycle with its 9-box grid,
// movement since an earlier cycle and calibration meetings, moving a cycle on (with a
// confirmation step), and recording a calibration meeting.

import { ApiError, get, request } from '../api';
import {
  backLink,
  blankDate,
  checkboxes,
  dateInput,
  details,
  errorSummary,
  formatDate,
  formatNumber,
  heading,
  isoDate,
  link,
  radios,
  select,
  submitGroup,
  summaryList,
  table,
  textarea,
  textInput,
  todayParts,
  warningText,
  type DateParts,
} from '../components';
import { errorItems, errorsFromApi, fieldDate, fieldText, mountForm, type FormState } from '../forms';
import { html, nothing, type SafeHtml } from '../html';
import { leaveNotice, takeNotice } from '../notice';
import { navigate, positiveId, type Page, type RouteContext } from '../router';
import { canDevelop, canManageReviews, canPropose, canReadRatings, canSeeTalentReview, ownSchoolIds, state, trustPath } from '../session';
import { raiseHref } from './development';
import type { CalibrationMeeting, ListPage, Movement, NineBoxGrid, ReviewCycle, School } from '../types';
import { forbiddenPage, notFoundPage } from './errors';
import { familyOptions, mountFilterForm, schoolChoices, stageOptions } from './people';
import {
  academicYear,
  confidentialityNote,
  cycleHref,
  cyclePath,
  directionLabel,
  getCycle,
  levelWord,
  meetingTitle,
  namedBoxCell,
  statusLabel,
  statusTag,
} from './review';
import { getAll } from './schools';

const NOT_FOR_YOU =
  'The talent review is for trust administrators, executives, headteachers and line managers. Your own box, when your trust shares it, is on your own page.';

// ---- The list of cycles ----

interface OpenState extends FormState {
  year: string;
  name: string;
  peopleSeeOwnBox: boolean;
}

export async function cyclesPage(rerender: () => void): Promise<Page> {
  if (!canSeeTalentReview()) return forbiddenPage(NOT_FOR_YOU);
  const cycles = (await get<ListPage<ReviewCycle>>(trustPath('/review-cycles'))).items;
  const newest = cycles.reduce((max, c) => Math.max(max, c.year), 0);
  return buildCycles(cycles, { year: newest ? String(newest + 1) : '', name: '', peopleSeeOwnBox: false, errors: {} }, rerender);
}

function buildCycles(cycles: ReviewCycle[], s: OpenState, rerender: () => void): Page {
  const items = errorItems(s.errors, [
    ['year', 'cycle-year'],
    ['name', 'cycle-name'],
  ]);
  return {
    title: `${items.length ? 'Error: ' : ''}Talent review`,
    section: 'talent-review',
    body: html`
      ${items.length ? errorSummary('There is a problem', items) : nothing}
      ${takeNotice()}
      ${heading('Talent review')}
      ${confidentialityNote()}
      <p class="govuk-body">Each year's review rates people's performance and potential on the 9-box grid. Line managers propose, calibration meetings adjust (keeping the box before and after), and closing the cycle makes every rating final.</p>
      ${table({
        caption: 'Talent review cycles',
        head: [{ text: 'Academic year' }, { text: 'Cycle' }, { text: 'Status' }, { text: 'People see their own box' }],
        rows: cycles.map((c) => [academicYear(c.year), link(cycleHref(c.id), c.name), statusTag(c.status), c.people_see_own_box ? 'Yes' : 'No']),
        rowHeaders: true,
        empty: 'There are no talent review cycles yet.',
      })}
      ${canManageReviews()
        ? html`<h2 class="govuk-heading-m" id="open-cycle-heading">Open a new cycle</h2>
          <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
          <form id="open-cycle-form" novalidate aria-labelledby="open-cycle-heading">
            ${textInput({
              id: 'cycle-year',
              name: 'year',
              label: 'Academic year it starts in',
              hint: 'For example, 2027 for the 2027/28 academic year. A trust has one cycle a year.',
              value: s.year,
              error: s.errors.year,
              widthClass: 'govuk-input--width-4',
            })}
            ${textInput({ id: 'cycle-name', name: 'name', label: 'Name', hint: 'For example, Talent review 2027/28', value: s.name, error: s.errors.name })}
            ${checkboxes({
              legend: 'Own box',
              items: [
                {
                  id: 'cycle-own-box',
                  name: 'people_see_own_box',
                  label: 'People can see their own final box once the cycle closes',
                  checked: s.peopleSeeOwnBox,
                },
              ],
            })}
            <button type="submit" class="govuk-button" data-module="govuk-button">Open the cycle</button>
          </form>
          </div></div>`
        : nothing}`,
    mount: (main) =>
      mountForm(main, '#open-cycle-form', {
        read: (form) => readOpen(form, cycles),
        send: async (next) => {
          const cycle = await request<ReviewCycle>('POST', trustPath('/review-cycles'), {
            json: { year: Number(next.year), name: next.name, people_see_own_box: next.peopleSeeOwnBox },
          });
          const hash = cycleHref(cycle.id);
          leaveNotice(hash, `${cycle.name} is open`, html`<p class="govuk-body">Line managers, headteachers and trust administrators can now propose ratings.</p>`);
          navigate(hash, rerender);
        },
        refused: (e, next) => {
          const errors = errorsFromApi(e, { year: 'Year', name: 'Name' }, `There is already a talent review for ${academicYear(Number(next.year))}`);
          // A second cycle for the year: the year's message.
          if (e instanceof ApiError && e.status === 409) {
            errors.year = errors.form;
            delete errors.form;
          }
          return errors;
        },
        page: (next) => buildCycles(cycles, next, rerender),
      }),
  };
}

function readOpen(form: HTMLFormElement, cycles: ReviewCycle[]): OpenState {
  const s: OpenState = {
    year: fieldText(form, 'year'),
    name: fieldText(form, 'name'),
    peopleSeeOwnBox: new FormData(form).get('people_see_own_box') === 'true',
    errors: {},
  };
  const year = /^\d{4}$/.test(s.year) ? Number(s.year) : NaN;
  if (!s.year) s.errors.year = 'Enter the academic year the cycle starts in';
  else if (!(year >= 2000 && year <= 2100)) s.errors.year = 'Enter the academic year as four digits, from 2000 to 2100, like 2027';
  else if (cycles.some((c) => c.year === year)) s.errors.year = `There is already a talent review for ${academicYear(year)}`;
  if (!s.name) s.errors.name = 'Enter a name for the cycle';
  return s;
}

// ---- One cycle ----

// What the grid, movement and meetings need; only those who read ratings read them. A
// headteacher reads their own staff only: the school filter offers their schools.
async function loadRatings(id: number, filters: Record<string, string>, fromCycle: string) {
  const headteacher = state.user?.role === 'headteacher';
  const [cycles, schools, grid, movement, meetings, own] = await Promise.all([
    get<ListPage<ReviewCycle>>(trustPath('/review-cycles')).then((p) => p.items),
    getAll<School>(trustPath('/schools')).catch(() => [] as School[]),
    get<NineBoxGrid>(cyclePath(id, '/grid'), filters),
    get<Movement>(cyclePath(id, '/movement'), { ...filters, from_cycle_id: fromCycle }),
    get<ListPage<CalibrationMeeting>>(cyclePath(id, '/meetings')).then((p) => p.items),
    headteacher ? ownSchoolIds() : null,
  ]);
  const schoolFilter = own ? schoolChoices(schools.filter((s) => own.includes(s.id)), 'All your staff') : schoolChoices(schools);
  return { cycles, schools, grid, movement, meetings, schoolFilter };
}

export async function cyclePage(ctx: RouteContext, rerender: () => void): Promise<Page> {
  if (!canSeeTalentReview()) return forbiddenPage(NOT_FOR_YOU);
  const id = positiveId(ctx.params[0]);
  if (id === null) return notFoundPage();
  const q = ctx.query;
  const filters = {
    school_id: q.get('school_id') ?? '',
    stage: q.get('stage') ?? '',
    family: q.get('family') ?? '',
  };
  const fromCycle = q.get('from_cycle_id') ?? '';
  const [cycle, r] = await Promise.all([getCycle(id), canReadRatings() ? loadRatings(id, filters, fromCycle) : null]);
  let ratingsPart: SafeHtml = nothing;
  if (r) {
    const { grid, movement, meetings, schools, schoolFilter } = r;
    const earlier = r.cycles.filter((c) => c.year < cycle.year);
    ratingsPart = html`
      <h2 class="govuk-heading-m" id="grid-heading">9-box grid</h2>
      <form class="app-filters app-filter-form" role="search" aria-label="Filter the grid and movement">
        <div class="govuk-grid-row">
          <div class="govuk-grid-column-one-third">${select({ id: 'school_id', name: 'school_id', label: 'School', options: schoolFilter, value: filters.school_id })}</div>
          <div class="govuk-grid-column-one-third">${select({ id: 'stage', name: 'stage', label: 'Career stage', options: stageOptions(), value: filters.stage })}</div>
          <div class="govuk-grid-column-one-third">${select({ id: 'family', name: 'family', label: 'Role family', options: familyOptions(), value: filters.family })}</div>
        </div>
        ${earlier.length > 1
          ? select({
              id: 'from_cycle_id',
              name: 'from_cycle_id',
              label: 'Compare movement with',
              options: earlier.map((c) => ({ value: String(c.id), text: c.name })),
              value: fromCycle || String(earlier[0]!.id),
            })
          : nothing}
        <button type="submit" class="govuk-button govuk-!-margin-bottom-0" data-module="govuk-button">Apply filters</button>
      </form>
      ${nineBoxGrid(cycle, grid)}
      ${meetingsSection(cycle, meetings, schools)}
      ${movementSection(movement)}`;
  }
  return {
    title: cycle.name,
    section: 'talent-review',
    focus: '#review-notice',
    body: html`
      ${backLink('#/talent-review', 'All talent review cycles')}
      ${takeNotice()}
      ${heading(cycle.name, 'Talent review')}
      ${confidentialityNote()}
      ${summaryList([
        ['Academic year', academicYear(cycle.year)],
        ['Status', html`<span id="cycle-status">${statusTag(cycle.status)}</span>`],
        ['Opened', formatDate(cycle.opened_on)],
        ...(cycle.closed_on ? ([['Closed', formatDate(cycle.closed_on)]] as [string, string][]) : []),
        [
          'People see their own box',
          cycle.people_see_own_box ? 'Yes, once the cycle has closed, on their own page' : 'No',
        ],
      ])}
      ${canManageReviews() ? html`<p class="govuk-body">${link(cycleHref(cycle.id, '/settings'), 'Change the cycle’s name, the names of its boxes, or whether people see their own box')}</p>${nextStep(cycle)}` : nothing}
      ${canPropose()
        ? cycle.status === 'open'
          ? html`<h2 class="govuk-heading-m">Proposals</h2>
            <p class="govuk-body">The cycle is open: propose a box for each person you rate.</p>
            <a class="govuk-button" data-module="govuk-button" href="${cycleHref(cycle.id, '/propose')}" id="propose-link">Propose ratings</a>`
          : html`<h2 class="govuk-heading-m">Proposals</h2>
            <p class="govuk-body">Proposals are closed. ${link(cycleHref(cycle.id, '/propose'), 'See the proposals you made')}.</p>`
        : nothing}
      ${ratingsPart}`,
    mount: (main) => mountFilterForm(main, `/talent-review/${cycle.id}`, rerender),
  };
}

function nextStep(cycle: ReviewCycle): SafeHtml {
  if (cycle.status === 'open') {
    return html`<h2 class="govuk-heading-m">Next step</h2>
      <p class="govuk-body">When the proposals are in, start calibration. Proposals then close, and each school's calibration meeting is recorded, then the trust's.</p>
      <a class="govuk-button govuk-button--secondary" data-module="govuk-button" href="${cycleHref(cycle.id, '/start-calibration')}">Start calibration</a>`;
  }
  if (cycle.status === 'calibrating') {
    return html`<h2 class="govuk-heading-m">Next step</h2>
      <p class="govuk-body">When the trust's calibration meeting has been held, close the cycle. Every rating then becomes final at its current box.</p>
      <a class="govuk-button govuk-button--secondary" data-module="govuk-button" href="${cycleHref(cycle.id, '/close')}">Close the cycle</a>`;
  }
  return html`<p class="govuk-body">This cycle is closed. Its final boxes count in the succession ranking.</p>`;
}

// The grid as a table: potential up the rows (high first), performance across the columns
// (low first), so it reads as the 9-box is drawn; row and column headers name each axis and
// level, and each box gives its name, count and people.
function nineBoxGrid(cycle: ReviewCycle, grid: NineBoxGrid): SafeHtml {
  // Those who develop the people shown raise an action for each from here.
  const raise = canDevelop();
  const boxAt = (performance: number, potential: number) =>
    grid.boxes.find((b) => b.performance === performance && b.potential === potential);
  const cell = (performance: number, potential: number) => {
    const box = boxAt(performance, potential);
    const name = box?.name ?? cycle.boxes.find((b) => b.performance === performance && b.potential === potential)?.name ?? '';
    const people = box?.people ?? [];
    const count = box?.count ?? 0;
    const list = html`<ul class="govuk-list govuk-body-s app-nine-box__people">${people.map(
      (p) => html`<li>${link(`#/people/${p.person_id}`, p.name)}${
        raise ? html`<a class="govuk-link app-nine-box__raise" href="${raiseHref(p.person_id, cycle.id)}">Raise a development action<span class="govuk-visually-hidden"> for ${p.name}</span></a>` : nothing
      }</li>`,
    )}</ul>`;
    return html`<td class="govuk-table__cell app-nine-box__cell" data-box="${performance}-${potential}">
      <span class="app-nine-box__name">${name}</span>
      <span class="app-nine-box__count" data-count="${count}">${count === 1 ? '1 person' : `${formatNumber(count)} people`}</span>
      ${count === 0 ? nothing : count <= 5 ? list : details({ summary: `Show the ${formatNumber(count)} people`, content: list })}
    </td>`;
  };
  return html`<div class="app-table-scroll" role="region" aria-label="9-box grid of ${cycle.name}" tabindex="0">
    <table class="govuk-table app-nine-box" id="nine-box">
      <caption class="govuk-table__caption govuk-table__caption--s" id="grid-caption">
        ${cycle.name}: <span id="grid-total">${grid.total === 1 ? '1 person' : `${formatNumber(grid.total)} people`}</span> rated
        <span class="govuk-body-s govuk-!-display-block govuk-!-margin-top-2 govuk-!-margin-bottom-0">Performance rises from left to right and potential from bottom to top. ${
          cycle.status === 'closed' ? 'Each box holds the final ratings.' : 'Each rating is where it stands now: the latest adjustment, else the proposal.'
        }</span>
      </caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header">Potential</th>
          ${[1, 2, 3].map((p) => html`<th scope="col" class="govuk-table__header">Performance: ${levelWord(p)} (${p})</th>`)}
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        ${[3, 2, 1].map(
          (potential) => html`<tr class="govuk-table__row">
            <th scope="row" class="govuk-table__header">Potential: ${levelWord(potential)} (${potential})</th>
            ${[1, 2, 3].map((performance) => cell(performance, potential))}
          </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

function movementSection(m: Movement): SafeHtml {
  if (!m.from_cycle) {
    return html`<h2 class="govuk-heading-m" id="movement-heading">Movement</h2>
      <p class="govuk-body">There is no earlier cycle to compare with.</p>`;
  }
  const from = m.from_cycle.name;
  const moves = m.flows.filter((f) => f.from.performance !== f.to.performance || f.from.potential !== f.to.potential).sort((a, b) => b.count - a.count);
  const moved = m.people.filter((p) => p.direction !== 'same');
  return html`<h2 class="govuk-heading-m" id="movement-heading">Movement since ${from}</h2>
    <p class="govuk-body">People rated in both cycles, by where their box moved. Up is to a box with a higher performance plus potential, down lower, across another box with the same sum.</p>
    <div id="movement-counts">${summaryList([
      [directionLabel('up'), html`<span data-direction="up">${formatNumber(m.up)}</span>`],
      [directionLabel('down'), html`<span data-direction="down">${formatNumber(m.down)}</span>`],
      [directionLabel('across'), html`<span data-direction="across">${formatNumber(m.across)}</span>`],
      [directionLabel('same'), html`<span data-direction="same">${formatNumber(m.same)}</span>`],
      [`Rated in ${from} only`, formatNumber(m.only_earlier)],
      [`Rated for the first time`, formatNumber(m.only_later)],
    ])}</div>
    ${table({
      caption: `Moves between boxes since ${from}`,
      head: [{ text: 'From' }, { text: 'To' }, { text: 'Direction' }, { text: 'People', numeric: true }],
      rows: moves.map((f) => [namedBoxCell(f.from), namedBoxCell(f.to), directionLabel(directionOf(f.from, f.to)), formatNumber(f.count)]),
      empty: 'Nobody changed box.',
    })}
    ${moved.length
      ? details({
          id: 'people-moved',
          summary: `The ${moved.length === 1 ? 'person' : `${formatNumber(moved.length)} people`} who changed box`,
          content: table({
            caption: `People who changed box since ${from}`,
            captionHidden: true,
            head: [{ text: 'Person' }, { text: 'From' }, { text: 'To' }, { text: 'Direction' }],
            rows: moved.map((p) => [link(`#/people/${p.person_id}`, p.name), namedBoxCell(p.from), namedBoxCell(p.to), directionLabel(p.direction)]),
            rowHeaders: true,
          }),
        })
      : nothing}`;
}

function directionOf(from: { performance: number; potential: number }, to: { performance: number; potential: number }): string {
  const a = from.performance + from.potential;
  const b = to.performance + to.potential;
  if (b > a) return 'up';
  if (b < a) return 'down';
  return from.performance === to.performance ? 'same' : 'across';
}

function meetingsSection(cycle: ReviewCycle, meetings: CalibrationMeeting[], schools: School[]): SafeHtml {
  return html`<h2 class="govuk-heading-m" id="meetings-heading">Calibration meetings</h2>
    ${table({
      caption: `Calibration meetings of ${cycle.name}`,
      captionHidden: true,
      head: [{ text: 'Meeting' }, { text: 'Held on' }, { text: 'Attendees' }],
      rows: meetings.map((m) => [link(cycleHref(cycle.id, `/meetings/${m.id}`), meetingTitle(m, schools)), formatDate(m.held_on), m.attendees]),
      rowHeaders: true,
      empty: cycle.status === 'open' ? 'Calibration meetings are recorded once calibration starts.' : 'No calibration meeting you can see has been recorded.',
    })}
    ${canManageReviews() && cycle.status === 'calibrating'
      ? html`<a class="govuk-button govuk-button--secondary" data-module="govuk-button" href="${cycleHref(cycle.id, '/meetings/new')}">Record a calibration meeting</a>`
      : nothing}`;
}

// ---- Moving a cycle on, after confirming ----

type Transition = 'start-calibration' | 'close';

const TRANSITIONS: Record<Transition, { from: string; question: string; warning: string; button: string; done: string; after: string }> = {
  'start-calibration': {
    from: 'open',
    question: 'Start calibration?',
    warning: 'Proposals close: nobody can propose or change a proposal after this.',
    button: 'Start calibration',
    done: 'Calibration has started',
    after: "Record each school's calibration meeting, then the trust's.",
  },
  close: {
    from: 'calibrating',
    question: 'Close the cycle?',
    warning: 'Every rating becomes final at its current box, and no meeting can adjust it after this. You cannot undo this.',
    button: 'Close the cycle',
    done: 'The cycle is closed',
    after: 'Every rating is final. The final boxes now count in the succession ranking.',
  },
};

export async function transitionPage(idText: string | undefined, kind: Transition, rerender: () => void): Promise<Page> {
  if (!canManageReviews()) return forbiddenPage('Only trust administrators move a talent review on.');
  const id = positiveId(idText);
  if (id === null) return notFoundPage();
  return buildTransition(await getCycle(id), kind, { errors: {} }, rerender);
}

function buildTransition(cycle: ReviewCycle, kind: Transition, s: FormState, rerender: () => void): Page {
  const t = TRANSITIONS[kind];
  const ready = cycle.status === t.from;
  const errs = errorItems(s.errors, [['confirm', 'confirm-button']]);
  return {
    title: `${errs.length ? 'Error: ' : ''}${t.question}`,
    section: 'talent-review',
    body: html`
      ${backLink(cycleHref(cycle.id), `Back to ${cycle.name}`)}
      ${errs.length ? errorSummary('There is a problem', errs) : nothing}
      ${heading(t.question, cycle.name)}
      ${confidentialityNote()}
      ${ready
        ? html`${warningText(t.warning)}
          <form id="confirm-form" novalidate>
            ${submitGroup({ text: t.button, cancelHref: cycleHref(cycle.id), id: 'confirm-button', warning: kind === 'close' })}
          </form>`
        : html`<p class="govuk-body">This cannot be done now: the cycle's status is “${statusLabel(cycle.status)}”.</p>
          <p class="govuk-body">${link(cycleHref(cycle.id), `Back to ${cycle.name}`)}</p>`}`,
    mount: (main) =>
      mountForm(main, '#confirm-form', {
        read: () => ({ errors: {} }),
        send: async () => {
          const moved = await request<ReviewCycle>('POST', cyclePath(cycle.id, `/${kind}`), { json: {} });
          const hash = cycleHref(moved.id);
          leaveNotice(hash, t.done, html`<p class="govuk-body">${t.after}</p>`);
          navigate(hash, rerender);
        },
        refused: (e) => errorsFromApi(e, {}),
        page: (next) => buildTransition(cycle, kind, next, rerender),
      }),
  };
}

// ---- Recording a calibration meeting ----

interface MeetingState extends FormState {
  level: string;
  schoolId: string;
  heldOn: DateParts;
  attendees: string;
}

export async function newMeetingPage(idText: string | undefined, rerender: () => void): Promise<Page> {
  if (!canManageReviews()) return forbiddenPage('Only trust administrators record calibration meetings.');
  const id = positiveId(idText);
  if (id === null) return notFoundPage();
  const [cycle, schools] = await Promise.all([getCycle(id), getAll<School>(trustPath('/schools'))]);
  return buildMeetingForm(cycle, schools, { level: '', schoolId: '', heldOn: todayParts(), attendees: '', errors: {} }, rerender);
}

function buildMeetingForm(cycle: ReviewCycle, schools: School[], s: MeetingState, rerender: () => void): Page {
  const items = errorItems(s.errors, [
    ['level', 'meeting-level'],
    ['school_id', 'meeting-school'],
    ['held_on', 'meeting-held-on-day'],
    ['attendees', 'meeting-attendees'],
  ]);
  const open = cycle.status === 'calibrating';
  return {
    title: `${items.length ? 'Error: ' : ''}Record a calibration meeting`,
    section: 'talent-review',
    body: html`
      ${backLink(cycleHref(cycle.id), `Back to ${cycle.name}`)}
      ${items.length ? errorSummary('There is a problem', items) : nothing}
      ${heading('Record a calibration meeting', cycle.name)}
      ${confidentialityNote()}
      ${open
        ? html`<p class="govuk-body">Each school's meeting calibrates the ratings of the people working at the school on the day; the trust's meeting, held last, calibrates everyone's. Once the trust's meeting is recorded, no school meeting can be.</p>
          <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds"><form id="meeting-form" novalidate>
            ${radios({
              id: 'meeting-level',
              name: 'level',
              legend: 'Which meeting',
              legendClass: 'govuk-fieldset__legend--m',
              value: s.level,
              error: s.errors.level,
              items: [
                {
                  value: 'school',
                  text: "A school's calibration meeting",
                  conditional: select({
                    id: 'meeting-school',
                    name: 'school_id',
                    label: 'School',
                    options: [{ value: '', text: 'Choose a school' }, ...schools.map((x) => ({ value: String(x.id), text: x.name }))],
                    value: s.schoolId,
                    error: s.errors.school_id,
                  }),
                },
                { value: 'trust', text: "The trust's calibration meeting" },
              ],
            })}
            ${dateInput({ id: 'meeting-held-on', name: 'held_on', legend: 'Date of the meeting', hint: 'For example, 27 3 2027', value: s.heldOn, error: s.errors.held_on })}
            ${textarea({
              id: 'meeting-attendees',
              name: 'attendees',
              label: 'Who attended (optional)',
              hint: 'Names and roles, for example: headteacher, deputy headteacher, trust HR lead.',
              value: s.attendees,
              error: s.errors.attendees,
              rows: 3,
            })}
            <button type="submit" class="govuk-button" data-module="govuk-button">Record the meeting</button>
          </form></div></div>`
        : html`<p class="govuk-body">Meetings are recorded while the cycle is calibrating; its status is “${statusLabel(cycle.status)}”.</p>`}`,
    mount: (main) =>
      mountForm(main, '#meeting-form', {
        read: readMeeting,
        send: async (next) => {
          const meeting = await request<CalibrationMeeting>('POST', cyclePath(cycle.id, '/meetings'), {
            json: { level: next.level, ...(next.level === 'school' ? { school_id: Number(next.schoolId) } : {}), held_on: isoDate(next.heldOn), attendees: next.attendees },
          });
          const hash = cycleHref(cycle.id, `/meetings/${meeting.id}`);
          leaveNotice(hash, `${meetingTitle(meeting, schools)} recorded`, html`<p class="govuk-body">Held on ${formatDate(meeting.held_on)}. Adjust ratings below; each adjustment needs a reason.</p>`);
          navigate(hash, rerender);
        },
        refused: (e) => errorsFromApi(e, { level: 'Meeting', school_id: 'School', held_on: 'Date of the meeting', attendees: 'Attendees' }),
        page: (next) => buildMeetingForm(cycle, schools, next, rerender),
      }),
  };
}

function readMeeting(form: HTMLFormElement): MeetingState {
  const s: MeetingState = {
    level: fieldText(form, 'level'),
    schoolId: fieldText(form, 'school_id'),
    heldOn: fieldDate(form, 'held_on'),
    attendees: fieldText(form, 'attendees'),
    errors: {},
  };
  if (s.level !== 'school' && s.level !== 'trust') s.errors.level = 'Select which meeting it was';
  if (s.level === 'school' && !s.schoolId) s.errors.school_id = 'Select the school';
  if (blankDate(s.heldOn)) s.errors.held_on = 'Enter the date of the meeting';
  else if (!isoDate(s.heldOn)) s.errors.held_on = 'Date of the meeting must be a real date, like 27 3 2027';
  return s;
}
