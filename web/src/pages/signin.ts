import { ApiError } from '../api';
import { errorSummary, notificationBanner, passwordInput, textInput, type ErrorItem } from '../components';
import { html, nothing } from '../html';
import type { Page } from '../router';
import { signIn } from '../session';
import { showPage } from '../view';

interface SignInState {
  email: string;
  errors: { email?: string; password?: string; form?: string };
  notice?: string;
}

// `next` is where to go once signed in (a "#/…" location).
export function signInPage(next: string, onSignedIn: (next: string) => void, notice?: string): Page {
  return build({ email: '', errors: {}, notice }, next, onSignedIn);
}

function build(s: SignInState, next: string, onSignedIn: (next: string) => void): Page {
  const items: ErrorItem[] = [];
  if (s.errors.form) items.push({ text: s.errors.form, href: '#email' });
  if (s.errors.email) items.push({ text: s.errors.email, href: '#email' });
  if (s.errors.password) items.push({ text: s.errors.password, href: '#password' });
  return {
    title: items.length ? 'Error: Sign in' : 'Sign in',
    section: 'sign-in',
    body: html`<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
      ${items.length ? errorSummary('There is a problem', items) : nothing}
      ${s.notice && !items.length
        ? notificationBanner({ id: 'signed-out', success: true, heading: s.notice })
        : nothing}
      <h1 class="govuk-heading-l">Sign in to trellis</h1>
      <form id="sign-in-form" novalidate>
        ${textInput({
          id: 'email',
          name: 'email',
          label: 'Email address',
          type: 'email',
          autocomplete: 'username',
          spellcheck: false,
          value: s.email,
          error: s.errors.email,
        })}
        ${passwordInput({ id: 'password', name: 'password', label: 'Password', error: s.errors.password })}
        <button type="submit" class="govuk-button" data-module="govuk-button" data-prevent-double-click="true">Sign in</button>
      </form>
    </div></div>`,
    mount: (main) => {
      const form = main.querySelector<HTMLFormElement>('#sign-in-form');
      form?.addEventListener('submit', (event) => {
        event.preventDefault();
        void submit(form, next, onSignedIn);
      });
    },
  };
}

async function submit(form: HTMLFormElement, next: string, onSignedIn: (next: string) => void): Promise<void> {
  const data = new FormData(form);
  const email = String(data.get('email') ?? '').trim();
  const password = String(data.get('password') ?? '');
  const errors: SignInState['errors'] = {};
  if (!email) errors.email = 'Enter your email address';
  if (!password) errors.password = 'Enter your password';
  if (!errors.email && !errors.password) {
    const button = form.querySelector('button[type=submit]');
    button?.setAttribute('disabled', 'disabled');
    try {
      await signIn(email, password);
      onSignedIn(next);
      return;
    } catch (e) {
      if (e instanceof ApiError && e.status === 429) {
        errors.form = 'You have tried to sign in too many times. Wait a few minutes, then try again.';
      } else if (e instanceof ApiError && (e.status === 401 || e.status === 400 || e.status === 422 || e.status === 403)) {
        errors.form = 'Enter a correct email address and password';
      } else if (e instanceof ApiError && e.status === 0) {
        errors.form = 'trellis could not be reached. Check your connection and try again.';
      } else {
        errors.form = 'Sorry, there is a problem with the service. Try again later.';
      }
    }
  }
  showPage(build({ email, errors }, next, onSignedIn), { moveFocus: true });
}
