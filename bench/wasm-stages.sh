#!/usr/bin/env bash
# Times the page's pipeline stages in WebAssembly under Node's V8 (the engine of the page's
# worker): inflate alone, the scan of a decompressed tar alone, secrets over a text, and
# the whole single-worker pipeline.
#   bench/wasm-stages.sh PKG.tgz [RUNS=5]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PWD/node_modules/.bin:$PATH"
PKG=${1:?a .tgz}
RUNS=${2:-5}
OUT=target/bench/wasm-stages
cargo build --quiet --profile wasm-release --target wasm32-unknown-unknown --no-default-features --features web --example wasm_stages
wasm-bindgen --target nodejs --out-dir "$OUT" target/wasm32-unknown-unknown/wasm-release/examples/wasm_stages.wasm
node - "$OUT/wasm_stages.js" "$PKG" "$RUNS" <<'JS'
const [, , mod, pkg, runs] = process.argv;
const w = require(require('path').resolve(mod));
const { readFileSync } = require('fs');
const { gunzipSync } = require('zlib');
const tgz = readFileSync(pkg);
const tar = gunzipSync(tgz);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = { inflate: [], 'scan (push)': [], 'scan (finish)': [], pipeline: [] };
for (let i = 0; i < Number(runs); i++) {
  rows.inflate.push(w.inflate(tgz)[0]);
  const s = w.scan_tar(tar);
  rows['scan (push)'].push(s[0]);
  rows['scan (finish)'].push(s[1]);
  rows.pipeline.push(w.pipeline(tgz)[0]);
}
for (const [k, v] of Object.entries(rows)) console.log(`${k.padEnd(14)} median ${median(v).toFixed(0)} ms  (${v.map((x) => x.toFixed(0)).join(' ')})`);
JS
