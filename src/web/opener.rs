//! Where a package comes from: dropped or chosen as a file, or typed as a name (with the
//! registry it is opened from, which a person may change).

use yew::prelude::*;

use leakscope::view::open::{RegistryFrom, RegistrySetting};

#[derive(Properties, PartialEq)]
pub struct OpenerProps {
    pub on_files: Callback<web_sys::FileList>,
    /// A name was typed: `name`, `name@version`, a tarball URL.
    pub on_named: Callback<String>,
    pub busy: bool,
    /// Smaller once a package is shown, so the results get the space.
    pub compact: bool,
    pub registry: RegistrySetting,
    /// Why the registry last typed was not taken.
    pub registry_error: Option<AttrValue>,
    /// The registries this copy of the page may use besides its own site.
    pub allowed: Vec<AttrValue>,
    /// "Try an example", offered on the start page.
    pub on_example: Callback<MouseEvent>,
}

#[function_component(Opener)]
pub fn opener(props: &OpenerProps) -> Html {
    html! {
        <div class={classes!("opener", props.compact.then_some("compact"))}>
            <DropZone on_files={props.on_files.clone()} busy={props.busy} compact={props.compact}
                      on_example={(!props.compact).then(|| props.on_example.clone())} />
            <div class="by-name">
                <NameForm on_named={props.on_named.clone()} compact={props.compact} />
                <RegistrySettings registry={props.registry.clone()} error={props.registry_error.clone()}
                                  allowed={props.allowed.clone()} />
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct NameFormProps {
    on_named: Callback<String>,
    compact: bool,
}

/// A field and its form: submitting it (Enter, or its button) hands on what was typed,
/// unless that is blank. The form never navigates (the page's policy forbids it anyway).
#[hook]
pub fn use_name_field(on_named: Callback<String>) -> (NodeRef, Callback<SubmitEvent>) {
    let input = use_node_ref();
    let field = input.clone();
    let onsubmit = Callback::from(move |e: SubmitEvent| {
        e.prevent_default();
        if let Some(field) = field.cast::<web_sys::HtmlInputElement>()
            && !field.value().trim().is_empty()
        {
            on_named.emit(field.value());
        }
    });
    (input, onsubmit)
}

/// What the file picker offers: every kind of package, by name and by type.
fn accept() -> String {
    format!(
        "{},.gz,application/gzip,application/x-tar,application/zip",
        leakscope::archive::EXTENSIONS.join(",")
    )
}

/// "Open a published version": `react`, `@angular/core@17.0.0`, `typescript@next`.
#[function_component(NameForm)]
fn name_form(props: &NameFormProps) -> Html {
    let (input, onsubmit) = use_name_field(props.on_named.clone());
    html! {
        <form class="name-form" {onsubmit} data-testid="name-form" aria-label="Open a published version">
            <label for="package-name">
                <strong>{ if props.compact { "Or open a published version" } else { "…or open a published version by name" } }</strong>
                <span class="hint">{"react, @angular/core@17.0.0, typescript@next, pypi:requests==2.32.3, or a tarball's or wheel's URL"}</span>
            </label>
            <div class="name-row">
                <input id="package-name" ref={input} type="text" data-testid="package-name" spellcheck="false"
                       autocomplete="off" autocapitalize="off" placeholder="name@version" />
                <button class="button" type="submit" data-testid="open-name">{"Open"}</button>
            </div>
        </form>
    }
}

#[derive(Properties, PartialEq)]
struct RegistrySettingsProps {
    registry: RegistrySetting,
    error: Option<AttrValue>,
    allowed: Vec<AttrValue>,
}

/// The registry packages are opened from: shown, and changed in place.
#[function_component(RegistrySettings)]
fn registry_settings(props: &RegistrySettingsProps) -> Html {
    let shared = use_context::<crate::Shared>().expect("the page provides it");
    let editing = use_state(|| false);
    let input = use_node_ref();
    // An error keeps the form open.
    let open = *editing || props.error.is_some();
    // The form closes when the setting changes, not on submit: an address the
    // page refuses keeps the form open with what the person typed still in it.
    {
        let editing = editing.clone();
        use_effect_with(props.registry.clone(), move |_| editing.set(false));
    }
    let onsubmit = {
        let (input, dispatch) = (input.clone(), shared.dispatch.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Some(field) = input.cast::<web_sys::HtmlInputElement>() {
                dispatch.emit(leakscope::view::app::AppEvent::SetRegistry(field.value()));
            }
        })
    };
    let close = {
        let (editing, dispatch) = (editing.clone(), shared.dispatch.clone());
        Callback::from(move |()| {
            editing.set(false);
            dispatch.emit(leakscope::view::app::AppEvent::CloseRegistryForm);
        })
    };
    let toggle = {
        let (editing, close) = (editing.clone(), close.clone());
        Callback::from(move |_: MouseEvent| {
            if open {
                close.emit(())
            } else {
                editing.set(true)
            }
        })
    };
    let onkeydown = Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Escape" {
            e.stop_propagation();
            close.emit(());
        }
    });
    let value = if props.registry.is_default() {
        String::new()
    } else {
        props.registry.shown()
    };
    html! {
        <div class="registry-settings">
            <span class="muted">{"From "}<code data-testid="registry">{props.registry.shown()}</code>{" "}</span>
            <button class="link" data-testid="change-registry" onclick={toggle} aria-expanded={open.to_string()}>
                {"change"}
            </button>
            if open {
                <form class="registry-form" {onsubmit} {onkeydown} aria-label="Registry">
                    <label for="registry-url">{"Registry address (empty for the public npm registry)"}</label>
                    <div class="name-row">
                        <input id="registry-url" ref={input} type="text" inputmode="url" data-testid="registry-url" spellcheck="false"
                               value={value} placeholder="https://registry.npmjs.org/" />
                        <button class="button secondary" type="submit" data-testid="save-registry">{"Use it"}</button>
                    </div>
                    if let Some(error) = &props.error {
                        <p class="field-error" role="alert" data-testid="registry-error">{error.clone()}</p>
                    }
                    <p class="hint">
                        {"This copy of Leakscope can open packages from its own site (a mirror at /registry/)"}
                        { for props.allowed.iter().map(|a| html! { <>{", "}<code>{a.clone()}</code></> }) }
                        {". Others need a copy built to allow them (see the README). The setting is kept in this browser only; Esc closes this form."}
                    </p>
                </form>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct RegistryBannerProps {
    pub registry: RegistrySetting,
}

/// Said prominently whenever packages do not come from the public registry.
#[function_component(RegistryBanner)]
pub fn registry_banner(props: &RegistryBannerProps) -> Html {
    let shared = use_context::<crate::Shared>().expect("the page provides it");
    if props.registry.is_default() {
        return html! {};
    }
    let from = match props.registry.from {
        RegistryFrom::Link => "as the link asks",
        RegistryFrom::Saved => "as set in this browser",
        RegistryFrom::Default => "",
    };
    let reset = shared
        .dispatch
        .reform(|_: MouseEvent| leakscope::view::app::AppEvent::SetRegistry(String::new()));
    html! {
        <div class="banner notice registry-banner" role="status" data-testid="registry-banner">
            <span>{"Packages are opened from "}<code>{props.registry.shown()}</code>{format!(", not the public npm registry, {from}.")}</span>
            <button class="button secondary small" onclick={reset}>{"Use the public registry"}</button>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct DropZoneProps {
    pub on_files: Callback<web_sys::FileList>,
    pub busy: bool,
    pub compact: bool,
    /// Another label, for choosing the package to compare with.
    #[prop_or_default]
    pub label: Option<AttrValue>,
    /// "Try an example", for a person with no package at hand.
    #[prop_or_default]
    pub on_example: Option<Callback<MouseEvent>>,
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
    let title = props.label.clone().unwrap_or_else(|| {
        if props.compact {
            "Drop another package here".into()
        } else {
            "Drop a package here".into()
        }
    });
    let testid = if props.label.is_some() {
        "compare-file-input"
    } else {
        "file-input"
    };
    html! {
        <section {class} ondragover={on_drag_over} ondragenter={Callback::from(|e: DragEvent| e.prevent_default())}
                 ondragleave={on_drag_leave} ondrop={on_drop} aria-label="Choose a package">
            <div class="dz-text">
                <strong>{title}</strong>
                <span class="hint">{"An npm .tgz, a Python .whl, a .vsix, .crx or .xpi extension, a .jar, .war or .ear, or a .zip"}</span>
            </div>
            <div class="dz-actions">
                <label class="button">
                    <input type="file" class="visually-hidden" data-testid={testid} onkeydown={open_on_enter}
                           accept={accept()}
                           onchange={on_change} />
                    {"Choose a file…"}
                </label>
                if let Some(onclick) = props.on_example.clone() {
                    <button type="button" class="button secondary" data-testid="try-example" {onclick}
                            title="A small made-up package that leaks its sources and a token">
                        {"Try an example"}
                    </button>
                }
            </div>
        </section>
    }
}
