// End-to-end tests of the Leakscope page in a real Chromium (playwright-core, Debian's
// /usr/bin/chromium). The page must already be served, by default at
// http://127.0.0.1:8080/ (override with LEAKSCOPE_URL); `node tests/e2e/serve.mjs dist`
// does that. Run: node --test tests/e2e/
// LEAKSCOPE_BIG=1 also runs the ~33 MB synthetic-leak benchmark. Screenshots go to
// target/e2e/ (override with LEAKSCOPE_SHOTS); a failing test saves <name>-failed.png.
//
// Selectors relied on:
//   [data-testid="file-input"]      the <input type=file>
//   .dropzone                       the drop target
//   [data-testid="verdict"]         data-level="critical|high|medium|low|clean", data-ms
//   [data-testid="recovered-count"] text: number of recovered source files
//   [data-testid="tree-row"]        data-path (package-relative), data-severity
//   [data-testid="error"]           the error banner

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { SHOTS, TIMEOUT, requestsSince, setup } from './harness.mjs';

import {
  bigLeak,
  bigLeakExpected,
  cleanPackage,
  HOSTILE,
  hostileNames,
  leakyPackage,
  LONG_PATH,
  notGzip,
  slowPackage,
  writeFixture,
} from './fixtures.mjs';


const VERDICT = '[data-testid="verdict"]';
const ERROR = '[data-testid="error"]';
const FILE_INPUT = '[data-testid="file-input"]';
const RECOVERED = '[data-testid="recovered-count"]';
const row = (path) => `[data-testid="tree-row"][data-path="${path}"]`;

const { fixtures, dir, withPage } = setup('e2e', (dir, fixtures) => {
  fixtures.leaky = writeFixture(dir, 'secret-cli-1.0.0.tgz', leakyPackage());
  fixtures.clean = writeFixture(dir, 'tiny-clean-2.3.4.tgz', cleanPackage());
  fixtures.notGzip = writeFixture(dir, 'not-a-package.tgz', notGzip());
  fixtures.hostile = writeFixture(dir, 'hostile.tgz', hostileNames());
  fixtures.slow = writeFixture(dir, 'slow-one-9.9.9.tgz', slowPackage());
});



/**
 * Waits until the page shows a verdict or an error. With `expect: 'verdict'`, an error banner
 * without a verdict fails with the banner's text (more useful than a timeout).
 */
async function waitForOutcome(page, { expect = 'verdict', timeout = TIMEOUT } = {}) {
  await page.waitForSelector(`${VERDICT}, ${ERROR}`, { state: 'visible', timeout });
  const verdicts = await page.locator(VERDICT).count();
  if (expect === 'verdict' && verdicts === 0) {
    const text = await page.locator(ERROR).first().innerText();
    assert.fail(`expected a verdict, the page shows an error: ${text}`);
  }
}

async function attr(page, selector, name) {
  const el = page.locator(selector);
  assert.equal(await el.count(), 1, `exactly one ${selector}`);
  return el.getAttribute(name);
}

/** The assertions shared by the picked, dropped and dark-mode leaky runs. */
async function assertLeaky(page) {
  assert.equal(await attr(page, VERDICT, 'data-level'), 'critical');
  const verdict = await page.locator(VERDICT).innerText();
  assert.ok(verdict.includes('Leaks 3 of its own source files'), `verdict text: ${JSON.stringify(verdict)}`);
  assert.equal((await page.locator(RECOVERED).innerText()).trim(), '4');
  assert.equal(await attr(page, row('dist/cli.js.map'), 'data-severity'), 'critical');
  assert.equal(await attr(page, row('dist'), 'data-severity'), 'critical');
  assert.equal(await attr(page, row('dist/cli.js'), 'data-severity'), 'none');
  assert.equal(await page.locator(row('package.json')).count(), 1, 'a package.json row');
  // The top folder (package/) is dropped, not shown as a row.
  assert.equal(await page.locator(row('package')).count(), 0, 'no row for the top folder');
}

/** Drops `bytes` as a File named `name` on `.dropzone` with real DragEvents. */
async function dropFile(page, bytes, name) {
  await page.waitForSelector('.dropzone', { state: 'visible' });
  const prevented = await page.evaluate(
    ({ b64, name }) => {
      const bin = atob(b64);
      const data = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) data[i] = bin.charCodeAt(i);
      const file = new File([data], name, { type: 'application/gzip' });
      const dt = new DataTransfer();
      dt.items.add(file);
      const zone = document.querySelector('.dropzone');
      const out = {};
      for (const type of ['dragenter', 'dragover', 'drop']) {
        const ev = new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt });
        zone.dispatchEvent(ev);
        out[type] = ev.defaultPrevented;
      }
      return out;
    },
    { b64: Buffer.from(bytes).toString('base64'), name },
  );
  // Without preventDefault on dragover a real browser never fires drop, and without it on
  // drop the browser navigates to the file.
  assert.equal(prevented.dragover, true, 'dragover must be default-prevented');
  assert.equal(prevented.drop, true, 'drop must be default-prevented');
}

test('leaky package, picked with the file input', { timeout: TIMEOUT * 2 }, async () => {
  await withPage('leaky-picked', async (page, { requests }) => {
    await page.waitForSelector(FILE_INPUT, { state: 'attached' });
    const before = requests.length;
    await page.setInputFiles(FILE_INPUT, fixtures.leaky);
    await waitForOutcome(page);
    await assertLeaky(page);
    assert.deepEqual(requestsSince(requests, before), [], 'requests made while analysing');
    await page.screenshot({ path: join(SHOTS, 'leaky-picked.png'), fullPage: true });
  });
});

test('leaky package, dropped on the drop zone', { timeout: TIMEOUT * 2 }, async () => {
  await withPage('leaky-dropped', async (page) => {
    await dropFile(page, leakyPackage(), 'secret-cli-1.0.0.tgz');
    await waitForOutcome(page);
    await assertLeaky(page);
    await page.screenshot({ path: join(SHOTS, 'leaky-dropped.png'), fullPage: true });
  });
});

test('leaky package in dark mode', { timeout: TIMEOUT * 2 }, async () => {
  await withPage(
    'leaky-dark',
    async (page) => {
      assert.equal(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches), true);
      await page.setInputFiles(FILE_INPUT, fixtures.leaky);
      await waitForOutcome(page);
      await assertLeaky(page);
      const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      console.log(`  dark mode: body background ${bg}`);
      await page.screenshot({ path: join(SHOTS, 'leaky-dark.png'), fullPage: true });
    },
    { colorScheme: 'dark' },
  );
});

test('clean package (top folder "node/", map without sourcesContent)', { timeout: TIMEOUT * 2 }, async () => {
  await withPage('clean', async (page) => {
    await page.setInputFiles(FILE_INPUT, fixtures.clean);
    await waitForOutcome(page);
    assert.equal(await attr(page, VERDICT, 'data-level'), 'clean');
    assert.equal((await page.locator(RECOVERED).innerText()).trim(), '0');
    assert.equal(await attr(page, row('index.js.map'), 'data-severity'), 'info');
    assert.equal(await page.locator(row('index.js')).count(), 1, 'an index.js row');
    assert.equal(await page.locator(row('node')).count(), 0, 'no row for the top folder');
    await page.screenshot({ path: join(SHOTS, 'clean.png'), fullPage: true });
  });
});

test('a file that is not gzip shows the error banner', { timeout: TIMEOUT * 2 }, async () => {
  await withPage('error', async (page) => {
    await page.setInputFiles(FILE_INPUT, fixtures.notGzip);
    await waitForOutcome(page, { expect: 'error' });
    const banner = page.locator(ERROR);
    assert.equal(await banner.isVisible(), true, 'error banner visible');
    const text = await banner.innerText();
    assert.match(text, /not a package Leakscope reads/i);
    assert.equal(await page.locator(VERDICT).count(), 0, 'no verdict');
    await page.screenshot({ path: join(SHOTS, 'error.png'), fullPage: true });
  });
});

test('hostile names and contents are shown as text, never run', { timeout: TIMEOUT * 2 }, async () => {
  await withPage('hostile', async (page, { requests }) => {
    // The dropped file's own name is hostile too (it is shown while working).
    await dropFile(page, hostileNames(), `${HOSTILE.imgBare}.tgz`);
    await waitForOutcome(page);
    // Give any injected <img onerror> / <svg onload> time to fire.
    await page.waitForTimeout(500);
    assert.equal(await page.evaluate(() => typeof window.__pwned), 'undefined', 'window.__pwned was set');
    const injected = await page.evaluate(() => ({
      handlers: document.querySelectorAll('[onerror], [onload]').length,
      scripts: [...document.scripts].filter((s) => s.textContent.includes('__pwned')).length,
    }));
    assert.deepEqual(injected, { handlers: 0, scripts: 0 }, 'payload elements in the DOM');
    assert.deepEqual(
      requests.filter((u) => new URL(u).pathname.endsWith('/x')),
      [],
      'an injected <img src=x> was loaded',
    );
    assert.equal(await attr(page, VERDICT, 'data-level'), 'critical');
    assert.equal((await page.locator(RECOVERED).innerText()).trim(), '3');
    const shown = await page.evaluate(() => document.body.innerText);
    assert.ok(shown.includes(`${HOSTILE.imgBare}.js`), 'the hostile file name is shown as text');
    // Paths with quotes and '<' cannot go in a CSS attribute selector safely; compare in JS.
    const paths = await page.evaluate(() =>
      [...document.querySelectorAll('[data-testid="tree-row"]')].map((r) => r.getAttribute('data-path')),
    );
    for (const p of [`${HOSTILE.imgBare}.js.map`, `lib/${HOSTILE.svg}.js`, `${HOSTILE.img}.md`, LONG_PATH]) {
      assert.ok(paths.includes(p), `tree row for ${JSON.stringify(p)}; rows: ${JSON.stringify(paths)}`);
    }
    await page.screenshot({ path: join(SHOTS, 'hostile.png'), fullPage: true });
  });
});

/** Waits until the page shows the progress bar of an analysis under way. */
async function waitForWork(page) {
  await page.waitForSelector('[data-testid="progress"]', { state: 'visible' });
  await page.waitForSelector('[data-testid="cancel"]', { state: 'visible' });
}

/** The verdict banner's package line: which package the verdict is about. */
async function verdictLabel(page) {
  return page.locator(`${VERDICT} .verdict-meta`).innerText();
}

test('Cancel (and Esc) stops an analysis under way, and the next one runs', { timeout: TIMEOUT * 4 }, async () => {
  await withPage('cancel', async (page) => {
    await page.setInputFiles(FILE_INPUT, fixtures.slow);
    await waitForWork(page);
    await page.screenshot({ path: join(SHOTS, 'working.png'), fullPage: true });
    await page.click('[data-testid="cancel"]');
    await page.waitForSelector('[data-testid="cancelled"]', { state: 'visible' });
    assert.match(await page.locator('[data-testid="cancelled"]').innerText(), /Stopped analysing slow-one-9\.9\.9\.tgz/);
    // The stopped analysis never reports back.
    await page.waitForTimeout(4000);
    assert.equal(await page.locator(VERDICT).count(), 0, 'no verdict after cancel');
    assert.equal(await page.locator('[data-testid="progress"]').count(), 0, 'no progress bar after cancel');

    // Esc does the same.
    await page.setInputFiles(FILE_INPUT, fixtures.slow);
    await waitForWork(page);
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid="cancelled"]', { state: 'visible' });

    // A fresh worker takes the next package.
    await page.setInputFiles(FILE_INPUT, fixtures.leaky);
    await waitForOutcome(page);
    await assertLeaky(page);
  });
});

test('a second drop while one is running replaces it, and nothing of the first shows up', { timeout: TIMEOUT * 4 }, async () => {
  await withPage('second-drop', async (page) => {
    await page.setInputFiles(FILE_INPUT, fixtures.slow);
    await waitForWork(page);
    await dropFile(page, leakyPackage(), 'secret-cli-1.0.0.tgz');
    await waitForOutcome(page);
    await assertLeaky(page);
    assert.match(await verdictLabel(page), /secret-cli@1\.0\.0/);
    // Long after the first would have finished, the page still shows the second.
    await page.waitForTimeout(5000);
    assert.equal(await page.locator(VERDICT).count(), 1);
    assert.match(await verdictLabel(page), /secret-cli@1\.0\.0/);
    assert.equal(await attr(page, VERDICT, 'data-level'), 'critical');
    assert.equal(await page.locator(row('big.js')).count(), 0, 'no file of the first package');
  });
});

/** Runs in the page: the longest gap between rAF callbacks and between setTimeout(0) ticks
 * until a verdict or error appears (or 90 s pass). */
function responsivenessProbe() {
  return new Promise((resolve) => {
    const start = performance.now();
    let lastFrame = start;
    let lastTick = start;
    let maxFrame = 0;
    let maxTick = 0;
    let frames = 0;
    let done = false;
    const frame = () => {
      const now = performance.now();
      maxFrame = Math.max(maxFrame, now - lastFrame);
      lastFrame = now;
      frames++;
      if (!done) requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
    const tick = () => {
      const now = performance.now();
      maxTick = Math.max(maxTick, now - lastTick);
      lastTick = now;
      const finished = document.querySelector('[data-testid="verdict"], [data-testid="error"]');
      if (finished || now - start > 90_000) {
        done = true;
        resolve({ maxFrame, maxTick, frames, ms: now - start });
      } else {
        setTimeout(tick, 0);
      }
    };
    setTimeout(tick, 0);
  });
}

test(
  'big synthetic leak (benchmark)',
  {
    skip: process.env.LEAKSCOPE_BIG === '1' ? false : 'set LEAKSCOPE_BIG=1 to run the benchmark',
    timeout: 300_000,
  },
  async () => {
    const expected = bigLeakExpected();
    const t = performance.now();
    const path = writeFixture(dir(), 'acme-agent-3.7.1.tgz', bigLeak());
    const mb = statSync(path).size / 1e6;
    console.log(`  BIG: generated ${mb.toFixed(1)} MB in ${Math.round(performance.now() - t)} ms`);
    await withPage('big', async (page) => {
      await page.waitForSelector(FILE_INPUT, { state: 'attached' });
      const probe = page.evaluate(responsivenessProbe).catch((e) => ({ error: String(e) }));
      const t0 = performance.now();
      await page.setInputFiles(FILE_INPUT, path);
      await waitForOutcome(page, { timeout: 60_000 });
      const wall = performance.now() - t0;
      const pageMs = await attr(page, VERDICT, 'data-ms');
      console.log(`BIG: tarball ${mb.toFixed(1)} MB, page-measured ${pageMs} ms, wall ${Math.round(wall)} ms`);
      const r = await Promise.race([probe, new Promise((ok) => setTimeout(() => ok({ error: 'probe timed out' }), 10_000))]);
      if (r.error) console.log(`BIG: responsiveness probe failed: ${r.error}`);
      else
        console.log(
          `BIG: longest main-thread gap: ${Math.round(r.maxFrame)} ms between frames (${r.frames} frames), ` +
            `${Math.round(r.maxTick)} ms between setTimeout(0) ticks, over ${Math.round(r.ms)} ms`,
        );
      assert.equal(await attr(page, VERDICT, 'data-level'), 'critical');
      assert.equal((await page.locator(RECOVERED).innerText()).trim(), expected.sources.toLocaleString('en-US'));
      const verdict = await page.locator(VERDICT).innerText();
      const firstParty = expected.firstParty.toLocaleString('en-US'); // "1,900"
      assert.ok(
        verdict.includes(`Leaks ${firstParty} of its own source files`),
        `verdict text: ${JSON.stringify(verdict)}`,
      );
      assert.equal(await attr(page, row('cli.js.map'), 'data-severity'), 'critical');
      await page.screenshot({ path: join(SHOTS, 'big.png'), fullPage: true });
    });
  },
);
