//! The page's downloads from a registry: the browser's `fetch` (under the page's security
//! policy, without cookies or a referrer), read as a stream so that progress can be told,
//! gathered into a `Blob` for the worker. The core decides what is fetched and what each
//! outcome means (`leakscope::view::open`); this only moves bytes and reports.

use js_sys::{Array, Reflect, Uint8Array};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, Blob, ReadableStreamDefaultReader, RequestInit, Response};
use yew::Callback;

use leakscope::view::open::{Fetch, FetchEvent, FetchFailure};

/// Progress is reported at most this often (ms).
const PROGRESS_EVERY: f64 = 100.0;

/// Starts `fetch`; `report` hears its progress and its end, and `done` gets the bytes
/// (before `report` hears [`FetchEvent::Complete`]). The controller stops it.
pub fn start(
    fetch: Fetch,
    report: Callback<FetchEvent>,
    done: Callback<Blob>,
) -> Option<AbortController> {
    let controller = AbortController::new().ok()?;
    let signal = controller.signal();
    wasm_bindgen_futures::spawn_local(async move {
        let outcome = run(&fetch, &signal, &report).await;
        if signal.aborted() {
            return;
        }
        match outcome {
            Ok(blob) => {
                done.emit(blob);
                report.emit(FetchEvent::Complete);
            }
            Err(failure) => report.emit(FetchEvent::Failed(failure)),
        }
    });
    Some(controller)
}

async fn run(
    fetch: &Fetch,
    signal: &web_sys::AbortSignal,
    report: &Callback<FetchEvent>,
) -> Result<Blob, FetchFailure> {
    let init = RequestInit::new();
    init.set_method("GET");
    init.set_mode(web_sys::RequestMode::Cors);
    // A registry gets no cookies and no page address: nothing about the person.
    init.set_credentials(web_sys::RequestCredentials::Omit);
    init.set_referrer_policy(web_sys::ReferrerPolicy::NoReferrer);
    init.set_signal(Some(signal));
    let headers = web_sys::Headers::new().map_err(|_| FetchFailure::Network)?;
    let _ = headers.set("Accept", fetch.accept);
    init.set_headers(&headers);
    let window = gloo::utils::window();
    let response: Response = JsFuture::from(window.fetch_with_str_and_init(&fetch.url, &init))
        .await
        .map_err(|_| FetchFailure::Network)?
        .unchecked_into();
    if !response.ok() {
        return Err(FetchFailure::Status(response.status()));
    }
    let total = response
        .headers()
        .get("content-length")
        .ok()
        .flatten()
        .and_then(|l| l.parse::<u64>().ok());
    let body = response.body().ok_or(FetchFailure::Network)?;
    let reader: ReadableStreamDefaultReader = body.get_reader().unchecked_into();
    let chunks = Array::new();
    let mut received = 0u64;
    let mut last = 0.0;
    loop {
        let cut_off = FetchFailure::CutOff {
            received,
            expected: total,
        };
        let Ok(result) = JsFuture::from(reader.read()).await else {
            return Err(cut_off);
        };
        let finished = Reflect::get(&result, &"done".into())
            .ok()
            .and_then(|d| d.as_bool())
            .unwrap_or(true);
        if finished {
            break;
        }
        if let Ok(chunk) = Reflect::get(&result, &"value".into())
            && let Ok(chunk) = chunk.dyn_into::<Uint8Array>()
        {
            received += u64::from(chunk.length());
            chunks.push(&chunk);
        }
        let now = crate::now();
        if now - last >= PROGRESS_EVERY {
            last = now;
            report.emit(FetchEvent::Progress {
                received,
                // A compressed answer's length is not what is read.
                total: total.filter(|&t| t >= received),
            });
        }
    }
    Blob::new_with_u8_array_sequence(&chunks).map_err(|_| FetchFailure::Network)
}
