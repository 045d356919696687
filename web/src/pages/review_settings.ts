// A talent review cycle's settings, which a trust administrator may change at any status: its
// name, the names of its nine boxes, and whether people see their own final box once it has
// closed (PATCH R/{cycle_id}, src/http/routes_review.cc).

import { request } from '../api';
import { radios, textInput } from '../components';
import { errorsFromApi, fieldText, formPage, type FormState } from '../forms';
import { html } from '../html';
import { positiveId, type Page } from '../router';
import { canManageReviews } from '../session';
import type { ReviewCycle } from '../types';
import { forbiddenPage, notFoundPage } from './errors';
import { confidentialityNote, cycleHref, cyclePath, getCycle, levelWord } from './review';

// The default names, in the order of a cycle's boxes (performance 1 potential 1, performance 1
// potential 2, … performance 3 potential 3), as docs/api.md gives them.
const DEFAULT_NAMES = ['Risk', 'Inconsistent player', 'Rough diamond', 'Effective', 'Core player', 'Emerging star', 'Trusted professional', 'High performer', 'Star'];

// Each box once, as the grid reads: potential high to low, performance low to high.
const GRID_ORDER = [3, 2, 1].flatMap((potential) => [1, 2, 3].map((performance) => ({ performance, potential })));
const boxIndex = (b: { performance: number; potential: number }) => (b.performance - 1) * 3 + (b.potential - 1);
const boxField = (b: { performance: number; potential: number }) => `box-${b.performance}-${b.potential}`;

interface SettingsState extends FormState {
  name: string;
  seeOwnBox: string;
  // In the order of the cycle's boxes.
  boxNames: string[];
}

export async function cycleSettingsPage(idText: string | undefined, rerender: () => void): Promise<Page> {
  if (!canManageReviews()) return forbiddenPage('Only trust administrators change a talent review’s settings.');
  const id = positiveId(idText);
  if (id === null) return notFoundPage();
  const cycle: ReviewCycle = await getCycle(id);
  const names = DEFAULT_NAMES.map((fallback, i) => cycle.boxes.find((b) => boxIndex(b) === i)?.name ?? fallback);
  return formPage<SettingsState>(
    {
      id: 'cycle-settings-form',
      anchors: [
        ['name', 'cycle-name'],
        ['people_see_own_box', 'cycle-own-box'],
        ['box_names', boxField(GRID_ORDER[0]!)],
        ...GRID_ORDER.map((b): [string, string] => [`box_names[${boxIndex(b)}]`, boxField(b)]),
      ],
      title: `Settings of ${cycle.name}`,
      caption: 'Talent review',
      section: 'talent-review',
      back: { href: cycleHref(cycle.id), text: `Back to ${cycle.name}` },
      note: confidentialityNote(),
      fields: (s) => html`
        ${textInput({ id: 'cycle-name', name: 'name', label: 'Name', value: s.name, error: s.errors.name })}
        ${radios({
          id: 'cycle-own-box',
          name: 'people_see_own_box',
          legend: 'Do people see their own box?',
          hint: 'Each person sees their final box and its name on their own page, once the cycle has closed. Not the proposal, the rater or the rationale.',
          value: s.seeOwnBox,
          error: s.errors.people_see_own_box,
          items: [
            { value: 'true', text: 'Yes, once the cycle has closed' },
            { value: 'false', text: 'No' },
          ],
        })}
        <div class="govuk-form-group">
          <fieldset class="govuk-fieldset" aria-describedby="box-names-hint">
            <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">Names of the boxes</legend>
            <div class="govuk-hint" id="box-names-hint">Nine different names, at most 60 characters each. Each box is known by its performance and potential too.</div>
            ${GRID_ORDER.map((b) =>
              textInput({
                id: boxField(b),
                name: boxField(b),
                label: `Performance ${levelWord(b.performance)} (${b.performance}), potential ${levelWord(b.potential)} (${b.potential})`,
                hint: `The default is ${DEFAULT_NAMES[boxIndex(b)]}.`,
                value: s.boxNames[boxIndex(b)],
                error: s.errors[`box_names[${boxIndex(b)}]`],
              }),
            )}
          </fieldset>
        </div>`,
      submit: 'Save the settings',
      read: (form) => {
        const s: SettingsState = {
          name: fieldText(form, 'name'),
          seeOwnBox: fieldText(form, 'people_see_own_box'),
          boxNames: DEFAULT_NAMES.map(() => ''),
          errors: {},
        };
        for (const b of GRID_ORDER) s.boxNames[boxIndex(b)] = fieldText(form, boxField(b));
        if (!s.name) s.errors.name = 'Enter a name for the cycle';
        const seen = new Set<string>();
        for (const b of GRID_ORDER) {
          const i = boxIndex(b);
          const name = s.boxNames[i]!;
          const which = `The box of performance ${b.performance}, potential ${b.potential}`;
          if (!name) s.errors[`box_names[${i}]`] = `Enter a name for the box of performance ${b.performance}, potential ${b.potential}`;
          else if (name.length > 60) s.errors[`box_names[${i}]`] = `${which} must have a name of 60 characters or fewer`;
          else if (seen.has(name)) s.errors[`box_names[${i}]`] = `${which} has the name of another box`;
          seen.add(name);
        }
        return s;
      },
      send: async (s) => {
        await request<ReviewCycle>('PATCH', cyclePath(cycle.id), { json: { name: s.name, people_see_own_box: s.seeOwnBox === 'true', box_names: s.boxNames } });
        return { heading: 'Settings saved' };
      },
      refused: (e) =>
        errorsFromApi(e, {
          name: 'Name',
          people_see_own_box: 'Whether people see their own box',
          box_names: 'Names of the boxes',
          ...Object.fromEntries(GRID_ORDER.map((b) => [`box_names[${boxIndex(b)}]`, `The name of the box of performance ${b.performance}, potential ${b.potential}`])),
        }),
    },
    { name: cycle.name, seeOwnBox: String(cycle.people_see_own_box), boxNames: names, errors: {} },
    rerender,
  );
}
