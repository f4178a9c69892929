//! Named and generic rules: a value assigned to a name that says it is a secret
//! (`DATADOG_API_KEY = "…"`, `clientSecret: "…"`).

use std::ops::Range;

use super::generic::secret_assignment;
use super::model::{Group, Hit, RULES};
use super::prefilter::Compiled;
use super::token::{bounded, hit};
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
        let name = name_around(text, p);
        done = name.end;
        let Some(a) = assignment_at(text, name) else {
            continue;
        };
        let hit = named(c, text, &a).or_else(|| a.quoted.then(|| generic(c, text, &a)).flatten());
        hits.extend(hit);
    }
}

/// `NAME <op> VALUE` around a secret word.
struct Assignment {
    name: Range<usize>,
    /// Where the value starts (after its opening quote, if any).
    value: usize,
    quoted: bool,
}

/// The name that holds the word at `p`: up to 80 name bytes on either side.
fn name_around(text: &[u8], p: usize) -> Range<usize> {
    let mut start = p;
    while start > 0 && p - start < 80 && name_byte(text[start - 1]) {
        start -= 1;
    }
    let mut end = p;
    while end < text.len() && end - p < 80 && name_byte(text[end]) {
        end += 1;
    }
    start..end
}

/// The assignment to `name`, if an operator and a value follow it.
fn assignment_at(text: &[u8], name: Range<usize>) -> Option<Assignment> {
    let mut j = name.end;
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
        && !opened_by(text, name.start, quote)
    {
        return None;
    }
    skip(&mut j, &|b| b == b'"' || b == b'\'', 1);
    skip(&mut j, &|b| b == b' ' || b == b'\t', 3);
    let rest = &text[j..];
    j += if rest.starts_with(b":=") || rest.starts_with(b"=>") || rest.starts_with(b"?=") {
        2
    } else if rest.starts_with(b"=") || rest.starts_with(b":") {
        1
    } else {
        return None;
    };
    skip(&mut j, &|b| b == b' ' || b == b'\t', 3);
    skip(&mut j, &|b| b == b'\\', 1);
    let quoted = j < text.len() && matches!(text[j], b'"' | b'\'' | b'`');
    if quoted {
        j += 1;
    }
    (j < text.len()).then_some(Assignment {
        name,
        value: j,
        quoted,
    })
}

/// The first named rule, earliest in the table, whose name is in the assignment's name and
/// whose pattern the value matches.
fn named(c: &Compiled, text: &[u8], a: &Assignment) -> Option<(usize, Hit)> {
    let window = &text[a.value..(a.value + 1300).min(text.len())];
    let name = text[a.name.clone()].to_ascii_lowercase();
    let mut named: Vec<usize> = c
        .names
        .find_overlapping_iter(&name)
        .map(|m| c.name_rules[m.pattern().as_usize()])
        .collect();
    named.sort_unstable();
    named.dedup();
    named.into_iter().find_map(|i| {
        let rule = &RULES[i];
        let m = c.regex(i).re.find(window)?;
        let range = a.value..a.value + m.end();
        (bounded(text, range.start, range.end) && plausible(rule, &text[range.clone()]))
            .then(|| (i, hit(rule, text, range)))
    })
}

/// The first generic rule whose pattern, from the name on, finds a quoted value that looks
/// like a secret assigned to a name that ends in its secret word.
fn generic(c: &Compiled, text: &[u8], a: &Assignment) -> Option<(usize, Hit)> {
    let start = a.name.start;
    let from = &text[start..(a.value + 300).min(text.len())];
    RULES
        .iter()
        .enumerate()
        .filter(|(_, r)| r.group == Group::Generic)
        .find_map(|(i, rule)| {
            let caps = c.regex(i).re.captures(from)?;
            let (whole, m) = (caps.get(0)?, caps.get(1)?);
            if whole.start() >= a.name.len() {
                return None; // the word is not in this name
            }
            let range = start + m.start()..start + m.end();
            let value = &text[range.clone()];
            (bounded(text, range.start, range.end)
                && secret_assignment(&text[a.name.clone()], value)
                && plausible(rule, value))
            .then(|| (i, hit(rule, text, range)))
        })
}

/// Whether the name that starts at `start` is opened by `quote` (or an escaped one, as in
/// JSON inside a string).
fn opened_by(text: &[u8], start: usize, quote: u8) -> bool {
    start > 0 && text[start - 1] == quote
}
