//! Fetching a published version by name: npm's settings (`--registry`, `npm_config_*`, the
//! project's and the user's `.npmrc`), the packument, the tarball with a progress bar, and
//! the integrity check before anything is scanned. The core decides everything
//! (`leakscope::registry`, `leakscope::npmrc`); this moves the bytes.
//!
//! A credential is sent only to URLs under its own `//host/path/`, and never printed: every
//! message the CLI prints goes through [`scrub`] as well.

use std::path::Path;
use std::sync::OnceLock;

use leakscope::npmrc::{Config, Sources, local_prefix};
use leakscope::registry::{
    ACCEPT_ABBREVIATED, Algorithm, Computed, Index, Provenance, RegistryError, Resolved, Spec,
    display_url, pypi, resolve, verify, with_slash,
};

use super::CliError;
use super::progress::ProgressLine;
use super::sys::{self, Http, HttpError, Response};

/// Larger packuments exist (tens of MB for some), none near this.
const MAX_PACKUMENT: u64 = 512 << 20;
/// The largest tarball downloaded.
const MAX_TARBALL: u64 = 2 << 30;

/// Secrets that must never be printed (the configured credentials), for [`scrub`].
static SECRETS: OnceLock<Vec<String>> = OnceLock::new();

/// `text` with every configured credential replaced by `***`.
pub fn scrub(text: &str) -> String {
    let mut out = text.to_string();
    for s in SECRETS.get().into_iter().flatten() {
        if !s.is_empty() {
            out = out.replace(s.as_str(), "***");
        }
    }
    out
}

/// A published version, downloaded and verified.
pub struct Fetched {
    /// `name@version`, the name the report gives the input.
    pub label: String,
    pub bytes: Vec<u8>,
    pub provenance: Provenance,
    pub resolved: Resolved,
}

pub struct Fetcher {
    http: Http,
    config: Config,
    /// The Python index (PyPI's JSON API), ending with `/`.
    pypi: String,
}

impl Fetcher {
    /// npm's settings as seen from the current directory, and the Python index.
    pub fn new(cli_registry: Option<&str>, pypi: Option<&str>) -> Fetcher {
        let env = sys::vars();
        let cwd = sys::current_dir();
        let project_dir = local_prefix(&cwd, sys::exists);
        let user_path = env
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("npm_config_userconfig"))
            .map(|(_, v)| std::path::PathBuf::from(v))
            .or_else(|| home().map(|h| h.join(".npmrc")));
        let read = |p: &Path| sys::read_to_string(p).ok();
        let project_path = project_dir.join(".npmrc");
        // In the home folder, the project's file is the user's: read once.
        let project = match &user_path {
            Some(u) if same_file(u, &project_path) => None,
            _ => read(&project_path),
        };
        let user = user_path.as_deref().and_then(read);
        let config = Config::resolve(Sources {
            cli_registry,
            env: Some(&env),
            project: project.as_deref(),
            user: user.as_deref(),
        });
        let _ = SECRETS.set(config.secrets().map(str::to_string).collect());
        let http = Http::new(concat!("leakscope/", env!("CARGO_PKG_VERSION")));
        let pypi = with_slash(pypi.unwrap_or(pypi::DEFAULT_PYPI));
        Fetcher { http, config, pypi }
    }

    /// Resolves `spec`, downloads its tarball and verifies it against the registry.
    pub fn fetch(&self, spec: &Spec, progress: &ProgressLine) -> Result<Fetched, CliError> {
        let registry = match (&spec.tarball, spec.index) {
            (Some(t), Index::Npm) => t.registry.clone(),
            (None, Index::Npm) => self.config.registry_for(&spec.name).to_string(),
            (_, Index::Pypi) => self.pypi.clone(),
        };
        progress.step(&format!(
            "asking {} about {}",
            display_url(&registry),
            spec.name
        ));
        let url = spec.index_url(&registry);
        let accept = match spec.index {
            Index::Npm => ACCEPT_ABBREVIATED,
            Index::Pypi => "application/json",
        };
        let response = self.get(&url, &registry, accept, MAX_PACKUMENT, None)?;
        if response.status != 200 {
            return Err(spec.index_error(&registry, response.status).into());
        }
        let packument = spec.read_index(&response.body)?;
        let resolved = resolve(&packument, spec, &registry)?;
        // A tarball URL that was typed is downloaded as typed, and checked against the
        // registry's record of that version.
        let tarball = spec
            .tarball
            .as_ref()
            .map_or(resolved.tarball.clone(), |t| t.url.clone());
        let bytes = self.download(&tarball, &registry, progress)?;
        let algorithm = resolved.integrity.algorithm;
        let computed = Computed::default().with(algorithm, digest(algorithm, &bytes));
        let verified = verify(&computed, &resolved.integrity).into_result()?;
        let mut provenance = Provenance::new(&registry, spec, &resolved, Some(verified));
        provenance.tarball = display_url(&tarball);
        Ok(Fetched {
            label: resolved.label(),
            bytes,
            provenance,
            resolved,
        })
    }

    /// GETs `url` with the registry's credentials (only those for its `//host/path/`).
    fn get(
        &self,
        url: &str,
        registry: &str,
        accept: &str,
        limit: u64,
        progress: Option<&ProgressLine>,
    ) -> Result<Response, CliError> {
        let mut headers = vec![("Accept", accept.to_string())];
        if let Some(auth) = self.config.authorization(url) {
            headers.push(("Authorization", auth.header_value().to_string()));
        }
        let started = |total: Option<u64>| {
            if let Some(p) = progress {
                p.downloading(total.unwrap_or(0));
            }
        };
        let at = |n: u64| {
            if let Some(p) = progress {
                p.at(n);
            }
        };
        self.http
            .get(url, &headers, limit, &started, &at)
            .map_err(|e| match e {
                HttpError::Unreachable(why) => RegistryError::Unreachable {
                    registry: display_url(registry),
                    why: scrub(&why),
                }
                .into(),
                HttpError::CutOff { received, expected } => RegistryError::CutOff {
                    url: display_url(url),
                    received,
                    expected,
                }
                .into(),
            })
    }

    fn download(
        &self,
        url: &str,
        registry: &str,
        progress: &ProgressLine,
    ) -> Result<Vec<u8>, CliError> {
        let accept = "application/octet-stream, */*";
        let response = self.get(url, registry, accept, MAX_TARBALL, Some(progress))?;
        if response.status != 200 {
            return Err(RegistryError::status(url, response.status).into());
        }
        if response
            .expected
            .is_some_and(|n| (response.body.len() as u64) < n)
        {
            return Err(RegistryError::CutOff {
                url: display_url(url),
                received: response.body.len() as u64,
                expected: response.expected,
            }
            .into());
        }
        Ok(response.body)
    }
}

/// The digest the registry's integrity needs.
fn digest(algorithm: Algorithm, bytes: &[u8]) -> Vec<u8> {
    use sha2::Digest;
    match algorithm {
        Algorithm::Sha1 => sha1::Sha1::digest(bytes).to_vec(),
        Algorithm::Sha256 => sha2::Sha256::digest(bytes).to_vec(),
        Algorithm::Sha384 => sha2::Sha384::digest(bytes).to_vec(),
        Algorithm::Sha512 => sha2::Sha512::digest(bytes).to_vec(),
    }
}

fn home() -> Option<std::path::PathBuf> {
    sys::var("HOME")
        .or_else(|| sys::var("USERPROFILE"))
        .map(Into::into)
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (sys::canonicalize(a), sys::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}
