//! The results of one analysis: verdict, counts and downloads, findings, the two trees and
//! the viewer. Owns what is selected, and mirrors it in the URL hash.

use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use leakscope::protocol::{Overview, Response, Save};
use leakscope::text::{count, plural, size};
use leakscope::view::app::Trees;
use leakscope::view::link::{Link, Selection};
use leakscope::view::tree::{FileTree, Tab};

use crate::Shared;
use crate::components::{FindingsList, OverviewProps, VerdictBanner};
use crate::download::download_bytes;
use crate::tree::TreePane;
use crate::viewer::Viewer;

#[derive(Properties, PartialEq)]
pub struct ResultsProps {
    pub overview: Rc<Overview>,
    pub trees: Trees,
    /// The tarball's fingerprint, once its digests are known (a little after the verdict).
    pub fingerprint: Option<AttrValue>,
}

#[function_component(Results)]
pub fn results(props: &ResultsProps) -> Html {
    let o = &props.overview;
    let selection = use_state(|| None::<Selection>);
    let tab = use_state(|| Tab::Files);
    let fingerprint = props.fingerprint.clone();

    // The link names a file of this very tarball: open it once the fingerprint is known;
    // and a file opened before it was known gets it into the link now.
    {
        let (selection, tab, trees) = (selection.clone(), tab.clone(), props.trees.clone());
        let ready = trees.get(Tab::Files).is_some() && trees.get(Tab::Recovered).is_some();
        use_effect_with((fingerprint.clone(), ready), move |(fingerprint, _)| {
            let Some(fingerprint) = fingerprint else {
                return;
            };
            match &*selection {
                Some(sel) => save_to_hash(Some(fingerprint), sel),
                None => {
                    if let Some(sel) = restore_from_hash(&trees, fingerprint) {
                        tab.set(sel.tab);
                        selection.set(Some(sel));
                    }
                }
            }
        });
    }

    let open = {
        let selection = selection.clone();
        let tab = tab.clone();
        let fingerprint = fingerprint.clone();
        Callback::from(move |sel: Selection| {
            save_to_hash(fingerprint.as_deref(), &sel);
            tab.set(sel.tab);
            selection.set(Some(sel));
        })
    };
    let open_in = |t: Tab| {
        open.reform(move |path: String| Selection {
            tab: t,
            path,
            line: None,
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
    use_slash_searches(*tab);

    // ← and → move between the two tabs, as in any tab list.
    let on_tab_key = {
        let tab = tab.clone();
        Callback::from(move |e: KeyboardEvent| {
            if !matches!(e.key().as_str(), "ArrowRight" | "ArrowLeft") {
                return;
            }
            e.prevent_default();
            let next = tab.other();
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
    html! {
        <>
        <VerdictBanner overview={o.clone()} />
        <Summary overview={o.clone()} />
        <section class="pane findings-pane" aria-label="Findings">
            <FindingsList overview={o.clone()} on_open={open.clone()} />
        </section>
        <div class="workspace">
            <section class="pane tree-side">
                <div class="tabs" role="tablist" onkeydown={on_tab_key}>
                    { tab_button(Tab::Files, format!("Package files ({})", count(o.files as u64))) }
                    { tab_button(Tab::Recovered, format!("Recovered sources ({})", count(o.recovered_files as u64))) }
                </div>
                <div hidden={*tab != Tab::Files}>
                    { tree_pane(props.trees.get(Tab::Files), Tab::Files, selected_in(Tab::Files), open_in(Tab::Files)) }
                </div>
                <div hidden={*tab != Tab::Recovered}>
                    if o.recovered_files == 0 {
                        <p class="muted empty">{"No source map in this package embeds original sources."}</p>
                    } else {
                        { tree_pane(props.trees.get(Tab::Recovered), Tab::Recovered, selected_in(Tab::Recovered), open_in(Tab::Recovered)) }
                    }
                </div>
            </section>
            <section class="pane viewer-side" id="viewer-pane">
                { match &*selection {
                    Some(sel) => html! { <Viewer selection={sel.clone()} on_open={open.clone()} /> },
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

/// A tree, or a note while its slices are still coming.
fn tree_pane(
    tree: Option<&Rc<FileTree>>,
    tab: Tab,
    selected: Option<AttrValue>,
    on_open: Callback<String>,
) -> Html {
    match tree {
        Some(tree) => html! { <TreePane tree={tree.clone()} {tab} {selected} {on_open} /> },
        None => html! { <p class="muted empty">{"Listing the files…"}</p> },
    }
}

/// `/` anywhere but in a text field jumps to the search of the visible tree.
#[hook]
fn use_slash_searches(tab: Tab) {
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
                        .get_element_by_id(&format!("search-{}", tab.as_str()))
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

/// The link for a dropped tarball names it by fingerprint.
fn save_to_hash(fingerprint: Option<&str>, sel: &Selection) {
    let current: Link = gloo::utils::window()
        .location()
        .hash()
        .unwrap_or_default()
        .parse()
        .unwrap_or_default();
    let link = Link {
        tarball: fingerprint.map(str::to_string).or(current.tarball.clone()),
        ..current
    }
    .with_selection(sel);
    if let Ok(history) = gloo::utils::window().history() {
        let hash = format!("#{link}");
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&hash));
    }
}

/// The file named in the URL, when the URL names a file of this very tarball.
fn restore_from_hash(trees: &Trees, fingerprint: &str) -> Option<Selection> {
    let link: Link = gloo::utils::window().location().hash().ok()?.parse().ok()?;
    if link.tarball.as_deref() != Some(fingerprint) {
        return None;
    }
    let sel = link.selection()?;
    trees.get(sel.tab)?.find(&sel.path)?;
    Some(sel)
}

/// Counts and the downloads: JSON report, Markdown for a ticket, the recovered sources.
#[function_component(Summary)]
fn summary(props: &OverviewProps) -> Html {
    let o = &props.overview;
    let shared = use_context::<Shared>().expect("the page provides it");
    let saving = use_state(|| None::<&'static str>);
    let save = |what: Save, label: &'static str| {
        let bridge = shared.bridge.clone();
        let saving = saving.clone();
        Callback::from(move |_: MouseEvent| {
            saving.set(Some(label));
            let done = saving.clone();
            bridge.save(
                what.clone(),
                Callback::from(move |saved: Response| {
                    if let Response::Saved { name, mime, bytes } = saved {
                        download_bytes(&name, &mime, &bytes);
                    }
                    done.set(None);
                }),
            );
        })
    };
    let recovered_label = match o.recovered_files {
        0 => "recovered source files".to_string(),
        n => format!(
            "recovered source files: {} own, {}",
            count(o.recovered_own as u64),
            plural(
                n - o.recovered_own,
                "from a dependency",
                "from dependencies"
            )
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
    let busy = |label| *saving == Some(label);
    let none = o.recovered_files == 0;
    html! {
        <section class="summary" aria-label="Counts and downloads">
            { stat(count(o.files as u64), "files", None) }
            { stat(size(o.unpacked_bytes), "unpacked", None) }
            { stat(count(o.source_maps as u64), "source maps", None) }
            { stat(count(o.recovered_files as u64), &recovered_label, Some("recovered-count")) }
            { stat(size(o.recovered_bytes), "of recovered source", None) }
            <div class="downloads">
                <button class="button secondary" data-testid="download-report" onclick={save(Save::Json, "json")}>{"JSON report"}</button>
                <button class="button secondary" data-testid="download-markdown" onclick={save(Save::Markdown, "md")}>{"Markdown for a ticket"}</button>
                <button class="button secondary" data-testid="download-own-zip" onclick={save(Save::Zip { own_only: true }, "own")}
                        disabled={o.recovered_own == 0 || saving.is_some()}>
                    { if busy("own") { "Preparing .zip…" } else { "Own sources (.zip)" } }
                </button>
                <button class="button" data-testid="download-zip" onclick={save(Save::Zip { own_only: false }, "zip")}
                        disabled={none || saving.is_some()}>
                    { if busy("zip") { "Preparing .zip…" } else { "All recovered sources (.zip)" } }
                </button>
            </div>
        </section>
    }
}
