//! `--fail-on`: the exit code a release pipeline gates on.

use crate::common::Tarball;

use super::{clean_package, leakscope, leaky_package, write_temp};

fn exit_code(bytes: &[u8], fail_on: Option<&str>) -> i32 {
    let dir = tempfile::tempdir().unwrap();
    let pkg = write_temp(&dir, "p.tgz", bytes);
    let mut cmd = leakscope();
    cmd.arg("scan").arg(&pkg);
    if let Some(level) = fail_on {
        cmd.args(["--fail-on", level]);
    }
    cmd.output().unwrap().status.code().unwrap()
}

/// Worst finding: medium (an open-source map whose paths name a user).
fn medium_package() -> Vec<u8> {
    let map = crate::common::source_map(&[("/Users/ann/app/src/a.ts", Some("x"))]);
    Tarball::new("package/")
        .package_json("oss", Some("MIT"))
        .file("a.js.map", map)
        .tgz()
}

#[test]
fn default_is_high() {
    assert_eq!(exit_code(&leaky_package(), None), 1);
    assert_eq!(exit_code(&medium_package(), None), 0);
    assert_eq!(exit_code(&clean_package(), None), 0);
}

#[test]
fn each_level() {
    for (level, leaky, medium, clean) in [
        ("critical", 1, 0, 0),
        ("high", 1, 0, 0),
        ("medium", 1, 1, 0),
        ("low", 1, 1, 0),
        ("info", 1, 1, 1),
    ] {
        assert_eq!(
            exit_code(&leaky_package(), Some(level)),
            leaky,
            "{level} leaky"
        );
        assert_eq!(
            exit_code(&medium_package(), Some(level)),
            medium,
            "{level} medium"
        );
        assert_eq!(
            exit_code(&clean_package(), Some(level)),
            clean,
            "{level} clean"
        );
    }
}

#[test]
fn usage_and_input_errors_exit_2() {
    assert_eq!(exit_code(b"not a package", None), 2);
    assert_eq!(
        leakscope()
            .args(["scan", "--fail-on", "severe", "x.tgz"])
            .output()
            .unwrap()
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        leakscope().args(["scan"]).output().unwrap().status.code(),
        Some(2)
    );
    let out = leakscope()
        .args(["scan", "/no/such/file.tgz"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read /no/such/file.tgz"));
}

#[test]
fn help_documents_the_exit_codes() {
    let out = leakscope().args(["scan", "--help"]).output().unwrap();
    let help = String::from_utf8(out.stdout).unwrap();
    assert!(
        help.contains("0  no finding at or above --fail-on that --baseline does not accept"),
        "{help}"
    );
    assert!(
        help.contains("1  such a finding, or a stale baseline entry"),
        "{help}"
    );
    assert!(help.contains("--fail-on <SEVERITY>"));
    assert!(help.contains("--baseline <FILE>") && help.contains("--write-baseline <FILE>"));
}
