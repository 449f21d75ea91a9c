#!/usr/bin/env bash
# `annals serve` under load and attack: wrk (with --latency) for SECONDS at
# each connection count, on the example site at the repository root, with
# a mix of every published path (pages, assets, photos, data) and paths
# that try to leave the site (one request in five), while a loop touches a
# chapter every 200 ms so the site is rebuilt under the load. Prints, per
# run: requests/s, p50 and p99 latency, answers by kind (200, 301, the
# expected 404/400 refusals) and errors (any other status, a socket error,
# or an answer holding the secret kept beside the site and in its root,
# a line of site.yaml or of /etc/passwd).
#
#   cargo build --release && bench/serve-load.sh [SECONDS] [CONNECTIONS...]
#
# Defaults: 10 s at 4, 16 and 64 connections, 2 wrk threads. ANNALS=path
# picks the binary (default: target/release/annals, or
# $CARGO_TARGET_DIR/release/annals). Needs wrk: on Debian or Ubuntu,
# `apt-get install wrk`. The site is copied into a temporary folder: the
# repository is not touched. Only 127.0.0.1 is used. Exits 1 if any run
# had an error.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-10}
shift || true
conns=("$@")
[ ${#conns[@]} -gt 0 ] || conns=(4 16 64)
annals=${ANNALS:-${CARGO_TARGET_DIR:-target}/release/annals}
annals=$(realpath "$annals")
[ -x "$annals" ] || { echo "no binary at $annals: run cargo build --release" >&2; exit 1; }
command -v wrk >/dev/null || {
    echo "wrk is not installed: on Debian or Ubuntu, apt-get install wrk" >&2
    exit 1
}
work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

secret=SECRET-BESIDE-THE-SITE-5b1e
mkdir -p "$work/site"
cp -r site.yaml content themes "$work/site/"
echo "$secret" >"$work/secret.txt"
echo "$secret" >"$work/site/secret.txt"

# Every published path, from a build of the same site.
"$annals" build --root "$work/site" --output "$work/built" --cache-dir "$work/cache" >/dev/null
pages=$(cd "$work/built" && find . -type f ! -name manifest-sha256.txt | sed 's|^\.||; s|/index\.html$|/|' | sort)

log=$work/serve.log
"$annals" serve --root "$work/site" --port 0 >"$log" 2>&1 &
pids+=($!)
for _ in $(seq 500); do grep -q "Built " "$log" && break; sleep 0.02; done
grep -q "Built " "$log" || { cat "$log" >&2; exit 1; }
url=$(grep -o 'http://[^ ]*' "$log" | head -1)
url=${url%/}

lua=$work/mix.lua
{
    echo "local pages = {"
    while IFS= read -r p; do printf '  "%s",\n' "$p"; done <<<"$pages"
    cat <<'EOF'
}
local attacks = {
  "/../secret.txt", "/../../secret.txt", "/2024/../../secret.txt",
  "/%2e%2e/secret.txt", "/%2E%2E/%2e%2e/secret.txt", "/.%2e/secret.txt",
  "/..%2fsecret.txt", "/%2e%2e%2fsecret.txt", "/%2fetc%2fpasswd",
  "/..%5csecret.txt", "/%5c..%5csecret.txt", "/..\\secret.txt",
  "/2024\\..\\..\\secret.txt", "/index.html%00", "/index.html%00.css",
  "//etc/passwd", "/etc/passwd", "/C:/Windows/win.ini",
  "/%c0%ae%c0%ae/secret.txt", "/%e0%80%ae%e0%80%ae/secret.txt",
  "/%252e%252e/secret.txt", "/%252e%252e%252fsecret.txt",
  "/secret.txt", "/site.yaml", "/content/2024/01-politics.md",
  "/no/such/page/", "/assets/none.css",
  "/" .. string.rep("a/", 2000) .. "index.html",
  "/" .. string.rep("..%2f", 1000) .. "secret.txt",
}
-- Paths as a browser sends them: UTF-8 percent-encoded.
for i, p in ipairs(pages) do
  pages[i] = p:gsub("[^%w%-%._~/]", function(c) return string.format("%%%02X", string.byte(c)) end)
end
local secret = "SECRET-BESIDE-THE-SITE-5b1e"
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  n, sent_pages, sent_attacks = 0, 0, 0
  ok, moved, refused, other, leaks = 0, 0, 0, 0, 0
end

function request()
  n = n + 1
  if n % 5 == 0 then
    sent_attacks = sent_attacks + 1
    return wrk.format("GET", attacks[math.floor(n / 5) % #attacks + 1])
  end
  sent_pages = sent_pages + 1
  return wrk.format("GET", pages[n % #pages + 1])
end

function response(status, headers, body)
  if body and (string.find(body, secret, 1, true) or string.find(body, "root:x:0:0", 1, true)
      or string.find(body, "base_url: ", 1, true)) then
    leaks = leaks + 1
  end
  if status == 200 then ok = ok + 1
  elseif status == 301 then moved = moved + 1
  elseif status == 404 or status == 400 then refused = refused + 1
  else other = other + 1 end
end

function done(summary, latency, requests)
  local t = {sent_pages = 0, sent_attacks = 0, ok = 0, moved = 0, refused = 0, other = 0, leaks = 0}
  for _, thread in ipairs(threads) do
    for k, _ in pairs(t) do t[k] = t[k] + thread:get(k) end
  end
  local e = summary.errors
  local socket = e.connect + e.read + e.write + e.timeout
  io.write(string.format(
    "RESULT requests=%d seconds=%.1f rps=%.0f p50_ms=%.2f p99_ms=%.2f ok=%d moved=%d refused=%d expected_refusals=%d other_status=%d socket_errors=%d leaks=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    t.ok, t.moved, t.refused, t.sent_attacks, t.other, socket, t.leaks))
end
EOF
} >"$lua"

# Rebuilds under the load.
chapter=$work/site/content/2024/01-politics.md
(while true; do touch "$chapter"; sleep 0.2; done) &
pids+=($!)

printf '%s: %s paths, attacks 1 in 5; %s s per run; rebuilding every 200 ms\n' \
    "$url" "$(wc -l <<<"$pages")" "$secs"
printf '%6s %10s %9s %9s %9s %9s %9s %7s\n' conns requests req/s p50_ms p99_ms 404/400 errors rebuilds
failed=0
for c in "${conns[@]}"; do
    before=$(grep -c '^Rebuilt ' "$log" || true)
    out=$(wrk --latency -t 2 -c "$c" -d "${secs}s" -s "$lua" "$url/" 2>&1)
    after=$(grep -c '^Rebuilt ' "$log" || true)
    result=$(grep '^RESULT ' <<<"$out") || { echo "$out" >&2; exit 1; }
    declare -A r=()
    for kv in ${result#RESULT }; do r[${kv%%=*}]=${kv#*=}; done
    errors=$((r[other_status] + r[socket_errors] + r[leaks]))
    printf '%6s %10s %9s %9s %9s %9s %9s %7s\n' "$c" "${r[requests]}" "${r[rps]}" \
        "${r[p50_ms]}" "${r[p99_ms]}" "${r[refused]}" "$errors" "$((after - before))"
    # Refusals answer only the attacks: no page was ever refused.
    if [ "$errors" -gt 0 ] || [ "${r[refused]}" -gt "${r[expected_refusals]}" ]; then
        echo "  run at $c connections: $result" >&2
        failed=1
    fi
done
if grep -q '^error' "$log"; then
    echo "the server reported errors:" >&2
    grep -A3 '^error' "$log" >&2
    failed=1
fi
exit $failed
