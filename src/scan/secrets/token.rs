//! Where a hit begins and ends: the one boundary convention every rule uses, and a hit
//! made from a range of the text (redacted at once). Below both `matching` and
//! `assignments`, which use them.

use super::mask::redact;
use super::model::{Hit, Rule};

/// Bytes that can stand right before or after a token: whitespace, quotes, `=`, `:`,
/// commas, semicolons, brackets, and the separators of URLs and shell lines.
fn delimiter(b: u8) -> bool {
    matches!(
        b,
        b' ' | b'\t'
            | b'\r'
            | b'\n'
            | 0x0b
            | 0x0c
            | b'"'
            | b'\''
            | b'`'
            | b'='
            | b':'
            | b','
            | b';'
            | b'('
            | b')'
            | b'['
            | b']'
            | b'{'
            | b'}'
            | b'<'
            | b'>'
            | b'|'
            | b'&'
            | b'?'
            | b'#'
            | b'@'
            | b'!'
            | b'*'
            | b'/'
            | b'\\'
    )
}

/// The one boundary convention every rule uses instead of `\b`: `text[start..end]` is a
/// token if it is at the start of the text or after a [`delimiter`] (or an escaped `\n`,
/// `\r`, `\t` in a string), and at the end of the text or before a delimiter (or a `.` that
/// ends a sentence). So a Google API key that ends in `-` is found, and a token is never
/// cut out of a longer run of token characters (a hash, base64 data, an identifier).
pub fn bounded(text: &[u8], start: usize, end: usize) -> bool {
    let before = start == 0
        || delimiter(text[start - 1])
        || (start >= 2
            && text[start - 2] == b'\\'
            && matches!(text[start - 1], b'n' | b'r' | b't'));
    let after = end == text.len()
        || delimiter(text[end])
        || (text[end] == b'.' && (end + 1 == text.len() || !text[end + 1].is_ascii_alphanumeric()));
    before && after
}

/// A hit of `rule` on `text[range]`, its evidence redacted; its line is counted later.
pub(super) fn hit(rule: &'static Rule, text: &[u8], range: std::ops::Range<usize>) -> Hit {
    Hit {
        rule,
        line: 0,
        redacted: redact(&text[range.clone()]),
        range,
    }
}
