// The trust's succession formula settings (docs/formulas.md): the ranking's weights, the
// thresholds of suggested readiness, bench strength and overload, and the attrition
// simulation's chances of leaving, each written out in words with the trust's values. Trust
// administrators change them; executives read them; nobody else sees them (the API: GET for
// kSuccession, PUT for kManageSuccession).

import { get, request } from '../api';
import { backLink, formatPercent, heading, table, textInput } from '../components';
import { errorsFromApi, fieldNumber, fieldText, formPage, type FieldErrors, type FormState } from '../forms';
import { html, type SafeHtml } from '../html';
import { takeNotice } from '../notice';
import type { Page } from '../router';
import { canManageSuccession, canSeeSuccession, trustPath } from '../session';
import type { FormulaSettings, FormulaSettingsAnswer } from '../types';
import { forbiddenPage } from './errors';
import { SUCCESSION_ONLY, successionNote } from './succession';

export const formulaHref = '#/succession/formula';

export function formulaSettings(): Promise<FormulaSettingsAnswer> {
  return get<FormulaSettingsAnswer>(trustPath('/formula-settings'));
}

// ---- In words ----

// How a key post's candidates are ranked and their readiness suggested, with the trust's values.
export function rankingInWords(w: FormulaSettings): SafeHtml {
  return html`<p class="govuk-body" id="formula-score">Score = ${w.match_weight} × match + ${w.talent_weight} × talent + ${w.proximity_weight} × proximity.</p>
    <ul class="govuk-list govuk-list--bullet">
      <li>Match: how far their latest assessed competencies meet the post’s role profile, from 0 to 1. Each competency counts by its weight in the profile; a level above the one required counts as the one required.</li>
      <li>Talent: (performance + potential − 2) ÷ 4 from their latest calibrated 9-box rating, from 0 to 1; 0 when they have none.</li>
      <li>Proximity: ${w.proximity_one_step} when they are one step below the post on the career ladder, ${w.proximity_two_steps} when two steps below. Nobody else is eligible.</li>
      <li>Suggested readiness: ready now when match is at least ${w.ready_now_match}, performance at least ${w.ready_now_performance} and they are one step below; ready in 1–2 years when match is at least ${w.one_to_two_years_match}; otherwise ready in 3+ years. Leaders may override it, with a reason.</li>
    </ul>`;
}

function everythingInWords(w: FormulaSettings): SafeHtml {
  return html`<h2 class="govuk-heading-m">Ranking the candidates for a key post</h2>
    <p class="govuk-body">Candidates come from every school of the trust. They are ordered by score, then by match, then by longer service.</p>
    ${rankingInWords(w)}
    <h2 class="govuk-heading-m">Bench strength and overload</h2>
    <ul class="govuk-list govuk-list--bullet">
      <li>The bench of a key post is everyone eligible for it whose match is at least ${w.bench_match}. Someone on the benches of several posts counts a share on each.</li>
      <li>A successor is overloaded when they are named on the plans of more than ${w.overload_plans} key posts.</li>
    </ul>
    <h2 class="govuk-heading-m">Attrition simulation</h2>
    <p class="govuk-body">Each simulated year, each person leaves with the chance their risk of loss gives: ${formatPercent(w.low_risk)} at low risk, ${formatPercent(w.medium_risk)} at medium risk, ${formatPercent(w.high_risk)} at high risk and ${formatPercent(w.default_risk)} when no risk is recorded.</p>`;
}

// ---- The settings, field by field ----

interface Setting {
  name: keyof FormulaSettings;
  label: string;
  min: number;
  max: number;
  whole?: boolean;
}

const GROUPS: { legend: string; hint: string; settings: Setting[] }[] = [
  {
    legend: 'Weights in the score',
    hint: 'Each from 0 to 10, and at least one above 0. They need not add up to 1.',
    settings: [
      { name: 'match_weight', label: 'Weight of match', min: 0, max: 10 },
      { name: 'talent_weight', label: 'Weight of talent', min: 0, max: 10 },
      { name: 'proximity_weight', label: 'Weight of proximity', min: 0, max: 10 },
    ],
  },
  {
    legend: 'Proximity on the career ladder',
    hint: 'Each from 0 to 1.',
    settings: [
      { name: 'proximity_one_step', label: 'Proximity one step below the post', min: 0, max: 1 },
      { name: 'proximity_two_steps', label: 'Proximity two steps below the post', min: 0, max: 1 },
    ],
  },
  {
    legend: 'Suggested readiness',
    hint: 'Matches from 0 to 1; performance 1, 2 or 3.',
    settings: [
      { name: 'ready_now_match', label: 'Match needed to be ready now', min: 0, max: 1 },
      { name: 'ready_now_performance', label: 'Performance needed to be ready now', min: 1, max: 3, whole: true },
      { name: 'one_to_two_years_match', label: 'Match needed to be ready in 1–2 years', min: 0, max: 1 },
    ],
  },
  {
    legend: 'Bench strength and overload',
    hint: 'The match from 0 to 1; the plans a whole number, 1 or more.',
    settings: [
      { name: 'bench_match', label: 'Match needed to be on a post’s bench', min: 0, max: 1 },
      { name: 'overload_plans', label: 'Plans a successor may be named on before they are overloaded', min: 1, max: Number.MAX_SAFE_INTEGER, whole: true },
    ],
  },
  {
    legend: 'Attrition simulation: the chance of leaving in a year',
    hint: 'Each from 0 to 1: 0.05 is 5%.',
    settings: [
      { name: 'low_risk', label: 'At low risk of loss', min: 0, max: 1 },
      { name: 'medium_risk', label: 'At medium risk of loss', min: 0, max: 1 },
      { name: 'high_risk', label: 'At high risk of loss', min: 0, max: 1 },
      { name: 'default_risk', label: 'With no risk of loss recorded', min: 0, max: 1 },
    ],
  },
];

const SETTINGS = GROUPS.flatMap((g) => g.settings);
const LABELS = Object.fromEntries(SETTINGS.map((x) => [x.name, x.label]));
const fieldId = (name: string) => `formula-${name.replace(/_/g, '-')}`;

interface SettingsState extends FormState {
  values: Record<string, string>;
}

function readSettings(form: HTMLFormElement): SettingsState {
  const s: SettingsState = { values: {}, errors: {} };
  for (const x of SETTINGS) {
    const text = fieldText(form, x.name);
    s.values[x.name] = text;
    const n = fieldNumber(text);
    const range = x.max === Number.MAX_SAFE_INTEGER ? `${x.min} or more` : `from ${x.min} to ${x.max}`;
    if (text === '') s.errors[x.name] = `Enter the ${x.label.toLowerCase()}`;
    else if (n === null || n < x.min || n > x.max || (x.whole && !Number.isInteger(n)))
      s.errors[x.name] = `${x.label} must be ${x.whole ? 'a whole number' : 'a number'} ${range}`;
  }
  const weights = ['match_weight', 'talent_weight', 'proximity_weight'];
  if (weights.every((w) => !s.errors[w] && Number(s.values[w]) === 0)) s.errors.match_weight = 'At least one weight must be above 0';
  return s;
}

function settingsFields(s: SettingsState, defaults: FormulaSettings): SafeHtml {
  return html`${GROUPS.map(
    (g, i) => html`<div class="govuk-form-group">
      <fieldset class="govuk-fieldset" aria-describedby="formula-group-${i}-hint">
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">${g.legend}</legend>
        <div class="govuk-hint" id="formula-group-${i}-hint">${g.hint}</div>
        ${g.settings.map((x) =>
          textInput({
            id: fieldId(x.name),
            name: x.name,
            label: x.label,
            hint: `The default is ${defaults[x.name]}.`,
            value: s.values[x.name],
            error: s.errors[x.name],
            widthClass: 'govuk-input--width-5',
            inputmode: x.whole ? 'numeric' : 'decimal',
            spellcheck: false,
          }),
        )}
      </fieldset>
    </div>`,
  )}`;
}

// ---- The page ----

export async function formulaPage(rerender: () => void): Promise<Page> {
  if (!canSeeSuccession()) return forbiddenPage(SUCCESSION_ONLY);
  const { settings, defaults } = await formulaSettings();
  const title = 'The succession formula';
  const back = { href: '#/succession', text: 'Back to the pipeline' };
  const words = html`<p class="govuk-body">How trellis ranks successors, suggests their readiness, measures bench strength and simulates attrition, with ${
    canManageSuccession() ? 'the trust’s settings. Change them below: the rankings, plans, pipeline and simulations use them from then on.' : 'the trust’s settings. Trust administrators change them.'
  }</p>
    <div id="formula-words">${everythingInWords(settings)}</div>`;
  if (!canManageSuccession()) {
    return {
      title,
      section: 'succession',
      body: html`
        ${backLink(back.href, back.text)}
        ${heading(title, 'Succession')}
        ${successionNote()}
        ${words}
        ${table({
          caption: 'The trust’s settings and the defaults',
          head: [{ text: 'Setting' }, { text: 'The trust’s', numeric: true }, { text: 'Default', numeric: true }],
          rows: SETTINGS.map((x) => [x.label, String(settings[x.name]), String(defaults[x.name])]),
          rowHeaders: true,
        })}`,
    };
  }
  const start: SettingsState = { values: Object.fromEntries(SETTINGS.map((x) => [x.name, String(settings[x.name])])), errors: {} };
  return formPage<SettingsState>(
    {
      id: 'formula-form',
      anchors: SETTINGS.map((x) => [x.name, fieldId(x.name)]),
      title,
      caption: 'Succession',
      section: 'succession',
      back,
      notice: takeNotice(),
      note: successionNote(),
      intro: html`${words}<h2 class="govuk-heading-l" id="change-settings">Change the settings</h2>`,
      fields: (s) => settingsFields(s, defaults),
      submit: 'Save the settings',
      read: readSettings,
      send: async (s) => {
        const body = Object.fromEntries(SETTINGS.map((x) => [x.name, Number(s.values[x.name])]));
        await request<FormulaSettingsAnswer>('PUT', trustPath('/formula-settings'), { json: body });
        return { heading: 'Formula settings saved', content: html`<p class="govuk-body">Rankings, plans, the pipeline and simulations use them from now on.</p>`, href: formulaHref };
      },
      refused: (e): FieldErrors => errorsFromApi(e, LABELS),
    },
    start,
    rerender,
  );
}
