//! Small function components; each renders one part of the view model.

use std::rc::Rc;

use yew::prelude::*;

use super::Outcome;
use super::tree::Tab;
use super::viewer::Selection;
use crate::finding::{Finding, Severity, plural};
use crate::view::{GROUP_AT, group_findings};

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
    // A file input opens on Space only; people press Enter too.
    let open_on_enter = Callback::from(|e: KeyboardEvent| {
        if e.key() == "Enter" {
            e.prevent_default();
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            input.click();
        }
    });
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
    // The file itself is taken by the page-wide drop handler (the App), wherever it lands.
    let on_drop = {
        let hovering = hovering.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            hovering.set(false);
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
                <input type="file" class="visually-hidden" data-testid="file-input" onkeydown={open_on_enter}
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

#[function_component(VerdictBanner)]
pub fn verdict_banner(props: &OutcomeProps) -> Html {
    let o = &props.outcome;
    let verdict = &o.analysis.verdict;
    let level = verdict.level.as_str();
    let title = &verdict.title;
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

#[derive(Properties, PartialEq)]
pub struct FindingsListProps {
    pub outcome: Rc<Outcome>,
    pub on_open: Callback<Selection>,
}

#[function_component(FindingsList)]
pub fn findings_list(props: &FindingsListProps) -> Html {
    let findings = &props.outcome.analysis.findings;
    let (notable, notes): (Vec<Finding>, Vec<Finding>) = findings
        .iter()
        .cloned()
        .partition(|f| f.severity > Severity::Info);
    html! {
        <>
        <h2>{"Findings"}</h2>
        if notable.is_empty() {
            <p class="muted">{"Nothing worth reporting."}</p>
        }
        <ul class="findings">{ grouped(&notable, &props.on_open) }</ul>
        if !notes.is_empty() {
            <details class="notes">
                <summary>{plural(notes.len(), "informational note", "informational notes")}</summary>
                <ul class="findings">{ grouped(&notes, &props.on_open) }</ul>
            </details>
        }
        </>
    }
}

/// Findings one by one, except that many of one rule become one entry that opens.
fn grouped(findings: &[Finding], on_open: &Callback<Selection>) -> Html {
    group_findings(findings)
        .into_iter()
        .map(|g| {
            if g.findings.len() < GROUP_AT {
                return g.findings.iter().map(|f| finding_item(f, on_open)).collect::<Html>();
            }
            let first = g.findings[0];
            html! {
                <li class="finding group" data-rule={g.rule}>
                    <span class={classes!("sev", g.severity.as_str())}>{g.severity.as_str()}</span>
                    <div>
                        <div class="finding-path"><strong>{plural(g.findings.len(), "file", "files")}</strong>
                            <span class="muted">{format!(" · {}", g.rule)}</span></div>
                        <div class="finding-message">{format!("For example {}: {}", first.location(), first.message)}</div>
                        <div class="finding-remedy">{ with_code(&first.remedy) }</div>
                        <details>
                            <summary>{format!("Show all {}", g.findings.len())}</summary>
                            <ul class="findings">{ for g.findings.iter().map(|f| finding_item(f, on_open)) }</ul>
                        </details>
                    </div>
                </li>
            }
        })
        .collect()
}

fn finding_item(f: &Finding, on_open: &Callback<Selection>) -> Html {
    let location = match &f.source {
        Some(s) => format!("{} → {}:{}", f.path, s.path, s.line),
        None => f.location(),
    };
    // A secret inside a recovered source opens that source at its line.
    let target = match &f.source {
        Some(s) => Selection {
            tab: Tab::Recovered,
            path: s.path.clone(),
            line: Some(s.line),
        },
        None => Selection {
            tab: Tab::Files,
            path: f.path.clone(),
            line: f.line,
        },
    };
    let onclick = {
        let on_open = on_open.clone();
        Callback::from(move |_: MouseEvent| on_open.emit(target.clone()))
    };
    html! {
        <li class="finding" data-rule={f.rule}>
            <span class={classes!("sev", f.severity.as_str())}>{f.severity.as_str()}</span>
            <div>
                <div class="finding-path"><button class="link" data-testid="finding" {onclick}><code>{location}</code></button></div>
                <div class="finding-message">{ with_code(&f.message) }</div>
                <div class="finding-remedy">{ with_code(&f.remedy) }</div>
            </div>
        </li>
    }
}

/// What the page checks, for someone who has not dropped anything yet.
#[function_component(Intro)]
pub fn intro() -> Html {
    let items = [
        (
            "Source maps",
            "Orphaned, inline and index maps; how many original files their sourcesContent embeds, and whose code it is.",
        ),
        (
            "Shipped sources",
            "TypeScript beside the build, .env files, .npmrc tokens, private keys, .git folders, logs and coverage reports.",
        ),
        (
            "Secrets",
            "Over 30 kinds of keys and tokens (cloud, GitHub, npm, Slack, Stripe, OpenAI, private keys, JWTs), also inside recovered sources.",
        ),
        (
            "Private",
            "The package is read by WebAssembly in this tab. Nothing is uploaded; no request leaves the page.",
        ),
    ];
    html! {
        <section class="intro" aria-label="What Leakscope checks">
            { for items.iter().map(|(title, text)| html! {
                <div class="intro-item"><h2>{*title}</h2><p>{*text}</p></div>
            }) }
        </section>
    }
}

/// Text whose `backticked` parts are code: each part becomes an element, never markup.
pub fn with_code(text: &str) -> Html {
    text.split('`')
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 1 {
                html! { <code>{part}</code> }
            } else {
                html! { {part} }
            }
        })
        .collect()
}
