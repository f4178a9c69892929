#!/usr/bin/env bash
# Benchmark: `leakscope extract` and `leakscope scan` against the Node baseline
# (bench/extract-source-map.mjs, `source-map` 0.7) on the synthetic ~31 MB leak tarball.
#
#   cargo build --release && bench/extract.sh
#
# Env: RUNS (default 5) timed rounds after one warm-up round; LEAKSCOPE overrides the
# binary (default target/release/leakscope); BENCH_OUT where the trees are written
# (default /dev/shm, see below).
# Wall time from bash's clock, max RSS from GNU time; the table shows medians. Builds
# nothing itself.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

RUNS=${RUNS:-5}
BENCH=target/bench
BIG=$BENCH/leak.tgz
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
  node bench/packages.mjs "$BENCH" leak.tgz >/dev/null
fi
echo "input: $BIG ($(stat -c %s "$BIG") bytes)"

if [[ ! -x /usr/bin/time ]]; then
  echo "error: need /usr/bin/time (GNU time: apt-get install time)" >&2
  exit 1
fi

# --- timing -----------------------------------------------------------------------------

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

median() { sort -g | awk '{ a[NR] = $1 } END { if (NR == 0) print "nan"; else if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

NAMES=(extract scan node)
declare -A CMD OUT MAX_OK WALLS RSS
CMD[extract]="$BIN extract $BIG -o $OUT_RUST"
OUT[extract]=$OUT_RUST
MAX_OK[extract]=0
# `scan` exits 1 when it finds something at or above --fail-on, as it does here.
CMD[scan]="$BIN scan $BIG --format json > /dev/null"
OUT[scan]=-
MAX_OK[scan]=1
CMD[node]="node bench/extract-source-map.mjs $BIG $OUT_NODE"
OUT[node]=$OUT_NODE
MAX_OK[node]=0
for n in "${NAMES[@]}"; do
  echo "$n: ${CMD[$n]}"
  RSS[$n]=0
done

# One run of NAME: wall seconds and max RSS (KB), the output folder emptied
# first (so every run writes a fresh tree).
run() {
  local n=$1 rc=0
  [[ ${OUT[$n]} != - ]] && rm -rf "${OUT[$n]}"
  local start=$EPOCHREALTIME
  /usr/bin/time -f '%M' -o "$TMP/t" bash -c "${CMD[$n]}" >"$TMP/stdout" 2>"$TMP/stderr" || rc=$?
  local end=$EPOCHREALTIME
  if ((rc > ${MAX_OK[$n]})); then
    echo "error: '${CMD[$n]}' failed (exit $rc):" >&2
    cat "$TMP/stderr" >&2
    exit 1
  fi
  # GNU time (10 ms resolution) gives the RSS; bash's clock (microseconds) the wall time.
  # GNU time may prepend "Command exited with ..." lines; the number is the last line.
  local w m
  w=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }')
  m=$(tail -n 1 "$TMP/t")
  LAST="$w ${m}KB"
  WALLS[$n]+="$w "
  if ((m > RSS[$n])); then RSS[$n]=$m; fi
}

# One warm-up round, then RUNS rounds. Each round runs all three one after the other, in
# an order that turns from round to round, so that whatever drifts on the machine (disk,
# caches, the kernel still freeing the last tree) touches each alike.
for n in "${NAMES[@]}"; do run "$n"; done
for n in "${NAMES[@]}"; do WALLS[$n]=; RSS[$n]=0; done
for ((i = 1; i <= RUNS; i++)); do
  declare -A took=()
  for ((k = 0; k < ${#NAMES[@]}; k++)); do
    n=${NAMES[(i + k) % ${#NAMES[@]}]}
    run "$n"
    took[$n]=${LAST%% *}
  done
  echo "round $i:  extract ${took[extract]}s  scan ${took[scan]}s  node ${took[node]}s"
done
declare -A WALL
for n in "${NAMES[@]}"; do
  WALL[$n]=$(printf '%s\n' ${WALLS[$n]} | median)
done

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
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2fx", a / b; else print "n/a" }'; }

echo
printf '%-10s %14s %14s\n' command "median wall" "max RSS"
for n in extract scan node; do
  printf '%-10s %13.3fs %11s MB\n' "$n" "${WALL[$n]}" "$(mb "${RSS[$n]}")"
done
echo
echo "speed-up node/extract: $(ratio "${WALL[node]}" "${WALL[extract]}")"
echo "speed-up node/scan:    $(ratio "${WALL[node]}" "${WALL[scan]}")"
exit $status
