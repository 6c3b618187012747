#!/usr/bin/env bash
# The dashboard's browser test: installs Debian's chromium when missing and
# playwright-core from package-lock.json, starts `vigie demo` on a free
# loopback port, runs dashboard.mjs, saves target/dashboard.png, stops the
# server. Called by .ci/run after `cargo test` (which built the binary).
set -euo pipefail
cd "$(dirname "$0")"
root="$(cd ../.. && pwd)"
target="${CARGO_TARGET_DIR:-$root/target}"

if ! command -v chromium >/dev/null 2>&1; then
  echo "installing chromium (Debian package)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
fi
npm ci --no-audit --no-fund --loglevel=error

(cd "$root" && cargo build --quiet --bin vigie)
mkdir -p "$target"
out="$target/browser-demo.out"
"$target/debug/vigie" demo --addr 127.0.0.1:0 >"$out" 2>"$target/browser-demo.err" &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true' EXIT
url=""
for _ in $(seq 1 120); do
  url="$(grep -m1 '^http://127\.0\.0\.1:' "$out" || true)"
  [ -n "$url" ] && break
  if ! kill -0 "$pid" 2>/dev/null; then
    cat "$target/browser-demo.err" >&2
    echo "vigie demo exited before serving" >&2
    exit 1
  fi
  sleep 0.5
done
[ -n "$url" ] || { echo "vigie demo printed no URL within 60 s" >&2; exit 1; }
echo "dashboard at $url"
node dashboard.mjs "$url" "$target/dashboard.png"
