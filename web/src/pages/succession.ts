// Succession planning: what its screens share (the confidentiality line, the names of
// readiness, risk and the rest), the pipeline dashboard (headline figures with their working,
// the heatmap of schools × role groups, the lists behind each figure, the trend across review
// cycles) and the list of every key post with its plan's summary.

import { get } from '../api';
import { lineChart } from '../chart';
import { backLink, details, formatDate, formatNumber, formatPercent, heading, labeller, link, select, table, tag, type Content } from '../components';
import { html, nothing, type SafeHtml } from '../html';
import { takeNotice } from '../notice';
import { hrefTo, type Page, type RouteContext } from '../router';
import { canManageSuccession, canReadSuccession, canSeeSuccession, trustPath } from '../session';
import type { PersonRef, PipelineCell, PipelineDashboard, PipelinePost, PipelineSnapshot, PlanListItem, PostRef, PostsFigure, Proportion } from '../types';
import { forbiddenPage } from './errors';
import { mountFilterForm } from './people';

export const SUCCESSION_ONLY = 'Succession planning is for trust administrators and executives. A headteacher sees their own school’s in its Local Governing Body report.';

// Every succession screen says this once, near its top.
export function successionNote(): SafeHtml {
  return html`<p class="govuk-body app-confidential" id="confidentiality"><strong>Confidential.</strong> Succession plans, who is named to succeed whom and risk of loss are for trust leaders. trellis records every time they are read.</p>`;
}

// ---- Names ----

const READINESS: Record<string, string> = { ready_now: 'Ready now', one_to_two_years: 'Ready in 1–2 years', three_plus_years: 'Ready in 3+ years' };
const RISK: Record<string, string> = { low: 'Low', medium: 'Medium', high: 'High' };
const WINDOW: Record<string, string> = {
  within_a_year: 'Within a year',
  one_to_two_years: 'In 1–2 years',
  two_to_five_years: 'In 2–5 years',
  over_five_years: 'In over 5 years',
};
const FORUM: Record<string, string> = {
  senior_leadership_team: 'Senior leadership team',
  trust_board: 'Trust Board',
  pay_and_personnel_committee: 'Pay and Personnel Committee',
  local_governing_body: 'Local Governing Body',
  other: 'Other',
};
const ROLE_GROUP: Record<string, string> = {
  trust_executive: 'Trust executive',
  headship: 'Headship',
  senior_leadership: 'Senior leadership',
  middle_leadership: 'Middle leadership',
  governance: 'Governance',
  other_key_posts: 'Other key posts',
};
export const readinessLabel = labeller(READINESS);
export const riskLabel = labeller(RISK);
export const windowLabel = labeller(WINDOW);
export const impactLabel = labeller(RISK);
export const forumLabel = labeller(FORUM);
export const roleGroupLabel = labeller(ROLE_GROUP);
export const READINESS_CODES = Object.keys(READINESS);
export const RISK_CODES = Object.keys(RISK);
export const WINDOW_CODES = Object.keys(WINDOW);
export const FORUM_CODES = Object.keys(FORUM);

// Words carry the meaning; the colour repeats it.
export function readinessTag(code: string | null | undefined): SafeHtml {
  return tag(readinessLabel(code), code === 'ready_now' ? 'green' : code === 'one_to_two_years' ? 'yellow' : 'grey');
}

export function riskTag(code: string | null | undefined): SafeHtml {
  if (!code) return html`<span class="app-muted">Not assessed</span>`;
  return tag(`${riskLabel(code)} risk`, code === 'high' ? 'red' : code === 'medium' ? 'yellow' : 'green');
}

export function percent(p: Proportion): string {
  return p.value === null ? 'no figure (0 of 0)' : formatPercent(p.value);
}

// "12 of 35 (34%)".
export function fraction(p: Proportion): string {
  return `${formatNumber(p.numerator)} of ${formatNumber(p.denominator)}${p.value === null ? '' : ` (${formatPercent(p.value)})`}`;
}

function benchText(b: { total: number; posts: number; value: number | null }): string {
  return b.value === null ? 'no key posts' : b.value.toFixed(2);
}

export function postHref(postId: number): string {
  return `#/succession/posts/${postId}`;
}

export const dashboardPath = () => trustPath('/pipeline');

// The dashboard names each person (people), key post (posts) and school (the heatmap's rows)
// once and refers to them by id everywhere else; these look them up.
export interface DashboardNames {
  name(personId: number): string;
  post(postId: number): PipelinePost;
  // A school's name; '' for a trust-wide post (no school).
  schoolName(schoolId: number | null): string;
  postRef(postId: number): PostRef;
}

export function dashboardNames(d: PipelineDashboard): DashboardNames {
  const people = new Map(d.people.map((p) => [p.person_id, p.name]));
  const posts = new Map(d.posts.map((p) => [p.post_id, p]));
  const schools = new Map(d.heatmap.rows.map((r) => [r.school_id, r.name]));
  const name = (personId: number) => people.get(personId) ?? '';
  const post = (postId: number) => posts.get(postId)!;
  const schoolName = (schoolId: number | null) => (schoolId === null ? '' : (schools.get(schoolId) ?? ''));
  const person = (personId: number | null): PersonRef | null => (personId === null ? null : { person_id: personId, name: name(personId) });
  return {
    name,
    post,
    schoolName,
    postRef: (postId) => {
      const p = post(postId);
      return { post_id: postId, title: p.title, school_id: p.school_id, school_name: schoolName(p.school_id), holder: person(p.holder_id) };
    },
  };
}

// ---- The dashboard ----

export async function dashboardPage(): Promise<Page> {
  if (!canSeeSuccession()) return forbiddenPage(SUCCESSION_ONLY);
  const d = await get<PipelineDashboard>(dashboardPath());
  const names = dashboardNames(d);
  const o = d.overall;
  const uncovered = d.posts.filter((p) => p.named_successors === 0);
  return {
    title: 'Succession pipeline',
    section: 'succession',
    focus: '#review-notice',
    body: html`
      ${takeNotice()}
      ${heading('Succession pipeline')}
      ${successionNote()}
      <p class="govuk-body">On ${formatDate(d.on)}, across the trust’s ${formatNumber(o.key_posts)} key posts. ${link('#/succession/plans', 'See every key post and its plan')}.</p>
      <p class="govuk-body">${link('#/succession/formula', 'How these figures and the rankings are worked out')}${canManageSuccession() ? ', and the trust’s formula settings' : ''}.</p>
      <div class="govuk-grid-row app-figures">
        ${headline({
          id: 'figure-coverage',
          name: 'Coverage',
          figure: o.coverage,
          working: `${formatNumber(o.coverage.numerator)} key posts with at least one named successor ÷ ${formatNumber(o.coverage.denominator)} key posts`,
          formula: html`<p class="govuk-body">Coverage = key posts with at least one named successor ÷ key posts.</p>
            <p class="govuk-body">A named successor is someone on the post’s plan who is still in the trust and does not hold the post, or someone from outside the trust whom leaders have named.</p>`,
        })}
        ${headline({
          id: 'figure-ready-now',
          name: 'Ready-now coverage',
          figure: o.ready_now_coverage,
          working: `${formatNumber(o.ready_now_coverage.numerator)} key posts with a named successor ready now ÷ ${formatNumber(o.ready_now_coverage.denominator)} key posts`,
          formula: html`<p class="govuk-body">Ready-now coverage = key posts with at least one named successor who is ready now ÷ key posts.</p>
            <p class="govuk-body">A successor’s readiness is the one leaders set, with a reason, where they overrode it; otherwise the formula’s suggestion: ready now when their match to the role profile is at least ${d.settings.ready_now_match ?? 0.9}, their performance at least ${d.settings.ready_now_performance ?? 2} and the post is one step up the career ladder.</p>`,
        })}
        ${headline({
          id: 'figure-bench',
          name: 'Bench strength',
          value: benchText(o.bench_strength),
          numerator: o.bench_strength.total,
          denominator: o.bench_strength.posts,
          working: `${o.bench_strength.total.toFixed(2)} (the sum of the key posts’ bench strengths) ÷ ${formatNumber(o.bench_strength.posts)} key posts`,
          formula: html`<p class="govuk-body">The bench of a key post is everyone eligible for it (one or two steps below it on the career ladder) whose match to its role profile is at least ${d.settings.bench_match ?? 0.8}. Someone on the benches of n posts counts 1 ÷ n on each. A post’s strength is the sum of those counts; a group’s is the sum over its posts ÷ the number of posts.</p>`,
        })}
      </div>
      ${heatmap(d)}
      <h2 class="govuk-heading-l" id="lists-heading">Behind the figures</h2>
      ${postList({
        id: 'without-successor',
        heading: 'Key posts without a named successor',
        intro: 'Coverage’s gap: key posts nobody is named to succeed.',
        posts: uncovered.map((p) => ({ ...names.postRef(p.post_id), note: p.plan_id ? 'Has a plan' : 'No plan' })),
        count: html`${formatNumber(uncovered.length)} of ${formatNumber(d.posts.length)} key posts`,
        noteHead: 'Plan',
        empty: 'Every key post has a named successor.',
      })}
      ${figureList(names, 'high-risk', 'High-risk posts without a ready-now successor', 'Key posts whose holder’s risk of loss is high and where nobody named is ready now.', d.lists.high_risk_without_ready_successor, 'of the key posts whose holder is at high risk', 'No key post held by someone at high risk lacks a ready-now successor.')}
      ${overloadedList(d, names)}
      ${leaningList(d, names)}
      ${figureList(names, 'overdue', 'Plans overdue for review', 'Plans whose review date has passed.', d.lists.overdue_reviews, 'plans', 'No plan is overdue for review.')}
      ${figureList(names, 'without-plan', 'Key posts without a plan', 'Key posts with no succession plan at all.', d.lists.without_plan, 'key posts', 'Every key post has a plan.')}
      ${figureList(names, 'vacant', 'Vacant key posts', 'Key posts nobody holds today.', d.lists.vacant, 'key posts', 'No key post is vacant.')}
      ${trendSection(d.trend)}
      <h2 class="govuk-heading-m" id="more-heading">Reports and simulation</h2>
      <ul class="govuk-list">
        <li>${link('#/reports', 'Reports for the Trust Board, the Pay and Personnel Committee and Local Governing Bodies')}</li>
        <li>${link('#/succession/simulation', 'Simulate attrition, or see what happens if particular people leave')}</li>
      </ul>`,
  };
}

function headline(o: { id: string; name: string; figure?: Proportion; value?: string; numerator?: number; denominator?: number; working: string; formula: SafeHtml }): SafeHtml {
  const numerator = o.figure?.numerator ?? o.numerator ?? 0;
  const denominator = o.figure?.denominator ?? o.denominator ?? 0;
  const value = o.value ?? (o.figure ? percent(o.figure) : '');
  return html`<div class="govuk-grid-column-one-third">
    <section class="app-figure" id="${o.id}" data-numerator="${numerator}" data-denominator="${denominator}" aria-labelledby="${o.id}-name">
      <h2 class="govuk-heading-s govuk-!-margin-bottom-1" id="${o.id}-name">${o.name}</h2>
      <p class="app-figure__value govuk-!-margin-bottom-1">${value}</p>
      <p class="govuk-body-s app-figure__working">${o.working}</p>
      ${details({ summary: `How ${o.name.toLowerCase()} is worked out`, content: o.formula })}
    </section>
  </div>`;
}

// A heatmap cell: covered of key posts and ready now, a word for the state (never colour
// alone) and a class that colours it.
function cellContent(c: PipelineCell, href: string): SafeHtml {
  if (c.key_posts === 0) return html`<span class="app-heat__state">No key posts</span>`;
  const covered = c.coverage.numerator;
  const state = covered === c.key_posts ? (c.ready_now_coverage.numerator === c.key_posts ? 'All ready now' : 'All covered') : covered === 0 ? 'None covered' : 'Gaps';
  return html`<span class="app-heat__state">${state}</span>
    <a class="govuk-link app-heat__figure" href="${href}">${formatNumber(covered)} of ${formatNumber(c.key_posts)} covered</a>
    <span class="app-heat__figure">${formatNumber(c.ready_now_coverage.numerator)} ready now</span>`;
}

function heatClass(c: PipelineCell): string {
  if (c.key_posts === 0) return 'app-heat--none';
  const covered = c.coverage.numerator / c.key_posts;
  if (covered >= 1) return c.ready_now_coverage.numerator === c.key_posts ? 'app-heat--ready' : 'app-heat--covered';
  return covered === 0 ? 'app-heat--bare' : 'app-heat--gaps';
}

// A role group with no key posts at a school has no cell in its row.
const NO_KEY_POSTS: PipelineCell = {
  key_posts: 0,
  coverage: { numerator: 0, denominator: 0, value: null },
  ready_now_coverage: { numerator: 0, denominator: 0, value: null },
  bench_strength: { total: 0, posts: 0, value: null },
};

function heatmap(d: PipelineDashboard): SafeHtml {
  const columns = d.heatmap.columns;
  const cell = (c: PipelineCell, href: string) => html`<td class="govuk-table__cell app-heat ${heatClass(c)}">${cellContent(c, href)}</td>`;
  return html`<h2 class="govuk-heading-l" id="heatmap-heading">Coverage by school and role group</h2>
    <p class="govuk-body">Each cell gives the key posts with a named successor (covered) of the key posts there, and how many have a successor ready now. The word at the top of each cell says how it stands: all ready now, all covered, gaps, or none covered.</p>
    <div class="app-table-scroll" role="region" aria-label="Coverage by school and role group" tabindex="0">
      <table class="govuk-table app-heatmap" id="heatmap">
        <caption class="govuk-visually-hidden">Coverage of key posts by school (rows) and role group (columns)</caption>
        <thead class="govuk-table__head"><tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header">School</th>
          ${columns.map((c) => html`<th scope="col" class="govuk-table__header">${c.label}</th>`)}
          <th scope="col" class="govuk-table__header">All role groups</th>
        </tr></thead>
        <tbody class="govuk-table__body">
          ${d.heatmap.rows.map(
            (row) => html`<tr class="govuk-table__row">
              <th scope="row" class="govuk-table__header">${row.name}</th>
              ${columns.map((g) => cell(row.cells.find((c) => c.role_group === g.code) ?? NO_KEY_POSTS, hrefTo('/succession/plans', { school: row.school_id ?? 'trust', role_group: g.code })))}
              ${cell(row.all, hrefTo('/succession/plans', { school: row.school_id ?? 'trust' }))}
            </tr>`,
          )}
          <tr class="govuk-table__row app-heatmap__total">
            <th scope="row" class="govuk-table__header">Whole trust</th>
            ${d.role_groups.map((g) => cell(g, hrefTo('/succession/plans', { role_group: g.code })))}
            ${cell(d.overall, '#/succession/plans')}
          </tr>
        </tbody>
      </table>
    </div>`;
}

interface ListedPost extends PostRef {
  note?: Content;
}

function postList(o: { id: string; heading: string; intro: string; posts: ListedPost[]; count: Content; noteHead?: string; empty: string }): SafeHtml {
  return html`<section aria-labelledby="${o.id}-heading" id="${o.id}">
    <h3 class="govuk-heading-m" id="${o.id}-heading">${o.heading}</h3>
    <p class="govuk-body">${o.intro} <strong class="app-count">${o.count}</strong>.</p>
    ${table({
      caption: o.heading,
      captionHidden: true,
      head: [{ text: 'Key post' }, { text: 'School' }, { text: 'Holder' }, ...(o.noteHead ? [{ text: o.noteHead }] : [])],
      rows: o.posts.map((p) => [
        link(postHref(p.post_id), p.title),
        p.school_name || 'Trust-wide',
        p.holder ? p.holder.name : tag('Vacant', 'grey'),
        ...(o.noteHead ? [p.note ?? ''] : []),
      ]),
      rowHeaders: true,
      empty: o.empty,
    })}
  </section>`;
}

function figureList(names: DashboardNames, id: string, headingText: string, intro: string, f: PostsFigure, of: string, empty: string): SafeHtml {
  return postList({ id, heading: headingText, intro, posts: f.post_ids.map(names.postRef), count: `${formatNumber(f.numerator)} of ${formatNumber(f.denominator)} ${of}`, empty });
}

function overloadedList(d: PipelineDashboard, names: DashboardNames): SafeHtml {
  const o = d.lists.overloaded_successors;
  return html`<section aria-labelledby="overloaded-heading" id="overloaded">
    <h3 class="govuk-heading-m" id="overloaded-heading">Overloaded successors</h3>
    <p class="govuk-body">People named on the plans of more than ${d.settings.overload_plans ?? 2} key posts. <strong class="app-count">${formatNumber(o.numerator)} of ${formatNumber(o.denominator)} people named</strong>.</p>
    ${table({
      caption: 'Overloaded successors',
      captionHidden: true,
      head: [{ text: 'Person' }, { text: 'Named on the plans of' }],
      rows: o.people.map((p) => [link(`#/people/${p.person_id}`, names.name(p.person_id)), html`<ul class="govuk-list">${p.post_ids.map((post) => html`<li>${link(postHref(post), names.post(post).title)}</li>`)}</ul>`]),
      rowHeaders: true,
      empty: 'Nobody is named on too many plans.',
    })}
  </section>`;
}

function leaningList(d: PipelineDashboard, names: DashboardNames): SafeHtml {
  const l = d.lists.leaning_on_high_risk_successors;
  return html`<section aria-labelledby="leaning-heading" id="leaning">
    <h3 class="govuk-heading-m" id="leaning-heading">Plans leaning on a high-risk successor</h3>
    <p class="govuk-body">Covered key posts where someone named is themself at high risk of loss. <strong class="app-count">${formatNumber(l.numerator)} of ${formatNumber(l.denominator)} covered key posts</strong>.</p>
    ${table({
      caption: 'Plans leaning on a high-risk successor',
      captionHidden: true,
      head: [{ text: 'Key post' }, { text: 'Successor at high risk' }],
      rows: l.successors.map((s) => [link(postHref(s.post_id), names.post(s.post_id).title), link(`#/people/${s.person_id}`, names.name(s.person_id))]),
      rowHeaders: true,
      empty: 'No plan leans on a successor at high risk.',
    })}
  </section>`;
}

function snapshotLabel(s: PipelineSnapshot): string {
  return s.cycle ? s.cycle.name : `Taken ${formatDate(s.taken_on)}`;
}

function trendSection(trend: PipelineSnapshot[]): SafeHtml {
  const pct = (p: Proportion) => (p.value === null ? null : Math.round(p.value * 1000) / 10);
  return html`<section aria-labelledby="trend-heading" id="trend">
    <h2 class="govuk-heading-l" id="trend-heading">Trend across review cycles</h2>
    ${trend.length === 0
      ? html`<p class="govuk-body">No snapshot of the pipeline has been taken yet. One is taken whenever a review cycle closes${canManageSuccession() ? ', or on demand' : ''}.</p>`
      : html`${lineChart({
          id: 'trend-chart',
          title: 'Coverage and ready-now coverage across review cycles',
          description: `Percentages of key posts, from ${snapshotLabel(trend[0]!)} to ${snapshotLabel(trend[trend.length - 1]!)}. The table below gives every figure.`,
          labels: trend.map(snapshotLabel),
          series: [
            { name: 'Coverage (solid line, circles)', values: trend.map((s) => pct(s.coverage)) },
            { name: 'Ready-now coverage (dashed line, squares)', values: trend.map((s) => pct(s.ready_now_coverage)) },
          ],
          yMax: 100,
          yLabel: 'Key posts (%)',
          format: (v) => `${Math.round(v)}%`,
        })}
        ${table({
          caption: 'The pipeline at each review cycle',
          head: [{ text: 'When' }, { text: 'Taken on' }, { text: 'Coverage' }, { text: 'Ready-now coverage' }, { text: 'Bench strength', numeric: true }, { text: 'Overloaded successors' }],
          rows: trend.map((s) => [snapshotLabel(s), formatDate(s.taken_on), fraction(s.coverage), fraction(s.ready_now_coverage), benchText(s.bench_strength), fraction(s.overload)]),
          rowHeaders: true,
        })}`}
  </section>`;
}

// ---- Every key post with its plan's summary ----

const STATUS_FILTERS = [
  { value: '', text: 'Any' },
  { value: 'uncovered', text: 'No named successor' },
  { value: 'no_ready_now', text: 'No successor ready now' },
  { value: 'overdue', text: 'Review overdue' },
  { value: 'no_plan', text: 'No plan' },
];

export async function plansPage(ctx: RouteContext, rerender: () => void): Promise<Page> {
  if (!canReadSuccession()) return forbiddenPage(SUCCESSION_ONLY);
  const all = (await get<{ items: PlanListItem[] }>(trustPath('/succession-plans'))).items;
  const f = { school: ctx.query.get('school') ?? '', role_group: ctx.query.get('role_group') ?? '', status: ctx.query.get('status') ?? '' };
  const key = (i: PlanListItem) => (i.post.school_id === null ? 'trust' : String(i.post.school_id));
  const schools = new Map<string, string>();
  for (const i of all) schools.set(key(i), i.post.school_name || 'Trust-wide');
  const groups = [...new Set(all.map((i) => i.post.role_group))];
  const shown = all.filter((i) => {
    const named = i.plan?.named_successors ?? 0;
    if (f.school && f.school !== key(i)) return false;
    if (f.role_group && f.role_group !== i.post.role_group) return false;
    if (f.status === 'uncovered' && named > 0) return false;
    if (f.status === 'no_ready_now' && (i.plan?.ready_now ?? 0) > 0) return false;
    if (f.status === 'overdue' && !i.plan?.overdue) return false;
    if (f.status === 'no_plan' && i.plan !== null) return false;
    return true;
  });
  const whole = canSeeSuccession();
  return {
    title: 'Key posts and their plans',
    section: 'succession',
    body: html`
      ${whole ? backLink('#/succession', 'Back to the pipeline') : nothing}
      ${heading('Key posts and their plans', 'Succession')}
      ${successionNote()}
      ${whole ? nothing : html`<p class="govuk-body">The key posts of your school, less your own. ${link('#/reports/local-governing-body', 'Your school’s Local Governing Body report')}.</p>`}
      <form class="app-filters app-filter-form" role="search" aria-label="Filter key posts">
        <div class="govuk-grid-row">
          <div class="govuk-grid-column-one-third">${select({ id: 'school', name: 'school', label: 'School', value: f.school, options: [{ value: '', text: 'All schools' }, ...[...schools].map(([value, text]) => ({ value, text }))] })}</div>
          <div class="govuk-grid-column-one-third">${select({ id: 'role_group', name: 'role_group', label: 'Role group', value: f.role_group, options: [{ value: '', text: 'All role groups' }, ...groups.map((g) => ({ value: g, text: roleGroupLabel(g) }))] })}</div>
          <div class="govuk-grid-column-one-third">${select({ id: 'status', name: 'status', label: 'Status', value: f.status, options: STATUS_FILTERS })}</div>
        </div>
        <button type="submit" class="govuk-button govuk-!-margin-bottom-0" data-module="govuk-button">Apply filters</button>
      </form>
      <p class="govuk-body" role="status" id="plans-count">Showing ${formatNumber(shown.length)} of ${formatNumber(all.length)} key posts.</p>
      ${table({
        caption: 'Key posts and their succession plans',
        captionHidden: true,
        head: [
          { text: 'Key post' },
          { text: 'School' },
          { text: 'Role group' },
          { text: 'Holder and risk of loss' },
          { text: 'Named successors', numeric: true },
          { text: 'Ready now', numeric: true },
          { text: 'Emergency successor' },
          { text: 'Review' },
        ],
        rows: shown.map((i) => {
          const h = i.holders[0];
          const p = i.plan;
          return [
            link(postHref(i.post.id), i.post.title),
            i.post.school_name || 'Trust-wide',
            roleGroupLabel(i.post.role_group),
            h ? html`${h.name}<span class="app-box-scores">${h.risk ? `${riskLabel(h.risk)} risk${h.window ? `, ${windowLabel(h.window).toLowerCase()}` : ''}` : 'Risk not assessed'}</span>` : tag('Vacant', 'grey'),
            p === null ? tag('No plan', 'red') : p.named_successors === 0 ? html`0 ${tag('Uncovered', 'red')}` : formatNumber(p.named_successors),
            p === null ? '' : formatNumber(p.ready_now),
            p === null ? '' : (p.emergency?.name ?? 'None'),
            p === null ? '' : html`${p.review_on ? formatDate(p.review_on) : 'No date set'}${p.overdue ? html` ${tag('Overdue', 'red')}` : nothing}`,
          ];
        }),
        rowHeaders: true,
        empty: 'No key post matches these filters.',
      })}`,
    mount: (main) => mountFilterForm(main, '/succession/plans', rerender),
  };
}
