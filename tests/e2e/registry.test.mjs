// Opening published versions by name, in a real Chromium: a registry that these tests
// build and serve beside the page on 127.0.0.1 (a same-origin mirror under /registry/,
// which the page's policy always allows), with a clean version, one that adds an orphaned
// map embedding first-party sources under a proprietary licence, one whose tarball does not
// match its integrity, a scoped package, an old version with `shasum` only, and a download
// that is cut off; and a private registry on another origin, which a copy of the page built
// to allow it (LEAKSCOPE_REGISTRIES) opens from. This file serves the page itself (from
// dist/, or LEAKSCOPE_DIST).
//
// Selectors relied on, besides page.test.mjs's:
//   [data-testid="package-name"]   the name field ([data-testid="open-name"] submits it)
//   [data-testid="change-registry"], [data-testid="registry-url"], [data-testid="save-registry"]
//   [data-testid="registry-banner"] shown while the registry is not the default
//   [data-testid="integrity"]       the verdict's integrity line
//   [data-testid="version-row"]     data-version; [data-testid="chart-bar"] data-version
//   [data-testid="scan-anyway"]     after an integrity mismatch
//   [data-testid="offer"]           versions offered instead of a missing one
//   [data-testid="compare-with"], [data-testid="compare-name"], [data-testid="compare-open"]
//   [data-testid="compare-summary"], [data-testid="compare-new"], [data-testid="swap"]

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, SHOTS, requestsSince, servedWithRegistry } from './harness.mjs';
import { serve } from './serve.mjs';
import { Registry, sri } from './registry.mjs';
import { cleanPackage, tgz } from './fixtures.mjs';

const VERDICT = '[data-testid="verdict"]';
const ERROR = '[data-testid="error"]';
const NAME = '[data-testid="package-name"]';
const MB = 1_000_000;

const json = (v) => JSON.stringify(v, null, 2) + '\n';

/** `leaky-tool` at `version`; with `leak`, an orphaned map embedding its own sources. */
function tool(name, version, { leak = false } = {}) {
  const entries = [
    { name: 'package/package.json', data: json({ name, version, license: 'UNLICENSED' }) },
    { name: 'package/dist/cli.js', data: `"use strict";console.log("${name} ${version}");\n` },
    { name: 'package/README.md', data: `# ${name}\n` },
  ];
  if (leak) {
    const map = {
      version: 3,
      file: 'cli.js',
      sources: ['webpack://tool/./src/main.ts', 'webpack://tool/./src/secret-sauce.ts'],
      sourcesContent: [
        'export const main = (): void => console.log("internal");\n',
        'export function price(n: number): number {\n  return n * 1.37; // do not ship\n}\n',
      ],
      names: [],
      mappings: 'AAAA',
    };
    entries.push({ name: 'package/dist/cli.js.map', data: JSON.stringify(map) });
  }
  return tgz(entries);
}

const registry = new Registry();
// Four clean releases of about 1.2 MB unpacked, then one six times larger: the leak.
for (const [i, v] of ['1.0.0', '1.0.1', '1.0.2', '1.0.3'].entries()) {
  registry.publish('leaky-tool', v, tool('leaky-tool', v), { unpackedSize: 1.2 * MB + i * 10_000 });
}
registry.publish('leaky-tool', '1.1.0', tool('leaky-tool', '1.1.0', { leak: true }), { unpackedSize: 7.4 * MB });
registry.publish('leaky-tool', '1.2.0-beta.0', tool('leaky-tool', '1.2.0-beta.0'), { tag: 'beta', unpackedSize: 1.3 * MB });
registry.publish('broken-pkg', '1.0.0', tool('broken-pkg', '1.0.0'), { integrity: 'wrong' });
registry.publish('@acme/tool', '2.0.0', tool('@acme/tool', '2.0.0'));
registry.publish('old-pkg', '0.1.0', tool('old-pkg', '0.1.0'), { integrity: 'shasum' });
registry.publish('cut-pkg', '1.0.0', tool('cut-pkg', '1.0.0'), { cut: true });

const mirror = servedWithRegistry(registry);
const inPage = mirror.inPage;

/** Points the page at the mirror beside it, through the registry setting. */
async function useMirror(page) {
  await page.click('[data-testid="change-registry"]');
  await page.fill('[data-testid="registry-url"]', '/registry/');
  await page.click('[data-testid="save-registry"]');
  await page.waitForSelector('[data-testid="registry-banner"]');
}

async function openByName(page, spec) {
  await page.fill(NAME, spec);
  await page.click('[data-testid="open-name"]');
}

async function verdictOf(page, label) {
  await page.waitForFunction(
    (label) => document.querySelector('[data-testid="verdict"]')?.textContent.includes(label),
    label,
  );
  return page.getAttribute(VERDICT, 'data-level');
}

test('a published version opens by name, verified, with its versions to switch between', async () => {
  await inPage('by-name', async (page) => {
    await useMirror(page);
    assert.match(await page.textContent('[data-testid="registry-banner"]'), /127\.0\.0\.1.*not the public npm registry/);
    await openByName(page, 'leaky-tool');
    assert.equal(await verdictOf(page, 'leaky-tool@1.1.0'), 'critical');
    assert.match(
      await page.textContent('[data-testid="integrity"]'),
      /Integrity verified against the registry \(SHA-512\)/,
    );
    assert.ok((await page.textContent('[data-testid="integrity"]')).includes(registry.integrityOf('leaky-tool', '1.1.0')));
    // The versions, newest first, tags marked; the leak stands out in the chart.
    const versions = await page.$$eval('[data-testid="version-row"]', (rows) => rows.map((r) => r.dataset.version));
    assert.deepEqual(versions, ['1.2.0-beta.0', '1.1.0', '1.0.3', '1.0.2', '1.0.1', '1.0.0']);
    const current = page.locator('[data-testid="version-row"][aria-current="true"]');
    assert.equal(await current.getAttribute('data-version'), '1.1.0');
    assert.match(await current.textContent(), /latest/);
    assert.match(await current.textContent(), /6\.\d× larger/);
    const outliers = await page.$$eval('[data-testid="chart-bar"].outlier', (bars) => bars.map((b) => b.dataset.version));
    assert.deepEqual(outliers, ['1.1.0']);
    await page.screenshot({ path: join(SHOTS, 'by-name.png'), fullPage: true });

    // One click switches version: a bar of the chart, or a row of the list.
    await page.click('[data-testid="chart-bar"][data-version="1.0.3"]');
    assert.equal(await verdictOf(page, 'leaky-tool@1.0.3'), 'clean');
    await page.click('[data-testid="version-row"][data-version="1.0.0"] button.version');
    assert.equal(await verdictOf(page, 'leaky-tool@1.0.0'), 'clean');
    // A dist-tag, and a scoped package.
    await openByName(page, 'leaky-tool@beta');
    assert.equal(await verdictOf(page, 'leaky-tool@1.2.0-beta.0'), 'clean');
    await openByName(page, 'leaky-tool@latest');
    assert.equal(await verdictOf(page, 'leaky-tool@1.1.0'), 'critical');
    await openByName(page, '@acme/tool@2.0.0');
    assert.equal(await verdictOf(page, '@acme/tool@2.0.0'), 'clean');
    // An old version with only a SHA-1 shasum.
    await openByName(page, 'old-pkg@0.1.0');
    await verdictOf(page, 'old-pkg@0.1.0');
    assert.match(await page.textContent('[data-testid="integrity"]'), /verified against the registry \(SHA-1, the older and weaker check/);
    // The setting is kept in the browser.
    await page.reload();
    await page.waitForSelector('[data-testid="registry-banner"]');
    assert.equal(await page.textContent('[data-testid="registry"]'), `${mirror.url()}registry/`);
  });
});

test('a tarball that does not match its integrity is refused, and read only when asked', async () => {
  await inPage('mismatch', async (page) => {
    await useMirror(page);
    await openByName(page, 'broken-pkg@1.0.0');
    await page.waitForSelector(ERROR);
    const text = await page.textContent(ERROR);
    assert.match(text, /integrity check failed/);
    assert.ok(text.includes(registry.integrityOf('broken-pkg', '1.0.0')), 'the registry digest is shown');
    const actual = sri(registry.packages.get('broken-pkg').get('1.0.0').tgz);
    assert.ok(text.includes(actual), 'the download digest is shown');
    assert.equal(await page.$(VERDICT), null, 'nothing is scanned before the person asks');
    await page.screenshot({ path: join(SHOTS, 'mismatch.png'), fullPage: true });
    await page.click('[data-testid="scan-anyway"]');
    await verdictOf(page, 'broken-pkg@1.0.0');
    assert.match(await page.textContent('[data-testid="integrity"]'), /UNVERIFIED/);
  });
});

test('what cannot be opened is said in plain words, with what there is instead', async () => {
  await inPage('by-name-errors', async (page) => {
    await useMirror(page);
    await openByName(page, 'leaky-tool@9.9.9');
    await page.waitForSelector(ERROR);
    assert.match(await page.textContent(ERROR), /leaky-tool has no version 9\.9\.9; the closest it has: /);
    const offers = await page.$$eval('[data-testid="offer"]', (b) => b.map((x) => x.textContent));
    assert.ok(offers.length >= 3 && offers.every((o) => o.startsWith('leaky-tool@')), offers.join());
    await page.click('[data-testid="offer"]');
    await verdictOf(page, offers[0]);

    await openByName(page, 'no-such-package');
    await page.waitForSelector(ERROR);
    assert.match(await page.textContent(ERROR), /has no package called no-such-package/);

    await openByName(page, 'cut-pkg@1.0.0');
    await page.waitForSelector(ERROR);
    assert.match(await page.textContent(ERROR), /download of .*cut-pkg-1\.0\.0\.tgz was cut off after/);

    await openByName(page, 'Not A Name!');
    await page.waitForSelector(ERROR);
    assert.match(await page.textContent(ERROR), /is not a package name/);

    // A registry the page's policy does not list is refused before any request.
    const before = registry.requests.length;
    await page.click('[data-testid="change-registry"]');
    await page.fill('[data-testid="registry-url"]', 'http://127.0.0.1:9/');
    await page.click('[data-testid="save-registry"]');
    const error = await page.textContent('[data-testid="registry-error"]');
    assert.match(error, /security policy does not allow it to connect to http:\/\/127\.0\.0\.1:9/);
    assert.match(error, /LEAKSCOPE_REGISTRIES/);
    assert.equal(registry.requests.length, before);
  });
});

test('a link by name reopens the same analysis and file in a fresh page', async () => {
  let link;
  await inPage('link-by-name', async (page) => {
    await useMirror(page);
    await openByName(page, 'leaky-tool@1.1.0');
    await verdictOf(page, 'leaky-tool@1.1.0');
    await page.click('[data-testid="tree-row"][data-path="dist/cli.js.map"]');
    await page.waitForFunction(() => location.hash.includes('file='));
    const hash = await page.evaluate(() => location.hash);
    assert.equal(hash, `#pkg=leaky-tool@1.1.0&registry=${encodeURIComponent(`${mirror.url()}registry/`)}&tab=files&file=dist%2Fcli.js.map`);
    link = mirror.url() + hash;
    await page.click('[data-testid="copy-link"]');
    await page.waitForSelector('[data-testid="link-copied"], [data-testid="link-field"]');
  });
  // A new browser context: nothing saved, only the link.
  await inPage(
    'link-by-name-fresh',
    async (page) => {
      assert.equal(await verdictOf(page, 'leaky-tool@1.1.0'), 'critical');
      await page.waitForSelector('.viewer-path');
      assert.match(await page.textContent('.viewer-path'), /dist\/cli\.js\.map/);
      assert.match(await page.textContent('[data-testid="registry-banner"]'), /as the link asks/);
      await page.screenshot({ path: join(SHOTS, 'link-by-name.png'), fullPage: true });
      // A link naming a comparison, pasted into the same tab.
      await page.evaluate(() => {
        location.hash = location.hash.replace(/&tab=.*/, '') + '&compare=leaky-tool%401.0.3';
      });
      await page.waitForSelector('[data-testid="compare-summary"]');
      assert.match(await page.textContent('[data-testid="compare-summary"]'), /^1\.1\.0 adds dist\/cli\.js\.map/);
    },
    { url: link },
  );
});

test('two versions compared: the added map comes first, and the tree marks it', async () => {
  await inPage('compare', async (page) => {
    await useMirror(page);
    await openByName(page, 'leaky-tool@1.1.0');
    const level = await verdictOf(page, 'leaky-tool@1.1.0');
    assert.notEqual(level, 'clean');
    await page.click('[data-testid="compare-with"]');
    assert.equal(await page.inputValue('[data-testid="compare-name"]'), 'leaky-tool@1.0.3', 'the version before is offered');
    await page.click('[data-testid="compare-open"]');
    await page.waitForSelector('[data-testid="compare-summary"]');
    const summary = await page.textContent('[data-testid="compare-summary"]');
    assert.match(summary, /^1\.1\.0 adds dist\/cli\.js\.map, [\d.]+ (B|kB|KB), which embeds 2 of the package's own source files\./);
    const first = await page.$eval('[data-testid="compare-new"] .finding', (f) => f.textContent);
    assert.match(first, /dist\/cli\.js\.map/);
    assert.equal(await page.getAttribute('[data-testid="tree-row"][data-path="dist/cli.js.map"]', 'data-mark'), 'added');
    assert.equal(await page.getAttribute('[data-testid="tree-row"][data-path="dist/cli.js"]', 'data-mark'), 'changed');
    assert.match(await page.evaluate(() => location.hash), /compare=leaky-tool@1\.0\.3/);
    await page.screenshot({ path: join(SHOTS, 'compare.png'), fullPage: true });
    // The other way round: the map is gone, nothing is new; the package opened stays shown.
    await page.click('[data-testid="swap"]');
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="compare-summary"]')?.textContent.includes('Compared with 1.1.0'),
    );
    assert.match(await page.textContent('[data-testid="compare-summary"]'), /no new findings/);
    assert.equal(await verdictOf(page, 'leaky-tool@1.1.0'), level);
    assert.equal(await page.getAttribute('[data-testid="tree-row"][data-path="dist/cli.js.map"]', 'data-mark'), 'removed');
  });
});

test('a registry on another origin works once the page is built to allow it', async () => {
  // A private registry elsewhere, answering other origins as the public one does.
  const other = new Registry({ cors: true });
  other.publish('@acme/private', '3.1.0', tool('@acme/private', '3.1.0', { leak: true }));
  const far = await serve(mkdtempSync(join(tmpdir(), 'leakscope-empty-')), { registry: other });
  const origin = `http://127.0.0.1:${far.address().port}`;
  // The page as LEAKSCOPE_REGISTRIES would build it: that origin in its connect-src.
  const dir = mkdtempSync(join(tmpdir(), 'leakscope-dist-'));
  cpSync(process.env.LEAKSCOPE_DIST ?? join(ROOT, 'dist'), dir, { recursive: true });
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const allowed = html.replace("connect-src 'self' https://registry.npmjs.org", `connect-src 'self' https://registry.npmjs.org ${origin}`);
  assert.notEqual(allowed, html, 'the built policy names the public registry');
  writeFileSync(join(dir, 'index.html'), allowed);
  const site = await serve(dir);
  try {
    await mirror.withPage('cross-origin', async (page) => {
      await page.click('[data-testid="change-registry"]');
      await page.fill('[data-testid="registry-url"]', `${origin}/registry/`);
      await page.click('[data-testid="save-registry"]');
      await page.waitForSelector('[data-testid="registry-banner"]');
      assert.match(await page.textContent('[data-testid="registry-banner"]'), new RegExp(`${origin}/registry/`));
      await openByName(page, '@acme/private@3.1.0');
      assert.equal(await verdictOf(page, '@acme/private@3.1.0'), 'critical');
      assert.match(await page.textContent('[data-testid="integrity"]'), /verified against the registry \(SHA-512\)/);
      assert.deepEqual(other.requests, ['/registry/@acme%2fprivate', '/registry/@acme/private/-/private-3.1.0.tgz']);
      assert.match(await page.evaluate(() => location.hash), /registry=http%3A%2F%2F127\.0\.0\.1%3A\d+%2Fregistry%2F/);
    }, { url: `http://127.0.0.1:${site.address().port}/` });
  } finally {
    for (const s of [far, site]) {
      s.closeAllConnections();
      s.close();
    }
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a dropped file still makes no request at all', async () => {
  await inPage('drop-no-request', async (page, { requests }) => {
    const before = requests.length;
    const served = registry.requests.length;
    await page.setInputFiles('[data-testid="file-input"]', {
      name: 'tiny-clean-2.3.4.tgz',
      mimeType: 'application/gzip',
      buffer: cleanPackage(),
    });
    await verdictOf(page, 'tiny-clean@2.3.4');
    assert.deepEqual(requestsSince(requests, before), []);
    assert.equal(registry.requests.length, served);
  });
});
