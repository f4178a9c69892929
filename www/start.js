// Starts the page's WebAssembly. A file of its own rather than the inline script Trunk would
// write, so that the page's Content-Security-Policy allows scripts from the page's own
// origin only ('self'). The script tag that loads this says which files to start.
const tag = document.querySelector('script[data-js][data-wasm]');
const url = (path) => new URL(path, document.baseURI).href;
const { default: init } = await import(url(tag.dataset.js));
await init({ module_or_path: url(tag.dataset.wasm) });
