// A calibration meeting: the ratings it covers, the raters whose proposals stand out from the
// group's, the adjustments it made and, while the cycle is calibrating, adjusting a rating
// (new box and a reason; the box before is kept).

import { get, request } from '../api';
import {
  backLink,
  details,
  errorSummary,
  formatDate,
  formatPercent,
  heading,
  link,
  radios,
  submitGroup,
  summaryList,
  table,
  textarea,
  warningText,
} from '../components';
import { errorItems, errorsFromApi, fieldText, mountForm, type FormState } from '../forms';
import { html, nothing, type SafeHtml } from '../html';
import { leaveNotice, takeNotice } from '../notice';
import { navigate, positiveId, type Page } from '../router';
import { canManageReviews, canReadRatings, trustPath } from '../session';
import type { Box, CalibrationMeeting, ListPage, MeetingDetail, RaterOutliers, RatingDetail, ReviewCycle, School } from '../types';
import { forbiddenPage, notFoundPage } from './errors';
import {
  boxCell,
  boxText,
  confidentialityNote,
  cycleHref,
  cyclePath,
  getCycle,
  isScore,
  meetingTitle,
  ratingStage,
  sameBox,
  scoreItems,
  statusLabel,
} from './review';
import { getAll } from './schools';

const READERS_ONLY = 'Calibration meetings are for trust administrators, executives and headteachers.';

interface MeetingContext {
  cycle: ReviewCycle;
  meeting: MeetingDetail;
  schools: School[];
  // Whether this meeting may still adjust ratings (and the signed-in user may adjust them).
  adjustable: boolean;
  // Why it may not, when the cycle is calibrating but this school's meeting is past it.
  closedBecause?: string;
}

async function loadMeeting(cycleId: number, meetingId: number): Promise<MeetingContext> {
  const [cycle, meeting, meetings, schools] = await Promise.all([
    getCycle(cycleId),
    get<MeetingDetail>(cyclePath(cycleId, `/meetings/${meetingId}`)),
    get<ListPage<CalibrationMeeting>>(cyclePath(cycleId, '/meetings')).then((p) => p.items),
    getAll<School>(trustPath('/schools')).catch(() => [] as School[]),
  ]);
  const trustHeld = meetings.some((m) => m.level === 'trust');
  const schoolPast = meeting.level === 'school' && trustHeld;
  return {
    cycle,
    meeting,
    schools,
    adjustable: canManageReviews() && cycle.status === 'calibrating' && !schoolPast,
    closedBecause:
      cycle.status === 'calibrating' && schoolPast
        ? "The trust's calibration meeting has been recorded, so this school's meeting can no longer adjust ratings."
        : undefined,
  };
}

function meetingHref(c: MeetingContext): string {
  return cycleHref(c.cycle.id, `/meetings/${c.meeting.id}`);
}

// ---- The meeting ----

export async function meetingPage(cycleText: string | undefined, meetingText: string | undefined): Promise<Page> {
  if (!canReadRatings()) return forbiddenPage(READERS_ONLY);
  const cycleId = positiveId(cycleText);
  const meetingId = positiveId(meetingText);
  if (cycleId === null || meetingId === null) return notFoundPage();
  const c = await loadMeeting(cycleId, meetingId);
  const { cycle, meeting } = c;
  const title = meetingTitle(meeting, c.schools);
  const adjustments = meeting.adjustments;
  return {
    title,
    section: 'talent-review',
    focus: '#review-notice',
    body: html`
      ${backLink(cycleHref(cycle.id), `Back to ${cycle.name}`)}
      ${takeNotice()}
      ${heading(title, cycle.name)}
      ${confidentialityNote()}
      ${summaryList([
        ['Meeting', meeting.level === 'trust' ? 'Trust calibration meeting' : "School's calibration meeting"],
        ...(meeting.school_id ? ([['School', link(`#/schools/${meeting.school_id}`, c.schools.find((s) => s.id === meeting.school_id)?.name ?? 'View the school')]] as [string, SafeHtml][]) : []),
        ['Held on', formatDate(meeting.held_on)],
        ['Attendees', meeting.attendees],
        ['Cycle status', statusLabel(cycle.status)],
      ])}
      ${c.closedBecause ? html`<div class="govuk-inset-text">${c.closedBecause}</div>` : nothing}
      ${outliersSection(meeting.outliers)}
      <h2 class="govuk-heading-m" id="ratings-heading">Ratings this meeting covers (${meeting.ratings.length})</h2>
      <p class="govuk-body">${
        meeting.level === 'trust'
          ? 'Every rating in the cycle you can read, where it stands now.'
          : 'The ratings of the people working at the school on the day of the meeting, where they stand now.'
      }${c.adjustable ? ' Choose Adjust to move a rating to another box; the meeting must give a reason.' : ''}</p>
      ${table({
        caption: `Ratings covered by this meeting (${title})`,
        captionHidden: true,
        head: [
          { text: 'Person' },
          { text: 'Rater' },
          { text: 'Proposal' },
          { text: 'Current box' },
          { text: 'Rationale' },
          ...(c.adjustable ? [{ text: 'Action' }] : [{ text: 'Detail' }]),
        ],
        rows: meeting.ratings.map((r) => [
          link(`#/people/${r.person_id}`, r.person_name),
          r.rater_name,
          boxCell(cycle, r.proposal),
          html`${boxCell(cycle, r.current)}${sameBox(r.proposal, r.current) ? nothing : html`<span class="app-box-scores">Adjusted</span>`}`,
          r.rationale,
          link(
            cycleHref(cycle.id, `/meetings/${meeting.id}/ratings/${r.id}`),
            html`${c.adjustable ? 'Adjust' : 'View'}<span class="govuk-visually-hidden"> the rating of ${r.person_name}</span>`,
          ),
        ]),
        rowHeaders: true,
        empty: 'This meeting covers no rating you can read.',
      })}
      <h2 class="govuk-heading-m" id="adjustments-heading">Adjustments made in this meeting (${adjustments.length})</h2>
      ${table({
        caption: `Adjustments made in this meeting (${title})`,
        captionHidden: true,
        head: [{ text: 'Person' }, { text: 'Before' }, { text: 'After' }, { text: 'Reason' }, { text: 'By' }],
        rows: adjustments.map((a) => [
          a.person_id ? link(`#/people/${a.person_id}`, a.person_name ?? `Person ${a.person_id}`) : (a.person_name ?? ''),
          boxCell(cycle, a.before),
          boxCell(cycle, a.after),
          a.reason,
          html`${a.by}<span class="app-box-scores">${formatDate(a.at)}</span>`,
        ]),
        rowHeaders: true,
        empty: 'This meeting has made no adjustment.',
      })}`,
  };
}

const mean = (value: number) => value.toFixed(2);

// Raters whose proposals stand out from the group's (talent/nine_box.h): a flag for the
// meeting to look again, not a verdict.
function outliersSection(o: RaterOutliers): SafeHtml {
  const flagged = o.raters.filter((r) => r.flagged);
  return html`<section aria-labelledby="outliers-heading" id="rater-outliers">
    <h2 class="govuk-heading-m" id="outliers-heading">Raters whose proposals stand out</h2>
    ${flagged.length
      ? html`${warningText(`${flagged.length === 1 ? '1 rater’s proposals differ' : `${flagged.length} raters’ proposals differ`} from the group’s. Look again at their ratings before agreeing them.`)}
        <ul class="govuk-list" id="flagged-raters">
          ${flagged.map(
            (r) => html`<li class="govuk-inset-text govuk-!-margin-top-2 govuk-!-margin-bottom-2">
              <strong>${r.rater_name}</strong> (${r.ratings} ${r.ratings === 1 ? 'rating' : 'ratings'})
              <ul class="govuk-list govuk-list--bullet govuk-!-margin-bottom-0">${r.reasons.map((reason) => html`<li>${reason}</li>`)}</ul>
            </li>`,
          )}
        </ul>`
      : html`<p class="govuk-body" id="no-outliers">No rater's proposals stand out from the group's.</p>`}
    ${o.raters.length
      ? details({
          summary: 'How raters are compared',
          content: html`<p class="govuk-body">Each rater's proposals are compared with all ${o.ratings} proposals this meeting covers: a rater is flagged when their mean performance or mean potential differs from the group's by more than half a box, or their share of top-box (performance 3, potential 3) proposals by more than a quarter. Raters with fewer than five ratings are listed but never flagged.</p>
            <p class="govuk-body">The group: mean performance ${mean(o.mean_performance)}, mean potential ${mean(o.mean_potential)}, top-box share ${formatPercent(o.top_share)}.</p>
            ${table({
              caption: 'Each rater against the group',
              head: [
                { text: 'Rater' },
                { text: 'Ratings', numeric: true },
                { text: 'Mean performance', numeric: true },
                { text: 'Mean potential', numeric: true },
                { text: 'Top-box share', numeric: true },
                { text: 'Flagged' },
              ],
              rows: o.raters.map((r) => [
                r.rater_name,
                String(r.ratings),
                mean(r.mean_performance),
                mean(r.mean_potential),
                formatPercent(r.top_share),
                r.flagged ? 'Yes' : r.enough_ratings ? 'No' : 'No (too few ratings to judge)',
              ]),
              rowHeaders: true,
            })}`,
        })
      : nothing}
  </section>`;
}

// ---- A rating in the meeting, and adjusting it ----

interface AdjustState extends FormState {
  performance: string;
  potential: string;
  reason: string;
}

export async function meetingRatingPage(
  cycleText: string | undefined,
  meetingText: string | undefined,
  ratingText: string | undefined,
  rerender: () => void,
): Promise<Page> {
  if (!canReadRatings()) return forbiddenPage(READERS_ONLY);
  const cycleId = positiveId(cycleText);
  const meetingId = positiveId(meetingText);
  const ratingId = positiveId(ratingText);
  if (cycleId === null || meetingId === null || ratingId === null) return notFoundPage();
  const [c, rating] = await Promise.all([loadMeeting(cycleId, meetingId), get<RatingDetail>(cyclePath(cycleId, `/ratings/${ratingId}`))]);
  // Only a rating the meeting covers is adjusted through it.
  if (!c.meeting.ratings.some((r) => r.id === rating.id)) return notFoundPage();
  const start = { performance: String(rating.current.performance), potential: String(rating.current.potential), reason: '', errors: {} };
  return buildAdjust(c, rating, start, rerender);
}

function buildAdjust(c: MeetingContext, rating: RatingDetail, s: AdjustState, rerender: () => void): Page {
  const { cycle } = c;
  const items = errorItems(s.errors, [
    ['performance', 'adjust-performance'],
    ['potential', 'adjust-potential'],
    ['reason', 'adjust-reason'],
  ]);
  const title = c.adjustable ? `Adjust the rating of ${rating.person_name}` : `The rating of ${rating.person_name}`;
  return {
    title: `${items.length ? 'Error: ' : ''}${title}`,
    section: 'talent-review',
    body: html`
      ${backLink(meetingHref(c), 'Back to the meeting')}
      ${items.length ? errorSummary('There is a problem', items) : nothing}
      ${heading(title, meetingTitle(c.meeting, c.schools))}
      ${confidentialityNote()}
      ${summaryList([
        ['Person', link(`#/people/${rating.person_id}`, rating.person_name)],
        ['Rater', rating.rater_name],
        ['Proposal', boxText(cycle, rating.proposal)],
        ['Current box', html`<span id="current-box">${boxText(cycle, rating.current)}</span>`],
        ['Stage', ratingStage(rating)],
        ['Rationale', rating.rationale],
        ['Evidence', rating.evidence],
        ['Proposed on', formatDate(rating.proposed_at)],
      ])}
      <h2 class="govuk-heading-m">Adjustments so far</h2>
      ${table({
        caption: `Adjustments to the rating of ${rating.person_name}`,
        captionHidden: true,
        head: [{ text: 'Meeting' }, { text: 'Before' }, { text: 'After' }, { text: 'Reason' }, { text: 'By' }],
        rows: rating.adjustments.map((a) => [
          a.meeting ? html`${a.meeting.level === 'trust' ? 'Trust meeting' : 'School meeting'}<span class="app-box-scores">${formatDate(a.meeting.held_on)}</span>` : '',
          boxCell(cycle, a.before),
          boxCell(cycle, a.after),
          a.reason,
          a.by,
        ]),
        rowHeaders: true,
        empty: 'No meeting has adjusted this rating.',
      })}
      ${c.adjustable
        ? html`<h2 class="govuk-heading-m">New box</h2>
          <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds"><form id="adjust-form" novalidate>
            ${radios({
              id: 'adjust-performance',
              name: 'performance',
              legend: 'New performance',
              value: s.performance,
              error: s.errors.performance,
              items: scoreItems('performance'),
            })}
            ${radios({
              id: 'adjust-potential',
              name: 'potential',
              legend: 'New potential',
              value: s.potential,
              error: s.errors.potential,
              items: scoreItems('potential'),
            })}
            ${textarea({
              id: 'adjust-reason',
              name: 'reason',
              label: 'Reason for the change',
              hint: 'What the meeting weighed. It is kept with the box before and after.',
              value: s.reason,
              error: s.errors.reason,
              rows: 4,
            })}
            ${submitGroup({ text: 'Adjust the rating', cancelHref: meetingHref(c) })}
          </form></div></div>`
        : c.closedBecause
          ? html`<div class="govuk-inset-text">${c.closedBecause}</div>`
          : nothing}`,
    mount: (main) =>
      mountForm(main, '#adjust-form', {
        read: (form) => readAdjust(form, c, rating),
        send: async (next) => {
          const after: Box = { performance: Number(next.performance), potential: Number(next.potential) };
          const made = await request<{ before: Box; after: Box }>('POST', cyclePath(cycle.id, `/meetings/${c.meeting.id}/adjustments`), {
            json: { rating_id: rating.id, ...after, reason: next.reason },
          });
          leaveNotice(
            meetingHref(c),
            `Rating of ${rating.person_name} adjusted`,
            html`<p class="govuk-body" id="adjusted-box"><span class="govuk-visually-hidden">From </span>${boxText(cycle, made.before)} <span aria-hidden="true">→</span><span class="govuk-visually-hidden">to</span> ${boxText(cycle, made.after)}</p>`,
          );
          navigate(meetingHref(c), rerender);
        },
        refused: (e) => {
          const errors = errorsFromApi(e, { performance: 'New performance', potential: 'New potential', after: 'New box', reason: 'Reason', rating_id: 'Rating' });
          if (errors.after) {
            errors.performance = errors.after;
            delete errors.after;
          }
          if (errors.rating_id) {
            errors.form = errors.rating_id;
            delete errors.rating_id;
          }
          return errors;
        },
        page: (next) => buildAdjust(c, rating, next, rerender),
      }),
  };
}

function readAdjust(form: HTMLFormElement, c: MeetingContext, rating: RatingDetail): AdjustState {
  const s: AdjustState = {
    performance: fieldText(form, 'performance'),
    potential: fieldText(form, 'potential'),
    reason: fieldText(form, 'reason'),
    errors: {},
  };
  if (!isScore(s.performance)) s.errors.performance = 'Select the new performance';
  if (!isScore(s.potential)) s.errors.potential = 'Select the new potential';
  const after: Box = { performance: Number(s.performance), potential: Number(s.potential) };
  if (isScore(s.performance) && isScore(s.potential) && sameBox(after, rating.current)) {
    s.errors.performance = `Choose a box other than the current one, ${boxText(c.cycle, rating.current)}`;
  }
  if (!s.reason) s.errors.reason = 'Enter the reason for the change';
  return s;
}
