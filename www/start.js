// Starts the page's WebAssembly. A file of its own rather than the inline script Trunk would
// write, so that the page's Content-Security-Policy allows scripts from the page's own
// origin only ('self'). The script tag that loads this says which files to start.
const tag = document.querySelector('script[data-js][data-wasm]');
const url = (path) => new URL(path, document.baseURI).href;
const { default: init } = await import(url(tag.dataset.js));
await init({ module_or_path: url(tag.dataset.wasm) });

// Works offline after one visit: a service worker keeps this build's files (www/sw.js).
// Registered once the page runs, so that it never delays the first load.
if ('serviceWorker' in navigator && window.isSecureContext) {
  navigator.serviceWorker.register(url('sw.js')).then(offerUpdates, () => {});
}

/** Offers a new build once its service worker is ready, and takes it when asked. */
function offerUpdates(registration) {
  let agreed = false;
  const offer = (worker) => {
    // The first visit's worker has no older one to replace: nothing to offer.
    if (!navigator.serviceWorker.controller || document.querySelector('[data-testid="update"]')) return;
    const notice = document.createElement('div');
    notice.className = 'update-notice';
    notice.setAttribute('role', 'status');
    notice.dataset.testid = 'update';
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'button small';
    button.textContent = 'Reload';
    button.dataset.testid = 'update-reload';
    button.addEventListener('click', () => {
      agreed = true;
      worker.postMessage('take-update');
    });
    notice.append('A new version is ready: ', button);
    document.body.append(notice);
  };
  // A new build found before this ran may be waiting already, or still installing.
  const follow = (worker) => worker?.addEventListener('statechange', () => worker.state === 'installed' && offer(worker));
  if (registration.waiting) offer(registration.waiting);
  follow(registration.installing);
  registration.addEventListener('updatefound', () => follow(registration.installing));
  navigator.serviceWorker.addEventListener('controllerchange', () => agreed && location.reload());
  // A page left open for days still hears of a new build.
  document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && registration.update().catch(() => {}));
}
