//! What the package's manifest (`package.json`, or its ecosystem's: [`ecosystem`]) says
//! about it: its name, version and licence. The licence decides how loud embedded sources
//! are: open-source code in a map is already public.

mod ecosystem;

pub use ecosystem::{Ecosystem, read};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PackageInfo {
    pub name: Option<String>,
    pub version: Option<String>,
    #[serde(skip)]
    pub licence: Licence,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Licence {
    /// An OSI-style licence (or an expression of them): the sources are public anyway.
    OpenSource(String),
    /// `UNLICENSED`, `SEE LICENSE IN ...`, "all rights reserved", or anything unknown.
    Proprietary(String),
    /// No licence at all: nobody may use the code, so it counts as proprietary.
    #[default]
    None,
}

impl Licence {
    pub fn is_open_source(&self) -> bool {
        matches!(self, Licence::OpenSource(_))
    }

    /// The licence as package.json gives it.
    pub fn id(&self) -> Option<&str> {
        match self {
            Licence::OpenSource(id) | Licence::Proprietary(id) => Some(id),
            Licence::None => None,
        }
    }

    pub fn describe(&self) -> String {
        match self {
            Licence::OpenSource(id) => format!("open-source licence {id}"),
            Licence::Proprietary(id) => format!("licence \"{id}\", which is not open source"),
            Licence::None => "no licence".into(),
        }
    }
}

#[derive(Deserialize)]
struct RawPackage {
    name: Option<serde_json::Value>,
    version: Option<serde_json::Value>,
    license: Option<serde_json::Value>,
    licenses: Option<serde_json::Value>,
}

impl PackageInfo {
    /// Reads `package.json`. Returns `None` when it is not a JSON object.
    pub fn parse(json: &[u8]) -> Option<PackageInfo> {
        let raw: RawPackage = serde_json::from_slice(json).ok()?;
        let text = |v: Option<serde_json::Value>| v.and_then(|v| v.as_str().map(str::to_string));
        let licence = licence_id(raw.license.as_ref())
            .or_else(|| {
                // The deprecated `licenses: [{type}]` form.
                let list = raw.licenses.as_ref()?.as_array()?;
                let ids: Vec<String> = list.iter().filter_map(|l| licence_id(Some(l))).collect();
                (!ids.is_empty()).then(|| ids.join(" OR "))
            })
            .map_or(Licence::None, |id| classify(&id));
        Some(PackageInfo {
            name: text(raw.name),
            version: text(raw.version),
            licence,
        })
    }
}

fn licence_id(v: Option<&serde_json::Value>) -> Option<String> {
    let v = v?;
    let id = v.as_str().or_else(|| v.get("type")?.as_str())?.trim();
    (!id.is_empty()).then(|| id.to_string())
}

/// SPDX ids (lower case) of licences whose code may be published and read freely; an
/// entry ending in `-` names a family (`apache-` for `apache-2.0`).
const OPEN_SOURCE: &[&str] = &[
    "0bsd",
    "afl-",
    "agpl-",
    "apache-",
    "apsl-",
    "artistic-",
    "blueoak-",
    "bsd-",
    "bsl-1.0",
    "cc0-",
    "cc-by-",
    "cddl-",
    "cecill-",
    "cpal-",
    "ecl-",
    "epl-",
    "eupl-",
    "gpl-",
    "isc",
    "lgpl-",
    "lppl-",
    "mit",
    "mit-0",
    "mpl-",
    "ms-pl",
    "ms-rl",
    "mulanpsl-",
    "ncsa",
    "ofl-",
    "osl-",
    "postgresql",
    "psf-",
    "python-",
    "ruby",
    "unicode-",
    "unlicense",
    "upl-",
    "w3c",
    "w3c-",
    "wtfpl",
    "x11",
    "zlib",
    "zpl-",
];

/// Licences written in words rather than SPDX ("MIT License", "Apache 2.0", "BSD") are
/// common in package.json; map the usual ones to their ids.
fn plain_words_to_spdx(lower: &str) -> String {
    let trimmed = lower
        .trim()
        .trim_end_matches(" license")
        .trim_end_matches(" licence")
        .trim_start_matches("the ");
    match trimmed {
        "apache 2.0"
        | "apache 2"
        | "apache-2"
        | "apache license 2.0"
        | "apache license, version 2.0" => "apache-2.0".into(),
        "bsd" | "new bsd" | "simplified bsd" => "bsd-3-clause".into(),
        "gpl" | "gplv2" | "gplv3" | "lgpl" => format!("{trimmed}-"),
        "mpl 2.0" => "mpl-2.0".into(),
        "public domain" => "unlicense".into(),
        other => other.into(),
    }
}

/// Open source when every alternative of an SPDX expression is, ignoring `WITH` exceptions
/// and a trailing `+`. "MIT OR UNLICENSED" is not open source for everyone, so it is not.
pub(crate) fn classify(id: &str) -> Licence {
    let lower = plain_words_to_spdx(&id.to_ascii_lowercase());
    let cleaned = lower.replace(['(', ')'], " ");
    let terms: Vec<&str> = cleaned
        .split_whitespace()
        .filter(|t| !matches!(*t, "or" | "and"))
        .collect();
    let mut skip_next = false;
    let mut any = false;
    let all_open = terms.iter().all(|t| {
        if std::mem::take(&mut skip_next) {
            return true;
        }
        if *t == "with" {
            skip_next = true;
            return true;
        }
        any = true;
        let t = t.trim_end_matches('+');
        // Non-commercial Creative Commons licences restrict use: not open source.
        if t.starts_with("cc-by-nc") {
            return false;
        }
        OPEN_SOURCE.iter().any(|p| {
            if p.ends_with('-') {
                t.starts_with(p)
            } else {
                t == *p
            }
        })
    });
    if all_open && any {
        Licence::OpenSource(id.to_string())
    } else {
        Licence::Proprietary(id.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn licence(json: &str) -> Licence {
        PackageInfo::parse(json.as_bytes()).unwrap().licence
    }

    #[test]
    fn open_source_licences() {
        for id in [
            "MIT",
            "ISC",
            "Apache-2.0",
            "BSD-3-Clause",
            "(MIT OR Apache-2.0)",
            "GPL-2.0+",
            "GPL-2.0-only WITH Classpath-exception-2.0",
            "0BSD",
            "Unlicense",
            "CC0-1.0",
        ] {
            let json = format!(r#"{{"license":"{id}"}}"#);
            assert!(licence(&json).is_open_source(), "{id}");
        }
        assert!(licence(r#"{"license":{"type":"MIT"}}"#).is_open_source());
        for words in ["MIT License", "Apache 2.0", "BSD", "The MIT License"] {
            assert!(
                licence(&format!(r#"{{"license":"{words}"}}"#)).is_open_source(),
                "{words}"
            );
        }
        assert!(licence(r#"{"licenses":[{"type":"BSD-2-Clause"}]}"#).is_open_source());
    }

    #[test]
    fn proprietary_or_missing_licences() {
        for id in [
            "UNLICENSED",
            "SEE LICENSE IN LICENSE.md",
            "All rights reserved",
            "Proprietary",
            "MIT OR UNLICENSED",
            "MITX",
            "CC-BY-NC-4.0",
            "CC-BY-NC-ND-4.0",
            "https://www.vonage.com/legal/communications-apis/terms-of-use/",
            "See license in LICENSE.md",
            "",
        ] {
            let json = format!(r#"{{"license":"{id}"}}"#);
            assert!(!licence(&json).is_open_source(), "{id}");
        }
        assert_eq!(licence(r#"{"name":"x"}"#), Licence::None);
    }

    #[test]
    fn name_and_version_and_bad_json() {
        let p = PackageInfo::parse(br#"{"name":"@acme/cli","version":"1.2.3"}"#).unwrap();
        assert_eq!(p.name.as_deref(), Some("@acme/cli"));
        assert_eq!(p.version.as_deref(), Some("1.2.3"));
        assert!(PackageInfo::parse(b"{not json").is_none());
        assert!(PackageInfo::parse(b"[]").is_none());
    }
}
