// The reports of seed 000's "Personnel" section: the Trust Board's (succession of every key
// trust role), the Pay and Personnel Committee's (each school's implementation of the policy)
// and a Local Governing Body's (its school). On screen, as CSV or XLSX downloads (the API's
// ?format=), and printed: the print stylesheet hides the navigation, buttons and filters and
// shows a header with the trust and the date.

import { API_ROOT, get, withQuery } from '../api';
import { backLink, formatDate, formatNumber, heading, link, select, summaryList, table, tag } from '../components';
import { html, nothing, type SafeHtml } from '../html';
import { positiveId, type Page, type RouteContext } from '../router';
import { canReadSuccession, canSeeSuccession, ownSchoolIds, state, trustPath } from '../session';
import type { BoardReport, KeyPostReport, LocalGoverningBodyReport, PayAndPersonnelReport, School, SchoolImplementation } from '../types';
import { forbiddenPage } from './errors';
import { mountFilterForm } from './people';
import { getAll } from './schools';
import { actionStatusLabel } from './development';
import { forumLabel, fraction, impactLabel, postHref, readinessLabel, riskLabel, roleGroupLabel, SUCCESSION_ONLY, successionNote, windowLabel } from './succession';

const REPORT_NAMES = {
  board: 'Trust Board report',
  'pay-and-personnel': 'Pay and Personnel Committee report',
  'local-governing-body': 'Local Governing Body report',
} as const;

export function reportsPage(): Page {
  if (!canReadSuccession()) return forbiddenPage(SUCCESSION_ONLY);
  const whole = canSeeSuccession();
  return {
    title: 'Succession reports',
    section: 'succession',
    body: html`
      ${whole ? backLink('#/succession', 'Back to the pipeline') : nothing}
      ${heading('Succession reports')}
      ${successionNote()}
      <p class="govuk-body">Each report shows on screen, downloads as CSV or XLSX, and prints with a header giving the trust and the date.</p>
      <ul class="govuk-list">
        ${whole ? html`<li>${link('#/reports/board', REPORT_NAMES.board)}: succession of every key trust role, with the holders’ risk of loss.</li>` : nothing}
        ${whole ? html`<li>${link('#/reports/pay-and-personnel', REPORT_NAMES['pay-and-personnel'])}: how each school has implemented the succession policy.</li>` : nothing}
        <li>${link('#/reports/local-governing-body', REPORT_NAMES['local-governing-body'])}: a school’s key posts and figures, for its governors (without risk of loss or ratings).</li>
      </ul>`,
  };
}

function downloadHref(kind: keyof typeof REPORT_NAMES, format: 'csv' | 'xlsx', query: Record<string, string | number> = {}): string {
  return API_ROOT + withQuery(trustPath(`/reports/${kind}`), { ...query, format });
}

// The header only print shows, the download links and the print button.
function reportTop(title: string, on: string, kind: keyof typeof REPORT_NAMES, query: Record<string, string | number> = {}): SafeHtml {
  return html`<div class="app-print-header" aria-hidden="true">${state.trust?.name ?? 'trellis'} · ${title} · ${formatDate(on)} · Confidential</div>
    <p class="govuk-body">As on ${formatDate(on)}.</p>
    <div class="govuk-button-group app-no-print" id="report-downloads">
      <a class="govuk-link" id="download-csv" href="${downloadHref(kind, 'csv', query)}" download>Download CSV<span class="govuk-visually-hidden"> of the ${title}</span></a>
      <a class="govuk-link" id="download-xlsx" href="${downloadHref(kind, 'xlsx', query)}" download>Download XLSX<span class="govuk-visually-hidden"> of the ${title}</span></a>
      <button type="button" class="govuk-button govuk-button--secondary" data-module="govuk-button" id="print-report">Print this report</button>
    </div>`;
}

function mountPrint(main: HTMLElement): void {
  main.querySelector('#print-report')?.addEventListener('click', () => window.print());
}

function successorsCell(p: KeyPostReport): SafeHtml {
  if (p.details_withheld) return html`${formatNumber(p.named_successors)} named <span class="app-box-scores">Names are for those above you</span>`;
  if (!p.successors.length) return html`${tag('None named', 'red')}${p.consider_external ? html`<span class="app-box-scores">Looking outside the trust</span>` : nothing}`;
  return html`<ol class="govuk-list govuk-list--number govuk-!-margin-bottom-0">${p.successors.map(
    (s) => html`<li>${s.name}${s.external ? ' (from outside)' : ''}<span class="app-box-scores">${readinessLabel(s.readiness)}${s.emergency ? '; emergency successor' : ''}</span></li>`,
  )}</ol>`;
}

function actionsCell(p: KeyPostReport): SafeHtml {
  if (p.details_withheld || p.actions.length === 0) return html`${p.actions_on_track.denominator ? fraction(p.actions_on_track) : 'None'}`;
  return html`${fraction(p.actions_on_track)} on track
    <ul class="govuk-list govuk-body-s govuk-!-margin-bottom-0">${p.actions.map((a) => html`<li>${a.title} (${a.name}; ${actionStatusLabel(a.status)}${a.due_on ? `, due ${formatDate(a.due_on)}` : ''})</li>`)}</ul>`;
}

function postsTable(caption: string, posts: KeyPostReport[], withRisk: boolean, linkPosts: boolean): SafeHtml {
  return table({
    caption,
    head: [
      { text: 'Key post' },
      { text: 'Holder' },
      ...(withRisk ? [{ text: 'Risk of loss' }] : []),
      { text: 'Impact of loss' },
      { text: 'Successors' },
      { text: 'Review' },
      { text: 'Last discussed' },
      { text: 'Development actions' },
    ],
    rows: posts.map((p) => [
      html`${linkPosts ? link(postHref(p.post_id), p.title) : p.title}<span class="app-box-scores">${p.school_name || 'Trust-wide'}; ${roleGroupLabel(p.role_group)}</span>`,
      p.holder ? p.holder.name : tag('Vacant', 'grey'),
      ...(withRisk ? [p.holder_risk ? html`${riskLabel(p.holder_risk)}${p.departure_window ? html`<span class="app-box-scores">${windowLabel(p.departure_window)}</span>` : nothing}` : 'Not assessed'] : []),
      p.plan_id === null ? tag('No plan', 'red') : impactLabel(p.impact),
      successorsCell(p),
      p.review_on ? html`${formatDate(p.review_on)}${p.review_overdue ? html` ${tag('Overdue', 'red')}` : nothing}` : 'No date set',
      p.last_discussed ? html`${formatDate(p.last_discussed)}${p.last_forum ? html`<span class="app-box-scores">${forumLabel(p.last_forum)}</span>` : nothing}` : 'Not discussed',
      actionsCell(p),
    ]),
    rowHeaders: true,
    empty: 'There are no key posts to report.',
  });
}

export async function boardReportPage(): Promise<Page> {
  if (!canSeeSuccession()) return forbiddenPage(SUCCESSION_ONLY);
  const r = await get<BoardReport>(trustPath('/reports/board'));
  const title = REPORT_NAMES.board;
  return {
    title,
    section: 'succession',
    body: html`
      ${backLink('#/reports', 'All reports')}
      ${heading(title, 'Succession of every key trust role')}
      ${successionNote()}
      ${reportTop(title, r.on, 'board')}
      <div id="board-figures">${summaryList([
        ['Coverage', fraction(r.coverage)],
        ['Ready-now coverage', fraction(r.ready_now_coverage)],
        ['Development actions on track', fraction(r.actions_on_track)],
      ])}</div>
      ${postsTable('Key trust roles and their succession', r.roles, true, true)}`,
    mount: mountPrint,
  };
}

function schoolRow(s: SchoolImplementation, meeting: string): string[] {
  return [
    fraction(s.staff_rated),
    meeting,
    fraction(s.key_posts_with_successor),
    fraction(s.key_posts_ready_now),
    fraction(s.overdue_reviews),
    fraction(s.actions_on_track),
  ];
}

export async function payAndPersonnelPage(): Promise<Page> {
  if (!canSeeSuccession()) return forbiddenPage(SUCCESSION_ONLY);
  const r = await get<PayAndPersonnelReport>(trustPath('/reports/pay-and-personnel'));
  const title = REPORT_NAMES['pay-and-personnel'];
  return {
    title,
    section: 'succession',
    body: html`
      ${backLink('#/reports', 'All reports')}
      ${heading(title, 'Schools’ implementation of the succession policy')}
      ${successionNote()}
      ${reportTop(title, r.on, 'pay-and-personnel')}
      <p class="govuk-body">Talent review: ${r.cycle ? `${r.cycle.name}${r.cycle.closed_on ? `, closed ${formatDate(r.cycle.closed_on)}` : ''}` : 'no review cycle has closed yet'}. ${formatNumber(r.meetings_held)} of ${formatNumber(r.schools.length)} schools held a calibration meeting.</p>
      ${table({
        caption: 'Each school’s implementation of the succession policy',
        head: [
          { text: 'School' },
          { text: 'Staff with a final rating' },
          { text: 'Calibration meeting held' },
          { text: 'Key posts with a successor' },
          { text: 'Key posts with a ready-now successor' },
          { text: 'Plans overdue for review' },
          { text: 'Development actions on track' },
        ],
        rows: [
          ...r.schools.map((s) => [s.school_id ? link(`#/schools/${s.school_id}`, s.name) : s.name, ...schoolRow(s, s.calibration_meeting_held ? 'Yes' : 'No')]),
          [html`<strong>All schools</strong>`, ...schoolRow(r.all_schools, `${r.meetings_held} of ${r.schools.length}`)],
        ],
        rowHeaders: true,
      })}`,
    mount: mountPrint,
  };
}

export async function localGoverningBodyPage(ctx: RouteContext, rerender: () => void): Promise<Page> {
  if (!canReadSuccession()) return forbiddenPage(SUCCESSION_ONLY);
  const [schools, own] = await Promise.all([getAll<School>(trustPath('/schools')), canSeeSuccession() ? null : ownSchoolIds()]);
  const choices = own ? schools.filter((s) => own.includes(s.id)) : schools;
  const chosen = positiveId(ctx.query.get('school_id') ?? '') ?? (choices.length === 1 ? choices[0]!.id : null);
  const title = REPORT_NAMES['local-governing-body'];
  let body: SafeHtml = html`<p class="govuk-body">Choose the school.</p>`;
  let name = '';
  if (chosen !== null) {
    const r = await get<LocalGoverningBodyReport>(trustPath('/reports/local-governing-body'), { school_id: chosen });
    const f = r.school;
    name = f.name;
    body = html`${reportTop(`${title}: ${f.name}`, r.on, 'local-governing-body', { school_id: chosen })}
      <div id="lgb-figures">${summaryList([
        ['Talent review', r.cycle ? r.cycle.name : 'No review cycle has closed yet'],
        ['Staff with a final rating', fraction(f.staff_rated)],
        ['School calibration meeting held', f.calibration_meeting_held ? 'Yes' : 'No'],
        ['Key posts with a successor', fraction(f.key_posts_with_successor)],
        ['Key posts with a ready-now successor', fraction(f.key_posts_ready_now)],
        ['Plans overdue for review', fraction(f.overdue_reviews)],
        ['Development actions on track', fraction(f.actions_on_track)],
      ])}</div>
      ${postsTable(`Key posts at ${f.name}`, r.posts, false, canSeeSuccession())}`;
  }
  return {
    title: name ? `${title}: ${name}` : title,
    section: 'succession',
    body: html`
      ${backLink('#/reports', 'All reports')}
      ${heading(name ? `${title}: ${name}` : title, 'For the school’s governors')}
      ${successionNote()}
      ${choices.length > 1 || chosen === null
        ? html`<form class="app-filters app-filter-form" role="search" aria-label="Choose the school">
            ${select({ id: 'school_id', name: 'school_id', label: 'School', value: chosen ? String(chosen) : '', options: [{ value: '', text: 'Choose a school' }, ...choices.map((s) => ({ value: String(s.id), text: s.name }))] })}
            <button type="submit" class="govuk-button govuk-!-margin-bottom-0" data-module="govuk-button">Show the report</button>
          </form>`
        : nothing}
      ${choices.length === 0 ? html`<p class="govuk-body">You hold no post at a school, so there is no school report for you.</p>` : body}`,
    mount: (main) => {
      mountFilterForm(main, '/reports/local-governing-body', rerender);
      mountPrint(main);
    },
  };
}
