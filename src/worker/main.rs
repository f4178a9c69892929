//! The page's worker: a thin shell that reads the dropped file and runs the core's pipeline
//! over it off the main thread, keeps the session, and answers the page's requests (a
//! file's rows, a report, the .zip) from it. Messages are the core's `protocol` types,
//! carried as bincode bytes in transferred buffers.

#![deny(unsafe_code)]

use std::cell::RefCell;
use std::collections::HashMap;
use std::io::{BufRead, Read};

use js_sys::{Array, Reflect, Uint8Array};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use leakscope::Session;
use leakscope::archive::{Format, claimed_size, sniff};
use leakscope::document::file::{TextView, open};
use leakscope::protocol::{
    IntegrityCheck, Overview, Request, Response, Save, compared, decode, encode, resolved, save,
    trees,
};
use leakscope::registry::{Algorithm, Computed, Packument, Spec, verify};
use leakscope::session::{Digests, Options, Pipeline};
use leakscope::tree::Tab;

/// Progress is posted at least this often (ms): four times a second.
const PROGRESS_EVERY: f64 = 250.0;

/// Decompressed bytes per step: small enough that progress is posted on time.
const STEP: usize = 1 << 20;

thread_local! {
    /// The analysed packages by number: the one shown, and the one it is compared with.
    static SESSIONS: RefCell<HashMap<u32, Session>> = RefCell::new(HashMap::new());
    static PACKUMENTS: RefCell<Vec<(String, String, Packument)>> = const { RefCell::new(Vec::new()) };
    /// The text of each file open in a viewer slot.
    static VIEWS: RefCell<HashMap<u32, TextView>> = RefCell::new(HashMap::new());
}

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

fn now() -> f64 {
    js_sys::Date::now()
}

fn main() {
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(|e: MessageEvent| handle(&e));
    scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    post(&Response::Ready);
    wasm_bindgen_futures::spawn_local(warm_up());
}

/// Scans the core's warm-up package once, so that the code a scan runs is compiled by the
/// engine's optimising tier before the first real package (see `leakscope::warm`).
async fn warm_up() {
    let Some(tgz) = gzip(&leakscope::warm::tar()).await else {
        return;
    };
    let mut pipeline = pipeline("warm-up.tgz", &tgz, 0);
    while pipeline.step(STEP) {}
    let _ = pipeline.finish();
    post(&Response::Warm);
}

fn options(started_ms: u64) -> Options {
    Options {
        digests: false,
        ..Options::scan(started_ms)
    }
}

/// Posts a message: its bytes, in a buffer that is transferred, not copied.
fn post(response: &Response) {
    let array = Uint8Array::from(&encode(response)[..]);
    let _ = scope().post_message_with_transfer(&array, &Array::of1(&array.buffer()));
}

fn handle(e: &MessageEvent) {
    let data = e.data();
    let Some(request) = Reflect::get(&data, &"request".into())
        .ok()
        .and_then(|r| r.dyn_into::<Uint8Array>().ok())
        .and_then(|r| decode::<Request>(&r.to_vec()).ok())
    else {
        return;
    };
    // The bytes to read travel beside the message: a `File` or a `Blob`.
    let file = || {
        Reflect::get(&data, &"file".into())
            .ok()
            .map(JsCast::unchecked_into::<web_sys::Blob>)
    };
    match request {
        Request::Analyse {
            id,
            name,
            keep,
            check,
        } => {
            if let Some(file) = file() {
                wasm_bindgen_futures::spawn_local(analyse(id, name, keep, check, file));
            }
        }
        Request::Packument { id, registry, spec } => {
            if let Some(file) = file() {
                wasm_bindgen_futures::spawn_local(read_packument(id, registry, spec, file));
            }
        }
        Request::Resolve { id, registry, spec } => resolve_kept(id, &registry, &spec),
        Request::Compare {
            old,
            new,
            shown_is_new,
        } => SESSIONS.with_borrow(|sessions| {
            if let (Some(o), Some(n)) = (sessions.get(&old), sessions.get(&new)) {
                post(&compared((old, o), (new, n), shown_is_new));
            }
        }),
        Request::Open {
            session,
            view,
            tab,
            path,
        } => open_view(session, view, tab, &path),
        Request::Rows { view, from, to } => VIEWS.with_borrow(|views| {
            if let Some(text) = views.get(&view) {
                post(&Response::Rows {
                    view,
                    from,
                    rows: text.rows(from, to),
                });
            }
        }),
        Request::Close { view } => VIEWS.with_borrow_mut(|views| {
            views.remove(&view);
        }),
        Request::Save { session, what } => save_of(session, &what),
    }
}

/// Resolves `spec` in the packument kept from an earlier request.
fn resolve_kept(id: u32, registry: &str, spec: &Spec) {
    PACKUMENTS.with_borrow(|kept| {
        match kept
            .iter()
            .find(|(r, n, _)| r == registry && *n == spec.name)
        {
            Some((_, _, packument)) => post(&resolved(id, registry, spec, packument, false)),
            None => post(&Response::Failed {
                id,
                message: "This worker no longer has the package's versions; open it again.".into(),
            }),
        }
    })
}

/// Opens a file of a kept session in viewer slot `view`, keeping its text for the rows.
fn open_view(session: u32, view: u32, tab: Tab, path: &str) {
    SESSIONS.with_borrow(|sessions| {
        let Some(session) = sessions.get(&session) else {
            return;
        };
        let (meta, text) = open(session, tab, path);
        VIEWS.with_borrow_mut(|views| match text {
            Some(text) => views.insert(view, text),
            None => views.remove(&view),
        });
        post(&Response::File {
            view,
            meta: Box::new(meta),
        });
    })
}

/// Makes `what` of a kept session to save (a comparison with the other session kept).
fn save_of(session: u32, what: &Save) {
    SESSIONS.with_borrow(|sessions| {
        let old = match what {
            Save::Comparison { old, .. } => sessions.get(old),
            _ => None,
        };
        if let Some(session) = sessions.get(&session)
            && let Ok(saved) = save(session, what, old)
        {
            post(&saved);
        }
    })
}

/// Packuments kept to switch between versions without fetching them again: (registry,
/// name, packument), the last few.
const PACKUMENTS_KEPT: usize = 4;

/// Reads a downloaded packument (which can be tens of MB of JSON: parsed here, off the
/// page's thread), keeps it, and resolves `spec` in it.
async fn read_packument(id: u32, registry: String, spec: Spec, file: web_sys::Blob) {
    let bytes = match JsFuture::from(file.array_buffer()).await {
        Ok(buffer) => Uint8Array::new(&buffer).to_vec(),
        Err(_) => Vec::new(),
    };
    match Packument::parse(&spec.name, &bytes) {
        Ok(packument) => {
            post(&resolved(id, &registry, &spec, &packument, true));
            PACKUMENTS.with_borrow_mut(|kept| {
                kept.retain(|(r, n, _)| !(*r == registry && *n == spec.name));
                kept.push((registry, spec.name.clone(), packument));
                if kept.len() > PACKUMENTS_KEPT {
                    kept.remove(0);
                }
            });
        }
        Err(e) => post(&Response::Failed {
            id,
            message: leakscope::text::capitalise(&e.to_string()),
        }),
    }
}

/// Reads the file (a dropped one, or a download) and runs the pipeline over it, posting
/// progress on the way. A download is checked against the registry's integrity first; a
/// dropped file's digests come after the verdict, which does not need them.
async fn analyse(
    id: u32,
    name: String,
    keep: Option<u32>,
    check: Option<Box<IntegrityCheck>>,
    file: web_sys::Blob,
) {
    SESSIONS.with_borrow_mut(|sessions| sessions.retain(|k, _| Some(*k) == keep));
    VIEWS.with_borrow_mut(HashMap::clear);
    let started = now();
    let Ok(buffer) = JsFuture::from(file.array_buffer()).await else {
        post(&Response::Failed {
            id,
            message: "The browser could not read the file.".into(),
        });
        return;
    };
    let mut phases = vec![("read".to_string(), now() - started)];
    let source = match &check {
        Some(check) => {
            let phase = now();
            let Some((digests, provenance)) = checked(id, check, &buffer).await else {
                return;
            };
            phases.push(("verify".to_string(), now() - phase));
            Some((digests, provenance))
        }
        None => None,
    };
    let bytes = Uint8Array::new(&buffer);
    let mut pipeline = pipeline(&name, &bytes, started as u64);
    let mut last = now();
    let mut phase = now();
    post(&Response::Progress {
        id,
        progress: pipeline.progress(),
    });
    while pipeline.step(STEP) {
        if now() - last >= PROGRESS_EVERY {
            last = now();
            post(&Response::Progress {
                id,
                progress: pipeline.progress(),
            });
        }
    }
    phases.push(("unpack and scan".to_string(), now() - phase));
    phase = now();
    let mut session = match pipeline.finish() {
        Ok(session) => session,
        Err(e) => {
            post(&Response::Failed {
                id,
                message: e.to_string(),
            });
            return;
        }
    };
    let known = source.is_some();
    if let Some((digests, provenance)) = source {
        session.input.digests = Some(digests);
        session.input.source = Some(provenance);
    }
    phases.push(("conclude".to_string(), now() - phase));
    phase = now();
    let mut overview = Overview::of(&session);
    phases.push(("overview".to_string(), now() - phase));
    // Wasm memory never shrinks: its size now is its peak.
    overview.worker_memory = (core::arch::wasm32::memory_size::<0>() * 65536) as u64;
    overview.phases = phases
        .into_iter()
        .map(|(name, ms)| (name, ms.round() as u32))
        .collect();
    post(&Response::Done {
        id,
        overview: Box::new(overview),
    });
    for slice in trees(id, &session) {
        post(&slice);
    }
    SESSIONS.with_borrow_mut(|sessions| sessions.insert(id, session));
    drop(bytes);
    if known {
        return;
    }
    if let Some(digests) = digests(&buffer).await {
        SESSIONS.with_borrow_mut(|sessions| {
            if let Some(session) = sessions.get_mut(&id) {
                session.input.digests = Some(digests.clone());
                post(&Response::Digests { id, digests });
            }
        });
    }
}

/// A download's digests, and where it came from with the outcome of its check; `None`
/// (after telling the page) when it does not match and the person has not asked to read
/// it anyway.
async fn checked(
    id: u32,
    check: &IntegrityCheck,
    buffer: &JsValue,
) -> Option<(Digests, leakscope::registry::Provenance)> {
    let algorithm = check.expected.algorithm;
    let Some((sha256, sha512)) = sha256_and_512(buffer).await else {
        post(&Response::Failed {
            id,
            message: "The browser could not work out the download's digest.".into(),
        });
        return None;
    };
    let mut computed = Computed::default()
        .with(Algorithm::Sha256, sha256.clone())
        .with(Algorithm::Sha512, sha512.clone());
    if computed.get(algorithm).is_none()
        && let Some(d) = digest(buffer, algorithm).await
    {
        computed = computed.with(algorithm, d);
    }
    let mut provenance = check.provenance.clone();
    match verify(&computed, &check.expected).into_result() {
        Ok(a) => provenance.integrity_verified = Some(a),
        Err(_) if check.anyway => provenance.integrity_verified = None,
        Err(error) => {
            post(&Response::Mismatch { id, error });
            return None;
        }
    }
    Some((Digests::from_raw(&sha256, &sha512), provenance))
}

/// A gzip file is decompressed as it is read from the browser's buffer, a slice at a time;
/// anything else is read whole (a plain tar is its own content; a foreign file is only
/// named).
fn pipeline(name: &str, bytes: &Uint8Array, started_ms: u64) -> Pipeline {
    let len = bytes.length() as usize;
    let head = bytes.subarray(0, len.min(512) as u32).to_vec();
    let options = options(started_ms);
    match sniff(&head) {
        Ok(Format::Gzip) if len >= 18 => {
            let trailer: [u8; 4] = bytes
                .subarray(len as u32 - 4, len as u32)
                .to_vec()
                .try_into()
                .expect("4 bytes");
            let reader = JsReader {
                bytes: bytes.clone(),
                at: 0,
                buf: Vec::new(),
                pos: 0,
            };
            let claimed = claimed_size(len, trailer);
            Pipeline::inline(name, Box::new(reader), len as u64, claimed, options)
        }
        _ => Pipeline::bytes(name, bytes.to_vec(), options),
    }
}

/// SHA-256 and SHA-512 of the buffer.
async fn digests(buffer: &JsValue) -> Option<Digests> {
    let (sha256, sha512) = sha256_and_512(buffer).await?;
    Some(Digests::from_raw(&sha256, &sha512))
}

/// The two digests every report gives, raw.
async fn sha256_and_512(buffer: &JsValue) -> Option<(Vec<u8>, Vec<u8>)> {
    Some((
        digest(buffer, Algorithm::Sha256).await?,
        digest(buffer, Algorithm::Sha512).await?,
    ))
}

/// One digest of the buffer, by WebCrypto (native code, off this thread).
async fn digest(buffer: &JsValue, algorithm: Algorithm) -> Option<Vec<u8>> {
    let subtle = scope().crypto().ok()?.subtle();
    let object: &js_sys::Object = buffer.unchecked_ref();
    let promise = subtle
        .digest_with_str_and_buffer_source(algorithm.webcrypto_name(), object)
        .ok()?;
    Some(Uint8Array::new(&JsFuture::from(promise).await.ok()?).to_vec())
}

/// Reads a browser buffer into the decompressor a slice at a time, so the compressed file
/// is never copied whole into this worker's memory.
struct JsReader {
    bytes: Uint8Array,
    at: u32,
    buf: Vec<u8>,
    pos: usize,
}

/// Bytes copied out of the browser's buffer at a time.
const SLICE: u32 = 256 << 10;

impl Read for JsReader {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(out.len());
        out[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl BufRead for JsReader {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        if self.pos == self.buf.len() {
            let end = (self.at + SLICE).min(self.bytes.length());
            self.buf.resize((end - self.at) as usize, 0);
            self.bytes.subarray(self.at, end).copy_to(&mut self.buf);
            self.at = end;
            self.pos = 0;
        }
        Ok(&self.buf[self.pos..])
    }

    fn consume(&mut self, n: usize) {
        self.pos += n;
    }
}

#[wasm_bindgen]
extern "C" {
    /// The browser's `CompressionStream` (web-sys has it only behind its unstable flag).
    #[wasm_bindgen(js_name = CompressionStream)]
    type Compressor;
    #[wasm_bindgen(constructor, js_class = "CompressionStream", catch)]
    fn new(format: &str) -> Result<Compressor, JsValue>;
}

/// Gzip by the browser's own compressor (there is none in this worker's code), for the
/// warm-up package.
async fn gzip(bytes: &[u8]) -> Option<Uint8Array> {
    let parts = Array::of1(&Uint8Array::from(bytes));
    let blob = web_sys::Blob::new_with_u8_array_sequence(&parts).ok()?;
    let compressor = Compressor::new("gzip").ok()?;
    let stream = blob
        .stream()
        .pipe_through(compressor.unchecked_ref::<web_sys::ReadableWritablePair>());
    let response = web_sys::Response::new_with_opt_readable_stream(Some(&stream)).ok()?;
    let buffer = JsFuture::from(response.array_buffer().ok()?).await.ok()?;
    Some(Uint8Array::new(&buffer))
}
