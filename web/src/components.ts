// GOV.UK Design System markup (govuk-frontend's components), as functions of their options.

import { html, nothing, SafeHtml } from './html';

export type Content = SafeHtml | string | number | null | undefined;

export function heading(text: string, caption?: string): SafeHtml {
  return html`${caption ? html`<span class="govuk-caption-l">${caption}</span>` : nothing}
    <h1 class="govuk-heading-l" tabindex="-1">${text}</h1>`;
}

export interface TableOptions {
  caption: string;
  // Shown to sighted users as the caption; hidden captions still name the table.
  captionHidden?: boolean;
  head: { text: string; numeric?: boolean; widthClass?: string }[];
  rows: Content[][];
  // The first cell of each row heads that row.
  rowHeaders?: boolean;
  empty?: string;
  // A sentence under the caption, e.g. how rows are numbered.
  note?: string;
}

export function table(options: TableOptions): SafeHtml {
  if (options.rows.length === 0 && options.empty) {
    return html`<p class="govuk-body">${options.empty}</p>`;
  }
  const numeric = options.head.map((h) => Boolean(h.numeric));
  const captionClass = options.captionHidden ? 'govuk-visually-hidden' : 'govuk-table__caption govuk-table__caption--m';
  return html`<div class="app-table-scroll" role="region" aria-label="${options.caption}" tabindex="0">
    <table class="govuk-table">
      <caption class="${captionClass}">${options.caption}${options.note ? html`<span class="govuk-body-s govuk-!-display-block govuk-!-margin-top-2 govuk-!-margin-bottom-0">${options.note}</span>` : nothing}</caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          ${options.head.map(
            (h) => html`<th scope="col" class="govuk-table__header${h.numeric ? ' govuk-table__header--numeric' : ''}${h.widthClass ? ` ${h.widthClass}` : ''}">${h.text}</th>`,
          )}
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        ${options.rows.map(
          (row) => html`<tr class="govuk-table__row">
            ${row.map((cell, i) =>
              i === 0 && options.rowHeaders
                ? html`<th scope="row" class="govuk-table__header">${cell}</th>`
                : html`<td class="govuk-table__cell${numeric[i] ? ' govuk-table__cell--numeric' : ''}">${cell}</td>`,
            )}
          </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

export function summaryList(rows: [string, Content][]): SafeHtml {
  return html`<dl class="govuk-summary-list">
    ${rows.map(
      ([key, value]) => html`<div class="govuk-summary-list__row">
        <dt class="govuk-summary-list__key">${key}</dt>
        <dd class="govuk-summary-list__value">${value === null || value === undefined || value === '' ? 'Not recorded' : value}</dd>
      </div>`,
    )}
  </dl>`;
}

export interface ErrorItem {
  text: string;
  href?: string;
}

export function errorSummary(title: string, items: ErrorItem[], description?: Content): SafeHtml {
  return html`<div class="govuk-error-summary" data-module="govuk-error-summary">
    <div role="alert">
      <h2 class="govuk-error-summary__title">${title}</h2>
      <div class="govuk-error-summary__body">
        ${description ? html`<p class="govuk-body">${description}</p>` : nothing}
        ${items.length
          ? html`<ul class="govuk-list govuk-error-summary__list">
              ${items.map((item) => html`<li>${item.href ? html`<a href="${item.href}">${item.text}</a>` : item.text}</li>`)}
            </ul>`
          : nothing}
      </div>
    </div>
  </div>`;
}

export function errorMessage(id: string, text: string | undefined): SafeHtml {
  if (!text) return nothing;
  return html`<p id="${id}-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> ${text}</p>`;
}

function describedBy(id: string, hint?: string, error?: string): string {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return ids;
}

export interface InputOptions {
  id: string;
  name: string;
  label: string;
  value?: string;
  hint?: string;
  error?: string;
  type?: string;
  autocomplete?: string;
  spellcheck?: boolean;
  widthClass?: string;
  labelClass?: string;
  // "decimal" or "numeric": the keyboard a phone shows.
  inputmode?: string;
}

export function textInput(o: InputOptions): SafeHtml {
  const aria = describedBy(o.id, o.hint, o.error);
  return html`<div class="govuk-form-group${o.error ? ' govuk-form-group--error' : ''}">
    <label class="govuk-label${o.labelClass ? ` ${o.labelClass}` : ''}" for="${o.id}">${o.label}</label>
    ${o.hint ? html`<div id="${o.id}-hint" class="govuk-hint">${o.hint}</div>` : nothing}
    ${errorMessage(o.id, o.error)}
    <input class="govuk-input${o.widthClass ? ` ${o.widthClass}` : ''}${o.error ? ' govuk-input--error' : ''}" id="${o.id}" name="${o.name}"
      type="${o.type ?? 'text'}" value="${o.value ?? ''}"${aria ? html` aria-describedby="${aria}"` : nothing}${
        o.autocomplete ? html` autocomplete="${o.autocomplete}"` : nothing
      }${o.spellcheck === false ? html` spellcheck="false"` : nothing}${o.inputmode ? html` inputmode="${o.inputmode}"` : nothing}>
  </div>`;
}

export function passwordInput(o: InputOptions): SafeHtml {
  const aria = describedBy(o.id, o.hint, o.error);
  return html`<div class="govuk-form-group govuk-password-input${o.error ? ' govuk-form-group--error' : ''}" data-module="govuk-password-input">
    <label class="govuk-label" for="${o.id}">${o.label}</label>
    ${errorMessage(o.id, o.error)}
    <div class="govuk-input__wrapper govuk-password-input__wrapper">
      <input class="govuk-input govuk-password-input__input govuk-js-password-input-input${o.error ? ' govuk-input--error' : ''}" id="${o.id}" name="${o.name}"
        type="password" spellcheck="false" autocapitalize="none" autocomplete="${o.autocomplete ?? 'current-password'}"${
          aria ? html` aria-describedby="${aria}"` : nothing
        }>
      <button type="button" class="govuk-button govuk-button--secondary govuk-password-input__toggle govuk-js-password-input-toggle" data-module="govuk-button" aria-controls="${o.id}" aria-label="Show password" hidden>Show</button>
    </div>
  </div>`;
}

export interface SelectOption {
  value: string;
  text: string;
}

export interface SelectGroup {
  label: string;
  options: SelectOption[];
}

// A select; `groups` follow `options`, each under its label (an <optgroup>).
export function select(o: {
  id: string;
  name: string;
  label: string;
  options: SelectOption[];
  groups?: SelectGroup[];
  value?: string;
  hint?: string;
  error?: string;
  labelClass?: string;
}): SafeHtml {
  const aria = describedBy(o.id, o.hint, o.error);
  const option = (opt: SelectOption) => html`<option value="${opt.value}"${opt.value === (o.value ?? '') ? html` selected` : nothing}>${opt.text}</option>`;
  return html`<div class="govuk-form-group${o.error ? ' govuk-form-group--error' : ''}">
    <label class="govuk-label${o.labelClass ? ` ${o.labelClass}` : ''}" for="${o.id}">${o.label}</label>
    ${o.hint ? html`<div id="${o.id}-hint" class="govuk-hint">${o.hint}</div>` : nothing}
    ${errorMessage(o.id, o.error)}
    <select class="govuk-select${o.error ? ' govuk-select--error' : ''}" id="${o.id}" name="${o.name}"${aria ? html` aria-describedby="${aria}"` : nothing}>
      ${o.options.map(option)}
      ${(o.groups ?? []).map((g) => html`<optgroup label="${g.label}">${g.options.map(option)}</optgroup>`)}
    </select>
  </div>`;
}

export function textarea(o: InputOptions & { rows?: number }): SafeHtml {
  const aria = describedBy(o.id, o.hint, o.error);
  return html`<div class="govuk-form-group${o.error ? ' govuk-form-group--error' : ''}">
    <label class="govuk-label${o.labelClass ? ` ${o.labelClass}` : ''}" for="${o.id}">${o.label}</label>
    ${o.hint ? html`<div id="${o.id}-hint" class="govuk-hint">${o.hint}</div>` : nothing}
    ${errorMessage(o.id, o.error)}
    <textarea class="govuk-textarea${o.error ? ' govuk-textarea--error' : ''}" id="${o.id}" name="${o.name}" rows="${o.rows ?? 4}"${
      aria ? html` aria-describedby="${aria}"` : nothing
    }${o.spellcheck === false ? html` spellcheck="false"` : nothing}>${o.value ?? ''}</textarea>
  </div>`;
}

export interface RadioItem {
  value: string;
  text: string;
  hint?: string;
  // Shown under the item while it is chosen (govuk-frontend's conditional reveal).
  conditional?: SafeHtml;
}

// A set of radios in a fieldset whose legend asks the question. The first radio's id is `id`
// (the others `id-2`, `id-3` …), so an error summary links to `#id` as the Design System asks.
export function radios(o: {
  id: string;
  name: string;
  legend: string;
  legendClass?: string;
  items: RadioItem[];
  value?: string;
  hint?: string;
  error?: string;
  inline?: boolean;
  small?: boolean;
}): SafeHtml {
  const aria = describedBy(o.id, o.hint, o.error);
  const itemId = (i: number) => (i === 0 ? o.id : `${o.id}-${i + 1}`);
  const classes = ['govuk-radios', o.inline ? 'govuk-radios--inline' : '', o.small ? 'govuk-radios--small' : ''].filter(Boolean).join(' ');
  return html`<div class="govuk-form-group${o.error ? ' govuk-form-group--error' : ''}">
    <fieldset class="govuk-fieldset"${aria ? html` aria-describedby="${aria}"` : nothing}>
      <legend class="govuk-fieldset__legend ${o.legendClass ?? 'govuk-fieldset__legend--s'}">${o.legend}</legend>
      ${o.hint ? html`<div id="${o.id}-hint" class="govuk-hint">${o.hint}</div>` : nothing}
      ${errorMessage(o.id, o.error)}
      <div class="${classes}" data-module="govuk-radios">
        ${o.items.map((item, i) => {
          const id = itemId(i);
          const conditionalId = `conditional-${id}`;
          return html`<div class="govuk-radios__item">
              <input class="govuk-radios__input" id="${id}" name="${o.name}" type="radio" value="${item.value}"${
                item.value === o.value ? html` checked` : nothing
              }${item.hint ? html` aria-describedby="${id}-item-hint"` : nothing}${item.conditional ? html` data-aria-controls="${conditionalId}"` : nothing}>
              <label class="govuk-label govuk-radios__label" for="${id}">${item.text}</label>
              ${item.hint ? html`<div id="${id}-item-hint" class="govuk-hint govuk-radios__hint">${item.hint}</div>` : nothing}
            </div>
            ${item.conditional
              ? html`<div class="govuk-radios__conditional${item.value === o.value ? '' : ' govuk-radios__conditional--hidden'}" id="${conditionalId}">${item.conditional}</div>`
              : nothing}`;
        })}
      </div>
    </fieldset>
  </div>`;
}

export interface DateParts {
  day: string;
  month: string;
  year: string;
}

// "2026-11-23" (or nothing) → its day, month and year as typed into a date input.
export function dateParts(iso: string | null | undefined): DateParts {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso ?? '');
  return m ? { day: String(Number(m[3])), month: String(Number(m[2])), year: m[1]! } : { day: '', month: '', year: '' };
}

// Today in the browser's time zone, as typed into a date input.
export function todayParts(): DateParts {
  const t = new Date();
  return { day: String(t.getDate()), month: String(t.getMonth() + 1), year: String(t.getFullYear()) };
}

// Today in the browser's time zone, as "YYYY-MM-DD".
export function todayIso(): string {
  return isoDate(todayParts()) ?? '';
}

// Whether nothing was typed into a date input (an optional date left out).
export function blankDate(parts: DateParts): boolean {
  return !parts.day && !parts.month && !parts.year;
}

// The day typed into a date input as "YYYY-MM-DD", or null when it is not a real date.
export function isoDate(parts: DateParts): string | null {
  const [d, m, y] = [parts.day, parts.month, parts.year].map((t) => t.trim());
  if (!/^\d{1,2}$/.test(d ?? '') || !/^\d{1,2}$/.test(m ?? '') || !/^\d{4}$/.test(y ?? '')) return null;
  const day = Number(d);
  const month = Number(m);
  const year = Number(y);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

// The GOV.UK date input: day, month and year fields (`id-day` … ) in a fieldset. An error
// summary links to `#id-day`.
export function dateInput(o: { id: string; name: string; legend: string; hint?: string; error?: string; value: DateParts }): SafeHtml {
  const aria = describedBy(o.id, o.hint, o.error);
  const field = (part: keyof DateParts, label: string, width: string) =>
    html`<div class="govuk-date-input__item"><div class="govuk-form-group">
      <label class="govuk-label govuk-date-input__label" for="${o.id}-${part}">${label}</label>
      <input class="govuk-input govuk-date-input__input ${width}${o.error ? ' govuk-input--error' : ''}" id="${o.id}-${part}" name="${o.name}-${part}" type="text" inputmode="numeric" value="${o.value[part]}">
    </div></div>`;
  return html`<div class="govuk-form-group${o.error ? ' govuk-form-group--error' : ''}">
    <fieldset class="govuk-fieldset" role="group"${aria ? html` aria-describedby="${aria}"` : nothing}>
      <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">${o.legend}</legend>
      ${o.hint ? html`<div id="${o.id}-hint" class="govuk-hint">${o.hint}</div>` : nothing}
      ${errorMessage(o.id, o.error)}
      <div class="govuk-date-input" id="${o.id}">
        ${field('day', 'Day', 'govuk-input--width-2')}${field('month', 'Month', 'govuk-input--width-2')}${field('year', 'Year', 'govuk-input--width-4')}
      </div>
    </fieldset>
  </div>`;
}

export function warningText(text: Content): SafeHtml {
  return html`<div class="govuk-warning-text">
    <span class="govuk-warning-text__icon" aria-hidden="true">!</span>
    <strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">Warning</span> ${text}</strong>
  </div>`;
}

export function details(o: { id?: string; summary: string; content: Content; open?: boolean }): SafeHtml {
  return html`<details class="govuk-details"${o.id ? html` id="${o.id}"` : nothing}${o.open ? html` open` : nothing}>
    <summary class="govuk-details__summary"><span class="govuk-details__summary-text">${o.summary}</span></summary>
    <div class="govuk-details__text">${o.content}</div>
  </details>`;
}

// A notification banner. A success banner is announced (role "alert") and can take focus
// (tabindex -1): a page that shows one after a change names it as its `focus`.
export function notificationBanner(o: { id: string; heading: Content; content?: Content; success?: boolean; title?: string }): SafeHtml {
  const title = o.title ?? (o.success ? 'Success' : 'Important');
  return html`<div class="govuk-notification-banner${o.success ? ' govuk-notification-banner--success' : ''}"${
    o.success ? html` role="alert"` : html` role="region"`
  } aria-labelledby="${o.id}-title" id="${o.id}" tabindex="-1">
    <div class="govuk-notification-banner__header"><h2 class="govuk-notification-banner__title" id="${o.id}-title">${title}</h2></div>
    <div class="govuk-notification-banner__content">
      <h3 class="govuk-notification-banner__heading">${o.heading}</h3>
      ${o.content ?? nothing}
    </div>
  </div>`;
}

// A form's submit button with a Cancel link beside it; a warning button for a step that
// removes or cannot be undone.
export function submitGroup(o: { text: Content; cancelHref: string; id?: string; warning?: boolean }): SafeHtml {
  return html`<div class="govuk-button-group">
    <button type="submit" class="govuk-button${o.warning ? ' govuk-button--warning' : ''}" data-module="govuk-button"${o.id ? html` id="${o.id}"` : nothing}>${o.text}</button>
    <a class="govuk-link" href="${o.cancelHref}">Cancel</a>
  </div>`;
}

export function backLink(href: string, text = 'Back'): SafeHtml {
  return html`<a href="${href}" class="govuk-back-link">${text}</a>`;
}

export function checkboxes(o: { legend: string; items: { id: string; name: string; label: string; checked: boolean; hint?: string }[] }): SafeHtml {
  return html`<div class="govuk-form-group">
    <fieldset class="govuk-fieldset">
      <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">${o.legend}</legend>
      <div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
        ${o.items.map(
          (item) => html`<div class="govuk-checkboxes__item">
            <input class="govuk-checkboxes__input" id="${item.id}" name="${item.name}" type="checkbox" value="true"${item.checked ? html` checked` : nothing}>
            <label class="govuk-label govuk-checkboxes__label" for="${item.id}">${item.label}</label>
          </div>`,
        )}
      </div>
    </fieldset>
  </div>`;
}

export function tag(text: string, colour?: 'grey' | 'green' | 'red' | 'yellow' | 'blue' | 'orange' | 'purple'): SafeHtml {
  return html`<strong class="govuk-tag${colour ? ` govuk-tag--${colour}` : ''}">${text}</strong>`;
}

export function link(href: string, text: Content): SafeHtml {
  return html`<a class="govuk-link" href="${href}">${text}</a>`;
}

// GOV.UK pagination: previous, numbered pages (with ellipses), next.
export function pagination(o: { offset: number; limit: number; total: number; hrefFor: (offset: number) => string; label: string }): SafeHtml {
  const pages = Math.max(1, Math.ceil(o.total / o.limit));
  const current = Math.floor(o.offset / o.limit) + 1;
  if (pages <= 1) return nothing;
  const shown = new Set<number>([1, pages, current, current - 1, current + 1].filter((p) => p >= 1 && p <= pages));
  const numbers = [...shown].sort((a, b) => a - b);
  const items: SafeHtml[] = [];
  let last = 0;
  for (const p of numbers) {
    if (p - last > 1) items.push(html`<li class="govuk-pagination__item govuk-pagination__item--ellipses">&ctdot;</li>`);
    items.push(
      p === current
        ? html`<li class="govuk-pagination__item govuk-pagination__item--current">
            <a class="govuk-link govuk-pagination__link" href="${o.hrefFor((p - 1) * o.limit)}" aria-label="Page ${p}" aria-current="page">${p}</a></li>`
        : html`<li class="govuk-pagination__item">
            <a class="govuk-link govuk-pagination__link" href="${o.hrefFor((p - 1) * o.limit)}" aria-label="Page ${p}">${p}</a></li>`,
    );
    last = p;
  }
  const arrowPrev = html`<svg class="govuk-pagination__icon govuk-pagination__icon--prev" xmlns="http://www.w3.org/2000/svg" height="13" width="15" aria-hidden="true" focusable="false" viewBox="0 0 15 13"><path d="m6.5938-0.0078125-6.7266 6.7266 6.7441 6.4062 1.377-1.449-4.1856-3.9768h12.896v-2h-12.984l4.2931-4.293-1.414-1.414z"></path></svg>`;
  const arrowNext = html`<svg class="govuk-pagination__icon govuk-pagination__icon--next" xmlns="http://www.w3.org/2000/svg" height="13" width="15" aria-hidden="true" focusable="false" viewBox="0 0 15 13"><path d="m8.107-0.0078125-1.4136 1.414 4.2926 4.293h-12.986v2h12.896l-4.1855 3.9766 1.377 1.4492 6.7441-6.4062-6.7246-6.7266z"></path></svg>`;
  return html`<nav class="govuk-pagination" aria-label="${o.label}">
    ${current > 1
      ? html`<div class="govuk-pagination__prev"><a class="govuk-link govuk-pagination__link" href="${o.hrefFor((current - 2) * o.limit)}" rel="prev">${arrowPrev}<span class="govuk-pagination__link-title">Previous<span class="govuk-visually-hidden"> page</span></span></a></div>`
      : nothing}
    <ul class="govuk-pagination__list">${items}</ul>
    ${current < pages
      ? html`<div class="govuk-pagination__next"><a class="govuk-link govuk-pagination__link" href="${o.hrefFor(current * o.limit)}" rel="next"><span class="govuk-pagination__link-title">Next<span class="govuk-visually-hidden"> page</span></span>${arrowNext}</a></div>`
      : nothing}
  </nav>`;
}

export function resultCount(o: { offset: number; shown: number; total: number; noun: string; nounPlural: string }): SafeHtml {
  if (o.total === 0) return html`<p class="govuk-body" role="status">No ${o.nounPlural} match.</p>`;
  const first = o.offset + 1;
  const lastShown = o.offset + o.shown;
  return html`<p class="govuk-body" role="status">Showing ${first} to ${lastShown} of ${o.total} ${o.total === 1 ? o.noun : o.nounPlural}</p>`;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

// "2026-09-01" → "1 September 2026", as GOV.UK writes dates.
export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!m) return value;
  const month = MONTHS[Number(m[2]) - 1];
  return month ? `${Number(m[3])} ${month} ${m[1]}` : value;
}

export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined) return '';
  return value.toLocaleString('en-GB');
}

// 0.345 → "35%".
export function formatPercent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

export function personName(p: { given_name?: string; family_name?: string }): string {
  return [p.given_name, p.family_name].filter(Boolean).join(' ');
}

// Words for the codes of one enumeration: `table`'s, else the code with spaces; `none` for no code.
export function labeller(table: Record<string, string>): (code: string | null | undefined, none?: string) => string {
  return (code, none = 'Not recorded') => (code ? (table[code] ?? code.replace(/_/g, ' ')) : none);
}
