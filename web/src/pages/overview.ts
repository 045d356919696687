import { get } from '../api';
import { formatNumber, heading, link, summaryList, table, tag } from '../components';
import { html, nothing } from '../html';
import type { Page } from '../router';
import { familyLabel, stageLabel, state, trustPath } from '../session';
import type { Overview } from '../types';

export function scopeSentence(scope: string): string {
  switch (scope) {
    case 'trust':
      return 'You can see the whole trust: every school, person and post.';
    case 'schools':
      return 'You can see your own school in full. Figures cover your school only.';
    case 'self':
      return 'You can see your own record and those your role covers (your reports, or the bodies you sit on). Figures cover only those.';
    default:
      return `Figures are limited to what your role can see (${scope}).`;
  }
}

export async function overviewPage(): Promise<Page> {
  const overview = await get<Overview>(trustPath('/overview'));
  const stages = state.reference?.career_stages ?? [];
  const rung = (code: string | null) => {
    const s = stages.find((x) => x.code === code);
    return s ? (s.governance ? 100 : 0) + s.rung : 1000;
  };

  // Headcount as a grid: career stage (rows, low to high) by role family (columns).
  const familyCodes = [...new Set(overview.headcount.map((h) => h.family ?? ''))].sort((a, b) => {
    const order = (state.reference?.role_families ?? []).map((f) => f.code);
    return (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99);
  });
  const stageCodes = [...new Set(overview.headcount.map((h) => h.stage ?? ''))].sort((a, b) => rung(a || null) - rung(b || null));
  const cell = (stage: string, family: string) =>
    overview.headcount.filter((h) => (h.stage ?? '') === stage && (h.family ?? '') === family).reduce((n, h) => n + h.people, 0);
  const stageTotal = (stage: string) => overview.headcount.filter((h) => (h.stage ?? '') === stage).reduce((n, h) => n + h.people, 0);
  const grandTotal = overview.headcount.reduce((n, h) => n + h.people, 0);
  const maxStage = Math.max(1, ...stageCodes.map(stageTotal));

  const totalPupils = overview.schools.reduce((n, s) => n + (s.pupils ?? 0), 0);
  const kp = overview.key_posts;

  return {
    title: 'Trust overview',
    section: 'overview',
    body: html`
      ${heading('Trust overview', overview.trust.name)}
      <div class="govuk-inset-text" id="scope-note"><strong>What you can see.</strong> ${scopeSentence(overview.scope)}</div>

      ${kp
        ? html`<h2 class="govuk-heading-m">Key posts</h2>
          ${summaryList([
            ['Key posts', formatNumber(kp.key_posts)],
            ['Held', formatNumber(kp.held)],
            ['Vacant', kp.vacant > 0 ? html`${formatNumber(kp.vacant)} ${tag('Vacancies', 'red')}` : formatNumber(kp.vacant)],
          ])}
          <p class="govuk-body">${link('#/posts?key=true&vacant=true', 'See vacant key posts')}</p>`
        : nothing}

      ${table({
        caption: `Schools (${overview.schools.length})`,
        head: [{ text: 'School' }, { text: 'Phase' }, { text: 'Pupils', numeric: true }, { text: 'Staff headcount', numeric: true }],
        rows: overview.schools.map((s) => [link(`#/schools/${s.id}`, s.name), s.phase ?? '', formatNumber(s.pupils), s.headcount === null || s.headcount === undefined ? html`<span class="govuk-hint govuk-!-margin-0">Not in your scope</span>` : formatNumber(s.headcount)]),
        rowHeaders: true,
        empty: 'There are no schools to show.',
      })}
      ${overview.schools.length > 1 ? html`<p class="govuk-body-s">Pupils in these schools: ${formatNumber(totalPupils)}.</p>` : nothing}

      <h2 class="govuk-heading-m">Headcount</h2>
      ${overview.headcount.length === 0
        ? html`<p class="govuk-body">There are no people to count.</p>`
        : html`
          ${table({
            caption: 'Headcount by career stage and role family',
            head: [{ text: 'Career stage' }, ...familyCodes.map((f) => ({ text: familyLabel(f || null), numeric: true })), { text: 'Total', numeric: true }],
            rows: [
              ...stageCodes.map((st) => [stageLabel(st || null), ...familyCodes.map((f) => formatNumber(cell(st, f))), formatNumber(stageTotal(st))]),
              [
                'Total',
                ...familyCodes.map((f) => formatNumber(overview.headcount.filter((h) => (h.family ?? '') === f).reduce((n, h) => n + h.people, 0))),
                formatNumber(grandTotal),
              ],
            ],
            rowHeaders: true,
          })}
          ${table({
            caption: 'People at each career stage (chart)',
            head: [{ text: 'Career stage' }, { text: 'People', widthClass: 'govuk-!-width-one-half' }],
            rows: stageCodes.map((st) => {
              const n = stageTotal(st);
              return [
                stageLabel(st || null),
                html`<span class="app-bar" data-width="${Math.round((n / maxStage) * 80)}" aria-hidden="true"></span>${formatNumber(n)}`,
              ];
            }),
            rowHeaders: true,
          })}`}
    `,
    // Widths are set through the CSSOM so a strict Content-Security-Policy (no inline styles) holds.
    mount: (main) => {
      main.querySelectorAll<HTMLElement>('.app-bar[data-width]').forEach((bar) => {
        bar.style.width = `${Number(bar.dataset.width ?? 0)}%`;
      });
    },
  };
}
