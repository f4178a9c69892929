use super::checksum::{base62_crc, bech32_valid};
use super::context::{GENERIC_REMEDY, LIVE_REMEDY, PUBLIC_KEY_NOTE, TEST_KEY_NOTE};
use super::matching::{MOST_STARTS, rule_hits};
use super::prefilter::{ANCHORS, Keywords, URL, compiled, each_keyword, has_pair, whole_text};
use super::*;
use crate::finding::Severity;
use aho_corasick::AhoCorasick;
use base64::Engine as _;

/// The 38 ids of the first rule set: the JSON report is a contract, so they stay.
const FIRST_IDS: &[&str] = &[
    "aws-access-key-id",
    "aws-secret-access-key",
    "gcp-api-key",
    "gcp-service-account-key",
    "gcp-oauth-client-secret",
    "azure-storage-key",
    "azure-ad-client-secret",
    "github-pat",
    "github-fine-grained-pat",
    "github-oauth-token",
    "github-app-token",
    "github-refresh-token",
    "gitlab-pat",
    "gitlab-runner-token",
    "npm-access-token",
    "pypi-upload-token",
    "slack-bot-token",
    "slack-user-token",
    "slack-webhook",
    "discord-webhook",
    "discord-bot-token",
    "stripe-live-key",
    "stripe-test-key",
    "twilio-api-key",
    "sendgrid-api-key",
    "mailgun-api-key",
    "openai-api-key",
    "anthropic-api-key",
    "huggingface-token",
    "shopify-token",
    "digitalocean-token",
    "hashicorp-vault-token",
    "linear-api-key",
    "telegram-bot-token",
    "private-key",
    "jwt",
    "basic-auth-url",
    "npmrc-auth-token",
];

fn seed(id: &str) -> u64 {
    id.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    })
}

fn ids(text: &str) -> Vec<&'static str> {
    find(text.as_bytes())
        .iter()
        .map(|h| h.rule.id.as_str())
        .collect()
}

#[test]
fn over_150_rules_with_unique_stable_kebab_case_ids() {
    assert!(RULES.len() >= 150, "{} rules", RULES.len());
    let mut seen = std::collections::HashSet::new();
    for r in RULES {
        assert!(seen.insert(r.id), "{} twice", r.id);
        assert!(
            r.id.as_str()
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
            "{} is not kebab-case",
            r.id
        );
        assert!(!r.pattern.contains(r"\b"), "{} uses \\b", r.id);
        assert!(!r.what.is_empty() && !r.provider.is_empty(), "{}", r.id);
    }
    for id in FIRST_IDS {
        assert!(
            seen.iter()
                .any(|s: &crate::finding::SecretId| s.as_str() == *id),
            "{id} was renamed or removed"
        );
    }
    // Known formats come before generic assignments, which are reported below them.
    let first_generic = RULES
        .iter()
        .position(|r| r.group == Group::Generic)
        .unwrap();
    assert!(
        RULES[first_generic..]
            .iter()
            .all(|r| r.group == Group::Generic)
    );
    assert!(
        RULES[first_generic..]
            .iter()
            .all(|r| r.severity == Severity::Medium)
    );
    assert!(
        RULES[..first_generic]
            .iter()
            .filter(|r| !r.test_mode)
            .filter(|r| r.severity == Severity::Medium)
            .count()
            < 10
    );
}

/// The SIMD search finds one keyword per starting byte: none may begin another.
#[test]
fn no_keyword_begins_another() {
    let words = &compiled().words;
    for a in words {
        for b in words {
            assert!(a == b || !b.starts_with(a.as_str()), "{a} begins {b}");
        }
    }
    // Every rule can run: each has a keyword, or looks at assignments.
    for (i, r) in RULES.iter().enumerate() {
        let dispatched =
            matches!(r.shape, Shape::Named(_)) || r.group == Group::Generic || r.keywords == [URL];
        assert!(
            dispatched
                || compiled()
                    .keyword_rules
                    .iter()
                    .any(|rules| rules.contains(&i)),
            "{} has no keyword",
            r.id
        );
    }
}

fn all_samples() -> String {
    RULES
        .iter()
        .map(|r| {
            format!(
                "{}\n{}\n",
                expand(r.sample, seed(r.id.as_str()), false),
                expand(r.near, seed(r.id.as_str()), false)
            )
        })
        .collect()
}

#[test]
fn simd_and_automaton_find_the_same_keywords() {
    let c = compiled();
    #[cfg(target_arch = "x86_64")]
    assert!(
        matches!(c.plain, Keywords::Simd(_)),
        "SIMD search is in use natively"
    );
    let words: Vec<&str> = c.words.iter().map(String::as_str).collect();
    let automaton = AhoCorasick::new(&words).unwrap();
    let mut text = all_samples();
    // Keywords that overlap: both are found, by both searches.
    text.push_str("npm_authToken AKIASIA");
    let mut ours = Vec::new();
    each_keyword(c, text.as_bytes(), |i, at| ours.push((words[i], at)));
    ours.sort_unstable();
    ours.dedup();
    let mut theirs: Vec<_> = automaton
        .find_overlapping_iter(&text)
        .map(|m| (words[m.pattern().as_usize()], m.start()))
        .collect();
    theirs.sort_unstable();
    assert_eq!(ours, theirs);
    let plain: Vec<&str> = c.plain_ids.iter().map(|&i| words[i]).collect();
    let teddy = Keywords::new(&plain);
    let automaton = Keywords::Automaton(AhoCorasick::new(&plain).unwrap());
    let found = |k: &Keywords| {
        let mut v = Vec::new();
        k.each(text.as_bytes(), |i, at| v.push((i, at)));
        v.sort_unstable();
        v
    };
    assert_eq!(found(&teddy), found(&automaton));
    // The page's own Teddy (its table logic, run here without SIMD), on text where each
    // keyword stands at every offset of a 16-byte block and at the text's end.
    let own = Keywords::teddy(&plain).unwrap();
    assert_eq!(found(&own), found(&automaton));
    let mut edges = String::new();
    let mut placed = Vec::new();
    for (n, word) in plain.iter().enumerate().chain([(0, &plain[0])]) {
        edges.push_str(&" ".repeat(1 + n % 16));
        placed.push((n, edges.len()));
        edges.push_str(word);
    }
    let found_in = |k: &Keywords, text: &str| {
        let mut v = Vec::new();
        k.each(text.as_bytes(), |i, at| v.push((i, at)));
        v.sort_unstable();
        v
    };
    assert_eq!(found_in(&own, &edges), found_in(&automaton, &edges));
    let own_found = found_in(&own, &edges);
    assert!(
        placed.iter().all(|p| own_found.contains(p)),
        "{own_found:?}"
    );
    for both in ["npm_", "_auth", "AKIA", "ASIA", "Token"] {
        assert!(ours.iter().any(|(w, _)| *w == both), "{both} is found");
    }
    // Few Teddy passes: the plain keywords fit in two groups (each group is a pass over
    // the text: bench/secrets.sh).
    if let Keywords::Simd(groups) = &c.plain {
        assert_eq!(groups.len(), 2, "plain keywords: {plain:?}");
    }
}

/// For every rule: its sample (the documented format, generated at run time) is found as
/// that rule, the secret is what is redacted, and its near miss is not found as that rule.
#[test]
fn every_rule_finds_its_sample_and_not_its_near_miss() {
    let mut failures = Vec::new();
    for r in RULES {
        let positive = expand(r.sample, seed(r.id.as_str()), false);
        let hits = find(positive.as_bytes());
        if !hits.iter().any(|h| h.rule.id == r.id) {
            failures.push(format!("{} missed in {positive:?}: {hits:?}", r.id));
        }
        let negative = expand(r.near, seed(r.id.as_str()), false);
        if find(negative.as_bytes()).iter().any(|h| h.rule.id == r.id) {
            failures.push(format!("{} false positive in {negative:?}", r.id));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every rule's sample with its random runs made `x`s (`xxxx…`) is a placeholder.
#[test]
fn placeholders_of_every_rule_are_quiet() {
    let mut failures = Vec::new();
    for r in RULES {
        let text = expand(r.sample, seed(r.id.as_str()), true);
        if find(text.as_bytes()).iter().any(|h| h.rule.id == r.id) {
            failures.push(format!("{}: {text:?}", r.id));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A token is bounded by what really surrounds it, for every rule: quotes, whitespace, `=`,
/// `:`, commas, brackets, line ends, the ends of the text; and not when it continues.
#[test]
fn every_token_is_found_whatever_surrounds_it() {
    let mut failures = Vec::new();
    for r in RULES.iter().filter(|r| r.shape == Shape::Token) {
        let token = expand(r.sample, seed(r.id.as_str()), false);
        // The token alone: the sample without the name or assignment some samples carry.
        let token = token.rsplit([' ', '=']).next().unwrap().to_string();
        if !find(token.as_bytes()).iter().any(|h| h.rule.id == r.id) {
            continue; // a sample that needs its context (none today, but not this test's job)
        }
        for (before, after) in [
            ("\"", "\""),
            ("'", "'"),
            ("`", "`"),
            ("x = ", "\n"),
            ("key: ", ","),
            ("(", ")"),
            ("[", "]"),
            ("{k:", "}"),
            ("a\tb ", " c"),
            ("\"t=\\n", "\\n\""),
            ("", ""),
            ("", ". Next"),
            ("Bearer ", "\r\n"),
            ("?key=", "&x=1"),
        ] {
            let text = format!("{before}{token}{after}");
            if !find(text.as_bytes()).iter().any(|h| h.rule.id == r.id) {
                failures.push(format!("{} missed in {text:?}", r.id));
            }
        }
        // Inside a longer run of token characters it is never cut out: either not found,
        // or found whole (a token of variable length goes on).
        for (before, after) in [("Q", ""), ("9", ""), ("", "Q9Q"), ("x", "9")] {
            let text = format!("{before}{token}{after}");
            let cut = before.len()..before.len() + token.len();
            if find(text.as_bytes())
                .iter()
                .any(|h| h.rule.id == r.id && h.range == cut)
            {
                failures.push(format!("{} cut out of {text:?}", r.id));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn google_keys_ending_in_dash_or_underscore_are_found() {
    for end in ['-', '_'] {
        let key = format!("AIza{}{end}", expand("{u:34}", 3, false));
        for text in [
            format!("key: \"{key}\""),
            format!("k='{key}'"),
            format!("KEY={key}\n"),
            key.clone(),
        ] {
            let hits = find(text.as_bytes());
            assert_eq!(hits.len(), 1, "{text}: {hits:?}");
            assert_eq!(&text.as_bytes()[hits[0].range.clone()], key.as_bytes());
        }
    }
}

#[test]
fn checksums_are_verified() {
    let body = expand("{an:30}", 77, false);
    let good = format!("ghp_{body}{}", base62_crc(body.as_bytes()));
    assert_eq!(ids(&good), ["github-pat"]);
    let mut bad = good.clone();
    let last = bad.pop().unwrap();
    bad.push(if last == 'A' { 'B' } else { 'A' });
    assert!(ids(&bad).is_empty(), "{bad}");
    let npm = sample("npm-access-token", 5).unwrap();
    assert!(ids(&npm).contains(&"npm-access-token"));
    let npm_bad = format!("npm_{body}{}", base62_crc(b"another body"));
    assert!(ids(&npm_bad).is_empty());
    // The check value of CRC-32/IEEE: CRC32("123456789") = 0xCBF43926, "3jZRME" in base62
    // (as Node's zlib.crc32 and Python's give too).
    assert_eq!(base62_crc(b"123456789"), "3jZRME");
    let age = sample("age-secret-key", 9).unwrap();
    assert!(bech32_valid(age.as_bytes()), "{age}");
    assert_eq!(ids(&age), ["age-secret-key"]);
    // BIP 173's valid test vectors.
    assert!(bech32_valid(b"A12UEL5L"));
    assert!(bech32_valid(
        b"abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw"
    ));
    assert!(!bech32_valid(
        b"abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxx"
    ));
}

#[test]
fn documented_placeholders_and_public_values_are_quiet() {
    let quiet = [
        "const id = \"AKIAIOSFODNN7EXAMPLE\";",
        "aws_secret_access_key = \"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\"",
        "token = 'ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'",
        "API_KEY=YOUR_KEY_HERE",
        "apiKey: \"<token>\"",
        "password: \"${DB_PASSWORD}\"",
        "token: process.env.GITHUB_TOKEN",
        "secret = \"{{ .Values.secret }}\"",
        // jwt.io's example token.
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
        // A lockfile integrity hash, a git SHA, a UUID.
        "\"integrity\": \"sha512-Zm9vYmFyMTIzNDU2Nzg5MGFiY2RlZmdoaWprbG1ub3BxcnN0dXZ3eHl6QUJDREVGR0hJSktMTU5PUFFSU1RVVg==\"",
        "token: \"3f786850e387550fdab836ed7e6dc881de23001b\"",
        "secret: \"123e4567-e89b-12d3-a456-426614174000\"",
        "passwordResetToken: \"password_reset_token_expired\"",
        // A CSS data URI: base64 never holds a token's boundaries.
        "src: url(data:font/woff2;base64,d09GMgABAAAAAAhcAA4AAAAAEKAAAAgFAAEAAAAAAAAAAAAAAAAAAAAAAAAAAAAAP0ZGVE0cGh4GYACCShEICpEYjSwLJAABNgIkAzAEIAWFQQdbG8MNUVSNsh8ZoNsY1MJZ7MFRQMWqAAAAAAA);",
    ];
    for text in quiet {
        assert!(
            find(text.as_bytes()).is_empty(),
            "{text}: {:?}",
            find(text.as_bytes())
        );
    }
}

#[test]
fn generic_assignments_are_found_below_known_formats() {
    let value = expand("{an:32}", 12, false);
    let hits = find(format!("const config = {{ clientSecret: \"{value}\" }};").as_bytes());
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].rule.id.as_str(), "generic-client-secret");
    assert_eq!(hits[0].rule.severity, Severity::Medium);
    // A known format assigned to a generic name is reported as the known format, once.
    let token = sample("github-pat", 3).unwrap();
    let hits = find(format!("const token = \"{token}\";").as_bytes());
    assert_eq!(
        hits.iter().map(|h| h.rule.id.as_str()).collect::<Vec<_>>(),
        ["github-pat"]
    );
    assert!(hits[0].rule.severity > Severity::Medium);
}

#[test]
fn evidence_is_redacted_and_lines_are_counted() {
    let token = sample("github-pat", 99).unwrap();
    let text = format!("a\nb\nconst t = '{token}';\n");
    let hits = find(text.as_bytes());
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].line, 3);
    assert!(
        !hits[0].redacted.contains(&token[6..]),
        "{}",
        hits[0].redacted
    );
    assert!(hits[0].redacted.starts_with("ghp_"));
    let key =
        redact(b"-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----");
    assert_eq!(
        key,
        "-----BEGIN OPENSSH PRIVATE KEY----- … (key material hidden)"
    );
}

#[test]
fn every_rule_redacts_its_secret() {
    for r in RULES {
        let text = expand(r.sample, seed(r.id.as_str()), false);
        for hit in find(text.as_bytes()).iter().filter(|h| h.rule.id == r.id) {
            let secret = &text[hit.range.clone()];
            if !secret.starts_with("-----") {
                let tail = &secret[secret.len().saturating_sub(8)..];
                assert!(
                    !hit.redacted.contains(tail),
                    "{}: {} shows {tail}",
                    r.id,
                    hit.redacted
                );
            }
            let shown = masked(&text);
            assert!(!shown.contains(secret), "{} not masked", r.id);
        }
    }
}

/// `text` masked where the scan finds secrets, as the viewer shows it.
fn masked(text: &str) -> String {
    mask(
        text.as_bytes(),
        find(text.as_bytes()).into_iter().map(|h| h.range),
    )
}

#[test]
fn mask_hides_secrets_and_keeps_lines() {
    let token = sample("github-pat", 5).unwrap();
    let key = expand(
        "-----BEGIN RSA PRIVATE KEY-----\n{b64:64}\n-----END RSA PRIVATE KEY-----",
        6,
        false,
    );
    let text = format!("é a\nconst t = '{token}';\n{key}\nend");
    let shown = masked(&text);
    assert!(!shown.contains(&token[4..]));
    assert!(!shown.contains("BEGIN RSA"));
    assert_eq!(shown.lines().count(), text.lines().count());
    assert!(shown.starts_with("é a\nconst t = '••••"));
    assert!(shown.ends_with("\nend"));
    assert_eq!(masked("nothing here"), "nothing here");
    // Bytes that are not UTF-8 keep the offsets right, and a span stopping inside a
    // character is widened to it.
    let mut bytes = b"a\xff b=".to_vec();
    bytes.extend(token.as_bytes());
    bytes.extend("é".as_bytes());
    let end = bytes.len() - 1;
    let shown = mask(&bytes, std::iter::once(5..end));
    assert_eq!(
        shown,
        format!("a\u{fffd} b={}", "•".repeat(token.len() + 1))
    );
}

#[test]
fn escaped_keys_in_json_or_strings_are_found() {
    let body = expand("{b64:64}", 7, false);
    let text = format!(
        "{{\"private_key\": \"-----BEGIN PRIVATE KEY-----\\n{body}\\n{body}\\n-----END PRIVATE KEY-----\\n\"}}"
    );
    assert!(ids(&text).contains(&"private-key"), "{text}");
    assert!(!masked(&text).contains(&body));
}

#[test]
fn a_key_whose_text_holds_another_rules_keyword_is_still_found() {
    let key = expand("sk-proj-{u:56}a3T3BlbkFJ{u:58}", 50, false);
    assert!(ids(&key).contains(&"openai-api-key"), "{key}");
}

#[test]
fn ordinary_code_is_quiet() {
    let code = "import React from 'react';\nexport function App() { return <div className=\"x\">Hello</div>; }\n\
                const url = 'https://registry.npmjs.org/react';\nconst sk = 'sk-';\n\
                const token = tokens[i]; if (password !== confirm) throw new Error('Password mismatch');\n\
                const apiKey = options.apiKey || process.env.API_KEY;\nlet secret = crypto.randomBytes(32);\n";
    assert!(find(code.repeat(100).as_bytes()).is_empty());
}

// --- assess -----------------------------------------------------------------------------

fn hit_in(text: &str, id: &str) -> Hit {
    find(text.as_bytes())
        .into_iter()
        .find(|h| h.rule.id.as_str() == id)
        .unwrap_or_else(|| panic!("no {id} in {text}"))
}

const NONE: [(&str, &[u8]); 0] = [];

#[test]
fn a_live_looking_key_in_shipped_code_keeps_its_severity() {
    let text = format!("const t = '{}';", sample("github-pat", 1).unwrap());
    let hit = hit_in(&text, "github-pat");
    let a = assess(
        &hit,
        "lib/deploy.js",
        text.as_bytes(),
        [("index.js", b"x".as_slice())],
    );
    assert_eq!(
        a,
        Assessment {
            severity: Severity::Critical,
            test_key: false,
            note: None,
            remedy: LIVE_REMEDY
        }
    );
}

#[test]
fn keys_under_test_folders_are_test_keys() {
    let text = format!("const t = '{}';", sample("github-pat", 1).unwrap());
    let hit = hit_in(&text, "github-pat");
    for path in [
        "test/config.js",
        "tests/a.js",
        "src/__tests__/a.js",
        "fixtures/keys.js",
        "examples/basic/index.js",
        "spec/helper.js",
        "lib/config.test.js",
        "lib/config.spec.ts",
    ] {
        let a = assess(&hit, path, text.as_bytes(), NONE);
        assert!(a.test_key, "{path}");
        assert_eq!(a.severity, Severity::Low, "{path}");
        assert_eq!(a.note, Some(TEST_KEY_NOTE));
    }
    for path in [
        "lib/contest.js",
        "dist/testing-library.js",
        "lib/latest/a.js",
    ] {
        assert!(
            !assess(&hit, path, text.as_bytes(), NONE).test_key,
            "{path}"
        );
    }
}

#[test]
fn a_key_beside_its_generator_script_is_a_test_key() {
    let key = expand(
        "-----BEGIN PRIVATE KEY-----\n{b64:64}\n{b64:64}\n-----END PRIVATE KEY-----\n",
        2,
        false,
    );
    let hit = hit_in(&key, "private-key");
    let live = assess(
        &hit,
        "certs/server.key",
        key.as_bytes(),
        [("README.md", b"".as_slice())],
    );
    assert_eq!(live.severity, Severity::Critical);
    for (name, body) in [
        ("gen-cert.sh", b"".as_slice()),
        ("generate-keys.js", b""),
        ("make_certs.sh", b""),
        ("keygen.py", b""),
        (
            "setup.sh",
            b"openssl req -x509 -newkey rsa:2048 -nodes -keyout server.key",
        ),
    ] {
        let a = assess(&hit, "certs/server.key", key.as_bytes(), [(name, body)]);
        assert!(a.test_key, "{name}");
        assert_eq!(a.severity, Severity::Low);
        assert_eq!(a.note, Some(TEST_KEY_NOTE));
    }
    assert!(
        !assess(
            &hit,
            "certs/server.key",
            key.as_bytes(),
            [("build.sh", b"tsc -p .".as_slice())]
        )
        .test_key
    );
}

/// A minimal DER certificate: issuer and subject given (the rest is structure only).
fn certificate(issuer: &str, subject: &str) -> String {
    fn tlv(tag: u8, body: &[u8]) -> Vec<u8> {
        let mut v = vec![tag];
        if body.len() < 128 {
            v.push(body.len() as u8);
        } else {
            v.extend([0x82, (body.len() >> 8) as u8, body.len() as u8]);
        }
        v.extend(body);
        v
    }
    let name = |cn: &str| {
        let atv = [tlv(0x06, &[0x55, 0x04, 0x03]), tlv(0x0c, cn.as_bytes())].concat();
        tlv(0x30, &tlv(0x31, &tlv(0x30, &atv)))
    };
    let alg = tlv(
        0x30,
        &tlv(
            0x06,
            &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b],
        ),
    );
    let tbs = tlv(
        0x30,
        &[
            tlv(0xa0, &tlv(0x02, &[2])),
            tlv(0x02, &[1]),
            alg.clone(),
            name(issuer),
            tlv(
                0x30,
                &[tlv(0x17, b"250101000000Z"), tlv(0x17, b"350101000000Z")].concat(),
            ),
            name(subject),
        ]
        .concat(),
    );
    let cert = tlv(0x30, &[tbs, alg, tlv(0x03, &[0, 1, 2, 3])].concat());
    let b64 = base64::engine::general_purpose::STANDARD.encode(cert);
    format!("-----BEGIN CERTIFICATE-----\n{b64}\n-----END CERTIFICATE-----\n")
}

#[test]
fn a_key_with_a_self_signed_certificate_is_a_test_key() {
    assert!(has_self_signed_certificate(
        certificate("localhost", "localhost").as_bytes()
    ));
    assert!(!has_self_signed_certificate(
        certificate("Acme CA", "api.acme.io").as_bytes()
    ));
    let key = expand(
        "-----BEGIN EC PRIVATE KEY-----\n{b64:64}\n{b64:64}\n-----END EC PRIVATE KEY-----\n",
        4,
        false,
    );
    let hit = hit_in(&key, "private-key");
    let self_signed = certificate("localhost", "localhost");
    let issued = certificate("Acme CA", "api.acme.io");
    let beside = |cert: &str| {
        assess(
            &hit,
            "ssl/key.pem",
            key.as_bytes(),
            [("cert.pem", cert.as_bytes())],
        )
    };
    assert!(beside(&self_signed).test_key);
    assert!(!beside(&issued).test_key);
    // Bundled in the same file.
    let bundle = format!("{key}{self_signed}");
    let hit = hit_in(&bundle, "private-key");
    assert!(assess(&hit, "ssl/bundle.pem", bundle.as_bytes(), NONE).test_key);
}

#[test]
fn documented_test_keys_and_local_databases_are_test_keys() {
    let text = format!("STRIPE_KEY={}", sample("stripe-test-key", 1).unwrap());
    let a = assess(
        &hit_in(&text, "stripe-test-key"),
        "lib/pay.js",
        text.as_bytes(),
        NONE,
    );
    assert!(a.test_key);
    assert!(a.severity < Severity::Medium);
    let text = expand(
        "const db = 'postgres://app:{an:20}@localhost:5432/app'",
        1,
        false,
    );
    let a = assess(
        &hit_in(&text, "database-url"),
        "lib/db.js",
        text.as_bytes(),
        NONE,
    );
    assert!(a.test_key);
    let text = expand(
        "const db = 'postgres://app:{an:20}@db.acme.io:5432/app'",
        1,
        false,
    );
    let a = assess(
        &hit_in(&text, "database-url"),
        "lib/db.js",
        text.as_bytes(),
        NONE,
    );
    assert!(!a.test_key);
    assert_eq!(a.severity, Severity::Critical);
}

#[test]
fn a_firebase_web_key_is_low_and_says_why() {
    let text = expand(
        "const firebaseConfig = {\n  apiKey: \"AIza{u:35}\",\n  authDomain: \"acme.firebaseapp.com\",\n};",
        8,
        false,
    );
    let a = assess(
        &hit_in(&text, "gcp-api-key"),
        "dist/app.js",
        text.as_bytes(),
        NONE,
    );
    assert_eq!(a.severity, Severity::Low);
    assert_eq!(a.note, Some(PUBLIC_KEY_NOTE));
    let text = expand("const maps = \"AIza{u:35}\";", 8, false);
    assert_eq!(
        assess(
            &hit_in(&text, "gcp-api-key"),
            "dist/app.js",
            text.as_bytes(),
            NONE
        )
        .severity,
        Severity::High
    );
}

#[test]
fn generic_assignments_have_their_own_remedy() {
    let text = expand("const password = \"{an:20}\";", 3, false);
    let a = assess(
        &hit_in(&text, "generic-password"),
        "lib/x.js",
        text.as_bytes(),
        NONE,
    );
    assert_eq!((a.severity, a.remedy), (Severity::Medium, GENERIC_REMEDY));
}

/// Diagnostics for the benchmark corpus (bench/secrets.sh fetches it): which rules' regexes
/// cost most over it.
#[test]
#[ignore]
fn which_rules_scan_the_bench_corpus() {
    fn walk(d: &std::path::Path, out: &mut Vec<Vec<u8>>) {
        for e in std::fs::read_dir(d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if let Ok(b) = std::fs::read(&p) {
                out.push(b);
            }
        }
    }
    let mut texts = Vec::new();
    walk(std::path::Path::new("target/secrets-bench/x"), &mut texts);
    let c = compiled();
    let mut bytes = vec![0usize; RULES.len()];
    let mut time = vec![0f64; RULES.len()];
    for t in &texts {
        // For each rule its keywords' places, as `find` gathers them.
        let mut at: Vec<Vec<usize>> = vec![Vec::new(); RULES.len()];
        each_keyword(c, t, |k, p| {
            for &r in &c.keyword_rules[k] {
                at[r].push(p);
            }
        });
        for (i, at) in at.iter().enumerate().filter(|(_, at)| !at.is_empty()) {
            let r = c.regex(i);
            bytes[i] += t.len();
            let s = std::time::Instant::now();
            match &r.at_keyword {
                Some(anchored) => rule_hits(i, anchored, t, Some(at), &mut Vec::new()),
                None => rule_hits(i, &r.re, t, None, &mut Vec::new()),
            }
            time[i] += s.elapsed().as_secs_f64();
        }
    }
    let mut v: Vec<_> = (0..RULES.len())
        .map(|i| (time[i], bytes[i], RULES[i].id))
        .collect();
    v.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (t, b, id) in v.iter().take(15) {
        println!("{id}: {:.2} ms over {b} bytes", t * 1e3);
    }
}

/// Every keyword at every offset of a block, and at the ends of the text: the SIMD pass
/// and its neighbour filters miss none.
#[test]
fn keywords_are_found_at_every_offset() {
    let c = compiled();
    let words: Vec<&str> = c.words.iter().map(String::as_str).collect();
    let filler = "a.b_c:d e-f this.x __y a: b ".repeat(4);
    for (id, w) in words.iter().enumerate() {
        for at in [0usize, 1, 2, 3, 15, 30, 31, 32, 33, 34, 63, 64, 65] {
            let mut text = filler.as_bytes()[..at.min(filler.len())].to_vec();
            text.extend_from_slice(w.as_bytes());
            text.extend_from_slice(filler.as_bytes());
            let mut found = false;
            each_keyword(c, &text, |i, p| found |= i == id && p == at);
            assert!(found, "{w:?} at {at}");
            // And at the very end.
            let mut text = filler.as_bytes()[..at.min(filler.len())].to_vec();
            text.extend_from_slice(w.as_bytes());
            let mut found = false;
            each_keyword(c, &text, |i, p| found |= i == id && p == at);
            assert!(found, "{w:?} at {at}, at the end");
        }
    }
}

/// Diagnostics for the benchmark corpus: how many anchor bytes each neighbour filter turns
/// away.
#[test]
#[ignore]
fn anchor_filter_counts_on_the_bench_corpus() {
    fn walk(d: &std::path::Path, out: &mut Vec<Vec<u8>>) {
        for e in std::fs::read_dir(d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if let Ok(b) = std::fs::read(&p) {
                out.push(b);
            }
        }
    }
    let mut texts = Vec::new();
    walk(std::path::Path::new("target/secrets-bench/x"), &mut texts);
    let a = &compiled().anchored;
    let nib = |t: &[u8; 16], b: u8| b < 0x80 && t[(b & 15) as usize] & (1 << (b >> 4)) != 0;
    let mut n = [[0usize; 3]; 6];
    for t in &texts {
        for p in 2..t.len().saturating_sub(2) {
            let c = a.class[t[p] as usize] as usize;
            if c == 0 {
                continue;
            }
            let c = c - 1;
            n[c][0] += 1;
            if nib(&a.nibbles_before[c], t[p - 1]) || nib(&a.nibbles_after[c], t[p + 1]) {
                n[c][1] += 1;
            }
            if has_pair(&a.pairs_before, c, t[p - 2], t[p - 1])
                || has_pair(&a.pairs_after, c, t[p + 1], t[p + 2])
            {
                n[c][2] += 1;
            }
        }
    }
    for (c, v) in n.iter().enumerate() {
        println!(
            "{:?}: {} anchors, {} past one byte, {} past two",
            ANCHORS[c] as char, v[0], v[1], v[2]
        );
    }
}

/// A rule whose matches all begin with one of its keywords is tried, anchored, at those
/// keywords only (most rules are such): it finds exactly what its pattern finds over the
/// whole text, in every rule's sample and near miss, and where its keywords repeat, overlap
/// or stand inside a longer token.
#[test]
fn rules_tried_at_their_keywords_find_what_the_whole_text_search_finds() {
    let c = compiled();
    let at_keyword: Vec<usize> = (0..RULES.len())
        .filter(|&i| whole_text(&RULES[i]) && c.regex(i).at_keyword.is_some())
        .collect();
    assert!(at_keyword.len() >= 100, "{} rules", at_keyword.len());
    for rule in [
        "github-pat",
        "npm-access-token",
        "crates-io-token",
        "databricks-token",
    ] {
        assert!(
            at_keyword.iter().any(|&i| RULES[i].id.as_str() == rule),
            "{rule}"
        );
    }
    // A lookaround, a class before the keyword, a prefix that is no keyword, or no longest
    // match (a JWT: a try at each `eyJ` of a long run would read the rest of it): whole text.
    for rule in [
        "azure-ad-client-secret",
        "new-relic-license-key",
        "dynatrace-token",
        "jwt",
    ] {
        assert!(
            !at_keyword.iter().any(|&i| RULES[i].id.as_str() == rule),
            "{rule}"
        );
    }
    // A byte at a fixed offset turns most places away before the regex (`pat` of `path`).
    let airtable = RULES.iter().position(|r| r.id.as_str() == "airtable-pat");
    assert_eq!(airtable.and_then(|i| c.regex(i).probe), Some((17, b'.')));
    let probed = at_keyword.iter().filter(|&&i| c.regex(i).probe.is_some());
    assert!(probed.count() >= 10);
    let mut text = all_samples();
    for &i in &at_keyword {
        let (r, k) = (&RULES[i], RULES[i].keywords[0]);
        let token = expand(r.sample, seed(r.id.as_str()), false);
        text.push_str(&format!(
            "{k}{token} {k}{k}{token}\n{token}{token} x{token} {k}\n"
        ));
    }
    let mut starts: Vec<(usize, usize)> = Vec::new();
    each_keyword(c, text.as_bytes(), |k, at| {
        starts.extend(
            c.keyword_rules[k]
                .iter()
                .filter(|&&rule| c.regex(rule).may_begin_at(text.as_bytes(), at))
                .map(|&rule| (rule, at)),
        );
    });
    starts.sort_unstable();
    starts.dedup();
    let ranges =
        |hits: Vec<(usize, Hit)>| hits.into_iter().map(|(_, h)| h.range).collect::<Vec<_>>();
    for &i in &at_keyword {
        let at: Vec<usize> = starts.iter().filter(|s| s.0 == i).map(|s| s.1).collect();
        let (mut ours, mut whole) = (Vec::new(), Vec::new());
        let r = c.regex(i);
        rule_hits(
            i,
            r.at_keyword.as_ref().unwrap(),
            text.as_bytes(),
            Some(&at),
            &mut ours,
        );
        rule_hits(i, &r.re, text.as_bytes(), None, &mut whole);
        assert!(!ours.is_empty(), "{} finds its sample", RULES[i].id);
        assert_eq!(ranges(ours), ranges(whole), "{}", RULES[i].id);
    }
}

/// Past MOST_STARTS places of a rule's keyword in one text, the rule searches the whole text
/// instead: a token after thousands of its keyword's prefixes is still found, once.
#[test]
fn a_rule_with_very_many_keyword_places_searches_the_whole_text() {
    let token = sample("npm-access-token", 3).unwrap();
    for n in [MOST_STARTS - 1, MOST_STARTS + 1, 3 * MOST_STARTS] {
        let text = format!("{} x = '{token}';\n", "npm_ ".repeat(n));
        let hits: Vec<&str> = find(text.as_bytes())
            .iter()
            .map(|h| h.rule.id.as_str())
            .collect();
        assert_eq!(hits, ["npm-access-token"], "{n} keyword places");
    }
}

/// `.npmrc`'s `_authToken=` as .npmrc writes it, not a property set in minified code
/// (`this._authToken=t,…`: @sendbird/chat and @augmentcode/auggie in the corpus).
#[test]
fn an_npmrc_token_is_npmrc_syntax_not_a_property_in_code() {
    let token = expand("npm_{an:36}", 3, false);
    for npmrc in [
        format!("//registry.npmjs.org/:_authToken={token}\n"),
        format!("registry=https://r.acme.io/\n_authToken = {token}\n"),
        format!("const npmrc = `//r.acme.io/npm/:_authToken={token}`;"),
    ] {
        assert!(ids(&npmrc).contains(&"npmrc-auth-token"), "{npmrc}");
    }
    for code in [
        "class C{constructor(t,r){this._authToken=r,this._appId=t}}",
        "e._authToken=u,e._sessionKeyHandler=abcdefghijklmnopqrstuvwxyz0123",
        "function f(a){return a._authToken=abcdefghijklmnopqrstuvwxyz,a}",
    ] {
        assert!(!ids(code).contains(&"npmrc-auth-token"), "{code}");
    }
}

/// A URL path in minified code is not a token assigned in code: the end of a string
/// (`?"oauth2/token":`) is not a name, and `:` there is a ternary's, not an assignment.
/// Found on a real proprietary bundle, where it made the verdict "May contain secrets".
#[test]
fn the_end_of_a_string_is_not_a_name_and_a_path_is_not_a_token() {
    let token = expand("{an:32}", 9, false);
    for quiet in [
        r#"function u(t){return"adfs"===t?"oauth2/token":"oauth2/v2.0/token"}"#.to_string(),
        r#"const tokenPath = "oauth2/v2.0/token";"#.to_string(),
        r#"{"token_endpoint":"https://login.microsoftonline.com/common/oauth2/v2.0/token"}"#
            .to_string(),
        format!(r#"e.nextToken="{token}""#),
    ] {
        assert!(ids(&quiet).is_empty(), "{quiet}: {:?}", ids(&quiet));
    }
    assert_eq!(ids(&format!(r#"{{token: "{token}"}}"#)), ["generic-token"]);
    assert_eq!(
        ids(&format!(r#"x={{"authToken":"{token}"}}"#)),
        ["generic-token"]
    );
}

/// A PEM key written as lines of a string in code, as smtp-server and spdy ship theirs.
#[test]
fn a_key_written_as_string_pieces_in_code_is_found() {
    let line = || expand("{b64:64}", 11, false);
    let js = format!(
        "const key = '-----BEGIN RSA PRIVATE KEY-----\\n' +\n  '{}\\n' +\n  '{}\\n' +\n  '-----END RSA PRIVATE KEY-----';\n",
        line(),
        line()
    );
    assert_eq!(ids(&js), ["private-key"], "{js}");
    let array = format!(
        "key: [\"-----BEGIN PRIVATE KEY-----\",\n \"{}\",\n \"{}\",\n \"-----END PRIVATE KEY-----\"].join('\\n')",
        line(),
        line()
    );
    assert_eq!(ids(&array), ["private-key"], "{array}");
}

/// A generic value in documentation is an example until someone checks: low, and said so.
/// A known format keeps its severity there (a real token pasted into a README is a leak).
#[test]
fn generic_values_in_documentation_are_low() {
    let value = expand("{an:24}", 12, false);
    let text = format!("const client = new Client({{ password: \"{value}\" }});\n");
    let hit = &find(text.as_bytes())[0];
    assert_eq!(hit.rule.id.as_str(), "generic-password");
    let in_docs = assess(hit, "README.md", text.as_bytes(), []);
    assert_eq!(in_docs.severity, Severity::Low);
    assert!(in_docs.note.is_some_and(|n| n.contains("documentation")));
    assert_eq!(
        assess(hit, "lib/client.js", text.as_bytes(), []).severity,
        Severity::Medium
    );
    let token = sample("github-pat", 4).unwrap();
    let hit = &find(token.as_bytes())[0];
    assert_eq!(
        assess(hit, "README.md", token.as_bytes(), []).severity,
        Severity::Critical
    );
}

/// Token forms that providers documented lately, and the fragments that must stay quiet.
#[test]
fn newer_token_forms_are_found_and_fragments_are_not() {
    let one = |text: &str, id: &str| {
        assert_eq!(ids(text), [id], "{text}");
    };
    one(
        &sample("github-app-installation-token", 1).unwrap(),
        "github-app-installation-token",
    );
    one(&sample("vercel-token-v2", 2).unwrap(), "vercel-token-v2");
    let sig = expand("{u:43}", 3, false);
    let flow = expand("{h:30}", 4, false);
    let id = expand("{h:32}", 5, false);
    one(
        &format!(
            "url = 'https://default{flow}.4a.environment.api.powerplatform.com:443/powerautomate/automations/direct/workflows/{id}/triggers/manual/paths/invoke?api-version=1&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig={sig}'"
        ),
        "teams-webhook",
    );
    assert!(
        ids(&format!("https://default{flow}.4a.environment.api.powerplatform.com/powerautomate/automations/direct/workflows/{id}/triggers/manual/paths/invoke?api-version=1")).is_empty(),
        "without its sig, a flow's URL needs a login: no secret"
    );
    one(
        &expand("license_key: eu01xx{h:26}FFFFNRAL", 6, false),
        "new-relic-license-key",
    );
    one(
        &expand("license_key: {h:32}FFFFNRAL", 7, false),
        "new-relic-license-key",
    );
    one(
        &expand("headers = {\"x\": \"pat{an:14}.{h:64}\"}", 8, false),
        "airtable-pat",
    );
    one(
        &sample("gcp-service-account", 9).unwrap(),
        "gcp-service-account",
    );
    one(
        &expand("xoxa-2-{d:10}-{d:11}-{d:13}-{h:32}", 10, false),
        "slack-legacy-token",
    );
    for quiet in [
        "token = 'xoxr-tokenhere'",
        "xoxa-2-abcdefghijkl",
        "see github.com/xoxa-nyc/x",
    ] {
        assert!(ids(quiet).is_empty(), "{quiet}: {:?}", ids(quiet));
    }
}

/// A password in a database URL is one whatever its length: short real ones are common in
/// shipped config. Defaults, placeholders and templates stay quiet; local hosts and
/// containers' names (`@db`) make a test setup.
#[test]
fn database_urls_with_short_passwords() {
    let severity = |text: &str| {
        let hits = find(text.as_bytes());
        assert_eq!(hits.len(), 1, "{text}: {hits:?}");
        assess(&hits[0], "config/app.js", text.as_bytes(), []).severity
    };
    assert_eq!(
        severity("DATABASE_URL=postgres://app:Tr0ub4d@db.acme.io:5432/app"),
        Severity::Critical
    );
    assert_eq!(
        severity("REDIS_URL=redis://:k9Xq2mVt@cache.acme.io:6379"),
        Severity::Critical
    );
    assert_eq!(
        severity("mongodb://val:pwd123@127.0.0.1/app"),
        Severity::Low
    );
    assert_eq!(
        severity("postgres://app:s3cr3tpw@db:5432/app"),
        Severity::Low
    );
    for quiet in [
        "postgres://postgres:postgres@localhost/app",
        "amqp://guest:guest@rabbit.acme.io",
        "mysql://root:${DB_PASSWORD}@db.acme.io/app",
        "redis://alice:foobared@redis.acme.io",
        "postgres://user:<password>@host.acme.io/db",
        "mongodb://user:****@host.acme.io",
    ] {
        assert!(ids(quiet).is_empty(), "{quiet}: {:?}", ids(quiet));
    }
}
