//! Scanning packages built here: maps with and without sources, broken maps, references,
//! licences, and the verdict that follows.

use crate::common::{Tarball, source_map, source_map_without_content};
use leakscope::RuleId;
use leakscope::{Level, Severity, analyse};

fn leaky_map() -> String {
    source_map(&[
        (
            "webpack://acme/./src/main.ts",
            Some("export const main = 1;\n"),
        ),
        (
            "webpack://acme/./src/util.ts",
            Some("export const util = 2;\n"),
        ),
        (
            "webpack://acme/./node_modules/lodash/lodash.js",
            Some("module.exports = {};\n"),
        ),
        ("webpack://acme/webpack/bootstrap", Some("// runtime\n")),
    ])
}

/// A source leak and live secrets together, both critical: what leads does not depend on
/// the file names (secrets lead, by the verdict's ranking), the summary says the other kind
/// too, and revoking the secrets is the first thing to do. A test key beside the leak is no
/// reason to.
#[test]
fn a_source_leak_and_live_secrets_are_both_said() {
    let token = leakscope::scan::secrets::sample("github-pat", 7).unwrap();
    let package = |secret_in: &str| {
        Tarball::new("package/")
            .package_json("@acme/cli", Some("UNLICENSED"))
            .file(secret_in, format!("const t = '{token}';\n"))
            .file("cli.js.map", leaky_map())
            .tgz()
    };
    let leak = "2 of its own source files (46 B) through 1 orphaned source map.";
    // The token sorts after the map (z.js) and before it (a.js): the same verdict.
    for name in ["z.js", "a.js"] {
        let a = analyse(&package(name));
        assert_eq!(a.verdict.title, "Leaks secrets", "token in {name}");
        assert_eq!(
            a.verdict.summary,
            format!(
                "Secrets are exposed in 1 file. The worst: {name}:1: A GitHub personal access \
                 token is written in this file (ghp_{}… (40 characters)). It also leaks {leak}",
                &token[4..6]
            ),
            "token in {name}"
        );
        assert!(
            a.verdict
                .todo
                .starts_with("The security team should revoke"),
            "{}",
            a.verdict.todo
        );
    }
    // The same token under a test folder is a test key: low, so neither.
    let a = analyse(&package("test/fixture.js"));
    assert_eq!(a.verdict.summary, format!("Leaks {leak}"));
    assert!(!a.verdict.todo.starts_with("First"), "{}", a.verdict.todo);
    // Secrets (critical) beside a shipped TypeScript source (high): said after them.
    let shipped = Tarball::new("package/")
        .package_json("corp", Some("UNLICENSED"))
        .file("src/secret-algorithm.ts", "export function f() {}\n")
        .file("dist/index.js", format!("const t = '{token}';\n"))
        .tgz();
    let a = analyse(&shipped);
    assert_eq!(a.verdict.title, "Leaks secrets");
    assert!(
        a.verdict
            .summary
            .ends_with(" It also ships its own source code (src/secret-algorithm.ts)."),
        "{}",
        a.verdict.summary
    );
}

#[test]
fn orphaned_map_with_sources_in_a_proprietary_package_is_critical() {
    let tgz = Tarball::new("package/")
        .package_json("@acme/cli", Some("UNLICENSED"))
        .file("cli.js", "console.log(1)\n")
        .file("cli.js.map", leaky_map())
        .tgz();
    let a = analyse(&tgz);
    assert_eq!(a.verdict.level, Level::Critical);
    assert_eq!(
        a.verdict.summary,
        "Leaks 2 of its own source files (46 B) through 1 orphaned source map."
    );
    let map = &a.analysis.source_maps[0];
    assert_eq!((map.path.as_str(), map.referenced), ("cli.js.map", false));
    assert_eq!(
        (map.sources, map.sources_with_content, map.first_party),
        (4, 4, 2)
    );
    assert_eq!(map.content_bytes, 23 + 23 + 21 + 11);
    assert_eq!(a.analysis.recovered.len(), 4);
    let f = &a.analysis.findings[0];
    assert_eq!(
        (f.rule, f.severity, f.path.as_str()),
        (
            RuleId::SourcemapEmbeddedSources,
            Severity::Critical,
            "cli.js.map"
        )
    );
    assert!(!f.remedy.is_empty());
    let pkg = a.analysis.package.as_ref().unwrap();
    assert_eq!(
        (pkg.name.as_deref(), pkg.version.as_deref()),
        (Some("@acme/cli"), Some("1.0.0"))
    );
}

#[test]
fn no_licence_counts_as_proprietary() {
    let tgz = Tarball::new("package/")
        .package_json("x", None)
        .file("a.js.map", leaky_map())
        .tgz();
    assert_eq!(analyse(&tgz).verdict.level, Level::Critical);
}

#[test]
fn the_same_map_under_an_open_source_licence_is_low() {
    let tgz = Tarball::new("package/")
        .package_json("oss", Some("MIT"))
        .file("cli.js", "x\n//# sourceMappingURL=cli.js.map\n")
        .file("cli.js.map", leaky_map())
        .tgz();
    let a = analyse(&tgz);
    assert_eq!(a.verdict.level, Level::Low);
    assert!(a.analysis.source_maps[0].referenced);
    assert!(
        a.verdict.summary.contains("open-source licence MIT"),
        "{}",
        a.verdict.summary
    );
}

#[test]
fn maps_without_sources_content_are_clean() {
    let tgz = Tarball::new("package/")
        .package_json("x", Some("UNLICENSED"))
        .file("dist/a.js", "a\n//# sourceMappingURL=a.js.map")
        .file(
            "dist/a.js.map",
            source_map_without_content(&["../src/a.ts"]),
        )
        .tgz();
    let a = analyse(&tgz);
    assert_eq!(a.verdict.level, Level::Clean);
    assert_eq!(a.analysis.recovered.len(), 0);
    assert_eq!(a.analysis.findings.len(), 1);
    assert_eq!(
        (a.analysis.findings[0].rule, a.analysis.findings[0].severity),
        (RuleId::SourcemapNoContent, Severity::Info)
    );
    assert_eq!(a.analysis.refs[0].target, "dist/a.js.map");
    assert!(a.analysis.refs[0].exists);
    assert_eq!(
        a.verdict.summary,
        "No leak found in 3 files. 1 source map embeds no original sources of its own."
    );
}

#[test]
fn a_broken_map_is_reported_and_the_scan_goes_on() {
    let tgz = Tarball::new("package/")
        .package_json("x", Some("UNLICENSED"))
        .file("bad.js.map", "{\"version\":3,\"sources\":[\"a.ts\"")
        .file("junk.map", [0xffu8, 0xfe, 0x00, 0x01])
        .file("good.js.map", leaky_map())
        .tgz();
    let a = analyse(&tgz);
    assert_eq!(a.verdict.level, Level::Critical);
    let unreadable: Vec<_> = a
        .analysis
        .findings
        .iter()
        .filter(|f| f.rule == RuleId::SourcemapUnreadable)
        .map(|f| f.path.as_str())
        .collect();
    assert_eq!(unreadable, ["bad.js.map", "junk.map"]);
    assert!(
        a.analysis
            .source_maps
            .iter()
            .find(|m| m.path == "bad.js.map")
            .unwrap()
            .error
            .is_some()
    );
}

#[test]
fn references_are_classified() {
    let inline_json = source_map(&[("src/inline.ts", Some("const inline = true;"))]);
    let b64 = {
        use base64::Engine;
        base64::engine::general_purpose::STANDARD.encode(&inline_json)
    };
    let tgz = Tarball::new("package/")
        .package_json("x", Some("UNLICENSED"))
        .file("a.js", "a\n//# sourceMappingURL=missing.js.map\n")
        .file(
            "b.js",
            "b\n//# sourceMappingURL=https://maps.corp.internal/b.js.map\n",
        )
        .file(
            "c.js",
            format!("c\n//# sourceMappingURL=data:application/json;charset=utf-8;base64,{b64}\n"),
        )
        .file("d.css", "d{}\n/*# sourceMappingURL=d.css.map */")
        .file("d.css.map", source_map_without_content(&["d.scss"]))
        .tgz();
    let a = analyse(&tgz);
    let refs: Vec<_> = a
        .analysis
        .refs
        .iter()
        .map(|r| {
            (
                r.file.as_str(),
                r.target.as_str(),
                format!("{:?}", r.kind),
                r.exists,
            )
        })
        .collect();
    assert_eq!(
        refs,
        [
            ("a.js", "missing.js.map", "Local".to_string(), false),
            (
                "b.js",
                "https://maps.corp.internal/b.js.map",
                "Remote".to_string(),
                false
            ),
            ("c.js", "c.js", "Inline".to_string(), true),
            ("d.css", "d.css.map", "Local".to_string(), true),
        ]
    );
    let inline = a
        .analysis
        .source_maps
        .iter()
        .find(|m| m.path == "c.js")
        .unwrap();
    assert_eq!(inline.sources_with_content, 1);
    assert_eq!(a.verdict.level, Level::Critical);
    let rules: Vec<_> = a
        .analysis
        .findings
        .iter()
        .map(|f| (f.rule, f.path.as_str()))
        .collect();
    assert!(rules.contains(&(RuleId::SourcemapMissing, "a.js")));
    assert!(rules.contains(&(RuleId::SourcemapRemote, "b.js")));
}

#[test]
fn duplicates_merge_and_variants_are_kept() {
    let one = source_map(&[
        ("webpack://a/./src/x.ts", Some("same")),
        ("src/y.ts", Some("v1")),
    ]);
    let two = source_map(&[("../src/x.ts", Some("same")), ("src/y.ts", Some("v2"))]);
    let tgz = Tarball::new("package/")
        .file("1.js.map", one)
        .file("2.js.map", two)
        .tgz();
    let a = analyse(&tgz);
    let files: Vec<_> = a
        .analysis
        .recovered
        .files()
        .iter()
        .map(|f| (f.path.as_str(), f.variant, f.maps.len()))
        .collect();
    assert_eq!(
        files,
        [("src/x.ts", 0, 2), ("src/y.ts", 0, 1), ("src/y.ts", 1, 1)]
    );
}

#[test]
fn the_json_report_has_the_contract_keys() {
    let tgz = Tarball::new("package/")
        .package_json("@acme/cli", Some("UNLICENSED"))
        .file("cli.js.map", leaky_map())
        .tgz();
    let s = crate::common::session(&tgz);
    let v: serde_json::Value =
        serde_json::from_str(&leakscope::report::Report::new(&s).to_json()).unwrap();
    assert_eq!(v["schema"], 1);
    assert_eq!(v["tool"]["name"], "leakscope");
    assert_eq!(v["package"]["name"], "@acme/cli");
    assert_eq!(v["files"], 2);
    assert_eq!(v["source_maps"][0]["kind"], "file");
    assert_eq!(v["source_maps"][0]["referenced"], false);
    assert_eq!(v["source_maps"][0]["first_party"], 2);
    assert_eq!(v["recovered"]["files"], 4);
    assert_eq!(v["findings"][0]["severity"], "critical");
    assert_eq!(v["findings"][0]["line"], serde_json::Value::Null);
    assert_eq!(v["verdict"]["level"], "critical");
    assert!(v["sourcemap_refs"].is_array());
    assert!(v["unpacked_bytes"].is_u64());
    // What an incident ticket needs.
    assert_eq!(v["tool"]["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(v["scanned_at"], "1970-01-01T00:00:00Z");
    assert_eq!(v["input"]["name"], "test.tgz");
    assert_eq!(v["input"]["bytes"], tgz.len());
    let digests = leakscope::session::Digests::of(&tgz);
    assert_eq!(v["input"]["sha256"], digests.sha256);
    assert_eq!(v["input"]["integrity"], digests.sha512);
    assert_eq!(v["package"]["license"], "UNLICENSED");
    assert_eq!(v["own_sources"]["files"], 2);
    assert_eq!(v["own_sources"]["by_folder"][0]["folder"], "src/");
    assert_eq!(v["own_sources"]["list"][0]["path"], "src/main.ts");
}

#[test]
fn counts_agree_with_the_sourcemap_crate() {
    // An independent parser must see the same sources as ours.
    let json = leaky_map();
    let theirs = sourcemap::SourceMap::from_slice(json.as_bytes()).unwrap();
    let tgz = Tarball::new("package/").file("x.js.map", &json).tgz();
    let a = analyse(&tgz);
    assert_eq!(
        a.analysis.source_maps[0].sources,
        theirs.get_source_count() as usize
    );
    let with_content = (0..theirs.get_source_count())
        .filter(|&i| theirs.get_source_contents(i).is_some())
        .count();
    assert_eq!(a.analysis.source_maps[0].sources_with_content, with_content);
}

/// A GitHub token built at run time, so no real-looking secret sits in the repository.
use crate::common::github_token;

#[test]
fn a_secret_planted_in_sources_content_is_found_and_redacted() {
    let token = github_token();
    let code = format!("export const config = {{\n  token: '{token}',\n}};\n");
    let map = source_map(&[("webpack://x/./src/config.ts", Some(&code))]);
    let tgz = Tarball::new("package/")
        .package_json("oss", Some("MIT"))
        .file("dist/x.js.map", map)
        .tgz();
    let a = analyse(&tgz);
    let f = a
        .analysis
        .findings
        .iter()
        .find(|f| f.rule.as_str() == "github-pat")
        .expect("the planted token is found");
    assert_eq!(
        (f.severity, f.path.as_str()),
        (Severity::Critical, "dist/x.js.map")
    );
    assert!(
        f.message.contains("src/config.ts (line 2)"),
        "{}",
        f.message
    );
    assert_eq!(a.verdict.level, Level::Critical);
    let json = leakscope::report::Report::new(&crate::common::session(&tgz)).to_json();
    assert!(
        !json.contains(&token[8..]),
        "the report must not carry the secret"
    );
}

#[test]
fn secrets_and_never_publish_files_in_the_package() {
    let token = github_token();
    let tgz = Tarball::new("package/")
        .package_json("x", Some("MIT"))
        .file(
            "lib/deploy.js",
            format!("const a = 1;\nconst t = \"{token}\";\n"),
        )
        .file(".env", "DB_PASSWORD=hunter2hunter2\n")
        .file(
            ".npmrc",
            "//registry.npmjs.org/:_authToken=0123456789abcdef0123\n",
        )
        .file("tsconfig.tsbuildinfo", "{}")
        .file("image.png", [0x89u8, b'P', b'N', b'G', 0, 0, 0, 13])
        .tgz();
    let a = analyse(&tgz);
    let got: Vec<_> = a
        .analysis
        .findings
        .iter()
        .map(|f| (f.rule.as_str(), f.severity, f.path.as_str(), f.line))
        .collect();
    assert!(
        got.contains(&("github-pat", Severity::Critical, "lib/deploy.js", Some(2))),
        "{got:?}"
    );
    assert!(got.contains(&("env-file", Severity::High, ".env", None)));
    assert!(got.contains(&("npmrc-token", Severity::Critical, ".npmrc", None)));
    assert!(got.contains(&("tsbuildinfo", Severity::Low, "tsconfig.tsbuildinfo", None)));
    assert_eq!(a.verdict.title, "Leaks secrets");
    let summary = &a.verdict.summary;
    assert!(
        summary.starts_with("Secrets are exposed in 3 files."),
        "{summary}"
    );
}

#[test]
fn an_open_source_package_with_maps_and_sources_is_never_high() {
    let tgz = Tarball::new("package/")
        .package_json("oss-lib", Some("(MIT OR Apache-2.0)"))
        .file("src/index.ts", "export const x = 1;\n")
        .file(
            "dist/index.js",
            "exports.x = 1;\n//# sourceMappingURL=index.js.map\n",
        )
        .file(
            "dist/index.d.ts",
            "export declare const x: number;\n//# sourceMappingURL=index.d.ts.map\n",
        )
        .file(
            "dist/index.d.ts.map",
            source_map_without_content(&["../src/index.ts"]),
        )
        .file("dist/index.js.map", leaky_map())
        .tgz();
    let a = analyse(&tgz);
    assert!(
        a.analysis
            .findings
            .iter()
            .all(|f| f.severity <= Severity::Low),
        "{:?}",
        a.analysis.findings
    );
    assert_eq!(a.verdict.level, Level::Low);
    assert_eq!(a.analysis.refs.len(), 2);
    assert!(a.analysis.refs.iter().all(|r| r.exists));
}

#[test]
fn shipped_typescript_in_a_proprietary_package_is_high() {
    let tgz = Tarball::new("package/")
        .package_json("corp", Some("UNLICENSED"))
        .file("src/secret-algorithm.ts", "export function f() {}\n")
        .file("dist/index.js", "exports.f = function () {};\n")
        .tgz();
    let a = analyse(&tgz);
    assert_eq!(a.verdict.level, Level::High);
    assert_eq!(a.analysis.findings[0].rule, RuleId::ShippedTypescriptSource);
}

#[test]
fn the_verdict_counts_each_leaked_file_once() {
    // The same sources embedded by two maps (a bundle and its minified twin) leak once.
    let tgz = Tarball::new("package/")
        .package_json("x", Some("UNLICENSED"))
        .file("a.js.map", leaky_map())
        .file("a.min.js.map", format!("{} ", leaky_map()))
        .tgz();
    let a = analyse(&tgz);
    assert_eq!(
        a.verdict.summary,
        "Leaks 2 of its own source files (46 B) through 2 orphaned source maps."
    );
}

#[test]
fn the_same_map_shipped_twice_is_one_leak_at_two_paths() {
    let tgz = Tarball::new("package/")
        .package_json("x", Some("UNLICENSED"))
        .file("static/a.js.map", leaky_map())
        .file("labextension/static/a.js.map", leaky_map())
        .tgz();
    let a = analyse(&tgz);
    assert_eq!(
        a.verdict.summary,
        "Leaks 2 of its own source files (46 B) through 1 orphaned source map."
    );
    let copy = &a.analysis.source_maps[1];
    assert_eq!(copy.path, "labextension/static/a.js.map");
    assert_eq!(copy.copy_of.as_deref(), Some("static/a.js.map"));
    // Both paths stay flagged (both must go), the copy says whose copy it is.
    let at = |path: &str| {
        a.analysis
            .findings
            .iter()
            .find(|f| f.path == path && f.rule == RuleId::SourcemapEmbeddedSources)
            .unwrap_or_else(|| panic!("no finding at {path}"))
    };
    assert!(!at("static/a.js.map").message.contains("copy"));
    assert!(
        at("labextension/static/a.js.map")
            .message
            .contains("a copy of static/a.js.map (the same bytes): one leak, shipped at two paths")
    );
}

#[test]
fn a_cut_off_tarball_is_never_clean() {
    let mut tar = Tarball::new("package/")
        .package_json("x", Some("MIT"))
        .file("index.js", "x\n//# sourceMappingURL=index.js.map\n");
    for i in 0..20 {
        tar = tar.file(&format!("blob{i}.bin"), crate::common::noise(i, 4000));
    }
    let tgz = tar
        .file(
            "index.js.map",
            source_map_without_content(&["src/index.ts"]),
        )
        .tgz();
    let a = analyse(&tgz[..tgz.len() / 2]);
    assert!(a.analysis.files > 1 && a.analysis.archive_error.is_some());
    assert_eq!(a.verdict.level, Level::Incomplete);
    assert_eq!(
        a.verdict.worst,
        Level::Clean,
        "nothing was found in what was read"
    );
    assert_eq!(a.verdict.title, "Could not be read to the end");
    let read = a.analysis.files;
    assert_eq!(
        a.verdict.summary,
        format!(
            "Read {read} files ({}) before the archive broke off: the file is cut short after {} of content, as an unfinished download would be. Nothing was found in that part.",
            leakscope::text::size(a.analysis.unpacked_bytes),
            leakscope::text::size(match &a.analysis.archive_error {
                Some(leakscope::ArchiveError::TruncatedGzip { decompressed, .. }) => *decompressed,
                other => panic!("{other:?}"),
            })
        )
    );
    // The map past the break is not reported missing.
    assert!(
        !a.analysis
            .findings
            .iter()
            .any(|f| f.rule == RuleId::SourcemapMissing)
    );
}

#[test]
fn an_inline_map_that_does_not_decode_is_noted() {
    let tgz = Tarball::new("package/")
        .package_json("x", Some("MIT"))
        .file(
            "a.js",
            "a()\n//# sourceMappingURL=data:application/json;base64,%%%not-base64%%%\n",
        )
        .file("b.js", "b()\n//# sourceMappingURL=data:text/plain,hello\n")
        .file(
            "c.js",
            "c()\n//# sourceMappingURL=https://cdn.example.com/c.js.map\n",
        )
        .tgz();
    let a = analyse(&tgz);
    let rules: Vec<_> = a
        .analysis
        .findings
        .iter()
        .map(|f| (f.rule, f.path.as_str(), f.line))
        .collect();
    assert!(
        rules.contains(&(RuleId::SourcemapInlineUndecodable, "a.js", Some(2))),
        "{rules:?}"
    );
    assert!(rules.contains(&(RuleId::SourcemapInlineUndecodable, "b.js", Some(2))));
    assert!(rules.contains(&(RuleId::SourcemapRemote, "c.js", Some(2))));
    assert!(a.analysis.source_maps.is_empty());
    assert_eq!(a.verdict.level, Level::Low);
}

#[test]
fn a_personal_source_root_and_an_unreadable_map_with_sources_are_noticed() {
    let rooted = r#"{"version":3,"sourceRoot":"/Users/ann/app/","sources":["src/a.ts"],"sourcesContent":["x"],"mappings":"AAAA"}"#;
    // serde_json refuses a lone surrogate that JSON.parse would take: the map is unreadable.
    let lone = format!(
        r#"{{"version":3,"sources":["a.ts"],"sourcesContent":["\ud800 const t = '{}';"],"mappings":"AAAA"}}"#,
        github_token()
    );
    let tgz = Tarball::new("package/")
        .package_json("oss", Some("MIT"))
        .file("a.js.map", rooted)
        .file("b.js.map", &lone)
        .tgz();
    let a = analyse(&tgz);
    let got: Vec<_> = a
        .analysis
        .findings
        .iter()
        .map(|f| (f.rule.as_str(), f.severity, f.path.as_str()))
        .collect();
    assert!(
        got.contains(&("sourcemap-personal-path", Severity::Low, "a.js.map")),
        "{got:?}"
    );
    assert!(got.contains(&("sourcemap-embedded-sources", Severity::Medium, "a.js.map")));
    assert!(got.contains(&("sourcemap-unreadable", Severity::Medium, "b.js.map")));
    // Its raw text is still searched: the token in it is found.
    assert!(
        got.contains(&("github-pat", Severity::Critical, "b.js.map")),
        "{got:?}"
    );
}

#[test]
fn a_referenced_map_with_another_name_is_read() {
    let tgz = Tarball::new("package/")
        .package_json("x", Some("UNLICENSED"))
        .file("app.js", "a()\n//# sourceMappingURL=app.js.json\n")
        .file("app.js.json", leaky_map())
        .tgz();
    let a = analyse(&tgz);
    assert_eq!(a.analysis.source_maps.len(), 1);
    assert_eq!(
        (
            a.analysis.source_maps[0].path.as_str(),
            a.analysis.source_maps[0].referenced
        ),
        ("app.js.json", true)
    );
    assert_eq!(a.verdict.level, Level::Critical);
}

/// The CLI reads a package as it decompresses; everything else reads it whole. Both must
/// give the same report, byte for byte, including for a map read in pieces as it arrived.
#[test]
fn streaming_and_reading_whole_give_the_same_report() {
    use leakscope::report::Report;
    // Big enough that the map spans many decompressed chunks.
    let mut sources = Vec::new();
    for i in 0..400 {
        let text = format!("export const v{i} = \"{}\";\n", "x".repeat(9000 + i));
        sources.push((format!("webpack://acme/./src/m{i}.ts"), Some(text)));
    }
    sources.push((
        "webpack://acme/./src/key.ts".into(),
        Some(format!("const t = \"{}\";\n", github_token())),
    ));
    let refs: Vec<(&str, Option<&str>)> = sources
        .iter()
        .map(|(p, c)| (p.as_str(), c.as_deref()))
        .collect();
    let tgz = Tarball::new("package/")
        .package_json("@acme/cli", Some("UNLICENSED"))
        .file(
            "cli.js",
            format!(
                "console.log(1)\n{}//# sourceMappingURL=cli.js.map\n",
                "y".repeat(3 << 20)
            ),
        )
        .file("cli.js.map", source_map(&refs))
        .file(
            "lib/a.js",
            "//# sourceMappingURL=https://maps.example.com/a.js.map\n",
        )
        .tgz();
    // The pipeline, in small steps, against a whole read scanned at once.
    let mut pipeline = leakscope::session::Pipeline::bytes(
        "test.tgz",
        tgz.clone(),
        leakscope::session::Options::scan(0),
    );
    let mut steps = 0;
    while pipeline.step(256 << 10) {
        steps += 1;
    }
    assert!(steps > 3, "the package arrived in {steps} pieces");
    let streamed = pipeline.finish().unwrap();
    let whole = crate::common::whole_session(&tgz);
    assert_eq!(
        Report::new(&streamed).to_json(),
        Report::new(&whole).to_json()
    );
    assert_eq!(streamed.analysis.recovered.len(), 401);
    // The streamed map left its texts in the package; they read back as the whole read's.
    let texts = |s: &leakscope::Session| -> Vec<String> {
        s.analysis
            .recovered
            .files()
            .iter()
            .map(|f| f.text(s.archive.data()).into_owned())
            .collect()
    };
    assert!(
        streamed
            .analysis
            .recovered
            .files()
            .iter()
            .any(|f| matches!(f.content, leakscope::recover::Content::InPackage(_))),
        "the big map was streamed"
    );
    assert_eq!(texts(&streamed), texts(&whole));
    assert!(
        streamed
            .analysis
            .findings
            .iter()
            .any(|f| f.rule.as_str() == "github-pat")
    );
}

/// A map under `node_modules/<dep>/` (bundled dependencies ship so) belongs to that
/// dependency: what it embeds is the dependency's code, judged by the dependency's own
/// licence, recovered in its folder, and never counted as the package's own sources.
#[test]
fn a_bundled_dependency_s_map_is_judged_by_its_own_licence() {
    let dep_map = |name: &str| {
        source_map(&[
            (
                "webpack://dep/./src/index.ts",
                Some("export const x = 1;\n"),
            ),
            (
                &format!("webpack://dep/./src/{name}.ts"),
                Some("export const y = 2;\n"),
            ),
        ])
    };
    let package = |dep_licence: &str| {
        Tarball::new("package/")
            .package_json("@acme/cli", Some("UNLICENSED"))
            .file("cli.js", "run()\n")
            .file(
                "node_modules/handlebars/package.json",
                format!(r#"{{"name":"handlebars","version":"4.7.8","license":"{dep_licence}"}}"#),
            )
            .file(
                "node_modules/handlebars/dist/handlebars.js.map",
                dep_map("a"),
            )
            .file(
                "node_modules/@scope/b/node_modules/content-type/dist/index.js.map",
                dep_map("b"),
            )
            .tgz()
    };
    let a = analyse(&package("MIT"));
    // Open source: a note; the nested one has no package.json, so no licence: worth a look.
    let findings: Vec<(&str, Severity)> = a
        .analysis
        .findings
        .iter()
        .map(|f| (f.rule.as_str(), f.severity))
        .collect();
    assert!(
        findings.contains(&("sourcemap-embedded-dependencies", Severity::Info)),
        "{findings:?}"
    );
    assert!(
        findings.contains(&("sourcemap-embedded-dependencies", Severity::Medium)),
        "{findings:?}"
    );
    assert!(
        !findings
            .iter()
            .any(|(r, _)| *r == "sourcemap-embedded-sources"),
        "{findings:?}"
    );
    assert_ne!(a.verdict.level, Level::Critical);
    assert_eq!(a.verdict.title, "Worth a look");
    let recovered: Vec<(&str, bool)> = a
        .analysis
        .recovered
        .files()
        .iter()
        .map(|f| (f.export_path(), f.first_party))
        .collect();
    assert!(
        recovered.contains(&("node_modules/handlebars/src/index.ts", false)),
        "{recovered:?}"
    );
    assert!(
        recovered.contains(&(
            "node_modules/@scope/b/node_modules/content-type/src/index.ts",
            false
        )),
        "{recovered:?}"
    );
    let map = &a.analysis.source_maps[0];
    assert_eq!(map.dependency.as_deref(), Some("handlebars"));
    // The map's own first-party count is the dependency's: the report says whose.
    assert_eq!(map.first_party, 2);
}

/// Maps referenced with a query or a fragment, as JupyterLab's builds write them
/// (`remoteEntry.js.map?v=3f2a…`), resolve to the file without it: referenced, not orphaned
/// and not missing.
#[test]
fn a_map_referenced_with_a_query_is_the_file_without_it() {
    let map = source_map_without_content(&["src/a.ts"]);
    let tgz = Tarball::new("package/")
        .package_json("ext", Some("BSD-3-Clause"))
        .file(
            "static/remoteEntry.js",
            "x()\n//# sourceMappingURL=remoteEntry.js.map?v=3f2a9c1b7e\n",
        )
        .file("static/remoteEntry.js.map", map.clone())
        .file(
            "static/style.css",
            ".a{}\n/*# sourceMappingURL=style.css.map?v=3f2a9c1b */\n",
        )
        .file("static/style.css.map", map.clone())
        .file(
            "static/other.js",
            "x()\n//# sourceMappingURL=other.js.map?v=1&x=2#frag\n",
        )
        .file("static/other.js.map", map)
        .tgz();
    let a = analyse(&tgz).analysis;
    assert_eq!(a.refs.len(), 3);
    for r in &a.refs {
        assert!(r.exists && !r.target.contains(['?', '#']), "{r:?}");
    }
    assert!(
        a.source_maps.iter().all(|m| m.referenced),
        "{:?}",
        a.source_maps
    );
    assert!(
        !a.findings
            .iter()
            .any(|f| f.rule == RuleId::SourcemapMissing),
        "{:?}",
        a.findings
    );
}
