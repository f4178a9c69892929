// The page under attack, in a real Chromium: the Content-Security-Policy it carries and
// what it blocks, the built folder served from a sub-path, and hostile tarballs dropped on
// it. For each tarball: no script runs (no dialog, no injected element, the policy blocked
// nothing), no request leaves 127.0.0.1, the tab stays responsive (a timer on the page keeps
// firing), and the error or the partial result is shown. The harness checks the first three
// after every test (tests/e2e/harness.mjs).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';

import { ROOT, SHOTS, TIMEOUT, setup } from './harness.mjs';
import {
  deepJson,
  gzipBomb,
  gzipBombOfFiles,
  hostileNames,
  leakyPackage,
  manyEntries,
  writeFixture,
  xssFixture,
} from './fixtures.mjs';

const VERDICT = '[data-testid="verdict"]';
const ERROR = '[data-testid="error"]';
const FILE_INPUT = '[data-testid="file-input"]';

const { fixtures, withPage } = setup('hostile', (dir, fixtures) => {
  fixtures.bomb = writeFixture(dir, 'bomb.tgz', gzipBomb(1.5));
  fixtures.bombOfFiles = writeFixture(dir, 'bomb-of-files.tgz', gzipBombOfFiles(1.5));
  fixtures.many = writeFixture(dir, 'many-entries.tgz', manyEntries());
  fixtures.deep = writeFixture(dir, 'deep-json.tgz', deepJson());
  fixtures.leaky = writeFixture(dir, 'secret-cli-1.0.0.tgz', leakyPackage());
  fixtures.names = writeFixture(dir, 'hostile.tgz', hostileNames());
  fixtures.xss = writeFixture(dir, 'xss.tgz', xssFixture().tgz);
});


/** The directives of the policy the served page carries in its `<meta>`. */
async function policy(page) {
  const content = await page.evaluate(
    () => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content ?? '',
  );
  return Object.fromEntries(
    content
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name, values]),
  );
}

test('the page carries a strict policy, and it blocks an inline script', { timeout: TIMEOUT * 2 }, async () => {
  await withPage(
    'csp',
    async (page) => {
      const p = await policy(page);
      assert.deepEqual(p['default-src'], ["'self'"]);
      assert.deepEqual(p['script-src'], ["'self'", "'wasm-unsafe-eval'"]);
      assert.deepEqual(p['style-src'], ["'self'"]);
      assert.deepEqual(p['object-src'], ["'none'"]);
      assert.deepEqual(p['base-uri'], ["'none'"]);
      assert.deepEqual(p['form-action'], ["'none'"]);
      assert.equal(p['connect-src'][0], "'self'");
      for (const values of Object.values(p)) {
        assert.ok(!values.includes("'unsafe-inline'") && !values.includes("'unsafe-eval'"), JSON.stringify(p));
      }
      // Every script of the page is a file of its own.
      const inline = await page.evaluate(() => [...document.scripts].filter((s) => !s.src).length);
      assert.equal(inline, 0, 'inline scripts in the built page');
      // An attacker's inline script, event handler and style are blocked.
      await page.evaluate(() => {
        const s = document.createElement('script');
        s.textContent = 'window.__ran = true';
        document.head.append(s);
        const img = document.createElement('img');
        img.setAttribute('onerror', 'window.__ran = true');
        img.src = 'data:,x';
        document.body.append(img);
        const div = document.createElement('div');
        div.setAttribute('style', 'color: red');
        document.body.append(div);
      });
      await page.waitForTimeout(300);
      assert.equal(await page.evaluate(() => window.__ran), undefined, 'the injected script ran');
      const blocked = await page.evaluate(() => window.__violations);
      for (const directive of ['script-src-elem', 'script-src-attr', 'style-src-attr']) {
        assert.ok(blocked.some((v) => v.startsWith(directive)), `${directive} blocked: ${JSON.stringify(blocked)}`);
      }
      // The page still works after the attempt.
      await page.setInputFiles(FILE_INPUT, fixtures.leaky);
      await page.waitForSelector(VERDICT);
    },
    { expectViolations: true },
  );
});

test('the built folder works from a sub-path of any static host', { timeout: TIMEOUT * 2 }, async () => {
  const port = 8000 + Math.floor(Math.random() * 900);
  const server = spawn('node', [join(ROOT, 'tests/e2e/serve.mjs'), join(ROOT, 'dist'), String(port), '--prefix', '/tools/leakscope/'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    await new Promise((ok, fail) => {
      server.stdout.once('data', ok);
      server.once('exit', () => fail(new Error('the server stopped')));
    });
    await withPage(
      'sub-path',
      async (page, { requests }) => {
        await page.setInputFiles(FILE_INPUT, fixtures.leaky);
        await page.waitForSelector(VERDICT);
        assert.equal(await page.locator(VERDICT).getAttribute('data-level'), 'critical');
        const outside = requests.filter((u) => !new URL(u).pathname.startsWith('/tools/leakscope/'));
        assert.deepEqual(outside, [], 'every file is fetched from under the sub-path');
        await page.screenshot({ path: join(SHOTS, 'sub-path.png') });
      },
      { url: `http://127.0.0.1:${port}/tools/leakscope/` },
    );
  } finally {
    server.kill();
  }
});

/** Runs in the page: a timer that counts its ticks and remembers the longest gap. */
function startTimer() {
  window.__timer = { ticks: 0, longest: 0, last: performance.now() };
  setInterval(() => {
    const now = performance.now();
    window.__timer.longest = Math.max(window.__timer.longest, now - window.__timer.last);
    window.__timer.last = now;
    window.__timer.ticks++;
  }, 20);
}

/** Drops `path`, waits for the verdict or the error, and checks that the tab stayed alive. */
async function dropHostile(page, path, { timeout = 60_000 } = {}) {
  await page.evaluate(startTimer);
  const before = await page.evaluate(() => window.__timer.ticks);
  await page.setInputFiles(FILE_INPUT, path);
  await page.waitForSelector(`${VERDICT}, ${ERROR}`, { timeout });
  const timer = await page.evaluate(() => window.__timer);
  assert.ok(timer.ticks > before, 'the timer kept firing');
  assert.ok(timer.longest < 1000, `the tab froze for ${Math.round(timer.longest)} ms`);
  // Nothing the package carries became an element or a handler.
  const injected = await page.evaluate(() => ({
    handlers: document.querySelectorAll('[onerror], [onload], [onclick]').length,
    scripts: [...document.scripts].filter((s) => !s.src).length,
    frames: document.querySelectorAll('iframe, object, embed').length,
  }));
  assert.deepEqual(injected, { handlers: 0, scripts: 0, frames: 0 }, 'elements from the package');
  return timer;
}

test('a 1.5 GiB gzip bomb stops at the limit, says so, and the tab stays alive', { timeout: TIMEOUT * 4 }, async () => {
  await withPage('bomb', async (page) => {
    const timer = await dropHostile(page, fixtures.bomb, { timeout: 120_000 });
    assert.equal(await page.locator(VERDICT).getAttribute('data-level'), 'incomplete');
    assert.match(await page.locator(VERDICT).innerText(), /expands beyond 1 GiB; Leakscope stopped there/);
    assert.match(await page.innerText('[data-testid="limits"] li[data-limit="--max-size"]'), /^Decompressed size of the package: 1 GiB\. The command-line tool can raise it with --max-size\.$/);
    console.log(`  bomb: longest gap between timer ticks ${Math.round(timer.longest)} ms`);
    await page.screenshot({ path: join(SHOTS, 'bomb.png'), fullPage: true });
  });
});

test('a 1.5 GiB bomb of 1 MiB files is inflated only to the limit, and the tab stays alive', { timeout: TIMEOUT * 4 }, async () => {
  await withPage('bomb-of-files', async (page) => {
    const timer = await dropHostile(page, fixtures.bombOfFiles, { timeout: 120_000 });
    assert.equal(await page.locator(VERDICT).getAttribute('data-level'), 'incomplete');
    assert.match(await page.locator(VERDICT).innerText(), /expands beyond 1 GiB; Leakscope stopped there/);
    assert.match(await page.innerText('[data-testid="limits"] li[data-limit="--max-size"]'), /^Decompressed size of the package: 1 GiB\./);
    console.log(`  bomb of files: longest gap between timer ticks ${Math.round(timer.longest)} ms`);
  });
});

test('more entries than the limit: the part read is shown, the verdict is incomplete', { timeout: TIMEOUT * 4 }, async () => {
  await withPage('many-entries', async (page) => {
    await dropHostile(page, fixtures.many);
    assert.equal(await page.locator(VERDICT).getAttribute('data-level'), 'incomplete');
    assert.match(await page.locator(VERDICT).innerText(), /more than 100,000 entries/);
    // Which limit applied, and how the command-line tool raises it.
    const limit = page.locator('[data-testid="limits"] li[data-limit="--max-entries"]');
    assert.match(await limit.innerText(), /Entries in the archive: 100,000 entries\. The command-line tool can raise it with --max-entries/);
    assert.equal(await limit.getAttribute('data-unchecked'), 'true');
    // The trees follow the verdict, in slices.
    await page.waitForSelector('[data-testid="tree-row"]');
    assert.ok((await page.locator('[data-testid="tree-row"]').count()) > 0, 'the files read are listed');
  });
});

test('JSON nested 200,000 deep in a map: read without recursion, its source recovered', { timeout: TIMEOUT * 2 }, async () => {
  await withPage('deep-json', async (page) => {
    await dropHostile(page, fixtures.deep);
    assert.equal(await page.locator(VERDICT).getAttribute('data-level'), 'critical');
    assert.equal((await page.locator('[data-testid="recovered-count"]').innerText()).trim(), '1');
  });
});

test('names and contents carrying HTML and script: shown as text', { timeout: TIMEOUT * 2 }, async () => {
  await withPage('hostile-names', async (page) => {
    for (const path of [fixtures.names, fixtures.xss]) {
      await dropHostile(page, path);
      assert.equal(await page.evaluate(() => typeof window.__pwned), 'undefined');
    }
  });
});
