// What every end-to-end test file shares: where the page is, where screenshots go, how
// Debian's Chromium is started here, and the check that nothing left this machine.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const URL_UNDER_TEST = process.env.LEAKSCOPE_URL || 'http://127.0.0.1:8080/';
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SHOTS = process.env.LEAKSCOPE_SHOTS || join(ROOT, 'target', 'e2e');
export const TIMEOUT = 30_000;
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Debian's Chromium, headless; without the background-networking flags it keeps calling out. */
export function launchChromium() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    timeout: 60_000,
  });
}

/** Fails when any request went somewhere other than this machine. */
export function assertAllLocal(requests) {
  const foreign = requests.filter((u) => {
    const url = new URL(u);
    if (['data:', 'blob:', 'about:'].includes(url.protocol)) return false;
    if (['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol)) return !LOCAL_HOSTS.has(url.hostname);
    return true; // file:, chrome-extension:, anything else
  });
  assert.deepEqual(foreign, [], 'requests to somewhere other than 127.0.0.1/localhost');
}
