// What the command-line tool asks of the machine, as Node gives it (src/cli/sys/node.rs
// imports these): files, standard streams, the environment, the clock, programs and HTTP.
// Every function is synchronous: the tool is, as it is natively. Errors are Node's own
// (their `code`, e.g. ENOENT, becomes the Rust side's io::ErrorKind).
'use strict';

const fs = require('node:fs');
const tty = require('node:tty');
const crypto = require('node:crypto');
const { spawnSync } = require('node:child_process');

exports.read = (path) => fs.readFileSync(path);
exports.write = (path, data) => fs.writeFileSync(path, data);

/** 0 a file, 1 a folder, 2 anything else; `follow`: through a symlink. */
exports.kind = (path, follow) => {
  const s = follow ? fs.statSync(path) : fs.lstatSync(path);
  return s.isFile() ? 0 : s.isDirectory() ? 1 : 2;
};

exports.createDir = (path) => fs.mkdirSync(path);
exports.createDirAll = (path) => void fs.mkdirSync(path, { recursive: true });

/** A new file, failing on anything already there, a symlink included ('wx': O_EXCL). */
exports.createNew = (path, data) => {
  const fd = fs.openSync(path, 'wx');
  try {
    writeAll(fd, data);
  } finally {
    fs.closeSync(fd);
  }
};

exports.removeFile = (path) => fs.unlinkSync(path);
exports.canonicalize = (path) => fs.realpathSync.native(path);
exports.vars = () => JSON.stringify(process.env);
exports.cwd = () => process.cwd();
exports.now = () => Date.now();
exports.stdinAll = () => fs.readFileSync(0);
exports.isTerminal = (fd) => tty.isatty(fd);
exports.digest = (algorithm, data) => crypto.createHash(algorithm).update(data).digest();

/** All of `data` to a file descriptor, waiting while a pipe is full. */
function writeAll(fd, data) {
  for (let at = 0; at < data.length; ) {
    try {
      at += fs.writeSync(fd, data, at);
    } catch (e) {
      if (e.code !== 'EAGAIN') throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
    }
  }
}
exports.writeFd = writeAll;

/** Runs a program in `cwd` and waits: { success, stdout, stderr }. */
exports.run = (program, args, cwd) => {
  const options = { cwd, maxBuffer: 1 << 30 };
  const windows = process.platform === 'win32';
  // npm is npm.cmd on Windows, which only a shell runs: one command line (Node warns about
  // arguments given beside a shell). The tool's own arguments need no quoting.
  const r = windows
    ? spawnSync([program, ...args].join(' '), { ...options, shell: true })
    : spawnSync(program, args, options);
  if (r.error) throw r.error;
  // cmd says a program is not installed with exit status 9009: as ENOENT elsewhere.
  if (windows && r.status === 9009) {
    throw Object.assign(new Error(`${program} is not installed`), { code: 'ENOENT' });
  }
  return { success: r.status === 0, stdout: r.stdout, stderr: r.stderr };
};

// One GET in a child Node (the tool waits for it, as natively for ureq): a line of JSON
// ({ status, expected } or { error } or { cutOff }), then the body.
const CHILD = `
let input = '';
process.stdin.on('data', (d) => (input += d)).on('end', async () => {
  const { url, headers, limit } = JSON.parse(input);
  const say = (meta, body) => {
    process.stdout.write(JSON.stringify(meta) + '\\n');
    if (body) process.stdout.write(body);
  };
  let received = 0;
  let expected = null;
  try {
    // Redirects by hand: a credential goes to its own origin only (as natively), whatever
    // the Node version's fetch does with it.
    let at = new URL(url);
    let res;
    for (let hops = 0; ; hops++) {
      res = await fetch(at, { headers, redirect: 'manual', signal: AbortSignal.timeout(${15 * 60 * 1000}) });
      const to = res.headers.get('location');
      if (res.status < 300 || res.status > 399 || !to || hops === 10) break;
      const next = new URL(to, at);
      if (next.origin !== at.origin) {
        for (const k of Object.keys(headers)) if (k.toLowerCase() === 'authorization') delete headers[k];
      }
      at = next;
    }
    expected = res.headers.get('content-length');
    expected = expected === null ? null : Number(expected);
    if (res.status !== 200) return say({ status: res.status, expected });
    const chunks = [];
    for await (const chunk of res.body) {
      received += chunk.length;
      if (received > limit) return say({ error: 'the answer is larger than ' + limit + ' bytes' });
      chunks.push(chunk);
    }
    say({ status: 200, expected }, Buffer.concat(chunks));
  } catch (e) {
    if (received > 0) return say({ cutOff: received, expected });
    const code = (e.cause && e.cause.code) || e.code || e.name;
    const why =
      code === 'ENOTFOUND' || code === 'EAI_AGAIN' ? 'its host name is not known'
      : code === 'ECONNREFUSED' ? 'the connection was refused'
      : code === 'ECONNRESET' ? 'the connection was dropped'
      : code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'TimeoutError' ? 'no answer in time'
      : /CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(String(code)) ? 'its TLS certificate is not trusted by this machine'
      : String((e.cause && e.cause.message) || e.message);
    // No user name or password from a URL in a message.
    say({ error: why.replace(/\\/\\/[^/@\\s]+@/g, '//***@') });
  }
});`;

/** GET `url`: { status, expected, body } or { error } or { cutOff, expected }. */
exports.httpGet = (url, headersJson, limit) => {
  const r = spawnSync(process.execPath, ['-e', CHILD], {
    input: JSON.stringify({ url, headers: JSON.parse(headersJson), limit }),
    maxBuffer: limit + (1 << 20),
  });
  if (r.error) throw r.error;
  const out = r.stdout;
  const end = out.indexOf(10);
  if (end < 0) return { error: `the download stopped (${String(r.stderr).trim().split('\n').pop()})` };
  const meta = JSON.parse(out.subarray(0, end).toString());
  meta.body = out.subarray(end + 1);
  return meta;
};
