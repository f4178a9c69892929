//! What a hit means where it was found: a test fixture, a documented test key, a key that
//! is public by design, or a live-looking secret.

use base64::Engine as _;

use crate::finding::{SecretId, Severity};

use super::model::{Group, Hit, Rule};

/// What a hit means where it was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assessment {
    pub severity: Severity,
    /// It looks like a test fixture or a documented test key.
    pub test_key: bool,
    /// A sentence to add to the finding's message, if any.
    pub note: Option<&'static str>,
    /// What to do about it.
    pub remedy: &'static str,
}

pub const DOC_NOTE: &str =
    "It is in documentation, where such values are usually examples; check it.";
pub const TEST_KEY_NOTE: &str = "This looks like a test key; check before rotating.";
pub const PUBLIC_KEY_NOTE: &str = "This looks like a Firebase web API key, which is public by design; check that it is restricted rather than rotating it.";
pub const LIVE_REMEDY: &str = "Treat it as compromised: rotate or revoke it now, then remove it from the code and publish again.";
pub const TEST_REMEDY: &str = "Check whether it is a real credential before rotating anything; if it is only a fixture, keep it out of the published package.";
pub const GENERIC_REMEDY: &str = "Check whether this value is a real secret; if it is, rotate it and load it from the environment instead.";

/// Weighs `hit`, found in `text` at `path` (package-relative), given the other files of the
/// same folder (`siblings`: file names without their folder, with their bytes, or empty
/// bytes where the caller has none at hand). A key that looks like a test fixture is still
/// reported, at low severity, with [`TEST_KEY_NOTE`]: one under `test/`, `tests/`,
/// `__tests__/`, `fixtures/`, `examples/`, `spec/` (and the like), beside a script that
/// generates keys or certificates (`gen-cert.sh`, `generate-keys.js`, or any script that runs
/// `openssl req`, `ssh-keygen`, ...), a private key beside (or bundled with) a self-signed
/// certificate, a documented test-mode key (`sk_test_`), or a URL credential for a local
/// database. A live-looking key in shipped code keeps its rule's severity. Generic
/// assignments stay medium at most.
pub fn assess<'a>(
    hit: &Hit,
    path: &str,
    text: &[u8],
    siblings: impl IntoIterator<Item = (&'a str, &'a [u8])>,
) -> Assessment {
    let rule = hit.rule;
    let secret = text.get(hit.range.clone()).unwrap_or_default();
    let live = Assessment {
        severity: rule.severity,
        test_key: false,
        note: None,
        remedy: if rule.group == Group::Generic {
            GENERIC_REMEDY
        } else {
            LIVE_REMEDY
        },
    };
    let test = Assessment {
        severity: rule.severity.min(Severity::Low),
        test_key: true,
        note: Some(TEST_KEY_NOTE),
        remedy: TEST_REMEDY,
    };
    if rule.id == SecretId::GcpApiKey && firebase_config_near(text, hit.range.clone()) {
        return Assessment {
            severity: Severity::Low,
            test_key: false,
            note: Some(PUBLIC_KEY_NOTE),
            remedy: "Restrict the key to your app's domains and APIs in the Google Cloud console.",
        };
    }
    if rule.test_mode || documented_test_value(secret) || local_credential(rule, text, &hit.range) {
        return test;
    }
    if test_path(path) {
        return test;
    }
    // Nothing but a name vouches for a generic value, and in documentation such values are
    // examples (`password: "p@22w0rd"` in a README).
    if rule.group == Group::Generic && documentation(path) {
        return Assessment {
            severity: Severity::Low,
            test_key: false,
            note: Some(DOC_NOTE),
            remedy: GENERIC_REMEDY,
        };
    }
    let key_block = matches!(
        rule.id,
        SecretId::PrivateKey | SecretId::PgpPrivateKey | SecretId::PuttyPrivateKey
    );
    if key_block && has_self_signed_certificate(text) {
        return test;
    }
    for (name, bytes) in siblings {
        if generator_script(name, bytes) {
            return test;
        }
        if key_block
            && certificate_file(name)
            && bytes.len() <= 1 << 20
            && has_self_signed_certificate(bytes)
        {
            return test;
        }
    }
    live
}

/// Documentation: Markdown, reStructuredText, AsciiDoc, plain text, HTML docs.
fn documentation(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    let name = lower.rsplit('/').next().unwrap_or(&lower);
    [".md", ".markdown", ".mdx", ".rst", ".adoc", ".txt"]
        .iter()
        .any(|e| name.ends_with(e))
        || name.starts_with("readme")
        || lower.split('/').any(|p| matches!(p, "docs" | "doc"))
}

/// Folders and file names of tests, fixtures and examples.
pub fn test_path(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    let mut parts = lower.split('/').peekable();
    while let Some(part) = parts.next() {
        let last = parts.peek().is_none();
        if !last {
            if matches!(
                part,
                "test"
                    | "tests"
                    | "__tests__"
                    | "__test__"
                    | "testing"
                    | "testdata"
                    | "test-data"
                    | "test_data"
                    | "fixture"
                    | "fixtures"
                    | "__fixtures__"
                    | "example"
                    | "examples"
                    | "spec"
                    | "specs"
                    | "__mocks__"
                    | "mocks"
                    | "mock"
                    | "demo"
                    | "demos"
                    | "sample"
                    | "samples"
                    | "e2e"
            ) {
                return true;
            }
        } else {
            let stem = part.split('.').next().unwrap_or(part);
            if ["example", "sample", "fixture", "mock", "fake", "dummy"]
                .iter()
                .any(|w| part.contains(w))
                || part.contains(".test.")
                || part.contains(".spec.")
                || stem.ends_with("_test")
                || stem.starts_with("test_")
                || stem.ends_with("-test")
                || stem.ends_with(".fixture")
            {
                return true;
            }
        }
    }
    false
}

/// A script that makes keys or certificates: by its name (`gen-cert.sh`,
/// `generate-keys.js`, `mkcert.sh`, `keygen.py`) or by what it runs.
fn generator_script(name: &str, bytes: &[u8]) -> bool {
    let lower = name.to_ascii_lowercase();
    let script = [
        ".sh", ".bash", ".zsh", ".js", ".mjs", ".cjs", ".ts", ".py", ".rb", ".ps1", ".bat", ".cmd",
    ]
    .iter()
    .any(|x| lower.ends_with(x))
        || lower == "makefile";
    if !script {
        return false;
    }
    let makes = [
        "gen", "generate", "make", "create", "mk", "new", "build", "issue",
    ];
    let things = ["cert", "key", "pem", "ssl", "tls", "ca", "jwk", "rsa"];
    let stem = lower.split('.').next().unwrap_or(&lower);
    let words: Vec<&str> = stem
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let by_name = stem.contains("keygen")
        || stem.contains("mkcert")
        || stem.contains("selfsigned")
        || stem.contains("self-signed")
        || (words.iter().any(|w| makes.iter().any(|m| w.starts_with(m)))
            && words
                .iter()
                .any(|w| things.iter().any(|t| w.starts_with(t) || w.ends_with(t))));
    if by_name {
        return true;
    }
    const RUNS: &[&[u8]] = &[
        b"openssl req",
        b"openssl genrsa",
        b"openssl genpkey",
        b"openssl ecparam",
        b"ssh-keygen",
        b"generateKeyPair",
        b"mkcert ",
        b"selfsigned",
    ];
    // Generator scripts are small; a bundle beside the key is not read through.
    bytes.len() <= 64 * 1024
        && RUNS
            .iter()
            .any(|r| memchr::memmem::find(bytes, r).is_some())
}

fn certificate_file(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [".crt", ".cer", ".pem", ".cert"]
        .iter()
        .any(|x| lower.ends_with(x))
}

/// A `-----BEGIN CERTIFICATE-----` block in `text` whose issuer is its subject.
pub fn has_self_signed_certificate(text: &[u8]) -> bool {
    const BEGIN: &[u8] = b"-----BEGIN CERTIFICATE-----";
    const END: &[u8] = b"-----END CERTIFICATE-----";
    let mut rest = text;
    while let Some(b) = memchr::memmem::find(rest, BEGIN) {
        rest = &rest[b + BEGIN.len()..];
        let Some(e) = memchr::memmem::find(rest, END) else {
            return false;
        };
        let body = pem_body(&rest[..e]);
        if let Ok(der) = base64::engine::general_purpose::STANDARD.decode(&body)
            && self_signed_der(&der)
        {
            return true;
        }
        rest = &rest[e..];
    }
    false
}

/// A PEM block's base64, with line breaks (real or escaped in a string) taken out; written
/// as pieces of a string in code (`'MIIB…\n' +`), without the quotes and the operators
/// between them (a lone `+` is never a piece of base64: its groups are of four).
pub(super) fn pem_body(block: &[u8]) -> Vec<u8> {
    let base64 = |c: &u8| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'/' | b'=');
    let mut body = Vec::with_capacity(block.len());
    let mut run: Vec<u8> = Vec::new();
    let mut i = 0;
    while i <= block.len() {
        let escape = block.get(i) == Some(&b'\\') && matches!(block.get(i + 1), Some(b'n' | b'r'));
        match block.get(i) {
            Some(c) if !escape && base64(c) => run.push(*c),
            _ => {
                if run.len() > 1 {
                    body.append(&mut run);
                }
                run.clear();
            }
        }
        i += if escape { 2 } else { 1 };
    }
    body
}

/// One DER element: its tag, its contents and what follows it.
fn der(d: &[u8]) -> Option<(u8, &[u8], &[u8])> {
    let (&tag, d) = d.split_first()?;
    let (&first, mut d) = d.split_first()?;
    let len = if first < 0x80 {
        first as usize
    } else {
        let n = (first & 0x7f) as usize;
        if n == 0 || n > 4 || d.len() < n {
            return None;
        }
        let len = d[..n].iter().fold(0usize, |a, &b| (a << 8) | b as usize);
        d = &d[n..];
        len
    };
    (d.len() >= len).then(|| (tag, &d[..len], &d[len..]))
}

/// An X.509 certificate (RFC 5280) whose issuer name equals its subject name.
fn self_signed_der(cert: &[u8]) -> bool {
    let parse = || -> Option<bool> {
        let (_, cert, _) = der(cert)?;
        let (_, tbs, _) = der(cert)?;
        let (tag, _, mut rest) = der(tbs)?;
        if tag != 0xa0 {
            rest = tbs; // no version: the serial number comes first
        }
        let (_, _, rest) = der(rest)?; // serial
        let (_, _, rest) = der(rest)?; // signature algorithm
        let (_, issuer, rest) = der(rest)?;
        let (_, _, rest) = der(rest)?; // validity
        let (_, subject, _) = der(rest)?;
        Some(issuer == subject)
    };
    parse().unwrap_or(false)
}

/// Words that providers and fixtures use for keys that are not live.
fn documented_test_value(secret: &[u8]) -> bool {
    let lower = secret.to_ascii_lowercase();
    [
        b"_test_".as_slice(),
        b"_test-",
        b"-test-",
        b"test_",
        b"$sandbox$",
        b"-sandbox-",
        b"_sandbox_",
        b"_dev_",
    ]
    .iter()
    .any(|w| lower.windows(w.len()).any(|x| x == *w))
}

/// A URL credential for a database on this machine or a throwaway host.
fn local_credential(rule: &Rule, text: &[u8], range: &std::ops::Range<usize>) -> bool {
    if !matches!(rule.id, SecretId::DatabaseUrl | SecretId::BasicAuthUrl) {
        return false;
    }
    let after = &text[range.end.min(text.len())..(range.end + 80).min(text.len())];
    let host: Vec<u8> = after
        .iter()
        .skip(1) // the '@'
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-'))
        .map(|b| b.to_ascii_lowercase())
        .collect();
    let host = String::from_utf8_lossy(&host);
    // A host of one label (`db`, `redis`) is a container's name in a compose file: a test
    // setup.
    host == "localhost"
        || !host.contains('.')
        || host.starts_with("127.")
        || host == "0.0.0.0"
        || host == "host.docker.internal"
        || host.ends_with(".internal")
        || host == "example.com"
        || host.ends_with(".example.com")
        || host.ends_with(".example.org")
        || host.ends_with(".example.net")
        || host.ends_with(".local")
        || host.ends_with(".localhost")
        || host.ends_with(".test")
        || host.ends_with(".example")
        || host.ends_with(".invalid")
}

/// A Google API key inside a Firebase web config (`authDomain`, `*.firebaseapp.com`).
fn firebase_config_near(text: &[u8], range: std::ops::Range<usize>) -> bool {
    let from = range.start.saturating_sub(400);
    let to = (range.end + 400).min(text.len());
    let near = &text[from..to];
    [
        b"authDomain".as_slice(),
        b"firebaseapp.com",
        b"messagingSenderId",
    ]
    .iter()
    .any(|w| memchr::memmem::find(near, w).is_some())
}
