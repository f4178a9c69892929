// What the page's benchmarks share (bench/browser.mjs, bench/formats.mjs): a fresh page
// with probes for long tasks and frame gaps, the renderer's peak memory, and one
// drop -> verdict.
import { readFileSync, readdirSync } from 'node:fs';

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

export function probe(page, on) {
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
export async function freshPage(browser, url, query = '') {
  const before = renderers();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(installProbes);
  const page = await context.newPage();
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  const workerReady = new Promise((ok) => page.on('worker', ok));
  await page.goto(url + query, { waitUntil: 'load' });
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
export async function dropToVerdict(browser, url, path, query = '') {
  const { context, page, pid, idle } = await freshPage(browser, url, query);
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

