import { ApiError } from '../api';
import { html } from '../html';
import type { Page } from '../router';

export function notFoundPage(): Page {
  return {
    title: 'Page not found',
    body: html`<h1 class="govuk-heading-l">Page not found</h1>
      <p class="govuk-body">There is nothing here, or it is outside what your role lets you see.</p>
      <p class="govuk-body">If you typed the web address, check it is correct. If you followed a link, go back to the <a class="govuk-link" href="#/overview">trust overview</a>.</p>`,
  };
}

export function forbiddenPage(message?: string): Page {
  return {
    title: 'You cannot see this page',
    body: html`<h1 class="govuk-heading-l">You cannot see this page</h1>
      <p class="govuk-body">Your role does not let you see or change this.</p>
      ${message ? html`<p class="govuk-body">${message}</p>` : ''}
      <p class="govuk-body">Go back to the <a class="govuk-link" href="#/overview">trust overview</a>.</p>`,
  };
}

export function problemPage(error: unknown): Page {
  const busy = error instanceof ApiError && error.status === 503;
  const network = error instanceof ApiError && error.status === 0;
  return {
    title: 'Sorry, there is a problem with the service',
    body: html`<h1 class="govuk-heading-l">Sorry, there is a problem with the service</h1>
      <p class="govuk-body">${
        busy
          ? 'trellis is busy. Try again in a moment.'
          : network
            ? 'trellis could not be reached. Check your connection and try again.'
            : 'Try again later.'
      }</p>
      ${error instanceof ApiError && error.message && !network ? html`<p class="govuk-body">The server said: ${error.message}</p>` : ''}`,
  };
}

// The page for an API error while loading a page; null when it is not one we explain here.
export function pageForError(error: unknown): Page {
  if (error instanceof ApiError) {
    if (error.status === 404) return notFoundPage();
    if (error.status === 403) return forbiddenPage();
  }
  return problemPage(error);
}
