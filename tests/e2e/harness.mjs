// What every end-to-end test file shares: where the page is, where screenshots go, how
// Debian's Chromium is started here, and the check that nothing left this machine.
import assert from 'node:assert/strict';
import { before, after } from 'node:test';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

import { serve } from './serve.mjs';

export const URL_UNDER_TEST = process.env.LEAKSCOPE_URL || 'http://127.0.0.1:8080/';
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SHOTS = process.env.LEAKSCOPE_SHOTS || join(ROOT, 'target', 'e2e');
export const TIMEOUT = 30_000;
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Debian's Chromium, headless; without the background-networking flags it keeps calling out. */
export function launchChromium() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    timeout: 60_000,
  });
}

/** Fails when any request went somewhere other than this machine. */
export function assertAllLocal(requests) {
  const foreign = requests.filter((u) => {
    const url = new URL(u);
    if (['data:', 'blob:', 'about:'].includes(url.protocol)) return false;
    if (['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol)) return !LOCAL_HOSTS.has(url.hostname);
    return true; // file:, chrome-extension:, anything else
  });
  assert.deepEqual(foreign, [], 'requests to somewhere other than 127.0.0.1/localhost');
}

/** Requests made from index `from` on, ignoring the favicon (the browser fetches it lazily). */
export function requestsSince(requests, from) {
  return requests.slice(from).filter((u) => !/\/favicon[^/]*$/.test(new URL(u).pathname));
}

/** Runs in every page before anything else: records what the page's policy blocked. */
function watchPolicy() {
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__violations.push(`${e.effectiveDirective} ${e.blockedURI || '(inline)'}`);
  });
}

/**
 * Runs `fn(page, { requests, downloads })` in a fresh context with the page loaded, its
 * worker up and its service worker active (so that any request after this is the page's
 * doing). Afterwards asserts that no
 * request left this machine, nothing was thrown, no dialog opened and the page's policy
 * blocked nothing it was not asked to (`expectViolations` for a test that attacks it).
 * On failure, saves `<name>-failed.png` before rethrowing.
 */
export async function withPage(browser, name, fn, options = {}) {
  const { colorScheme, downloads: downloadsDir, url = URL_UNDER_TEST, expectViolations = false } = options;
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 900 },
    acceptDownloads: Boolean(downloadsDir),
  });
  await context.addInitScript(watchPolicy);
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  const requests = [];
  const pageErrors = [];
  const dialogs = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => pageErrors.push(e));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    d.dismiss().catch(() => {});
  });
  page.on('console', (m) => {
    if (m.type() === 'error') console.log(`  [${name}] console.error: ${m.text()}`);
  });
  let loaded = false;
  try {
    if (colorScheme) await page.emulateMedia({ colorScheme });
    await page.goto(url, { waitUntil: 'load' });
    // The worker is up (its script and wasm are fetched): from here on, no request.
    await page.waitForSelector('main[data-worker="ready"], main[data-worker="warm"]', { state: 'attached' });
    // And the service worker has kept the build's files (www/sw.js): its fetches are done.
    await page.evaluate(() => navigator.serviceWorker.ready);
    loaded = true;
    await fn(page, { requests, downloads: downloadsDir });
    assertAllLocal(requests);
    assert.deepEqual(pageErrors.map(String), [], 'uncaught errors in the page');
    assert.deepEqual(dialogs, [], 'dialogs opened');
    if (!expectViolations) {
      assert.deepEqual(await page.evaluate(() => window.__violations), [], 'what the page policy blocked');
    }
  } catch (e) {
    if (loaded) await page.screenshot({ path: join(SHOTS, `${name}-failed.png`), fullPage: true }).catch(() => {});
    if (pageErrors.length) console.log(`  [${name}] page errors:\n${pageErrors.map((x) => x.stack ?? x).join('\n')}`);
    throw e;
  } finally {
    await context.close();
  }
}

/**
 * A test file's before/after: a temporary folder that `make(dir, fixtures)` fills with the
 * file's fixtures, and the browser. Returns the fixtures (filled in before the first
 * test), the folder, and `withPage` run in that browser.
 */
export function setup(name, make, { timeout = 120_000 } = {}) {
  const fixtures = {};
  let browser;
  let dir;
  before(
    async () => {
      mkdirSync(SHOTS, { recursive: true });
      dir = mkdtempSync(join(tmpdir(), `leakscope-${name}-`));
      await make(dir, fixtures);
      browser = await launchChromium();
    },
    { timeout },
  );
  after(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return {
    fixtures,
    dir: () => dir,
    withPage: (name, fn, options) => withPage(browser, name, fn, options),
  };
}

/**
 * A test file's before/after for opening by name: the built page served on 127.0.0.1 with
 * `registry` (registry.mjs) answering beside it under /registry/, and the browser. Returns
 * the page's address (`url()`, known once the server listens), `inPage` (a page of it) and
 * `withPage` (a page of another address, in the same browser).
 */
export function servedWithRegistry(registry) {
  let browser;
  let server;
  let url;
  before(
    async () => {
      mkdirSync(SHOTS, { recursive: true });
      server = await serve(process.env.LEAKSCOPE_DIST ?? join(ROOT, 'dist'), { registry });
      url = `http://127.0.0.1:${server.address().port}/`;
      browser = await launchChromium();
    },
    { timeout: 90_000 },
  );
  after(async () => {
    await browser?.close();
    server?.closeAllConnections();
    server?.close();
  });
  return {
    url: () => url,
    inPage: (name, fn, options = {}) => withPage(browser, name, fn, { url, ...options }),
    withPage: (name, fn, options) => withPage(browser, name, fn, options),
  };
}
