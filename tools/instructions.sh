#!/usr/bin/env bash
# Instructions that `vigie extract` spends per article and per sentence once
# its lexicons and gazetteer are loaded, counted by callgrind (valgrind).
#
# CPU time on a shared machine varies by a fifth from run to run; an
# instruction count does not vary at all, so it shows what a code change
# saves even when the benchmarks' noise hides it. It is no substitute for
# them (cache misses cost time and no instruction): the targets are checked
# by `cargo bench`, this tool guides the work.
#
# The start-up work is taken out by difference: the first N and the first 2N
# articles of the bench corpus are run, and the steady state of N articles is
# the difference of the two counts.
#
# Usage: tools/instructions.sh [BINARY] [N]
#   BINARY  a `vigie` binary (default: target/release/vigie; build it with
#           `cargo build --release`; add debug line tables with
#           CARGO_PROFILE_RELEASE_DEBUG=line-tables-only to read
#           per-function costs in the callgrind.out.* files it leaves in /tmp)
#   N       articles (default 400)
# The corpus is the one `cargo bench --bench ingest` generates
# (target/vigie-bench/corpus-50mb.jsonl): run that bench once first.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
bin="${1:-$root/target/release/vigie}"
n="${2:-400}"
corpus="$root/target/vigie-bench/corpus-50mb.jsonl"

command -v valgrind > /dev/null || { echo "instructions.sh: valgrind is not installed" >&2; exit 2; }
[ -x "$bin" ] || { echo "instructions.sh: no binary at $bin (cargo build --release)" >&2; exit 2; }
[ -f "$corpus" ] || { echo "instructions.sh: no corpus at $corpus (cargo bench --bench ingest)" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
head -n "$n" "$corpus" > "$work/a.jsonl"
head -n "$((2 * n))" "$corpus" > "$work/b.jsonl"

count() {
    # Instructions of one run; its callgrind output is kept for reading.
    valgrind --tool=callgrind --callgrind-out-file="/tmp/callgrind.out.vigie-$2" \
        "$bin" extract --threads 1 "$1" 2>&1 > /dev/null | awk '/I *refs:/ { gsub(",", "", $NF); print $NF }'
}
a="$(count "$work/a.jsonl" "$n")"
b="$(count "$work/b.jsonl" "$((2 * n))")"
sentences="$("$bin" extract --threads 1 --stats-json "$work/b.jsonl" 2>&1 > /dev/null | tail -n 1 \
    | python3 -c 'import json, sys; print(int(json.load(sys.stdin)["sentences"]))')"
first="$("$bin" extract --threads 1 --stats-json "$work/a.jsonl" 2>&1 > /dev/null | tail -n 1 \
    | python3 -c 'import json, sys; print(int(json.load(sys.stdin)["sentences"]))')"
steady=$((b - a))
per_sentence=$((steady / (sentences - first)))
echo "start-up and first $n articles: $a instructions"
echo "steady state, $n articles ($((sentences - first)) sentences): $steady instructions, $((steady / n)) per article, $per_sentence per sentence"
