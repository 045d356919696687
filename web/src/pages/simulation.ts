// The simulations: attrition over years (runs, years, seed → per year the expected external
// appointments to key posts with a 90% interval, as a table and a chart), and "what if these
// people leave" (the vacancy chain, step by step).

import { get, request } from '../api';
import { barChart } from '../chart';
import { backLink, details, errorMessage, errorSummary, formatNumber, formatPercent, heading, link, radios, summaryList, table, tag, textInput } from '../components';
import { errorItems, errorsFromApi, fieldText, mountForm, type FormState } from '../forms';
import { html, nothing, type SafeHtml } from '../html';
import type { Page } from '../router';
import { canSeeSuccession, trustPath } from '../session';
import type { AttritionResult, PipelineDashboard, VacancyChain } from '../types';
import { showPage } from '../view';
import { forbiddenPage } from './errors';
import { dashboardNames, dashboardPath, postHref, readinessLabel, SUCCESSION_ONLY, successionNote } from './succession';

// The page's two forms, each with its last result.
interface AttritionState extends FormState {
  runs: string;
  years: string;
  seed: string;
  result: AttritionResult | null;
}

interface ChainState extends FormState {
  leavers: Set<number>;
  rule: string;
  result: VacancyChain | null;
}

// Someone who may be chosen to leave, with what they hold or are named for.
interface Leaver {
  person_id: number;
  name: string;
  roles: string[];
}

export async function simulationPage(): Promise<Page> {
  if (!canSeeSuccession()) return forbiddenPage(SUCCESSION_ONLY);
  const d = await get<PipelineDashboard>(dashboardPath());
  // People whose leaving moves something: key-post holders, and those named on plans (from the
  // benches and lists the dashboard gives; the plan routes name the rest on each plan's page).
  const people = new Map<number, Leaver>();
  const add = (id: number, name: string, role: string) => {
    const p = people.get(id) ?? { person_id: id, name, roles: [] };
    if (!p.roles.includes(role)) p.roles.push(role);
    people.set(id, p);
  };
  const names = dashboardNames(d);
  for (const post of d.posts) {
    const school = names.schoolName(post.school_id);
    if (post.holder_id !== null) add(post.holder_id, names.name(post.holder_id), `holds ${post.title}${school ? `, ${school}` : ''}`);
  }
  for (const p of d.lists.overloaded_successors.people) add(p.person_id, names.name(p.person_id), `named on ${p.post_ids.length} plans`);
  for (const s of d.lists.leaning_on_high_risk_successors.successors) add(s.person_id, names.name(s.person_id), `named for ${names.post(s.post_id).title}`);
  const list = [...people.values()].sort((a, b) => a.name.localeCompare(b.name));
  return build(list, { runs: '10000', years: '5', seed: '1', errors: {}, result: null }, { leavers: new Set(), rule: 'first_year', errors: {}, result: null });
}

function build(people: Leaver[], s: AttritionState, chain: ChainState): Page {
  const items = errorItems(s.errors, [
    ['runs', 'sim-runs'],
    ['years', 'sim-years'],
    ['seed', 'sim-seed'],
  ]);
  const chainItems = errorItems(chain.errors, [
    ['leavers', 'leaver-0'],
    ['readiness_rule', 'chain-rule'],
  ]);
  const all = [...items, ...chainItems];
  return {
    title: `${all.length ? 'Error: ' : ''}Simulate the pipeline`,
    section: 'succession',
    focus: chain.result ? '#chain-result' : s.result ? '#attrition-result' : undefined,
    body: html`
      ${backLink('#/succession', 'Back to the pipeline')}
      ${all.length ? errorSummary('There is a problem', all) : nothing}
      ${heading('Simulate the pipeline', 'Succession')}
      ${successionNote()}
      <h2 class="govuk-heading-m" id="attrition-heading">Attrition over the coming years</h2>
      <p class="govuk-body">Each simulated year, each person leaves with a probability from their risk of loss. A vacated key post is filled by its best available named successor, whose own post then falls vacant; a key post with nobody to step up needs an external appointment.</p>
      <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
      <form id="attrition-form" novalidate aria-labelledby="attrition-heading">
        ${textInput({ id: 'sim-runs', name: 'runs', label: 'Runs', hint: 'How many simulated futures, from 1 to 100,000, and runs × years at most 400,000. More runs give a steadier answer.', value: s.runs, error: s.errors.runs, widthClass: 'govuk-input--width-10', spellcheck: false })}
        ${textInput({ id: 'sim-years', name: 'years', label: 'Years', hint: 'From 1 to 20.', value: s.years, error: s.errors.years, widthClass: 'govuk-input--width-3', spellcheck: false })}
        ${textInput({ id: 'sim-seed', name: 'seed', label: 'Seed', hint: 'The same seed gives the same answer, so a result can be repeated.', value: s.seed, error: s.errors.seed, widthClass: 'govuk-input--width-10', spellcheck: false })}
        <button type="submit" class="govuk-button" data-module="govuk-button">Run the simulation</button>
      </form>
      </div></div>
      ${s.result ? attritionResult(s.result) : nothing}
      <h2 class="govuk-heading-m" id="chain-heading">What if these people leave</h2>
      <p class="govuk-body">Choose people to see the vacancy chain: who steps up into each post they leave, whose post that vacates in turn, and where an external appointment is needed.</p>
      <form id="chain-form" novalidate aria-labelledby="chain-heading">
        <div class="govuk-form-group${chain.errors.leavers ? ' govuk-form-group--error' : ''}">
          <fieldset class="govuk-fieldset" aria-describedby="leavers-hint${chain.errors.leavers ? ' leavers-error' : ''}">
            <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Who leaves</legend>
            <div class="govuk-hint" id="leavers-hint">Key-post holders and people named on several plans.</div>
            ${errorMessage('leavers', chain.errors.leavers)}
            <div class="govuk-checkboxes govuk-checkboxes--small app-leavers" data-module="govuk-checkboxes">
              ${people.map(
                (p, i) => html`<div class="govuk-checkboxes__item">
                  <input class="govuk-checkboxes__input" id="leaver-${i}" name="leavers" type="checkbox" value="${p.person_id}"${chain.leavers.has(p.person_id) ? html` checked` : nothing}>
                  <label class="govuk-label govuk-checkboxes__label" for="leaver-${i}">${p.name} <span class="app-muted">(${p.roles.join('; ')})</span></label>
                </div>`,
              )}
            </div>
          </fieldset>
        </div>
        ${radios({
          id: 'chain-rule',
          name: 'readiness_rule',
          legend: 'Who may step up',
          value: chain.rule,
          error: chain.errors.readiness_rule,
          items: [
            { value: 'first_year', text: 'Successors ready now only', hint: 'As in the first simulated year.' },
            { value: 'later_years', text: 'Successors ready now or in 1–2 years', hint: 'As from the second simulated year.' },
          ],
        })}
        <button type="submit" class="govuk-button" data-module="govuk-button">Show the vacancy chain</button>
      </form>
      ${chain.result ? chainResult(chain.result) : nothing}`,
    // Running either clears the other's messages; the attrition run also clears the chain shown.
    mount: (main) => {
      mountForm(main, '#attrition-form', {
        read: (form) => readAttrition(form, s),
        send: async (next) => {
          next.result = await request<AttritionResult>('POST', trustPath('/simulations/attrition'), {
            json: { runs: whole(next.runs), years: whole(next.years), seed: whole(next.seed) },
          });
          showPage(build(people, next, { ...chain, errors: {}, result: null }), { moveFocus: true });
        },
        refused: (e, next) => {
          next.result = null;
          return errorsFromApi(e, { runs: 'Runs', years: 'Years', seed: 'Seed' });
        },
        page: (next) => build(people, next, { ...chain, errors: {}, result: null }),
      });
      mountForm(main, '#chain-form', {
        read: (form) => readChain(form, chain),
        send: async (next) => {
          next.result = await request<VacancyChain>('POST', trustPath('/simulations/vacancy-chain'), {
            json: { leavers: [...next.leavers], readiness_rule: next.rule },
          });
          showPage(build(people, { ...s, errors: {} }, next), { moveFocus: true });
        },
        refused: (e, next) => {
          next.result = null;
          return errorsFromApi(e, { leavers: 'Who leaves', readiness_rule: 'Who may step up' });
        },
        page: (next) => build(people, { ...s, errors: {} }, next),
      });
    },
  };
}

// "10,000" → 10000; NaN when it is not a whole number.
function whole(text: string): number {
  const digits = text.replace(/,/g, '');
  return /^\d+$/.test(digits) ? Number(digits) : NaN;
}

function readAttrition(form: HTMLFormElement, prev: AttritionState): AttritionState {
  const s: AttritionState = { ...prev, runs: fieldText(form, 'runs'), years: fieldText(form, 'years'), seed: fieldText(form, 'seed'), errors: {} };
  const runs = whole(s.runs);
  const years = whole(s.years);
  if (!(runs >= 1 && runs <= 100000)) s.errors.runs = 'Runs must be a whole number from 1 to 100,000';
  if (!(years >= 1 && years <= 20)) s.errors.years = 'Years must be a whole number from 1 to 20';
  if (!s.errors.runs && !s.errors.years && runs * years > 400000) s.errors.runs = 'Runs × years must be at most 400,000: for 20 years, at most 20,000 runs';
  if (Number.isNaN(whole(s.seed))) s.errors.seed = 'Seed must be a whole number, like 1';
  return s;
}

function readChain(form: HTMLFormElement, prev: ChainState): ChainState {
  const s: ChainState = { ...prev, leavers: new Set(new FormData(form).getAll('leavers').map((v) => Number(v))), rule: fieldText(form, 'readiness_rule') || 'first_year', errors: {} };
  if (s.leavers.size === 0) s.errors.leavers = 'Select at least one person who leaves';
  return s;
}

const num = (v: number) => v.toFixed(2);

function attritionResult(r: AttritionResult): SafeHtml {
  return html`<section aria-labelledby="attrition-result-heading" id="attrition-result" tabindex="-1">
    <h3 class="govuk-heading-m" id="attrition-result-heading">Expected external appointments to key posts</h3>
    ${summaryList([
      ['Runs', formatNumber(r.runs)],
      ['Years', formatNumber(r.years)],
      ['Seed', String(r.seed)],
      ['Key posts', formatNumber(r.key_posts)],
      ['People simulated', formatNumber(r.people)],
      ['Vacant at the start', r.vacant_at_start.length ? html`${r.vacant_at_start.map((p, i) => html`${i ? ', ' : ''}${link(postHref(p.post_id), p.title)}`)}` : 'None'],
    ])}
    ${barChart({
      id: 'attrition-chart',
      title: 'Expected external appointments to key posts each year',
      description: `Bars give the expected number each year over ${formatNumber(r.runs)} runs; the whiskers the 90% interval. The table gives every figure.`,
      bars: r.per_year.map((y) => ({ label: `Year ${y.year}`, value: y.external_mean, low: y.external_low, high: y.external_high })),
      yLabel: 'Appointments',
      format: (v) => (Number.isInteger(v) ? String(v) : v.toFixed(1)),
    })}
    ${table({
      caption: 'Expected appointments to key posts, by year',
      note: 'The 90% interval: in 90% of runs the number of external appointments that year fell within it.',
      head: [
        { text: 'Year' },
        { text: 'External appointments (expected)', numeric: true },
        { text: '90% interval', numeric: true },
        { text: 'Internal appointments (expected)', numeric: true },
      ],
      rows: r.per_year.map((y) => [`Year ${y.year}`, num(y.external_mean), `${num(y.external_low)} to ${num(y.external_high)}`, num(y.internal_mean)]),
      rowHeaders: true,
    })}
    ${details({
      summary: 'The risks of loss the simulation uses',
      content: html`<p class="govuk-body">A year’s chance of leaving: ${Object.entries(r.settings)
        .map(([k, v]) => `${k.replace(/_/g, ' ')} ${formatPercent(v)}`)
        .join(', ')}.</p>`,
    })}
  </section>`;
}

function chainResult(c: VacancyChain): SafeHtml {
  return html`<section aria-labelledby="chain-result-heading" id="chain-result" tabindex="-1">
    <h3 class="govuk-heading-m" id="chain-result-heading">If ${c.leavers.map((l) => l.name).join(', ')} ${c.leavers.length === 1 ? 'leaves' : 'leave'}</h3>
    <p class="govuk-body"><strong>${formatNumber(c.internal_appointments)}</strong> ${c.internal_appointments === 1 ? 'post is' : 'posts are'} filled from inside the trust and <strong>${formatNumber(c.external_appointments)}</strong> ${c.external_appointments === 1 ? 'needs' : 'need'} an external appointment.</p>
    ${table({
      caption: 'The vacancy chain, step by step',
      head: [{ text: 'Step' }, { text: 'Key post' }, { text: 'Vacated by' }, { text: 'Filled by' }],
      rows: c.steps.map((st) => [
        String(st.step),
        html`${link(postHref(st.post_id), st.title)}${st.school_name ? html`<span class="app-box-scores">${st.school_name}</span>` : nothing}`,
        html`${st.vacated_by.name}<span class="app-box-scores">${st.cause === 'promoted' ? 'appointed to another key post' : 'left the trust'}</span>`,
        st.filled_by ? html`${st.filled_by.name}<span class="app-box-scores">${readinessLabel(st.filled_by.readiness)}</span>` : tag('External appointment', 'red'),
      ]),
      rowHeaders: true,
      empty: 'Nobody chosen holds a key post: no key post falls vacant.',
    })}
  </section>`;
}
