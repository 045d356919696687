// Competency assessments on a person's page: the latest of each competency (the one the
// succession ranking counts), and recording a new one (level, date, assessor, evidence). The
// API decides who reads them (the person's scope, less a scoped user's own line managers) and
// who records them (kAssess: not of oneself, nor of one's own line managers).

import { ApiError, get, request } from '../api';
import { dateInput, formatDate, isoDate, link, personName, radios, select, table, textarea, textInput, todayIso, todayParts, type DateParts } from '../components';
import { errorsFromApi, fieldDate, fieldText, formPage, type FormState } from '../forms';
import { html, nothing, type SafeHtml } from '../html';
import { positiveId, type Page } from '../router';
import { canAssess, canWriteOrg, state, trustPath } from '../session';
import type { Assessment, ListPage, Person } from '../types';
import { competencyCell, competencyGroups, competencyIndex, competencyName, competencyOrder, levelChoices, levelText } from './competencies';
import { forbiddenPage, notFoundPage } from './errors';

const assessHref = (personId: number) => `#/people/${personId}/assessments/new`;

// Whether `person` is one of the user's own line managers, whose assessments a scoped role
// neither reads nor records.
function managesUser(person: Person): boolean {
  const wholeTrust = ['platform_admin', 'trust_admin', 'executive'].includes(state.user?.role ?? '');
  return !wholeTrust && (person.reports ?? []).some((r) => r.person_id === state.user?.person_id);
}

// Whether the user may assess `person`: not themself, nor one of their own line managers.
function mayAssess(person: Person): boolean {
  return canAssess() && person.id !== state.user?.person_id && !managesUser(person);
}

export async function assessmentsSection(person: Person): Promise<SafeHtml> {
  if (managesUser(person)) return nothing;
  let latest: Assessment[];
  try {
    latest = (await get<ListPage<Assessment>>(trustPath('/assessments'), { person_id: person.id, latest: true, limit: 500 })).items;
  } catch (e) {
    if (e instanceof ApiError && (e.status === 403 || e.status === 404)) return nothing;
    throw e;
  }
  const name = personName(person);
  const index = await competencyIndex();
  const order = competencyOrder(index);
  latest.sort((a, b) => order(a.competency_id, b.competency_id));
  return html`<section aria-labelledby="assessments-heading" id="assessments-section">
    <h2 class="govuk-heading-m" id="assessments-heading">Competency assessments</h2>
    <p class="govuk-body">The latest assessment of each competency: the one the succession ranking counts.</p>
    ${table({
      caption: `Latest competency assessments of ${name}`,
      captionHidden: true,
      head: [{ text: 'Competency' }, { text: 'Level' }, { text: 'Assessed on' }, { text: 'By' }, { text: 'Evidence' }],
      rows: latest.map((a) => [competencyCell(index, a.competency_id), levelText(index, a.competency_id, a.level), formatDate(a.assessed_on), a.assessor_name, a.evidence || 'None recorded']),
      rowHeaders: true,
      empty: `${name} has not been assessed against any competency.`,
    })}
    ${mayAssess(person) ? html`<p class="govuk-body">${link(assessHref(person.id), `Record an assessment of ${name}`)}</p>` : nothing}
  </section>`;
}

// ---- Recording one ----

interface AssessmentState extends FormState {
  competency: string;
  level: string;
  assessedOn: DateParts;
  assessor: string;
  evidence: string;
}

export async function assessPage(idText: string | undefined, rerender: () => void): Promise<Page> {
  if (!canAssess()) return forbiddenPage('Competency assessments are recorded by trust administrators, executives, headteachers and line managers.');
  const id = positiveId(idText);
  if (id === null) return notFoundPage();
  const [person, index] = await Promise.all([get<Person>(trustPath(`/people/${id}`)), competencyIndex()]);
  if (!mayAssess(person)) return forbiddenPage('Nobody assesses themself, nor their own line manager.');
  const name = personName(person);
  const admin = canWriteOrg();
  const me = state.user?.display_name || state.user?.email || 'you';
  return formPage<AssessmentState>(
    {
      id: 'assessment-form',
      anchors: [
        ['competency_id', 'assessment-competency'],
        ['level', 'assessment-level'],
        ['assessed_on', 'assessment-date-day'],
        ['assessor_name', 'assessment-assessor'],
        ['evidence', 'assessment-evidence'],
      ],
      title: `Record an assessment of ${name}`,
      caption: 'Competencies',
      section: 'people',
      back: { href: `#/people/${person.id}`, text: `Back to ${name}` },
      intro: admin ? nothing : html`<p class="govuk-body">You (${me}) are recorded as the assessor.</p>`,
      fields: (s) => html`
        ${select({ id: 'assessment-competency', name: 'competency_id', label: 'Competency', options: [{ value: '', text: 'Choose a competency' }], groups: competencyGroups(index), value: s.competency, error: s.errors.competency_id })}
        ${radios({ id: 'assessment-level', name: 'level', legend: 'Level', value: s.level, error: s.errors.level, items: levelChoices(index) })}
        ${dateInput({ id: 'assessment-date', name: 'assessed_on', legend: 'Date of the assessment', hint: 'For example, 27 3 2027', value: s.assessedOn, error: s.errors.assessed_on })}
        ${admin
          ? textInput({ id: 'assessment-assessor', name: 'assessor_name', label: 'Assessor (optional)', hint: 'Who made the judgement. Leave it blank to record yourself.', value: s.assessor, error: s.errors.assessor_name })
          : nothing}
        ${textarea({ id: 'assessment-evidence', name: 'evidence', label: 'Evidence (optional)', hint: 'What the judgement rests on: observations, appraisal, a portfolio.', value: s.evidence, error: s.errors.evidence, rows: 4 })}`,
      submit: 'Record the assessment',
      read: (form) => {
        const s: AssessmentState = {
          competency: fieldText(form, 'competency_id'),
          level: fieldText(form, 'level'),
          assessedOn: fieldDate(form, 'assessed_on'),
          assessor: fieldText(form, 'assessor_name'),
          evidence: fieldText(form, 'evidence'),
          errors: {},
        };
        const on = isoDate(s.assessedOn);
        if (!s.competency) s.errors.competency_id = 'Select the competency';
        if (!['1', '2', '3', '4'].includes(s.level)) s.errors.level = 'Select the level';
        if (!on) s.errors.assessed_on = 'Date of the assessment must be a real date, like 27 3 2027';
        else if (on > todayIso()) s.errors.assessed_on = 'Date of the assessment must be today or in the past';
        return s;
      },
      send: async (s) => {
        const saved = await request<Assessment>('POST', trustPath('/assessments'), {
          json: {
            person_id: person.id,
            competency_id: Number(s.competency),
            level: Number(s.level),
            assessed_on: isoDate(s.assessedOn),
            evidence: s.evidence,
            ...(admin && s.assessor ? { assessor_name: s.assessor } : {}),
          },
        });
        return { heading: 'Assessment recorded', content: html`<p class="govuk-body">${competencyName(index, saved.competency_id)}: level ${levelText(index, saved.competency_id, saved.level)}.</p>` };
      },
      refused: (e) =>
        errorsFromApi(e, { competency_id: 'Competency', level: 'Level', assessed_on: 'Date of the assessment', assessor_name: 'Assessor', assessor_id: 'Assessor', evidence: 'Evidence' }),
    },
    { competency: '', level: '', assessedOn: todayParts(), assessor: '', evidence: '', errors: {} },
    rerender,
  );
}
