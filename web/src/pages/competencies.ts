// Competency frameworks (areas → competencies, assessed at levels 1 to 4), role profiles (what
// a post, or every post at a career stage, asks: each competency with its required level and
// weight) and, on a post's page, the profile that applies to it. Anyone in the trust reads
// them; trust administrators add and change role profiles (kWriteOrg). No route changes a
// framework.

import { ApiError, get, request } from '../api';
import {
  backLink,
  formatNumber,
  heading,
  link,
  pagination,
  radios,
  resultCount,
  select,
  summaryList,
  table,
  tag,
  textInput,
  type SelectGroup,
  type SelectOption,
} from '../components';
import { errorsFromApi, fieldText, formPage, type FieldErrors, type FormState } from '../forms';
import { html, nothing, type SafeHtml } from '../html';
import { takeNotice } from '../notice';
import { hrefTo, positiveId, type Page, type RouteContext } from '../router';
import { canWriteOrg, stageLabel, trustPath } from '../session';
import type { Competency, Framework, FrameworkArea, FrameworkContent, ListPage, Post, PostProfile, Requirement, RoleProfile } from '../types';
import { showPage } from '../view';
import { forbiddenPage, notFoundPage } from './errors';
import { offsetOf, PAGE_SIZE, stageOptions } from './people';
import { getAll } from './schools';

export const frameworksHref = '#/competencies';
const frameworkHref = (id: number) => `#/competencies/frameworks/${id}`;
export const profilesHref = '#/competencies/role-profiles';
const profileHref = (id: number, rest = '') => `${profilesHref}/${id}${rest}`;
const profilesPath = (rest = '') => trustPath(`/role-profiles${rest}`);

// ---- Every competency the trust sees, by id ----

export interface Placed {
  competency: Competency;
  area: FrameworkArea;
  framework: FrameworkContent;
}

export interface CompetencyIndex {
  frameworks: FrameworkContent[];
  byId: Map<number, Placed>;
}

export async function competencyIndex(): Promise<CompetencyIndex> {
  const list = (await get<ListPage<Framework>>(trustPath('/frameworks'))).items;
  const frameworks = await Promise.all(list.map((f) => get<FrameworkContent>(trustPath(`/frameworks/${f.id}`))));
  const byId = new Map<number, Placed>();
  for (const framework of frameworks)
    for (const area of framework.areas) for (const competency of area.competencies) byId.set(competency.id, { competency, area, framework });
  return { frameworks, byId };
}

export function competencyName(index: CompetencyIndex, id: number): string {
  return index.byId.get(id)?.competency.name ?? `Competency ${id}`;
}

// "3: Strong", in the words of the competency's framework.
export function levelText(index: CompetencyIndex, competencyId: number, level: number): string {
  const label = index.byId.get(competencyId)?.framework.levels.find((l) => l.level === level)?.label;
  return label ? `${level}: ${label}` : String(level);
}

// The levels 1 to 4 as choices: with their words where every framework words them alike.
export function levelChoices(index: CompetencyIndex): SelectOption[] {
  const words = (level: number) => new Set(index.frameworks.map((f) => f.levels.find((l) => l.level === level)?.label ?? ''));
  return [1, 2, 3, 4].map((level) => {
    const labels = words(level);
    const only = labels.size === 1 ? [...labels][0] : '';
    return { value: String(level), text: only ? `${level}: ${only}` : `Level ${level}` };
  });
}

// The competencies as a select's groups: one per framework area.
export function competencyGroups(index: CompetencyIndex): SelectGroup[] {
  return index.frameworks.flatMap((f) =>
    f.areas.map((a) => ({ label: `${f.name}: ${a.name}`, options: a.competencies.map((c) => ({ value: String(c.id), text: c.name })) })),
  );
}

// A competency in a table cell: its name, then its framework and area in smaller type.
export function competencyCell(index: CompetencyIndex, id: number): SafeHtml {
  const placed = index.byId.get(id);
  if (!placed) return html`Competency ${id}`;
  return html`${placed.competency.name}<span class="app-box-scores">${placed.framework.name}: ${placed.area.name}</span>`;
}

// Framework order: by framework, area position, then competency position.
export function competencyOrder(index: CompetencyIndex): (a: number, b: number) => number {
  const rank = new Map<number, number>();
  let n = 0;
  for (const f of index.frameworks) for (const a of f.areas) for (const c of a.competencies) rank.set(c.id, n++);
  return (a, b) => (rank.get(a) ?? n) - (rank.get(b) ?? n);
}

// ---- Frameworks ----

function otherPages(): SafeHtml {
  return html`<p class="govuk-body">${link(frameworksHref, 'Competency frameworks')} · ${link(profilesHref, 'Role profiles')}</p>`;
}

export async function frameworksPage(): Promise<Page> {
  const frameworks = (await get<ListPage<Framework>>(trustPath('/frameworks'))).items;
  return {
    title: 'Competency frameworks',
    section: 'competencies',
    body: html`
      ${heading('Competency frameworks', 'Competencies')}
      <p class="govuk-body">The competencies people are assessed against, at levels 1 to 4, and that role profiles ask of a post. trellis ships two frameworks, which cannot be changed; a trust may have its own.</p>
      ${table({
        caption: 'Competency frameworks',
        captionHidden: true,
        head: [{ text: 'Framework' }, { text: 'Code' }, { text: 'Version' }, { text: 'Whose' }],
        rows: frameworks.map((f) => [link(frameworkHref(f.id), f.name), f.code, f.version, f.shipped ? 'Shipped with trellis (read only)' : 'The trust’s own']),
        rowHeaders: true,
        empty: 'There are no competency frameworks.',
      })}
      <h2 class="govuk-heading-m">Role profiles</h2>
      <p class="govuk-body">What each post, or every post at a career stage, asks: competencies with the level required and their weight in the succession ranking. ${link(profilesHref, 'See the role profiles')}.</p>`,
  };
}

function paragraphs(text: string): SafeHtml {
  return html`${text
    .split(/\n\s*\n/)
    .filter((p) => p.trim())
    .map((p) => html`<p class="govuk-body-s">${p.trim()}</p>`)}`;
}

export async function frameworkPage(idText: string | undefined): Promise<Page> {
  const id = positiveId(idText);
  if (id === null) return notFoundPage();
  const f = await get<FrameworkContent>(trustPath(`/frameworks/${id}`));
  return {
    title: f.name,
    section: 'competencies',
    body: html`
      ${backLink(frameworksHref, 'All competency frameworks')}
      ${heading(f.name, 'Competency framework')}
      ${summaryList([
        ['Code', f.code],
        ['Version', f.version],
        ['Source', f.source],
        ['Whose', f.shipped ? 'Shipped with trellis: it cannot be changed' : 'The trust’s own'],
        ['Levels', html`<ul class="govuk-list govuk-!-margin-bottom-0" id="framework-levels">${f.levels.map((l) => html`<li>${l.level}: ${l.label}</li>`)}</ul>`],
      ])}
      ${f.areas.map(
        (a) => html`<h2 class="govuk-heading-m">${a.name}</h2>
          ${table({
            caption: `${a.name}: competencies`,
            captionHidden: true,
            head: [{ text: 'Competency' }, { text: 'Code' }, { text: 'What it means' }],
            rows: a.competencies.map((c) => [c.name, c.code, paragraphs(c.description)]),
            rowHeaders: true,
            empty: 'This area has no competencies.',
          })}`,
      )}`,
  };
}

// ---- Role profiles ----

// What a profile applies to: its post (linked when the user sees it) or its career stage.
function appliesTo(p: RoleProfile, posts: Map<number, Post | null>): SafeHtml {
  if (p.post_id === null) return html`Every post at the career stage “${stageLabel(p.stage)}” without a profile of its own`;
  const post = posts.get(p.post_id);
  return post ? html`The post ${link(`#/posts/${post.id}`, post.title)}${post.school_name ? `, ${post.school_name}` : ''}` : html`A post you do not see`;
}

async function postsOf(profiles: RoleProfile[]): Promise<Map<number, Post | null>> {
  const ids = [...new Set(profiles.map((p) => p.post_id).filter((id): id is number => id !== null))];
  const posts = await Promise.all(ids.map((id) => get<Post>(trustPath(`/posts/${id}`)).catch(() => null)));
  return new Map(ids.map((id, i) => [id, posts[i] ?? null]));
}

function profileName(p: RoleProfile): string {
  return p.name || (p.stage ? `Career stage: ${stageLabel(p.stage)}` : `Profile ${p.id}`);
}

export async function profilesPage(ctx: RouteContext): Promise<Page> {
  const offset = offsetOf(ctx.query);
  const page = await get<ListPage<RoleProfile>>(profilesPath(), { limit: PAGE_SIZE, offset });
  const posts = await postsOf(page.items);
  return {
    title: 'Role profiles',
    section: 'competencies',
    focus: '#review-notice',
    body: html`
      ${takeNotice()}
      ${heading('Role profiles', 'Competencies')}
      <p class="govuk-body">A role profile lists the competencies a post asks for, each with the level required (1 to 4) and its weight. A post’s own profile applies to it; otherwise the profile of its career stage. The succession ranking measures each candidate’s match against it.</p>
      ${canWriteOrg() ? html`<a class="govuk-button" data-module="govuk-button" href="${profilesHref}/new" id="add-profile">Add a role profile</a>` : nothing}
      ${resultCount({ offset, shown: page.items.length, total: page.total, noun: 'role profile', nounPlural: 'role profiles' })}
      ${table({
        caption: 'Role profiles',
        captionHidden: true,
        head: [{ text: 'Role profile' }, { text: 'Applies to' }, { text: 'Competencies', numeric: true }],
        rows: page.items.map((p) => [link(profileHref(p.id), profileName(p)), appliesTo(p, posts), formatNumber(p.requirements.length)]),
        rowHeaders: true,
      })}
      ${pagination({ offset, limit: PAGE_SIZE, total: page.total, label: 'Role profiles pages', hrefFor: (o) => hrefTo('/competencies/role-profiles', { offset: o }) })}
      ${otherPages()}`,
  };
}

export function requirementsTable(index: CompetencyIndex, profile: RoleProfile, caption: string): SafeHtml {
  const order = competencyOrder(index);
  const rows = [...profile.requirements].sort((a, b) => order(a.competency_id, b.competency_id));
  return table({
    caption,
    captionHidden: true,
    head: [{ text: 'Competency' }, { text: 'Level required' }, { text: 'Weight', numeric: true }],
    rows: rows.map((r) => [competencyCell(index, r.competency_id), levelText(index, r.competency_id, r.level), String(r.weight)]),
    rowHeaders: true,
    empty: 'It lists no competencies.',
  });
}

export async function profilePage(idText: string | undefined): Promise<Page> {
  const id = positiveId(idText);
  if (id === null) return notFoundPage();
  const [profile, index] = await Promise.all([get<RoleProfile>(profilesPath(`/${id}`)), competencyIndex()]);
  const posts = await postsOf([profile]);
  const name = profileName(profile);
  return {
    title: name,
    section: 'competencies',
    focus: '#review-notice',
    body: html`
      ${backLink(profilesHref, 'All role profiles')}
      ${takeNotice()}
      ${heading(name, 'Role profile')}
      ${summaryList([['Applies to', appliesTo(profile, posts)]])}
      <h2 class="govuk-heading-m">What it asks</h2>
      ${requirementsTable(index, profile, `Competencies of the role profile ${name}`)}
      ${canWriteOrg() ? html`<a class="govuk-button govuk-button--secondary" data-module="govuk-button" href="${profileHref(profile.id, '/edit')}" id="change-profile">Change the role profile</a>` : nothing}`,
  };
}

// ---- Adding and changing a role profile ----

interface Row {
  competency: string;
  level: string;
  weight: string;
}

interface ProfileState extends FormState {
  appliesTo: string;
  postId: string;
  stage: string;
  name: string;
  rows: Row[];
}

interface ProfileForm {
  profile: RoleProfile | null;
  index: CompetencyIndex;
  posts: Post[];
}

const BLANK_ROW: Row = { competency: '', level: '', weight: '1' };
const rowId = (i: number, part: string) => `req-${i}-${part}`;

function readProfile(form: HTMLFormElement, f: ProfileForm): ProfileState {
  const count = form.querySelectorAll('[data-requirement]').length;
  const rows: Row[] = [];
  for (let i = 0; i < count; i++)
    rows.push({ competency: fieldText(form, rowId(i, 'competency')), level: fieldText(form, rowId(i, 'level')), weight: fieldText(form, rowId(i, 'weight')) });
  const s: ProfileState = {
    appliesTo: f.profile ? '' : fieldText(form, 'applies_to'),
    postId: fieldText(form, 'post_id'),
    stage: fieldText(form, 'stage'),
    name: fieldText(form, 'name'),
    rows,
    errors: {},
  };
  if (!f.profile) {
    if (s.appliesTo !== 'post' && s.appliesTo !== 'stage') s.errors.applies_to = 'Select whether it is for a post or a career stage';
    else if (s.appliesTo === 'post' && !s.postId) s.errors.post_id = 'Select the post';
    else if (s.appliesTo === 'stage' && !s.stage) s.errors.stage = 'Select the career stage';
  }
  const chosen = new Set<string>();
  s.rows.forEach((r, i) => {
    const at = `requirements[${i}]`;
    if (!r.competency) {
      if (r.level) s.errors[`${at}.competency_id`] = `Select competency ${i + 1}, or remove it`;
      return;
    }
    if (chosen.has(r.competency)) s.errors[`${at}.competency_id`] = `Competency ${i + 1} is listed already`;
    chosen.add(r.competency);
    if (!r.level) s.errors[`${at}.level`] = `Select the level competency ${i + 1} requires`;
    const weight = Number(r.weight);
    if (!/^\d*\.?\d+$/.test(r.weight) || !(weight > 0 && weight <= 100)) s.errors[`${at}.weight`] = `The weight of competency ${i + 1} must be a number more than 0 and at most 100`;
  });
  if (chosen.size === 0) s.errors.requirements = 'Add at least one competency with the level it requires';
  return s;
}

function requirementsJson(s: ProfileState): Requirement[] {
  return s.rows.filter((r) => r.competency).map((r) => ({ competency_id: Number(r.competency), level: Number(r.level), weight: Number(r.weight) }));
}

function rowFields(f: ProfileForm, s: ProfileState): SafeHtml {
  const groups = competencyGroups(f.index);
  const levels = levelChoices(f.index);
  return html`<div class="govuk-form-group${s.errors.requirements ? ' govuk-form-group--error' : ''}" id="requirements">
    <h2 class="govuk-heading-m">Competencies it asks for</h2>
    <p class="govuk-hint">Each with the level required, from 1 to 4, and its weight in the match (1 unless it matters more or less than the others).</p>
    ${s.errors.requirements ? html`<p id="requirements-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> ${s.errors.requirements}</p>` : nothing}
    ${s.rows.map((r, i) => {
      const at = `requirements[${i}]`;
      return html`<div class="app-requirement" data-requirement="${i}">
        <fieldset class="govuk-fieldset">
          <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Competency ${i + 1}</legend>
          ${select({ id: rowId(i, 'competency'), name: rowId(i, 'competency'), label: 'Competency', options: [{ value: '', text: 'Choose a competency' }], groups, value: r.competency, error: s.errors[`${at}.competency_id`] })}
          <div class="app-requirement__level">
            ${select({ id: rowId(i, 'level'), name: rowId(i, 'level'), label: 'Level required', options: [{ value: '', text: 'Choose' }, ...levels], value: r.level, error: s.errors[`${at}.level`] })}
            ${textInput({ id: rowId(i, 'weight'), name: rowId(i, 'weight'), label: 'Weight', value: r.weight, error: s.errors[`${at}.weight`], widthClass: 'govuk-input--width-4', inputmode: 'decimal', spellcheck: false })}
          </div>
          <button type="button" class="govuk-button govuk-button--secondary" data-module="govuk-button" data-remove="${i}">Remove<span class="govuk-visually-hidden"> competency ${i + 1}</span></button>
        </fieldset>
      </div>`;
    })}
    <button type="button" class="govuk-button govuk-button--secondary" data-module="govuk-button" id="add-requirement">Add another competency</button>
  </div>`;
}

// The error summary's links: the fields above the list, then each row's.
function profileAnchors(s: ProfileState): [string, string][] {
  return [
    ['applies_to', 'profile-applies'],
    ['post_id', 'profile-post'],
    ['stage', 'profile-stage'],
    ['name', 'profile-name'],
    ['requirements', rowId(0, 'competency')],
    ...s.rows.flatMap((_, i): [string, string][] => [
      [`requirements[${i}].competency_id`, rowId(i, 'competency')],
      [`requirements[${i}].level`, rowId(i, 'level')],
      [`requirements[${i}].weight`, rowId(i, 'weight')],
    ]),
  ];
}

function profileLabels(s: ProfileState): Record<string, string> {
  const labels: Record<string, string> = { post_id: 'Post', stage: 'Career stage', name: 'Name', requirements: 'Competencies' };
  s.rows.forEach((_, i) => {
    labels[`requirements[${i}].competency_id`] = `Competency ${i + 1}`;
    labels[`requirements[${i}].level`] = `The level of competency ${i + 1}`;
    labels[`requirements[${i}].weight`] = `The weight of competency ${i + 1}`;
  });
  return labels;
}

function buildProfileForm(f: ProfileForm, s: ProfileState, rerender: () => void): Page {
  const p = f.profile;
  const postOptions = [{ value: '', text: 'Choose a post' }, ...f.posts.map((x) => ({ value: String(x.id), text: x.school_name ? `${x.title}, ${x.school_name}` : x.title }))];
  // Adding or removing a row keeps what was typed and shows the form again.
  const mountRows = (main: HTMLElement) => {
    const form = main.querySelector<HTMLFormElement>('#profile-form');
    if (!form) return;
    const redraw = (rows: Row[], focus: string) => {
      const next = { ...readProfile(form, f), rows, errors: {} };
      showPage(buildProfileForm(f, next, rerender), { moveFocus: false });
      document.getElementById(focus)?.focus();
    };
    main.querySelector('#add-requirement')?.addEventListener('click', () => {
      const rows = [...readProfile(form, f).rows, { ...BLANK_ROW }];
      redraw(rows, rowId(rows.length - 1, 'competency'));
    });
    main.querySelectorAll<HTMLButtonElement>('button[data-remove]').forEach((b) =>
      b.addEventListener('click', () => {
        const rows = readProfile(form, f).rows.filter((_, i) => i !== Number(b.dataset.remove));
        redraw(rows.length ? rows : [{ ...BLANK_ROW }], 'add-requirement');
      }),
    );
  };
  return formPage<ProfileState>(
    {
      id: 'profile-form',
      anchors: profileAnchors(s),
      title: p ? `Change the role profile: ${profileName(p)}` : 'Add a role profile',
      caption: 'Competencies',
      section: 'competencies',
      back: p ? { href: profileHref(p.id), text: 'Back to the role profile' } : { href: profilesHref, text: 'All role profiles' },
      intro: p ? summaryList([['Applies to', p.post_id !== null ? (f.posts.find((x) => x.id === p.post_id)?.title ?? `Post ${p.post_id}`) : `Career stage: ${stageLabel(p.stage)}`]]) : nothing,
      fields: (x) => html`
        ${p
          ? nothing
          : radios({
              id: 'profile-applies',
              name: 'applies_to',
              legend: 'What it is for',
              legendClass: 'govuk-fieldset__legend--m',
              value: x.appliesTo,
              error: x.errors.applies_to,
              items: [
                {
                  value: 'post',
                  text: 'One post',
                  conditional: select({ id: 'profile-post', name: 'post_id', label: 'Post', hint: 'The trust’s key posts.', options: postOptions, value: x.postId, error: x.errors.post_id }),
                },
                {
                  value: 'stage',
                  text: 'Every post at a career stage',
                  hint: 'Posts with a profile of their own keep it.',
                  conditional: select({ id: 'profile-stage', name: 'stage', label: 'Career stage', options: [{ value: '', text: 'Choose a career stage' }, ...stageOptions().slice(1)], value: x.stage, error: x.errors.stage }),
                },
              ],
            })}
        ${textInput({ id: 'profile-name', name: 'name', label: 'Name (optional)', hint: 'For example, Headteacher of a primary academy', value: x.name, error: x.errors.name })}
        ${rowFields(f, x)}`,
      submit: p ? 'Save the role profile' : 'Add the role profile',
      read: (form) => readProfile(form, f),
      send: async (x) => {
        const requirements = requirementsJson(x);
        const saved = p
          ? await request<RoleProfile>('PATCH', profilesPath(`/${p.id}`), { json: { name: x.name, requirements } })
          : await request<RoleProfile>('POST', profilesPath(), {
              json: { ...(x.appliesTo === 'post' ? { post_id: Number(x.postId) } : { stage: x.stage }), name: x.name, requirements },
            });
        return { heading: p ? 'Role profile saved' : 'Role profile added', href: profileHref(saved.id) };
      },
      refused: (e, x): FieldErrors => {
        const errors = errorsFromApi(e, profileLabels(x), x.appliesTo === 'post' ? 'That post has a role profile already.' : 'That career stage has a role profile already.');
        if (e instanceof ApiError && e.status === 409) {
          errors[x.appliesTo === 'post' ? 'post_id' : 'stage'] = errors.form;
          delete errors.form;
        }
        return errors;
      },
      mount: mountRows,
    },
    s,
    rerender,
  );
}

export async function profileFormPage(ctx: RouteContext, rerender: () => void): Promise<Page> {
  if (!canWriteOrg()) return forbiddenPage('Only trust administrators add and change role profiles.');
  const id = ctx.params[0] === undefined ? null : positiveId(ctx.params[0]);
  const [profile, index, keyPosts] = await Promise.all([
    id === null ? null : get<RoleProfile>(profilesPath(`/${id}`)),
    competencyIndex(),
    getAll<Post>(trustPath('/posts'), { key: true }),
  ]);
  if (ctx.params[0] !== undefined && !profile) return notFoundPage();
  // A post named in the address (from its page) is offered even when it is not a key post.
  const askedFor = positiveId(ctx.query.get('post_id') ?? undefined);
  const extra = askedFor !== null && !keyPosts.some((x) => x.id === askedFor) ? await get<Post>(trustPath(`/posts/${askedFor}`)).catch(() => null) : null;
  const ownPost = profile && profile.post_id !== null && !keyPosts.some((x) => x.id === profile.post_id) ? await get<Post>(trustPath(`/posts/${profile.post_id}`)).catch(() => null) : null;
  const posts = [...keyPosts, ...(extra ? [extra] : []), ...(ownPost ? [ownPost] : [])];
  const rows = profile ? profile.requirements.map((r) => ({ competency: String(r.competency_id), level: String(r.level), weight: String(r.weight) })) : [{ ...BLANK_ROW }, { ...BLANK_ROW }, { ...BLANK_ROW }];
  const start: ProfileState = {
    appliesTo: askedFor !== null ? 'post' : '',
    postId: askedFor !== null ? String(askedFor) : '',
    stage: '',
    name: profile?.name ?? '',
    rows,
    errors: {},
  };
  return buildProfileForm({ profile, index, posts }, start, rerender);
}

// ---- On a post's page: the profile that applies ----

export async function postProfileSection(post: Post): Promise<SafeHtml> {
  let answer: PostProfile;
  let index: CompetencyIndex;
  try {
    [answer, index] = await Promise.all([get<PostProfile>(trustPath(`/posts/${post.id}/profile`)), competencyIndex()]);
  } catch (e) {
    if (e instanceof ApiError && (e.status === 403 || e.status === 404)) return nothing;
    throw e;
  }
  const profile = answer.profile;
  const add = canWriteOrg() ? html`<p class="govuk-body">${link(hrefTo('/competencies/role-profiles/new', { post_id: post.id }), 'Add a role profile for this post')}</p>` : nothing;
  return html`<section aria-labelledby="profile-heading" id="role-profile-section">
    <h2 class="govuk-heading-m" id="profile-heading">Role profile</h2>
    ${profile === null
      ? html`<p class="govuk-body" id="profile-source">No role profile applies to this post: it has none of its own, and there is none for its career stage${answer.stage ? ` (${stageLabel(answer.stage)})` : ''}.</p>${add}`
      : html`<p class="govuk-body" id="profile-source">${
          answer.source === 'post'
            ? html`The post’s own profile: ${link(profileHref(profile.id), profileName(profile))}.`
            : html`${tag('From its career stage', 'grey')} The profile of every post at the career stage “${stageLabel(answer.stage)}”: ${link(profileHref(profile.id), profileName(profile))}.`
        }</p>
        ${requirementsTable(index, profile, `What the role profile of ${post.title} asks`)}
        ${answer.source === 'stage' ? add : nothing}`}
  </section>`;
}
