//! Builds real package tarballs for the tests with the `tar` and `flate2` crates.
#![allow(dead_code)] // each test binary uses a different part of this module

use std::io::Write;

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
    let analysis = leakscope::scan(&archive);
    let input = InputInfo {
        name: "test.tgz".into(),
        bytes: bytes.len() as u64,
        digests: Some(Digests::of(bytes)),
    };
    Session::new(input, archive, analysis, 0)
}
