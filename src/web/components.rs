//! Small function components; each renders one part of the view model.

use std::collections::BTreeSet;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::Outcome;
use super::download::download_text;
use crate::finding::{Finding, Severity, count, plural, size};
use crate::report::Report;

#[derive(Properties, PartialEq)]
pub struct DropZoneProps {
    pub on_file: Callback<web_sys::File>,
    pub busy: bool,
    /// Smaller once a package is shown, so the results get the space.
    pub compact: bool,
}

#[function_component(DropZone)]
pub fn drop_zone(props: &DropZoneProps) -> Html {
    let hovering = use_state(|| false);
    let on_change = {
        let on_file = props.on_file.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                on_file.emit(file);
            }
            // Picking the same file again must fire `change` again.
            input.set_value("");
        })
    };
    let on_drag_over = {
        let hovering = hovering.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            hovering.set(true);
        })
    };
    let on_drag_leave = {
        let hovering = hovering.clone();
        Callback::from(move |_: DragEvent| hovering.set(false))
    };
    let on_drop = {
        let on_file = props.on_file.clone();
        let hovering = hovering.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            hovering.set(false);
            if let Some(file) = e
                .data_transfer()
                .and_then(|d| d.files())
                .and_then(|f| f.get(0))
            {
                on_file.emit(file);
            }
        })
    };
    let class = classes!(
        "dropzone",
        props.compact.then_some("compact"),
        (*hovering).then_some("hover"),
        props.busy.then_some("busy")
    );
    html! {
        <section {class} ondragover={on_drag_over} ondragenter={Callback::from(|e: DragEvent| e.prevent_default())}
                 ondragleave={on_drag_leave} ondrop={on_drop} aria-label="Choose a package">
            <div class="dz-text">
                <strong>{ if props.compact { "Drop another package here" } else { "Drop an npm package here" } }</strong>
                <span class="hint">{".tgz, .tar.gz or .tar, as made by npm pack or downloaded from the registry"}</span>
            </div>
            <label class="button">
                <input type="file" class="visually-hidden" data-testid="file-input"
                       accept=".tgz,.tar.gz,.tar,.gz,application/gzip,application/x-tar"
                       disabled={props.busy} onchange={on_change} />
                {"Choose a file…"}
            </label>
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct ProgressProps {
    pub name: String,
    pub step: &'static str,
    pub percent: u8,
}

#[function_component(Progress)]
pub fn progress(props: &ProgressProps) -> Html {
    html! {
        <div class="progress-box" aria-live="polite">
            <div class="progress-label">{format!("{} — {}…", props.name, props.step)}</div>
            <progress data-testid="progress" max="100" value={props.percent.to_string()}
                      aria-label="Analysis progress"></progress>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct OutcomeProps {
    pub outcome: Rc<Outcome>,
}

const VERDICT_TITLES: [(&str, &str); 5] = [
    ("critical", "Leaks source code"),
    ("high", "Leaks something serious"),
    ("medium", "Worth a look"),
    ("low", "Minor exposure"),
    ("clean", "No leak found"),
];

#[function_component(VerdictBanner)]
pub fn verdict_banner(props: &OutcomeProps) -> Html {
    let o = &props.outcome;
    let verdict = &o.analysis.verdict;
    let level = verdict.level.as_str();
    let title = VERDICT_TITLES
        .iter()
        .find(|(l, _)| *l == level)
        .map_or("", |(_, t)| t);
    let package = o.analysis.package.as_ref().map(|p| {
        format!(
            "{}{}",
            p.name.as_deref().unwrap_or("(unnamed package)"),
            p.version
                .as_deref()
                .map(|v| format!("@{v}"))
                .unwrap_or_default()
        )
    });
    let licence = o.analysis.package.as_ref().map(|p| p.licence.describe());
    html! {
        <section class={classes!("verdict", level)} data-testid="verdict" data-level={level}
                 data-ms={format!("{:.0}", o.millis)} role="status">
            <div class="verdict-badge">{level.to_uppercase()}</div>
            <div class="verdict-body">
                <h1>{title}</h1>
                <p class="verdict-summary">{&verdict.summary}</p>
                <p class="verdict-meta">
                    { package.unwrap_or_else(|| o.name.clone()) }
                    if let Some(l) = licence { <span>{format!(" · {l}")}</span> }
                    <span>{format!(" · analysed in {:.1} s", o.millis / 1000.0)}</span>
                </p>
            </div>
        </section>
    }
}

#[function_component(Summary)]
pub fn summary(props: &OutcomeProps) -> Html {
    let a = &props.outcome.analysis;
    let on_report = {
        let outcome = props.outcome.clone();
        Callback::from(move |_: MouseEvent| {
            let json = Report::new(&outcome.analysis).to_json();
            let name = outcome
                .name
                .trim_end_matches(".tgz")
                .trim_end_matches(".tar.gz")
                .trim_end_matches(".tar");
            download_text(&format!("{name}.leakscope.json"), "application/json", &json);
        })
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
        <section class="summary" aria-label="Counts">
            { stat(count(a.files as u64), "files", None) }
            { stat(size(a.unpacked_bytes), "unpacked", None) }
            { stat(count(a.source_maps.len() as u64), "source maps", None) }
            { stat(a.recovered.len().to_string(), "recovered source files", Some("recovered-count")) }
            { stat(size(a.recovered.bytes()), "of recovered source", None) }
            <button class="button secondary" data-testid="download-report" onclick={on_report}>
                {"Download JSON report"}
            </button>
        </section>
    }
}

#[function_component(FindingsList)]
pub fn findings_list(props: &OutcomeProps) -> Html {
    let findings = &props.outcome.analysis.findings;
    let (notable, notes): (Vec<&Finding>, Vec<&Finding>) =
        findings.iter().partition(|f| f.severity > Severity::Info);
    html! {
        <>
        <h2>{"Findings"}</h2>
        if notable.is_empty() {
            <p class="muted">{"Nothing worth reporting."}</p>
        }
        <ul class="findings">{ for notable.iter().map(|f| finding_item(f)) }</ul>
        if !notes.is_empty() {
            <details class="notes">
                <summary>{plural(notes.len(), "informational note", "informational notes")}</summary>
                <ul class="findings">{ for notes.iter().map(|f| finding_item(f)) }</ul>
            </details>
        }
        </>
    }
}

fn finding_item(f: &Finding) -> Html {
    let location = match f.line {
        Some(l) => format!("{}:{l}", f.path),
        None => f.path.clone(),
    };
    html! {
        <li class="finding" data-rule={f.rule}>
            <span class={classes!("sev", f.severity.as_str())}>{f.severity.as_str()}</span>
            <div>
                <div class="finding-path"><code>{location}</code></div>
                <div class="finding-message">{&f.message}</div>
                <div class="finding-remedy">{&f.remedy}</div>
            </div>
        </li>
    }
}

#[function_component(FileTreeView)]
pub fn file_tree_view(props: &OutcomeProps) -> Html {
    let tree = &props.outcome.tree;
    let expanded = use_state(|| tree.default_expanded());
    let rows = tree.rows(&expanded);
    let toggle = {
        let expanded = expanded.clone();
        Callback::from(move |id: usize| {
            let mut next: BTreeSet<usize> = (*expanded).clone();
            if !next.remove(&id) {
                next.insert(id);
            }
            expanded.set(next);
        })
    };
    let on_key = {
        let toggle = toggle.clone();
        Callback::from(move |e: KeyboardEvent| {
            if !matches!(e.key().as_str(), "Enter" | " ") {
                return;
            }
            let id = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|el| el.get_attribute("data-node"))
                .and_then(|n| n.parse().ok());
            if let Some(id) = id {
                e.prevent_default();
                toggle.emit(id);
            }
        })
    };
    html! {
        <>
        <h2>{"Package files"}</h2>
        <div class="tree" role="tree" onkeydown={on_key}>
            { for rows.iter().map(|row| {
                let node = tree.node(row.node);
                let severity = node.severity.map_or("none", Severity::as_str);
                let id = row.node;
                let onclick = node.is_dir.then(|| {
                    let toggle = toggle.clone();
                    Callback::from(move |_: MouseEvent| toggle.emit(id))
                });
                let icon = match (node.is_dir, row.expanded) {
                    (true, true) => "▾",
                    (true, false) => "▸",
                    _ => "",
                };
                html! {
                    <div class={classes!("tree-row", node.is_dir.then_some("dir"))} role="treeitem"
                         data-testid="tree-row" data-path={node.path.clone()} data-severity={severity}
                         data-node={id.to_string()} tabindex={node.is_dir.then_some("0")}
                         aria-expanded={node.is_dir.then(|| row.expanded.to_string())}
                         style={format!("padding-left: {}rem", 0.5 + row.depth as f32 * 1.1)} {onclick}>
                        <span class="caret" aria-hidden="true">{icon}</span>
                        <span class="tree-name">{&node.name}</span>
                        if severity != "none" && severity != "info" {
                            <span class={classes!("sev", severity)}>{severity}</span>
                        }
                        <span class="tree-size">{size(node.size)}</span>
                    </div>
                }
            }) }
        </div>
        </>
    }
}
