//! The page: a thin Yew shell over the core's page model (`leakscope::view::app`). Packages
//! are read and scanned by a worker (`src/worker`), downloaded from a registry by the
//! browser's `fetch` (`fetch.rs`); this renders what the core says and carries out what it
//! asks for.

#![deny(unsafe_code)]

mod bridge;
mod compare;
mod components;
mod download;
mod fetch;
mod opener;
mod results;
mod tree;
mod versions;
mod viewer;
mod virtual_list;

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use bridge::Bridge;
use components::TaskProgress;
use leakscope::protocol::Request;
use leakscope::view::app::{App, AppCommand, AppEvent, ByteSource, Stage, Task};
use leakscope::view::open::{FetchEvent, Role};
use opener::{Opener, RegistryBanner};
use results::Results;
use versions::Versions;

fn main() {
    yew::Renderer::<Page>::new().render();
}

/// Where the registry setting is kept in the browser.
const REGISTRY_KEY: &str = "leakscope.registry";

/// What the page shares with its parts: the worker (for the viewer's slots to hear their
/// rows), the page model's dispatcher (everything the page asks goes through it), when
/// the package being analysed was chosen, and which analysis is shown.
#[derive(Clone)]
pub struct Shared {
    pub bridge: Rc<Bridge>,
    pub dispatch: Callback<AppEvent>,
    pub started: Rc<Cell<f64>>,
    pub session: u32,
}

impl PartialEq for Shared {
    fn eq(&self, other: &Shared) -> bool {
        Rc::ptr_eq(&self.bridge, &other.bridge) && self.session == other.session
    }
}

/// The page's clock, in ms.
pub fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Carries out the page model's commands: the worker, the fetches, the browser's storage.
/// What each role (the package shown, the one it is compared with) has chosen or
/// downloaded waits here until the worker takes it.
struct Shell {
    app: RefCell<App>,
    bridge: RefCell<Option<Rc<Bridge>>>,
    chosen: RefCell<[Option<web_sys::File>; 2]>,
    downloads: RefCell<[Option<web_sys::Blob>; 2]>,
    fetches: RefCell<[Option<web_sys::AbortController>; 2]>,
    rerender: Callback<()>,
    me: Weak<Shell>,
}

impl Shell {
    fn dispatch(&self, event: AppEvent) {
        let commands = self.app.borrow_mut().update(event);
        for command in commands {
            self.run(command);
        }
        self.rerender.emit(());
    }

    fn bridge(&self) -> Rc<Bridge> {
        self.bridge.borrow().clone().expect("started with the page")
    }

    fn callback<T: 'static>(&self, to_event: impl Fn(T) -> AppEvent + 'static) -> Callback<T> {
        let me = self.me.clone();
        Callback::from(move |value: T| {
            if let Some(shell) = me.upgrade() {
                shell.dispatch(to_event(value));
            }
        })
    }

    fn run(&self, command: AppCommand) {
        match command {
            AppCommand::RestartWorker => self.bridge().restart(),
            AppCommand::Analyse {
                id,
                role,
                input,
                keep,
                check,
            } => self.analyse(id, role, input, keep, check),
            AppCommand::Fetch { id, role, fetch } => self.fetch(id, role, fetch),
            AppCommand::ReadPackument {
                id,
                role,
                registry,
                spec,
            } => {
                let blob = self.downloads.borrow_mut()[role as usize].take();
                if let Some(blob) = blob {
                    self.bridge()
                        .send(Request::Packument { id, registry, spec }, Some(blob.into()));
                }
            }
            AppCommand::Resolve { id, registry, spec } => self
                .bridge()
                .send(Request::Resolve { id, registry, spec }, None),
            AppCommand::Abort { role } => {
                if let Some(controller) = self.fetches.borrow_mut()[role as usize].take() {
                    controller.abort();
                }
            }
            AppCommand::Compare {
                old,
                new,
                shown_is_new,
            } => self.bridge().send(
                Request::Compare {
                    old,
                    new,
                    shown_is_new,
                },
                None,
            ),
            AppCommand::Ask(request) => self.bridge().send(request, None),
            AppCommand::Download { name, mime, bytes } => {
                download::download_bytes(&name, &mime, &bytes)
            }
            AppCommand::SaveRegistry(base) => {
                if let Ok(Some(storage)) = gloo::utils::window().local_storage() {
                    let _ = match base {
                        Some(base) => storage.set_item(REGISTRY_KEY, &base),
                        None => storage.remove_item(REGISTRY_KEY),
                    };
                }
            }
        }
    }

    /// Hands the bytes of `role` (the file chosen, or the download) to the worker.
    fn analyse(
        &self,
        id: u32,
        role: Role,
        input: ByteSource,
        keep: Option<u32>,
        check: Option<Box<leakscope::protocol::IntegrityCheck>>,
    ) {
        let r = role as usize;
        let (name, bytes): (String, wasm_bindgen::JsValue) = match input {
            // Made by the worker: nothing to send beside the request.
            ByteSource::Example => {
                return self.bridge().send(Request::Example { id, keep }, None);
            }
            ByteSource::Chosen => match self.chosen.borrow_mut()[r].take() {
                Some(file) => (file.name(), file.into()),
                None => return,
            },
            // Kept: the person may still ask to read a download that did not verify.
            ByteSource::Downloaded => match &self.downloads.borrow()[r] {
                Some(blob) => {
                    let name = check.as_ref().map_or("download.tgz".to_string(), |c| {
                        let tarball = &c.provenance.tarball;
                        tarball.rsplit('/').next().unwrap_or("").to_string()
                    });
                    (name, blob.clone().into())
                }
                None => return,
            },
        };
        let request = Request::Analyse {
            id,
            name,
            keep,
            check,
        };
        self.bridge().send(request, Some(bytes));
    }

    /// Starts a download for `role`, stopping the one it had.
    fn fetch(&self, id: u32, role: Role, fetch: leakscope::view::open::Fetch) {
        let me = self.me.clone();
        let done = Callback::from(move |blob: web_sys::Blob| {
            if let Some(shell) = me.upgrade() {
                shell.downloads.borrow_mut()[role as usize] = Some(blob);
            }
        });
        let report = self.callback(move |event: FetchEvent| AppEvent::Fetched { id, event });
        let controller = fetch::start(fetch, report, done);
        if let Some(old) =
            std::mem::replace(&mut self.fetches.borrow_mut()[role as usize], controller)
        {
            old.abort();
        }
    }

    /// Files dropped or picked for `role`.
    fn choose(&self, files: &web_sys::FileList, role: Role, started: &Cell<f64>) {
        let Some(file) = files.get(0) else { return };
        if role == Role::Main {
            started.set(now());
        }
        let name = file.name();
        self.chosen.borrow_mut()[role as usize] = Some(file);
        self.dispatch(AppEvent::Chosen {
            name,
            count: files.length() as usize,
            role,
        });
    }
}

/// What the page knows about itself when it loads: its origin, its security policy, the
/// registry the person saved, and the link it was opened with.
fn started() -> AppEvent {
    let window = gloo::utils::window();
    let document = gloo::utils::document();
    let policy = document
        .query_selector("meta[http-equiv=\"Content-Security-Policy\"]")
        .ok()
        .flatten()
        .and_then(|m| m.get_attribute("content"))
        .unwrap_or_default();
    let saved_registry = window
        .local_storage()
        .ok()
        .flatten()
        .and_then(|s| s.get_item(REGISTRY_KEY).ok().flatten());
    AppEvent::Started {
        origin: window.location().origin().unwrap_or_default(),
        policy,
        saved_registry,
        link: window
            .location()
            .hash()
            .unwrap_or_default()
            .parse()
            .unwrap_or_default(),
    }
}

#[function_component(Page)]
fn page() -> Html {
    let rerender = use_force_update();
    let started_at = use_memo((), |_| Rc::new(Cell::new(0.0)));
    let shell = use_memo((), move |_| {
        let shell = Rc::new_cyclic(|me: &Weak<Shell>| Shell {
            app: RefCell::new(App::default()),
            bridge: RefCell::new(None),
            chosen: RefCell::new([None, None]),
            downloads: RefCell::new([None, None]),
            fetches: RefCell::new([None, None]),
            rerender: Callback::from(move |_| rerender.force_update()),
            me: me.clone(),
        });
        let on_response = shell.callback(AppEvent::Worker);
        *shell.bridge.borrow_mut() = Some(Bridge::new(on_response));
        shell
    });
    {
        let shell = (*shell).clone();
        let started_at = (*started_at).clone();
        use_effect_with((), move |_| {
            // A link by name starts its download at once: the clock starts here.
            started_at.set(now());
            shell.dispatch(started());
        });
    }
    let dispatch = shell.callback(|event: AppEvent| event);
    let on_files = {
        let shell = (*shell).clone();
        let started_at = (*started_at).clone();
        Callback::from(move |(files, role): (web_sys::FileList, Role)| {
            shell.choose(&files, role, &started_at)
        })
    };
    let picking = matches!(
        shell.app.borrow().shown().and_then(|s| s.compare.as_ref()),
        Some(leakscope::view::app::Compare::Picking)
    );
    // While the comparison is being chosen, a file dropped anywhere is the one to compare.
    let role = if picking { Role::Compare } else { Role::Main };
    use_page_wide_drop(on_files.clone(), role);
    use_links(dispatch.clone());
    use_escape_cancels(dispatch.clone());
    let shared = Shared {
        bridge: shell.bridge(),
        dispatch: dispatch.clone(),
        started: (*started_at).clone(),
        session: shell.app.borrow().shown().map_or(0, |s| s.analysis.id),
    };
    let on_named = opening(&dispatch, &started_at, |input| AppEvent::Named {
        input,
        role: Role::Main,
    });
    let on_example = opening(&dispatch, &started_at, |_: MouseEvent| AppEvent::Example);
    let app = shell.app.borrow();
    let versions = app.package.as_ref().map(|p| {
        let current = app.shown_version().map(AttrValue::from);
        let on_compare = app.shown().is_some().then(|| {
            dispatch.reform(|input| AppEvent::Named {
                input,
                role: Role::Compare,
            })
        });
        html! { <Versions package={p.clone()} {current} on_open={on_named.clone()} {on_compare} /> }
    });
    html! {
        <ContextProvider<Shared> context={shared}>
        { header() }
        // How far the worker has got, for tests and benchmarks to wait on.
        <main data-worker={app.worker.as_str()}>
            // Said to screen readers when the state changes: the work, the verdict, an error.
            <div class="visually-hidden" role="status" aria-live="polite" data-testid="announcer">
                { app.announcement() }
            </div>
            <components::Shortcuts />
            <Opener on_files={on_files.reform(|files| (files, Role::Main))} on_named={on_named.clone()}
                    busy={app.busy()} compact={!matches!(app.stage, Stage::Idle)}
                    registry={app.registry.clone()} registry_error={app.registry_error.clone().map(AttrValue::from)}
                    allowed={app.allowed_registries().iter().map(|s| AttrValue::from(s.to_string())).collect::<Vec<_>>()}
                    {on_example} />
            <RegistryBanner registry={app.registry.clone()} />
            if let Some(text) = &app.notice {
                <div class="banner notice" role="status" data-testid="notice">{text.clone()}</div>
            }
            if let Some(fingerprint) = app.awaited_tarball() {
                <div class="banner notice" role="status" data-testid="link-notice">
                    {format!("This link opens a file of a package someone dropped into Leakscope, which never uploads anything. Drop the same tarball (its SHA-256 starts with {fingerprint}) to open it at the same place.")}
                </div>
            }
            { stage_view(&app, &Handlers { dispatch: dispatch.clone(), on_named: on_named.clone(), on_files: on_files.clone() }, versions.clone()) }
            if !matches!(app.stage, Stage::Done(_)) {
                { versions.clone().unwrap_or_default() }
            }
        </main>
        { footer() }
        </ContextProvider<Shared>>
    }
}

/// A callback that opens a package: it starts the clock (the verdict's "analysed in"),
/// goes to the top, where the progress and then the verdict are said, and dispatches `event`.
fn opening<T: 'static>(
    dispatch: &Callback<AppEvent>,
    started_at: &Rc<Cell<f64>>,
    event: impl Fn(T) -> AppEvent + 'static,
) -> Callback<T> {
    let (dispatch, started_at) = (dispatch.clone(), started_at.clone());
    Callback::from(move |input: T| {
        started_at.set(now());
        gloo::utils::window().scroll_to_with_x_and_y(0.0, 0.0);
        dispatch.emit(event(input));
    })
}

fn header() -> Html {
    html! {
        <header class="top">
            <div class="brand">
                <span class="logo" aria-hidden="true">{"◎"}</span>
                <span class="name">{"Leakscope"}</span>
            </div>
            <p class="tagline">{"Does this package leak its source code or secrets? npm, Python wheels, VS Code and browser extensions, Java archives. Everything runs in your browser; nothing is uploaded."}</p>
        </header>
    }
}

fn footer() -> Html {
    html! {
        <footer class="foot">{"Leakscope reads packages locally with WebAssembly, in a worker beside this page. A dropped file makes no request at all; a package opened by name is downloaded from its registry, straight into this tab."}</footer>
    }
}

/// What the page's stages call back.
struct Handlers {
    dispatch: Callback<AppEvent>,
    on_named: Callback<String>,
    on_files: Callback<(web_sys::FileList, Role)>,
}

/// What the page shows below the opener: the start, the work under way, why it stopped,
/// or the results.
fn stage_view(app: &App, on: &Handlers, versions: Option<Html>) -> Html {
    let on_cancel = on.dispatch.reform(|_: MouseEvent| AppEvent::Cancel);
    match &app.stage {
        Stage::Idle => html! { <components::Intro /> },
        Stage::Busy(Task::Mismatch { name, message, .. }) => html! {
            <components::Mismatch name={name.clone()} message={message.clone()}
                on_anyway={on.dispatch.reform(|_| AppEvent::ScanAnyway { role: Role::Main })}
                {on_cancel} />
        },
        Stage::Busy(task) => {
            let (status, fraction) = task.status();
            html! { <TaskProgress name={task.name()} {status} {fraction} {on_cancel} /> }
        }
        Stage::Failed { name, stopped } => html! {
            <components::Stopped name={name.clone()} stopped={stopped.clone()} on_offer={on.on_named.clone()} />
        },
        Stage::Cancelled { name } => html! {
            <div class="banner notice" role="status" data-testid="cancelled">
                {format!("Stopped analysing {name}. Drop or choose a package, or type a name, to start again.")}
            </div>
        },
        Stage::Done(shown) => html! {
            <Results shown={Rc::new((**shown).clone())} link={app.link()} {versions}
                     suggestion={app.compare_suggestion().map(AttrValue::from)}
                     on_compare_files={on.on_files.reform(|files| (files, Role::Compare))} />
        },
    }
}

/// A file dropped anywhere on the page is analysed, rather than opened by the browser
/// (which would leave the page and lose the results on screen).
#[hook]
fn use_page_wide_drop(on_files: Callback<(web_sys::FileList, Role)>, role: Role) {
    use_effect_with(role, move |role| {
        let role = *role;
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
                on_files.emit((files, role));
            }
        });
        move || drop((over, on_drop))
    });
}

/// A link pasted into this tab changes only the address's hash: the page opens what it names.
#[hook]
fn use_links(dispatch: Callback<AppEvent>) {
    use_effect_with((), move |_| {
        let listener = EventListener::new(&gloo::utils::window(), "hashchange", move |_| {
            let hash = gloo::utils::window().location().hash().unwrap_or_default();
            dispatch.emit(AppEvent::Linked(hash.parse().unwrap_or_default()));
        });
        move || drop(listener)
    });
}

/// Esc stops a running analysis or download, and takes the focus back to the drop zone
/// (unless it closes the shortcuts' help, which handles it).
#[hook]
fn use_escape_cancels(dispatch: Callback<AppEvent>) {
    use_effect_with((), move |_| {
        let listener = components::on_keys(move |k| {
            // The shortcuts' help takes an Esc that closes it (and marks it so).
            if k.key() == "Escape" && !k.default_prevented() && !components::shortcuts_open() {
                dispatch.emit(AppEvent::Cancel);
                // Not from a field: Esc there leaves the field's text to the person.
                if !components::typing(k) {
                    components::focus("[data-testid=\"file-input\"]");
                }
            }
        });
        move || drop(listener)
    });
}
