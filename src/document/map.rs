//! A source map as the viewer shows it first: what it is (generated file, kind, how many
//! sources and how many embed their content, whose code that is per top folder, bytes,
//! `sourceRoot`, `debugId`, the personal paths it gives away) with each recovered source a
//! link, before anyone has to look at its JSON.

use serde::{Deserialize, Serialize};

use crate::report::{FolderCount, by_top_folder};
use crate::scan::Analysis;
use crate::scan::maps::{MapSummary, ShippedAs};
use crate::text::{count, plural, size};

/// Recovered sources listed as links; the rest are counted (and in the Recovered tab).
pub const LINKS_SHOWN: usize = 200;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MapView {
    /// "An orphaned source map: no file in the package points to it."
    pub what: String,
    /// The files whose `sourceMappingURL` names it.
    pub referenced_by: Vec<String>,
    /// Facts, one per line: "4,700 sources, 4,700 with their content embedded (31.2 MB)".
    pub facts: Vec<(String, String)>,
    /// The sources it embeds, by top folder: the package's own first.
    pub own_folders: Vec<FolderCount>,
    pub dependency_folders: Vec<FolderCount>,
    /// User names and internal hosts in its source paths.
    pub personal: Vec<String>,
    pub problems: Vec<String>,
    pub error: Option<String>,
    /// The first [`LINKS_SHOWN`] recovered sources, the package's own first (the point of
    /// the page), then its dependencies': export path (in the Recovered tab), own.
    pub recovered: Vec<(String, bool)>,
    pub recovered_total: usize,
}

impl MapView {
    /// The view of the map at `path` (a `.map` file, or a file with an inline map), if the
    /// analysis read one there.
    pub fn of(analysis: &Analysis, path: &str) -> Option<MapView> {
        let m = analysis.source_maps.iter().find(|m| m.path == path)?;
        let referenced_by: Vec<String> = analysis
            .refs
            .iter()
            .filter(|r| r.target == path && r.file != path)
            .map(|r| r.file.clone())
            .collect();
        let mut embedded: Vec<(&str, u64, bool)> = analysis
            .recovered
            .files()
            .iter()
            .filter(|f| f.maps.iter().any(|p| p == path))
            .map(|f| (f.export_path(), f.size(), f.first_party))
            .collect();
        // Stable: each side keeps the map's order.
        embedded.sort_by_key(|(_, _, own)| !own);
        let folders = |own: bool| {
            by_top_folder(
                embedded
                    .iter()
                    .filter(|(_, _, o)| *o == own)
                    .map(|(p, b, _)| (*p, *b)),
            )
        };
        Some(MapView {
            what: what(m, &referenced_by),
            facts: facts(m),
            own_folders: folders(true),
            dependency_folders: folders(false),
            personal: m.personal.clone(),
            problems: m.problems.clone(),
            error: m.error.clone(),
            recovered: embedded
                .iter()
                .take(LINKS_SHOWN)
                .map(|(p, _, own)| (p.to_string(), *own))
                .collect(),
            recovered_total: embedded.len(),
            referenced_by,
        })
    }
}

fn what(m: &MapSummary, referenced_by: &[String]) -> String {
    let kind = match m.kind {
        ShippedAs::File => "A source map",
        ShippedAs::Index => "An index source map (made of sections)",
        ShippedAs::Inline => "A source map inline in this file",
    };
    match (m.kind, referenced_by) {
        (ShippedAs::Inline, _) => format!("{kind}."),
        (_, []) => format!("{kind}, orphaned: no file in the package points to it."),
        (_, [one]) => format!("{kind} for `{one}`, which points to it."),
        (_, many) => format!(
            "{kind} for {}, which point to it.",
            plural(many.len(), "file", "files")
        ),
    }
}

fn facts(m: &MapSummary) -> Vec<(String, String)> {
    let mut facts = vec![
        (
            "Sources".to_string(),
            format!(
                "{}, {} with their content embedded ({})",
                count(m.sources as u64),
                count(m.sources_with_content as u64),
                size(m.content_bytes)
            ),
        ),
        (
            "The package's own".to_string(),
            format!(
                "{} of the sources, {} embedded ({})",
                count(m.first_party as u64),
                count(m.first_party_embedded as u64),
                size(m.first_party_bytes)
            ),
        ),
    ];
    if let Some(root) = &m.source_root {
        facts.push(("sourceRoot".into(), format!("`{root}`")));
    }
    if let Some(id) = &m.debug_id {
        facts.push(("debugId".into(), format!("`{id}`")));
    }
    facts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_leaking_map_summarised() {
        let map = serde_json::json!({
            "version": 3, "file": "cli.js", "sourceRoot": "/Users/ann/acme/",
            "debugId": "85314830-023f-4cf1-a267-535f4e37bb17",
            "sources": ["webpack://x/./node_modules/dep/i.js", "webpack://x/./src/a.ts", "webpack://x/./src/b/c.ts"],
            "sourcesContent": ["dep", "a", "bc"], "names": [], "mappings": "AAAA"
        })
        .to_string();
        let files: [(&str, &[u8]); 3] = [
            (
                "package.json",
                br#"{"name":"x","version":"1.0.0","license":"UNLICENSED"}"#,
            ),
            ("dist/cli.js", b"x()"),
            ("dist/cli.js.map", map.as_bytes()),
        ];
        let s = crate::session::of_files(&files, None);
        let v = MapView::of(&s.analysis, "dist/cli.js.map").unwrap();
        assert_eq!(
            v.what,
            "A source map, orphaned: no file in the package points to it."
        );
        assert_eq!(v.facts[0].1, "3, 3 with their content embedded (6 B)");
        assert_eq!(v.facts[1].1, "2 of the sources, 2 embedded (3 B)");
        assert!(
            v.facts
                .iter()
                .any(|(k, v)| k == "debugId" && v.contains("85314830"))
        );
        let folders: Vec<(&str, usize)> = v
            .own_folders
            .iter()
            .map(|f| (f.folder.as_str(), f.files))
            .collect();
        assert_eq!(folders.len(), 1, "{folders:?}");
        assert_eq!(folders[0].1, 2);
        assert_eq!(v.dependency_folders.len(), 1);
        assert_eq!(v.recovered_total, 3);
        // The package's own sources come first, though the map lists a dependency first.
        let links: Vec<(&str, bool)> = v.recovered.iter().map(|(p, o)| (p.as_str(), *o)).collect();
        assert_eq!(
            links,
            [
                ("src/a.ts", true),
                ("src/b/c.ts", true),
                ("node_modules/dep/i.js", false)
            ]
        );
        assert!(
            v.personal.iter().any(|p| p.contains("ann")),
            "{:?}",
            v.personal
        );
        assert_eq!(MapView::of(&s.analysis, "dist/cli.js"), None);
    }
}
