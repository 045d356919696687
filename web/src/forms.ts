// What a submitted form holds, and the API's refusals of it as messages beside its fields.

import { ApiError } from './api';
import type { ErrorItem } from './components';

// The trimmed text of a form's field ('' when absent).
export function fieldText(form: HTMLFormElement, name: string): string {
  const value = new FormData(form).get(name);
  return typeof value === 'string' ? value.trim() : '';
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
