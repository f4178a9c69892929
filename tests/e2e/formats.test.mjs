// Every package format in a real Chromium: a wheel, a VS Code extension, a Chrome extension
// (CRX3) and a web archive with a jar inside, each built here and dropped on the page, with
// the verdict, the kind and the manifest's name and version, and the leak in the tree; a
// hostile zip refused; and a Python release opened by name from a PyPI-like index served
// beside the page on 127.0.0.1 (under /registry/, which the page's policy allows), verified
// against its sha256, and refused when it does not match.
//
// Selectors relied on, besides page.test.mjs's and registry.test.mjs's:
//   [data-testid="package-kind"]   the verdict's kind of package ("Python wheel")
//   [data-testid="chosen-file"]    which of a Python release's files was read

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

import { SHOTS, servedWithRegistry } from './harness.mjs';
import { Registry } from './registry.mjs';
import { leakyCrx, leakyVsix, leakyWar, leakyWheel, releaseZip, xpi, zip } from './fixtures.mjs';

const VERDICT = '[data-testid="verdict"]';
const ERROR = '[data-testid="error"]';
const FILE_INPUT = '[data-testid="file-input"]';
const row = (path) => `[data-testid="tree-row"][data-path="${path}"]`;

// A Marketplace token as `vsce` keeps them: 52 lowercase base32 characters.
const PAT = 'q3xk7vb2mz5wn4tj6hy2rp7ds3fc5gl2ka6ue4io7wx3nb5qm2vt';

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');
const wheel = leakyWheel();
// 2.3.0 shipped its front end without the maps.
const earlier = zip([
  { name: 'acme_widgets/__init__.py', data: 'from .widget import Widget\n' },
  { name: 'acme_widgets/static/remoteEntry.js', data: 'var a=1;\n' },
  {
    name: 'acme_widgets-2.3.0.dist-info/METADATA',
    data: 'Metadata-Version: 2.4\nName: acme-widgets\nVersion: 2.3.0\nLicense-Expression: LicenseRef-Acme-Proprietary\n\n',
  },
]);
const index = new Registry();
const file = (name, digest) => ({
  filename: name,
  packagetype: name.endsWith('.whl') ? 'bdist_wheel' : 'sdist',
  size: wheel.length,
  url: `/registry/files/${name}`,
  digests: { sha256: digest },
});
index.serveFile(
  'pypi/acme-widgets/json',
  JSON.stringify({
    info: { name: 'acme-widgets', version: '2.5.0', license: 'Proprietary' },
    urls: [],
    releases: {
      '2.4.0': [
        file('acme_widgets-2.4.0-cp312-cp312-manylinux_2_17_x86_64.whl', '0'.repeat(64)),
        file('acme_widgets-2.4.0-py3-none-any.whl', sha256(wheel)),
        file('acme_widgets-2.4.0.tar.gz', '1'.repeat(64)),
      ],
      '2.5.0': [file('acme_widgets-2.5.0-py3-none-any.whl', 'ab'.repeat(32))],
      '2.3.0': [file('acme_widgets-2.3.0-py3-none-any.whl', sha256(earlier))],
    },
  }),
  'application/json',
);
index.serveFile('files/acme_widgets-2.4.0-py3-none-any.whl', wheel);
index.serveFile('files/acme_widgets-2.5.0-py3-none-any.whl', wheel);
index.serveFile('files/acme_widgets-2.3.0-py3-none-any.whl', earlier);

const site = servedWithRegistry(index);
const inPage = site.inPage;

async function drop(page, name, buffer) {
  await page.setInputFiles(FILE_INPUT, { name, mimeType: 'application/zip', buffer });
  await page.waitForSelector(VERDICT);
}

const text = (page, selector) => page.textContent(selector);

test('each format dropped gives its verdict, kind, manifest facts and the leak in the tree', async () => {
  const kinds = [
    {
      name: 'acme_widgets-2.4.0-py3-none-any.whl',
      bytes: wheel,
      level: 'critical',
      kind: 'Python wheel',
      label: 'acme-widgets==2.4.0',
      leak: 'acme_widgets/static/remoteEntry.js.map',
      summary: /through 1 source map/,
      files: '6',
    },
    {
      // Named like a plain zip: the kind comes from the bytes.
      name: 'download.zip',
      bytes: leakyVsix(PAT),
      level: 'critical',
      kind: 'VS Code extension',
      label: 'acme.deploy-helper 1.3.0',
      leak: 'extension/.env',
      summary: /Azure DevOps personal access token/,
      files: '6',
    },
    {
      name: 'acme-tabs.crx',
      bytes: leakyCrx(),
      level: 'critical',
      kind: 'Chrome extension',
      label: 'Acme Tabs 4.1.0',
      leak: 'background.js.map',
      summary: /Leaks 2 of its own source files/,
      files: '3',
    },
    {
      name: 'acme_reader-0.9.2.xpi',
      bytes: xpi(),
      level: 'low',
      kind: 'Firefox add-on',
      label: 'Acme Reader 0.9.2',
      leak: 'background.js.map',
      summary: /under an open-source licence MIT \(from LICENSE\)/,
      files: '5',
    },
    {
      name: 'release-1.0.0.zip',
      bytes: releaseZip(),
      level: 'critical',
      kind: 'Zip archive',
      label: 'release-1.0.0.zip',
      leak: 'npm/acme-secret-cli-1.0.0.tgz!/dist/cli.js.map',
      summary: /own source files/,
      files: '7',
    },
    {
      name: 'acme-portal.war',
      bytes: leakyWar(),
      level: 'high',
      kind: 'Java archive',
      label: 'acme-portal:7.0.0',
      leak: 'WEB-INF/lib/billing-core.jar!/com/acme/billing/Pricing.java',
      summary: /Java source/,
      files: '6',
    },
  ];
  for (const k of kinds) {
    await inPage(`format-${k.kind.replaceAll(' ', '-').toLowerCase()}`, async (page, { requests }) => {
      const before = requests.length;
      await drop(page, k.name, k.bytes);
      assert.equal(await page.getAttribute(VERDICT, 'data-level'), k.level, k.name);
      assert.equal((await text(page, '[data-testid="package-kind"]')).trim(), `· ${k.kind}`);
      assert.match(await text(page, VERDICT), new RegExp(k.label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
      assert.match(await text(page, '.verdict-summary'), k.summary, k.name);
      assert.equal((await text(page, '[data-testid="files-count"]')).trim(), k.files, `${k.name}: files`);
      await page.waitForSelector(row(k.leak));
      assert.ok(await page.getAttribute(row(k.leak), 'data-severity'), `${k.leak} is marked`);
      assert.equal(requests.length, before, 'a dropped file makes no request');
      await page.screenshot({ path: join(SHOTS, `format-${k.name}.png`), fullPage: true });
    });
  }
});

test('a hostile zip is refused with its reason', async () => {
  // Two entries whose names disagree between the list of files and their own headers.
  const good = zip([{ name: 'lib/util.js', data: 'exports.u = 2;\n' }]);
  const evil = Buffer.from(good);
  evil.write('lib/evil.js', 30, 'latin1');
  await inPage('format-hostile-zip', async (page) => {
    await page.setInputFiles(FILE_INPUT, { name: 'evil.zip', mimeType: 'application/zip', buffer: evil });
    await page.waitForSelector(ERROR);
    assert.match(
      await text(page, ERROR),
      /damaged or hostile: its list of files names "lib\/util\.js" where the entry's own header names "lib\/evil\.js"/,
    );
  });
});

test('a Python release opens by name, verified against the sha256 the index lists', async () => {
  await inPage('pypi-by-name', async (page) => {
    const link = `${site.url()}#pkg=${encodeURIComponent('pypi:Acme_Widgets==2.4.0')}&pypi=%2Fregistry%2F`;
    const served = index.requests.length;
    await page.goto(link);
    await page.waitForSelector(VERDICT);
    assert.equal(await page.getAttribute(VERDICT, 'data-level'), 'critical');
    assert.match(await text(page, VERDICT), /acme-widgets==2\.4\.0/);
    assert.match(await text(page, '[data-testid="integrity"]'), /verified against the registry \(SHA-256\)/);
    assert.match(
      await text(page, '[data-testid="chosen-file"]'),
      /read the pure-Python wheel acme_widgets-2\.4\.0-py3-none-any\.whl \(3 files in the release\)/,
    );
    assert.deepEqual(index.requests.slice(served), [
      '/registry/pypi/acme-widgets/json',
      '/registry/files/acme_widgets-2.4.0-py3-none-any.whl',
    ]);
    // The link reopens the same release from the same index.
    const hash = await page.evaluate(() => decodeURIComponent(location.hash));
    assert.match(hash, /pkg=pypi:acme-widgets==2\.4\.0/);
    assert.match(hash, /pypi=http:\/\/127\.0\.0\.1:\d+\/registry\//);
    await page.screenshot({ path: join(SHOTS, 'pypi-by-name.png'), fullPage: true });

    // Compared with an earlier release, typed as a bare version: the map 2.4.0 adds.
    await page.click('[data-testid="compare-with"]');
    assert.equal(await page.inputValue('[data-testid="compare-name"]'), 'pypi:acme-widgets==');
    await page.fill('[data-testid="compare-name"]', '2.3.0');
    await page.click('[data-testid="compare-open"]');
    await page.waitForSelector('[data-testid="compare-summary"]');
    assert.match(await text(page, '[data-testid="compare-summary"]'), /2\.4\.0 adds acme_widgets\/static\/remoteEntry\.js\.map, 247 B, which embeds 2 of the package.s own source files/);
    assert.match(await page.evaluate(() => decodeURIComponent(location.hash)), /compare=pypi:acme-widgets==2\.3\.0/);
  });
});

test('a Python release that does not match its sha256 is refused, naming both digests', async () => {
  await inPage('pypi-mismatch', async (page) => {
    await page.goto(`${site.url()}#pkg=${encodeURIComponent('pypi:acme-widgets==2.5.0')}&pypi=%2Fregistry%2F`);
    await page.waitForSelector('[data-testid="scan-anyway"]');
    const body = await text(page, 'main');
    const listed = `sha256-${Buffer.from('ab'.repeat(32), 'hex').toString('base64')}`;
    const actual = `sha256-${createHash('sha256').update(wheel).digest('base64')}`;
    assert.ok(body.includes(listed), `the listed digest ${listed} is named`);
    assert.ok(body.includes(actual), `the download's digest ${actual} is named`);
    assert.equal(await page.$(VERDICT), null, 'nothing was scanned');
  });
});

test('a Python name on a page that does not allow PyPI says how to allow it', async () => {
  await inPage('pypi-not-allowed', async (page, { requests }) => {
    const before = requests.length;
    await page.fill('[data-testid="package-name"]', 'pypi:requests==2.32.3');
    await page.click('[data-testid="open-name"]');
    await page.waitForSelector(ERROR);
    assert.match(await text(page, ERROR), /does not allow it to connect to https:\/\/pypi\.org/);
    assert.equal(requests.length, before);
  });
});
