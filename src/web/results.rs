//! The results of one analysis: verdict, counts and downloads, findings, the two trees and
//! the viewer. Owns what is selected, and mirrors it in the URL hash.

use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use gloo::timers::future::TimeoutFuture;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::Outcome;
use super::components::{FindingsList, VerdictBanner};
use super::download::{download_bytes, download_text};
use super::tree::{Tab, TreePane};
use super::viewer::{Selection, Viewer};
use crate::finding::{count, plural, size};
use crate::report::{Report, markdown};

#[derive(Properties, PartialEq)]
pub struct ResultsProps {
    pub outcome: Rc<Outcome>,
}

#[function_component(Results)]
pub fn results(props: &ResultsProps) -> Html {
    let o = &props.outcome;
    let selection = use_state(|| restore_from_hash(o));
    let tab = use_state(|| selection.as_ref().map_or(Tab::Files, |s| s.tab));

    let open = {
        let selection = selection.clone();
        let tab = tab.clone();
        let outcome = props.outcome.clone();
        Callback::from(move |sel: Selection| {
            save_to_hash(&outcome, &sel);
            tab.set(sel.tab);
            selection.set(Some(sel));
        })
    };
    let open_in = |t: Tab| {
        let open = open.clone();
        Callback::from(move |path: String| {
            open.emit(Selection {
                tab: t,
                path,
                line: None,
            })
        })
    };

    // Opening a file brings the viewer into sight when it is below the fold (a finding
    // clicked at the top, or a narrow screen where the viewer sits under the tree).
    use_effect_with((*selection).clone(), |selection| {
        if selection.is_some()
            && let Some(viewer) = gloo::utils::document().get_element_by_id("viewer-pane")
        {
            let top = viewer.get_bounding_client_rect().top();
            let height = gloo::utils::window()
                .inner_height()
                .ok()
                .and_then(|h| h.as_f64())
                .unwrap_or(800.0);
            if top > height * 0.6 || top < 0.0 {
                viewer.scroll_into_view();
            }
        }
    });

    // `/` anywhere but in a text field jumps to the search of the visible tree.
    {
        let tab = *tab;
        use_effect_with(tab, move |tab| {
            let tab = *tab;
            // Not passive: the `/` must not be typed into the field it focuses.
            let options = EventListenerOptions::enable_prevent_default();
            let listener = EventListener::new_with_options(
                &gloo::utils::document(),
                "keydown",
                options,
                move |e| {
                    let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
                        return;
                    };
                    let in_field = e
                        .target()
                        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                        .is_some_and(|el| {
                            matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                        });
                    if e.key() == "/"
                        && !in_field
                        && !e.ctrl_key()
                        && !e.meta_key()
                        && let Some(input) = gloo::utils::document()
                            .get_element_by_id(&tab.search_id())
                            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
                    {
                        e.prevent_default();
                        let _ = input.focus();
                    }
                },
            );
            move || drop(listener)
        });
    }

    // ← and → move between the two tabs, as in any tab list.
    let on_tab_key = {
        let tab = tab.clone();
        Callback::from(move |e: KeyboardEvent| {
            let next = match (e.key().as_str(), *tab) {
                ("ArrowRight" | "ArrowLeft", Tab::Files) => Tab::Recovered,
                ("ArrowRight" | "ArrowLeft", Tab::Recovered) => Tab::Files,
                _ => return,
            };
            e.prevent_default();
            tab.set(next);
            if let Some(button) = gloo::utils::document()
                .query_selector(&format!("[data-testid=\"tab-{}\"]", next.as_str()))
                .ok()
                .flatten()
                .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = button.focus();
            }
        })
    };
    let tab_button = |t: Tab, label: String| {
        let tab = tab.clone();
        let selected = *tab == t;
        let onclick = Callback::from(move |_: MouseEvent| tab.set(t));
        html! {
            <button role="tab" class={classes!("tab", selected.then_some("active"))} aria-selected={selected.to_string()}
                    data-testid={format!("tab-{}", t.as_str())} {onclick}>{label}</button>
        }
    };
    let selected_in = |t: Tab| -> Option<AttrValue> {
        selection
            .as_ref()
            .filter(|s| s.tab == t)
            .map(|s| AttrValue::from(s.path.clone()))
    };
    let a = &o.analysis;
    html! {
        <>
        if let Some(e) = &a.archive_error {
            <div class="banner error" role="alert" data-testid="error">
                <strong>{"Only part of the package could be read. "}</strong>{e.to_string()}
            </div>
        }
        <VerdictBanner outcome={o.clone()} />
        <Summary outcome={o.clone()} />
        <section class="pane findings-pane" aria-label="Findings">
            <FindingsList outcome={o.clone()} on_open={open.clone()} />
        </section>
        <div class="workspace">
            <section class="pane tree-side">
                <div class="tabs" role="tablist" onkeydown={on_tab_key}>
                    { tab_button(Tab::Files, format!("Package files ({})", count(a.files as u64))) }
                    { tab_button(Tab::Recovered, format!("Recovered sources ({})", count(a.recovered.len() as u64))) }
                </div>
                <div hidden={*tab != Tab::Files}>
                    <TreePane outcome={o.clone()} tab={Tab::Files} selected={selected_in(Tab::Files)} on_open={open_in(Tab::Files)} />
                </div>
                <div hidden={*tab != Tab::Recovered}>
                    if a.recovered.is_empty() {
                        <p class="muted empty">{"No source map in this package embeds original sources."}</p>
                    } else {
                        <TreePane outcome={o.clone()} tab={Tab::Recovered} selected={selected_in(Tab::Recovered)} on_open={open_in(Tab::Recovered)} />
                    }
                </div>
            </section>
            <section class="pane viewer-side" id="viewer-pane">
                { match &*selection {
                    Some(sel) => html! { <Viewer outcome={o.clone()} selection={sel.clone()} on_open={open.clone()} /> },
                    None => html! {
                        <div class="viewer-empty muted">
                            <p>{"Choose a file in the tree, or a finding above, to read it here."}</p>
                            <p>{"Keys: "}<kbd>{"/"}</kbd>{" search · "}<kbd>{"↑"}</kbd><kbd>{"↓"}</kbd>{" move · "}<kbd>{"Enter"}</kbd>{" open"}</p>
                        </div>
                    },
                }}
            </section>
        </div>
        </>
    }
}

/// `#<fingerprint>:<tab>:<path>` names a file of a given tarball.
fn save_to_hash(o: &Outcome, sel: &Selection) {
    let hash = format!(
        "#{}:{}:{}",
        o.fingerprint(),
        sel.tab.as_str(),
        js_sys::encode_uri_component(&sel.path)
    );
    if let Ok(history) = gloo::utils::window().history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&hash));
    }
}

/// The file named in the URL, when the URL names a file of this very tarball.
fn restore_from_hash(o: &Outcome) -> Option<Selection> {
    let hash = gloo::utils::window().location().hash().ok()?;
    let mut parts = hash.strip_prefix('#')?.splitn(3, ':');
    let (fingerprint, tab, path) = (parts.next()?, parts.next()?, parts.next()?);
    if fingerprint != o.fingerprint() {
        return None;
    }
    let path: String = js_sys::decode_uri_component(path).ok()?.into();
    let tab = match tab {
        "files" if o.archive.find(&path).is_some() => Tab::Files,
        "recovered" if o.recovered_by_path.contains_key(&path) => Tab::Recovered,
        _ => return None,
    };
    Some(Selection {
        tab,
        path,
        line: None,
    })
}

#[derive(Properties, PartialEq)]
struct SummaryProps {
    outcome: Rc<Outcome>,
}

/// Counts and the downloads: JSON report, Markdown for a ticket, all recovered sources.
#[function_component(Summary)]
fn summary(props: &SummaryProps) -> Html {
    let a = &props.outcome.analysis;
    let zipping = use_state(|| false);
    let on_report = {
        let o = props.outcome.clone();
        Callback::from(move |_: MouseEvent| {
            let json = Report::new(&o.analysis).to_json();
            download_text(
                &format!("{}.leakscope.json", o.stem()),
                "application/json",
                &json,
            );
        })
    };
    let on_markdown = {
        let o = props.outcome.clone();
        Callback::from(move |_: MouseEvent| {
            let md = markdown(&o.analysis, &o.name, Some(o.integrity()));
            download_text(&format!("{}.leakscope.md", o.stem()), "text/markdown", &md);
        })
    };
    let on_zip = {
        let o = props.outcome.clone();
        let zipping = zipping.clone();
        Callback::from(move |_: MouseEvent| {
            let o = o.clone();
            let zipping = zipping.clone();
            zipping.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                // Let the button say "Preparing" before the work starts.
                TimeoutFuture::new(30).await;
                match crate::export::zip_recovered(&o.analysis.recovered) {
                    Ok(zip) => download_bytes(
                        &format!("{}-recovered-sources.zip", o.stem()),
                        "application/zip",
                        &zip,
                    ),
                    Err(e) => gloo::console::error!(format!("zip failed: {e}")),
                }
                zipping.set(false);
            });
        })
    };
    let own = a.recovered.files().iter().filter(|f| f.first_party).count();
    let recovered_label = match a.recovered.len() {
        0 => "recovered source files".to_string(),
        n => format!(
            "recovered source files: {} own, {}",
            count(own as u64),
            plural(n - own, "from a dependency", "from dependencies")
        ),
    };
    let stat = |value: String, label: &str, testid: Option<&'static str>| {
        html! {
            <div class="stat">
                <div class="stat-value" data-testid={testid}>{value}</div>
                <div class="stat-label">{label.to_string()}</div>
            </div>
        }
    };
    html! {
        <section class="summary" aria-label="Counts and downloads">
            { stat(count(a.files as u64), "files", None) }
            { stat(size(a.unpacked_bytes), "unpacked", None) }
            { stat(count(a.source_maps.len() as u64), "source maps", None) }
            { stat(a.recovered.len().to_string(), &recovered_label, Some("recovered-count")) }
            { stat(size(a.recovered.bytes()), "of recovered source", None) }
            <div class="downloads">
                <button class="button secondary" data-testid="download-report" onclick={on_report}>{"JSON report"}</button>
                <button class="button secondary" data-testid="download-markdown" onclick={on_markdown}>{"Markdown for a ticket"}</button>
                <button class="button" data-testid="download-zip" onclick={on_zip}
                        disabled={a.recovered.is_empty() || *zipping}>
                    { if *zipping { "Preparing .zip…" } else { "Recovered sources (.zip)" } }
                </button>
            </div>
        </section>
    }
}
