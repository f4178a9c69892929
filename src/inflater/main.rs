//! The page's inflater worker: reads the dropped file as a stream and decompresses it while
//! it arrives, handing tar chunks to the scan worker over the port the page gives it (the
//! chunks' buffers are transferred, not copied). With the scan on the other core, the
//! scan's time hides behind decompression, as the CLI's two threads do. Once the chunks are
//! out, it works out the file's digests with the browser's WebCrypto.

use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent, MessagePort};

use leakscope::archive::{Format, Limits, PushInflater, claimed_size, sniff};
use leakscope::protocol::Stream;
use leakscope::session::Digests;

/// Decompressed bytes per chunk handed over: large enough that handing over costs little,
/// small enough that the scan starts soon.
const CHUNK: usize = 1 << 20;

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

fn main() {
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(|e: MessageEvent| {
        let data = e.data();
        let file = Reflect::get(&data, &"file".into());
        let port = Reflect::get(&data, &"port".into());
        if let (Ok(file), Ok(port)) = (file, port) {
            wasm_bindgen_futures::spawn_local(inflate(
                file.unchecked_into(),
                port.unchecked_into(),
            ));
        }
    });
    scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let _ = scope().post_message(&"ready".into());
    wasm_bindgen_futures::spawn_local(warm_up());
}

/// Decompresses a small package once, so that decompression runs in the engine's optimising
/// tier by the time a real package comes (see `leakscope::warm`).
async fn warm_up() {
    let Some(gz) = gzip(&leakscope::warm::tar()).await else {
        return;
    };
    let mut inflater = PushInflater::new(CHUNK, &Limits::default());
    for piece in gz.to_vec().chunks(64 << 10) {
        inflater.push(piece);
        inflater.take();
    }
    let _ = inflater.finish();
}

fn send(port: &MessagePort, message: &Stream, bytes: Option<&[u8]>) {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    let Ok(value) = serde::Serialize::serialize(message, &serializer) else {
        return;
    };
    let envelope = Object::new();
    let _ = Reflect::set(&envelope, &"stream".into(), &value);
    let transfer = Array::new();
    if let Some(bytes) = bytes {
        let array = Uint8Array::from(bytes);
        transfer.push(&array.buffer());
        let _ = Reflect::set(&envelope, &"bytes".into(), &array);
    }
    let _ = port.post_message_with_transferable(&envelope, &transfer);
}

/// Reads `file` as it arrives and sends it on, decompressed when it is gzip.
async fn inflate(file: web_sys::Blob, port: MessagePort) {
    let len = file.size() as usize;
    let Ok(reader) = file
        .stream()
        .get_reader()
        .dyn_into::<web_sys::ReadableStreamDefaultReader>()
    else {
        send(&port, &Stream::End { error: None }, None);
        return;
    };
    let mut inflater: Option<PushInflater> = None;
    let mut raw = false;
    let mut error = None;
    while let Some(piece) = next(&reader).await {
        match (&mut inflater, raw) {
            (None, false) => {
                if sniff(&piece[..piece.len().min(512)]) == Ok(Format::Gzip) && len >= 18 {
                    let claimed = trailer(&file, len).await.and_then(|t| claimed_size(len, t));
                    send(
                        &port,
                        &Stream::Gzip {
                            input_len: len as u64,
                            claimed,
                        },
                        None,
                    );
                    let mut gz = PushInflater::new(CHUNK, &Limits::default());
                    push(&port, &mut gz, &piece);
                    inflater = Some(gz);
                } else {
                    raw = true;
                    send(
                        &port,
                        &Stream::Raw {
                            input_len: len as u64,
                        },
                        None,
                    );
                    send(
                        &port,
                        &Stream::Chunk {
                            consumed: piece.len() as u64,
                        },
                        Some(&piece),
                    );
                }
            }
            (Some(gz), _) => {
                if !push(&port, gz, &piece) {
                    break;
                }
            }
            (None, true) => send(&port, &Stream::Chunk { consumed: 0 }, Some(&piece)),
        }
    }
    if let Some(gz) = inflater {
        let consumed = gz.consumed();
        let (last, stopped) = gz.finish();
        for chunk in last {
            send(&port, &Stream::Chunk { consumed }, Some(&chunk));
        }
        error = stopped;
    }
    send(&port, &Stream::End { error }, None);
    if let Some(digests) = digests(&file).await {
        send(&port, &Stream::Digests(digests), None);
    }
}

/// Decompresses one piece and sends the chunks it filled; false once decompression stopped.
fn push(port: &MessagePort, gz: &mut PushInflater, piece: &[u8]) -> bool {
    let more = gz.push(piece);
    let consumed = gz.consumed();
    for chunk in gz.take() {
        send(port, &Stream::Chunk { consumed }, Some(&chunk));
    }
    more
}

/// The next piece of the file, or `None` at its end.
async fn next(reader: &web_sys::ReadableStreamDefaultReader) -> Option<Vec<u8>> {
    let result = JsFuture::from(reader.read()).await.ok()?;
    if Reflect::get(&result, &"done".into()).ok()?.is_truthy() {
        return None;
    }
    let value = Reflect::get(&result, &"value".into()).ok()?;
    Some(value.dyn_into::<Uint8Array>().ok()?.to_vec())
}

/// The last 4 bytes of the file: the gzip trailer's size claim.
async fn trailer(file: &web_sys::Blob, len: usize) -> Option<[u8; 4]> {
    let tail = file
        .slice_with_f64_and_f64((len - 4) as f64, len as f64)
        .ok()?;
    let buffer = JsFuture::from(tail.array_buffer()).await.ok()?;
    Uint8Array::new(&buffer).to_vec().try_into().ok()
}

/// SHA-256 and SHA-512 of the file, by WebCrypto (native code).
async fn digests(file: &web_sys::Blob) -> Option<Digests> {
    let buffer = JsFuture::from(file.array_buffer()).await.ok()?;
    let subtle = scope().crypto().ok()?.subtle();
    let object: &Object = buffer.unchecked_ref();
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

#[wasm_bindgen]
extern "C" {
    /// The browser's `CompressionStream` (web-sys has it only behind its unstable flag).
    #[wasm_bindgen(js_name = CompressionStream)]
    type Compressor;
    #[wasm_bindgen(constructor, js_class = "CompressionStream", catch)]
    fn new(format: &str) -> Result<Compressor, JsValue>;
}

/// Gzip by the browser's own compressor (there is none in this worker's code).
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
