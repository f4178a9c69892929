//! What the command-line tool asks of the machine, in one place: files, standard streams,
//! the environment, the clock, `npm pack`, HTTP and threads. Natively these are the
//! standard library's and ureq's; in the npm package (WebAssembly under Node, where the
//! standard library has no files, clock or threads) they are Node's, through `npm/host.js`.

use std::io;
use std::path::Path;

#[cfg(not(target_arch = "wasm32"))]
mod native;
#[cfg(not(target_arch = "wasm32"))]
pub use native::*;

#[cfg(target_arch = "wasm32")]
mod node;
#[cfg(target_arch = "wasm32")]
pub use node::*;

/// What is at a path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    File,
    Dir,
    /// A symlink (not followed), a device, a socket.
    Other,
}

pub fn exists(path: &Path) -> bool {
    kind(path, true).is_ok()
}

pub fn is_dir(path: &Path) -> bool {
    kind(path, true).is_ok_and(|k| k == Kind::Dir)
}

pub fn is_file(path: &Path) -> bool {
    kind(path, true).is_ok_and(|k| k == Kind::File)
}

pub fn read_to_string(path: &Path) -> io::Result<String> {
    String::from_utf8(read(path)?).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
}

/// A program's output.
pub struct Output {
    pub success: bool,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
}

/// An answer to a GET.
pub struct Response {
    pub status: u16,
    pub body: Vec<u8>,
    /// The `Content-Length` it announced.
    pub expected: Option<u64>,
}

/// Why a GET got no answer, in plain words, or a body cut short.
pub enum HttpError {
    Unreachable(String),
    CutOff {
        received: u64,
        expected: Option<u64>,
    },
}
