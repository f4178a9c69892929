//! A file tree pane: search, severity filter, sort, and a virtual list of rows that the
//! keyboard can walk (arrows, Enter, `/` to search).

use std::collections::BTreeSet;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::Outcome;
use super::virtual_list::{VirtualList, uniform};
use crate::finding::{Severity, capitalise, size};
use crate::view::{FileTree, Query, Sort};

/// Which of the two trees.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Tab {
    Files,
    Recovered,
}

impl Tab {
    pub fn as_str(self) -> &'static str {
        match self {
            Tab::Files => "files",
            Tab::Recovered => "recovered",
        }
    }

    fn row_testid(self) -> &'static str {
        match self {
            Tab::Files => "tree-row",
            Tab::Recovered => "recovered-row",
        }
    }

    pub fn search_id(self) -> String {
        format!("search-{}", self.as_str())
    }
}

const ROW_PX: u32 = 26;
/// Rows that PageUp / PageDown move by.
const PAGE_ROWS: usize = 20;

#[derive(Properties, PartialEq)]
pub struct TreePaneProps {
    pub outcome: Rc<Outcome>,
    pub tab: Tab,
    /// Path of the file open in the viewer, if it belongs to this tree.
    pub selected: Option<AttrValue>,
    pub on_open: Callback<String>,
}

#[function_component(TreePane)]
pub fn tree_pane(props: &TreePaneProps) -> Html {
    let tree: &FileTree = match props.tab {
        Tab::Files => &props.outcome.tree,
        Tab::Recovered => &props.outcome.recovered_tree,
    };
    let expanded = use_state(|| tree.default_expanded());
    let query = use_state(Query::default);
    let cursor = use_state(|| 0usize);
    // Set by the keyboard, so that focus follows the cursor after the next render.
    let focus_pending = use_mut_ref(|| false);
    let list_ref = use_node_ref();

    // Opening a file from elsewhere (a finding, a map link, the URL) reveals it here.
    {
        let expanded = expanded.clone();
        let ancestors = props.selected.as_ref().map(|p| tree.ancestors(p));
        use_effect_with(props.selected.clone(), move |_| {
            if let Some(ancestors) = ancestors
                && ancestors.iter().any(|a| !expanded.contains(a))
            {
                let mut next = (*expanded).clone();
                next.extend(ancestors);
                expanded.set(next);
            }
        });
    }

    let rows = Rc::new(tree.rows(&expanded, &query));
    let cursor_at = (*cursor).min(rows.len().saturating_sub(1));
    let selected_row = props.selected.as_ref().and_then(|p| {
        rows.iter()
            .position(|r| tree.node(r.node).path == p.as_str())
    });

    // The cursor follows a file opened from elsewhere, so the list scrolls to it.
    {
        let cursor = cursor.clone();
        use_effect_with(selected_row, move |row| {
            if let Some(i) = *row {
                cursor.set(i);
            }
        });
    }
    {
        let list_ref = list_ref.clone();
        let focus_pending = focus_pending.clone();
        use_effect(move || {
            if std::mem::take(&mut *focus_pending.borrow_mut()) {
                let row = list_ref
                    .cast::<web_sys::Element>()
                    .and_then(|el| {
                        el.query_selector(&format!("[data-row=\"{cursor_at}\"]"))
                            .ok()
                            .flatten()
                    })
                    .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
                if let Some(row) = row {
                    let _ = row.focus();
                }
            }
        });
    }

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
    let activate = {
        let toggle = toggle.clone();
        let on_open = props.on_open.clone();
        let outcome = props.outcome.clone();
        let tab = props.tab;
        Callback::from(move |id: usize| {
            let tree = match tab {
                Tab::Files => &outcome.tree,
                Tab::Recovered => &outcome.recovered_tree,
            };
            let node = tree.node(id);
            if node.is_dir {
                toggle.emit(id);
            } else {
                on_open.emit(node.path.clone());
            }
        })
    };
    let on_key = {
        let rows = rows.clone();
        let cursor = cursor.clone();
        let focus_pending = focus_pending.clone();
        let activate = activate.clone();
        let expanded = expanded.clone();
        let toggle = toggle.clone();
        Callback::from(move |e: KeyboardEvent| {
            if rows.is_empty() {
                return;
            }
            let at = (*cursor).min(rows.len() - 1);
            let row = &rows[at];
            let is_open_dir = row.expanded;
            let next = match e.key().as_str() {
                "ArrowDown" => (at + 1).min(rows.len() - 1),
                "ArrowUp" => at.saturating_sub(1),
                "Home" => 0,
                "End" => rows.len() - 1,
                "PageDown" => (at + PAGE_ROWS).min(rows.len() - 1),
                "PageUp" => at.saturating_sub(PAGE_ROWS),
                "Enter" | " " => {
                    activate.emit(row.node);
                    at
                }
                "ArrowRight" if !is_open_dir && !expanded.contains(&row.node) => {
                    toggle.emit(row.node);
                    at
                }
                "ArrowLeft" if is_open_dir => {
                    toggle.emit(row.node);
                    at
                }
                _ => return,
            };
            e.prevent_default();
            *focus_pending.borrow_mut() = true;
            cursor.set(next);
        })
    };

    // From the search box, ↓ or Enter goes to the first row shown.
    let on_search_key = {
        let focus_pending = focus_pending.clone();
        let cursor = cursor.clone();
        let has_rows = !rows.is_empty();
        Callback::from(move |e: KeyboardEvent| {
            if has_rows && matches!(e.key().as_str(), "ArrowDown" | "Enter") {
                e.prevent_default();
                *focus_pending.borrow_mut() = true;
                cursor.set(0);
            }
        })
    };
    let on_search = {
        let query = query.clone();
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            query.set(Query {
                text: input.value(),
                ..(*query).clone()
            });
        })
    };
    let on_filter = {
        let query = query.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            let min = Severity::ALL
                .into_iter()
                .find(|s| s.as_str() == select.value());
            query.set(Query {
                min_severity: min,
                ..(*query).clone()
            });
        })
    };
    let on_sort = {
        let query = query.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            let sort = if select.value() == "size" {
                Sort::Size
            } else {
                Sort::Name
            };
            query.set(Query {
                sort,
                ..(*query).clone()
            });
        })
    };

    let render = {
        let rows = rows.clone();
        let outcome = props.outcome.clone();
        let tab = props.tab;
        let activate = activate.clone();
        let cursor = cursor.clone();
        Callback::from(move |i: usize| {
            let tree = match tab {
                Tab::Files => &outcome.tree,
                Tab::Recovered => &outcome.recovered_tree,
            };
            let row = &rows[i];
            let node = tree.node(row.node);
            let severity = node.severity.map_or("none", Severity::as_str);
            let id = row.node;
            let onclick = {
                let activate = activate.clone();
                let cursor = cursor.clone();
                Callback::from(move |_: MouseEvent| {
                    cursor.set(i);
                    activate.emit(id);
                })
            };
            let icon = match (node.is_dir, row.expanded) {
                (true, true) => "▾",
                (true, false) => "▸",
                _ => "",
            };
            let selected = selected_row == Some(i);
            html! {
                <div class={classes!("tree-row", node.is_dir.then_some("dir"), node.third_party.then_some("third-party"), selected.then_some("selected"))}
                     role="treeitem" data-testid={tab.row_testid()} data-path={node.path.clone()} data-severity={severity}
                     data-dir={node.is_dir.to_string()} data-third-party={node.third_party.to_string()}
                     data-row={i.to_string()} tabindex={if i == cursor_at { "0" } else { "-1" }}
                     aria-selected={selected.to_string()}
                     aria-expanded={node.is_dir.then(|| row.expanded.to_string())}
                     style={format!("padding-left: {}rem", 0.5 + row.depth as f32 * 1.1)} {onclick}>
                    <span class="caret" aria-hidden="true">{icon}</span>
                    <span class="tree-name" title={node.path.clone()}>{&node.name}</span>
                    if node.third_party && node.is_dir {
                        <span class="tag">{"dependency"}</span>
                    }
                    if severity != "none" && severity != "info" {
                        <span class={classes!("sev", severity)}>{severity}</span>
                    }
                    <span class="tree-size">{size(node.size)}</span>
                </div>
            }
        })
    };

    let files = tree.file_count();
    html! {
        <div class="tree-pane">
            <div class="tree-controls">
                <input type="search" id={props.tab.search_id()} data-testid="tree-search" class="search"
                       placeholder={format!("Search {} paths  ( / )", crate::finding::count(files as u64))}
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
            </div>
            if rows.is_empty() {
                <p class="muted empty">{"No file matches."}</p>
            }
            <VirtualList class="tree" role="tree" label="Files" offsets={uniform(rows.len(), ROW_PX)}
                         render={render} onkeydown={on_key} node_ref={list_ref}
                         scroll_to={Some(cursor_at).filter(|_| !rows.is_empty())} />
        </div>
    }
}
