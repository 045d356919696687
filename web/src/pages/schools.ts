import { ApiError, get } from '../api';
import { formatNumber, heading, link, summaryList, table, tag } from '../components';
import { html, nothing } from '../html';
import type { Page } from '../router';
import { familyLabel, trustPath } from '../session';
import type { ListPage, Post, School } from '../types';
import { notFoundPage } from './errors';

// Every item of a list, page by page (lists are capped at 500 per request).
export async function getAll<T>(path: string, query: Record<string, string | number | boolean | undefined> = {}): Promise<T[]> {
  const items: T[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await get<ListPage<T>>(path, { ...query, limit: 500, offset });
    items.push(...page.items);
    if (page.items.length === 0 || items.length >= page.total) return items;
  }
}

export async function schoolsPage(): Promise<Page> {
  const schools = await getAll<School>(trustPath('/schools'));
  return {
    title: 'Schools',
    section: 'schools',
    body: html`
      ${heading('Schools')}
      ${table({
        caption: `Schools in the trust (${schools.length})`,
        head: [{ text: 'School' }, { text: 'URN' }, { text: 'Phase' }, { text: 'Type' }, { text: 'Local authority' }, { text: 'Pupils', numeric: true }],
        rows: schools.map((s) => [link(`#/schools/${s.id}`, s.name), s.urn, s.phase ?? '', s.type ?? '', s.local_authority ?? '', formatNumber(s.pupils)]),
        rowHeaders: true,
        empty: 'There are no schools to show.',
      })}`,
  };
}

export function holdersCell(post: Post) {
  const holders = post.holders ?? [];
  if (holders.length === 0) return tag('Vacant', post.key ? 'red' : 'grey');
  return html`${holders.map((h, i) => html`${i > 0 ? ', ' : ''}${link(`#/people/${h.person_id}`, h.name)}`)}`;
}

export function postTitleCell(post: Post) {
  return html`${link(`#/posts/${post.id}`, post.title)}${post.key ? html` ${tag('Key post', 'purple')}` : nothing}`;
}

export async function schoolPage(id: number | null): Promise<Page> {
  if (id === null) return notFoundPage();
  const school = await get<School>(trustPath(`/schools/${id}`));
  // Posts are scoped: a role that cannot see this school's posts is told so, not shown an error.
  let posts: Post[] | null = null;
  if (school.in_scope !== false) {
    try {
      posts = await getAll<Post>(trustPath('/posts'), { school_id: id });
    } catch (e) {
      if (!(e instanceof ApiError && (e.status === 403 || e.status === 404))) throw e;
    }
  }
  const vacantKey = (posts ?? []).filter((p) => p.key && (p.holders ?? []).length === 0);
  const kp = school.key_posts;
  return {
    title: school.name,
    section: 'schools',
    body: html`
      ${heading(school.name, 'School')}
      ${summaryList([
        ['URN', String(school.urn)],
        ['Phase', school.phase],
        ['Type', school.type],
        ['Status', school.status],
        ['Local authority', school.local_authority],
        ['Region', school.region],
        ['Pupils', formatNumber(school.pupils)],
        ['Postcode', school.postcode],
        ...(school.headcount !== undefined && school.headcount !== null ? ([['Staff headcount', formatNumber(school.headcount)]] as [string, string][]) : []),
        ...(kp ? ([['Key posts', `${formatNumber(kp.key_posts)} (${formatNumber(kp.held)} held, ${formatNumber(kp.vacant)} vacant)`]] as [string, string][]) : []),
        [
          'Local Governing Body',
          school.local_governing_body_id ? link(`#/governance/${school.local_governing_body_id}`, 'View the Local Governing Body') : 'None recorded',
        ],
      ])}
      <h2 class="govuk-heading-m">Vacant key posts</h2>
      ${posts === null
        ? html`<p class="govuk-body">Your role does not let you see this school's posts.</p>`
        : vacantKey.length === 0
          ? html`<p class="govuk-body">Every key post you can see at this school is held.</p>`
          : html`<ul class="govuk-list govuk-list--bullet" id="vacant-key-posts">${vacantKey.map((p) => html`<li>${link(`#/posts/${p.id}`, p.title)}</li>`)}</ul>`}
      ${posts === null
        ? nothing
        : html`<h2 class="govuk-heading-m">Posts</h2>
          ${table({
            caption: `Posts at ${school.name} (${posts.length})`,
            captionHidden: true,
            head: [{ text: 'Post' }, { text: 'Role family' }, { text: 'FTE', numeric: true }, { text: 'Held by' }],
            rows: posts.map((p) => [postTitleCell(p), familyLabel(p.family), String(p.fte), holdersCell(p)]),
            rowHeaders: true,
            empty: 'There are no posts you can see at this school.',
          })}`}
    `,
  };
}
