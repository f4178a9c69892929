//! The results of one analysis: verdict, counts and downloads, findings, the two trees and
//! the viewer. Owns what is selected, and mirrors it in the URL hash.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use leakscope::diff::FileStatus;
use leakscope::protocol::Save;
use leakscope::text::{capitalise, count, plural, size};
use leakscope::tree::{FileTree, Tab};
use leakscope::view::app::{AppEvent, Compare, Shown};
use leakscope::view::link::{Link, Selection};
use leakscope::view::split::Split;

use crate::Shared;
use crate::compare::ComparePanel;
use crate::components::{FindingsList, OverviewProps, VerdictBanner};
use crate::tree::TreePane;
use crate::viewer::Viewer;

#[derive(Properties, PartialEq)]
pub struct ResultsProps {
    pub shown: Rc<Shown>,
    /// The link that reopens what is shown (the selected file is added to it).
    pub link: Link,
    /// The versions of the package, when it was opened by name.
    pub versions: Option<Html>,
    /// What "Compare with…" suggests: the version before the one shown.
    pub suggestion: Option<AttrValue>,
    pub on_compare_files: Callback<web_sys::FileList>,
}

#[function_component(Results)]
pub fn results(props: &ResultsProps) -> Html {
    let a = &props.shown.analysis;
    let o = &a.overview;
    let trees = &a.trees;
    let selection = use_state(|| None::<Selection>);
    let tab = use_state(|| Tab::Files);

    use_address(props.link.clone(), (*selection).clone());
    // The file the page's link names, once the core has found it in the trees.
    {
        let (selection, tab) = (selection.clone(), tab.clone());
        use_effect_with(props.shown.open.clone(), move |open| {
            if let Some(sel) = open {
                tab.set(sel.tab);
                selection.set(Some(sel.clone()));
            }
        });
    }

    let open = {
        let selection = selection.clone();
        let tab = tab.clone();
        Callback::from(move |sel: Selection| {
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

    use_viewer_in_sight((*selection).clone());
    use_slash_searches(*tab);
    // The recovered tree is built in the page once its tab is first shown, and kept (with
    // its state) after: before that it would only add to the verdict's first render.
    let recovered_shown = use_mut_ref(|| false);
    let recovered_mounted = {
        let mut shown = recovered_shown.borrow_mut();
        *shown |= *tab == Tab::Recovered;
        *shown
    };

    let selected_in = |t: Tab| -> Option<AttrValue> {
        selection
            .as_ref()
            .filter(|s| s.tab == t)
            .map(|s| AttrValue::from(s.path.clone()))
    };
    let shared = use_context::<Shared>().expect("the page provides it");
    let workspace = use_node_ref();
    let marks = match &props.shown.compare {
        Some(Compare::Ready { marks, .. }) => Some(marks.clone()),
        _ => None,
    };
    html! {
        <>
        <VerdictBanner overview={o.clone()} />
        <LimitsApplied overview={o.clone()} />
        <Summary overview={o.clone()} saving={props.shown.saving.clone()} />
        <div class="toolbar">
            <CopyLink by_name={props.link.pkg.is_some()} />
            if props.shown.compare.is_none() {
                <button class="button secondary" data-testid="compare-with"
                        onclick={shared.dispatch.reform(|_| AppEvent::PickCompare)}>{"Compare with…"}</button>
            }
        </div>
        if let Some(compare) = &props.shown.compare {
            <ComparePanel compare={compare.clone()} suggestion={props.suggestion.clone()}
                          on_files={props.on_compare_files.clone()} on_open={open.clone()} />
        }
        { props.versions.clone().unwrap_or_default() }
        <section class="pane findings-pane" aria-label="Findings">
            <FindingsList overview={o.clone()} on_open={open.clone()} />
        </section>
        <div class="workspace" ref={workspace.clone()}>
            <section class="pane tree-side">
                { tab_list(&tab, o) }
                <div hidden={*tab != Tab::Files}>
                    { tree_pane(trees.get(Tab::Files), Tab::Files, selected_in(Tab::Files), open_in(Tab::Files), marks) }
                </div>
                <div hidden={*tab != Tab::Recovered}>
                    if o.recovered_files == 0 {
                        <p class="muted empty">{"No source map in this package embeds original sources."}</p>
                    } else if recovered_mounted {
                        { tree_pane(trees.get(Tab::Recovered), Tab::Recovered, selected_in(Tab::Recovered), open_in(Tab::Recovered), None) }
                    }
                </div>
            </section>
            <Splitter workspace={workspace.clone()} />
            <section class="pane viewer-side" id="viewer-pane">
                { viewer_side(selection.as_ref(), &open) }
            </section>
        </div>
        </>
    }
}

/// The address names what is shown, and the file open in it.
#[hook]
fn use_address(link: Link, selection: Option<Selection>) {
    use_effect_with((link, selection), |(link, selection)| {
        let link = match selection {
            Some(sel) => link.with_selection(sel),
            None => link.clone(),
        };
        // A task of its own: Chromium's replaceState, inside the verdict's first render,
        // made that render's task a long one (bench/browser.mjs measures the longest task).
        gloo::timers::callback::Timeout::new(0, move || write_hash(&link)).forget();
    });
}

/// Opening a file brings the viewer into sight when it is below the fold (a finding
/// clicked at the top, or a narrow screen where the viewer sits under the tree).
#[hook]
fn use_viewer_in_sight(selection: Option<Selection>) {
    use_effect_with(selection, |selection| {
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
}

/// The two tabs, the package's files and the recovered sources; ← and → move between
/// them, as in any tab list.
fn tab_list(tab: &UseStateHandle<Tab>, o: &leakscope::protocol::Overview) -> Html {
    let on_key = {
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
    let button = |t: Tab, label: String| {
        let tab = tab.clone();
        let selected = *tab == t;
        let onclick = Callback::from(move |_: MouseEvent| tab.set(t));
        html! {
            <button role="tab" class={classes!("tab", selected.then_some("active"))} aria-selected={selected.to_string()}
                    data-testid={format!("tab-{}", t.as_str())} {onclick}>{label}</button>
        }
    };
    html! {
        <div class="tabs" role="tablist" onkeydown={on_key}>
            { button(Tab::Files, format!("Package files ({})", count(o.files as u64))) }
            { button(Tab::Recovered, format!("Recovered sources ({})", count(o.recovered_files as u64))) }
        </div>
    }
}

/// The viewer of the file selected, or how to select one.
fn viewer_side(selection: Option<&Selection>, open: &Callback<Selection>) -> Html {
    match selection {
        Some(sel) => html! { <Viewer selection={sel.clone()} on_open={open.clone()} /> },
        None => html! {
            <div class="viewer-empty muted">
                <p>{"Choose a file in the tree, or a finding above, to read it here."}</p>
                <p>{"Keys: "}<kbd>{"/"}</kbd>{" search · "}<kbd>{"↑"}</kbd><kbd>{"↓"}</kbd>{" move · "}<kbd>{"Enter"}</kbd>{" open"}</p>
            </div>
        },
    }
}

/// A tree, or a note while its slices are still coming.
fn tree_pane(
    tree: Option<&Rc<FileTree>>,
    tab: Tab,
    selected: Option<AttrValue>,
    on_open: Callback<String>,
    marks: Option<Rc<Vec<FileStatus>>>,
) -> Html {
    match tree {
        Some(tree) => html! { <TreePane tree={tree.clone()} {tab} {selected} {on_open} {marks} /> },
        None => html! { <p class="muted empty">{"Listing the files…"}</p> },
    }
}

/// `/` anywhere but in a text field jumps to the search of the visible tree.
#[hook]
fn use_slash_searches(tab: Tab) {
    use_effect_with(tab, move |tab| {
        let tab = *tab;
        // The `/` must not be typed into the field it focuses.
        let listener = crate::components::on_keys(move |e| {
            if e.key() == "/"
                && !crate::components::typing(e)
                && !e.ctrl_key()
                && !e.meta_key()
                && let Some(input) = gloo::utils::document()
                    .get_element_by_id(&format!("search-{}", tab.as_str()))
                    .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
            {
                e.prevent_default();
                let _ = input.focus();
            }
        });
        move || drop(listener)
    });
}

/// Where the split between tree and viewer is kept in the browser.
const SPLIT_KEY: &str = "leakscope.split";

#[derive(Properties, PartialEq)]
struct SplitterProps {
    workspace: NodeRef,
}

/// The handle between the tree and the viewer: dragged, or moved with ← and →; where it
/// ends up is remembered (the core's `Split` keeps it in bounds). Its place is set through
/// the CSS object model (`--split`), which the page's policy allows.
#[function_component(Splitter)]
fn splitter(props: &SplitterProps) -> Html {
    let split = use_mut_ref(|| {
        gloo::utils::window()
            .local_storage()
            .ok()
            .flatten()
            .and_then(|s| s.get_item(SPLIT_KEY).ok().flatten())
            .map_or_else(Split::default, |v| Split::parse(&v))
    });
    let dragging = use_mut_ref(|| false);
    let rerender = use_force_update();
    let apply = {
        let (workspace, split) = (props.workspace.clone(), split.clone());
        Rc::new(move |to: Split, keep: bool| {
            *split.borrow_mut() = to;
            if let Some(el) = workspace.cast::<web_sys::HtmlElement>() {
                let _ = el.style().set_property("--split", &to.css());
            }
            if keep && let Ok(Some(storage)) = gloo::utils::window().local_storage() {
                let _ = storage.set_item(SPLIT_KEY, &to.stored());
            }
        })
    };
    {
        let (apply, split) = (apply.clone(), split.clone());
        use_effect_with((), move |_| {
            let at = *split.borrow();
            apply(at, false);
        });
    }
    let onpointerdown = {
        let dragging = dragging.clone();
        Callback::from(move |e: PointerEvent| {
            let handle: web_sys::Element = e.target_unchecked_into();
            let _ = handle.set_pointer_capture(e.pointer_id());
            *dragging.borrow_mut() = true;
        })
    };
    let onpointermove = {
        let (dragging, apply, workspace) =
            (dragging.clone(), apply.clone(), props.workspace.clone());
        Callback::from(move |e: PointerEvent| {
            if !*dragging.borrow() {
                return;
            }
            if let Some(el) = workspace.cast::<web_sys::Element>() {
                let r = el.get_bounding_client_rect();
                apply(
                    Split::dragged(f64::from(e.client_x()), r.left(), r.width()),
                    false,
                );
            }
        })
    };
    let onpointerup = {
        let (dragging, apply, split, rerender) =
            (dragging, apply.clone(), split.clone(), rerender.clone());
        Callback::from(move |_: PointerEvent| {
            if std::mem::take(&mut *dragging.borrow_mut()) {
                let at = *split.borrow();
                apply(at, true);
                rerender.force_update();
            }
        })
    };
    let onkeydown = {
        let (apply, split) = (apply, split.clone());
        Callback::from(move |e: KeyboardEvent| {
            let next = split.borrow().key(&e.key());
            if let Some(next) = next {
                e.prevent_default();
                apply(next, true);
                rerender.force_update();
            }
        })
    };
    let now = split.borrow().percent().to_string();
    html! {
        <div class="splitter" role="separator" aria-orientation="vertical" aria-label="Resize the file tree"
             aria-valuemin="20" aria-valuemax="80" aria-valuenow={now} tabindex="0" data-testid="splitter"
             {onpointerdown} {onpointermove} onpointerup={onpointerup.clone()} onpointercancel={onpointerup} {onkeydown}>
        </div>
    }
}

/// Puts the link in the address bar: a new history entry when another package is shown (so
/// that Back returns to the one before), the same entry when only the file changed.
fn write_hash(link: &Link) {
    let window = gloo::utils::window();
    let current = window.location().hash().unwrap_or_default();
    let hash = format!("#{link}");
    if current == hash {
        return;
    }
    let Ok(history) = window.history() else {
        return;
    };
    // An empty link leaves the address without its `#`.
    let url = if hash == "#" {
        window.location().pathname().unwrap_or_default()
    } else {
        hash
    };
    let was: Link = current.parse().unwrap_or_default();
    let null = wasm_bindgen::JsValue::NULL;
    let _ = if was.names_another_package_than(link) {
        history.push_state_with_url(&null, "", Some(&url))
    } else {
        history.replace_state_with_url(&null, "", Some(&url))
    };
}

#[derive(Properties, PartialEq)]
struct CopyLinkProps {
    /// The package was opened by name (else dropped: the link needs the same file).
    by_name: bool,
}

/// "Copy link": the address that reopens what is shown, on the clipboard (or, where the
/// browser does not allow that, in a field to copy from).
#[function_component(CopyLink)]
fn copy_link(props: &CopyLinkProps) -> Html {
    let state = use_state(|| None::<Result<(), String>>);
    let onclick = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            let href = gloo::utils::window().location().href().unwrap_or_default();
            let clipboard = gloo::utils::window().navigator().clipboard();
            let state = state.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let copied =
                    wasm_bindgen_futures::JsFuture::from(clipboard.write_text(&href)).await;
                state.set(Some(copied.map(|_| ()).map_err(|_| href)));
            });
        })
    };
    html! {
        <span class="copy-link">
            <button class="button secondary" data-testid="copy-link" {onclick}>{"Copy link"}</button>
            { match &*state {
                Some(Ok(())) => html! {
                    <span class="muted" role="status" data-testid="link-copied">
                        { if props.by_name {
                            "Link copied: it reopens this analysis, fetched again from the registry."
                        } else {
                            "Link copied: it reopens this view once the same file is dropped again (nothing was uploaded)."
                        } }
                    </span>
                },
                Some(Err(href)) => html! {
                    <input class="link-field" readonly=true value={href.clone()} data-testid="link-field" aria-label="The link" />
                },
                None => html! {},
            }}
        </span>
    }
}

/// The limits that stopped or changed the reading: the page reads with the defaults, which
/// only the command-line tool can raise.
#[function_component(LimitsApplied)]
fn limits_applied(props: &OverviewProps) -> Html {
    let hits = &props.overview.limits_hit;
    if hits.is_empty() {
        return html! {};
    }
    // The archive's own stop is the verdict's cause, said there: here only which limit.
    let item = |hit: &leakscope::limits::LimitHit| {
        html! {
            <li data-limit={hit.limit.option()} data-unchecked={hit.unchecked.to_string()}>
                <strong>{format!("{}: {}.", capitalise(hit.limit.what()), hit.limit.show(hit.value))}</strong>
                if hit.path.is_some() {
                    {format!(" {}", hit.message)}
                }
                <span class="muted">{" The command-line tool can raise it with "}<code>{hit.limit.option()}</code>{"."}</span>
            </li>
        }
    };
    html! {
        <section class="pane limits" data-testid="limits" aria-label="Limits that applied">
            <h3>{if hits.len() == 1 { "A limit applied" } else { "Limits that applied" }}</h3>
            <p class="muted">{"This page reads every package with Leakscope's default limits, which keep a hostile file from exhausting the tab."}</p>
            <ul>{ for hits.iter().map(item) }</ul>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct SummaryProps {
    overview: Rc<leakscope::protocol::Overview>,
    /// What the worker is making to save, if anything.
    saving: Option<Save>,
}

/// Counts and the downloads: JSON report, Markdown for a ticket, the recovered sources.
#[function_component(Summary)]
fn summary(props: &SummaryProps) -> Html {
    let o = &props.overview;
    let shared = use_context::<Shared>().expect("the page provides it");
    let saving = &props.saving;
    let save = |what: Save| {
        shared
            .dispatch
            .reform(move |_: MouseEvent| AppEvent::Save(what.clone()))
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
    let busy = |what: Save| *saving == Some(what);
    let none = o.recovered_files == 0;
    html! {
        <section class="summary" aria-label="Counts and downloads">
            { stat(count(o.files as u64), "files", Some("files-count")) }
            { stat(size(o.unpacked_bytes), "unpacked", None) }
            { stat(count(o.source_maps as u64), "source maps", None) }
            { stat(count(o.recovered_files as u64), &recovered_label, Some("recovered-count")) }
            { stat(size(o.recovered_bytes), "of recovered source", None) }
            <div class="downloads">
                <button class="button secondary" data-testid="download-report" onclick={save(Save::Json)}>{"JSON report"}</button>
                <button class="button secondary" data-testid="download-markdown" onclick={save(Save::Markdown)}>{"Markdown for a ticket"}</button>
                <button class="button secondary" data-testid="download-own-zip" onclick={save(Save::Zip { own_only: true })}
                        disabled={o.recovered_own == 0 || saving.is_some()}>
                    { if busy(Save::Zip { own_only: true }) { "Preparing .zip…" } else { "Own sources (.zip)" } }
                </button>
                <button class="button" data-testid="download-zip" onclick={save(Save::Zip { own_only: false })}
                        disabled={none || saving.is_some()}>
                    { if busy(Save::Zip { own_only: false }) { "Preparing .zip…" } else { "All recovered sources (.zip)" } }
                </button>
            </div>
        </section>
    }
}
