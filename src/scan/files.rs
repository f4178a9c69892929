//! Files that should never be published, and original sources shipped beside built output.
//! Judged by path (and, for `.npmrc`, by whether it holds a literal token).

use crate::finding::{RuleId, Severity};
use crate::package::Licence;

/// A file-level rule: which paths it matches and what it means.
struct FileRule {
    id: RuleId,
    matches: fn(&Path) -> bool,
    severity: Severity,
    message: &'static str,
    remedy: &'static str,
}

/// A package-relative path split into what the rules look at.
pub struct Path<'a> {
    pub full: &'a str,
    pub name: &'a str,
    pub dirs: Vec<&'a str>,
}

impl<'a> Path<'a> {
    pub fn new(full: &'a str) -> Path<'a> {
        let mut parts: Vec<&str> = full.split('/').collect();
        let name = parts.pop().unwrap_or(full);
        Path {
            full,
            name,
            dirs: parts,
        }
    }

    fn in_dir(&self, dir: &str) -> bool {
        self.dirs.contains(&dir)
    }

    fn ext(&self) -> Option<&'a str> {
        self.name.rsplit_once('.').map(|(_, e)| e)
    }
}

const NO_PUBLISH: &str = "Remove it from the package: add a `files` list to package.json (or an .npmignore entry) and publish again.";
const ROTATE: &str =
    "Treat it as compromised: rotate or revoke it now, then remove the file and publish again.";

const RULES: &[FileRule] = &[
    FileRule {
        id: RuleId::EnvFile,
        matches: |p| {
            (p.name == ".env" || p.name.starts_with(".env."))
                && !matches!(
                    p.name,
                    ".env.example" | ".env.sample" | ".env.template" | ".env.defaults"
                )
        },
        severity: Severity::High,
        message: "An environment file (.env) is published; such files usually hold passwords and API keys.",
        remedy: ROTATE,
    },
    FileRule {
        id: RuleId::CredentialsFile,
        matches: |p| {
            matches!(
                p.name,
                ".netrc" | "_netrc" | ".pypirc" | ".git-credentials" | ".htpasswd" | ".dockercfg"
            ) || (p.name == "credentials" && p.in_dir(".aws"))
                || (p.name == "config.json" && p.in_dir(".docker"))
        },
        severity: Severity::High,
        message: "A credentials file is published; it typically holds logins for servers or registries.",
        remedy: ROTATE,
    },
    FileRule {
        id: RuleId::PrivateKeyFile,
        matches: |p| {
            matches!(p.name, "id_rsa" | "id_dsa" | "id_ecdsa" | "id_ed25519")
                || matches!(p.ext(), Some("p12" | "pfx" | "jks" | "keystore" | "ppk"))
        },
        severity: Severity::High,
        message: "A private key or key store is published; anyone can download it.",
        remedy: ROTATE,
    },
    FileRule {
        id: RuleId::GitDirectory,
        matches: |p| p.in_dir(".git"),
        severity: Severity::High,
        message: "Part of a .git folder is published; it can hold the whole history of the code, deleted secrets included.",
        remedy: NO_PUBLISH,
    },
    FileRule {
        id: RuleId::CoverageReport,
        matches: |p| p.dirs.first() == Some(&"coverage") || p.in_dir(".nyc_output"),
        severity: Severity::Low,
        message: "A test coverage report is published; its HTML pages contain the original source code.",
        remedy: NO_PUBLISH,
    },
    FileRule {
        id: RuleId::Tsbuildinfo,
        matches: |p| p.ext() == Some("tsbuildinfo"),
        severity: Severity::Low,
        message: "A TypeScript build-info file is published; it lists the project's source files and folders.",
        remedy: NO_PUBLISH,
    },
    FileRule {
        id: RuleId::LogFile,
        matches: |p| {
            p.ext() == Some("log")
                || p.name.starts_with("npm-debug.log")
                || p.name.starts_with("yarn-error.log")
        },
        severity: Severity::Low,
        message: "A log file is published; logs often contain local paths, environment details or tokens.",
        remedy: NO_PUBLISH,
    },
    FileRule {
        id: RuleId::OsJunk,
        matches: |p| matches!(p.name, ".DS_Store" | "Thumbs.db" | "desktop.ini"),
        severity: Severity::Low,
        message: "An operating-system metadata file is published; it reveals names of files on the author's machine.",
        remedy: NO_PUBLISH,
    },
    FileRule {
        id: RuleId::EditorJunk,
        matches: |p| {
            p.in_dir(".idea")
                || p.in_dir(".vscode")
                || p.name.ends_with('~')
                || matches!(p.ext(), Some("swp" | "swo"))
                || p.name.starts_with(".#")
        },
        severity: Severity::Info,
        message: "An editor settings or backup file is published.",
        remedy: NO_PUBLISH,
    },
];

/// A finding about one file, before it is attached to a path.
pub struct FileHit {
    pub rule: RuleId,
    pub severity: Severity,
    pub message: String,
    pub remedy: &'static str,
}

/// Checks one file by its path (and `.npmrc` by its content).
pub fn check(path: &str, content: &[u8], licence: &Licence) -> Vec<FileHit> {
    let p = Path::new(path);
    let mut hits: Vec<FileHit> = RULES
        .iter()
        .filter(|r| (r.matches)(&p))
        .map(|r| FileHit {
            rule: r.id,
            severity: r.severity,
            message: r.message.to_string(),
            remedy: r.remedy,
        })
        .collect();
    if p.name == ".npmrc" {
        hits.push(npmrc(content));
    }
    if is_typescript_source(p.name) && !p.dirs.contains(&"node_modules") {
        let (severity, why) = if licence.is_open_source() {
            (
                Severity::Low,
                format!("the {} makes it public anyway", licence.describe()),
            )
        } else {
            (
                Severity::High,
                format!("the package has {}", licence.describe()),
            )
        };
        hits.push(FileHit {
            rule: RuleId::ShippedTypescriptSource,
            severity,
            message: format!("An original TypeScript source file is published beside the built code; {why}."),
            remedy: "Publish only the build output: add a `files` list to package.json (e.g. [\"dist\"]).",
        });
    }
    hits
}

/// `.ts`, `.tsx`, `.mts`, `.cts`, but not declarations (`.d.ts`, `.d.mts`, `.d.cts`).
pub fn is_typescript_source(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let is_ts = [".ts", ".tsx", ".mts", ".cts"]
        .iter()
        .any(|e| lower.ends_with(e));
    let is_declaration = [".d.ts", ".d.mts", ".d.cts"]
        .iter()
        .any(|e| lower.ends_with(e))
        || (lower.contains(".d.") && lower.ends_with(".ts"));
    is_ts && !is_declaration
}

fn npmrc(content: &[u8]) -> FileHit {
    let text = String::from_utf8_lossy(content);
    let literal_token = text.lines().any(|l| {
        let l = l.trim();
        !l.starts_with('#')
            && !l.starts_with(';')
            && (l.contains("_auth") || l.contains("_password"))
            && l.split_once('=').is_some_and(|(_, v)| {
                let v = v.trim();
                !v.is_empty() && !v.starts_with("${")
            })
    });
    if literal_token {
        FileHit {
            rule: RuleId::NpmrcToken,
            severity: Severity::Critical,
            message: "An .npmrc file with a registry login token written in it is published; anyone can publish as its owner.".into(),
            remedy: ROTATE,
        }
    } else {
        FileHit {
            rule: RuleId::NpmrcFile,
            severity: Severity::Low,
            message: "An .npmrc file is published; it reveals registry settings (no token in it)."
                .into(),
            remedy: NO_PUBLISH,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(path: &str, content: &str) -> Vec<RuleId> {
        check(path, content.as_bytes(), &Licence::None)
            .iter()
            .map(|h| h.rule)
            .collect()
    }

    #[test]
    fn each_rule_fires_and_stays_quiet() {
        let cases: &[(RuleId, &str, &str)] = &[
            (RuleId::EnvFile, ".env.production", ".env.example"),
            (
                RuleId::CredentialsFile,
                ".aws/credentials",
                "docs/credentials.md",
            ),
            (RuleId::PrivateKeyFile, "keys/id_rsa", "keys/id_rsa.pub"),
            (RuleId::GitDirectory, ".git/config", "git/config.js"),
            (
                RuleId::CoverageReport,
                "coverage/lcov-report/index.html",
                "lib/coverage.js",
            ),
            (RuleId::Tsbuildinfo, "tsconfig.tsbuildinfo", "tsconfig.json"),
            (RuleId::LogFile, "npm-debug.log", "changelog.md"),
            (RuleId::OsJunk, "dist/.DS_Store", "dist/store.js"),
            (RuleId::EditorJunk, ".vscode/settings.json", "vscode.js"),
            (
                RuleId::ShippedTypescriptSource,
                "src/index.ts",
                "dist/index.d.ts",
            ),
        ];
        for (rule, yes, no) in cases {
            assert!(rules(yes, "").contains(rule), "{rule} should fire on {yes}");
            assert!(
                !rules(no, "").contains(rule),
                "{rule} should not fire on {no}"
            );
        }
    }

    #[test]
    fn npmrc_is_critical_only_with_a_literal_token() {
        assert_eq!(
            rules(".npmrc", "//registry.npmjs.org/:_authToken=abcdef123456"),
            [RuleId::NpmrcToken]
        );
        assert_eq!(
            rules(".npmrc", "//registry.npmjs.org/:_authToken=${NPM_TOKEN}"),
            [RuleId::NpmrcFile]
        );
        assert_eq!(
            rules(".npmrc", "# _authToken=old\nsave-exact=true"),
            [RuleId::NpmrcFile]
        );
    }

    #[test]
    fn typescript_sources_weigh_the_licence() {
        for name in ["a.ts", "b.tsx", "c.mts", "d.cts"] {
            assert!(is_typescript_source(name), "{name}");
        }
        for name in ["a.d.ts", "b.d.mts", "c.d.cts", "x.js", "types.d.ts"] {
            assert!(!is_typescript_source(name), "{name}");
        }
        let open = check("src/a.ts", b"", &Licence::OpenSource("MIT".into()));
        assert_eq!(open[0].severity, Severity::Low);
        let closed = check("src/a.ts", b"", &Licence::Proprietary("UNLICENSED".into()));
        assert_eq!(closed[0].severity, Severity::High);
        assert!(check("node_modules/x/a.ts", b"", &Licence::None).is_empty());
    }
}
