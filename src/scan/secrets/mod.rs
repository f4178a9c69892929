//! Secrets by content, in every text file and in every recovered source. The rules are a
//! table by provider group (`rules.rs`), in the spirit of gitleaks' rule set (MIT): a keyword
//! pre-filter first (SIMD passes where the CPU has them), then the rule's pattern, then the
//! token's boundaries, placeholders, entropy and, where the format has one, its checksum.
//! Evidence is always redacted. [`assess`] then weighs a hit in its context (a test fixture,
//! a documented test key, a public-by-design key) for the finding's severity.

mod rules;

use std::borrow::Cow;
use std::sync::OnceLock;

use aho_corasick::AhoCorasick;
use base64::Engine as _;
use regex::bytes::Regex;

use crate::finding::{SecretId, Severity};

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
    /// GitHub's and npm's: the last 6 characters are the base62 CRC32 of the 30 after the
    /// prefix.
    Crc32Base62,
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

// --- boundaries -------------------------------------------------------------------------

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

// --- the prefilter ----------------------------------------------------------------------

/// The words an assignment's name must hold for a named or generic rule to look at its
/// value (`DATADOG_API_KEY`, `clientSecret`, `password`), in the spellings used in practice.
const SECRET_WORDS: &[&str] = &[
    "key", "Key", "KEY", "token", "Token", "TOKEN", "secret", "Secret", "SECRET", "passw", "Passw",
    "PASSW",
];

/// The keyword of URL rules (webhooks, credentials in URLs): they are tried around each
/// `://`, not over the whole text, since nearly every file has a URL.
const URL: &str = "://";

/// Bytes that anchor a keyword, rarest in code first: a keyword holding one is found by a
/// `memchr` pass for these bytes and a look at its neighbours, not by Teddy.
const ANCHORS: &[u8; 6] = b"~$-:._";

struct Compiled {
    /// Keywords without an anchor byte: Teddy (or an automaton).
    plain: Keywords,
    /// For each of `plain`'s keywords, its index in `words`.
    plain_ids: Vec<usize>,
    anchored: Anchored,
    /// The distinct keywords, none beginning another (the tests read them).
    #[cfg_attr(not(test), allow(dead_code))]
    words: Vec<String>,
    /// For each keyword, the rules that it lets run over the whole text.
    keyword_rules: Vec<Vec<usize>>,
    /// For each keyword, whether it is one of [`SECRET_WORDS`].
    secret_word: Vec<bool>,
    /// Each rule's regex, compiled the first time the rule has something to look at: most
    /// never do in a package, and compiling all 217 took 14-18 ms of every CLI run.
    regexes: Vec<OnceLock<RuleRegex>>,
    /// Rules tried around each [`URL`].
    windowed: Vec<usize>,
    url_word: usize,
    /// The named rules' names, in lower case, and the rule of each.
    names: AhoCorasick,
    name_rules: Vec<usize>,
}

/// Every keyword in a text. An Aho-Corasick automaton reads one byte at a time (2 ns a byte
/// on the CI machine); Teddy's SIMD search reads 32 at once, but each group is a pass over
/// the text (about 3.5 ms over the 38 MB benchmark) and its false hits grow fast with the
/// number of keywords (499 keywords in groups of 16 took 93 ms). So only the keywords
/// without an anchor byte (40 of them) go to Teddy; the rest are found by [`Anchored`]. The
/// automaton stays where there is no SIMD (the page).
///
/// Teddy's fingerprint is as long as its group's shortest keyword (3 or 4 bytes), so the
/// groups are by kind: the keywords of 3 bytes and the secret words, which are common in
/// code (`key`, `Token`: 35,000 true hits in the benchmark, each a restart of the search),
/// in one; the rare keywords of 4 bytes and more, with a 4-byte fingerprint that turns away
/// far more text, in the other. Measured on the benchmark (min of 4 x 25 rounds): 20.9 ms,
/// against 22.4 ms for 7 + 33 keywords and 22.7 ms for two groups of 20 by length.
enum Keywords {
    Simd(Vec<(aho_corasick::packed::Searcher, Vec<usize>)>),
    Automaton(AhoCorasick),
}

/// Keywords per SIMD search, at most (Teddy takes its 8-bucket kind up to 32).
const GROUP: usize = 24;

impl Keywords {
    fn new(words: &[&str]) -> Keywords {
        let (common, rare): (Vec<usize>, Vec<usize>) =
            (0..words.len()).partition(|&i| words[i].len() < 4 || SECRET_WORDS.contains(&words[i]));
        let groups: Option<Vec<_>> = [common, rare]
            .iter()
            .flat_map(|ids| ids.chunks(GROUP))
            .map(|ids| {
                let searcher = aho_corasick::packed::Searcher::new(ids.iter().map(|&i| words[i]))?;
                Some((searcher, ids.to_vec()))
            })
            .collect();
        match groups {
            Some(groups) if !words.is_empty() => Keywords::Simd(groups),
            _ => Keywords::Automaton(AhoCorasick::new(words).expect("plain strings")),
        }
    }

    /// Calls `found` with the index and position of every keyword found, overlapping ones
    /// included, so that both searches agree.
    fn each(&self, text: &[u8], mut found: impl FnMut(usize, usize)) {
        match self {
            Keywords::Simd(groups) => {
                for (searcher, ids) in groups {
                    // On from the next byte, not the match's end: matches are rare in code,
                    // and no keyword begins another, so none is missed.
                    let mut at = 0;
                    while let Some(m) =
                        searcher.find_in(text, aho_corasick::Span::from(at..text.len()))
                    {
                        found(ids[m.pattern().as_usize()], m.start());
                        at = m.start() + 1;
                    }
                }
            }
            Keywords::Automaton(a) => {
                for m in a.find_overlapping_iter(text) {
                    found(m.pattern().as_usize(), m.start());
                }
            }
        }
    }
}

/// Keywords that hold an anchor byte (`ghp_`, `glpat-`, `hvs.`, `://`, `Q~`): `memchr`
/// finds the anchor bytes (rare in code: `-` is 0.1% of the benchmark's bytes, `_` 1.4%),
/// then the byte before each picks the few keywords that can end there.
struct Anchored {
    /// Per anchor byte (indexed like [`ANCHORS`]), per byte before it: (keyword, offset of
    /// the anchor in the keyword).
    before: Vec<Vec<(usize, usize)>>,
    /// Per anchor byte: keywords that begin with it.
    first: Vec<Vec<usize>>,
    /// Each keyword's bytes, and its first 8 bytes as a number with a mask, for a compare
    /// without a call.
    words: Vec<(Vec<u8>, u64, u64)>,
    /// For each byte, its index in [`ANCHORS`] plus one, or 0.
    class: [u8; 256],
    /// Per anchor byte, the two bytes before it that a keyword of `before` can have, and the
    /// two after it that a keyword of `first` has: 65,536-bit sets (8 KB, a row per class),
    /// checked before anything else, since most anchor bytes in code (`this.`, `__`, `a: b`)
    /// begin or end no keyword.
    pairs_before: Pairs,
    pairs_after: Pairs,
    /// The same, one byte wide and as nibble tables for SIMD (`pshufb`): for class `c`,
    /// `nibbles_before[c][lo]` has bit `hi` set if the byte `hi << 4 | lo` (ASCII) may stand
    /// right before the anchor; `nibbles_after` likewise right after it, for `first`.
    #[cfg_attr(not(target_arch = "x86_64"), allow(dead_code))]
    nibbles_before: Vec<[u8; 16]>,
    #[cfg_attr(not(target_arch = "x86_64"), allow(dead_code))]
    nibbles_after: Vec<[u8; 16]>,
}

fn add_nibble(table: &mut [u8; 16], b: u8) {
    if b < 0x80 {
        table[(b & 15) as usize] |= 1 << (b >> 4);
    }
}

/// A set of byte pairs per anchor class (8 rows, so that a class masked with 7 needs no
/// bounds check in the hot loop).
type Pairs = Box<[[u64; 1024]; 8]>;

fn pairs() -> Pairs {
    Box::new([[0; 1024]; 8])
}

#[inline(always)]
fn has_pair(set: &Pairs, class: usize, a: u8, b: u8) -> bool {
    let bit = (a as usize) << 8 | b as usize;
    set[class & 7][bit >> 6] & (1 << (bit & 63)) != 0
}

fn add_pair(set: &mut Pairs, class: usize, a: u8, b: u8) {
    let bit = (a as usize) << 8 | b as usize;
    set[class][bit >> 6] |= 1 << (bit & 63);
}

/// Up to 8 bytes from `at` as a little-endian number (zeros past the end).
#[inline]
fn head(text: &[u8], at: usize) -> u64 {
    if let Some(b) = text.get(at..at + 8) {
        return u64::from_le_bytes(b.try_into().expect("8 bytes"));
    }
    let mut b = [0u8; 8];
    let n = text.len().saturating_sub(at).min(8);
    b[..n].copy_from_slice(&text[at..at + n]);
    u64::from_le_bytes(b)
}

impl Anchored {
    fn new(words: &[(usize, &str)], all: usize) -> Anchored {
        let mut before = vec![Vec::new(); 256 * ANCHORS.len()];
        let mut first = vec![Vec::new(); ANCHORS.len()];
        let mut bytes = vec![(Vec::new(), 0, 0); all];
        for &(id, w) in words {
            let w = w.as_bytes();
            let n = w.len().min(8);
            let mask = if n == 8 { !0 } else { (1u64 << (8 * n)) - 1 };
            bytes[id] = (w.to_vec(), head(w, 0), mask);
            let (class, off) = anchor_of(w).expect("an anchored keyword");
            if off == 0 {
                first[class].push(id);
            } else {
                before[class * 256 + w[off - 1] as usize].push((id, off));
            }
        }
        let mut class = [0u8; 256];
        for (i, &a) in ANCHORS.iter().enumerate() {
            class[a as usize] = i as u8 + 1;
        }
        let (mut pairs_before, mut pairs_after) = (pairs(), pairs());
        let mut nibbles_before = vec![[0u8; 16]; ANCHORS.len()];
        let mut nibbles_after = vec![[0u8; 16]; ANCHORS.len()];
        for c in 0..ANCHORS.len() {
            for entries in &before[c * 256..(c + 1) * 256] {
                for &(id, off) in entries {
                    let w: &[u8] = &bytes[id].0;
                    // A keyword with one byte before its anchor: any byte before that.
                    let far = if off >= 2 {
                        w[off - 2]..=w[off - 2]
                    } else {
                        0..=255
                    };
                    for a in far {
                        add_pair(&mut pairs_before, c, a, w[off - 1]);
                    }
                    add_nibble(&mut nibbles_before[c], w[off - 1]);
                }
            }
            for &id in &first[c] {
                let w: &[u8] = &bytes[id].0;
                assert!(
                    w.len() >= 3,
                    "a keyword that begins with its anchor has 3 bytes or more"
                );
                add_pair(&mut pairs_after, c, w[1], w[2]);
                add_nibble(&mut nibbles_after[c], w[1]);
            }
        }
        Anchored {
            before,
            first,
            words: bytes,
            class,
            pairs_before,
            pairs_after,
            nibbles_before,
            nibbles_after,
        }
    }

    #[inline]
    fn at(&self, text: &[u8], id: usize, start: usize) -> bool {
        let (word, h, mask) = &self.words[id];
        start + word.len() <= text.len()
            && (head(text, start) ^ h) & mask == 0
            && (word.len() <= 8 || text[start + 8..start + word.len()] == word[8..])
    }

    /// The keywords that hold the anchor byte at `p`.
    #[inline(always)]
    fn look(&self, text: &[u8], p: usize, found: &mut impl FnMut(usize, usize)) {
        let class = self.class[text[p] as usize] as usize - 1;
        let far = if p >= 2 { text[p - 2] } else { 0 };
        let before = p > 0 && (p < 2 || has_pair(&self.pairs_before, class, far, text[p - 1]));
        let after =
            p + 2 < text.len() && has_pair(&self.pairs_after, class, text[p + 1], text[p + 2]);
        self.look_sides(text, p, class, before, after, found);
    }

    /// The keywords that hold the anchor byte at `p` (of `class`), given whether the bytes
    /// `before` it (then p > 0) and `after` it can be a keyword's.
    #[inline(always)]
    fn look_sides(
        &self,
        text: &[u8],
        p: usize,
        class: usize,
        before: bool,
        after: bool,
        found: &mut impl FnMut(usize, usize),
    ) {
        if before {
            for &(id, off) in &self.before[class * 256 + text[p - 1] as usize] {
                if p >= off && self.at(text, id, p - off) {
                    found(id, p - off);
                }
            }
        }
        if after {
            for &id in &self.first[class] {
                if self.at(text, id, p) {
                    found(id, p);
                }
            }
        }
    }

    fn each(&self, text: &[u8], mut found: impl FnMut(usize, usize)) {
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: AVX2 is there.
            unsafe { self.each_avx2(text, &mut found) };
            return;
        }
        for p in memchr::memchr3_iter(b'~', b'$', b'-', text) {
            self.look(text, p, &mut found);
        }
        for p in memchr::memchr3_iter(b':', b'.', b'_', text) {
            self.look(text, p, &mut found);
        }
    }

    /// Looks at the anchor bytes at `i` plus the bits of `mask`. Most are turned away by the
    /// neighbour pairs alone; the rest are kept in `near` (with a bit for each side that can
    /// be a keyword's) without a branch, and looked at after.
    ///
    /// # Safety
    ///
    /// 2 <= i and i + 2 + (the highest bit of `mask`) < text.len().
    #[cfg(target_arch = "x86_64")]
    #[inline(always)]
    unsafe fn sift(
        &self,
        text: &[u8],
        mut mask: u64,
        i: usize,
        near: &mut [usize; 64],
        found: &mut impl FnMut(usize, usize),
    ) {
        let mut n = 0;
        while mask != 0 {
            let p = i + mask.trailing_zeros() as usize;
            mask &= mask - 1;
            // SAFETY: 2 <= i <= p and p + 2 < text.len(), by the caller.
            let (b2, b1, c, a1, a2) = unsafe {
                (
                    *text.get_unchecked(p - 2),
                    *text.get_unchecked(p - 1),
                    *text.get_unchecked(p),
                    *text.get_unchecked(p + 1),
                    *text.get_unchecked(p + 2),
                )
            };
            let class = self.class[c as usize] as usize - 1;
            let before = has_pair(&self.pairs_before, class, b2, b1) as usize;
            let after = has_pair(&self.pairs_after, class, a1, a2) as usize;
            near[n & 63] = p << 2 | before << 1 | after;
            n += ((before | after) != 0) as usize;
        }
        for &kept in &near[..n] {
            let p = kept >> 2;
            let class = self.class[text[p] as usize] as usize - 1;
            self.look_sides(text, p, class, kept & 2 != 0, kept & 1 != 0, found);
        }
    }

    /// One pass for all six anchor bytes, 64 bytes at a time: in code they are dense
    /// enough (one byte in 35) that `memchr3`'s restart after each costs more than the
    /// search.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    unsafe fn each_avx2(&self, text: &[u8], found: &mut impl FnMut(usize, usize)) {
        use std::arch::x86_64::*;
        let splat = |b: u8| _mm256_set1_epi8(b as i8);
        let a = (*ANCHORS).map(splat);
        // Bit `hi` of a nibble table's row (see `nibbles_before`), lane by lane.
        let bit = _mm256_setr_epi8(
            1, 2, 4, 8, 16, 32, 64, -128, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 4, 8, 16, 32, 64, -128, 0,
            0, 0, 0, 0, 0, 0, 0,
        );
        let low = _mm256_set1_epi8(0x0f);
        let zero = _mm256_setzero_si256();
        let table = |t: &[u8; 16]| {
            // SAFETY: 16 bytes.
            let t = unsafe { _mm_loadu_si128(t.as_ptr().cast()) };
            _mm256_broadcastsi128_si256(t)
        };
        // A vector's low nibbles, and the bit its high nibble picks in a nibble table's row.
        let nibbles = |v: __m256i| {
            let hi = _mm256_and_si256(_mm256_srli_epi16(v, 4), low);
            (_mm256_and_si256(v, low), _mm256_shuffle_epi8(bit, hi))
        };
        // 0xff where the byte is not in the set.
        let outside = |(lo, bit): (__m256i, __m256i), set: __m256i| {
            _mm256_cmpeq_epi8(_mm256_and_si256(_mm256_shuffle_epi8(set, lo), bit), zero)
        };
        // The dense anchors `:` and `.` are kept only next to a byte a keyword has there
        // (this turns away 92% and 70% of them on the benchmark's code).
        let dense = [
            (
                a[3],
                table(&self.nibbles_before[3]),
                table(&self.nibbles_after[3]),
            ),
            (
                a[4],
                table(&self.nibbles_before[4]),
                table(&self.nibbles_after[4]),
            ),
        ];
        // The anchor bytes of the 32 at `i` worth a look, as bits.
        let block = |i: usize| -> u32 {
            // SAFETY: the callers keep 1 <= i and i + 33 <= text.len().
            let (prev, v, next) = unsafe {
                let at = text.as_ptr().add(i);
                (
                    _mm256_loadu_si256(at.sub(1).cast()),
                    _mm256_loadu_si256(at.cast()),
                    _mm256_loadu_si256(at.add(1).cast()),
                )
            };
            // `_` is let through: in code it mostly follows a letter, as in keywords.
            let mut eq = _mm256_or_si256(
                _mm256_or_si256(_mm256_cmpeq_epi8(v, a[0]), _mm256_cmpeq_epi8(v, a[1])),
                _mm256_or_si256(_mm256_cmpeq_epi8(v, a[2]), _mm256_cmpeq_epi8(v, a[5])),
            );
            let (before, after) = (nibbles(prev), nibbles(next));
            for (anchor, before_set, after_set) in dense {
                let alone =
                    _mm256_and_si256(outside(before, before_set), outside(after, after_set));
                eq = _mm256_or_si256(eq, _mm256_andnot_si256(alone, _mm256_cmpeq_epi8(v, anchor)));
            }
            _mm256_movemask_epi8(eq) as u32
        };
        let mut i = 2.min(text.len());
        for p in 0..i {
            if self.class[text[p] as usize] != 0 {
                self.look(text, p, found);
            }
        }
        let mut near = [0; 64];
        while i + 66 <= text.len() {
            let mask = block(i) as u64 | (block(i + 32) as u64) << 32;
            if mask != 0 {
                // SAFETY: 2 <= i and i + 66 <= text.len().
                unsafe { self.sift(text, mask, i, &mut near, found) };
            }
            i += 64;
        }
        while i + 34 <= text.len() {
            let mask = block(i) as u64;
            if mask != 0 {
                // SAFETY: 2 <= i and i + 34 <= text.len().
                unsafe { self.sift(text, mask, i, &mut near, found) };
            }
            i += 32;
        }
        for p in i..text.len() {
            if self.class[text[p] as usize] != 0 {
                self.look(text, p, found);
            }
        }
    }
}

/// The anchor byte a keyword is found by (index in [`ANCHORS`]) and its offset: the rarest
/// anchor byte it holds, at an offset of at least 1 where it can.
fn anchor_of(word: &[u8]) -> Option<(usize, usize)> {
    ANCHORS.iter().enumerate().find_map(|(class, &a)| {
        let at: Vec<usize> = (0..word.len()).filter(|&i| word[i] == a).collect();
        at.iter()
            .find(|&&i| i > 0)
            .or(at.first())
            .map(|&i| (class, i))
    })
}

/// The keywords a rule lists (named rules list none: they look at assignments).
fn keywords_of(rule: &Rule) -> Vec<String> {
    rule.keywords.iter().map(|k| k.to_string()).collect()
}

/// The regex a rule runs over the whole text, or for a named rule over a value.
fn pattern_of(rule: &Rule) -> String {
    let body = match rule.shape {
        Shape::Named(_) => format!("^(?:{})", rule.pattern),
        _ => rule.pattern.to_string(),
    };
    // ASCII classes: secrets are ASCII, and Unicode tables would add hundreds of KB to the
    // page.
    format!("(?-u){body}")
}

/// A rule whose regex runs over the whole text (not an assignment's value, not a URL rule).
fn whole_text(rule: &Rule) -> bool {
    !matches!(rule.shape, Shape::Named(_)) && rule.group != Group::Generic && rule.keywords != [URL]
}

/// Whether every match of `rule`'s pattern begins with one of its keywords, with no
/// assertion anywhere (which could look before the keyword) and a longest match (so that a
/// try at a keyword reads a bounded stretch: an unbounded pattern, such as a JWT's, tried at
/// each `eyJ` of a long run of them would read the rest of the run each time). Then the
/// pattern, anchored, can be tried at each keyword alone, and finds what it would over the
/// whole text. Of the 149 rules that read the whole text, 112 are such; the others (a keyword
/// inside the token, an assertion, a class before the keyword, no bound) still search all
/// of it. This took the regexes' share of the benchmark from about 2.5 ms to under 1.
fn begins_with_keyword(rule: &Rule) -> bool {
    use regex_syntax::hir::literal::{ExtractKind, Extractor};
    let Ok(hir) = regex_syntax::ParserBuilder::new()
        .utf8(false)
        .build()
        .parse(&pattern_of(rule))
    else {
        return false;
    };
    let prefixes = Extractor::new().kind(ExtractKind::Prefix).extract(&hir);
    let from_keyword = |l: &[u8]| rule.keywords.iter().any(|k| l.starts_with(k.as_bytes()));
    hir.properties().look_set().is_empty()
        && hir.properties().maximum_len().is_some()
        && prefixes
            .literals()
            .is_some_and(|ls| !ls.is_empty() && ls.iter().all(|l| from_keyword(l.as_bytes())))
}

fn compiled() -> &'static Compiled {
    static COMPILED: OnceLock<Compiled> = OnceLock::new();
    COMPILED.get_or_init(|| {
        // Each rule's keywords; a keyword that another begins is replaced by the shorter
        // (wherever the longer is, the shorter is too), so that no keyword begins another.
        let mut per_rule: Vec<Vec<String>> = RULES.iter().map(keywords_of).collect();
        per_rule.push(SECRET_WORDS.iter().map(|w| w.to_string()).collect());
        let mut all: Vec<&str> = per_rule.iter().flatten().map(String::as_str).collect();
        all.sort_unstable();
        all.dedup();
        let shortest = |k: &str| -> String {
            all.iter()
                .filter(|w| k.starts_with(**w))
                .min_by_key(|w| w.len())
                .map_or_else(|| k.to_string(), |w| w.to_string())
        };
        let mut words: Vec<String> = Vec::new();
        let mut keyword_rules: Vec<Vec<usize>> = Vec::new();
        for (i, ks) in per_rule.iter().enumerate() {
            for k in ks {
                let k = shortest(k);
                let at = match words.iter().position(|w| *w == k) {
                    Some(at) => at,
                    None => {
                        words.push(k);
                        keyword_rules.push(Vec::new());
                        words.len() - 1
                    }
                };
                if RULES.get(i).is_some_and(whole_text) && !keyword_rules[at].contains(&i) {
                    keyword_rules[at].push(i);
                }
            }
        }
        let secret_word = words
            .iter()
            .map(|w| SECRET_WORDS.contains(&w.as_str()))
            .collect();
        let (mut plain, mut anchored) = (Vec::new(), Vec::new());
        for (i, w) in words.iter().enumerate() {
            if anchor_of(w.as_bytes()).is_some() {
                anchored.push((i, w.as_str()));
            } else {
                plain.push(i);
            }
        }
        let plain_words: Vec<&str> = plain.iter().map(|&i| words[i].as_str()).collect();
        let (mut names, mut name_rules) = (Vec::new(), Vec::new());
        for (i, r) in RULES.iter().enumerate() {
            if let Shape::Named(n) = r.shape {
                for name in n.split('|') {
                    names.push(name.to_ascii_lowercase());
                    name_rules.push(i);
                }
            }
        }
        let windowed = (0..RULES.len())
            .filter(|&i| RULES[i].keywords == [URL])
            .collect();
        let url_word = words.iter().position(|w| w == URL).expect("a URL rule");
        Compiled {
            windowed,
            url_word,
            plain: Keywords::new(&plain_words),
            plain_ids: plain,
            anchored: Anchored::new(&anchored, words.len()),
            keyword_rules,
            secret_word,
            regexes: RULES.iter().map(|_| OnceLock::new()).collect(),
            names: AhoCorasick::builder()
                .match_kind(aho_corasick::MatchKind::Standard)
                .build(&names)
                .expect("plain strings"),
            name_rules,
            words,
        }
    })
}

/// A rule's regex: over the whole text, or for a named rule at an assignment's value
/// (anchored); and, for a rule whose matches begin with a keyword, anchored for a try at
/// each keyword (see [`begins_with_keyword`]).
struct RuleRegex {
    re: Regex,
    at_keyword: Option<Regex>,
}

impl Compiled {
    fn regex(&self, i: usize) -> &RuleRegex {
        self.regexes[i].get_or_init(|| {
            let rule = &RULES[i];
            let regex = |pattern: &str| {
                Regex::new(pattern).unwrap_or_else(|e| panic!("rule {}: {e}", rule.id))
            };
            let pattern = pattern_of(rule);
            RuleRegex {
                re: regex(&pattern),
                at_keyword: (whole_text(rule) && begins_with_keyword(rule))
                    .then(|| regex(&format!("^(?:{pattern})"))),
            }
        })
    }
}

/// Calls `found` with every keyword (index in `Compiled::words`) and where it is.
fn each_keyword(c: &Compiled, text: &[u8], mut found: impl FnMut(usize, usize)) {
    c.plain.each(text, |i, at| found(c.plain_ids[i], at));
    c.anchored.each(text, &mut found);
}

// --- finding ----------------------------------------------------------------------------

/// Finds every secret in `text`. Binary data is the caller's to skip. Where two rules match
/// overlapping text, the longer hit is kept (a webhook URL over the key inside it), and of
/// two on the same text, the rule earlier in [`RULES`] (a known format over a generic one).
pub fn find(text: &[u8]) -> Vec<Hit> {
    let c = compiled();
    let mut words_at: Vec<usize> = Vec::new();
    let mut urls_at: Vec<usize> = Vec::new();
    // The whole-text rules that a keyword lets run: where the keyword is, for a rule tried at
    // its keywords, up to MOST_STARTS of them; the others (and any past that) over the text.
    let mut starts: Vec<(usize, usize)> = Vec::new();
    let mut tries = vec![0usize; RULES.len()];
    let mut whole = vec![false; RULES.len()];
    each_keyword(c, text, |keyword, at| {
        for &rule in &c.keyword_rules[keyword] {
            if whole[rule] {
                continue;
            }
            if c.regex(rule).at_keyword.is_none() || tries[rule] == MOST_STARTS {
                whole[rule] = true;
                continue;
            }
            tries[rule] += 1;
            starts.push((rule, at));
        }
        if c.secret_word[keyword] {
            words_at.push(at);
        } else if keyword == c.url_word {
            urls_at.push(at);
        }
    });
    let mut hits: Vec<(usize, Hit)> = Vec::new();
    starts.sort_unstable();
    starts.dedup();
    for group in starts
        .chunk_by(|a, b| a.0 == b.0)
        .filter(|g| !whole[g[0].0])
    {
        let at: Vec<usize> = group.iter().map(|g| g.1).collect();
        let anchored = c
            .regex(group[0].0)
            .at_keyword
            .as_ref()
            .expect("tried at keywords");
        rule_hits(group[0].0, anchored, text, Some(&at), &mut hits);
    }
    for rule in (0..RULES.len()).filter(|&i| whole[i]) {
        rule_hits(rule, &c.regex(rule).re, text, None, &mut hits);
    }
    if !words_at.is_empty() {
        words_at.sort_unstable();
        assignments(c, text, &words_at, &mut hits);
    }
    url_hits(c, text, &urls_at, &mut hits);
    settle(text, hits)
}

/// Keyword places kept per rule and text: past this many, the rule searches the whole text
/// in one pass instead (a hostile file of `npm_npm_…` would otherwise keep 16 bytes a place,
/// and try the regex at each).
const MOST_STARTS: usize = 4096;

/// Rule `i`'s hits in `text`: its regex over the whole text, or, given `starts` (where the
/// keywords that its matches begin with are, in order), its anchored regex at each of those,
/// which finds the same matches with no search in between.
fn rule_hits(
    i: usize,
    re: &Regex,
    text: &[u8],
    starts: Option<&[usize]>,
    hits: &mut Vec<(usize, Hit)>,
) {
    let rule = &RULES[i];
    // The first match from `from`, as (whole, secret).
    let next = |from: usize| match starts {
        None => re.captures_at(text, from).map(|caps| {
            (
                caps.get(0).expect("group 0").range(),
                caps.get(1).map(|m| m.range()),
            )
        }),
        Some(at) => at[at.partition_point(|&k| k < from)..]
            .iter()
            .find_map(|&k| {
                let caps = re.captures(&text[k..])?;
                let moved = |m: regex::bytes::Match| k + m.start()..k + m.end();
                Some((moved(caps.get(0).expect("group 0")), caps.get(1).map(moved)))
            }),
    };
    let mut from = 0;
    while from <= text.len() {
        let Some((whole, secret)) = next(from) else {
            break;
        };
        let m = secret.unwrap_or(whole.clone());
        from = whole.end.max(whole.start + 1);
        let edges = match rule.shape {
            Shape::Token => Some(whole.clone()),
            Shape::Named(_) | Shape::Context => Some(m.clone()),
            Shape::Armoured => None,
        };
        if let Some(edges) = edges
            && !bounded(text, edges.start, edges.end)
        {
            // Not a token here; one may still start inside this match.
            from = whole.start + 1;
            continue;
        }
        if plausible(rule, &text[m.clone()]) {
            hits.push((i, hit(rule, text, m)));
        }
    }
}

/// The URL rules' hits around each `://` (at `urls_at`): the scheme before, the rest of the
/// URL after. They need a password before the host or a webhook's host, so most URLs need
/// no regex at all.
fn url_hits(c: &Compiled, text: &[u8], urls_at: &[usize], hits: &mut Vec<(usize, Hit)>) {
    for &p in urls_at {
        let from = p.saturating_sub(40);
        let end = text[p..(p + 600).min(text.len())]
            .iter()
            .position(|&b| {
                b.is_ascii_whitespace() || matches!(b, b'"' | b'\'' | b'`' | b'<' | b'>')
            })
            .map_or((p + 600).min(text.len()), |n| p + n);
        let authority = &text[p + 3..end];
        let authority = &authority[..memchr::memchr(b'/', authority).unwrap_or(authority.len())];
        // The host without its port: a webhook's host ends in one of these.
        let host = &authority[..memchr::memrchr(b':', authority).unwrap_or(authority.len())];
        let webhook = [
            b"slack.com".as_slice(),
            b"discord.com",
            b"discordapp.com",
            b"office.com",
            b"azure.com",
            b"googleapis.com",
            b"zapier.com",
        ]
        .iter()
        .any(|h| host.ends_with(h));
        if !webhook && memchr::memchr(b'@', authority).is_none() {
            continue;
        }
        let window = &text[from..end];
        for &i in &c.windowed {
            let re = &c.regex(i).re;
            for caps in re.captures_iter(window) {
                let whole = caps.get(0).expect("group 0");
                if !(whole.start() <= p - from && p - from < whole.end()) {
                    continue; // another URL's
                }
                let m = caps.get(1).unwrap_or(whole);
                let range = from + m.start()..from + m.end();
                if plausible(&RULES[i], &text[range.clone()]) {
                    hits.push((i, hit(&RULES[i], text, range)));
                }
            }
        }
    }
}

/// Overlaps resolved (the hit that holds the other wins, then the earlier rule), in text
/// order, with their lines.
fn settle(text: &[u8], mut hits: Vec<(usize, Hit)>) -> Vec<Hit> {
    hits.sort_by_key(|(i, h)| (std::cmp::Reverse(h.range.len()), *i, h.range.start));
    let mut kept: Vec<Hit> = Vec::with_capacity(hits.len());
    for (_, hit) in hits {
        if !kept
            .iter()
            .any(|k| k.range.start < hit.range.end && hit.range.start < k.range.end)
        {
            kept.push(hit);
        }
    }
    let mut hits = kept;
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

fn hit(rule: &'static Rule, text: &[u8], range: std::ops::Range<usize>) -> Hit {
    Hit {
        rule,
        line: 0,
        redacted: redact(&text[range.clone()]),
        range,
    }
}

fn name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-')
}

/// Named and generic rules, at each assignment whose name holds a secret word (`at`: where
/// the words are, in order): `NAME <op> VALUE` with `:=`, `=>`, `?=`, `=` or `:`, quotes and
/// escaped quotes allowed around both. A named rule whose name is in NAME checks VALUE
/// against its pattern; failing those, a generic rule checks a quoted VALUE.
fn assignments(c: &Compiled, text: &[u8], at: &[usize], hits: &mut Vec<(usize, Hit)>) {
    let mut done = 0;
    for &p in at {
        if p < done {
            continue; // in a name already looked at
        }
        let mut start = p;
        while start > 0 && p - start < 80 && name_byte(text[start - 1]) {
            start -= 1;
        }
        let mut end = p;
        while end < text.len() && end - p < 80 && name_byte(text[end]) {
            end += 1;
        }
        done = end;
        // The operator.
        let mut j = end;
        let skip = |j: &mut usize, what: &dyn Fn(u8) -> bool, most: usize| {
            let mut n = 0;
            while *j < text.len() && n < most && what(text[*j]) {
                *j += 1;
                n += 1;
            }
        };
        skip(&mut j, &|b| b == b'\\', 1);
        skip(&mut j, &|b| b == b'"' || b == b'\'', 1);
        skip(&mut j, &|b| b == b' ' || b == b'\t', 3);
        let rest = &text[j..];
        let op = if rest.starts_with(b":=") || rest.starts_with(b"=>") || rest.starts_with(b"?=") {
            2
        } else if rest.starts_with(b"=") || rest.starts_with(b":") {
            1
        } else {
            continue;
        };
        j += op;
        skip(&mut j, &|b| b == b' ' || b == b'\t', 3);
        skip(&mut j, &|b| b == b'\\', 1);
        let quoted = j < text.len() && matches!(text[j], b'"' | b'\'' | b'`');
        if quoted {
            j += 1;
        }
        if j >= text.len() {
            continue;
        }
        let value = j;
        let window = &text[value..(value + 1300).min(text.len())];
        let name = text[start..end].to_ascii_lowercase();
        // Named rules, earliest first.
        let mut named: Vec<usize> = c
            .names
            .find_overlapping_iter(&name)
            .map(|m| c.name_rules[m.pattern().as_usize()])
            .collect();
        named.sort_unstable();
        named.dedup();
        let mut found = false;
        for i in named {
            let rule = &RULES[i];
            let Some(m) = c.regex(i).re.find(window) else {
                continue;
            };
            let range = value..value + m.end();
            if bounded(text, range.start, range.end) && plausible(rule, &text[range.clone()]) {
                hits.push((i, hit(rule, text, range)));
                found = true;
                break;
            }
        }
        if found || !quoted {
            continue;
        }
        // Generic rules: their pattern from the name on.
        let from = &text[start..(value + 300).min(text.len())];
        for (i, rule) in RULES
            .iter()
            .enumerate()
            .filter(|(_, r)| r.group == Group::Generic)
        {
            let re = &c.regex(i).re;
            let Some(caps) = re.captures(from) else {
                continue;
            };
            let (Some(whole), Some(m)) = (caps.get(0), caps.get(1)) else {
                continue;
            };
            if whole.start() >= end - start {
                continue; // the word is not in this name
            }
            let range = start + m.start()..start + m.end();
            if bounded(text, range.start, range.end) && plausible(rule, &text[range.clone()]) {
                hits.push((i, hit(rule, text, range)));
                break;
            }
        }
    }
}

fn plausible(rule: &Rule, secret: &[u8]) -> bool {
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
fn generic_value(v: &[u8]) -> bool {
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

fn checked(check: Check, secret: &[u8]) -> bool {
    match check {
        Check::None => true,
        Check::Crc32Base62 => {
            // prefix_ + 30 + 6
            let Some(us) = secret.iter().position(|&b| b == b'_') else {
                return false;
            };
            let body = &secret[us + 1..];
            body.len() == 36 && base62_crc(&body[..30]).as_bytes() == &body[30..]
        }
        Check::Bech32 => bech32_valid(secret),
        Check::Jwt => match jwt_parts(secret) {
            Some((header, payload)) => {
                header.contains("\"alg\"")
                    // A Supabase anon key is public by design; its service_role key has its
                    // own rule.
                    && !(payload.contains("supabase") && payload.contains("\"anon\""))
            }
            None => false,
        },
        Check::SupabaseServiceRole => jwt_parts(secret).is_some_and(|(header, payload)| {
            header.contains("\"alg\"")
                && payload.contains("supabase")
                && payload.contains("\"service_role\"")
        }),
        Check::DockerAuth => base64::engine::general_purpose::STANDARD
            .decode(secret)
            .ok()
            .and_then(|d| {
                let colon = d.iter().position(|&b| b == b':')?;
                Some(colon > 0 && colon + 1 < d.len() && d.iter().all(|b| b.is_ascii_graphic()))
            })
            .unwrap_or(false),
    }
}

/// A JWT's header and payload as text (lossy), if the header decodes to a JSON object.
fn jwt_parts(token: &[u8]) -> Option<(String, String)> {
    let mut parts = token.split(|&b| b == b'.');
    let decode = |p: &[u8]| {
        base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(p.strip_suffix(b"=").unwrap_or(p))
            .ok()
    };
    let header = decode(parts.next()?)?;
    if !header.starts_with(b"{") {
        return None;
    }
    let payload = parts.next()?;
    // The payload may be cut (a template, a partial copy): decode what whole groups there are.
    let whole = &payload[..payload.len() / 4 * 4];
    let payload = decode(whole).unwrap_or_default();
    Some((
        String::from_utf8_lossy(&header).into_owned(),
        String::from_utf8_lossy(&payload).into_owned(),
    ))
}

const BASE62: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// The CRC32 (IEEE) of `data` in base62, six characters padded with `0`, as GitHub's and
/// npm's tokens end.
fn base62_crc(data: &[u8]) -> String {
    let mut crc = !0u32;
    for &b in data {
        crc ^= b as u32;
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    let mut n = u64::from(!crc);
    let mut out = [b'0'; 6];
    for slot in out.iter_mut().rev() {
        *slot = BASE62[(n % 62) as usize];
        n /= 62;
    }
    String::from_utf8(out.to_vec()).expect("ASCII")
}

const BECH32: &[u8; 32] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";

fn bech32_polymod(values: impl IntoIterator<Item = u8>) -> u32 {
    const GEN: [u32; 5] = [
        0x3b6a_57b2,
        0x2650_8e6d,
        0x1ea1_19fa,
        0x3d42_33dd,
        0x2a14_62b3,
    ];
    let mut chk = 1u32;
    for v in values {
        let top = chk >> 25;
        chk = ((chk & 0x1ff_ffff) << 5) ^ u32::from(v);
        for (i, g) in GEN.iter().enumerate() {
            if (top >> i) & 1 == 1 {
                chk ^= g;
            }
        }
    }
    chk
}

fn hrp_expand(hrp: &[u8]) -> Vec<u8> {
    let mut v: Vec<u8> = hrp.iter().map(|b| b >> 5).collect();
    v.push(0);
    v.extend(hrp.iter().map(|b| b & 31));
    v
}

/// A Bech32 string (BIP 173) whose checksum holds, in either case.
fn bech32_valid(s: &[u8]) -> bool {
    let lower = s.to_ascii_lowercase();
    let Some(sep) = lower.iter().rposition(|&b| b == b'1') else {
        return false;
    };
    let (hrp, data) = (&lower[..sep], &lower[sep + 1..]);
    let Some(values) = data
        .iter()
        .map(|c| BECH32.iter().position(|b| b == c).map(|p| p as u8))
        .collect::<Option<Vec<u8>>>()
    else {
        return false;
    };
    data.len() >= 6 && bech32_polymod(hrp_expand(hrp).into_iter().chain(values)) == 1
}

/// The six checksum characters that end a Bech32 string of `hrp` and `data` (in the Bech32
/// alphabet, lower case).
fn bech32_checksum(hrp: &[u8], data: &[u8]) -> String {
    let values: Vec<u8> = data
        .iter()
        .map(|c| BECH32.iter().position(|b| b == c).unwrap_or(0) as u8)
        .collect();
    let pm = bech32_polymod(hrp_expand(hrp).into_iter().chain(values).chain([0u8; 6])) ^ 1;
    (0..6)
        .map(|i| BECH32[((pm >> (5 * (5 - i))) & 31) as usize] as char)
        .collect()
}

// --- context ----------------------------------------------------------------------------

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
        // The body, with line breaks (real or escaped in a string) taken out.
        let mut body = Vec::with_capacity(e);
        let mut i = 0;
        while i < e {
            let c = rest[i];
            if c == b'\\' && i + 1 < e && matches!(rest[i + 1], b'n' | b'r') {
                i += 2;
                continue;
            }
            if c.is_ascii_alphanumeric() || c == b'+' || c == b'/' || c == b'=' {
                body.push(c);
            }
            i += 1;
        }
        if let Ok(der) = base64::engine::general_purpose::STANDARD.decode(&body)
            && self_signed_der(&der)
        {
            return true;
        }
        rest = &rest[e..];
    }
    false
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
    host == "localhost"
        || host.starts_with("127.")
        || host == "0.0.0.0"
        || host == "host.docker.internal"
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

// --- showing ----------------------------------------------------------------------------

/// `text` with every secret replaced by `•`, for showing a file without handing its
/// secrets to whoever looks at the screen.
pub fn mask(text: &str) -> Cow<'_, str> {
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
    if first_line.starts_with("-----BEGIN") || first_line.starts_with("PuTTY-User-Key-File") {
        return format!("{first_line} … (key material hidden)");
    }
    let shown: String = text
        .chars()
        .take(if text.len() > 16 { 6 } else { 3 })
        .collect();
    format!("{shown}… ({} characters)", text.chars().count())
}

// --- samples ----------------------------------------------------------------------------

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

#[cfg(test)]
mod tests;
