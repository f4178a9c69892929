// The page's service worker: once the page has been opened, it opens and analyses dropped
// files with no network (a laptop that lost it, a machine behind a proxy that blocks it).
// It keeps this build's own files, and nothing else: never a package analysed, never a
// registry's answer. scripts/offline.mjs fills in the build's files and their hash after
// each build, so each build has a cache of its own and a new build is a new worker.
//
// The page and the files that keep their names from build to build (index.html, start.js,
// the worker's) come from the network when it answers, so that they always match each
// other; the files with a hash in their names from the cache first. A new build's worker
// waits until the person agrees to reload (start.js shows "A new version is ready").
const BUILD = '__LEAKSCOPE_BUILD__';
const FILES = __LEAKSCOPE_FILES__;
const CACHE = `leakscope-${BUILD}`;
const HASHED = /-[0-9a-f]{16}(_bg)?\.[a-z0-9]+$/;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith('leakscope-') && key !== CACHE) await caches.delete(key);
      }
      await self.clients.claim();
    })(),
  );
});

// The page asks for this when the person agrees to the new version.
self.addEventListener('message', (event) => {
  if (event.data === 'take-update') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const scope = new URL(self.registration.scope);
  const url = new URL(request.url);
  if (url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return;
  let file = url.pathname.slice(scope.pathname.length);
  if (request.mode === 'navigate' && file === '') file = 'index.html';
  // Anything else (a registry mirrored on this site) goes to the network, untouched.
  if (!FILES.includes(file)) return;
  event.respondWith(HASHED.test(file) ? cacheFirst(file, request) : networkFirst(file, request));
});

async function cacheFirst(file, request) {
  return (await caches.match(file, { cacheName: CACHE })) ?? fetch(request);
}

// A network that hangs rather than fails (a proxy that holds the request) is given this
// long before the kept copy is served.
const NETWORK_WAIT_MS = 3000;

async function networkFirst(file, request) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), NETWORK_WAIT_MS);
  try {
    const response = await fetch(request, { signal: controller.signal });
    if (response.ok) return response;
  } catch {
  } finally {
    clearTimeout(timer);
  }
  return (await caches.match(file, { cacheName: CACHE })) ?? Response.error();
}
