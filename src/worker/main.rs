//! The page's worker: a thin shell that reads the dropped file and runs the core's pipeline
//! over it off the main thread, keeps the session, and answers the page's requests (a
//! file's rows, a report, the .zip) from it. Messages are the core's `protocol` types,
//! carried as bincode bytes in transferred buffers.

#![deny(unsafe_code)]

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::io::{BufRead, Read};

use js_sys::{Array, Reflect, Uint8Array};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

mod feed;
mod inflater;

use futures_channel::mpsc::UnboundedReceiver;
use futures_util::StreamExt;

use feed::Fed;
use leakscope::Session;
use leakscope::archive::{Format, claimed_size, sniff};
use leakscope::document::file::{TextView, open};
use leakscope::document::origin::Decoded;
use leakscope::protocol::{
    IntegrityCheck, ONE_WORKER, Overview, Request, Response, Save, compared, decode, encode,
    resolved, save, trees,
};
use leakscope::registry::{Algorithm, Computed, Index, Packument, Spec, verify};
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
    /// Source maps decoded for the origin of a line, the last few.
    static DECODED: RefCell<Decoded> = RefCell::new(Decoded::default());
    /// Sessions whose digests are still being worked out.
    static AWAITING_DIGESTS: RefCell<HashSet<u32>> = RefCell::new(HashSet::new());
    /// Saves that give digests, asked for before them: (session, what), answered once the
    /// digests of every session they involve are there.
    static DEFERRED: RefCell<Vec<(u32, Save)>> = const { RefCell::new(Vec::new()) };
    /// The analyses the page still wants: the last asked for, and the one it keeps beside
    /// it. A scan that ends after the page moved on is dropped, not kept.
    static WANTED: RefCell<Vec<u32>> = const { RefCell::new(Vec::new()) };
    /// The page was told the worker is ready; the warm-up has ended.
    static READY: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    static WARM: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

fn now() -> f64 {
    js_sys::Date::now()
}

fn main() {
    if scope().name() == inflater::NAME {
        return inflater::main();
    }
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(|e: MessageEvent| handle(&e));
    scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    // Unless the page asked for one worker (to measure against), decompression runs in an
    // inflater of its own, beside the scan. The page hears "ready" when both are: from then
    // on nothing more is fetched.
    if scope().name() == ONE_WORKER {
        ready();
    } else {
        feed::start(ready);
    }
    wasm_bindgen_futures::spawn_local(warm_up());
}

/// Scans the core's warm-up package once, so that the code a scan runs is compiled by the
/// engine's optimising tier before the first real package (see `leakscope::warm`).
async fn warm_up() {
    let Some(tgz) = gzip(&leakscope::warm::tar()).await else {
        return;
    };
    for _ in 0..WARM_ROUNDS {
        let mut pipeline = inline("warm-up.tgz", &tgz, options(0));
        while pipeline.step(STEP) {}
        let _ = pipeline.finish();
    }
    WARM.set(true);
    if READY.get() {
        post(&Response::Warm);
    }
}

/// The worker (and its inflater) takes work: said to the page, then "warm" if the warm-up
/// ended first, so that the page hears them in that order.
fn ready() {
    READY.set(true);
    post(&Response::Ready);
    if WARM.get() {
        post(&Response::Warm);
    }
}

const WARM_ROUNDS: usize = 4;

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

/// The message carried as bincode bytes in `field` of an event's data.
fn decoded<T: serde::de::DeserializeOwned>(data: &JsValue, field: &str) -> Option<T> {
    Reflect::get(data, &field.into())
        .ok()
        .and_then(|r| r.dyn_into::<Uint8Array>().ok())
        .and_then(|r| decode::<T>(&r.to_vec()).ok())
}

fn handle(e: &MessageEvent) {
    let data = e.data();
    let Some(request) = decoded::<Request>(&data, "request") else {
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
        Request::Example { id, keep } => {
            let tar = Uint8Array::from(&leakscope::example::tar()[..]);
            if let Ok(file) = web_sys::Blob::new_with_u8_array_sequence(&Array::of1(&tar)) {
                let name = leakscope::example::NAME.to_string();
                wasm_bindgen_futures::spawn_local(analyse(id, name, keep, None, file));
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
        Request::Origin {
            session,
            view,
            tab,
            path,
            line,
        } => SESSIONS.with_borrow(|sessions| {
            if let Some(s) = sessions.get(&session) {
                let origin = DECODED.with_borrow_mut(|d| d.line(session, s, tab, &path, line));
                post(&Response::Origin { view, line, origin });
            }
        }),
        Request::Save { session, what } => {
            if waits_for_digests(session, &what) {
                DEFERRED.with_borrow_mut(|d| d.push((session, what)));
            } else {
                save_of(session, &what);
            }
        }
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
    match spec.read_index(&bytes) {
        // A Python project's releases are not kept: each is opened by its own name.
        Ok(packument) if spec.index == Index::Pypi => {
            post(&resolved(id, &registry, &spec, &packument, false));
        }
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
/// progress on the way. A dropped gzip file goes to the inflater at once, which reads it as
/// a stream; a download is read whole and checked against the registry's integrity first,
/// and the rest (or a file the browser cannot decompress) is read here. A dropped file's
/// digests come after the verdict, which does not need them.
async fn analyse(
    id: u32,
    name: String,
    keep: Option<u32>,
    check: Option<Box<IntegrityCheck>>,
    file: web_sys::Blob,
) {
    SESSIONS.with_borrow_mut(|sessions| sessions.retain(|k, _| Some(*k) == keep));
    let wanted: Vec<u32> = [Some(id), keep].into_iter().flatten().collect();
    DECODED.with_borrow_mut(|d| d.retain(&wanted));
    WANTED.set(wanted);
    VIEWS.with_borrow_mut(HashMap::clear);
    let started = now();
    if check.is_none() && inflated(id, &name, &file, started).await {
        return;
    }
    let Ok(buffer) = JsFuture::from(file.array_buffer()).await else {
        return failed(id);
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
    let phase = now();
    let pipeline = stepped(id, inline(&name, &bytes, options(started as u64)));
    phases.push(("unpack and scan".to_string(), now() - phase));
    conclude(id, pipeline, source, phases);
    drop(bytes);
    if check.is_none() {
        record_digests(id, Some(&buffer)).await;
    }
}

/// Analyses a gzip file with the inflater beside this worker; false (nothing posted) when
/// it is not gzip, there is no inflater, or the browser could not decompress it.
async fn inflated(id: u32, name: &str, file: &web_sys::Blob, started: f64) -> bool {
    let options = options(started as u64);
    let Some(claimed) = gzip_claim(file).await else {
        return false;
    };
    let Some(chunks) = feed::inflate(id, file, options.limits.max_unpacked) else {
        return false;
    };
    let read = now() - started;
    let len = file.size() as u64;
    let pipeline = Pipeline::fed(name, len, claimed, options);
    let Some(pipeline) = scan_fed(id, pipeline, len, claimed, chunks).await else {
        return false;
    };
    let phases = vec![
        ("read".to_string(), read),
        ("unpack and scan".to_string(), now() - started - read),
    ];
    conclude(id, pipeline, None, phases);
    let buffer = JsFuture::from(file.array_buffer()).await.ok();
    record_digests(id, buffer.as_ref()).await;
    true
}

fn failed(id: u32) {
    post(&Response::Failed {
        id,
        message: "The browser could not read the file.".into(),
    });
}

/// Runs an inline pipeline to its end, posting progress.
fn stepped(id: u32, mut pipeline: Pipeline) -> Pipeline {
    let mut progress = Progressing::new(id, &pipeline);
    while pipeline.step(STEP) {
        progress.post(&pipeline);
    }
    pipeline
}

/// Scans the chunks the inflater sends as they come, posting progress; `None` when the
/// inflater could not decompress the file. Progress counts the compressed bytes read in
/// proportion to the trailer's claim of the size (the browser's decompressor does not say
/// how far into its input it is).
async fn scan_fed(
    id: u32,
    mut pipeline: Pipeline,
    len: u64,
    claimed: Option<usize>,
    mut chunks: UnboundedReceiver<Fed>,
) -> Option<Pipeline> {
    let mut progress = Progressing::new(id, &pipeline);
    let mut out = 0u64;
    loop {
        match chunks.next().await? {
            Fed::Chunk(chunk) => {
                out += u64::from(chunk.length());
                let read = claimed.map_or(0, |c| (len * out / c.max(1) as u64).min(len));
                pipeline.push(&chunk.to_vec(), read);
            }
            Fed::End => break,
            Fed::Failed => return None,
        }
        if !pipeline.wants_more() {
            feed::stop(id);
            break;
        }
        progress.post(&pipeline);
    }
    pipeline.end(None);
    Some(pipeline)
}

/// Progress posted at most every [`PROGRESS_EVERY`] ms.
struct Progressing {
    id: u32,
    last: f64,
}

impl Progressing {
    fn new(id: u32, pipeline: &Pipeline) -> Progressing {
        post(&Response::Progress {
            id,
            progress: pipeline.progress(),
        });
        Progressing { id, last: now() }
    }

    fn post(&mut self, pipeline: &Pipeline) {
        if now() - self.last >= PROGRESS_EVERY {
            self.last = now();
            post(&Response::Progress {
                id: self.id,
                progress: pipeline.progress(),
            });
        }
    }
}

/// Concludes a pipeline: the verdict and overview to the page, then the trees; the session
/// is kept for the page's questions.
fn conclude(
    id: u32,
    pipeline: Pipeline,
    source: Option<(Digests, leakscope::registry::Provenance)>,
    mut phases: Vec<(String, f64)>,
) {
    // The page moved on while this was scanned (another package to compare): drop it.
    if !WANTED.with_borrow(|wanted| wanted.contains(&id)) {
        return;
    }
    let mut phase = now();
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
    match source {
        Some((digests, provenance)) => {
            session.input.digests = Some(digests);
            session.input.source = Some(provenance);
        }
        // `record_digests` answers the saves asked for before it is done.
        None => {
            AWAITING_DIGESTS.with_borrow_mut(|awaiting| awaiting.insert(id));
        }
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
}

/// How long after the verdict a dropped file's digests are worked out (ms).
const DIGESTS_AFTER_MS: u32 = 500;

/// A dropped file's digests (unless the browser could not read it again), after its
/// verdict; then the saves that waited for them since `conclude`.
async fn record_digests(id: u32, buffer: Option<&JsValue>) {
    // After the page has shown the verdict: hashing the file takes a core for a while, and
    // the page's thread needs one now.
    gloo::timers::future::TimeoutFuture::new(DIGESTS_AFTER_MS).await;
    let wanted = WANTED.with_borrow(|wanted| wanted.contains(&id));
    if wanted
        && let Some(buffer) = buffer
        && let Some(digests) = digests(buffer).await
    {
        SESSIONS.with_borrow_mut(|sessions| {
            if let Some(session) = sessions.get_mut(&id) {
                session.input.digests = Some(digests.clone());
                post(&Response::Digests { id, digests });
            }
        });
    }
    AWAITING_DIGESTS.with_borrow_mut(|awaiting| awaiting.remove(&id));
    let ready: Vec<(u32, Save)> = DEFERRED.with_borrow_mut(|deferred| {
        let (ready, waiting) = std::mem::take(deferred)
            .into_iter()
            .partition(|(session, what)| !waits_for_digests(*session, what));
        *deferred = waiting;
        ready
    });
    for (session, what) in ready {
        save_of(session, &what);
    }
}

/// Whether `what` of `session` gives digests still being worked out (a report, or a
/// comparison's, of either package); a .zip or a file does not wait.
fn waits_for_digests(session: u32, what: &Save) -> bool {
    let involved = match what {
        Save::Json | Save::Markdown => [Some(session), None],
        Save::Comparison { old, .. } => [Some(session), Some(*old)],
        Save::Zip { .. } | Save::File { .. } => return false,
    };
    AWAITING_DIGESTS
        .with_borrow(|awaiting| involved.iter().flatten().any(|id| awaiting.contains(id)))
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

/// The gzip trailer's claim of a gzip file's size (`Some(None)` when it claims none that
/// fits), or `None` for a file that is not gzip: from its first bytes, its last four and
/// its length.
fn gzip_size(head: &[u8], trailer: &[u8], len: usize) -> Option<Option<usize>> {
    if !(matches!(sniff(head), Ok(Format::Gzip)) && len >= 18) {
        return None;
    }
    Some(claimed_size(len, trailer.try_into().ok()?))
}

/// [`gzip_size`] of a file, from its two ends.
async fn gzip_claim(file: &web_sys::Blob) -> Option<Option<usize>> {
    let len = file.size() as usize;
    let piece = |from: usize, to: usize| async move {
        let slice = file.slice_with_f64_and_f64(from as f64, to as f64).ok()?;
        let buffer = JsFuture::from(slice.array_buffer()).await.ok()?;
        Some(Uint8Array::new(&buffer).to_vec())
    };
    let head = piece(0, len.min(512)).await?;
    let trailer = piece(len.saturating_sub(4), len).await?;
    gzip_size(&head, &trailer, len)
}

/// A pipeline that reads the file in this worker: a gzip file decompressed as it is read
/// from the browser's buffer, a slice at a time; anything else read whole (a plain tar is
/// its own content; a foreign file is only named).
fn inline(name: &str, bytes: &Uint8Array, options: Options) -> Pipeline {
    let len = bytes.length();
    let head = bytes.subarray(0, len.min(512)).to_vec();
    let trailer = bytes.subarray(len.saturating_sub(4), len).to_vec();
    match gzip_size(&head, &trailer, len as usize) {
        Some(claimed) => Pipeline::inline(
            name,
            Box::new(JsReader::new(bytes.clone())),
            bytes.length() as u64,
            claimed,
            options,
        ),
        None => Pipeline::bytes(name, bytes.to_vec(), options),
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

impl JsReader {
    fn new(bytes: Uint8Array) -> JsReader {
        JsReader {
            bytes,
            at: 0,
            buf: Vec::new(),
            pos: 0,
        }
    }
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
