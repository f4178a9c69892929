//! Report -> view model: the package's files as a tree of folders, with sizes and the worst
//! severity of each subtree, flattened into the rows a screen shows. Pure data, so the page
//! only renders it and the logic is tested without a browser.

use std::collections::{BTreeSet, HashMap};

use crate::archive::Archive;
use crate::finding::Severity;
use crate::scan::Analysis;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    pub name: String,
    /// Package-relative path; empty for the root.
    pub path: String,
    pub is_dir: bool,
    /// A folder's size is the sum of its files.
    pub size: u64,
    /// Worst severity in this file or anywhere under this folder.
    pub severity: Option<Severity>,
    pub children: Vec<usize>,
}

/// A file tree. Node 0 is the root (the package itself) and is never shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileTree {
    nodes: Vec<Node>,
}

/// One visible line of the tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub node: usize,
    pub depth: usize,
    pub expanded: bool,
}

/// Trees up to this many files open fully; larger ones open only where findings are.
const OPEN_ALL_UP_TO: usize = 300;

impl FileTree {
    /// Builds the tree from `(path, size, severity)` of each file.
    pub fn build<'a>(
        files: impl IntoIterator<Item = (&'a str, u64, Option<Severity>)>,
    ) -> FileTree {
        let mut nodes = vec![Node {
            name: String::new(),
            path: String::new(),
            is_dir: true,
            size: 0,
            severity: None,
            children: Vec::new(),
        }];
        let mut dirs: HashMap<String, usize> = HashMap::new();
        for (path, size, severity) in files {
            let mut parent = 0;
            let mut chain = vec![0];
            let parts: Vec<&str> = path.split('/').collect();
            for (i, part) in parts.iter().enumerate() {
                let is_dir = i + 1 < parts.len();
                let sub = parts[..=i].join("/");
                let existing = if is_dir {
                    dirs.get(&sub).copied()
                } else {
                    None
                };
                let id = existing.unwrap_or_else(|| {
                    nodes.push(Node {
                        name: (*part).to_string(),
                        path: sub.clone(),
                        is_dir,
                        size: 0,
                        severity: None,
                        children: Vec::new(),
                    });
                    let id = nodes.len() - 1;
                    nodes[parent].children.push(id);
                    if is_dir {
                        dirs.insert(sub, id);
                    }
                    id
                });
                chain.push(id);
                parent = id;
            }
            for id in chain {
                nodes[id].size += size;
                nodes[id].severity = nodes[id].severity.max(severity);
            }
        }
        let mut tree = FileTree { nodes };
        tree.sort(0);
        tree
    }

    /// The tree of a scanned package, each file marked with its worst finding.
    pub fn of_package(archive: &Archive, analysis: &Analysis) -> FileTree {
        let mut worst: HashMap<&str, Severity> = HashMap::new();
        for f in &analysis.findings {
            let s = worst.entry(f.path.as_str()).or_insert(f.severity);
            *s = (*s).max(f.severity);
        }
        FileTree::build(archive.entries().iter().map(|e| {
            (
                e.path.as_str(),
                e.size(),
                worst.get(e.path.as_str()).copied(),
            )
        }))
    }

    /// Folders first, then by name, so the tree reads like a file manager.
    fn sort(&mut self, id: usize) {
        let mut children = std::mem::take(&mut self.nodes[id].children);
        children.sort_by(|&a, &b| {
            let (a, b) = (&self.nodes[a], &self.nodes[b]);
            b.is_dir.cmp(&a.is_dir).then_with(|| a.name.cmp(&b.name))
        });
        for &c in &children {
            self.sort(c);
        }
        self.nodes[id].children = children;
    }

    pub fn node(&self, id: usize) -> &Node {
        &self.nodes[id]
    }

    pub fn file_count(&self) -> usize {
        self.nodes.iter().filter(|n| !n.is_dir).count()
    }

    /// Which folders start open: all of them in a small package; in a large one, the top
    /// level and every folder on the way to a finding worth seeing.
    pub fn default_expanded(&self) -> BTreeSet<usize> {
        let small = self.file_count() <= OPEN_ALL_UP_TO;
        self.nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| n.is_dir)
            .filter(|(_, n)| small || n.severity.is_some_and(|s| s > Severity::Info))
            .map(|(id, _)| id)
            .collect()
    }

    /// The rows to show, in order, given which folders are open.
    pub fn rows(&self, expanded: &BTreeSet<usize>) -> Vec<Row> {
        let mut rows = Vec::new();
        let mut stack: Vec<(usize, usize)> = self.nodes[0]
            .children
            .iter()
            .rev()
            .map(|&c| (c, 0))
            .collect();
        while let Some((id, depth)) = stack.pop() {
            let open = self.nodes[id].is_dir && expanded.contains(&id);
            rows.push(Row {
                node: id,
                depth,
                expanded: open,
            });
            if open {
                stack.extend(
                    self.nodes[id]
                        .children
                        .iter()
                        .rev()
                        .map(|&c| (c, depth + 1)),
                );
            }
        }
        rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree() -> FileTree {
        FileTree::build([
            ("package.json", 100, None),
            ("dist/cli.js", 1000, Some(Severity::Info)),
            ("dist/cli.js.map", 6000, Some(Severity::Critical)),
            ("README.md", 50, None),
            ("dist/lib/util.js", 10, None),
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
        let rows = t.rows(&t.default_expanded());
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
    fn collapsed_folders_hide_their_children() {
        let t = tree();
        assert_eq!(
            paths(&t, &t.rows(&BTreeSet::new())),
            ["dist", "README.md", "package.json"]
        );
    }

    #[test]
    fn large_trees_open_only_towards_findings() {
        let mut files: Vec<(String, u64, Option<Severity>)> = (0..400)
            .map(|i| (format!("lib/f{i}.js"), 1, None))
            .collect();
        files.push(("maps/deep/x.map".into(), 1, Some(Severity::Critical)));
        files.push(("docs/a.map".into(), 1, Some(Severity::Info)));
        let t = FileTree::build(files.iter().map(|(p, s, v)| (p.as_str(), *s, *v)));
        let rows = paths(&t, &t.rows(&t.default_expanded()));
        assert_eq!(
            rows,
            ["docs", "lib", "maps", "  maps/deep", "    maps/deep/x.map"]
        );
    }
}
