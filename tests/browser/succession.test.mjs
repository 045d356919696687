// (g) Succession planning in the browser: the executive's dashboard agrees with the API; a
// trust administrator opens an uncovered key post's plan, adds a successor from the ranked
// list and sees coverage rise by one post; overriding readiness needs a reason; the attrition
// simulation with a seed; the Board's report and its CSV; nothing of it for a line manager or a
// member of staff.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiGet, checkPageBasics, escapeRegExp, expectH1, newPage, openHash, signIn, trustId, USERS, useServerAndBrowser, waitForRendered, expectFocus } from './helpers.mjs';

const env = useServerAndBrowser();

const escape = escapeRegExp;
const open = (page, hash) => openHash(page, env.server.baseUrl, hash);

async function coverageShown(page) {
  const figure = page.locator('#figure-coverage');
  return { numerator: Number(await figure.getAttribute('data-numerator')), denominator: Number(await figure.getAttribute('data-denominator')) };
}

// The plan post used by (b) and (c): learnt in (b).
let chosen = null;

test('executive: the dashboard’s headline coverage is the API’s', async () => {
  const { context, page, errors } = await newPage(env.browser);
  await signIn(page, env.server.baseUrl, USERS.executive);
  await page.getByRole('link', { name: 'Succession', exact: true }).click();
  await waitForRendered(page, /^#\/succession$/);
  await expectH1(page, 'Succession pipeline');
  const trust = await trustId(page);
  const api = (await apiGet(page, `/api/v1/trusts/${trust}/pipeline`)).body.overall.coverage;
  assert.deepEqual(await coverageShown(page), { numerator: api.numerator, denominator: api.denominator });
  const shown = await page.locator('#figure-coverage .app-figure__value').innerText();
  assert.equal(shown.trim(), `${Math.round(api.value * 100)}%`);
  assert.match(await page.locator('#confidentiality').innerText(), /Confidential/);
  assert.equal(await page.locator('#heatmap tbody tr').count() > 1, true, 'the heatmap has rows');
  assert.ok(await page.locator('#trend-chart svg[role=img]').count(), 'the trend chart is drawn');
  await checkPageBasics(page, assert);
  assert.deepEqual(errors, []);
  await context.close();
});

// The key posts the plans page lists, by id (from their links).
async function listedPosts(page) {
  const table = page.locator('table', { has: page.locator('caption', { hasText: 'Key posts and their succession plans' }) });
  const hrefs = await table.locator('tbody th a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  return hrefs.map((h) => Number(h.split('/').pop())).sort((a, b) => a - b);
}

test('executive: a heatmap cell and a role group open the key posts behind them', async () => {
  const { context, page, errors } = await newPage(env.browser);
  await signIn(page, env.server.baseUrl, USERS.executive);
  await open(page, '#/succession');
  const trust = await trustId(page);
  const d = (await apiGet(page, `/api/v1/trusts/${trust}/pipeline`)).body;
  const codes = d.heatmap.columns.map((c) => c.code);
  // The answer lists no posts with a cell: they are the post lines of its school and role group.
  const postsOf = (keep) => d.posts.filter(keep).map((p) => p.post_id).sort((a, b) => a - b);

  // A school's cell with the most key posts.
  let chosenCell = null;
  for (const row of d.heatmap.rows)
    for (const cell of row.cells)
      if (row.school_id !== null && (!chosenCell || cell.key_posts > chosenCell.cell.key_posts)) chosenCell = { row, cell };
  assert.ok(chosenCell, 'the demo has key posts at its schools');
  const { row, cell } = chosenCell;
  const expected = postsOf((p) => p.school_id === row.school_id && p.role_group === cell.role_group);
  assert.equal(expected.length, cell.key_posts);
  const tr = page.locator('#heatmap tbody tr').filter({ has: page.locator('th', { hasText: new RegExp(`^${escape(row.name)}$`) }) });
  const link = tr.locator('td').nth(codes.indexOf(cell.role_group)).locator('a');
  assert.equal((await link.innerText()).trim(), `${cell.coverage.numerator} of ${cell.key_posts} covered`);
  await link.click();
  await waitForRendered(page, /^#\/succession\/plans\?/);
  assert.deepEqual(await listedPosts(page), expected);
  await checkPageBasics(page, assert);

  // A role group across the trust: the whole-trust row.
  await open(page, '#/succession');
  const group = d.role_groups.reduce((a, b) => (b.key_posts > a.key_posts ? b : a));
  const inGroup = postsOf((p) => p.role_group === group.code);
  assert.equal(inGroup.length, group.key_posts);
  await page.locator('#heatmap tr.app-heatmap__total td').nth(codes.indexOf(group.code)).locator('a').click();
  await waitForRendered(page, /^#\/succession\/plans\?/);
  assert.deepEqual(await listedPosts(page), inGroup);
  assert.match(await page.locator('#plans-count').innerText(), new RegExp(`Showing ${inGroup.length} of ${d.posts.length} key posts`));
  assert.deepEqual(errors, []);
  await context.close();
});

test('trust admin: open an uncovered key post’s plan, add a successor from the ranked list, and coverage rises by one', async () => {
  const { context, page, errors } = await newPage(env.browser);
  await signIn(page, env.server.baseUrl, USERS.trustAdmin);
  const trust = await trustId(page);
  await open(page, '#/succession');
  const before = await coverageShown(page);

  // An uncovered key post from the dashboard's list that someone is eligible for.
  const links = page.locator('#without-successor tbody th a');
  const count = await links.count();
  assert.ok(count > 0, 'the demo has key posts without a named successor');
  for (let i = 0; i < count && !chosen; i++) {
    const href = await links.nth(i).getAttribute('href');
    const postId = Number(href.split('/').pop());
    const ranking = (await apiGet(page, `/api/v1/trusts/${trust}/posts/${postId}/candidates?limit=5`)).body;
    if (ranking.candidates?.some((c) => !c.named)) chosen = { postId, title: await links.nth(i).innerText() };
  }
  assert.ok(chosen, 'an uncovered key post has an eligible candidate');

  await page.locator(`#without-successor a[href="#/succession/posts/${chosen.postId}"]`).click();
  await waitForRendered(page, new RegExp(`^#/succession/posts/${chosen.postId}$`));
  await expectH1(page, `Succession plan: ${chosen.title.trim()}`);
  await checkPageBasics(page, assert);

  if (await page.locator('#create-plan').count()) {
    await page.locator('#create-plan').click();
    await waitForRendered(page, /\/create$/);
    await page.getByRole('button', { name: 'Create the plan' }).click();
    await page.locator('#review-notice', { hasText: 'Plan created' }).waitFor();
  }

  await page.locator('#add-from-ranking').click();
  await waitForRendered(page, /\/add$/);
  await checkPageBasics(page, assert);
  const row = page.locator('#ranking tbody tr').filter({ has: page.locator('button[data-add]') }).first();
  const name = (await row.locator('th a').innerText()).trim();
  await row.locator('button[data-add]').click();
  await page.locator('#review-notice', { hasText: `${name} added to the plan` }).waitFor();
  assert.match(await page.locator('table').first().innerText(), new RegExp(escape(name)));

  await open(page, '#/succession');
  const after = await coverageShown(page);
  assert.equal(after.numerator, before.numerator + 1, 'one more key post has a named successor');
  assert.equal(after.denominator, before.denominator);
  chosen.successor = name;
  assert.deepEqual(errors, []);
  await context.close();
});

test('trust admin: overriding readiness needs a reason, and then shows as overridden', async () => {
  assert.ok(chosen?.successor, 'the previous test named a successor');
  const { context, page, errors } = await newPage(env.browser);
  await signIn(page, env.server.baseUrl, USERS.trustAdmin);
  await open(page, `#/succession/posts/${chosen.postId}`);
  await page.getByRole('link', { name: `Change readiness of ${chosen.successor}` }).click();
  await waitForRendered(page, /\/readiness$/);
  await checkPageBasics(page, assert);
  await page.getByLabel('Ready in 1–2 years', { exact: true }).check();
  await page.getByLabel('Reason').fill('');
  await page.getByRole('button', { name: 'Save the readiness' }).click();
  const summary = page.locator('.govuk-error-summary');
  await summary.waitFor();
  assert.match(await summary.innerText(), /Enter the reason for overriding the suggested readiness/);
  await expectFocus(page);
  assert.match(await page.title(), /^Error: /);

  await page.getByLabel('Reason').fill('Has led the phase through two headteacher absences');
  await page.getByRole('button', { name: 'Save the readiness' }).click();
  await page.locator('#review-notice', { hasText: `Readiness of ${chosen.successor} saved` }).waitFor();
  const row = page.locator('tbody tr', { hasText: chosen.successor }).first();
  const text = await row.innerText();
  assert.match(text, /Ready in 1–2 years/);
  assert.match(text, /Overridden/);
  assert.match(text, /two headteacher absences/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('executive: the attrition simulation with a seed gives a table of 5 years', async () => {
  const { context, page, errors } = await newPage(env.browser);
  await signIn(page, env.server.baseUrl, USERS.executive);
  await open(page, '#/succession/simulation');
  await expectH1(page, 'Simulate the pipeline');
  await checkPageBasics(page, assert);
  await page.getByLabel('Runs', { exact: true }).fill('2000');
  await page.getByLabel('Years', { exact: true }).fill('5');
  await page.getByLabel('Seed', { exact: true }).fill('42');
  await page.getByRole('button', { name: 'Run the simulation' }).click();
  const result = page.locator('#attrition-result');
  await result.waitFor();
  const rows = result.locator('table tbody tr');
  assert.equal(await rows.count(), 5);
  assert.match(await rows.first().innerText(), /Year 1/);
  assert.ok(await result.locator('svg[role=img]').count(), 'the chart is drawn');

  // What if the first holder listed leaves: the vacancy chain.
  await page.locator('#chain-form input[name=leavers]').first().check();
  await page.getByRole('button', { name: 'Show the vacancy chain' }).click();
  await page.locator('#chain-result table, #chain-result p').first().waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('executive: the Board’s report renders and its CSV download answers 200', async () => {
  const { context, page, errors } = await newPage(env.browser);
  await signIn(page, env.server.baseUrl, USERS.executive);
  await open(page, '#/reports/board');
  await expectH1(page, 'Trust Board report');
  await checkPageBasics(page, assert);
  assert.ok((await page.locator('main table tbody tr').count()) > 0, 'the report lists key roles');
  const href = await page.locator('#download-csv').getAttribute('href');
  assert.match(href, /format=csv/);
  const answer = await page.evaluate(async (url) => {
    const r = await fetch(url, { credentials: 'same-origin' });
    return { status: r.status, type: r.headers.get('content-type'), text: (await r.text()).slice(0, 200) };
  }, href);
  assert.equal(answer.status, 200);
  assert.match(answer.type, /text\/csv/);
  assert.match(answer.text, /Post/);
  // The print stylesheet hides the navigation and buttons.
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.govuk-service-navigation').isVisible(), false);
  assert.equal(await page.locator('#print-report').isVisible(), false);
  assert.equal(await page.locator('.app-print-header').isVisible(), true);
  assert.deepEqual(errors, []);
  await context.close();
});

for (const [who, email] of [
  ['line manager', USERS.lineManager],
  ['member of staff', USERS.staff],
]) {
  test(`${who}: no Succession navigation, and the pages say "You cannot see this page"`, async () => {
    const { context, page, errors } = await newPage(env.browser);
    await signIn(page, env.server.baseUrl, email);
    assert.equal(await page.locator('#navigation a', { hasText: /^Succession$/ }).count(), 0);
    for (const hash of ['#/succession', '#/succession/plans', '#/reports/board']) {
      await open(page, hash);
      await expectH1(page, 'You cannot see this page');
    }
    assert.deepEqual(errors, []);
    await context.close();
  });
}
