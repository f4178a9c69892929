//! The scanning side of the inflater ([`super::inflater`]): starts it, asks it to
//! decompress a package, and queues the chunks it sends for the scan of that package.

use std::cell::RefCell;
use std::collections::HashMap;

use futures_channel::mpsc::{UnboundedReceiver, UnboundedSender, unbounded};
use js_sys::{Array, Reflect, Uint8Array};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{MessageEvent, Worker, WorkerOptions};

use leakscope::protocol::{FromInflater, ToInflater, encode};

use super::{decoded, inflater, scope};

/// What the inflater sends for one package.
pub enum Fed {
    /// Tar bytes.
    Chunk(Uint8Array),
    /// The end of the stream (or of what the limit lets through).
    End,
    /// The browser could not read or decompress the file.
    Failed,
}

struct Inflater {
    worker: Worker,
    /// It has started: messages to it are no longer lost.
    ready: bool,
    /// Called once, when it is ready or failed to start.
    on_ready: Option<fn()>,
    /// The queue of each package being decompressed.
    queues: HashMap<u32, UnboundedSender<Fed>>,
}

thread_local! {
    static INFLATER: RefCell<Option<Inflater>> = const { RefCell::new(None) };
}

/// Starts the inflater: a second instance of this worker, from its own script, where the
/// browser has `DecompressionStream` and can start a worker from a worker; elsewhere (and
/// until it is ready) the scan decompresses as it reads. `on_ready` is called once the
/// inflater is ready (its files fetched and started), or could not start.
pub fn start(on_ready: fn()) {
    if !Reflect::has(&js_sys::global(), &"DecompressionStream".into()).unwrap_or(false) {
        return on_ready();
    }
    let options = WorkerOptions::new();
    options.set_name(inflater::NAME);
    let Ok(worker) = Worker::new_with_options(&scope().location().href(), &options) else {
        return on_ready();
    };
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(|e: MessageEvent| receive(&e));
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    // A failed inflater is a dead end for what it was decompressing: each queue ends, and
    // the scans read their files themselves.
    let on_error = Closure::<dyn FnMut()>::new(|| {
        let on_ready = INFLATER.with_borrow_mut(|i| {
            let i = i.as_mut()?;
            i.queues.clear();
            i.ready = false;
            i.on_ready.take()
        });
        if let Some(f) = on_ready {
            f();
        }
    });
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    on_error.forget();
    INFLATER.with_borrow_mut(|i| {
        *i = Some(Inflater {
            worker,
            ready: false,
            on_ready: Some(on_ready),
            queues: HashMap::new(),
        })
    });
    // An inflater whose files fail to load says nothing (its loader's promise fails in it):
    // past this, the page is told it can start, and the scan decompresses itself until the
    // inflater is ready.
    gloo::timers::callback::Timeout::new(READY_WITHIN_MS, || {
        if let Some(f) = INFLATER.with_borrow_mut(|i| i.as_mut()?.on_ready.take()) {
            f();
        }
    })
    .forget();
}

/// How long the page may wait for the inflater to be ready (ms).
const READY_WITHIN_MS: u32 = 3_000;

/// Routes one message of the inflater.
fn receive(e: &MessageEvent) {
    let data = e.data();
    let Some(message) = decoded::<FromInflater>(&data, "message") else {
        return;
    };
    if let FromInflater::Ready = message {
        let on_ready = INFLATER.with_borrow_mut(|i| {
            let i = i.as_mut()?;
            i.ready = true;
            i.on_ready.take()
        });
        if let Some(f) = on_ready {
            f();
        }
        return;
    }
    INFLATER.with_borrow_mut(|i| {
        let Some(i) = i else {
            return;
        };
        let (id, fed) = match message {
            FromInflater::Ready => return,
            FromInflater::Chunk { id } => match Reflect::get(&data, &"chunk".into()) {
                Ok(chunk) => (id, Fed::Chunk(chunk.unchecked_into())),
                Err(_) => (id, Fed::Failed),
            },
            FromInflater::End { id } => (id, Fed::End),
            FromInflater::Failed { id } => (id, Fed::Failed),
        };
        let last = !matches!(fed, Fed::Chunk(_));
        if let Some(queue) = i.queues.get(&id) {
            let _ = queue.unbounded_send(fed);
        }
        if last {
            i.queues.remove(&id);
        }
    })
}

/// Asks the inflater to decompress `file` for package `id`, up to `limit` bytes: the queue
/// its chunks arrive in, or `None` without an inflater ready.
pub fn inflate(id: u32, file: &web_sys::Blob, limit: u64) -> Option<UnboundedReceiver<Fed>> {
    INFLATER.with_borrow_mut(|i| {
        let i = i.as_mut().filter(|i| i.ready)?;
        let (queue, chunks) = unbounded();
        i.queues.insert(id, queue);
        send(&i.worker, &ToInflater::Inflate { id, limit }, Some(file));
        Some(chunks)
    })
}

/// The scan of `id` needs nothing more.
pub fn stop(id: u32) {
    INFLATER.with_borrow_mut(|i| {
        if let Some(i) = i {
            i.queues.remove(&id);
            send(&i.worker, &ToInflater::Stop { id }, None);
        }
    })
}

fn send(worker: &Worker, message: &ToInflater, file: Option<&web_sys::Blob>) {
    let envelope = js_sys::Object::new();
    let request = Uint8Array::from(&encode(message)[..]);
    let _ = Reflect::set(&envelope, &"request".into(), &request);
    if let Some(file) = file {
        let _ = Reflect::set(&envelope, &"file".into(), file);
    }
    let _ = worker.post_message_with_transfer(&envelope, &Array::of1(&request.buffer()));
}
