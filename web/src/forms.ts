// What a submitted form holds, the API's refusals of it as messages beside its fields, and
// the round of a form page: checked, sent, and shown again with its messages until taken.

import { ApiError } from './api';
import type { DateParts, ErrorItem } from './components';
import type { Page } from './router';
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
