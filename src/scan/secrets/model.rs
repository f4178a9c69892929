//! What a rule is, and what it finds.

use crate::finding::{SecretId, Severity};

use super::rules;

/// One detection rule. The secret is the pattern's first capture group, or the whole match.
#[derive(Clone, Copy)]
pub struct Rule {
    /// Its id, unique and stable: the JSON report's `rule`.
    pub id: SecretId,
    /// What it is, for a sentence: "a GitHub personal access token".
    pub what: &'static str,
    /// Whose token it is: "GitHub".
    pub provider: &'static str,
    pub group: Group,
    /// The severity of a live-looking hit in shipped code (see [`assess`] for the rest).
    pub severity: Severity,
    /// Strings of which one must occur for the pattern to be tried, matched as written: a
    /// rule that ignores case lists the spellings used in practice (`aws`, `AWS`, `Aws`).
    /// Exact case is what lets SIMD look for them (see [`Keywords`]). Empty for
    /// [`Shape::Named`], whose keywords are its names.
    pub keywords: &'static [&'static str],
    pub shape: Shape,
    pub pattern: &'static str,
    /// Shannon entropy (bits per character) the secret must reach; 0 for formats that are
    /// specific enough on their own.
    pub min_entropy: f32,
    pub check: Check,
    /// A documented test-mode or sandbox kind of key (Stripe's `sk_test_`).
    pub test_mode: bool,
    /// A true positive in the documented format, as a template for [`expand`].
    pub sample: &'static str,
    /// A near miss that must not match this rule (a wrong prefix, length or checksum).
    pub near: &'static str,
}

/// How a rule's pattern meets the text around it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// The pattern is the token; the whole match must be [`bounded`].
    Token,
    /// The pattern is the token, found where it is assigned to one of these `|`-separated
    /// names (any case): `DATADOG_API_KEY = "…"`. The token must be [`bounded`].
    Named(&'static str),
    /// The pattern says what surrounds the secret, its group 1, which must be [`bounded`].
    Context,
    /// The pattern has its own armour (key blocks, URLs, config syntax): no boundary check.
    Armoured,
}

/// A check of the secret beyond its pattern.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Check {
    None,
    /// GitHub's, npm's and Vercel's: the last 6 characters are the base62 CRC32 of what lies
    /// between the prefix and them.
    Crc32Base62,
    /// GitHub's installation tokens of 2026, `ghs_<app id>_<JWT>`: the JWT's header decodes.
    GithubStatelessJwt,
    /// A Google Cloud service-account key file, parsed.
    GcpServiceAccount,
    /// `user:password` in a URL, whose password is not a placeholder, a template or the
    /// user's name again.
    UrlPassword,
    /// Bech32's BCH checksum (age keys).
    Bech32,
    /// A JWT whose header decodes to a JSON object with `"alg"`, not a known test vector, and
    /// not a key that is public by design (a Supabase anon key).
    Jwt,
    /// A JWT whose payload is Supabase's with the `service_role` role.
    SupabaseServiceRole,
    /// base64 of `user:password`.
    DockerAuth,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    Cloud,
    CodeAndRegistries,
    CiAndObservability,
    DataAndSaas,
    Ai,
    KeysAndCredentials,
    /// Generic assignments: reported below the known formats.
    Generic,
}

/// Every rule, known formats first, generic assignments last.
pub static RULES: &[Rule] = &rules::TABLE;

/// The rule of a secret format.
pub fn rule(id: SecretId) -> &'static Rule {
    &RULES[id as usize]
}

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
        f.write_str(self.id.as_str())
    }
}
