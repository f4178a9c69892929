//! The `leakscope` binary, run as CI runs it, one module per flag or subcommand.
mod baseline;
mod diff;
mod directory;
mod extract;
mod fail_on;
mod format;
mod formats;
mod packing;
mod policy;
mod registry;
mod sarif;
mod stdin;

use crate::common::{Tarball, source_map};
use assert_cmd::Command;

pub fn leakscope() -> Command {
    let mut cmd = Command::cargo_bin("leakscope").expect("the binary is built");
    cmd.env("NO_COLOR", "1");
    cmd
}

/// A proprietary package whose orphaned map embeds two first-party sources (one with a
/// planted GitHub token) and one dependency.
pub fn leaky_package() -> Vec<u8> {
    leaky_tarball().tgz()
}

pub fn leaky_tarball() -> Tarball {
    Tarball::new("package/")
        .package_json("@acme/cli", Some("UNLICENSED"))
        .file("dist/cli.js", "console.log(1);\n")
        .file(
            "dist/cli.js.map",
            source_map(&LEAKY_SOURCES.map(|(p, c)| (p, Some(c)))),
        )
}

pub const LEAKY_SOURCES: [(&str, &str); 3] = [
    (
        "webpack://acme/./src/main.ts",
        "export const main = () => 'hello';\n",
    ),
    (
        "webpack://acme/./src/util/net.ts",
        "export const net = 42;\n",
    ),
    (
        "webpack://acme/./node_modules/left-pad/index.js",
        "module.exports = leftPad;\n",
    ),
];

/// An open-source package: maps without embedded sources.
pub fn clean_package() -> Vec<u8> {
    Tarball::new("package/")
        .package_json("oss", Some("MIT"))
        .file(
            "index.js",
            "exports.x = 1;\n//# sourceMappingURL=index.js.map\n",
        )
        .file(
            "index.js.map",
            crate::common::source_map_without_content(&["src/index.ts"]),
        )
        .tgz()
}

/// Whether npm is here to pack project folders; a missing npm is skipped (a failure under CI).
pub fn npm_available() -> bool {
    let here = std::process::Command::new("npm")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !here {
        crate::common::missing("npm is not installed");
    }
    here
}

pub fn write_temp(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}
