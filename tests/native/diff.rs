//! The comparison of two versions (`leakscope::diff`), on real tarballs.

use leakscope::Severity;
use leakscope::diff::{FileStatus, Which, compare};

use crate::common::{Tarball, github_token, package_json_text, session, source_map};

/// `@acme/cli` at `version`: a proprietary CLI; with `map`, its build left an orphaned map
/// that embeds two of its own sources and a dependency.
pub fn acme(version: &str, map: bool) -> Vec<u8> {
    let mut t = Tarball::new("package/")
        .file(
            "package.json",
            package_json_text("@acme/cli", version, Some("UNLICENSED")),
        )
        .file("dist/cli.js", "console.log(1);\n")
        .file("README.md", format!("# acme {version}\n"));
    if map {
        t = t.file(
            "dist/cli.js.map",
            source_map(&[
                (
                    "webpack://acme/./src/main.ts",
                    Some("export const main = 1;\n"),
                ),
                (
                    "webpack://acme/./src/net.ts",
                    Some("export const net = 2;\n"),
                ),
                (
                    "webpack://acme/./node_modules/lp/index.js",
                    Some("module.exports = 1;\n"),
                ),
            ]),
        );
    }
    t.tgz()
}

#[test]
fn adding_an_orphaned_map_is_the_headline() {
    let old = session(&acme("2.1.87", false));
    let new = session(&acme("2.1.88", true));
    let c = compare(&old, &new);
    assert_eq!(c.new.version.as_deref(), Some("2.1.88"));
    let files: Vec<(&str, FileStatus)> = c
        .files
        .iter()
        .map(|f| (f.path.as_str(), f.status))
        .collect();
    assert_eq!(
        files,
        [
            ("dist/cli.js.map", FileStatus::Added),
            ("README.md", FileStatus::Changed),
            ("package.json", FileStatus::Changed),
        ]
    );
    assert_eq!(c.unchanged_files, 1);
    let map = &c.files[0];
    assert_eq!(map.old_bytes, None);
    assert_eq!(map.delta, map.new_bytes.unwrap() as i64);
    assert_eq!(c.files[2].delta, 0, "2.1.87 and 2.1.88 are as long");
    // New findings first, the worst first: the leak.
    let first = &c.new_findings[0];
    assert_eq!(
        (first.rule.as_str(), first.severity, first.path.as_str()),
        (
            "sourcemap-embedded-sources",
            Severity::Critical,
            "dist/cli.js.map"
        )
    );
    assert!(c.gone_findings.is_empty());
    let size = leakscope::text::size(map.new_bytes.unwrap());
    let headline = format!(
        "2.1.88 adds `dist/cli.js.map`, {size}, which embeds 2 of the package's own source files."
    );
    assert_eq!(c.highlights, std::slice::from_ref(&headline));
    assert!(c.summary.starts_with(&headline), "{}", c.summary);
    assert!(
        c.summary
            .contains("Compared with 2.1.87: 1 file added, 0 removed, 2 changed"),
        "{}",
        c.summary
    );
    assert!(c.fails(Severity::High) && c.fails(Severity::Critical));
    // The tree of NEW, marked.
    let st = c.statuses(Which::New, paths_of(&new));
    assert_eq!(st.get("dist/cli.js.map"), Some(FileStatus::Added));
    assert_eq!(st.get("dist/cli.js"), Some(FileStatus::Unchanged));
    assert_eq!(st.get("dist"), Some(FileStatus::Changed));
    assert_eq!(st.get("dist/"), Some(FileStatus::Changed));
    assert_eq!(st.get("package.json"), Some(FileStatus::Changed));
    assert_eq!(st.get(""), Some(FileStatus::Changed));
    assert_eq!(st.get("nowhere"), None);
    // The tree of OLD: what NEW adds under a folder changes it.
    let st = c.statuses(Which::Old, paths_of(&old));
    assert_eq!(st.get("dist/cli.js"), Some(FileStatus::Unchanged));
    assert_eq!(st.get("dist"), Some(FileStatus::Changed));
    assert_eq!(st.get("package.json"), Some(FileStatus::Changed));
}

fn paths_of(s: &leakscope::Session) -> Vec<&str> {
    s.archive
        .entries()
        .iter()
        .map(|e| e.path.as_str())
        .collect()
}

#[test]
fn removing_it_fails_nothing() {
    let old = session(&acme("2.1.88", true));
    let new = session(&acme("2.1.89", false));
    let c = compare(&old, &new);
    assert!(
        c.new_findings.iter().all(|f| !f.is_notable()),
        "{:?}",
        c.new_findings
    );
    assert!(!c.fails(Severity::Info));
    assert_eq!(
        c.gone_findings[0].rule.as_str(),
        "sourcemap-embedded-sources"
    );
    assert!(c.highlights.is_empty());
    assert!(c.summary.contains("no new findings"), "{}", c.summary);
    let removed: Vec<&str> = c
        .files
        .iter()
        .filter(|f| f.status == FileStatus::Removed)
        .map(|f| f.path.as_str())
        .collect();
    assert_eq!(removed, ["dist/cli.js.map"]);
    let st = c.statuses(Which::New, paths_of(&new));
    // Only unchanged files left in dist/, but it lost one.
    assert_eq!(st.get("dist"), Some(FileStatus::Changed));
    assert_eq!(st.get("dist/cli.js"), Some(FileStatus::Unchanged));
    // In OLD's tree, the map is what NEW removes.
    let st = c.statuses(Which::Old, paths_of(&old));
    assert_eq!(st.get("dist/cli.js.map"), Some(FileStatus::Removed));
    assert_eq!(st.get("dist"), Some(FileStatus::Changed));
}

#[test]
fn a_package_compared_with_itself() {
    let a = session(&acme("1.0.0", true));
    let b = session(&acme("1.0.0", true));
    let c = compare(&a, &b);
    assert!(c.files.is_empty() && c.new_findings.is_empty() && c.gone_findings.is_empty());
    assert_eq!(c.kept_findings, a.analysis.findings.len());
    assert!(
        c.summary
            .contains("0 files added, 0 removed, 0 changed; no new findings, none gone"),
        "{}",
        c.summary
    );
    let paths: Vec<&str> = b
        .archive
        .entries()
        .iter()
        .map(|e| e.path.as_str())
        .collect();
    assert_eq!(
        c.statuses(Which::New, paths).get(""),
        Some(FileStatus::Unchanged)
    );
}

#[test]
fn a_secret_that_moved_lines_is_the_same_finding() {
    let token = github_token();
    let pkg = |version: &str, pad: usize| {
        Tarball::new("package/")
            .file(
                "package.json",
                package_json_text("cfg", version, Some("MIT")),
            )
            .file(
                "config.js",
                format!("{}const t = '{token}';\n", "\n".repeat(pad)),
            )
            .tgz()
    };
    let old = session(&pkg("1.0.0", 2));
    let new = session(&pkg("1.0.1", 9));
    let secret = |s: &leakscope::Session| {
        s.analysis
            .findings
            .iter()
            .find(|f| f.rule.as_str() == "github-pat")
            .map(|f| f.line)
            .expect("the token is found")
    };
    assert_eq!((secret(&old), secret(&new)), (Some(3), Some(10)));
    let c = compare(&old, &new);
    assert!(
        c.new_findings
            .iter()
            .all(|f| f.rule.as_str() != "github-pat")
    );
    assert!(
        c.gone_findings
            .iter()
            .all(|f| f.rule.as_str() != "github-pat")
    );
    assert_eq!(
        c.files
            .iter()
            .find(|f| f.path == "config.js")
            .unwrap()
            .status,
        FileStatus::Changed
    );
}

#[test]
fn reports_json_markdown_and_sarif() {
    let old = session(&acme("2.1.87", false));
    let new = session(&acme("2.1.88", true));
    let c = compare(&old, &new);
    let json: serde_json::Value = serde_json::from_str(&c.to_json()).unwrap();
    assert_eq!(json["kind"], "comparison");
    assert_eq!(json["schema"], 1);
    assert_eq!(json["new"]["version"], "2.1.88");
    assert_eq!(json["old"]["label"], "@acme/cli@2.1.87");
    assert_eq!(
        json["new_findings"][0]["rule"],
        "sourcemap-embedded-sources"
    );
    assert_eq!(json["files"][0]["status"], "added");
    assert_eq!(json["files"][0]["path"], "dist/cli.js.map");
    assert!(
        json["summary"]
            .as_str()
            .unwrap()
            .contains("adds `dist/cli.js.map`")
    );
    // Round trip, as the worker sends it to the page.
    let back: leakscope::diff::Comparison =
        bincode::deserialize(&bincode::serialize(&c).unwrap()).unwrap();
    assert_eq!(back, c);

    let md = c.markdown();
    assert!(
        md.starts_with("## Leakscope: `@acme/cli@2.1.87` → `@acme/cli@2.1.88`"),
        "{md}"
    );
    assert!(md.contains("| Verdict | CLEAN | CRITICAL |"), "{md}");
    assert!(md.contains("### New in 2.1.88 (1)"), "{md}");
    assert!(md.contains("| critical | `dist/cli.js.map` |"), "{md}");
    assert!(md.contains("| added | `dist/cli.js.map` |"), "{md}");
    let new_at = md.find("### New in").unwrap();
    let gone_at = md.find("### Gone since").unwrap();
    assert!(new_at < gone_at);

    let sarif: serde_json::Value = serde_json::from_str(&c.sarif()).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), c.new_findings.len());
    assert_eq!(results[0]["ruleId"], "sourcemap-embedded-sources");
    assert_eq!(
        results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "dist/cli.js.map"
    );
}

#[test]
fn markdown_escapes_hostile_names() {
    let evil = "dist/<img src=x onerror=alert(1)>|`x`.js.map";
    let map = source_map(&[("webpack://a/./src/a.ts", Some("export {};\n"))]);
    let old = session(
        &Tarball::new("package/")
            .file("package.json", package_json_text("e", "1.0.0", None))
            .tgz(),
    );
    let new = session(
        &Tarball::new("package/")
            .file("package.json", package_json_text("e", "1.0.1", None))
            .file(evil, map)
            .tgz(),
    );
    let md = compare(&old, &new).markdown();
    // The name only ever appears inside a code span, with its backticks made quotes and its
    // pipe escaped, so it can neither become HTML nor break a table.
    assert_eq!(
        md.matches("<img").count(),
        md.matches("`dist/<img src=x onerror=alert(1)>\\|'x'.js.map`")
            .count(),
        "{md}"
    );
    assert!(md.matches("<img").count() >= 3, "{md}");
    for line in md.lines() {
        assert_eq!(line.matches('`').count() % 2, 0, "{line}");
    }
}
