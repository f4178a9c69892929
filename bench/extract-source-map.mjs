#!/usr/bin/env node
// Node baseline for `leakscope extract`: read an npm tarball (.tgz), find every `*.map`
// file in it, parse each with the `source-map` npm package (v0.7, `SourceMapConsumer`) and
// write every embedded source (`sourcesContent`) under OUTDIR by normalised path.
//
//   node bench/extract-source-map.mjs PKG.tgz OUTDIR
//
// Built-ins only plus `source-map`. Path rules mirror src/recover.rs
// (normalise_source_path / export_path): `webpack://NS/` and other `scheme://` prefixes
// removed, backslashes to '/', drive letters removed, '.'/'..' resolved without leaving the
// root; the same path with the same content is one file, the same path with different
// content is written as `name.variant-N.ext`.

import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join, dirname } from 'node:path';
import sourceMap from 'source-map';

const { SourceMapConsumer } = sourceMap;

// ---------------------------------------------------------------------------------------
// tar

const BLOCK = 512;

function cstr(buf, start, len) {
  let end = start;
  const stop = start + len;
  while (end < stop && buf[end] !== 0) end++;
  return buf.toString('utf8', start, end);
}

/** Octal numeric field, or GNU base-256 when the high bit of the first byte is set. */
function num(buf, start, len) {
  if (buf[start] & 0x80) {
    let v = buf[start] & 0x7f;
    for (let i = start + 1; i < start + len; i++) v = v * 256 + buf[i];
    return v;
  }
  const s = buf.toString('ascii', start, start + len).replace(/[\0 ]+/g, ' ').trim();
  return s ? parseInt(s, 8) : 0;
}

function isZeroBlock(buf, off) {
  for (let i = off; i < off + BLOCK; i++) if (buf[i] !== 0) return false;
  return true;
}

/** Parses PAX extended-header records ("LEN key=value\n"), returning a key -> value map. */
function parsePax(data) {
  const out = {};
  let i = 0;
  while (i < data.length) {
    const sp = data.indexOf(0x20, i);
    if (sp < 0) break;
    const len = parseInt(data.toString('ascii', i, sp), 10);
    if (!(len > 0)) break;
    const rec = data.toString('utf8', sp + 1, i + len - 1); // drop trailing '\n'
    const eq = rec.indexOf('=');
    if (eq > 0) out[rec.slice(0, eq)] = rec.slice(eq + 1);
    i += len;
  }
  return out;
}

/** Yields `{ path, data }` for each regular file (path with the top folder dropped). */
function* tarEntries(buf) {
  let off = 0;
  let longName = null;
  let paxPath = null;
  while (off + BLOCK <= buf.length) {
    if (isZeroBlock(buf, off)) break;
    const size = num(buf, off + 124, 12);
    const type = String.fromCharCode(buf[off + 156] || 0x30); // NUL means regular
    let name = cstr(buf, off, 100);
    if (buf.toString('ascii', off + 257, off + 262) === 'ustar') {
      const prefix = cstr(buf, off + 345, 155);
      if (prefix) name = `${prefix}/${name}`;
    }
    const dataStart = off + BLOCK;
    const data = buf.subarray(dataStart, Math.min(dataStart + size, buf.length));
    off = dataStart + Math.ceil(size / BLOCK) * BLOCK;

    if (type === 'L') {
      longName = cstr(data, 0, data.length);
      continue;
    }
    if (type === 'x') {
      const pax = parsePax(data);
      if (pax.path !== undefined) paxPath = pax.path;
      continue;
    }
    if (type === 'g') continue; // global PAX header: nothing we need
    const path = paxPath ?? longName ?? name;
    paxPath = null;
    longName = null;
    if (type !== '0' && type !== '7') continue; // dirs, links, devices, ...
    const slash = path.indexOf('/');
    const rel = slash >= 0 ? path.slice(slash + 1) : path;
    if (!rel) continue;
    yield { path: rel, data };
  }
}

// ---------------------------------------------------------------------------------------
// paths (mirrors src/recover.rs)

const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;

function normalise(sourceRoot, source) {
  let rest = source;
  if (sourceRoot && !SCHEME.test(source) && !source.startsWith('/')) {
    rest = /[/\\]$/.test(sourceRoot) ? sourceRoot + source : `${sourceRoot}/${source}`;
  }
  if (rest.startsWith('webpack://')) {
    const after = rest.slice('webpack://'.length);
    const i = after.indexOf('/');
    rest = i >= 0 ? after.slice(i + 1) : '';
  } else {
    const m = SCHEME.exec(rest);
    if (m) rest = rest.slice(m[0].length);
  }
  rest = rest.replace(/\\/g, '/');
  const trimmed = rest.replace(/^\/+/, '');
  if (/^[A-Za-z]:/.test(trimmed)) rest = trimmed.slice(2);
  const parts = [];
  for (const p of rest.split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') parts.pop();
    else parts.push(p);
  }
  return parts.length ? parts.join('/') : '(unnamed)';
}

function variantPath(path, variant) {
  if (variant === 0) return path;
  const n = variant + 1;
  const slash = path.lastIndexOf('/');
  const dir = slash >= 0 ? path.slice(0, slash) : '';
  const name = slash >= 0 ? path.slice(slash + 1) : path;
  const dot = name.indexOf('.');
  const out = dot > 0 ? `${name.slice(0, dot)}.variant-${n}.${name.slice(dot + 1)}` : `${name}.variant-${n}`;
  return dir ? `${dir}/${out}` : out;
}

// ---------------------------------------------------------------------------------------
// main

async function main() {
  const [tgzPath, outDir] = process.argv.slice(2);
  if (!tgzPath || !outDir) {
    console.error('usage: node bench/extract-source-map.mjs PKG.tgz OUTDIR');
    process.exit(2);
  }
  const tarBuf = gunzipSync(readFileSync(tgzPath));

  const byPath = new Map(); // normalised path -> contents already written there
  const madeDirs = new Set();
  let files = 0;
  let bytes = 0;

  for (const { path, data } of tarEntries(tarBuf)) {
    if (!path.endsWith('.map')) continue;
    let raw;
    try {
      raw = JSON.parse(data.toString('utf8'));
    } catch (e) {
      console.error(`skipping ${path}: ${e.message}`);
      continue;
    }
    let consumer;
    try {
      consumer = await new SourceMapConsumer(raw);
    } catch (e) {
      console.error(`skipping ${path}: ${e.message}`);
      continue;
    }
    try {
      // `consumer.sources` are URL-normalised (percent-encoded, sourceRoot applied), so
      // the file is named from the raw `sources[i]` (same order) as leakscope does; the
      // content still comes from the consumer. Index maps (`sections`) fall back to the
      // decoded consumer names.
      const absolute = consumer.sources;
      const rawSources =
        Array.isArray(raw.sources) && raw.sources.length === absolute.length ? raw.sources : null;
      const sourceRoot = rawSources && typeof raw.sourceRoot === 'string' ? raw.sourceRoot : null;
      for (let i = 0; i < absolute.length; i++) {
        const content = consumer.sourceContentFor(absolute[i], true);
        if (content == null) continue;
        let name;
        if (rawSources) name = String(rawSources[i]);
        else {
          try {
            name = decodeURIComponent(absolute[i]);
          } catch {
            name = absolute[i];
          }
        }
        const norm = normalise(sourceRoot, name);
        let seen = byPath.get(norm);
        if (!seen) byPath.set(norm, (seen = []));
        if (seen.includes(content)) continue;
        const rel = variantPath(norm, seen.length);
        seen.push(content);
        const dest = join(outDir, rel);
        const dir = dirname(dest);
        if (!madeDirs.has(dir)) {
          mkdirSync(dir, { recursive: true });
          madeDirs.add(dir);
        }
        writeFileSync(dest, content);
        files += 1;
        bytes += Buffer.byteLength(content);
      }
    } finally {
      consumer.destroy();
    }
  }
  console.log(`${files} files, ${bytes} bytes`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
