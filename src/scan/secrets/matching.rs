//! Finding: where the prefilter lets each rule look, what its pattern matches there, and
//! which hits stand once overlaps are settled.

use regex::bytes::Regex;

use super::assignments::assignments;
use super::model::{Hit, RULES, Shape};
use super::prefilter::{Compiled, compiled, each_keyword};
use super::token::{bounded, hit};
use super::values::plausible;

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
            let regex = c.regex(rule);
            if regex.at_keyword.is_none() || tries[rule] == MOST_STARTS {
                whole[rule] = true;
                continue;
            }
            if !regex.may_begin_at(text, at) {
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
pub(super) const MOST_STARTS: usize = 4096;

/// Rule `i`'s hits in `text`: its regex over the whole text, or, given `starts` (where the
/// keywords that its matches begin with are, in order), its anchored regex at each of those,
/// which finds the same matches with no search in between.
pub(super) fn rule_hits(
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
            b"office365.com",
            b"azure.com",
            b"azure.us",
            b"azure.cn",
            b"powerplatform.com",
            b"powerplatform.microsoft.us",
            b"appsplatform.us",
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
