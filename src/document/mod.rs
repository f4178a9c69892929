//! A file as a viewer shows it: text cut into rows (long lines split so a 13 MB minified
//! line is thousands of short rows, not one huge one), with the colouring state at each
//! row ([`TextDoc`]); what the viewer knows of a file and its rows ([`file`]), and a source
//! map's summary ([`map`]). Worked out where the package is (the worker), sent to the page.

pub mod file;
pub mod map;
pub mod origin;

use crate::highlight::{self, Lang, Span, State};

/// Longest row, in bytes, before a line continues on the next row.
pub const ROW_BYTES: usize = 1000;

/// One row of text: bytes `start..end` of line `line` (1-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocRow {
    pub line: u32,
    pub start: usize,
    pub end: usize,
    /// Continues the line of the row before it.
    pub continued: bool,
}

/// A text file laid out for viewing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextDoc {
    lang: Lang,
    rows: Vec<DocRow>,
    /// Colouring state at the start of each row.
    states: Vec<State>,
    lines: u32,
}

impl TextDoc {
    pub fn new(path: &str, text: &str) -> TextDoc {
        let lang = Lang::of(path);
        let mut rows = Vec::new();
        let mut line = 0u32;
        let mut at = 0;
        for raw in text.split_inclusive('\n') {
            line += 1;
            let content = raw.trim_end_matches(['\n', '\r']);
            let mut start = at;
            let end = at + content.len();
            let mut continued = false;
            loop {
                let mut cut = (start + ROW_BYTES).min(end);
                while !text.is_char_boundary(cut) {
                    cut -= 1;
                }
                rows.push(DocRow {
                    line,
                    start,
                    end: cut,
                    continued,
                });
                if cut >= end {
                    break;
                }
                start = cut;
                continued = true;
            }
            at += raw.len();
        }
        if text.is_empty() || text.ends_with('\n') {
            // The empty last line after a final newline is not shown, but an empty file
            // still has its one (empty) line.
            if text.is_empty() {
                rows.push(DocRow {
                    line: 1,
                    start: 0,
                    end: 0,
                    continued: false,
                });
                line = 1;
            }
        }
        let mut states = Vec::with_capacity(rows.len());
        let mut state = State::Normal;
        for row in &rows {
            // A row that continues a line carries its state; a new line starts from the
            // previous line's end state (comments and template strings span lines).
            states.push(state);
            state = highlight::line(lang, &text[row.start..row.end], state).1;
        }
        TextDoc {
            lang,
            rows,
            states,
            lines: line,
        }
    }

    pub fn rows(&self) -> &[DocRow] {
        &self.rows
    }

    pub fn lines(&self) -> u32 {
        self.lines
    }

    /// The coloured spans of row `i`, relative to the row's start.
    pub fn spans(&self, text: &str, i: usize) -> Vec<Span> {
        let row = self.rows[i];
        highlight::line(self.lang, &text[row.start..row.end], self.states[i]).0
    }

    /// The first row of a 1-based line.
    pub fn row_of_line(&self, line: u32) -> Option<usize> {
        let i = self.rows.partition_point(|r| r.line < line);
        (i < self.rows.len() && self.rows[i].line == line).then_some(i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(doc: &TextDoc, text: &str) -> Vec<(u32, bool, String)> {
        doc.rows()
            .iter()
            .map(|r| (r.line, r.continued, text[r.start..r.end].to_string()))
            .collect()
    }

    #[test]
    fn lines_become_rows() {
        let text = "a\r\nb\n\nc";
        let doc = TextDoc::new("x.txt", text);
        assert_eq!(
            rows(&doc, text),
            [
                (1, false, "a".into()),
                (2, false, "b".into()),
                (3, false, "".into()),
                (4, false, "c".into())
            ]
        );
        assert_eq!(doc.lines(), 4);
        assert_eq!(TextDoc::new("x", "").rows().len(), 1);
        assert_eq!(TextDoc::new("x", "a\n").rows().len(), 1);
    }

    #[test]
    fn long_lines_are_cut_on_char_boundaries() {
        let text = format!("{}\nshort", "é".repeat(ROW_BYTES));
        let doc = TextDoc::new("min.js", &text);
        let r = rows(&doc, &text);
        assert_eq!(r.len(), 3);
        assert_eq!((r[0].0, r[0].1, r[1].0, r[1].1), (1, false, 1, true));
        assert_eq!(r[0].2.len() + r[1].2.len(), 2 * ROW_BYTES);
        assert_eq!(r[2], (2, false, "short".into()));
        assert_eq!(doc.row_of_line(2), Some(2));
        assert_eq!(doc.row_of_line(9), None);
    }

    #[test]
    fn colouring_state_crosses_lines() {
        let text = "/* one\ntwo */ let x = 1;";
        let doc = TextDoc::new("a.ts", text);
        let spans = doc.spans(text, 1);
        let row = doc.rows()[1];
        let first = &text[row.start..][spans[0].start..spans[0].end];
        assert_eq!((spans[0].kind, first), (highlight::Kind::Comment, "two */"));
    }
}
