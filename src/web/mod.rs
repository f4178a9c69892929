//! The page: a thin Yew shell that renders the core's view model. It reads the dropped file,
//! runs the pipeline phase by phase (yielding so the progress bar paints), and renders.

mod components;
mod download;
mod results;
mod tree;
mod viewer;
mod virtual_list;

use std::cell::OnceCell;
use std::collections::HashMap;
use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use gloo::timers::future::TimeoutFuture;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::archive::{Archive, STEP_BYTES, Unpacker};
use crate::report::Integrity;
use crate::scan::{Analysis, Purpose, Scanner};
use crate::view::FileTree;
use components::{DropZone, Progress};
use results::Results;

pub fn start() {
    yew::Renderer::<App>::new().render();
}

/// What the page shows.
#[derive(Clone, PartialEq)]
pub enum Stage {
    Idle,
    Working {
        name: String,
        step: &'static str,
        percent: u8,
    },
    Done(Rc<Outcome>),
    Failed {
        name: String,
        message: String,
    },
}

/// A finished analysis and what the page derived from it once.
pub struct Outcome {
    pub name: String,
    /// Kept for reading files later; the analysis refers to its entries by path.
    pub archive: Archive,
    pub analysis: Analysis,
    pub tree: FileTree,
    pub recovered_tree: FileTree,
    /// Recovered source index by export path (`src/a.variant-2.ts`).
    pub recovered_by_path: HashMap<String, usize>,
    pub millis: f64,
    /// The tarball as dropped, for its digests (computed when first needed).
    input: Vec<u8>,
    integrity: OnceCell<Integrity>,
}

impl Outcome {
    pub fn integrity(&self) -> &Integrity {
        self.integrity.get_or_init(|| Integrity::of(&self.input))
    }

    /// Short fingerprint of the tarball, to recognise it again after a reload.
    pub fn fingerprint(&self) -> &str {
        &self.integrity().sha256[..16]
    }

    /// A name for files the page saves: the package's, or the tarball's.
    pub fn stem(&self) -> String {
        let from_package = self.analysis.package.as_ref().and_then(|p| {
            let name = p.name.as_deref()?.trim_start_matches('@').replace('/', "-");
            Some(format!(
                "{name}-{}",
                p.version.as_deref().unwrap_or("unversioned")
            ))
        });
        let stem = from_package.unwrap_or_else(|| {
            self.name
                .trim_end_matches(".tgz")
                .trim_end_matches(".tar.gz")
                .trim_end_matches(".tar")
                .to_string()
        });
        // Only characters that are safe in a file name anywhere.
        stem.chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                    c
                } else {
                    '_'
                }
            })
            .collect()
    }
}

impl PartialEq for Outcome {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

#[function_component(App)]
fn app() -> Html {
    let stage = use_state(|| Stage::Idle);
    // Said when several files were dropped: one package is analysed at a time.
    let notice = use_state(|| None::<String>);
    let on_file = {
        let stage = stage.clone();
        let notice = notice.clone();
        Callback::from(move |file: web_sys::File| {
            notice.set(None);
            let stage = stage.clone();
            wasm_bindgen_futures::spawn_local(async move { analyse(file, stage).await });
        })
    };
    // A file dropped anywhere on the page is analysed, rather than opened by the browser
    // (which would leave the page and lose the results on screen).
    {
        let on_file = on_file.clone();
        let notice = notice.clone();
        use_effect_with((), move |_| {
            let window = gloo::utils::window();
            let options = EventListenerOptions::enable_prevent_default();
            let over = EventListener::new_with_options(&window, "dragover", options, |e| {
                e.prevent_default()
            });
            let on_drop = EventListener::new_with_options(&window, "drop", options, move |e| {
                e.prevent_default();
                let Some(files) = e
                    .dyn_ref::<web_sys::DragEvent>()
                    .and_then(|d| d.data_transfer())
                    .and_then(|d| d.files())
                else {
                    return;
                };
                if let Some(file) = files.get(0) {
                    let name = file.name();
                    on_file.emit(file);
                    if files.length() > 1 {
                        notice.set(Some(format!(
                            "{} files were dropped; Leakscope reads one package at a time, so only {name} is analysed.",
                            files.length()
                        )));
                    }
                }
            });
            // Dropping the listeners removes them.
            move || drop((over, on_drop))
        });
    }
    let busy = matches!(*stage, Stage::Working { .. });
    let compact = !matches!(*stage, Stage::Idle);
    html! {
        <>
        <header class="top">
            <div class="brand">
                <span class="logo" aria-hidden="true">{"◎"}</span>
                <span class="name">{"Leakscope"}</span>
            </div>
            <p class="tagline">{"Does this npm package leak its source code or secrets? Everything runs in your browser; nothing is uploaded."}</p>
        </header>
        <main>
            <DropZone {on_file} {busy} {compact} />
            if let Some(text) = &*notice {
                <div class="banner notice" role="status" data-testid="notice">{text.clone()}</div>
            }
            { match &*stage {
                Stage::Idle => html! { <components::Intro /> },
                Stage::Working { name, step, percent } => html! {
                    <Progress name={name.clone()} step={*step} percent={*percent} />
                },
                Stage::Failed { name, message } => html! {
                    <div class="banner error" role="alert" data-testid="error">
                        <strong>{format!("Could not read {name}. ")}</strong>{message.clone()}
                    </div>
                },
                Stage::Done(outcome) => html! { <Results outcome={outcome.clone()} /> },
            }}
        </main>
        <footer class="foot">{"Leakscope reads the file locally with WebAssembly. No request is made while a package is analysed."}</footer>
        </>
    }
}

/// Runs the pipeline on a picked or dropped file, one phase at a time, so that the browser
/// paints the progress in between.
async fn analyse(file: web_sys::File, stage: UseStateHandle<Stage>) {
    let name = file.name();
    let started = now();
    let step = |step: &'static str, percent: u8| {
        stage.set(Stage::Working {
            name: name.clone(),
            step,
            percent,
        })
    };
    step("Reading the file", 5);
    let bytes = match gloo::file::futures::read_as_bytes(&gloo::file::File::from(file)).await {
        Ok(b) => b,
        Err(e) => {
            stage.set(Stage::Failed {
                name,
                message: format!("The browser could not read it: {e}"),
            });
            return;
        }
    };
    // Unpacking and scanning go together, a slice at a time, with the bar moving from 10
    // to 85 %: each file (a source map even while it arrives) is scanned once unpacked.
    let mut unpacker = Unpacker::new(&bytes);
    let mut scanner = Scanner::new(Purpose::Scan);
    loop {
        let done = unpacker.consumed() as f64 / unpacker.input_len().max(1) as f64;
        step("Unpacking and scanning", 10 + (done * 75.0) as u8);
        TimeoutFuture::new(0).await;
        let more = unpacker.step(STEP_BYTES);
        // Unpacking a slice and scanning what it completed are each a good part of a
        // frame's budget: the page paints in between.
        TimeoutFuture::new(0).await;
        if let Some(partial) = unpacker.arrived() {
            scanner.advance(partial);
        }
        if !more {
            break;
        }
    }
    let archive = unpacker.finish(|_| {}, |partial| scanner.advance(partial));
    if archive.entries().is_empty() {
        let message = archive
            .error
            .as_ref()
            .map_or_else(|| "It holds no files.".into(), ToString::to_string);
        stage.set(Stage::Failed { name, message });
        return;
    }
    step("Putting it together", 85);
    TimeoutFuture::new(0).await;
    let analysis = scanner.finish(&archive);
    step("Building the view", 90);
    TimeoutFuture::new(0).await;
    let tree = FileTree::of_package(&archive, &analysis);
    let recovered_tree = FileTree::of_recovered(&analysis.recovered, &analysis);
    let recovered_by_path = analysis
        .recovered
        .files()
        .iter()
        .enumerate()
        .map(|(i, f)| (f.export_path().to_string(), i))
        .collect();
    stage.set(Stage::Done(Rc::new(Outcome {
        name,
        archive,
        analysis,
        tree,
        recovered_tree,
        recovered_by_path,
        millis: now() - started,
        input: bytes,
        integrity: OnceCell::new(),
    })));
}

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}
