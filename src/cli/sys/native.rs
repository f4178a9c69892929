//! The machine as the standard library and ureq give it.

use std::collections::HashMap;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::{HttpError, Kind, Output, Response};

pub fn read(path: &Path) -> io::Result<Vec<u8>> {
    std::fs::read(path)
}

pub fn write(path: &Path, data: &[u8]) -> io::Result<()> {
    std::fs::write(path, data)
}

/// What is at `path`; `follow`: through a symlink.
pub fn kind(path: &Path, follow: bool) -> io::Result<Kind> {
    let meta = if follow {
        std::fs::metadata(path)?
    } else {
        std::fs::symlink_metadata(path)?
    };
    Ok(if meta.is_file() {
        Kind::File
    } else if meta.is_dir() {
        Kind::Dir
    } else {
        Kind::Other
    })
}

pub fn create_dir(path: &Path) -> io::Result<()> {
    std::fs::create_dir(path)
}

pub fn create_dir_all(path: &Path) -> io::Result<()> {
    std::fs::create_dir_all(path)
}

/// Writes a new file, failing on anything already there, a symlink included (`O_EXCL`).
pub fn create_new(path: &Path, data: &[u8]) -> io::Result<()> {
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?
        .write_all(data)
}

pub fn remove_file(path: &Path) -> io::Result<()> {
    std::fs::remove_file(path)
}

pub fn canonicalize(path: &Path) -> io::Result<PathBuf> {
    path.canonicalize()
}

pub fn vars() -> HashMap<String, String> {
    std::env::vars().collect()
}

pub fn var(name: &str) -> Option<String> {
    std::env::var(name).ok()
}

pub fn current_dir() -> PathBuf {
    std::env::current_dir().unwrap_or_else(|_| ".".into())
}

pub fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}

/// None: natively, the pipeline works the digests out on a thread of its own.
pub fn digests(_: &[u8]) -> Option<leakscope::session::Digests> {
    None
}

pub fn stdin_all() -> io::Result<Vec<u8>> {
    let mut buf = Vec::new();
    io::stdin().lock().read_to_end(&mut buf)?;
    Ok(buf)
}

/// Standard output, without colours unless it is a terminal that wants them.
pub fn stdout() -> impl Write {
    anstream::stdout()
}

pub fn stderr() -> impl Write {
    anstream::stderr()
}

pub fn stderr_is_terminal() -> bool {
    io::IsTerminal::is_terminal(&io::stderr())
}

/// Runs `program` in `dir` and waits for it.
pub fn run(program: &str, args: &[&str], dir: &Path) -> io::Result<Output> {
    let out = std::process::Command::new(program)
        .args(args)
        .current_dir(dir)
        .output()?;
    Ok(Output {
        success: out.status.success(),
        stdout: out.stdout,
        stderr: out.stderr,
    })
}

/// How many things at once: one per core.
pub fn parallelism() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

/// `f` over `items`, on up to `workers` threads, results in order.
pub fn par_map<T: Sync, R: Send>(
    items: &[T],
    workers: usize,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let chunk = items.len().div_ceil(workers.max(1)).max(1);
    std::thread::scope(|s| {
        let parts: Vec<_> = items
            .chunks(chunk)
            .map(|part| s.spawn(|| part.iter().map(&f).collect::<Vec<R>>()))
            .collect();
        parts
            .into_iter()
            .flat_map(|p| p.join().expect("a worker thread does not panic"))
            .collect()
    })
}

/// No connection within this long is "unreachable".
const CONNECT_TIMEOUT: Duration = Duration::from_secs(15);
/// No byte for this long, once connected, is a stalled download.
const READ_TIMEOUT: Duration = Duration::from_secs(60);

/// A blocking HTTP client with the machine's own trust store (a private registry often has
/// a company CA).
pub struct Http(ureq::Agent);

impl Http {
    pub fn new(user_agent: &str) -> Http {
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_resolve(Some(CONNECT_TIMEOUT))
            .timeout_connect(Some(CONNECT_TIMEOUT))
            .timeout_recv_response(Some(READ_TIMEOUT))
            .timeout_per_read(Some(READ_TIMEOUT))
            .user_agent(user_agent)
            .tls_config(
                ureq::tls::TlsConfig::builder()
                    .root_certs(ureq::tls::RootCerts::PlatformVerifier)
                    .build(),
            )
            .build()
            .into();
        Http(agent)
    }

    /// GETs `url`: at most `limit` bytes of body, `started` told its announced length and
    /// `progress` the bytes received so far.
    pub fn get(
        &self,
        url: &str,
        headers: &[(&str, String)],
        limit: u64,
        started: &dyn Fn(Option<u64>),
        progress: &dyn Fn(u64),
    ) -> Result<Response, HttpError> {
        let mut request = self.0.get(url);
        for (name, value) in headers {
            request = request.header(*name, value);
        }
        let mut response = request
            .call()
            .map_err(|e| HttpError::Unreachable(why(&e)))?;
        let status = response.status().as_u16();
        let expected = response.body().content_length();
        if status != 200 {
            return Ok(Response {
                status,
                body: Vec::new(),
                expected,
            });
        }
        started(expected);
        let mut reader = response.body_mut().with_config().limit(u64::MAX).reader();
        let mut body = Vec::with_capacity(expected.unwrap_or(0).min(limit) as usize);
        let mut buf = vec![0; 256 << 10];
        loop {
            match reader.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => {
                    body.extend_from_slice(&buf[..n]);
                    if body.len() as u64 > limit {
                        return Err(HttpError::Unreachable(format!(
                            "the answer is larger than {limit} bytes"
                        )));
                    }
                    progress(body.len() as u64);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(_) => {
                    return Err(HttpError::CutOff {
                        received: body.len() as u64,
                        expected,
                    });
                }
            }
        }
        Ok(Response {
            status,
            body,
            expected,
        })
    }
}

/// A transport failure in plain words (no URL from the error: it is the caller's to show).
fn why(e: &ureq::Error) -> String {
    use std::io::ErrorKind;
    match e {
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
        other => other.to_string(),
    }
}
