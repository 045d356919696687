// (i) A succession plan's page in the browser: a trust administrator changes the plan (impact,
// review date), adds someone from outside, records a discussion, sets the holder's risk of loss
// and removes a successor with the reason; the Pay and Personnel Committee's and a Local
// Governing Body's reports (the latter without risk of loss or ratings); a headteacher's plans
// are their own school's only; a member of staff sees no succession or ratings menu.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiGet, checkPageBasics, escapeRegExp, expectH1, newPage, openHash, signIn, trustId, USERS, useServerAndBrowser, waitForRendered } from './helpers.mjs';

const env = useServerAndBrowser();
const open = (page, hash) => openHash(page, env.server.baseUrl, hash);
const ASHFIELD = 'Ashfield Primary Academy';

async function signedIn(email) {
  const { context, page, errors } = await newPage(env.browser);
  await signIn(page, env.server.baseUrl, email);
  const trust = await trustId(page);
  const api = async (path) => (await apiGet(page, `/api/v1/trusts/${trust}${path}`)).body;
  return { context, page, errors, api };
}

const notice = (page, text) => page.locator('#review-notice', { hasText: text }).waitFor();

test('trust admin: change a plan, add someone from outside, record a discussion, set the risk of loss, and remove a successor with the reason', async () => {
  const { context, page, errors, api } = await signedIn(USERS.trustAdmin);
  const item = (await api('/succession-plans')).items.find((i) => i.plan && i.holders.length > 0 && i.post.school_id !== null);
  assert.ok(item, 'a held key post with a plan');
  const planHash = `#/succession/posts/${item.post.id}`;
  await open(page, planHash);
  await expectH1(page, `Succession plan: ${item.post.title}`);

  // The plan itself: impact and review date.
  await page.getByRole('link', { name: 'Change the impact, review date or notes' }).click();
  await expectH1(page, `Change the succession plan for ${item.post.title}`);
  await checkPageBasics(page, assert);
  await page.getByLabel('High', { exact: true }).check();
  await page.locator('#plan-review-day').fill('31');
  await page.locator('#plan-review-month').fill('3');
  await page.locator('#plan-review-year').fill('2027');
  await page.getByRole('button', { name: 'Save the changes' }).click();
  await notice(page, 'Plan changed');
  assert.equal(await page.locator('#review-date').innerText(), '31 March 2027');
  assert.match(await page.locator('main .govuk-summary-list').first().innerText(), /Impact of loss\s+High/);

  // Someone from outside the trust.
  const outsider = 'Priya Natarajan';
  await page.getByRole('link', { name: 'Add someone from outside the trust' }).click();
  await expectH1(page, `Add someone from outside the trust for ${item.post.title}`);
  await page.getByLabel('Name', { exact: true }).fill(outsider);
  await page.getByLabel('Where they are from (optional)').fill('Headteacher of a partner school');
  await page.getByLabel('Ready in 1–2 years', { exact: true }).check();
  await page.getByRole('button', { name: 'Add to the plan' }).click();
  await notice(page, `${outsider} added to the plan`);
  // In the successors' table: the plan's history, which arrives on its own, names them too.
  const successors = page.locator('table:has(caption:text-matches("^Named successors")) tbody');
  assert.match(await successors.locator('tr', { hasText: outsider }).innerText(), /From outside: Headteacher of a partner school[\s\S]*Ready in 1–2 years/);

  // A discussion at the Trust Board.
  await page.getByRole('link', { name: 'Record a discussion' }).click();
  await expectH1(page, 'Record a discussion of the plan');
  await checkPageBasics(page, assert);
  await page.getByLabel('Trust Board', { exact: true }).check();
  await page.getByLabel('Outcome').fill('Agreed to approach the partner school’s headteacher informally.');
  await page.getByRole('button', { name: 'Record the discussion' }).click();
  await notice(page, 'Discussion recorded');
  assert.match(await page.locator('table:has(caption:text-matches("^Discussions")) tbody').innerText(), /Trust Board[\s\S]*approach the partner school/);

  // The holder's risk of loss.
  await page.getByRole('link', { name: 'Set the holder’s risk of loss' }).click();
  await expectH1(page, `Risk of losing ${item.holders[0].name}`);
  await page.getByRole('group', { name: 'Risk that they leave' }).getByLabel('High').check();
  await page.getByRole('group', { name: 'When they might go (optional)' }).getByLabel('Within a year').check();
  await page.getByRole('button', { name: 'Save the risk of loss' }).click();
  await notice(page, 'Risk of loss saved');
  assert.match(await page.locator('#holder-risk').innerText(), /High risk[\s\S]*Within a year/);

  // Remove the outsider: the reason is required, and the history keeps it.
  await page.getByRole('link', { name: `Remove ${outsider}` }).click();
  await expectH1(page, `Remove ${outsider} from the plan?`);
  await checkPageBasics(page, assert);
  await page.getByRole('button', { name: `Remove ${outsider}` }).click();
  const summary = page.locator('.govuk-error-summary');
  assert.equal(await summary.getByRole('link', { name: `Enter why ${outsider} is removed from the plan` }).getAttribute('href'), '#remove-reason');
  const reason = 'The partner school has appointed them as its executive headteacher.';
  await page.getByLabel('Why they are removed').fill(reason);
  await page.getByRole('button', { name: `Remove ${outsider}` }).click();
  await notice(page, `${outsider} removed from the plan`);
  assert.doesNotMatch(await successors.innerText(), new RegExp(escapeRegExp(outsider)));
  await page.locator('#history-heading').waitFor();
  const history = await page.locator('table:has(caption:text-matches("^History")) tbody').innerText();
  assert.match(history, new RegExp(`Successor removed\\s+${escapeRegExp(outsider)}\\. Reason: ${escapeRegExp(reason)}`));
  assert.match(history, /Discussion recorded\s+Trust Board/);

  // What the API holds.
  const plan = await api(`/posts/${item.post.id}/succession-plan`);
  assert.equal(plan.impact, 'high');
  assert.equal(plan.review_on, '2027-03-31');
  assert.ok(!plan.candidates.some((c) => c.external_name === outsider));
  assert.equal(plan.holders[0].loss_risk.risk, 'high');
  await checkPageBasics(page, assert);
  assert.deepEqual(errors, []);
  await context.close();
});

test('executive: the Pay and Personnel Committee’s and a Local Governing Body’s reports render; the latter shows no risk of loss or ratings', async () => {
  const { context, page, errors, api } = await signedIn(USERS.executive);
  await open(page, '#/reports');
  await page.getByRole('link', { name: 'Pay and Personnel Committee report' }).click();
  await expectH1(page, 'Pay and Personnel Committee report');
  const pp = await api('/reports/pay-and-personnel');
  const rows = page.locator('main table tbody tr');
  assert.equal(await rows.count(), pp.schools.length + 1, 'a row a school and one for all schools');
  assert.match(await rows.last().innerText(), /All schools/);
  assert.match(await page.locator('#download-csv').getAttribute('href'), /pay-and-personnel\?format=csv/);
  await checkPageBasics(page, assert);

  const ashfield = (await api('/schools?limit=500')).items.find((s) => s.name === ASHFIELD);
  await open(page, '#/reports/local-governing-body');
  await page.getByLabel('School', { exact: true }).selectOption(String(ashfield.id));
  await page.getByRole('button', { name: 'Show the report' }).click();
  await waitForRendered(page, new RegExp(`school_id=${ashfield.id}`));
  await expectH1(page, `Local Governing Body report: ${ASHFIELD}`);
  await checkPageBasics(page, assert);
  const report = page.locator('main table');
  const headers = await report.locator('thead th').allInnerTexts();
  assert.ok(headers.includes('Successors') && !headers.some((h) => /risk/i.test(h)), 'no risk of loss column');
  const shown = `${await page.locator('#lgb-figures').innerText()}\n${await report.innerText()}`;
  assert.doesNotMatch(shown, /\b(Low|Medium|High) risk\b|risk of loss/i, 'no risk of loss');
  const cycle = (await api('/review-cycles')).items.find((c) => c.status === 'closed');
  for (const box of cycle.boxes) assert.ok(!shown.includes(box.name), `no 9-box rating (${box.name})`);
  assert.doesNotMatch(shown, /performance \d, potential \d/i);
  const lgb = await api(`/reports/local-governing-body?school_id=${ashfield.id}`);
  assert.ok(lgb.posts.every((p) => !('holder_risk' in p)), 'the API sends no risk either');
  assert.equal(await report.locator('tbody tr').count(), lgb.posts.length);
  assert.deepEqual(errors, []);
  await context.close();
});

test('headteacher: sees only their own school’s plans, and another school’s plan is not found', async () => {
  const admin = await signedIn(USERS.trustAdmin);
  const all = (await admin.api('/succession-plans')).items;
  await admin.context.close();
  const other = all.find((i) => i.plan && i.post.school_name && i.post.school_name !== ASHFIELD);
  assert.ok(other, 'another school’s plan');

  const { context, page, errors, api } = await signedIn(USERS.headteacher);
  await page.getByRole('link', { name: 'Succession', exact: true }).click();
  await waitForRendered(page, /^#\/succession\/plans$/);
  await expectH1(page, 'Key posts and their plans');
  const listed = (await api('/succession-plans')).items;
  assert.ok(listed.length > 0, 'the headteacher reads some plans');
  const rows = page.locator('main table tbody tr');
  assert.equal(await rows.count(), listed.length);
  for (const row of await rows.all()) assert.match(await row.locator('td').first().innerText(), new RegExp(ASHFIELD));
  assert.equal(await page.getByRole('link', { name: other.post.title, exact: true }).count(), 0);
  await checkPageBasics(page, assert);

  await open(page, `#/succession/posts/${other.post.id}`);
  await expectH1(page, 'Page not found');
  assert.doesNotMatch(await page.locator('main').innerText(), new RegExp(escapeRegExp(other.post.title)));
  const trust = await trustId(page);
  assert.equal((await apiGet(page, `/api/v1/trusts/${trust}/posts/${other.post.id}/succession-plan`)).status, 404);
  for (const hash of ['#/succession', '#/succession/formula']) {
    await open(page, hash);
    await expectH1(page, 'You cannot see this page');
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('staff: no succession or ratings menu, and their addresses say "You cannot see this page"', async () => {
  const { context, page, errors } = await signedIn(USERS.staff);
  const menu = await page.locator('#navigation a').allInnerTexts();
  for (const item of ['Succession', 'Talent review']) assert.ok(!menu.includes(item), `no ${item} menu`);
  assert.ok(menu.includes('Development'), 'their own development actions');
  for (const hash of ['#/succession/plans', '#/succession/formula', '#/reports', '#/talent-review']) {
    await open(page, hash);
    await expectH1(page, 'You cannot see this page');
  }
  await open(page, '#/development');
  await expectH1(page, 'Development actions');
  assert.equal(await page.getByRole('link', { name: /Raise a development action/ }).count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});
