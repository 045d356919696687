// (b) A headteacher sees their own school (Ashfield) in full and nothing of other schools'
// people or posts; Import is not offered.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { apiGet, checkPageBasics, expectH1, launchBrowser, newPage, signIn, startServer, trustId, USERS } from './helpers.mjs';

const ASHFIELD = 'Ashfield Primary Academy';
let server;
let browser;
// Learnt from the trust administrator's view.
let trust;
let ashfield;
let otherSchools;
let outsider; // a person who holds posts only at other schools

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const { context, page } = await newPage(browser);
  await signIn(page, server.baseUrl, USERS.trustAdmin);
  trust = await trustId(page);
  const schools = (await apiGet(page, `/api/v1/trusts/${trust}/schools?limit=500`)).body.items;
  const listed = schools.find((s) => s.name === ASHFIELD);
  ashfield = listed && (await apiGet(page, `/api/v1/trusts/${trust}/schools/${listed.id}`)).body;
  otherSchools = schools.filter((s) => s.name !== ASHFIELD);
  const people = (await apiGet(page, `/api/v1/trusts/${trust}/people?limit=500`)).body.items;
  outsider = people.find((p) => p.posts.length > 0 && p.posts.every((post) => post.school_id && post.school_id !== ashfield.id));
  await context.close();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('headteacher: sees the overview scoped to their school, and no Import', async () => {
  assert.ok(ashfield, 'the demo has Ashfield Primary Academy');
  assert.ok(outsider, 'the demo has someone working only at another school');
  const { context, page, errors } = await newPage(browser);
  await signIn(page, server.baseUrl, USERS.headteacher);
  assert.match(await page.locator('#signed-in-user').innerText(), /Headteacher/);
  assert.match(await page.locator('#scope-note').innerText(), /your own school/);
  assert.equal(await page.locator('nav a[href="#/import"]').count(), 0, 'Import is hidden');
  assert.equal(await page.getByRole('link', { name: 'Import' }).count(), 0);
  await page.goto(`${server.baseUrl}/#/import`);
  await expectH1(page, 'You cannot see this page');
  await checkPageBasics(page, assert);
  assert.deepEqual(errors, []);
  await context.close();
});

test("headteacher: the people and posts lists hold only Ashfield's", async () => {
  const { context, page, errors } = await newPage(browser);
  await signIn(page, server.baseUrl, USERS.headteacher);

  await page.getByRole('link', { name: 'People', exact: true }).click();
  await expectH1(page, 'People');
  await page.locator('main [role=status]').waitFor();
  const peopleRows = page.locator('main table tbody tr');
  assert.ok((await peopleRows.count()) > 0, 'some people');
  const peopleText = await page.locator('main table tbody').innerText();
  assert.match(peopleText, /Ashfield Primary Academy/);
  for (const other of otherSchools) assert.ok(!peopleText.includes(other.name), `no one from ${other.name}`);
  // In scope: Ashfield's staff, the members and officers of its Local Governing Body, and the
  // headteacher's own line managers.
  const lgb = ashfield.local_governing_body_id;
  const session = (await apiGet(page, '/api/v1/session')).body;
  const self = (await apiGet(page, `/api/v1/trusts/${trust}/people/${session.user.person_id}`)).body;
  const managers = new Set(self.line_managers.map((m) => m.person_id));
  const api = await apiGet(page, `/api/v1/trusts/${trust}/people?limit=500`);
  assert.equal(api.status, 200);
  for (const person of api.body.items) {
    if (person.posts.some((p) => p.school_id === ashfield.id)) continue;
    if (managers.has(person.id)) continue;
    const detail = (await apiGet(page, `/api/v1/trusts/${trust}/people/${person.id}`)).body;
    const postBodies = [];
    for (const p of detail.posts) postBodies.push((await apiGet(page, `/api/v1/trusts/${trust}/posts/${p.post_id}`)).body.body_id);
    assert.ok(
      detail.memberships.some((m) => m.body_id === lgb) || postBodies.includes(lgb),
      `${person.given_name} ${person.family_name} works at Ashfield or serves its Local Governing Body`,
    );
  }

  await page.getByRole('link', { name: 'Posts', exact: true }).click();
  await expectH1(page, 'Posts');
  await page.locator('main [role=status]').waitFor();
  const postsText = await page.locator('main').innerText();
  const tableText = (await page.locator('main table').count()) ? await page.locator('main table tbody').innerText() : '';
  assert.ok(postsText.length > 0);
  for (const other of otherSchools) assert.ok(!tableText.includes(other.name), `no post at ${other.name}`);
  assert.deepEqual(errors, []);
  await context.close();
});

test("headteacher: another school's person, opened by URL, is not found", async () => {
  const { context, page } = await newPage(browser);
  await signIn(page, server.baseUrl, USERS.headteacher);
  await page.goto(`${server.baseUrl}/#/people/${outsider.id}`);
  await expectH1(page, 'Page not found');
  assert.ok(!(await page.locator('main').innerText()).includes(outsider.family_name), 'nothing of the person shows');
  const api = await apiGet(page, `/api/v1/trusts/${trust}/people/${outsider.id}`);
  assert.equal(api.status, 404);
  // Another school's page shows its public details but not its posts.
  const other = otherSchools[0];
  await page.goto(`${server.baseUrl}/#/schools/${other.id}`);
  await expectH1(page, other.name);
  assert.match(await page.locator('main').innerText(), /does not let you see this school's posts/);
  await context.close();
});

test('headteacher: their own school page lists its posts and holders', async () => {
  const { context, page, errors } = await newPage(browser);
  await signIn(page, server.baseUrl, USERS.headteacher);
  await page.goto(`${server.baseUrl}/#/schools/${ashfield.id}`);
  await expectH1(page, ASHFIELD);
  assert.ok((await page.locator('main table tbody tr').count()) > 0, 'posts are listed');
  await checkPageBasics(page, assert);
  assert.deepEqual(errors, []);
  await context.close();
});
