// A package registry for the end-to-end tests, served beside the page on 127.0.0.1 (a
// same-origin mirror under /registry/, as a deployment may have one): the packuments of
// what was published (built when asked for, with `time`, dist-tags, `unpackedSize`) and
// their tarballs. A version can claim the integrity of other bytes, give only the old
// `shasum`, or have its download cut off halfway. Every request is recorded.
import { createHash } from 'node:crypto';

export class Registry {
  /** `cors`: answer other origins' pages too, as registry.npmjs.org does. */
  constructor({ cors = false } = {}) {
    this.cors = cors;
    /** name -> version -> { tgz, integrity, unpackedSize, cut, published } */
    this.packages = new Map();
    /** name -> tag -> version */
    this.tags = new Map();
    /** path under the mount -> { bytes, type }: a Python index's JSON API and files. */
    this.files = new Map();
    this.requests = [];
  }

  /** Serves `bytes` at `path` (under the mount): PyPI's JSON API answers, wheels. */
  serveFile(path, bytes, type = 'application/octet-stream') {
    this.files.set(path, { bytes, type });
    return this;
  }

  /**
   * Adds a version; the last published is `latest` unless `tag` says otherwise.
   * `integrity`: 'sri' (dist.integrity and shasum), 'shasum' (old versions), 'wrong'.
   */
  publish(name, version, tgz, { integrity = 'sri', unpackedSize, cut = false, tag = 'latest' } = {}) {
    if (!this.packages.has(name)) this.packages.set(name, new Map());
    const versions = this.packages.get(name);
    const day = String(versions.size + 1).padStart(2, '0');
    versions.set(version, { tgz, integrity, unpackedSize, cut, published: `2026-03-${day}T12:00:00.000Z` });
    if (tag) this.tag(name, tag, version);
    return this;
  }

  tag(name, tag, version) {
    if (!this.tags.has(name)) this.tags.set(name, new Map());
    this.tags.get(name).set(tag, version);
  }

  /** What the packument says a version's tarball must hash to (SRI). */
  integrityOf(name, version) {
    return sri(this.#recorded(this.packages.get(name).get(version)));
  }

  #recorded(v) {
    return v.integrity === 'wrong' ? Buffer.from('other bytes') : v.tgz;
  }

  packument(name, base) {
    const versions = this.packages.get(name);
    if (!versions) return null;
    const out = { name, 'dist-tags': Object.fromEntries(this.tags.get(name) ?? []), versions: {}, time: {} };
    out.time.created = '2026-03-01T00:00:00.000Z';
    for (const [version, v] of versions) {
      const bytes = this.#recorded(v);
      const dist = {
        tarball: `${base}${name}/-/${name.split('/').pop()}-${version}.tgz`,
        shasum: createHash('sha1').update(bytes).digest('hex'),
        fileCount: 3,
      };
      if (v.integrity !== 'shasum') dist.integrity = sri(bytes);
      if (v.unpackedSize) dist.unpackedSize = v.unpackedSize;
      out.versions[version] = { name, version, license: 'UNLICENSED', dist };
      out.time[version] = v.published;
    }
    return out;
  }

  /**
   * Answers a request under `mount` (`/registry/`) and returns true, or returns false for
   * a path that is not the registry's. `base` is the registry's absolute URL.
   */
  handle(req, res, mount, base) {
    const url = req.url ?? '/';
    if (!url.startsWith(mount)) return false;
    this.requests.push(url);
    const path = decodeURIComponent(url.slice(mount.length).split('?')[0]);
    const send = (status, type, body, headers = {}) => {
      const cors = this.cors ? { 'access-control-allow-origin': '*' } : {};
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...cors, ...headers });
      res.end(body);
    };
    const file = this.files.get(path);
    if (file) return send(200, file.type, file.bytes, { 'content-length': file.bytes.length }), true;
    const tarball = path.match(/^(.+)\/-\/(.+)\.tgz$/);
    if (tarball) {
      const [, name, file] = tarball;
      const v = this.packages.get(name)?.get(file.slice(name.split('/').pop().length + 1));
      if (!v) return send(404, 'text/plain', 'not found\n'), true;
      if (v.cut) {
        // All of it announced, half of it sent: the connection then drops.
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': v.tgz.length });
        res.write(v.tgz.subarray(0, v.tgz.length >> 1));
        setTimeout(() => res.socket?.destroy(), 50);
        return true;
      }
      return send(200, 'application/octet-stream', v.tgz, { 'content-length': v.tgz.length }), true;
    }
    const packument = this.packument(path, base);
    if (!packument) return send(404, 'application/json', '{"error":"Not found"}'), true;
    return send(200, 'application/json', JSON.stringify(packument)), true;
  }
}

export function sri(bytes) {
  return `sha512-${createHash('sha512').update(bytes).digest('base64')}`;
}
