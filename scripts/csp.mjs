#!/usr/bin/env node
// Trunk's post-build hook (Trunk.toml): completes the page's Content-Security-Policy and
// checks that the built page needs nothing it forbids.
//
// LEAKSCOPE_REGISTRIES (space-separated origins, default https://registry.npmjs.org) are the
// registries the page may open packages from; a registry on the page's own origin (a mirror
// at /registry/) is always allowed by 'self'. The word `pypi` stands for PyPI's JSON API and
// file hosts (https://pypi.org https://files.pythonhosted.org), which `pypi:NAME==VERSION`
// needs. The page reads the list back from the policy to tell a person which registries
// they can pick.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR ?? 'dist';
const file = join(dir, 'index.html');
const PYPI = ['https://pypi.org', 'https://files.pythonhosted.org'];
const registries = (process.env.LEAKSCOPE_REGISTRIES ?? 'https://registry.npmjs.org')
  .split(/\s+/)
  .filter(Boolean)
  .flatMap((r) => (r === 'pypi' ? PYPI : [r]))
  .map((r) => {
    const url = new URL(r);
    if (!['https:', 'http:'].includes(url.protocol)) throw new Error(`csp: ${r} is not an http(s) URL`);
    return url.origin;
  });
let html = readFileSync(file, 'utf8');
if (!html.includes('__LEAKSCOPE_REGISTRIES__')) throw new Error('csp: the policy has no registries placeholder');
html = html.replace('__LEAKSCOPE_REGISTRIES__', [...new Set(registries)].join(' '));
// Every script must come from a file: an inline one would be blocked by the policy.
const inline = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].filter(
  ([, attrs, body]) => !/\bsrc=/.test(attrs) || body.trim() !== '',
);
if (inline.length) throw new Error(`csp: the page has ${inline.length} inline script(s), which its policy blocks`);
if (/\sstyle=/.test(html)) throw new Error('csp: the page has an inline style attribute, which its policy blocks');
writeFileSync(file, html);
console.log(`csp: connect-src 'self' ${registries.join(' ')}`);
