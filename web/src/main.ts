// trellis in the browser: restores the session, then renders the page for the location hash.

import './styles.scss';
import { setUnauthenticatedHandler } from './api';
import { assessPage } from './pages/assessments';
import { frameworkPage, frameworksPage, profileFormPage, profilePage, profilesPage } from './pages/competencies';
import { actionPage, actionsPage, changeActionPage, raisePage } from './pages/development';
import { formulaPage } from './pages/formula';
import { bodiesPage, bodyPage } from './pages/governance';
import { meetingPage, meetingRatingPage } from './pages/calibration';
import { notFoundPage, pageForError } from './pages/errors';
import { exportPage, importPage } from './pages/imports';
import { overviewPage } from './pages/overview';
import { addExternalPage, addFromRankingPage, discussionPage, planFormPage, planPage, raiseActionPage, readinessPage, removePage, riskPage } from './pages/plan';
import { boardReportPage, localGoverningBodyPage, payAndPersonnelPage, reportsPage } from './pages/reports';
import { simulationPage } from './pages/simulation';
import { dashboardPage, plansPage } from './pages/succession';
import { peoplePage, personPage } from './pages/people';
import { erasePage, personalDataPage } from './pages/privacy';
import { postPage, postsPage } from './pages/posts';
import { proposalPage, proposePage } from './pages/proposals';
import { cyclePage, cyclesPage, newMeetingPage, transitionPage } from './pages/review_cycles';
import { cycleSettingsPage } from './pages/review_settings';
import { schoolPage, schoolsPage } from './pages/schools';
import { signInPage } from './pages/signin';
import { trustsPage } from './pages/trusts';
import { currentLocation, hrefTo, match, navigate, positiveId, type Page, type Route, type RouteContext } from './router';
import { forget, restore, signOut, state } from './session';
import { mainElement, showPage } from './view';

document.body.classList.add('js-enabled');
if ('noModule' in HTMLScriptElement.prototype) document.body.classList.add('govuk-frontend-supported');

let renderToken = 0;
let firstRender = true;
let signOutNotice: string | undefined;

const rerender = () => void render();

// Only a same-app location may follow sign-in.
function safeNext(next: string | null): string {
  return next && /^#\/[^/]/.test(next) && !next.startsWith('#/sign-') ? next : '#/overview';
}

function afterSignIn(next: string): void {
  navigate(safeNext(next), rerender);
}

const routes: Route[] = [
  {
    pattern: /^\/sign-in$/,
    public: true,
    handler: (ctx) => {
      if (state.user) return redirect(safeNext(ctx.query.get('next')));
      const notice = signOutNotice;
      signOutNotice = undefined;
      return signInPage(ctx.query.get('next') ?? '#/overview', afterSignIn, notice, ctx.query.get('sso_error'));
    },
  },
  {
    pattern: /^\/sign-out$/,
    public: true,
    handler: async () => {
      if (state.user) await signOut().catch(() => forget());
      signOutNotice = 'You have signed out';
      return redirect('#/sign-in');
    },
  },
  { pattern: /^\/(?:overview)?$/, handler: () => overviewPage() },
  { pattern: /^\/schools$/, handler: () => schoolsPage() },
  { pattern: /^\/schools\/([^/]+)$/, handler: (ctx) => schoolPage(positiveId(ctx.params[0])) },
  { pattern: /^\/people$/, handler: (ctx) => peoplePage(ctx, rerender) },
  { pattern: /^\/people\/([^/]+)$/, handler: (ctx) => personPage(ctx.params[0]) },
  { pattern: /^\/people\/([^/]+)\/assessments\/new$/, handler: (ctx) => assessPage(ctx.params[0], rerender) },
  { pattern: /^\/people\/([^/]+)\/erase$/, handler: (ctx) => erasePage(ctx.params[0], rerender) },
  { pattern: /^\/posts$/, handler: (ctx) => postsPage(ctx, rerender) },
  { pattern: /^\/posts\/([^/]+)$/, handler: (ctx) => postPage(ctx.params[0]) },
  { pattern: /^\/governance$/, handler: () => bodiesPage() },
  { pattern: /^\/governance\/([^/]+)$/, handler: (ctx) => bodyPage(ctx.params[0]) },
  { pattern: /^\/import$/, handler: () => importPage() },
  { pattern: /^\/export$/, handler: () => exportPage() },
  { pattern: /^\/personal-data$/, handler: () => personalDataPage(rerender) },
  { pattern: /^\/trusts$/, handler: () => trustsPage(() => navigate('#/overview', rerender)) },
  { pattern: /^\/talent-review$/, handler: () => cyclesPage(rerender) },
  { pattern: /^\/talent-review\/([^/]+)$/, handler: (ctx) => cyclePage(ctx, rerender) },
  { pattern: /^\/talent-review\/([^/]+)\/settings$/, handler: (ctx) => cycleSettingsPage(ctx.params[0], rerender) },
  { pattern: /^\/talent-review\/([^/]+)\/start-calibration$/, handler: (ctx) => transitionPage(ctx.params[0], 'start-calibration', rerender) },
  { pattern: /^\/talent-review\/([^/]+)\/close$/, handler: (ctx) => transitionPage(ctx.params[0], 'close', rerender) },
  { pattern: /^\/talent-review\/([^/]+)\/meetings\/new$/, handler: (ctx) => newMeetingPage(ctx.params[0], rerender) },
  { pattern: /^\/talent-review\/([^/]+)\/meetings\/([^/]+)$/, handler: (ctx) => meetingPage(ctx.params[0], ctx.params[1]) },
  {
    pattern: /^\/talent-review\/([^/]+)\/meetings\/([^/]+)\/ratings\/([^/]+)$/,
    handler: (ctx) => meetingRatingPage(ctx.params[0], ctx.params[1], ctx.params[2], rerender),
  },
  { pattern: /^\/talent-review\/([^/]+)\/propose$/, handler: (ctx) => proposePage(ctx, rerender) },
  { pattern: /^\/talent-review\/([^/]+)\/propose\/([^/]+)$/, handler: (ctx) => proposalPage(ctx.params[0], ctx.params[1], rerender) },
  { pattern: /^\/succession$/, handler: () => dashboardPage() },
  { pattern: /^\/succession\/plans$/, handler: (ctx) => plansPage(ctx, rerender) },
  { pattern: /^\/succession\/simulation$/, handler: () => simulationPage() },
  { pattern: /^\/succession\/formula$/, handler: () => formulaPage(rerender) },
  { pattern: /^\/succession\/posts\/([^/]+)$/, handler: (ctx) => planPage(ctx.params[0], rerender) },
  { pattern: /^\/succession\/posts\/([^/]+)\/create$/, handler: (ctx) => planFormPage(ctx.params[0], 'create', rerender) },
  { pattern: /^\/succession\/posts\/([^/]+)\/edit$/, handler: (ctx) => planFormPage(ctx.params[0], 'edit', rerender) },
  { pattern: /^\/succession\/posts\/([^/]+)\/add$/, handler: (ctx) => addFromRankingPage(ctx.params[0], rerender) },
  { pattern: /^\/succession\/posts\/([^/]+)\/add-external$/, handler: (ctx) => addExternalPage(ctx.params[0], rerender) },
  { pattern: /^\/succession\/posts\/([^/]+)\/risk$/, handler: (ctx) => riskPage(ctx.params[0], rerender) },
  { pattern: /^\/succession\/posts\/([^/]+)\/discussions\/new$/, handler: (ctx) => discussionPage(ctx.params[0], rerender) },
  { pattern: /^\/succession\/posts\/([^/]+)\/candidates\/([^/]+)\/readiness$/, handler: (ctx) => readinessPage(ctx.params[0], ctx.params[1], rerender) },
  { pattern: /^\/succession\/posts\/([^/]+)\/candidates\/([^/]+)\/remove$/, handler: (ctx) => removePage(ctx.params[0], ctx.params[1], rerender) },
  { pattern: /^\/succession\/posts\/([^/]+)\/candidates\/([^/]+)\/actions\/new$/, handler: (ctx) => raiseActionPage(ctx.params[0], ctx.params[1], rerender) },
  { pattern: /^\/development$/, handler: (ctx) => actionsPage(ctx, rerender) },
  { pattern: /^\/development\/new$/, handler: (ctx) => raisePage(ctx, rerender) },
  { pattern: /^\/development\/([^/]+)$/, handler: (ctx) => actionPage(ctx.params[0]) },
  { pattern: /^\/development\/([^/]+)\/edit$/, handler: (ctx) => changeActionPage(ctx.params[0], rerender) },
  { pattern: /^\/competencies$/, handler: () => frameworksPage() },
  { pattern: /^\/competencies\/frameworks\/([^/]+)$/, handler: (ctx) => frameworkPage(ctx.params[0]) },
  { pattern: /^\/competencies\/role-profiles$/, handler: (ctx) => profilesPage(ctx) },
  { pattern: /^\/competencies\/role-profiles\/new$/, handler: (ctx) => profileFormPage(ctx, rerender) },
  { pattern: /^\/competencies\/role-profiles\/([^/]+)$/, handler: (ctx) => profilePage(ctx.params[0]) },
  { pattern: /^\/competencies\/role-profiles\/([^/]+)\/edit$/, handler: (ctx) => profileFormPage(ctx, rerender) },
  { pattern: /^\/reports$/, handler: () => reportsPage() },
  { pattern: /^\/reports\/board$/, handler: () => boardReportPage() },
  { pattern: /^\/reports\/pay-and-personnel$/, handler: () => payAndPersonnelPage() },
  { pattern: /^\/reports\/local-governing-body$/, handler: (ctx) => localGoverningBodyPage(ctx, rerender) },
];

class Redirect {
  constructor(readonly to: string) {}
}

function redirect(to: string): never {
  throw new Redirect(to);
}


async function render(): Promise<void> {
  const token = ++renderToken;
  const { path, query } = currentLocation();
  const found = match(routes, path);
  const moveFocus = !firstRender;
  firstRender = false;
  mainElement().setAttribute('aria-busy', 'true');
  let page: Page;
  try {
    if (!found) {
      page = notFoundPage();
    } else {
      if (!found.route.public && !state.user) {
        const here = window.location.hash || '#/overview';
        redirect(hrefTo('/sign-in', { next: here }));
      }
      const ctx: RouteContext = { path, params: found.params, query };
      page = await found.route.handler(ctx);
    }
  } catch (e) {
    if (e instanceof Redirect) {
      if (token === renderToken) navigate(e.to, rerender);
      return;
    }
    // A 401 has already sent the user to sign in.
    if (!state.user && !found?.route.public) return;
    page = pageForError(e);
  }
  if (token !== renderToken) return;
  showPage(page, { moveFocus });
}

setUnauthenticatedHandler(() => {
  const wasSignedIn = state.user !== null;
  forget();
  const { path } = currentLocation();
  if (path === '/sign-in') return;
  const next = wasSignedIn || path !== '/' ? window.location.hash : '';
  navigate(hrefTo('/sign-in', { next: next || undefined }), rerender);
});

// The skip link moves focus without changing the hash (which is the router's).
document.getElementById('skip-link')?.addEventListener('click', (event) => {
  event.preventDefault();
  const main = mainElement();
  main.focus();
  main.scrollIntoView();
});

window.addEventListener('hashchange', rerender);

async function start(): Promise<void> {
  try {
    await restore();
  } catch {
    // The server could not be reached; the page rendered next says so.
  }
  if (!window.location.hash || window.location.hash === '#' || window.location.hash === '#/') {
    window.history.replaceState(null, '', state.user ? '#/overview' : '#/sign-in');
  }
  await render();
}

void start();
