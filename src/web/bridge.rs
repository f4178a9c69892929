//! The page's end of its two workers: the inflater, which reads the dropped file and
//! decompresses it, and the scan worker, which scans what the inflater sends it over a port
//! of their own and answers the page. Starts them (and fresh ones, to cancel), sends the
//! core's requests once they are ready, and hands each response to whoever waits for it.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use js_sys::{Object, Reflect};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{MessageEvent, Worker};
use yew::Callback;

use leakscope::protocol::{Request, Response};

/// The workers' scripts, next to the page, so that the page works under any sub-path.
const WORKER_URL: &str = "./leakscope-worker_loader.js";
const INFLATER_URL: &str = "./leakscope-inflater_loader.js";

pub struct Bridge {
    worker: RefCell<Option<Worker>>,
    inflater: RefCell<Option<Worker>>,
    ready: Cell<bool>,
    inflater_ready: Cell<bool>,
    /// Sent once the scan worker says it is ready (with the port of an analysis, if any).
    queue: RefCell<Vec<(Request, Option<JsValue>)>>,
    /// The file of an analysis and its end of the port, once the inflater is ready.
    inflater_queue: RefCell<Vec<(JsValue, JsValue)>>,
    /// Analysis progress and results.
    on_analysis: Callback<Response>,
    /// Viewer slots waiting for their file and rows.
    views: RefCell<HashMap<u32, Callback<Response>>>,
    next_view: Cell<u32>,
    /// Whoever waits for a save.
    on_saved: RefCell<Option<Callback<Response>>>,
    _on_message: RefCell<Option<Closure<dyn FnMut(MessageEvent)>>>,
    _on_inflater: RefCell<Option<Closure<dyn FnMut(MessageEvent)>>>,
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
            inflater: RefCell::new(None),
            ready: Cell::new(false),
            inflater_ready: Cell::new(false),
            queue: RefCell::new(Vec::new()),
            inflater_queue: RefCell::new(Vec::new()),
            on_analysis,
            views: RefCell::new(HashMap::new()),
            next_view: Cell::new(0),
            on_saved: RefCell::new(None),
            _on_message: RefCell::new(None),
            _on_inflater: RefCell::new(None),
        });
        bridge.start();
        bridge
    }

    /// Stops the worker, whatever it is doing, and starts a fresh one: the only way to stop
    /// a scan that runs without pause. Nothing the old one still says arrives.
    pub fn restart(self: &Rc<Bridge>) {
        for worker in [&self.worker, &self.inflater] {
            if let Some(old) = worker.borrow_mut().take() {
                old.terminate();
            }
        }
        self.views.borrow_mut().clear();
        self.start();
    }

    fn start(self: &Rc<Bridge>) {
        self.ready.set(false);
        self.inflater_ready.set(false);
        let (Ok(worker), Ok(inflater)) = (Worker::new(WORKER_URL), Worker::new(INFLATER_URL))
        else {
            gloo::console::error!("the workers could not be started");
            return;
        };
        let weak = Rc::downgrade(self);
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            if let Some(bridge) = weak.upgrade() {
                bridge.receive(&e);
            }
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        let weak = Rc::downgrade(self);
        // The inflater only ever says that it is ready.
        let on_inflater = Closure::<dyn FnMut(MessageEvent)>::new(move |_: MessageEvent| {
            if let Some(bridge) = weak.upgrade() {
                bridge.inflater_ready.set(true);
                for (file, port) in bridge.inflater_queue.take() {
                    bridge.post_inflater(&file, &port);
                }
            }
        });
        inflater.set_onmessage(Some(on_inflater.as_ref().unchecked_ref()));
        *self._on_message.borrow_mut() = Some(on_message);
        *self._on_inflater.borrow_mut() = Some(on_inflater);
        *self.worker.borrow_mut() = Some(worker);
        *self.inflater.borrow_mut() = Some(inflater);
    }

    /// Starts an analysis: the inflater reads `file` and sends it, decompressed, to the scan
    /// worker over a port of their own.
    pub fn analyse(&self, id: u32, file: web_sys::File) {
        let Ok(channel) = web_sys::MessageChannel::new() else {
            return;
        };
        let name = file.name();
        self.send(Request::Analyse { id, name }, Some(channel.port2().into()));
        let (file, port): (JsValue, JsValue) = (file.into(), channel.port1().into());
        if self.inflater_ready.get() {
            self.post_inflater(&file, &port);
        } else {
            self.inflater_queue.borrow_mut().push((file, port));
        }
    }

    fn post_inflater(&self, file: &JsValue, port: &JsValue) {
        let Some(inflater) = &*self.inflater.borrow() else {
            return;
        };
        let message = Object::new();
        let _ = Reflect::set(&message, &"file".into(), file);
        let _ = Reflect::set(&message, &"port".into(), port);
        // A File is a handle: the bytes are not copied here, the inflater reads them.
        let _ = inflater.post_message_with_transfer(&message, &js_sys::Array::of1(port));
    }

    fn receive(&self, e: &MessageEvent) {
        let Ok(response) = serde_wasm_bindgen::from_value::<Response>(e.data()) else {
            gloo::console::error!("an unreadable message from the worker");
            return;
        };
        match response {
            Response::Ready => {
                self.ready.set(true);
                for (request, file) in self.queue.take() {
                    self.post(&request, file.as_ref());
                }
            }
            Response::Progress { .. }
            | Response::Done { .. }
            | Response::Failed { .. }
            | Response::Digests { .. } => self.on_analysis.emit(response),
            Response::File { view, .. } | Response::Rows { view, .. } => {
                let target = self.views.borrow().get(&view).cloned();
                if let Some(target) = target {
                    target.emit(response);
                }
            }
            Response::Saved { .. } => {
                if let Some(target) = self.on_saved.take() {
                    target.emit(response);
                }
            }
        }
    }

    /// Sends a request, with the port of an analysis beside it if there is one.
    pub fn send(&self, request: Request, port: Option<JsValue>) {
        if self.ready.get() {
            self.post(&request, port.as_ref());
        } else {
            self.queue.borrow_mut().push((request, port));
        }
    }

    fn post(&self, request: &Request, port: Option<&JsValue>) {
        let Some(worker) = &*self.worker.borrow() else {
            return;
        };
        let message = Object::new();
        let serializer = serde_wasm_bindgen::Serializer::json_compatible();
        let Ok(value) = serde::Serialize::serialize(request, &serializer) else {
            return;
        };
        let _ = Reflect::set(&message, &"request".into(), &value);
        let transfer = js_sys::Array::new();
        if let Some(port) = port {
            let _ = Reflect::set(&message, &"port".into(), port);
            transfer.push(port);
        }
        let _ = worker.post_message_with_transfer(&message, &transfer);
    }

    /// A new viewer slot; its file and rows arrive at `on_response`.
    pub fn view(&self, on_response: Callback<Response>) -> u32 {
        let id = self.next_view.get() + 1;
        self.next_view.set(id);
        self.views.borrow_mut().insert(id, on_response);
        id
    }

    pub fn close_view(&self, id: u32) {
        self.views.borrow_mut().remove(&id);
    }

    /// Asks for something to save; `on_saved` gets it.
    pub fn save(&self, what: leakscope::protocol::Save, on_saved: Callback<Response>) {
        *self.on_saved.borrow_mut() = Some(on_saved);
        self.send(Request::Save(what), None);
    }
}
