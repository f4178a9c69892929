#!/usr/bin/env bash
# Benchmark of the secret scanner, this tree against a base commit, in one session:
#
#   bench/secrets.sh [BASE]        # BASE defaults to db68682 (38 rules)
#
# 1. Speed: `npm pack`s typescript, @angular/core and rxjs into target/secrets-bench/
#    (skipped when there), builds bench/secrets.rs (the `secrets-bench` example: `find`
#    over every text file and every source embedded in their maps) for this tree and for
#    BASE (from `git archive`, in its own target dir), and runs them in turns. Each run
#    prints min and median over ROUNDS rounds (default 15) in ms and ns/byte.
# 2. The page's bundle (WASM=1, on by default): builds a tiny wasm32 cdylib around each
#    side's `scan/secrets` (the same regex and aho-corasick features as the page, opt-level
#    s, fat LTO, one codegen unit), runs `wasm-opt -Oz` and gzip -9, and prints the sizes:
#    the difference is what the rules and their engine add to the page.
#
# Env: ROUNDS, TURNS (default 3), WASM (1/0), WASM_OPT (default node_modules/.bin/wasm-opt).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

BASE=${1:-db68682}
ROUNDS=${ROUNDS:-15}
TURNS=${TURNS:-3}
DIR=target/secrets-bench
export CARGO_BUILD_JOBS=${CARGO_BUILD_JOBS:-1}

mkdir -p "$DIR/x"
for spec in typescript@5.9.3 @angular/core@21.2.26 rxjs@7.8.2; do
  name=${spec%@*}; safe=${name//@/}; safe=${safe//\//-}
  if ! compgen -G "$DIR/$safe-[0-9]*.tgz" >/dev/null; then
    (cd "$DIR" && npm pack --silent "$spec" >/dev/null)
  fi
done
for tgz in "$DIR"/*.tgz; do
  out="$DIR/x/$(basename "$tgz" .tgz)"
  [[ -d $out ]] || { mkdir -p "$out" && tar xzf "$tgz" -C "$out"; }
done

# The base, as it was, with this benchmark added to it.
SRC=target/secrets-base
rm -rf "$SRC" && mkdir -p "$SRC"
git archive "$BASE" | tar -x -C "$SRC"
mkdir -p "$SRC/bench" && cp bench/secrets.rs "$SRC/bench/secrets.rs"
grep -q 'name = "secrets-bench"' "$SRC/Cargo.toml" || cat >>"$SRC/Cargo.toml" <<'EOF'

[[example]]
name = "secrets-bench"
path = "bench/secrets.rs"
EOF

cargo build --release --example secrets-bench
cp target/release/examples/secrets-bench "$DIR/bench-new"
# Its own target dir: cargo would take the base's package for this one and reuse it.
(cd "$SRC" && CARGO_TARGET_DIR="$PWD/../secrets-base-target" cargo build --release --example secrets-bench)
cp target/secrets-base-target/release/examples/secrets-bench "$DIR/bench-base"

for turn in $(seq "$TURNS"); do
  echo "--- turn $turn: base ($BASE)"
  "$DIR/bench-base" "$DIR/x" "$ROUNDS"
  echo "--- turn $turn: this tree"
  "$DIR/bench-new" "$DIR/x" "$ROUNDS"
done

[[ ${WASM:-1} == 1 ]] || exit 0
WASM_OPT=${WASM_OPT:-node_modules/.bin/wasm-opt}
W=target/secrets-wasm
rm -rf "$W" && mkdir -p "$W/base/src" "$W/new/src"
# The scanner as each side has it: one file (before the split) or a folder; tests are
# cfg(test) only. Its ids live in `finding/secret_id.rs` where the side has that file.
copy_scanner() { # from-root to-dir
  if [[ -d $1/src/scan/secrets ]]; then cp -r "$1/src/scan/secrets" "$2/src/secrets"
  else mkdir -p "$2/src/secrets" && cp "$1/src/scan/secrets.rs" "$2/src/secrets/mod.rs"; fi
  : >"$2/src/secrets/tests.rs"
  mkdir -p "$2/src/finding"
  if [[ -f $1/src/finding/secret_id.rs ]]; then cp "$1/src/finding/secret_id.rs" "$2/src/finding/"
  else : >"$2/src/finding/secret_id.rs"; fi
}
copy_scanner "$SRC" "$W/base"
copy_scanner . "$W/new"
for side in base new; do
  cat >"$W/$side/Cargo.toml" <<EOF
[package]
name = "secrets-size-$side"
version = "0.1.0"
edition = "2024"
[lib]
crate-type = ["cdylib"]
[dependencies]
regex = { version = "1", default-features = false, features = ["std", "perf"] }
aho-corasick = "1"
memchr = "2"
base64 = "0.22"
regex-syntax = { version = "0.8", default-features = false, features = ["std"] }
serde = { version = "1", features = ["derive"] }
serde_json = "1"
[profile.release]
opt-level = "s"
lto = true
codegen-units = 1
panic = "abort"
EOF
  cp Cargo.lock "$W/$side/"
  cat >"$W/$side/src/lib.rs" <<'EOF'
pub mod finding {
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
    pub enum Severity { Info, Low, Medium, High, Critical }
    mod secret_id;
    #[allow(unused_imports)]
    pub use secret_id::*;
}
#[path = "secrets/mod.rs"]
pub mod secrets;
/// One call of `find`, so that everything it needs is linked.
#[unsafe(no_mangle)]
pub extern "C" fn scan(ptr: *const u8, len: usize) -> usize {
    let text = unsafe { std::slice::from_raw_parts(ptr, len) };
    secrets::find(text).iter().map(|h| h.redacted.len() + h.range.len()).sum()
}
EOF
  (cd "$W/$side" && CARGO_TARGET_DIR="$PWD/../target" cargo build --release --target wasm32-unknown-unknown --quiet)
  raw="$W/target/wasm32-unknown-unknown/release/secrets_size_$side.wasm"
  "$WASM_OPT" -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext "$raw" -o "$W/$side.wasm"
  echo "wasm $side: $(stat -c %s "$raw") B built, $(stat -c %s "$W/$side.wasm") B after wasm-opt -Oz, $(gzip -9c "$W/$side.wasm" | wc -c) B gzipped"
done
