// (a) A trust administrator sees the whole trust: every school and people from several.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { waitForRendered, apiGet, checkPageBasics, expectH1, h1Text, launchBrowser, newPage, signIn, startServer, trustId, USERS, useServerAndBrowser, expectFocus } from './helpers.mjs';

const env = useServerAndBrowser();

test('trust admin: the overview lists all 8 schools and the scope', async () => {
  const { context, page, errors } = await newPage(env.browser);
  await signIn(page, env.server.baseUrl, USERS.trustAdmin);
  assert.match(await page.locator('#trust-name').innerText(), /Oakridge Learning Trust/);
  assert.match(await page.locator('#signed-in-user').innerText(), /Trust administrator/);
  assert.match(await page.locator('#scope-note').innerText(), /whole trust/);
  const schoolRows = page.locator('table:has(caption:text-matches("^Schools")) tbody tr');
  assert.equal(await schoolRows.count(), 8);
  // Headcount by stage and family.
  assert.ok((await page.locator('table:has(caption:text("Headcount by career stage and role family")) tbody tr').count()) > 1);
  await checkPageBasics(page, assert);
  // Import is offered to a trust administrator.
  assert.equal(await page.locator('nav a[href="#/import"]').count(), 1);
  assert.deepEqual(errors, []);
  await context.close();
});

test('trust admin: the people list shows people from several schools, and search and paging work', async () => {
  const { context, page, errors } = await newPage(env.browser);
  await signIn(page, env.server.baseUrl, USERS.trustAdmin);
  await page.getByRole('link', { name: 'People', exact: true }).click();
  await expectH1(page, 'People');
  // Focus moves to the h1 after navigation.
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H1');
  await checkPageBasics(page, assert);

  const id = await trustId(page);
  const api = await apiGet(page, `/api/v1/trusts/${id}/people?limit=500`);
  assert.equal(api.status, 200);
  const schoolsSeen = new Set(api.body.items.flatMap((p) => p.posts.map((post) => post.school_name)).filter(Boolean));
  assert.ok(schoolsSeen.size >= 3, `people from several schools (saw ${[...schoolsSeen].join(', ')})`);

  const cells = await page.locator('main table tbody tr td:nth-child(4)').allInnerTexts();
  const onPage = new Set();
  for (const text of cells) for (const school of schoolsSeen) if (text.includes(school)) onPage.add(school);
  // The first page is ordered by the server; across pages every school shows. Check a filter per school instead.
  assert.ok(onPage.size >= 1);
  const schools = (await apiGet(page, `/api/v1/trusts/${id}/schools?limit=500`)).body.items;
  let schoolsWithPeople = 0;
  for (const school of schools.slice(0, 4)) {
    await page.getByLabel('School').selectOption(String(school.id));
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await waitForRendered(page, new RegExp(`school_id=${school.id}`));
    await page.locator('main [role=status]').waitFor();
    const rows = await page.locator('main table tbody tr').count();
    if (rows > 0) schoolsWithPeople++;
  }
  assert.ok(schoolsWithPeople >= 3, 'several schools have people in the list');

  // Search by a known family name.
  const someone = api.body.items[0];
  await page.goto(`${env.server.baseUrl}/#/people`);
  await waitForRendered(page, /^#\/people$/);
  await page.getByLabel('Search by name, reference or email').fill(someone.family_name);
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await waitForRendered(page, /search=/);
  assert.match(await page.locator('main table tbody').innerText(), new RegExp(someone.family_name));

  // Paging: the next page shows other people.
  if (api.body.total > 25) {
    await page.goto(`${env.server.baseUrl}/#/people`);
    await waitForRendered(page, /^#\/people$/);
    const first = await page.locator('main table tbody tr th').first().innerText();
    await page.getByRole('link', { name: /Next/ }).click();
    await waitForRendered(page, /offset=25/);
    await page.locator('main [role=status]').filter({ hasText: 'Showing 26' }).waitFor();
    assert.notEqual(await page.locator('main table tbody tr th').first().innerText(), first);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('trust admin: school, person, post and governance pages render', async () => {
  const { context, page, errors } = await newPage(env.browser);
  await signIn(page, env.server.baseUrl, USERS.trustAdmin);
  await page.locator('table:has(caption:text-matches("^Schools")) tbody tr a').first().click();
  await page.locator('main h2', { hasText: 'Vacant key posts' }).waitFor();
  await checkPageBasics(page, assert);
  const schoolName = await h1Text(page);
  assert.ok(schoolName.length > 0);

  const holder = page.locator('main table tbody a[href^="#/people/"]').first();
  await holder.click();
  await page.locator('main h2', { hasText: 'Current posts' }).waitFor();
  await checkPageBasics(page, assert);

  await page.getByRole('link', { name: 'Posts', exact: true }).click();
  await expectH1(page, 'Posts');
  await page.getByLabel('Key posts').check();
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await waitForRendered(page, /key=true/);
  await page.locator('main table tbody tr a[href^="#/posts/"]').first().click();
  await page.locator('main h2', { hasText: 'History' }).waitFor();
  await checkPageBasics(page, assert);

  await page.getByRole('link', { name: 'Governance', exact: true }).click();
  await expectH1(page, 'Governance');
  await page.locator('main a[href^="#/governance/"]').first().click();
  await page.locator('main table caption', { hasText: 'Current members' }).waitFor();
  await checkPageBasics(page, assert);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a 375px-wide phone: no sideways scrolling of the page, tables scroll in their own region', async () => {
  const { context, page, errors } = await newPage(env.browser, { viewport: { width: 375, height: 740 } });
  await signIn(page, env.server.baseUrl, USERS.trustAdmin);
  for (const hash of ['#/overview', '#/people', '#/posts', '#/import']) {
    await page.goto(`${env.server.baseUrl}/${hash}`);
    await waitForRendered(page, new RegExp(`^${hash.replace(/[/]/g, '\\/')}$`));
    await page.waitForLoadState('networkidle');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 375, `${hash} fits 375px (scrollWidth ${width})`);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('keyboard: the skip link is first and moves focus to the main content', async () => {
  const { context, page } = await newPage(env.browser);
  await signIn(page, env.server.baseUrl, USERS.trustAdmin);
  await page.goto(`${env.server.baseUrl}/#/schools`);
  await expectH1(page, 'Schools');
  // A fresh load leaves focus at the top of the document.
  await page.reload();
  await expectH1(page, 'Schools');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), 'Skip to main content');
  await page.keyboard.press('Enter');
  await expectFocus(page, 'main-content');
  assert.match(page.url(), /#\/schools$/, 'the route is kept');
  await context.close();
});

test('an unknown record answers "Page not found"', async () => {
  const { context, page } = await newPage(env.browser);
  await signIn(page, env.server.baseUrl, USERS.trustAdmin);
  await page.goto(`${env.server.baseUrl}/#/people/99999999`);
  await expectH1(page, 'Page not found');
  await context.close();
});
