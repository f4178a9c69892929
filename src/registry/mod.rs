//! Opening a published version by name, without I/O: what the shells fetch, and what they
//! make of it. Both the CLI (a native HTTP client) and the page (the browser's `fetch`)
//! follow the same steps:
//!
//! 1. [`Spec::parse`] what was typed (`name`, `name@1.2.3`, `@scope/name@^1.2`, `name@next`,
//!    a tarball URL);
//! 2. fetch [`packument_url`]`(registry, &spec.name)` (Accept: [`ACCEPT_FULL`] or
//!    [`ACCEPT_ABBREVIATED`]); a 404 there is [`packument_error`]'s "no such package";
//! 3. [`Packument::parse`] it and [`resolve`] the spec: the version, its tarball URL and the
//!    integrity its bytes must have ([`Expected`]);
//! 4. download the tarball, compute [`Expected::algorithm`]'s digest, and [`verify`] it;
//! 5. scan the bytes (`Pipeline::bytes`), and name where they came from with a
//!    [`Provenance`].
//!
//! [`VersionList::of`] turns the packument into the page's version list and chart.

mod algorithm;
mod error;
pub mod integrity;
mod packument;
pub mod pypi;
mod pypi_name;
pub mod range;
mod spec;
mod versions;

use serde::{Deserialize, Serialize};

pub use algorithm::Algorithm;
pub use error::{RegistryError, display_url};
pub use integrity::{Computed, Expected, Verification, sri, verify};
pub use packument::{
    ACCEPT_ABBREVIATED, ACCEPT_FULL, CLOSEST, DEFAULT_REGISTRY, Dist, Manifest, Packument,
    Resolved, closest, packument_url, resolve, with_slash,
};
pub use spec::{Index, Spec, TarballUrl, Wanted, validate_name};
pub use versions::{
    Bar, Chart, OUTLIER_MIN_BYTES, OUTLIER_MIN_PRIOR, OUTLIER_RATIO, OUTLIER_WINDOW, Outlier,
    VersionList, VersionRow, outliers,
};

/// The error for a packument request that got HTTP `status`: 404 means the package does
/// not exist; anything else is a refusal.
pub fn packument_error(name: &str, registry: &str, url: &str, status: u16) -> RegistryError {
    match status {
        404 => RegistryError::NoSuchPackage {
            name: name.to_string(),
            registry: display_url(registry).trim_end_matches('/').to_string(),
        },
        s => RegistryError::status(url, s),
    }
}

impl Spec {
    /// Where its registry describes it: npm's packument, or PyPI's JSON.
    pub fn index_url(&self, registry: &str) -> String {
        match self.index {
            Index::Npm => packument_url(registry, &self.name),
            Index::Pypi => pypi::json_url(registry, self),
        }
    }

    /// What the registry's answer about it means.
    pub fn read_index(&self, bytes: &[u8]) -> Result<Packument, RegistryError> {
        match self.index {
            Index::Npm => Packument::parse(&self.name, bytes),
            Index::Pypi => {
                let typed = self
                    .tarball
                    .as_ref()
                    .and_then(|t| pypi_name::file_name(&t.url));
                pypi::packument(&self.name, bytes, typed)
            }
        }
    }

    /// The error for an answer about it with HTTP `status`.
    pub fn index_error(&self, registry: &str, status: u16) -> RegistryError {
        packument_error(&self.name, registry, &self.index_url(registry), status)
    }
}

/// Where a scanned package came from, for the report (`input.source`): the registry, what
/// was asked for, the version it resolved to, the tarball, and the integrity check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    /// The registry base, without any user info.
    pub registry: String,
    /// What was typed: `@acme/cli@^2`.
    pub spec: String,
    pub name: String,
    pub version: String,
    pub tarball: String,
    /// What the registry records for the tarball, SRI form.
    pub integrity: String,
    /// The algorithm the download was verified with; `None` when the user chose to scan
    /// bytes that did not verify (the report must say "unverified").
    pub integrity_verified: Option<Algorithm>,
    /// Which of the release's files was read, and why (a PyPI release has several). Never
    /// skipped when empty: this crosses to the page's worker as bincode, which has no field
    /// names to tell a skipped field by.
    pub chosen: Option<String>,
    /// The kind of registry: what to type to open it again ([`Provenance::typed`]).
    #[serde(default)]
    pub index: Index,
}

impl Provenance {
    pub fn new(
        registry: &str,
        spec: &Spec,
        resolved: &Resolved,
        verified: Option<Algorithm>,
    ) -> Provenance {
        Provenance {
            registry: display_url(&with_slash(registry)),
            spec: spec.label(),
            name: resolved.name.clone(),
            version: resolved.version.clone(),
            tarball: display_url(&resolved.tarball),
            integrity: resolved.integrity.sri(),
            integrity_verified: verified,
            chosen: resolved.chosen.clone(),
            index: spec.index,
        }
    }

    /// What to type to open this version again: `name@1.2.3`, `pypi:name==1.2.3`.
    pub fn typed(&self) -> String {
        Spec::text(self.index, &self.name, &self.version)
    }

    /// "integrity verified against the registry (SHA-512)", or the warning.
    pub fn integrity_text(&self) -> String {
        match self.integrity_verified {
            // npm recorded only SHA-1 before 2017; a match is weaker evidence.
            Some(Algorithm::Sha1) => "integrity verified against the registry (SHA-1, the older and weaker check the registry recorded for this version)".into(),
            Some(a) => format!("integrity verified against the registry ({})", a.label()),
            None => "UNVERIFIED: the download does not match the registry's integrity".into(),
        }
    }

    /// What must be said first about a download read although it did not verify.
    pub fn unverified_warning(&self) -> Option<String> {
        self.integrity_verified.is_none().then(|| {
            format!(
                "Unverified download: these bytes do not match what the registry published for {}@{}. Everything below describes these bytes, not the published package.",
                self.name, self.version
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_never_show_user_info() {
        assert_eq!(
            display_url("https://me:s3cret@npm.acme.example/npm/x"),
            "https://npm.acme.example/npm/x"
        );
        assert_eq!(display_url("https://h/a@b"), "https://h/a@b");
        assert_eq!(display_url("/registry/x"), "/registry/x");
        let e = packument_error("x", "https://me:s3cret@h/", "https://me:s3cret@h/x", 404);
        assert_eq!(
            e.to_string(),
            "https://h has no package called x (check the spelling; a private package needs its own registry)"
        );
        let e = packument_error("x", "https://h/", "https://me:s3cret@h/x", 401);
        assert!(!e.to_string().contains("s3cret"));
        assert!(e.to_string().contains("HTTP 401"), "{e}");
        assert!(
            RegistryError::unreachable_from_page("https://me:s3cret@h/")
                .to_string()
                .contains("(CORS)")
        );
    }

    #[test]
    fn provenance_names_the_check() {
        let p = packument::tests::packument(&[("1.0.0", None)]);
        let spec = Spec::parse("p@latest").unwrap();
        let r = resolve(&p, &spec, "https://r.example").unwrap();
        let prov = Provenance::new("https://r.example", &spec, &r, Some(Algorithm::Sha1));
        assert_eq!(prov.registry, "https://r.example/");
        assert_eq!(prov.spec, "p@latest");
        assert_eq!(prov.version, "1.0.0");
        assert_eq!(prov.integrity, "sha1-qZk+NkcGgWq6PiVxeFDCbJzQ2J0=");
        assert!(prov.integrity_text().starts_with(
            "integrity verified against the registry (SHA-1, the older and weaker check"
        ));
        assert_eq!(prov.unverified_warning(), None);
        let unverified = Provenance {
            integrity_verified: None,
            ..prov.clone()
        };
        assert!(unverified.unverified_warning().unwrap().contains("p@1.0.0"));
        let json = serde_json::to_value(&prov).unwrap();
        assert_eq!(json["integrity_verified"], "sha1");
    }
}
