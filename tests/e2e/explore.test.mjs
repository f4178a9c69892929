// End-to-end tests of exploring an analysed package: the file viewer, the recovered-sources
// tree, the downloads (file, .zip, JSON report, Markdown), tree search/filter/sort and
// keyboard navigation, the URL hash, and HTML injection through package data. Same setup
// as page.test.mjs: the page must already be served (LEAKSCOPE_URL, default
// http://127.0.0.1:8080/), Debian's /usr/bin/chromium, screenshots in target/e2e/ (or
// LEAKSCOPE_SHOTS). LEAKSCOPE_BIG=1 also runs the large-file viewer benchmark.
//
// Selectors relied on (besides those of page.test.mjs):
//   [data-testid="tab-files"], [data-testid="tab-recovered"]   role=tab, aria-selected
//   [data-testid="recovered-row"]   data-path (normalised), data-third-party, data-dir
//   [data-testid="tree-search"], [data-testid="severity-filter"], [data-testid="tree-sort"]
//   [data-testid="viewer"]          data-path, data-kind="text|binary"
//   [data-testid="code-line"]       data-line (1-based); `.code` holds the line's text
//   [data-testid="code-cont"]       a further row of a long line (its `.code` continues it)
//   [data-testid="line-finding"]    a finding right after its line
//   [data-testid="viewer-binary"]   description of a binary file
//   [data-testid="source-map-link"], [data-testid="variant-compare"]
//   [data-testid="download-file|download-zip|download-report|download-markdown"]
//   [data-testid="finding"]         a finding; clicking it opens its file

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash, randomInt } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { marked } from 'marked';
import { ROOT, URL_UNDER_TEST, SHOTS, TIMEOUT, requestsSince, setup } from './harness.mjs';

import {
  BIG_HUGE_SOURCE,
  bigHugeSource,
  bigLeak,
  bigLeakExpected,
  entryStats,
  exploreConfigJs,
  exploreEntries,
  explorePackage,
  RECOVERY_MAIN_TS,
  RECOVERY_SHARED,
  recoveryEntries,
  recoveryExpected,
  recoveryPackage,
  tinyPng,
  writeFixture,
  XSS,
  xssFixture,
} from './fixtures.mjs';

const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'];

const VERDICT = '[data-testid="verdict"]';
const ERROR = '[data-testid="error"]';
const FILE_INPUT = '[data-testid="file-input"]';
const RECOVERED_COUNT = '[data-testid="recovered-count"]';
const TAB = { files: '[data-testid="tab-files"]', recovered: '[data-testid="tab-recovered"]' };
const ROW_TESTID = { files: 'tree-row', recovered: 'recovered-row' };
const SEARCH = '[data-testid="tree-search"]';
const SEVERITY_FILTER = '[data-testid="severity-filter"]';
const SORT = '[data-testid="tree-sort"]';
const VIEWER = '[data-testid="viewer"]';
const CODE_LINE = '[data-testid="code-line"]';
const LINE_FINDING = '[data-testid="line-finding"]';
const VIEWER_BINARY = '[data-testid="viewer-binary"]';
const SOURCE_MAP_LINK = '[data-testid="source-map-link"]';
const VARIANT_COMPARE = '[data-testid="variant-compare"]';
const FINDING = '[data-testid="finding"]';
const DOWNLOAD = {
  file: '[data-testid="download-file"]',
  zip: '[data-testid="download-zip"]',
  report: '[data-testid="download-report"]',
  markdown: '[data-testid="download-markdown"]',
  ownZip: '[data-testid="download-own-zip"]',
};

// A GitHub token made at run time, so no real-looking secret sits in the repository.
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
// GitHub's checksum: CRC-32 of the 30 random characters, in base 62, as the last six.
const B62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const TOKEN_BODY = Array.from({ length: 30 }, () => ALNUM[randomInt(ALNUM.length)]).join('');
const TOKEN = `ghp_${TOKEN_BODY}${(() => {
  let n = crc32(TOKEN_BODY);
  let s = '';
  for (let i = 0; i < 6; i++) {
    s = B62[n % 62] + s;
    n = Math.floor(n / 62);
  }
  return s;
})()}`;

const { fixtures, dir, withPage: withPageIn } = setup('explore', (dir, fixtures) => {
  fixtures.recovery = writeFixture(dir, 'recovery-demo-1.0.0.tgz', recoveryPackage());
  fixtures.recoveryOther = writeFixture(dir, 'recovery-demo-1.0.1.tgz', recoveryPackage({ version: '1.0.1' }));
  fixtures.explore = writeFixture(dir, 'explore-2.0.0.tgz', explorePackage({ token: TOKEN }));
  fixtures.xss = xssFixture();
  fixtures.xssPath = writeFixture(dir, 'xss-6.6.6.tgz', fixtures.xss.tgz);
});

// ---------------------------------------------------------------------------------------
// Page helpers

function withPage(name, fn) {
  const downloads = mkdtempSync(join(dir(), `${name}-downloads-`));
  return withPageIn(name, fn, { downloads });
}

/** Picks `path` with the file input and waits for the verdict (fails with the error banner's text). */
async function pick(page, path, { timeout = TIMEOUT } = {}) {
  await page.waitForSelector(FILE_INPUT, { state: 'attached' });
  await page.setInputFiles(FILE_INPUT, path);
  await page.waitForSelector(`${VERDICT}, ${ERROR}`, { state: 'visible', timeout });
  if ((await page.locator(VERDICT).count()) === 0) {
    assert.fail(`expected a verdict, the page shows an error: ${await page.locator(ERROR).first().innerText()}`);
  }
}

/** Retries `check` (which throws until it passes) for up to `timeout` ms; returns its value. */
async function eventually(check, { timeout = 5000, interval = 50 } = {}) {
  const end = Date.now() + timeout;
  for (;;) {
    try {
      return await check();
    } catch (e) {
      if (Date.now() > end) throw e;
    }
    await new Promise((ok) => setTimeout(ok, interval));
  }
}

/** The visible element(s) among those matching `selector` (each tab may have its own controls). */
const visible = (page, selector) => page.locator(selector).filter({ visible: true });

async function selectTab(page, tab) {
  await page.locator(TAB[tab]).click();
  await eventually(async () => {
    assert.equal(await page.locator(TAB[tab]).getAttribute('aria-selected'), 'true', `${tab} tab selected`);
    const other = tab === 'files' ? 'recovered' : 'files';
    assert.equal(await page.locator(TAB[other]).getAttribute('aria-selected'), 'false', `${other} tab not selected`);
  });
}

/**
 * Index of the row for `path` among all rows of `tab`'s tree (-1 when not rendered).
 * Paths are compared in JS, never put in a CSS selector, because hostile ones hold quotes.
 */
function rowIndex(page, tab, path) {
  return page
    .locator(`[data-testid="${ROW_TESTID[tab]}"]`)
    .evaluateAll((rows, p) => rows.findIndex((r) => r.getAttribute('data-path') === p), path);
}

async function rowFor(page, tab, path) {
  const i = await rowIndex(page, tab, path);
  assert.ok(i >= 0, `a ${tab} row for ${JSON.stringify(path)}; rows: ${JSON.stringify(await rowPaths(page, tab))}`);
  return page.locator(`[data-testid="${ROW_TESTID[tab]}"]`).nth(i);
}

function waitForRow(page, tab, path, { present = true, timeout = 5000 } = {}) {
  return page.waitForFunction(
    ({ testid, p, present }) =>
      [...document.querySelectorAll(`[data-testid="${testid}"]`)].some((r) => r.getAttribute('data-path') === p) === present,
    { testid: ROW_TESTID[tab], p: path, present },
    { timeout },
  );
}

/** Paths of the rows of `tab`'s tree that are rendered and visible, in screen order. */
function rowPaths(page, tab) {
  return page.evaluate(
    (testid) =>
      [...document.querySelectorAll(`[data-testid="${testid}"]`)]
        .filter((r) => r.checkVisibility())
        .map((r) => r.getAttribute('data-path')),
    ROW_TESTID[tab],
  );
}

/** Waits until the visible rows of `tab` are exactly `expected` (in any order). */
async function expectRows(page, tab, expected, what) {
  await eventually(async () => {
    const rows = await rowPaths(page, tab);
    assert.deepEqual([...rows].sort(), [...expected].sort(), what);
  });
}

/** Opens every folder on the way to `path` that is not open yet (folders toggle on click). */
async function reveal(page, tab, path) {
  const parts = path.split('/');
  for (let i = 1; i < parts.length; i++) {
    const child = parts.slice(0, i + 1).join('/');
    if ((await rowIndex(page, tab, child)) >= 0) continue;
    await (await rowFor(page, tab, parts.slice(0, i).join('/'))).click();
    await waitForRow(page, tab, child);
  }
}

/** Waits for a visible viewer of `path` and returns it (the first one, if comparing). */
async function waitForViewer(page, path, { timeout = TIMEOUT } = {}) {
  // A source map opens as its summary: its text is a click away.
  await page.waitForFunction(
    (p) =>
      document.querySelector('[data-testid="map-summary"]')?.checkVisibility() ||
      [...document.querySelectorAll('[data-testid="viewer"]')].some((v) => v.getAttribute('data-path') === p && v.checkVisibility()),
    path,
    { timeout },
  );
  if (await page.locator('[data-testid="map-summary"]').isVisible()) await page.click('[data-testid="show-raw"]');
  await page.waitForFunction(
    (p) => [...document.querySelectorAll('[data-testid="viewer"]')].some((v) => v.getAttribute('data-path') === p && v.checkVisibility()),
    path,
    { timeout },
  );
  const i = await page
    .locator(VIEWER)
    .evaluateAll((vs, p) => vs.findIndex((v) => v.getAttribute('data-path') === p && v.checkVisibility()), path);
  return page.locator(VIEWER).nth(i);
}

/** Switches to `tab`, reveals `path` in its tree, clicks it and returns its viewer. */
async function openFile(page, tab, path) {
  await selectTab(page, tab);
  await reveal(page, tab, path);
  await (await rowFor(page, tab, path)).click();
  return waitForViewer(page, path);
}

/**
 * The lines a text viewer renders, as `[{ line, text }]`: each code-line starts a line, a
 * code-cont row (a long line split for display) continues the one before it.
 */
function viewerLines(viewer) {
  return viewer.evaluate((v) => {
    const lines = [];
    for (const el of v.querySelectorAll('[data-testid="code-line"], [data-testid="code-cont"]')) {
      const text = el.querySelector('.code')?.textContent ?? '';
      if (el.getAttribute('data-testid') === 'code-line') lines.push({ line: Number(el.getAttribute('data-line')), text });
      else if (lines.length) lines[lines.length - 1].text += text;
    }
    return lines;
  });
}

/** The whole text of a (short, fully rendered) file in a viewer; checks lines are 1..n. */
async function viewerText(viewer) {
  const lines = await eventually(async () => {
    const l = await viewerLines(viewer);
    assert.ok(l.length > 0, 'the viewer shows code lines');
    return l;
  });
  assert.deepEqual(
    lines.map((l) => l.line),
    lines.map((_, i) => i + 1),
    'line numbers run 1..n without gaps',
  );
  return lines.map((l) => l.text).join('\n');
}

/** Whether viewer text `shown` is `content` (a final newline need not show as an empty last line). */
const sameText = (shown, content) => shown === content || shown + '\n' === content;

/** The viewer shows exactly `content`. */
async function assertViewerShows(viewer, content, what) {
  const shown = await viewerText(viewer);
  assert.ok(
    sameText(shown, content),
    `${what}: the viewer shows\n${JSON.stringify(shown)}\ninstead of\n${JSON.stringify(content)}`,
  );
}

/** Clicks the (visible) download button `selector` and saves what it downloads. */
let saved = 0;
async function download(page, selector, folder) {
  const button = visible(page, selector).first();
  const [dl] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const name = dl.suggestedFilename();
  const path = join(folder, `${++saved}-${name.replace(/[^\w.-]/g, '_')}`);
  await dl.saveAs(path);
  assert.equal(await dl.failure(), null, `download of ${name} failed`);
  return { name, path, bytes: readFileSync(path) };
}

/** A .zip's entries `{ name, data }` (base64), read by an independent implementation:
 * Python's zipfile, which also checks every CRC. */
function readZip(path) {
  const script = [
    'import base64, json, sys, zipfile',
    'with zipfile.ZipFile(sys.argv[1]) as z:',
    '    bad = z.testzip()',
    '    entries = [{"name": i.filename, "data": base64.b64encode(z.read(i)).decode()} for i in z.infolist()]',
    'print(json.dumps({"bad": bad, "entries": entries}))',
  ].join('\n');
  const py = spawnSync('python3', ['-c', script, path], { encoding: 'utf8' });
  assert.equal(py.status, 0, `python3 zipfile failed: ${py.stderr}`);
  const { bad, entries } = JSON.parse(py.stdout);
  assert.equal(bad, null, 'an entry fails its CRC check');
  return entries;
}

/** What has focus: its data-testid, data-path, value and whether it is visible. */
function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    return {
      testid: el?.getAttribute('data-testid') ?? null,
      path: el?.getAttribute('data-path') ?? null,
      value: 'value' in (el ?? {}) ? el.value : null,
      visible: el ? el.checkVisibility() : false,
    };
  });
}

const blur = (page) => page.evaluate(() => document.activeElement?.blur());
const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');
const sha512Integrity = (bytes) => 'sha512-' + createHash('sha512').update(bytes).digest('base64');

/** Package paths of the files in tar `entries`, and of every folder above them. */
function packagePaths(entries) {
  const files = entries.map((e) => e.name.replace(/^package\//, ''));
  const folders = new Set();
  for (const f of files) {
    const parts = f.split('/');
    for (let i = 1; i < parts.length; i++) folders.add(parts.slice(0, i).join('/'));
  }
  return { files, folders: [...folders] };
}

/** `files` plus the folders above them: what a filtered tree shows. */
function withFolders(files) {
  const out = new Set(files);
  for (const f of files) {
    const parts = f.split('/');
    for (let i = 1; i < parts.length; i++) out.add(parts.slice(0, i).join('/'));
  }
  return [...out];
}

// ---------------------------------------------------------------------------------------
// Tests

test('a recovered TypeScript source opens in the viewer, exact and coloured', { timeout: TIMEOUT * 2 }, async () => {
  await withPage('viewer-recovered', async (page, { downloads }) => {
    await pick(page, fixtures.recovery);
    assert.equal(await page.locator(TAB.files).getAttribute('aria-selected'), 'true', 'the files tab is selected first');
    assert.equal(await page.locator(TAB.recovered).getAttribute('aria-selected'), 'false');
    assert.equal(await page.locator(TAB.files).getAttribute('role'), 'tab');

    await selectTab(page, 'recovered');
    // Third-party folders start collapsed; first-party sources are shown.
    const nodeModules = await rowFor(page, 'recovered', 'node_modules');
    assert.equal(await nodeModules.getAttribute('data-third-party'), 'true');
    assert.equal(await nodeModules.getAttribute('data-dir'), 'true');
    assert.equal(await rowIndex(page, 'recovered', 'node_modules/left-pad/index.js'), -1, 'third-party files start hidden');
    const main = await rowFor(page, 'recovered', 'src/main.ts');
    assert.equal(await main.getAttribute('data-third-party'), 'false');
    assert.equal(await main.getAttribute('data-dir'), 'false');

    const viewer = await openFile(page, 'recovered', 'src/main.ts');
    assert.equal(await viewer.getAttribute('data-kind'), 'text');
    await assertViewerShows(viewer, RECOVERY_MAIN_TS, 'src/main.ts');
    const colours = await viewer.evaluate((v) => {
      const texts = (cls) => [...v.querySelectorAll(`.code .${cls}`)].map((s) => s.textContent);
      return { tk: texts('tk'), ts: texts('ts'), tc: texts('tc'), tn: texts('tn') };
    });
    const has = (spans, re) => spans.some((t) => re.test(t));
    assert.ok(has(colours.tk, /\bexport\b/) && has(colours.tk, /\bfunction\b/), `keywords: ${JSON.stringify(colours.tk)}`);
    assert.ok(has(colours.ts, /hello, /), `strings: ${JSON.stringify(colours.ts)}`);
    assert.ok(has(colours.tc, /Entry point/), `comments: ${JSON.stringify(colours.tc)}`);
    assert.ok(has(colours.tn, /\b42\b/), `numbers: ${JSON.stringify(colours.tn)}`);

    // "Download file" gives the source's exact bytes.
    const file = await download(page, DOWNLOAD.file, downloads);
    assert.ok(file.bytes.equals(Buffer.from(RECOVERY_MAIN_TS, 'utf8')), 'downloaded src/main.ts differs');
    await page.screenshot({ path: join(SHOTS, 'viewer-recovered.png'), fullPage: true });

    // The dependency shows once its folder is opened, marked third-party.
    await reveal(page, 'recovered', 'node_modules/left-pad/index.js');
    const leftPad = await rowFor(page, 'recovered', 'node_modules/left-pad/index.js');
    assert.equal(await leftPad.getAttribute('data-third-party'), 'true');
  });
});

test('a recovered source links to its maps; variants compare side by side', { timeout: TIMEOUT * 2 }, async () => {
  await withPage('variants', async (page) => {
    await pick(page, fixtures.recovery);
    await openFile(page, 'recovered', 'src/main.ts');
    // src/main.ts is embedded (identically) in both maps.
    const links = visible(page, SOURCE_MAP_LINK);
    const texts = (await links.allInnerTexts()).map((t) => t.trim());
    assert.equal(texts.length, 2, `source-map links: ${JSON.stringify(texts)}`);
    for (const map of recoveryExpected().maps) {
      assert.ok(texts.some((t) => t.includes(map)), `a link to ${map}: ${JSON.stringify(texts)}`);
    }
    await links.filter({ hasText: 'dist/worker.js.map' }).click();
    await eventually(async () => assert.equal(await page.locator(TAB.files).getAttribute('aria-selected'), 'true'));
    const mapViewer = await waitForViewer(page, 'dist/worker.js.map');
    const workerMap = recoveryEntries().find((e) => e.name === 'package/dist/worker.js.map').data;
    await assertViewerShows(mapViewer, workerMap, 'dist/worker.js.map');

    // src/shared.ts has two different contents: compare them.
    const viewer = await openFile(page, 'recovered', 'src/shared.ts');
    const variantOf = (shown) => RECOVERY_SHARED.find((c) => sameText(shown, c)) ?? shown;
    assert.ok(RECOVERY_SHARED.includes(variantOf(await viewerText(viewer))), 'src/shared.ts shows one of its variants');
    await visible(page, VARIANT_COMPARE).click();
    const shown = await eventually(async () => {
      const viewers = visible(page, VIEWER);
      assert.equal(await viewers.count(), 2, 'two viewers side by side');
      return [await viewerText(viewers.nth(0)), await viewerText(viewers.nth(1))];
    });
    assert.deepEqual(shown.map(variantOf).sort(), [...RECOVERY_SHARED].sort(), 'the two variants');
    await page.screenshot({ path: join(SHOTS, 'variants.png'), fullPage: true });
  });
});

test('the .zip of recovered sources holds exactly them, under safe names', { timeout: TIMEOUT * 2 }, async () => {
  await withPage('zip', async (page, { downloads }) => {
    await pick(page, fixtures.recovery);
    const zip = await download(page, DOWNLOAD.zip, downloads);
    assert.match(zip.name, /\.zip$/, 'the download is a .zip');
    assert.ok(zip.bytes.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1')), 'zip signature');

    const entries = readZip(zip.path);
    for (const { name } of entries) {
      assert.ok(!name.startsWith('/') && !/^[A-Za-z]:/.test(name), `absolute entry name ${JSON.stringify(name)}`);
      assert.ok(!name.includes('\\'), `backslash in entry name ${JSON.stringify(name)}`);
      assert.ok(!name.split('/').includes('..'), `'..' in entry name ${JSON.stringify(name)}`);
    }
    // Folder entries, if any, carry no data; the files must be exactly the recovered ones.
    const files = Object.fromEntries(
      entries.filter((e) => !e.name.endsWith('/')).map((e) => [e.name, Buffer.from(e.data, 'base64')]),
    );
    const expected = recoveryExpected();
    assert.deepEqual(
      Object.keys(files).sort(),
      [...Object.keys(expected.files), ...expected.variants.names].sort(),
      'zip entry names',
    );
    assert.ok('etc/evil.ts' in files, "webpack://x/../../../../etc/evil.ts is stored as etc/evil.ts");
    assert.ok('Users/me/x.ts' in files, 'C:\\Users\\me\\x.ts is stored as Users/me/x.ts');
    for (const [name, content] of Object.entries(expected.files)) {
      assert.ok(files[name].equals(Buffer.from(content, 'utf8')), `bytes of ${name}`);
    }
    // The same path with two contents: both kept, as name and name.variant-2.
    const variants = expected.variants.names.map((n) => files[n].toString('utf8')).sort();
    assert.deepEqual(variants, [...expected.variants.contents].sort(), 'the src/shared.ts variants');
    console.log(`  zip: ${entries.length} entries, ${zip.bytes.length} bytes, ${zip.name}`);

    // The package's own sources only: everything but the dependency.
    const own = await download(page, DOWNLOAD.ownZip, downloads);
    assert.match(own.name, /-own-sources\.zip$/);
    const ownFiles = readZip(own.path).filter((e) => !e.name.endsWith('/')).map((e) => e.name).sort();
    assert.deepEqual(
      ownFiles,
      Object.keys(files).filter((n) => !n.startsWith('node_modules/')).sort(),
      'the own-sources .zip holds exactly the own sources',
    );
  });
});

test('the JSON report and the Markdown summary', { timeout: TIMEOUT * 2 }, async () => {
  await withPage('report', async (page, { downloads }) => {
    await pick(page, fixtures.recovery);
    const tarball = readFileSync(fixtures.recovery);
    const stats = entryStats(recoveryEntries());
    const expected = recoveryExpected();

    const report = JSON.parse((await download(page, DOWNLOAD.report, downloads)).bytes.toString('utf8'));
    assert.ok(Number.isInteger(report.schema) && report.schema >= 1, `schema: ${report.schema}`);
    assert.deepEqual(
      { name: report.package?.name, version: report.package?.version },
      { name: '@acme/recovery-demo', version: '1.0.0' },
    );
    assert.equal(report.files, stats.files, 'files');
    assert.equal(report.unpacked_bytes, stats.bytes, 'unpacked_bytes');

    assert.ok(Array.isArray(report.source_maps), 'source_maps is an array');
    const maps = Object.fromEntries(report.source_maps.map((m) => [m.path, m]));
    assert.deepEqual(Object.keys(maps).sort(), expected.maps, 'source map paths');
    assert.equal(maps['dist/app.js.map'].referenced, true);
    assert.equal(maps['dist/app.js.map'].sources, 6);
    assert.equal(maps['dist/app.js.map'].sources_with_content, 5);
    assert.equal(maps['dist/worker.js.map'].referenced, false);
    assert.equal(maps['dist/worker.js.map'].sources, 3);
    assert.equal(maps['dist/worker.js.map'].sources_with_content, 3);

    assert.ok(Array.isArray(report.sourcemap_refs), 'sourcemap_refs is an array');
    assert.equal(report.sourcemap_refs.length, 1, JSON.stringify(report.sourcemap_refs));
    assert.deepEqual(
      (({ file, target, kind, exists }) => ({ file, target, kind, exists }))(report.sourcemap_refs[0]),
      { file: 'dist/app.js', target: 'dist/app.js.map', kind: 'local', exists: true },
    );

    const recoveredContents = [...Object.values(expected.files), ...expected.variants.contents];
    assert.deepEqual({ files: report.recovered?.files, bytes: report.recovered?.bytes }, {
      files: recoveredContents.length,
      bytes: recoveredContents.reduce((n, c) => n + Buffer.byteLength(c, 'utf8'), 0),
    });

    assert.ok(Array.isArray(report.findings) && report.findings.length > 0, 'findings');
    for (const f of report.findings) {
      const at = JSON.stringify(f);
      assert.equal(typeof f.rule, 'string', at);
      assert.ok(SEVERITIES.includes(f.severity), at);
      assert.equal(typeof f.path, 'string', at);
      assert.ok(f.line === null || (Number.isInteger(f.line) && f.line >= 1), at);
      assert.ok(typeof f.message === 'string' && f.message.length > 0, at);
    }
    for (const map of expected.maps) {
      assert.ok(
        report.findings.some((f) => f.rule === 'sourcemap-embedded-sources' && f.severity === 'critical' && f.path === map),
        `a critical embedded-sources finding for ${map}`,
      );
    }
    assert.equal(report.verdict.level, 'critical');
    assert.ok(typeof report.verdict.summary === 'string' && report.verdict.summary.length > 0);
    assert.ok((await page.locator(VERDICT).innerText()).includes(report.verdict.summary), 'the page shows the same verdict');
    assert.equal(await page.locator(FINDING).count(), report.findings.length, 'one finding item per reported finding');

    // What an incident ticket needs: the tool, when, and exactly which bytes.
    assert.equal(report.tool.name, 'leakscope');
    assert.match(report.tool.version, /^\d+\.\d+\.\d+/);
    assert.match(report.scanned_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.ok(Math.abs(Date.parse(report.scanned_at) - Date.now()) < 10 * 60_000, 'scanned just now');
    assert.deepEqual(report.input, {
      name: 'recovery-demo-1.0.0.tgz',
      bytes: tarball.length,
      sha256: sha256(tarball),
      integrity: sha512Integrity(tarball),
    });
    assert.equal(report.package.license, 'UNLICENSED');
    const ownExpected = [...Object.keys(expected.files), ...expected.variants.names]
      .filter((n) => !n.startsWith('node_modules/'))
      .sort();
    assert.deepEqual(report.own_sources.list.map((f) => f.path).sort(), ownExpected, 'own_sources.list');
    assert.equal(report.own_sources.files, ownExpected.length);
    assert.deepEqual(
      report.own_sources.by_folder.map((f) => [f.folder, f.files]),
      [['src/', 4], ['Users/', 1], ['etc/', 1]],
      'own sources by top folder',
    );

    const md = (await download(page, DOWNLOAD.markdown, downloads)).bytes.toString('utf8');
    assert.ok(md.startsWith('## Leakscope:'), `Markdown starts with: ${JSON.stringify(md.slice(0, 60))}`);
    assert.doesNotMatch(md, /<[a-z/!]/i, 'no raw HTML in the Markdown');
    // Rendered as GitHub would (GFM): the findings and the own sources are tables.
    const html = marked.parse(md, { gfm: true });
    const tables = [...html.matchAll(/<table>[\s\S]*?<\/table>/g)].map((m) => m[0]);
    assert.ok(tables.some((t) => /<th>Severity<\/th>/.test(t)), 'a findings table');
    assert.ok(tables.some((t) => t.includes('<code>src/</code>')), 'a table of the own sources by folder');
    assert.ok(md.includes('@acme/recovery-demo'), 'the package name');
    assert.match(md, /critical/i, 'the verdict level');
    assert.ok(md.includes(report.verdict.summary), 'the verdict summary');
    assert.match(md, /^\|\s*Severity\s*\|/m, 'a findings table');
    for (const f of report.findings) assert.ok(md.includes(f.path), `the findings table names ${f.path}`);
    assert.ok(md.includes(sha256(tarball)), 'the tarball SHA-256');
    assert.ok(md.includes(sha512Integrity(tarball)), 'the tarball sha512 integrity');
  });
});

test('HTML in names, paths, contents and package.json is shown as text, never run', { timeout: TIMEOUT * 6 }, async () => {
  await withPage('xss', async (page, { requests }) => {
    const fx = fixtures.xss;
    await pick(page, fixtures.xssPath);

    // Every file of the package, in the package tree.
    for (const [path, content] of Object.entries(fx.files)) {
      const viewer = await openFile(page, 'files', path);
      await assertViewerShows(viewer, content, path);
    }
    // Every recovered source, in the recovered tree (the one under node_modules is collapsed).
    for (const [path, content] of Object.entries(fx.recovered)) {
      const viewer = await openFile(page, 'recovered', path);
      await assertViewerShows(viewer, content, path);
    }
    // A source-map link whose map name is hostile.
    await openFile(page, 'recovered', XSS.jsLink);
    await visible(page, SOURCE_MAP_LINK).first().click();
    await waitForViewer(page, fx.mapName);

    // Every finding, informational notes included.
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
    const findings = await page.locator(FINDING).count();
    assert.ok(findings > 0, 'findings are listed');
    for (let i = 0; i < findings; i++) {
      const item = page.locator(FINDING).nth(i);
      if (!(await item.isVisible())) continue;
      await item.click();
      await visible(page, VIEWER).first().waitFor();
    }
    // Open a viewer with payloads last, so they are on screen for the screenshot.
    const last = `lib/${XSS.script}.js`;
    await openFile(page, 'files', last);

    // Give any injected <img onerror> / <svg onload> time to fire.
    await page.waitForTimeout(500);
    assert.equal(await page.evaluate(() => typeof window.__pwned), 'undefined', 'window.__pwned was set');
    const injected = await page.evaluate(() => ({
      handlers: document.querySelectorAll('[onerror], [onload]').length,
      scripts: [...document.scripts].filter((s) => s.textContent.includes('__pwned')).length,
      jsLinks: [...document.querySelectorAll('a[href], area[href]')].filter((a) => a.protocol === 'javascript:').length,
      frames: document.querySelectorAll('iframe, object, embed').length,
    }));
    assert.deepEqual(injected, { handlers: 0, scripts: 0, jsLinks: 0, frames: 0 }, 'payload elements in the DOM');
    assert.deepEqual(
      requests.filter((u) => new URL(u).pathname.endsWith('/x')),
      [],
      'an injected <img src=x> was loaded',
    );
    const text = await page.evaluate(() => document.body.innerText);
    assert.ok(text.includes(XSS.script), 'the <script> payload is visible as text');
    await page.screenshot({ path: join(SHOTS, 'xss.png'), fullPage: true });
  });
});

test('a secret is flagged under its line and never shown in full', { timeout: TIMEOUT * 2 }, async () => {
  await withPage('viewer-finding', async (page) => {
    await pick(page, fixtures.explore);
    const tail = TOKEN.slice(-20);
    const assertTokenHidden = async (when) => {
      const { inner, all } = await page.evaluate(() => ({ inner: document.body.innerText, all: document.body.textContent }));
      assert.ok(!inner.includes(tail), `the token is visible on the page (${when})`);
      assert.ok(!all.includes(tail), `the token is in the page's text, hidden (${when})`);
    };
    await assertTokenHidden('after the analysis');

    const viewer = await openFile(page, 'files', 'lib/config.js');
    const lines = await eventually(async () => {
      const l = await viewerLines(viewer);
      assert.ok(l.length >= 4, `lib/config.js has 4 lines; the viewer shows ${l.length}`);
      return l;
    });
    const expected = exploreConfigJs(TOKEN).split('\n');
    for (const i of [0, 1, 3]) assert.equal(lines[i].text, expected[i], `line ${i + 1}`);
    assert.ok(lines[2].text.startsWith("const token = '"), `line 3: ${lines[2].text}`);

    // The finding sits after line 3 and before line 4.
    const between = await eventually(async () => {
      const found = await viewer.evaluate((v) => {
        const l3 = v.querySelector('[data-testid="code-line"][data-line="3"]');
        const l4 = v.querySelector('[data-testid="code-line"][data-line="4"]');
        const after = (a, b) => Boolean(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);
        return [...v.querySelectorAll('[data-testid="line-finding"]')]
          .filter((f) => l3 && after(l3, f) && (!l4 || after(f, l4)))
          .map((f) => f.textContent);
      });
      assert.ok(found.length > 0, 'a line finding right after line 3');
      return found;
    });
    assert.ok(between.some((t) => t.includes('GitHub')), `the line finding names GitHub: ${JSON.stringify(between)}`);
    // The row has one height: its text is cut whole lines at a time, and said whole on hover.
    const row = await viewer.evaluate((v) => {
      const f = v.querySelector('[data-testid="line-finding"]');
      const text = f.querySelector('.line-finding-text').getBoundingClientRect();
      return { title: f.title, fits: text.bottom <= f.getBoundingClientRect().bottom };
    });
    assert.ok(row.fits, "the finding's text ends inside its row, no line half hidden");
    assert.match(row.title, /GitHub.*publish again\.$/, 'the whole finding and its remedy on hover');
    assert.ok(!row.title.includes(tail), 'the hover text keeps the token masked');
    await assertTokenHidden('with lib/config.js open');
    await page.screenshot({ path: join(SHOTS, 'viewer-finding.png'), fullPage: true });

    // Clicking the finding in the list opens the file at that line.
    await openFile(page, 'files', 'README.md');
    await page.locator(FINDING).filter({ hasText: 'lib/config.js' }).first().click();
    const again = await waitForViewer(page, 'lib/config.js');
    await again.locator(`${CODE_LINE}[data-line="3"]`).waitFor({ state: 'visible' });
    await assertTokenHidden('after opening the finding');
  });
});

test('a binary file is described, not dumped, and downloads byte for byte', { timeout: TIMEOUT * 2 }, async () => {
  await withPage('viewer-binary', async (page, { downloads }) => {
    await pick(page, fixtures.explore);
    const png = tinyPng();
    const viewer = await openFile(page, 'files', 'images/logo.png');
    assert.equal(await viewer.getAttribute('data-kind'), 'binary');
    const description = await viewer.locator(VIEWER_BINARY).innerText();
    assert.match(description, /PNG/, `description: ${description}`);
    assert.ok(description.includes(String(png.length)), `the size (${png.length} bytes) in: ${description}`);
    assert.equal(await viewer.locator(CODE_LINE).count(), 0, 'no code lines for a binary file');
    const file = await download(page, DOWNLOAD.file, downloads);
    assert.ok(file.bytes.equals(png), 'downloaded PNG differs from the packed one');
    await page.screenshot({ path: join(SHOTS, 'viewer-binary.png'), fullPage: true });
  });
});

test('tree search, severity filter, sort and keyboard navigation', { timeout: TIMEOUT * 3 }, async () => {
  await withPage('navigation', async (page) => {
    await pick(page, fixtures.explore);
    const entries = exploreEntries({ token: TOKEN });
    const { files, folders } = packagePaths(entries);
    const all = [...files, ...folders];
    const size = Object.fromEntries(entries.map((e) => [e.name.replace(/^package\//, ''), Buffer.byteLength(e.data)]));
    await expectRows(page, 'files', all, 'a small package opens fully');

    // Search: case-insensitive substring of the path; matching files and their folders.
    const search = visible(page, SEARCH);
    await search.fill('cli');
    await expectRows(page, 'files', withFolders(['bin/cli.js', 'docs/CLI.md', 'lib/cli-helpers.js']), 'search "cli"');
    await search.fill('');
    await expectRows(page, 'files', all, 'search cleared');

    // Severity: files with a finding at or above, and their folders.
    const filter = visible(page, SEVERITY_FILTER);
    const atLeast = {
      critical: ['lib/config.js', 'dist/index.js.map'],
      high: ['lib/config.js', 'dist/index.js.map', '.env'],
      low: ['lib/config.js', 'dist/index.js.map', '.env', 'debug.log'],
    };
    for (const [level, expected] of Object.entries(atLeast)) {
      await filter.selectOption(level);
      await expectRows(page, 'files', withFolders(expected), `severity filter "${level}"`);
    }
    await filter.selectOption('critical');
    await expectRows(page, 'files', withFolders(atLeast.critical), 'severity filter "critical"');
    for (const path of atLeast.critical) {
      assert.equal(await (await rowFor(page, 'files', path)).getAttribute('data-severity'), 'critical', path);
    }
    await filter.selectOption('all');
    await expectRows(page, 'files', all, 'severity filter "all"');

    // Sort by size: largest first among siblings (lib/ holds only files).
    const libChildren = async () => (await rowPaths(page, 'files')).filter((p) => /^lib\/[^/]+$/.test(p));
    const libFiles = files.filter((p) => p.startsWith('lib/'));
    await visible(page, SORT).selectOption('size');
    await eventually(async () =>
      assert.deepEqual(await libChildren(), [...libFiles].sort((a, b) => size[b] - size[a]), 'lib/ by size'),
    );
    await visible(page, SORT).selectOption('name');
    await eventually(async () => assert.deepEqual(await libChildren(), [...libFiles].sort(), 'lib/ by name'));

    // "/" focuses the search of the visible tab.
    await blur(page);
    await page.keyboard.press('/');
    await eventually(async () => {
      const f = await focused(page);
      assert.deepEqual([f.testid, f.visible], ['tree-search', true], `focus after "/": ${JSON.stringify(f)}`);
      assert.equal(f.value, '', 'the "/" is not typed into the search');
    });

    // Arrow keys move the focus between rows. Rows are reached as a person would: clicking
    // a folder twice focuses it and leaves it as it was.
    const rows = await rowPaths(page, 'files');
    assert.equal(rows[0], 'bin', `first row: ${JSON.stringify(rows)}`);
    await (await rowFor(page, 'files', 'bin')).click();
    await waitForRow(page, 'files', 'bin/cli.js', { present: false });
    await (await rowFor(page, 'files', 'bin')).click();
    await waitForRow(page, 'files', 'bin/cli.js');
    await eventually(async () => assert.equal((await focused(page)).path, 'bin', 'a clicked row has the focus'));
    await page.keyboard.press('ArrowDown');
    await eventually(async () => assert.equal((await focused(page)).path, 'bin/cli.js', 'ArrowDown focuses the next row'));
    await page.keyboard.press('ArrowUp');
    await eventually(async () => assert.equal((await focused(page)).path, 'bin', 'ArrowUp focuses the row before'));

    // ArrowRight and Enter open a collapsed folder (clicking it closes it and focuses it).
    for (const key of ['ArrowRight', 'Enter']) {
      await (await rowFor(page, 'files', 'lib')).click();
      await waitForRow(page, 'files', 'lib/big.js', { present: false });
      await eventually(async () => assert.equal((await focused(page)).path, 'lib'));
      await page.keyboard.press(key);
      await waitForRow(page, 'files', 'lib/big.js');
    }
    // Enter on a file opens it.
    await eventually(async () => assert.equal((await focused(page)).path, 'lib', 'the folder keeps the focus'));
    await page.keyboard.press('ArrowDown');
    await eventually(async () => assert.equal((await focused(page)).path, 'lib/big.js'));
    await page.keyboard.press('Enter');
    const viewer = await waitForViewer(page, 'lib/big.js');
    await viewer.locator(CODE_LINE).first().waitFor({ state: 'visible' });
    await page.screenshot({ path: join(SHOTS, 'navigation.png'), fullPage: true });

    // On the recovered tab, "/" focuses that tab's search.
    await selectTab(page, 'recovered');
    await blur(page);
    await page.keyboard.press('/');
    await eventually(async () => {
      const f = await focused(page);
      assert.deepEqual([f.testid, f.visible], ['tree-search', true], `focus after "/" on recovered: ${JSON.stringify(f)}`);
    });
  });
});

test('the URL hash reopens a file of the same tarball only', { timeout: TIMEOUT * 3 }, async () => {
  await withPage('hash', async (page) => {
    const fingerprint = sha256(readFileSync(fixtures.recovery)).slice(0, 16);
    const hash = () => page.evaluate(() => location.hash);
    await pick(page, fixtures.recovery);

    await openFile(page, 'files', 'dist/app.js');
    const link = (tab, file) => `#${new URLSearchParams({ tarball: fingerprint, tab, file })}`;
    await eventually(async () => assert.equal(await hash(), link('files', 'dist/app.js')));
    await openFile(page, 'recovered', 'src/main.ts');
    const expected = link('recovered', 'src/main.ts');
    await eventually(async () => assert.equal(await hash(), expected));

    // Reload with the hash, pick the same tarball: the file opens again.
    await page.reload({ waitUntil: 'load' });
    assert.equal(await hash(), expected, 'the hash survives a reload');
    await pick(page, fixtures.recovery);
    const viewer = await waitForViewer(page, 'src/main.ts');
    assert.equal(await page.locator(TAB.recovered).getAttribute('aria-selected'), 'true', 'the recovered tab is selected');
    await assertViewerShows(viewer, RECOVERY_MAIN_TS, 'src/main.ts after the reload');
    await page.screenshot({ path: join(SHOTS, 'hash.png'), fullPage: true });

    // Reload again, pick a different tarball (which also has src/main.ts): nothing opens.
    await page.reload({ waitUntil: 'load' });
    assert.equal(await hash(), expected);
    await pick(page, fixtures.recoveryOther);
    await page.waitForTimeout(500);
    const opened = await page
      .locator(VIEWER)
      .evaluateAll((vs) => vs.map((v) => v.getAttribute('data-path')).filter((p) => p === 'src/main.ts'));
    assert.deepEqual(opened, [], 'a different tarball must not reopen the file');

    // A link in the older `#fingerprint:tab:path` form still opens its file.
    await page.goto(`${URL_UNDER_TEST}#${fingerprint}:recovered:${encodeURIComponent('src/main.ts')}`, { waitUntil: 'load' });
    await pick(page, fixtures.recovery);
    await assertViewerShows(await waitForViewer(page, 'src/main.ts'), RECOVERY_MAIN_TS, 'src/main.ts from an old link');
  });
});

// ---------------------------------------------------------------------------------------
// Large files (benchmark)

/** Runs in the page: starts measuring the longest gaps between frames and between ticks. */
function installStallProbe() {
  const s = { start: performance.now(), maxFrame: 0, maxTick: 0, frames: 0, done: false };
  let lastFrame = s.start;
  let lastTick = s.start;
  const frame = () => {
    const now = performance.now();
    s.maxFrame = Math.max(s.maxFrame, now - lastFrame);
    lastFrame = now;
    s.frames++;
    if (!s.done) requestAnimationFrame(frame);
  };
  const tick = () => {
    const now = performance.now();
    s.maxTick = Math.max(s.maxTick, now - lastTick);
    lastTick = now;
    if (!s.done) setTimeout(tick, 0);
  };
  requestAnimationFrame(frame);
  setTimeout(tick, 0);
  window.__stallProbe = s;
}

/** Runs in the page: stops the probe and returns what it measured. */
function stopStallProbe() {
  const s = window.__stallProbe;
  s.done = true;
  return { maxFrame: s.maxFrame, maxTick: s.maxTick, frames: s.frames, ms: performance.now() - s.start };
}

/** Runs in the page: scrolls the viewer's scrolling box (or the window) to the end. */
function scrollToEnd(viewer) {
  const box = [viewer, ...viewer.querySelectorAll('*')].find(
    (e) => e.scrollHeight > e.clientHeight + 1 && /(auto|scroll)/.test(getComputedStyle(e).overflowY),
  );
  if (box) {
    box.scrollTop = box.scrollHeight;
    return 'box';
  }
  window.scrollTo(0, document.documentElement.scrollHeight);
  return 'window';
}

test(
  'large files open at once (benchmark)',
  {
    skip: process.env.LEAKSCOPE_BIG === '1' ? false : 'set LEAKSCOPE_BIG=1 to run the benchmark',
    timeout: 400_000,
  },
  async () => {
    const expected = bigLeakExpected({ hugeSource: true });
    const huge = bigHugeSource();
    const hugeLines = huge.replace(/\n$/, '').split('\n');
    const t = performance.now();
    const path = writeFixture(dir(), 'acme-agent-3.7.1-huge.tgz', bigLeak({ hugeSource: true }));
    console.log(
      `  BIG-VIEW: generated ${(statSync(path).size / 1e6).toFixed(1)} MB in ${Math.round(performance.now() - t)} ms; ` +
        `${BIG_HUGE_SOURCE} is ${(Buffer.byteLength(huge) / 1e6).toFixed(2)} MB, ${hugeLines.length} lines`,
    );
    await withPage('big-view', async (page) => {
      await pick(page, path, { timeout: 120_000 });
      assert.equal((await page.locator(RECOVERED_COUNT).innerText()).trim(), expected.sources.toLocaleString('en-US'));
      await page.evaluate(installStallProbe);

      // The recovered tab: ~4,700 sources.
      let t0 = performance.now();
      await page.locator(TAB.recovered).click();
      await page.locator('[data-testid="recovered-row"]').first().waitFor({ state: 'visible' });
      const tabMs = performance.now() - t0;

      // The 1 MB source: find it, then time from the click to its first line on screen.
      await visible(page, SEARCH).fill('huge/generated');
      await waitForRow(page, 'recovered', BIG_HUGE_SOURCE, { timeout: 10_000 });
      await reveal(page, 'recovered', BIG_HUGE_SOURCE);
      const hugeRow = await rowFor(page, 'recovered', BIG_HUGE_SOURCE);
      t0 = performance.now();
      await hugeRow.click();
      let viewer = await waitForViewer(page, BIG_HUGE_SOURCE);
      await viewer.locator(CODE_LINE).first().waitFor({ state: 'visible' });
      const hugeMs = performance.now() - t0;
      const first = await viewerLines(viewer);
      assert.equal(first[0].line, 1);
      assert.equal(first[0].text, hugeLines[0]);
      assert.ok(first.length < 2000, `only lines near the scroll position are rendered (${first.length} are)`);

      // Scrolled to the end, the last line is rendered.
      const lastLine = hugeLines.length;
      await eventually(
        async () => {
          await viewer.evaluate(scrollToEnd);
          const rendered = await viewerLines(viewer);
          const last = rendered.find((l) => l.line === lastLine);
          assert.ok(last, `line ${lastLine} rendered; last rendered: ${rendered.at(-1)?.line}`);
          assert.equal(last.text, hugeLines.at(-1));
        },
        { timeout: 15_000, interval: 200 },
      );

      // cli.js (13 MB, minified) in the package tree.
      await selectTab(page, 'files');
      await reveal(page, 'files', 'cli.js');
      const cliRow = await rowFor(page, 'files', 'cli.js');
      t0 = performance.now();
      await cliRow.click();
      viewer = await waitForViewer(page, 'cli.js', { timeout: 60_000 });
      await viewer.locator(CODE_LINE).first().waitFor({ state: 'visible', timeout: 60_000 });
      const cliMs = performance.now() - t0;
      assert.equal(await viewer.getAttribute('data-kind'), 'text');

      const r = await page.evaluate(stopStallProbe);
      console.log(`BIG-VIEW: tab ${Math.round(tabMs)} ms, 1MB source ${Math.round(hugeMs)} ms, 13MB cli.js ${Math.round(cliMs)} ms`);
      console.log(
        `BIG-VIEW: longest main-thread gap: ${Math.round(r.maxFrame)} ms between frames (${r.frames} frames), ` +
          `${Math.round(r.maxTick)} ms between setTimeout(0) ticks, over ${Math.round(r.ms)} ms`,
      );
      await page.screenshot({ path: join(SHOTS, 'viewer-big.png'), fullPage: true });
    });
  },
);

test('"Try an example": a critical verdict, the trees, a recovered file and its downloads, with no request', { timeout: TIMEOUT * 2 }, async () => {
  await withPage('example', async (page, { requests, downloads }) => {
    const from = requests.length;
    await page.click('[data-testid="try-example"]');
    await page.waitForSelector(VERDICT);
    const verdict = page.locator(VERDICT);
    assert.equal(await verdict.getAttribute('data-level'), 'critical');
    assert.match(await verdict.innerText(), /@example\/leaky-cli/);
    await page.screenshot({ path: join(SHOTS, 'example.png'), fullPage: true });
    // Why npm packed the map, with the line of package.json, and the fix to paste.
    const mapFinding = page.locator('li.finding', { has: page.locator('[data-testid="finding"]', { hasText: /^dist\/cli\.js\.map$/ }) });
    assert.equal(
      await mapFinding.locator('[data-testid="why-shipped"]').innerText(),
      'Why it shipped: package.json:7: the "files" entry "dist" matched dist/cli.js.map.',
    );
    assert.match(await mapFinding.locator('[data-testid="fix"]').first().innerText(), /^Fix: Add "!dist\/\*\*\/\*\.map" to "files" in package\.json, after "dist"\.$/);
    await mapFinding.screenshot({ path: join(SHOTS, 'example-why-shipped.png') });
    // Its own sources, recovered from the orphaned map; the one with the token, masked.
    const viewer = await openFile(page, 'recovered', 'src/config.ts');
    const text = await viewerText(viewer);
    assert.match(text, /notifyToken: '/);
    assert.doesNotMatch(text, /Qm7ZtR2wKc9VfLp3XnB8sJhD/, 'the token is masked');
    const own = await download(page, DOWNLOAD.ownZip, downloads);
    const names = readZip(own.path).filter((e) => !e.name.endsWith('/')).map((e) => e.name).sort();
    assert.deepEqual(names, ['src/api/client.ts', 'src/cli.ts', 'src/config.ts']);
    // The token's finding in the bundle opens at its line, which says where it came from.
    await page.locator('[data-testid="finding"]', { hasText: /^dist\/cli\.js:\d+$/ }).click();
    const origin = page.locator('[data-testid="origin"]');
    await origin.waitFor();
    assert.deepEqual([await origin.getAttribute('data-path'), await origin.getAttribute('data-line')], ['src/config.ts', '11']);
    await page.screenshot({ path: join(SHOTS, 'example-recovered.png'), fullPage: true });
    assert.deepEqual(requestsSince(requests, from), [], 'the example makes no request');
  });
});

// A real bundle and its map: @popperjs/core 2.11.8 from the judgement corpus (scripts/corpus
// fetches it, pinned by integrity, before the end-to-end tests run).
const POPPER = join(ROOT, 'target/corpus/popperjs-core-2.11.8.tgz');

/** A file of a .tgz, as text. */
const fromTgz = (tgz, path) => spawnSync('tar', ['-xzOf', tgz, `package/${path}`], { encoding: 'utf8', maxBuffer: 1 << 26 }).stdout;

/** Map sources as the recovered tree names them (`../../src/a.js` -> `src/a.js`). */
const recoveredName = (source) => source.replace(/^(\.\.\/)+/, '');

/** Scrolls the viewer until line `line`'s number is rendered (rows are 20 px, a finding
 * under a line more), then clicks it. */
async function chooseLine(page, line) {
  const view = page.locator('.code-view').filter({ visible: true }).first();
  const number = page.locator(`[data-testid="code-line"][data-line="${line}"] [data-testid="line-number"]`).filter({ visible: true });
  for (let y = Math.max(0, (line - 5) * 20); (await number.count()) === 0; y += 200) {
    assert.ok(y < (line + 1000) * 20, `line ${line} never rendered`);
    await view.evaluate((v, y) => (v.scrollTop = y), y);
    await page.waitForTimeout(50);
  }
  await number.first().click();
}

test('where a line came from, and back, as the source-map package reads the same real map', { timeout: TIMEOUT * 3 }, async (t) => {
  if (!statSync(POPPER, { throwIfNoEntry: false })) {
    if (process.env.CI) assert.fail(`${POPPER} is missing: run bash scripts/corpus --fetch`);
    return t.skip('the judgement corpus is not fetched (bash scripts/corpus --fetch)');
  }
  const { SourceMapConsumer } = await import('source-map');
  const bundle = 'dist/umd/popper-lite.js';
  const map = JSON.parse(fromTgz(POPPER, `${bundle}.map`));
  const code = fromTgz(POPPER, bundle).split('\n');
  // A line in the middle of the bundle, with code on it.
  const line = code.findIndex((l) => l.includes('function getBoundingClientRect(')) + 1;
  assert.ok(line > 1);
  const mappings = [];
  await SourceMapConsumer.with(map, null, (c) => c.eachMapping((m) => mappings.push(m)));
  const first = mappings.find((m) => m.generatedLine === line && m.source);
  const expected = { path: recoveredName(first.source), line: first.originalLine, column: first.originalColumn + 1 };

  await withPage('origin', async (page) => {
    await pick(page, POPPER);
    // 280 files: found by the tree's search rather than folder by folder.
    await visible(page, '[data-testid="tree-search"]').first().fill('umd/popper-lite.js');
    await waitForRow(page, 'files', bundle);
    await (await rowFor(page, 'files', bundle)).click();
    await waitForViewer(page, bundle);
    await chooseLine(page, line);
    const origin = page.locator('[data-testid="origin"]');
    await origin.waitFor();
    assert.deepEqual(
      { path: await origin.getAttribute('data-path'), line: Number(await origin.getAttribute('data-line')) },
      { path: expected.path, line: expected.line },
      'the origin the source-map package reads',
    );
    assert.match(await origin.innerText(), new RegExp(`:${expected.line}:${expected.column}$`));
    await page.screenshot({ path: join(SHOTS, 'origin.png') });

    // Back: the recovered source opens at that line, which lists the generated lines made
    // from it, each as the source-map package reads that bundle's own map.
    await origin.click();
    await waitForViewer(page, expected.path);
    const generated = page.locator('[data-testid="generated"]');
    await generated.first().waitFor();
    const places = await generated.evaluateAll((els) => els.map((e) => ({ path: e.dataset.path, line: Number(e.dataset.line) })));
    assert.ok(places.length > 0);
    for (const place of places) {
      const own = JSON.parse(fromTgz(POPPER, `${place.path}.map`));
      const found = await SourceMapConsumer.with(own, null, (c) => {
        let hit = false;
        c.eachMapping((m) => {
          hit ||= m.generatedLine === place.line && m.source && recoveredName(m.source) === expected.path && m.originalLine === expected.line;
        });
        return hit;
      });
      assert.ok(found, `${place.path}:${place.line} is made from ${expected.path}:${expected.line}`);
    }
    await page.screenshot({ path: join(SHOTS, 'origin-back.png') });
  });
});
