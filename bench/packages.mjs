#!/usr/bin/env node
// Synthetic packages for the benchmarks, deterministic, written once into a folder:
//   leak.tgz      the 2026 leak's shape: ~31 MB tgz, a 60 MB orphaned map embedding ~4,700
//                 sources (1,900 first-party), a 13 MB minified cli.js
//   leak-real.tgz the same shape built from real public code (pinned npm packages, fetched
//                 once into target/bench/real/): real minified bundle, real TypeScript and
//                 JavaScript in the map, real native binaries; see bench/realistic.mjs
//   real-leak.tgz the real release (@anthropic-ai/claude-code@2.1.88 from the registry, pinned
//                 by integrity, fetched once): what the two shapes above stand in for
//   files-50k.tgz 50,000 small files in nested folders, a few of them findings
//   code-100mb.tgz, code-200mb.tgz  realistic code (TypeScript sources, minified bundles,
//                 maps, some with sources), 100 MB and 200 MB unpacked
//
//   node bench/packages.mjs [DIR=target/bench] [NAME ...]

import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

import { bigLeak, minifiedLines, prng, tgz, typescriptLike, vocabulary, writeFixture } from '../tests/e2e/fixtures.mjs';

const json = (v) => JSON.stringify(v, null, 2) + '\n';

/** 50,000 files: a monorepo-like tree, ~300 bytes each, a handful of findings. */
export function files50k() {
  const rand = prng(50_000);
  const words = vocabulary(rand, 2000);
  const pick = () => words[Math.floor(rand() * words.length)];
  const entries = [{ name: 'package/package.json', data: json({ name: 'huge-tree', version: '1.0.0', license: 'MIT' }) }];
  const dirs = [];
  for (let i = 0; i < 400; i++) dirs.push(`${pick()}/${pick()}${rand() < 0.5 ? `/${pick()}` : ''}`);
  for (let i = 0; entries.length < 50_000; i++) {
    const dir = dirs[Math.floor(rand() * dirs.length)];
    const name = `package/lib/${dir}/${pick()}-${i}.js`;
    entries.push({ name, data: `// ${pick()} ${pick()}\nexport const ${pick()}${i} = ${i};\nexport function ${pick()}() { return "${pick()}"; }\n` });
  }
  // Findings to filter on: maps with sources, a shipped .env, a log.
  entries.push({ name: 'package/lib/debug.log', data: 'npm ERR! at /home/ann/work\n' });
  entries.push({ name: 'package/.env.production', data: 'API_URL=https://api.example.com\n' });
  for (let i = 0; i < 20; i++) {
    const map = { version: 3, sources: [`webpack://x/./src/m${i}.ts`], sourcesContent: [`export const m${i} = ${i};\n`], names: [], mappings: 'AAAA' };
    entries.push({ name: `package/lib/${dirs[i]}/bundle-${i}.js.map`, data: JSON.stringify(map) });
  }
  return tgz(entries);
}

/** About `targetMb` MB of realistic code: sources, minified bundles with maps. */
export function code(targetMb) {
  const rand = prng(targetMb * 7919);
  const words = vocabulary(rand, 5000);
  const pick = () => words[Math.floor(rand() * words.length)];
  const entries = [{ name: 'package/package.json', data: json({ name: `code-${targetMb}mb`, version: '1.0.0', license: 'MIT' }) }];
  let bytes = 0;
  const target = targetMb * 1e6;
  let n = 0;
  while (bytes < target) {
    n++;
    const r = rand();
    let entry;
    if (r < 0.05) {
      // A bundle and its map, which embeds a few sources.
      const js = minifiedLines(rand, words, 200_000 + Math.floor(rand() * 400_000)).join('\n');
      const sources = Array.from({ length: 5 }, () => `webpack://app/./src/${pick()}/${pick()}.ts`);
      const contents = sources.map((s) => typescriptLike(rand, words, 4000 + Math.floor(rand() * 8000), `// ${s}\n`));
      const map = { version: 3, file: `bundle-${n}.js`, sources, sourcesContent: contents, names: [], mappings: 'AAAA;AACA' };
      entries.push({ name: `package/dist/bundle-${n}.js`, data: `${js}\n//# sourceMappingURL=bundle-${n}.js.map\n` });
      entry = { name: `package/dist/bundle-${n}.js.map`, data: JSON.stringify(map) };
      bytes += js.length;
    } else {
      const text = typescriptLike(rand, words, 2000 + Math.floor(rand() * 30_000), `// ${n}\n`);
      const ext = rand() < 0.5 ? 'js' : 'd.ts';
      entry = { name: `package/lib/${pick()}/${pick()}/${pick()}-${n}.${ext}`, data: text };
    }
    entries.push(entry);
    bytes += Buffer.byteLength(entry.data);
  }
  return tgz(entries);
}

/**
 * leak-real.tgz. bench/realistic.mjs builds it asynchronously (it may download); it runs in a
 * child process here so that every builder, and `ensure`, stays synchronous.
 */
export function leakReal(what = '--stdout') {
  const script = join(dirname(fileURLToPath(import.meta.url)), 'realistic.mjs');
  return execFileSync(process.execPath, [script, what], { maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'] });
}

export const PACKAGES = {
  'leak.tgz': () => bigLeak(),
  'leak-real.tgz': () => leakReal(),
  // The real release itself (@anthropic-ai/claude-code 2.1.88, 31 MB, pinned by integrity).
  'real-leak.tgz': () => leakReal('--real-leak'),
  'files-50k.tgz': files50k,
  'code-100mb.tgz': () => code(100),
  'code-200mb.tgz': () => code(200),
};

/** Writes the packages that are not there yet; returns their paths by name. */
export function ensure(dir, names = Object.keys(PACKAGES)) {
  const out = {};
  for (const name of names) {
    const path = join(dir, name);
    if (!existsSync(path)) {
      const t = Date.now();
      writeFixture(dir, name, PACKAGES[name]());
      console.error(`generated ${path} (${(statSync(path).size / 1e6).toFixed(1)} MB) in ${Date.now() - t} ms`);
    }
    out[name] = resolve(path);
  }
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const [dir = 'target/bench', ...names] = process.argv.slice(2);
  for (const [name, path] of Object.entries(ensure(dir, names.length ? names : undefined))) console.log(`${name}\t${path}`);
}
