//! Files as a tree of folders, with sizes and the worst severity of each subtree, flattened
//! into the rows a screen shows after search, filter and sort: the package's files, and the
//! sources recovered from its maps. Built where the package is (the worker), sent to the
//! page in slices; the state of a tree on screen is the page's (`view::tree`).

use std::cell::OnceCell;
use std::collections::{BTreeSet, HashMap};

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

/// A small tree, for the tests of trees and of their state on screen.
#[cfg(test)]
pub(crate) mod sample {
    use super::*;

    pub(crate) fn file(path: &str, size: u64, severity: Option<Severity>) -> FileInfo<'_> {
        FileInfo {
            path,
            size,
            severity,
            third_party: false,
        }
    }

    pub(crate) fn tree() -> FileTree {
        FileTree::build([
            file("package.json", 100, None),
            file("dist/cli.js", 1000, Some(Severity::Info)),
            file("dist/cli.js.map", 6000, Some(Severity::Critical)),
            file("README.md", 50, None),
            file("dist/lib/util.js", 10, None),
        ])
    }

    pub(crate) fn paths(t: &FileTree, rows: &[Row]) -> Vec<String> {
        rows.iter()
            .map(|r| format!("{}{}", "  ".repeat(r.depth), t.node(r.node).path))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::sample::{file, paths, tree};
    use super::*;

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
}
