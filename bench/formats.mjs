#!/usr/bin/env node
// The zip family's cost against a tarball's: a real large wheel (gradio 4.44.1, 18 MB,
// 1,367 files, 166 source maps; fetched once from PyPI and checked against its pinned
// sha256) and the same files repacked as a .tgz (python3's zipfile and tarfile, gzip level
// 6), each dropped on the page (drop -> verdict in a fresh page) and scanned by the native
// CLI, alternating, RUNS times. Prints a Markdown table.
//
//   node bench/formats.mjs URL [RUNS=5]      (the built page served at URL; bench/run)

import { createHash } from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { launchChromium } from '../tests/e2e/harness.mjs';
import { dropToVerdict } from './page.mjs';

const URL = process.argv[2] ?? 'http://127.0.0.1:8091/';
const RUNS = Number(process.argv[3] ?? 5);
const DIR = 'target/bench';
const CLI = 'target/release/leakscope';
const WHEEL = {
  file: 'gradio-4.44.1-py3-none-any.whl',
  url: 'https://files.pythonhosted.org/packages/3f/6e/c0726e138f64cd98379a7bf95f4f3b15dd5a9f004b172540cee5653ec820/gradio-4.44.1-py3-none-any.whl',
  sha256: 'c908850c638e4a176b22f95a758ce6a63ffbc2a7a5a74b23186ceeeedc23f4d9',
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function wheel() {
  const path = join(DIR, WHEEL.file);
  const ok = (bytes) => createHash('sha256').update(bytes).digest('hex') === WHEEL.sha256;
  if (existsSync(path) && ok(readFileSync(path))) return path;
  const bytes = Buffer.from(await (await fetch(WHEEL.url)).arrayBuffer());
  if (!ok(bytes)) throw new Error(`${WHEEL.file}: not the pinned sha256`);
  writeFileSync(path, bytes);
  return path;
}

/** The wheel's files in a .tgz, under `package/` as npm packs them. */
function repacked(wheelPath) {
  const path = wheelPath.replace(/\.whl$/, '.tgz');
  if (existsSync(path)) return path;
  const script = `
import sys, tarfile, zipfile, io
z = zipfile.ZipFile(sys.argv[1])
with tarfile.open(sys.argv[2], 'w:gz', compresslevel=6) as t:
    for i in z.infolist():
        if i.is_dir(): continue
        data = z.read(i)
        info = tarfile.TarInfo('package/' + i.filename); info.size = len(data); info.mtime = 499162500
        t.addfile(info, io.BytesIO(data))
`;
  execFileSync('python3', ['-c', script, wheelPath, path]);
  return path;
}

/** The CLI's scan (exit code 1: the wheel leaks, as expected). */
function cli(path) {
  const t0 = performance.now();
  const run = spawnSync(CLI, ['scan', '--format', 'json', path], { maxBuffer: 1 << 30 });
  const ms = performance.now() - t0;
  if (run.status === 2) throw new Error(`${path}: ${run.stderr}`);
  return { ms, files: JSON.parse(run.stdout).files };
}

mkdirSync(DIR, { recursive: true });
const whl = await wheel();
const tgz = repacked(whl);
const browser = await launchChromium();
const rows = { [whl]: { page: [], cli: [] }, [tgz]: { page: [], cli: [] } };
try {
  for (let i = 0; i < RUNS; i++) {
    for (const path of [whl, tgz]) {
      rows[path].page.push((await dropToVerdict(browser, URL, path)).wall);
      rows[path].cli.push(cli(path).ms);
    }
  }
} finally {
  await browser.close();
}
const size = (p) => (readFileSync(p).length / 1e6).toFixed(1);
console.log(`| file | size | page, drop -> verdict | CLI scan |\n| --- | ---: | ---: | ---: |`);
for (const path of [whl, tgz]) {
  const r = rows[path];
  console.log(`| ${path.split('/').pop()} | ${size(path)} MB | ${median(r.page).toFixed(0)} ms | ${median(r.cli).toFixed(0)} ms |`);
}
const ratio = (k) => median(rows[whl][k].map((w, i) => w / rows[tgz][k][i])).toFixed(2);
console.log(`\nwheel / tgz, median of the paired runs: page ${ratio('page')}, CLI ${ratio('cli')}`);
