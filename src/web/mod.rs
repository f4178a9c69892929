//! The page: a thin Yew shell that renders the core's view model. It reads the dropped file,
//! runs the pipeline phase by phase (yielding so the progress bar paints), and renders.

mod components;
mod download;

use std::rc::Rc;

use gloo::timers::future::TimeoutFuture;
use yew::prelude::*;

use crate::archive::Archive;
use crate::scan::{Analysis, scan};
use crate::view::FileTree;
use components::{DropZone, FileTreeView, FindingsList, Progress, Summary, VerdictBanner};

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
    pub millis: f64,
}

impl PartialEq for Outcome {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

#[function_component(App)]
fn app() -> Html {
    let stage = use_state(|| Stage::Idle);
    let on_file = {
        let stage = stage.clone();
        Callback::from(move |file: web_sys::File| {
            let stage = stage.clone();
            wasm_bindgen_futures::spawn_local(async move { analyse(file, stage).await });
        })
    };
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
            { match &*stage {
                Stage::Idle => html! {},
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

#[derive(Properties, PartialEq)]
struct ResultsProps {
    outcome: Rc<Outcome>,
}

#[function_component(Results)]
fn results(props: &ResultsProps) -> Html {
    let o = &props.outcome;
    html! {
        <>
        if let Some(e) = &o.analysis.archive_error {
            <div class="banner error" role="alert" data-testid="error">
                <strong>{"Only part of the package could be read. "}</strong>{e.to_string()}
            </div>
        }
        <VerdictBanner outcome={o.clone()} />
        <Summary outcome={o.clone()} />
        <div class="panes">
            <section class="pane" aria-label="Findings"><FindingsList outcome={o.clone()} /></section>
            <section class="pane" aria-label="Package files"><FileTreeView outcome={o.clone()} /></section>
        </div>
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
    step("Unpacking", 20);
    TimeoutFuture::new(0).await;
    let archive = Archive::read(&bytes);
    drop(bytes);
    if archive.entries().is_empty() {
        let message = archive
            .error
            .as_ref()
            .map_or_else(|| "It holds no files.".into(), ToString::to_string);
        stage.set(Stage::Failed { name, message });
        return;
    }
    step("Looking for leaks", 60);
    TimeoutFuture::new(0).await;
    let analysis = scan(&archive);
    step("Building the view", 90);
    TimeoutFuture::new(0).await;
    let tree = FileTree::of_package(&archive, &analysis);
    stage.set(Stage::Done(Rc::new(Outcome {
        name,
        archive,
        analysis,
        tree,
        millis: now() - started,
    })));
}

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}
