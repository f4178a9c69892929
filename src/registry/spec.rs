//! What a person types to name a published package: `name`, `name@1.2.3`, `@scope/name`,
//! `@scope/name@1.2.3`, `name@latest` (any dist-tag), `name@^1.2` (a node-semver range), or
//! a registry tarball URL (`https://registry.npmjs.org/x/-/x-1.0.0.tgz`).

use serde::{Deserialize, Serialize};

use super::error::RegistryError;

/// Which version of the package is wanted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Wanted {
    /// No version given: the `latest` tag, as npm does.
    Default,
    /// One exact version (`1.2.3`, also written `v1.2.3` or `=1.2.3`).
    Exact(String),
    /// A dist-tag: `latest`, `next`, `beta`.
    Tag(String),
    /// A node-semver range (`^1.2`, `~1.2.3`, `1.x`, `>=1 <2`, `1 || 2`), as typed.
    Range(String),
}

impl std::fmt::Display for Wanted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Wanted::Default => f.write_str("latest"),
            Wanted::Exact(v) | Wanted::Tag(v) | Wanted::Range(v) => f.write_str(v),
        }
    }
}

/// A parsed request for a published package.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Spec {
    /// The package name, `@scope/name` or `name` (a Python project's in PEP 503's form).
    pub name: String,
    pub wanted: Wanted,
    /// For a tarball URL: the URL itself, and the registry base it lives under
    /// (`https://registry.npmjs.org/`), whose packument verifies it.
    pub tarball: Option<TarballUrl>,
    /// Which kind of registry knows it.
    pub index: Index,
}

/// The kind of registry a package is opened from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Index {
    #[default]
    Npm,
    /// PyPI's JSON API (`pypi:NAME==VERSION`, or a wheel's URL).
    Pypi,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TarballUrl {
    pub url: String,
    /// Ends with `/`.
    pub registry: String,
}

impl Spec {
    /// Reads what was typed. Surrounding spaces and an `npm:` prefix are dropped.
    pub fn parse(input: &str) -> Result<Spec, RegistryError> {
        let typed = input.trim();
        let invalid = |why: &str| RegistryError::InvalidSpec {
            input: typed.to_string(),
            why: why.to_string(),
        };
        if typed.is_empty() {
            return Err(invalid("nothing was typed"));
        }
        if typed.starts_with("https://") || typed.starts_with("http://") {
            return parse_tarball_url(typed)
                .or_else(|| python_file_url(typed))
                .ok_or_else(|| {
                    invalid(
                        "a URL must be a registry tarball URL, like https://registry.npmjs.org/name/-/name-1.0.0.tgz, or a wheel's URL on PyPI",
                    )
                });
        }
        if let Some(rest) = typed.strip_prefix("pypi:") {
            let (name, version) = super::pypi_name::parse(rest).map_err(|why| invalid(&why))?;
            return Ok(Spec {
                name,
                wanted: version.map_or(Wanted::Default, Wanted::Exact),
                tarball: None,
                index: Index::Pypi,
            });
        }
        let s = typed.strip_prefix("npm:").unwrap_or(typed);
        // The version starts at the first `@` after the name (after the scope's own `@`).
        let search_from = usize::from(s.starts_with('@'));
        let (name, version) = match s[search_from..].find('@') {
            Some(at) => {
                let at = at + search_from;
                (&s[..at], Some(s[at + 1..].trim()))
            }
            None => (s, None),
        };
        validate_name(name).map_err(|why| invalid(&why))?;
        let wanted = match version {
            None | Some("") => Wanted::Default,
            Some(v) => parse_wanted(v).map_err(|why| invalid(&why))?,
        };
        Ok(Spec {
            name: name.to_string(),
            wanted,
            tarball: None,
            index: Index::Npm,
        })
    }

    /// `name@wanted` (`pypi:name==version`), as it reads back.
    pub fn label(&self) -> String {
        match (self.index, &self.wanted) {
            (Index::Npm, Wanted::Default) => self.name.clone(),
            (Index::Pypi, Wanted::Default) => format!("pypi:{}", self.name),
            (index, w) => Spec::text(index, &self.name, &w.to_string()),
        }
    }

    /// What to type to open `version` of the package `name` from this kind of registry:
    /// `name@1.2.3`, `pypi:name==1.2.3`.
    pub fn text(index: Index, name: &str, version: &str) -> String {
        match index {
            Index::Npm => format!("{name}@{version}"),
            Index::Pypi => format!("pypi:{name}=={version}"),
        }
    }
}

impl std::str::FromStr for Spec {
    type Err = RegistryError;
    fn from_str(s: &str) -> Result<Spec, RegistryError> {
        Spec::parse(s)
    }
}

/// A version string as an exact version, a tag, or a range.
fn parse_wanted(v: &str) -> Result<Wanted, String> {
    let bare = v.strip_prefix('=').unwrap_or(v).trim();
    let bare = bare.strip_prefix('v').unwrap_or(bare);
    if let Ok(version) = semver::Version::parse(bare) {
        return Ok(Wanted::Exact(version.to_string()));
    }
    if super::range::Range::parse(v).is_ok() {
        return Ok(Wanted::Range(v.to_string()));
    }
    // A tag is any URL-safe word that is not a range (npm refuses tags that parse as one).
    let looks_like_version = v.starts_with(|c: char| c.is_ascii_digit())
        || v.starts_with(['^', '~', '<', '>', '=', '*'])
        || (v.starts_with(['v', 'V']) && v[1..].starts_with(|c: char| c.is_ascii_digit()));
    if !looks_like_version
        && v.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
    {
        return Ok(Wanted::Tag(v.to_string()));
    }
    Err(match super::range::Range::parse(v) {
        Err(e) => format!("the version \"{v}\" is not understood ({e})"),
        Ok(_) => format!("the version \"{v}\" is not understood"),
    })
}

/// npm's rules for a package name (validate-npm-package-name, as for existing packages):
/// 1 to 214 characters, URL-safe, not starting with `.` or `_`, no spaces, and a scope
/// written `@scope/name`. Capitals are allowed, since old packages have them.
pub fn validate_name(name: &str) -> Result<(), String> {
    if name.is_empty() {
        return Err("the name is empty".into());
    }
    if name.len() > 214 {
        return Err("a package name is at most 214 characters long".into());
    }
    if name.trim() != name {
        return Err("a package name cannot start or end with a space".into());
    }
    let (scope, bare) = match name.strip_prefix('@') {
        Some(rest) => match rest.split_once('/') {
            Some((scope, bare)) if !scope.is_empty() && !bare.is_empty() => (Some(scope), bare),
            _ => return Err("a scoped name is written @scope/name".into()),
        },
        None => (None, name),
    };
    if scope.is_none() && name.contains('/') {
        return Err("a name holds no `/` unless it is scoped (@scope/name); for a file, give a path that exists".into());
    }
    for part in scope.into_iter().chain([bare]) {
        if part.starts_with('.') || part.starts_with('_') {
            return Err("a package name cannot start with a dot or an underscore".into());
        }
        if let Some(c) = part.chars().find(|c| !url_safe(*c)) {
            return Err(if c == ' ' {
                "a package name cannot contain spaces".to_string()
            } else {
                format!("a package name cannot contain \"{c}\"")
            });
        }
    }
    if matches!(name, "node_modules" | "favicon.ico") {
        return Err(format!("\"{name}\" is not allowed as a package name"));
    }
    Ok(())
}

/// What `encodeURIComponent` leaves alone.
fn url_safe(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '!' | '~' | '*' | '\'' | '(' | ')')
}

/// A wheel's (or sdist's) URL on PyPI, checked against the JSON API of the Python index in
/// use (not named by the file's host: `registry` is filled in where it is known).
fn python_file_url(url: &str) -> Option<Spec> {
    let (name, version) = super::pypi_name::file_url(url)?;
    Some(Spec {
        name,
        wanted: Wanted::Exact(version),
        tarball: Some(TarballUrl {
            url: url.to_string(),
            registry: String::new(),
        }),
        index: Index::Pypi,
    })
}

/// `<registry>/<name>/-/<bare>-<version>.tgz`, the scope's `/` also written `%2f`.
fn parse_tarball_url(url: &str) -> Option<Spec> {
    let url_no_query = url.split(['?', '#']).next()?;
    let (before, file) = url_no_query.rsplit_once("/-/")?;
    let decoded = before.replace("%2f", "/").replace("%2F", "/");
    let (rest, bare) = decoded.rsplit_once('/')?;
    let (registry, name) = match rest.rsplit_once('/') {
        Some((registry, scope)) if scope.starts_with('@') => {
            (registry.to_string(), format!("{scope}/{bare}"))
        }
        _ => (rest.to_string(), bare.to_string()),
    };
    // `scheme://host` at the least.
    if registry.split_once("://")?.1.is_empty() {
        return None;
    }
    validate_name(&name).ok()?;
    let version = file
        .strip_suffix(".tgz")?
        .strip_prefix(bare)?
        .strip_prefix('-')?;
    let version = semver::Version::parse(version).ok()?;
    Some(Spec {
        name,
        wanted: Wanted::Exact(version.to_string()),
        tarball: Some(TarballUrl {
            url: url.to_string(),
            registry: format!("{registry}/"),
        }),
        index: Index::Npm,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(s: &str) -> Spec {
        Spec::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    fn why(s: &str) -> String {
        match Spec::parse(s) {
            Err(RegistryError::InvalidSpec { why, .. }) => why,
            other => panic!("{s}: {other:?}"),
        }
    }

    #[test]
    fn names_versions_and_scopes() {
        assert_eq!(spec("left-pad").name, "left-pad");
        assert_eq!(spec("left-pad").wanted, Wanted::Default);
        assert_eq!(spec("left-pad@1.3.0").wanted, Wanted::Exact("1.3.0".into()));
        assert_eq!(
            spec(" left-pad@v1.3.0 ").wanted,
            Wanted::Exact("1.3.0".into())
        );
        assert_eq!(
            spec("left-pad@=1.3.0").wanted,
            Wanted::Exact("1.3.0".into())
        );
        assert_eq!(spec("left-pad@").wanted, Wanted::Default);
        let s = spec("@acme/cli@2.1.88");
        assert_eq!(
            (s.name.as_str(), s.wanted),
            ("@acme/cli", Wanted::Exact("2.1.88".into()))
        );
        assert_eq!(spec("@acme/cli").wanted, Wanted::Default);
        assert_eq!(spec("@acme/cli").name, "@acme/cli");
        assert_eq!(spec("npm:@acme/cli@1.0.0").name, "@acme/cli");
        assert_eq!(
            spec("x@1.0.0-beta.2").wanted,
            Wanted::Exact("1.0.0-beta.2".into())
        );
        assert_eq!(spec("@acme/cli@2.1.88").label(), "@acme/cli@2.1.88");
        assert_eq!(spec("JSONStream").name, "JSONStream");
    }

    #[test]
    fn tags_and_ranges() {
        assert_eq!(spec("react@latest").wanted, Wanted::Tag("latest".into()));
        assert_eq!(spec("react@next").wanted, Wanted::Tag("next".into()));
        assert_eq!(
            spec("react@canary-2024").wanted,
            Wanted::Tag("canary-2024".into())
        );
        for r in [
            "^1.2",
            "~1.2.3",
            "1.x",
            "1",
            "1.2",
            "*",
            "x",
            ">=1.0.0 <2",
            "^1 || ^2",
            "1.2.3 - 1.4",
        ] {
            assert_eq!(
                spec(&format!("a@{r}")).wanted,
                Wanted::Range(r.into()),
                "{r}"
            );
        }
        assert!(why("a@^1.2.3.4").contains("not understood"));
        assert!(why("a@>>1").contains("not understood"));
    }

    #[test]
    fn bad_names_say_why() {
        assert!(why("").contains("nothing"));
        assert!(why("my package").contains("spaces"));
        assert!(why(".hidden").contains("dot"));
        assert!(why("_private").contains("underscore"));
        assert!(why("@acme").contains("@scope/name"));
        assert!(why("@/cli").contains("@scope/name"));
        assert!(why("a/b").contains("scoped"));
        assert!(why("caf\u{e9}").contains("cannot contain"));
        assert!(why("node_modules").contains("not allowed"));
        assert!(why(&"a".repeat(215)).contains("214"));
        assert!(why("a@b c").contains("not understood"));
    }

    #[test]
    fn tarball_urls() {
        let s = spec("https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz");
        assert_eq!(s.name, "left-pad");
        assert_eq!(s.wanted, Wanted::Exact("1.3.0".into()));
        let t = s.tarball.unwrap();
        assert_eq!(t.registry, "https://registry.npmjs.org/");
        assert_eq!(
            t.url,
            "https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz"
        );
        let s = spec("https://registry.npmjs.org/@acme/cli/-/cli-2.1.88.tgz");
        assert_eq!(
            (s.name.as_str(), s.wanted.to_string().as_str()),
            ("@acme/cli", "2.1.88")
        );
        let s = spec("https://npm.acme.example/npm/@acme%2fcli/-/cli-1.0.0-rc.1.tgz");
        assert_eq!(s.name, "@acme/cli");
        assert_eq!(s.wanted, Wanted::Exact("1.0.0-rc.1".into()));
        assert_eq!(s.tarball.unwrap().registry, "https://npm.acme.example/npm/");
        assert!(why("https://example.com/x.tgz").contains("tarball URL"));
        assert!(why("https://registry.npmjs.org/a/-/b-1.0.0.tgz").contains("tarball URL"));
        assert!(why("https:///a/-/a-1.0.0.tgz").contains("tarball URL"));
    }
}
