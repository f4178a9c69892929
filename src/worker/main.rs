//! The page's worker: a thin shell that reads and scans a package off the main thread with
//! the core's pipeline, keeps the session, and answers the page's requests (a file's rows,
//! a report, the .zip) from it. Messages are the core's `protocol` types, carried with
//! `serde-wasm-bindgen`; bytes to save are transferred, not copied.

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
use leakscope::protocol::{Overview, Request, Response, save};
use leakscope::session::{Digests, Options, Pipeline};
use leakscope::view::file::{TextView, open};

/// Progress is posted at least this often (ms): four times a second.
const PROGRESS_EVERY: f64 = 250.0;

/// Decompressed bytes per step: small enough that progress is posted on time.
const STEP: usize = 1 << 20;

thread_local! {
    static SESSION: RefCell<Option<Session>> = const { RefCell::new(None) };
    /// The text of each file open in a viewer slot.
    static VIEWS: RefCell<HashMap<u32, TextView>> = RefCell::new(HashMap::new());
}

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

fn main() {
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(|e: MessageEvent| handle(&e));
    scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    post(&Response::Ready);
}

/// Posts a message; the bytes of a save travel as a transferred buffer.
fn post(response: &Response) {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    let Ok(value) = serde::Serialize::serialize(response, &serializer) else {
        return;
    };
    let transfer = Array::new();
    if let Response::Saved { .. } = response
        && let Ok(saved) = Reflect::get(&value, &"Saved".into())
        && let Ok(bytes) = Reflect::get(&saved, &"bytes".into())
        && let Some(bytes) = bytes.dyn_ref::<Uint8Array>()
    {
        transfer.push(&bytes.buffer());
    }
    let _ = scope().post_message_with_transfer(&value, &transfer);
}

fn handle(e: &MessageEvent) {
    let data = e.data();
    let Ok(request) = Reflect::get(&data, &"request".into())
        .map_err(|_| ())
        .and_then(|r| serde_wasm_bindgen::from_value::<Request>(r).map_err(|_| ()))
    else {
        return;
    };
    match request {
        Request::Analyse { id, name } => {
            let Ok(file) = Reflect::get(&data, &"file".into()) else {
                return;
            };
            wasm_bindgen_futures::spawn_local(analyse(id, name, file.unchecked_into()));
        }
        Request::Open { view, tab, path } => SESSION.with_borrow(|session| {
            let Some(session) = session else { return };
            let (meta, text) = open(session, tab, &path);
            VIEWS.with_borrow_mut(|views| match text {
                Some(text) => views.insert(view, text),
                None => views.remove(&view),
            });
            post(&Response::File {
                view,
                meta: Box::new(meta),
            });
        }),
        Request::Rows { view, from, to } => VIEWS.with_borrow(|views| {
            if let Some(text) = views.get(&view) {
                post(&Response::Rows {
                    view,
                    from,
                    rows: text.rows(from, to),
                });
            }
        }),
        Request::Save(what) => SESSION.with_borrow(|session| {
            if let Some(session) = session
                && let Ok(saved) = save(session, &what)
            {
                post(&saved);
            }
        }),
    }
}

fn now() -> f64 {
    js_sys::Date::now()
}

/// Reads the dropped file and runs the pipeline over it, posting progress on the way.
async fn analyse(id: u32, name: String, file: web_sys::Blob) {
    SESSION.set(None);
    VIEWS.with_borrow_mut(HashMap::clear);
    let started = now();
    let buffer = match JsFuture::from(file.array_buffer()).await {
        Ok(b) => b,
        Err(_) => {
            post(&Response::Failed {
                id,
                message: "The browser could not read the file.".into(),
            });
            return;
        }
    };
    // The digests are worked out by the browser, beside the scan.
    let digests = digests(&buffer);
    let bytes = Uint8Array::new(&buffer);
    let mut pipeline = pipeline(&name, &bytes, started as u64);
    let mut last = started;
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
    if let Some(d) = digests.await {
        pipeline.digests(d);
    }
    match pipeline.finish() {
        Ok(session) => {
            post(&Response::Done {
                id,
                overview: Box::new(Overview::of(&session)),
            });
            SESSION.set(Some(session));
        }
        Err(e) => post(&Response::Failed {
            id,
            message: e.to_string(),
        }),
    }
}

/// A gzip file is decompressed as it is read from the browser's buffer, a slice at a time;
/// anything else is read whole (a plain tar is its own content; a foreign file is only
/// named).
fn pipeline(name: &str, bytes: &Uint8Array, started_ms: u64) -> Pipeline {
    let len = bytes.length() as usize;
    let head = bytes.subarray(0, len.min(512) as u32).to_vec();
    let options = Options {
        digests: false,
        ..Options::scan(started_ms)
    };
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

/// SHA-256 and SHA-512 of the buffer, by WebCrypto (native code, off this thread).
async fn digests(buffer: &JsValue) -> Option<Digests> {
    let subtle = scope().crypto().ok()?.subtle();
    let object: &js_sys::Object = buffer.unchecked_ref();
    let sha256 = subtle
        .digest_with_str_and_buffer_source("SHA-256", object)
        .ok()?;
    let sha512 = subtle
        .digest_with_str_and_buffer_source("SHA-512", object)
        .ok()?;
    let sha256 = Uint8Array::new(&JsFuture::from(sha256).await.ok()?).to_vec();
    let sha512 = Uint8Array::new(&JsFuture::from(sha512).await.ok()?).to_vec();
    Some(Digests::from_raw(&sha256, &sha512))
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
