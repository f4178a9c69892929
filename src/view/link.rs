//! What the page's URL hash says: which package (by name, with its registry, or a dropped
//! tarball by fingerprint), which tab, file and line. `&`-separated `key=value` pairs with
//! percent-encoded values, as `URLSearchParams` reads and writes them:
//! `#pkg=@acme/cli@2.1.88&registry=https%3A%2F%2Fnpm.acme.example&file=src%2Fmain.ts`.
//! The older `#<fingerprint>:<tab>:<path>` links still read.

use std::fmt;
use std::str::FromStr;

use crate::tree::Tab;

/// A place in the page that a link can name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Link {
    /// A published version, `name@version` (or a name, or a tarball URL).
    pub pkg: Option<String>,
    /// The registry `pkg` is fetched from, when it is not the default.
    pub registry: Option<String>,
    /// The Python index a `pypi:` package is fetched from, when it is not PyPI.
    pub pypi: Option<String>,
    /// A second version to compare `pkg` with.
    pub compare: Option<String>,
    /// A dropped tarball, by the first 16 hex digits of its SHA-256.
    pub tarball: Option<String>,
    pub tab: Option<Tab>,
    pub file: Option<String>,
    pub line: Option<u32>,
}

/// A file the viewer shows: which tree it is in, its path, and the line to show first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    pub tab: Tab,
    pub path: String,
    pub line: Option<u32>,
}

impl Link {
    /// The file the link names, if it names one.
    pub fn selection(&self) -> Option<Selection> {
        Some(Selection {
            tab: self.tab.unwrap_or(Tab::Files),
            path: self.file.clone()?,
            line: self.line,
        })
    }

    /// Whether `other` names another package (or comparison) than this link: what is
    /// shown changed, not only the file in view. An empty link names nothing to go back to.
    pub fn names_another_package_than(&self, other: &Link) -> bool {
        let package = |l: &Link| {
            (
                l.pkg.clone(),
                (l.registry.clone(), l.pypi.clone()),
                l.compare.clone(),
                l.tarball.clone(),
            )
        };
        let empty = (None, (None, None), None, None);
        package(self) != empty && package(self) != package(other)
    }

    /// This link, naming the selected file instead.
    pub fn with_selection(&self, selection: &Selection) -> Link {
        Link {
            tab: Some(selection.tab),
            file: Some(selection.path.clone()),
            line: selection.line,
            ..self.clone()
        }
    }
}

/// Bytes left as they are in values: what `URLSearchParams` leaves, plus `@` and `/`
/// in a package spec, so that `pkg=@acme/cli@2.1.88` reads as it is written.
fn keep(key: &str, b: u8) -> bool {
    b.is_ascii_alphanumeric()
        || matches!(b, b'*' | b'-' | b'.' | b'_')
        || (matches!(key, "pkg" | "compare") && matches!(b, b'@' | b'/'))
}

fn encode(key: &str, value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for &b in value.as_bytes() {
        match b {
            b' ' => out.push('+'),
            b if keep(key, b) => out.push(b as char),
            b => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// `application/x-www-form-urlencoded` decoding: `+` is a space, `%XX` a byte, and bytes
/// that are not UTF-8 are replaced (as `URLSearchParams` does).
fn decode(value: &str) -> String {
    let plus = value.replace('+', " ");
    percent_encoding::percent_decode_str(&plus)
        .decode_utf8_lossy()
        .into_owned()
}

impl fmt::Display for Link {
    /// The hash without its `#`; empty when the link names nothing.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let line = self.line.map(|l| l.to_string());
        let pairs = [
            ("pkg", self.pkg.as_deref()),
            ("registry", self.registry.as_deref()),
            ("pypi", self.pypi.as_deref()),
            ("compare", self.compare.as_deref()),
            ("tarball", self.tarball.as_deref()),
            ("tab", self.tab.map(Tab::as_str)),
            ("file", self.file.as_deref()),
            ("line", line.as_deref()),
        ];
        let mut first = true;
        for (key, value) in pairs {
            let Some(value) = value else { continue };
            if !first {
                f.write_str("&")?;
            }
            first = false;
            write!(f, "{key}={}", encode(key, value))?;
        }
        Ok(())
    }
}

impl FromStr for Link {
    type Err = std::convert::Infallible;

    /// Reads a hash, with or without its `#`. Unknown keys and values that make no sense
    /// are ignored: a link is a convenience, never an error.
    fn from_str(hash: &str) -> Result<Link, Self::Err> {
        let hash = hash.strip_prefix('#').unwrap_or(hash);
        if !hash.contains('=') {
            return Ok(legacy(hash).unwrap_or_default());
        }
        let mut link = Link::default();
        for pair in hash.split('&') {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let value = decode(value);
            let value = Some(value).filter(|v| !v.is_empty());
            match decode(key).as_str() {
                "pkg" => link.pkg = value,
                "registry" => link.registry = value,
                "pypi" => link.pypi = value,
                "compare" => link.compare = value,
                "tarball" => link.tarball = value.filter(|v| is_fingerprint(v)),
                "tab" => link.tab = value.as_deref().and_then(Tab::parse),
                "file" => link.file = value,
                "line" => link.line = value.and_then(|v| v.parse().ok()).filter(|&l| l > 0),
                _ => {}
            }
        }
        Ok(link)
    }
}

fn is_fingerprint(s: &str) -> bool {
    s.len() == 16 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// `<fingerprint>:<tab>:<path>`, the path as `encodeURIComponent` wrote it.
fn legacy(hash: &str) -> Option<Link> {
    let mut parts = hash.splitn(3, ':');
    let (fingerprint, tab, path) = (parts.next()?, parts.next()?, parts.next()?);
    if !is_fingerprint(fingerprint) {
        return None;
    }
    let file = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .ok()?
        .into_owned();
    Some(Link {
        tarball: Some(fingerprint.to_string()),
        tab: Some(Tab::parse(tab)?),
        file: Some(file),
        ..Link::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(s: &str) -> Link {
        s.parse().unwrap()
    }

    #[test]
    fn writes_the_documented_form() {
        let l = Link {
            pkg: Some("@acme/cli@2.1.88".into()),
            registry: Some("https://npm.acme.example".into()),
            file: Some("src/main.ts".into()),
            ..Link::default()
        };
        assert_eq!(
            l.to_string(),
            "pkg=@acme/cli@2.1.88&registry=https%3A%2F%2Fnpm.acme.example&file=src%2Fmain.ts"
        );
        assert_eq!(link(&format!("#{l}")), l);
        assert_eq!(Link::default().to_string(), "");
    }

    #[test]
    fn round_trips_whatever_a_path_holds() {
        for file in [
            "src/a b+c.ts",
            "lib/<img src=x onerror=alert(1)>.js",
            "x&y=z#w%41.js",
            "é/ü.ts",
            "🙂.md",
        ] {
            let l = Link {
                tarball: Some("0123456789abcdef".into()),
                tab: Some(Tab::Recovered),
                file: Some(file.into()),
                line: Some(12),
                ..Link::default()
            };
            assert_eq!(link(&l.to_string()), l, "{file}");
        }
    }

    #[test]
    fn reads_what_url_search_params_writes() {
        // new URLSearchParams({pkg: "a@1.0.0", file: "a b/c+d.ts"}).toString()
        let l = link("pkg=a%401.0.0&file=a+b%2Fc%2Bd.ts&line=7");
        assert_eq!(l.pkg.as_deref(), Some("a@1.0.0"));
        assert_eq!(l.file.as_deref(), Some("a b/c+d.ts"));
        assert_eq!(l.line, Some(7));
    }

    #[test]
    fn old_links_still_work() {
        let l = link("#0123456789abcdef:recovered:src%2Fmain.ts");
        assert_eq!(l.tarball.as_deref(), Some("0123456789abcdef"));
        assert_eq!(l.tab, Some(Tab::Recovered));
        assert_eq!(l.file.as_deref(), Some("src/main.ts"));
        // A path holding ':' stays whole.
        assert_eq!(
            link("0123456789abcdef:files:a%3Ab:c").file.as_deref(),
            Some("a:b:c")
        );
    }

    #[test]
    fn a_link_names_a_selection() {
        let l = link("tarball=0123456789abcdef&file=a.js&line=3");
        let sel = l.selection().unwrap();
        assert_eq!(
            sel,
            Selection {
                tab: Tab::Files,
                path: "a.js".into(),
                line: Some(3)
            }
        );
        let other = Selection {
            tab: Tab::Recovered,
            path: "src/b.ts".into(),
            line: None,
        };
        let moved = l.with_selection(&other);
        assert_eq!(moved.tarball, l.tarball);
        assert_eq!(moved.selection(), Some(other));
        assert_eq!(Link::default().selection(), None);
    }

    #[test]
    fn another_package_is_another_place() {
        let a = link("pkg=p@1.0.0&file=a.js");
        assert!(!a.names_another_package_than(&link("pkg=p@1.0.0&file=b.js")));
        assert!(a.names_another_package_than(&link("pkg=p@1.1.0")));
        assert!(a.names_another_package_than(&link("pkg=p@1.0.0&compare=p@0.9.0")));
        assert!(
            !Link::default().names_another_package_than(&a),
            "nothing to go back to"
        );
    }

    #[test]
    fn nonsense_is_ignored() {
        assert_eq!(link(""), Link::default());
        assert_eq!(link("#just-text"), Link::default());
        assert_eq!(link("nothex:files:x"), Link::default());
        let l = link("tab=sideways&line=-3&line=zero&tarball=xyz&unknown=1&file=");
        assert_eq!(l, Link::default());
        assert_eq!(link("line=0").line, None);
    }
}
