//! Why npm packed a file, and the fix: checked against `npm pack --dry-run --json` on
//! project folders, and the fix applied to the folder really leaving the file out.

use std::path::Path;

use super::{leakscope, npm_available};
use crate::common::{github_token, source_map};

/// package.json without `files`.
const NO_FILES: &str = r#"{"name":"@acme/cli","version":"1.0.0","license":"UNLICENSED"}"#;

/// A project folder: `files` is written into package.json as given, with a leaking map
/// (its sources embedded, by webpack) beside its bundle.
fn project(package_json: &str, extra: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let map = source_map(&[(
        "webpack://acme/./src/main.ts",
        Some("export const a = 1;\n"),
    )]);
    let files = [
        ("package.json", package_json),
        (
            "dist/cli.js",
            "console.log(1);\n//# sourceMappingURL=cli.js.map\n",
        ),
        ("dist/cli.js.map", map.as_str()),
        ("src/main.ts", "export const a = 1;\n"),
    ];
    for (path, text) in files.iter().chain(extra) {
        let at = dir.path().join(path);
        std::fs::create_dir_all(at.parent().unwrap()).unwrap();
        std::fs::write(at, text).unwrap();
    }
    dir
}

/// What npm itself would pack.
fn npm_packs(dir: &Path) -> Vec<String> {
    let out = std::process::Command::new("npm")
        .args(["pack", "--dry-run", "--json", "--ignore-scripts"])
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v[0]["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect()
}

/// The report's entry for `path`.
fn shipped(dir: &Path, path: &str) -> serde_json::Value {
    let out = leakscope()
        .args(["scan", "--format", "json"])
        .arg(dir)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["npm_rules"].as_str().unwrap().contains("npm 10.3 to 11"));
    v["shipped"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["path"] == path)
        .unwrap_or_else(|| panic!("no entry for {path}: {}", v["shipped"]))
        .clone()
}

/// The text between the first two `quote`s.
fn quoted(text: &str, quote: char) -> &str {
    let start = text.find(quote).unwrap() + 1;
    let end = start + text[start..].find(quote).unwrap();
    &text[start..end]
}

fn append(dir: &Path, file: &str, line: &str) {
    let path = dir.join(file);
    let mut text = std::fs::read_to_string(&path).unwrap_or_default();
    text.push_str(line);
    text.push('\n');
    std::fs::write(path, text).unwrap();
}

/// The fix applied, npm packs the folder again without the file, and no finding is left
/// on it.
fn fixed(dir: &Path, path: &str) {
    assert!(
        !npm_packs(dir).contains(&path.to_string()),
        "npm still packs {path}"
    );
    let out = leakscope()
        .args(["scan", "--format", "json"])
        .arg(dir)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let left: Vec<_> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["path"] == path)
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn a_files_entry_is_named_with_its_line_and_its_negation_removes_the_map() {
    if !npm_available() {
        return;
    }
    let json = "{\n  \"name\": \"@acme/cli\",\n  \"version\": \"1.0.0\",\n  \"license\": \"UNLICENSED\",\n  \"files\": [\n    \"dist\"\n  ]\n}\n";
    let dir = project(json, &[]);
    assert!(npm_packs(dir.path()).contains(&"dist/cli.js.map".to_string()));
    let entry = shipped(dir.path(), "dist/cli.js.map");
    assert_eq!(entry["reason"]["files-entry"]["entry"], "dist");
    assert_eq!(
        entry["why"],
        "package.json:6: the \"files\" entry \"dist\" matched dist/cli.js.map."
    );
    let fix = entry["fix"].as_str().unwrap();
    assert_eq!(
        fix,
        "Add `\"!dist/**/*.map\"` to \"files\" in package.json, after \"dist\"."
    );
    assert!(
        entry["build_fix"]
            .as_str()
            .unwrap()
            .starts_with("webpack built this map"),
        "{entry}"
    );
    // Applied as the fix says.
    let json = json.replace("\"dist\"\n", "\"dist\",\n    \"!dist/**/*.map\"\n");
    std::fs::write(dir.path().join("package.json"), json).unwrap();
    fixed(dir.path(), "dist/cli.js.map");
}

#[test]
fn without_files_the_npmignore_is_named_and_its_new_line_removes_the_map() {
    if !npm_available() {
        return;
    }
    let dir = project(NO_FILES, &[(".npmignore", "src\n")]);
    let entry = shipped(dir.path(), "dist/cli.js.map");
    assert_eq!(entry["reason"]["no-files"]["ignore_files"][0], ".npmignore");
    assert_eq!(
        entry["why"],
        "package.json has no \"files\" list, and no line of .npmignore excludes it."
    );
    let fix = entry["fix"].as_str().unwrap();
    assert_eq!(fix, "Add the line `*.map` to .npmignore.");
    append(dir.path(), ".npmignore", quoted(fix, '`'));
    fixed(dir.path(), "dist/cli.js.map");
}

#[test]
fn a_package_without_files_or_ignore_files_is_told_to_create_one() {
    if !npm_available() {
        return;
    }
    let token = github_token();
    let dir = project(NO_FILES, &[("config/.env", &format!("TOKEN={token}\n"))]);
    let entry = shipped(dir.path(), "config/.env");
    assert_eq!(
        entry["why"],
        "package.json has no \"files\" list and there is no .npmignore or .gitignore: npm packs everything."
    );
    let fix = entry["fix"].as_str().unwrap();
    assert_eq!(fix, "Create .npmignore with the line `/config/.env`.");
    append(dir.path(), ".npmignore", quoted(fix, '`'));
    let map_fix = shipped(dir.path(), "dist/cli.js.map")["fix"].clone();
    assert_eq!(map_fix, "Add the line `*.map` to .npmignore.");
    append(dir.path(), ".npmignore", "*.map");
    fixed(dir.path(), "config/.env");
}

#[test]
fn a_gitignore_that_npm_reads_is_named_and_a_line_there_is_the_fix() {
    if !npm_available() {
        return;
    }
    let dir = project(NO_FILES, &[(".gitignore", "node_modules\n")]);
    let entry = shipped(dir.path(), "dist/cli.js.map");
    assert_eq!(
        entry["why"],
        "package.json has no \"files\" list, and no line of .gitignore excludes it."
    );
    let fix = entry["fix"].as_str().unwrap();
    assert!(
        fix.starts_with("Add the line `*.map` to .gitignore"),
        "{fix}"
    );
    append(dir.path(), ".gitignore", quoted(fix, '`'));
    fixed(dir.path(), "dist/cli.js.map");
}

#[test]
fn an_inline_map_gets_the_bundler_fix_not_a_packing_one() {
    if !npm_available() {
        return;
    }
    use base64::Engine;
    let map = source_map(&[("../src/main.ts", Some("export const a = 1;\n"))]);
    let js = format!(
        "console.log(1);\n//# sourceMappingURL=data:application/json;base64,{}\n",
        base64::engine::general_purpose::STANDARD.encode(map)
    );
    let json = "{\"name\":\"@acme/cli\",\"version\":\"1.0.0\",\"license\":\"UNLICENSED\",\"main\":\"dist/app.js\"}";
    let dir = project(json, &[("dist/app.js", &js)]);
    let entry = shipped(dir.path(), "dist/app.js");
    assert_eq!(entry["reason"]["entry"]["field"], "main");
    assert_eq!(
        entry["why"],
        "package.json:1: \"main\" names it, and npm always packs what \"main\" names."
    );
    assert!(entry["fix"].is_null(), "{entry}");
    assert!(
        entry["build_fix"]
            .as_str()
            .unwrap()
            .contains("esbuild `sourcesContent: false`"),
        "{entry}"
    );
}

/// The fixes that are not a plain negation, applied as given: an entry naming the file is
/// removed, a `!` line that brings files back is followed by one that leaves this one out,
/// and a name with glob characters is written as a literal.
#[test]
fn the_other_fixes_applied_as_given_leave_the_file_out() {
    if !npm_available() {
        return;
    }
    // An entry naming the map.
    let json = r#"{"name":"@acme/cli","version":"1.0.0","license":"UNLICENSED","files":["dist/cli.js","dist/cli.js.map"]}"#;
    let dir = project(json, &[]);
    let fix = shipped(dir.path(), "dist/cli.js.map")["fix"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        fix,
        "Remove \"dist/cli.js.map\" from \"files\" in package.json."
    );
    let json = json.replace(r#","dist/cli.js.map""#, "");
    std::fs::write(dir.path().join("package.json"), json).unwrap();
    fixed(dir.path(), "dist/cli.js.map");

    // `*` then `!dist/**`: removing the `!` line would drop all of dist.
    let dir = project(NO_FILES, &[(".npmignore", "*\n!dist/**\n")]);
    let entry = shipped(dir.path(), "dist/cli.js.map");
    assert_eq!(entry["why"], ".npmignore:2: `!dist/**` brings it back.");
    let fix = entry["fix"].as_str().unwrap();
    assert_eq!(fix, "Add the line `*.map` after line 2 of .npmignore.");
    append(dir.path(), ".npmignore", quoted(fix, '`'));
    fixed(dir.path(), "dist/cli.js.map");
    assert!(npm_packs(dir.path()).contains(&"dist/cli.js".to_string()));

    // A Next.js-style name: `[id]` is a glob class unless escaped.
    let json = r#"{"name":"@acme/cli","version":"1.0.0","license":"UNLICENSED","files":["dist"]}"#;
    let dir = project(json, &[("dist/[id]/.env", "KEY=1\n")]);
    let fix = shipped(dir.path(), "dist/[id]/.env")["fix"]
        .as_str()
        .unwrap()
        .to_string();
    let entry = quoted(&fix, '`');
    assert_eq!(entry, r#""!dist/\\[id\\]/.env""#);
    let json = json.replace(r#""dist"]"#, &format!(r#""dist",{entry}]"#));
    std::fs::write(dir.path().join("package.json"), json).unwrap();
    fixed(dir.path(), "dist/[id]/.env");
    assert!(npm_packs(dir.path()).contains(&"dist/cli.js.map".to_string()));
}
