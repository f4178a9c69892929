//! A small package made here, whose scan runs the pipeline's hot paths: decompression, the
//! tar index, a streamed source map with sources and mappings, secrets, references. The
//! page's worker scans it once when it starts, so that the engine has compiled that code
//! (WebAssembly starts in a baseline tier) and the secret rules are built before a real
//! package arrives: a first scan in a fresh worker takes about twice as long as the next
//! (README, Benchmarks).

use crate::text::count;

/// Deterministic pseudo-random numbers (xorshift), so the package is the same each time.
struct Rand(u64);

impl Rand {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick<'a>(&mut self, words: &[&'a str]) -> &'a str {
        words[(self.next() >> 33) as usize % words.len()]
    }
}

const WORDS: &[&str] = &[
    "session", "token", "render", "value", "config", "client", "request", "handler", "state",
    "buffer", "stream", "parse", "index", "result", "error", "option", "module", "export",
];

/// About `bytes` of code-like text, compressible like real code.
fn code(rand: &mut Rand, bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + 100);
    while out.len() < bytes {
        let (a, b, c) = (rand.pick(WORDS), rand.pick(WORDS), rand.pick(WORDS));
        let n = rand.next() % 100_000;
        out.push_str(&format!(
            "export function {a}{b}({c}) {{ return {c}.{a} ?? \"{b}-{n:x}\"; }}\n"
        ));
    }
    out
}

/// The package, as an uncompressed tar: the shell compresses it with what the browser
/// has, so no compressor is needed here.
pub fn tar() -> Vec<u8> {
    let mut rand = Rand(0x9E37_79B9_7F4A_7C15);
    let sources: Vec<(String, String)> = (0..40)
        .map(|i| {
            (
                format!("webpack://warm/./src/m{i}.ts"),
                code(&mut rand, 6_000),
            )
        })
        .collect();
    // 200 lines of 20 segments, each a line further down source 0.
    let mappings = vec![["AACA"; 20].join(","); 200].join(";");
    let map = serde_json::json!({
        "version": 3,
        "file": "app.js",
        "sources": sources.iter().map(|(p, _)| p).collect::<Vec<_>>(),
        "sourcesContent": sources.iter().map(|(_, c)| c).collect::<Vec<_>>(),
        "names": [],
        "mappings": mappings,
    });
    let js = format!(
        "{}\n//# sourceMappingURL=app.js.map\n",
        code(&mut rand, 300_000)
    );
    // Token-shaped text, so that secret rules are tried (none of it is a real format).
    let tokens: String = (0..200)
        .map(|i| {
            format!(
                "const key{i} = \"AKIA{}\"; // ghp_ sk_live_ xoxb- eyJ\n",
                count(rand.next() % 1000)
            )
        })
        .collect();
    let files = [
        (
            "package/package.json",
            r#"{"name":"warm-up","version":"1.0.0","license":"UNLICENSED"}"#.to_string(),
        ),
        ("package/dist/app.js", js),
        ("package/dist/app.js.map", map.to_string()),
        ("package/lib/keys.js", tokens),
    ];
    let mut builder = tar::Builder::new(Vec::new());
    for (path, text) in files {
        let mut header = tar::Header::new_gnu();
        header.set_size(text.len() as u64);
        header.set_mode(0o644);
        builder
            .append_data(&mut header, path, text.as_bytes())
            .expect("writing to memory");
    }
    builder.into_inner().expect("writing to memory")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_warm_up_package_runs_every_stage() {
        let tar = tar();
        assert!(tar.len() > 500_000, "{}", tar.len());
        let s = crate::analyse(&tar);
        let a = &s.analysis;
        assert_eq!(a.files, 4);
        assert_eq!(a.recovered.len(), 40);
        assert_eq!(a.refs.len(), 1);
        assert!(
            a.source_maps[0].problems.is_empty(),
            "{:?}",
            a.source_maps[0].problems
        );
        assert_eq!(s.verdict.level, crate::Level::Critical);
        assert_eq!(tar, super::tar(), "the same each time");
    }
}
