//! The file viewer: line numbers, colouring (one element per span, never markup strings),
//! findings under their lines, virtualised rows so a 13 MB file opens at once, binary files
//! described rather than dumped.

use std::rc::Rc;

use yew::prelude::*;

use super::Outcome;
use super::components::with_code;
use super::download::download_bytes;
use super::tree::Tab;
use super::virtual_list::VirtualList;
use crate::document::{TextDoc, describe_binary};
use crate::finding::{Finding, size};
use crate::recover::RecoveredSource;

const ROW_PX: u32 = 20;
const FINDING_PX: u32 = 52;

/// What the viewer was asked to show.
#[derive(Clone, PartialEq, Debug)]
pub struct Selection {
    pub tab: Tab,
    pub path: String,
    pub line: Option<u32>,
}

#[derive(Properties, PartialEq)]
pub struct ViewerProps {
    pub outcome: Rc<Outcome>,
    pub selection: Selection,
    pub on_open: Callback<Selection>,
}

/// The viewer for one selection: a header, then one text view, or several side by side
/// when a recovered path has different variants and the person asked to compare them.
#[function_component(Viewer)]
pub fn viewer(props: &ViewerProps) -> Html {
    let compare = use_state(|| false);
    let o = &props.outcome;
    let sel = &props.selection;
    let recovered = recovered_source(o, sel);
    let Some(bytes) = bytes_of(o, sel) else {
        return html! { <div class="viewer-empty muted">{format!("{} is not in this package.", sel.path)}</div> };
    };
    let variants: Vec<String> = recovered
        .map(|r| {
            o.analysis
                .recovered
                .files()
                .iter()
                .filter(|f| f.path == r.path)
                .map(|f| f.export_path().to_string())
                .collect()
        })
        .unwrap_or_default();
    let on_download = {
        let outcome = props.outcome.clone();
        let sel = sel.clone();
        Callback::from(move |_: MouseEvent| {
            let name = sel.path.rsplit('/').next().unwrap_or("file");
            if let Some(bytes) = bytes_of(&outcome, &sel) {
                download_bytes(name, "application/octet-stream", bytes);
            }
        })
    };
    let toggle_compare = {
        let compare = compare.clone();
        Callback::from(move |_: MouseEvent| compare.set(!*compare))
    };
    let comparing = *compare && variants.len() > 1;
    html! {
        <section class="viewer-box" aria-label="File viewer">
            <header class="viewer-head">
                <div class="viewer-title">
                    <code class="viewer-path">{&sel.path}</code>
                    <span class="muted">{format!(" · {}", size(bytes.len() as u64))}</span>
                    if let Some(r) = recovered {
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
                    <button class="button secondary small" data-testid="download-file" onclick={on_download}>{"Download file"}</button>
                </div>
            </header>
            if let Some(r) = recovered {
                <p class="viewer-from">
                    {"Recovered from "}
                    { for r.maps.iter().map(|m| {
                        let on_open = props.on_open.clone();
                        let map = m.clone();
                        let onclick = Callback::from(move |_: MouseEvent| on_open.emit(Selection { tab: Tab::Files, path: map.clone(), line: None }));
                        html! { <button class="link" data-testid="source-map-link" {onclick}>{m}</button> }
                    }) }
                    if variants.len() > 1 {
                        <span class="muted">{format!(" · this path has {} different versions", variants.len())}</span>
                    }
                </p>
            }
            if comparing {
                <div class="compare" style={format!("grid-template-columns: repeat({}, minmax(0, 1fr))", variants.len())}>
                    { for variants.iter().map(|v| html! {
                        <TextView outcome={props.outcome.clone()} selection={Selection { tab: Tab::Recovered, path: v.clone(), line: None }} />
                    }) }
                </div>
            } else {
                <TextView outcome={props.outcome.clone()} selection={sel.clone()} />
            }
        </section>
    }
}

fn recovered_source<'a>(o: &'a Outcome, sel: &Selection) -> Option<&'a RecoveredSource> {
    match sel.tab {
        Tab::Recovered => o
            .recovered_by_path
            .get(&sel.path)
            .map(|&i| &o.analysis.recovered.files()[i]),
        Tab::Files => None,
    }
}

/// The bytes of the selected file, from the package or from the recovered sources.
fn bytes_of<'a>(o: &'a Outcome, sel: &Selection) -> Option<&'a [u8]> {
    match sel.tab {
        Tab::Recovered => recovered_source(o, sel).map(|r| r.content.as_bytes()),
        Tab::Files => o.archive.find(&sel.path).map(|e| o.archive.bytes(e)),
    }
}

/// A file's contents as a document, made once per file.
struct Loaded {
    text: Rc<str>,
    doc: TextDoc,
    /// Findings with a line, by line.
    line_findings: Vec<(u32, Finding)>,
    /// Findings about the file as a whole.
    file_findings: Vec<Finding>,
}

enum Content {
    Text(Loaded),
    Binary(String),
    Missing,
}

fn load(o: &Outcome, sel: &Selection) -> Content {
    let Some(bytes) = bytes_of(o, sel) else {
        return Content::Missing;
    };
    let findings: Vec<(Option<u32>, Finding)> = match recovered_source(o, sel) {
        None => o
            .analysis
            .findings
            .iter()
            .filter(|f| f.path == sel.path)
            .map(|f| (f.line, f.clone()))
            .collect(),
        Some(r) => o
            .analysis
            .findings
            .iter()
            .filter_map(|f| {
                let at = f.source.as_ref().filter(|s| s.path == r.export_path())?;
                Some((Some(at.line), f.clone()))
            })
            .collect(),
    };
    if let Some(description) = describe_binary(bytes) {
        return Content::Binary(description);
    }
    // Secrets are masked on screen too; "Download file" still gives the exact bytes.
    let text: Rc<str> = crate::scan::secrets::mask(&String::from_utf8_lossy(bytes)).into();
    let doc = TextDoc::new(&sel.path, &text);
    let (with_line, without): (Vec<_>, Vec<_>) =
        findings.into_iter().partition(|(l, _)| l.is_some());
    let mut line_findings: Vec<(u32, Finding)> = with_line
        .into_iter()
        .map(|(l, f)| (l.unwrap_or(1), f))
        .collect();
    line_findings.sort_by_key(|(l, _)| *l);
    Content::Text(Loaded {
        text,
        doc,
        line_findings,
        file_findings: without.into_iter().map(|(_, f)| f).collect(),
    })
}

/// One entry of the virtual list: a row of text, or a finding under its line.
#[derive(Clone, Copy)]
enum Item {
    Row(usize),
    Finding(usize),
}

#[derive(Properties, PartialEq)]
pub struct TextViewProps {
    pub outcome: Rc<Outcome>,
    pub selection: Selection,
}

#[function_component(TextView)]
pub fn text_view(props: &TextViewProps) -> Html {
    let key = (props.selection.tab, props.selection.path.clone());
    let content = {
        let outcome = props.outcome.clone();
        let sel = props.selection.clone();
        use_memo(key, move |_| load(&outcome, &sel))
    };
    let loaded = match &*content {
        Content::Missing => return html! { <div class="viewer-empty muted">{"Not found."}</div> },
        Content::Binary(description) => {
            return html! {
                <div class="viewer" data-testid="viewer" data-path={props.selection.path.clone()} data-kind="binary">
                    <div class="binary" data-testid="viewer-binary">
                        <strong>{description.clone()}</strong>
                        <p class="muted">{"Binary files are described, not shown. Use “Download file” to inspect it with another tool."}</p>
                    </div>
                </div>
            };
        }
        Content::Text(loaded) => loaded,
    };
    // The list: rows, with each finding right after the last row of its line.
    let (items, offsets) = {
        let rows = loaded.doc.rows();
        let mut items = Vec::with_capacity(rows.len() + loaded.line_findings.len());
        let mut offsets = Vec::with_capacity(items.capacity() + 1);
        let mut y = 0u32;
        let mut next_finding = 0;
        for (i, row) in rows.iter().enumerate() {
            items.push(Item::Row(i));
            offsets.push(y);
            y += ROW_PX;
            let line_ends = rows.get(i + 1).is_none_or(|r| r.line != row.line);
            while line_ends
                && next_finding < loaded.line_findings.len()
                && loaded.line_findings[next_finding].0 <= row.line
            {
                items.push(Item::Finding(next_finding));
                offsets.push(y);
                y += FINDING_PX;
                next_finding += 1;
            }
        }
        offsets.push(y);
        (Rc::new(items), Rc::new(offsets))
    };
    let scroll_to = props
        .selection
        .line
        .and_then(|l| loaded.doc.row_of_line(l))
        .and_then(|r| {
            items
                .iter()
                .position(|it| matches!(it, Item::Row(i) if *i == r))
        });
    let render = {
        let content = content.clone();
        let items = items.clone();
        let target_line = props.selection.line;
        Callback::from(move |k: usize| {
            let Content::Text(loaded) = &*content else {
                return html! {};
            };
            match items[k] {
                Item::Row(i) => render_row(loaded, i, target_line),
                Item::Finding(f) => {
                    let (line, finding) = &loaded.line_findings[f];
                    html! {
                        <div class={classes!("line-finding", finding.severity.as_str())} data-testid="line-finding" data-line={line.to_string()}>
                            <span class={classes!("sev", finding.severity.as_str())}>{finding.severity.as_str()}</span>
                            <span class="line-finding-text">{&finding.message}{" "}<span class="muted">{ with_code(&finding.remedy) }</span></span>
                        </div>
                    }
                }
            }
        })
    };
    html! {
        <div class="viewer" data-testid="viewer" data-path={props.selection.path.clone()} data-kind="text">
            if !loaded.file_findings.is_empty() {
                <ul class="file-findings">
                    { for loaded.file_findings.iter().map(|f| html! {
                        <li data-testid="file-finding">
                            <span class={classes!("sev", f.severity.as_str())}>{f.severity.as_str()}</span>
                            <span>{&f.message}</span>
                        </li>
                    }) }
                </ul>
            }
            <div class="viewer-meta muted">{crate::finding::plural(loaded.doc.lines() as usize, "line", "lines")}</div>
            <VirtualList class="code-view" offsets={offsets} render={render} scroll_to={scroll_to} label="File contents" />
        </div>
    }
}

fn render_row(loaded: &Loaded, i: usize, target_line: Option<u32>) -> Html {
    let row = loaded.doc.rows()[i];
    let text = &loaded.text[row.start..row.end];
    let spans = loaded.doc.spans(&loaded.text, i);
    let code = html! {
        <span class="code">
            { for spans.iter().map(|s| html! { <span class={s.kind.class()}>{&text[s.start..s.end]}</span> }) }
        </span>
    };
    if row.continued {
        return html! {
            <div class="code-line continued" data-testid="code-cont"><span class="ln">{"↪"}</span>{code}</div>
        };
    }
    let target = target_line == Some(row.line);
    html! {
        <div class={classes!("code-line", target.then_some("target"))} data-testid="code-line" data-line={row.line.to_string()}>
            <span class="ln">{row.line}</span>{code}
        </div>
    }
}
