// (e) Signing out ends the session: the old cookie no longer grants access. Also sign-in
// errors and the return to sign-in on 401.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkPageBasics, expectH1, launchBrowser, newPage, signIn, startServer, USERS, useServerAndBrowser, expectFocus } from './helpers.mjs';

const env = useServerAndBrowser();

test('sign out: back to sign in, and the old session cookie is refused', async () => {
  const { context, page, errors } = await newPage(env.browser);
  await signIn(page, env.server.baseUrl, USERS.staff);
  const cookies = await context.cookies();
  const session = cookies.find((c) => c.name === 'trellis_session');
  assert.ok(session, 'a session cookie is set');
  assert.ok(session.httpOnly, 'the session cookie is HttpOnly');
  assert.equal((await page.request.get(`${env.server.baseUrl}/api/v1/session`)).status(), 200);

  await page.getByRole('link', { name: 'Sign out' }).click();
  await expectH1(page, 'Sign in to trellis');
  assert.match(await page.locator('main').innerText(), /You have signed out/);
  assert.equal((await page.request.get(`${env.server.baseUrl}/api/v1/session`)).status(), 401);

  // The old cookie, replayed from elsewhere, grants nothing.
  const replay = await env.browser.newContext();
  await replay.addCookies([{ ...session }]);
  const r = await replay.request.get(`${env.server.baseUrl}/api/v1/session`);
  assert.equal(r.status(), 401);
  const people = await replay.request.get(`${env.server.baseUrl}/api/v1/trusts/1/people`);
  assert.equal(people.status(), 401);
  await replay.close();

  // And the pages send you to sign in.
  await page.goto(`${env.server.baseUrl}/#/people`);
  await expectH1(page, 'Sign in to trellis');
  assert.deepEqual(errors, []);
  await context.close();
});

test('sign in: blank fields and a wrong password are reported in an error summary', async () => {
  const { context, page, errors } = await newPage(env.browser);
  await page.goto(`${env.server.baseUrl}/`);
  await expectH1(page, 'Sign in to trellis');
  await checkPageBasics(page, assert);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const summary = page.locator('.govuk-error-summary');
  await summary.waitFor();
  assert.match(await summary.innerText(), /Enter your email address/);
  assert.match(await summary.innerText(), /Enter your password/);
  await expectFocus(page);

  await page.getByLabel('Email address').fill(USERS.staff);
  await page.getByLabel('Password', { exact: true }).fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('.govuk-error-summary', { hasText: 'Enter a correct email address and password' }).waitFor();
  assert.match(await page.title(), /^Error: /);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a session that ends while in use sends the next page to sign in, then back', async () => {
  const { context, page, errors } = await newPage(env.browser);
  await signIn(page, env.server.baseUrl, USERS.executive);
  await context.clearCookies();
  await page.getByRole('link', { name: 'Schools', exact: true }).click();
  await expectH1(page, 'Sign in to trellis');
  await page.getByLabel('Email address').fill(USERS.executive);
  await page.getByLabel('Password', { exact: true }).fill('trellis-demo-2026');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expectH1(page, 'Schools');
  assert.deepEqual(errors, []);
  await context.close();
});

test('sign in: a deep link survives signing in', async () => {
  const { context, page } = await newPage(env.browser);
  await page.goto(`${env.server.baseUrl}/#/governance`);
  await expectH1(page, 'Sign in to trellis');
  await page.getByLabel('Email address').fill(USERS.governor);
  await page.getByLabel('Password', { exact: true }).fill('trellis-demo-2026');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expectH1(page, 'Governance');
  await context.close();
});

test('every role can sign in and see the overview', async () => {
  for (const email of Object.values(USERS)) {
    const { context, page, errors } = await newPage(env.browser);
    await signIn(page, env.server.baseUrl, email);
    await checkPageBasics(page, assert);
    assert.deepEqual(errors, [], `no script errors for ${email}`);
    await context.close();
  }
});
