//! Whether a matched value looks like a secret: not a placeholder, a known test vector, an
//! identifier or words, and random enough.

use super::checksum::checked;
use super::model::{Group, Rule};

/// Evidence that looks like documentation or a placeholder, never a real secret (compared
/// in lower case).
const PLACEHOLDERS: &[&str] = &[
    "example",
    "xxxxxx",
    "000000",
    "your_",
    "your-",
    "yourkey",
    "_here",
    "-here",
    "placeholder",
    "dummy",
    "sample",
    "redacted",
    "******",
    "changeme",
    "change_me",
    "password",
    "${",
    "{{",
    "<",
    ">",
    "%s",
    "process.env",
    "os.environ",
    "getenv",
    "insert",
    "replace_",
    "fake",
    "notreal",
    "not_real",
    "todo",
    "abcdefghij",
    "1234567890",
];

pub(super) fn plausible(rule: &Rule, secret: &[u8]) -> bool {
    let lower = String::from_utf8_lossy(secret).to_ascii_lowercase();
    if PLACEHOLDERS.iter().any(|p| lower.contains(p)) {
        return false;
    }
    if KNOWN_TEST_VECTORS
        .iter()
        .any(|v| secret.windows(v.len()).any(|w| w == v.as_bytes()))
    {
        return false;
    }
    if rule.group == Group::Generic && !generic_value(secret) {
        return false;
    }
    // Key blocks are judged by their armour; their body is base64 whatever it holds.
    if rule.min_entropy > 0.0 && entropy(secret) < rule.min_entropy {
        return false;
    }
    checked(rule.check, secret)
}

/// Public test vectors that well-known libraries and docs ship (jwt.io's example token's
/// payload, RFC 7519's example).
const KNOWN_TEST_VECTORS: &[&str] = &[
    // {"sub":"1234567890","name":"John Doe","iat":1516239022}: jwt.io's example.
    "eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ",
    // RFC 7519 section 3.1's example payload.
    "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ",
];

/// A generic assignment's value looks like a secret: letters and digits mixed, not a UUID, a
/// git SHA, a path, a URL, a version, a CSS value or a word in an identifier's shape.
pub(super) fn generic_value(v: &[u8]) -> bool {
    let digits = v.iter().filter(|b| b.is_ascii_digit()).count();
    let letters = v.iter().filter(|b| b.is_ascii_alphabetic()).count();
    if digits == 0 || letters == 0 {
        return false;
    }
    let hex = v.iter().all(|b| b.is_ascii_hexdigit());
    if hex && v.len() == 40 {
        return false; // a git SHA
    }
    if is_uuid(v) {
        return false;
    }
    if v.contains(&b'/') && v.iter().filter(|&&b| b == b'/').count() > 2 {
        return false; // a path or URL
    }
    if v.starts_with(b"http") || v.starts_with(b"sha") || v.starts_with(b"data:") {
        return false;
    }
    // Template references (`$1`, `@name`, `%{x}`) and dotted or dashed words
    // (`string.quoted.$1`, `keyword.tag-x`, `term-token-2`): names, not secrets.
    if v.windows(2).any(|w| {
        matches!(w[0], b'$' | b'@' | b'%') && (w[1].is_ascii_alphanumeric() || w[1] == b'{')
    }) {
        return false;
    }
    let parts: Vec<&[u8]> = v
        .split(|b| matches!(b, b'.' | b'-' | b'_' | b'/' | b':' | b'$'))
        .filter(|p| !p.is_empty())
        .collect();
    let words = parts
        .iter()
        .filter(|p| p.len() >= 3 && p.iter().all(|b| b.is_ascii_alphabetic()))
        .count();
    if parts.len() >= 2 && words * 2 >= parts.len() {
        return false;
    }
    // CamelCase names (`ExclusiveStartStreamName2`): mostly letters, few case changes per
    // letter, a digit or two at most.
    let changes = v
        .windows(2)
        .filter(|w| w[0].is_ascii_lowercase() && w[1].is_ascii_uppercase())
        .count();
    if digits <= 2 && letters >= v.len() - digits && changes >= 1 && letters / (changes + 1) >= 4 {
        return false;
    }
    // Identifier-shaped words (`passwordResetTokenExpired1`): long runs of lowercase letters.
    let mut run = 0;
    let mut longest = 0;
    for &b in v {
        if b.is_ascii_lowercase() {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    longest < 8 || entropy(v) >= 4.2
}

fn is_uuid(v: &[u8]) -> bool {
    v.len() == 36
        && v.iter().enumerate().all(|(i, &b)| {
            if matches!(i, 8 | 13 | 18 | 23) {
                b == b'-'
            } else {
                b.is_ascii_hexdigit()
            }
        })
}

/// Shannon entropy in bits per byte.
pub fn entropy(data: &[u8]) -> f32 {
    if data.is_empty() {
        return 0.0;
    }
    let mut counts = [0u32; 256];
    for &b in data {
        counts[b as usize] += 1;
    }
    let n = data.len() as f32;
    counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            let p = c as f32 / n;
            -p * p.log2()
        })
        .sum()
}
