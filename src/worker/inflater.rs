//! The inflater: a second instance of this worker, started by the first under the name
//! [`NAME`], that decompresses gzip packages with the browser's own `DecompressionStream`
//! (native code) on a core of its own, and hands the tar bytes over a megabyte at a time,
//! in transferred buffers, while the first scans what came before: decompression and the
//! scan overlap, as the CLI's two threads do. Where the browser cannot decompress a file
//! (damaged, cut short, several gzip members), it says so, and the worker reads the file
//! itself, to say why as the CLI would.

use std::cell::RefCell;
use std::collections::HashSet;

use js_sys::{Array, Reflect, Uint8Array};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{MessageEvent, ReadableStreamDefaultReader};

use leakscope::protocol::{FromInflater, ToInflater, encode};

use super::{decoded, scope};

/// The inflater's worker name: how an instance of this worker knows its role.
pub const NAME: &str = "inflater";

/// Decompressed bytes per chunk handed over: large enough that handing over costs little,
/// small enough that the scan starts soon.
const CHUNK: u32 = 1 << 20;

thread_local! {
    /// Packages whose scan needs nothing more.
    static STOPPED: RefCell<HashSet<u32>> = RefCell::new(HashSet::new());
}

pub fn main() {
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(|e: MessageEvent| {
        let data = e.data();
        let Some(request) = decoded::<ToInflater>(&data, "request") else {
            return;
        };
        match request {
            ToInflater::Inflate { id, limit } => {
                if let Ok(file) = Reflect::get(&data, &"file".into()) {
                    wasm_bindgen_futures::spawn_local(inflate(id, limit, file.unchecked_into()));
                }
            }
            ToInflater::Stop { id } => {
                STOPPED.with_borrow_mut(|s| s.insert(id));
            }
        }
    });
    scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    post(&FromInflater::Ready, None);
}

/// Posts a message, with a chunk's bytes beside it in a buffer that is transferred.
fn post(message: &FromInflater, chunk: Option<&Uint8Array>) {
    let envelope = js_sys::Object::new();
    let request = Uint8Array::from(&encode(message)[..]);
    let transfer = Array::of1(&request.buffer());
    let _ = Reflect::set(&envelope, &"message".into(), &request);
    if let Some(chunk) = chunk {
        transfer.push(&chunk.buffer());
        let _ = Reflect::set(&envelope, &"chunk".into(), chunk);
    }
    let _ = scope().post_message_with_transfer(&envelope, &transfer);
}

/// Decompresses `file`, up to `limit` bytes and one more, into chunks for the scan.
async fn inflate(id: u32, limit: u64, file: web_sys::Blob) {
    let Ok(decompressor) = Decompressor::new("gzip") else {
        return post(&FromInflater::Failed { id }, None);
    };
    let stream = file
        .stream()
        .pipe_through(decompressor.unchecked_ref::<web_sys::ReadableWritablePair>());
    let reader: ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
    let mut chunk = Chunk::new();
    let mut total = 0u64;
    loop {
        let Ok(result) = JsFuture::from(reader.read()).await else {
            return post(&FromInflater::Failed { id }, None);
        };
        if STOPPED.with_borrow_mut(|s| s.remove(&id)) {
            let _ = reader.cancel();
            return;
        }
        let done = Reflect::get(&result, &"done".into()).is_ok_and(|d| d.is_truthy());
        if !done && let Ok(value) = Reflect::get(&result, &"value".into()) {
            let value: Uint8Array = value.unchecked_into();
            total += u64::from(value.length());
            chunk.add(id, &value);
        }
        if done || total > limit {
            let _ = reader.cancel();
            chunk.send(id);
            return post(&FromInflater::End { id }, None);
        }
    }
}

/// The tar bytes gathered for the next message.
struct Chunk {
    bytes: Uint8Array,
    len: u32,
}

impl Chunk {
    fn new() -> Chunk {
        Chunk {
            bytes: Uint8Array::new_with_length(CHUNK),
            len: 0,
        }
    }

    /// Adds `value`, sending each chunk it fills.
    fn add(&mut self, id: u32, value: &Uint8Array) {
        let mut at = 0;
        while at < value.length() {
            let take = (CHUNK - self.len).min(value.length() - at);
            self.bytes.set(&value.subarray(at, at + take), self.len);
            self.len += take;
            at += take;
            if self.len == CHUNK {
                self.send(id);
            }
        }
    }

    /// Sends what is gathered, and starts a new chunk.
    fn send(&mut self, id: u32) {
        if self.len > 0 {
            let full = std::mem::replace(self, Chunk::new());
            post(
                &FromInflater::Chunk { id },
                Some(&full.bytes.subarray(0, full.len)),
            );
        }
    }
}

#[wasm_bindgen]
extern "C" {
    /// The browser's `DecompressionStream` (web-sys has it only behind its unstable flag).
    #[wasm_bindgen(js_name = DecompressionStream)]
    type Decompressor;
    #[wasm_bindgen(constructor, js_class = "DecompressionStream", catch)]
    fn new(format: &str) -> Result<Decompressor, JsValue>;
}
