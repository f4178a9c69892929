//! The state of one tree on screen ([`TreeState`]: what is open, searched, filtered,
//! sorted, where the cursor is) with the events that change it. Pure data, so the page only
//! renders it and forwards events, and the logic is tested without a browser.

use std::collections::BTreeSet;
use std::rc::Rc;

use crate::finding::Severity;
use crate::tree::{FileTree, Query, Row, Sort};

/// Rows that PageUp / PageDown move by.
pub const PAGE_ROWS: usize = 20;

/// A key the tree answers to, as WAI-ARIA's tree pattern has them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Up,
    Down,
    Home,
    End,
    PageUp,
    PageDown,
    /// Opens a closed folder, or goes to an open one's first child.
    Right,
    /// Closes an open folder, or goes to the parent.
    Left,
    /// Opens a file, or opens and closes a folder (Enter and Space).
    Activate,
}

impl Key {
    /// The key for a `KeyboardEvent.key`.
    pub fn of(key: &str) -> Option<Key> {
        Some(match key {
            "ArrowUp" => Key::Up,
            "ArrowDown" => Key::Down,
            "Home" => Key::Home,
            "End" => Key::End,
            "PageUp" => Key::PageUp,
            "PageDown" => Key::PageDown,
            "ArrowRight" => Key::Right,
            "ArrowLeft" => Key::Left,
            "Enter" | " " => Key::Activate,
            _ => return None,
        })
    }
}

/// What happens to a tree on screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TreeEvent {
    Key(Key),
    /// A row was clicked.
    Click(usize),
    Search(String),
    Filter(Option<Severity>),
    Sort(Sort),
    /// From the search box, ↓ or Enter: to the first row.
    FirstRow,
    ExpandAll,
    CollapseAll,
    /// A file was opened from elsewhere (a finding, a link): reveal it and put the cursor on
    /// it.
    Reveal(String),
}

/// What the shell must do after an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TreeCommand {
    /// Open this file in the viewer.
    Open(String),
    /// Move keyboard focus to the row under the cursor.
    Focus,
}

/// One tree on screen.
#[derive(Debug, Clone)]
pub struct TreeState {
    pub tree: Rc<FileTree>,
    pub expanded: BTreeSet<usize>,
    pub query: Query,
    /// The row under the keyboard cursor (always a valid row, or 0 when there are none).
    pub cursor: usize,
    /// The rows on screen, worked out after each event.
    pub rows: Rc<[Row]>,
    /// What the last event asks the shell to do, numbered so that the shell does each once.
    pub command: Option<(u64, TreeCommand)>,
    serial: u64,
}

impl PartialEq for TreeState {
    fn eq(&self, other: &TreeState) -> bool {
        Rc::ptr_eq(&self.tree, &other.tree)
            && self.expanded == other.expanded
            && self.query == other.query
            && self.cursor == other.cursor
            && self.command == other.command
    }
}

impl TreeState {
    pub fn new(tree: Rc<FileTree>) -> TreeState {
        let expanded = tree.default_expanded();
        let mut state = TreeState {
            tree,
            expanded,
            query: Query::default(),
            cursor: 0,
            rows: Rc::from(Vec::new()),
            command: None,
            serial: 0,
        };
        state.refresh();
        state
    }

    fn refresh(&mut self) {
        self.rows = self.tree.rows(&self.expanded, &self.query).into();
        self.cursor = self.cursor.min(self.rows.len().saturating_sub(1));
    }

    fn command(&mut self, command: TreeCommand) {
        self.serial += 1;
        self.command = Some((self.serial, command));
    }

    /// The row of a path, if it is shown.
    pub fn row_of(&self, path: &str) -> Option<usize> {
        let node = self.tree.find(path)?;
        self.rows.iter().position(|r| r.node == node)
    }

    fn toggle(&mut self, node: usize) {
        if !self.expanded.remove(&node) {
            self.expanded.insert(node);
        }
    }

    /// Applies one event.
    pub fn update(&mut self, event: TreeEvent) {
        self.command = None;
        match event {
            TreeEvent::Key(key) => self.key(key),
            TreeEvent::Click(row) => {
                self.cursor = row.min(self.rows.len().saturating_sub(1));
                self.activate();
            }
            TreeEvent::Search(text) => self.query.text = text,
            TreeEvent::Filter(min) => self.query.min_severity = min,
            TreeEvent::Sort(sort) => self.query.sort = sort,
            TreeEvent::FirstRow => {
                if !self.rows.is_empty() {
                    self.cursor = 0;
                    self.command(TreeCommand::Focus);
                }
            }
            TreeEvent::ExpandAll => self.expanded = self.tree.folders(),
            TreeEvent::CollapseAll => self.expanded.clear(),
            TreeEvent::Reveal(path) => {
                self.expanded.extend(self.tree.ancestors(&path));
                self.refresh();
                if let Some(row) = self.row_of(&path) {
                    self.cursor = row;
                }
                return;
            }
        }
        self.refresh();
    }

    fn activate(&mut self) {
        let Some(row) = self.rows.get(self.cursor).copied() else {
            return;
        };
        let node = self.tree.node(row.node);
        if node.is_dir {
            self.toggle(row.node);
        } else {
            let path = node.path.clone();
            self.command(TreeCommand::Open(path));
        }
    }

    fn key(&mut self, key: Key) {
        let Some(row) = self.rows.get(self.cursor).copied() else {
            return;
        };
        let last = self.rows.len() - 1;
        let at = self.cursor;
        let is_dir = self.tree.node(row.node).is_dir;
        self.cursor = match key {
            Key::Down => (at + 1).min(last),
            Key::Up => at.saturating_sub(1),
            Key::Home => 0,
            Key::End => last,
            Key::PageDown => (at + PAGE_ROWS).min(last),
            Key::PageUp => at.saturating_sub(PAGE_ROWS),
            Key::Activate => {
                self.activate();
                if matches!(self.command, Some((_, TreeCommand::Open(_)))) {
                    return;
                }
                at
            }
            Key::Right if is_dir && !row.expanded => {
                self.toggle(row.node);
                at
            }
            Key::Right if is_dir => (at + 1).min(last),
            Key::Left if is_dir && row.expanded => {
                self.toggle(row.node);
                at
            }
            Key::Left => {
                // To the parent folder's row, if it is shown.
                let parent = self.tree.node(row.node).parent;
                self.rows[..at]
                    .iter()
                    .rposition(|r| r.node == parent)
                    .unwrap_or(at)
            }
            Key::Right => at,
        };
        self.command(TreeCommand::Focus);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tree::sample::{paths, tree};

    fn state() -> TreeState {
        TreeState::new(Rc::new(tree()))
    }

    fn shown(s: &TreeState) -> Vec<String> {
        paths(&s.tree, &s.rows)
    }

    fn at_cursor(s: &TreeState) -> &str {
        &s.tree.node(s.rows[s.cursor].node).path
    }

    #[test]
    fn the_keyboard_walks_the_tree() {
        let mut s = state();
        assert_eq!(at_cursor(&s), "dist");
        s.update(TreeEvent::Key(Key::Down));
        assert_eq!(at_cursor(&s), "dist/lib");
        assert_eq!(s.command.as_ref().map(|c| &c.1), Some(&TreeCommand::Focus));
        // ← on an open folder closes it; again goes to the parent.
        s.update(TreeEvent::Key(Key::Left));
        assert!(!shown(&s).contains(&"    dist/lib/util.js".to_string()));
        s.update(TreeEvent::Key(Key::Left));
        assert_eq!(at_cursor(&s), "dist");
        // → on a closed folder opens it; on an open one goes to its first child.
        s.update(TreeEvent::Key(Key::Down));
        s.update(TreeEvent::Key(Key::Right));
        assert!(shown(&s).contains(&"    dist/lib/util.js".to_string()));
        s.update(TreeEvent::Key(Key::Right));
        assert_eq!(at_cursor(&s), "dist/lib/util.js");
        // Enter on a file opens it.
        s.update(TreeEvent::Key(Key::Activate));
        assert_eq!(
            s.command.as_ref().map(|c| &c.1),
            Some(&TreeCommand::Open("dist/lib/util.js".into()))
        );
        s.update(TreeEvent::Key(Key::End));
        assert_eq!(at_cursor(&s), "package.json");
        s.update(TreeEvent::Key(Key::Down));
        assert_eq!(
            at_cursor(&s),
            "package.json",
            "the cursor stays on the last row"
        );
        s.update(TreeEvent::Key(Key::PageUp));
        assert_eq!(at_cursor(&s), "dist");
        assert_eq!(Key::of("ArrowDown"), Some(Key::Down));
        assert_eq!(Key::of(" "), Some(Key::Activate));
        assert_eq!(Key::of("x"), None);
    }

    #[test]
    fn each_command_has_its_own_number() {
        let mut s = state();
        s.update(TreeEvent::Key(Key::Down));
        let first = s.command.clone().unwrap().0;
        s.update(TreeEvent::Key(Key::Down));
        assert!(s.command.clone().unwrap().0 > first);
        s.update(TreeEvent::Search("x".into()));
        assert_eq!(s.command, None, "a search asks the shell for nothing");
    }

    #[test]
    fn clicks_search_filter_expand_and_reveal() {
        let mut s = state();
        // Clicking a folder closes it; clicking a file opens it.
        s.update(TreeEvent::Click(0));
        assert_eq!(shown(&s), ["dist", "README.md", "package.json"]);
        s.update(TreeEvent::Click(2));
        assert_eq!(
            s.command.clone().map(|c| c.1),
            Some(TreeCommand::Open("package.json".into()))
        );
        s.update(TreeEvent::Search("util".into()));
        assert_eq!(shown(&s), ["dist", "  dist/lib", "    dist/lib/util.js"]);
        s.update(TreeEvent::FirstRow);
        assert_eq!(
            (s.cursor, s.command.clone().map(|c| c.1)),
            (0, Some(TreeCommand::Focus))
        );
        s.update(TreeEvent::Search(String::new()));
        s.update(TreeEvent::Filter(Some(Severity::Critical)));
        assert_eq!(shown(&s), ["dist", "  dist/cli.js.map"]);
        s.update(TreeEvent::Filter(None));
        s.update(TreeEvent::CollapseAll);
        assert_eq!(shown(&s), ["dist", "README.md", "package.json"]);
        s.update(TreeEvent::Reveal("dist/lib/util.js".into()));
        assert_eq!(at_cursor(&s), "dist/lib/util.js");
        s.update(TreeEvent::CollapseAll);
        s.update(TreeEvent::ExpandAll);
        assert_eq!(s.rows.len(), 7);
        s.update(TreeEvent::Sort(Sort::Size));
        assert_eq!(shown(&s)[3], "  dist/cli.js.map");
        // A search that shows nothing leaves the cursor at 0 and keys do nothing.
        s.update(TreeEvent::Search("nothing".into()));
        s.update(TreeEvent::Key(Key::Down));
        assert_eq!((s.rows.len(), s.cursor, s.command.clone()), (0, 0, None));
    }
}
