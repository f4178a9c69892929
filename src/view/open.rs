//! Opening a published version by name in the page. The shell moves the bytes (the
//! browser's `fetch`, under the page's security policy; the worker parses the packument and
//! hashes the tarball); this decides what is fetched, in what order, and what each answer
//! means: packument -> resolve -> tarball -> verify -> scan.

use serde::{Deserialize, Serialize};

use crate::protocol::IntegrityCheck;
use crate::registry::{
    ACCEPT_FULL, DEFAULT_REGISTRY, Index, Provenance, RegistryError, Resolved, Spec, VersionList,
    display_url, with_slash,
};
use crate::text::{count, size};
use crate::view::policy::ConnectPolicy;

/// Which of the page's two packages: the one shown, or the one it is compared with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    Main = 0,
    Compare = 1,
}

/// What a fetch is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FetchWhat {
    Packument,
    Tarball,
}

/// What the shell's fetch reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchEvent {
    /// Bytes arrived: `received` so far, of `total` when the server said.
    Progress {
        received: u64,
        total: Option<u64>,
    },
    /// All of it arrived; the shell holds the bytes.
    Complete,
    Failed(FetchFailure),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchFailure {
    /// The server answered with this status (not 2xx).
    Status(u16),
    /// No answer the page may read (a browser does not say whether it is offline, a wrong
    /// host, or CORS).
    Network,
    /// The page's security policy stopped it.
    Blocked,
    /// The answer ended early.
    CutOff {
        received: u64,
        expected: Option<u64>,
    },
}

/// Where the registry setting came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegistryFrom {
    Default,
    /// The person's setting, kept in the browser.
    Saved,
    /// The link the page was opened with.
    Link,
}

/// The registry packages are opened from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegistrySetting {
    /// Absolute, ending with `/`.
    pub base: String,
    pub from: RegistryFrom,
}

impl Default for RegistrySetting {
    fn default() -> RegistrySetting {
        RegistrySetting {
            base: DEFAULT_REGISTRY.to_string(),
            from: RegistryFrom::Default,
        }
    }
}

impl RegistrySetting {
    pub fn is_default(&self) -> bool {
        self.base == DEFAULT_REGISTRY
    }

    /// How the page names it: `https://npm.acme.example/`.
    pub fn shown(&self) -> String {
        display_url(&self.base)
    }
}

/// A registry address as typed, made absolute: `https://npm.acme.example/npm`, or a path on
/// the page's own site (`/registry/`), which `origin` (`https://leakscope.example`)
/// completes. Credentials in the address are refused: they would end up in links.
pub fn registry_base(input: &str, origin: &str) -> Result<String, String> {
    let typed = input.trim();
    let not_an_address = || {
        format!(
            "\"{typed}\" is not a registry address. Type one like https://npm.example.com/ (or /registry/ for a mirror on this site)."
        )
    };
    let host_like = |s: &str| {
        let host = s.split('/').next().unwrap_or("");
        host.contains('.')
            && host
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-.:".contains(&b))
    };
    let absolute = if typed.starts_with('/') && !typed.starts_with("//") {
        format!("{}{typed}", origin.trim_end_matches('/'))
    } else if typed.starts_with("https://") || typed.starts_with("http://") {
        typed.to_string()
    } else if host_like(typed) {
        // `registry.npmjs.org`, as people write it.
        format!("https://{typed}")
    } else {
        return Err(not_an_address());
    };
    if display_url(&absolute) != absolute {
        return Err(
            "A registry address here cannot hold a user name or password: it would end up in links."
                .to_string(),
        );
    }
    if absolute.contains(['?', '#', ' ']) {
        return Err(not_an_address());
    }
    Ok(with_slash(&absolute))
}

/// The origin of an absolute URL: `https://host:port`.
pub fn origin_of(url: &str) -> &str {
    let Some((_, rest)) = url.split_once("://") else {
        return url;
    };
    let end = rest
        .find(['/', '?', '#'])
        .map_or(url.len(), |i| url.len() - rest.len() + i);
    &url[..end]
}

/// A package known by name, with its versions, kept while switching between them: its
/// packument is fetched once, and the worker keeps it (a packument can be tens of MB; the
/// page gets only the list).
#[derive(Debug, Clone, PartialEq)]
pub struct Package {
    pub registry: String,
    pub name: String,
    pub versions: VersionList,
}

/// What opening does next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Next {
    /// Fetch this.
    Fetch(Fetch),
    /// The worker knows the package: it resolves the spec against the packument it keeps.
    Resolve,
}

/// One published version on its way to the worker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opening {
    pub spec: Spec,
    /// The registry base it is fetched from.
    pub registry: String,
    pub step: Step,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Downloading the packument.
    Packument { received: u64, total: Option<u64> },
    /// The worker reads the packument.
    Reading,
    /// Downloading the tarball.
    Tarball {
        resolved: Box<Resolved>,
        received: u64,
        total: Option<u64>,
    },
    /// The worker checks the download against the registry's integrity, then scans it.
    Verifying { resolved: Box<Resolved> },
}

/// A fetch for the shell to start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fetch {
    pub url: String,
    pub accept: &'static str,
    pub what: FetchWhat,
}

/// Why an opening stopped: the message, versions or tags to offer instead (`name@1.2.3`,
/// each a click away), and what to try again when trying again may help (the registry was
/// unreachable or busy, the download was cut off).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Stopped {
    pub message: String,
    pub offers: Vec<String>,
    pub retry: Option<String>,
}

impl From<RegistryError> for Stopped {
    fn from(e: RegistryError) -> Stopped {
        Stopped::of(e, Index::Npm)
    }
}

impl Stopped {
    /// Why opening a package from this kind of registry stopped, with what to offer.
    pub fn of(e: RegistryError, index: Index) -> Stopped {
        let offers = match &e {
            RegistryError::NoSuchVersion { name, closest, .. } => {
                closest.iter().map(|v| Spec::text(index, name, v)).collect()
            }
            RegistryError::NoSuchTag { name, tags, .. } => {
                tags.iter().map(|t| Spec::text(index, name, t)).collect()
            }
            _ => Vec::new(),
        };
        // Not capitalised: it may start with a package name, which is written as it is.
        Stopped {
            message: e.to_string(),
            offers,
            retry: None,
        }
    }
}

/// What the page's security policy and origin allow, for the checks before each fetch.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Network {
    pub origin: String,
    pub policy: ConnectPolicy,
}

impl Network {
    /// The fetch, or why the policy forbids it.
    fn fetch(&self, url: String, accept: &'static str, what: FetchWhat) -> Result<Fetch, Stopped> {
        if !self.policy.allows(&self.origin, &url) {
            return Err(RegistryError::NotAllowed {
                origin: origin_of(&url).to_string(),
                allowed: self
                    .policy
                    .listed()
                    .into_iter()
                    .map(str::to_string)
                    .collect(),
            }
            .into());
        }
        Ok(Fetch { url, accept, what })
    }
}

impl Opening {
    /// Starts opening `spec` from `registry` (npm's, or the Python index for a `pypi:`
    /// spec): with the package already known, straight to resolving it.
    pub fn start(
        spec: Spec,
        registry: &str,
        known: Option<&Package>,
        net: &Network,
    ) -> Result<(Opening, Next), Stopped> {
        // An npm tarball URL names its own registry; a wheel's is checked against the
        // Python index in use.
        let registry = match (&spec.tarball, spec.index) {
            (Some(t), Index::Npm) => t.registry.clone(),
            _ => with_slash(registry),
        };
        // Only npm's versions are kept by the worker, to switch between.
        let npm = spec.index == Index::Npm;
        if npm && known.is_some_and(|p| p.registry == registry && p.name == spec.name) {
            let opening = Opening {
                spec,
                registry,
                step: Step::Reading,
            };
            return Ok((opening, Next::Resolve));
        }
        let url = spec.index_url(&registry);
        let accept = if npm { ACCEPT_FULL } else { "application/json" };
        let fetch = net.fetch(url, accept, FetchWhat::Packument)?;
        Ok((
            Opening {
                spec,
                registry,
                step: Step::Packument {
                    received: 0,
                    total: None,
                },
            },
            Next::Fetch(fetch),
        ))
    }

    /// The worker resolved the spec: the fetch of its tarball.
    pub fn resolved_as(&mut self, resolved: Resolved, net: &Network) -> Result<Fetch, Stopped> {
        let fetch = net.fetch(
            resolved.tarball.clone(),
            "application/octet-stream, */*",
            FetchWhat::Tarball,
        )?;
        self.step = Step::Tarball {
            resolved: Box::new(resolved),
            received: 0,
            total: None,
        };
        Ok(fetch)
    }

    /// A download is under way (rather than work in the worker).
    pub fn downloading(&self) -> bool {
        matches!(self.step, Step::Packument { .. } | Step::Tarball { .. })
    }

    /// Bytes arrived.
    pub fn progress(&mut self, r: u64, t: Option<u64>) {
        match &mut self.step {
            Step::Packument { received, total }
            | Step::Tarball {
                received, total, ..
            } => {
                (*received, *total) = (r, t);
            }
            Step::Reading | Step::Verifying { .. } => {}
        }
    }

    /// A download is complete: what it was.
    pub fn complete(&mut self) -> Option<FetchWhat> {
        match std::mem::replace(&mut self.step, Step::Reading) {
            Step::Packument { .. } => Some(FetchWhat::Packument),
            Step::Tarball { resolved, .. } => {
                self.step = Step::Verifying { resolved };
                Some(FetchWhat::Tarball)
            }
            other => {
                self.step = other;
                None
            }
        }
    }

    /// A download failed: what to tell the person.
    pub fn failed(&self, failure: &FetchFailure) -> Stopped {
        let (url, tarball) = match &self.step {
            Step::Tarball { resolved, .. } => (resolved.tarball.clone(), true),
            _ => (self.spec.index_url(&self.registry), false),
        };
        let e = match failure {
            FetchFailure::Status(status) if !tarball => {
                self.spec.index_error(&self.registry, *status)
            }
            FetchFailure::Status(status) => RegistryError::status(&url, *status),
            FetchFailure::Network => RegistryError::unreachable_from_page(&self.registry),
            FetchFailure::Blocked => RegistryError::NotAllowed {
                origin: origin_of(&url).to_string(),
                allowed: Vec::new(),
            },
            FetchFailure::CutOff { received, expected } => RegistryError::CutOff {
                url: display_url(&url),
                received: *received,
                expected: *expected,
            },
        };
        let again = matches!(
            failure,
            FetchFailure::Network
                | FetchFailure::CutOff { .. }
                | FetchFailure::Status(429 | 500..=599)
        );
        Stopped {
            retry: again.then(|| self.spec.label()),
            ..e.into()
        }
    }

    /// What the worker checks the download against, once the version is resolved.
    pub fn check(&self) -> Option<IntegrityCheck> {
        let resolved = self.resolved()?;
        Some(IntegrityCheck {
            expected: resolved.integrity.clone(),
            provenance: Provenance::new(&self.registry, &self.spec, resolved, None),
            anyway: false,
        })
    }

    /// The version once it is resolved.
    pub fn resolved(&self) -> Option<&Resolved> {
        match &self.step {
            Step::Tarball { resolved, .. } | Step::Verifying { resolved } => Some(resolved),
            _ => None,
        }
    }

    /// `react@18.2.0` once resolved, else as typed.
    pub fn label(&self) -> String {
        self.resolved()
            .map_or_else(|| self.spec.label(), Resolved::label)
    }

    /// What the progress line says.
    pub fn status(&self) -> String {
        let host = display_url(&self.registry);
        let host = host.trim_end_matches('/');
        let got = |received: u64, total: Option<u64>| match total {
            Some(t) if t > 0 => format!(
                "{} of {} ({} %)",
                size(received),
                size(t),
                count((received as f64 / t as f64 * 100.0).floor().min(100.0) as u64)
            ),
            _ => size(received),
        };
        match &self.step {
            Step::Packument { received, total } => format!(
                "Fetching the versions of {} from {host}: {}",
                self.spec.name,
                got(*received, *total)
            ),
            Step::Reading => format!("Reading the versions of {}", self.spec.name),
            Step::Tarball {
                resolved,
                received,
                total,
            } => format!(
                "Downloading {}: {}",
                resolved.label(),
                got(*received, *total)
            ),
            Step::Verifying { resolved } => format!(
                "Checking the download against the registry's {}",
                resolved.integrity.algorithm.label()
            ),
        }
    }

    /// How far, 0 to 1, when it is known.
    pub fn fraction(&self) -> Option<f64> {
        match &self.step {
            Step::Packument {
                received,
                total: Some(t),
            }
            | Step::Tarball {
                received,
                total: Some(t),
                ..
            } if *t > 0 => Some((*received as f64 / *t as f64).min(1.0)),
            _ => None,
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::registry::{Packument, resolve};

    /// The fetch an opening starts with.
    fn fetch(next: Next) -> Fetch {
        match next {
            Next::Fetch(f) => f,
            Next::Resolve => panic!("resolved without a fetch"),
        }
    }

    /// What the worker says of `spec` in [`packument`].
    fn resolved(o: &Opening) -> Result<Resolved, Stopped> {
        resolve(&packument(), &o.spec, &o.registry).map_err(Stopped::from)
    }

    /// The package of [`packument`], as the page keeps it.
    pub(crate) fn package() -> Package {
        Package {
            registry: DEFAULT_REGISTRY.into(),
            name: "p".into(),
            versions: VersionList::of(&packument()),
        }
    }

    fn net() -> Network {
        Network {
            origin: "https://leakscope.example".into(),
            policy: ConnectPolicy::parse("connect-src 'self' https://registry.npmjs.org"),
        }
    }

    /// `p` with 1.0.0 and 1.1.0 (`latest`), on the public registry, with SHA-1 shasums.
    pub(crate) fn packument() -> Packument {
        Packument::parse(
            "p",
            br#"{"name":"p","dist-tags":{"latest":"1.1.0"},"versions":{
              "1.0.0":{"dist":{"tarball":"https://registry.npmjs.org/p/-/p-1.0.0.tgz","shasum":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}},
              "1.1.0":{"dist":{"tarball":"https://registry.npmjs.org/p/-/p-1.1.0.tgz","shasum":"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"}}}}"#,
        )
        .unwrap()
    }

    #[test]
    fn registry_addresses() {
        let origin = "http://127.0.0.1:8090";
        assert_eq!(
            registry_base("/registry", origin).unwrap(),
            "http://127.0.0.1:8090/registry/"
        );
        assert_eq!(
            registry_base(" https://npm.acme.example/npm ", origin).unwrap(),
            "https://npm.acme.example/npm/"
        );
        assert_eq!(
            registry_base("npm.acme.example", origin).unwrap(),
            "https://npm.acme.example/"
        );
        assert!(registry_base("nonsense", origin).is_err());
        assert!(registry_base("//evil.example/", origin).is_err());
        assert!(
            registry_base("https://me:token@npm.acme.example/", origin)
                .unwrap_err()
                .contains("password")
        );
        assert_eq!(
            origin_of("https://registry.npmjs.org/react"),
            "https://registry.npmjs.org"
        );
        assert_eq!(origin_of("http://127.0.0.1:8090"), "http://127.0.0.1:8090");
        assert!(RegistrySetting::default().is_default());
    }

    #[test]
    fn packument_then_tarball() {
        let spec = Spec::parse("p").unwrap();
        let (mut o, next) = Opening::start(spec, DEFAULT_REGISTRY, None, &net()).unwrap();
        let first = fetch(next);
        assert_eq!(first.url, "https://registry.npmjs.org/p");
        assert_eq!(first.what, FetchWhat::Packument);
        o.progress(500, Some(1000));
        assert_eq!(o.fraction(), Some(0.5));
        assert_eq!(
            o.status(),
            "Fetching the versions of p from https://registry.npmjs.org: 500 B of 1.0 KB (50 %)"
        );
        assert_eq!(o.complete(), Some(FetchWhat::Packument));
        assert_eq!(o.step, Step::Reading);
        let tarball = o.resolved_as(resolved(&o).unwrap(), &net()).unwrap();
        assert_eq!(tarball.url, "https://registry.npmjs.org/p/-/p-1.1.0.tgz");
        assert_eq!(o.label(), "p@1.1.0");
        assert_eq!(o.complete(), Some(FetchWhat::Tarball));
        assert!(matches!(o.step, Step::Verifying { .. }));
        assert_eq!(
            o.status(),
            "Checking the download against the registry's SHA-1"
        );
    }

    #[test]
    fn a_known_package_is_resolved_without_a_fetch() {
        let known = package();
        assert_eq!(known.versions.rows[0].version, "1.1.0");
        let spec = Spec::parse("p@1.0.0").unwrap();
        let (mut o, next) = Opening::start(spec, DEFAULT_REGISTRY, Some(&known), &net()).unwrap();
        assert_eq!(next, Next::Resolve);
        let tarball = o.resolved_as(resolved(&o).unwrap(), &net()).unwrap();
        assert_eq!(tarball.url, "https://registry.npmjs.org/p/-/p-1.0.0.tgz");
        assert_eq!(o.label(), "p@1.0.0");
        // Another registry's package of the same name is not the same package.
        let spec = Spec::parse("p@1.0.0").unwrap();
        let (_, next) = Opening::start(
            spec,
            "https://leakscope.example/registry/",
            Some(&known),
            &net(),
        )
        .unwrap();
        assert_eq!(fetch(next).what, FetchWhat::Packument);
    }

    #[test]
    fn failures_in_plain_words() {
        let known = package();
        let stopped_at = |spec: &str| {
            let spec = Spec::parse(spec).unwrap();
            let (o, _) = Opening::start(spec, DEFAULT_REGISTRY, Some(&known), &net()).unwrap();
            resolved(&o).unwrap_err()
        };
        let stopped = stopped_at("p@9.9.9");
        assert_eq!(stopped.offers, ["p@1.1.0", "p@1.0.0"]);
        assert!(
            stopped.message.starts_with("p has no version 9.9.9"),
            "{}",
            stopped.message
        );
        assert_eq!(stopped_at("p@beta").offers, ["p@latest"]);

        let (o, _) =
            Opening::start(Spec::parse("nope").unwrap(), DEFAULT_REGISTRY, None, &net()).unwrap();
        let said = |f| o.failed(&f).message;
        assert_eq!(
            said(FetchFailure::Status(404)),
            "https://registry.npmjs.org has no package called nope (check the spelling; a private package needs its own registry)"
        );
        assert!(said(FetchFailure::Status(503)).contains("HTTP 503"));
        assert_eq!(
            o.failed(&FetchFailure::Network).retry.as_deref(),
            Some("nope")
        );
        assert_eq!(o.failed(&FetchFailure::Status(404)).retry, None);
        assert!(said(FetchFailure::Network).contains("Are you offline?"));
        assert!(said(FetchFailure::Blocked).contains("security policy"));
        assert!(
            said(FetchFailure::CutOff {
                received: 10,
                expected: Some(100)
            })
            .contains("cut off after 10 B of 100 B")
        );
    }

    #[test]
    fn the_policy_is_checked_before_fetching() {
        let spec = Spec::parse("p").unwrap();
        let stopped = Opening::start(spec, "https://npm.acme.example/", None, &net()).unwrap_err();
        assert!(
            stopped.message.contains("https://npm.acme.example")
                && stopped.message.contains("LEAKSCOPE_REGISTRIES")
                && stopped.message.contains("https://registry.npmjs.org"),
            "{}",
            stopped.message
        );
        // A mirror on the page's own site is always allowed.
        let spec = Spec::parse("p").unwrap();
        assert!(Opening::start(spec, "https://leakscope.example/registry/", None, &net()).is_ok());
    }
}
