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
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

import { launchChromium } from '../tests/e2e/harness.mjs';
import { ensure } from './packages.mjs';
import { dropToVerdict as drop, freshPage as fresh, probe } from './page.mjs';

const URL = process.argv[2] ?? 'http://127.0.0.1:8091/';
const RUNS = Number(process.argv[3] ?? 5);
const DIST = process.env.LEAKSCOPE_DIST ?? 'dist';
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (x, d = 0) => (x === undefined || Number.isNaN(x) ? 'n/a' : x.toFixed(d));

function nodeBaseline(path) {
  const out = execFileSync('node', ['bench/node-baseline.mjs', path, '1'], { encoding: 'utf8' });
  return Number(out.match(/^node-baseline ([\d.]+)/m)[1]);
}

/** Expand all, scroll top to bottom, filter: the longest frame and task of each. */
async function bigTree(browser, path) {
  const { context, page } = await fresh(browser, URL);
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
  const { context, requests } = await fresh(browser, URL);
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
      runs.push(await drop(browser, URL, path));
      if (ONE_WORKER.has(name)) one.push(await drop(browser, URL, path, '?workers=1'));
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
