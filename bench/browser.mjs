#!/usr/bin/env node
// The page's benchmark, in Debian's Chromium (headless, playwright-core), against the
// built page served from 127.0.0.1. In one run, alternating:
//   - drop -> verdict (setInputFiles to the verdict on screen), in a fresh page each time,
//     with the longest main-thread task (Long Tasks API), the longest frame, and the peak
//     memory of the page's renderer process (page and workers are its threads: VmHWM);
//   - the Node baseline on the same file in a fresh process (zlib.gunzipSync + a tar walk
//     + JSON.parse of every .map, bench/node-baseline.mjs), and the ratio;
//   - on the 50,000-file package: expand all, scroll the tree top to bottom, filter, and
//     the longest frame and task;
//   - what the page fetches when it loads (wasm + js + css, workers included), gzipped.
//
//   node bench/browser.mjs URL [RUNS=5]      (bench/run serves dist/ and calls this)
// Packages come from bench/packages.mjs (target/bench). Prints a Markdown table.

import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

import { launchChromium } from '../tests/e2e/harness.mjs';
import { ensure } from './packages.mjs';

const URL = process.argv[2] ?? 'http://127.0.0.1:8091/';
const RUNS = Number(process.argv[3] ?? 5);
const DIST = process.env.LEAKSCOPE_DIST ?? 'dist';
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (x, d = 0) => (x === undefined || Number.isNaN(x) ? 'n/a' : x.toFixed(d));

/** Chromium's renderer processes, by pid. */
function renderers() {
  const out = new Set();
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (cmd.includes('--type=renderer')) out.add(pid);
    } catch {}
  }
  return out;
}

/** Peak resident memory (VmHWM) of a process, in MB. */
function peakMb(pid) {
  try {
    const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmHWM:\s+(\d+) kB/);
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** Runs in the page before anything else: long tasks and frame gaps from then on. */
function installProbes() {
  window.__probe = { tasks: [], maxFrame: 0, frames: 0, on: false };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (window.__probe.on) window.__probe.tasks.push(e.duration);
  }).observe({ type: 'longtask', buffered: true });
  let last = performance.now();
  const frame = () => {
    const now = performance.now();
    if (window.__probe.on) {
      window.__probe.maxFrame = Math.max(window.__probe.maxFrame, now - last);
      window.__probe.frames++;
    }
    last = now;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

function probe(page, on) {
  return page.evaluate((on) => {
    const p = window.__probe;
    if (on) {
      p.tasks = [];
      p.maxFrame = 0;
      p.frames = 0;
    }
    p.on = on;
    return { longest: Math.max(0, ...p.tasks), tasks: p.tasks.length, maxFrame: p.maxFrame, frames: p.frames };
  }, on);
}

/** A fresh page with the probes in, loaded, its worker ready; and its renderer's pid. */
async function freshPage(browser, query = '') {
  const before = renderers();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(installProbes);
  const page = await context.newPage();
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  const workerReady = new Promise((ok) => page.on('worker', ok));
  await page.goto(URL + query, { waitUntil: 'load' });
  await workerReady;
  // The worker fetches and starts its wasm: wait until the network is quiet.
  await page.waitForLoadState('networkidle');
  // A new context may start more than one renderer; the page's is the one that grew.
  const rss = (pid) => {
    try {
      return Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)[1]);
    } catch {
      return 0;
    }
  };
  const pid = [...renderers()].filter((p) => !before.has(p)).sort((a, b) => rss(b) - rss(a))[0];
  // The worker warms up as the page loads (leakscope::warm); a person takes longer than
  // that to pick a file.
  await page.waitForSelector('main[data-worker="warm"]', { state: 'attached', timeout: 30_000 });
  // And the service worker has kept the build's files (www/sw.js): nothing left to fetch.
  await page.evaluate(() => navigator.serviceWorker.ready);
  const idle = peakMb(pid);
  return { context, page, pid, requests, idle };
}

/** One drop -> verdict in a fresh page (`?workers=1`: without the inflater). */
async function dropToVerdict(browser, path, query = '') {
  const { context, page, pid, idle } = await freshPage(browser, query);
  try {
    await probe(page, true);
    const t0 = performance.now();
    await page.setInputFiles('[data-testid="file-input"]', path);
    // Polled, not waitForSelector: Playwright's selector engine re-checks visibility on every
    // DOM change, in the page's main thread, and showed up in the longest task it measured.
    await page.waitForFunction(() => !!document.querySelector('[data-testid="verdict"], [data-testid="error"]'), null, {
      polling: 16,
      timeout: 300_000,
    });
    const wall = performance.now() - t0;
    const p = await probe(page, false);
    const verdict = page.locator('[data-testid="verdict"]');
    const pageMs = Number(await verdict.getAttribute('data-ms'));
    const phases = await verdict.getAttribute('data-phases');
    return { wall, pageMs, phases, longest: p.longest, maxFrame: p.maxFrame, peak: peakMb(pid) - idle, idle };
  } finally {
    await context.close();
  }
}

function nodeBaseline(path) {
  const out = execFileSync('node', ['bench/node-baseline.mjs', path, '1'], { encoding: 'utf8' });
  return Number(out.match(/^node-baseline ([\d.]+)/m)[1]);
}

/** Expand all, scroll top to bottom, filter: the longest frame and task of each. */
async function bigTree(browser, path) {
  const { context, page } = await freshPage(browser);
  try {
    await page.setInputFiles('[data-testid="file-input"]', path);
    await page.waitForSelector('[data-testid="verdict"]', { timeout: 120_000 });
    const out = {};
    const measure = async (name, action) => {
      await probe(page, true);
      await action();
      // Two frames after the action, everything it caused has painted.
      await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
      out[name] = await probe(page, false);
    };
    await measure('expand all', async () => {
      await page.click('[data-testid="expand-all"]');
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="tree-row"]').length > 20);
    });
    out.rows = await page.evaluate(() => {
      const list = document.querySelector('.tree');
      return Math.round(list.scrollHeight / 26);
    });
    await measure('scroll', () =>
      page.evaluate(
        () =>
          new Promise((ok) => {
            const list = document.querySelector('.tree');
            const step = list.clientHeight * 3;
            const tick = () => {
              list.scrollTop += step;
              if (list.scrollTop + list.clientHeight >= list.scrollHeight - 1) ok();
              else requestAnimationFrame(tick);
            };
            requestAnimationFrame(tick);
          }),
      ),
    );
    await measure('filter', async () => {
      await page.fill('[data-testid="tree-search"]', 'bundle-1');
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="tree-row"]').length < 200);
    });
    await measure('severity', async () => {
      await page.fill('[data-testid="tree-search"]', '');
      await page.selectOption('[data-testid="severity-filter"]', 'low');
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="tree-row"]').length < 200);
    });
    return out;
  } finally {
    await context.close();
  }
}

/** What the page fetches when it loads, each file gzipped (-9), from dist/. */
async function firstLoad(browser) {
  const { context, requests } = await freshPage(browser);
  await context.close();
  const files = [...new Set(requests.map((u) => new globalThis.URL(u).pathname.replace(/^.*\//, '') || 'index.html'))];
  return files
    .filter((f) => !f.startsWith('favicon'))
    .map((f) => {
      const bytes = readFileSync(join(DIST, f));
      return { file: f, raw: bytes.length, gz: gzipSync(bytes, { level: 9 }).length };
    });
}

// BENCH_PACKAGES (comma-separated) narrows the drop -> verdict table, e.g. to
// leak-real.tgz while working on it; BENCH_TREE=0 leaves out the 50,000-file package.
const NAMES = (process.env.BENCH_PACKAGES ?? 'leak.tgz,leak-real.tgz,real-leak.tgz,code-100mb.tgz,code-200mb.tgz').split(',');
const TREE = process.env.BENCH_TREE !== '0';
// These are also timed with one worker (`?workers=1`: decompressing in the scanning
// worker), in the same rounds: what the inflater's core buys.
const ONE_WORKER = new Set(['leak.tgz', 'leak-real.tgz', 'real-leak.tgz']);
const paths = ensure('target/bench', [...NAMES, ...(TREE ? ['files-50k.tgz'] : [])]);
const browser = await launchChromium();
try {
  const load = await firstLoad(browser);
  console.log('\n## First load (gzip -9)\n\n| file | raw | gzipped |\n|---|---:|---:|');
  for (const f of load) console.log(`| ${f.file} | ${fmt(f.raw / 1024)} KB | ${fmt(f.gz / 1024)} KB |`);
  const total = load.reduce((s, f) => s + f.gz, 0);
  console.log(`| **total** | | **${fmt(total / 1024)} KB** |`);

  console.log(`\n## Drop -> verdict (${RUNS} runs each, alternating with the Node baseline; medians)\n`);
  console.log('| package | unpacked | page (wall) | page (measured) | Node baseline | ratio | longest main-thread task | longest frame | peak memory of the analysis | phases (last run) |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---|');
  const results = {};
  const row = (name, runs, node) => {
    const unpacked = execFileSync('bash', ['-c', `gzip -dc ${paths[name]} | wc -c`], { encoding: 'utf8' }) / 1e6;
    const r = {
      wall: median(runs.map((x) => x.wall)),
      pageMs: median(runs.map((x) => x.pageMs)),
      node: median(node),
      // Pair by pair: the machine's speed drifts between rounds, for the page and Node alike.
      ratio: median(runs.map((x, i) => x.wall / node[i])),
      longest: Math.max(...runs.map((x) => x.longest)),
      maxFrame: median(runs.map((x) => x.maxFrame)),
      peak: Math.max(...runs.map((x) => x.peak)),
      idle: median(runs.map((x) => x.idle)),
      unpacked,
    };
    return r;
  };
  const print = (label, r, phases) =>
    console.log(
      `| ${label} | ${fmt(r.unpacked)} MB | ${fmt(r.wall)} ms | ${fmt(r.pageMs)} ms | ${fmt(r.node)} ms | ${fmt(r.ratio, 2)} | ${fmt(r.longest)} ms | ${fmt(r.maxFrame)} ms | ${fmt(r.peak)} MB (${fmt(r.peak / r.unpacked, 2)}x; idle page ${fmt(r.idle)} MB) | ${phases} |`,
    );
  for (const name of NAMES) {
    const path = paths[name];
    const runs = [];
    const one = [];
    const node = [];
    for (let i = 0; i < RUNS; i++) {
      runs.push(await dropToVerdict(browser, path));
      if (ONE_WORKER.has(name)) one.push(await dropToVerdict(browser, path, '?workers=1'));
      node.push(nodeBaseline(path));
    }
    results[name] = row(name, runs, node);
    print(name, results[name], runs.at(-1).phases);
    if (one.length) print(`${name}, one worker`, row(name, one, node), one.at(-1).phases);
  }
  if (results['code-200mb.tgz'] && results['code-100mb.tgz']) {
    const growth = results['code-200mb.tgz'].wall / results['code-100mb.tgz'].wall;
    console.log(`\nCost growth, 200 MB against 100 MB unpacked: ${fmt(growth, 2)}x the time.`);
  }
  if (!TREE) process.exit(0);
  const tree = await bigTree(browser, paths['files-50k.tgz']);
  console.log(`\n## 50,000-file package (${tree.rows} rows expanded)\n\n| action | longest frame | longest task | frames |\n|---|---:|---:|---:|`);
  for (const name of ['expand all', 'scroll', 'filter', 'severity']) {
    const m = tree[name];
    console.log(`| ${name} | ${fmt(m.maxFrame)} ms | ${fmt(m.longest)} ms | ${m.frames} |`);
  }
} finally {
  await browser.close();
}
