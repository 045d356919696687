// (f) The talent review (9-box) in the browser: a whole calibration from opening a cycle to
// closing it; the executive's grid of a closed demo cycle; nothing of it for a member of
// staff; a headteacher's grid of their own school's staff only.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiGet, checkPageBasics, escapeRegExp, expectH1, newPage, openHash, signIn, trustId, USERS, useServerAndBrowser, waitForRendered, expectFocus } from './helpers.mjs';

const env = useServerAndBrowser();
const ASHFIELD = 'Ashfield Primary Academy';

// Learnt from the API, before any test changes anything.
let trust;
let demoCycle; // the newest of the demo's closed cycles
let ashfield;
let ashfieldStaff; // ids of the people holding a post at Ashfield
let teacher; // teacher@'s person
let teacherManager; // their line manager
let managersReport; // one of line.manager@'s reports

// Node 20 starts root-level `before` hooks without waiting for the one before (helpers.mjs's
// starts the server), so each test calls this instead; it runs once.
let learnt;
const learn = () => (learnt ??= learnDemo());

async function learnDemo() {
  const { context, page } = await newPage(env.browser);
  await signIn(page, env.server.baseUrl, USERS.trustAdmin);
  trust = await trustId(page);
  const cycles = (await apiGet(page, `/api/v1/trusts/${trust}/review-cycles`)).body.items;
  demoCycle = cycles.filter((c) => c.status === 'closed').sort((a, b) => b.year - a.year)[0];
  const schools = (await apiGet(page, `/api/v1/trusts/${trust}/schools?limit=500`)).body.items;
  ashfield = schools.find((s) => s.name === ASHFIELD);
  const staff = (await apiGet(page, `/api/v1/trusts/${trust}/people?school_id=${ashfield.id}&limit=500`)).body.items;
  ashfieldStaff = new Set(staff.map((p) => p.id));
  await context.close();

  for (const [email, assign] of [
    [USERS.staff, (me) => (teacher = me)],
    [USERS.lineManager, (me) => (managersReport = me.reports[0])],
  ]) {
    const { context: c, page: p } = await newPage(env.browser);
    await signIn(p, env.server.baseUrl, email);
    const session = (await apiGet(p, '/api/v1/session')).body;
    assign((await apiGet(p, `/api/v1/trusts/${trust}/people/${session.user.person_id}`)).body);
    await c.close();
  }
  teacherManager = teacher.line_managers[0];
}

const escape = escapeRegExp;
const open = (page, hash) => openHash(page, env.server.baseUrl, hash);

// The number in one box of the grid (performance, potential).
async function boxCount(page, performance, potential) {
  const count = page.locator(`#nine-box td[data-box="${performance}-${potential}"] .app-nine-box__count`);
  return Number(await count.getAttribute('data-count'));
}

async function gridCounts(page) {
  const counts = {};
  for (const performance of [1, 2, 3]) for (const potential of [1, 2, 3]) counts[`${performance}-${potential}`] = await boxCount(page, performance, potential);
  return counts;
}

test('trust admin and line manager: open a cycle, propose, calibrate in two meetings with an adjustment, close, and the grid shows the final boxes', async () => {
  await learn();
  assert.ok(demoCycle && ashfield && teacher && teacherManager && managersReport, 'the demo has what this test needs');
  const year = demoCycle.year + 1;
  const name = `Talent review ${year}/${String((year + 1) % 100).padStart(2, '0')}`;
  const teacherName = `${teacher.given_name} ${teacher.family_name}`;
  const reportName = managersReport.name;

  // --- Open the cycle (the trust administrator) ---
  const admin = await newPage(env.browser);
  const page = admin.page;
  await signIn(page, env.server.baseUrl, USERS.trustAdmin);
  await page.getByRole('link', { name: 'Talent review', exact: true }).click();
  await expectH1(page, 'Talent review');
  assert.match(await page.locator('#confidentiality').innerText(), /Confidential.*records every time/);
  await checkPageBasics(page, assert);
  await page.getByLabel('Academic year it starts in').fill(String(year));
  await page.getByLabel('Name', { exact: true }).fill('');
  await page.getByRole('button', { name: 'Open the cycle' }).click();
  const summary = page.locator('.govuk-error-summary');
  await summary.filter({ hasText: 'Enter a name for the cycle' }).waitFor();
  await expectFocus(page);
  assert.equal(await summary.getByRole('link', { name: 'Enter a name for the cycle' }).getAttribute('href'), '#cycle-name');
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('People can see their own final box once the cycle closes').check();
  await page.getByRole('button', { name: 'Open the cycle' }).click();
  await expectH1(page, name);
  await page.locator('#review-notice', { hasText: `${name} is open` }).waitFor();
  const cycleId = Number(/#\/talent-review\/(\d+)$/.exec(page.url())[1]);
  const cycleHash = `#/talent-review/${cycleId}`;
  assert.match(await page.locator('#cycle-status').innerText(), /Open for proposals/);
  assert.equal(await page.locator('#grid-total').innerText(), '0 people');
  await checkPageBasics(page, assert);

  // --- The administrator proposes for the teacher, on behalf of their line manager ---
  await page.getByRole('link', { name: 'Propose ratings' }).click();
  await expectH1(page, 'Propose ratings');
  await page.getByLabel('Name, reference or email').fill(teacher.family_name);
  await page.getByRole('button', { name: 'Find' }).click();
  await waitForRendered(page, /search=/);
  await page.getByRole('link', { name: `Propose a rating for ${teacherName}` }).click();
  await expectH1(page, `Propose a rating for ${teacherName}`);
  await checkPageBasics(page, assert);
  const rater = page.getByLabel('Whose proposal this is');
  assert.equal(await rater.inputValue(), String(teacherManager.person_id), 'the line manager is the rater by default');
  // Nothing chosen: every missing answer is listed, each linking to its field.
  await page.getByRole('button', { name: 'Save the proposal' }).click();
  await summary.waitFor();
  for (const [text, href] of [
    ['Select a performance score', '#proposal-performance'],
    ['Select a potential score', '#proposal-potential'],
    ['Enter the rationale for this box', '#proposal-rationale'],
  ]) {
    assert.equal(await summary.getByRole('link', { name: text }).getAttribute('href'), href);
  }
  assert.match(await page.title(), /^Error: /);
  await page.getByRole('group', { name: 'Performance', exact: true }).getByLabel('3: high').check();
  await page.getByRole('group', { name: 'Potential', exact: true }).getByLabel('2: moderate').check();
  await page.getByLabel('Rationale').fill('Outstanding outcomes in year 4 and leads the maths working group.');
  await page.getByLabel('Evidence (optional)').fill('Appraisal review; lesson visits.');
  await page.getByRole('button', { name: 'Save the proposal' }).click();
  await page.locator('#review-notice', { hasText: `Proposal saved for ${teacherName}` }).waitFor();
  assert.match(await page.locator('#proposed-box').innerText(), new RegExp(`High performer \\(performance 3, potential 2\\), proposed by ${escape(teacherManager.name)}`));

  // --- The line manager proposes for one of their reports ---
  const manager = await newPage(env.browser);
  await signIn(manager.page, env.server.baseUrl, USERS.lineManager);
  await manager.page.getByRole('link', { name: 'Talent review', exact: true }).click();
  await expectH1(manager.page, 'Talent review');
  await manager.page.getByRole('link', { name }).click();
  await expectH1(manager.page, name);
  assert.equal(await manager.page.locator('#nine-box').count(), 0, 'a line manager sees no grid');
  await manager.page.getByRole('link', { name: 'Propose ratings' }).click();
  await expectH1(manager.page, 'Propose ratings');
  await manager.page.getByRole('link', { name: `Propose a rating for ${reportName}` }).click();
  await expectH1(manager.page, `Propose a rating for ${reportName}`);
  assert.equal(await manager.page.getByLabel('Whose proposal this is').count(), 0, 'a line manager proposes as themself');
  await manager.page.getByRole('group', { name: 'Performance', exact: true }).getByLabel('2: moderate').check();
  await manager.page.getByRole('group', { name: 'Potential', exact: true }).getByLabel('2: moderate').check();
  await manager.page.getByLabel('Rationale').fill('Secure practice; growing into the middle-leader role.');
  await manager.page.getByRole('button', { name: 'Save the proposal' }).click();
  await manager.page.locator('#review-notice', { hasText: `Proposal saved for ${reportName}` }).waitFor();
  const mine = manager.page.locator('table:has(caption:text("Your proposals in")) tbody');
  assert.match(await mine.innerText(), new RegExp(`${escape(reportName)}\\s+Core player`));
  await checkPageBasics(manager.page, assert);
  assert.deepEqual(manager.errors, []);
  await manager.context.close();

  // --- Start calibration ---
  await open(page, cycleHash);
  assert.equal(await page.locator('#grid-total').innerText(), '2 people');
  await page.getByRole('link', { name: 'Start calibration' }).click();
  await expectH1(page, 'Start calibration?');
  assert.match(await page.locator('.govuk-warning-text').innerText(), /Proposals close/);
  await page.getByRole('button', { name: 'Start calibration' }).click();
  await page.locator('#review-notice', { hasText: 'Calibration has started' }).waitFor();
  assert.match(await page.locator('#cycle-status').innerText(), /Calibrating/);

  // --- The school's calibration meeting ---
  await page.getByRole('link', { name: 'Record a calibration meeting' }).click();
  await expectH1(page, 'Record a calibration meeting');
  await checkPageBasics(page, assert);
  await page.getByRole('button', { name: 'Record the meeting' }).click();
  await summary.filter({ hasText: 'Select which meeting it was' }).waitFor();
  await page.getByLabel("A school's calibration meeting").check();
  await page.getByLabel('School', { exact: true }).selectOption(String(ashfield.id));
  await page.getByLabel('Who attended (optional)').fill('Headteacher, deputy headteacher, trust HR lead');
  await page.getByRole('button', { name: 'Record the meeting' }).click();
  await expectH1(page, `School calibration meeting: ${ASHFIELD}`);
  await page.locator('#review-notice', { hasText: 'recorded' }).waitFor();
  const schoolMeetingHash = new URL(page.url()).hash;
  const covered = page.locator('table:has(caption:text-matches("^Ratings covered")) tbody');
  assert.match(await covered.innerText(), new RegExp(escape(teacherName)));
  assert.match(await covered.innerText(), new RegExp(escape(reportName)));
  await page.locator('#rater-outliers').waitFor();
  assert.match(await page.locator('#rater-outliers').innerText(), /No rater's proposals stand out/);
  await checkPageBasics(page, assert);

  // --- Adjust a rating: the reason is required; then before → after ---
  await page.getByRole('link', { name: `Adjust the rating of ${reportName}` }).click();
  await expectH1(page, `Adjust the rating of ${reportName}`);
  assert.equal(await page.locator('#current-box').innerText(), 'Core player (performance 2, potential 2)');
  await checkPageBasics(page, assert);
  await page.getByRole('group', { name: 'New performance' }).getByLabel('3: high').check();
  await page.getByRole('button', { name: 'Adjust the rating' }).click();
  await summary.filter({ hasText: 'Enter the reason for the change' }).waitFor();
  await expectFocus(page);
  await summary.getByRole('link', { name: 'Enter the reason for the change' }).click();
  await expectFocus(page, 'adjust-reason');
  assert.ok(await page.getByRole('group', { name: 'New performance' }).getByLabel('3: high').isChecked(), 'the choice is kept');
  await page.getByLabel('Reason for the change').fill('Led the school’s SEND review this year: wider impact than proposed.');
  await page.getByRole('button', { name: 'Adjust the rating' }).click();
  await page.locator('#review-notice', { hasText: `Rating of ${reportName} adjusted` }).waitFor();
  assert.equal(new URL(page.url()).hash, schoolMeetingHash);
  assert.match(
    await page.locator('#adjusted-box').innerText(),
    /Core player \(performance 2, potential 2\)\s*→[\s\S]*High performer \(performance 3, potential 2\)/,
  );
  const adjustments = page.locator('table:has(caption:text-matches("^Adjustments made")) tbody tr');
  assert.equal(await adjustments.count(), 1);
  const adjusted = await adjustments.first().innerText();
  assert.match(adjusted, new RegExp(`${escape(reportName)}[\\s\\S]*Core player[\\s\\S]*High performer[\\s\\S]*SEND review`));

  // --- The trust's calibration meeting ---
  await open(page, cycleHash);
  await page.getByRole('link', { name: 'Record a calibration meeting' }).click();
  await expectH1(page, 'Record a calibration meeting');
  await page.getByLabel("The trust's calibration meeting").check();
  await page.getByRole('button', { name: 'Record the meeting' }).click();
  await expectH1(page, 'Trust calibration meeting');
  assert.match(await covered.innerText(), /High performer/);
  // The school's meeting can no longer adjust.
  await open(page, schoolMeetingHash);
  assert.match(await page.locator('main').innerText(), /can no longer adjust ratings/);
  assert.equal(await page.getByRole('link', { name: /^Adjust the rating of/ }).count(), 0);

  // --- Close the cycle; the grid holds the final boxes ---
  await open(page, cycleHash);
  await page.getByRole('link', { name: 'Close the cycle' }).click();
  await expectH1(page, 'Close the cycle?');
  await page.getByRole('button', { name: 'Close the cycle' }).click();
  await page.locator('#review-notice', { hasText: 'The cycle is closed' }).waitFor();
  assert.match(await page.locator('#cycle-status').innerText(), /Closed/);
  assert.equal(await page.locator('#grid-total').innerText(), '2 people');
  const counts = await gridCounts(page);
  assert.deepEqual(counts, { '1-1': 0, '1-2': 0, '1-3': 0, '2-1': 0, '2-2': 0, '2-3': 0, '3-1': 0, '3-2': 2, '3-3': 0 });
  const highPerformers = await page.locator('#nine-box td[data-box="3-2"]').innerText();
  assert.match(highPerformers, /High performer/);
  assert.match(highPerformers, new RegExp(escape(teacherName)));
  assert.match(highPerformers, new RegExp(escape(reportName)));
  assert.equal(await page.getByRole('link', { name: 'Record a calibration meeting' }).count(), 0);
  // Movement since the demo's cycle, as the API counts it.
  await page.locator('#movement-heading', { hasText: `Movement since ${demoCycle.name}` }).waitFor();
  const movement = (await apiGet(page, `/api/v1/trusts/${trust}/review-cycles/${cycleId}/movement`)).body;
  for (const d of ['up', 'down', 'across', 'same']) assert.equal(Number(await page.locator(`[data-direction=${d}]`).innerText()), movement[d], `moved ${d}`);
  assert.equal(movement.up + movement.down + movement.across + movement.same + movement.only_later, 2);
  await checkPageBasics(page, assert);

  // The person page shows the box history in full to the administrator.
  await open(page, `#/people/${teacher.id}`);
  const history = page.locator('#talent-review-history');
  await page.getByRole('button', { name: 'Show talent review history' }).click();
  await history.locator('table').waitFor();
  assert.match(await history.innerText(), new RegExp(`${escape(name)}\\s+High performer[\\s\\S]*Final`));
  assert.deepEqual(admin.errors, []);
  await admin.context.close();

  // --- The teacher sees their own final box, since this cycle shares it ---
  const staff = await newPage(env.browser);
  await signIn(staff.page, env.server.baseUrl, USERS.staff);
  await open(staff.page, `#/people/${teacher.id}`);
  const own = staff.page.locator('#talent-review-history');
  await staff.page.getByRole('button', { name: 'Show talent review history' }).click();
  await own.locator('table').waitFor();
  assert.match(await own.innerText(), new RegExp(`${escape(name)}\\s+High performer`));
  assert.doesNotMatch(await own.innerText(), /maths working group|Proposed by/, 'not the rationale or the rater');
  assert.deepEqual(staff.errors, []);
  await staff.context.close();
});

test("executive: sees the grid, meetings and rater outliers of a closed demo cycle, and can't change anything", async () => {
  await learn();
  const { context, page, errors } = await newPage(env.browser);
  await signIn(page, env.server.baseUrl, USERS.executive);
  const api = (await apiGet(page, `/api/v1/trusts/${trust}/review-cycles/${demoCycle.id}/grid`)).body;
  await page.getByRole('link', { name: 'Talent review', exact: true }).click();
  await expectH1(page, 'Talent review');
  assert.equal(await page.locator('#open-cycle-form').count(), 0, 'only trust administrators open cycles');
  await page.getByRole('link', { name: demoCycle.name }).click();
  await expectH1(page, demoCycle.name);
  await page.locator('#nine-box').waitFor();
  assert.equal(await page.locator('#grid-total').innerText(), `${api.total} people`);
  const counts = await gridCounts(page);
  for (const box of api.boxes) assert.equal(counts[`${box.performance}-${box.potential}`], box.count, `${box.name} count`);
  assert.equal(Object.values(counts).reduce((a, b) => a + b, 0), api.total);
  // Box names come from the cycle; each box's people are links to their pages.
  const star = api.boxes.find((b) => b.performance === 3 && b.potential === 3);
  const starCell = page.locator('#nine-box td[data-box="3-3"]');
  assert.match(await starCell.innerText(), new RegExp(escape(star.name)));
  if (star.count > 5) await starCell.locator('summary').click();
  await starCell.getByRole('link', { name: star.people[0].name }).waitFor();
  // The grid's headers name both axes.
  const headers = await page.locator('#nine-box th').allInnerTexts();
  assert.ok(headers.some((h) => /Performance: high \(3\)/.test(h)) && headers.some((h) => /Potential: low \(1\)/.test(h)));
  assert.equal(await page.getByRole('link', { name: /Start calibration|Close the cycle|Record a calibration meeting|Propose ratings/ }).count(), 0);
  assert.equal(await page.getByRole('button', { name: /own box/ }).count(), 0);
  await checkPageBasics(page, assert);

  // A filter narrows the grid.
  await page.getByLabel('School', { exact: true }).selectOption(String(ashfield.id));
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await waitForRendered(page, new RegExp(`school_id=${ashfield.id}`));
  const filtered = (await apiGet(page, `/api/v1/trusts/${trust}/review-cycles/${demoCycle.id}/grid?school_id=${ashfield.id}`)).body;
  assert.equal(await page.locator('#grid-total').innerText(), `${filtered.total} people`);
  assert.ok(filtered.total < api.total);

  // The trust's meeting: flagged raters are listed with their reasons; nothing to adjust.
  await page.getByRole('link', { name: 'Trust calibration meeting' }).click();
  await expectH1(page, 'Trust calibration meeting');
  const meetingId = Number(/meetings\/(\d+)$/.exec(page.url())[1]);
  const meeting = (await apiGet(page, `/api/v1/trusts/${trust}/review-cycles/${demoCycle.id}/meetings/${meetingId}`)).body;
  const flagged = meeting.outliers.raters.filter((r) => r.flagged);
  const panel = page.locator('#rater-outliers');
  if (flagged.length) {
    assert.match(await panel.locator('.govuk-warning-text').innerText(), /differ/);
    for (const r of flagged) {
      assert.match(await panel.innerText(), new RegExp(escape(r.rater_name)));
      assert.match(await panel.innerText(), new RegExp(escape(r.reasons[0])));
    }
  } else {
    assert.match(await panel.innerText(), /No rater's proposals stand out/);
  }
  assert.equal(await page.getByRole('link', { name: /^Adjust the rating of/ }).count(), 0);
  assert.ok((await page.getByRole('link', { name: /^View the rating of/ }).count()) > 0);
  await checkPageBasics(page, assert);

  // On a phone the page does not scroll sideways: the grid scrolls in its own region.
  await page.setViewportSize({ width: 375, height: 740 });
  await open(page, `#/talent-review/${demoCycle.id}`);
  await page.waitForLoadState('networkidle');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 375, `the cycle fits 375px (scrollWidth ${width})`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('staff: no Talent review in the navigation, and its addresses show "You cannot see this page"', async () => {
  await learn();
  const { context, page, errors } = await newPage(env.browser);
  await signIn(page, env.server.baseUrl, USERS.staff);
  assert.equal(await page.locator('nav a[href="#/talent-review"]').count(), 0);
  assert.equal(await page.getByRole('link', { name: 'Talent review' }).count(), 0);
  for (const hash of ['#/talent-review', `#/talent-review/${demoCycle.id}`, `#/talent-review/${demoCycle.id}/propose`, `#/talent-review/${demoCycle.id}/meetings/1`]) {
    await open(page, hash);
    await expectH1(page, 'You cannot see this page');
    assert.doesNotMatch(await page.locator('main').innerText(), /Star|Core player|High performer/);
  }
  // And the API agrees.
  assert.equal((await apiGet(page, `/api/v1/trusts/${trust}/review-cycles/${demoCycle.id}/grid`)).status, 403);
  // Another person's page shows no talent review section.
  await open(page, `#/people/${teacherManager.person_id}`);
  await page.locator('main h2', { hasText: 'Current posts' }).waitFor();
  assert.equal(await page.locator('#talent-review-section').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test("headteacher: the grid holds only their own school's staff, and only their school's meeting", async () => {
  await learn();
  const { context, page, errors } = await newPage(env.browser);
  await signIn(page, env.server.baseUrl, USERS.headteacher);
  const session = (await apiGet(page, '/api/v1/session')).body;
  await page.getByRole('link', { name: 'Talent review', exact: true }).click();
  await expectH1(page, 'Talent review');
  await page.getByRole('link', { name: demoCycle.name }).click();
  await expectH1(page, demoCycle.name);
  await page.locator('#nine-box').waitFor();
  const api = (await apiGet(page, `/api/v1/trusts/${trust}/review-cycles/${demoCycle.id}/grid`)).body;
  assert.ok(api.total > 0, 'the headteacher has rated staff');
  assert.equal(await page.locator('#grid-total').innerText(), `${api.total} people`);
  // Everyone in the grid works at Ashfield; the headteacher is not among them.
  for (const summary of await page.locator('#nine-box summary').all()) await summary.click();
  const hrefs = await page.locator('#nine-box a[href^="#/people/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.equal(hrefs.length, api.total);
  for (const href of hrefs) {
    const id = Number(href.split('/').pop());
    assert.ok(ashfieldStaff.has(id), `person ${id} works at Ashfield`);
    assert.notEqual(id, session.user.person_id, 'not the headteacher themself');
  }
  // The school filter offers their own school only.
  const options = await page.getByLabel('School', { exact: true }).locator('option').allInnerTexts();
  assert.deepEqual(options, ['All your staff', ASHFIELD]);
  // Only the school's meeting is listed; the trust's is not found.
  const meetings = page.locator('table:has(caption:text-matches("^Calibration meetings")) tbody');
  assert.match(await meetings.innerText(), new RegExp(`School calibration meeting: ${ASHFIELD}`));
  assert.doesNotMatch(await meetings.innerText(), /Trust calibration meeting/);
  await checkPageBasics(page, assert);
  const all = (await apiGet(page, `/api/v1/trusts/${trust}/review-cycles/${demoCycle.id}/meetings`)).body.items;
  assert.ok(all.every((m) => m.school_id === ashfield.id));
  const trustMeeting = await (async () => {
    const { context: c, page: p } = await newPage(env.browser);
    await signIn(p, env.server.baseUrl, USERS.trustAdmin);
    const items = (await apiGet(p, `/api/v1/trusts/${trust}/review-cycles/${demoCycle.id}/meetings`)).body.items;
    await c.close();
    return items.find((m) => m.level === 'trust');
  })();
  await open(page, `#/talent-review/${demoCycle.id}/meetings/${trustMeeting.id}`);
  await expectH1(page, 'Page not found');
  assert.deepEqual(errors, []);
  await context.close();
});
