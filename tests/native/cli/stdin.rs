//! `-` reads the package from standard input, and so does a path that is a pipe.

use super::{leakscope, leaky_package};

#[test]
fn a_tarball_on_stdin_scans_like_a_file() {
    let out = leakscope()
        .args(["scan", "--format", "json", "-"])
        .write_stdin(leaky_package())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["verdict"]["level"], "critical");
    assert_eq!(v["recovered"]["files"], 3);
}

#[test]
fn junk_on_stdin_is_an_input_error() {
    let out = leakscope()
        .args(["scan", "-"])
        .write_stdin(vec![0u8; 4096])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a package Leakscope reads"));
}

/// A path that is a pipe (`<(curl …)`, `/dev/stdin`) cannot be rewound: read whole first.
#[test]
fn a_pipe_given_as_a_path_scans_like_a_file() {
    let out = leakscope()
        .args(["scan", "--format", "json", "/dev/stdin"])
        .write_stdin(leaky_package())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["recovered"]["files"], 3);
}
