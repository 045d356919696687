// Shared set-up for the browser tests: a fresh trellis server with the demo trust for each
// test file, and Debian's Chromium driven by playwright-core.

import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';

import { fileURLToPath } from 'node:url';

// The repository this file sits in (tests/browser/ → ../..).
const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const TRELLIS_BIN = process.env.TRELLIS_BIN || path.join(REPO, 'build', 'trellis');
export const WEB_ROOT = process.env.TRELLIS_WEB_ROOT || path.join(REPO, 'web', 'dist');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const PASSWORD = 'trellis-demo-2026';

export const USERS = {
  platformAdmin: 'platform.admin@trellis.example',
  trustAdmin: 'hr.lead@oakridge.example',
  executive: 'ceo@oakridge.example',
  headteacher: 'head.ashfield@oakridge.example',
  lineManager: 'line.manager@oakridge.example',
  staff: 'teacher@oakridge.example',
  governor: 'governor@oakridge.example',
};

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function run(cmd, args, log) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d) => log.push(String(d)));
    child.stderr.on('data', (d) => log.push(String(d)));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) resolve();
      else {
        const error = new Error(`${cmd} ${args.join(' ')} exited with ${code ?? signal}\n${log.join('')}`);
        error.exitCode = code;
        reject(error);
      }
    });
  });
}

// `trellis SUBCOMMAND --store S ...` as documented; when that is a usage error (exit 2),
// `trellis --store S SUBCOMMAND ...` (the store as an option of the program).
let storeFirst = false;
function argsFor(subcommand, store, rest = []) {
  return storeFirst ? ['--store', store, subcommand, ...rest] : [subcommand, '--store', store, ...rest];
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Starts `trellis demo` then `trellis serve` in a temporary directory; waits for /healthz.
// `port` (default: a free one) and `env` (more environment variables for the server, such
// as its configuration) are for tests that must know the address before the server starts.
export async function startServer({ port: chosenPort, env = {} } = {}) {
  const dir = await mkdtemp(path.join(tmpdir(), 'trellis-browser-'));
  const store = `sqlite:${path.join(dir, 'trellis.db')}`;
  const log = [];
  try {
    await run(TRELLIS_BIN, argsFor('demo', store), log);
  } catch (e) {
    if (e.exitCode !== 2 || storeFirst) throw e;
    storeFirst = true;
    log.length = 0;
    await run(TRELLIS_BIN, argsFor('demo', store), log);
  }
  const port = chosenPort ?? (await freePort());
  const child = spawn(
    TRELLIS_BIN,
    argsFor('serve', store, ['--port', String(port), '--listen', '127.0.0.1', '--web-root', WEB_ROOT]),
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } },
  );
  child.stdout.on('data', (d) => log.push(String(d)));
  child.stderr.on('data', (d) => log.push(String(d)));
  let exited = null;
  child.on('exit', (code, signal) => {
    exited = code ?? signal;
  });
  const baseUrl = `http://127.0.0.1:${port}`;

  const stop = async () => {
    if (exited === null) {
      child.kill('SIGTERM');
      for (let i = 0; i < 50 && exited === null; i++) await sleep(100);
      if (exited === null) child.kill('SIGKILL');
    }
    await rm(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited !== null) {
      await stop();
      throw new Error(`trellis serve exited with ${exited}\n${log.join('')}`);
    }
    try {
      const r = await fetch(`${baseUrl}/healthz`);
      if (r.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`trellis serve did not answer /healthz within 30 s\n${log.join('')}`);
    }
    await sleep(100);
  }
  return { baseUrl, stop, log };
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

// A new browser context and page; page errors fail the test that reads `errors`.
export async function newPage(browser, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  return { context, page, errors };
}

export async function signIn(page, baseUrl, email, password = PASSWORD) {
  await page.goto(`${baseUrl}/#/sign-in`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Trust overview' }).waitFor();
}

// Calls the API with the page's session cookie, as the front end does: a method other than GET
// sends `body` as JSON with the session's CSRF token. Returns { status, body }.
export async function apiSend(page, method, apiPath, body) {
  return page.evaluate(
    async ({ method: m, apiPath: p, body: b }) => {
      const headers = { Accept: 'application/json' };
      if (m !== 'GET') {
        const session = await (await fetch('/api/v1/session', { credentials: 'same-origin' })).json();
        headers['Content-Type'] = 'application/json';
        headers['X-CSRF-Token'] = session.csrf_token;
      }
      const r = await fetch(p, { method: m, credentials: 'same-origin', headers, body: m === 'GET' ? undefined : JSON.stringify(b) });
      const text = await r.text();
      let parsed = null;
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = text;
      }
      return { status: r.status, body: parsed };
    },
    { method, apiPath, body },
  );
}

// GET an API path with the page's session cookie; returns { status, body }.
export const apiGet = (page, apiPath) => apiSend(page, 'GET', apiPath);

export async function trustId(page) {
  const r = await apiGet(page, '/api/v1/session');
  return r.body.user.trust_id;
}

// Waits for the page to settle on a new h1 and returns its text.
export async function h1Text(page) {
  const h1 = page.locator('main h1');
  await h1.first().waitFor();
  return (await h1.first().innerText()).trim();
}

// Waits until the page has rendered the location matching `pattern` (a RegExp on the hash).
export async function waitForRendered(page, pattern) {
  await page.waitForFunction(
    ({ source, flags }) => {
      const main = document.getElementById('main-content');
      return main && !main.hasAttribute('aria-busy') && new RegExp(source, flags).test(main.dataset.location || '');
    },
    { source: pattern.source, flags: pattern.flags },
  );
}

// `text` as a RegExp source that matches it literally.
export const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Goes to `hash` on the server at `baseUrl` and waits until the page has rendered it.
export async function openHash(page, baseUrl, hash) {
  await page.goto(`${baseUrl}/${hash}`);
  await waitForRendered(page, new RegExp(`^${escapeRegExp(hash)}$`));
}

// Waits until the page's h1 reads `name` (pages render after their data arrives).
export async function expectH1(page, name) {
  await page.locator('main h1', { hasText: name }).first().waitFor();
  const text = (await page.locator('main h1').first().innerText()).trim();
  if (text !== name) throw new Error(`expected h1 "${name}", found "${text}"`);
}

// Checks a few WCAG basics on the current page: one h1, every field labelled, focus moved.
export async function checkPageBasics(page, assert) {
  const facts = await page.evaluate(() => {
    const fields = [...document.querySelectorAll('main input:not([type=hidden]), main select, main textarea')];
    const unlabelled = fields
      .filter((f) => !(f.labels && f.labels.length) && !f.getAttribute('aria-label') && !f.getAttribute('aria-labelledby'))
      .map((f) => f.id || f.name);
    const tables = [...document.querySelectorAll('main table')];
    return {
      h1s: document.querySelectorAll('h1').length,
      unlabelled,
      tablesWithoutCaption: tables.filter((t) => !t.querySelector('caption')).length,
      tablesWithoutColHeaders: tables.filter((t) => !t.querySelector('th[scope=col]')).length,
    };
  });
  assert.equal(facts.h1s, 1, 'one h1 per page');
  assert.deepEqual(facts.unlabelled, [], 'every field has a label');
  assert.equal(facts.tablesWithoutCaption, 0, 'every table has a caption');
  assert.equal(facts.tablesWithoutColHeaders, 0, 'every table has column headers');
}

// A fresh demo server and one Chromium for the test file: `env.server` and `env.browser`
// are set before the first test and torn down after the last.
export function useServerAndBrowser() {
  const env = {};
  before(async () => {
    env.server = await startServer();
    env.browser = await launchBrowser();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.stop();
  });
  return env;
}

// Waits until the focused element is the GOV.UK error summary (or, given an id, that element):
// pages move focus just after drawing, so checking at once would race them. Throws on timeout.
export async function expectFocus(page, id = null) {
  await page.waitForFunction(
    (wanted) => (wanted ? document.activeElement?.id === wanted : document.activeElement?.classList.contains('govuk-error-summary')),
    id,
    { timeout: 5000 },
  );
}
