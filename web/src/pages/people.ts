import { get } from '../api';
import {
  checkboxes,
  formatDate,
  heading,
  link,
  pagination,
  personName,
  resultCount,
  select,
  summaryList,
  table,
  tag,
  textInput,
} from '../components';
import { html, nothing } from '../html';
import { takeNotice } from '../notice';
import { formQuery, hrefTo, navigate, positiveId, queryText, type Page, type RouteContext } from '../router';
import { contractLabel, membershipRoleLabel, stageLabel, state, trustPath } from '../session';
import type { ListPage, Person, School } from '../types';
import { notFoundPage } from './errors';
import { assessmentsSection } from './assessments';
import { personActionsSection } from './development';
import { personalDataSection } from './privacy';
import { boxHistorySection, mountBoxHistory } from './review';
import { getAll } from './schools';

export const PAGE_SIZE = 25;

export function offsetOf(query: URLSearchParams): number {
  const n = Number(query.get('offset') ?? '0');
  return Number.isSafeInteger(n) && n > 0 ? n : 0;
}

// A GET filter form: submitting it moves to the same page with the form's values as the query.
export function mountFilterForm(main: HTMLElement, path: string, rerender: () => void): void {
  const form = main.querySelector<HTMLFormElement>('form.app-filter-form');
  form?.addEventListener('submit', (event) => {
    event.preventDefault();
    navigate(hrefTo(path, formQuery(form)), rerender);
  });
}

// A school filter's choices: `all` (no school), then each school.
export function schoolChoices(schools: School[], all = 'All schools'): { value: string; text: string }[] {
  return [{ value: '', text: all }, ...schools.map((s) => ({ value: String(s.id), text: s.name }))];
}

export async function schoolOptions(): Promise<{ value: string; text: string }[]> {
  return schoolChoices(await getAll<School>(trustPath('/schools')).catch(() => [] as School[]));
}

export function familyOptions(): { value: string; text: string }[] {
  return [{ value: '', text: 'All role families' }, ...(state.reference?.role_families ?? []).map((f) => ({ value: f.code, text: f.label }))];
}

export function stageOptions(): { value: string; text: string }[] {
  const stages = state.reference?.career_stages ?? [];
  return [{ value: '', text: 'All career stages' }, ...stages.map((s) => ({ value: s.code, text: s.label }))];
}

export async function peoplePage(ctx: RouteContext, rerender: () => void): Promise<Page> {
  const q = ctx.query;
  const filters = { ...queryText(q, 'search', 'school_id', 'stage', 'family'), include_leavers: q.get('include_leavers') === 'true' };
  const offset = offsetOf(q);
  const [page, schools] = await Promise.all([
    get<ListPage<Person>>(trustPath('/people'), { ...filters, limit: PAGE_SIZE, offset }),
    schoolOptions(),
  ]);

  return {
    title: 'People',
    section: 'people',
    body: html`
      ${heading('People')}
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-one-third">
          <form class="app-filters app-filter-form" role="search" aria-label="Filter people">
            <h2 class="govuk-heading-s">Filter</h2>
            ${textInput({ id: 'search', name: 'search', label: 'Search by name, reference or email', value: filters.search, type: 'search', spellcheck: false })}
            ${select({ id: 'school_id', name: 'school_id', label: 'School', options: schools, value: filters.school_id })}
            ${select({ id: 'stage', name: 'stage', label: 'Career stage', options: stageOptions(), value: filters.stage })}
            ${select({ id: 'family', name: 'family', label: 'Role family', options: familyOptions(), value: filters.family })}
            ${checkboxes({
              legend: 'Leavers',
              items: [{ id: 'include_leavers', name: 'include_leavers', label: 'Include people who have left', checked: filters.include_leavers }],
            })}
            <button type="submit" class="govuk-button govuk-!-margin-bottom-0" data-module="govuk-button">Apply filters</button>
          </form>
        </div>
        <div class="govuk-grid-column-two-thirds">
          ${resultCount({ offset, shown: page.items.length, total: page.total, noun: 'person', nounPlural: 'people' })}
          ${table({
            caption: 'People',
            captionHidden: true,
            head: [{ text: 'Name' }, { text: 'Reference' }, { text: 'Career stage' }, { text: 'Current posts' }],
            rows: page.items.map((p) => [
              html`${link(`#/people/${p.id}`, personName(p))}${p.left_trust ? html` ${tag('Left', 'grey')}` : nothing}`,
              p.reference,
              stageLabel(p.stage),
              (p.posts ?? []).length
                ? html`${(p.posts ?? []).map((post, i) => html`${i > 0 ? html`<br>` : nothing}${post.title}${post.school_name ? `, ${post.school_name}` : ''}`)}`
                : 'None',
            ]),
            rowHeaders: true,
          })}
          ${pagination({
            offset,
            limit: PAGE_SIZE,
            total: page.total,
            label: 'People results pages',
            hrefFor: (o) => hrefTo('/people', { ...filters, offset: o }),
          })}
        </div>
      </div>`,
    mount: (main) => mountFilterForm(main, '/people', rerender),
  };
}

export async function personPage(idText: string | undefined): Promise<Page> {
  const id = positiveId(idText);
  if (id === null) return notFoundPage();
  const person = await get<Person>(trustPath(`/people/${id}`));
  const [assessments, development] = await Promise.all([assessmentsSection(person), personActionsSection(person)]);
  const name = personName(person);
  const posts = person.posts ?? [];
  const memberships = person.memberships ?? [];
  const managers = person.line_managers ?? [];
  const reports = person.reports ?? [];
  const hasContract = posts.some((p) => p.contract);
  return {
    title: name,
    section: 'people',
    focus: '#review-notice',
    body: html`
      ${takeNotice()}
      ${heading(name, 'Person')}
      ${person.left_trust ? html`<div class="govuk-inset-text">Left the trust on ${formatDate(person.left_trust)}.</div>` : nothing}
      ${summaryList([
        ['Reference', person.reference],
        ['Email', person.email],
        ['Career stage', stageLabel(person.stage)],
        ['Joined the trust', formatDate(person.joined_trust)],
        ...(person.left_trust ? ([['Left the trust', formatDate(person.left_trust)]] as [string, string][]) : []),
      ])}
      <h2 class="govuk-heading-m">Current posts</h2>
      ${table({
        caption: `Current posts held by ${name}`,
        captionHidden: true,
        head: [{ text: 'Post' }, { text: 'School' }, { text: 'Since' }, ...(hasContract ? [{ text: 'Contract' }] : []), { text: 'FTE', numeric: true }],
        rows: posts.map((p) => [
          html`${link(`#/posts/${p.post_id}`, p.title)}${p.key ? html` ${tag('Key post', 'purple')}` : nothing}`,
          p.school_id ? link(`#/schools/${p.school_id}`, p.school_name ?? 'School') : 'Trust or governance body',
          formatDate(p.start),
          ...(hasContract ? [contractLabel(p.contract)] : []),
          p.fte === undefined ? '' : String(p.fte),
        ]),
        rowHeaders: true,
        empty: 'Holds no post at present.',
      })}
      <h2 class="govuk-heading-m">Governance</h2>
      ${table({
        caption: `Bodies ${name} sits on`,
        captionHidden: true,
        head: [{ text: 'Body' }, { text: 'Role' }, { text: 'Term from' }, { text: 'Term to' }],
        rows: memberships.map((m) => [
          link(`#/governance/${m.body_id}`, m.body_name ?? `Body ${m.body_id}`),
          membershipRoleLabel(m.role),
          formatDate(m.term_start),
          formatDate(m.term_end) || 'Open',
        ]),
        rowHeaders: true,
        empty: 'Sits on no governance body.',
      })}
      <h2 class="govuk-heading-m">Line management</h2>
      <h3 class="govuk-heading-s">Line managers</h3>
      ${managers.length
        ? html`<ul class="govuk-list" id="line-managers">${managers.map((m) => html`<li>${link(`#/people/${m.person_id}`, m.name)}</li>`)}</ul>`
        : html`<p class="govuk-body">No line manager recorded.</p>`}
      <h3 class="govuk-heading-s">Reports</h3>
      ${reports.length
        ? html`<ul class="govuk-list" id="reports">${reports.map((m) => html`<li>${link(`#/people/${m.person_id}`, m.name)}</li>`)}</ul>`
        : html`<p class="govuk-body">No direct reports.</p>`}
      ${assessments}
      ${development}
      ${boxHistorySection(person)}
      ${personalDataSection(person)}
      <p class="govuk-body">${link(hrefTo('/posts', {}), 'All posts')} · ${link('#/people', 'All people')}</p>
    `,
    mount: (main) => mountBoxHistory(main, person),
  };
}
