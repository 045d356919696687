// Single sign-on end to end (run by ../browser/run.sh ../oidc): a real OpenID provider
// (oidc-provider, started here), a trellis server with the demo trust configured for it, and
// Debian's Chromium clicking through the sign-in page, the provider's login form and back.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { PASSWORD, USERS, freePort, launchBrowser, newPage, startServer } from '../browser/helpers.mjs';
import { startProvider } from './provider.mjs';

const CLIENT_ID = 'trellis-test';
const CLIENT_SECRET = 'a-client-secret-for-this-test-only';
const LABEL = 'Oakridge ID';

let provider;
let server;
let browser;
// The callbacks the provider sent browsers to, in order: address and binding cookie.
const callbacks = [];

// A JSON request to trellis with a session made by password (for setting up and checking).
async function api(session, method, path, body) {
  const r = await fetch(`${server.baseUrl}/api/v1${path}`, {
    method,
    headers: {
      'Content-Type': 'application/json',
      ...(session ? { Cookie: session.cookie, 'X-CSRF-Token': session.csrf } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : null, headers: r.headers };
}

async function passwordSession(email) {
  const r = await api(null, 'POST', '/session', { email, password: PASSWORD });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const cookie = r.headers.get('set-cookie').split(';')[0];
  return { cookie, csrf: r.body.csrf_token, user: r.body.user };
}

before(async () => {
  const trellisPort = await freePort();
  const providerPort = await freePort();
  const redirectUri = `http://127.0.0.1:${trellisPort}/auth/oidc/oakridge/callback`;
  provider = await startProvider({
    port: providerPort,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    redirectUri,
    accounts: { 'unverified@oakridge.example': { email_verified: false } },
  });
  server = await startServer({
    port: trellisPort,
    env: {
      TRELLIS_PUBLIC_URL: `http://127.0.0.1:${trellisPort}`,
      TRELLIS_OIDC_TEST_SECRET: CLIENT_SECRET,
      // The demo trust is the first trust of a new store: id 1 (checked below).
      TRELLIS_OIDC_PROVIDERS: JSON.stringify([
        {
          name: 'oakridge',
          label: LABEL,
          issuer: provider.issuer,
          client_id: CLIENT_ID,
          client_secret_env: 'TRELLIS_OIDC_TEST_SECRET',
          trusts: [{ trust_id: 1, email_domains: ['oakridge.example'] }],
        },
      ]),
    },
  });
  // A second trust with a user whose address is in the demo trust's domain, and one in its
  // own domain: neither may sign in through the demo trust's provider.
  const admin = await passwordSession(USERS.platformAdmin);
  const hr = await passwordSession(USERS.trustAdmin);
  assert.equal(hr.user.trust_id, 1);
  const other = await api(admin, 'POST', '/trusts', { name: 'Elmfield Schools Trust' });
  assert.equal(other.status, 201, JSON.stringify(other.body));
  for (const email of ['visitor@oakridge.example', 'head@elmfield.example']) {
    const added = await api(admin, 'POST', `/trusts/${other.body.id}/users`, {
      email,
      display_name: email,
      role: 'trust_admin',
      password: 'another-long-password-2026',
    });
    assert.equal(added.status, 201, JSON.stringify(added.body));
  }
  browser = await launchBrowser();
});

after(async () => {
  if (process.env.TRELLIS_TEST_SHOW_LOG) console.log(server?.log.join(''));
  await browser?.close();
  await server?.stop();
  await provider?.stop();
});

// Clicks "Sign in with …" on trellis's sign-in page (from `hash`), signs in at the provider
// as `email`, and returns the page once trellis has drawn where it landed.
async function signInWithProvider(email, hash = '#/sign-in') {
  const { context, page, errors } = await newPage(browser);
  page.on('request', async (request) => {
    if (!request.url().includes('/auth/oidc/oakridge/callback')) return;
    const cookie = (await request.allHeaders()).cookie ?? '';
    callbacks.push({ url: request.url(), binding: /trellis_oidc=([^;]+)/.exec(cookie)?.[1] });
  });
  await page.goto(`${server.baseUrl}/${hash}`);
  await page.getByRole('button', { name: `Sign in with ${LABEL}` }).click();
  await page.waitForURL((url) => url.origin === provider.issuer);
  await page.locator('input[name=login]').fill(email);
  await page.locator('input[name=password]').fill('any password: the test provider takes any');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.waitForURL((url) => url.origin === server.baseUrl && url.hash !== '' && !url.pathname.startsWith('/auth/'));
  await page.locator('main h1').first().waitFor();
  return { context, page, errors };
}

async function sessionOf(page) {
  return page.evaluate(async () => {
    const r = await fetch('/api/v1/session', { credentials: 'same-origin' });
    return { status: r.status, body: await r.json() };
  });
}

async function expectRefusedWith(page, message) {
  await page.getByRole('heading', { name: 'Sign in to trellis' }).waitFor();
  assert.match(page.url(), /#\/sign-in\?sso_error=/);
  await page.getByText(message).first().waitFor();
  assert.equal((await sessionOf(page)).status, 401);
}

test('the sign-in page offers the configured provider', async () => {
  const providers = await api(null, 'GET', '/sso/providers');
  assert.deepEqual(providers.body, {
    providers: [{ name: 'oakridge', label: LABEL, start: '/auth/oidc/oakridge/start' }],
  });
});

test('a headteacher signs in with the provider and lands where they were going, with their role', async () => {
  const { context, page, errors } = await signInWithProvider(USERS.headteacher, '#/sign-in?next=%23%2Fpeople');
  await page.waitForURL((url) => url.hash === '#/people');
  const session = await sessionOf(page);
  assert.equal(session.status, 200);
  assert.equal(session.body.user.email, USERS.headteacher);
  assert.equal(session.body.user.role, 'headteacher');
  assert.equal(session.body.user.trust_id, 1);
  assert.deepEqual(errors, []);
  await context.close();

  // The audit log says how.
  const hr = await passwordSession(USERS.trustAdmin);
  const audit = await api(hr, 'GET', `/trusts/1/audit?action=sign_in&user_id=${session.body.user.id}`);
  assert.equal(audit.status, 200);
  assert.ok(
    audit.body.items.some((e) => e.after?.via === LABEL),
    JSON.stringify(audit.body.items),
  );
});

test('a replayed callback (the same state) is refused', async () => {
  assert.ok(callbacks.length > 0, 'the provider sent the browser back');
  const used = callbacks[callbacks.length - 1];
  // Replayed from a browser holding the same binding cookie, so only the state's single use
  // stands in the way.
  assert.ok(used.binding, 'the browser was bound to its sign-in');
  const { context, page } = await newPage(browser);
  await context.addCookies([{ name: 'trellis_oidc', value: used.binding, url: `${server.baseUrl}/auth/oidc/` }]);
  await page.goto(used.url);
  await expectRefusedWith(page, 'Your sign-in took too long or was already used.');
  await context.close();
});

test('an email with no trellis user is refused', async () => {
  const { context, page } = await signInWithProvider('nobody@oakridge.example');
  await expectRefusedWith(page, 'there is no trellis account for that email address');
  await context.close();
});

test("users of another trust are refused, in the trust's domain or their own", async () => {
  for (const email of ['visitor@oakridge.example', 'head@elmfield.example']) {
    const { context, page } = await signInWithProvider(email);
    await expectRefusedWith(page, 'there is no trellis account for that email address');
    await context.close();
  }
});

test('an email the provider has not verified is refused', async () => {
  const { context, page } = await signInWithProvider('unverified@oakridge.example');
  await expectRefusedWith(page, 'there is no trellis account for that email address');
  await context.close();
});
