//! Showing a text without handing its secrets to whoever looks at the screen, and evidence
//! as a finding quotes it.

use std::ops::Range;

/// `bytes` as text with each of `spans` (where the scan found secrets) replaced by `•`, a
/// dot a character with line breaks kept, for showing a file without handing its secrets
/// to whoever looks at the screen. Bytes that are not UTF-8 are shown as `�`; the spans are
/// byte offsets into `bytes`, widened to whole characters.
pub fn mask(bytes: &[u8], spans: impl IntoIterator<Item = Range<usize>>) -> String {
    let mut spans: Vec<Range<usize>> = spans.into_iter().collect();
    spans.sort_unstable_by_key(|r| r.start);
    let continuation = |b: &u8| b & 0xc0 == 0x80;
    let mut out = String::with_capacity(bytes.len());
    let mut at = 0;
    for span in spans {
        let mut start = span.start.max(at).min(bytes.len());
        let mut end = span.end.min(bytes.len());
        if end <= start {
            continue; // inside one already masked
        }
        while start > at && bytes.get(start).is_some_and(continuation) {
            start -= 1;
        }
        while bytes.get(end).is_some_and(continuation) {
            end += 1;
        }
        out.push_str(&String::from_utf8_lossy(&bytes[at..start]));
        let hidden = String::from_utf8_lossy(&bytes[start..end]);
        out.extend(hidden.chars().map(|c| if c == '\n' { c } else { '•' }));
        at = end;
    }
    out.push_str(&String::from_utf8_lossy(&bytes[at..]));
    out
}

/// Keeps enough to recognise the kind of secret, never enough to use it.
pub fn redact(secret: &[u8]) -> String {
    let text = String::from_utf8_lossy(secret);
    // A key block shows its armour (`-----BEGIN RSA PRIVATE KEY-----`), up to the end of
    // its line or of the armour (a block written in code goes on with quotes and `+`).
    let first_line = text.lines().next().unwrap_or("");
    if first_line.starts_with("-----BEGIN") || first_line.starts_with("PuTTY-User-Key-File") {
        let armour = match first_line[5..].find("-----") {
            Some(end) => &first_line[..end + 10],
            None => first_line,
        };
        return format!("{armour} … (key material hidden)");
    }
    let shown: String = text
        .chars()
        .take(if text.len() > 16 { 6 } else { 3 })
        .collect();
    format!("{shown}… ({} characters)", text.chars().count())
}
