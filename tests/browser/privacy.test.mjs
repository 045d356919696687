// UK GDPR in the browser (issue 5 item 3): a trust administrator downloads a person's
// subject-access export, erases a leaver (and is refused for someone in post), and sets the
// trust's retention rules, previews a run and applies it; a headteacher is offered none of it.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { inflateRawSync } from 'node:zlib';
import { apiGet, apiSend, checkPageBasics, escapeRegExp, expectFocus, expectH1, newPage, openHash, signIn, trustId, USERS, useServerAndBrowser, waitForRendered } from './helpers.mjs';

const env = useServerAndBrowser();

// The files of a ZIP archive by name, read through its central directory (stored or deflated).
function unzip(buffer) {
  const end = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(end >= 0, 'a ZIP archive ends with its central directory');
  const count = buffer.readUInt16LE(end + 10);
  let at = buffer.readUInt32LE(end + 16);
  const files = new Map();
  for (let i = 0; i < count; i++) {
    assert.equal(buffer.readUInt32LE(at), 0x02014b50, 'a central directory entry');
    const method = buffer.readUInt16LE(at + 10);
    const size = buffer.readUInt32LE(at + 20);
    const nameLength = buffer.readUInt16LE(at + 28);
    const skip = nameLength + buffer.readUInt16LE(at + 30) + buffer.readUInt16LE(at + 32);
    const local = buffer.readUInt32LE(at + 42);
    const name = buffer.toString('utf8', at + 46, at + 46 + nameLength);
    const start = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
    const data = buffer.subarray(start, start + size);
    files.set(name, method === 8 ? inflateRawSync(data) : data);
    at += 46 + skip;
  }
  return files;
}

const fullName = (p) => `${p.given_name} ${p.family_name}`;

// A day `years` before today, as the API writes days.
function yearsAgo(years) {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() - years);
  return d.toISOString().slice(0, 10);
}

async function everyone(page, trust) {
  const r = await apiGet(page, `/api/v1/trusts/${trust}/people?include_leavers=true&limit=500`);
  assert.equal(r.status, 200);
  return r.body.items;
}

// A leaver who holds no post and sits on no body: one of the demo's, or one made for the test.
async function leaverToErase(page, trust) {
  for (const p of await everyone(page, trust)) {
    if (!p.left_trust || p.posts.length > 0) continue;
    const detail = (await apiGet(page, `/api/v1/trusts/${trust}/people/${p.id}`)).body;
    if (detail.memberships.length === 0) return detail;
  }
  const made = await apiSend(page, 'POST', `/api/v1/trusts/${trust}/people`, {
    reference: 'GDPR-ERASE-1',
    given_name: 'Ezra',
    family_name: 'Leftwich',
    joined_trust: yearsAgo(8),
    left_trust: yearsAgo(2),
  });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  return made.body;
}

test('trust admin: a person’s page downloads everything held about them as a ZIP with person.json', async () => {
  const { context, page, errors } = await newPage(env.browser, { acceptDownloads: true });
  await signIn(page, env.server.baseUrl, USERS.trustAdmin);
  const trust = await trustId(page);
  const person = (await everyone(page, trust)).find((p) => p.posts.length > 0);
  assert.ok(person, 'the demo has someone in post');

  await openHash(page, env.server.baseUrl, `#/people/${person.id}`);
  await expectH1(page, fullName(person));
  const section = page.locator('#personal-data-section');
  await section.waitFor();
  await checkPageBasics(page, assert);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    section.getByRole('link', { name: 'Download everything held about this person' }).click(),
  ]);
  assert.match(download.suggestedFilename(), new RegExp(`^subject-access-${escapeRegExp(person.reference)}-.*\\.zip$`));
  const bytes = await readFile(await download.path());
  assert.equal(bytes.subarray(0, 4).toString('latin1'), 'PK\u0003\u0004', 'a ZIP archive');
  const files = unzip(bytes);
  assert.ok(files.has('person.json'), `person.json among ${[...files.keys()].join(', ')}`);
  const held = JSON.parse(files.get('person.json').toString('utf8'));
  assert.equal(held.person.id, person.id);
  assert.equal(held.person.reference, person.reference);
  const exported = new Set(held.posts.map((p) => p.post_id));
  for (const post of person.posts) assert.ok(exported.has(post.post_id), `their post ${post.title} is in the export`);
  assert.ok(files.has('posts.csv'), 'with a CSV file per kind');
  assert.deepEqual(errors, []);
  await context.close();
});

test('trust admin: erasing a leaver — a wrong reference is refused in the error summary, the right one erases them, and a second is not offered', async () => {
  const { context, page, errors } = await newPage(env.browser);
  await signIn(page, env.server.baseUrl, USERS.trustAdmin);
  const trust = await trustId(page);
  const leaver = await leaverToErase(page, trust);
  const name = fullName(leaver);
  const personPath = `/api/v1/trusts/${trust}/people/${leaver.id}`;

  await openHash(page, env.server.baseUrl, `#/people/${leaver.id}`);
  await page.locator('#personal-data-section').getByRole('link', { name: 'Erase this person' }).click();
  await expectH1(page, `Erase ${name}`);
  await checkPageBasics(page, assert);
  assert.match(await page.locator('main .govuk-warning-text').first().innerText(), /cannot be undone/);
  assert.ok((await page.locator('#erasure-removes li').count()) > 0, 'what is removed is listed');
  assert.match(await page.locator('#erasure-keeps').innerText(), /figures still add up/);

  // A wrong reference: the server refuses, the summary links to the field, nothing changes.
  const field = page.getByLabel(`To confirm, type ${name}’s reference`);
  await field.fill(`${leaver.reference}-WRONG`);
  await page.getByRole('button', { name: 'Erase this person' }).click();
  const summary = page.locator('.govuk-error-summary');
  await summary.waitFor();
  assert.match(await summary.innerText(), /The reference you typed is not the person's reference/);
  await expectFocus(page);
  assert.match(await page.locator('#confirm-reference-error').innerText(), /is not the person's reference/);
  await checkPageBasics(page, assert);
  await summary.getByRole('link').first().click();
  await expectFocus(page, 'confirm-reference');
  assert.equal((await apiGet(page, personPath)).body.reference, leaver.reference, 'not erased');

  // The right one: back on their page, with the figures the server returned.
  const answer = page.waitForResponse((r) => r.url().endsWith(`/people/${leaver.id}/erasure`) && r.status() === 200);
  await field.fill(leaver.reference);
  await page.getByRole('button', { name: 'Erase this person' }).click();
  const report = await (await answer).json();
  await waitForRendered(page, new RegExp(`^#/people/${leaver.id}$`));
  const notice = page.locator('#review-notice');
  await notice.waitFor();
  assert.match(await notice.innerText(), /Person erased/);
  await expectFocus(page, 'review-notice');
  const after = (await apiGet(page, personPath)).body;
  assert.notEqual(after.reference, leaver.reference);
  assert.equal((await page.locator('#erasure-reference').innerText()).trim(), after.reference);
  assert.equal(Number(await page.locator('#erasure-audit-entries').innerText()), report.audit_entries_redacted);
  assert.equal(Number(await page.locator('#erasure-user-accounts').innerText()), report.user_accounts_disabled);
  await expectH1(page, fullName(after));
  assert.ok(!(await page.locator('main').innerText()).includes(leaver.family_name), 'their name is gone from their page');

  // Their page now says when they were erased, and offers no second erasure.
  await openHash(page, env.server.baseUrl, `#/people/${leaver.id}`);
  await expectH1(page, fullName(after));
  assert.match(await page.locator('#erased-on').innerText(), /^Erased on /);
  assert.equal(await page.locator('#personal-data-section').getByRole('link', { name: 'Erase this person' }).count(), 0);
  // Nor does the erasure page, reached by its address: it says when, with no form.
  await openHash(page, env.server.baseUrl, `#/people/${leaver.id}/erase`);
  await expectH1(page, `Erase ${fullName(after)}`);
  await page.locator('#erased-on').waitFor();
  assert.equal(await page.locator('#erasure-form').count(), 0, 'no form to erase them again');
  await checkPageBasics(page, assert);
  assert.deepEqual(errors, []);
  await context.close();
});

test('trust admin: someone in post cannot be erased, and the page says why', async () => {
  const { context, page, errors } = await newPage(env.browser);
  await signIn(page, env.server.baseUrl, USERS.trustAdmin);
  const trust = await trustId(page);
  const person = (await everyone(page, trust)).find((p) => p.posts.length > 0 && !p.left_trust);
  const name = fullName(person);

  await openHash(page, env.server.baseUrl, `#/people/${person.id}`);
  await page.locator('#personal-data-section').getByRole('link', { name: 'Erase this person' }).click();
  await expectH1(page, `Erase ${name}`);
  const refused = page.locator('#erasure-refused');
  await refused.waitFor();
  assert.match(await refused.innerText(), new RegExp(`${escapeRegExp(name)} cannot be erased while they hold a post`));
  assert.match(await refused.innerText(), new RegExp(escapeRegExp(person.posts[0].title)));
  assert.equal(await page.locator('#erasure-form').count(), 0, 'no form to erase them');
  await checkPageBasics(page, assert);
  // The server agrees: it refuses them too, even with the right reference.
  const tried = await apiSend(page, 'POST', `/api/v1/trusts/${trust}/people/${person.id}/erasure`, { confirm_reference: person.reference });
  assert.equal(tried.status, 409);
  assert.deepEqual(errors, []);
  await context.close();
});

test('trust admin: retention rules are checked, saved and read back; a preview removes nothing; applying removes what it showed', async () => {
  const { context, page, errors } = await newPage(env.browser);
  await signIn(page, env.server.baseUrl, USERS.trustAdmin);
  const trust = await trustId(page);
  const rulesPath = `/api/v1/trusts/${trust}/retention-rules`;
  // Someone who left two years ago: a one-year erasure rule covers them whatever the demo's dates.
  const made = await apiSend(page, 'POST', `/api/v1/trusts/${trust}/people`, {
    reference: 'GDPR-RETAIN-1',
    given_name: 'Rhoda',
    family_name: 'Retainer',
    joined_trust: yearsAgo(9),
    left_trust: yearsAgo(2),
  });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  const leaver = made.body;

  await page.getByRole('link', { name: 'Personal data', exact: true }).click();
  await expectH1(page, 'Personal data');
  await checkPageBasics(page, assert);
  assert.deepEqual((await apiGet(page, rulesPath)).body, { leaver_review_years: null, leaver_erasure_years: null, audit_years: null });
  assert.equal((await page.locator('#retention-rules-now').innerText()).match(/Off: kept/g)?.length, 3);
  await page.locator('#retention-all-off').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Preview' }).count(), 0, 'no run while every rule is off');

  // Too few years for the audit log: the field says so, and nothing is saved.
  await page.getByRole('group', { name: 'Remove old audit log entries?' }).getByLabel('Yes, once they are a number of years old').check();
  await page.getByRole('textbox', { name: 'Years to keep them' }).fill('3');
  await page.getByRole('button', { name: 'Save the rules' }).click();
  const summary = page.locator('.govuk-error-summary');
  await summary.waitFor();
  await expectFocus(page);
  assert.match(await page.locator('#audit-years-error').innerText(), /from 6 to 100/);
  await summary.locator('a[href="#audit-years"]').click();
  await expectFocus(page, 'audit-years');
  assert.equal((await apiGet(page, rulesPath)).body.audit_years, null, 'nothing saved');

  // Erase leavers a year after they left; keep the audit log seven years.
  await page.getByRole('textbox', { name: 'Years to keep them' }).fill('7');
  const erasure = page.getByRole('group', { name: 'Erase leavers?' });
  await erasure.getByLabel('Yes, a number of years after they left').check();
  await erasure.getByRole('textbox', { name: 'Years after they left' }).fill('1');
  await page.getByRole('button', { name: 'Save the rules' }).click();
  await page.locator('#review-notice', { hasText: 'Retention rules saved' }).waitFor();
  assert.deepEqual((await apiGet(page, rulesPath)).body, { leaver_review_years: null, leaver_erasure_years: 1, audit_years: 7 });
  const now = await page.locator('#retention-rules-now').innerText();
  assert.match(now, /Erased 1 year after they left/);
  assert.match(now, /Removed once 7 years old/);
  // Read back into the form after a fresh load.
  await page.reload();
  await expectH1(page, 'Personal data');
  assert.equal(await page.getByRole('group', { name: 'Erase leavers?' }).getByLabel('Yes, a number of years after they left').isChecked(), true);
  assert.equal(await page.getByRole('group', { name: 'Erase leavers?' }).getByRole('textbox', { name: 'Years after they left' }).inputValue(), '1');
  assert.equal(await page.getByRole('group', { name: 'Remove leavers’ talent-review data?' }).getByLabel('No, keep it').isChecked(), true);
  assert.equal(await page.getByRole('textbox', { name: 'Years to keep them' }).inputValue(), '7');
  await checkPageBasics(page, assert);

  // A preview: the figures of a dry run, and nothing removed.
  await page.getByRole('button', { name: 'Preview' }).click();
  const report = page.locator('#retention-report');
  await report.waitFor();
  await expectFocus(page, 'retention-report');
  assert.match(await report.innerText(), /Nothing has been removed/);
  const previewed = Number(await page.locator('#removed-people-erased').innerText());
  assert.ok(previewed >= 1, 'the leaver of two years ago is due for erasure');
  const dry = await apiSend(page, 'POST', `/api/v1/trusts/${trust}/retention-runs`, { dry_run: true });
  assert.equal(dry.status, 200);
  assert.equal(previewed, dry.body.removed.people_erased, 'the preview shows what a dry run reports');
  assert.equal(Number(await page.locator('#removed-audit-entries').innerText()), dry.body.removed.audit_entries);
  assert.match(await page.locator('#retention-report').innerText(), /9-box ratings of leavers\s*Rule off/);
  assert.equal((await apiGet(page, `/api/v1/trusts/${trust}/people/${leaver.id}`)).body.reference, leaver.reference, 'the preview erased nobody');
  await checkPageBasics(page, assert);

  // Applying removes what the preview showed; a second preview finds nothing more.
  await page.getByRole('button', { name: 'Apply the rules now' }).click();
  await page.locator('#retention-report', { hasText: 'Retention rules applied' }).waitFor();
  assert.equal(Number(await page.locator('#removed-people-erased').innerText()), previewed);
  assert.notEqual((await apiGet(page, `/api/v1/trusts/${trust}/people/${leaver.id}`)).body.reference, leaver.reference, 'the leaver is erased');
  await page.getByRole('button', { name: 'Preview' }).click();
  await page.locator('#retention-report', { hasText: 'would remove' }).waitFor();
  assert.equal(Number(await page.locator('#removed-people-erased').innerText()), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('headteacher: no personal-data actions, and their pages say the role does not allow them', async () => {
  const { context, page, errors } = await newPage(env.browser);
  await signIn(page, env.server.baseUrl, USERS.headteacher);
  const trust = await trustId(page);
  const self = (await apiGet(page, '/api/v1/session')).body.user.person_id;
  assert.equal(await page.locator('nav a[href="#/personal-data"]').count(), 0, 'no Personal data in the navigation');

  await openHash(page, env.server.baseUrl, `#/people/${self}`);
  await page.locator('main h2', { hasText: 'Current posts' }).waitFor();
  assert.equal(await page.locator('#personal-data-section').count(), 0);
  assert.equal(await page.getByRole('link', { name: 'Erase this person' }).count(), 0);
  assert.equal(await page.locator('a[href*="subject-access-export"]').count(), 0);

  for (const hash of ['#/personal-data', `#/people/${self}/erase`]) {
    await openHash(page, env.server.baseUrl, hash);
    await expectH1(page, 'You cannot see this page');
    assert.match(await page.locator('main').innerText(), /trust administrators/);
    await checkPageBasics(page, assert);
  }
  // The server refuses them too.
  assert.equal((await apiGet(page, `/api/v1/trusts/${trust}/people/${self}/subject-access-export`)).status, 403);
  assert.equal((await apiGet(page, `/api/v1/trusts/${trust}/retention-rules`)).status, 403);
  assert.deepEqual(errors, []);
  await context.close();
});
