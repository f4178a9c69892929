//! Everything that can go wrong between a typed name and verified bytes, in plain words.
//! No message ever holds a credential: URLs are shown without their user info, and tokens
//! never reach this type at all.

use serde::{Deserialize, Serialize};

use super::algorithm::Algorithm;

/// Why a package could not be opened from a registry. Every variant's message is a sentence
/// a non-engineer can act on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum RegistryError {
    /// What was typed is not a package name, `name@version`, or a tarball URL.
    #[error("\"{input}\" is not a package name: {why}")]
    InvalidSpec { input: String, why: String },
    /// The registry has never heard of the package (it answered 404).
    #[error("{registry} has no package called {name}{hint}", hint = name_hint(name))]
    NoSuchPackage { name: String, registry: String },
    /// The package exists but not this version; `closest` are the versions it offers
    /// instead, nearest first.
    #[error("{name} has no version {wanted}{}", offer(closest))]
    NoSuchVersion {
        name: String,
        wanted: String,
        closest: Vec<String>,
    },
    /// The package has no such dist-tag; `tags` are the ones it has.
    #[error("{name} has no tag \"{tag}\"{}", tag_offer(tags))]
    NoSuchTag {
        name: String,
        tag: String,
        tags: Vec<String>,
    },
    /// The whole package, or this version of it, was taken off the registry.
    #[error("{}", unpublished(name, version.as_deref()))]
    Unpublished {
        name: String,
        version: Option<String>,
    },
    /// The version's entry has no tarball to download.
    #[error("the registry lists {name}@{version} but gives no tarball for it")]
    NoTarball { name: String, version: String },
    /// The version's entry gives neither `dist.integrity` nor `dist.shasum`, so the bytes
    /// cannot be checked.
    #[error(
        "the registry gives no integrity for {name}@{version}, so the download cannot be checked"
    )]
    NoIntegrity { name: String, version: String },
    /// No connection: offline, a wrong host, a port nobody listens on, a timeout.
    #[error(
        "cannot reach the registry at {registry} ({why}). Are you offline? Check the registry address."
    )]
    Unreachable { registry: String, why: String },
    /// The registry answered, but not with what was asked for: an HTTP status, or (in a
    /// browser) a cross-origin refusal, which comes without a status.
    #[error("{}", refused(url, *status, why))]
    Refused {
        url: String,
        status: Option<u16>,
        why: String,
    },
    /// The download ended before all of it arrived.
    #[error("the download of {url} was cut off after {} of {}", crate::text::size(*received), expected.map_or("an unknown size".to_string(), crate::text::size))]
    CutOff {
        url: String,
        received: u64,
        expected: Option<u64>,
    },
    /// The bytes are not what the registry recorded for this version: both digests, in
    /// SRI form.
    #[error(
        "the integrity check failed: the registry records {expected} for this version, but the download is {actual}. These are not the bytes the registry published."
    )]
    IntegrityMismatch {
        algorithm: Algorithm,
        expected: String,
        actual: String,
    },
    /// The page's security policy does not let it connect to `origin` (in the page only:
    /// a static page's policy is fixed when it is deployed).
    #[error(
        "this page's security policy does not allow it to connect to {origin}{}. Whoever deploys Leakscope lists the registries it may use when building it (LEAKSCOPE_REGISTRIES, see the README; the word pypi there allows PyPI); a registry mirrored on the page's own site, under /registry/, always works.",
        allowed_list(allowed)
    )]
    NotAllowed {
        origin: String,
        allowed: Vec<String>,
    },
    /// The answer was not a packument (an HTML error page, a proxy's login page, truncated
    /// JSON).
    #[error("the registry's answer for {name} is not package metadata ({why})")]
    NotAPackument { name: String, why: String },
}

impl RegistryError {
    /// A refusal by HTTP status, worded for what the status usually means.
    pub fn status(url: &str, status: u16) -> RegistryError {
        let why = match status {
            401 => {
                "it wants a login or token (for a private registry, add `//host/:_authToken=…` to .npmrc)"
            }
            403 => {
                "access is forbidden (the token may lack read access, or the package is private)"
            }
            404 => "nothing is there",
            429 => "too many requests; try again in a minute",
            500..=599 => "the registry had an error of its own; try again later",
            _ => "an unexpected answer",
        };
        RegistryError::Refused {
            url: display_url(url),
            status: Some(status),
            why: why.to_string(),
        }
    }

    /// A fetch in the browser that got no answer the page may read: a browser does not tell
    /// a page whether it is offline, the host is wrong, or CORS stopped it.
    pub fn unreachable_from_page(registry: &str) -> RegistryError {
        RegistryError::Unreachable {
            registry: display_url(registry),
            why: "no answer this page may read: offline, a wrong address, or a registry that does not let web pages on other sites read it (CORS)".to_string(),
        }
    }
}

fn allowed_list(allowed: &[String]) -> String {
    match allowed {
        [] => "its own site only (a mirror at /registry/)".to_string(),
        a => format!("{} and its own site (a mirror at /registry/)", a.join(", ")),
    }
}

fn name_hint(name: &str) -> &'static str {
    if name.bytes().any(|b| b.is_ascii_uppercase()) {
        " (npm names are lower case nowadays: try it in lower case)"
    } else {
        " (check the spelling; a private package needs its own registry)"
    }
}

fn offer(closest: &[String]) -> String {
    if closest.is_empty() {
        "; it has no versions at all".to_string()
    } else {
        format!("; the closest it has: {}", closest.join(", "))
    }
}

fn tag_offer(tags: &[String]) -> String {
    if tags.is_empty() {
        String::new()
    } else {
        format!("; its tags: {}", tags.join(", "))
    }
}

fn unpublished(name: &str, version: Option<&str>) -> String {
    match version {
        Some(v) => format!("{name}@{v} was unpublished: the registry no longer serves it"),
        None => format!("{name} was unpublished: the registry no longer serves any version of it"),
    }
}

fn refused(url: &str, status: Option<u16>, why: &str) -> String {
    match status {
        Some(s) => format!("the registry refused {url} (HTTP {s}: {why})"),
        None => format!("the registry refused {url} ({why})"),
    }
}

/// A URL as it may be shown: without `user:password@`, which may hold a credential.
pub fn display_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, path) = rest.split_at(authority_end);
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    format!("{scheme}://{host}{path}")
}
