// Proposing 9-box ratings while a cycle is open: the people the signed-in user may rate (a
// line manager's reports; a headteacher's school staff and reports; anyone, for a trust
// administrator, who proposes on behalf of a rater), one form per person, and the proposals
// they have made.

import { ApiError, get, request } from '../api';
import {
  backLink,
  errorSummary,
  formatDate,
  heading,
  link,
  pagination,
  personName,
  radios,
  resultCount,
  select,
  submitGroup,
  table,
  textarea,
  textInput,
} from '../components';
import { errorItems, errorsFromApi, fieldText, mountForm, type FormState } from '../forms';
import { html, nothing, type SafeHtml } from '../html';
import { leaveNotice, takeNotice } from '../notice';
import { hrefTo, navigate, positiveId, type Page, type RouteContext } from '../router';
import { canManageReviews, canPropose, canReadRatings, schoolIdsOf, state, trustPath } from '../session';
import type { ListPage, OwnProposal, Person, Rating, ReviewCycle } from '../types';
import { forbiddenPage, notFoundPage } from './errors';
import { mountFilterForm, offsetOf, PAGE_SIZE, schoolOptions } from './people';
import {
  boxText,
  confidentialityNote,
  cycleHref,
  cyclePath,
  getCycle,
  isScore,
  namedBoxCell,
  ratingStage,
  scoreItems,
  statusLabel,
} from './review';
import { getAll } from './schools';

const PROPOSERS_ONLY = 'Ratings are proposed by line managers, headteachers and trust administrators.';

interface Rateable {
  id: number;
  name: string;
  posts: string;
}

function postsText(p: Person): string {
  return (p.posts ?? []).map((post) => (post.school_name ? `${post.title}, ${post.school_name}` : post.title)).join('; ');
}

// What the signed-in user knows of each person's rating in the cycle: every rating they read
// (trust administrators, headteachers), else their own proposals.
type KnownRatings = Map<number, { box: string; by: string; stage: string }>;

async function knownRatings(cycleId: number, mine: OwnProposal[]): Promise<KnownRatings> {
  const known: KnownRatings = new Map();
  if (canReadRatings()) {
    const ratings = await getAll<Rating>(cyclePath(cycleId, '/ratings'));
    for (const r of ratings) known.set(r.person_id, { box: r.current.name, by: r.rater_name, stage: ratingStage(r) });
  } else {
    for (const p of mine) known.set(p.person_id, { box: p.proposal.name, by: 'you', stage: 'Proposed' });
  }
  return known;
}

// The people the user may propose for: where each stands in the cycle, and the link to propose.
function rateableTable(cycle: ReviewCycle, known: KnownRatings, people: Rateable[], empty: string): SafeHtml {
  const stateCell = (personId: number) => {
    const k = known.get(personId);
    return k ? html`${k.box}<span class="app-box-scores">${k.stage}${k.by ? ` by ${k.by}` : ''}</span>` : 'Not yet proposed';
  };
  const actionCell = (p: Rateable) =>
    p.id === state.user?.person_id
      ? 'Your line manager proposes yours'
      : link(
          cycleHref(cycle.id, `/propose/${p.id}`),
          known.has(p.id)
            ? html`Change<span class="govuk-visually-hidden"> the proposal for ${p.name}</span>`
            : html`Propose<span class="govuk-visually-hidden"> a rating for ${p.name}</span>`,
        );
  return table({
    caption: 'People you can propose for',
    captionHidden: true,
    head: [{ text: 'Person' }, { text: 'Posts' }, { text: 'In this cycle' }, { text: 'Action' }],
    rows: people.map((p) => [link(`#/people/${p.id}`, p.name), p.posts || 'None', stateCell(p.id), actionCell(p)]),
    rowHeaders: true,
    empty,
  });
}

export async function proposePage(ctx: RouteContext, rerender: () => void): Promise<Page> {
  if (!canPropose()) return forbiddenPage(PROPOSERS_ONLY);
  const id = positiveId(ctx.params[0]);
  if (id === null) return notFoundPage();
  const [cycle, mine] = await Promise.all([getCycle(id), getAll<OwnProposal>(cyclePath(id, '/proposals'))]);
  const open = cycle.status === 'open';
  const path = `/talent-review/${cycle.id}/propose`;

  let whom: SafeHtml = nothing;
  if (open) {
    if (canManageReviews()) {
      // Anyone in the trust: found as on the People page.
      const filters = { search: ctx.query.get('search') ?? '', school_id: ctx.query.get('school_id') ?? '' };
      const offset = offsetOf(ctx.query);
      const [known, page, schools] = await Promise.all([
        knownRatings(cycle.id, mine),
        get<ListPage<Person>>(trustPath('/people'), { ...filters, limit: PAGE_SIZE, offset }),
        schoolOptions(),
      ]);
      whom = html`<h2 class="govuk-heading-m">Find the person</h2>
        <p class="govuk-body">As a trust administrator you can propose for anyone in the trust, on behalf of their rater (usually their line manager).</p>
        <form class="app-filters app-filter-form" role="search" aria-label="Find people to propose for">
          <div class="govuk-grid-row">
            <div class="govuk-grid-column-one-half">${textInput({ id: 'search', name: 'search', label: 'Name, reference or email', value: filters.search, type: 'search', spellcheck: false })}</div>
            <div class="govuk-grid-column-one-half">${select({ id: 'school_id', name: 'school_id', label: 'School', options: schools, value: filters.school_id })}</div>
          </div>
          <button type="submit" class="govuk-button govuk-!-margin-bottom-0" data-module="govuk-button">Find</button>
        </form>
        ${resultCount({ offset, shown: page.items.length, total: page.total, noun: 'person', nounPlural: 'people' })}
        ${rateableTable(
          cycle,
          known,
          page.items.map((p) => ({ id: p.id, name: personName(p), posts: postsText(p) })),
          'Nobody matches.',
        )}
        ${pagination({ offset, limit: PAGE_SIZE, total: page.total, label: 'People results pages', hrefFor: (o) => hrefTo(path, { ...filters, offset: o }) })}`;
    } else {
      const [known, people] = await Promise.all([knownRatings(cycle.id, mine), rateablePeople()]);
      whom = html`<h2 class="govuk-heading-m">People you can propose for (${people.length})</h2>
        <p class="govuk-body">${
          state.user?.role === 'headteacher'
            ? 'The staff of your school and the people you line-manage.'
            : 'The people you line-manage.'
        }</p>
        ${rateableTable(cycle, known, people, 'There is nobody you can propose for: you line-manage nobody at present.')}`;
    }
  }

  return {
    title: 'Propose ratings',
    section: 'talent-review',
    focus: '#review-notice',
    body: html`
      ${backLink(cycleHref(cycle.id), `Back to ${cycle.name}`)}
      ${takeNotice()}
      ${heading('Propose ratings', cycle.name)}
      ${confidentialityNote()}
      ${open
        ? html`<p class="govuk-body">Propose a box of performance and potential for each person, with the reasons. Calibration meetings may adjust it later; you can change a proposal while the cycle is open.</p>`
        : html`<div class="govuk-inset-text" id="proposals-closed">Proposals are closed: the cycle's status is “${statusLabel(cycle.status)}”.</div>`}
      ${whom}
      <h2 class="govuk-heading-m" id="my-proposals-heading">Your proposals in this cycle (${mine.length})</h2>
      ${canManageReviews() ? html`<p class="govuk-body">Proposals you made on someone else's behalf are theirs and show in the grid, not here.</p>` : nothing}
      ${table({
        caption: `Your proposals in ${cycle.name}`,
        captionHidden: true,
        head: [{ text: 'Person' }, { text: 'Proposal' }, { text: 'Rationale' }, { text: 'Evidence' }, { text: 'Proposed on' }],
        rows: mine.map((p) => [
          open ? link(cycleHref(cycle.id, `/propose/${p.person_id}`), p.name) : p.name,
          namedBoxCell(p.proposal),
          p.rationale,
          p.evidence || 'None given',
          formatDate(p.proposed_at),
        ]),
        rowHeaders: true,
        empty: 'You have made no proposals in this cycle.',
      })}`,
    mount: (main) => mountFilterForm(main, path, rerender),
  };
}

// A line manager's reports; for a headteacher also everyone holding a post at their schools.
async function rateablePeople(): Promise<Rateable[]> {
  const self = state.user?.person_id;
  if (!self) return [];
  const [me, visible] = await Promise.all([get<Person>(trustPath(`/people/${self}`)), getAll<Person>(trustPath('/people'))]);
  const reports = new Set((me.reports ?? []).map((r) => r.person_id));
  const schools = state.user?.role === 'headteacher' ? schoolIdsOf(me) : [];
  const found = new Map<number, Rateable>();
  for (const p of visible) {
    const atOwnSchool = (p.posts ?? []).some((post) => post.school_id !== null && schools.includes(post.school_id));
    if (p.id !== self && (reports.has(p.id) || atOwnSchool)) found.set(p.id, { id: p.id, name: personName(p), posts: postsText(p) });
  }
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name));
}

// ---- One person's proposal ----

interface ProposalState extends FormState {
  raterId: string;
  performance: string;
  potential: string;
  rationale: string;
  evidence: string;
}

interface ProposalContext {
  cycle: ReviewCycle;
  person: Person;
  // Trust administrators propose on behalf of someone: the person's line managers, or themselves.
  raters: { value: string; text: string }[];
  existing: { box: string; by: string; on: string } | null;
}

export async function proposalPage(cycleText: string | undefined, personText: string | undefined, rerender: () => void): Promise<Page> {
  if (!canPropose()) return forbiddenPage(PROPOSERS_ONLY);
  const cycleId = positiveId(cycleText);
  const personId = positiveId(personText);
  if (cycleId === null || personId === null) return notFoundPage();
  const [cycle, person] = await Promise.all([getCycle(cycleId), get<Person>(trustPath(`/people/${personId}`))]);
  let existing: ProposalContext['existing'] = null;
  let existingRater: number | null = null;
  let start: ProposalState = { raterId: '', performance: '', potential: '', rationale: '', evidence: '', errors: {} };
  if (canReadRatings()) {
    const [rating] = (await get<ListPage<Rating>>(cyclePath(cycleId, '/ratings'), { person_id: personId })).items;
    if (rating) {
      existing = { box: boxText(cycle, rating.proposal), by: rating.rater_name, on: formatDate(rating.proposed_at) };
      existingRater = rating.rater_id;
      start = { ...start, performance: String(rating.proposal.performance), potential: String(rating.proposal.potential), rationale: rating.rationale, evidence: rating.evidence };
    }
  } else {
    const mine = (await getAll<OwnProposal>(cyclePath(cycleId, '/proposals'))).find((p) => p.person_id === personId);
    if (mine) {
      existing = { box: boxText(cycle, mine.proposal), by: 'you', on: formatDate(mine.proposed_at) };
      start = { ...start, performance: String(mine.proposal.performance), potential: String(mine.proposal.potential), rationale: mine.rationale, evidence: mine.evidence };
    }
  }
  const raters: ProposalContext['raters'] = [];
  if (canManageReviews()) {
    for (const m of person.line_managers ?? []) raters.push({ value: String(m.person_id), text: `${m.name} (line manager)` });
    const self = state.user?.person_id;
    if (self && self !== person.id && !raters.some((r) => r.value === String(self))) {
      raters.push({ value: String(self), text: `You (${state.user?.display_name ?? 'yourself'})` });
    }
    const preferred = existingRater !== null && raters.some((r) => r.value === String(existingRater)) ? String(existingRater) : raters[0]?.value ?? '';
    start.raterId = preferred;
  }
  return buildProposal({ cycle, person, raters, existing }, start, rerender);
}

function buildProposal(c: ProposalContext, s: ProposalState, rerender: () => void): Page {
  const { cycle, person } = c;
  const name = personName(person);
  const items = errorItems(s.errors, [
    ['rater_id', 'proposal-rater'],
    ['performance', 'proposal-performance'],
    ['potential', 'proposal-potential'],
    ['rationale', 'proposal-rationale'],
    ['evidence', 'proposal-evidence'],
  ]);
  const self = state.user?.person_id === person.id;
  const open = cycle.status === 'open';
  const title = `Propose a rating for ${name}`;
  const backHref = cycleHref(cycle.id, '/propose');
  return {
    title: `${items.length ? 'Error: ' : ''}${title}`,
    section: 'talent-review',
    body: html`
      ${backLink(backHref, 'Back to proposals')}
      ${items.length ? errorSummary('There is a problem', items) : nothing}
      ${heading(title, cycle.name)}
      ${confidentialityNote()}
      ${c.existing
        ? html`<div class="govuk-inset-text" id="existing-proposal">${c.existing.by === 'you' ? 'You' : c.existing.by} proposed ${c.existing.box} on ${c.existing.on}. Saving this form replaces that proposal.</div>`
        : nothing}
      ${self
        ? html`<p class="govuk-body">Nobody rates themself: your own rating is proposed by your line manager.</p>`
        : !open
          ? html`<p class="govuk-body">Proposals are closed: the cycle's status is “${statusLabel(cycle.status)}”.</p>`
          : html`<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds"><form id="proposal-form" novalidate>
              ${canManageReviews()
                ? select({
                    id: 'proposal-rater',
                    name: 'rater_id',
                    label: 'Whose proposal this is',
                    hint: 'The rater: usually the person’s line manager. You are recorded as having entered it.',
                    options: c.raters.length ? c.raters : [{ value: '', text: 'No line manager is recorded' }],
                    value: s.raterId,
                    error: s.errors.rater_id,
                  })
                : nothing}
              ${radios({ id: 'proposal-performance', name: 'performance', legend: 'Performance', hint: 'This year, against what the role expects.', value: s.performance, error: s.errors.performance, items: scoreItems('performance') })}
              ${radios({ id: 'proposal-potential', name: 'potential', legend: 'Potential', hint: 'Readiness to grow into wider or more senior roles.', value: s.potential, error: s.errors.potential, items: scoreItems('potential') })}
              ${textarea({
                id: 'proposal-rationale',
                name: 'rationale',
                label: 'Rationale',
                hint: 'Why this box: what the person has done and shown this year.',
                value: s.rationale,
                error: s.errors.rationale,
                rows: 5,
              })}
              ${textarea({
                id: 'proposal-evidence',
                name: 'evidence',
                label: 'Evidence (optional)',
                hint: 'For example: appraisal review, lesson visits, outcomes data, 360 feedback.',
                value: s.evidence,
                error: s.errors.evidence,
                rows: 3,
              })}
              ${submitGroup({ text: 'Save the proposal', cancelHref: backHref })}
            </form></div></div>`}`,
    mount: (main) =>
      mountForm(main, '#proposal-form', {
        read: readProposal,
        send: async (next) => {
          const rating = await request<Rating>('POST', cyclePath(cycle.id, '/ratings'), {
            json: {
              person_id: person.id,
              performance: Number(next.performance),
              potential: Number(next.potential),
              rationale: next.rationale,
              evidence: next.evidence,
              ...(canManageReviews() ? { rater_id: Number(next.raterId) } : {}),
            },
          });
          leaveNotice(backHref, `Proposal saved for ${name}`, html`<p class="govuk-body" id="proposed-box">${boxText(cycle, rating.proposal)}, proposed by ${rating.rater_name}.</p>`);
          navigate(backHref, rerender);
        },
        refused: (e) => {
          const errors = errorsFromApi(
            e,
            { rater_id: 'Rater', performance: 'Performance', potential: 'Potential', rationale: 'Rationale', evidence: 'Evidence', person_id: 'Person' },
            'Proposals are closed: the cycle has moved on to calibration.',
          );
          if (e instanceof ApiError && e.status === 403) {
            errors.form = 'You can propose only for the people you line-manage (a headteacher: also their school’s staff).';
          }
          if (errors.person_id) {
            errors.form = errors.person_id;
            delete errors.person_id;
          }
          return errors;
        },
        page: (next) => buildProposal(c, next, rerender),
      }),
  };
}

function readProposal(form: HTMLFormElement): ProposalState {
  const s: ProposalState = {
    raterId: fieldText(form, 'rater_id'),
    performance: fieldText(form, 'performance'),
    potential: fieldText(form, 'potential'),
    rationale: fieldText(form, 'rationale'),
    evidence: fieldText(form, 'evidence'),
    errors: {},
  };
  if (canManageReviews() && !s.raterId) s.errors.rater_id = 'Select whose proposal this is';
  if (!isScore(s.performance)) s.errors.performance = 'Select a performance score';
  if (!isScore(s.potential)) s.errors.potential = 'Select a potential score';
  if (!s.rationale) s.errors.rationale = 'Enter the rationale for this box';
  return s;
}
