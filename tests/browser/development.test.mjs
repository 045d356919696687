// (h) Development, competencies and the formula in the browser: a development action raised from
// the 9-box grid and completed (its outcome required); an assessment recorded and shown on the
// person's page; a role profile added for a post; a cycle's box renamed; the talent review
// history fetched only on request; the formula's weights changed and a ranking's scores with
// them.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiGet, checkPageBasics, escapeRegExp, expectH1, newPage, openHash, signIn, trustId, USERS, useServerAndBrowser, waitForRendered, expectFocus } from './helpers.mjs';

const env = useServerAndBrowser();
const open = (page, hash) => openHash(page, env.server.baseUrl, hash);

// A trust administrator's page, and what the API says, for each test.
async function asAdmin() {
  const { context, page, errors } = await newPage(env.browser);
  await signIn(page, env.server.baseUrl, USERS.trustAdmin);
  const trust = await trustId(page);
  const api = async (path) => (await apiGet(page, `/api/v1/trusts/${trust}${path}`)).body;
  return { context, page, errors, trust, api };
}

const summary = (page) => page.locator('.govuk-error-summary');

async function newestClosedCycle(api) {
  return (await api('/review-cycles')).items.filter((c) => c.status === 'closed').sort((a, b) => b.year - a.year)[0];
}

test('trust admin: raise a development action from the 9-box grid, then complete it: the outcome is required', async () => {
  const { context, page, errors, api } = await asAdmin();
  const cycle = await newestClosedCycle(api);
  await open(page, `#/talent-review/${cycle.id}`);
  const raise = page.locator('#nine-box a.app-nine-box__raise:visible').first();
  const name = (await raise.locator('.govuk-visually-hidden').innerText()).replace(/^\s*for /, '').trim();
  assert.equal(await raise.getAttribute('href'), await page.getByRole('link', { name: `Raise a development action for ${name}` }).first().getAttribute('href'));
  await raise.click();
  await expectH1(page, `Raise a development action for ${name}`);
  await checkPageBasics(page, assert);

  // Nothing chosen: each missing answer links to its field.
  await page.getByRole('button', { name: 'Raise the action' }).click();
  await summary(page).waitFor();
  assert.equal(await summary(page).getByRole('link', { name: 'Select the kind of action' }).getAttribute('href'), '#action-kind');
  assert.equal(await summary(page).getByRole('link', { name: 'Enter what they will do' }).getAttribute('href'), '#action-title');
  await page.getByLabel('Stretch task', { exact: true }).check();
  const title = 'Lead the trust’s moderation of Year 6 writing';
  await page.getByLabel('What they will do').fill(title);
  await page.getByRole('button', { name: 'Raise the action' }).click();
  await page.locator('#review-notice', { hasText: 'Development action raised' }).waitFor();
  await expectH1(page, title);
  const actionId = Number(/#\/development\/(\d+)$/.exec(page.url())[1]);
  let summaryText = await page.locator('#action-summary').innerText();
  assert.match(summaryText, /Stretch task/);
  assert.match(summaryText, /From the talent review \(9-box\)/);
  assert.match(await page.locator('#action-status').innerText(), /Planned/);
  await checkPageBasics(page, assert);

  // Complete it without an outcome: the API refuses, and says so beside the field.
  await page.getByRole('link', { name: 'Change the action' }).click();
  await expectH1(page, `Change the action: ${title}`);
  await page.getByRole('group', { name: 'Status' }).getByLabel('Completed', { exact: true }).check();
  await page.getByRole('button', { name: 'Save the changes' }).click();
  await summary(page).waitFor();
  const message = 'Enter the outcome: an action is completed with what came of it';
  assert.equal(await summary(page).getByRole('link', { name: message }).getAttribute('href'), '#action-outcome');
  assert.match(await page.title(), /^Error: /);
  await expectFocus(page);
  assert.ok(await page.getByRole('group', { name: 'Status' }).getByLabel('Completed', { exact: true }).isChecked(), 'the choice is kept');
  assert.equal((await api(`/development-actions/${actionId}`)).status, 'planned', 'nothing was saved');

  await page.getByLabel('Outcome').fill('Led two moderation meetings; the trust’s writing judgements now agree.');
  await page.getByRole('button', { name: 'Save the changes' }).click();
  await page.locator('#review-notice', { hasText: 'Action completed' }).waitFor();
  assert.match(await page.locator('#action-status').innerText(), /Completed/);
  summaryText = await page.locator('#action-summary').innerText();
  assert.match(summaryText, /Completed on/);
  assert.match(summaryText, /writing judgements now agree/);
  const stored = await api(`/development-actions/${actionId}`);
  assert.equal(stored.status, 'completed');
  assert.equal(stored.source, 'nine_box');
  assert.equal(stored.kind, 'stretch_task');

  // The list finds it by kind and status.
  await page.getByRole('link', { name: 'Development', exact: true }).click();
  await expectH1(page, 'Development actions');
  await page.getByLabel('Kind', { exact: true }).selectOption('stretch_task');
  await page.getByLabel('Status', { exact: true }).selectOption('completed');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await waitForRendered(page, /kind=stretch_task/);
  const rows = page.locator('main table tbody tr');
  assert.match(await rows.filter({ hasText: title }).innerText(), new RegExp(escapeRegExp(name)));
  for (const row of await rows.all()) assert.match(await row.innerText(), /Stretch task[\s\S]*Completed/);
  await checkPageBasics(page, assert);
  assert.deepEqual(errors, []);
  await context.close();
});

test('trust admin: record an assessment, and the person page shows it as the latest', async () => {
  const { context, page, errors, api } = await asAdmin();
  const people = (await api('/people?search=Mistry&limit=5')).items;
  const person = people[0];
  const name = `${person.given_name} ${person.family_name}`;
  const framework = (await api('/frameworks')).items[0];
  const competency = (await api(`/frameworks/${framework.id}`)).areas[0].competencies[0];
  await open(page, `#/people/${person.id}`);
  await page.getByRole('link', { name: `Record an assessment of ${name}` }).click();
  await expectH1(page, `Record an assessment of ${name}`);
  await checkPageBasics(page, assert);
  await page.getByRole('button', { name: 'Record the assessment' }).click();
  await summary(page).filter({ hasText: 'Select the competency' }).waitFor();
  await page.getByLabel('Competency').selectOption(String(competency.id));
  await page.getByRole('group', { name: 'Level' }).getByLabel('3: Strong').check();
  await page.getByLabel('Assessor (optional)').fill('Priya Shah, deputy headteacher');
  await page.getByLabel('Evidence (optional)').fill('Led the phase’s moderation; observed by the deputy.');
  await page.getByRole('button', { name: 'Record the assessment' }).click();
  await page.locator('#review-notice', { hasText: 'Assessment recorded' }).waitFor();
  await expectH1(page, name);
  const row = page.locator('#assessments-section tbody tr', { hasText: competency.name });
  const text = await row.innerText();
  assert.match(text, /3: Strong/);
  assert.match(text, /Priya Shah, deputy headteacher/);
  assert.match(text, /Led the phase’s moderation/);
  const latest = (await api(`/assessments?person_id=${person.id}&competency_id=${competency.id}&latest=true`)).items[0];
  assert.equal(latest.level, 3);
  assert.equal(latest.assessor_name, 'Priya Shah, deputy headteacher');
  assert.deepEqual(errors, []);
  await context.close();
});

test('trust admin: add a role profile for a post, and the post’s page shows it applies', async () => {
  const { context, page, errors, api } = await asAdmin();
  // A post without a profile of its own.
  const posts = (await api('/posts?search=Teacher&limit=50')).items;
  let post = null;
  for (const p of posts) {
    if ((await api(`/posts/${p.id}/profile`)).source === 'post') continue;
    post = p;
    break;
  }
  assert.ok(post, 'a post without its own profile');
  const competencies = (await api(`/frameworks/${(await api('/frameworks')).items[0].id}`)).areas.flatMap((a) => a.competencies);
  await open(page, `#/posts/${post.id}`);
  await page.locator('#role-profile-section').waitFor();
  await page.getByRole('link', { name: 'Add a role profile for this post' }).click();
  await expectH1(page, 'Add a role profile');
  assert.equal(await page.getByLabel('Post', { exact: true }).inputValue(), String(post.id), 'the post is chosen');
  await page.getByLabel('Name (optional)').fill(`${post.title} profile`);
  const rowOne = page.locator('[data-requirement="0"]');
  await rowOne.getByLabel('Competency').selectOption(String(competencies[0].id));
  await rowOne.getByLabel('Level required').selectOption('2');
  // A second competency, added to the form, then given a weight of 2.
  await page.getByRole('button', { name: 'Remove competency 3' }).click();
  await page.getByRole('button', { name: 'Remove competency 2' }).click();
  await page.getByRole('button', { name: 'Add another competency' }).click();
  const rowTwo = page.locator('[data-requirement="1"]');
  await expectFocus(page, 'req-1-competency');
  assert.equal(await rowOne.getByLabel('Competency').inputValue(), String(competencies[0].id), 'what was chosen is kept');
  await rowTwo.getByLabel('Competency').selectOption(String(competencies[1].id));
  await rowTwo.getByLabel('Weight').fill('0');
  await page.getByRole('button', { name: 'Add the role profile' }).click();
  await summary(page).filter({ hasText: 'Select the level competency 2 requires' }).waitFor();
  assert.match(await summary(page).innerText(), /The weight of competency 2 must be a number more than 0/);
  await checkPageBasics(page, assert);
  await rowTwo.getByLabel('Level required').selectOption('3');
  await rowTwo.getByLabel('Weight').fill('2');
  await page.getByRole('button', { name: 'Add the role profile' }).click();
  await page.locator('#review-notice', { hasText: 'Role profile added' }).waitFor();
  await expectH1(page, `${post.title} profile`);
  const table = await page.locator('main table tbody').innerText();
  assert.match(table, new RegExp(`${escapeRegExp(competencies[0].name)}[\\s\\S]*2: Secure[\\s\\S]*1`));
  assert.match(table, new RegExp(`${escapeRegExp(competencies[1].name)}[\\s\\S]*3: Strong[\\s\\S]*2`));

  await open(page, `#/posts/${post.id}`);
  assert.match(await page.locator('#profile-source').innerText(), /The post’s own profile/);
  assert.equal((await api(`/posts/${post.id}/profile`)).source, 'post');
  await checkPageBasics(page, assert);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the person page fetches the talent review history only when asked, and a cycle’s box can be renamed', async () => {
  const { context, page, errors, api } = await asAdmin();
  const cycle = await newestClosedCycle(api);
  const star = (await api(`/review-cycles/${cycle.id}/grid`)).boxes.find((b) => b.performance === 3 && b.potential === 3).people[0];
  const reads = [];
  page.on('request', (r) => {
    if (/\/people\/\d+\/ratings/.test(r.url())) reads.push(r.url());
  });
  await open(page, `#/people/${star.person_id}`);
  await page.locator('#talent-review-section').waitFor();
  assert.deepEqual(reads, [], 'no ratings are read on opening the page');
  await page.getByRole('button', { name: 'Show talent review history' }).click();
  const history = page.locator('#talent-review-history table');
  await history.waitFor();
  assert.equal(reads.length, 1, 'one read, on request');
  assert.match(await history.innerText(), new RegExp(`${escapeRegExp(cycle.name)}\\s+Star`));
  await expectFocus(page, 'talent-review-history');

  // Rename the top box; a blank name is refused.
  await open(page, `#/talent-review/${cycle.id}`);
  await page.getByRole('link', { name: /Change the cycle’s name/ }).click();
  await expectH1(page, `Settings of ${cycle.name}`);
  await checkPageBasics(page, assert);
  const top = page.getByLabel('Performance high (3), potential high (3)');
  await top.fill('');
  await page.getByRole('button', { name: 'Save the settings' }).click();
  await summary(page).getByRole('link', { name: 'Enter a name for the box of performance 3, potential 3' }).waitFor();
  await top.fill('Exceptional talent');
  await page.getByRole('button', { name: 'Save the settings' }).click();
  await page.locator('#review-notice', { hasText: 'Settings saved' }).waitFor();
  assert.match(await page.locator('#nine-box td[data-box="3-3"]').innerText(), /Exceptional talent/);
  assert.equal((await api(`/review-cycles/${cycle.id}`)).boxes.find((b) => b.performance === 3 && b.potential === 3).name, 'Exceptional talent');
  assert.deepEqual(errors, []);
  await context.close();
});

test('trust admin: change the formula’s weights, and a ranking’s scores change with them', async () => {
  const { context, page, errors, api } = await asAdmin();
  // A key post with a plan and someone eligible to rank.
  const plans = (await api('/succession-plans')).items.filter((i) => i.plan && i.plan.candidates > 0);
  let chosen = null;
  for (const i of plans) {
    const ranking = await api(`/posts/${i.post.id}/candidates?limit=50`);
    if (ranking.candidates?.length) {
      chosen = { post: i.post, before: ranking.candidates[0] };
      break;
    }
  }
  assert.ok(chosen, 'a ranked key post');

  await open(page, '#/succession');
  await page.getByRole('link', { name: 'How these figures and the rankings are worked out' }).click();
  await expectH1(page, 'The succession formula');
  assert.equal(await page.locator('#formula-score').innerText(), 'Score = 0.5 × match + 0.3 × talent + 0.2 × proximity.');
  await checkPageBasics(page, assert);
  await page.getByLabel('Weight of match').fill('11');
  await page.getByRole('button', { name: 'Save the settings' }).click();
  assert.equal(await summary(page).getByRole('link', { name: 'Weight of match must be a number from 0 to 10' }).getAttribute('href'), '#formula-match-weight');
  await page.getByLabel('Weight of match').fill('1');
  await page.getByLabel('Weight of talent').fill('0');
  await page.getByLabel('Weight of proximity').fill('0');
  await page.getByRole('button', { name: 'Save the settings' }).click();
  await page.locator('#review-notice', { hasText: 'Formula settings saved' }).waitFor();
  assert.equal(await page.locator('#formula-score').innerText(), 'Score = 1 × match + 0 × talent + 0 × proximity.');

  // The ranking now scores by match alone.
  const after = (await api(`/posts/${chosen.post.id}/candidates?limit=50`)).candidates;
  const before = after.find((c) => c.person_id === chosen.before.person_id);
  assert.ok(Math.abs(before.score - before.match) < 1e-9, 'the API scores by match alone');
  assert.notEqual(before.score.toFixed(2), chosen.before.score.toFixed(2), 'the score changed');
  await open(page, `#/succession/posts/${chosen.post.id}/add`);
  const row = page.locator('#ranking tbody tr').filter({ has: page.getByRole('link', { name: before.name, exact: true }) });
  assert.equal((await row.locator('td').first().innerText()).trim(), before.score.toFixed(2));
  await page.getByText('How candidates are ranked').click();
  assert.match(await page.locator('main details').first().innerText(), /Score = 1 × match \+ 0 × talent \+ 0 × proximity/);

  // The plan page shows each score's parts with the trust's weights.
  await open(page, `#/succession/posts/${chosen.post.id}`);
  const parts = page.locator('[data-score-parts]').first();
  if (await parts.count()) assert.match(await parts.innerText(), /match [\d.]+ × 1 \+/);
  assert.deepEqual(errors, []);
  await context.close();
});
