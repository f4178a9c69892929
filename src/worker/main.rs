//! The page's scan worker: a thin shell that scans the tar chunks the inflater worker sends
//! (the core's pipeline, fed), keeps the session, and answers the page's requests (a file's
//! rows, a report, the .zip) from it. Messages are the core's `protocol` types, carried
//! with `serde-wasm-bindgen`; chunks and saved bytes are transferred, not copied.

use std::cell::RefCell;
use std::collections::HashMap;

use js_sys::{Array, Reflect, Uint8Array};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent, MessagePort};

use leakscope::Session;
use leakscope::archive::STEP_BYTES;
use leakscope::protocol::{Overview, Request, Response, Stream, save};
use leakscope::session::{Options, Pipeline};
use leakscope::view::file::{TextView, open};

/// Progress is posted at least this often (ms): four times a second.
const PROGRESS_EVERY: f64 = 250.0;

/// One analysis, while its chunks arrive.
struct Analysis {
    id: u32,
    name: String,
    started: f64,
    pipeline: Option<Pipeline>,
    /// The bytes of a file that is not gzip, gathered whole.
    raw: Option<Vec<u8>>,
    last_progress: f64,
    /// When the first chunk came and how long the chunks' scanning took, for the phases.
    first_chunk: Option<f64>,
    scanning: f64,
    _on_chunk: Closure<dyn FnMut(MessageEvent)>,
}

thread_local! {
    static ANALYSIS: RefCell<Option<Analysis>> = const { RefCell::new(None) };
    static SESSION: RefCell<Option<(u32, Session)>> = const { RefCell::new(None) };
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
    warm_up();
}

/// Scans the core's warm-up package once, so that the code a scan runs is compiled by the
/// engine's optimising tier before the first real package (see `leakscope::warm`).
fn warm_up() {
    let tar = leakscope::warm::tar();
    let mut pipeline = Pipeline::fed("warm-up.tar", tar.len() as u64, Some(tar.len()), options(0));
    for chunk in tar.chunks(64 << 10) {
        pipeline.push(chunk, 0);
    }
    pipeline.end(None);
    let _ = pipeline.finish();
}

fn options(started_ms: u64) -> Options {
    Options {
        digests: false,
        ..Options::scan(started_ms)
    }
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
            if let Ok(port) = Reflect::get(&data, &"port".into()) {
                start(id, name, port.unchecked_into());
            }
        }
        Request::Open { view, tab, path } => SESSION.with_borrow(|session| {
            let Some((_, session)) = session else { return };
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
            if let Some((_, session)) = session
                && let Ok(saved) = save(session, &what)
            {
                post(&saved);
            }
        }),
    }
}

/// A new analysis: its chunks will come over `port`.
fn start(id: u32, name: String, port: MessagePort) {
    SESSION.set(None);
    VIEWS.with_borrow_mut(HashMap::clear);
    let on_chunk = Closure::<dyn FnMut(MessageEvent)>::new(|e: MessageEvent| receive(&e));
    port.set_onmessage(Some(on_chunk.as_ref().unchecked_ref()));
    ANALYSIS.set(Some(Analysis {
        id,
        name,
        started: now(),
        pipeline: None,
        raw: None,
        last_progress: 0.0,
        first_chunk: None,
        scanning: 0.0,
        _on_chunk: on_chunk,
    }));
}

/// One message from the inflater worker.
fn receive(e: &MessageEvent) {
    let data = e.data();
    let Ok(message) = Reflect::get(&data, &"stream".into())
        .map_err(|_| ())
        .and_then(|m| serde_wasm_bindgen::from_value::<Stream>(m).map_err(|_| ()))
    else {
        return;
    };
    let bytes = || {
        Reflect::get(&data, &"bytes".into())
            .ok()
            .and_then(|b| b.dyn_into::<Uint8Array>().ok())
            .map(|b| b.to_vec())
            .unwrap_or_default()
    };
    match message {
        Stream::Digests(digests) => return record_digests(digests),
        Stream::End { error } => return conclude(error),
        _ => {}
    }
    ANALYSIS.with_borrow_mut(|analysis| {
        let Some(a) = analysis else { return };
        match message {
            Stream::Gzip { input_len, claimed } => {
                a.pipeline = Some(Pipeline::fed(
                    &a.name,
                    input_len,
                    claimed,
                    options(a.started as u64),
                ));
            }
            Stream::Raw { .. } => a.raw = Some(Vec::new()),
            Stream::Chunk { consumed } => {
                let t = now();
                a.first_chunk.get_or_insert(t);
                let chunk = bytes();
                if let Some(raw) = &mut a.raw {
                    raw.extend_from_slice(&chunk);
                } else if let Some(pipeline) = &mut a.pipeline {
                    pipeline.push(&chunk, consumed);
                }
                a.scanning += now() - t;
                if now() - a.last_progress >= PROGRESS_EVERY
                    && let Some(pipeline) = &a.pipeline
                {
                    a.last_progress = now();
                    post(&Response::Progress {
                        id: a.id,
                        progress: pipeline.progress(),
                    });
                }
            }
            Stream::End { .. } | Stream::Digests(_) => {}
        }
    });
}

/// The last chunk came: the verdict.
fn conclude(error: Option<leakscope::ArchiveError>) {
    let Some(mut a) = ANALYSIS.take() else { return };
    let t = now();
    let pipeline = match (a.pipeline.take(), a.raw.take()) {
        (Some(mut pipeline), _) => {
            pipeline.end(error);
            pipeline
        }
        // Not gzip: a plain tar is read as it is, anything else is named for what it is.
        (None, raw) => {
            let mut pipeline =
                Pipeline::bytes(&a.name, raw.unwrap_or_default(), options(a.started as u64));
            while pipeline.step(STEP_BYTES) {}
            pipeline
        }
    };
    let first = a.first_chunk.unwrap_or(t);
    let mut phases = vec![
        ("until the first chunk".to_string(), first - a.started),
        ("scanning chunks".to_string(), a.scanning),
        ("waiting for chunks".to_string(), t - first - a.scanning),
    ];
    match pipeline.finish() {
        Ok(session) => {
            phases.push(("conclude".to_string(), now() - t));
            let t = now();
            let mut overview = Overview::of(&session);
            phases.push(("overview".to_string(), now() - t));
            // Wasm memory never shrinks: its size now is its peak.
            let memory = core::arch::wasm32::memory_size::<0>() * 65536;
            phases.push(("wasm memory (MB)".to_string(), memory as f64 / 1e6));
            overview.phases = phases
                .into_iter()
                .map(|(name, ms)| (name, ms.round() as u32))
                .collect();
            post(&Response::Done {
                id: a.id,
                overview: Box::new(overview),
            });
            SESSION.set(Some((a.id, session)));
        }
        Err(e) => post(&Response::Failed {
            id: a.id,
            message: e.to_string(),
        }),
    }
    // Digests may still come: keep listening on the port.
    ANALYSIS.set(Some(Analysis {
        pipeline: None,
        raw: None,
        ..a
    }));
}

/// The input's digests, which come after the chunks: into the session, and to the page.
fn record_digests(digests: leakscope::session::Digests) {
    SESSION.with_borrow_mut(|session| {
        if let Some((id, session)) = session {
            session.input.digests = Some(digests.clone());
            post(&Response::Digests { id: *id, digests });
        }
    });
}
