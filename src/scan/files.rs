//! Files that should never be published, and original sources shipped beside built output.
//! Judged by path (and, for `.npmrc`, by whether it holds a literal token; for key files,
//! by what their bytes hold).

use crate::finding::{RuleId, Severity};
use crate::package::{Ecosystem, Licence};
use crate::scan::keys::{self, Sniffed};
use crate::scan::secrets::{TEST_KEY_NOTE, TEST_REMEDY, test_path};

/// A file-level rule: which paths it matches and what it means.
struct FileRule {
    id: RuleId,
    matches: fn(&Path) -> bool,
    severity: Severity,
    message: &'static str,
    remedy: Remedy,
}

/// What a file rule asks for: the words depend on the package's ecosystem.
#[derive(Clone, Copy)]
enum Remedy {
    Rotate,
    LeaveOut,
}

impl Remedy {
    fn text(self, ecosystem: Ecosystem) -> String {
        match self {
            Remedy::Rotate => ROTATE.into(),
            Remedy::LeaveOut => leave_out(ecosystem),
        }
    }
}

fn leave_out(ecosystem: Ecosystem) -> String {
    format!(
        "Remove it from the package: {} and publish again.",
        ecosystem.keep_out()
    )
}

/// What a file is judged against, beyond its own path and bytes.
pub struct Context<'a> {
    pub licence: &'a Licence,
    pub ecosystem: Ecosystem,
    /// The archives (`""` for the package itself, `lib/x.jar!/` for one inside it) that
    /// hold compiled Java classes: a Java (or Kotlin, Scala, Groovy) file in one of them is
    /// their source. A sources jar, which holds only sources, is one on purpose.
    pub java_classes: &'a std::collections::HashSet<&'a str>,
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

const ROTATE: &str =
    "Treat it as compromised: rotate or revoke it now, then remove the file and publish again.";

const RULES: &[FileRule] = &[
    FileRule {
        id: RuleId::EnvFile,
        // `.env`, `.env.production`, `.env-dylan` (a developer's own), `.envrc` (direnv).
        matches: |p| {
            let env = p.name == ".env"
                || p.name == ".envrc"
                || [".env.", ".env-", ".env_"]
                    .iter()
                    .any(|s| p.name.starts_with(s));
            let example = [
                "example", "sample", "template", "defaults", "dist", "schema",
            ]
            .iter()
            .any(|e| p.name.ends_with(e));
            env && !example
        },
        severity: Severity::High,
        message: "An environment file (.env) is published; such files usually hold passwords and API keys.",
        remedy: Remedy::Rotate,
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
        remedy: Remedy::Rotate,
    },
    FileRule {
        id: RuleId::GitDirectory,
        matches: |p| p.in_dir(".git"),
        severity: Severity::High,
        message: "Part of a .git folder is published; it can hold the whole history of the code, deleted secrets included.",
        remedy: Remedy::LeaveOut,
    },
    FileRule {
        id: RuleId::CoverageReport,
        matches: |p| p.dirs.first() == Some(&"coverage") || p.in_dir(".nyc_output"),
        severity: Severity::Low,
        message: "A test coverage report is published; its HTML pages contain the original source code.",
        remedy: Remedy::LeaveOut,
    },
    FileRule {
        id: RuleId::Tsbuildinfo,
        matches: |p| p.ext() == Some("tsbuildinfo"),
        severity: Severity::Low,
        message: "A TypeScript build-info file is published; it lists the project's source files and folders.",
        remedy: Remedy::LeaveOut,
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
        remedy: Remedy::LeaveOut,
    },
    FileRule {
        id: RuleId::OsJunk,
        matches: |p| matches!(p.name, ".DS_Store" | "Thumbs.db" | "desktop.ini"),
        severity: Severity::Low,
        message: "An operating-system metadata file is published; it reveals names of files on the author's machine.",
        remedy: Remedy::LeaveOut,
    },
    FileRule {
        id: RuleId::EditorJunk,
        matches: |p| {
            p.in_dir(".idea")
                || p.in_dir(".vscode")
                || p.in_dir(".claude")
                || p.in_dir(".cursor")
                || p.name.ends_with('~')
                || matches!(p.ext(), Some("swp" | "swo"))
                || p.name.starts_with(".#")
        },
        severity: Severity::Info,
        message: "An editor settings or backup file is published.",
        remedy: Remedy::LeaveOut,
    },
];

/// A finding about one file, before it is attached to a path.
pub struct FileHit {
    pub rule: RuleId,
    pub severity: Severity,
    pub message: String,
    pub remedy: String,
}

/// Checks one file by its path (and `.npmrc` by its content).
pub fn check(path: &str, content: &[u8], context: &Context) -> Vec<FileHit> {
    let p = Path::new(path);
    let mut hits: Vec<FileHit> = RULES
        .iter()
        .filter(|r| (r.matches)(&p))
        .map(|r| FileHit {
            rule: r.id,
            severity: r.severity,
            message: r.message.to_string(),
            remedy: r.remedy.text(context.ecosystem),
        })
        .collect();
    if p.name == ".npmrc" {
        hits.push(npmrc(content, context.ecosystem));
    }
    hits.extend(key_file(&p, content));
    hits.extend(shipped_source(&p, context));
    hits
}

/// An original source shipped beside what was built from it: TypeScript beside its
/// JavaScript, Java beside its classes.
fn shipped_source(p: &Path, context: &Context) -> Option<FileHit> {
    let (rule, language) = if is_typescript_source(p.name) {
        (RuleId::ShippedTypescriptSource, "TypeScript")
    } else if is_jvm_source(p.name)
        && context.java_classes.contains(crate::archive::archive_root(p.full))
        // Where the OSGi specification puts a bundle's sources, shipped on purpose.
        && !p.full.contains("OSGI-OPT/src/")
    {
        (RuleId::ShippedJavaSource, "Java")
    } else {
        return None;
    };
    if p.dirs.contains(&"node_modules") {
        return None;
    }
    let licence = context.licence;
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
    Some(FileHit {
        rule,
        severity,
        message: format!(
            "An original {language} source file is published beside the built code; {why}."
        ),
        remedy: match context.ecosystem {
            Ecosystem::Npm => {
                "Publish only the build output: add a `files` list to package.json (e.g. \
                 [\"dist\"])."
                    .into()
            }
            other => format!("Publish only the build output: {}.", other.keep_out()),
        },
    })
}

/// A Java, Kotlin, Scala or Groovy source file.
fn is_jvm_source(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [".java", ".kt", ".scala", ".groovy"]
        .iter()
        .any(|e| lower.ends_with(e))
}

/// A key file, known by its bytes whatever its name, or a PEM key in a file named like a
/// key: a plain private key is critical, one under a password high, a bundle whose contents
/// are encrypted worth a look; a test fixture or a key store public by design is low. A
/// file named like a key store that holds none (empty, certificates only) is not one.
fn key_file(p: &Path, content: &[u8]) -> Option<FileHit> {
    let named = matches!(p.name, "id_rsa" | "id_dsa" | "id_ecdsa" | "id_ed25519")
        || matches!(
            p.ext(),
            Some("p12" | "pfx" | "jks" | "jceks" | "keystore" | "bks" | "ppk")
        );
    let pem = || {
        let head = &content[..content.len().min(64 << 10)];
        memchr::memmem::find(head, b"PRIVATE KEY-----").is_some()
            || head.starts_with(b"PuTTY-User-Key-File-")
    };
    let (what, severity, note) = match keys::sniff(content) {
        Some(Sniffed::Key(k)) => match k.well_known {
            Some(known) => (k.format, Severity::Low, Some(known)),
            None if k.protected => (k.format, Severity::High, None),
            None => (k.format, Severity::Critical, None),
        },
        Some(Sniffed::Sealed(what)) => (what, Severity::Medium, None),
        None if named && pem() => ("a private key", Severity::High, None),
        None => return None,
    };
    let (severity, note, remedy) = match note {
        None if test_path(p.full) => (Severity::Low, Some(TEST_KEY_NOTE), TEST_REMEDY),
        Some(known) => (severity, Some(known), TEST_REMEDY),
        None => (severity, None, ROTATE),
    };
    let mut message = format!(
        "{} is published; anyone can download it.",
        crate::text::capitalise(what)
    );
    if let Some(note) = note {
        message.push(' ');
        message.push_str(&crate::text::capitalise(note));
        if !note.ends_with('.') {
            message.push('.');
        }
    }
    Some(FileHit {
        rule: RuleId::PrivateKeyFile,
        severity,
        message,
        remedy: remedy.into(),
    })
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

fn npmrc(content: &[u8], ecosystem: Ecosystem) -> FileHit {
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
            remedy: ROTATE.into(),
        }
    } else {
        FileHit {
            rule: RuleId::NpmrcFile,
            severity: Severity::Low,
            message: "An .npmrc file is published; it reveals registry settings (no token in it)."
                .into(),
            remedy: leave_out(ecosystem),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static NO_CLASSES: std::sync::LazyLock<std::collections::HashSet<&str>> =
        std::sync::LazyLock::new(Default::default);

    fn npm(licence: &Licence) -> Context<'_> {
        Context {
            licence,
            ecosystem: Ecosystem::Npm,
            java_classes: &NO_CLASSES,
        }
    }

    fn rules(path: &str, content: &str) -> Vec<RuleId> {
        check(path, content.as_bytes(), &npm(&Licence::None))
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
    fn env_files_of_every_spelling() {
        for env in [
            ".env",
            ".env.production",
            ".env-dylan",
            ".env_local",
            ".envrc",
        ] {
            assert!(rules(env, "").contains(&RuleId::EnvFile), "{env}");
        }
        for quiet in [
            ".env.example",
            ".env-sample",
            ".env.dist",
            "env.js",
            ".environment.md",
        ] {
            assert!(!rules(quiet, "").contains(&RuleId::EnvFile), "{quiet}");
        }
    }

    /// Key files by their bytes: a name says nothing either way.
    #[test]
    fn key_files_are_judged_by_their_bytes() {
        let key_of = |path: &str, content: &[u8]| {
            check(path, content, &npm(&Licence::None))
                .into_iter()
                .find(|h| h.rule == RuleId::PrivateKeyFile)
                .map(|h| h.severity)
        };
        let pem = b"-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n";
        assert_eq!(key_of("keys/id_rsa", pem), Some(Severity::High));
        assert_eq!(key_of("test/fixtures/id_rsa", pem), Some(Severity::Low));
        // Named like a key store, holding none: empty, or text that is not a key.
        assert_eq!(key_of("certs/store.p12", b""), None);
        assert_eq!(key_of("certs/store.pfx", b"not a key store"), None);
        assert_eq!(key_of("keys/id_rsa.pub", b"ssh-rsa AAAA"), None);
        // A DER RSA key in a file whose name says nothing.
        let mut rsa = vec![0x30, 0x81, 0x88, 0x02, 0x01, 0x00, 0x02, 0x81, 0x80];
        rsa.extend([0x55; 128]);
        rsa.extend([0x02, 0x01, 0x03]);
        rsa[2] = (rsa.len() - 3) as u8;
        assert_eq!(key_of("lib/blob.bin", &rsa), Some(Severity::Critical));
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
        let open = check("src/a.ts", b"", &npm(&Licence::OpenSource("MIT".into())));
        assert_eq!(open[0].severity, Severity::Low);
        let closed = check(
            "src/a.ts",
            b"",
            &npm(&Licence::Proprietary("UNLICENSED".into())),
        );
        assert_eq!(closed[0].severity, Severity::High);
        assert!(check("node_modules/x/a.ts", b"", &npm(&Licence::None)).is_empty());
    }

    #[test]
    fn java_sources_count_beside_classes_only() {
        let roots = ["", "lib/core.jar!/"].into_iter().collect();
        let jar = Context {
            licence: &Licence::None,
            ecosystem: Ecosystem::Java,
            java_classes: &roots,
        };
        let hits = check("com/acme/Billing.java", b"", &jar);
        assert_eq!(hits[0].rule, RuleId::ShippedJavaSource);
        assert_eq!(hits[0].severity, Severity::High);
        assert!(hits[0].remedy.contains("Maven"), "{}", hits[0].remedy);
        let nested = check("lib/core.jar!/com/acme/Billing.kt", b"", &jar);
        assert_eq!(nested[0].rule, RuleId::ShippedJavaSource);
        // A sources jar (no classes) holds sources on purpose; Python files are a wheel's
        // point.
        assert!(check("lib/core-sources.jar!/com/acme/Billing.java", b"", &jar).is_empty());
        assert!(check("acme/billing.py", b"", &jar).is_empty());
        assert_eq!(
            crate::archive::archive_root("a/b.jar!/c/d.java"),
            "a/b.jar!/"
        );
        assert!(check("lib/core.jar!/OSGI-OPT/src/org/A.java", b"", &jar).is_empty());
    }
}
