//! Secrets by content, in every text file and in every recovered source. The rules are a
//! table in the spirit of gitleaks' rule set (MIT): a keyword pre-filter first (SIMD passes
//! where the CPU has them), then the rule's pattern, then an entropy check where a pattern
//! alone is weak. Evidence is always redacted.

use std::sync::OnceLock;

use aho_corasick::AhoCorasick;
use regex::bytes::Regex;

use crate::finding::Severity;

/// One detection rule. `pattern`'s first capture group (or the whole match) is the secret.
pub struct Rule {
    pub id: &'static str,
    /// What it is, for a sentence: "a GitHub personal access token".
    pub what: &'static str,
    /// Strings of which one must occur for the pattern to be tried, matched as written: a
    /// rule that ignores case lists the spellings used in practice (`aws`, `AWS`, `Aws`).
    /// Exact case is what lets SIMD look for them (see [`Keywords`]).
    pub keywords: &'static [&'static str],
    pub pattern: &'static str,
    /// Shannon entropy (bits per character) the secret must reach; 0 for formats that are
    /// specific enough on their own.
    pub min_entropy: f32,
    pub severity: Severity,
}

const C: Severity = Severity::Critical;
const H: Severity = Severity::High;
const M: Severity = Severity::Medium;

/// The rules. A token with a known live format is critical; a generic or unverifiable one
/// is high; a test-mode key is medium.
pub const RULES: &[Rule] = &[
    Rule {
        id: "aws-access-key-id",
        what: "an AWS access key ID",
        keywords: &["AKIA", "ASIA", "ABIA", "ACCA", "A3T"],
        pattern: r"\b((?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\b",
        min_entropy: 3.0,
        severity: C,
    },
    Rule {
        id: "aws-secret-access-key",
        what: "an AWS secret access key",
        keywords: &["aws", "AWS", "Aws"],
        pattern: r#"(?i)aws.{0,20}?(?:secret|private)?.{0,10}?(?:key|token).{0,5}?['"=:]\s*['"]?([A-Za-z0-9/+]{40})\b"#,
        min_entropy: 4.0,
        severity: C,
    },
    Rule {
        id: "gcp-api-key",
        what: "a Google API key",
        keywords: &["AIza"],
        pattern: r"\b(AIza[0-9A-Za-z_-]{35})\b",
        min_entropy: 3.0,
        severity: H,
    },
    Rule {
        id: "gcp-service-account-key",
        what: "a Google Cloud service-account key",
        keywords: &["private_key_id"],
        pattern: r#""private_key_id"\s*:\s*"([a-f0-9]{40})""#,
        min_entropy: 3.0,
        severity: C,
    },
    Rule {
        id: "gcp-oauth-client-secret",
        what: "a Google OAuth client secret",
        keywords: &["GOCSPX-"],
        pattern: r"\b(GOCSPX-[A-Za-z0-9_-]{28})\b",
        min_entropy: 3.0,
        severity: C,
    },
    Rule {
        id: "azure-storage-key",
        what: "an Azure storage account key",
        keywords: &["AccountKey", "accountkey", "ACCOUNTKEY"],
        pattern: r"(?i)AccountKey=([A-Za-z0-9+/]{86}==)",
        min_entropy: 4.0,
        severity: C,
    },
    Rule {
        id: "azure-ad-client-secret",
        what: "an Azure AD client secret",
        keywords: &["Q~"],
        pattern: r"(?:^|[^A-Za-z0-9_~.-])([A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.-]{31,34})(?:$|[^A-Za-z0-9_~.-])",
        min_entropy: 3.0,
        severity: C,
    },
    Rule {
        id: "github-pat",
        what: "a GitHub personal access token",
        keywords: &["ghp_"],
        pattern: r"\b(ghp_[0-9a-zA-Z]{36})\b",
        min_entropy: 3.0,
        severity: C,
    },
    Rule {
        id: "github-fine-grained-pat",
        what: "a GitHub fine-grained access token",
        keywords: &["github_pat_"],
        pattern: r"\b(github_pat_[0-9a-zA-Z_]{82})\b",
        min_entropy: 3.0,
        severity: C,
    },
    Rule {
        id: "github-oauth-token",
        what: "a GitHub OAuth token",
        keywords: &["gho_"],
        pattern: r"\b(gho_[0-9a-zA-Z]{36})\b",
        min_entropy: 3.0,
        severity: C,
    },
    Rule {
        id: "github-app-token",
        what: "a GitHub app token",
        keywords: &["ghu_", "ghs_"],
        pattern: r"\b((?:ghu|ghs)_[0-9a-zA-Z]{36})\b",
        min_entropy: 3.0,
        severity: C,
    },
    Rule {
        id: "github-refresh-token",
        what: "a GitHub refresh token",
        keywords: &["ghr_"],
        pattern: r"\b(ghr_[0-9a-zA-Z]{36})\b",
        min_entropy: 3.0,
        severity: C,
    },
    Rule {
        id: "gitlab-pat",
        what: "a GitLab personal access token",
        keywords: &["glpat-"],
        pattern: r"\b(glpat-[0-9a-zA-Z_-]{20})\b",
        min_entropy: 3.0,
        severity: C,
    },
    Rule {
        id: "gitlab-runner-token",
        what: "a GitLab runner token",
        keywords: &["glrt-"],
        pattern: r"\b(glrt-[0-9a-zA-Z_-]{20})\b",
        min_entropy: 3.0,
        severity: C,
    },
    Rule {
        id: "npm-access-token",
        what: "an npm access token",
        keywords: &["npm_"],
        pattern: r"\b(npm_[a-zA-Z0-9]{36})\b",
        min_entropy: 3.0,
        severity: C,
    },
    Rule {
        id: "pypi-upload-token",
        what: "a PyPI upload token",
        keywords: &["pypi-AgEIcHlwaS5vcmc"],
        pattern: r"\b(pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,})",
        min_entropy: 3.0,
        severity: C,
    },
    Rule {
        id: "slack-bot-token",
        what: "a Slack bot token",
        keywords: &["xoxb-"],
        pattern: r"\b(xoxb-[0-9]{10,13}-[0-9]{10,13}-[a-zA-Z0-9]{24})\b",
        min_entropy: 3.0,
        severity: C,
    },
    Rule {
        id: "slack-user-token",
        what: "a Slack user token",
        keywords: &["xoxp-", "xoxe-"],
        pattern: r"\b(xox[pe](?:-[0-9]{10,13}){3}-[a-zA-Z0-9]{28,34})\b",
        min_entropy: 3.0,
        severity: C,
    },
    Rule {
        id: "slack-webhook",
        what: "a Slack webhook URL",
        keywords: &["hooks.slack.com"],
        pattern: r"(https://hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/]{43,56})",
        min_entropy: 0.0,
        severity: H,
    },
    Rule {
        id: "discord-webhook",
        what: "a Discord webhook URL",
        keywords: &["discord", "Discord", "DISCORD"],
        pattern: r"(https://(?:ptb\.|canary\.)?discord(?:app)?\.com/api/webhooks/[0-9]{17,20}/[A-Za-z0-9_-]{60,68})",
        min_entropy: 0.0,
        severity: H,
    },
    Rule {
        id: "discord-bot-token",
        what: "a Discord bot token",
        keywords: &["discord", "Discord", "DISCORD"],
        pattern: r#"(?i)discord.{0,30}?(?:token|secret|key).{0,5}?['"=:]\s*['"]([MNO][A-Za-z0-9_-]{23,27}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,40})['"]"#,
        min_entropy: 3.5,
        severity: C,
    },
    Rule {
        id: "stripe-live-key",
        what: "a Stripe live secret key",
        keywords: &["sk_live_", "rk_live_"],
        pattern: r"\b((?:sk|rk)_live_[0-9a-zA-Z]{24,99})\b",
        min_entropy: 3.0,
        severity: C,
    },
    Rule {
        id: "stripe-test-key",
        what: "a Stripe test secret key",
        keywords: &["sk_test_"],
        pattern: r"\b(sk_test_[0-9a-zA-Z]{24,99})\b",
        min_entropy: 3.0,
        severity: M,
    },
    Rule {
        id: "twilio-api-key",
        what: "a Twilio API key",
        keywords: &["twilio", "Twilio", "TWILIO"],
        pattern: r#"(?i)twilio.{0,40}?['"=:]\s*['"]?(SK[0-9a-fA-F]{32})\b"#,
        min_entropy: 3.0,
        severity: H,
    },
    Rule {
        id: "sendgrid-api-key",
        what: "a SendGrid API key",
        keywords: &["SG."],
        pattern: r"\b(SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43})\b",
        min_entropy: 3.5,
        severity: C,
    },
    Rule {
        id: "mailgun-api-key",
        what: "a Mailgun API key",
        keywords: &["mailgun", "Mailgun", "MAILGUN"],
        pattern: r"(?i)mailgun.{0,40}?\b(key-[0-9a-f]{32})\b",
        min_entropy: 3.0,
        severity: H,
    },
    Rule {
        id: "openai-api-key",
        what: "an OpenAI API key",
        // Not "T3BlbkFJ": in "…A3T3BlbkFJ…" the AWS keyword "A3T" would take its "T".
        keywords: &["3BlbkFJ"],
        pattern: r"\b(sk-(?:(?:proj|svcacct|admin)-)?[A-Za-z0-9_-]{20,74}T3BlbkFJ[A-Za-z0-9_-]{20,74})\b",
        min_entropy: 3.5,
        severity: C,
    },
    Rule {
        id: "anthropic-api-key",
        what: "an Anthropic API key",
        keywords: &["sk-ant-"],
        pattern: r"\b(sk-ant-(?:api03|admin01)-[A-Za-z0-9_-]{93}AA)\b",
        min_entropy: 3.5,
        severity: C,
    },
    Rule {
        id: "huggingface-token",
        what: "a Hugging Face access token",
        keywords: &["hf_"],
        pattern: r"\b(hf_[a-zA-Z]{34})\b",
        min_entropy: 3.5,
        severity: H,
    },
    Rule {
        id: "shopify-token",
        what: "a Shopify access token",
        keywords: &["shpat_", "shpca_", "shppa_", "shpss_"],
        pattern: r"\b(shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32})\b",
        min_entropy: 3.0,
        severity: C,
    },
    Rule {
        id: "digitalocean-token",
        what: "a DigitalOcean access token",
        keywords: &["dop_v1_", "doo_v1_"],
        pattern: r"\b(do[op]_v1_[a-f0-9]{64})\b",
        min_entropy: 3.0,
        severity: C,
    },
    Rule {
        id: "hashicorp-vault-token",
        what: "a HashiCorp Vault token",
        keywords: &["hvs."],
        pattern: r"\b(hvs\.[A-Za-z0-9_-]{90,120})\b",
        min_entropy: 3.5,
        severity: C,
    },
    Rule {
        id: "linear-api-key",
        what: "a Linear API key",
        keywords: &["lin_api_"],
        pattern: r"\b(lin_api_[a-zA-Z0-9]{40})\b",
        min_entropy: 3.0,
        severity: C,
    },
    Rule {
        id: "telegram-bot-token",
        what: "a Telegram bot token",
        keywords: &[
            "telegram",
            "Telegram",
            "TELEGRAM",
            "tgbot",
            "TGBOT",
            "bot_token",
            "BOT_TOKEN",
        ],
        pattern: r"\b([0-9]{8,10}:AA[A-Za-z0-9_-]{33})\b",
        min_entropy: 3.0,
        severity: H,
    },
    Rule {
        id: "private-key",
        what: "a private key",
        keywords: &["PRIVATE KEY"],
        pattern: r"(-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----[\s\\A-Za-z0-9+/=:,-]{64,}?-----END[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----)",
        min_entropy: 0.0,
        severity: C,
    },
    Rule {
        id: "jwt",
        what: "a JSON Web Token",
        keywords: &["eyJ"],
        pattern: r"\b(eyJ[A-Za-z0-9_-]{15,}\.eyJ[A-Za-z0-9_-]{15,}\.[A-Za-z0-9_-]{16,})",
        min_entropy: 3.0,
        severity: H,
    },
    Rule {
        id: "basic-auth-url",
        what: "a URL with a password in it",
        keywords: &["://"],
        pattern: r#"\b[a-zA-Z][a-zA-Z0-9+.-]{1,15}://[^:/\s'"@<>`]{1,64}:([^@/\s'"<>`${}]{6,128})@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"#,
        min_entropy: 3.0,
        severity: H,
    },
    Rule {
        id: "npmrc-auth-token",
        what: "a registry auth token",
        keywords: &["_authToken"],
        pattern: r"_authToken\s*=\s*([^\s$'\x22{}]{16,})",
        min_entropy: 3.0,
        severity: C,
    },
];

/// Evidence that looks like documentation or a placeholder, never a real secret.
const PLACEHOLDERS: &[&str] = &[
    "example",
    "xxxxxx",
    "000000",
    "your_",
    "your-",
    "placeholder",
    "dummy",
    "sample",
    "redacted",
    "******",
    "changeme",
    "password",
];

/// A secret found in a text, before it becomes a finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub rule: &'static Rule,
    /// 1-based line.
    pub line: u32,
    /// The secret with all but its first few characters masked.
    pub redacted: String,
    /// Where the secret is in the text, so that a viewer can mask it.
    pub range: std::ops::Range<usize>,
}

impl PartialEq for Rule {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}
impl Eq for Rule {}
impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id)
    }
}

struct Compiled {
    keywords: Keywords,
    /// For each distinct keyword, the rules that list it.
    keyword_rules: Vec<Vec<usize>>,
    patterns: Vec<Regex>,
}

/// Every keyword in a text. An Aho-Corasick automaton reads one byte at a time (2 ns a byte
/// on the CI machine); Teddy's SIMD search reads 16 or 32 at once, but its false hits grow
/// fast with the number of keywords, so the keywords are searched for in groups of similar
/// length. On 41 MB of real code (typescript, @angular/core, rxjs and their recovered
/// sources): 85 ms for the automaton, 30 ms for four groups of 16. The automaton stays where
/// there is no SIMD (the page).
enum Keywords {
    Simd(Vec<(aho_corasick::packed::Searcher, Vec<usize>)>),
    Automaton(AhoCorasick),
}

/// Keywords per SIMD search.
const GROUP: usize = 16;

impl Keywords {
    fn new(words: &[&str]) -> Keywords {
        let mut by_length: Vec<usize> = (0..words.len()).collect();
        by_length.sort_by_key(|&i| words[i].len());
        let groups: Option<Vec<_>> = by_length
            .chunks(GROUP)
            .map(|ids| {
                let searcher = aho_corasick::packed::Searcher::new(ids.iter().map(|&i| words[i]))?;
                Some((searcher, ids.to_vec()))
            })
            .collect();
        match groups {
            Some(groups) => Keywords::Simd(groups),
            None => Keywords::Automaton(AhoCorasick::new(words).expect("plain strings")),
        }
    }

    /// Calls `found` with the index of every keyword found, overlapping ones included (in
    /// `npm_authToken`, both `npm_` and `_authToken`), so that both searches agree.
    fn each(&self, text: &[u8], mut found: impl FnMut(usize)) {
        match self {
            Keywords::Simd(groups) => {
                for (searcher, ids) in groups {
                    // On from the next byte, not the match's end: matches are rare in code,
                    // and no keyword begins another, so none is missed.
                    let mut at = 0;
                    while let Some(m) =
                        searcher.find_in(text, aho_corasick::Span::from(at..text.len()))
                    {
                        found(ids[m.pattern().as_usize()]);
                        at = m.start() + 1;
                    }
                }
            }
            Keywords::Automaton(a) => {
                for m in a.find_overlapping_iter(text) {
                    found(m.pattern().as_usize());
                }
            }
        }
    }
}

fn compiled() -> &'static Compiled {
    static COMPILED: OnceLock<Compiled> = OnceLock::new();
    COMPILED.get_or_init(|| {
        let mut words: Vec<&str> = Vec::new();
        let mut keyword_rules: Vec<Vec<usize>> = Vec::new();
        for (i, rule) in RULES.iter().enumerate() {
            for k in rule.keywords {
                match words.iter().position(|w| w == k) {
                    Some(at) => keyword_rules[at].push(i),
                    None => {
                        words.push(k);
                        keyword_rules.push(vec![i]);
                    }
                }
            }
        }
        Compiled {
            keywords: Keywords::new(&words),
            keyword_rules,
            patterns: RULES
                .iter()
                // ASCII classes: secrets are ASCII, and Unicode tables would add hundreds of KB
                // to the page.
                .map(|r| {
                    Regex::new(&format!("(?-u){}", r.pattern))
                        .unwrap_or_else(|e| panic!("rule {}: {e}", r.id))
                })
                .collect(),
        }
    })
}

/// Finds every secret in `text`. Binary data is the caller's to skip.
pub fn find(text: &[u8]) -> Vec<Hit> {
    let c = compiled();
    let mut candidates = vec![false; RULES.len()];
    c.keywords.each(text, |keyword| {
        for &rule in &c.keyword_rules[keyword] {
            candidates[rule] = true;
        }
    });
    let mut hits = Vec::new();
    for (i, rule) in RULES.iter().enumerate().filter(|(i, _)| candidates[*i]) {
        for caps in c.patterns[i].captures_iter(text) {
            let m = caps
                .get(1)
                .or_else(|| caps.get(0))
                .expect("a match has group 0");
            let secret = &text[m.start()..m.end()];
            if !plausible(rule, secret) {
                continue;
            }
            hits.push(Hit {
                rule,
                line: 0,
                redacted: redact(secret),
                range: m.range(),
            });
        }
    }
    hits.sort_by_key(|h| h.range.start);
    // Lines counted in one pass over the text, however many hits there are.
    let (mut line, mut at) = (1u32, 0usize);
    for hit in &mut hits {
        line += memchr::memchr_iter(b'\n', &text[at..hit.range.start]).count() as u32;
        at = hit.range.start;
        hit.line = line;
    }
    hits
}

fn plausible(rule: &Rule, secret: &[u8]) -> bool {
    let lower = String::from_utf8_lossy(secret).to_ascii_lowercase();
    if PLACEHOLDERS.iter().any(|p| lower.contains(p)) {
        return false;
    }
    // Key blocks are judged by their armour; their body is base64 whatever it holds.
    rule.min_entropy == 0.0 || entropy(secret) >= rule.min_entropy
}

/// `text` with every secret replaced by `•`, for showing a file without handing its
/// secrets to whoever looks at the screen.
pub fn mask(text: &str) -> std::borrow::Cow<'_, str> {
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

/// Keeps enough to recognise the kind of secret, never enough to use it.
pub fn redact(secret: &[u8]) -> String {
    let text = String::from_utf8_lossy(secret);
    let first_line = text.lines().next().unwrap_or("");
    if first_line.starts_with("-----BEGIN") {
        return format!("{first_line} … (key material hidden)");
    }
    let shown: String = text
        .chars()
        .take(if text.len() > 16 { 6 } else { 3 })
        .collect();
    format!("{shown}… ({} characters)", text.chars().count())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Deterministic random characters from `alphabet`, so positives have real entropy
    /// without a real-looking secret in the source.
    fn random(alphabet: &str, len: usize, seed: u64) -> String {
        let chars: Vec<char> = alphabet.chars().collect();
        let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
        (0..len)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                chars[(x >> 33) as usize % chars.len()]
            })
            .collect()
    }

    const ALNUM: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    const UPPER32: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    const HEX: &str = "0123456789abcdef";
    const B64: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const URLSAFE: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";

    /// One positive and one negative text per rule.
    fn cases() -> Vec<(&'static str, String, String)> {
        let r = random;
        vec![
            (
                "aws-access-key-id",
                format!("const id = \"AKIA{}\";", r(UPPER32, 16, 1)),
                "const id = \"AKIAIOSFODNN7EXAMPLE\";".into(),
            ),
            (
                "aws-secret-access-key",
                format!("aws_secret_access_key = \"{}\"", r(B64, 40, 2)),
                format!("aws_region = \"{}\"", r(B64, 40, 2)),
            ),
            (
                "gcp-api-key",
                format!("key: 'AIza{}'", r(URLSAFE, 35, 3)),
                format!("key: 'AIza{}'", r(URLSAFE, 20, 3)),
            ),
            (
                "gcp-service-account-key",
                format!(
                    "{{\"type\":\"service_account\",\"private_key_id\": \"{}\"}}",
                    r(HEX, 40, 4)
                ),
                "\"private_key_id\": \"none\"".into(),
            ),
            (
                "gcp-oauth-client-secret",
                format!("secret=GOCSPX-{}", r(URLSAFE, 28, 5)),
                "secret=GOCSPX-short".into(),
            ),
            (
                "azure-storage-key",
                format!(
                    "DefaultEndpointsProtocol=https;AccountName=x;AccountKey={}==",
                    r(B64, 86, 6)
                ),
                "AccountKey=<your key>".into(),
            ),
            (
                "azure-ad-client-secret",
                format!("clientSecret: \"abc8Q~{}\"", r(ALNUM, 34, 7)),
                "clientSecret: \"Q~\"".into(),
            ),
            (
                "github-pat",
                format!("token = 'ghp_{}'", r(ALNUM, 36, 8)),
                format!("token = 'ghp_{}'", r(ALNUM, 20, 8)),
            ),
            (
                "github-fine-grained-pat",
                format!("github_pat_{}", r(ALNUM, 82, 9)),
                "github_pat_ in the docs".into(),
            ),
            (
                "github-oauth-token",
                format!("gho_{}", r(ALNUM, 36, 10)),
                "gho_ is a prefix".into(),
            ),
            (
                "github-app-token",
                format!("ghs_{}", r(ALNUM, 36, 11)),
                format!("ghx_{}", r(ALNUM, 36, 11)),
            ),
            (
                "github-refresh-token",
                format!("ghr_{}", r(ALNUM, 36, 12)),
                format!("ghr_{}", "a".repeat(36)),
            ),
            (
                "gitlab-pat",
                format!("glpat-{}", r(URLSAFE, 20, 13)),
                "glpat-xxxxxxxxxxxxxxxxxxxx".into(),
            ),
            (
                "gitlab-runner-token",
                format!("glrt-{}", r(URLSAFE, 20, 14)),
                "glrt-".into(),
            ),
            (
                "npm-access-token",
                format!("//registry.npmjs.org/:x=npm_{}", r(ALNUM, 36, 15)),
                "npm_config_cache=/tmp".into(),
            ),
            (
                "pypi-upload-token",
                format!("pypi-AgEIcHlwaS5vcmc{}", r(URLSAFE, 60, 16)),
                "pypi-AgEIcHlwaS5vcmc".into(),
            ),
            (
                "slack-bot-token",
                format!("xoxb-1234567890-1234567890123-{}", r(ALNUM, 24, 17)),
                "xoxb-token-here".into(),
            ),
            (
                "slack-user-token",
                format!(
                    "xoxp-1234567890-1234567890-1234567890123-{}",
                    r(ALNUM, 32, 18)
                ),
                "xoxp-".into(),
            ),
            (
                "slack-webhook",
                format!(
                    "https://hooks.slack.com/services/T{}/B{}/{}",
                    r(UPPER32, 8, 19),
                    r(UPPER32, 10, 20),
                    r(ALNUM, 24, 21)
                ),
                "https://hooks.slack.com/services/".into(),
            ),
            (
                "discord-webhook",
                format!(
                    "https://discord.com/api/webhooks/123456789012345678/{}",
                    r(URLSAFE, 68, 22)
                ),
                "https://discord.com/api/webhooks/".into(),
            ),
            (
                "discord-bot-token",
                format!(
                    "const discordToken = \"M{}.{}.{}\"",
                    r(ALNUM, 25, 23),
                    r(URLSAFE, 6, 24),
                    r(URLSAFE, 38, 25)
                ),
                "const discordToken = process.env.TOKEN".into(),
            ),
            (
                "stripe-live-key",
                format!("sk_live_{}", r(ALNUM, 32, 26)),
                "sk_live_".into(),
            ),
            (
                "stripe-test-key",
                format!("sk_test_{}", r(ALNUM, 32, 27)),
                "sk_test_0000000000000000000000000".into(),
            ),
            (
                "twilio-api-key",
                format!("twilioKey = 'SK{}'", r(HEX, 32, 28)),
                format!("otherKey = 'SK{}'", r(HEX, 32, 28)),
            ),
            (
                "sendgrid-api-key",
                format!("SG.{}.{}", r(URLSAFE, 22, 29), r(URLSAFE, 43, 30)),
                "SG.example".into(),
            ),
            (
                "mailgun-api-key",
                format!("mailgun: 'key-{}'", r(HEX, 32, 31)),
                format!("other: 'key-{}'", r(HEX, 32, 31)),
            ),
            (
                "openai-api-key",
                format!(
                    "sk-proj-{}T3BlbkFJ{}",
                    r(URLSAFE, 58, 32),
                    r(URLSAFE, 58, 33)
                ),
                "sk-proj-T3BlbkFJ".into(),
            ),
            (
                "anthropic-api-key",
                format!("sk-ant-api03-{}AA", r(URLSAFE, 93, 34)),
                "sk-ant-api03-".into(),
            ),
            (
                "huggingface-token",
                format!(
                    "hf_{}",
                    r(
                        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
                        34,
                        35
                    )
                ),
                "hf_hub_download".into(),
            ),
            (
                "shopify-token",
                format!("shpat_{}", r(HEX, 32, 36)),
                "shpat_".into(),
            ),
            (
                "digitalocean-token",
                format!("dop_v1_{}", r(HEX, 64, 37)),
                "dop_v1_".into(),
            ),
            (
                "hashicorp-vault-token",
                format!("hvs.{}", r(URLSAFE, 95, 38)),
                "hvs.short".into(),
            ),
            (
                "linear-api-key",
                format!("lin_api_{}", r(ALNUM, 40, 39)),
                "lin_api_".into(),
            ),
            (
                "telegram-bot-token",
                format!("TELEGRAM_TOKEN=123456789:AA{}", r(URLSAFE, 33, 40)),
                "TELEGRAM_TOKEN=".into(),
            ),
            (
                "private-key",
                format!(
                    "-----BEGIN RSA PRIVATE KEY-----\n{}\n{}\n-----END RSA PRIVATE KEY-----",
                    r(B64, 64, 41),
                    r(B64, 64, 42)
                ),
                "-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----".into(),
            ),
            (
                "jwt",
                format!(
                    "eyJhbGciOiJIUzI1NiJ9.eyJ{}.{}",
                    r(URLSAFE, 40, 43),
                    r(URLSAFE, 43, 44)
                ),
                "eyJhbGciOiJIUzI1NiJ9".into(),
            ),
            (
                "basic-auth-url",
                format!(
                    "const db = 'postgres://admin:{}@db.acme.io/x'",
                    r(ALNUM, 16, 45)
                ),
                "const db = 'postgres://user:${PASSWORD}@db.acme.io/x'".into(),
            ),
            (
                "npmrc-auth-token",
                format!("//registry.acme.io/:_authToken={}", r(ALNUM, 30, 46)),
                "//registry.npmjs.org/:_authToken=${NPM_TOKEN}".into(),
            ),
        ]
    }

    /// The SIMD search finds one keyword per starting byte: none may begin another.
    #[test]
    fn no_keyword_begins_another() {
        let words: Vec<&str> = RULES
            .iter()
            .flat_map(|r| r.keywords.iter().copied())
            .collect();
        for a in &words {
            for b in &words {
                assert!(a == b || !b.starts_with(a), "{a} begins {b}");
            }
        }
    }

    #[test]
    fn simd_and_automaton_find_the_same_keywords() {
        let mut words: Vec<&str> = RULES
            .iter()
            .flat_map(|r| r.keywords.iter().copied())
            .collect();
        words.sort_unstable();
        words.dedup();
        let simd = Keywords::new(&words);
        #[cfg(target_arch = "x86_64")]
        assert!(
            matches!(simd, Keywords::Simd(_)),
            "SIMD search is in use natively"
        );
        let automaton = Keywords::Automaton(AhoCorasick::new(&words).unwrap());
        let mut text: String = cases()
            .into_iter()
            .map(|(_, yes, no)| format!("{yes}\n{no}\n"))
            .collect();
        // Keywords that overlap: both are found, by both searches.
        text.push_str("npm_authToken AKIASIA");
        let found = |k: &Keywords| {
            let mut v = Vec::new();
            k.each(text.as_bytes(), |i| v.push(words[i]));
            v.sort_unstable();
            v
        };
        assert_eq!(found(&simd), found(&automaton));
        // Every rule's positive case holds one of its keywords.
        assert!(found(&simd).len() >= RULES.len(), "{:?}", found(&simd));
        for both in ["npm_", "_authToken", "AKIA", "ASIA"] {
            assert!(found(&simd).contains(&both), "{both} is found");
        }
    }

    #[test]
    fn every_rule_has_a_positive_and_a_negative_case() {
        let cases = cases();
        assert!(RULES.len() >= 30);
        for rule in RULES {
            assert!(
                cases.iter().any(|(id, _, _)| *id == rule.id),
                "no case for {}",
                rule.id
            );
        }
        for (id, positive, negative) in cases {
            let hits = find(positive.as_bytes());
            assert!(
                hits.iter().any(|h| h.rule.id == id),
                "{id} missed in {positive:?}: {hits:?}"
            );
            let hits = find(negative.as_bytes());
            assert!(
                !hits.iter().any(|h| h.rule.id == id),
                "{id} false positive in {negative:?}"
            );
        }
    }

    #[test]
    fn evidence_is_redacted_and_lines_are_counted() {
        let token = format!("ghp_{}", random(ALNUM, 36, 99));
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
    fn mask_hides_secrets_and_keeps_lines() {
        let token = format!("ghp_{}", random(ALNUM, 36, 5));
        let key = format!(
            "-----BEGIN RSA PRIVATE KEY-----\n{}\n-----END RSA PRIVATE KEY-----",
            random(B64, 64, 6)
        );
        let text = format!("é a\nconst t = '{token}';\n{key}\nend");
        let masked = mask(&text);
        assert!(!masked.contains(&token[4..]));
        assert!(!masked.contains("BEGIN RSA"));
        assert_eq!(masked.lines().count(), text.lines().count());
        assert!(masked.starts_with("é a\nconst t = '••••"));
        assert!(masked.ends_with("\nend"));
        assert_eq!(mask("nothing here"), "nothing here");
    }

    #[test]
    fn escaped_keys_in_json_or_strings_are_found() {
        let body = random(B64, 64, 7);
        let text = format!(
            "{{\"private_key\": \"-----BEGIN PRIVATE KEY-----\\n{body}\\n{body}\\n-----END PRIVATE KEY-----\\n\"}}"
        );
        assert!(
            find(text.as_bytes())
                .iter()
                .any(|h| h.rule.id == "private-key"),
            "{text}"
        );
        assert!(!mask(&text).contains(&body));
    }

    #[test]
    fn a_key_whose_text_holds_another_rules_keyword_is_still_found() {
        let key = format!(
            "sk-proj-{}a3T3BlbkFJ{}",
            random(URLSAFE, 56, 50),
            random(URLSAFE, 58, 51)
        );
        assert!(
            find(key.as_bytes())
                .iter()
                .any(|h| h.rule.id == "openai-api-key"),
            "{key}"
        );
    }

    #[test]
    fn ordinary_code_is_quiet() {
        let code = "import React from 'react';\nexport function App() { return <div className=\"x\">Hello</div>; }\n\
                    const url = 'https://registry.npmjs.org/react';\nconst sk = 'sk-';\n";
        assert!(find(code.repeat(100).as_bytes()).is_empty());
    }
}
