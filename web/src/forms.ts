// What a submitted form holds, the API's refusals of it as messages beside its fields, and
// the round of a form page: checked, sent, and shown again with its messages until taken.

import { ApiError } from './api';
import { backLink, errorSummary, heading, submitGroup, type DateParts, type ErrorItem } from './components';
import { html, nothing, type SafeHtml } from './html';
import { leaveNotice } from './notice';
import { navigate, type Page } from './router';
import { showPage } from './view';

// The trimmed text of a form's field ('' when absent).
export function fieldText(form: HTMLFormElement, name: string): string {
  const value = new FormData(form).get(name);
  return typeof value === 'string' ? value.trim() : '';
}

// What was typed into the date input named `name` (its `name-day`, `name-month`, `name-year`).
export function fieldDate(form: HTMLFormElement, name: string): DateParts {
  return { day: fieldText(form, `${name}-day`), month: fieldText(form, `${name}-month`), year: fieldText(form, `${name}-year`) };
}

// Messages by field name; `form` holds one that belongs to no field.
export type FieldErrors = Record<string, string | undefined>;

// A 422's details as messages on the fields named in `labels` (API field → label, e.g.
// rationale → "Rationale"); a problem with any other field, and any other refusal, becomes
// the form's own message. `conflict` words a 409 (the API's message otherwise).
export function errorsFromApi(e: unknown, labels: Record<string, string>, conflict?: string): FieldErrors {
  const errors: FieldErrors = {};
  if (!(e instanceof ApiError)) {
    errors.form = 'Sorry, there is a problem with the service. Try again later.';
    return errors;
  }
  if (e.status === 422 || e.status === 400) {
    const loose: string[] = [];
    for (const d of e.details) {
      const field = d.field ?? '';
      const label = labels[field];
      const reason = d.reason ?? 'is not valid';
      if (label && !errors[field]) errors[field] = `${label} ${reason}`;
      else if (!label) loose.push(field ? `${field} ${reason}` : reason);
    }
    if (loose.length || Object.keys(errors).length === 0) errors.form = loose.length ? loose.join('; ') : e.message;
    return errors;
  }
  if (e.status === 409) errors.form = conflict ?? e.message;
  else if (e.status === 403) errors.form = 'Your role does not let you do this, or your session has changed. Sign in again and retry.';
  else if (e.status === 404) errors.form = 'It is no longer there, or it is outside what your role lets you see.';
  else if (e.status === 503) errors.form = 'trellis is busy. Nothing was saved. Try again in a moment.';
  else if (e.status === 0) errors.form = e.message;
  else errors.form = `Sorry, there is a problem with the service${e.message ? `: ${e.message}` : ''}. Nothing was saved.`;
  return errors;
}

// The error summary's items, in the order of `fields` (field name → the id its link targets),
// the form's own message first (linking to the first field).
export function errorItems(errors: FieldErrors, fields: [name: string, anchor: string][]): ErrorItem[] {
  const items: ErrorItem[] = [];
  if (errors.form) items.push({ text: errors.form, href: fields[0] ? `#${fields[0][1]}` : undefined });
  for (const [name, anchor] of fields) {
    const text = errors[name];
    if (text) items.push({ text, href: `#${anchor}` });
  }
  return items;
}

// Whether the API refused because the session has ended. The user is already on the way to
// sign in (api.ts's handler for a 401), so the page shows nothing more.
export function signedOut(e: unknown): boolean {
  return e instanceof ApiError && e.status === 401;
}

// A form's state: what was typed and chosen, and the messages about it.
export interface FormState {
  errors: FieldErrors;
}

export function hasErrors(errors: FieldErrors): boolean {
  return Object.values(errors).some(Boolean);
}

// One form's round trip.
export interface FormFlow<S extends FormState> {
  // The state as submitted, with what checking it found wrong.
  read(form: HTMLFormElement): S;
  // Sends a state that checked out, then moves on (to another page, or this one with a result).
  send(s: S): Promise<void>;
  // The API's refusal as messages on the state's fields.
  refused(e: unknown, s: S): FieldErrors;
  // The page again, showing the state and its messages.
  page(s: S): Page;
}

// Wires the form `selector` in `main`: on submit it is read and checked; one that checks out
// is sent with its button disabled (so it goes once); one that does not, or that the API
// refuses, comes back with its messages and focus on the error summary.
export function mountForm<S extends FormState>(main: HTMLElement, selector: string, flow: FormFlow<S>): void {
  const form = main.querySelector<HTMLFormElement>(selector);
  form?.addEventListener('submit', (event) => {
    event.preventDefault();
    void submitForm(form, flow);
  });
}

async function submitForm<S extends FormState>(form: HTMLFormElement, flow: FormFlow<S>): Promise<void> {
  const s = flow.read(form);
  if (!hasErrors(s.errors)) {
    form.querySelector('button[type=submit]')?.setAttribute('disabled', 'disabled');
    try {
      await flow.send(s);
      return;
    } catch (e) {
      if (signedOut(e)) return;
      s.errors = flow.refused(e, s);
    }
  }
  showPage(flow.page(s), { moveFocus: true });
}

// Where a form page goes once its change is made, and what the notice there says.
export interface FormDone {
  heading: string;
  content?: SafeHtml;
  // The page to go to: the form's `back` page unless given.
  href?: string;
}

// A page that is one form: its fields, how they are checked and what it sends.
export interface FormPageSpec<S extends FormState> {
  // The form's id, and where the error summary's links go (field → the id to focus), in order.
  id: string;
  anchors: [name: string, anchor: string][];
  title: string;
  caption: string;
  // Which navigation item is current.
  section: string;
  // The page the form belongs to: the back link and Cancel.
  back: { href: string; text: string };
  // The notice left for this page (takeNotice()), shown until the form comes back with errors.
  notice?: SafeHtml;
  // Shown under the heading (a confidentiality line), then above the form.
  note?: SafeHtml;
  intro?: SafeHtml;
  fields: (s: S) => SafeHtml;
  submit: string;
  // A warning button, for a step that removes or cannot be undone.
  warning?: boolean;
  read: (form: HTMLFormElement) => S;
  send: (s: S) => Promise<FormDone>;
  refused: (e: unknown, s: S) => FieldErrors;
  // More behaviour once the form is in the page (buttons that add or remove fields).
  mount?: (main: HTMLElement) => void;
}

// A form page: back link, the problems, the heading and note, then the fields with the submit
// button beside Cancel. Taken, it goes on with a notice; wrong or refused, it comes back with
// its messages and focus on the error summary.
export function formPage<S extends FormState>(f: FormPageSpec<S>, s: S, rerender: () => void): Page {
  const errs = errorItems(s.errors, f.anchors);
  return {
    title: `${errs.length ? 'Error: ' : ''}${f.title}`,
    section: f.section,
    focus: '#review-notice',
    body: html`
      ${backLink(f.back.href, f.back.text)}
      ${errs.length ? errorSummary('There is a problem', errs) : (f.notice ?? nothing)}
      ${heading(f.title, f.caption)}
      ${f.note ?? nothing}
      ${f.intro ?? nothing}
      <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds"><form id="${f.id}" novalidate>
        ${f.fields(s)}
        ${submitGroup({ text: f.submit, cancelHref: f.back.href, warning: f.warning })}
      </form></div></div>`,
    mount: (main) => {
      mountForm(main, `#${f.id}`, {
        read: f.read,
        send: async (next) => {
          const done = await f.send(next);
          const href = done.href ?? f.back.href;
          leaveNotice(href, done.heading, done.content);
          navigate(href, rerender);
        },
        refused: f.refused,
        page: (next) => formPage(f, next, rerender),
      });
      f.mount?.(main);
    },
  };
}

// A number typed into a field: null when it is not one (blank included).
export function fieldNumber(text: string): number | null {
  if (!/^-?(\d+\.?\d*|\.\d+)$/.test(text)) return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}
