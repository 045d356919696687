// (c) A bad people file writes nothing and every problem is shown with its row and column;
// (d) a good one creates the people, who can then be found by search.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { waitForRendered, apiGet, checkPageBasics, expectH1, launchBrowser, newPage, signIn, startServer, trustId, USERS, useServerAndBrowser, expectFocus } from './helpers.mjs';

const env = useServerAndBrowser();

async function peopleTotal(page, trust) {
  const r = await apiGet(page, `/api/v1/trusts/${trust}/people?limit=1&include_leavers=true`);
  assert.equal(r.status, 200);
  return r.body.total;
}

async function chooseFile(page, name, text) {
  await page.getByLabel('What the file holds').selectOption('people');
  await page.setInputFiles('#import-file', { name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });
}

// The problem table as [{row, column, value, reason}].
async function problems(page) {
  return page.locator('#import-problems table tbody tr').evaluateAll((rows) =>
    rows.map((tr) => {
      const cells = [...tr.querySelectorAll('td, th')].map((c) => c.textContent.trim());
      return { row: cells[0], column: cells[1], value: cells[2], reason: cells[3] };
    }),
  );
}

const BAD = [
  'reference,given_name,family_name,email,stage,joined_trust',
  'BRW-001,Ada,Bramwell,ada.bramwell@example.org,teacher,2025-02-30',
  'BRW-002,Ben,Bramwell,ben.bramwell@example.org,wizard,2024-09-01',
  'BRW-002,Cy,Bramwell,cy.bramwell@example.org,teacher,2024-09-01',
  '',
].join('\r\n');

const GOOD = [
  'reference,given_name,family_name,email,stage,joined_trust',
  'QLL-101,Zebedee,Quillfeather,zebedee.quillfeather@example.org,teacher,2024-09-01',
  'QLL-102,Yolande,Quillfeather,yolande.quillfeather@example.org,hlta,2023-01-09',
  '',
].join('\r\n');

test('import: a bad people file shows every problem with its row and column and writes nothing', async () => {
  const { context, page, errors } = await newPage(env.browser);
  await signIn(page, env.server.baseUrl, USERS.trustAdmin);
  const trust = await trustId(page);
  const before = await peopleTotal(page, trust);

  await page.getByRole('link', { name: 'Import', exact: true }).click();
  await expectH1(page, 'Import');
  await checkPageBasics(page, assert);

  for (const button of ['Check only', 'Import']) {
    await chooseFile(page, 'bad-people.csv', BAD);
    await page.getByRole('button', { name: button, exact: true }).click();
    const summary = page.locator('.govuk-error-summary');
    await summary.waitFor();
    assert.match(await summary.innerText(), /Nothing was written/);
    // Focus moves to the error summary.
    await expectFocus(page);
    const found = await problems(page);
    const at = (row, column) => found.find((p) => p.row === row && p.column === column);
    assert.ok(at('2', 'joined_trust'), `bad date reported at row 2, joined_trust: ${JSON.stringify(found)}`);
    assert.match(at('2', 'joined_trust').value, /2025-02-30/);
    assert.ok(at('3', 'stage'), `unknown stage reported at row 3, stage: ${JSON.stringify(found)}`);
    assert.match(at('3', 'stage').value, /wizard/);
    assert.ok(
      found.some((p) => p.column === 'reference' && p.value.includes('BRW-002') && (p.row === '4' || p.row === '3')),
      `duplicate reference reported: ${JSON.stringify(found)}`,
    );
    for (const p of found) assert.ok(p.reason.length > 0, 'each problem has a reason');
    await checkPageBasics(page, assert);
    assert.equal(await peopleTotal(page, trust), before, `the people count is unchanged after "${button}"`);
  }
  const search = await apiGet(page, `/api/v1/trusts/${trust}/people?search=Bramwell`);
  assert.equal(search.body.total, 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('import: a good people file is checked, then imported, and the new people can be found', async () => {
  const { context, page, errors } = await newPage(env.browser);
  await signIn(page, env.server.baseUrl, USERS.trustAdmin);
  const trust = await trustId(page);
  const before = await peopleTotal(page, trust);

  await page.goto(`${env.server.baseUrl}/#/import`);
  await expectH1(page, 'Import');
  await chooseFile(page, 'people.csv', GOOD);
  await page.getByRole('button', { name: 'Check only', exact: true }).click();
  await page.locator('#import-result').waitFor();
  assert.equal((await page.locator('#import-created').innerText()).trim(), '2');
  assert.match(await page.locator('#import-result').innerText(), /Nothing was written/);
  assert.equal(await peopleTotal(page, trust), before, 'a check writes nothing');

  await chooseFile(page, 'people.csv', GOOD);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.locator('#import-result', { hasText: 'Import complete' }).waitFor();
  assert.equal((await page.locator('#import-created').innerText()).trim(), '2');
  assert.equal((await page.locator('#import-unchanged').innerText()).trim(), '0');
  assert.equal(await peopleTotal(page, trust), before + 2);

  // The same file again changes nothing.
  await chooseFile(page, 'people.csv', GOOD);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.locator('#import-unchanged', { hasText: '2' }).waitFor();
  assert.equal((await page.locator('#import-created').innerText()).trim(), '0');

  await page.getByRole('link', { name: 'People', exact: true }).click();
  await expectH1(page, 'People');
  await page.getByLabel('Search by name, reference or email').fill('Zebedee');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await waitForRendered(page, /search=Zebedee/);
  const row = page.locator('main table tbody tr', { hasText: 'Zebedee Quillfeather' });
  await row.waitFor();
  assert.match(await row.innerText(), /QLL-101/);
  await row.getByRole('link').first().click();
  await expectH1(page, 'Zebedee Quillfeather');
  assert.deepEqual(errors, []);
  await context.close();
});

test('import: export links are offered for each exportable kind and download', async () => {
  const { context, page } = await newPage(env.browser);
  await signIn(page, env.server.baseUrl, USERS.trustAdmin);
  await page.goto(`${env.server.baseUrl}/#/import`);
  await expectH1(page, 'Import');
  const links = await page.locator('a[href*="/exports/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  for (const kind of ['schools', 'bodies', 'people', 'posts', 'holdings', 'memberships', 'line-links']) {
    assert.ok(links.some((h) => h.endsWith(`/exports/${kind}?format=csv`)), `CSV export of ${kind}`);
    assert.ok(links.some((h) => h.endsWith(`/exports/${kind}?format=xlsx`)), `XLSX export of ${kind}`);
  }
  const csv = await page.request.get(`${env.server.baseUrl}${links.find((h) => h.endsWith('/exports/people?format=csv'))}`);
  assert.equal(csv.status(), 200);
  assert.match(await csv.text(), /reference/);
  await context.close();
});

test('import: a missing file is reported against the file field', async () => {
  const { context, page } = await newPage(env.browser);
  await signIn(page, env.server.baseUrl, USERS.trustAdmin);
  await page.goto(`${env.server.baseUrl}/#/import`);
  await expectH1(page, 'Import');
  await page.getByRole('button', { name: 'Check only', exact: true }).click();
  await page.locator('.govuk-error-summary', { hasText: 'Select a CSV file' }).waitFor();
  await page.locator('.govuk-error-summary a[href="#import-file"]').click();
  await expectFocus(page, 'import-file');
  await context.close();
});
