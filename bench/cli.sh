#!/usr/bin/env bash
# The CLI against `gzip -dc` of the same file, in the same run, alternating:
# `leakscope scan PKG --format json` and `gzip -dc PKG > /dev/null`, RUNS rounds after
# one warm-up, medians and their ratio.
#   bench/cli.sh PKG [RUNS=9]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PKG=${1:?a .tgz}
RUNS=${2:-9}
BIN=${LEAKSCOPE:-target/release/leakscope}
median() { sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
time_of() {
  local start=$EPOCHREALTIME
  "$@" > /dev/null || [[ $? == 1 ]] # scan exits 1 on a finding at or above --fail-on
  awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.4f\n", b - a }'
}
time_of "$BIN" scan "$PKG" --format json > /dev/null
time_of gzip -dc "$PKG" > /dev/null
scan=() gz=()
for ((i = 0; i < RUNS; i++)); do
  if ((i % 2)); then
    gz+=("$(time_of gzip -dc "$PKG")"); scan+=("$(time_of "$BIN" scan "$PKG" --format json)")
  else
    scan+=("$(time_of "$BIN" scan "$PKG" --format json)"); gz+=("$(time_of gzip -dc "$PKG")")
  fi
done
s=$(printf '%s\n' "${scan[@]}" | median)
g=$(printf '%s\n' "${gz[@]}" | median)
awk -v s="$s" -v g="$g" -v p="$(basename "$PKG")" 'BEGIN { printf "| %s | %.0f ms | %.0f ms | %.2f |\n", p, s * 1000, g * 1000, s / g }'
