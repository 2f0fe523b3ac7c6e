#!/usr/bin/env bash
# Lighthouse (mobile: its default phone, simulated slow 4G and CPU slowdown) against the portal as a
# server runs it: published in Release, Production settings, on a free loopback port with a
# throwaway data folder. Each public page is measured on a first visit (empty cache) and on a
# repeat visit (same browser profile, cache kept), and one Markdown table is printed.
# Needs the .NET SDK, Node 18.20+ with npm, and Debian's Chromium (installed with apt-get when
# missing, as root or with passwordless sudo; PORTAL_CHROMIUM names another Chromium or Chrome).
# Lighthouse itself is pinned in package-lock.json and installed here with `npm ci`.
# Raw reports, the table and the failing audits go to tools/lighthouse/reports/ (git-ignored).
# Usage: tools/lighthouse/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
tool=tools/lighthouse
reports="$tool/reports"
published="$tool/portal"

chromium="${PORTAL_CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
  if [ -n "${PORTAL_CHROMIUM:-}" ]; then
    echo "PORTAL_CHROMIUM=$chromium is not an executable Chromium or Chrome." >&2
    exit 1
  fi
  deploy/install-packages.sh "tools/lighthouse/run.sh" chromium fonts-liberation
fi

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "tools/lighthouse/run.sh needs Node 18.20 or later with npm (Debian: apt-get install nodejs npm)." >&2
  exit 1
fi

if [ ! -x "$tool/node_modules/.bin/lighthouse" ] || [ "$tool/package-lock.json" -nt "$tool/node_modules/.package-lock.json" ]; then
  echo "Installing Lighthouse (npm ci)..." >&2
  npm ci --prefix "$tool" --no-audit --no-fund --loglevel=error >&2
fi
# Lighthouse 12.2.3 is the newest that installs here; its trace engine reads a field that newer
# Chromium (156) leaves out of some frame events, and without this guard the render-blocking,
# LCP-element and layout-shift audits end in "Cannot read properties of undefined (reading
# 'frame_sequence')". Idempotent.
sed -i 's/args\.chrome_frame_reporter\.frame_sequence/args.chrome_frame_reporter?.frame_sequence/' \
  "$tool/node_modules/@paulirish/trace_engine/models/trace/handlers/ScreenshotsHandler.js"

echo "Publishing the portal (Release)..." >&2
rm -rf "$published"
dotnet publish Portal/Portal.csproj -c Release -o "$published" --nologo -v quiet >&2

scratch="$(mktemp -d)"
portal_pid=""
cleanup() {
  local status=$?
  if [ -f "$scratch/chrome.pid" ]; then
    kill "$(cat "$scratch/chrome.pid")" 2>/dev/null || true
  fi
  if [ -n "$portal_pid" ] && kill -0 "$portal_pid" 2>/dev/null; then
    kill "$portal_pid"
    wait "$portal_pid" 2>/dev/null || true
  fi
  if [ $status -ne 0 ] && [ -f "$scratch/portal.log" ]; then
    echo "The portal's log:" >&2
    tail -n 40 "$scratch/portal.log" >&2
  fi
  rm -rf "$scratch"
}
trap cleanup EXIT

port=$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')
base="http://127.0.0.1:$port"

# Production as deployed, except the address (plain HTTP is allowed on loopback) and the demo
# batches, so that the pages show a batch open for registration as they do most of the year.
ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production \
  Portal__DataPath="$scratch/data" \
  Portal__Site__PublicBaseUrl="$base" \
  Portal__Content__IncludeDemoBatches=true \
  Logging__LogLevel__Default=Warning \
  dotnet "$published/Portal.dll" --urls "$base" >"$scratch/portal.log" 2>&1 &
portal_pid=$!

# Kestrel answers once the database is migrated; the content import then runs in the background
# and /healthz (in detail for loopback) says when it has ended.
echo "Starting the portal at $base..." >&2
imported=false
for _ in $(seq 1 240); do
  if ! kill -0 "$portal_pid" 2>/dev/null; then
    echo "The portal stopped while starting." >&2
    exit 1
  fi
  if curl -fsS "$base/healthz" 2>/dev/null \
      | node -e 'let s = ""; process.stdin.on("data", d => s += d).on("end", () => process.exit(JSON.parse(s).checks.content.status === "Healthy" ? 0 : 1))' 2>/dev/null; then
    imported=true
    break
  fi
  sleep 0.5
done
if [ "$imported" != true ]; then
  echo "The portal did not report its content imported within 120 s." >&2
  exit 1
fi

rm -rf "$reports"
mkdir -p "$reports"
echo "Running Lighthouse: 7 pages, a first and a repeat visit each..." >&2
started=$SECONDS
node "$tool/measure.mjs" "$base" "$reports" "$chromium" "$scratch/chrome-profile" "$scratch/chrome.pid"
echo "Lighthouse took $((SECONDS - started)) s. Reports, the table (table.md) and the failing audits (findings.md) are in $reports/." >&2
