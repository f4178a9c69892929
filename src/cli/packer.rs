//! Which files a project folder would publish, as its own package manager lists them: the
//! one its `packageManager` field names, else the one whose lockfile is there, else npm.
//! pnpm and Bun pack by rules of their own in a few cases (README, "The npm package"); Yarn
//! cannot list without running the project's `prepack` script, so a Yarn project is listed
//! as npm would pack it, and said so. No command here runs the project's scripts.

use std::io::Write;
use std::path::Path;

use super::CliError;
use super::sys;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Packer {
    Npm,
    Pnpm,
    Yarn,
    Bun,
}

impl Packer {
    /// The package manager of the project in `dir`.
    pub fn of(dir: &Path) -> Packer {
        let declared = sys::read(&dir.join("package.json"))
            .ok()
            .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
            .and_then(|v| v["packageManager"].as_str().map(str::to_string));
        let by_name = |name: &str| match name {
            "pnpm" => Some(Packer::Pnpm),
            "yarn" => Some(Packer::Yarn),
            "bun" => Some(Packer::Bun),
            "npm" => Some(Packer::Npm),
            _ => None,
        };
        if let Some(p) = declared
            .as_deref()
            .and_then(|d| by_name(d.split('@').next()?))
        {
            return p;
        }
        let lockfiles = [
            ("pnpm-lock.yaml", Packer::Pnpm),
            ("bun.lock", Packer::Bun),
            ("bun.lockb", Packer::Bun),
            ("yarn.lock", Packer::Yarn),
        ];
        lockfiles
            .into_iter()
            .find(|(file, _)| sys::is_file(&dir.join(file)))
            .map_or(Packer::Npm, |(_, p)| p)
    }

    /// Runs its listing in `dir`, scripts off.
    fn run(self, dir: &Path) -> std::io::Result<sys::Output> {
        let (program, args) = self.command();
        sys::run(program, args, dir)
    }

    fn command(self) -> (&'static str, &'static [&'static str]) {
        match self {
            Packer::Npm | Packer::Yarn => {
                ("npm", &["pack", "--dry-run", "--json", "--ignore-scripts"])
            }
            // pnpm takes no --ignore-scripts here; the rest keeps it from switching to
            // another pnpm version or refusing a project that names another manager, and
            // from running the project's .pnpmfile.cjs.
            Packer::Pnpm => (
                "pnpm",
                &[
                    "pack",
                    "--dry-run",
                    "--json",
                    "--config.ignore-scripts=true",
                    "--config.ignore-pnpmfile=true",
                    "--config.manage-package-manager-versions=false",
                    "--config.package-manager-strict=false",
                    "--config.pm-on-fail=ignore",
                ],
            ),
            Packer::Bun => (
                "bun",
                &[
                    "pm",
                    "pack",
                    "--dry-run",
                    "--ignore-scripts",
                    "--no-env-file",
                ],
            ),
        }
    }
}

/// The paths the project in `dir` would publish, as its package manager lists them.
pub fn list(dir: &Path) -> Result<Vec<String>, CliError> {
    let name = dir.display().to_string();
    let mut packer = Packer::of(dir);
    if packer == Packer::Yarn {
        note(&format!(
            "{name} is a Yarn project; `yarn pack` would run its prepack script, so this lists what npm would pack (Yarn's list differs in a few cases)"
        ));
    }
    let mut output = packer.run(dir);
    if packer != Packer::Npm
        && packer != Packer::Yarn
        && output
            .as_ref()
            .is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound)
    {
        note(&format!(
            "{name} is packed by {}, which is not installed here; this lists what npm would pack",
            packer.command().0
        ));
        packer = Packer::Npm;
        output = packer.run(dir);
    }
    let (program, args) = packer.command();
    let command = format!("{program} {}", args[..2].join(" "));
    let failed = |message: String| CliError::Pack {
        command: command.clone(),
        path: name.clone(),
        message,
    };
    let output = output.map_err(|e| match (e.kind(), packer) {
        (std::io::ErrorKind::NotFound, Packer::Npm | Packer::Yarn) => CliError::NoNpm(name.clone()),
        _ => failed(e.to_string()),
    })?;
    if !output.success {
        // pnpm says why on standard output (as JSON), the others on standard error.
        let said = [&output.stderr, &output.stdout]
            .iter()
            .map(|b| String::from_utf8_lossy(b).into_owned())
            .collect::<Vec<_>>()
            .join("\n");
        let last = said.lines().rfind(|l| !l.trim().is_empty()).unwrap_or("");
        return Err(failed(last.trim().to_string()));
    }
    let paths =
        parse(packer, &output.stdout).map_err(|e| failed(format!("unexpected output ({e})")))?;
    // pnpm lists some paths as `dist/sub/../index.js`; none may climb out of the folder.
    Ok(paths
        .iter()
        .map(|p| leakscope::path::clean_segments(p).join("/"))
        .collect())
}

/// The listed paths: npm's JSON array, pnpm's JSON object, Bun's `packed <size> <path>` lines.
fn parse(packer: Packer, stdout: &[u8]) -> Result<Vec<String>, String> {
    #[derive(serde::Deserialize)]
    struct Packed {
        files: Vec<PackedFile>,
    }
    #[derive(serde::Deserialize)]
    struct PackedFile {
        path: String,
    }
    let paths = |packed: Vec<Packed>| {
        packed
            .into_iter()
            .flat_map(|p| p.files)
            .map(|f| f.path)
            .collect()
    };
    match packer {
        Packer::Npm | Packer::Yarn => serde_json::from_slice::<Vec<Packed>>(stdout)
            .map(paths)
            .map_err(|e| e.to_string()),
        Packer::Pnpm => serde_json::from_slice::<Packed>(stdout)
            .map(|p| paths(vec![p]))
            .map_err(|e| e.to_string()),
        Packer::Bun => {
            let text = anstream::adapter::strip_str(&String::from_utf8_lossy(stdout)).to_string();
            let listed: Vec<String> = text
                .lines()
                .filter_map(|l| l.strip_prefix("packed "))
                .filter_map(|l| l.split_once(' ').map(|(_, path)| path.to_string()))
                .collect();
            if listed.is_empty() {
                return Err("no `packed` line".into());
            }
            Ok(listed)
        }
    }
}

fn note(text: &str) {
    let _ = writeln!(sys::stderr(), "leakscope: note: {text}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_managers_listing_is_read() {
        let npm = br#"[{"id":"x@1.0.0","files":[{"path":"package.json"},{"path":"dist/a.js"}]}]"#;
        assert_eq!(
            parse(Packer::Npm, npm).unwrap(),
            ["package.json", "dist/a.js"]
        );
        let pnpm = br#"{"name":"x","files":[{"path":"dist/sub/../a.js"}]}"#;
        assert_eq!(parse(Packer::Pnpm, pnpm).unwrap(), ["dist/sub/../a.js"]);
        let bun = b"bun pack v1.4.5 (a7733435c)\n\npacked 65B package.json\npacked 0.61KB dist/a b.js\n\nx-1.0.0.tgz\n\nTotal files: 2\n";
        assert_eq!(
            parse(Packer::Bun, bun).unwrap(),
            ["package.json", "dist/a b.js"]
        );
        assert!(parse(Packer::Bun, b"error: no package.json\n").is_err());
    }
}
