// The page for everyone: axe-core (@axe-core/playwright) on every state of the page (the
// start, a download under way, the results with the tree and the viewer open, a map's
// summary, an error, the comparison, the example), in light and dark and at 390 px, with
// no serious or critical violation (contrast included: WCAG 2.1 AA); and the page with the
// keyboard alone: the example opened from the keyboard, the focus on the verdict when it
// appears, "?" for the shortcuts, Esc back to the drop zone, the state said through a live
// region. Screenshots of each state land in target/e2e/a11y-*.png.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { AxeBuilder } from '@axe-core/playwright';

import { ROOT, SHOTS, launchChromium, withPage } from './harness.mjs';
import { serve } from './serve.mjs';
import { Registry } from './registry.mjs';
import { leakyPackage, writeFixture } from './fixtures.mjs';

const VERDICT = '[data-testid="verdict"]';
const ANNOUNCER = '[data-testid="announcer"]';

let browser;
let server;
let dir;
let url;
const fixtures = {};

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'leakscope-a11y-'));
  fixtures.leaky = writeFixture(dir, 'leaky-1.0.0.tgz', leakyPackage());
  fixtures.junk = writeFixture(dir, 'notes.tgz', Buffer.from('these are not the bytes of a package\n'.repeat(20)));
  const registry = new Registry().publish('slow-tool', '1.0.0', leakyPackage());
  server = await serve(process.env.LEAKSCOPE_DIST ?? join(ROOT, 'dist'), { registry });
  url = `http://127.0.0.1:${server.address().port}/`;
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  server?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** axe's serious and critical violations of WCAG 2.1 A and AA on the page as it is now. */
async function audit(page, state) {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = violations.filter((v) => ['serious', 'critical'].includes(v.impact));
  const said = bad.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join('\n    ')}`);
  assert.deepEqual(said, [], `axe, ${state}`);
}

/** Clicks the row of `path` in a tree, opening the folders on the way that are closed. */
async function openRow(page, testid, path) {
  const row = (p) => page.locator(`[data-testid="${testid}"][data-path="${p}"]`).filter({ visible: true });
  const parts = path.split('/');
  for (let i = 1; i <= parts.length; i++) {
    const p = parts.slice(0, i).join('/');
    if (i === parts.length || (await row(parts.slice(0, i + 1).join('/')).count()) === 0) await row(p).click();
  }
}

/** Each state of the page, audited and photographed as `a11y-<label>-<state>.png`. */
async function everyState(page, label) {
  const shot = (state) => page.screenshot({ path: join(SHOTS, `a11y-${label}-${state}.png`), fullPage: true });
  await audit(page, 'start');
  await shot('start');

  // A download under way: the tarball is held back until the audit is done.
  let release;
  const held = new Promise((ok) => (release = ok));
  await page.route('**/registry/slow-tool/-/*.tgz', async (route) => {
    await held;
    await route.continue();
  });
  await page.evaluate(() => (location.hash = '#pkg=slow-tool@1.0.0&registry=%2Fregistry%2F'));
  await page.waitForSelector('[data-testid="progress"]');
  await audit(page, 'progress');
  await shot('progress');
  release();
  await page.waitForSelector(VERDICT);

  // An error.
  await page.setInputFiles('[data-testid="file-input"]', fixtures.junk);
  await page.waitForSelector('[data-testid="error"]');
  await audit(page, 'error');
  await shot('error');

  // The example (offered on the start page): the results, a recovered file in the viewer.
  await page.goto(url);
  await page.click('[data-testid="try-example"]');
  await page.waitForSelector(VERDICT);
  await audit(page, 'example');
  await shot('example');
  await page.click('[data-testid="tab-recovered"]');
  await openRow(page, 'recovered-row', 'src/config.ts');
  await page.waitForSelector('[data-testid="viewer"][data-path="src/config.ts"]');
  await audit(page, 'viewer');
  await shot('viewer');

  // A map's summary.
  await page.click('[data-testid="tab-files"]');
  await openRow(page, 'tree-row', 'dist/cli.js.map');
  await page.waitForSelector('[data-testid="map-summary"]');
  await audit(page, 'map summary');
  await shot('map');

  // The comparison, with another package.
  await page.click('[data-testid="compare-with"]');
  await page.setInputFiles('[data-testid="compare-file-input"]', fixtures.leaky);
  await page.waitForSelector('[data-testid="compare-summary"]');
  await audit(page, 'comparison');
  await shot('compare');

  // The shortcuts' help.
  await page.keyboard.press('?');
  await page.waitForSelector('[data-testid="shortcuts"]');
  await audit(page, 'shortcuts');
  await shot('shortcuts');
  await page.keyboard.press('Escape');
}

for (const [label, options] of [
  ['light', { colorScheme: 'light' }],
  ['dark', { colorScheme: 'dark' }],
  ['narrow', { viewport: { width: 390, height: 844 } }],
  ['narrow-dark', { viewport: { width: 390, height: 844 }, colorScheme: 'dark' }],
]) {
  test(`axe finds nothing serious in any state: ${label}`, { timeout: 120_000 }, () =>
    withPage(browser, `a11y-${label}`, (page) => everyState(page, label), { ...options, url }),
  );
}

test('with the keyboard alone: the example, the verdict in focus, "?" and Esc, each state said', { timeout: 60_000 }, () =>
  withPage(
    browser,
    'keyboard',
    async (page) => {
      const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
      // Tab from the top of the page to "Try an example", then Enter.
      for (let i = 0; i < 10 && (await focused()) !== 'try-example'; i++) await page.keyboard.press('Tab');
      assert.equal(await focused(), 'try-example', 'Tab reaches "Try an example"');
      await page.keyboard.press('Enter');
      await page.waitForSelector(VERDICT);
      await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'verdict');
      const said = await page.locator(ANNOUNCER).textContent();
      assert.match(said, /^@example\/leaky-cli@1\.0\.0: critical, Leaks secrets\. .* 3 of its own source files/);
      assert.equal(await page.locator(ANNOUNCER).getAttribute('aria-live'), 'polite');

      // "?" shows the shortcuts, with the focus on its button; Esc closes it, and the focus
      // goes back to the verdict.
      await page.keyboard.press('?');
      await page.waitForSelector('[data-testid="shortcuts"]');
      assert.equal(await focused(), 'shortcuts-close');
      assert.match(await page.locator('[data-testid="shortcuts"]').innerText(), /Search the tree/);
      await page.screenshot({ path: join(SHOTS, 'shortcuts.png') });
      await page.keyboard.press('Escape');
      await page.waitForSelector('[data-testid="shortcuts"]', { state: 'detached' });
      assert.equal(await focused(), 'verdict');

      // Esc: back to the drop zone.
      await page.keyboard.press('Escape');
      assert.equal(await focused(), 'file-input');
    },
    { url },
  ),
);
