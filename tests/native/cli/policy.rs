//! The package's declared policy (`leakscope` in package.json): allowed maps pass,
//! forbidden `sourcesContent` fails naming the policy's line, a dangling
//! `sourceMappingURL` breaks "maps": "require", and "failOn" sets the gate's level.

use crate::common::{Tarball, source_map};

use super::{leakscope, write_temp};

/// An open-source package with `dist/a.js` and its map (with or without the sources'
/// content), whose package.json says `policy` (a JSON object's text, or nothing).
fn package(policy: Option<&str>, with_content: bool, map_shipped: bool) -> Vec<u8> {
    let policy = policy.map_or(String::new(), |p| format!(",\n  \"leakscope\": {p}"));
    let json = format!(
        "{{\n  \"name\": \"oss\",\n  \"version\": \"1.0.0\",\n  \"license\": \"MIT\"{policy}\n}}\n"
    );
    let content = with_content.then_some("export const a = 1;\n");
    let mut t = Tarball::new("package/")
        .file("package.json", json)
        .file("dist/a.js", "a;\n//# sourceMappingURL=a.js.map\n");
    if map_shipped {
        t = t.file("dist/a.js.map", source_map(&[("../src/a.ts", content)]));
    }
    t.tgz()
}

fn scan(pkg: &[u8]) -> (i32, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = write_temp(&dir, "p.tgz", pkg);
    let out = leakscope().arg("scan").arg(&path).output().unwrap();
    let said = String::from_utf8_lossy(&out.stderr).into_owned();
    (out.status.code().unwrap(), said)
}

#[test]
fn forbidden_sources_content_fails_naming_the_policy_line() {
    let policy = "{\n    \"maps\": \"allow\",\n    \"sourcesContent\": \"forbid\"\n  }";
    assert_eq!(
        scan(&package(None, true, true)).0,
        0,
        "without a policy, an OSS map passes"
    );
    assert_eq!(
        scan(&package(Some(policy), false, true)).0,
        0,
        "allowed maps pass"
    );
    let (code, said) = scan(&package(Some(policy), true, true));
    assert_eq!(code, 1, "{said}");
    assert!(
        said.contains("policy: dist/a.js.map: a source map embedding 1 original sources (sourcesContent), against package.json:7: \"sourcesContent\": \"forbid\""),
        "{said}"
    );
}

#[test]
fn maps_required_but_missing_and_fail_on_from_the_policy() {
    let require = r#"{"maps": "require"}"#;
    assert_eq!(
        scan(&package(None, false, false)).0,
        0,
        "a dangling URL alone is info"
    );
    let (code, said) = scan(&package(Some(require), false, false));
    assert_eq!(code, 1, "{said}");
    assert!(
        said.contains("dist/a.js: points to dist/a.js.map, which the package does not ship"),
        "{said}"
    );
    // The OSS map with its sources is low: a policy failing on low fails it.
    assert_eq!(
        scan(&package(Some(r#"{"failOn": "low"}"#), true, true)).0,
        1
    );
    let (code, said) = scan(&package(Some(r#"{"maps": "sometimes"}"#), true, true));
    assert_eq!(code, 2);
    assert!(
        said.contains("the Leakscope policy in package.json"),
        "{said}"
    );
}
