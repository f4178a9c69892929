// Works offline after one visit (www/sw.js, scripts/offline.mjs): the built folder, copied
// and served from a sub-path, is opened once; then with the network gone the page reloads
// and analyses a dropped package. A new build served later is offered ("A new version is
// ready") and taken when the person agrees. The service worker keeps the build's own files
// and nothing the person analysed.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { ROOT, SHOTS, setup } from './harness.mjs';
import { leakyPackage, writeFixture } from './fixtures.mjs';
import { serve } from './serve.mjs';

const VERDICT = '[data-testid="verdict"]';
const FILE_INPUT = '[data-testid="file-input"]';
const PREFIX = '/offline/leakscope/';

const { fixtures, dir, withPage } = setup('offline', async (dir, fixtures) => {
  fixtures.leaky = writeFixture(dir, 'leaky-1.0.0.tgz', leakyPackage());
  // A copy: the second test serves a new build in place of this one.
  cpSync(join(ROOT, 'dist'), join(dir, 'site'), { recursive: true });
});

/** The build the service worker in `site` was made for, and the files it keeps. */
function builtFor(site) {
  const sw = readFileSync(join(site, 'sw.js'), 'utf8');
  return { build: sw.match(/const BUILD = '([0-9a-f]{16})'/)[1], files: JSON.parse(sw.match(/const FILES = (\[.*\]);/)[1]) };
}

/** Waits until a service worker controls the page; returns the caches and what they hold. */
async function controlled(page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated');
  return page.evaluate(async () => {
    const out = {};
    for (const key of await caches.keys()) {
      const cache = await caches.open(key);
      out[key] = (await cache.keys()).map((r) => new URL(r.url).pathname);
    }
    return out;
  });
}

/** Runs `fn(page, site)` with the copied build served under PREFIX, in a fresh page. */
async function withSite(name, fn) {
  const site = join(dir(), 'site');
  const server = await serve(site, { prefix: PREFIX });
  try {
    await withPage(name, (page) => fn(page, site), { url: `http://127.0.0.1:${server.address().port}${PREFIX}` });
  } finally {
    server.close();
  }
}

test('after one visit the page opens and analyses a package with no network', () =>
  withSite('offline', async (page, site) => {
    const { build, files } = builtFor(site);
    assert.ok(files.includes('index.html') && files.some((f) => f.endsWith('_bg.wasm')), `files kept: ${files}`);
    const kept = await controlled(page);
    assert.deepEqual(Object.keys(kept), [`leakscope-${build}`]);
    assert.deepEqual(kept[`leakscope-${build}`].sort(), files.map((f) => PREFIX + f).sort());

    await page.context().setOffline(true);
    await page.reload({ waitUntil: 'load' });
    await page.waitForSelector('main[data-worker="ready"], main[data-worker="warm"]', { state: 'attached' });
    await page.setInputFiles(FILE_INPUT, fixtures.leaky);
    await page.waitForSelector(VERDICT);
    assert.equal(await page.locator(VERDICT).getAttribute('data-level'), 'critical');
    await page.screenshot({ path: join(SHOTS, 'offline.png') });
    // The package analysed is in no cache: still only the build's files.
    assert.deepEqual(await controlled(page), kept);
  }),
);

test('a new build is offered, and taken when the person agrees', () =>
  withSite('update', async (page, site) => {
    const old = builtFor(site).build;
    await controlled(page);
    assert.equal(await page.locator('[data-testid="update"]').count(), 0, 'nothing to offer on the first visit');
    // A new build: its service worker differs (a new hash, as scripts/offline.mjs writes).
    const fresh = 'f'.repeat(16);
    const sw = join(site, 'sw.js');
    writeFileSync(sw, readFileSync(sw, 'utf8').replace(`'${old}'`, `'${fresh}'`));
    // A person comes back to the page: the browser checks for a new service worker.
    await page.reload({ waitUntil: 'load' });
    const notice = page.locator('[data-testid="update"]');
    await notice.waitFor();
    assert.match(await notice.textContent(), /A new version is ready/);
    assert.equal(await notice.getAttribute('role'), 'status');
    await page.screenshot({ path: join(SHOTS, 'update.png') });
    // Until the person agrees, the old build stays in charge; the new one waits, kept.
    assert.deepEqual(Object.keys(await controlled(page)).sort(), [`leakscope-${fresh}`, `leakscope-${old}`].sort());
    assert.equal(await page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration()).waiting), true);
    await Promise.all([page.waitForEvent('load'), page.click('[data-testid="update-reload"]')]);
    await page.waitForFunction(() => !document.querySelector('[data-testid="update"]'));
    const kept = await controlled(page);
    assert.deepEqual(Object.keys(kept), [`leakscope-${fresh}`], 'the old build\'s cache is gone');
    await page.setInputFiles(FILE_INPUT, fixtures.leaky);
    await page.waitForSelector(VERDICT);
  }),
);
