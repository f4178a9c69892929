//! Small function components; each renders one part of the view model.

use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use leakscope::finding::{Finding, Grouped, Presented, Severity};
use leakscope::package::Ecosystem;
use leakscope::packing::Shipped;
use leakscope::protocol::Overview;
use leakscope::text::{capitalise, count, plural};
use leakscope::tree::Tab;

use leakscope::view::link::Selection;

#[derive(Properties, PartialEq)]
pub struct TaskProgressProps {
    pub name: String,
    pub status: String,
    /// How far, 0 to 1; `None` when the total is not known.
    pub fraction: Option<f64>,
    pub on_cancel: Callback<MouseEvent>,
}

/// A download or an analysis under way, with a way to stop it.
#[function_component(TaskProgress)]
pub fn task_progress(props: &TaskProgressProps) -> Html {
    html! {
        <div class="progress-box" aria-live="polite">
            <div class="progress-label">
                <span data-testid="progress-label">{format!("{} — {}", props.name, props.status)}</span>
                <button class="button secondary small" data-testid="cancel" onclick={props.on_cancel.clone()}>
                    {"Cancel"}<kbd>{"Esc"}</kbd>
                </button>
            </div>
            { match props.fraction {
                Some(f) => html! {
                    <progress data-testid="progress" max="100" value={format!("{:.0}", f * 100.0)}
                              aria-label="Progress"></progress>
                },
                // No total known: the bar says only that something is happening.
                None => html! { <progress data-testid="progress" aria-label="Progress"></progress> },
            }}
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct MismatchProps {
    pub name: String,
    pub message: String,
    pub on_anyway: Callback<MouseEvent>,
    pub on_cancel: Callback<MouseEvent>,
}

/// A download that is not what the registry published: said loudly, read only on request.
#[function_component(Mismatch)]
pub fn mismatch(props: &MismatchProps) -> Html {
    html! {
        <div class="banner error" role="alert" data-testid="error">
            <strong>{format!("{}: ", props.name)}</strong>
            <span data-testid="error-message">{ with_code(&props.message) }</span>
            <p>{"Someone between the registry and this page may have changed it, or the registry's record is wrong. It has not been read."}</p>
            <div class="banner-actions">
                <button class="button danger" data-testid="scan-anyway" onclick={props.on_anyway.clone()}>
                    {"Scan it anyway (unverified)"}
                </button>
                <button class="button secondary" onclick={props.on_cancel.clone()}>{"Cancel"}</button>
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct StoppedProps {
    pub name: String,
    pub stopped: leakscope::view::open::Stopped,
    /// A version or tag offered instead was clicked: `name@version`.
    pub on_offer: Callback<String>,
}

/// Why a package could not be opened, with what there is instead.
#[function_component(Stopped)]
pub fn stopped(props: &StoppedProps) -> Html {
    let s = &props.stopped;
    html! {
        <div class="banner error" role="alert" data-testid="error">
            <strong>{format!("Could not open {}: ", props.name)}</strong>
            <span data-testid="error-message">{ with_code(&s.message) }</span>
            if let Some(again) = &s.retry {
                <div class="banner-actions">
                    <button class="button secondary small" data-testid="retry"
                            onclick={{ let (on, a) = (props.on_offer.clone(), again.clone()); Callback::from(move |_: MouseEvent| on.emit(a.clone())) }}>
                        {"Try again"}
                    </button>
                </div>
            }
            if !s.offers.is_empty() {
                <div class="banner-actions offers">
                    <span>{"Open instead: "}</span>
                    { for s.offers.iter().map(|offer| {
                        let on_offer = props.on_offer.clone();
                        let o = offer.clone();
                        html! {
                            <button class="button secondary small" data-testid="offer"
                                    onclick={Callback::from(move |_: MouseEvent| on_offer.emit(o.clone()))}>{offer.clone()}</button>
                        }
                    }) }
                </div>
            }
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
    // A download read although it failed its check is never shown as a pass.
    let unverified = o.input.source.as_ref().and_then(|s| s.unverified_warning());
    // The verdict takes the focus when it appears: a keyboard's next Tab goes on from it.
    let section = use_node_ref();
    {
        let section = section.clone();
        use_effect_with(o.label.clone(), move |_| {
            if let Some(element) = section.cast::<web_sys::HtmlElement>() {
                let _ = element.focus();
            }
        });
    }
    html! {
        <section ref={section} tabindex="-1" aria-label="Verdict"
                 class={classes!("verdict", level, unverified.is_some().then_some("unverified"))} data-testid="verdict"
                 data-level={level} data-ms={format!("{ms:.0}")} data-phases={phases.clone()}
                 data-memory={o.worker_memory.to_string()}>
            <div class="verdict-badge" title={badge_title(o)}>
                { if unverified.is_some() { "UNVERIFIED".to_string() } else { level.to_uppercase() } }
            </div>
            <div class="verdict-body">
                if let Some(warning) = &unverified {
                    <p class="unverified-alert" data-testid="unverified">{format!("⚠ {warning}")}</p>
                }
                <h1>{&verdict.title}</h1>
                <p class="verdict-summary">{&verdict.summary}</p>
                <dl class="verdict-advice">
                    <dt>{"What this means"}</dt><dd>{ with_code(&verdict.means) }</dd>
                    <dt>{"What to do"}</dt><dd>{ with_code(&verdict.todo) }</dd>
                </dl>
                <p class="verdict-meta">
                    { o.label.clone() }
                    if o.ecosystem != Ecosystem::Npm {
                        <span data-testid="package-kind">{format!(" · {}", capitalise(o.ecosystem.noun()))}</span>
                    }
                    if let Some(l) = &o.licence { <span>{format!(" · {l}")}</span> }
                    <span title={phases}>{format!(" · analysed in {:.1} s", ms / 1000.0)}</span>
                </p>
                if let Some(source) = &o.input.source {
                    <p class={classes!("integrity", source.integrity_verified.map_or("unverified", |_| "verified"))}
                       data-testid="integrity">
                        { if source.integrity_verified.is_some() { "✓ " } else { "⚠ " } }
                        { capitalise(&source.integrity_text()) }
                        <span class="muted">{format!(" · {} from {}", source.integrity, source.registry)}</span>
                        if let Some(chosen) = &source.chosen {
                            <span class="muted" data-testid="chosen-file">{format!(" · read {chosen}")}</span>
                        }
                    </p>
                }
            </div>
        </section>
    }
}

/// The badge's tooltip: what the level means.
fn badge_title(o: &Overview) -> String {
    use leakscope::verdict::Level;
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
    html! {
        <>
        <h2>{"Findings"}</h2>
        { findings_view(&props.overview.findings, &props.overview.shipped, &props.on_open, "Nothing worth reporting.") }
        </>
    }
}

/// Findings worth seeing (grouped where many share a rule), then the notes, folded; each
/// with why npm packed its file and the fix, where `shipped` says.
pub fn findings_view(
    findings: &[Finding],
    shipped: &[Shipped],
    on_open: &Callback<Selection>,
    none: &str,
) -> Html {
    let presented = Presented::of(findings);
    let shipped = Rc::new(shipped.to_vec());
    html! {
        <>
        if presented.notable.is_empty() {
            <p class="muted">{none.to_string()}</p>
        }
        <ul class="findings">{ entries(&presented.notable, &shipped, on_open) }</ul>
        if presented.notes_count > 0 {
            <details class="notes">
                <summary>{plural(presented.notes_count, "informational note", "informational notes")}</summary>
                <ul class="findings">{ entries(&presented.notes, &shipped, on_open) }</ul>
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
fn entries(entries: &[Grouped], shipped: &Rc<Vec<Shipped>>, on_open: &Callback<Selection>) -> Html {
    entries
        .iter()
        .map(|entry| match entry {
            Grouped::One(f) => finding_item(f, shipped, on_open),
            Grouped::Many(g) => html! {
                <Group findings={Rc::new(g.findings.iter().map(|f| (*f).clone()).collect::<Vec<_>>())}
                       shipped={shipped.clone()} on_open={on_open.clone()} />
            },
        })
        .collect()
}

#[derive(Properties, PartialEq)]
struct GroupProps {
    findings: Rc<Vec<Finding>>,
    shipped: Rc<Vec<Shipped>>,
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
                { shipped_lines(first, &props.shipped) }
                <details {ontoggle}>
                    <summary>{format!("Show all {}", count(props.findings.len() as u64))}</summary>
                    if *open {
                        <ul class="findings">{ for props.findings.iter().map(|f| finding_item(f, &props.shipped, &props.on_open)) }</ul>
                    }
                </details>
            </div>
        </li>
    }
}

/// Why npm packed the finding's file, and the fix to paste (and the bundler's option).
fn shipped_lines(f: &Finding, shipped: &[Shipped]) -> Html {
    let Some(s) = shipped.iter().find(|s| s.path == f.path) else {
        return Html::default();
    };
    html! {
        <div class="finding-shipped">
            <div data-testid="why-shipped"><span class="muted">{"Why it shipped: "}</span>{ with_code(&s.why) }</div>
            { for s.fix.iter().chain(&s.build_fix).map(|fix| html! {
                <div data-testid="fix"><span class="muted">{"Fix: "}</span>{ with_code(fix) }</div>
            }) }
        </div>
    }
}

fn finding_item(f: &Finding, shipped: &[Shipped], on_open: &Callback<Selection>) -> Html {
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
                { shipped_lines(f, shipped) }
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
            "Every package format",
            "npm tarballs, Python wheels, VS Code extensions (.vsix), Chrome and Firefox extensions (.crx, .xpi), Java archives (.jar, .war, .ear) and plain .zip files, told apart by their bytes; archives inside them are opened too.",
        ),
        (
            "Shipped sources",
            "TypeScript beside the build, Java beside its classes, .env files, .npmrc tokens, publishing tokens, private keys, .git folders, logs and coverage reports.",
        ),
        (
            "Secrets",
            "Over 200 kinds of key and token from about 140 services (cloud, code hosting, registries, CI, payments, AI providers, private keys, JWTs, database URLs), also inside recovered sources; test keys are told apart.",
        ),
        (
            "Private",
            "The package is read by WebAssembly in this tab and nothing is uploaded. A dropped file makes no request at all; a name is fetched from its registry only.",
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

/// Moves the focus to the first element matching `selector`, if there is one.
pub fn focus(selector: &str) {
    if let Ok(Some(element)) = gloo::utils::document().query_selector(selector)
        && let Ok(element) = element.dyn_into::<web_sys::HtmlElement>()
    {
        let _ = element.focus();
    }
}

/// Listens to the page's keys, able to `prevent_default` them (gloo's listeners are passive
/// unless told otherwise).
pub fn on_keys(mut f: impl FnMut(&web_sys::KeyboardEvent) + 'static) -> EventListener {
    let options = EventListenerOptions::enable_prevent_default();
    EventListener::new_with_options(&gloo::utils::document(), "keydown", options, move |e| {
        if let Some(k) = e.dyn_ref::<web_sys::KeyboardEvent>() {
            f(k);
        }
    })
}

/// Whether a key goes into a field (and is no shortcut).
pub fn typing(k: &web_sys::KeyboardEvent) -> bool {
    k.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|t| matches!(t.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
}

/// Whether the shortcuts' help is open.
pub fn shortcuts_open() -> bool {
    matches!(
        gloo::utils::document().query_selector("[data-testid=\"shortcuts\"]"),
        Ok(Some(_))
    )
}

/// The keys the page answers to, as the help lists them.
const SHORTCUTS: &[(&str, &str)] = &[
    ("?", "Show or hide these shortcuts"),
    ("Esc", "Stop the analysis under way; back to the drop zone"),
    ("Tab", "Go from one control to the next"),
    ("/", "Search the tree"),
    ("↑ ↓", "Move in the tree"),
    (
        "← →",
        "Fold or unfold a folder; move the split when it has the focus",
    ),
    ("Enter", "Open the file, or the folder, at the cursor"),
];

/// "?" shows the page's shortcuts, in a dialog that Esc, "?" or its button closes; the
/// focus goes back where it was.
#[function_component(Shortcuts)]
pub fn shortcuts() -> Html {
    let open = use_state(|| false);
    {
        let open = open.clone();
        use_effect_with((), move |_| {
            // Its prevent_default tells the page's Esc that this one was taken.
            let listener = on_keys(move |k| {
                let is_open = shortcuts_open();
                if (k.key() == "?" && !typing(k)) || (k.key() == "Escape" && is_open) {
                    k.prevent_default();
                    open.set(!is_open);
                } else if k.key() == "Tab" && is_open {
                    // A modal dialog keeps the focus: its one control is its Close button.
                    k.prevent_default();
                }
            });
            move || drop(listener)
        });
    }
    let close_button = use_node_ref();
    let was_focused = use_mut_ref(|| None::<web_sys::HtmlElement>);
    {
        let close_button = close_button.clone();
        use_effect_with(*open, move |open| {
            if *open {
                *was_focused.borrow_mut() = gloo::utils::document()
                    .active_element()
                    .and_then(|e| e.dyn_into().ok());
                if let Some(button) = close_button.cast::<web_sys::HtmlElement>() {
                    let _ = button.focus();
                }
            } else if let Some(element) = was_focused.borrow_mut().take() {
                let _ = element.focus();
            }
        });
    }
    if !*open {
        return html! {};
    }
    let close = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(false))
    };
    html! {
        <div class="shortcuts-backdrop">
            <div class="shortcuts" role="dialog" aria-modal="true" aria-labelledby="shortcuts-title" data-testid="shortcuts">
                <h2 id="shortcuts-title">{"Keyboard shortcuts"}</h2>
                <dl>
                    { for SHORTCUTS.iter().map(|(key, what)| html! {
                        <><dt><kbd>{*key}</kbd></dt><dd>{*what}</dd></>
                    }) }
                </dl>
                <button ref={close_button} type="button" class="button" onclick={close} data-testid="shortcuts-close">
                    {"Close"}
                </button>
            </div>
        </div>
    }
}
