// UK GDPR for the trust as controller, for its data protection officer (trust administrators:
// kManagePersonalData): on a person's page, their subject-access export and their erasure
// (after their reference is typed again); and the trust's "Personal data" page, its retention
// rules and a retention run by hand, previewed or applied. What each does and keeps is
// docs/security.md's; the API is src/http/routes_privacy.cc.

import { API_ROOT, get, request } from '../api';
import { backLink, errorSummary, formatDate, formatNumber, heading, link, notificationBanner, personName, radios, summaryList, textInput, warningText } from '../components';
import { errorItems, errorsFromApi, fieldText, formPage, mountForm, signedOut, type FieldErrors, type FormState } from '../forms';
import { html, nothing, type SafeHtml } from '../html';
import { leaveNotice, takeNotice } from '../notice';
import { navigate, positiveId, type Page } from '../router';
import { canImport, canManagePersonalData, membershipRoleLabel, trustPath } from '../session';
import type { ErasureReport, Person, RetentionReport, RetentionRules } from '../types';
import { showPage } from '../view';
import { forbiddenPage, notFoundPage } from './errors';

export const PERSONAL_DATA_HREF = '#/personal-data';
const PERSONAL_DATA_ONLY = 'Subject-access exports, erasure and the retention rules are for trust administrators.';

type Back = { href: string; text: string };

const eraseHref = (personId: number) => `#/people/${personId}/erase`;
const exportUrl = (personId: number) => `${API_ROOT}${trustPath(`/people/${personId}/subject-access-export`)}`;

// A plain link: the export is a GET the session cookie authorises, so the browser downloads the
// ZIP itself, under the name the server gives it.
function exportLink(person: Person, text: string): SafeHtml {
  return html`<a class="govuk-link" href="${exportUrl(person.id)}" download id="subject-access-export">${text}</a>`;
}

// The person page's section, for those who may manage personal data (nothing for others).
export function personalDataSection(person: Person): SafeHtml {
  if (!canManagePersonalData()) return nothing;
  return html`<section aria-labelledby="personal-data-heading" id="personal-data-section">
    <h2 class="govuk-heading-m" id="personal-data-heading">Personal data</h2>
    <p class="govuk-body">For the trust’s data protection officer (UK GDPR). Taking the export is recorded in the audit log.</p>
    ${person.erased_on ? erasedNotice(person.erased_on) : nothing}
    <ul class="govuk-list">
      <li>${exportLink(person, 'Download everything held about this person')} (a ZIP file of JSON and CSV files)</li>
      ${person.erased_on ? nothing : html`<li>${link(eraseHref(person.id), 'Erase this person')}</li>`}
    </ul>
  </section>`;
}

function erasedNotice(erasedOn: string): SafeHtml {
  return html`<p class="govuk-body" id="erased-on">Erased on ${formatDate(erasedOn)}: their names and the free text about them have been replaced.</p>`;
}

// ---- Erasure ----

function whatErasureDoes(person: Person): SafeHtml {
  return html`${warningText('Erasing a person cannot be undone.')}
    <h2 class="govuk-heading-m">What is removed</h2>
    <ul class="govuk-list govuk-list--bullet" id="erasure-removes">
      <li>their name (they become “Erased person”), reference and email</li>
      <li>the free text about them: assessment evidence, the rationale and evidence of their ratings, the notes on their risk of loss and on plans naming them, and their development actions’ titles, descriptions and outcomes</li>
      <li>their name wherever the trust’s other records mention it</li>
      <li>their sign-ins: disabled and signed out, with the password removed</li>
      <li>their personal data in the audit log (the entries stay, with it redacted)</li>
    </ul>
    <h2 class="govuk-heading-m">What is kept</h2>
    <p class="govuk-body" id="erasure-keeps">Every number, category, date and link, so the trust’s figures still add up: their ratings and calibrations, assessed levels, risk of loss, their place and readiness on succession plans, the posts they held and when, and the day they left.</p>
    <p class="govuk-body">If they have asked for a copy of what is held about them, ${exportLink(person, 'download it')} before erasing them.</p>`;
}

// Who still holds a post or sits on a body is part of the trust's organisation today: the API
// refuses to erase them (409), so the page says why instead of offering the form.
function stillInPostPage(person: Person, title: string, back: Back): Page {
  const name = personName(person);
  const posts = person.posts ?? [];
  const seats = person.memberships ?? [];
  return noErasurePage(
    title,
    back,
    html`<div id="erasure-refused">
      ${warningText(`${name} cannot be erased while they hold a post or sit on a governance body.`)}
      <ul class="govuk-list govuk-list--bullet">
        ${posts.map((p) => html`<li>${link(`#/posts/${p.post_id}`, p.title)}${p.school_name ? `, ${p.school_name}` : ''}</li>`)}
        ${seats.map((m) => html`<li>${membershipRoleLabel(m.role)}, ${link(`#/governance/${m.body_id}`, m.body_name ?? 'a governance body')}</li>`)}
      </ul>
      <p class="govuk-body">Record their leaving first: the day they left the trust and the end of each post and seat${
        canImport() ? html` (${link('#/import', 'import')} the people, post holdings and memberships files)` : ''
      }. Then erase them.</p>
    </div>`,
  );
}

// An erasure cannot be repeated (the API answers 409): the page says when it was done.
function alreadyErasedPage(erasedOn: string, title: string, back: Back): Page {
  return noErasurePage(title, back, erasedNotice(erasedOn));
}

// The erasure page when it offers no form, and why.
function noErasurePage(title: string, back: Back, why: SafeHtml): Page {
  return {
    title,
    section: 'people',
    body: html`
      ${backLink(back.href, back.text)}
      ${heading(title, 'Personal data')}
      ${why}
      <p class="govuk-body">${link(back.href, back.text)}</p>`,
  };
}

function erasureFigures(r: ErasureReport): SafeHtml {
  return html`<p class="govuk-body">Erased on ${formatDate(r.erased_on)}. Their reference is now <strong id="erasure-reference">${r.reference}</strong>.</p>
    ${summaryList([
      ['Audit log entries redacted', html`<span id="erasure-audit-entries">${formatNumber(r.audit_entries_redacted)}</span>`],
      ['Sign-ins disabled', html`<span id="erasure-user-accounts">${formatNumber(r.user_accounts_disabled)}</span>`],
    ])}`;
}

interface ErasureState extends FormState {
  reference: string;
}

export async function erasePage(idText: string | undefined, rerender: () => void): Promise<Page> {
  if (!canManagePersonalData()) return forbiddenPage(PERSONAL_DATA_ONLY);
  const id = positiveId(idText);
  if (id === null) return notFoundPage();
  const person = await get<Person>(trustPath(`/people/${id}`));
  const name = personName(person);
  const title = `Erase ${name}`;
  const back = { href: `#/people/${id}`, text: `Back to ${name}` };
  if (person.erased_on) return alreadyErasedPage(person.erased_on, title, back);
  if ((person.posts ?? []).length > 0 || (person.memberships ?? []).length > 0) return stillInPostPage(person, title, back);
  return formPage<ErasureState>(
    {
      id: 'erasure-form',
      anchors: [['confirm_reference', 'confirm-reference']],
      title,
      caption: 'Personal data',
      section: 'people',
      back,
      intro: whatErasureDoes(person),
      fields: (s) =>
        textInput({
          id: 'confirm-reference',
          name: 'confirm_reference',
          label: `To confirm, type ${name}’s reference`,
          labelClass: 'govuk-label--s',
          hint: `Their reference is ${person.reference}.`,
          value: s.reference,
          error: s.errors.confirm_reference,
          autocomplete: 'off',
          spellcheck: false,
          widthClass: 'govuk-input--width-20',
        }),
      submit: 'Erase this person',
      warning: true,
      read: (form) => {
        const s: ErasureState = { reference: fieldText(form, 'confirm_reference'), errors: {} };
        if (!s.reference) s.errors.confirm_reference = `Enter ${name}’s reference to confirm`;
        return s;
      },
      send: async (s) => {
        const report = await request<ErasureReport>('POST', trustPath(`/people/${id}/erasure`), { json: { confirm_reference: s.reference } });
        return { heading: 'Person erased', content: erasureFigures(report) };
      },
      refused: (e) => errorsFromApi(e, { confirm_reference: 'The reference you typed' }),
    },
    { reference: '', errors: {} },
    rerender,
  );
}

// ---- The trust's retention rules ----

type RuleKey = keyof RetentionRules;

interface Rule {
  key: RuleKey;
  // What the rule removes, as the rules in words and the messages name it.
  name: string;
  legend: string;
  hint: string;
  on: string;
  off: string;
  years: string;
  // The fewest years the rule takes (the most is MOST_YEARS), as src/privacy/retention.cc checks.
  least: number;
  // The rule in words, given its years.
  inWords: (years: number) => string;
}

const MOST_YEARS = 100;

const RULES: Rule[] = [
  {
    key: 'leaver_review_years',
    name: 'Leavers’ talent-review data',
    legend: 'Remove leavers’ talent-review data?',
    hint: 'Their 9-box ratings with their calibration adjustments, their competency assessments and their risk of loss. The posts they held and when stay.',
    on: 'Yes, a number of years after they left',
    off: 'No, keep it',
    years: 'Years after they left',
    least: 1,
    inWords: (n) => `Removed ${n} ${n === 1 ? 'year' : 'years'} after they left`,
  },
  {
    key: 'leaver_erasure_years',
    name: 'Erasure of leavers',
    legend: 'Erase leavers?',
    hint: 'Each is erased as “Erase this person” on their page does. A leaver still recorded in a post or on a body is left and counted.',
    on: 'Yes, a number of years after they left',
    off: 'No, keep them',
    years: 'Years after they left',
    least: 1,
    inWords: (n) => `Erased ${n} ${n === 1 ? 'year' : 'years'} after they left`,
  },
  {
    key: 'audit_years',
    name: 'Audit log entries',
    legend: 'Remove old audit log entries?',
    hint: 'At least 6 years: the log is the trust’s evidence of who did and saw what, and claims can be brought for six years.',
    on: 'Yes, once they are a number of years old',
    off: 'No, keep them',
    years: 'Years to keep them',
    least: 6,
    inWords: (n) => `Removed once ${n} years old`,
  },
];

const choiceName = (key: RuleKey) => `${key}_on`;
const choiceId = (key: RuleKey) => `${key.replace(/_/g, '-')}-on`;
const yearsId = (key: RuleKey) => key.replace(/_/g, '-');

interface RulesState extends FormState {
  choice: Record<RuleKey, string>;
  years: Record<RuleKey, string>;
}

const blankRules = (): RulesState => ({ choice: {} as Record<RuleKey, string>, years: {} as Record<RuleKey, string>, errors: {} });

function rulesState(rules: RetentionRules): RulesState {
  const s = blankRules();
  for (const r of RULES) {
    const n = rules[r.key];
    s.choice[r.key] = n === null ? 'no' : 'yes';
    s.years[r.key] = n === null ? '' : String(n);
  }
  return s;
}

// The years of a rule that is off are not read: its field is hidden and may hold anything.
function readRules(form: HTMLFormElement): RulesState {
  const s = blankRules();
  for (const r of RULES) {
    const choice = fieldText(form, choiceName(r.key));
    const years = fieldText(form, r.key);
    s.choice[r.key] = choice;
    s.years[r.key] = years;
    const what = r.name.toLowerCase();
    if (choice !== 'yes' && choice !== 'no') s.errors[choiceName(r.key)] = `Choose whether to turn on the rule for ${what}`;
    else if (choice === 'yes' && !years) s.errors[r.key] = `Enter the number of years for ${what}`;
    else if (choice === 'yes' && (!/^\d+$/.test(years) || Number(years) < r.least || Number(years) > MOST_YEARS))
      s.errors[r.key] = `The years for ${what} must be a whole number from ${r.least} to ${MOST_YEARS}`;
  }
  return s;
}

function rulesBody(s: RulesState): RetentionRules {
  const years = (key: RuleKey) => (s.choice[key] === 'yes' ? Number(s.years[key]) : null);
  return { leaver_review_years: years('leaver_review_years'), leaver_erasure_years: years('leaver_erasure_years'), audit_years: years('audit_years') };
}

// The error summary's links: each rule's choice, then its years.
const RULE_ANCHORS: [string, string][] = RULES.flatMap((r): [string, string][] => [
  [choiceName(r.key), choiceId(r.key)],
  [r.key, yearsId(r.key)],
]);

function rulesFields(s: RulesState): SafeHtml {
  return html`${RULES.map((r) =>
    radios({
      id: choiceId(r.key),
      name: choiceName(r.key),
      legend: r.legend,
      legendClass: 'govuk-fieldset__legend--s',
      hint: r.hint,
      value: s.choice[r.key],
      error: s.errors[choiceName(r.key)],
      items: [
        {
          value: 'yes',
          text: r.on,
          conditional: textInput({
            id: yearsId(r.key),
            name: r.key,
            label: r.years,
            hint: `A whole number from ${r.least} to ${MOST_YEARS}.`,
            value: s.years[r.key],
            error: s.errors[r.key],
            widthClass: 'govuk-input--width-3',
            inputmode: 'numeric',
            spellcheck: false,
          }),
        },
        { value: 'no', text: r.off },
      ],
    }),
  )}`;
}

// The rules as they are saved, in words.
function rulesNow(rules: RetentionRules): SafeHtml {
  return html`<div id="retention-rules-now">${summaryList(
    RULES.map((r): [string, string] => {
      const n = rules[r.key];
      return [r.name, n === null ? 'Off: kept' : r.inWords(n)];
    }),
  )}</div>`;
}

// ---- A retention run ----

function runReport(r: RetentionReport): SafeHtml {
  const day = (d: string | null) => (d ? formatDate(d) : '');
  const count = (id: string, n: number, on: boolean) => (on ? html`<span id="${id}">${formatNumber(n)}</span>` : 'Rule off');
  const review = r.rules.leaver_review_years !== null;
  const erasure = r.rules.leaver_erasure_years !== null;
  const audit = r.rules.audit_years !== null;
  return notificationBanner({
    id: 'retention-report',
    success: true,
    title: r.dry_run ? 'Preview' : 'Success',
    heading: r.dry_run ? `What a run on ${formatDate(r.today)} would remove` : `Retention rules applied on ${formatDate(r.today)}`,
    content: html`<p class="govuk-body">${
      r.dry_run ? 'Nothing has been removed: the preview did the work and undid it, so these are exactly what applying the rules now would remove.' : 'This has been removed and recorded in the audit log.'
    }</p>
      ${summaryList([
        [`Leavers erased${erasure ? ` (who left on or before ${day(r.erasure_of_leavers_by)})` : ''}`, count('removed-people-erased', r.removed.people_erased, erasure)],
        ...(erasure && r.leavers_still_in_post > 0
          ? ([['Leavers due for erasure but still in a post or on a body (kept)', html`<span id="leavers-still-in-post">${formatNumber(r.leavers_still_in_post)}</span>`]] as [string, SafeHtml][])
          : []),
        [`9-box ratings of leavers${review ? ` (who left on or before ${day(r.review_data_of_leavers_by)})` : ''}`, count('removed-ratings', r.removed.ratings, review)],
        ['Calibration adjustments of those ratings', count('removed-rating-adjustments', r.removed.rating_adjustments, review)],
        ['Competency assessments of leavers', count('removed-assessments', r.removed.assessments, review)],
        ['Risks of loss of leavers', count('removed-loss-risks', r.removed.loss_risks, review)],
        [`Audit log entries${audit ? ` (written before ${day(r.audit_entries_before)})` : ''}`, count('removed-audit-entries', r.removed.audit_entries, audit)],
      ])}`,
  });
}

function runSection(saved: RetentionRules): SafeHtml {
  const anyOn = RULES.some((r) => saved[r.key] !== null);
  return html`<h2 class="govuk-heading-l" id="retention-run-heading">Apply the rules</h2>
    ${anyOn
      ? html`<p class="govuk-body">trellis applies the saved rules once a day. To see what they remove today, preview a run: it does all the work and then undoes it.</p>
        ${warningText('Applying the rules removes data at once. It cannot be undone.')}
        <form id="retention-run-form" novalidate>
          <div class="govuk-button-group">
            <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" name="mode" value="preview" id="retention-preview">Preview</button>
            <button type="submit" class="govuk-button govuk-button--warning" data-module="govuk-button" name="mode" value="apply" id="retention-apply">Apply the rules now</button>
          </div>
        </form>`
      : html`<p class="govuk-body" id="retention-all-off">No rule is on, so a run removes nothing. Turn a rule on and save it first.</p>`}`;
}

// ---- The page ----

interface PersonalDataState {
  saved: RetentionRules;
  rules: RulesState;
  // Shown until the page comes back with errors or a report.
  notice: SafeHtml;
  report?: RetentionReport;
  runFailure?: string;
}

function personalDataView(p: PersonalDataState, rerender: () => void): Page {
  const errs = [...errorItems(p.rules.errors, RULE_ANCHORS), ...(p.runFailure ? [{ text: p.runFailure, href: '#retention-preview' }] : [])];
  const title = 'Personal data';
  return {
    title: `${errs.length ? 'Error: ' : ''}${title}`,
    section: 'personal-data',
    focus: p.report ? '#retention-report' : '#review-notice',
    body: html`
      ${errs.length ? errorSummary('There is a problem', errs) : p.report ? runReport(p.report) : p.notice}
      ${heading(title, 'UK GDPR')}
      <p class="govuk-body">For the trust’s data protection officer. A person’s subject-access export and their erasure are on their page, under “Personal data”.</p>
      <h2 class="govuk-heading-l" id="retention-heading">Retention rules</h2>
      <p class="govuk-body">How long trellis keeps leavers’ data and the audit log. Every rule is off until the trust turns it on.</p>
      ${rulesNow(p.saved)}
      <h3 class="govuk-heading-m">Change the rules</h3>
      <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
        <form id="retention-rules-form" novalidate>
          ${rulesFields(p.rules)}
          <div class="govuk-button-group">
            <button type="submit" class="govuk-button" data-module="govuk-button">Save the rules</button>
          </div>
        </form>
      </div></div>
      ${runSection(p.saved)}`,
    mount: (main) => {
      mountForm<RulesState>(main, '#retention-rules-form', {
        read: readRules,
        send: async (s) => {
          await request<RetentionRules>('PUT', trustPath('/retention-rules'), { json: rulesBody(s) });
          leaveNotice(PERSONAL_DATA_HREF, 'Retention rules saved', html`<p class="govuk-body">trellis applies them once a day from now on.</p>`);
          navigate(PERSONAL_DATA_HREF, rerender);
        },
        refused: (e): FieldErrors => errorsFromApi(e, Object.fromEntries(RULES.map((r) => [r.key, `The years for ${r.name.toLowerCase()}`]))),
        page: (rules) => personalDataView({ ...p, rules, report: undefined, runFailure: undefined }, rerender),
      });
      const run = main.querySelector<HTMLFormElement>('#retention-run-form');
      run?.addEventListener('submit', (event) => {
        event.preventDefault();
        const submitter = (event as SubmitEvent).submitter as HTMLButtonElement | null;
        void runRetention(run, submitter?.value !== 'apply', p, rerender);
      });
    },
  };
}

async function runRetention(form: HTMLFormElement, dryRun: boolean, p: PersonalDataState, rerender: () => void): Promise<void> {
  form.querySelectorAll('button').forEach((b) => b.setAttribute('disabled', 'disabled'));
  const next: PersonalDataState = { ...p, rules: { ...p.rules, errors: {} }, report: undefined, runFailure: undefined };
  try {
    next.report = await request<RetentionReport>('POST', trustPath('/retention-runs'), { json: { dry_run: dryRun } });
  } catch (e) {
    if (signedOut(e)) return;
    next.runFailure = errorsFromApi(e, {}).form;
  }
  showPage(personalDataView(next, rerender), { moveFocus: true });
}

export async function personalDataPage(rerender: () => void): Promise<Page> {
  if (!canManagePersonalData()) return forbiddenPage(PERSONAL_DATA_ONLY);
  const saved = await get<RetentionRules>(trustPath('/retention-rules'));
  return personalDataView({ saved, rules: rulesState(saved), notice: takeNotice() }, rerender);
}
