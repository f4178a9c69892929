//! The page's built-in example: a small package made here, for a person with no tarball at
//! hand, that shows in one click what Leakscope finds. Its names are made up
//! (`@example/leaky-cli`, "Northwind Labs", a `.invalid` host) and its token is random: no
//! provider would accept it. It has what the motivating leak had: a proprietary licence
//! and an orphaned map whose `sourcesContent` embeds the first-party TypeScript, one of
//! them with a planted token; and a clean file beside them.

/// The file name the example is shown under.
pub const NAME: &str = "example-leaky-cli-1.0.0.tar";

/// The package, as an uncompressed tar (the tar crate the warm-up package uses; no
/// compressor needed).
pub fn tar() -> Vec<u8> {
    let sources = sources();
    let (bundle, mappings) = bundle(&sources);
    let map = serde_json::json!({
        "version": 3,
        "file": "cli.js",
        "sources": sources.iter().map(|s| s.path).collect::<Vec<_>>(),
        "sourcesContent": sources.iter().map(|s| &s.text).collect::<Vec<_>>(),
        "names": [],
        "mappings": mappings,
    });
    let files = [
        ("package/package.json", PACKAGE_JSON.to_string()),
        ("package/README.md", README.to_string()),
        // No sourceMappingURL: the map ships, orphaned, as in the 2026 leak.
        ("package/dist/cli.js", bundle),
        ("package/dist/cli.js.map", map.to_string()),
    ];
    let mut builder = tar::Builder::new(Vec::new());
    for (path, text) in files {
        let mut header = tar::Header::new_gnu();
        header.set_size(text.len() as u64);
        header.set_mode(0o644);
        header.set_mtime(1_767_225_600); // 2026-01-01
        builder
            .append_data(&mut header, path, text.as_bytes())
            .expect("writing to memory");
    }
    builder.into_inner().expect("writing to memory")
}

const PACKAGE_JSON: &str = r#"{
  "name": "@example/leaky-cli",
  "version": "1.0.0",
  "description": "Leakscope's built-in example: a made-up command-line tool whose release ships its sources. Its names are made up and its token is random.",
  "license": "UNLICENSED",
  "bin": { "leaky-cli": "dist/cli.js" },
  "files": ["dist"]
}
"#;

const README: &str = "# leaky-cli\n\nA made-up command-line tool for Leakscope's example. \
Its release shipped `dist/cli.js.map`, which holds every original source.\n";

/// One original source: its path in the map, its text, and the code it became in the
/// bundle, line by line: (line of the source, zero-based; the generated line).
struct Source {
    path: &'static str,
    text: String,
    compiled: Vec<(u32, String)>,
}

/// The sources, the token put together here so that no scanner of this repository's own
/// code takes the example for a leak of ours.
fn sources() -> Vec<Source> {
    let token = format!(
        "xox{}-{}-{}",
        'b', "417205938816-5520971436287", "Qm7ZtR2wKc9VfLp3XnB8sJhD"
    );
    vec![
        source("../src/cli.ts", CLI_TS, CLI_JS),
        source(
            "../src/config.ts",
            &CONFIG_TS.replace("TOKEN", &token),
            &CONFIG_JS.replace("TOKEN", &token),
        ),
        source("../src/api/client.ts", CLIENT_TS, CLIENT_JS),
        source(
            "../node_modules/tiny-args/index.js",
            &unnumbered(ARGS_JS),
            ARGS_JS,
        ),
    ]
}

/// A source and its compiled form, whose lines say which source line they came from with a
/// leading `N|` (one-based).
fn source(path: &'static str, text: &str, compiled: &str) -> Source {
    let compiled = compiled
        .lines()
        .map(|l| {
            let (n, code) = l.split_once('|').expect("N|code");
            (
                n.trim().parse::<u32>().expect("a line number") - 1,
                code.to_string(),
            )
        })
        .collect();
    Source {
        path,
        text: text.to_string(),
        compiled,
    }
}

/// A compiled form's code without its line numbers: a dependency shipped as it was written.
fn unnumbered(compiled: &str) -> String {
    compiled
        .lines()
        .map(|l| format!("{}\n", l.split_once('|').map_or(l, |(_, code)| code)))
        .collect()
}

/// The bundle's text, and its mappings: each generated line starts at column 0 of its
/// source line.
fn bundle(sources: &[Source]) -> (String, String) {
    let mut code = String::from("#!/usr/bin/env node\n\"use strict\";\n");
    let mut mappings = String::from(";;");
    // The fields are relative to the previous segment's, across lines.
    let (mut source_was, mut line_was) = (0i64, 0i64);
    for (s, source) in sources.iter().enumerate() {
        for (line, text) in &source.compiled {
            code.push_str(text);
            code.push('\n');
            for value in [0, s as i64 - source_was, *line as i64 - line_was, 0] {
                vlq(value, &mut mappings);
            }
            mappings.push(';');
            (source_was, line_was) = (s as i64, *line as i64);
        }
    }
    (code, mappings)
}

/// One base64 VLQ value of a source map's mappings.
fn vlq(value: i64, out: &mut String) {
    const DIGITS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut v = if value < 0 {
        (-value << 1) | 1
    } else {
        value << 1
    };
    loop {
        let digit = (v & 31) as usize;
        v >>= 5;
        out.push(DIGITS[digit | if v > 0 { 32 } else { 0 }] as char);
        if v == 0 {
            return;
        }
    }
}

const CLI_TS: &str = r#"import { loadConfig } from './config';
import { ApiClient } from './api/client';
import { parseArgs } from 'tiny-args';

export async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  const config = loadConfig(args.profile ?? 'default');
  const client = new ApiClient(config);
  if (args.command === 'status') {
    const status = await client.status();
    console.log(`${config.workspace}: ${status.state}`);
    return status.ok ? 0 : 1;
  }
  console.error(`unknown command: ${args.command}`);
  return 2;
}

main(process.argv.slice(2)).then((code) => process.exit(code));
"#;

const CLI_JS: &str = r#"5|async function main(argv) {
6|  const args = parseArgs(argv);
7|  const config = loadConfig(args.profile ?? "default");
8|  const client = new ApiClient(config);
9|  if (args.command === "status") {
10|    const status = await client.status();
11|    console.log(`${config.workspace}: ${status.state}`);
12|    return status.ok ? 0 : 1;
13|  }
14|  console.error(`unknown command: ${args.command}`);
15|  return 2;
16|}
18|main(process.argv.slice(2)).then((code) => process.exit(code));
"#;

const CONFIG_TS: &str = r#"export interface Config {
  workspace: string;
  endpoint: string;
  notifyToken: string;
}

// The release notifier posts to the team's channel; moved to the vault "next sprint".
const DEFAULTS: Config = {
  workspace: 'northwind-labs',
  endpoint: 'https://api.northwind-labs.invalid/v2',
  notifyToken: 'TOKEN',
};

export function loadConfig(profile: string): Config {
  const workspace = process.env.NORTHWIND_WORKSPACE;
  return { ...DEFAULTS, workspace: workspace ?? `${DEFAULTS.workspace}-${profile}` };
}
"#;

const CONFIG_JS: &str = r#"8|const DEFAULTS = {
9|  workspace: "northwind-labs",
10|  endpoint: "https://api.northwind-labs.invalid/v2",
11|  notifyToken: "TOKEN",
12|};
14|function loadConfig(profile) {
15|  const workspace = process.env.NORTHWIND_WORKSPACE;
16|  return { ...DEFAULTS, workspace: workspace ?? `${DEFAULTS.workspace}-${profile}` };
17|}
"#;

const CLIENT_TS: &str = r#"import type { Config } from '../config';

export interface Status {
  ok: boolean;
  state: string;
}

export class ApiClient {
  constructor(private readonly config: Config) {}

  async status(): Promise<Status> {
    const response = await fetch(`${this.config.endpoint}/status`, {
      headers: { authorization: `Bearer ${this.config.notifyToken}` },
    });
    return (await response.json()) as Status;
  }
}
"#;

const CLIENT_JS: &str = r#"8|class ApiClient {
9|  constructor(config) {
9|    this.config = config;
9|  }
11|  async status() {
12|    const response = await fetch(`${this.config.endpoint}/status`, {
13|      headers: { authorization: `Bearer ${this.config.notifyToken}` },
14|    });
15|    return await response.json();
16|  }
17|}
"#;

const ARGS_JS: &str = r#"1|// tiny-args: the smallest argument parser there is (MIT licence).
2|function parseArgs(argv) {
3|  const out = { command: argv[0] };
4|  for (let i = 1; i < argv.length; i++) {
5|    const m = /^--([a-z]+)=(.*)$/.exec(argv[i]);
6|    if (m) out[m[1]] = m[2];
7|  }
8|  return out;
9|}
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{RuleId, SecretId, Severity};

    #[test]
    fn the_example_leaks_its_sources_and_a_token_and_says_so() {
        let s = crate::analyse(&tar());
        assert_eq!(s.verdict.level, crate::Level::Critical);
        // At equal severity a secret leads (verdict::RANK); the sources are said after it.
        assert_eq!(s.verdict.outcome, crate::verdict::Outcome::Secrets);
        assert!(
            s.verdict.summary.contains("3 of its own source files"),
            "{}",
            s.verdict.summary
        );
        let a = &s.analysis;
        assert_eq!(a.files, 4);
        assert_eq!(
            a.package.as_ref().and_then(|p| p.name.as_deref()),
            Some("@example/leaky-cli")
        );
        let recovered: Vec<(&str, bool)> = a
            .recovered
            .files()
            .iter()
            .map(|f| (f.path.as_str(), f.first_party))
            .collect();
        assert_eq!(recovered.len(), 4, "{recovered:?}");
        assert_eq!(
            recovered.iter().filter(|(_, own)| *own).count(),
            3,
            "{recovered:?}"
        );
        let token = a
            .findings
            .iter()
            .find(|f| f.rule == RuleId::Secret(SecretId::SlackBotToken))
            .expect("the planted token is found");
        assert_eq!(token.severity, Severity::Critical);
        assert_eq!(
            token.path, "dist/cli.js",
            "in the bundle, and in the map's config.ts"
        );
        assert!(
            a.findings.iter().all(|f| f.path != "README.md"),
            "the README is clean"
        );
        assert!(
            a.refs.is_empty(),
            "the map is orphaned: nothing points to it"
        );
        assert_eq!(tar(), tar(), "the same each time");
    }

    /// The mappings, read back by the `sourcemap` crate: each generated line of the bundle
    /// starts where its compiled form says it came from.
    #[test]
    fn each_bundle_line_maps_to_its_source_line() {
        let sources = sources();
        let (code, mappings) = bundle(&sources);
        let map = serde_json::json!({
            "version": 3, "sources": sources.iter().map(|s| s.path).collect::<Vec<_>>(),
            "names": [], "mappings": mappings,
        });
        let map = sourcemap::SourceMap::from_slice(map.to_string().as_bytes()).unwrap();
        let mut line = 2; // after the shebang and "use strict"
        for source in &sources {
            for (from, text) in &source.compiled {
                assert_eq!(code.lines().nth(line), Some(text.as_str()));
                let token = map.lookup_token(line as u32, 0).expect("a mapping");
                assert_eq!(token.get_source(), Some(source.path));
                assert_eq!(token.get_src_line(), *from, "{text}");
                let original = source.text.lines().nth(*from as usize).unwrap();
                assert!(!original.trim().is_empty(), "{text} from an empty line");
                line += 1;
            }
        }
    }
}
