// A tiny static file server for the end-to-end tests (Node built-ins only).
//   node tests/e2e/serve.mjs [DIR=dist] [PORT=8080] [--prefix /sub/path/]
// Serves DIR on 127.0.0.1:PORT (under the prefix, when given: the page must work from any
// sub-path), `/` -> index.html, and prints `serving DIR on http://127.0.0.1:PORT/` once it is
// listening. Tests import `serve` to run it in-process, with a registry beside the page.

import { createServer } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

const host = '127.0.0.1';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.map': 'application/json',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/** The file a URL path names inside `root`, or null if it would leave it. */
function fileFor(root, urlPath) {
  let path;
  try {
    path = decodeURIComponent(urlPath.split('?')[0].split('#')[0]);
  } catch {
    return null;
  }
  if (path.includes('\0')) return null;
  if (path.endsWith('/')) path += 'index.html';
  const file = resolve(join(root, path));
  if (file !== root && !file.startsWith(root + sep)) return null;
  return file;
}

/**
 * Serves `root` under `prefix` on 127.0.0.1:`port` (0: any free one); a `registry` (see
 * registry.mjs) answers under `/registry/`. Resolves to the server once it listens.
 */
export function serve(root, { port = 0, prefix = '/', registry } = {}) {
  root = resolve(root);
  if (!statSync(root).isDirectory()) throw new Error(`serve: ${root} is not a directory`);
  const server = createServer((req, res) => {
    const base = `http://${host}:${server.address().port}/registry/`;
    if (registry?.handle(req, res, '/registry/', base)) return;
    handle(root, prefix, req, res);
  });
  return new Promise((ok, fail) => {
    server.on('error', fail);
    server.listen(port, host, () => ok(server));
  });
}

function handle(root, prefix, req, res) {
  const send = (status, text) => {
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : text);
  };
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed\n');
  const url = req.url ?? '/';
  if (!url.startsWith(prefix)) return send(404, 'not found\n');
  let file = fileFor(root, '/' + url.slice(prefix.length));
  if (!file) return send(403, 'forbidden\n');
  let stat;
  try {
    stat = statSync(file);
    if (stat.isDirectory()) {
      file = join(file, 'index.html');
      stat = statSync(file);
    }
  } catch {
    return send(404, 'not found\n');
  }
  res.writeHead(200, {
    'content-type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'content-length': stat.size,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  if (req.method === 'HEAD') return res.end();
  const stream = createReadStream(file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const flag = (name) => {
    const i = args.indexOf(name);
    return i < 0 ? undefined : args.splice(i, 2)[1];
  };
  const prefix = flag('--prefix') ?? '/';
  const root = resolve(args[0] ?? 'dist');
  const port = Number(args[1] ?? 8080);
  serve(root, { port, prefix }).then(
    (server) => {
      console.log(`serving ${root} on http://${host}:${server.address().port}${prefix}`);
      for (const signal of ['SIGINT', 'SIGTERM']) {
        process.on(signal, () => server.close(() => process.exit(0)).closeAllConnections());
      }
    },
    (e) => {
      console.error(`serve: cannot serve ${root}: ${e.message}`);
      process.exit(1);
    },
  );
}
