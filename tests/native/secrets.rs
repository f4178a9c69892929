//! The secret scanner against decoys: well-known packages' real files (minified bundles, CSS
//! with data URIs and fonts, lockfiles, crypto libraries with test vectors), which must give
//! no finding at medium or above once each hit is assessed in its context. The corpus is
//! fetched by `bash scripts/decoys` into `target/decoys/x/` (not committed); without it the
//! test is skipped. Run it with
//!
//!   bash scripts/decoys
//!   # or, once fetched: cargo test --release --test native secrets -- --ignored --nocapture

use std::path::{Path, PathBuf};

use leakscope::finding::Severity;
use leakscope::scan::secrets;

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn is_text(bytes: &[u8]) -> bool {
    !bytes.iter().take(8000).any(|&b| b == 0)
}

#[test]
#[ignore = "needs the decoy corpus: bash scripts/decoys"]
fn decoys_give_no_finding_at_medium_or_above() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/decoys/x");
    if !root.is_dir() {
        eprintln!(
            "no decoy corpus at {}; run bash scripts/decoys",
            root.display()
        );
        return;
    }
    let mut all = Vec::new();
    files(&root, &mut all);
    let (mut scanned, mut bytes) = (0usize, 0usize);
    let mut low: std::collections::BTreeMap<(&str, Option<&str>), usize> = Default::default();
    let mut loud = Vec::new();
    for path in &all {
        let Ok(data) = std::fs::read(path) else {
            continue;
        };
        if !is_text(&data) {
            continue;
        }
        let rel = path
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        // The package-relative path: drop `<tarball>/package/`.
        let in_package = rel.splitn(3, '/').nth(2).unwrap_or(&rel).to_string();
        let folder = path.parent().unwrap();
        let siblings: Vec<(String, Vec<u8>)> = std::fs::read_dir(folder)
            .into_iter()
            .flatten()
            .flatten()
            .filter(|e| e.path() != *path && e.path().is_file())
            .map(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                let small = e.metadata().is_ok_and(|m| m.len() < 64 * 1024);
                (
                    name,
                    if small {
                        std::fs::read(e.path()).unwrap_or_default()
                    } else {
                        Vec::new()
                    },
                )
            })
            .collect();
        let mut texts: Vec<(String, Vec<u8>)> = vec![(in_package.clone(), data.clone())];
        if rel.ends_with(".map")
            && let Ok(map) = serde_json::from_slice::<serde_json::Value>(&data)
            && let Some(contents) = map.get("sourcesContent").and_then(|s| s.as_array())
        {
            let sources = map.get("sources").and_then(|s| s.as_array());
            for (i, c) in contents.iter().enumerate() {
                if let Some(c) = c.as_str() {
                    let name = sources
                        .and_then(|s| s.get(i))
                        .and_then(|s| s.as_str())
                        .unwrap_or("source")
                        .to_string();
                    texts.push((name, c.as_bytes().to_vec()));
                }
            }
        }
        for (name, text) in &texts {
            scanned += 1;
            bytes += text.len();
            for hit in secrets::find(text) {
                let a = secrets::assess(
                    &hit,
                    name,
                    text,
                    siblings.iter().map(|(n, b)| (n.as_str(), b.as_slice())),
                );
                if a.severity >= Severity::Medium {
                    loud.push(format!(
                        "{rel} ({name}) line {}: {} {:?} {}",
                        hit.line, hit.rule.id, a.severity, hit.redacted
                    ));
                } else {
                    *low.entry((hit.rule.id, a.note)).or_default() += 1;
                }
            }
        }
    }
    println!(
        "decoys: {scanned} texts, {bytes} bytes, {} findings at medium or above, {} below",
        loud.len(),
        low.values().sum::<usize>()
    );
    for ((id, note), n) in &low {
        println!("  below medium: {n} x {id} ({})", note.unwrap_or("no note"));
    }
    assert!(loud.is_empty(), "{}", loud.join("\n"));
}

/// The new-user check: tokens of well-known providers written into one source file,
/// in their documented formats (generated), are all found, each as its own rule.
#[test]
fn tokens_of_many_providers_in_one_file_are_all_found() {
    let ids = [
        "aws-access-key-id",
        "aws-secret-access-key",
        "gcp-api-key", // its sample ends in '-'
        "github-pat",
        "github-fine-grained-pat",
        "gitlab-pat",
        "npm-access-token",
        "pypi-upload-token",
        "dockerhub-token",
        "databricks-token",
        "doppler-token",
        "postman-api-key",
        "grafana-cloud-token",
        "grafana-service-account-token",
        "new-relic-user-key",
        "sentry-user-token",
        "sentry-org-token",
        "supabase-token",
        "supabase-service-role-key",
        "pulumi-token",
        "age-secret-key",
        "stripe-live-key",
        "slack-bot-token",
        "slack-webhook",
        "sendgrid-api-key",
        "openai-api-key",
        "anthropic-api-key",
        "huggingface-token",
        "digitalocean-token",
        "hashicorp-vault-token",
        "terraform-cloud-token",
        "shopify-token",
        "linear-api-key",
        "datadog-api-key",
        "heroku-api-key-v2",
        "private-key",
        "jwt",
        "database-url",
    ];
    let mut file = String::from("// config.js\n");
    let mut lines = Vec::new();
    for (n, id) in ids.iter().enumerate() {
        let sample = secrets::sample(id, 1000 + n as u64).expect("a rule");
        lines.push(file.lines().count() + 1);
        file.push_str(&sample);
        file.push('\n');
    }
    let hits = secrets::find(file.as_bytes());
    for (id, line) in ids.iter().zip(lines) {
        assert!(
            hits.iter()
                .any(|h| h.rule.id == *id && h.line as usize == line),
            "{id} (line {line}) missed: {:?}",
            hits.iter().map(|h| (h.rule.id, h.line)).collect::<Vec<_>>()
        );
    }
    assert!(ids.len() >= 30);
}
