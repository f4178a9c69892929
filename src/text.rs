//! Numbers and words as people read them, the same in the page, the terminal and every
//! report: `4,756`, `31.2 MB`, `1 file` / `2 files`.

/// Formats a count with thousands separators: `4,756`.
pub fn count(n: impl Into<u64>) -> String {
    let digits = n.into().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A size in bytes for people, in decimal units as npm and file managers show them:
/// `812 B`, `4.1 KB`, `60.2 MB`.
pub fn size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    if bytes < 1000 {
        return format!("{bytes} B");
    }
    let mut value = bytes as f64;
    let mut unit = "B";
    for u in UNITS {
        if value < 999.95 {
            break;
        }
        value /= 1000.0;
        unit = u;
    }
    format!("{value:.1} {unit}")
}

/// A limit in binary units, as limits are set: `1 GiB`, `512 MiB`, `64 KiB`.
pub fn binary_size(bytes: u64) -> String {
    const UNITS: [(&str, u64); 4] = [
        ("TiB", 1 << 40),
        ("GiB", 1 << 30),
        ("MiB", 1 << 20),
        ("KiB", 1 << 10),
    ];
    match UNITS.iter().find(|(_, scale)| bytes >= *scale) {
        Some((unit, scale)) => {
            let value = format!("{:.2}", bytes as f64 / *scale as f64);
            let value = value.trim_end_matches('0').trim_end_matches('.');
            format!("{value} {unit}")
        }
        None => plural(bytes as usize, "byte", "bytes"),
    }
}

/// The first letter in upper case: "a GitHub token" -> "A GitHub token".
pub fn capitalise(s: &str) -> String {
    // An address stays as it is written: "https://…", never "Https://…".
    if s.split_whitespace()
        .next()
        .is_some_and(|w| w.contains("://"))
    {
        return s.to_string();
    }
    let mut c = s.chars();
    c.next()
        .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

/// The first `shown` items, comma-separated, with how many more there are.
pub fn list_of(items: &[&str], shown: usize) -> String {
    let head = items[..items.len().min(shown)].join(", ");
    match items.len().saturating_sub(shown) {
        0 => head,
        more => format!("{head} and {} more", count(more as u64)),
    }
}

/// "1 file" / "2,412 files".
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", count(n as u64), if n == 1 { one } else { many })
}

/// A name split for cutting in the middle: the head may be shortened with an ellipsis, the
/// tail (the extension and a few characters before it) stays whole, so that
/// `bootstrap-grid.min.css.map` never reads as `bootstrap-grid.min.css…`.
pub fn name_parts(name: &str) -> (&str, &str) {
    const TAIL_CHARS: usize = 12;
    let chars = name.chars().count();
    if chars <= TAIL_CHARS {
        return ("", name);
    }
    let at = name
        .char_indices()
        .nth(chars - TAIL_CHARS)
        .map_or(0, |(i, _)| i);
    name.split_at(at)
}

/// Text from a package (a file name, a message quoting one) with control characters and
/// escape sequences made visible, so that it cannot drive a terminal.
pub fn without_controls(text: &str) -> String {
    text.chars()
        .map(|c| {
            if hides(c) {
                char::REPLACEMENT_CHARACTER
            } else {
                c
            }
        })
        .collect()
}

/// C0, DEL, C1 (which holds the 8-bit CSI), and the bidirectional overrides that make a
/// name read differently from what it is.
fn hides(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// A JSON document with every character that [`without_controls`] hides written as a
/// `\uXXXX` escape, so that printed to a terminal it cannot drive it: the JSON writer
/// escapes C0 controls already, but not DEL, C1 (which holds the 8-bit CSI) or the
/// bidirectional overrides. Outside strings a JSON document is ASCII, so only strings
/// change, and they mean the same.
pub fn json_without_controls(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if hides(c) && !c.is_ascii_whitespace() {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_well() {
        assert_eq!(count(1906u32), "1,906");
        assert_eq!(count(47_310_128u64), "47,310,128");
        assert_eq!(count(999u32), "999");
        assert_eq!(count(0u32), "0");
        assert_eq!(size(812), "812 B");
        assert_eq!(size(12_500_000), "12.5 MB");
        assert_eq!(size(31_183_059), "31.2 MB");
        assert_eq!(size(60_200_000), "60.2 MB");
        // Rounding never shows "1000.0 KB".
        assert_eq!(size(999_999), "1.0 MB");
        assert_eq!(size(1_500_000_000), "1.5 GB");
        assert_eq!(plural(1, "file", "files"), "1 file");
        assert_eq!(plural(4756, "file", "files"), "4,756 files");
    }

    #[test]
    fn limits_read_in_binary_units() {
        assert_eq!(binary_size(1 << 30), "1 GiB");
        assert_eq!(binary_size(512 << 20), "512 MiB");
        assert_eq!(binary_size(64 << 10), "64 KiB");
        assert_eq!(binary_size(3 << 29), "1.5 GiB");
        assert_eq!(binary_size(100), "100 bytes");
    }

    #[test]
    fn names_keep_their_ends() {
        assert_eq!(
            name_parts("bootstrap-grid.min.css.map"),
            ("bootstrap-grid", ".min.css.map")
        );
        assert_eq!(name_parts("a.js"), ("", "a.js"));
        assert_eq!(name_parts("ééééééééééééé.ts"), ("éééé", "ééééééééé.ts"));
    }

    #[test]
    fn controls_are_made_visible() {
        assert_eq!(
            without_controls("a\x1b[31mred\x07"),
            "a\u{fffd}[31mred\u{fffd}"
        );
        assert_eq!(without_controls("x\u{9b}2J"), "x\u{fffd}2J");
        assert_eq!(
            without_controls("evil\u{202e}gpj.exe"),
            "evil\u{fffd}gpj.exe"
        );
        assert_eq!(without_controls("plain é"), "plain é");
    }

    #[test]
    fn json_keeps_its_meaning_without_controls() {
        let json = serde_json::json!({"name": "a\u{1b}[2J\u{9b}\u{7f}\u{202e}b\né"}).to_string();
        let safe = json_without_controls(&json);
        assert!(!safe.chars().any(|c| c.is_control()), "{safe}");
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&safe).unwrap(),
            serde_json::from_str::<serde_json::Value>(&json).unwrap()
        );
    }
}
