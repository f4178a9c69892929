//! Syntax colouring as data: a small grammar-driven tokenizer per language that turns a
//! line into typed spans. The page makes one element per span; no markup string is ever
//! built from package content.
//!
//! Lines are coloured one at a time with a carried [`State`] (inside a block comment or a
//! template string), so a viewer can colour only the lines on screen.

/// Which grammar applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Script,
    Json,
    Css,
    Html,
    Markdown,
    Plain,
}

impl Lang {
    pub fn of(path: &str) -> Lang {
        let ext = path
            .rsplit_once('.')
            .map(|(_, e)| e.to_ascii_lowercase())
            .unwrap_or_default();
        match ext.as_str() {
            "js" | "mjs" | "cjs" | "jsx" | "ts" | "tsx" | "mts" | "cts" => Lang::Script,
            "json" | "map" | "tsbuildinfo" => Lang::Json,
            "css" | "scss" | "sass" | "less" => Lang::Css,
            "html" | "htm" | "xml" | "svg" | "vue" | "svelte" => Lang::Html,
            "md" | "markdown" => Lang::Markdown,
            _ => Lang::Plain,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Kind {
    Plain,
    Keyword,
    String,
    Number,
    Comment,
    /// Object keys in JSON, properties in CSS, attributes in HTML.
    Property,
    /// HTML tags, CSS selectors' at-rules, Markdown headings.
    Tag,
    Punctuation,
}

impl Kind {
    /// The CSS class the page gives a span of this kind.
    pub fn class(self) -> &'static str {
        match self {
            Kind::Plain => "t",
            Kind::Keyword => "tk",
            Kind::String => "ts",
            Kind::Number => "tn",
            Kind::Comment => "tc",
            Kind::Property => "tp",
            Kind::Tag => "tt",
            Kind::Punctuation => "tu",
        }
    }
}

/// What carries over from one line to the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum State {
    #[default]
    Normal,
    BlockComment,
    Template,
    /// Inside a fenced code block (Markdown).
    Fence,
}

/// A coloured piece of a line: `kind` over bytes `start..end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
}

const SCRIPT_KEYWORDS: &[&str] = &[
    "abstract",
    "any",
    "as",
    "async",
    "await",
    "boolean",
    "break",
    "case",
    "catch",
    "class",
    "const",
    "constructor",
    "continue",
    "debugger",
    "declare",
    "default",
    "delete",
    "do",
    "else",
    "enum",
    "export",
    "extends",
    "false",
    "finally",
    "for",
    "from",
    "function",
    "get",
    "if",
    "implements",
    "import",
    "in",
    "instanceof",
    "interface",
    "keyof",
    "let",
    "module",
    "namespace",
    "new",
    "null",
    "number",
    "of",
    "private",
    "protected",
    "public",
    "readonly",
    "return",
    "set",
    "static",
    "string",
    "super",
    "switch",
    "this",
    "throw",
    "true",
    "try",
    "type",
    "typeof",
    "undefined",
    "var",
    "void",
    "while",
    "with",
    "yield",
];

/// Colours one line; returns its spans (covering the whole line) and the state after it.
pub fn line(lang: Lang, text: &str, state: State) -> (Vec<Span>, State) {
    let mut out = Spans::default();
    let state = match lang {
        Lang::Script => script(text, state, &mut out),
        Lang::Json => {
            json(text, &mut out);
            State::Normal
        }
        Lang::Css => css(text, state, &mut out),
        Lang::Html => html(text, state, &mut out),
        Lang::Markdown => markdown(text, state, &mut out),
        Lang::Plain => {
            out.push(Kind::Plain, 0, text.len());
            State::Normal
        }
    };
    out.fill_to(text.len());
    (out.0, state)
}

#[derive(Default)]
struct Spans(Vec<Span>);

impl Spans {
    fn push(&mut self, kind: Kind, start: usize, end: usize) {
        if end <= start {
            return;
        }
        self.fill_to(start);
        match self.0.last_mut() {
            Some(last) if last.kind == kind && last.end == start => last.end = end,
            _ => self.0.push(Span { kind, start, end }),
        }
    }

    /// Covers any gap before `at` with plain text.
    fn fill_to(&mut self, at: usize) {
        let end = self.0.last().map_or(0, |s| s.end);
        if at > end {
            match self.0.last_mut() {
                Some(last) if last.kind == Kind::Plain => last.end = at,
                _ => self.0.push(Span {
                    kind: Kind::Plain,
                    start: end,
                    end: at,
                }),
            }
        }
    }
}

fn find_from(b: &[u8], from: usize, pat: &[u8]) -> Option<usize> {
    memchr::memmem::find(&b[from.min(b.len())..], pat).map(|i| i + from)
}

/// Inside a block comment at `i`: colours it up to and including `close`, or to the end of
/// the line. Returns where it stopped and whether the comment closed.
fn block_comment(out: &mut Spans, b: &[u8], i: usize, close: &[u8]) -> (usize, bool) {
    let (end, closed) = match find_from(b, i, close) {
        Some(at) => (at + close.len(), true),
        None => (b.len(), false),
    };
    out.push(Kind::Comment, i, end);
    (end, closed)
}

/// End of a quoted string starting at `i` (the quote), honouring backslash escapes.
fn string_end(b: &[u8], i: usize) -> (usize, bool) {
    let quote = b[i];
    let mut j = i + 1;
    while j < b.len() {
        match b[j] {
            b'\\' => j += 2,
            c if c == quote => return (j + 1, true),
            _ => j += 1,
        }
    }
    (b.len(), false)
}

fn number_end(b: &[u8], i: usize) -> usize {
    let mut j = i;
    while j < b.len() && (b[j].is_ascii_alphanumeric() || matches!(b[j], b'.' | b'_')) {
        j += 1;
    }
    j
}

fn word_end(b: &[u8], i: usize) -> usize {
    let mut j = i;
    while j < b.len() && (b[j].is_ascii_alphanumeric() || matches!(b[j], b'_' | b'$')) {
        j += 1;
    }
    j
}

fn script(text: &str, mut state: State, out: &mut Spans) -> State {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match state {
            State::BlockComment => {
                let (end, closed) = block_comment(out, b, i, b"*/");
                if closed {
                    state = State::Normal;
                }
                i = end;
                continue;
            }
            State::Template => {
                let mut j = i;
                while j < b.len() && b[j] != b'`' {
                    j += if b[j] == b'\\' { 2 } else { 1 };
                }
                let closed = j < b.len();
                let end = if closed { j + 1 } else { b.len() };
                out.push(Kind::String, i, end.min(b.len()));
                if closed {
                    state = State::Normal;
                }
                i = end;
                continue;
            }
            _ => {}
        }
        let c = b[i];
        if c == b'/' && b.get(i + 1) == Some(&b'/') {
            out.push(Kind::Comment, i, b.len());
            break;
        }
        if c == b'/' && b.get(i + 1) == Some(&b'*') {
            state = State::BlockComment;
            out.push(Kind::Comment, i, i + 2);
            i += 2;
            continue;
        }
        if c == b'`' {
            state = State::Template;
            out.push(Kind::String, i, i + 1);
            i += 1;
            continue;
        }
        if c == b'"' || c == b'\'' {
            let (end, _) = string_end(b, i);
            out.push(Kind::String, i, end.min(b.len()));
            i = end;
            continue;
        }
        if c.is_ascii_digit() {
            let end = number_end(b, i);
            out.push(Kind::Number, i, end);
            i = end;
            continue;
        }
        if c.is_ascii_alphabetic() || c == b'_' || c == b'$' {
            let end = word_end(b, i);
            let word = &text[i..end];
            let kind = if SCRIPT_KEYWORDS.binary_search(&word).is_ok() {
                Kind::Keyword
            } else {
                Kind::Plain
            };
            out.push(kind, i, end);
            i = end;
            continue;
        }
        i = other_char(out, b, i);
    }
    state
}

/// One character that no rule claimed: punctuation or plain text. Steps over a whole
/// UTF-8 character so that spans stay on character boundaries.
fn other_char(out: &mut Spans, b: &[u8], i: usize) -> usize {
    let end = (i + utf8_len(b[i])).min(b.len());
    let kind = if b[i].is_ascii_punctuation() {
        Kind::Punctuation
    } else {
        Kind::Plain
    };
    out.push(kind, i, end);
    end
}

fn utf8_len(first: u8) -> usize {
    match first {
        0xf0..=0xff => 4,
        0xe0..=0xef => 3,
        0xc0..=0xdf => 2,
        _ => 1,
    }
}

fn json(text: &str, out: &mut Spans) {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == b'"' {
            let (end, _) = string_end(b, i);
            let end = end.min(b.len());
            // A string followed by a colon is a key.
            let next = b[end..].iter().find(|x| !x.is_ascii_whitespace());
            out.push(
                if next == Some(&b':') {
                    Kind::Property
                } else {
                    Kind::String
                },
                i,
                end,
            );
            i = end;
        } else if c == b'-' || c.is_ascii_digit() {
            let end = number_end(b, i + 1);
            out.push(Kind::Number, i, end);
            i = end;
        } else if c.is_ascii_alphabetic() {
            let end = word_end(b, i);
            out.push(Kind::Keyword, i, end);
            i = end;
        } else {
            i = other_char(out, b, i);
        }
    }
}

fn css(text: &str, mut state: State, out: &mut Spans) -> State {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if state == State::BlockComment {
            let (end, closed) = block_comment(out, b, i, b"*/");
            if closed {
                state = State::Normal;
            }
            i = end;
            continue;
        }
        let c = b[i];
        if c == b'/' && b.get(i + 1) == Some(&b'*') {
            state = State::BlockComment;
            out.push(Kind::Comment, i, i + 2);
            i += 2;
        } else if c == b'/' && b.get(i + 1) == Some(&b'/') {
            out.push(Kind::Comment, i, b.len()); // SCSS line comment
            break;
        } else if c == b'"' || c == b'\'' {
            let (end, _) = string_end(b, i);
            out.push(Kind::String, i, end.min(b.len()));
            i = end;
        } else if c == b'@' {
            let end = word_end(b, i + 1).max(i + 1);
            out.push(Kind::Tag, i, end);
            i = end;
        } else if c.is_ascii_digit()
            || (c == b'#' && b.get(i + 1).is_some_and(u8::is_ascii_hexdigit))
        {
            let end = number_end(b, i + 1);
            out.push(Kind::Number, i, end);
            i = end;
        } else if c.is_ascii_alphabetic() || c == b'-' {
            let mut end = i;
            while end < b.len()
                && (b[end].is_ascii_alphanumeric() || b[end] == b'-' || b[end] == b'_')
            {
                end += 1;
            }
            // `name:` followed by a value is a property (but not `a:hover` in a selector).
            let is_property = b.get(end) == Some(&b':')
                && b.get(end + 1).is_some_and(|x| *x == b' ' || *x == b'\t');
            out.push(
                if is_property {
                    Kind::Property
                } else {
                    Kind::Plain
                },
                i,
                end,
            );
            i = end;
        } else {
            i = other_char(out, b, i);
        }
    }
    state
}

fn html(text: &str, mut state: State, out: &mut Spans) -> State {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if state == State::BlockComment {
            let (end, closed) = block_comment(out, b, i, b"-->");
            if closed {
                state = State::Normal;
            }
            i = end;
            continue;
        }
        if b[i..].starts_with(b"<!--") {
            state = State::BlockComment;
            out.push(Kind::Comment, i, i + 4);
            i += 4;
            continue;
        }
        if b[i] == b'<' {
            let mut end = i + 1;
            if b.get(end) == Some(&b'/') {
                end += 1;
            }
            while end < b.len()
                && (b[end].is_ascii_alphanumeric() || matches!(b[end], b'-' | b':' | b'!'))
            {
                end += 1;
            }
            out.push(Kind::Tag, i, end);
            i = end;
            // Attributes up to the closing `>`.
            while i < b.len() && b[i] != b'>' {
                let c = b[i];
                if c == b'"' || c == b'\'' {
                    let (e, _) = string_end(b, i);
                    out.push(Kind::String, i, e.min(b.len()));
                    i = e;
                } else if c.is_ascii_alphabetic() {
                    let mut e = i;
                    while e < b.len()
                        && (b[e].is_ascii_alphanumeric()
                            || matches!(b[e], b'-' | b':' | b'@' | b'.'))
                    {
                        e += 1;
                    }
                    out.push(Kind::Property, i, e);
                    i = e;
                } else {
                    let len = utf8_len(c);
                    i += len;
                }
            }
            if i < b.len() {
                out.push(Kind::Tag, i, i + 1);
                i += 1;
            }
            continue;
        }
        let next = find_from(b, i + 1, b"<").unwrap_or(b.len());
        out.push(Kind::Plain, i, next);
        i = next;
    }
    state
}

fn markdown(text: &str, state: State, out: &mut Spans) -> State {
    let trimmed = text.trim_start();
    if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
        out.push(Kind::Comment, 0, text.len());
        return if state == State::Fence {
            State::Normal
        } else {
            State::Fence
        };
    }
    if state == State::Fence {
        out.push(Kind::String, 0, text.len());
        return state;
    }
    if trimmed.starts_with('#') {
        out.push(Kind::Tag, 0, text.len());
        return state;
    }
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'`' {
            let end = find_from(b, i + 1, b"`").map_or(b.len(), |e| e + 1);
            out.push(Kind::String, i, end);
            i = end;
        } else if b[i] == b'[' {
            let end = find_from(b, i, b")")
                .filter(|&e| find_from(b, i, b"](").is_some_and(|m| m < e))
                .map_or(i + 1, |e| e + 1);
            out.push(
                if end > i + 1 {
                    Kind::Property
                } else {
                    Kind::Plain
                },
                i,
                end,
            );
            i = end;
        } else {
            let len = utf8_len(b[i]);
            out.push(Kind::Plain, i, (i + len).min(b.len()));
            i += len;
        }
    }
    state
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Renders spans as `kind:text` pieces for readable assertions.
    fn show(lang: Lang, text: &str, state: State) -> (Vec<String>, State) {
        let (spans, state) = line(lang, text, state);
        let mut at = 0;
        for s in &spans {
            assert_eq!(s.start, at, "spans cover the line without gaps");
            at = s.end;
        }
        assert_eq!(at, text.len());
        let pieces = spans
            .iter()
            .filter(|s| s.kind != Kind::Plain && s.kind != Kind::Punctuation)
            .map(|s| format!("{}:{}", s.kind.class(), &text[s.start..s.end]))
            .collect();
        (pieces, state)
    }

    #[test]
    fn keywords_are_sorted_for_binary_search() {
        assert!(SCRIPT_KEYWORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn typescript() {
        let (p, s) = show(
            Lang::Script,
            "export const greeting: string = \"hi // no\"; // yes",
            State::Normal,
        );
        assert_eq!(
            p,
            [
                "tk:export",
                "tk:const",
                "tk:string",
                "ts:\"hi // no\"",
                "tc:// yes"
            ]
        );
        assert_eq!(s, State::Normal);
        let (p, s) = show(Lang::Script, "let n = 42; /* open", State::Normal);
        assert_eq!(p, ["tk:let", "tn:42", "tc:/* open"]);
        assert_eq!(s, State::BlockComment);
        let (p, s) = show(Lang::Script, "still */ x = `tpl", s);
        assert_eq!(p, ["tc:still */", "ts:`tpl"]);
        assert_eq!(s, State::Template);
        let (_, s) = show(Lang::Script, "end` + 1", s);
        assert_eq!(s, State::Normal);
    }

    #[test]
    fn json_css_html_markdown() {
        assert_eq!(
            show(
                Lang::Json,
                r#"{"a": "b", "n": -1.5, "t": true}"#,
                State::Normal
            )
            .0,
            [
                "tp:\"a\"", "ts:\"b\"", "tp:\"n\"", "tn:-1.5", "tp:\"t\"", "tk:true"
            ]
        );
        assert_eq!(
            show(Lang::Css, "a:hover { color: #fff; } /* c */", State::Normal).0,
            ["tp:color", "tn:#fff", "tc:/* c */"]
        );
        assert_eq!(
            show(
                Lang::Html,
                "<img src=\"x\" onerror=alert(1)>text",
                State::Normal
            )
            .0,
            [
                "tt:<img",
                "tp:src",
                "ts:\"x\"",
                "tp:onerror",
                "tp:alert",
                "tt:>"
            ]
        );
        assert_eq!(
            show(Lang::Markdown, "# Title", State::Normal).0,
            ["tt:# Title"]
        );
        let (_, s) = show(Lang::Markdown, "```ts", State::Normal);
        assert_eq!(show(Lang::Markdown, "const x = 1", s).0, ["ts:const x = 1"]);
    }

    #[test]
    fn non_ascii_text_keeps_char_boundaries() {
        for lang in [
            Lang::Script,
            Lang::Json,
            Lang::Css,
            Lang::Html,
            Lang::Markdown,
            Lang::Plain,
        ] {
            let text = "const é = '日本'; // ünïcode ✓ <b>é</b> `x`";
            let (spans, _) = line(lang, text, State::Normal);
            for s in spans {
                assert!(
                    text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
                    "{lang:?}"
                );
            }
        }
    }

    #[test]
    fn languages_by_extension() {
        assert_eq!(Lang::of("src/a.tsx"), Lang::Script);
        assert_eq!(Lang::of("a.js.map"), Lang::Json);
        assert_eq!(Lang::of("s.scss"), Lang::Css);
        assert_eq!(Lang::of("README.md"), Lang::Markdown);
        assert_eq!(Lang::of("LICENSE"), Lang::Plain);
    }
}
