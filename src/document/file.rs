//! One file as the viewer shows it: its text with secrets masked, cut into rows, the
//! findings under the rows of their lines; or a description of binary content. Rows are
//! coloured a page at a time ([`TextView::rows`]), so a 13 MB file costs the screen only the
//! rows on it.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::binary::describe_binary;
use crate::document::TextDoc;
use crate::finding::{ByteRange, Finding, InSource};
use crate::highlight::Kind;
use crate::session::Session;
use crate::tree::Tab;

/// What the viewer knows of a file before any row is shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileMeta {
    pub tab: Tab,
    pub path: String,
    pub size: u64,
    pub kind: FileKind,
    /// For a recovered source: where it came from.
    pub recovered: Option<RecoveredInfo>,
    /// For a source map (or a file with one inline): what it is, shown before its text.
    pub map: Option<crate::document::map::MapView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum FileKind {
    Text(TextMeta),
    /// Described, not shown: "PNG image, 16 B".
    Binary(String),
    Missing,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextMeta {
    /// Rows of text (a long line is several).
    pub rows: usize,
    pub lines: u32,
    /// Findings with a line, each shown after the last row of its line: `(row, finding)`,
    /// by row.
    pub line_findings: Vec<(usize, Finding)>,
    /// Findings about the file as a whole.
    pub file_findings: Vec<Finding>,
    /// Lines longer than a row: `(line, rows of all such lines up to it, less one each)`,
    /// by line, so that the row of any line can be worked out without the rows.
    pub long_lines: Vec<(u32, usize)>,
}

impl TextMeta {
    /// The first row of a 1-based line (the last row for a line past the end).
    pub fn row_of_line(&self, line: u32) -> usize {
        let line = line.max(1);
        let before = self.long_lines.partition_point(|(l, _)| *l < line);
        let extra = before.checked_sub(1).map_or(0, |i| self.long_lines[i].1);
        ((line - 1) as usize + extra).min(self.rows.saturating_sub(1))
    }

    /// The viewer's list: every row, each line's findings right after its last row.
    pub fn items(&self) -> Vec<Item> {
        let mut items = Vec::with_capacity(self.rows + self.line_findings.len());
        let mut next = self.line_findings.iter().enumerate().peekable();
        for row in 0..self.rows {
            items.push(Item::Row(row));
            while let Some((i, _)) = next.next_if(|(_, (after, _))| *after == row) {
                items.push(Item::Finding(i));
            }
        }
        items
    }
}

/// One entry of the viewer's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    Row(usize),
    /// Index into [`TextMeta::line_findings`].
    Finding(usize),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecoveredInfo {
    pub first_party: bool,
    /// The maps (or files with inline maps) that embed it.
    pub maps: Vec<String>,
    /// Export paths of every version of this path (itself included), when there are several.
    pub variants: Vec<String>,
}

/// One row, coloured.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ViewRow {
    pub line: u32,
    /// Continues the line of the row before it.
    pub continued: bool,
    pub spans: Vec<(Kind, String)>,
}

/// A text file laid out for the viewer.
pub struct TextView {
    /// The text with every secret masked; "Download file" still gives the exact bytes.
    text: String,
    doc: TextDoc,
}

/// A row with more coloured spans than this is shown plain: the sources array of a large
/// map has hundreds per row, and the rows on screen made tens of thousands of elements and a
/// long task on the page's main thread when its raw JSON opened (the e2e test "the big
/// leak's 60 MB map opens as a summary, with no long task" keeps it short). Nobody reads a
/// row that dense for its colours.
pub const MAX_SPANS: usize = 64;

impl TextView {
    /// Rows `from..to` (clamped to the file), coloured.
    pub fn rows(&self, from: usize, to: usize) -> Vec<ViewRow> {
        let rows = self.doc.rows();
        let to = to.min(rows.len());
        (from.min(to)..to)
            .map(|i| {
                let row = rows[i];
                let text = &self.text[row.start..row.end];
                let spans = self.doc.spans(&self.text, i);
                let spans = if spans.len() > MAX_SPANS {
                    vec![(Kind::Plain, text.to_string())]
                } else {
                    spans
                        .into_iter()
                        .map(|s| (s.kind, text[s.start..s.end].to_string()))
                        .collect()
                };
                ViewRow {
                    line: row.line,
                    continued: row.continued,
                    spans,
                }
            })
            .collect()
    }

    /// The first row of a 1-based line.
    pub fn row_of_line(&self, line: u32) -> Option<usize> {
        self.doc.row_of_line(line)
    }
}

/// Opens one file of a session: what the viewer shows first, and the rows to page through.
pub fn open(session: &Session, tab: Tab, path: &str) -> (FileMeta, Option<TextView>) {
    let recovered = match tab {
        Tab::Recovered => session.recovered(path),
        Tab::Files => None,
    };
    let info = recovered.map(|r| {
        let variants: Vec<String> = session
            .analysis
            .recovered
            .files()
            .iter()
            .filter(|f| f.path == r.path)
            .map(|f| f.export_path().to_string())
            .collect();
        RecoveredInfo {
            first_party: r.first_party,
            maps: r.maps.clone(),
            variants: if variants.len() > 1 {
                variants
            } else {
                Vec::new()
            },
        }
    });
    let map = match tab {
        Tab::Files => crate::document::map::MapView::of(&session.analysis, path),
        Tab::Recovered => None,
    };
    let meta = |size, kind| FileMeta {
        tab,
        path: path.to_string(),
        size,
        kind,
        recovered: info.clone(),
        map: map.clone(),
    };
    let Some(bytes) = session.bytes(tab, path) else {
        return (meta(0, FileKind::Missing), None);
    };
    let size = bytes.len() as u64;
    if let Some(description) = describe_binary(&bytes) {
        return (meta(size, FileKind::Binary(description)), None);
    }
    let findings = findings_of(session, tab, path);
    // Secrets are masked on screen too, where the scan found them.
    let spans = secret_spans(session, tab, &bytes, findings.iter().map(|(_, f)| f));
    let text = crate::scan::secrets::mask(&bytes, spans);
    let doc = TextDoc::new(path, &text);
    let view = TextView { text, doc };
    let (with_line, file_findings): (Vec<_>, Vec<_>) =
        findings.into_iter().partition(|(line, _)| line.is_some());
    let mut line_findings: Vec<(usize, Finding)> = with_line
        .into_iter()
        .map(|(line, f)| (last_row_of_line(&view, line.unwrap_or(1)), f))
        .collect();
    line_findings.sort_by_key(|(row, _)| *row);
    let text_meta = TextMeta {
        rows: view.doc.rows().len(),
        lines: view.doc.lines(),
        line_findings,
        file_findings: file_findings.into_iter().map(|(_, f)| f).collect(),
        long_lines: long_lines(&view.doc),
    };
    (meta(size, FileKind::Text(text_meta)), Some(view))
}

/// Where the secrets the scan found are in the text shown: a file's own, or a recovered
/// source's; in a map, also where the secrets of the sources it embeds stand in its JSON
/// (each found by its own text, JSON-escaped: the scanner is not run again).
fn secret_spans<'a>(
    session: &Session,
    tab: Tab,
    bytes: &[u8],
    findings: impl Iterator<Item = &'a Finding>,
) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    for f in findings {
        match (tab, &f.source) {
            (Tab::Files, None) => spans.extend(f.span.map(range)),
            (Tab::Recovered, Some(inside)) => spans.extend(inside.span.map(range)),
            (Tab::Files, Some(inside)) => spans.extend(in_map(session, bytes, inside)),
            (Tab::Recovered, None) => {}
        }
    }
    spans
}

fn range(span: ByteRange) -> Range<usize> {
    span.start as usize..span.end as usize
}

/// Where the secret found inside a recovered source stands in the JSON of the map that
/// embeds it (`json`): its text, as JSON writes it.
fn in_map(session: &Session, json: &[u8], inside: &InSource) -> Vec<Range<usize>> {
    let Some((source, span)) = session.recovered(&inside.path).zip(inside.span) else {
        return Vec::new();
    };
    let text = source.text(session.archive.data());
    let Some(secret) = text.get(range(span)) else {
        return Vec::new();
    };
    let escaped = serde_json::to_string(secret).unwrap_or_default();
    let needle = escaped.trim_matches('"').as_bytes();
    memchr::memmem::find_iter(json, needle)
        .map(|at| at..at + needle.len())
        .collect()
}

/// Every line that takes more than one row, with the extra rows up to and including it.
fn long_lines(doc: &TextDoc) -> Vec<(u32, usize)> {
    let mut out: Vec<(u32, usize)> = Vec::new();
    let mut extra = 0;
    for row in doc.rows().iter().filter(|r| r.continued) {
        extra += 1;
        match out.last_mut() {
            Some((line, total)) if *line == row.line => *total = extra,
            _ => out.push((row.line, extra)),
        }
    }
    out
}

/// The findings about a file, with the line each is on (in the recovered source, for one
/// found inside it).
fn findings_of(session: &Session, tab: Tab, path: &str) -> Vec<(Option<u32>, Finding)> {
    let findings = session.analysis.findings.iter();
    match tab {
        Tab::Files => findings
            .filter(|f| f.path == path)
            .map(|f| (f.line, f.clone()))
            .collect(),
        Tab::Recovered => findings
            .filter_map(|f| {
                let at = f.source.as_ref().filter(|s| s.path == path)?;
                Some((Some(at.line), f.clone()))
            })
            .collect(),
    }
}

/// The last row of a line (a finding goes under the whole line); the last row of the file
/// for a line past its end.
fn last_row_of_line(view: &TextView, line: u32) -> usize {
    let rows = view.doc.rows();
    let after = rows.partition_point(|r| r.line <= line);
    after.saturating_sub(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::Session;

    fn session(files: Vec<(&str, Vec<u8>)>) -> Session {
        let files: Vec<(&str, &[u8])> = files.iter().map(|(p, b)| (*p, b.as_slice())).collect();
        crate::session::of_files(&files, None)
    }

    /// A GitHub token with a valid checksum, made here, never committed as a literal.
    fn token() -> String {
        crate::scan::secrets::sample("github-pat", 1).expect("the rule exists")
    }

    #[test]
    fn findings_sit_under_their_lines_and_secrets_are_masked() {
        let token = token();
        let long = "x".repeat(2500);
        let js = format!("const a = 1;\nconst t = '{token}';\n{long}\nend();\n");
        let s = session(vec![
            ("index.js", js.into_bytes()),
            (".env", b"A=1".to_vec()),
        ]);
        let (meta, view) = open(&s, Tab::Files, "index.js");
        let FileKind::Text(text) = &meta.kind else {
            panic!("{meta:?}")
        };
        let view = view.unwrap();
        assert_eq!((text.lines, text.rows), (4, 6), "line 3 is three rows");
        assert_eq!(text.line_findings.len(), 1);
        let (row, finding) = &text.line_findings[0];
        assert_eq!((*row, finding.line), (1, Some(2)));
        assert_eq!(
            text.items()[..4],
            [Item::Row(0), Item::Row(1), Item::Finding(0), Item::Row(2)]
        );
        let rows = view.rows(0, 99);
        assert_eq!(rows.len(), 6);
        let line2: String = rows[1].spans.iter().map(|(_, t)| t.as_str()).collect();
        assert!(!line2.contains(&token[4..]), "{line2}");
        assert!(line2.contains("••••"));
        assert!(rows[3].continued && rows[4].continued && !rows[5].continued);
        assert_eq!(view.row_of_line(4), Some(5));
        // The page works rows out from the meta alone, and agrees.
        for line in 1..=4 {
            assert_eq!(
                Some(text.row_of_line(line)),
                view.row_of_line(line),
                "line {line}"
            );
        }
        assert_eq!(text.row_of_line(99), 5);
        assert_eq!(text.long_lines, [(3, 2)]);
        // A file-level finding has no line.
        let (env, _) = open(&s, Tab::Files, ".env");
        let FileKind::Text(env) = env.kind else {
            panic!()
        };
        assert!(env.line_findings.is_empty());
        assert_eq!(env.file_findings.len(), 1);
    }

    /// A secret inside a source a map embeds is masked in that source and in the map's
    /// JSON, where the scan found it: the viewer does not search the text again.
    #[test]
    fn secrets_in_embedded_sources_are_masked_in_the_source_and_the_map() {
        let token = token();
        let source = format!("export const t = '{token}';\n");
        let map = serde_json::json!({
            "version": 3, "sources": ["src/t.ts"], "sourcesContent": [source], "mappings": "AAAA"
        })
        .to_string();
        let s = session(vec![("t.js.map", map.into_bytes())]);
        let shown = |tab, path: &str| -> String {
            let (_, view) = open(&s, tab, path);
            let view = view.unwrap();
            let rows = view.rows(0, 99);
            rows.iter()
                .flat_map(|r| r.spans.iter().map(|(_, t)| t.as_str()))
                .collect()
        };
        for (tab, path) in [(Tab::Recovered, "src/t.ts"), (Tab::Files, "t.js.map")] {
            let text = shown(tab, path);
            assert!(!text.contains(&token[4..]), "{path}: {text}");
            assert!(text.contains("'••••"), "{path}: {text}");
        }
    }

    #[test]
    fn binary_and_missing_files() {
        let s = session(vec![("a.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec())]);
        let (meta, view) = open(&s, Tab::Files, "a.png");
        assert_eq!(meta.kind, FileKind::Binary("PNG image, 16 B".into()));
        assert!(view.is_none());
        assert_eq!(open(&s, Tab::Files, "nope").0.kind, FileKind::Missing);
        assert_eq!(open(&s, Tab::Recovered, "a.png").0.kind, FileKind::Missing);
    }

    #[test]
    fn rows_are_clamped_to_the_file() {
        let s = session(vec![("a.txt", b"one\ntwo\n".to_vec())]);
        let (_, view) = open(&s, Tab::Files, "a.txt");
        let view = view.unwrap();
        assert_eq!(view.rows(1, 50).len(), 1);
        assert!(view.rows(7, 3).is_empty());
    }

    #[test]
    fn a_row_too_dense_to_colour_is_plain() {
        // 100 short strings on one line: 200 spans, more than a row may have.
        let dense = format!("[{}]", vec!["\"ab\""; 100].join(","));
        let sparse = r#"{"a": [1, "b"]}"#;
        let s = session(vec![(
            "a.json",
            format!("{sparse}\n{dense}\n").into_bytes(),
        )]);
        let (_, view) = open(&s, Tab::Files, "a.json");
        let rows = view.unwrap().rows(0, 2);
        assert!(rows[0].spans.len() > 5, "{:?}", rows[0].spans);
        assert_eq!(rows[1].spans, [(Kind::Plain, dense)]);
    }
}
