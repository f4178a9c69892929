//! Generic assignments (`clientSecret: "…"`, `password = "…"`): whether the name says the
//! value is a secret, and whether the value looks like one. Nothing but the name vouches for
//! such a value, so both are strict: the name's secret word ends it (`tokenUrl`, `NextToken`,
//! `csrfToken` are not secrets), and the value is one random token (or, for a password, a
//! random string) rather than words, a path, an identifier or a version. Measured on real
//! minified bundles and on generated secrets of common shapes (README, "What it finds").

use std::sync::OnceLock;

use regex::Regex;

use super::values::{PLACEHOLDERS, entropy};
use super::words::{BIGRAM, WORDS};

/// Whether `value`, assigned to `name`, looks like a secret of the kind the name says.
pub(super) fn secret_assignment(name: &[u8], value: &[u8]) -> bool {
    let Ok(name) = std::str::from_utf8(name) else {
        return false;
    };
    let Some(word) = secret_word(name) else {
        return false;
    };
    let password = ["passw", "passphrase", "pwd"]
        .iter()
        .any(|w| word.contains(w));
    ((password && looks_password(value)) || looks_secret(value, &word)) && !encoded_words(value)
}

/// Base64 of words (`bm90IG15IHJlYWwgcGFzc3dvcmQ=`, "not my real password", in a README)
/// or of a small JSON object (Bokeh's `DEFAULT_TOKEN`, `{"session_id": "default"}`): an
/// example or plain data, not a secret, whose encoding looks random. With or without its
/// padding.
fn encoded_words(value: &[u8]) -> bool {
    use base64::Engine as _;
    use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
    let config =
        GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent);
    let engines = [
        GeneralPurpose::new(&base64::alphabet::STANDARD, config),
        GeneralPurpose::new(&base64::alphabet::URL_SAFE, config),
    ];
    engines.iter().any(|e| {
        e.decode(value).is_ok_and(|text| {
            let printable = text.iter().all(|b| b.is_ascii_graphic() || *b == b' ');
            // A short object whose names say nothing of credentials: Docker's base64
            // `{"auths": …}` is a login, not data.
            let lower = text.to_ascii_lowercase();
            let credential = ["auth", "token", "secret", "key", "pass", "private", "cred"]
                .iter()
                .any(|w| memchr::memmem::find(&lower, w.as_bytes()).is_some());
            let json = text.starts_with(b"{\"")
                && text.ends_with(b"}")
                && text.len() <= 200
                && !credential;
            text.len() >= 8 && printable && (json || wordiness(&text) >= 0.5)
        })
    })
}

fn regex(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).expect("a valid pattern"))
}

/// The secret word that ends `name` (`clientSecret`, `config.auth.token`, `API_KEY_V2`),
/// in lower case; `None` when the name only mentions one (`tokenUrl`, `secretName`) or its
/// prefix says the value is an identifier or public (`NextToken`, `csrfToken`,
/// `publishableKey`).
fn secret_word(name: &str) -> Option<String> {
    static WORD: OnceLock<Regex> = OnceLock::new();
    static SUFFIX: OnceLock<Regex> = OnceLock::new();
    static NOT_SECRET: OnceLock<Regex> = OnceLock::new();
    let word = regex(
        &WORD,
        r"(?i-u)client[_-]?secret|priv(?:ate)?[_-]?key|access[_-]?key|secret[_-]?key|api[_-]?key|passw(?:or)?d|passphrase|pwd|secret|token|credential|auth[_-]?key",
    );
    let suffix = regex(
        &SUFFIX,
        r"(?i-u)^(?:[_.-]?(?:value|val|str|string|raw|b64|base64|hex|v\d|\d))?$",
    );
    let not_secret = regex(
        &NOT_SECRET,
        r"(?:^|[_.-])(?:next|continuation|page|pagination|sync|cursor|change|request|idempotency|csrf|xsrf|cancel|cancellation|lifecycle|resume|marker|nonce|state|public|publishable|site|anon|anonymous|device|verification|activation|invite|invitation|reset|confirm|registration|upload|download|share|sharing|notification|push|fcm|apns|term)[_-]?(?:client[_-]?)?(?:secret|token|key|pass)",
    );
    let name = name.trim_matches(|c| matches!(c, '"' | '\'' | '$' | '.'));
    let name = name.rsplit('.').next().unwrap_or(name);
    let last = word.find_iter(name).last()?;
    if !suffix.is_match(&name[last.end()..]) {
        return None;
    }
    if not_secret.is_match(&snake(&name[..last.end()])) {
        return None;
    }
    Some(last.as_str().to_ascii_lowercase().replace('-', "_"))
}

/// `NextToken` as `next_token`: lower case, with a `_` where the case changed.
fn snake(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    let mut prev_lower = false;
    for c in name.chars() {
        if c.is_ascii_uppercase() && prev_lower {
            out.push('_');
        }
        prev_lower = c.is_ascii_lowercase();
        out.push(c.to_ascii_lowercase());
    }
    out
}

/// One random token: 16 to 200 characters of base64, hex or the usual token separators,
/// not a path, a version or an identifier, mixed enough and random enough for its alphabet,
/// mostly not words.
fn looks_secret(v: &[u8], word: &str) -> bool {
    if !(16..=200).contains(&v.len()) || !token_shape(v) {
        return false;
    }
    // A git SHA, unless the name is a strong secret word (GitHub's client secrets are 40 hex).
    let strong = [
        "secret",
        "passw",
        "passphrase",
        "pwd",
        "api_key",
        "apikey",
        "private",
        "access",
    ]
    .iter()
    .any(|w| word.contains(w));
    if v.len() == 40 && v.iter().all(u8::is_ascii_hexdigit) && !strong {
        return false;
    }
    mixed(v)
        && entropy(v) >= threshold(v)
        && wordiness(v) < 0.4
        && !identifier(v)
        && !placeholder(v)
}

/// A password: 8 to 64 printable characters, three kinds of character (or two, from 12),
/// random enough, not words, a format string, a date, a path or a name for itself.
fn looks_password(v: &[u8]) -> bool {
    if !(8..=64).contains(&v.len())
        || !v
            .iter()
            .all(|b| b.is_ascii_graphic() && !matches!(b, b'"' | b'\'' | b'`' | b'\\'))
    {
        return false;
    }
    let kinds = [
        v.iter().any(u8::is_ascii_lowercase),
        v.iter().any(u8::is_ascii_uppercase),
        v.iter().any(u8::is_ascii_digit),
        v.iter().any(|b| !b.is_ascii_alphanumeric()),
    ]
    .iter()
    .filter(|k| **k)
    .count();
    if kinds < 3 && !(kinds == 2 && v.len() >= 12) {
        return false;
    }
    if entropy(v) < 0.8 * (v.len() as f32).log2() {
        return false;
    }
    static SHAPES: OnceLock<regex::bytes::Regex> = OnceLock::new();
    let shapes = SHAPES.get_or_init(|| {
        regex::bytes::Regex::new(
            r"(?i-u)://|^/|%[sdif]|\$\{|\{\{|\d{4}-\d\d-\d\d|secret|passw|token|admin|login|user",
        )
        .expect("a valid pattern")
    });
    !shapes.is_match(v) && wordiness(v) < 0.5 && !sequential(v) && !placeholder(v)
}

fn placeholder(v: &[u8]) -> bool {
    let lower = String::from_utf8_lossy(v).to_ascii_lowercase();
    PLACEHOLDERS
        .iter()
        .filter(|p| !matches!(**p, "<" | ">"))
        .any(|p| lower.contains(p))
}

/// Base64, base64url, hex or tokens with the usual separators; not a path or a URL, a
/// UUID, a digest's or a data URL's prefix, a version, a run or a sequence.
fn token_shape(v: &[u8]) -> bool {
    static NOT_TOKENS: OnceLock<regex::bytes::Regex> = OnceLock::new();
    let not_tokens = NOT_TOKENS.get_or_init(|| {
        regex::bytes::Regex::new(
            r"(?i-u)^(?:sha(?:1|256|384|512)-|md5-|data:|v?\d+\.\d+(?:\.\d+)?)|^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$",
        )
        .expect("a valid pattern")
    });
    v.iter().all(|b| {
        b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=' | b'_' | b'.' | b'~' | b'-')
    }) && !path_like(v)
        && !not_tokens.is_match(v)
        && !sequential(v)
}

/// A URL, or a path whose segments hold a word or a version (`oauth2/v2.0/token`); base64
/// holds `/` too, but in random places between random letters.
fn path_like(v: &[u8]) -> bool {
    if memchr::memmem::find(v, b"://").is_some() || v.starts_with(b"./") || v.starts_with(b"../") {
        return true;
    }
    if !v.contains(&b'/') {
        return false;
    }
    if v.len() < 20 {
        return true;
    }
    v.split(|b| matches!(b, b'/' | b'.' | b'_' | b'-'))
        .filter(|s| !s.is_empty())
        .any(|s| {
            let lower = s.to_ascii_lowercase();
            (s.len() >= 3 && in_words(&lower)) || is_version(s)
        })
}

fn is_version(s: &[u8]) -> bool {
    s.len() >= 2 && s[0] == b'v' && s[1..].iter().all(u8::is_ascii_digit)
}

/// Two of lower case, upper case and digits; without a digit, both cases and at least three
/// changes between them.
fn mixed(v: &[u8]) -> bool {
    let lower = v.iter().any(u8::is_ascii_lowercase);
    let upper = v.iter().any(u8::is_ascii_uppercase);
    let digit = v.iter().any(u8::is_ascii_digit);
    if usize::from(lower) + usize::from(upper) + usize::from(digit) < 2 {
        return false;
    }
    let changes = v
        .windows(2)
        .filter(|w| w[0].is_ascii_lowercase() != w[1].is_ascii_lowercase())
        .filter(|w| w[0].is_ascii_alphabetic() && w[1].is_ascii_alphabetic())
        .count();
    digit || (lower && upper && changes >= 3)
}

/// The entropy a random value of this length and alphabet reaches, with room: 0.75 x
/// log2 of the smaller of its length and its alphabet (16 for hex, 36 for one case and
/// digits, 64 else), between 3.0 and 4.2.
fn threshold(v: &[u8]) -> f32 {
    let alnum: Vec<u8> = v
        .iter()
        .copied()
        .filter(u8::is_ascii_alphanumeric)
        .collect();
    let hexish = alnum.iter().filter(|b| b.is_ascii_hexdigit()).count();
    let both_hex_cases =
        v.iter().any(|b| matches!(b, b'a'..=b'f')) && v.iter().any(|b| matches!(b, b'A'..=b'F'));
    let alphabet = if !alnum.is_empty() && hexish * 10 >= alnum.len() * 9 && !both_hex_cases {
        16
    } else if v
        .iter()
        .all(|b| b.is_ascii_digit() || b.is_ascii_lowercase())
        || v.iter()
            .all(|b| b.is_ascii_digit() || b.is_ascii_uppercase())
    {
        36
    } else {
        64
    };
    let n = v.len().min(alphabet) as f32;
    (0.75 * n.log2()).clamp(3.0, 4.2)
}

/// Six in a row of one character, or of a keyboard or alphabet sequence (either way).
fn sequential(v: &[u8]) -> bool {
    const SEQUENCES: [&[u8]; 5] = [
        b"abcdefghijklmnopqrstuvwxyz",
        b"0123456789",
        b"qwertyuiop",
        b"asdfghjkl",
        b"zxcvbnm",
    ];
    let lower = v.to_ascii_lowercase();
    let runs = lower.windows(6).any(|w| w.iter().all(|b| *b == w[0]));
    runs || SEQUENCES.iter().any(|s| {
        s.windows(6).any(|w| {
            let back: Vec<u8> = w.iter().rev().copied().collect();
            memchr::memmem::find(&lower, w).is_some()
                || memchr::memmem::find(&lower, &back).is_some()
        })
    })
}

/// The shapes of names: a camelCase identifier mostly of words, or parts separated by
/// `. _ - ~`, none of them long (a prefixed token's random part is: `sk_live_…`), at least
/// half of them words, numbers, versions or short codes.
fn identifier(v: &[u8]) -> bool {
    let digits = v.iter().filter(|b| b.is_ascii_digit()).count();
    let letters = v.iter().filter(|b| b.is_ascii_alphabetic()).count();
    let changes = v
        .windows(2)
        .filter(|w| w[0].is_ascii_lowercase() && w[1].is_ascii_uppercase())
        .count();
    if digits <= 2
        && letters + digits == v.len()
        && changes >= 1
        && letters / (changes + 1) >= 4
        && wordiness(v) >= 0.6
    {
        return true;
    }
    let parts: Vec<&[u8]> = v
        .split(|b| matches!(b, b'.' | b'_' | b'~' | b'-'))
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() < 2 || parts.iter().any(|p| p.len() >= 16) {
        return false;
    }
    parts.iter().filter(|p| meaningful(p)).count() * 2 >= parts.len()
}

/// A part of a separated value that means something: a word, a number, a version, a short
/// code (`es2019`, `v2`, `ND`, `utf8`, `2nd`).
fn meaningful(p: &[u8]) -> bool {
    let letters = p.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    let digits = p[letters..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    let one_case = p[..letters].iter().all(u8::is_ascii_lowercase)
        || p[..letters].iter().all(u8::is_ascii_uppercase);
    let code = letters <= 3 && one_case && digits <= 4 && letters + digits == p.len();
    let number = p.iter().all(u8::is_ascii_digit) && p.len() <= 8;
    let lead = p.iter().take_while(|b| b.is_ascii_digit()).count();
    let ordinal = lead > 0
        && (1..=2).contains(&(p.len() - lead))
        && p[lead..].iter().all(u8::is_ascii_lowercase);
    if code || number || is_version(p) || ordinal {
        return true;
    }
    let segments = segments(p);
    let letters: Vec<&[u8]> = segments
        .iter()
        .copied()
        .filter(|s| s[0].is_ascii_alphabetic())
        .collect();
    let all: usize = letters.iter().map(|s| s.len()).sum();
    let words: usize = letters
        .iter()
        .filter(|s| word_like(s))
        .map(|s| s.len())
        .sum();
    all > 0 && words * 2 >= all
}

/// The share of a value's characters in segments that read as words.
fn wordiness(v: &[u8]) -> f32 {
    let words: usize = segments(v)
        .iter()
        .filter(|s| word_like(s))
        .map(|s| s.len())
        .sum();
    words as f32 / v.len().max(1) as f32
}

/// A value's letter and digit runs, letters split where the case changes (`aB`, `ABc`):
/// `getHTTPResponse2` is `get`, `HTTP`, `Response`, `2`.
fn segments(v: &[u8]) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < v.len() {
        let start = i;
        let b = v[i];
        if b.is_ascii_digit() {
            while i < v.len() && v[i].is_ascii_digit() {
                i += 1;
            }
        } else if b.is_ascii_lowercase() {
            while i < v.len() && v[i].is_ascii_lowercase() {
                i += 1;
            }
        } else if b.is_ascii_uppercase() {
            while i < v.len() && v[i].is_ascii_uppercase() {
                i += 1;
            }
            let uppers = i - start;
            if i < v.len() && v[i].is_ascii_lowercase() {
                if uppers >= 2 {
                    i -= 1; // `HTTPResponse`: `HTTP`, then `Response`
                } else {
                    while i < v.len() && v[i].is_ascii_lowercase() {
                        i += 1;
                    }
                }
            }
        } else {
            i += 1;
            continue;
        }
        out.push(&v[start..i]);
    }
    out
}

/// A run of letters that reads as a word: a word of code, or letters that follow each other
/// as in words (at least as often as in nineteen of twenty random strings of that length).
fn word_like(segment: &[u8]) -> bool {
    if segment.len() < 3 || !segment.iter().all(u8::is_ascii_alphabetic) {
        return false;
    }
    let lower = segment.to_ascii_lowercase();
    if in_words(&lower) {
        return true;
    }
    let cut = match lower.len() {
        3 => -3.8,
        4 => -4.3,
        5 => -4.7,
        6 | 7 => -5.1,
        _ => -5.4,
    };
    bigram_score(&lower) >= cut
}

fn in_words(lower: &[u8]) -> bool {
    WORDS.binary_search_by(|w| w.as_bytes().cmp(lower)).is_ok()
}

/// The mean log2 probability of each letter after the one before, a word's start and end
/// included.
fn bigram_score(lower: &[u8]) -> f32 {
    let index = |b: u8| (b - b'a') as usize;
    let mut cost = BIGRAM[0][index(lower[0])] as u32;
    for w in lower.windows(2) {
        cost += BIGRAM[index(w[0]) + 1][index(w[1])] as u32;
    }
    cost += BIGRAM[index(lower[lower.len() - 1]) + 1][26] as u32;
    -(cost as f32) / 10.0 / (lower.len() + 1) as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_names_end_in_their_secret_word() {
        for secret in [
            "clientSecret",
            "client_secret",
            "API_KEY",
            "apiKeyValue",
            "config.auth.token",
            "JWT_SECRET",
            "\"password\"",
            "accessToken",
            "DB_PASSWORD",
            "secret_b64",
        ] {
            assert!(secret_word(secret).is_some(), "{secret}");
        }
        for not in [
            "tokenUrl",
            "secretName",
            "passwordField",
            "token_endpoint",
            "NextToken",
            "csrfToken",
            "publishableKey",
            "ClientRequestToken",
            "continuationToken",
            "apiKeyHeader",
        ] {
            assert!(secret_word(not).is_none(), "{not}");
        }
    }

    #[test]
    fn base64_of_words_or_of_json_is_data() {
        // Bokeh's DEFAULT_TOKEN (bokeh 3.10.2, bokehjs): `{"session_id": "default"}`.
        assert!(encoded_words(b"eyJzZXNzaW9uX2lkIjogImRlZmF1bHQifQ"));
        assert!(encoded_words(b"bm90IG15IHJlYWwgcGFzc3dvcmQ="));
        assert!(!encoded_words(b"q3xk7vb2mz5wn4tj6hy2rp7ds3fc5gl2"));
        // `{"auths":{"r":{"auth":"x"}}}`: a login in Docker's config, not data.
        assert!(!encoded_words(b"eyJhdXRocyI6eyJyIjp7ImF1dGgiOiJ4In19fQ"));
        assert!(!encoded_words(b"eyJhbGciOiJIUzI1NiJ9x8Kq2LmP0vZ3"));
    }

    #[test]
    fn words_read_as_words_and_random_letters_do_not() {
        for word in [
            "thing",
            "group",
            "vector",
            "marker",
            "distribution",
            "handler",
        ] {
            assert!(word_like(word.as_bytes()), "{word}");
        }
        for random in ["xqzvk", "bkdfl", "qzxjv", "hqfuyqzk"] {
            assert!(!word_like(random.as_bytes()), "{random}");
        }
        assert_eq!(
            segments(b"getHTTPResponse2_x"),
            [&b"get"[..], b"HTTP", b"Response", b"2", b"x"]
        );
    }

    /// What real minified bundles assign to secret-sounding names, and real-looking secrets.
    #[test]
    fn values_that_are_not_secrets_and_values_that_are() {
        let token = |v: &str| secret_assignment(b"authToken", v.as_bytes());
        let password = |v: &str| secret_assignment(b"password", v.as_bytes());
        // A path, a validation rule, words, an identifier, a version, a UUID, a git SHA.
        assert!(!token("oauth2/v2.0/token"));
        assert!(!password("filled|string|max:100"));
        assert!(!token("ExclusiveStartStreamName2"));
        assert!(!token("string.quoted.double.ts"));
        assert!(!token("2016-09-08T21:47:36Z"));
        assert!(!token("v1.2.3-beta.4+build.5"));
        assert!(!token("123e4567-e89b-12d3-a456-426614174000"));
        assert!(!token("3f786850e387550fdab836ed7e6dc881de23001b"));
        assert!(!password("hunter2"));
        assert!(!password("abcdef123456"));
        assert!(!password("bm90IG15IHJlYWwgcGFzc3dvcmQ="), "base64 of words");
        // Random tokens of the usual shapes, and passwords.
        assert!(token("u8jzPde0IgxLd6Gn"));
        assert!(token("3f786850e387550fdab836ed7e6dc881"));
        assert!(token("sk_live_4eC39HqLyjWDarjtT1zdp7dc"));
        assert!(token("key-3ax6xnjp29jd6fds4gc373sgvjxteol0"));
        assert!(token("Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZg=="));
        assert!(password("Tr0ub4d&3x!k"));
        assert!(secret_assignment(
            b"clientSecret",
            b"3f786850e387550fdab836ed7e6dc881de23001b"
        ));
    }
}
