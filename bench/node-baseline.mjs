#!/usr/bin/env node
// The Node baseline the page is measured against: what a native tool does at the least to
// answer "does this package ship source maps with sources": gunzip the tarball
// (zlib.gunzipSync, native), walk the tar, and JSON.parse every `.map`.
//
//   node bench/node-baseline.mjs PKG.tgz [RUNS=5]
//
// Prints one line per run: `node-baseline <ms> <maps> <sources>`, then the median.

import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

const BLOCK = 512;

function octal(buf, start, len) {
  const s = buf.toString('ascii', start, start + len).replace(/\0.*$/, '').trim();
  return s ? parseInt(s, 8) : 0;
}

/** Every regular file of a tar: name and content (a view, not a copy). */
export function* tarFiles(tar) {
  let at = 0;
  let longName = null;
  while (at + BLOCK <= tar.length) {
    if (tar[at] === 0) break; // end-of-archive marker
    let name = tar.toString('utf8', at, at + 100).replace(/\0.*$/, '');
    const prefix = tar.toString('utf8', at + 345, at + 500).replace(/\0.*$/, '');
    if (prefix) name = `${prefix}/${name}`;
    const size = octal(tar, at + 124, 12);
    const type = String.fromCharCode(tar[at + 156] || 48);
    const start = at + BLOCK;
    const body = tar.subarray(start, start + size);
    at = start + Math.ceil(size / BLOCK) * BLOCK;
    if (type === 'L') {
      longName = body.toString('utf8').replace(/\0.*$/, '');
      continue;
    }
    if (type === 'x' || type === 'g') continue;
    if (longName) {
      name = longName;
      longName = null;
    }
    if (type === '0' || type === '\0') yield { name, body };
  }
}

/** One run: ms, and what it found (so nothing is optimised away). */
export function baseline(tgz) {
  const t0 = performance.now();
  const tar = gunzipSync(tgz);
  let maps = 0;
  let sources = 0;
  for (const { name, body } of tarFiles(tar)) {
    if (!name.endsWith('.map')) continue;
    const map = JSON.parse(body.toString('utf8'));
    maps += 1;
    sources += (map.sourcesContent ?? []).filter((c) => typeof c === 'string').length;
  }
  return { ms: performance.now() - t0, maps, sources };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const tgz = readFileSync(process.argv[2]);
  const runs = Number(process.argv[3] ?? 5);
  const times = [];
  for (let i = 0; i < runs; i++) {
    const r = baseline(tgz);
    times.push(r.ms);
    console.log(`node-baseline ${r.ms.toFixed(1)} ${r.maps} ${r.sources}`);
  }
  times.sort((a, b) => a - b);
  console.log(`median ${times[Math.floor(times.length / 2)].toFixed(1)} ms`);
}
