//! The machine as Node gives it, through `npm/host.js` (the npm package: this tool compiled
//! to WebAssembly, where the standard library has no files, clock, processes or threads).

use std::collections::HashMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::prelude::*;

use super::{HttpError, Kind, Output, Response};

#[wasm_bindgen(module = "/npm/host.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = read)]
    fn js_read(path: &str) -> Result<Vec<u8>, JsValue>;
    #[wasm_bindgen(catch, js_name = write)]
    fn js_write(path: &str, data: &[u8]) -> Result<(), JsValue>;
    #[wasm_bindgen(catch, js_name = kind)]
    fn js_kind(path: &str, follow: bool) -> Result<u8, JsValue>;
    #[wasm_bindgen(catch, js_name = createDir)]
    fn js_create_dir(path: &str) -> Result<(), JsValue>;
    #[wasm_bindgen(catch, js_name = createDirAll)]
    fn js_create_dir_all(path: &str) -> Result<(), JsValue>;
    #[wasm_bindgen(catch, js_name = createNew)]
    fn js_create_new(path: &str, data: &[u8]) -> Result<(), JsValue>;
    #[wasm_bindgen(catch, js_name = removeFile)]
    fn js_remove_file(path: &str) -> Result<(), JsValue>;
    #[wasm_bindgen(catch, js_name = canonicalize)]
    fn js_canonicalize(path: &str) -> Result<String, JsValue>;
    #[wasm_bindgen(js_name = vars)]
    fn js_vars() -> String;
    #[wasm_bindgen(js_name = cwd)]
    fn js_cwd() -> String;
    #[wasm_bindgen(js_name = now)]
    fn js_now() -> f64;
    #[wasm_bindgen(catch, js_name = stdinAll)]
    fn js_stdin_all() -> Result<Vec<u8>, JsValue>;
    #[wasm_bindgen(catch, js_name = writeFd)]
    fn js_write_fd(fd: u32, data: &[u8]) -> Result<(), JsValue>;
    #[wasm_bindgen(js_name = digest)]
    fn js_digest(algorithm: &str, data: &[u8]) -> Vec<u8>;
    #[wasm_bindgen(js_name = isTerminal)]
    fn js_is_terminal(fd: u32) -> bool;
    #[wasm_bindgen(catch, js_name = run)]
    fn js_run(program: &str, args: Vec<String>, cwd: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = httpGet)]
    fn js_http_get(url: &str, headers: &str, limit: f64) -> Result<JsValue, JsValue>;
}

/// A Node error as an io::Error: its `code` (ENOENT, EEXIST, …) decides the kind.
fn io_error(e: JsValue) -> io::Error {
    let text = |key: &str| {
        Reflect::get(&e, &JsValue::from_str(key))
            .ok()
            .and_then(|v| v.as_string())
    };
    let kind = match text("code").as_deref() {
        Some("ENOENT") => io::ErrorKind::NotFound,
        Some("EEXIST") => io::ErrorKind::AlreadyExists,
        Some("EACCES" | "EPERM") => io::ErrorKind::PermissionDenied,
        Some("EPIPE") => io::ErrorKind::BrokenPipe,
        Some("EISDIR") => io::ErrorKind::IsADirectory,
        Some("ENOTDIR") => io::ErrorKind::NotADirectory,
        _ => io::ErrorKind::Other,
    };
    // Node says `ENOENT: no such file or directory, open 'x'`; the caller names the file.
    let message = text("message").unwrap_or_else(|| format!("{e:?}"));
    let message = match text("code") {
        Some(code) => message
            .trim_start_matches(&format!("{code}: "))
            .split(", ")
            .next()
            .unwrap_or_default()
            .to_string(),
        None => message,
    };
    io::Error::new(kind, message)
}

fn path_str(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

pub fn read(path: &Path) -> io::Result<Vec<u8>> {
    js_read(&path_str(path)).map_err(io_error)
}

pub fn write(path: &Path, data: &[u8]) -> io::Result<()> {
    js_write(&path_str(path), data).map_err(io_error)
}

pub fn kind(path: &Path, follow: bool) -> io::Result<Kind> {
    Ok(match js_kind(&path_str(path), follow).map_err(io_error)? {
        0 => Kind::File,
        1 => Kind::Dir,
        _ => Kind::Other,
    })
}

pub fn create_dir(path: &Path) -> io::Result<()> {
    js_create_dir(&path_str(path)).map_err(io_error)
}

pub fn create_dir_all(path: &Path) -> io::Result<()> {
    js_create_dir_all(&path_str(path)).map_err(io_error)
}

pub fn create_new(path: &Path, data: &[u8]) -> io::Result<()> {
    js_create_new(&path_str(path), data).map_err(io_error)
}

pub fn remove_file(path: &Path) -> io::Result<()> {
    js_remove_file(&path_str(path)).map_err(io_error)
}

pub fn canonicalize(path: &Path) -> io::Result<PathBuf> {
    js_canonicalize(&path_str(path))
        .map(PathBuf::from)
        .map_err(io_error)
}

/// The environment, read once (it is asked for at every write to a standard stream).
fn env() -> &'static HashMap<String, String> {
    static ENV: std::sync::OnceLock<HashMap<String, String>> = std::sync::OnceLock::new();
    ENV.get_or_init(|| serde_json::from_str(&js_vars()).unwrap_or_default())
}

pub fn vars() -> HashMap<String, String> {
    env().clone()
}

pub fn var(name: &str) -> Option<String> {
    env().get(name).cloned()
}

pub fn current_dir() -> PathBuf {
    js_cwd().into()
}

pub fn now_ms() -> u64 {
    js_now() as u64
}

/// The input's digests, by Node's crypto (WebAssembly has no thread to work them out on
/// while the package is read).
pub fn digests(data: &[u8]) -> Option<leakscope::session::Digests> {
    Some(leakscope::session::Digests::from_raw(
        &js_digest("sha256", data),
        &js_digest("sha512", data),
    ))
}

pub fn stdin_all() -> io::Result<Vec<u8>> {
    js_stdin_all().map_err(io_error)
}

/// A file descriptor of the Node process, written through.
pub struct Fd(u32);

impl Write for Fd {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        js_write_fd(self.0, buf).map_err(io_error)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Standard output; colours only for a terminal (as natively), never with `NO_COLOR`.
pub fn stdout() -> impl Write {
    coloured(1)
}

pub fn stderr() -> impl Write {
    coloured(2)
}

fn coloured(fd: u32) -> Box<dyn Write> {
    if js_is_terminal(fd) && var("NO_COLOR").is_none_or(|v| v.is_empty()) {
        Box::new(Fd(fd))
    } else {
        Box::new(Plain(Fd(fd)))
    }
}

/// A stream without the colours' escape sequences.
struct Plain(Fd);

impl Write for Plain {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        for part in anstream::adapter::strip_bytes(buf) {
            self.0.write_all(part)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

pub fn run(program: &str, args: &[&str], dir: &Path) -> io::Result<Output> {
    let args = args.iter().map(|a| a.to_string()).collect();
    let out = js_run(program, args, &path_str(dir)).map_err(io_error)?;
    let bytes = |key: &str| {
        Reflect::get(&out, &JsValue::from_str(key))
            .map(|v| Uint8Array::new(&v).to_vec())
            .unwrap_or_default()
    };
    let success = Reflect::get(&out, &JsValue::from_str("success")).is_ok_and(|v| v.is_truthy());
    Ok(Output {
        success,
        stdout: bytes("stdout"),
        stderr: bytes("stderr"),
    })
}

/// One thread: Node runs this WebAssembly on its main thread.
pub fn parallelism() -> usize {
    1
}

/// `f` over `items`, one after the other.
pub fn par_map<T: Sync, R: Send>(items: &[T], _: usize, f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    items.iter().map(f).collect()
}

/// HTTP through Node's `fetch`, in a child process the tool waits for.
pub struct Http(String);

impl Http {
    pub fn new(user_agent: &str) -> Http {
        Http(user_agent.to_string())
    }

    pub fn get(
        &self,
        url: &str,
        headers: &[(&str, String)],
        limit: u64,
        started: &dyn Fn(Option<u64>),
        progress: &dyn Fn(u64),
    ) -> Result<Response, HttpError> {
        let mut all: HashMap<&str, String> = headers.iter().cloned().collect();
        all.insert("User-Agent", self.0.clone());
        let headers = serde_json::to_string(&all).expect("plain data");
        let got = js_http_get(url, &headers, limit as f64)
            .map_err(|e| HttpError::Unreachable(io_error(e).to_string()))?;
        let field = |key: &str| Reflect::get(&got, &JsValue::from_str(key)).ok();
        let number = |key: &str| field(key).and_then(|v| v.as_f64()).map(|n| n as u64);
        if let Some(why) = field("error").and_then(|v| v.as_string()) {
            return Err(HttpError::Unreachable(why));
        }
        if let Some(received) = number("cutOff") {
            return Err(HttpError::CutOff {
                received,
                expected: number("expected"),
            });
        }
        let expected = number("expected");
        started(expected);
        let body = field("body")
            .map(|v| Uint8Array::new(&v).to_vec())
            .unwrap_or_default();
        progress(body.len() as u64);
        Ok(Response {
            status: number("status").unwrap_or(0) as u16,
            body,
            expected,
        })
    }
}
