import { get } from '../api';
import { formatDate, heading, link, summaryList, table } from '../components';
import { html, nothing } from '../html';
import { positiveId, type Page } from '../router';
import { bodyKindLabel, membershipRoleLabel, trustPath } from '../session';
import type { Body, School } from '../types';
import { notFoundPage } from './errors';
import { getAll } from './schools';

const KIND_ORDER = ['board', 'committee', 'local_governing_body'];
const KIND_HEADINGS: Record<string, string> = {
  board: 'Board of Directors',
  committee: 'Committees of the Board',
  local_governing_body: 'Local Governing Bodies',
};

export async function bodiesPage(): Promise<Page> {
  const [bodies, schools] = await Promise.all([getAll<Body>(trustPath('/bodies')), getAll<School>(trustPath('/schools')).catch(() => [] as School[])]);
  const schoolName = (id: number | null) => schools.find((s) => s.id === id)?.name ?? '';
  const kinds = [...new Set([...KIND_ORDER, ...bodies.map((b) => b.kind)])];
  return {
    title: 'Governance',
    section: 'governance',
    body: html`
      ${heading('Governance')}
      ${bodies.length === 0 ? html`<p class="govuk-body">There are no governance bodies to show.</p>` : nothing}
      ${kinds.map((kind) => {
        const group = bodies.filter((b) => b.kind === kind);
        if (group.length === 0) return nothing;
        const title = KIND_HEADINGS[kind] ?? bodyKindLabel(kind);
        return html`<h2 class="govuk-heading-m">${title}</h2>
          ${kind === 'local_governing_body'
            ? table({
                caption: title,
                captionHidden: true,
                head: [{ text: 'Body' }, { text: 'School' }],
                rows: group.map((b) => [link(`#/governance/${b.id}`, b.name), b.school_id ? link(`#/schools/${b.school_id}`, schoolName(b.school_id) || 'School') : '']),
                rowHeaders: true,
              })
            : html`<ul class="govuk-list">${group.map((b) => html`<li>${link(`#/governance/${b.id}`, b.name)}</li>`)}</ul>`}`;
      })}`,
  };
}

export async function bodyPage(idText: string | undefined): Promise<Page> {
  const id = positiveId(idText);
  if (id === null) return notFoundPage();
  const body = await get<Body>(trustPath(`/bodies/${id}`));
  const [school, parent] = await Promise.all([
    body.school_id ? get<School>(trustPath(`/schools/${body.school_id}`)).catch(() => null) : Promise.resolve(null),
    body.parent_id ? get<Body>(trustPath(`/bodies/${body.parent_id}`)).catch(() => null) : Promise.resolve(null),
  ]);
  const members = body.members ?? [];
  const roleRank = (role: string) => ['chair', 'vice_chair', 'member', 'clerk'].indexOf(role) + 1 || 9;
  const sorted = [...members].sort((a, b) => roleRank(a.role) - roleRank(b.role) || (a.person_name ?? '').localeCompare(b.person_name ?? ''));
  return {
    title: body.name,
    section: 'governance',
    body: html`
      ${heading(body.name, bodyKindLabel(body.kind))}
      ${summaryList([
        ['Kind', bodyKindLabel(body.kind)],
        ...(body.school_id ? ([['School', link(`#/schools/${body.school_id}`, school?.name ?? 'View the school')]] as [string, ReturnType<typeof link>][]) : []),
        ...(body.parent_id ? ([['Reports to', link(`#/governance/${body.parent_id}`, parent?.name ?? 'View the parent body')]] as [string, ReturnType<typeof link>][]) : []),
        ['Current members', String(members.length)],
      ])}
      ${table({
        caption: `Current members of ${body.name}`,
        head: [{ text: 'Name' }, { text: 'Role' }, { text: 'Term from' }, { text: 'Term to' }],
        rows: sorted.map((m) => [
          link(`#/people/${m.person_id}`, m.person_name ?? `Person ${m.person_id}`),
          membershipRoleLabel(m.role),
          formatDate(m.term_start),
          formatDate(m.term_end) || 'Open',
        ]),
        rowHeaders: true,
        empty: 'This body has no current members you can see.',
      })}`,
  };
}
