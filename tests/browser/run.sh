#!/usr/bin/env bash
# Real-browser end-to-end tests of the web page. Installs what it needs (npm ci from the committed
# lock file), starts a server on a free port with a temporary store, runs the tests in Debian's
# Chromium and ends with "N passed, N failed"; exits non-zero on any failure.
#
#   tests/browser/run.sh                                # builds and runs `signpost serve`
#   SIGNPOST_BIN=path/to/signpost tests/browser/run.sh  # an already built binary
#   SIGNPOST_PAGES_ONLY=1 tests/browser/run.sh          # the web crate's `pages` example instead
#   ONLY="shortlist" tests/browser/run.sh               # only tests whose name contains this
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$here"

if ! command -v chromium >/dev/null; then
  apt-get install -y -q chromium chromium-driver >/dev/null
fi
if [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/axe-core ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

# A fresh embedded store every run: never the PostgreSQL named by DATABASE_URL.
unset DATABASE_URL
work="$(mktemp -d)"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
addr="127.0.0.1:$port"
target="${CARGO_TARGET_DIR:-$root/target}"

if [ "${SIGNPOST_PAGES_ONLY:-}" = "1" ]; then
  (cd "$root" && cargo build -q -p signpost-web --example pages)
  "$target/debug/examples/pages" --db "$work/db" --addr "$addr" >"$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 600); do grep -q '^sp_' "$work/server.log" 2>/dev/null && break; sleep 0.1; done
  key="$(grep -m1 -o '^sp_[0-9a-f_]*' "$work/server.log" || true)"
else
  bin="${SIGNPOST_BIN:-}"
  if [ -z "$bin" ]; then
    (cd "$root" && cargo build -q -p signpost-cli --bin signpost)
    bin="$target/debug/signpost"
  fi
  "$bin" serve --db "$work/db" --addr "$addr" --rate-limit 0 >"$work/server.log" 2>&1 &
  server_pid=$!
fi

for _ in $(seq 1 600); do
  if curl -fsS -o /dev/null -H 'Accept: text/html' "http://$addr/"; then break; fi
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "error: the server stopped; its log:" >&2
    cat "$work/server.log" >&2
    echo "0 passed, 1 failed"
    exit 1
  fi
  sleep 0.1
done

if [ -n "${bin:-}" ]; then
  # The server has made the store: a key made now is one it accepts at once.
  "$bin" keys create --db "$work/db" --role editor --name "browser tests" >"$work/key.txt"
  key="$(grep -m1 -o 'sp_[0-9a-f]*_[0-9a-f]*' "$work/key.txt" || true)"
  "$bin" keys create --db "$work/db" --role admin --name "browser admin" >"$work/admin-key.txt"
  admin_key="$(grep -m1 -o 'sp_[0-9a-f]*_[0-9a-f]*' "$work/admin-key.txt" || true)"
fi
if [ -z "$key" ]; then
  echo "error: could not make an editor key; server log:" >&2
  cat "$work/server.log" >&2 || true
  echo "0 passed, 1 failed"
  exit 1
fi

SIGNPOST_URL="http://$addr" SIGNPOST_EDITOR_KEY="$key" SIGNPOST_ADMIN_KEY="${admin_key:-}" node run.mjs
