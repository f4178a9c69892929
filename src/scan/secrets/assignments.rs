//! Named and generic rules: a value assigned to a name that says it is a secret
//! (`DATADOG_API_KEY = "…"`, `clientSecret: "…"`).

use super::generic::secret_assignment;
use super::matching::{bounded, hit};
use super::model::{Group, Hit, RULES};
use super::prefilter::Compiled;
use super::values::plausible;

fn name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-')
}

/// Named and generic rules, at each assignment whose name holds a secret word (`at`: where
/// the words are, in order): `NAME <op> VALUE` with `:=`, `=>`, `?=`, `=` or `:`, quotes and
/// escaped quotes allowed around both. A named rule whose name is in NAME checks VALUE
/// against its pattern; failing those, a generic rule checks a quoted VALUE.
pub(super) fn assignments(c: &Compiled, text: &[u8], at: &[usize], hits: &mut Vec<(usize, Hit)>) {
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
        // A quote after the name closes it only if one opened it: otherwise the "name" is
        // the end of a string (`?"oauth2/token":"…"` in minified code), and `:` a ternary's.
        if let Some(&quote @ (b'"' | b'\'')) = text.get(j)
            && !opened_by(text, start, quote)
        {
            continue;
        }
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
            let value = &text[range.clone()];
            if bounded(text, range.start, range.end)
                && secret_assignment(&text[start..end], value)
                && plausible(rule, value)
            {
                hits.push((i, hit(rule, text, range)));
                break;
            }
        }
    }
}

/// Whether the name that starts at `start` is opened by `quote` (or an escaped one, as in
/// JSON inside a string).
fn opened_by(text: &[u8], start: usize, quote: u8) -> bool {
    start > 0 && text[start - 1] == quote
}
