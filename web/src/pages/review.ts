// What the talent review screens share: the confidentiality line, how boxes, cycles and
// meetings are named, and the person page's box history.

import { ApiError, get } from '../api';
import { link, table, tag, type Content } from '../components';
import { html, nothing, type SafeHtml } from '../html';
import { canReadRatings, canSeeTalentReview, state, trustPath } from '../session';
import type { Box, CalibrationMeeting, NamedBox, Person, PersonRatings, Rating, ReviewCycle, School } from '../types';

// Every talent review screen says this once, near its top.
export function confidentialityNote(): SafeHtml {
  return html`<p class="govuk-body app-confidential" id="confidentiality"><strong>Confidential.</strong> Ratings are for the people who rate and calibrate them. trellis records every time they are read.</p>`;
}

export function cyclePath(cycleId: number, rest = ''): string {
  return trustPath(`/review-cycles/${cycleId}${rest}`);
}

export function cycleHref(cycleId: number, rest = ''): string {
  return `#/talent-review/${cycleId}${rest}`;
}

// 2026 → "2026/27": a cycle's year is the academic year's start.
export function academicYear(year: number): string {
  return `${year}/${String((year + 1) % 100).padStart(2, '0')}`;
}

export function statusLabel(status: string): string {
  return state.reference?.review_cycle_statuses?.find((s) => s.code === status)?.label ??
    ({ open: 'Open for proposals', calibrating: 'Calibrating', closed: 'Closed' } as Record<string, string>)[status] ??
    status;
}

// The tag's words carry its meaning; the colour only repeats it.
export function statusTag(status: string): SafeHtml {
  const colour = status === 'open' ? 'blue' : status === 'calibrating' ? 'yellow' : 'grey';
  return tag(statusLabel(status), colour);
}

export function directionLabel(direction: string): string {
  return state.reference?.movement_directions?.find((d) => d.code === direction)?.label ??
    ({ up: 'Moved up', down: 'Moved down', same: 'Same box', across: 'Moved across' } as Record<string, string>)[direction] ??
    direction;
}

const LEVEL_WORDS = ['low', 'moderate', 'high'] as const;

// 1..3 → "low" … "high".
export function levelWord(score: number): string {
  return LEVEL_WORDS[score - 1] ?? String(score);
}

// Whether a chosen score is one of the three levels.
export function isScore(text: string): boolean {
  return ['1', '2', '3'].includes(text);
}

// The radios' choices for a score, with what each level means.
export function scoreItems(kind: 'performance' | 'potential'): { value: string; text: string; hint: string }[] {
  const hints =
    kind === 'performance'
      ? ['Not yet meeting what the role expects', 'Meeting what the role expects', 'Exceeding what the role expects']
      : ['Well placed in their present role', 'Ready to grow within or beside their role', 'Ready for a bigger role'];
  return [1, 2, 3].map((n) => ({ value: String(n), text: `${n}: ${LEVEL_WORDS[n - 1]}`, hint: hints[n - 1]! }));
}

function boxName(cycle: ReviewCycle, box: Box): string {
  return (
    cycle.boxes.find((b) => b.performance === box.performance && b.potential === box.potential)?.name ??
    `Performance ${box.performance}, potential ${box.potential}`
  );
}

function named(cycle: ReviewCycle, box: Box | NamedBox): NamedBox {
  return 'name' in box && box.name ? box : { ...box, name: boxName(cycle, box) };
}

// "Core player (performance 2, potential 2)": the scores beside the name, so a box is never
// known by its name (or place) alone.
function namedBoxText(box: NamedBox): string {
  return `${box.name} (performance ${box.performance}, potential ${box.potential})`;
}

export function boxText(cycle: ReviewCycle, box: Box | NamedBox): string {
  return namedBoxText(named(cycle, box));
}

// A box in a table cell: its name, then its scores in smaller type.
export function namedBoxCell(box: NamedBox): SafeHtml {
  return html`${box.name}<span class="app-box-scores">performance ${box.performance}, potential ${box.potential}</span>`;
}

export function boxCell(cycle: ReviewCycle, box: Box | NamedBox): SafeHtml {
  return namedBoxCell(named(cycle, box));
}

export function sameBox(a: Box, b: Box): boolean {
  return a.performance === b.performance && a.potential === b.potential;
}

// Where a rating stands: final once the cycle closes, else calibrated once a meeting has
// adjusted it, else as proposed.
export function ratingStage(r: Pick<Rating, 'final' | 'calibrated'>): string {
  if (r.final) return 'Final';
  if (r.calibrated) return 'Adjusted in calibration';
  return 'Proposed';
}

export function meetingTitle(meeting: CalibrationMeeting, schools: School[]): string {
  if (meeting.level === 'trust') return 'Trust calibration meeting';
  const school = schools.find((s) => s.id === meeting.school_id);
  return `School calibration meeting: ${school?.name ?? `school ${meeting.school_id}`}`;
}

export async function getCycle(id: number): Promise<ReviewCycle> {
  return get<ReviewCycle>(cyclePath(id));
}

// ---- The person page's "Talent review" section ----

// Whether the user may read `person`'s box history: in full those who read ratings, their own
// final boxes the person themself.
function readsBoxHistory(person: Person): boolean {
  return state.user?.person_id === person.id || canReadRatings();
}

// The section with a button, not the history: every read of it is an audited read of
// confidential ratings, so it is fetched only when asked for (mountBoxHistory).
export function boxHistorySection(person: Person): SafeHtml {
  if (!readsBoxHistory(person)) return nothing;
  return html`<section aria-labelledby="talent-review-heading" id="talent-review-section">
    <h2 class="govuk-heading-m" id="talent-review-heading">Talent review</h2>
    ${confidentialityNote()}
    <div id="talent-review-history" tabindex="-1">
      <button type="button" class="govuk-button govuk-button--secondary" data-module="govuk-button" id="show-talent-review">Show talent review history</button>
    </div>
  </section>`;
}

// Fetches and shows the history when its button is pressed; focus moves to what arrived.
export function mountBoxHistory(main: HTMLElement, person: Person): void {
  const button = main.querySelector<HTMLButtonElement>('#show-talent-review');
  const slot = main.querySelector<HTMLElement>('#talent-review-history');
  if (!button || !slot) return;
  button.addEventListener('click', () => {
    button.disabled = true;
    void boxHistory(person).then((shown) => {
      slot.innerHTML = shown.value;
      slot.focus();
    });
  });
}

async function boxHistory(person: Person): Promise<SafeHtml> {
  let history: PersonRatings;
  try {
    history = await get<PersonRatings>(trustPath(`/people/${person.id}/ratings`));
  } catch (e) {
    if (e instanceof ApiError && (e.status === 403 || e.status === 404)) return html`<p class="govuk-body">There is no talent review history you can see.</p>`;
    if (e instanceof ApiError && e.status === 401) return nothing;
    return html`<p class="govuk-body">Sorry, the history could not be fetched. Try again later.</p>`;
  }
  const name = history.name || `${person.given_name} ${person.family_name}`;
  const cycleCell = (c: { id: number; year: number; name: string }): Content =>
    canSeeTalentReview() ? link(cycleHref(c.id), c.name) : c.name;
  if (history.view === 'full') {
    return table({
      caption: `Talent review ratings of ${name}`,
      captionHidden: true,
      head: [{ text: 'Cycle' }, { text: 'Box' }, { text: 'Stage' }, { text: 'Proposed by' }],
      rows: history.items.map((r) => [cycleCell(r.cycle), namedBoxCell(r.current), ratingStage({ final: r.final, calibrated: r.calibrated ?? null }), r.rater_name ?? '']),
      rowHeaders: true,
      empty: `${name} has not been rated in any talent review.`,
    });
  }
  return html`<p class="govuk-body">Your final box in each closed review your trust lets you see. Your line manager can talk you through it.</p>
    ${table({
      caption: 'Your boxes in past talent reviews',
      captionHidden: true,
      head: [{ text: 'Cycle' }, { text: 'Your final box' }],
      rows: history.items.map((r) => [cycleCell(r.cycle), namedBoxCell(r.current)]),
      rowHeaders: true,
      empty: 'There is no box to show you yet. You see your own box once a talent review has closed, if your trust shares it.',
    })}`;
}
