//! Small function components; each renders one part of the view model.

use std::rc::Rc;

use yew::prelude::*;

use leakscope::finding::{Entry, Finding, Presented, Severity};
use leakscope::protocol::Overview;
use leakscope::session::Progress as Progressed;
use leakscope::text::{count, plural};
use leakscope::view::app::progress_label;
use leakscope::view::tree::Tab;

use leakscope::view::link::Selection;

#[derive(Properties, PartialEq)]
pub struct DropZoneProps {
    pub on_files: Callback<web_sys::FileList>,
    pub busy: bool,
    /// Smaller once a package is shown, so the results get the space.
    pub compact: bool,
}

#[function_component(DropZone)]
pub fn drop_zone(props: &DropZoneProps) -> Html {
    let hovering = use_state(|| false);
    let on_change = {
        let on_files = props.on_files.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            if let Some(files) = input.files() {
                on_files.emit(files);
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
    // The file itself is taken by the page-wide drop handler, wherever it lands.
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
                       onchange={on_change} />
                {"Choose a file…"}
            </label>
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct ProgressProps {
    pub name: String,
    pub progress: Progressed,
    pub on_cancel: Callback<MouseEvent>,
}

#[function_component(Progress)]
pub fn progress(props: &ProgressProps) -> Html {
    let percent = (props.progress.fraction() * 100.0).round();
    html! {
        <div class="progress-box" aria-live="polite">
            <div class="progress-label">
                <span>{format!("{} — {}", props.name, progress_label(&props.progress))}</span>
                <button class="button secondary small" data-testid="cancel" onclick={props.on_cancel.clone()}>
                    {"Cancel"}<kbd>{"Esc"}</kbd>
                </button>
            </div>
            <progress data-testid="progress" max="100" value={percent.to_string()}
                      aria-label="Analysis progress"></progress>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct OverviewProps {
    pub overview: Rc<Overview>,
}

#[function_component(VerdictBanner)]
pub fn verdict_banner(props: &OverviewProps) -> Html {
    let o = &props.overview;
    let verdict = &o.verdict;
    let level = verdict.level.as_str();
    // From the moment the file was chosen to this first render, as the page measures it.
    let shared = use_context::<crate::Shared>().expect("the page provides it");
    let ms = *use_memo((), move |_| crate::now() - shared.started.get());
    let phases = o
        .phases
        .iter()
        .map(|(name, ms)| format!("{name} {ms} ms"))
        .collect::<Vec<_>>()
        .join(", ");
    html! {
        <section class={classes!("verdict", level)} data-testid="verdict" data-level={level} role="status"
                 data-ms={format!("{ms:.0}")} data-phases={phases.clone()}>
            <div class="verdict-badge" title={badge_title(o)}>{level.to_uppercase()}</div>
            <div class="verdict-body">
                <h1>{&verdict.title}</h1>
                <p class="verdict-summary">{&verdict.summary}</p>
                <dl class="verdict-advice">
                    <dt>{"What this means"}</dt><dd>{ with_code(&verdict.means) }</dd>
                    <dt>{"What to do"}</dt><dd>{ with_code(&verdict.todo) }</dd>
                </dl>
                <p class="verdict-meta">
                    { o.label.clone() }
                    if let Some(l) = &o.licence { <span>{format!(" · {l}")}</span> }
                    <span title={phases}>{format!(" · analysed in {:.1} s", ms / 1000.0)}</span>
                </p>
            </div>
        </section>
    }
}

/// The badge's tooltip: what the level means.
fn badge_title(o: &Overview) -> String {
    use leakscope::finding::Level;
    let severity = match o.verdict.level {
        Level::Critical => Severity::Critical,
        Level::High => Severity::High,
        Level::Medium => Severity::Medium,
        Level::Low => Severity::Low,
        Level::Clean => return "Nothing worth reporting was found.".into(),
        Level::Incomplete => return "The package could not be read to its end.".into(),
    };
    severity.meaning().to_string()
}

#[derive(Properties, PartialEq)]
pub struct FindingsListProps {
    pub overview: Rc<Overview>,
    pub on_open: Callback<Selection>,
}

#[function_component(FindingsList)]
pub fn findings_list(props: &FindingsListProps) -> Html {
    let presented = Presented::of(&props.overview.findings);
    html! {
        <>
        <h2>{"Findings"}</h2>
        if presented.notable.is_empty() {
            <p class="muted">{"Nothing worth reporting."}</p>
        }
        <ul class="findings">{ entries(&presented.notable, &props.on_open) }</ul>
        if presented.notes_count > 0 {
            <details class="notes">
                <summary>{plural(presented.notes_count, "informational note", "informational notes")}</summary>
                <ul class="findings">{ entries(&presented.notes, &props.on_open) }</ul>
            </details>
        }
        </>
    }
}

fn severity_tag(severity: Severity) -> Html {
    html! {
        <span class={classes!("sev", severity.as_str())} title={severity.meaning()}>{severity.as_str()}</span>
    }
}

/// Findings one by one, or many of one rule as one entry that opens.
fn entries(entries: &[Entry], on_open: &Callback<Selection>) -> Html {
    entries
        .iter()
        .map(|entry| match entry {
            Entry::One(f) => finding_item(f, on_open),
            Entry::Many(g) => html! {
                <Group findings={Rc::new(g.findings.iter().map(|f| (*f).clone()).collect::<Vec<_>>())}
                       on_open={on_open.clone()} />
            },
        })
        .collect()
}

#[derive(Properties, PartialEq)]
struct GroupProps {
    findings: Rc<Vec<Finding>>,
    on_open: Callback<Selection>,
}

/// Many findings of one rule: one entry, whose list is only made when it is opened (a
/// package can have thousands).
#[function_component(Group)]
fn group(props: &GroupProps) -> Html {
    let open = use_state(|| false);
    let first = &props.findings[0];
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |e: Event| {
            let details: web_sys::HtmlDetailsElement = e.target_unchecked_into();
            open.set(details.open());
        })
    };
    html! {
        <li class="finding group" data-rule={first.rule.as_str()}>
            { severity_tag(first.severity) }
            <div>
                <div class="finding-path"><strong>{plural(props.findings.len(), "file", "files")}</strong>
                    <span class="muted">{format!(" · {}", first.rule)}</span></div>
                <div class="finding-message">{format!("For example {}: {}", first.location(), first.message)}</div>
                <div class="finding-remedy">{ with_code(&first.remedy) }</div>
                <details {ontoggle}>
                    <summary>{format!("Show all {}", count(props.findings.len() as u64))}</summary>
                    if *open {
                        <ul class="findings">{ for props.findings.iter().map(|f| finding_item(f, &props.on_open)) }</ul>
                    }
                </details>
            </div>
        </li>
    }
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
    let onclick = on_open.reform(move |_: MouseEvent| target.clone());
    html! {
        <li class="finding" data-rule={f.rule.as_str()}>
            { severity_tag(f.severity) }
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
