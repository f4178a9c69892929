//! The page's end of the worker: starts it (and starts a fresh one to cancel), sends the
//! requests the page model asks for once it is ready, and hands each response on: the
//! viewer's to the slot that shows the file, the rest to the page model.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use js_sys::{Object, Reflect};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{MessageEvent, Worker};
use yew::Callback;

use leakscope::protocol::{Request, Response, decode, encode, worker_name};

/// The worker's script, next to the page, so that the page works under any sub-path.
const WORKER_URL: &str = "./leakscope-worker_loader.js";

/// A message handler, kept alive as long as its worker.
type Handler = RefCell<Option<Closure<dyn FnMut(MessageEvent)>>>;

pub struct Bridge {
    worker: RefCell<Option<Worker>>,
    ready: Cell<bool>,
    /// Sent once the worker says it is ready (with the file to analyse, if any).
    queue: RefCell<Vec<(Request, Option<JsValue>)>>,
    /// Analysis progress and results.
    on_analysis: Callback<Response>,
    /// Viewer slots waiting for their file and rows.
    views: RefCell<HashMap<u32, Callback<Response>>>,
    next_view: Cell<u32>,
    _on_message: Handler,
}

impl PartialEq for Bridge {
    fn eq(&self, other: &Bridge) -> bool {
        std::ptr::eq(self, other)
    }
}

impl Bridge {
    pub fn new(on_analysis: Callback<Response>) -> Rc<Bridge> {
        let bridge = Rc::new(Bridge {
            worker: RefCell::new(None),
            ready: Cell::new(false),
            queue: RefCell::new(Vec::new()),
            on_analysis,
            views: RefCell::new(HashMap::new()),
            next_view: Cell::new(0),
            _on_message: RefCell::new(None),
        });
        bridge.start();
        bridge
    }

    /// Stops the worker, whatever it is doing, and starts a fresh one: the only way to stop
    /// a scan that runs without pause. Nothing the old one still says arrives.
    pub fn restart(self: &Rc<Bridge>) {
        if let Some(old) = self.worker.borrow_mut().take() {
            old.terminate();
        }
        self.views.borrow_mut().clear();
        self.start();
    }

    fn start(self: &Rc<Bridge>) {
        self.ready.set(false);
        let options = web_sys::WorkerOptions::new();
        let query = gloo::utils::window()
            .location()
            .search()
            .unwrap_or_default();
        options.set_name(worker_name(&query));
        let Ok(worker) = Worker::new_with_options(WORKER_URL, &options) else {
            gloo::console::error!("the worker could not be started");
            return;
        };
        let weak = Rc::downgrade(self);
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            if let Some(bridge) = weak.upgrade() {
                bridge.receive(&e);
            }
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        *self._on_message.borrow_mut() = Some(on_message);
        *self.worker.borrow_mut() = Some(worker);
    }

    fn receive(&self, e: &MessageEvent) {
        let bytes = e
            .data()
            .dyn_into::<js_sys::Uint8Array>()
            .map(|b| b.to_vec());
        let Ok(response) = bytes
            .map_err(|_| ())
            .and_then(|b| decode::<Response>(&b).map_err(|_| ()))
        else {
            gloo::console::error!("an unreadable message from the worker");
            return;
        };
        match response {
            Response::Ready => {
                self.ready.set(true);
                for (request, file) in self.queue.take() {
                    self.post(&request, file.as_ref());
                }
                self.on_analysis.emit(response);
            }
            Response::Warm
            | Response::Progress { .. }
            | Response::Done { .. }
            | Response::Tree { .. }
            | Response::Failed { .. }
            | Response::Digests { .. }
            | Response::Resolved { .. }
            | Response::Mismatch { .. }
            | Response::Compared { .. }
            | Response::Saved { .. } => self.on_analysis.emit(response),
            Response::File { view, .. }
            | Response::Rows { view, .. }
            | Response::Origin { view, .. } => {
                let target = self.views.borrow().get(&view).cloned();
                if let Some(target) = target {
                    target.emit(response);
                }
            }
        }
    }

    /// Sends a request, with the bytes to read beside it (a `File` or `Blob`) if it has
    /// them.
    pub fn send(&self, request: Request, file: Option<JsValue>) {
        if self.ready.get() {
            self.post(&request, file.as_ref());
        } else {
            self.queue.borrow_mut().push((request, file));
        }
    }

    fn post(&self, request: &Request, file: Option<&JsValue>) {
        let Some(worker) = &*self.worker.borrow() else {
            return;
        };
        let message = Object::new();
        let bytes = js_sys::Uint8Array::from(&encode(request)[..]);
        let _ = Reflect::set(&message, &"request".into(), &bytes);
        if let Some(file) = file {
            // A File is a handle: the bytes are not copied here, the worker reads them.
            let _ = Reflect::set(&message, &"file".into(), file);
        }
        let _ = worker.post_message(&message);
    }

    /// A new viewer slot; its file and rows arrive at `on_response`. The slot asks for
    /// them through the page model ([`leakscope::view::app::ViewEvent`]).
    pub fn view(&self, on_response: Callback<Response>) -> u32 {
        let id = self.next_view.get() + 1;
        self.next_view.set(id);
        self.views.borrow_mut().insert(id, on_response);
        id
    }

    /// The slot is gone: what still comes for it is dropped.
    pub fn forget_view(&self, id: u32) {
        self.views.borrow_mut().remove(&id);
    }
}
