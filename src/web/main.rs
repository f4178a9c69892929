//! The page: a thin Yew shell over the core's view model. The package is read and scanned
//! by a worker (`src/worker`); this renders what the core says and forwards what the person
//! does.

mod bridge;
mod components;
mod download;
mod results;
mod tree;
mod viewer;
mod virtual_list;

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use bridge::Bridge;
use components::{DropZone, Progress};
use leakscope::protocol::Response;
use leakscope::view::app::{App, AppCommand, AppEvent, Stage};
use results::Results;

fn main() {
    yew::Renderer::<Page>::new().render();
}

/// What the page shares with its parts: the worker, and when the file being analysed was
/// chosen.
#[derive(Clone, PartialEq)]
pub struct Shared {
    pub bridge: Rc<Bridge>,
    pub started: Rc<Cell<f64>>,
}

/// The page's clock, in ms.
pub fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

#[function_component(Page)]
fn page() -> Html {
    // The core's page model. Events update it and their commands are carried out at once;
    // then the page renders again.
    let app = use_mut_ref(App::default);
    let rerender = use_force_update();
    let chosen = use_mut_ref(|| None::<web_sys::File>);
    let started = use_memo((), |_| Rc::new(Cell::new(0.0)));
    let bridge = {
        let app = app.clone();
        let rerender = rerender.clone();
        use_memo((), move |_| {
            Bridge::new(Callback::from(move |response: Response| {
                // Answers from the worker never ask for more.
                let _ = app.borrow_mut().update(AppEvent::Worker(response));
                rerender.force_update();
            }))
        })
    };
    let dispatch = {
        let (app, bridge, chosen) = (app.clone(), (*bridge).clone(), chosen.clone());
        Callback::from(move |event: AppEvent| {
            let commands = app.borrow_mut().update(event);
            for command in commands {
                run(&bridge, &chosen, command);
            }
            rerender.force_update();
        })
    };
    let on_files = {
        let dispatch = dispatch.clone();
        let chosen = chosen.clone();
        let started = (*started).clone();
        Callback::from(move |files: web_sys::FileList| {
            let Some(file) = files.get(0) else { return };
            started.set(now());
            let name = file.name();
            *chosen.borrow_mut() = Some(file);
            dispatch.emit(AppEvent::Chosen {
                name,
                count: files.length() as usize,
            });
        })
    };
    use_page_wide_drop(on_files.clone());
    use_escape_cancels(dispatch.clone());
    let on_cancel = dispatch.reform(|_: MouseEvent| AppEvent::Cancel);
    let shared = Shared {
        bridge: (*bridge).clone(),
        started: (*started).clone(),
    };
    let app = app.borrow();
    html! {
        <ContextProvider<Shared> context={shared}>
        <header class="top">
            <div class="brand">
                <span class="logo" aria-hidden="true">{"◎"}</span>
                <span class="name">{"Leakscope"}</span>
            </div>
            <p class="tagline">{"Does this npm package leak its source code or secrets? Everything runs in your browser; nothing is uploaded."}</p>
        </header>
        // How far the worker has got, for tests and benchmarks to wait on.
        <main data-worker={app.worker.as_str()}>
            <DropZone on_files={on_files} busy={app.busy()} compact={!matches!(app.stage, Stage::Idle)} />
            if let Some(text) = &app.notice {
                <div class="banner notice" role="status" data-testid="notice">{text.clone()}</div>
            }
            { match &app.stage {
                Stage::Idle => html! { <components::Intro /> },
                Stage::Working { name, progress, .. } => html! {
                    <Progress name={name.clone()} progress={*progress} on_cancel={on_cancel} />
                },
                Stage::Failed { name, message } => html! {
                    <div class="banner error" role="alert" data-testid="error">
                        <strong>{format!("Could not read {name}. ")}</strong>{message.clone()}
                    </div>
                },
                Stage::Cancelled { name } => html! {
                    <div class="banner notice" role="status" data-testid="cancelled">
                        {format!("Stopped analysing {name}. Drop or choose a package to start again.")}
                    </div>
                },
                Stage::Done { overview, trees, digests } => html! {
                    <Results overview={overview.clone()} trees={trees.clone()}
                             fingerprint={digests.as_ref().map(|d| AttrValue::from(d.fingerprint().to_string()))} />
                },
            }}
        </main>
        <footer class="foot">{"Leakscope reads the file locally with WebAssembly, in a worker beside this page. No request is made while a package is analysed."}</footer>
        </ContextProvider<Shared>>
    }
}

/// Carries out one command of the page model.
fn run(bridge: &Rc<Bridge>, chosen: &Rc<RefCell<Option<web_sys::File>>>, command: AppCommand) {
    match command {
        AppCommand::RestartWorker => bridge.restart(),
        AppCommand::Analyse { id } => {
            if let Some(file) = chosen.borrow_mut().take() {
                bridge.analyse(id, file);
            }
        }
    }
}

/// A file dropped anywhere on the page is analysed, rather than opened by the browser
/// (which would leave the page and lose the results on screen).
#[hook]
fn use_page_wide_drop(on_files: Callback<web_sys::FileList>) {
    use_effect_with((), move |_| {
        let window = gloo::utils::window();
        let options = EventListenerOptions::enable_prevent_default();
        let over =
            EventListener::new_with_options(&window, "dragover", options, |e| e.prevent_default());
        let on_drop = EventListener::new_with_options(&window, "drop", options, move |e| {
            e.prevent_default();
            if let Some(files) = e
                .dyn_ref::<web_sys::DragEvent>()
                .and_then(|d| d.data_transfer())
                .and_then(|d| d.files())
            {
                on_files.emit(files);
            }
        });
        move || drop((over, on_drop))
    });
}

/// Esc stops a running analysis.
#[hook]
fn use_escape_cancels(dispatch: Callback<AppEvent>) {
    use_effect_with((), move |_| {
        let listener = EventListener::new(&gloo::utils::document(), "keydown", move |e| {
            if e.dyn_ref::<web_sys::KeyboardEvent>()
                .is_some_and(|k| k.key() == "Escape")
            {
                dispatch.emit(AppEvent::Cancel);
            }
        });
        move || drop(listener)
    });
}
