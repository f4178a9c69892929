// The npm package, as a JavaScript publisher uses it: the tarball scripts/npm-package
// wrote, installed offline into a temporary project, run with npx and as `prepublishOnly`,
// where a leaking package stops `npm publish --dry-run` and a clean one goes through. The
// same commands, formats and exit codes as the native tool, by file, folder and name.
//
//   bash scripts/npm-package && node --test tests/npm/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { leakyPackage } from '../e2e/fixtures.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const VERSION = readFileSync(join(ROOT, 'Cargo.toml'), 'utf8').match(/^version = "(.+)"/m)[1];
const TARBALL = join(ROOT, `target/npm/leakscope-${VERSION}.tgz`);

let work;
let server;
let registryUrl;

before(async () => {
  assert.ok(existsSync(TARBALL), `${TARBALL} is missing: run bash scripts/npm-package first`);
  work = mkdtempSync(join(tmpdir(), 'leakscope-npm-'));
  // A registry with @acme/secret-cli@1.0.0 and tiny-clean@2.3.4, in a process of its own.
  server = spawn(process.execPath, [join(import.meta.dirname, 'registry-server.mjs')], { stdio: ['ignore', 'pipe', 'inherit'] });
  registryUrl = await new Promise((ok) => server.stdout.once('data', (d) => ok(String(d).trim())));
});

after(() => {
  server?.kill();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Runs a command in `cwd`, offline for npm (a registry nobody answers on) unless told;
 * a variable set to null in `env` is left out. */
function run(cwd, command, args, env = {}) {
  const all = {
    ...process.env,
    NO_COLOR: '1',
    npm_config_registry: 'http://127.0.0.1:9/',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    ...env,
  };
  for (const [k, v] of Object.entries(all)) if (v === null) delete all[k];
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', env: all });
  if (r.error) throw r.error;
  return r;
}

/** A project folder with `files` as given, that installs the npm package offline. */
function project(name, files, packageJson) {
  const dir = join(work, name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  writeFileSync(join(dir, 'package.json'), JSON.stringify(packageJson, null, 2) + '\n');
  const installed = run(dir, 'npm', ['install', '--offline', '--save-dev', TARBALL]);
  assert.equal(installed.status, 0, installed.stderr);
  return dir;
}

const LEAKY_MAP = JSON.stringify({
  version: 3,
  sources: ['webpack://app/./src/index.ts'],
  sourcesContent: ['export const internal = "not for publishing";\n'],
  names: [],
  mappings: 'AAAA',
});

const gate = { prepublishOnly: 'leakscope scan .' };

test('the package has no install script, no dependency and no native part', () => {
  const listing = spawnSync('tar', ['-tzf', TARBALL], { encoding: 'utf8' }).stdout.trim().split('\n');
  assert.ok(listing.includes('package/cli.js') && listing.includes('package/wasm/leakscope_bg.wasm'), listing.join('\n'));
  assert.ok(!listing.some((f) => /\.(node|exe|so|dylib|dll)$/.test(f)), 'no native binary');
  const pkg = JSON.parse(spawnSync('tar', ['-xzOf', TARBALL, 'package/package.json'], { encoding: 'utf8' }).stdout);
  assert.equal(pkg.scripts, undefined, 'no scripts at all');
  assert.equal(pkg.dependencies, undefined);
  assert.deepEqual(pkg.bin, { leakscope: 'cli.js' });
});

test('prepublishOnly: a leaking package stops npm publish --dry-run, and says why and the fix', () => {
  const dir = project(
    'leaky',
    { 'dist/index.js': 'console.log(1);\n', 'dist/index.js.map': LEAKY_MAP },
    { name: '@acme/leaky', version: '1.0.0', license: 'UNLICENSED', files: ['dist'], scripts: gate },
  );
  const published = run(dir, 'npm', ['publish', '--dry-run']);
  assert.notEqual(published.status, 0, 'npm publish must fail');
  const said = published.stdout + published.stderr;
  assert.match(said, /CRITICAL Leaks its source code/);
  assert.match(said, /package\.json:\d+: the "files" entry "dist" matched dist\/index\.js\.map\./);
  assert.match(said, /Add "!dist\/\*\*\/\*\.map" to "files" in package\.json/);
  assert.match(said, /command sh -c leakscope scan \./);
});

test('prepublishOnly: a clean package goes through npm publish --dry-run', () => {
  const dir = project(
    'clean',
    { 'dist/index.js': 'exports.x = 1;\n//# sourceMappingURL=index.js.map\n', 'dist/index.js.map': JSON.stringify({ version: 3, sources: ['../src/index.ts'], names: [], mappings: 'AAAA' }) },
    { name: 'tiny-ok', version: '1.0.0', license: 'MIT', files: ['dist'], scripts: gate },
  );
  const published = run(dir, 'npm', ['publish', '--dry-run']);
  assert.equal(published.status, 0, published.stdout + published.stderr);
  assert.match(published.stdout + published.stderr, /tiny-ok@1\.0\.0/);
});

test('npx leakscope scan . packs the project as npm would, in every format, with the same exit codes', () => {
  const dir = project(
    'formats',
    { 'dist/index.js': 'console.log(1);\n', 'dist/index.js.map': LEAKY_MAP, 'src/index.ts': 'export {};\n' },
    { name: '@acme/formats', version: '2.0.0', license: 'UNLICENSED', files: ['dist'] },
  );
  const json = run(dir, 'npx', ['leakscope', 'scan', '.', '--format', 'json']);
  assert.equal(json.status, 1, json.stderr);
  const report = JSON.parse(json.stdout);
  assert.deepEqual(report.findings.map((f) => f.path).sort(), ['dist/index.js.map']);
  assert.equal(report.shipped[0].reason['files-entry'].entry, 'dist');
  assert.equal(report.input.name, '.');
  // --fail-on critical still fails on a critical map; a policy that allows it passes.
  assert.equal(run(dir, 'npx', ['leakscope', 'scan', '.', '--fail-on', 'critical']).status, 1);
  const sarif = JSON.parse(run(dir, 'npx', ['leakscope', 'scan', '.', '--format', 'sarif']).stdout);
  assert.equal(sarif.version, '2.1.0');
  assert.equal(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, 'dist/index.js.map');
  const md = run(dir, 'npx', ['leakscope', 'scan', '.', '--format', 'markdown']).stdout;
  assert.match(md, /^## Leakscope: `@acme\/formats@2\.0\.0` is \*\*CRITICAL\*\*/);
  // Usage errors exit 2, as natively.
  const usage = run(dir, 'npx', ['leakscope', 'scan', '--format', 'yaml', '.']);
  assert.equal(usage.status, 2);
  assert.match(usage.stderr, /invalid value 'yaml'/);
});

test('by name from the registry in npm settings, verified; diff, extract, jsonl and baselines', () => {
  const dir = project('byname', { 'index.js': '' }, { name: 'byname', version: '1.0.0', license: 'MIT' });
  const env = { npm_config_registry: registryUrl };
  const leaky = run(dir, 'npx', ['leakscope', 'scan', '@acme/secret-cli@1.0.0', '--format', 'json'], env);
  assert.equal(leaky.status, 1, leaky.stderr);
  const report = JSON.parse(leaky.stdout);
  assert.equal(report.input.source.integrity_verified, 'sha512');
  assert.equal(report.verdict.level, 'critical');
  // The registry from the project's .npmrc, or from --registry, as natively.
  writeFileSync(join(dir, '.npmrc'), `registry=${registryUrl}\n`);
  assert.equal(run(dir, 'npx', ['leakscope', 'scan', 'tiny-clean'], { npm_config_registry: null }).status, 0);
  rmSync(join(dir, '.npmrc'));
  assert.equal(run(dir, 'npx', ['leakscope', 'scan', '--registry', registryUrl, 'tiny-clean@2.3.4']).status, 0);
  assert.equal(run(dir, 'npx', ['leakscope', 'scan', 'no-such-package'], env).status, 2);
  // What the leaky version adds to the clean one: exit 1.
  writeFileSync(join(dir, 'leaky.tgz'), leakyPackage());
  const diff = run(dir, 'npx', ['leakscope', 'diff', 'tiny-clean', 'leaky.tgz'], env);
  assert.equal(diff.status, 1, diff.stderr);
  // The recovered sources written into a folder, and nowhere else.
  const extracted = run(dir, 'npx', ['leakscope', 'extract', 'leaky.tgz', '-o', 'out']);
  assert.equal(extracted.status, 0, extracted.stderr);
  assert.ok(existsSync(join(dir, 'out/src/main.ts')), readdirSync(join(dir, 'out')).join(','));
  // Many inputs, one broken: a line each, in order; the worst exit code.
  const lines = run(dir, 'npx', ['leakscope', 'scan', '--format', 'jsonl', 'leaky.tgz', 'missing.tgz', 'tiny-clean'], env);
  assert.equal(lines.status, 2);
  const parsed = lines.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual([parsed[0].verdict.level, typeof parsed[1].error, parsed[2].verdict.level], ['critical', 'string', 'clean']);
  // A baseline accepts what is known.
  assert.equal(run(dir, 'npx', ['leakscope', 'scan', 'leaky.tgz', '--write-baseline', 'base.json']).status, 0);
  assert.equal(run(dir, 'npx', ['leakscope', 'scan', 'leaky.tgz', '--baseline', 'base.json']).status, 0);
});

test("Leakscope's own npm tarball, scanned by Leakscope, is clean", () => {
  const r = run(work, 'node', [join(work, 'leaky/node_modules/leakscope/cli.js'), 'scan', TARBALL, '--format', 'json']);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  const report = JSON.parse(r.stdout);
  assert.equal(report.verdict.level, 'clean', JSON.stringify(report.findings));
});
