//! Escaping for Markdown that renders on GitHub and in Jira, shared by the reports: text in
//! a table cell, and text inside a code span. Nothing a package controls becomes a link,
//! markup or HTML, or breaks a table.

/// The head of a findings table (the Markdown summary and the comparison's).
pub const FINDINGS_HEAD: &str = "| Severity | File | Finding | What to do |\n|---|---|---|---|\n";

/// Rows a Markdown table lists before it says how many more; the JSON report lists all.
pub const MARKDOWN_ROWS: usize = 100;

/// After a table of `total` rows cut at [`MARKDOWN_ROWS`]: how many more the JSON report
/// has (nothing when none were cut).
pub fn more_in_json(total: usize, one: &str, many: &str) -> String {
    match total.checked_sub(MARKDOWN_ROWS) {
        Some(more) if more > 0 => format!(
            "\n{} more are in the JSON report.\n",
            crate::text::plural(more, one, many)
        ),
        _ => String::new(),
    }
}

/// A row of a findings table; `place` is Markdown already (a code span, a count).
pub fn finding_row(place: &str, f: &crate::Finding) -> String {
    format!(
        "| {} | {place} | {} | {} |\n",
        f.severity,
        text(&f.message),
        text(&f.remedy)
    )
}

/// Text inside a table cell. Our own words mark code with backticks, which stay; in the rest
/// every character with a meaning in Markdown is escaped, new lines become spaces, `<` and
/// `>` become entities, and control characters (escape sequences) are made visible.
pub fn text(s: &str) -> String {
    let one_line = crate::text::without_controls(&s.replace(['\n', '\r'], " "));
    let parts: Vec<&str> = one_line.split('`').collect();
    // Backticks pair up in order; an odd one out at the end is text.
    let paired = (parts.len() - 1) / 2 * 2;
    let mut out = String::with_capacity(s.len() + 16);
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            out.push_str(if i <= paired { "`" } else { "\\`" });
        }
        if i % 2 == 1 && i < paired {
            out.push_str(&part.replace('|', "\\|"));
            continue;
        }
        for c in part.chars() {
            match c {
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '&' => out.push_str("&amp;"),
                '\\' | '|' | '*' | '_' | '[' | ']' => {
                    out.push('\\');
                    out.push(c);
                }
                c => out.push(c),
            }
        }
    }
    out
}

/// Text inside backticks: a backtick would end the span, so it becomes a quote; a pipe is
/// escaped for the table; control characters are made visible.
pub fn code(s: &str) -> String {
    crate::text::without_controls(
        &s.replace('`', "'")
            .replace('|', "\\|")
            .replace(['\n', '\r'], " "),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_the_package_controls() {
        assert_eq!(text("a|b<script>\nc"), "a\\|b&lt;script&gt; c");
        assert_eq!(code("x`y|z"), "x'y\\|z");
        assert_eq!(
            text("add a `files` list to [x](javascript:alert(1)) *now*"),
            "add a `files` list to \\[x\\](javascript:alert(1)) \\*now\\*"
        );
        assert_eq!(text("a `b|c` d"), "a `b\\|c` d");
        // An unpaired backtick is text.
        assert_eq!(text("it`s"), "it\\`s");
        assert_eq!(text("`a` and `b"), "`a` and \\`b");
        assert_eq!(text("a\u{1b}[2J\u{9b}b"), "a\u{fffd}\\[2J\u{fffd}b");
        assert_eq!(code("x\u{1b}]0;t\u{7}"), "x\u{fffd}]0;t\u{fffd}");
    }
}
