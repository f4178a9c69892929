//! A file tree pane: the core's tree state as a reducer; this renders its rows in a virtual
//! list and forwards clicks, keys, the search box and the selects.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use leakscope::diff::FileStatus;
use leakscope::finding::Severity;
use leakscope::text::{capitalise, count, name_parts, size};
use leakscope::tree::{FileTree, Query, Row, Sort, Tab};
use leakscope::view::tree::{Key, TreeCommand, TreeEvent, TreeState};

use crate::virtual_list::VirtualList;
use leakscope::view::list::uniform;

const ROW_PX: u32 = 26;

/// The core's tree state, as Yew's reducer.
#[derive(PartialEq)]
struct State(TreeState);

impl Reducible for State {
    type Action = TreeEvent;

    fn reduce(self: Rc<Self>, event: TreeEvent) -> Rc<Self> {
        let mut state = self.0.clone();
        state.update(event);
        Rc::new(State(state))
    }
}

fn row_testid(tab: Tab) -> &'static str {
    match tab {
        Tab::Files => "tree-row",
        Tab::Recovered => "recovered-row",
    }
}

#[derive(Properties, PartialEq)]
pub struct TreePaneProps {
    pub tree: Rc<FileTree>,
    pub tab: Tab,
    /// Path of the file open in the viewer, if it belongs to this tree.
    pub selected: Option<AttrValue>,
    pub on_open: Callback<String>,
    /// In a comparison: what happened to each node (by index) since the older package.
    #[prop_or_default]
    pub marks: Option<Rc<Vec<FileStatus>>>,
}

#[function_component(TreePane)]
pub fn tree_pane(props: &TreePaneProps) -> Html {
    let state = {
        let tree = props.tree.clone();
        use_reducer(move || State(TreeState::new(tree)))
    };
    let list_ref = use_node_ref();

    // Opening a file from elsewhere (a finding, a map link, the URL) reveals it here.
    {
        let state = state.dispatcher();
        use_effect_with(props.selected.clone(), move |selected| {
            if let Some(path) = selected {
                state.dispatch(TreeEvent::Reveal(path.to_string()));
            }
        });
    }
    // What the last event asked for: open a file, or move focus to the cursor's row.
    {
        let on_open = props.on_open.clone();
        let list_ref = list_ref.clone();
        let command = state.0.command.clone();
        let cursor = state.0.cursor;
        use_effect_with(command, move |command| match command {
            Some((_, TreeCommand::Open(path))) => on_open.emit(path.clone()),
            Some((_, TreeCommand::Focus)) => focus_row(&list_ref, cursor),
            None => {}
        });
    }
    let s = &state.0;
    let rows = s.rows.clone();
    let offsets = use_memo(rows.len(), |&n| uniform(n, ROW_PX));
    let dispatch = state.dispatcher().to_callback();
    let on_key = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: KeyboardEvent| {
            if let Some(key) = Key::of(&e.key()) {
                e.prevent_default();
                dispatch.emit(TreeEvent::Key(key));
            }
        })
    };
    let render = {
        let shown = TreeRows {
            tree: s.tree.clone(),
            rows: rows.clone(),
            tab: props.tab,
            selected: props.selected.as_ref().and_then(|p| s.row_of(p)),
            cursor: s.cursor,
            marks: props.marks.clone(),
        };
        let click = dispatch.reform(TreeEvent::Click);
        Callback::from(move |i: usize| shown.row(i, click.reform(move |_: MouseEvent| i)))
    };
    html! {
        <div class="tree-pane">
            <Controls tab={props.tab} files={s.tree.file_count()} query={s.query.clone()} {dispatch} />
            if rows.is_empty() {
                <p class="muted empty">{"No file matches."}</p>
            }
            <VirtualList class="tree" role="tree" label="Files" offsets={offsets}
                         render={render} onkeydown={on_key} node_ref={list_ref}
                         scroll_to={Some(s.cursor).filter(|_| !rows.is_empty())} />
        </div>
    }
}

/// What the rows of a tree are drawn from.
struct TreeRows {
    tree: Rc<FileTree>,
    rows: Rc<[Row]>,
    tab: Tab,
    selected: Option<usize>,
    cursor: usize,
    marks: Option<Rc<Vec<FileStatus>>>,
}

impl TreeRows {
    /// Row `i`: a caret for a folder, the name cut in the middle (so that its extension
    /// stays in sight), the marks, the size.
    fn row(&self, i: usize, onclick: Callback<MouseEvent>) -> Html {
        let row = self.rows[i];
        let node = self.tree.node(row.node);
        let severity = node.severity.map_or("none", Severity::as_str);
        let icon = match (node.is_dir, row.expanded) {
            (true, true) => "▾",
            (true, false) => "▸",
            _ => "",
        };
        let selected = self.selected == Some(i);
        let (head, tail) = name_parts(&node.name);
        let mark = self
            .marks
            .as_ref()
            .and_then(|m| m.get(row.node).copied())
            .filter(|m| *m != FileStatus::Unchanged);
        html! {
            <div class={classes!("tree-row", node.is_dir.then_some("dir"), node.third_party.then_some("third-party"), selected.then_some("selected"))}
                 role="treeitem" data-testid={row_testid(self.tab)} data-path={node.path.clone()} data-severity={severity}
                 data-dir={node.is_dir.to_string()} data-third-party={node.third_party.to_string()}
                 data-row={i.to_string()} data-mark={mark.map(FileStatus::as_str)} tabindex={if i == self.cursor { "0" } else { "-1" }}
                 aria-selected={selected.to_string()} aria-label={node.name.clone()}
                 aria-expanded={node.is_dir.then(|| row.expanded.to_string())}
                 {onclick}>
                // Indented by empty cells, not a style attribute (the page's policy).
                { for (0..row.depth).map(|_| html! { <span class="indent" aria-hidden="true"></span> }) }
                <span class="caret" aria-hidden="true">{icon}</span>
                <span class="tree-name" title={node.path.clone()} aria-hidden="true">
                    <span class="name-head">{head}</span><span class="name-tail">{tail}</span>
                </span>
                if node.third_party && node.is_dir {
                    <span class="tag">{"dependency"}</span>
                }
                if let Some(mark) = mark {
                    <span class={classes!("mark", mark.as_str())}>{mark.as_str()}</span>
                }
                if severity != "none" && severity != "info" {
                    <span class={classes!("sev", severity)}>{severity}</span>
                }
                <span class="tree-size">{size(node.size)}</span>
            </div>
        }
    }
}

#[derive(Properties, PartialEq)]
struct ControlsProps {
    tab: Tab,
    files: usize,
    query: Query,
    dispatch: Callback<TreeEvent>,
}

/// Above a tree: search by path, filter by severity, sort, expand and collapse all.
#[function_component(Controls)]
fn controls(props: &ControlsProps) -> Html {
    let dispatch = &props.dispatch;
    // From the search box, ↓ or Enter goes to the first row shown.
    let on_search_key = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: KeyboardEvent| {
            if matches!(e.key().as_str(), "ArrowDown" | "Enter") {
                e.prevent_default();
                dispatch.emit(TreeEvent::FirstRow);
            }
        })
    };
    let on_search = dispatch.reform(|e: InputEvent| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        TreeEvent::Search(input.value())
    });
    let on_filter = dispatch.reform(|e: Event| {
        let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
        let value = select.value();
        TreeEvent::Filter(Severity::ALL.into_iter().find(|s| s.as_str() == value))
    });
    let on_sort = dispatch.reform(|e: Event| {
        let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
        TreeEvent::Sort(if select.value() == "size" {
            Sort::Size
        } else {
            Sort::Name
        })
    });
    let expand_all = dispatch.reform(|_: MouseEvent| TreeEvent::ExpandAll);
    let collapse_all = dispatch.reform(|_: MouseEvent| TreeEvent::CollapseAll);
    let query = &props.query;
    html! {
        <div class="tree-controls">
            <input type="search" id={format!("search-{}", props.tab.as_str())} data-testid="tree-search" class="search"
                   placeholder={format!("Search {} paths  ( / )", count(props.files as u64))}
                   aria-label="Search by path" value={query.text.clone()} oninput={on_search} onkeydown={on_search_key} />
            <select data-testid="severity-filter" aria-label="Filter by severity" onchange={on_filter}>
                <option value="all" selected={query.min_severity.is_none()}>{"All files"}</option>
                { for Severity::ALL.iter().filter(|s| **s != Severity::Info).map(|s| html! {
                    <option value={s.as_str()} selected={query.min_severity == Some(*s)}>
                        { if *s == Severity::Critical { "Critical".to_string() } else { format!("{} or worse", capitalise(s.as_str())) } }
                    </option>
                }) }
            </select>
            <select data-testid="tree-sort" aria-label="Sort" onchange={on_sort}>
                <option value="name" selected={query.sort == Sort::Name}>{"By name"}</option>
                <option value="size" selected={query.sort == Sort::Size}>{"By size"}</option>
            </select>
            <span class="tree-fold">
                <button class="link" data-testid="expand-all" onclick={expand_all}>{"Expand all"}</button>
                <button class="link" data-testid="collapse-all" onclick={collapse_all}>{"Collapse all"}</button>
            </span>
        </div>
    }
}

fn focus_row(list: &NodeRef, row: usize) {
    let element = list
        .cast::<web_sys::Element>()
        .and_then(|el| {
            el.query_selector(&format!("[data-row=\"{row}\"]"))
                .ok()
                .flatten()
        })
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(element) = element {
        let _ = element.focus();
    }
}
