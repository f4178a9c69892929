//! Whether a matched value looks like a secret: not a placeholder, a known test vector, an
//! identifier or words, and random enough.

use super::checksum::checked;
use super::model::Rule;

/// Evidence that looks like documentation or a placeholder, never a real secret (compared
/// in lower case).
pub(super) const PLACEHOLDERS: &[&str] = &[
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
