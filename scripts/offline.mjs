#!/usr/bin/env node
// Trunk's post-build hook (Trunk.toml), run after csp.mjs in the same hook: fills in the service worker
// (www/sw.js) with the build's files and a hash of their contents, so that each build gets
// a cache of its own and browsers see a new build as a new service worker.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR ?? 'dist';
const file = join(dir, 'sw.js');
const files = readdirSync(dir)
  .filter((f) => f !== 'sw.js')
  .sort();
const hash = createHash('sha256');
for (const f of files) hash.update(f).update(readFileSync(join(dir, f)));
const build = hash.digest('hex').slice(0, 16);
let sw = readFileSync(file, 'utf8');
if (!sw.includes('__LEAKSCOPE_BUILD__') || !sw.includes('__LEAKSCOPE_FILES__')) {
  throw new Error('offline: sw.js has no placeholders to fill in');
}
sw = sw.replace('__LEAKSCOPE_BUILD__', build).replace('__LEAKSCOPE_FILES__', JSON.stringify(files));
writeFileSync(file, sw);
console.log(`offline: build ${build}, ${files.length} files kept`);
