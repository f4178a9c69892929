//! Samples for the tests: each rule's template of a true positive and of a near miss,
//! expanded with random characters (no real-looking token is ever committed). Not part of
//! the shipped core: built for the tests only (`cfg(test)`, or the `samples` feature that
//! the integration tests turn on).

use base64::Engine as _;

use super::checksum::{BASE62, base62_crc, bech32_checksum};
use super::model::RULES;

/// Expands a rule's sample template with random characters from `seed` (a seeded xorshift,
/// so tests are repeatable and no real-looking token is committed). `{CLASS:N}` is N
/// characters of a class: `an` base62, `A` upper, `a` lower, `Aa` letters, `d` digits, `h`
/// lower hex, `la` lower alphanumerics, `UA` upper alphanumerics, `b32` RFC 4648 base32,
/// `b64` base64, `u` base64url, `BECH` Bech32 (upper case). `{crc}` / `{badcrc}` is the
/// right / a wrong base62 CRC32 of the previous run, `{agesum}` / `{badagesum}` the right /
/// a wrong age Bech32 checksum, `{uuid}` a UUID, `{dockerauth}` base64 of `user:password`.
/// Any other `{` is itself. With `placeholder` set, every random run is `x`s instead.
pub fn expand(template: &str, seed: u64, placeholder: bool) -> String {
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut next = move |n: usize| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x >> 33) as usize % n
    };
    let mut random = |alphabet: &[u8], len: usize| -> String {
        (0..len)
            .map(|_| {
                if placeholder {
                    'x'
                } else {
                    alphabet[next(alphabet.len())] as char
                }
            })
            .collect()
    };
    let mut out = String::new();
    let mut last = String::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after.find('}');
        let inner = close.map(|c| &after[..c]).unwrap_or("");
        let (class, n) = match inner.split_once(':') {
            Some((c, n)) => (c, n.parse::<usize>().ok()),
            None => (inner, None),
        };
        let alphabet: Option<&[u8]> = match class {
            "an" => Some(BASE62),
            "A" => Some(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
            "a" => Some(b"abcdefghijklmnopqrstuvwxyz"),
            "Aa" => Some(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"),
            "d" => Some(b"0123456789"),
            "h" => Some(b"0123456789abcdef"),
            "la" => Some(b"abcdefghijklmnopqrstuvwxyz0123456789"),
            "UA" => Some(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"),
            "b32" => Some(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"),
            "b64" => Some(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"),
            "u" => Some(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"),
            "BECH" => Some(b"QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L"),
            _ => None,
        };
        let piece = match (alphabet, n, class) {
            (Some(alphabet), Some(n), _) => {
                last = random(alphabet, n);
                last.clone()
            }
            (_, None, "crc") => base62_crc(last.as_bytes()),
            (_, None, "badcrc") => {
                let good = base62_crc(last.as_bytes());
                let first = if good.starts_with('A') { "B" } else { "A" };
                format!("{first}{}", &good[1..])
            }
            (_, None, "agesum") | (_, None, "badagesum") => {
                let data = last.to_ascii_lowercase();
                let sum = bech32_checksum(b"age-secret-key-", data.as_bytes()).to_ascii_uppercase();
                if class == "agesum" {
                    sum
                } else {
                    let first = if sum.starts_with('Q') { "P" } else { "Q" };
                    format!("{first}{}", &sum[1..])
                }
            }
            (_, None, "uuid") => {
                let h = random(b"0123456789abcdef", 32);
                format!(
                    "{}-{}-{}-{}-{}",
                    &h[..8],
                    &h[8..12],
                    &h[12..16],
                    &h[16..20],
                    &h[20..]
                )
            }
            (_, None, "dockerauth") => {
                let password = random(BASE62, 20);
                base64::engine::general_purpose::STANDARD.encode(format!("ci:{password}"))
            }
            _ => {
                out.push('{');
                rest = after;
                continue;
            }
        };
        out.push_str(&piece);
        rest = &after[close.expect("a placeholder is closed") + 1..];
    }
    out.push_str(rest);
    out
}

/// A true positive for the rule `id`, from its sample template: for other tests that need a
/// token a rule finds (a GitHub token with a valid checksum, say).
pub fn sample(id: &str, seed: u64) -> Option<String> {
    RULES
        .iter()
        .find(|r| r.id.as_str() == id)
        .map(|r| expand(r.sample, seed, false))
}
