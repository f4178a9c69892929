// Test fixtures for the end-to-end tests: real npm-style tarballs (.tgz), written from
// scratch with Node built-ins only (a minimal ustar writer + zlib.gzipSync).
//
//   import { leakyPackage, writeFixture } from './fixtures.mjs';
//   const path = writeFixture(dir, 'leaky.tgz', leakyPackage());
//
// Run directly to write every small fixture (and, with --big, the benchmark one):
//   node tests/e2e/fixtures.mjs [DIR] [--big]

import { crc32, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

// ---------------------------------------------------------------------------------------
// ustar writer

/** npm pack stamps every entry with this date (1985-10-26T08:15:00Z); so do we. */
const MTIME = 499162500;
const BLOCK = 512;

/** Writes `value` as NUL-terminated, zero-padded octal into a field of `width` bytes. */
function octal(header, offset, width, value) {
  const digits = value.toString(8).padStart(width - 1, '0');
  if (digits.length > width - 1) throw new Error(`tar: ${value} does not fit in ${width} bytes`);
  header.write(digits, offset, width - 1, 'ascii');
  header[offset + width - 1] = 0;
}

/** Splits a name into ustar `prefix` (<= 155 bytes) and `name` (<= 100 bytes) at a '/'. */
function splitName(path) {
  const bytes = Buffer.byteLength(path);
  if (bytes <= 100) return { prefix: '', name: path };
  // Try every '/' from the right: the first split whose parts both fit wins.
  for (let i = path.lastIndexOf('/'); i > 0; i = path.lastIndexOf('/', i - 1)) {
    const prefix = path.slice(0, i);
    const name = path.slice(i + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(name) <= 100 && name.length > 0) {
      return { prefix, name };
    }
  }
  throw new Error(`tar: path too long for ustar: ${path}`);
}

function header(path, size, type) {
  const h = Buffer.alloc(BLOCK, 0);
  const { prefix, name } = splitName(path);
  h.write(name, 0, 100, 'utf8');
  octal(h, 100, 8, type === '5' ? 0o755 : 0o644); // mode
  octal(h, 108, 8, 0); // uid
  octal(h, 116, 8, 0); // gid
  octal(h, 124, 12, size); // size
  octal(h, 136, 12, MTIME); // mtime
  h.fill(0x20, 148, 156); // checksum: spaces while summing
  h.write(type, 156, 1, 'ascii'); // typeflag
  h.write('ustar\0', 257, 6, 'ascii'); // magic
  h.write('00', 263, 2, 'ascii'); // version
  // uname/gname/devmajor/devminor stay empty, as npm leaves them.
  h.write(prefix, 345, 155, 'utf8');
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += h[i];
  // Six octal digits, NUL, space: the traditional form every reader accepts.
  h.write(sum.toString(8).padStart(6, '0'), 148, 6, 'ascii');
  h[154] = 0;
  h[155] = 0x20;
  return h;
}

/**
 * Builds an uncompressed tar stream.
 * @param {{name: string, data?: Buffer|string, type?: '0'|'5'}[]} entries
 *   `type: '5'` is a directory (its name should end in '/', no data).
 */
export function tar(entries) {
  const parts = [];
  for (const e of entries) {
    const type = e.type ?? '0';
    const data = type === '5' ? Buffer.alloc(0) : toBuffer(e.data ?? '');
    parts.push(header(e.name, data.length, type));
    if (data.length) {
      parts.push(data);
      const pad = (BLOCK - (data.length % BLOCK)) % BLOCK;
      if (pad) parts.push(Buffer.alloc(pad, 0));
    }
  }
  parts.push(Buffer.alloc(2 * BLOCK, 0)); // end-of-archive: two zero blocks
  return Buffer.concat(parts);
}

/** A gzip-compressed tarball (.tgz) of `entries`. */
export function tgz(entries, level = 6) {
  return gzipSync(tar(entries), { level });
}

function toBuffer(data) {
  return Buffer.isBuffer(data) ? data : Buffer.from(String(data), 'utf8');
}

/** Writes `buffer` to `dir/name` (creating `dir`) and returns the absolute path. */
// ---------------------------------------------------------------------------------------
// zip writer (the zip family: wheels, extensions, Java archives), deflated entries

/** A zip of `entries` ({ name, data }), each deflated, with its central directory. */
export function zip(entries) {
  const locals = [];
  const central = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const raw = Buffer.isBuffer(data) ? data : Buffer.from(data);
    const packed = deflateRawSync(raw);
    const file = Buffer.from(name);
    const fields = Buffer.alloc(26);
    fields.writeUInt16LE(20, 0); // version needed
    fields.writeUInt16LE(0x0800, 2); // UTF-8 names
    fields.writeUInt16LE(8, 4); // deflated
    fields.writeUInt32LE(0x5a210000, 6); // a fixed date and time
    fields.writeUInt32LE(crc32(raw), 10);
    fields.writeUInt32LE(packed.length, 14);
    fields.writeUInt32LE(raw.length, 18);
    fields.writeUInt16LE(file.length, 22);
    fields.writeUInt16LE(0, 24);
    const local = Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), fields, file, packed]);
    const tail = Buffer.alloc(14);
    tail.writeUInt32LE(offset, 10); // comment, disk, attributes: 0; then the offset
    central.push(Buffer.concat([Buffer.from('PK\x01\x02', 'latin1'), Buffer.from([20, 0]), fields, tail, file]));
    locals.push(local);
    offset += local.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.write('PK\x05\x06', 0, 'latin1');
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** A map whose sourcesContent embeds two first-party TypeScript sources. */
function embeddingMap(prefix) {
  return JSON.stringify({
    version: 3,
    sources: [`${prefix}src/index.ts`, `${prefix}src/billing.ts`],
    sourcesContent: ['export const price = (n: number) => n * 1.2;\n', 'export const margin = 0.4; // internal\n'],
    names: [],
    mappings: 'AAAA',
  });
}

/** A JupyterLab-style wheel: Python code, a front end whose map embeds its sources,
 * shipped twice, under a proprietary licence in its METADATA. */
export function leakyWheel() {
  const map = embeddingMap('webpack://acme_widgets/./');
  return zip([
    { name: 'acme_widgets/__init__.py', data: 'from .widget import Widget\n' },
    { name: 'acme_widgets/static/remoteEntry.js', data: 'var a=1;\n//# sourceMappingURL=remoteEntry.js.map?v=9f1c2e\n' },
    { name: 'acme_widgets/static/remoteEntry.js.map', data: map },
    { name: 'acme_widgets-2.4.0.data/data/share/jupyter/labextensions/acme-widgets/static/remoteEntry.js.map', data: map },
    {
      name: 'acme_widgets-2.4.0.dist-info/METADATA',
      data: 'Metadata-Version: 2.4\nName: acme-widgets\nVersion: 2.4.0\nLicense-Expression: LicenseRef-Acme-Proprietary\n\nWidgets.\n',
    },
    { name: 'acme_widgets-2.4.0.dist-info/WHEEL', data: 'Wheel-Version: 1.0\nTag: py3-none-any\n' },
  ]);
}

/** A VS Code extension whose map embeds its sources and whose `.env` holds the
 * Marketplace token `pat` (52 lowercase base32 characters). */
export function leakyVsix(pat) {
  return zip([
    { name: '[Content_Types].xml', data: '<Types/>' },
    {
      name: 'extension.vsixmanifest',
      data: '<PackageManifest><Metadata><Identity Id="deploy-helper" Version="1.3.0" Publisher="acme"/></Metadata></PackageManifest>',
    },
    {
      name: 'extension/package.json',
      data: JSON.stringify({ name: 'deploy-helper', publisher: 'acme', version: '1.3.0', license: 'UNLICENSED' }),
    },
    { name: 'extension/out/extension.js', data: 'exports.activate=()=>{};\n//# sourceMappingURL=extension.js.map\n' },
    { name: 'extension/out/extension.js.map', data: embeddingMap('../') },
    { name: 'extension/.env', data: `VSCE_PAT=${pat}\n` },
  ]);
}

/** A Chrome extension: the CRX3 header, then a zip with its manifest and a leaking map. */
export function leakyCrx() {
  const inner = zip([
    { name: 'manifest.json', data: JSON.stringify({ manifest_version: 3, name: 'Acme Tabs', version: '4.1.0' }) },
    { name: 'background.js', data: 'chrome.runtime.id;\n//# sourceMappingURL=background.js.map\n' },
    { name: 'background.js.map', data: embeddingMap('webpack://ext/./') },
  ]);
  const header = Buffer.alloc(12 + 64, 0x5a);
  header.write('Cr24', 0, 'latin1');
  header.writeUInt32LE(3, 4);
  header.writeUInt32LE(64, 8);
  return Buffer.concat([header, inner]);
}

/** A Firefox add-on, signed by Mozilla, under the MIT licence (its LICENSE file). */
export function xpi() {
  return zip([
    {
      name: 'manifest.json',
      data: JSON.stringify({
        manifest_version: 2,
        name: 'Acme Reader',
        version: '0.9.2',
        browser_specific_settings: { gecko: { id: 'reader@acme.example' } },
      }),
    },
    { name: 'background.js', data: 'browser.runtime.id;\n//# sourceMappingURL=background.js.map\n' },
    { name: 'background.js.map', data: embeddingMap('webpack://reader/./') },
    { name: 'META-INF/mozilla.rsa', data: 'signature' },
    { name: 'LICENSE', data: 'MIT License\n\nPermission is hereby granted, free of charge, to any person' },
  ]);
}

/** A plain zip (a release bundle) with the leaking npm tarball inside. */
export function releaseZip() {
  return zip([
    { name: 'README.txt', data: 'Release 1.0.0\n' },
    { name: 'npm/acme-secret-cli-1.0.0.tgz', data: leakyPackage() },
  ]);
}

/** A web archive with a jar inside that ships a Java source beside its class. */
export function leakyWar() {
  const jar = zip([
    { name: 'META-INF/MANIFEST.MF', data: 'Manifest-Version: 1.0\r\nImplementation-Title: billing-core\r\n\r\n' },
    { name: 'com/acme/billing/Pricing.class', data: Buffer.from([0xca, 0xfe, 0xba, 0xbe]) },
    { name: 'com/acme/billing/Pricing.java', data: 'package com.acme.billing;\nclass Pricing {}\n' },
  ]);
  return zip([
    {
      name: 'META-INF/MANIFEST.MF',
      data: 'Manifest-Version: 1.0\r\nImplementation-Title: acme-portal\r\nImplementation-Version: 7.0.0\r\n\r\n',
    },
    { name: 'WEB-INF/web.xml', data: '<web-app/>' },
    { name: 'WEB-INF/lib/billing-core.jar', data: jar },
  ]);
}

export function writeFixture(dir, name, buffer) {
  mkdirSync(dir, { recursive: true });
  const path = resolve(join(dir, name));
  writeFileSync(path, buffer);
  return path;
}

// ---------------------------------------------------------------------------------------
// Small fixtures

const json = (v) => JSON.stringify(v, null, 2) + '\n';

/** The exact content of `src/main.ts` in the leaky package's map. */
export const LEAKY_MAIN_TS = 'export const greeting: string = "hello from main";\n';

/**
 * `@acme/secret-cli`, UNLICENSED, ships `dist/cli.js.map` with `sourcesContent` for three
 * first-party files and one dependency. `dist/cli.js` has no sourceMappingURL comment, so
 * the map is orphaned.
 */
export function leakyPackage() {
  const map = {
    version: 3,
    file: 'cli.js',
    sources: [
      'webpack://acme/./src/main.ts',
      'webpack://acme/./src/util/net.ts',
      'webpack://acme/./src/commands/login.tsx',
      'webpack://acme/./node_modules/left-pad/index.js',
    ],
    sourcesContent: [
      LEAKY_MAIN_TS,
      'import { request } from "node:https";\n\nexport function fetchToken(host: string): Promise<string> {\n  return new Promise((ok) => request({ host, path: "/internal/token" }, (r) => ok(String(r.statusCode))).end());\n}\n',
      'import { fetchToken } from "../util/net";\n\nexport function Login(props: { host: string }) {\n  return <button onClick={() => fetchToken(props.host)}>Sign in to ACME</button>;\n}\n',
      "'use strict';\nmodule.exports = function leftPad(str, len, ch) {\n  str = String(str);\n  ch = ch || ' ';\n  while (str.length < len) str = ch + str;\n  return str;\n};\n",
    ],
    names: [],
    mappings: 'AAAA',
  };
  return tgz([
    { name: 'package/', type: '5' },
    {
      name: 'package/package.json',
      data: json({ name: '@acme/secret-cli', version: '1.0.0', license: 'UNLICENSED' }),
    },
    { name: 'package/dist/', type: '5' },
    {
      name: 'package/dist/cli.js',
      data:
        '#!/usr/bin/env node\n"use strict";(()=>{var e={greeting:"hello from main"};' +
        'function t(n){return fetch("https://acme.example/internal/token?h="+n)}' +
        'console.log(e.greeting);})();\n',
    },
    { name: 'package/dist/cli.js.map', data: JSON.stringify(map) },
    { name: 'package/README.md', data: '# @acme/secret-cli\n\nInternal ACME command line tool.\n' },
    { name: 'package/lib/', type: '5' },
    { name: 'package/lib/index.js', data: "'use strict';\nmodule.exports = require('../dist/cli.js');\n" },
  ]);
}

/**
 * An MIT package under a top folder named `node/` whose map is referenced and has sources
 * but no `sourcesContent`: nothing leaks.
 */
export function cleanPackage() {
  const map = {
    version: 3,
    file: 'index.js',
    sources: ['../src/index.ts', '../src/helpers.ts'],
    names: [],
    mappings: 'AAAA;ACAA',
  };
  return tgz([
    {
      name: 'node/package.json',
      data: json({ name: 'tiny-clean', version: '2.3.4', license: 'MIT', main: 'index.js' }),
    },
    {
      name: 'node/index.js',
      data: '"use strict";\nexports.add = (a, b) => a + b;\n//# sourceMappingURL=index.js.map\n',
    },
    { name: 'node/index.js.map', data: JSON.stringify(map) },
  ]);
}

/**
 * A package that takes the worker a few seconds: 240 MB of code-like text that compresses
 * to a few MB (so it is quick to make and to hand over), for cancelling and replacing an
 * analysis under way.
 */
export function slowPackage() {
  const line = Buffer.from('export const value = compute(input, "a string of ordinary code");\n');
  const big = Buffer.alloc(line.length * 3_600_000);
  for (let at = 0; at < big.length; at += line.length) line.copy(big, at);
  return tgz(
    [
      { name: 'package/package.json', data: json({ name: 'slow-one', version: '9.9.9', license: 'MIT' }) },
      { name: 'package/big.js', data: big },
    ],
    1,
  );
}

/**
 * A gzip bomb: one tar entry that claims `gib` GiB of zeros, as concatenated gzip members of
 * 1 MiB of zeros each (about 1,000:1; a few MB on disk, quick to make).
 */
export function gzipBomb(gib = 1.5) {
  const mib = Math.round(gib * 1024);
  const head = header('package/zeros.bin', mib * 1024 * 1024, '0');
  const zeros = Buffer.alloc(1024 * 1024);
  const member = gzipSync(zeros, { level: 9 });
  const first = gzipSync(Buffer.concat([header('package/package.json', 2, '0'), Buffer.from('{}'), Buffer.alloc(510), head, zeros]), { level: 9 });
  return Buffer.concat([first, ...Array(mib - 1).fill(member)]);
}

/**
 * A bomb that no header gives away: `gib` GiB of 1 MiB files of zeros (all one name), each
 * its own gzip member of about 1 KB, so that only inflating it shows how far it expands.
 */
export function gzipBombOfFiles(gib = 1.5) {
  const mib = Math.round(gib * 1024);
  const member = gzipSync(Buffer.concat([header('package/zeros.bin', 1024 * 1024, '0'), Buffer.alloc(1024 * 1024)]), { level: 9 });
  const first = gzipSync(Buffer.concat([header('package/package.json', 2, '0'), Buffer.from('{}'), Buffer.alloc(510)]), { level: 9 });
  return Buffer.concat([first, ...Array(mib).fill(member)]);
}

/** Many tiny files: past the entry limit (100,000), so it is read in part. */
export function manyEntries(n = 120_000) {
  const entries = [{ name: 'package/package.json', data: json({ name: 'many', version: '1.0.0', license: 'MIT' }) }];
  for (let i = 0; i < n; i++) entries.push({ name: `package/f/${i % 100}/${i}.js`, data: '' });
  return tgz(entries, 1);
}

/** A source map nested 200,000 arrays deep, beside a file that points to it. */
export function deepJson() {
  const depth = 200_000;
  const map = `{"version":3,"sources":["a.ts"],"sourcesContent":["x"],"mappings":"AAAA","x":${'['.repeat(depth)}${']'.repeat(depth)}}`;
  return tgz([
    { name: 'package/package.json', data: json({ name: 'deep', version: '1.0.0', license: 'UNLICENSED' }) },
    { name: 'package/a.js', data: 'a()\n//# sourceMappingURL=a.js.map\n' },
    { name: 'package/a.js.map', data: map },
  ]);
}

/** Plain text: neither gzip nor tar. */
export function notGzip() {
  return Buffer.from('this is not a tarball\n'.repeat(200), 'utf8');
}

/** A file name that does not fit in the 100-byte ustar `name` field (exercises `prefix`). */
export const LONG_PATH =
  'docs/very/deeply/nested/folder/structure/that/keeps/going/on/and/on/beyond/one/hundred/bytes/of/path/guide.md';

/** Payloads that run script if the page ever renders package data as HTML. */
export const HOSTILE = {
  script: '<script>window.__pwned=1</script>',
  img: '<img src=x onerror="window.__pwned=1">',
  imgBare: '<img src=x onerror=window.__pwned=1>',
  svg: '<svg onload=window.__pwned=1>',
};

/**
 * UNLICENSED package whose names, paths and contents carry HTML/script payloads. The page
 * must show them as text and `window.__pwned` must stay undefined.
 */
export function hostileNames() {
  const jsName = `${HOSTILE.imgBare}.js`;
  const map = {
    version: 3,
    file: jsName,
    sources: [
      `webpack://x/./src/${HOSTILE.script}.ts`, // its '/' makes a folder: fine
      `webpack://x/./src/${HOSTILE.img}.ts`,
      'webpack://x/./src/plain.ts',
    ],
    sourcesContent: [
      `// ${HOSTILE.script}\nexport const a = "${HOSTILE.script}";\n`,
      `// ${HOSTILE.img}\nexport const b = '${HOSTILE.img}';\n`,
      `export const c = \`${HOSTILE.svg}\`;\n`,
    ],
    names: [],
    mappings: 'AAAA',
  };
  return tgz([
    {
      name: 'package/package.json',
      data: json({
        name: HOSTILE.img,
        version: '0.0.1',
        description: HOSTILE.script,
        license: 'UNLICENSED',
      }),
    },
    { name: `package/${jsName}`, data: `console.log(1);\n//# sourceMappingURL=${jsName}.map\n` },
    { name: `package/${jsName}.map`, data: JSON.stringify(map) },
    { name: `package/lib/${HOSTILE.svg}.js`, data: `module.exports = "${HOSTILE.svg}";\n` },
    { name: `package/${HOSTILE.img}.md`, data: `# ${HOSTILE.script}\n\n${HOSTILE.img}\n` },
    { name: `package/${LONG_PATH}`, data: '# Guide\n\nA file whose path needs the ustar prefix field.\n' },
  ]);
}

// ---------------------------------------------------------------------------------------
// Fixtures for the viewer, the recovered-sources tree, downloads and navigation
// (explore.test.mjs). Each comes as `...Entries()` (the tar entries, so a test can compute
// sizes and counts) and `...Package()` (the .tgz).

/** The total size and count of the files (not folders) in `entries`. */
export function entryStats(entries) {
  const files = entries.filter((e) => (e.type ?? '0') !== '5');
  return {
    files: files.length,
    bytes: files.reduce((n, e) => n + toBuffer(e.data ?? '').length, 0),
  };
}

/** `src/main.ts` of the recovery fixture: keywords, a string, a number and comments. */
export const RECOVERY_MAIN_TS = [
  '// Entry point of the ACME recovery demo.',
  'import { shared } from "./shared";',
  '',
  '/* The answer, as agreed with the team. */',
  'export const answer: number = 42;',
  '',
  'export function main(name: string): string {',
  '  const greeting = "hello, " + name;',
  '  if (name.length > 0) {',
  '    return greeting + shared();',
  '  }',
  "  return 'nobody';",
  '}',
  '',
].join('\n');

/** The two different contents that two maps embed for the same path `src/shared.ts`. */
export const RECOVERY_SHARED = [
  'export function shared(): string {\n  return " (from the app bundle)";\n}\n',
  'export function shared(): string {\n  return " (from the worker bundle)";\n}\n',
];

/**
 * `@acme/recovery-demo` (UNLICENSED): `dist/app.js` references `dist/app.js.map`;
 * `dist/worker.js.map` is orphaned. Between them they embed:
 *  - `src/main.ts` twice with the same content (one recovered file, two maps),
 *  - `src/shared.ts` with two different contents (a variant pair),
 *  - hostile paths `webpack://x/../../../../etc/evil.ts` and `C:\Users\me\x.ts`,
 *  - a dependency under `node_modules/`,
 *  - one source without content (not recovered).
 * `version` changes package.json, so a different version is a different tarball.
 */
export function recoveryEntries({ version = '1.0.0' } = {}) {
  const appMap = {
    version: 3,
    file: 'app.js',
    sources: [
      'webpack://acme/./src/main.ts',
      'webpack://acme/./src/shared.ts',
      'webpack://x/../../../../etc/evil.ts',
      'C:\\Users\\me\\x.ts',
      'webpack://acme/./node_modules/left-pad/index.js',
      'webpack://acme/./src/nocontent.ts',
    ],
    sourcesContent: [
      RECOVERY_MAIN_TS,
      RECOVERY_SHARED[0],
      'export const evil = "climbs out of the export folder";\n',
      'export const x = "from a Windows path";\n',
      "module.exports = function leftPad(s, n) { return String(s).padStart(n); };\n",
      null,
    ],
    names: [],
    mappings: 'AAAA',
  };
  const workerMap = {
    version: 3,
    file: 'worker.js',
    sources: ['webpack://acme/./src/shared.ts', 'webpack://acme/./src/main.ts', 'webpack://acme/./src/worker.ts'],
    sourcesContent: [RECOVERY_SHARED[1], RECOVERY_MAIN_TS, 'self.onmessage = (e) => self.postMessage(e.data);\n'],
    names: [],
    mappings: 'AAAA',
  };
  return [
    {
      name: 'package/package.json',
      data: json({ name: '@acme/recovery-demo', version, license: 'UNLICENSED', main: 'dist/app.js' }),
    },
    { name: 'package/README.md', data: '# @acme/recovery-demo\n\nInternal.\n' },
    { name: 'package/dist/app.js', data: 'console.log(42);\n//# sourceMappingURL=app.js.map\n' },
    // Read first, so its `src/shared.ts` is the first variant.
    { name: 'package/dist/app.js.map', data: JSON.stringify(appMap) },
    { name: 'package/dist/worker.js', data: 'self.onmessage=e=>self.postMessage(e.data);\n' },
    { name: 'package/dist/worker.js.map', data: JSON.stringify(workerMap) },
  ];
}

export function recoveryPackage(options) {
  return tgz(recoveryEntries(options));
}

/**
 * What the recovery fixture's sources export as (zip entry name -> content). The two
 * `src/shared.ts` variants are listed under `variants`, since which one comes first is the
 * page's choice (maps in archive order: the app bundle's).
 */
export function recoveryExpected() {
  return {
    files: {
      'src/main.ts': RECOVERY_MAIN_TS,
      'etc/evil.ts': 'export const evil = "climbs out of the export folder";\n',
      'Users/me/x.ts': 'export const x = "from a Windows path";\n',
      'node_modules/left-pad/index.js': "module.exports = function leftPad(s, n) { return String(s).padStart(n); };\n",
      'src/worker.ts': 'self.onmessage = (e) => self.postMessage(e.data);\n',
    },
    variants: { names: ['src/shared.ts', 'src/shared.variant-2.ts'], contents: RECOVERY_SHARED },
    maps: ['dist/app.js.map', 'dist/worker.js.map'],
  };
}

/** A valid 1x1 RGBA PNG (signature, IHDR, IDAT, IEND with real CRCs). */
export function tinyPng() {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc32 = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(1, 0); // width
  ihdr.writeUInt32BE(1, 4); // height
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const idat = deflateSync(Buffer.from([0, 0xe0, 0x40, 0x20, 0xff])); // filter 0, one pixel
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', idat),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** `lib/config.js` of the explore fixture: `token` sits on line 3. */
export function exploreConfigJs(token) {
  return `'use strict';\n// Settings for the ACME API client.\nconst token = '${token}';\nmodule.exports = { token, retries: 3 };\n`;
}

/**
 * `@acme/explore` (UNLICENSED), for the viewer and tree navigation:
 *  - `lib/config.js` holds `token` (a GitHub token, critical) on line 3,
 *  - `dist/index.js.map` embeds first-party sources (critical),
 *  - `.env` (high), `debug.log` (low), everything else has no finding,
 *  - `bin/cli.js`, `lib/cli-helpers.js` and `docs/CLI.md` match a search for "cli",
 *  - `lib/` holds four files of clearly different sizes (for sorting),
 *  - `images/logo.png` is binary.
 */
export function exploreEntries({ token }) {
  const map = {
    version: 3,
    file: 'index.js',
    sources: ['webpack://explore/./src/index.ts', 'webpack://explore/./src/cli/args.ts', 'webpack://explore/./node_modules/left-pad/index.js'],
    sourcesContent: [
      'export const version: string = "2.0.0";\n',
      'export function args(argv: string[]): string[] {\n  return argv.slice(2);\n}\n',
      'module.exports = (s, n) => String(s).padStart(n);\n',
    ],
    names: [],
    mappings: 'AAAA',
  };
  let big = '';
  for (let i = 1; big.length < 4000; i++) big += `exports.value${i} = ${i * 7};\n`;
  return [
    { name: 'package/package.json', data: json({ name: '@acme/explore', version: '2.0.0', license: 'UNLICENSED', bin: { explore: 'bin/cli.js' } }) },
    { name: 'package/README.md', data: '# @acme/explore\n\nRun `explore`.\n' },
    { name: 'package/.env', data: 'NODE_ENV=production\n' },
    { name: 'package/debug.log', data: '0 info it worked if it ends with ok\n' },
    { name: 'package/bin/cli.js', data: "#!/usr/bin/env node\nrequire('../lib/cli-helpers.js').run(process.argv);\n" },
    { name: 'package/docs/CLI.md', data: '# Command line\n\nUsage: explore [args]\n' },
    { name: 'package/lib/big.js', data: big },
    { name: 'package/lib/cli-helpers.js', data: "exports.run = (argv) => console.log(argv.slice(2).join(' '));\n" },
    { name: 'package/lib/config.js', data: exploreConfigJs(token) },
    { name: 'package/lib/small.js', data: 'module.exports = 1;\n' },
    { name: 'package/dist/index.js', data: 'exports.version="2.0.0";\n//# sourceMappingURL=index.js.map\n' },
    { name: 'package/dist/index.js.map', data: JSON.stringify(map) },
    { name: 'package/images/logo.png', data: tinyPng() },
  ];
}

export function explorePackage(options) {
  return tgz(exploreEntries(options));
}

/** Payloads for the XSS fixture: the HOSTILE ones plus an attribute break-out and a link. */
export const XSS = {
  ...HOSTILE,
  attrBreak: '"><svg onload=window.__pwned=1>',
  jsLink: 'javascript:window.__pwned=1',
};

/**
 * UNLICENSED package whose package.json, file names, map name, map source paths and
 * sourcesContent all carry XSS payloads and `javascript:` links.
 * `files` are the package paths of its files with their contents; `recovered` the
 * normalised recovered paths with theirs (the one under node_modules is third-party).
 */
export function xssFixture() {
  const mapName = `dist/${XSS.attrBreak}.js.map`;
  const sources = [
    [`webpack://x/./src/${XSS.script}.ts`, `src/${XSS.script}.ts`, `// ${XSS.script}\nexport const a = "${XSS.script}";\n`],
    [`webpack://x/./src/${XSS.img}.ts`, `src/${XSS.img}.ts`, `// ${XSS.img}\nexport const b = '${XSS.img}';\n`],
    [`webpack://x/./src/${XSS.attrBreak}.ts`, `src/${XSS.attrBreak}.ts`, `export const c = \`${XSS.attrBreak}\`;\n// [docs](${XSS.jsLink})\n`],
    [XSS.jsLink, XSS.jsLink, `export const d = "${XSS.jsLink}";\n<a href="${XSS.jsLink}">click</a>\n`],
    [`webpack://x/./node_modules/${XSS.svg}/index.js`, `node_modules/${XSS.svg}/index.js`, `module.exports = "${XSS.svg}";\n`],
  ];
  const map = {
    version: 3,
    file: 'index.js',
    sources: sources.map((s) => s[0]),
    sourcesContent: sources.map((s) => s[2]),
    names: [],
    mappings: 'AAAA',
  };
  const files = {
    'package.json': json({
      name: XSS.img,
      version: '6.6.6',
      description: `${XSS.script} ${XSS.attrBreak}`,
      author: XSS.imgBare,
      homepage: XSS.jsLink,
      repository: { type: 'git', url: XSS.jsLink },
      bugs: { url: XSS.jsLink },
      license: 'UNLICENSED',
    }),
    'README.md': `# ${XSS.script}\n\n[docs](${XSS.jsLink})\n\n<a href="${XSS.jsLink}">click</a>\n\n${XSS.img}\n`,
    [`${XSS.img}.md`]: `${XSS.img}\n${XSS.attrBreak}\n`,
    [`lib/${XSS.script}.js`]: `module.exports = "${XSS.script}";\n`,
    [`lib/${XSS.attrBreak}.js`]: `module.exports = "${XSS.attrBreak}";\n`,
    [`${XSS.jsLink}.js`]: `location.href = "${XSS.jsLink}";\n`,
    [mapName]: JSON.stringify(map),
  };
  return {
    files,
    mapName,
    recovered: Object.fromEntries(sources.map((s) => [s[1], s[2]])),
    tgz: tgz(Object.entries(files).map(([name, data]) => ({ name: `package/${name}`, data }))),
  };
}

// ---------------------------------------------------------------------------------------
// The big synthetic leak (benchmark)

/** mulberry32: small, fast, seeded. Returns floats in [0, 1). */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Base64 VLQ of one signed integer, as source maps encode it. */
export function vlq(value) {
  let v = value < 0 ? (-value << 1) | 1 : value << 1;
  let out = '';
  do {
    let digit = v & 31;
    v >>>= 5;
    if (v > 0) digit |= 32;
    out += B64[digit];
  } while (v > 0);
  return out;
}

/** Number of first-party (src/) sources for a given total, and what the page should count. */
export function bigLeakExpected({ sources = 4700, hugeSource = false } = {}) {
  const firstParty = Math.round((sources * 1900) / 4700);
  const extra = hugeSource ? 1 : 0; // src/huge/generated.ts is first-party
  return { sources: sources + extra, firstParty: firstParty + extra, thirdParty: sources - firstParty };
}

/** Path (normalised) of the ~1 MB first-party source that `bigLeak({ hugeSource: true })` adds. */
export const BIG_HUGE_SOURCE = 'src/huge/generated.ts';

/**
 * The ~1 MB TypeScript-like text of {@link BIG_HUGE_SOURCE}. Deterministic and independent
 * of `bigLeak`'s own random sequence, so adding it leaves the rest of the fixture unchanged.
 */
export function bigHugeSource() {
  const rand = prng(0x1c0de);
  return typescriptLike(rand, vocabulary(rand, 3000), 1_000_000, `// ${BIG_HUGE_SOURCE}\n`);
}

const SYLLABLES = (
  'ab ac ad al am an ar as at ba be bi bo bu ca ce ci co cu da de di do du el em en er es et ' +
  'fa fe fi fo ga ge gi go ha he hi ho id il im in io ir is it ka ke ki ko la le li lo lu ma ' +
  'me mi mo mu na ne ni no nu ob od ol om on or os pa pe pi po pu qu ra re ri ro ru sa se si ' +
  'so su ta te ti to tu ul um un ur us va ve vi vo wa we wi xa xe ya yo za ze zo'
).split(' ');
const DIRS = [
  'cli', 'commands', 'tools', 'services', 'utils', 'hooks', 'components', 'state', 'api', 'auth',
  'mcp', 'permissions', 'sessions', 'telemetry', 'config', 'ui', 'screens', 'migrations', 'bridge',
  'context', 'memory', 'tasks', 'keybindings', 'plugins', 'skills', 'remote', 'vim', 'buddy',
];
const TYPES = ['string', 'number', 'boolean', 'unknown', 'void', 'Promise<void>', 'Buffer', 'Error'];

/** A vocabulary of identifiers built from random syllables, deterministic per seed. */
export function vocabulary(rand, n) {
  const seen = new Set();
  const words = [];
  while (words.length < n) {
    const k = 2 + Math.floor(rand() * 3);
    let w = '';
    for (let i = 0; i < k; i++) w += SYLLABLES[Math.floor(rand() * SYLLABLES.length)];
    if (!seen.has(w)) {
      seen.add(w);
      words.push(w);
    }
  }
  return words;
}

/**
 * About `target` characters of TypeScript-like code. Identifiers come from a large
 * vocabulary in random camelCase combinations, with random numbers and hex strings, so the
 * text compresses roughly like real code with many distinct names (about 2.5-3x).
 */
export function typescriptLike(rand, words, target, header) {
  const pick = () => words[Math.floor(rand() * words.length)];
  const ident = () => {
    const a = pick();
    return rand() < 0.6 ? a + pick().replace(/^./, (c) => c.toUpperCase()) : a;
  };
  const type = () => (rand() < 0.5 ? TYPES[Math.floor(rand() * TYPES.length)] : ident().replace(/^./, (c) => c.toUpperCase()));
  const hex = () => Math.floor(rand() * 0xffffffff).toString(16);
  const lines = [header];
  let size = header.length;
  let depth = 0;
  while (size < target) {
    const pad = '  '.repeat(depth);
    let line;
    const r = rand();
    if (depth === 0) {
      if (r < 0.25) line = `import { ${ident()}, ${ident()} } from "./${pick()}/${pick()}";`;
      else if (r < 0.45) line = `export const ${ident()}: ${type()} = "${hex()}${pick()}";`;
      else if (r < 0.75) {
        line = `export async function ${ident()}(${ident()}: ${type()}, ${ident()}?: ${type()}): Promise<${type()}> {`;
        depth = 1;
      } else {
        line = `export interface ${type()} { ${ident()}: ${type()}; ${ident()}?: ${type()}; ${ident()}: ${type()} }`;
      }
    } else if (r < 0.08 && depth > 0) {
      depth -= 1;
      line = '  '.repeat(depth) + '}';
    } else if (r < 0.3) {
      line = `${pad}const ${ident()} = await ${ident()}.${ident()}(${ident()}, ${Math.floor(rand() * 100000)});`;
    } else if (r < 0.45 && depth < 4) {
      line = `${pad}if (${ident()}.${ident()} !== ${ident()}) {`;
      depth += 1;
    } else if (r < 0.6) {
      line = `${pad}// ${pick()} ${pick()} ${pick()} ${pick()} 0x${hex()} ${pick()} ${pick()}`;
    } else if (r < 0.75) {
      line = `${pad}${ident()}.${ident()}({ ${ident()}: "${pick()}-${hex()}", ${ident()}: ${ident()} });`;
    } else if (r < 0.85) {
      line = `${pad}return ${ident()}(${ident()}) ?? ${Math.floor(rand() * 1e6)};`;
    } else {
      line = `${pad}throw new ${type()}(\`${pick()} ${pick()} \${${ident()}} ${hex()}\`);`;
    }
    lines.push(line);
    size += line.length + 1;
  }
  while (depth > 0) lines.push('  '.repeat(--depth) + '}');
  return lines.join('\n') + '\n';
}

/** Pseudo-minified JS: one long statement stream broken into lines of ~200 chars. */
export function minifiedLines(rand, words, targetBytes) {
  const short = [];
  for (let i = 0; i < 900; i++) {
    const a = B64[Math.floor(rand() * 52)];
    short.push(i < 52 ? a : a + B64[Math.floor(rand() * 62)] + (i > 600 ? B64[Math.floor(rand() * 62)] : ''));
  }
  const id = () => short[Math.floor(rand() * short.length)];
  const word = () => words[Math.floor(rand() * words.length)];
  const stmts = [
    () => `var ${id()}=${id()}(${id()},${id()});`,
    () => `function ${id()}(${id()},${id()}){return ${id()}.${word()}(${id()})}`,
    () => `${id()}.${word()}=${Math.floor(rand() * 65536)};`,
    () => `if(${id()}!==${id()})${id()}=${id()}+"${word()}";`,
    () => `let ${id()}=await ${id()}.${word()}("${word()}-${Math.floor(rand() * 1e6).toString(36)}");`,
    () => `${id()}=${id()}?.${word()}??${id()};`,
    () => `for(let ${id()}=0;${id()}<${id()}.length;${id()}++)${id()}(${id()}[${id()}]);`,
  ];
  const lines = [];
  let size = 0;
  while (size < targetBytes) {
    let line = '';
    const want = 120 + Math.floor(rand() * 160);
    while (line.length < want) line += stmts[Math.floor(rand() * stmts.length)]();
    lines.push(line);
    size += line.length + 1;
  }
  return lines;
}

/**
 * The synthetic version of a real incident: a proprietary CLI (`@acme/agent`, "SEE LICENSE
 * IN LICENSE.md") publishes `cli.js` (~13 MB, no sourceMappingURL) next to `cli.js.map`
 * (~60 MB) that embeds every original source. Deterministic; ~30 MB gzipped.
 * `hugeSource: true` appends one more embedded first-party source, {@link BIG_HUGE_SOURCE}
 * (~1 MB, not referenced by the mappings); the default output is unchanged.
 * @param {{sources?: number, hugeSource?: boolean}} [options]
 * @returns {Buffer}
 */
export function bigLeak({ sources = 4700, hugeSource = false } = {}) {
  const rand = prng(0x1ea4 + sources);
  const words = vocabulary(rand, 6000);
  const { firstParty } = bigLeakExpected({ sources });
  const scale = sources / 4700; // keeps the shape when a smaller size is asked for

  // Sources: first-party src/<dir>/<name>.ts, then bundled dependencies.
  const paths = [];
  const seen = new Set();
  while (paths.length < sources) {
    const i = paths.length;
    let p;
    if (i < firstParty) {
      const dir = DIRS[Math.floor(rand() * DIRS.length)];
      const sub = rand() < 0.4 ? `/${words[Math.floor(rand() * words.length)]}` : '';
      p = `webpack://agent/./src/${dir}${sub}/${words[Math.floor(rand() * words.length)]}.ts`;
    } else {
      const pkg = rand() < 0.2 ? `@${words[Math.floor(rand() * 400)]}/${words[Math.floor(rand() * words.length)]}` : words[Math.floor(rand() * 900)];
      const sub = rand() < 0.5 ? 'lib/' : rand() < 0.5 ? 'dist/esm/' : '';
      p = `webpack://agent/./node_modules/${pkg}/${sub}${words[Math.floor(rand() * words.length)]}.js`;
    }
    if (!seen.has(p)) {
      seen.add(p);
      paths.push(p);
    }
  }

  // Contents, JSON-encoded straight away (the map is assembled from Buffers).
  const lineCounts = new Array(sources);
  const contentParts = [];
  for (let i = 0; i < sources; i++) {
    const target = 6000 + Math.floor(rand() * 8000); // mean ~10 KB
    const text = typescriptLike(rand, words, target, `// ${paths[i].slice(17)}\n`);
    let n = 1;
    for (let j = 0; j < text.length; j++) if (text.charCodeAt(j) === 10) n++;
    lineCounts[i] = n;
    contentParts.push(Buffer.from((i ? ',' : '') + JSON.stringify(text), 'utf8'));
  }

  // cli.js and a mappings string that is valid for it: one ';' group per generated line,
  // 4-field segments (no names), every absolute value in range.
  const jsLines = minifiedLines(rand, words, Math.round(13e6 * scale));
  const groups = new Array(jsLines.length);
  let src = 0;
  let origLine = 0;
  let origCol = 0;
  for (let l = 0; l < jsLines.length; l++) {
    const len = jsLines[l].length;
    let genCol = 0;
    let seg = '';
    let first = true;
    // ~30 segments per ~200-char line: ~2 million segments for 13 MB of code.
    for (let col = Math.floor(rand() * 4); col < len; col += 2 + Math.floor(rand() * 10)) {
      let nextSrc = src;
      if (rand() < 0.02) nextSrc = Math.floor(rand() * sources);
      let nextLine = nextSrc === src ? origLine + (rand() < 0.3 ? 1 : 0) : Math.floor(rand() * lineCounts[nextSrc]);
      if (nextLine >= lineCounts[nextSrc]) nextLine = lineCounts[nextSrc] - 1;
      const nextCol = nextLine === origLine && nextSrc === src ? origCol + Math.floor(rand() * 12) : Math.floor(rand() * 40);
      seg += (first ? '' : ',') + vlq(col - genCol) + vlq(nextSrc - src) + vlq(nextLine - origLine) + vlq(nextCol - origCol);
      first = false;
      genCol = col;
      src = nextSrc;
      origLine = nextLine;
      origCol = nextCol;
    }
    groups[l] = seg;
  }
  // Line 0 is the shebang, which maps to nothing: an empty first group.
  const mappings = ';' + groups.join(';');
  const cliJs = Buffer.from('#!/usr/bin/env node\n' + jsLines.join('\n') + '\n', 'utf8');

  if (hugeSource) {
    paths.push(`webpack://agent/./${BIG_HUGE_SOURCE}`);
    contentParts.push(Buffer.from(',' + JSON.stringify(bigHugeSource()), 'utf8'));
  }
  const map = Buffer.concat([
    Buffer.from(`{"version":3,"file":"cli.js","sources":${JSON.stringify(paths)},"sourcesContent":[`, 'utf8'),
    ...contentParts,
    Buffer.from(`],"names":[],"mappings":${JSON.stringify(mappings)}}`, 'utf8'),
  ]);
  contentParts.length = 0;

  const small = (name, text) => ({ name: `package/${name}`, data: text });
  const entries = [
    small(
      'package.json',
      json({
        name: '@acme/agent',
        version: '3.7.1',
        description: 'An agentic coding tool that lives in your terminal',
        license: 'SEE LICENSE IN LICENSE.md',
        bin: { agent: 'cli.js' },
        type: 'module',
        engines: { node: '>=18.0.0' },
      }),
    ),
    { name: 'package/cli.js', data: cliJs },
    { name: 'package/cli.js.map', data: map },
    small('LICENSE.md', '© ACME Corp. All rights reserved. Use is subject to the ACME Commercial Terms of Service.\n'),
    small('README.md', '# ACME Agent\n\nInstall with `npm install -g @acme/agent`, then run `agent`.\n'),
    small('sdk.mjs', 'export * from "./cli.js";\n'),
    small('sdk.d.ts', 'export declare function query(prompt: string): AsyncIterable<unknown>;\n'),
    small('sdk-tools.d.ts', 'export interface ToolInput { name: string; input: unknown }\n'),
    small('scripts/preinstall.js', 'if (process.env.ACME_SKIP_CHECK !== "1") console.log("checking platform");\n'),
    small('vendor/ripgrep/COPYING', 'This project is dual-licensed under the Unlicense and MIT licenses.\n'),
    small('vendor/ripgrep/x64-linux/rg.txt', 'placeholder for a native binary\n'),
    small('vendor/ripgrep/arm64-darwin/rg.txt', 'placeholder for a native binary\n'),
    small(
      'vendor/ripgrep/x64-win32/long/path/segments/to/exercise/the/ustar/prefix/field/of/the/header/rg.exe.txt',
      'placeholder for a native binary\n',
    ),
    small('vendor/sdk/typescript-plugin/README.md', 'Types for the SDK.\n'),
    small('yoga.wasm.txt', 'placeholder for yoga.wasm\n'),
    small('dist/themes/dark.json', json({ background: '#111', foreground: '#eee' })),
    small('dist/themes/light.json', json({ background: '#fff', foreground: '#111' })),
    small('CHANGELOG.md', '## 3.7.1\n\n- Fixes.\n'),
  ];
  return tgz(entries);
}

// ---------------------------------------------------------------------------------------
// CLI: write the fixtures to a folder.

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const args = process.argv.slice(2);
  const dir = args.find((a) => !a.startsWith('--')) ?? 'target/e2e/fixtures';
  const all = {
    'leaky.tgz': leakyPackage,
    'clean.tgz': cleanPackage,
    'not-gzip.tgz': notGzip,
    'hostile.tgz': hostileNames,
  };
  if (args.includes('--big')) all['big-leak.tgz'] = () => bigLeak();
  for (const [name, make] of Object.entries(all)) {
    const t = Date.now();
    const buf = make();
    const path = writeFixture(dir, name, buf);
    console.log(`${path}\t${buf.length} bytes\t${Date.now() - t} ms`);
  }
}
