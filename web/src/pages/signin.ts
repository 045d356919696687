import { ApiError, get } from '../api';
import { errorSummary, notificationBanner, passwordInput, textInput, type ErrorItem } from '../components';
import { html, nothing } from '../html';
import type { Page } from '../router';
import { signIn } from '../session';
import { showPage } from '../view';

// A single sign-on provider the server is configured with (GET /api/v1/sso/providers).
interface Provider {
  name: string;
  label: string;
  start: string;
}

interface SignInState {
  email: string;
  errors: { email?: string; password?: string; form?: string };
  notice?: string;
  providers: Provider[];
}

// What the server's single sign-on callback means by each reason it sends back
// (src/http/routes_sso.cc).
const SSO_ERRORS: Record<string, string> = {
  refused:
    'You signed in with your organisation, but there is no trellis account for that email address that may sign in this way. Ask your trust administrator.',
  expired: 'Your sign-in took too long or was already used. Try again.',
  cancelled: 'You did not finish signing in with your organisation. Try again.',
  unavailable: 'Your organisation’s sign-in service could not be reached. Try again later, or sign in with your password.',
  too_many: 'You have tried to sign in too many times. Wait a few minutes, then try again.',
  unknown_provider: 'That sign-in service is not set up for trellis.',
};

// `next` is where to go once signed in (a "#/…" location); `ssoError` the reason a single
// sign-on came back refused, if it did.
export async function signInPage(
  next: string,
  onSignedIn: (next: string) => void,
  notice?: string,
  ssoError?: string | null,
): Promise<Page> {
  // Password sign-in still works when the list cannot be had.
  const providers = await get<{ providers: Provider[] }>('/sso/providers')
    .then((r) => r.providers)
    .catch(() => []);
  const form = ssoError ? (SSO_ERRORS[ssoError] ?? SSO_ERRORS.refused) : undefined;
  return build({ email: '', errors: { form }, notice, providers }, next, onSignedIn);
}

// A provider's start address, returning to `next` in this app once signed in.
function startHref(provider: Provider, next: string): string {
  return `${provider.start}?${new URLSearchParams({ return_to: `/${next}` }).toString()}`;
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
      ${s.providers.length
        ? html`<h2 class="govuk-heading-m">Or sign in with your organisation</h2>
            <div class="govuk-button-group">
              ${s.providers.map(
                (p) => html`<a href="${startHref(p, next)}" role="button" draggable="false"
                  class="govuk-button govuk-button--secondary" data-module="govuk-button">Sign in with ${p.label}</a>`,
              )}
            </div>`
        : nothing}
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
  showPage(build({ email, errors, providers: await providersShown() }, next, onSignedIn), { moveFocus: true });
}

// The providers on the page now, kept when the page is drawn again with errors.
async function providersShown(): Promise<Provider[]> {
  return get<{ providers: Provider[] }>('/sso/providers')
    .then((r) => r.providers)
    .catch(() => []);
}
