//! The secret scanner on whole files: many providers' tokens in one file, and lockfiles. Real
//! packages (minified bundles, CSS with data URIs, crypto test vectors) are the judgement
//! corpus's decoys (`corpus.rs`).

use std::path::Path;

use leakscope::finding::Severity;
use leakscope::scan::secrets;

/// Lockfiles are full of hashes and URLs: this repository's own give no finding at medium or
/// above.
#[test]
fn lockfiles_give_no_finding() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for name in ["package-lock.json", "Cargo.lock"] {
        let text = std::fs::read(root.join(name)).unwrap();
        let loud: Vec<String> = secrets::find(&text)
            .iter()
            .map(|hit| (hit, secrets::assess(hit, name, &text, std::iter::empty())))
            .filter(|(_, a)| a.severity >= Severity::Medium)
            .map(|(hit, a)| format!("{name}:{} {} {:?}", hit.line, hit.rule.id, a.severity))
            .collect();
        assert!(loud.is_empty(), "{}", loud.join("\n"));
    }
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
                .any(|h| h.rule.id.as_str() == *id && h.line as usize == line),
            "{id} (line {line}) missed: {:?}",
            hits.iter()
                .map(|h| (h.rule.id.as_str(), h.line))
                .collect::<Vec<_>>()
        );
    }
    assert!(ids.len() >= 30);
}
