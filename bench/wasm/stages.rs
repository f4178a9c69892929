//! The page's pipeline stages one at a time, compiled to WebAssembly and run by Node's V8
//! (the engine Chromium runs the page's worker with), to see where the worker's time goes.
//! Built and run by `bench/wasm-stages.sh`.

use wasm_bindgen::prelude::*;

use leakscope::archive::{Inflater, STEP_BYTES};
use leakscope::session::{Options, Pipeline};

fn now() -> f64 {
    js_sys::Date::now()
}

/// Decompresses a gzip stream: the time in ms, and the bytes it gave.
#[wasm_bindgen]
pub fn inflate(tgz: &[u8]) -> Vec<f64> {
    let t = now();
    let mut inflater = Inflater::new(tgz);
    let mut out = Vec::with_capacity(tgz.len() * 4);
    while let Ok(true) = inflater.read(&mut out, STEP_BYTES) {}
    vec![now() - t, out.len() as f64]
}

/// The scan of an already decompressed tar, pushed in 1 MB chunks as the second worker
/// would: the time in ms for the chunks, for the conclusion, and the findings.
#[wasm_bindgen]
pub fn scan_tar(tar: &[u8]) -> Vec<f64> {
    let t = now();
    let mut p = Pipeline::fed(
        "bench",
        tar.len() as u64,
        Some(tar.len()),
        Options {
            digests: false,
            ..Options::scan(0)
        },
    );
    for (i, chunk) in tar.chunks(1 << 20).enumerate() {
        p.push(chunk, ((i + 1) << 20) as u64);
    }
    p.end(None);
    let pushed = now() - t;
    let session = p.finish().expect("a package");
    vec![
        pushed,
        now() - t - pushed,
        session.analysis.findings.len() as f64,
    ]
}

/// Secret search over a text: ms and hits.
#[wasm_bindgen]
pub fn secrets(text: &[u8]) -> Vec<f64> {
    let t = now();
    let hits = leakscope::scan::secrets::find(text).len();
    vec![now() - t, hits as f64]
}

/// The whole pipeline as the single worker runs it: ms and findings.
#[wasm_bindgen]
pub fn pipeline(tgz: &[u8]) -> Vec<f64> {
    let t = now();
    let mut p = Pipeline::inline(
        "bench",
        Box::new(std::io::Cursor::new(tgz.to_vec())),
        tgz.len() as u64,
        None,
        Options {
            digests: false,
            ..Options::scan(0)
        },
    );
    while p.step(1 << 20) {}
    let session = p.finish().expect("a package");
    vec![now() - t, session.analysis.findings.len() as f64]
}

/// The page's warm-up package, as a tar (the caller compresses it, as the page does).
#[wasm_bindgen]
pub fn warm_tar() -> Vec<u8> {
    leakscope::warm::tar()
}
