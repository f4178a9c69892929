//! Builds real package tarballs for the tests with the `tar` and `flate2` crates.
#![allow(dead_code)] // each test binary uses a different part of this module

use std::io::Write;

/// A test whose data or tool is missing: skipped on a developer's machine, a failure when
/// `CI` is set, so that a green CI run means every test ran.
pub fn missing(what: &str) {
    let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0");
    assert!(!ci, "{what}: under CI this test must run, not skip");
    eprintln!("SKIPPED: {what}");
}

/// How a file's name is stored in the tar header.
#[derive(Clone, Copy)]
pub enum Naming {
    /// GNU header; long names get a GNU `././@LongLink` entry.
    Gnu,
    /// ustar header; names over 100 bytes use the 155-byte prefix field.
    Ustar,
    /// A PAX extended header carries the path.
    Pax,
    /// The bytes go into the 100-byte name field as they are, `..` and all, as a hostile
    /// tarball would have them (the `tar` crate refuses to write such names).
    Raw,
}

pub struct Tarball {
    builder: tar::Builder<Vec<u8>>,
    root: String,
}

impl Tarball {
    pub fn new(root: &str) -> Tarball {
        Tarball {
            builder: tar::Builder::new(Vec::new()),
            root: root.to_string(),
        }
    }

    pub fn dir(mut self, path: &str) -> Tarball {
        let mut h = tar::Header::new_ustar();
        h.set_entry_type(tar::EntryType::Directory);
        h.set_path(format!("{}{path}/", self.root)).unwrap();
        h.set_size(0);
        h.set_mode(0o755);
        h.set_cksum();
        self.builder.append(&h, std::io::empty()).unwrap();
        self
    }

    pub fn file(self, path: &str, data: impl AsRef<[u8]>) -> Tarball {
        self.file_named(path, data, Naming::Gnu)
    }

    pub fn file_named(mut self, path: &str, data: impl AsRef<[u8]>, naming: Naming) -> Tarball {
        let full = format!("{}{path}", self.root);
        let data = data.as_ref();
        let mut h = match naming {
            Naming::Gnu => tar::Header::new_gnu(),
            Naming::Ustar | Naming::Pax | Naming::Raw => tar::Header::new_ustar(),
        };
        h.set_size(data.len() as u64);
        h.set_mode(0o644);
        h.set_entry_type(tar::EntryType::Regular);
        match naming {
            Naming::Gnu => self.builder.append_data(&mut h, &full, data).unwrap(),
            Naming::Ustar => {
                h.set_path(&full).unwrap();
                h.set_cksum();
                self.builder.append(&h, data).unwrap();
            }
            Naming::Raw => {
                let name = &mut h.as_old_mut().name;
                name[..full.len()].copy_from_slice(full.as_bytes());
                h.set_cksum();
                self.builder.append(&h, data).unwrap();
            }
            Naming::Pax => {
                self.builder
                    .append_pax_extensions([("path", full.as_bytes())])
                    .unwrap();
                h.set_path("PaxHeader-placeholder").unwrap();
                h.set_cksum();
                self.builder.append(&h, data).unwrap();
            }
        }
        self
    }

    pub fn package_json(self, name: &str, licence: Option<&str>) -> Tarball {
        let licence = licence.map_or(String::new(), |l| format!(r#","license":"{l}""#));
        let json = format!(r#"{{"name":"{name}","version":"1.0.0"{licence}}}"#);
        self.file("package.json", json)
    }

    pub fn tar(self) -> Vec<u8> {
        self.builder.into_inner().unwrap()
    }

    pub fn tgz(self) -> Vec<u8> {
        gzip(&self.tar())
    }
}

pub fn gzip(data: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(data).unwrap();
    gz.finish().unwrap()
}

/// A source map JSON with the given `(source, content)` pairs; `None` content is `null`.
pub fn source_map(sources: &[(&str, Option<&str>)]) -> String {
    let names: Vec<_> = sources.iter().map(|(s, _)| serde_json::json!(s)).collect();
    let contents: Vec<_> = sources.iter().map(|(_, c)| serde_json::json!(c)).collect();
    serde_json::json!({
        "version": 3,
        "file": "out.js",
        "sources": names,
        "sourcesContent": contents,
        "names": [],
        "mappings": "AAAA",
    })
    .to_string()
}

/// A map that names sources without embedding them.
pub fn source_map_without_content(sources: &[&str]) -> String {
    serde_json::json!({"version": 3, "sources": sources, "names": [], "mappings": "AAAA"})
        .to_string()
}

pub fn paths(archive: &leakscope::Archive) -> Vec<&str> {
    archive.entries().iter().map(|e| e.path.as_str()).collect()
}

/// Incompressible bytes (xorshift), so that cutting a gzip stream cuts the archive where
/// the test expects.
pub fn noise(seed: u64, len: usize) -> Vec<u8> {
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

/// Reads and scans `bytes` as the CLI and the page do: the pipeline, with digests.
pub fn session(bytes: &[u8]) -> leakscope::Session {
    use leakscope::session::{Options, Pipeline};
    let mut pipeline = Pipeline::bytes("test.tgz", bytes.to_vec(), Options::scan(0));
    while pipeline.step(leakscope::archive::STEP_BYTES) {}
    pipeline.finish().expect("a readable package")
}

/// The same, read whole first and scanned at once, without the pipeline.
pub fn whole_session(bytes: &[u8]) -> leakscope::Session {
    use leakscope::session::{Digests, InputInfo, Session};
    let archive = leakscope::Archive::read(bytes);
    let analysis = leakscope::scan::scan(&archive);
    let input = InputInfo {
        name: "test.tgz".into(),
        bytes: bytes.len() as u64,
        digests: Some(Digests::of(bytes)),
        source: None,
        ignore_files: None,
    };
    Session::new(input, archive, analysis, 0)
}

/// package.json with a name, a version and a licence.
pub fn package_json_text(name: &str, version: &str, licence: Option<&str>) -> String {
    let mut json = serde_json::json!({"name": name, "version": version});
    if let Some(l) = licence {
        json["license"] = serde_json::json!(l);
    }
    json.to_string()
}

/// A GitHub token built at run time, so no real-looking secret sits in the repository.
pub fn github_token() -> String {
    leakscope::scan::secrets::sample("github-pat", 7).expect("the rule exists")
}

/// A package registry on 127.0.0.1, for the tests: it serves the packuments of what was
/// [`TestRegistry::publish`]ed (built when asked for) and their tarballs, can require a
/// bearer token (401 without it), and records every request with its `Authorization`.
#[cfg(not(target_arch = "wasm32"))]
pub mod registry {
    use std::collections::BTreeMap;
    use std::io::{BufRead, BufReader, Read, Write};
    use std::net::{TcpListener, TcpStream};
    use std::sync::{Arc, Mutex};

    /// How a version's `dist` records its integrity.
    #[derive(Clone, Copy, PartialEq, Eq)]
    pub enum Integrity {
        /// `dist.integrity` (SHA-512) and `dist.shasum`, as today's registry gives them.
        Sri,
        /// `dist.shasum` only, as for old versions.
        ShasumOnly,
        /// The integrity of other bytes: the tarball does not match.
        Wrong,
    }

    struct Version {
        tgz: Vec<u8>,
        integrity: Integrity,
        unpacked_size: Option<u64>,
        /// Serve only this many bytes of the tarball while announcing all of them.
        cut_at: Option<usize>,
    }

    #[derive(Default)]
    struct State {
        packages: BTreeMap<String, BTreeMap<String, Version>>,
        tags: BTreeMap<String, BTreeMap<String, String>>,
        token: Option<String>,
        requests: Vec<Request>,
        /// Where the packuments say the tarballs are, when not here.
        tarball_base: Option<String>,
        /// Anything else it serves, by path: a Python index's JSON and wheels.
        files: BTreeMap<String, Vec<u8>>,
    }

    /// A request as the server saw it.
    #[derive(Debug, Clone)]
    pub struct Request {
        pub path: String,
        pub authorization: Option<String>,
        pub accept: Option<String>,
    }

    pub struct TestRegistry {
        /// The registry base: `http://127.0.0.1:PORT<base path>`, ending with `/`.
        pub url: String,
        /// `127.0.0.1:PORT`.
        pub host: String,
        base_path: String,
        state: Arc<Mutex<State>>,
    }

    impl TestRegistry {
        /// A registry at `/`.
        pub fn start() -> TestRegistry {
            TestRegistry::start_at("/")
        }

        /// A registry under a path (`/npm/`), as private registries often are.
        pub fn start_at(base_path: &str) -> TestRegistry {
            let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
            let host = listener.local_addr().unwrap().to_string();
            let state = Arc::new(Mutex::new(State::default()));
            let shared = state.clone();
            let base = base_path.to_string();
            let url = format!("http://{host}{base_path}");
            let base_url = url.clone();
            std::thread::spawn(move || {
                for stream in listener.incoming() {
                    let Ok(stream) = stream else { continue };
                    let state = shared.clone();
                    let (base, base_url) = (base.clone(), base_url.clone());
                    std::thread::spawn(move || serve(stream, &state, &base, &base_url));
                }
            });
            TestRegistry {
                url,
                host,
                base_path: base_path.to_string(),
                state,
            }
        }

        /// Serves `bytes` at `path` (under the base path): for a Python index, its JSON API
        /// answers and files.
        pub fn serve_file(&self, path: &str, bytes: Vec<u8>) {
            let mut s = self.state.lock().unwrap();
            s.files.insert(path.to_string(), bytes);
        }

        /// Only requests with `Authorization: Bearer <token>` are answered; others get 401.
        pub fn require_token(&self, token: &str) {
            self.state.lock().unwrap().token = Some(token.to_string());
        }

        /// Adds a version, tagged `latest`, its tarball served at
        /// `<base><name>/-/<bare name>-<version>.tgz`.
        pub fn publish(&self, name: &str, version: &str, tgz: Vec<u8>) {
            self.publish_with(name, version, tgz, Integrity::Sri);
        }

        pub fn publish_with(&self, name: &str, version: &str, tgz: Vec<u8>, integrity: Integrity) {
            let unpacked_size = Some(tgz.len() as u64 * 3);
            let mut s = self.state.lock().unwrap();
            s.packages.entry(name.into()).or_default().insert(
                version.into(),
                Version {
                    tgz,
                    integrity,
                    unpacked_size,
                    cut_at: None,
                },
            );
            s.tags
                .entry(name.into())
                .or_default()
                .insert("latest".into(), version.into());
        }

        /// The tarball of a version is served cut off after `at` bytes.
        pub fn cut_off(&self, name: &str, version: &str, at: usize) {
            let mut s = self.state.lock().unwrap();
            s.packages
                .get_mut(name)
                .unwrap()
                .get_mut(version)
                .unwrap()
                .cut_at = Some(at);
        }

        pub fn tag(&self, name: &str, tag: &str, version: &str) {
            let mut s = self.state.lock().unwrap();
            s.tags
                .entry(name.into())
                .or_default()
                .insert(tag.into(), version.into());
        }

        /// The packuments list tarball URLs under another registry (which must serve them).
        pub fn tarballs_at(&self, base_url: &str) {
            self.state.lock().unwrap().tarball_base = Some(base_url.to_string());
        }

        /// Every request so far.
        pub fn requests(&self) -> Vec<Request> {
            self.state.lock().unwrap().requests.clone()
        }

        /// The tarball URL of a version.
        pub fn tarball_url(&self, name: &str, version: &str) -> String {
            tarball_url(&self.url, name, version)
        }

        pub fn base_path(&self) -> &str {
            &self.base_path
        }
    }

    fn bare(name: &str) -> &str {
        name.rsplit('/').next().unwrap()
    }

    fn tarball_url(base: &str, name: &str, version: &str) -> String {
        format!("{base}{name}/-/{}-{version}.tgz", bare(name))
    }

    fn packument(state: &State, name: &str, base_url: &str) -> Option<String> {
        use sha2::Digest;
        let base_url = state.tarball_base.as_deref().unwrap_or(base_url);
        let versions = state.packages.get(name)?;
        let mut json_versions = serde_json::Map::new();
        let mut time = serde_json::Map::new();
        time.insert("created".into(), "2026-01-01T00:00:00.000Z".into());
        for (i, (v, ver)) in versions.iter().enumerate() {
            let bytes: &[u8] = if ver.integrity == Integrity::Wrong {
                b"other bytes"
            } else {
                &ver.tgz
            };
            let sha1: String = sha1::Sha1::digest(bytes)
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            let mut dist = serde_json::json!({
                "tarball": tarball_url(base_url, name, v),
                "shasum": sha1,
                "fileCount": 3,
            });
            if ver.integrity != Integrity::ShasumOnly {
                dist["integrity"] = leakscope::session::Digests::of(bytes).sha512.into();
            }
            if let Some(size) = ver.unpacked_size {
                dist["unpackedSize"] = size.into();
            }
            json_versions.insert(
                v.clone(),
                serde_json::json!({"name": name, "version": v, "dist": dist}),
            );
            time.insert(
                v.clone(),
                format!("2026-02-{:02}T12:00:00.000Z", i + 1).into(),
            );
        }
        Some(
            serde_json::json!({
                "name": name,
                "dist-tags": state.tags.get(name).cloned().unwrap_or_default(),
                "versions": json_versions,
                "time": time,
            })
            .to_string(),
        )
    }

    fn serve(stream: TcpStream, state: &Mutex<State>, base: &str, base_url: &str) {
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        let mut line = String::new();
        if reader.read_line(&mut line).is_err() {
            return;
        }
        let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
        let (mut authorization, mut accept) = (None, None);
        loop {
            let mut header = String::new();
            if reader.read_line(&mut header).unwrap_or(0) == 0 || header.trim().is_empty() {
                break;
            }
            if let Some((k, v)) = header.split_once(':') {
                match k.trim().to_ascii_lowercase().as_str() {
                    "authorization" => authorization = Some(v.trim().to_string()),
                    "accept" => accept = Some(v.trim().to_string()),
                    _ => {}
                }
            }
        }
        let mut s = state.lock().unwrap();
        s.requests.push(Request {
            path: path.clone(),
            authorization: authorization.clone(),
            accept,
        });
        let answer = if s
            .token
            .as_ref()
            .is_some_and(|t| authorization.as_deref() != Some(&format!("Bearer {t}")))
        {
            (
                401,
                br#"{"error":"authentication required"}"#.to_vec(),
                None,
            )
        } else {
            route(&s, &path, base, base_url)
        };
        drop(s);
        let (status, body, cut) = answer;
        let mut out = stream;
        let reason = match status {
            200 => "OK",
            401 => "Unauthorized",
            _ => "Not Found",
        };
        let head = format!(
            "HTTP/1.1 {status} {reason}\r\nContent-Length: {}\r\nContent-Type: application/octet-stream\r\nConnection: close\r\n\r\n",
            body.len()
        );
        let _ = out.write_all(head.as_bytes());
        let _ = out.write_all(&body[..cut.unwrap_or(body.len()).min(body.len())]);
        let _ = out.flush();
        // Drain what the client may still send, then close.
        let _ = out.shutdown(std::net::Shutdown::Write);
        let _ = reader.read(&mut [0; 64]);
    }

    fn route(s: &State, path: &str, base: &str, base_url: &str) -> (u16, Vec<u8>, Option<usize>) {
        let not_found = (404, br#"{"error":"Not found"}"#.to_vec(), None);
        let Some(rest) = path.strip_prefix(base) else {
            return not_found;
        };
        if let Some(bytes) = s.files.get(rest) {
            return (200, bytes.clone(), None);
        }
        let rest = rest.replace("%2f", "/").replace("%2F", "/");
        if let Some((name, file)) = rest.split_once("/-/") {
            let Some(versions) = s.packages.get(name) else {
                return not_found;
            };
            for (v, ver) in versions {
                if file == format!("{}-{v}.tgz", bare(name)) {
                    return (200, ver.tgz.clone(), ver.cut_at);
                }
            }
            return not_found;
        }
        match packument(s, &rest, base_url) {
            Some(json) => (200, json.into_bytes(), None),
            None => not_found,
        }
    }
}

/// A tar header block written byte by byte, as a hostile tool would: `name` as it is (up to
/// 100 bytes, `..` and all), the type flag, the size, the link target; checksum set.
pub fn raw_header(name: &[u8], kind: u8, size: u64, link: &[u8]) -> [u8; 512] {
    let mut h = tar::Header::new_ustar();
    h.set_mode(0o644);
    h.set_size(size);
    h.set_entry_type(tar::EntryType::new(kind));
    let old = h.as_old_mut();
    old.name[..name.len()].copy_from_slice(name);
    old.linkname[..link.len()].copy_from_slice(link);
    h.set_cksum();
    *h.as_bytes()
}

impl Tarball {
    /// A symbolic link, its target written as it is.
    pub fn symlink(self, path: &str, target: &str) -> Tarball {
        let name = format!("{}{path}", self.root);
        self.raw(&raw_header(name.as_bytes(), b'2', 0, target.as_bytes()))
    }

    /// A hard link, its target written as it is.
    pub fn hardlink(self, path: &str, target: &str) -> Tarball {
        let name = format!("{}{path}", self.root);
        self.raw(&raw_header(name.as_bytes(), b'1', 0, target.as_bytes()))
    }

    /// Bytes appended to the tar as they are (headers, content, padding).
    pub fn raw(mut self, bytes: &[u8]) -> Tarball {
        self.builder.get_mut().extend_from_slice(bytes);
        self
    }

    /// The root folder files go under (`package/`).
    pub fn root(&self) -> &str {
        &self.root
    }
}

/// Reads and scans `bytes` through the pipeline under `limits`, without digests (in a
/// debug build, hashing 100 MB takes longer than the scan).
pub fn session_with(bytes: &[u8], limits: leakscope::limits::Limits) -> leakscope::Session {
    use leakscope::session::{Options, Pipeline};
    let options = Options {
        limits,
        digests: false,
        ..Options::scan(0)
    };
    let mut pipeline = Pipeline::bytes("test.tgz", bytes.to_vec(), options);
    while pipeline.step(leakscope::archive::STEP_BYTES) {}
    pipeline.finish().expect("a readable package")
}

/// Content padded to whole 512-byte blocks, as it sits in a tar.
pub fn padded(data: &[u8]) -> Vec<u8> {
    let mut out = data.to_vec();
    out.resize(data.len().next_multiple_of(512), 0);
    out
}

/// A zip written entry by entry (deflated, as every packaging tool writes them), for the
/// zip family's tests: wheels, extensions, Java archives.
pub struct Zip {
    writer: zip::ZipWriter<std::io::Cursor<Vec<u8>>>,
}

impl Default for Zip {
    fn default() -> Zip {
        Zip::new()
    }
}

impl Zip {
    pub fn new() -> Zip {
        Zip {
            writer: zip::ZipWriter::new(std::io::Cursor::new(Vec::new())),
        }
    }

    pub fn file(mut self, path: &str, data: impl AsRef<[u8]>) -> Zip {
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        self.writer.start_file(path, options).unwrap();
        std::io::Write::write_all(&mut self.writer, data.as_ref()).unwrap();
        self
    }

    pub fn bytes(self) -> Vec<u8> {
        self.writer.finish().unwrap().into_inner()
    }
}

/// A Chrome extension: the CRX3 header (magic, version 3, a header of `header_len` bytes),
/// then the zip.
pub fn crx3(zip: &[u8], header_len: u32) -> Vec<u8> {
    let mut out = b"Cr24".to_vec();
    out.extend(3u32.to_le_bytes());
    out.extend(header_len.to_le_bytes());
    out.extend(vec![0x5a; header_len as usize]);
    out.extend(zip);
    out
}

/// Where each record with this signature starts (`PK\x03\x04` local headers, `PK\x01\x02`
/// central directory records), for tests that alter a zip's bytes.
pub fn zip_records(zip: &[u8], signature: &[u8; 4]) -> Vec<usize> {
    memchr::memmem::find_iter(zip, signature).collect()
}
