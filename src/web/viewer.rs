//! The file viewer: the worker lays the file out (the core's file view) and sends the rows
//! near the scroll position, coloured; this renders them, one element per span, with the
//! findings under their lines. A binary file is described, not dumped.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use yew::prelude::*;

use leakscope::document::file::{FileKind, FileMeta, Item, RecoveredInfo, TextMeta, ViewRow};
use leakscope::document::map::MapView;
use leakscope::document::origin::LineOrigin;
use leakscope::finding::Finding;
use leakscope::protocol::{Response, Save};
use leakscope::report::FolderCount;
use leakscope::text::{count, plural, size};
use leakscope::tree::Tab;
use leakscope::view::app::{AppEvent, ViewEvent};
use leakscope::view::link::Selection;

use crate::Shared;
use crate::components::with_code;
use crate::virtual_list::VirtualList;

const ROW_PX: u32 = 20;
const FINDING_PX: u32 = 52;
/// Rows asked of the worker at a time.
const PAGE: usize = 200;

#[derive(Properties, PartialEq)]
pub struct ViewerProps {
    pub selection: Selection,
    pub on_open: Callback<Selection>,
}

/// One file from the worker, in a viewer slot of its own.
#[derive(Clone)]
struct Slot {
    id: u32,
    meta: Option<Rc<FileMeta>>,
    rows: Rc<RefCell<HashMap<usize, ViewRow>>>,
    pages: Rc<RefCell<HashSet<usize>>>,
    /// Rows that have arrived, so that a new batch renders again.
    arrived: usize,
    /// What the worker said of the line chosen last: (line, its origin).
    origin: Option<Rc<(u32, LineOrigin)>>,
}

impl PartialEq for Slot {
    fn eq(&self, other: &Slot) -> bool {
        self.id == other.id
            && self.meta == other.meta
            && self.arrived == other.arrived
            && self.origin == other.origin
    }
}

/// Opens `tab`/`path` in a slot of its own and keeps its rows as they arrive. Each file
/// gets a fresh slot, so that rows of a file shown before can never land in this one.
#[hook]
fn use_slot(tab: Tab, path: String) -> Slot {
    let shared = use_context::<Shared>().expect("the page provides it");
    let meta = use_state(|| None::<Rc<FileMeta>>);
    let origin = use_state(|| None::<Rc<(u32, LineOrigin)>>);
    let id = use_state(|| 0u32);
    let rows = use_mut_ref(HashMap::new);
    let pages = use_mut_ref(HashSet::new);
    let rerender = use_force_update();
    {
        let (bridge, dispatch) = (shared.bridge.clone(), shared.dispatch.clone());
        let (meta, id, rows, pages) = (meta.clone(), id.clone(), rows.clone(), pages.clone());
        let origin = origin.clone();
        use_effect_with((shared.session, tab, path), move |(_, tab, path)| {
            meta.set(None);
            origin.set(None);
            rows.borrow_mut().clear();
            pages.borrow_mut().clear();
            let (set_meta, set_origin, arrived) = (meta.setter(), origin.setter(), rows.clone());
            let slot = bridge.view(Callback::from(move |response| match response {
                Response::File { meta, .. } => set_meta.set(Some(Rc::from(meta))),
                Response::Origin { line, origin, .. } => {
                    set_origin.set(Some(Rc::new((line, origin))))
                }
                Response::Rows { from, rows, .. } => {
                    arrived
                        .borrow_mut()
                        .extend(rows.into_iter().enumerate().map(|(i, r)| (from + i, r)));
                    rerender.force_update();
                }
                _ => {}
            }));
            id.set(slot);
            dispatch.emit(AppEvent::View(ViewEvent::Open {
                view: slot,
                tab: *tab,
                path: path.clone(),
            }));
            move || {
                bridge.forget_view(slot);
                dispatch.emit(AppEvent::View(ViewEvent::Close { view: slot }));
            }
        });
    }
    let arrived = rows.borrow().len();
    Slot {
        id: *id,
        meta: (*meta).clone(),
        rows,
        pages,
        arrived,
        origin: (*origin).clone(),
    }
}

/// A line chosen in a text (a click on its number, or a link to it) is asked about: where
/// it came from, or what was made from it (the worker decodes the map then). Returns what
/// a click on a line number does: choose that line.
#[hook]
fn use_line_origin(slot: &Slot, sel: &Selection, on_open: &Callback<Selection>) -> Callback<u32> {
    let shared = use_context::<Shared>().expect("the page provides it");
    let text = matches!(
        slot.meta.as_deref().map(|m| &m.kind),
        Some(FileKind::Text(_))
    );
    let (dispatch, view, tab, path) = (shared.dispatch, slot.id, sel.tab, sel.path.clone());
    use_effect_with((view, sel.line, text), move |(view, line, text)| {
        if let (Some(line), true) = (*line, *text) {
            dispatch.emit(AppEvent::View(ViewEvent::Line {
                view: *view,
                tab,
                path,
                line,
            }));
        }
    });
    let path = sel.path.clone();
    on_open.reform(move |line: u32| Selection {
        tab,
        path: path.clone(),
        line: Some(line),
    })
}

/// The viewer for one selection: a header, then one text view, or several side by side
/// when a recovered path has different versions and the person asked to compare them.
#[function_component(Viewer)]
pub fn viewer(props: &ViewerProps) -> Html {
    let sel = &props.selection;
    let shared = use_context::<Shared>().expect("the page provides it");
    let slot = use_slot(sel.tab, sel.path.clone());
    let compare = use_state(|| false);
    let raw = use_state(|| false);
    {
        let raw = raw.clone();
        use_effect_with(sel.path.clone(), move |_| raw.set(false));
    }
    let on_line = use_line_origin(&slot, sel, &props.on_open);
    let Some(meta) = slot.meta.clone() else {
        return html! { <div class="viewer-empty muted" data-testid="viewer-loading">{"Opening…"}</div> };
    };
    if meta.kind == FileKind::Missing {
        return html! { <div class="viewer-empty muted">{format!("{} is not in this package.", sel.path)}</div> };
    }
    let variants = meta
        .recovered
        .as_ref()
        .map(|r| r.variants.clone())
        .unwrap_or_default();
    let on_download = {
        let what = Save::File {
            tab: sel.tab,
            path: sel.path.clone(),
        };
        shared
            .dispatch
            .reform(move |_: MouseEvent| AppEvent::Save(what.clone()))
    };
    let toggle_compare = {
        let compare = compare.clone();
        Callback::from(move |_: MouseEvent| compare.set(!*compare))
    };
    let comparing = *compare && variants.len() > 1;
    // A map opens as its summary; its JSON is a click away.
    let summary = meta
        .map
        .clone()
        .filter(|_| !*raw && sel.line.is_none())
        .map(Rc::new);
    let show_raw = {
        let raw = raw.clone();
        Callback::from(move |_: MouseEvent| raw.set(!*raw))
    };
    html! {
        <section class="viewer-box" aria-label="File viewer">
            <header class="viewer-head">
                <div class="viewer-title">
                    <code class="viewer-path">{&sel.path}</code>
                    <span class="muted">{format!(" · {}", size(meta.size))}</span>
                    if let Some(r) = &meta.recovered {
                        <span class={classes!("tag", (!r.first_party).then_some("dim"))}>
                            { if r.first_party { "written by the package's authors" } else { "dependency or runtime" } }
                        </span>
                    }
                </div>
                <div class="viewer-actions">
                    if variants.len() > 1 {
                        <button class="button secondary small" data-testid="variant-compare" onclick={toggle_compare}
                                aria-pressed={comparing.to_string()}>
                            { if comparing { "Show one version".to_string() } else { format!("Compare {} versions", variants.len()) } }
                        </button>
                    }
                    if meta.map.is_some() {
                        <button class="button secondary small" data-testid="show-raw" onclick={show_raw}
                                aria-pressed={raw.to_string()}>
                            { if *raw { "Show the summary" } else { "Show raw JSON" } }
                        </button>
                    }
                    <button class="button secondary small" data-testid="download-file" onclick={on_download}>{"Download file"}</button>
                </div>
            </header>
            if let Some(r) = &meta.recovered {
                { recovered_from(r, &props.on_open) }
            }
            if let Some(said) = slot.origin.as_ref().filter(|o| Some(o.0) == sel.line) {
                { line_origin(said.0, &said.1, &props.on_open) }
            }
            if let Some(map) = summary {
                <MapSummary {map} on_open={props.on_open.clone()} findings={match &meta.kind {
                    FileKind::Text(t) => t.file_findings.clone(),
                    _ => Vec::new(),
                }} />
            } else if comparing {
                <div class="compare">
                    { for variants.iter().map(|v| html! {
                        <Other tab={Tab::Recovered} path={v.clone()} />
                    }) }
                </div>
            } else {
                <Body slot={slot.clone()} meta={meta.clone()} line={sel.line} {on_line} />
            }
        </section>
    }
}

/// Where a recovered source came from: the maps that embed it, each a link, and how many
/// versions its path has.
fn recovered_from(r: &RecoveredInfo, on_open: &Callback<Selection>) -> Html {
    html! {
        <p class="viewer-from">
            {"Recovered from "}
            { for r.maps.iter().map(|m| {
                let target = Selection { tab: Tab::Files, path: m.clone(), line: None };
                let onclick = on_open.reform(move |_: MouseEvent| target.clone());
                html! { <button class="link" data-testid="source-map-link" {onclick}>{m}</button> }
            }) }
            if r.variants.len() > 1 {
                <span class="muted">{format!(" · this path has {} different versions", r.variants.len())}</span>
            }
        </p>
    }
}

/// The findings about a file as a whole, above its contents.
fn file_findings(findings: &[Finding]) -> Html {
    if findings.is_empty() {
        return html! {};
    }
    html! {
        <ul class="file-findings">
            { for findings.iter().map(|f| html! {
                <li data-testid="file-finding">
                    <span class={classes!("sev", f.severity.as_str())}>{f.severity.as_str()}</span>
                    <span>{ with_code(&f.message) }</span>
                </li>
            }) }
        </ul>
    }
}

#[derive(Properties, PartialEq)]
struct MapSummaryProps {
    map: Rc<MapView>,
    /// What the findings say about the map, first.
    findings: Vec<Finding>,
    on_open: Callback<Selection>,
}

/// What a source map is, before its JSON: the core's facts, whose code it embeds per top
/// folder, what its paths give away, and each recovered source a click away.
#[function_component(MapSummary)]
fn map_summary(props: &MapSummaryProps) -> Html {
    let m = &props.map;
    let folders = |title: &str, folders: &[FolderCount], testid: &'static str| {
        if folders.is_empty() {
            return html! {};
        }
        html! {
            <table class="map-folders" data-testid={testid}>
                <caption>{title.to_string()}</caption>
                <thead><tr><th scope="col">{"Folder"}</th><th scope="col">{"Files"}</th><th scope="col">{"Size"}</th></tr></thead>
                <tbody>
                    { for folders.iter().map(|f| html! {
                        <tr><td><code>{f.folder.clone()}</code></td><td>{count(f.files as u64)}</td><td>{size(f.bytes)}</td></tr>
                    }) }
                </tbody>
            </table>
        }
    };
    let link = |(path, own): &(String, bool)| {
        let target = Selection {
            tab: Tab::Recovered,
            path: path.clone(),
            line: None,
        };
        let onclick = props.on_open.reform(move |_: MouseEvent| target.clone());
        html! {
            <li><button class={classes!("link", (!*own).then_some("dim"))} data-testid="map-source" {onclick}>{path.clone()}</button></li>
        }
    };
    html! {
        <div class="map-summary" data-testid="map-summary">
            { file_findings(&props.findings) }
            <p class="map-what">{ with_code(&m.what) }</p>
            if let Some(e) = &m.error {
                <p class="banner error">{format!("It could not be read: {e}")}</p>
            }
            <dl class="map-facts">
                { for m.facts.iter().map(|(k, v)| html! { <><dt>{k.clone()}</dt><dd>{ with_code(v) }</dd></> }) }
                if !m.personal.is_empty() {
                    <dt>{"Gives away"}</dt>
                    <dd class="personal">{ for m.personal.iter().map(|p| html! { <code>{p.clone()}</code> }) }</dd>
                }
            </dl>
            <div class="map-tables">
                { folders("Written by the package's authors", &m.own_folders, "map-own") }
                { folders("Dependencies and runtime", &m.dependency_folders, "map-deps") }
            </div>
            if !m.problems.is_empty() {
                <details class="notes">
                    <summary>{plural(m.problems.len(), "way it breaks the spec", "ways it breaks the spec")}</summary>
                    <ul>{ for m.problems.iter().map(|p| html! { <li>{p.clone()}</li> }) }</ul>
                </details>
            }
            if m.recovered_total > 0 {
                <h3>{format!("Recovered from it: {}", plural(m.recovered_total, "file", "files"))}</h3>
                <ul class="map-sources">{ for m.recovered.iter().map(link) }</ul>
                if m.recovered_total > m.recovered.len() {
                    <p class="muted">{format!("and {} more, in the Recovered sources tab.", count((m.recovered_total - m.recovered.len()) as u64))}</p>
                }
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct OtherProps {
    tab: Tab,
    path: String,
}

/// Another file beside the first (a variant being compared), in its own slot.
#[function_component(Other)]
fn other(props: &OtherProps) -> Html {
    let slot = use_slot(props.tab, props.path.clone());
    match slot.meta.clone() {
        Some(meta) => {
            html! { <Body slot={slot} meta={meta} line={None::<u32>} on_line={Callback::noop()} /> }
        }
        None => html! { <div class="viewer-empty muted">{"Opening…"}</div> },
    }
}

#[derive(Properties, PartialEq)]
struct BodyProps {
    slot: Slot,
    meta: Rc<FileMeta>,
    line: Option<u32>,
    /// A line number was clicked.
    on_line: Callback<u32>,
}

/// A file's contents: rows and findings, or the description of a binary file.
#[function_component(Body)]
fn body(props: &BodyProps) -> Html {
    let meta = &props.meta;
    match &meta.kind {
        // Keyed by file: another file is a fresh list that asks for its own rows.
        FileKind::Text(text) => html! {
            <TextBody key={format!("{}:{}", meta.tab.as_str(), meta.path)} slot={props.slot.clone()}
                      path={meta.path.clone()} text={Rc::new(text.clone())} line={props.line}
                      on_line={props.on_line.clone()} />
        },
        FileKind::Binary(description) => html! {
            <div class="viewer" data-testid="viewer" data-path={meta.path.clone()} data-kind="binary">
                <div class="binary" data-testid="viewer-binary">
                    <strong>{description.clone()}</strong>
                    <p class="muted">{"Binary files are described, not shown. Use “Download file” to inspect it with another tool."}</p>
                </div>
            </div>
        },
        FileKind::Missing => html! {},
    }
}

#[derive(Properties, PartialEq)]
struct TextBodyProps {
    slot: Slot,
    path: String,
    text: Rc<TextMeta>,
    line: Option<u32>,
    on_line: Callback<u32>,
}

#[function_component(TextBody)]
fn text_body(props: &TextBodyProps) -> Html {
    let shared = use_context::<Shared>().expect("the page provides it");
    let text = &props.text;
    let (items, offsets) = (*use_memo(text.clone(), |text| {
        let items = Rc::new(text.items());
        let mut offsets = Vec::with_capacity(items.len() + 1);
        let mut y = 0u32;
        for item in items.iter() {
            offsets.push(y);
            y += match item {
                Item::Row(_) => ROW_PX,
                Item::Finding(_) => FINDING_PX,
            };
        }
        offsets.push(y);
        (items, Rc::new(offsets))
    }))
    .clone();
    let scroll_to = props.line.map(|l| {
        let row = text.row_of_line(l);
        items
            .iter()
            .position(|it| *it == Item::Row(row))
            .unwrap_or(0)
    });
    // Ask for the pages of rows around what is in view.
    let on_range = {
        let slot = props.slot.clone();
        let items = items.clone();
        let dispatch = shared.dispatch.clone();
        Callback::from(move |(first, last): (usize, usize)| {
            let rows_of = |k: usize| match items.get(k) {
                Some(Item::Row(r)) => Some(*r),
                Some(Item::Finding(_)) => None,
                None => None,
            };
            let from = (first..last).find_map(rows_of).unwrap_or(0);
            let to = (first..last).rev().find_map(rows_of).unwrap_or(0) + 1;
            for page in from / PAGE..to.div_ceil(PAGE) {
                if slot.pages.borrow_mut().insert(page) {
                    dispatch.emit(AppEvent::View(ViewEvent::Rows {
                        view: slot.id,
                        from: page * PAGE,
                        to: (page + 1) * PAGE,
                    }));
                }
            }
        })
    };
    let render = {
        let items = items.clone();
        let rows = props.slot.rows.clone();
        let text = text.clone();
        let target = props.line;
        let on_line = props.on_line.clone();
        Callback::from(move |k: usize| match items[k] {
            Item::Row(r) => match rows.borrow().get(&r) {
                Some(row) => render_row(row, target, &on_line),
                None => html! { <div class="code-line pending"><span class="ln"></span></div> },
            },
            Item::Finding(f) => {
                let (_, finding) = &text.line_findings[f];
                line_finding(finding)
            }
        })
    };
    html! {
        <div class="viewer" data-testid="viewer" data-path={props.path.clone()} data-kind="text">
            { file_findings(&text.file_findings) }
            <div class="viewer-meta muted">{plural(text.lines as usize, "line", "lines")}</div>
            <VirtualList class="code-view" {offsets} {render} {scroll_to} {on_range} label="File contents" />
        </div>
    }
}

fn line_finding(finding: &Finding) -> Html {
    let line = finding
        .source
        .as_ref()
        .map_or(finding.line, |s| Some(s.line));
    html! {
        // The row has one height (the code's virtual list): the text is cut at two lines
        // with an ellipsis, and said whole on hover and in the findings above.
        <div class={classes!("line-finding", finding.severity.as_str())} data-testid="line-finding"
             data-line={line.map(|l| l.to_string())}
             title={format!("{} {}", finding.message, finding.remedy)}>
            <span class={classes!("sev", finding.severity.as_str())}>{finding.severity.as_str()}</span>
            <span class="line-finding-text">{&finding.message}{" "}<span class="muted">{ with_code(&finding.remedy) }</span></span>
        </div>
    }
}

fn render_row(row: &ViewRow, target_line: Option<u32>, on_line: &Callback<u32>) -> Html {
    let code = html! {
        <span class="code">
            { for row.spans.iter().map(|(kind, text)| html! { <span class={kind.class()}>{text}</span> }) }
        </span>
    };
    if row.continued {
        return html! {
            <div class="code-line continued" data-testid="code-cont"><span class="ln">{"↪"}</span>{code}</div>
        };
    }
    let target = target_line == Some(row.line);
    let line = row.line;
    let onclick = on_line.reform(move |_: MouseEvent| line);
    html! {
        <div class={classes!("code-line", target.then_some("target"))} data-testid="code-line" data-line={row.line.to_string()}>
            // A button: the line is chosen (where it came from) from the keyboard too.
            <button type="button" class="ln" data-testid="line-number" {onclick}
                    aria-label={format!("Line {line}: where it came from")}>{line}</button>
            {code}
        </div>
    }
}

/// What the worker said of the chosen line: where it came from (a link to that line of
/// the recovered source), the generated lines made from it (each a link), or why nothing.
fn line_origin(line: u32, origin: &LineOrigin, on_open: &Callback<Selection>) -> Html {
    let link = |tab: Tab, path: &str, at: u32, label: String, testid: &'static str| {
        let target = Selection {
            tab,
            path: path.to_string(),
            line: Some(at),
        };
        let onclick = on_open.reform(move |_: MouseEvent| target.clone());
        html! {
            <button class="link" data-testid={testid} data-path={path.to_string()} data-line={at.to_string()} {onclick}>
                {label}
            </button>
        }
    };
    html! {
        <p class="viewer-origin" data-testid="line-origin">
            { match origin {
                LineOrigin::From(o) => html! {
                    <>
                        {format!("Line {line} comes from ")}
                        { link(Tab::Recovered, &o.path, o.line, format!("{}:{}:{}", o.path, o.line, o.column), "origin") }
                        if let Some(name) = &o.name { <span class="muted">{format!(" ({name})")}</span> }
                    </>
                },
                LineOrigin::Made(places) if places.is_empty() => html! {
                    <span class="muted">{format!("No generated line comes from line {line}.")}</span>
                },
                LineOrigin::Made(places) => html! {
                    <>
                        {format!("Line {line} became ")}
                        { for places.iter().enumerate().map(|(i, g)| html! {
                            <>
                                if i > 0 { {", "} }
                                { link(Tab::Files, &g.path, g.line, format!("{}:{}", g.path, g.line), "generated") }
                            </>
                        }) }
                    </>
                },
                LineOrigin::Unknown(why) => html! { <span class="muted">{why.clone()}</span> },
            }}
        </p>
    }
}
