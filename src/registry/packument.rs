//! The packument: a package's document on the registry (`GET <registry>/<name>`), with every
//! version's `dist` (tarball URL, integrity, shasum, unpacked size, file count), the
//! dist-tags, publish times and licence. Read tolerantly: a field that is missing or of an
//! unexpected type is treated as absent, never as a broken document.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::error::RegistryError;
use super::integrity::Expected;
use super::range::Range;
use super::spec::{Spec, Wanted};

/// The default registry, as npm has it.
pub const DEFAULT_REGISTRY: &str = "https://registry.npmjs.org/";

/// The `Accept` header for the full packument (publish times and licences: what the
/// version list shows).
pub const ACCEPT_FULL: &str = "application/json";

/// The `Accept` header npm itself sends to install: the abbreviated packument (much
/// smaller; no `time` and no licence), falling back to the full one.
pub const ACCEPT_ABBREVIATED: &str =
    "application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8, */*";

/// A packument as this reads it. Plain data (it crosses to the page's worker as it is);
/// [`Packument::parse`] reads the registry's JSON.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Packument {
    pub name: Option<String>,
    pub dist_tags: BTreeMap<String, String>,
    pub versions: BTreeMap<String, Manifest>,
    /// Publish time of each version (RFC 3339), plus `created` and `modified`.
    pub time: BTreeMap<String, String>,
    /// Set when the whole package was unpublished (`time.unpublished`, and no versions).
    pub unpublished: bool,
    pub license: Option<String>,
}

/// One version's entry.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub version: Option<String>,
    pub dist: Dist,
    /// The deprecation message; an empty one means "no longer deprecated", as in npm.
    pub deprecated: Option<String>,
    pub license: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dist {
    pub tarball: Option<String>,
    pub integrity: Option<String>,
    pub shasum: Option<String>,
    pub unpacked_size: Option<u64>,
    pub file_count: Option<u64>,
    /// Which of the release's files this is, and why (PyPI's: a release has several).
    pub chosen: Option<String>,
}

/// The registry's JSON, read in one pass without building a tree of it (a packument can be
/// tens of MB): the fields that matter are read leniently (a value of an unexpected type
/// is absent, an entry that is not an object is dropped), everything else is skipped.
mod wire {
    use std::collections::BTreeMap;
    use std::marker::PhantomData;

    use serde::de::{self, DeserializeOwned, IgnoredAny, MapAccess, SeqAccess, Visitor};
    use serde::{Deserialize, Deserializer};

    #[derive(Deserialize)]
    pub struct Doc {
        #[serde(default, deserialize_with = "leaf")]
        pub name: Option<String>,
        #[serde(rename = "dist-tags", default, deserialize_with = "strings")]
        pub dist_tags: BTreeMap<String, String>,
        #[serde(default)]
        pub versions: Option<Tolerant<BTreeMap<String, Tolerant<Manifest>>>>,
        #[serde(default, deserialize_with = "times")]
        pub time: (BTreeMap<String, String>, bool),
        #[serde(default, deserialize_with = "licence")]
        pub license: Option<String>,
        #[serde(default, deserialize_with = "leaf")]
        pub error: Option<String>,
    }

    #[derive(Deserialize, Default)]
    pub struct Manifest {
        #[serde(default, deserialize_with = "leaf")]
        pub version: Option<String>,
        #[serde(default)]
        pub dist: Tolerant<Dist>,
        #[serde(default, deserialize_with = "deprecated")]
        pub deprecated: Option<String>,
        #[serde(default, deserialize_with = "licence")]
        pub license: Option<String>,
    }

    #[derive(Deserialize, Default)]
    pub struct Dist {
        #[serde(default, deserialize_with = "leaf")]
        pub tarball: Option<String>,
        #[serde(default, deserialize_with = "leaf")]
        pub integrity: Option<String>,
        #[serde(default, deserialize_with = "leaf")]
        pub shasum: Option<String>,
        #[serde(rename = "unpackedSize", default, deserialize_with = "leaf")]
        pub unpacked_size: Option<u64>,
        #[serde(rename = "fileCount", default, deserialize_with = "leaf")]
        pub file_count: Option<u64>,
    }

    /// An object read as `T`; anything else (a string, a number, an array) as `None`.
    pub struct Tolerant<T>(pub Option<T>);

    impl<T> Default for Tolerant<T> {
        fn default() -> Self {
            Tolerant(None)
        }
    }

    impl<'de, T: Deserialize<'de>> Deserialize<'de> for Tolerant<T> {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V<T>(PhantomData<T>);
            impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
                type Value = Option<T>;
                fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                    f.write_str("any value")
                }
                fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Option<T>, A::Error> {
                    T::deserialize(de::value::MapAccessDeserializer::new(map)).map(Some)
                }
                fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Option<T>, A::Error> {
                    while seq.next_element::<IgnoredAny>()?.is_some() {}
                    Ok(None)
                }
                fn visit_bool<E: de::Error>(self, _: bool) -> Result<Option<T>, E> {
                    Ok(None)
                }
                fn visit_i64<E: de::Error>(self, _: i64) -> Result<Option<T>, E> {
                    Ok(None)
                }
                fn visit_u64<E: de::Error>(self, _: u64) -> Result<Option<T>, E> {
                    Ok(None)
                }
                fn visit_f64<E: de::Error>(self, _: f64) -> Result<Option<T>, E> {
                    Ok(None)
                }
                fn visit_str<E: de::Error>(self, _: &str) -> Result<Option<T>, E> {
                    Ok(None)
                }
                fn visit_unit<E: de::Error>(self) -> Result<Option<T>, E> {
                    Ok(None)
                }
            }
            d.deserialize_any(V(PhantomData)).map(Tolerant)
        }
    }

    /// A small value: of the expected type, or absent.
    fn leaf<'de, D: Deserializer<'de>, T: DeserializeOwned>(d: D) -> Result<Option<T>, D::Error> {
        let value = serde_json::Value::deserialize(d)?;
        Ok(serde_json::from_value(value).ok())
    }

    /// A map of strings; other entries dropped.
    fn strings<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<String, String>, D::Error> {
        Ok(times(d)?.0)
    }

    /// `time`: the strings, and whether it holds `unpublished`.
    fn times<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<(BTreeMap<String, String>, bool), D::Error> {
        let Tolerant(map) = Tolerant::<BTreeMap<String, serde_json::Value>>::deserialize(d)?;
        let map = map.unwrap_or_default();
        let unpublished = map.contains_key("unpublished");
        Ok((
            map.into_iter()
                .filter_map(|(k, v)| match v {
                    serde_json::Value::String(s) => Some((k, s)),
                    _ => None,
                })
                .collect(),
            unpublished,
        ))
    }

    /// `"MIT"`, `{"type": "MIT"}`, or the old `[{"type": …}]`.
    fn licence<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
        use serde_json::Value;
        fn of(v: &Value) -> Option<String> {
            match v {
                Value::String(s) => Some(s.clone()),
                Value::Object(o) => o.get("type").and_then(of),
                Value::Array(a) => {
                    let all: Vec<String> = a.iter().filter_map(of).collect();
                    (!all.is_empty()).then(|| all.join(" OR "))
                }
                _ => None,
            }
        }
        Ok(of(&Value::deserialize(d)?))
    }

    fn deprecated<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
        Ok(match serde_json::Value::deserialize(d)? {
            serde_json::Value::String(s) if !s.is_empty() => Some(s),
            serde_json::Value::Bool(true) => Some("deprecated".into()),
            _ => None,
        })
    }
}

impl Packument {
    /// Reads a packument; anything that is not one (HTML, an error object, truncated JSON)
    /// is [`RegistryError::NotAPackument`].
    pub fn parse(name: &str, bytes: &[u8]) -> Result<Packument, RegistryError> {
        let not = |why: String| RegistryError::NotAPackument {
            name: name.to_string(),
            why,
        };
        match bytes.iter().find(|b| !b.is_ascii_whitespace()) {
            Some(b'{') => {}
            Some(b'<') => return Err(not("it is a web page, not JSON".into())),
            None => return Err(not("it is empty".into())),
            Some(_) => return Err(not("it is not a JSON object".into())),
        }
        let doc: wire::Doc = serde_json::from_slice(bytes).map_err(|e| {
            not(if e.is_eof() {
                "it ends early".into()
            } else {
                format!("it is not valid JSON: {e}")
            })
        })?;
        let (time, unpublished) = doc.time;
        let Some(wire::Tolerant(versions)) = doc.versions.filter(|v| v.0.is_some()) else {
            if unpublished {
                return Ok(Packument {
                    name: doc.name,
                    unpublished: true,
                    time,
                    ..Packument::default()
                });
            }
            return Err(not(match doc.error {
                Some(e) => format!("the registry says: {}", crate::text::without_controls(&e)),
                None => "it lists no versions".into(),
            }));
        };
        let versions: BTreeMap<String, Manifest> = versions
            .unwrap_or_default()
            .into_iter()
            .filter_map(|(k, wire::Tolerant(m))| {
                let m = m?;
                let d = m.dist.0.unwrap_or_default();
                Some((
                    k,
                    Manifest {
                        version: m.version,
                        dist: Dist {
                            tarball: d.tarball,
                            integrity: d.integrity,
                            shasum: d.shasum,
                            unpacked_size: d.unpacked_size,
                            file_count: d.file_count,
                            chosen: None,
                        },
                        deprecated: m.deprecated,
                        license: m.license,
                    },
                ))
            })
            .collect();
        Ok(Packument {
            name: doc.name,
            dist_tags: doc.dist_tags,
            unpublished: unpublished && versions.is_empty(),
            versions,
            time,
            license: doc.license,
        })
    }

    /// Every version that parses as semver, with its entry, oldest first.
    pub fn sorted_versions(&self) -> Vec<(semver::Version, &str, &Manifest)> {
        let mut all: Vec<_> = self
            .versions
            .iter()
            .filter_map(|(k, m)| Some((semver::Version::parse(k).ok()?, k.as_str(), m)))
            .collect();
        all.sort_by(|a, b| a.0.cmp(&b.0));
        all
    }
}

/// Where a registry base's packument of `name` is: `<base>/<name>`, a scoped name's `/`
/// written `%2f` (`@scope%2fname`), as npm requests it. `base` may carry a path
/// (`https://host/npm/`) or be a same-origin path (`/registry/`).
pub fn packument_url(base: &str, name: &str) -> String {
    format!("{}{}", with_slash(base), name.replacen('/', "%2f", 1))
}

/// The registry base as npm keeps it: ending with `/`.
pub fn with_slash(base: &str) -> String {
    let base = base.trim();
    if base.ends_with('/') {
        base.to_string()
    } else {
        format!("{base}/")
    }
}

/// What a spec resolved to: the version, where its tarball is, and what its bytes must hash
/// to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resolved {
    pub name: String,
    pub version: String,
    pub tarball: String,
    pub integrity: Expected,
    /// The version's deprecation message, if it has one (still opened: a deprecated
    /// version is still installed by people).
    pub deprecated: Option<String>,
    /// The dist-tags pointing at this version.
    pub tags: Vec<String>,
    pub unpacked_size: Option<u64>,
    pub file_count: Option<u64>,
    pub license: Option<String>,
    /// Which of the release's files was chosen, and why (a PyPI release has several).
    pub chosen: Option<String>,
    pub index: super::Index,
}

impl Resolved {
    /// `name@version` (`name==version` from PyPI).
    pub fn label(&self) -> String {
        match self.index {
            super::Index::Npm => format!("{}@{}", self.name, self.version),
            super::Index::Pypi => format!("{}=={}", self.name, self.version),
        }
    }
}

/// Picks the version `spec` asks for in `packument`, fetched from `registry` (which makes a
/// relative tarball URL absolute).
///
/// A range resolves as npm resolves it: the `latest` tag when it satisfies the range,
/// otherwise the highest matching version that is not deprecated, otherwise the highest.
pub fn resolve(
    packument: &Packument,
    spec: &Spec,
    registry: &str,
) -> Result<Resolved, RegistryError> {
    let name = spec.name.clone();
    if packument.unpublished {
        return Err(RegistryError::Unpublished {
            name,
            version: None,
        });
    }
    let sorted = packument.sorted_versions();
    let version = match &spec.wanted {
        Wanted::Default => tag(packument, &name, "latest").or_else(|e| {
            // No `latest` tag: the highest release, then the highest of all.
            sorted
                .iter()
                .rev()
                .find(|(v, ..)| v.pre.is_empty())
                .or(sorted.last())
                .map(|(_, k, _)| k.to_string())
                .ok_or(e)
        })?,
        Wanted::Tag(t) => tag(packument, &name, t)?,
        Wanted::Exact(v) => {
            if packument.versions.contains_key(v) {
                v.clone()
            } else if packument.time.contains_key(v) {
                return Err(RegistryError::Unpublished {
                    name,
                    version: Some(v.clone()),
                });
            } else {
                return Err(no_such_version(packument, &name, v));
            }
        }
        Wanted::Range(r) => {
            let range = Range::parse(r).map_err(|why| RegistryError::InvalidSpec {
                input: spec.label(),
                why,
            })?;
            let latest = packument
                .dist_tags
                .get("latest")
                .and_then(|l| semver::Version::parse(l).ok())
                .filter(|l| range.matches(l) && packument.versions.contains_key(&l.to_string()));
            let matching: Vec<_> = sorted.iter().filter(|(v, ..)| range.matches(v)).collect();
            match latest {
                Some(l) => l.to_string(),
                None => matching
                    .iter()
                    .rev()
                    .find(|(_, _, m)| m.deprecated.is_none())
                    .or(matching.last())
                    .map(|(_, k, _)| k.to_string())
                    .ok_or_else(|| no_such_version(packument, &name, r))?,
            }
        }
    };
    let manifest = &packument.versions[&version];
    let tarball = match &manifest.dist.tarball {
        Some(t) if !t.is_empty() => absolute(registry, t),
        _ => {
            return Err(RegistryError::NoTarball {
                name,
                version: version.clone(),
            });
        }
    };
    let integrity = Expected::of(
        manifest.dist.integrity.as_deref(),
        manifest.dist.shasum.as_deref(),
    )
    .ok_or_else(|| RegistryError::NoIntegrity {
        name: name.clone(),
        version: version.clone(),
    })?;
    let tags = packument
        .dist_tags
        .iter()
        .filter(|(_, v)| **v == version)
        .map(|(t, _)| t.clone())
        .collect();
    Ok(Resolved {
        name,
        tarball,
        integrity,
        deprecated: manifest.deprecated.clone(),
        tags,
        unpacked_size: manifest.dist.unpacked_size,
        file_count: manifest.dist.file_count,
        license: manifest
            .license
            .clone()
            .or_else(|| packument.license.clone()),
        chosen: manifest.dist.chosen.clone(),
        index: spec.index,
        version,
    })
}

fn tag(packument: &Packument, name: &str, tag: &str) -> Result<String, RegistryError> {
    match packument.dist_tags.get(tag) {
        Some(v) if packument.versions.contains_key(v) => Ok(v.clone()),
        Some(v) => Err(RegistryError::Unpublished {
            name: name.to_string(),
            version: Some(v.clone()),
        }),
        None => Err(RegistryError::NoSuchTag {
            name: name.to_string(),
            tag: tag.to_string(),
            tags: packument.dist_tags.keys().cloned().collect(),
        }),
    }
}

/// How many versions a "no such version" error offers.
pub const CLOSEST: usize = 5;

fn no_such_version(packument: &Packument, name: &str, wanted: &str) -> RegistryError {
    RegistryError::NoSuchVersion {
        name: name.to_string(),
        wanted: wanted.to_string(),
        closest: closest(packument, wanted, CLOSEST),
    }
}

/// The versions nearest to `wanted`: those of the same major and minor, nearest first; then
/// of the same major, newest first; then the newest. Releases come before pre-releases
/// unless `wanted` is one. A range or a partial version counts by the numbers it starts
/// with.
pub fn closest(packument: &Packument, wanted: &str, n: usize) -> Vec<String> {
    let numbers: Vec<u64> = wanted
        .trim_start_matches(|c: char| !c.is_ascii_digit())
        .split(|c: char| !c.is_ascii_digit())
        .take(3)
        .map_while(|p| p.parse().ok())
        .collect();
    let target = (
        numbers.first().copied(),
        numbers.get(1).copied(),
        numbers.get(2).copied().unwrap_or(0),
    );
    let sorted = packument.sorted_versions();
    let mut out: Vec<String> = Vec::new();
    let mut add = |v: &semver::Version| {
        let s = v.to_string();
        if out.len() < n && !out.contains(&s) {
            out.push(s);
        }
    };
    let distance = |v: &semver::Version| v.patch.abs_diff(target.2);
    if let (Some(major), Some(minor)) = (target.0, target.1) {
        let mut same: Vec<_> = sorted
            .iter()
            .map(|(v, ..)| v)
            .filter(|v| v.major == major && v.minor == minor)
            .collect();
        same.sort_by_key(|v| (distance(v), std::cmp::Reverse((*v).clone())));
        same.into_iter().for_each(&mut add);
    }
    // Newest first, releases before pre-releases (unless a pre-release was asked for).
    let wants_pre = wanted.contains('-');
    let mut newest: Vec<&semver::Version> = sorted.iter().rev().map(|(v, ..)| v).collect();
    if !wants_pre {
        newest.sort_by_key(|v| !v.pre.is_empty());
    }
    if let Some(major) = target.0 {
        newest
            .iter()
            .filter(|v| v.major == major)
            .for_each(|v| add(v));
    }
    newest.iter().for_each(|v| add(v));
    out
}

/// A tarball URL made absolute against the registry it was listed by.
fn absolute(registry: &str, url: &str) -> String {
    if url.contains("://") {
        return url.to_string();
    }
    if let Some(path) = url.strip_prefix('/') {
        // Same origin as the registry: `scheme://host` + the path.
        if let Some((scheme, rest)) = registry.split_once("://") {
            let host = rest.split('/').next().unwrap_or(rest);
            return format!("{scheme}://{host}/{path}");
        }
        return url.to_string();
    }
    format!("{}{url}", with_slash(registry))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A packument with these versions (`version`, `unpackedSize`), `latest` on the last.
    pub fn packument(versions: &[(&str, Option<u64>)]) -> Packument {
        let mut p = Packument {
            name: Some("p".into()),
            ..Packument::default()
        };
        for (i, (v, size)) in versions.iter().enumerate() {
            p.versions.insert(
                v.to_string(),
                Manifest {
                    version: Some(v.to_string()),
                    dist: Dist {
                        tarball: Some(format!("https://r.example/p/-/p-{v}.tgz")),
                        shasum: Some("a9993e364706816aba3e25717850c26c9cd0d89d".into()),
                        unpacked_size: *size,
                        ..Dist::default()
                    },
                    ..Manifest::default()
                },
            );
            p.time
                .insert(v.to_string(), format!("2026-01-{:02}T10:00:00.000Z", i + 1));
        }
        if let Some((last, _)) = versions.last() {
            p.dist_tags.insert("latest".into(), last.to_string());
        }
        p
    }

    fn resolve_str(p: &Packument, s: &str) -> Result<String, RegistryError> {
        resolve(p, &Spec::parse(s).unwrap(), "https://r.example/").map(|r| r.version)
    }

    const VERSIONS: [&str; 9] = [
        "1.0.0",
        "1.2.0",
        "1.2.1",
        "1.2.5",
        "1.3.0",
        "2.0.0-beta.1",
        "2.0.0",
        "2.1.0",
        "3.0.0-rc.1",
    ];

    fn sample() -> Packument {
        let all: Vec<_> = VERSIONS.iter().map(|v| (*v, None)).collect();
        let mut p = packument(&all);
        p.dist_tags.insert("latest".into(), "2.1.0".into());
        p.dist_tags.insert("next".into(), "3.0.0-rc.1".into());
        p
    }

    #[test]
    fn resolves_versions_tags_and_ranges() {
        let p = sample();
        assert_eq!(resolve_str(&p, "p").unwrap(), "2.1.0");
        assert_eq!(resolve_str(&p, "p@latest").unwrap(), "2.1.0");
        assert_eq!(resolve_str(&p, "p@next").unwrap(), "3.0.0-rc.1");
        assert_eq!(resolve_str(&p, "p@1.2.1").unwrap(), "1.2.1");
        assert_eq!(resolve_str(&p, "p@^1.2").unwrap(), "1.3.0");
        assert_eq!(resolve_str(&p, "p@~1.2.0").unwrap(), "1.2.5");
        assert_eq!(resolve_str(&p, "p@1.x").unwrap(), "1.3.0");
        assert_eq!(resolve_str(&p, "p@2").unwrap(), "2.1.0");
        assert_eq!(resolve_str(&p, "p@*").unwrap(), "2.1.0");
        assert_eq!(resolve_str(&p, "p@<2").unwrap(), "1.3.0");
        assert_eq!(resolve_str(&p, "p@^3.0.0-rc.0").unwrap(), "3.0.0-rc.1");
        let r = resolve(&p, &Spec::parse("p").unwrap(), "https://r.example/").unwrap();
        assert_eq!(r.tarball, "https://r.example/p/-/p-2.1.0.tgz");
        assert_eq!(r.tags, ["latest"]);
        assert_eq!(r.label(), "p@2.1.0");
    }

    #[test]
    fn a_range_prefers_latest_then_what_is_not_deprecated() {
        let mut p = sample();
        // `latest` held back on 1.2.5: a range that it satisfies gets it, as in npm.
        p.dist_tags.insert("latest".into(), "1.2.5".into());
        assert_eq!(resolve_str(&p, "p@^1.0.0").unwrap(), "1.2.5");
        assert_eq!(resolve_str(&p, "p@^2").unwrap(), "2.1.0");
        p.versions.get_mut("2.1.0").unwrap().deprecated = Some("broken".into());
        assert_eq!(resolve_str(&p, "p@^2").unwrap(), "2.0.0");
        // Deprecated and nothing else: still opened, with its message.
        let r = resolve(&p, &Spec::parse("p@2.1.0").unwrap(), "https://r.example/").unwrap();
        assert_eq!(r.deprecated.as_deref(), Some("broken"));
    }

    #[test]
    fn missing_versions_offer_the_closest() {
        let p = sample();
        match resolve_str(&p, "p@1.2.3") {
            Err(RegistryError::NoSuchVersion { closest, .. }) => {
                assert_eq!(closest, ["1.2.5", "1.2.1", "1.2.0", "1.3.0", "1.0.0"]);
            }
            other => panic!("{other:?}"),
        }
        match resolve_str(&p, "p@9.0.0") {
            Err(RegistryError::NoSuchVersion { closest, .. }) => {
                assert_eq!(closest, ["2.1.0", "2.0.0", "1.3.0", "1.2.5", "1.2.1"]);
            }
            other => panic!("{other:?}"),
        }
        let e = resolve_str(&p, "p@^5").unwrap_err();
        assert!(
            e.to_string()
                .starts_with("p has no version ^5; the closest it has: 2.1.0"),
            "{e}"
        );
        match resolve_str(&p, "p@3.0.0-rc.2") {
            Err(RegistryError::NoSuchVersion { closest, .. }) => {
                assert_eq!(closest[0], "3.0.0-rc.1");
            }
            other => panic!("{other:?}"),
        }
        let e = resolve_str(&p, "p@beta").unwrap_err();
        assert_eq!(
            e,
            RegistryError::NoSuchTag {
                name: "p".into(),
                tag: "beta".into(),
                tags: vec!["latest".into(), "next".into()]
            }
        );
        assert_eq!(
            e.to_string(),
            "p has no tag \"beta\"; its tags: latest, next"
        );
    }

    #[test]
    fn unpublished_packages_and_versions() {
        let json = br#"{"name":"gone","time":{"created":"2020-01-01T00:00:00Z","unpublished":{"time":"2021-01-01T00:00:00Z","versions":["1.0.0"]}}}"#;
        let p = Packument::parse("gone", json).unwrap();
        assert!(p.unpublished);
        let e = resolve_str(&p, "gone@1.0.0").unwrap_err();
        assert_eq!(
            e.to_string(),
            "gone was unpublished: the registry no longer serves any version of it"
        );
        let mut p = sample();
        p.time.insert("1.1.0".into(), "2026-01-01T00:00:00Z".into());
        assert_eq!(
            resolve_str(&p, "p@1.1.0").unwrap_err(),
            RegistryError::Unpublished {
                name: "p".into(),
                version: Some("1.1.0".into())
            }
        );
    }

    #[test]
    fn parses_tolerantly() {
        let json = br#"{
            "name": "t", "dist-tags": {"latest": "1.0.0", "bad": 7},
            "license": {"type": "MIT"},
            "time": {"1.0.0": "2020-02-02T00:00:00.000Z", "weird": 3},
            "versions": {
                "1.0.0": {"version": "1.0.0", "deprecated": "",
                          "dist": {"tarball": "/t/-/t-1.0.0.tgz", "shasum": "a9993e364706816aba3e25717850c26c9cd0d89d",
                                   "unpackedSize": "big", "fileCount": 3}},
                "0.9.0": {"dist": 12, "license": ["MIT", {"type": "Apache-2.0"}]},
                "0.1.0": "nonsense"
            }
        }"#;
        let p = Packument::parse("t", json).unwrap();
        assert_eq!(p.license.as_deref(), Some("MIT"));
        assert_eq!(p.dist_tags.len(), 1);
        assert_eq!(p.time.len(), 1);
        assert_eq!(p.versions.len(), 2);
        let v = &p.versions["1.0.0"];
        assert_eq!(
            (
                v.dist.unpacked_size,
                v.dist.file_count,
                v.deprecated.as_ref()
            ),
            (None, Some(3), None)
        );
        assert_eq!(
            p.versions["0.9.0"].license.as_deref(),
            Some("MIT OR Apache-2.0")
        );
        let r = resolve(&p, &Spec::parse("t").unwrap(), "https://host/npm/").unwrap();
        assert_eq!(r.tarball, "https://host/t/-/t-1.0.0.tgz");
        assert_eq!(r.license.as_deref(), Some("MIT"));
        assert_eq!(
            resolve_str(&p, "t@0.9.0").unwrap_err(),
            RegistryError::NoTarball {
                name: "t".into(),
                version: "0.9.0".into()
            }
        );
    }

    #[test]
    fn plain_data_crosses_to_the_worker() {
        let p = sample();
        let back: Packument = bincode::deserialize(&bincode::serialize(&p).unwrap()).unwrap();
        assert_eq!(back, p);
        let r = resolve(&p, &Spec::parse("p@^1").unwrap(), "https://r.example/").unwrap();
        let back: Resolved = bincode::deserialize(&bincode::serialize(&r).unwrap()).unwrap();
        assert_eq!(back, r);
        let e = resolve_str(&p, "p@9").unwrap_err();
        let back: RegistryError = bincode::deserialize(&bincode::serialize(&e).unwrap()).unwrap();
        assert_eq!(back, e);
        let list = super::super::VersionList::of(&p);
        let bytes = bincode::serialize(&list).unwrap();
        assert_eq!(
            bincode::deserialize::<super::super::VersionList>(&bytes).unwrap(),
            list
        );
    }

    #[test]
    fn what_is_not_a_packument_says_so() {
        let why = |b: &[u8]| match Packument::parse("x", b) {
            Err(RegistryError::NotAPackument { why, .. }) => why,
            other => panic!("{other:?}"),
        };
        assert!(why(b"<!doctype html><p>Sign in</p>").contains("web page"));
        assert!(why(br#"{"name":"x","versions":{"#).contains("ends early"));
        assert!(why(br#"{"error":"Not found"}"#).contains("Not found"));
        assert!(why(b"[1,2]").contains("object"));
        assert!(why(b"  ").contains("empty"));
        assert!(why(br#"{"versions": 3}"#).contains("no versions"));
        assert!(why(b"{}").contains("no versions"));
    }

    #[test]
    fn packument_urls() {
        assert_eq!(
            packument_url(DEFAULT_REGISTRY, "react"),
            "https://registry.npmjs.org/react"
        );
        assert_eq!(
            packument_url("https://registry.npmjs.org", "@acme/cli"),
            "https://registry.npmjs.org/@acme%2fcli"
        );
        assert_eq!(
            packument_url("https://host/npm/", "@acme/cli"),
            "https://host/npm/@acme%2fcli"
        );
        assert_eq!(packument_url("/registry/", "a"), "/registry/a");
        assert_eq!(
            absolute("/registry/", "a/-/a-1.0.0.tgz"),
            "/registry/a/-/a-1.0.0.tgz"
        );
        assert_eq!(absolute("/registry/", "/x/a.tgz"), "/x/a.tgz");
        assert_eq!(
            absolute("https://h/npm/", "https://cdn/a.tgz"),
            "https://cdn/a.tgz"
        );
    }
}
