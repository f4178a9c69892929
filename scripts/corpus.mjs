#!/usr/bin/env node
// Fetches the judgement corpus (tests/corpus/packages.json): real public npm packages, each
// by exact version, checked against the SHA-512 integrity pinned beside it, and Python
// releases (`"index": "pypi"`), each by its file's URL, checked against PyPI's sha256 pinned
// beside it, into target/corpus/ (a file already there is checked again, not downloaded).
// Straight from the registry's tarball URL: no packument, no npm cache.
// `npm_config_registry` changes the npm registry (a mirror must serve the same bytes: the
// integrity is checked either way).
//
//   node scripts/corpus.mjs [DIR=target/corpus]
//
// Prints one line per package fetched, then the total; exits 1 on a mismatch or a failed
// download, naming it.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? 'target/corpus';
const registry = (process.env.npm_config_registry ?? 'https://registry.npmjs.org').replace(/\/+$/, '');
const corpus = JSON.parse(readFileSync(new URL('../tests/corpus/packages.json', import.meta.url), 'utf8'));

/** `@scope/name` at `1.2.3` -> the file name npm gives it, and its URL on the registry. */
export function tarballOf({ name, version }) {
  const base = name.split('/').pop();
  const file = `${name.replace(/^@/, '').replace('/', '-')}-${version}.tgz`;
  return { file, url: `${registry}/${name}/-/${base}-${version}.tgz` };
}

/** What a download must hash to, as it is pinned: npm's SRI, or PyPI's hex sha256. */
function digestOf(pkg, bytes) {
  return pkg.index === 'pypi'
    ? createHash('sha256').update(bytes).digest('hex')
    : `sha512-${createHash('sha512').update(bytes).digest('base64')}`;
}

async function fetchOne(pkg) {
  const { file, url } = pkg.index === 'pypi' ? { file: pkg.file, url: pkg.url } : tarballOf(pkg);
  const pinned = pkg.index === 'pypi' ? pkg.sha256 : pkg.integrity;
  const path = join(dir, file);
  if (existsSync(path) && digestOf(pkg, readFileSync(path)) === pinned) return { path, bytes: 0 };
  for (let attempt = 1; ; attempt++) {
    try {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const bytes = Buffer.from(await response.arrayBuffer());
      const got = digestOf(pkg, bytes);
      if (got !== pinned) {
        throw Object.assign(new Error(`${pkg.name}@${pkg.version}: integrity mismatch: expected ${pinned}, got ${got}`), { final: true });
      }
      writeFileSync(`${path}.part`, bytes);
      renameSync(`${path}.part`, path);
      console.log(`fetched ${pkg.name}@${pkg.version} (${(bytes.length / 1e6).toFixed(1)} MB)`);
      return { path, bytes: bytes.length };
    } catch (e) {
      if (e.final || attempt === 3) throw new Error(`${pkg.name}@${pkg.version} from ${url}: ${e.message}`);
    }
  }
}

mkdirSync(dir, { recursive: true });
const started = Date.now();
let downloaded = 0;
const queue = [...corpus.packages];
const workers = Array.from({ length: 6 }, async () => {
  while (queue.length) {
    const { bytes } = await fetchOne(queue.shift());
    downloaded += bytes;
  }
});
try {
  await Promise.all(workers);
} catch (e) {
  console.error(`corpus: ${e.message}`);
  process.exit(1);
}
console.log(
  `corpus: ${corpus.packages.length} packages in ${dir}, ${(downloaded / 1e6).toFixed(1)} MB downloaded in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
