// Puts a page into <main>: title, header, govuk-frontend behaviour, then focus (to the
// error summary when there is one, else to the h1) so screen reader users hear the change.

import { initAll } from 'govuk-frontend';
import { renderHeader } from './layout';
import type { Page } from './router';

export function mainElement(): HTMLElement {
  return document.getElementById('main-content') as HTMLElement;
}

export function showPage(page: Page, options: { moveFocus: boolean }): void {
  const main = mainElement();
  document.title = `${page.title} – trellis`;
  renderHeader(page.section);
  main.innerHTML = page.body.value;
  // Which location this content is for; tests and tools wait on it.
  main.dataset.location = window.location.hash;
  main.removeAttribute('aria-busy');
  // The error summary focuses itself when initialised; only when we are moving focus.
  initAll({ scope: main, errorSummary: { disableAutoFocus: !options.moveFocus } });
  page.mount?.(main);
  if (!options.moveFocus) return;
  const summary = main.querySelector<HTMLElement>('.govuk-error-summary');
  if (summary) {
    summary.setAttribute('tabindex', '-1');
    summary.focus();
    return;
  }
  const target = page.focus ? main.querySelector<HTMLElement>(page.focus) : null;
  const h1 = target ?? main.querySelector<HTMLElement>('h1');
  if (h1) {
    if (!h1.hasAttribute('tabindex')) h1.setAttribute('tabindex', '-1');
    h1.focus();
  }
  window.scrollTo(0, 0);
}
