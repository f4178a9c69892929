//! The keyword prefilter: where in a text each rule has something to look at. Keywords
//! without an anchor byte go to Teddy (SIMD) or an automaton; those with one (`ghp_`,
//! `glpat-`, `://`) are found by their anchor byte and its neighbours.

#[cfg(any(
    target_arch = "x86_64",
    all(target_arch = "wasm32", target_feature = "simd128")
))]
#[allow(unsafe_code)]
mod simd;
pub(super) mod teddy;

use std::sync::OnceLock;

use aho_corasick::AhoCorasick;
use regex::bytes::Regex;

use super::model::{Group, RULES, Rule, Shape};

/// The words an assignment's name must hold for a named or generic rule to look at its
/// value (`DATADOG_API_KEY`, `clientSecret`, `password`), in the spellings used in practice.
const SECRET_WORDS: &[&str] = &[
    "key", "Key", "KEY", "token", "Token", "TOKEN", "secret", "Secret", "SECRET", "passw", "Passw",
    "PASSW",
];

/// The keyword of URL rules (webhooks, credentials in URLs): they are tried around each
/// `://`, not over the whole text, since nearly every file has a URL.
pub(super) const URL: &str = "://";

/// Bytes that anchor a keyword, rarest in code first: a keyword holding one is found by a
/// `memchr` pass for these bytes and a look at its neighbours, not by Teddy.
pub(super) const ANCHORS: &[u8; 6] = b"~$-:._";

pub(super) struct Compiled {
    /// Keywords without an anchor byte: Teddy (or an automaton).
    pub(super) plain: Keywords,
    /// For each of `plain`'s keywords, its index in `words`.
    pub(super) plain_ids: Vec<usize>,
    pub(super) anchored: Anchored,
    /// The distinct keywords, none beginning another (the tests read them).
    #[cfg_attr(not(test), allow(dead_code))]
    pub(super) words: Vec<String>,
    /// For each keyword, the rules that it lets run over the whole text.
    pub(super) keyword_rules: Vec<Vec<usize>>,
    /// For each keyword, whether it is one of [`SECRET_WORDS`].
    pub(super) secret_word: Vec<bool>,
    /// Each rule's regex, compiled the first time the rule has something to look at: most
    /// never do in a package, and compiling them all was a good part of a small CLI run.
    pub(super) regexes: Vec<OnceLock<RuleRegex>>,
    /// Rules tried around each [`URL`].
    pub(super) windowed: Vec<usize>,
    pub(super) url_word: usize,
    /// The named rules' names, in lower case, and the rule of each.
    pub(super) names: AhoCorasick,
    pub(super) name_rules: Vec<usize>,
}

/// Every keyword in a text. An Aho-Corasick automaton reads one byte at a time; Teddy's
/// SIMD search reads 32 at once, but each group is a pass over the text and its false hits
/// grow fast with the number of keywords. So only the keywords without an anchor byte go to
/// Teddy; the rest are found by [`Anchored`]. The automaton stays where there is no SIMD
/// (the page).
///
/// Teddy's fingerprint is as long as its group's shortest keyword (3 or 4 bytes), so the
/// groups are by kind: the keywords of 3 bytes and the secret words, which are common in
/// code (`key`, `Token`, each hit a restart of the search), in one; the rare keywords of 4
/// bytes and more, with a 4-byte fingerprint that turns away far more text, in the other.
/// This grouping was the fastest of those measured with `bench/secrets.sh` (README,
/// Benchmarks). Where the crate has no SIMD search (WebAssembly, the page), our own
/// [`teddy::Teddy`] does it in one pass.
pub(super) enum Keywords {
    Simd(Vec<(aho_corasick::packed::Searcher, Vec<usize>)>),
    Teddy(Vec<(teddy::Teddy, Vec<usize>)>),
    Automaton(AhoCorasick),
}

/// Keywords per SIMD search, at most (Teddy takes its 8-bucket kind up to 32).
const GROUP: usize = 24;

/// The keywords of 3 bytes and the secret words, common in code; and the rest.
fn groups(words: &[&str]) -> [Vec<usize>; 2] {
    let (common, rare) =
        (0..words.len()).partition(|&i| words[i].len() < 4 || SECRET_WORDS.contains(&words[i]));
    [common, rare]
}

impl Keywords {
    pub(super) fn new(words: &[&str]) -> Keywords {
        if words.is_empty() {
            return Keywords::Automaton(AhoCorasick::new(words).expect("plain strings"));
        }
        let groups = groups(words);
        let packed: Option<Vec<_>> = groups
            .iter()
            .flat_map(|ids| ids.chunks(GROUP))
            .map(|ids| {
                let searcher = aho_corasick::packed::Searcher::new(ids.iter().map(|&i| words[i]))?;
                Some((searcher, ids.to_vec()))
            })
            .collect();
        match packed {
            Some(groups) => Keywords::Simd(groups),
            None => Keywords::teddy(words).unwrap_or_else(|| {
                Keywords::Automaton(AhoCorasick::new(words).expect("plain strings"))
            }),
        }
    }

    /// Our own Teddy, by the same groups, each with a fingerprint as long as its shortest
    /// keyword (3 or 4 bytes).
    pub(super) fn teddy(words: &[&str]) -> Option<Keywords> {
        let groups = groups(words)
            .into_iter()
            .filter(|ids| !ids.is_empty())
            .map(|ids| {
                let group: Vec<&str> = ids.iter().map(|&i| words[i]).collect();
                let shortest = group.iter().map(|w| w.len()).min()?.min(4);
                Some((teddy::Teddy::new(&group, shortest)?, ids))
            })
            .collect::<Option<Vec<_>>>()?;
        Some(Keywords::Teddy(groups))
    }

    /// Calls `found` with the index and position of every keyword found, overlapping ones
    /// included, so that both searches agree.
    pub(super) fn each(&self, text: &[u8], mut found: impl FnMut(usize, usize)) {
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
            Keywords::Teddy(groups) => {
                for (teddy, ids) in groups {
                    teddy.each(text, |i, at| found(ids[i], at));
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
/// finds the anchor bytes (rare in code), then the byte before each picks the few keywords
/// that can end there.
pub(super) struct Anchored {
    /// Per anchor byte (indexed like [`ANCHORS`]), per byte before it: (keyword, offset of
    /// the anchor in the keyword).
    before: Vec<Vec<(usize, usize)>>,
    /// Per anchor byte: keywords that begin with it.
    first: Vec<Vec<usize>>,
    /// Each keyword's bytes, and its first 8 bytes as a number with a mask, for a compare
    /// without a call.
    words: Vec<(Vec<u8>, u64, u64)>,
    /// For each byte, its index in [`ANCHORS`] plus one, or 0.
    pub(super) class: [u8; 256],
    /// Per anchor byte, the two bytes before it that a keyword of `before` can have, and the
    /// two after it that a keyword of `first` has: 65,536-bit sets (8 KB, a row per class),
    /// checked before anything else, since most anchor bytes in code (`this.`, `__`, `a: b`)
    /// begin or end no keyword.
    pub(super) pairs_before: Pairs,
    pub(super) pairs_after: Pairs,
    /// The same, one byte wide and as nibble tables for SIMD (`pshufb`): for class `c`,
    /// `nibbles_before[c][lo]` has bit `hi` set if the byte `hi << 4 | lo` (ASCII) may stand
    /// right before the anchor; `nibbles_after` likewise right after it, for `first`.
    #[cfg_attr(not(target_arch = "x86_64"), allow(dead_code))]
    pub(super) nibbles_before: Vec<[u8; 16]>,
    #[cfg_attr(not(target_arch = "x86_64"), allow(dead_code))]
    pub(super) nibbles_after: Vec<[u8; 16]>,
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
pub(super) fn has_pair(set: &Pairs, class: usize, a: u8, b: u8) -> bool {
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

    /// Looks at the anchor bytes at `i` plus the bits of `mask` (from a SIMD pass), where
    /// 2 <= i and i + 2 + (the highest bit of `mask`) < text.len(). Most are turned away by
    /// the neighbour pairs alone; the rest are kept in `near` (with a bit for each side that
    /// can be a keyword's) without a branch, and looked at after.
    #[cfg(target_arch = "x86_64")]
    #[inline(always)]
    fn sift(
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
            let [b2, b1, c, a1, a2] = text[p - 2..p + 3] else {
                unreachable!("five bytes")
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

    pub(super) fn each(&self, text: &[u8], mut found: impl FnMut(usize, usize)) {
        #[cfg(target_arch = "x86_64")]
        if self.each_simd(text, &mut found) {
            return;
        }
        for p in memchr::memchr3_iter(b'~', b'$', b'-', text) {
            self.look(text, p, &mut found);
        }
        for p in memchr::memchr3_iter(b':', b'.', b'_', text) {
            self.look(text, p, &mut found);
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
pub(super) fn whole_text(rule: &Rule) -> bool {
    !matches!(rule.shape, Shape::Named(_)) && rule.group != Group::Generic && rule.keywords != [URL]
}

/// Whether every match of `rule`'s pattern begins with one of its keywords, with no
/// assertion anywhere (which could look before the keyword) and a longest match (so that a
/// try at a keyword reads a bounded stretch: an unbounded pattern, such as a JWT's, tried at
/// each `eyJ` of a long run of them would read the rest of the run each time). Then the
/// pattern, anchored, can be tried at each keyword alone, and finds what it would over the
/// whole text. Most rules that read the whole text are such; the others (a keyword inside
/// the token, an assertion, a class before the keyword, no bound) still search all of it.
/// What it saves is measured by `bench/secrets.sh` (README, Benchmarks).
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

pub(super) fn compiled() -> &'static Compiled {
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
pub(super) struct RuleRegex {
    pub(super) re: Regex,
    pub(super) at_keyword: Option<Regex>,
    /// For a rule tried at its keywords: a byte every match has at a fixed offset past the
    /// keyword (Airtable's `.` after `pat` and 14 characters), checked before the regex is
    /// tried there, so that a common keyword (`pat` of `path`) costs a byte compare.
    pub(super) probe: Option<(usize, u8)>,
}

impl RuleRegex {
    /// Whether a match may begin at `at`, by the rule's [probe](RuleRegex::probe).
    #[inline]
    pub(super) fn may_begin_at(&self, text: &[u8], at: usize) -> bool {
        self.probe
            .is_none_or(|(offset, byte)| text.get(at + offset) == Some(&byte))
    }
}

impl Compiled {
    pub(super) fn regex(&self, i: usize) -> &RuleRegex {
        self.regexes[i].get_or_init(|| {
            let rule = &RULES[i];
            let regex = |pattern: &str| {
                Regex::new(pattern).unwrap_or_else(|e| panic!("rule {}: {e}", rule.id))
            };
            let pattern = pattern_of(rule);
            let at_keyword = whole_text(rule) && begins_with_keyword(rule);
            // What the keyword found already says: as much as the shortest keyword that
            // lets this rule run.
            let said = (self.words.iter().zip(&self.keyword_rules))
                .filter(|(_, rules)| rules.contains(&i))
                .map(|(w, _)| w.len())
                .min();
            RuleRegex {
                re: regex(&pattern),
                at_keyword: at_keyword.then(|| regex(&format!("^(?:{pattern})"))),
                probe: said
                    .filter(|_| at_keyword)
                    .and_then(|said| probe(rule, said)),
            }
        })
    }
}

/// The first byte that every match of `rule` has at a fixed offset of `said` or more (past
/// the keyword it was found by): the pattern read from its start while each piece has a
/// fixed length (a literal, a class, a class repeated `{n}`), up to the first literal that
/// reaches there.
fn probe(rule: &Rule, said: usize) -> Option<(usize, u8)> {
    use regex_syntax::hir::{Hir, HirKind};
    let hir = regex_syntax::ParserBuilder::new()
        .utf8(false)
        .build()
        .parse(&pattern_of(rule))
        .ok()?;
    let pieces: Vec<&Hir> = match hir.kind() {
        HirKind::Concat(pieces) => pieces.iter().collect(),
        _ => vec![&hir],
    };
    let mut offset = 0;
    for piece in pieces {
        let (len, bytes) = match piece.kind() {
            HirKind::Literal(l) => (l.0.len(), Some(&l.0)),
            HirKind::Class(_) => (1, None),
            HirKind::Repetition(r)
                if Some(r.min) == r.max && matches!(r.sub.kind(), HirKind::Class(_)) =>
            {
                (r.min as usize, None)
            }
            _ => return None,
        };
        if let Some(bytes) = bytes
            && offset + len > said
        {
            let at = offset.max(said);
            return Some((at, bytes[at - offset]));
        }
        offset += len;
    }
    None
}

/// Calls `found` with every keyword (index in `Compiled::words`) and where it is.
pub(super) fn each_keyword(c: &Compiled, text: &[u8], mut found: impl FnMut(usize, usize)) {
    c.plain.each(text, |i, at| found(c.plain_ids[i], at));
    c.anchored.each(text, &mut found);
}
