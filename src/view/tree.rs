//! Report -> view model: files as a tree of folders, with sizes and the worst severity of
//! each subtree, flattened into the rows a screen shows after search, filter and sort; and
//! the state of one tree on screen ([`TreeState`]: what is open, searched, filtered,
//! sorted, where the cursor is) with the events that change it. Pure data, so the page only
//! renders it and forwards events, and the logic is tested without a browser.

use std::cell::OnceCell;
use std::collections::{BTreeSet, HashMap};
use std::rc::Rc;

use serde::{Deserialize, Serialize};

use crate::archive::Archive;
use crate::finding::Severity;
use crate::recover::RecoveredSources;
use crate::scan::Analysis;

/// Which of the two trees: the package's files, or the sources recovered from its maps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Tab {
    Files = 0,
    Recovered = 1,
}

impl Tab {
    pub fn as_str(self) -> &'static str {
        match self {
            Tab::Files => "files",
            Tab::Recovered => "recovered",
        }
    }

    pub fn parse(s: &str) -> Option<Tab> {
        match s {
            "files" => Some(Tab::Files),
            "recovered" => Some(Tab::Recovered),
            _ => None,
        }
    }

    /// The other tab, for ← and → between them.
    pub fn other(self) -> Tab {
        match self {
            Tab::Files => Tab::Recovered,
            Tab::Recovered => Tab::Files,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Node {
    pub name: String,
    /// Full path; empty for the root.
    pub path: String,
    pub is_dir: bool,
    /// A folder's size is the sum of its files.
    pub size: u64,
    /// Worst severity in this file or anywhere under this folder.
    pub severity: Option<Severity>,
    /// A dependency or bundler runtime rather than the authors' code; a folder is when all
    /// its files are.
    pub third_party: bool,
    /// Folders first, then by name.
    pub children: Vec<usize>,
    pub parent: usize,
}

/// One file going into a tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileInfo<'a> {
    pub path: &'a str,
    pub size: u64,
    pub severity: Option<Severity>,
    pub third_party: bool,
}

/// A file tree. Node 0 is the root and is never shown. Sent to the page as its nodes,
/// a slice at a time ([`FileTree::slices`]); the index by path is built when first needed.
#[derive(Debug, Clone, Default)]
pub struct FileTree {
    nodes: Vec<Node>,
    by_path: OnceCell<HashMap<String, usize>>,
}

impl PartialEq for FileTree {
    fn eq(&self, other: &FileTree) -> bool {
        self.nodes == other.nodes
    }
}

impl Eq for FileTree {}

impl From<Vec<Node>> for FileTree {
    fn from(nodes: Vec<Node>) -> FileTree {
        FileTree {
            nodes,
            by_path: OnceCell::new(),
        }
    }
}

/// Nodes per slice of a tree sent to the page: decoding one takes a few milliseconds, so
/// that no task on the page's main thread takes long, however large the package.
pub const SLICE_NODES: usize = 8_000;

/// One visible line of the tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    pub node: usize,
    pub depth: usize,
    pub expanded: bool,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Sort {
    #[default]
    Name,
    /// Largest first.
    Size,
}

/// What the person asked to see.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// Case-insensitive substring of the path.
    pub text: String,
    /// Only files with a finding at or above this.
    pub min_severity: Option<Severity>,
    pub sort: Sort,
}

impl Query {
    fn filters(&self) -> bool {
        !self.text.trim().is_empty() || self.min_severity.is_some()
    }
}

/// Folders deeper than this are folded into the file's name.
const MAX_DEPTH: usize = 64;

/// Trees up to this many files open fully; larger ones open only where findings are.
const OPEN_ALL_UP_TO: usize = 300;

impl FileTree {
    pub fn build<'a>(files: impl IntoIterator<Item = FileInfo<'a>>) -> FileTree {
        let mut tree = FileTree::from(vec![Node {
            name: String::new(),
            path: String::new(),
            is_dir: true,
            size: 0,
            severity: None,
            third_party: true,
            children: Vec::new(),
            parent: 0,
        }]);
        let mut by_path = HashMap::new();
        for file in files {
            tree.add(file, &mut by_path);
        }
        let _ = tree.by_path.set(by_path);
        // Sorted once here, so that showing rows by name sorts nothing.
        let mut nodes = std::mem::take(&mut tree.nodes);
        for i in 0..nodes.len() {
            let mut children = std::mem::take(&mut nodes[i].children);
            children.sort_by(|&a, &b| by_name(&nodes[a], &nodes[b]));
            nodes[i].children = children;
        }
        tree.nodes = nodes;
        tree
    }

    fn add(&mut self, file: FileInfo, by_path: &mut HashMap<String, usize>) {
        let mut parent = 0;
        let mut chain = vec![0];
        let mut parts: Vec<&str> = file.path.split('/').collect();
        // Past this depth the rest of the path is one name: a hostile path 50,000 folders
        // deep would otherwise cost quadratic memory and recursion.
        if parts.len() > MAX_DEPTH {
            let tail_at = parts[..MAX_DEPTH - 1]
                .iter()
                .map(|p| p.len() + 1)
                .sum::<usize>();
            parts.truncate(MAX_DEPTH - 1);
            parts.push(&file.path[tail_at..]);
        }
        let mut sub = String::with_capacity(file.path.len());
        for (i, part) in parts.iter().enumerate() {
            let is_dir = i + 1 < parts.len();
            if i > 0 {
                sub.push('/');
            }
            sub.push_str(part);
            let id = match by_path.get(&sub) {
                Some(&id) if self.nodes[id].is_dir == is_dir => id,
                _ => {
                    self.nodes.push(Node {
                        name: (*part).to_string(),
                        path: sub.clone(),
                        is_dir,
                        size: 0,
                        severity: None,
                        third_party: true,
                        children: Vec::new(),
                        parent,
                    });
                    let id = self.nodes.len() - 1;
                    self.nodes[parent].children.push(id);
                    by_path.insert(sub.clone(), id);
                    id
                }
            };
            chain.push(id);
            parent = id;
        }
        for id in chain {
            let node = &mut self.nodes[id];
            node.size += file.size;
            node.severity = node.severity.max(file.severity);
            node.third_party &= file.third_party;
        }
    }

    /// The package's files, each marked with its worst finding.
    pub fn of_package(archive: &Archive, analysis: &Analysis) -> FileTree {
        let worst = worst_by_path(
            analysis
                .findings
                .iter()
                .map(|f| (f.path.as_str(), f.severity)),
        );
        FileTree::build(archive.entries().iter().map(|e| FileInfo {
            path: &e.path,
            size: e.size(),
            severity: worst.get(e.path.as_str()).copied(),
            third_party: false,
        }))
    }

    /// The recovered sources by export path, marked with secrets found inside them.
    pub fn of_recovered(recovered: &RecoveredSources, analysis: &Analysis) -> FileTree {
        let worst = worst_by_path(
            analysis
                .findings
                .iter()
                .filter_map(|f| f.source.as_ref().map(|s| (s.path.as_str(), f.severity))),
        );
        FileTree::build(recovered.files().iter().map(|f| FileInfo {
            path: f.export_path(),
            size: f.size(),
            severity: worst.get(f.export_path()).copied(),
            third_party: !f.first_party,
        }))
    }

    pub fn node(&self, id: usize) -> &Node {
        &self.nodes[id]
    }

    pub fn find(&self, path: &str) -> Option<usize> {
        let by_path = self.by_path.get_or_init(|| {
            let nodes = self.nodes.iter().enumerate().skip(1);
            nodes.map(|(i, n)| (n.path.clone(), i)).collect()
        });
        by_path.get(path).copied()
    }

    /// Every node, the root first.
    pub fn nodes(&self) -> &[Node] {
        &self.nodes
    }

    /// The nodes in slices of at most `SLICE_NODES`, to send a large tree in pieces.
    pub fn slices(&self) -> impl Iterator<Item = &[Node]> {
        self.nodes.chunks(SLICE_NODES)
    }

    pub fn file_count(&self) -> usize {
        self.nodes.iter().filter(|n| !n.is_dir).count()
    }

    /// Every folder, for "expand all".
    pub fn folders(&self) -> BTreeSet<usize> {
        (1..self.nodes.len())
            .filter(|&i| self.nodes[i].is_dir)
            .collect()
    }

    /// Which folders start open: all but third-party ones in a small tree; in a large one,
    /// only those on the way to a finding worth seeing.
    pub fn default_expanded(&self) -> BTreeSet<usize> {
        let small = self.file_count() <= OPEN_ALL_UP_TO;
        self.nodes
            .iter()
            .enumerate()
            .skip(1)
            .filter(|(_, n)| n.is_dir)
            .filter(|(_, n)| {
                let notable = n.severity.is_some_and(|s| s > Severity::Info);
                notable || (small && !n.third_party)
            })
            .map(|(id, _)| id)
            .collect()
    }

    /// The folders that contain `path`, so that opening a file can reveal it.
    pub fn ancestors(&self, path: &str) -> Vec<usize> {
        let mut out = Vec::new();
        let mut at = self.find(path).map_or(0, |id| self.nodes[id].parent);
        while at != 0 {
            out.push(at);
            at = self.nodes[at].parent;
        }
        out
    }

    /// The rows to show, in order. With a search or a severity filter, matching files show
    /// with all their folders open; otherwise `expanded` decides.
    pub fn rows(&self, expanded: &BTreeSet<usize>, query: &Query) -> Vec<Row> {
        let needle = query.text.trim().to_ascii_lowercase();
        let visible = query.filters().then(|| {
            let finder = memchr::memmem::Finder::new(needle.as_bytes());
            let mut lower = Vec::new();
            let mut visible = vec![false; self.nodes.len()];
            // Children come after their parents: files decide, then folders bottom-up.
            for (id, node) in self.nodes.iter().enumerate().rev() {
                if node.is_dir {
                    continue;
                }
                lower.clear();
                lower.extend(node.path.bytes().map(|b| b.to_ascii_lowercase()));
                let text_ok = needle.is_empty() || finder.find(&lower).is_some();
                let severity_ok = query
                    .min_severity
                    .is_none_or(|m| node.severity.is_some_and(|s| s >= m));
                visible[id] = text_ok && severity_ok;
            }
            for id in (1..self.nodes.len()).rev() {
                if visible[id] {
                    visible[self.nodes[id].parent] = true;
                }
            }
            visible
        });
        let mut rows = Vec::new();
        self.push_rows(0, 0, expanded, visible.as_deref(), query.sort, &mut rows);
        rows
    }

    fn push_rows(
        &self,
        id: usize,
        depth: usize,
        expanded: &BTreeSet<usize>,
        visible: Option<&[bool]>,
        sort: Sort,
        rows: &mut Vec<Row>,
    ) {
        let shown = |c: &usize| visible.is_none_or(|v| v[*c]);
        let mut children: Vec<usize> = self.nodes[id]
            .children
            .iter()
            .copied()
            .filter(shown)
            .collect();
        if sort == Sort::Size {
            children.sort_by(|&a, &b| {
                let (a, b) = (&self.nodes[a], &self.nodes[b]);
                b.is_dir
                    .cmp(&a.is_dir)
                    .then(b.size.cmp(&a.size))
                    .then_with(|| a.name.cmp(&b.name))
            });
        }
        for c in children {
            let node = &self.nodes[c];
            let open = node.is_dir && (visible.is_some() || expanded.contains(&c));
            rows.push(Row {
                node: c,
                depth,
                expanded: open,
            });
            if open {
                self.push_rows(c, depth + 1, expanded, visible, sort, rows);
            }
        }
    }
}

fn by_name(a: &Node, b: &Node) -> std::cmp::Ordering {
    b.is_dir.cmp(&a.is_dir).then_with(|| a.name.cmp(&b.name))
}

fn worst_by_path<'a>(
    items: impl Iterator<Item = (&'a str, Severity)>,
) -> HashMap<&'a str, Severity> {
    let mut worst: HashMap<&str, Severity> = HashMap::new();
    for (path, severity) in items {
        let s = worst.entry(path).or_insert(severity);
        *s = (*s).max(severity);
    }
    worst
}

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

    fn file(path: &str, size: u64, severity: Option<Severity>) -> FileInfo<'_> {
        FileInfo {
            path,
            size,
            severity,
            third_party: false,
        }
    }

    fn tree() -> FileTree {
        FileTree::build([
            file("package.json", 100, None),
            file("dist/cli.js", 1000, Some(Severity::Info)),
            file("dist/cli.js.map", 6000, Some(Severity::Critical)),
            file("README.md", 50, None),
            file("dist/lib/util.js", 10, None),
        ])
    }

    fn paths(t: &FileTree, rows: &[Row]) -> Vec<String> {
        rows.iter()
            .map(|r| format!("{}{}", "  ".repeat(r.depth), t.node(r.node).path))
            .collect()
    }

    #[test]
    fn folders_first_sizes_and_severities_roll_up() {
        let t = tree();
        let rows = t.rows(&t.default_expanded(), &Query::default());
        assert_eq!(
            paths(&t, &rows),
            [
                "dist",
                "  dist/lib",
                "    dist/lib/util.js",
                "  dist/cli.js",
                "  dist/cli.js.map",
                "README.md",
                "package.json"
            ]
        );
        let dist = t.node(rows[0].node);
        assert_eq!((dist.size, dist.severity), (7010, Some(Severity::Critical)));
        assert_eq!(t.file_count(), 5);
    }

    #[test]
    fn absurdly_deep_paths_are_folded() {
        let deep = format!("{}x.ts", "a/".repeat(50_000));
        let t = FileTree::build([file(&deep, 1, None)]);
        let all: BTreeSet<usize> = (0..t.nodes.len()).collect();
        let rows = t.rows(&all, &Query::default());
        assert_eq!(rows.len(), MAX_DEPTH);
        let last = t.node(rows[MAX_DEPTH - 1].node);
        assert_eq!(last.path, deep);
        assert!(!last.is_dir && last.name.ends_with("a/x.ts"));
    }

    #[test]
    fn collapsed_folders_hide_their_children() {
        let t = tree();
        assert_eq!(
            paths(&t, &t.rows(&BTreeSet::new(), &Query::default())),
            ["dist", "README.md", "package.json"]
        );
    }

    #[test]
    fn search_filter_and_sort() {
        let t = tree();
        let q = |text: &str, min, sort| Query {
            text: text.into(),
            min_severity: min,
            sort,
        };
        let none = BTreeSet::new();
        assert_eq!(
            paths(&t, &t.rows(&none, &q("CLI", None, Sort::Name))),
            ["dist", "  dist/cli.js", "  dist/cli.js.map"]
        );
        assert_eq!(
            paths(
                &t,
                &t.rows(&none, &q("", Some(Severity::Critical), Sort::Name))
            ),
            ["dist", "  dist/cli.js.map"]
        );
        assert!(
            t.rows(&none, &q("nothing-matches", None, Sort::Name))
                .is_empty()
        );
        let all = t.default_expanded();
        assert_eq!(
            paths(&t, &t.rows(&all, &q("", None, Sort::Size))),
            [
                "dist",
                "  dist/lib",
                "    dist/lib/util.js",
                "  dist/cli.js.map",
                "  dist/cli.js",
                "package.json",
                "README.md"
            ]
        );
    }

    #[test]
    fn large_trees_open_only_towards_findings_and_third_party_stays_closed() {
        let mut files: Vec<(String, Option<Severity>)> =
            (0..400).map(|i| (format!("lib/f{i}.js"), None)).collect();
        files.push(("maps/deep/x.map".into(), Some(Severity::Critical)));
        files.push(("docs/a.map".into(), Some(Severity::Info)));
        let t = FileTree::build(files.iter().map(|(p, s)| file(p, 1, *s)));
        let rows = paths(&t, &t.rows(&t.default_expanded(), &Query::default()));
        assert_eq!(
            rows,
            ["docs", "lib", "maps", "  maps/deep", "    maps/deep/x.map"]
        );

        let small = FileTree::build([
            file("src/a.ts", 1, None),
            FileInfo {
                third_party: true,
                ..file("node_modules/x/i.js", 1, None)
            },
        ]);
        let rows = paths(
            &small,
            &small.rows(&small.default_expanded(), &Query::default()),
        );
        assert_eq!(rows, ["node_modules", "src", "  src/a.ts"]);
        assert!(small.node(small.find("node_modules").unwrap()).third_party);
        assert!(!small.node(0).children.is_empty());
        assert_eq!(small.ancestors("node_modules/x/i.js").len(), 2);
    }

    #[test]
    fn a_tree_survives_being_sent_in_slices() {
        let files: Vec<String> = (0..20_000).map(|i| format!("d{}/f{i}.js", i % 7)).collect();
        let t = FileTree::build(files.iter().map(|p| file(p, 1, None)));
        let slices: Vec<Vec<Node>> = t.slices().map(<[Node]>::to_vec).collect();
        assert_eq!(slices.len(), 20_008usize.div_ceil(SLICE_NODES));
        let back = FileTree::from(slices.concat());
        assert_eq!(back, t);
        assert_eq!(back.find("d3/f10.js"), t.find("d3/f10.js"));
        assert!(back.find("d3/f10.js").is_some());
    }

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
