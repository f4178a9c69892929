//! Times `secrets::find` over real code: every text file of the packages in
//! `target/secrets-bench/x/` (unpacked by `bench/secrets.sh`) and every source embedded in
//! their source maps, each scanned on its own as the scanner does.
//!
//!   cargo run --release --example secrets-bench -- [DIR] [ROUNDS]
//!
//! Prints the corpus size, then min and median over the rounds in ms and ns/byte, and the
//! number of hits (the same before and after a change that should not change them).

use std::path::Path;
use std::time::Instant;

use leakscope::scan::secrets;

fn texts(dir: &Path, out: &mut Vec<Vec<u8>>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .collect();
    entries.sort_by_key(|e| e.path());
    for e in entries {
        let path = e.path();
        if path.is_dir() {
            texts(&path, out);
            continue;
        }
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        // Text only, as the scanner does (it skips binaries).
        if bytes.iter().take(8000).any(|&b| b == 0) {
            continue;
        }
        if path.extension().is_some_and(|x| x == "map")
            && let Ok(map) = serde_json::from_slice::<serde_json::Value>(&bytes)
            && let Some(sources) = map.get("sourcesContent").and_then(|s| s.as_array())
        {
            for s in sources.iter().filter_map(|s| s.as_str()) {
                out.push(s.as_bytes().to_vec());
            }
        }
        out.push(bytes);
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args
        .next()
        .unwrap_or_else(|| "target/secrets-bench/x".into());
    let rounds: usize = args.next().map_or(15, |r| r.parse().expect("ROUNDS"));
    let mut corpus = Vec::new();
    texts(Path::new(&dir), &mut corpus);
    let bytes: usize = corpus.iter().map(Vec::len).sum();
    println!(
        "corpus: {} texts, {bytes} bytes; {} rules",
        corpus.len(),
        secrets::RULES.len()
    );
    let mut hits = 0;
    let mut times = Vec::new();
    for round in 0..=rounds {
        let start = Instant::now();
        let mut n = 0;
        for text in &corpus {
            n += secrets::find(text).len();
        }
        let t = start.elapsed().as_secs_f64();
        if round > 0 {
            times.push(t); // round 0 warms up (and compiles the rules)
        }
        hits = n;
    }
    times.sort_by(f64::total_cmp);
    let (min, median) = (times[0], times[times.len() / 2]);
    println!(
        "find: min {:.1} ms ({:.2} ns/byte), median {:.1} ms ({:.2} ns/byte), {rounds} rounds, {hits} hits",
        min * 1e3,
        min * 1e9 / bytes as f64,
        median * 1e3,
        median * 1e9 / bytes as f64,
    );
}
