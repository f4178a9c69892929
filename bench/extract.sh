#!/usr/bin/env bash
# Benchmark: `leakscope extract` and `leakscope scan` against the Node baseline
# (bench/extract-source-map.mjs, `source-map` 0.7) on the synthetic ~31 MB leak tarball.
#
#   cargo build --release && bench/extract.sh
#
# Env: RUNS (default 3) timed runs per command after one warm-up; LEAKSCOPE overrides the
# binary (default target/release/leakscope); BENCH_OUT where the trees are written
# (default /dev/shm, see below).
# Uses hyperfine for wall time when installed, /usr/bin/time for max RSS (and for wall time
# otherwise). Builds nothing itself.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

RUNS=${RUNS:-3}
BENCH=target/bench
BIG=$BENCH/big-leak.tgz
BIN=${LEAKSCOPE:-target/release/leakscope}
# Outputs go to memory (tmpfs) by default: this VM's disk slows down run after run as
# deleted trees pile up, which measured the disk rather than the tools. BENCH_OUT=dir
# measures on a disk of your choice.
OUT_BASE=${BENCH_OUT:-$( [[ -d /dev/shm && -w /dev/shm ]] && echo /dev/shm/leakscope-bench || echo "$BENCH")}
mkdir -p "$OUT_BASE"
OUT_RUST=$OUT_BASE/out-rust
OUT_NODE=$OUT_BASE/out-node

# --- inputs -----------------------------------------------------------------------------

if [[ ! -x $BIN ]]; then
  echo "error: $BIN not found; run \`cargo build --release\` first" >&2
  exit 1
fi
if ! command -v node >/dev/null; then
  echo "error: node not found (Node 20 is needed for the fixture and the baseline)" >&2
  exit 1
fi
if [[ ! -d node_modules/source-map ]]; then
  echo "error: node_modules/source-map missing; run \`npm install\` first" >&2
  exit 1
fi
if [[ ! -f $BIG ]]; then
  echo "generating $BIG (once) ..."
  node tests/e2e/fixtures.mjs "$BENCH" --big >/dev/null
fi
echo "input: $BIG ($(stat -c %s "$BIG") bytes)"

HAVE_TIME=0
[[ -x /usr/bin/time ]] && HAVE_TIME=1
HAVE_HYPERFINE=0
command -v hyperfine >/dev/null && HAVE_HYPERFINE=1
if [[ $HAVE_TIME == 0 && $HAVE_HYPERFINE == 0 ]]; then
  echo "error: need /usr/bin/time (GNU time) or hyperfine" >&2
  exit 1
fi

# --- timing -----------------------------------------------------------------------------

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

median() { sort -g | awk '{ a[NR] = $1 } END { if (NR == 0) print "nan"; else if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

declare -A WALL RSS

# bench NAME OUTDIR(or -) SHELL-COMMAND [MAX_OK_EXIT]
# The command runs through `bash -c` so redirections work; OUTDIR is removed before each run.
# Exit codes up to MAX_OK_EXIT (default 0) count as success: `scan` exits 1 on findings.
bench() {
  local name=$1 out=$2 cmd=$3 max_ok=${4:-0}
  local clean=true
  [[ $out != - ]] && clean="rm -rf $out"
  echo "== $name: $cmd"

  local walls=() rss_max=0 i
  if [[ $HAVE_TIME == 1 ]]; then
    # Warm-up, then RUNS timed runs: wall seconds and max RSS (KB) from GNU time.
    for ((i = 0; i <= RUNS; i++)); do
      bash -c "$clean"
      local rc=0
      /usr/bin/time -f '%e %M' -o "$TMP/t" bash -c "$cmd" >"$TMP/stdout" 2>"$TMP/stderr" || rc=$?
      if ((rc > max_ok)); then
        echo "error: '$cmd' failed (exit $rc):" >&2
        cat "$TMP/stderr" >&2
        exit 1
      fi
      # GNU time may prepend "Command exited with ..." lines; the numbers are the last line.
      read -r w m < <(tail -n 1 "$TMP/t")
      if ((i == 0)); then
        echo "   warm-up: ${w}s ${m}KB  $(tail -n 1 "$TMP/stdout")"
        continue
      fi
      echo "   run $i:   ${w}s ${m}KB"
      walls+=("$w")
      if ((m > rss_max)); then rss_max=$m; fi
    done
  fi
  if [[ $HAVE_HYPERFINE == 1 ]]; then
    # hyperfine's median replaces GNU time's for wall time (RSS still from GNU time).
    local ignore=()
    ((max_ok > 0)) && ignore=(--ignore-failure)
    hyperfine --warmup 1 --runs "$RUNS" --prepare "$clean" "${ignore[@]}" \
      --export-json "$TMP/h.json" "$cmd" >/dev/null
    walls=("$(node -e 'console.log(require(process.argv[1]).results[0].median.toFixed(3))' "$TMP/h.json")")
    echo "   hyperfine median: ${walls[0]}s"
  fi
  WALL[$name]=$(printf '%s\n' "${walls[@]}" | median)
  if [[ $HAVE_TIME == 1 ]]; then RSS[$name]=$rss_max; else RSS[$name]=; fi
}

bench extract "$OUT_RUST" "$BIN extract $BIG -o $OUT_RUST"
bench scan - "$BIN scan $BIG --format json > /dev/null" 1
bench node "$OUT_NODE" "node bench/extract-source-map.mjs $BIG $OUT_NODE"

# The last runs left both trees behind: they must hold the same files, byte for byte.
# (The synthetic fixture has no conflicting paths, so variant naming cannot differ.)
echo
status=0
if diff -r -q "$OUT_RUST" "$OUT_NODE" >"$TMP/diff"; then
  echo "outputs identical: $(find "$OUT_RUST" -type f | wc -l) files," \
    "$(find "$OUT_RUST" -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }') bytes"
else
  echo "OUTPUTS DIFFER ($(wc -l <"$TMP/diff") differences):"
  head -n 20 "$TMP/diff"
  status=1
fi

# --- table ------------------------------------------------------------------------------

mb() { [[ -n $1 ]] && awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }' || echo n/a; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1fx", a / b; else print "n/a" }'; }

echo
printf '%-10s %14s %14s\n' command "median wall" "max RSS"
for n in extract scan node; do
  printf '%-10s %13.2fs %11s MB\n' "$n" "${WALL[$n]}" "$(mb "${RSS[$n]}")"
done
echo
echo "speed-up node/extract: $(ratio "${WALL[node]}" "${WALL[extract]}")"
echo "speed-up node/scan:    $(ratio "${WALL[node]}" "${WALL[scan]}")"
exit $status
