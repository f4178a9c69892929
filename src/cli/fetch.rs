//! Fetching a published version by name: npm's settings (`--registry`, `npm_config_*`, the
//! project's and the user's `.npmrc`), the packument, the tarball with a progress bar, and
//! the integrity check before anything is scanned. The core decides everything
//! (`leakscope::registry`, `leakscope::npmrc`); this moves the bytes.
//!
//! A credential is sent only to URLs under its own `//host/path/`, and never printed: every
//! message the CLI prints goes through [`scrub`] as well.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;
use std::sync::OnceLock;
use std::time::Duration;

use leakscope::npmrc::{Config, Sources, local_prefix};
use leakscope::registry::{
    ACCEPT_ABBREVIATED, Algorithm, Computed, Packument, Provenance, RegistryError, Resolved, Spec,
    display_url, packument_error, packument_url, resolve, verify,
};

use super::CliError;
use super::progress::ProgressLine;

/// No connection within this long is "unreachable".
const CONNECT_TIMEOUT: Duration = Duration::from_secs(15);
/// No byte for this long, once connected, is a stalled download.
const READ_TIMEOUT: Duration = Duration::from_secs(60);
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
    agent: ureq::Agent,
    config: Config,
}

impl Fetcher {
    /// npm's settings as seen from the current directory.
    pub fn new(cli_registry: Option<&str>) -> Fetcher {
        let env: HashMap<String, String> = std::env::vars().collect();
        let cwd = std::env::current_dir().unwrap_or_else(|_| ".".into());
        let project_dir = local_prefix(&cwd, |p| p.exists());
        let user_path = env
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("npm_config_userconfig"))
            .map(|(_, v)| std::path::PathBuf::from(v))
            .or_else(|| home().map(|h| h.join(".npmrc")));
        let read = |p: &Path| std::fs::read_to_string(p).ok();
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
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_resolve(Some(CONNECT_TIMEOUT))
            .timeout_connect(Some(CONNECT_TIMEOUT))
            .timeout_recv_response(Some(READ_TIMEOUT))
            .timeout_per_read(Some(READ_TIMEOUT))
            .user_agent(concat!("leakscope/", env!("CARGO_PKG_VERSION")))
            // The machine's own trust store: a private registry often has a company CA.
            .tls_config(
                ureq::tls::TlsConfig::builder()
                    .root_certs(ureq::tls::RootCerts::PlatformVerifier)
                    .build(),
            )
            .build()
            .into();
        Fetcher { agent, config }
    }

    /// Resolves `spec`, downloads its tarball and verifies it against the registry.
    pub fn fetch(&self, spec: &Spec, progress: &ProgressLine) -> Result<Fetched, CliError> {
        let registry = match &spec.tarball {
            Some(t) => t.registry.clone(),
            None => self.config.registry_for(&spec.name).to_string(),
        };
        progress.step(&format!(
            "asking {} about {}",
            display_url(&registry),
            spec.name
        ));
        let url = packument_url(&registry, &spec.name);
        let mut response = self.get(&url, &registry, ACCEPT_ABBREVIATED)?;
        let status = response.status().as_u16();
        if status != 200 {
            return Err(packument_error(&spec.name, &registry, &url, status).into());
        }
        let body = response
            .body_mut()
            .with_config()
            .limit(MAX_PACKUMENT)
            .read_to_vec()
            .map_err(|e| unreachable(&registry, &e))?;
        let packument = Packument::parse(&spec.name, &body)?;
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

    fn get(
        &self,
        url: &str,
        registry: &str,
        accept: &str,
    ) -> Result<ureq::http::Response<ureq::Body>, CliError> {
        let mut request = self.agent.get(url).header("Accept", accept);
        if let Some(auth) = self.config.authorization(url) {
            request = request.header("Authorization", auth.header_value());
        }
        request.call().map_err(|e| unreachable(registry, &e).into())
    }

    fn download(
        &self,
        url: &str,
        registry: &str,
        progress: &ProgressLine,
    ) -> Result<Vec<u8>, CliError> {
        let mut response = self.get(url, registry, "application/octet-stream, */*")?;
        let status = response.status().as_u16();
        if status != 200 {
            return Err(RegistryError::status(url, status).into());
        }
        let expected = response.body().content_length();
        progress.downloading(expected.unwrap_or(0));
        let mut reader = response
            .body_mut()
            .with_config()
            .limit(MAX_TARBALL)
            .reader();
        let mut bytes = Vec::with_capacity(expected.unwrap_or(0).min(MAX_TARBALL) as usize);
        let mut buf = vec![0; 256 << 10];
        let cut_off = |received: usize| RegistryError::CutOff {
            url: display_url(url),
            received: received as u64,
            expected,
        };
        loop {
            match reader.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => {
                    bytes.extend_from_slice(&buf[..n]);
                    progress.at(bytes.len() as u64);
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(_) => return Err(cut_off(bytes.len()).into()),
            }
        }
        if expected.is_some_and(|n| (bytes.len() as u64) < n) {
            return Err(cut_off(bytes.len()).into());
        }
        Ok(bytes)
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

/// A transport failure in plain words (no URL from the error: it is ours to show).
fn unreachable(registry: &str, e: &ureq::Error) -> RegistryError {
    use std::io::ErrorKind;
    let why = match e {
        ureq::Error::Timeout(_) => "no answer in time".to_string(),
        ureq::Error::HostNotFound => "its host name is not known".to_string(),
        ureq::Error::ConnectionFailed => "the connection failed".to_string(),
        ureq::Error::Io(io) => match io.kind() {
            ErrorKind::ConnectionRefused => "the connection was refused".to_string(),
            ErrorKind::TimedOut => "no answer in time".to_string(),
            ErrorKind::ConnectionReset | ErrorKind::ConnectionAborted => {
                "the connection was dropped".to_string()
            }
            // rustls's errors come wrapped this way.
            ErrorKind::InvalidData if format!("{io:?}").contains("Certificate") => {
                "its TLS certificate is not trusted by this machine".to_string()
            }
            _ => io.kind().to_string(),
        },
        ureq::Error::BadUri(_) => "the address is not a valid URL".to_string(),
        ureq::Error::BodyExceedsLimit(n) => format!("the answer is larger than {n} bytes"),
        ureq::Error::Tls(_) | ureq::Error::Rustls(_) => {
            "the secure connection failed (TLS)".to_string()
        }
        other => scrub(&other.to_string()),
    };
    RegistryError::Unreachable {
        registry: display_url(registry),
        why,
    }
}

fn home() -> Option<std::path::PathBuf> {
    std::env::var_os("HOME")
        .or_else(|| std::env::var_os("USERPROFILE"))
        .map(Into::into)
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}
