//! Two packages compared: choosing the other one (a version, any `name@version`, or a
//! file), and what changed: the core's summary in plain words, findings new in the package
//! shown first, findings gone, and the files added, changed and removed.

use std::rc::Rc;

use yew::prelude::*;

use leakscope::diff::{Comparison, FileStatus, signed_size};
use leakscope::protocol::DiffFormat;
use leakscope::text::{count, plural, size};
use leakscope::tree::Tab;
use leakscope::view::app::{AppEvent, Compare};
use leakscope::view::link::Selection;
use leakscope::view::open::Role;

use crate::Shared;
use crate::components::{Stopped, TaskProgress, findings_view};
use crate::opener::{DropZone, use_name_field};

/// Files listed before "Show all".
const FILES_SHOWN: usize = 50;

#[derive(Properties, PartialEq)]
pub struct ComparePanelProps {
    pub compare: Compare,
    /// What the picker suggests: the version before the one shown.
    pub suggestion: Option<AttrValue>,
    pub on_files: Callback<web_sys::FileList>,
    pub on_open: Callback<Selection>,
}

#[function_component(ComparePanel)]
pub fn compare_panel(props: &ComparePanelProps) -> Html {
    let shared = use_context::<Shared>().expect("the page provides it");
    let dispatch = shared.dispatch.clone();
    let close = dispatch.reform(|_: MouseEvent| AppEvent::EndCompare);
    let on_named = dispatch.reform(|input: String| AppEvent::Named {
        input,
        role: Role::Compare,
    });
    let body = match &props.compare {
        Compare::Picking => html! {
            <Picker suggestion={props.suggestion.clone()} on_named={on_named} on_files={props.on_files.clone()} />
        },
        Compare::Busy(leakscope::view::app::Task::Mismatch { name, message, .. }) => html! {
            <crate::components::Mismatch name={name.clone()} message={message.clone()}
                on_anyway={dispatch.reform(|_| AppEvent::ScanAnyway { role: Role::Compare })}
                on_cancel={dispatch.reform(|_| AppEvent::Cancel)} />
        },
        Compare::Busy(task) => {
            let (status, fraction) = task.status();
            html! {
                <TaskProgress name={task.name()} {status} {fraction} on_cancel={dispatch.reform(|_| AppEvent::Cancel)} />
            }
        }
        Compare::Failed(stopped) => html! {
            <>
            <Stopped name="the package to compare with" stopped={stopped.clone()} on_offer={on_named.clone()} />
            <Picker suggestion={props.suggestion.clone()} on_named={on_named} on_files={props.on_files.clone()} />
            </>
        },
        Compare::Comparing { .. } => html! { <p class="muted">{"Comparing…"}</p> },
        Compare::Ready {
            comparison,
            shown_is_new,
            ..
        } => html! {
            <ComparisonView comparison={comparison.clone()} shown_is_new={*shown_is_new}
                            on_open={props.on_open.clone()} />
        },
    };
    html! {
        <section class="pane compare-pane" aria-label="Comparison" data-testid="compare">
            <div class="compare-head">
                <h2>{"Compare"}</h2>
                if matches!(props.compare, Compare::Ready { .. }) {
                    <button class="button secondary small" data-testid="swap" onclick={dispatch.reform(|_| AppEvent::SwapCompare)}>{"Swap ⇄"}</button>
                }
                <button class="button secondary small" data-testid="close-compare" onclick={close}>{"Close"}</button>
            </div>
            { body }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct PickerProps {
    suggestion: Option<AttrValue>,
    on_named: Callback<String>,
    on_files: Callback<web_sys::FileList>,
}

/// The other package: a version by name (the one before, to start with), or a file.
#[function_component(Picker)]
fn picker(props: &PickerProps) -> Html {
    let (input, onsubmit) = use_name_field(props.on_named.clone());
    // Opened: in sight, focused, its suggestion selected so that typing replaces it.
    {
        let input = input.clone();
        use_effect_with((), move |_| {
            if let Some(field) = input.cast::<web_sys::HtmlInputElement>() {
                field.scroll_into_view_with_bool(false);
                let _ = field.focus();
                field.select();
            }
        });
    }
    let onfocus = Callback::from(|e: FocusEvent| {
        let field: web_sys::HtmlInputElement = e.target_unchecked_into();
        field.select();
    });
    html! {
        <div class="picker">
            <form class="name-form" {onsubmit} aria-label="Compare with a published version">
                <label for="compare-name"><strong>{"Compare with a published version"}</strong>
                    <span class="hint">{"Or click Compare beside a version in the list below."}</span></label>
                <div class="name-row">
                    <input id="compare-name" ref={input} type="text" data-testid="compare-name" spellcheck="false" {onfocus}
                           autocomplete="off" value={props.suggestion.clone().unwrap_or_default()} placeholder="name@version" />
                    <button class="button" type="submit" data-testid="compare-open">{"Compare"}</button>
                </div>
            </form>
            <DropZone on_files={props.on_files.clone()} busy={false} compact={true}
                      label={AttrValue::from("…or drop the package to compare with here")} />
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct ComparisonViewProps {
    comparison: Rc<Comparison>,
    /// The package shown is NEW (else OLD): only its files open in the viewer.
    shown_is_new: bool,
    on_open: Callback<Selection>,
}

#[function_component(ComparisonView)]
fn comparison_view(props: &ComparisonViewProps) -> Html {
    let c = &props.comparison;
    let shared = use_context::<Shared>().expect("the page provides it");
    let all_files = use_state(|| false);
    let save = |format: DiffFormat| {
        shared
            .dispatch
            .reform(move |_: MouseEvent| AppEvent::SaveComparison(format))
    };
    let n = |status| c.files.iter().filter(|f| f.status == status).count();
    let shown_files = if *all_files {
        c.files.len()
    } else {
        c.files.len().min(FILES_SHOWN)
    };
    // Only the shown package's files open in the viewer.
    let absent = if props.shown_is_new {
        FileStatus::Removed
    } else {
        FileStatus::Added
    };
    let file_rows = c.files[..shown_files].iter().map(|f| {
        let open = (f.status != absent).then(|| {
            let sel = Selection {
                tab: Tab::Files,
                path: f.path.clone(),
                line: None,
            };
            props.on_open.reform(move |_: MouseEvent| sel.clone())
        });
        let sizes = match (f.old_bytes, f.new_bytes) {
            (Some(a), Some(b)) if a == b => format!("{}, same size, different bytes", size(a)),
            (Some(a), Some(b)) => format!("{} → {} ({})", size(a), size(b), signed_size(f.delta)),
            (None, Some(b)) => size(b),
            (Some(a), None) => format!("{} gone", size(a)),
            (None, None) => String::new(),
        };
        html! {
            <li class={classes!("change", f.status.as_str())} data-testid="compare-file" data-status={f.status.as_str()}>
                <span class={classes!("mark", f.status.as_str())}>{f.status.as_str()}</span>
                { match open {
                    Some(onclick) => html! { <button class="link" {onclick}><code>{f.path.clone()}</code></button> },
                    None => html! { <code>{f.path.clone()}</code> },
                }}
                <span class="muted">{sizes}</span>
            </li>
        }
    });
    let versions = format!("{} → {}", c.old.label, c.new.label);
    let (shown, other) = if props.shown_is_new {
        (&c.new.label, &c.old.label)
    } else {
        (&c.old.label, &c.new.label)
    };
    let notable =
        |findings: &[leakscope::Finding]| findings.iter().filter(|f| f.is_notable()).count();
    let in_shown = |yes: bool| {
        if yes {
            props.on_open.clone()
        } else {
            Callback::noop()
        }
    };
    html! {
        <div class="comparison" data-testid="comparison">
            <p class="compare-sides"><strong>{versions}</strong></p>
            <p class="muted compare-which" data-testid="compare-which">
                {format!("Shown above: {shown}. Compared with: {other}.")}
            </p>
            <p class="compare-summary" data-testid="compare-summary">{ crate::components::with_code(&c.summary) }</p>
            <div class="downloads">
                <button class="button secondary small" data-testid="download-diff" onclick={save(DiffFormat::Json)}>{"JSON"}</button>
                <button class="button secondary small" onclick={save(DiffFormat::Markdown)}>{"Markdown"}</button>
                <button class="button secondary small" onclick={save(DiffFormat::Sarif)}>{"SARIF"}</button>
            </div>
            <h3>{format!("New in {} ({})", c.new.label, count(notable(&c.new_findings) as u64))}</h3>
            <div data-testid="compare-new">
                { findings_view(&c.new_findings, &[], &in_shown(props.shown_is_new), "No new findings.") }
            </div>
            if !c.gone_findings.is_empty() {
                <details class="gone">
                    <summary>{format!("Gone since {}: {}", c.old.label, plural(c.gone_findings.len(), "finding", "findings"))}</summary>
                    // Only the shown package's files open.
                    { findings_view(&c.gone_findings, &[], &in_shown(!props.shown_is_new), "") }
                </details>
            }
            <h3>{format!("Files: {} added, {} changed, {} removed, {} unchanged",
                count(n(FileStatus::Added) as u64), count(n(FileStatus::Changed) as u64),
                count(n(FileStatus::Removed) as u64), count(c.unchanged_files as u64))}</h3>
            <ul class="changes">{ for file_rows }</ul>
            if shown_files < c.files.len() {
                <button class="button secondary small" onclick={{ let all = all_files.clone(); Callback::from(move |_| all.set(true)) }}>
                    {format!("Show all {}", count(c.files.len() as u64))}
                </button>
            }
        </div>
    }
}
