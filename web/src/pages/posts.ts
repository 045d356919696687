import { get } from '../api';
import { checkboxes, formatDate, heading, link, pagination, resultCount, select, summaryList, table, tag, textInput } from '../components';
import { html, nothing } from '../html';
import { hrefTo, positiveId, queryText, type Page, type RouteContext } from '../router';
import { contractLabel, familyLabel, stageLabel, trustPath } from '../session';
import type { Body, ListPage, Post, School } from '../types';
import { postProfileSection } from './competencies';
import { notFoundPage } from './errors';
import { PAGE_SIZE, familyOptions, mountFilterForm, offsetOf, schoolOptions } from './people';
import { getAll, holdersCell, postTitleCell } from './schools';

export async function postsPage(ctx: RouteContext, rerender: () => void): Promise<Page> {
  const q = ctx.query;
  const filters = { ...queryText(q, 'search', 'school_id', 'family'), key: q.get('key') === 'true', vacant: q.get('vacant') === 'true' };
  const offset = offsetOf(q);
  const [page, schools, bodies] = await Promise.all([
    get<ListPage<Post>>(trustPath('/posts'), { ...filters, limit: PAGE_SIZE, offset }),
    schoolOptions(),
    getAll<Body>(trustPath('/bodies')).catch(() => [] as Body[]),
  ]);
  const placeOf = (p: Post) => {
    if (p.school_id) return link(`#/schools/${p.school_id}`, p.school_name ?? 'School');
    const body = bodies.find((b) => b.id === p.body_id);
    if (p.body_id) return link(`#/governance/${p.body_id}`, body?.name ?? 'Governance body');
    return 'Trust';
  };
  return {
    title: 'Posts',
    section: 'posts',
    body: html`
      ${heading('Posts')}
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-one-third">
          <form class="app-filters app-filter-form" role="search" aria-label="Filter posts">
            <h2 class="govuk-heading-s">Filter</h2>
            ${textInput({ id: 'search', name: 'search', label: 'Search by title or reference', value: filters.search, type: 'search', spellcheck: false })}
            ${select({ id: 'school_id', name: 'school_id', label: 'School', options: schools, value: filters.school_id })}
            ${select({ id: 'family', name: 'family', label: 'Role family', options: familyOptions(), value: filters.family })}
            ${checkboxes({
              legend: 'Show only',
              items: [
                { id: 'key', name: 'key', label: 'Key posts', checked: filters.key },
                { id: 'vacant', name: 'vacant', label: 'Vacant posts', checked: filters.vacant },
              ],
            })}
            <button type="submit" class="govuk-button govuk-!-margin-bottom-0" data-module="govuk-button">Apply filters</button>
          </form>
        </div>
        <div class="govuk-grid-column-two-thirds">
          ${resultCount({ offset, shown: page.items.length, total: page.total, noun: 'post', nounPlural: 'posts' })}
          ${table({
            caption: 'Posts',
            captionHidden: true,
            head: [{ text: 'Post' }, { text: 'School or body' }, { text: 'Role family' }, { text: 'Held by' }],
            rows: page.items.map((p) => [
              postTitleCell(p),
              placeOf(p),
              familyLabel(p.family),
              holdersCell(p),
            ]),
            rowHeaders: true,
          })}
          ${pagination({
            offset,
            limit: PAGE_SIZE,
            total: page.total,
            label: 'Posts results pages',
            hrefFor: (o) => hrefTo('/posts', { ...filters, offset: o }),
          })}
        </div>
      </div>`,
    mount: (main) => mountFilterForm(main, '/posts', rerender),
  };
}

export async function postPage(idText: string | undefined): Promise<Page> {
  const id = positiveId(idText);
  if (id === null) return notFoundPage();
  const post = await get<Post>(trustPath(`/posts/${id}`));
  // The school and body names are for the summary only; a scoped role may not see them.
  const [school, body, profile] = await Promise.all([
    post.school_id && !post.school_name ? get<School>(trustPath(`/schools/${post.school_id}`)).catch(() => null) : Promise.resolve(null),
    post.body_id ? get<Body>(trustPath(`/bodies/${post.body_id}`)).catch(() => null) : Promise.resolve(null),
    postProfileSection(post),
  ]);
  const schoolName = post.school_name ?? school?.name ?? null;
  const holders = post.holders ?? [];
  const history = post.history ?? [];
  return {
    title: post.title,
    section: 'posts',
    body: html`
      ${heading(post.title, 'Post')}
      ${post.key ? html`<p class="govuk-body">${tag('Key post', 'purple')}</p>` : nothing}
      ${summaryList([
        ['Reference', post.reference],
        ['School', post.school_id ? link(`#/schools/${post.school_id}`, schoolName ?? 'View the school') : 'Trust-wide'],
        ...(post.body_id ? ([['Governance body', link(`#/governance/${post.body_id}`, body?.name ?? 'View the body')]] as [string, ReturnType<typeof link>][]) : []),
        ['Role family', familyLabel(post.family)],
        ['Career stage of the role', stageLabel(post.stage)],
        ['School Workforce Census role', post.workforce_census_role],
        ['FTE', String(post.fte)],
        ['Key post', post.key ? 'Yes' : 'No'],
      ])}
      <h2 class="govuk-heading-m">Held by</h2>
      ${holders.length
        ? html`<ul class="govuk-list" id="holders">${holders.map((h) => html`<li>${link(`#/people/${h.person_id}`, h.name)}${h.start ? `, since ${formatDate(h.start)}` : ''}</li>`)}</ul>`
        : html`<p class="govuk-body">${tag('Vacant', post.key ? 'red' : 'grey')} Nobody holds this post at present.</p>`}
      <h2 class="govuk-heading-m">History</h2>
      ${table({
        caption: `Everyone who has held ${post.title}`,
        captionHidden: true,
        head: [{ text: 'Person' }, { text: 'From' }, { text: 'To' }, { text: 'Contract' }, { text: 'FTE', numeric: true }],
        rows: history.map((h) => [
          link(`#/people/${h.person_id}`, h.person_name ?? h.name ?? `Person ${h.person_id}`),
          formatDate(h.start),
          formatDate(h.end) || 'Present',
          contractLabel(h.contract),
          h.fte === undefined || h.fte === null ? '' : String(h.fte),
        ]),
        rowHeaders: true,
        empty: 'No one has held this post.',
      })}
      ${profile}`,
  };
}
