//! The judgement corpus: real public packages (npm tarballs, Python wheels and sdists) that nobody here built, each with the verdict a
//! careful reviewer gives it (`tests/corpus/packages.json`, with the reason for each). Every
//! package must get its verdict, and a decoy (minified bundles, CSS with data URIs, lockfiles,
//! crypto libraries with test vectors) no secret finding at medium or above. The tarballs are
//! fetched by exact version and integrity into `target/corpus/` (not committed) by
//!
//!   bash scripts/corpus      # fetch what is missing, then run this test (scripts/test does)

use std::path::{Path, PathBuf};

use leakscope::Severity;
use leakscope::session::{Options, Pipeline};

#[derive(serde::Deserialize)]
struct Corpus {
    packages: Vec<Package>,
}

#[derive(serde::Deserialize)]
struct Package {
    name: String,
    version: String,
    /// npm's SHA-512 integrity.
    integrity: Option<String>,
    /// A Python release's file name, URL and SHA-256 (hex, as PyPI gives it).
    file: Option<String>,
    url: Option<String>,
    sha256: Option<String>,
    expect: String,
    /// What leads the verdict: `own-source`, `secrets`, `exposure` (not checked if absent).
    outcome: Option<String>,
    /// Other levels a reviewer would also sign.
    #[serde(default)]
    accept: Vec<String>,
    #[serde(default)]
    decoy: bool,
    why: String,
}

impl Package {
    /// The file `scripts/corpus.mjs` saves it as (npm's own name for a packed tarball, a
    /// Python release's own file name).
    fn file(&self) -> String {
        if let Some(file) = &self.file {
            return file.clone();
        }
        let name = self.name.trim_start_matches('@').replacen('/', "-", 1);
        format!("{name}-{}.tgz", self.version)
    }

    /// What is wrong with the verdict on this package, if anything.
    fn judge(&self, session: &leakscope::Session) -> Vec<String> {
        let (analysis, verdict) = (&session.analysis, &session.verdict);
        let mut wrong = Vec::new();
        let level = verdict.level.as_str();
        if level != self.expect && !self.accept.iter().any(|a| a == level) {
            wrong.push(format!("verdict {level}, expected {}", self.expect));
        }
        let outcome = serde_json::to_value(verdict.outcome).unwrap();
        // What leads is checked at the expected level (an accepted other level says less).
        if let Some(expected) = &self.outcome
            && level == self.expect
            && outcome != expected.as_str()
        {
            wrong.push(format!("led by {outcome}, expected {expected}"));
        }
        if self.decoy {
            wrong.extend(
                analysis
                    .findings
                    .iter()
                    .filter(|f| f.rule.is_secret() && f.severity >= Severity::Medium)
                    .map(|f| format!("decoy: {} {} at {}", f.severity, f.rule, f.location())),
            );
        }
        if !wrong.is_empty() {
            let loud = analysis
                .findings
                .iter()
                .filter(|f| f.severity >= Severity::Medium)
                .take(5);
            wrong.extend(loud.map(|f| {
                format!(
                    "  ({} {} {}: {})",
                    f.severity,
                    f.rule,
                    f.location(),
                    f.message
                )
            }));
        }
        wrong
    }
}

fn corpus() -> (Corpus, PathBuf) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let json = std::fs::read(root.join("tests/corpus/packages.json")).unwrap();
    (
        serde_json::from_slice(&json).unwrap(),
        root.join("target/corpus"),
    )
}

#[test]
#[ignore = "needs the corpus fetched: bash scripts/corpus"]
fn every_package_gets_the_verdict_a_reviewer_gives() {
    let (corpus, dir) = corpus();
    let mut failures = Vec::new();
    let started = std::time::Instant::now();
    for package in &corpus.packages {
        let path = dir.join(package.file());
        if !path.exists() {
            crate::common::missing(&format!("{} is not fetched", path.display()));
            return;
        }
        let options = Options {
            digests: false,
            ..Options::scan(0)
        };
        let session = Pipeline::file(&path, options).unwrap().finish().unwrap();
        let a = &session.analysis;
        println!(
            "{:<9} {}@{}  ({} files, {} maps, {} recovered)",
            session.verdict.level.as_str(),
            package.name,
            package.version,
            a.files,
            a.source_maps.len(),
            a.recovered.len()
        );
        let wrong = package.judge(&session);
        if !wrong.is_empty() {
            failures.push(format!(
                "{}@{} ({})\n  {}",
                package.name,
                package.version,
                package.why,
                wrong.join("\n  ")
            ));
        }
    }
    println!(
        "corpus: {} packages judged in {:.1} s, {} wrong",
        corpus.packages.len(),
        started.elapsed().as_secs_f64(),
        failures.len()
    );
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// The corpus's own data: pinned (an exact version and npm's SHA-512 integrity, or a Python
/// file's URL and SHA-256), explained, and every expected level a real one.
#[test]
fn the_corpus_is_pinned_and_explained() {
    let levels = ["critical", "high", "medium", "low", "clean"];
    let (corpus, _) = corpus();
    for package in &corpus.packages {
        let id = format!("{}@{}", package.name, package.version);
        let pinned = match (
            &package.integrity,
            &package.sha256,
            &package.url,
            &package.file,
        ) {
            (Some(sri), None, None, None) => {
                semver::Version::parse(&package.version).is_ok()
                    && sri.starts_with("sha512-")
                    && sri.len() == 95
            }
            (None, Some(hex), Some(url), Some(file)) => {
                hex.len() == 64
                    && hex.bytes().all(|b| b.is_ascii_hexdigit())
                    && url.starts_with("https://files.pythonhosted.org/")
                    && url.ends_with(&format!("/{file}"))
                    && file.contains(&format!("-{}", package.version))
            }
            _ => false,
        };
        assert!(pinned, "{id}: pinned by exact version and digest");
        assert!(package.why.len() > 20, "{id}: why this verdict");
        for level in std::iter::once(&package.expect).chain(&package.accept) {
            assert!(levels.contains(&level.as_str()), "{id}: {level}");
        }
    }
}
