//! Showing a text without handing its secrets to whoever looks at the screen, and evidence
//! as a finding quotes it.

use std::borrow::Cow;

use super::matching::find;

/// `text` with every secret replaced by `•`, for showing a file without handing its
/// secrets to whoever looks at the screen.
pub fn mask(text: &str) -> Cow<'_, str> {
    let hits = find(text.as_bytes());
    if hits.is_empty() {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for hit in &hits {
        if hit.range.end <= at {
            continue; // inside one already masked
        }
        // Widen to whole characters: a byte pattern may stop inside one.
        let mut start = hit.range.start.max(at);
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = hit.range.end;
        while !text.is_char_boundary(end) {
            end += 1;
        }
        out.push_str(&text[at..start]);
        out.extend(
            text[start..end]
                .chars()
                .map(|c| if c == '\n' { c } else { '•' }),
        );
        at = end;
    }
    out.push_str(&text[at..]);
    out.into()
}

/// Keeps enough to recognise the kind of secret, never enough to use it.
pub fn redact(secret: &[u8]) -> String {
    let text = String::from_utf8_lossy(secret);
    let first_line = text.lines().next().unwrap_or("");
    if first_line.starts_with("-----BEGIN") || first_line.starts_with("PuTTY-User-Key-File") {
        return format!("{first_line} … (key material hidden)");
    }
    let shown: String = text
        .chars()
        .take(if text.len() > 16 { 6 } else { 3 })
        .collect();
    format!("{shown}… ({} characters)", text.chars().count())
}
