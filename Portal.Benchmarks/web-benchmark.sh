#!/usr/bin/env bash
# The web benchmark of the portal (README, Benchmark): installs wrk and nginx where missing, then
# runs Portal.Benchmarks in its "web" mode, which publishes the portal in Release (ReadyToRun), generates the
# synthetic press releases, starts the portal (import, second start, third start with the page cache
# off) and nginx on loopback, measures, stops both by PID
# and writes Portal.Benchmarks/RESULTS.md.
# Usage: Portal.Benchmarks/web-benchmark.sh [--articles 10000|100000] [--seed N] [--duration 10]
#        [--connections 32] [--results FILE] [--start-timeout 1800]
set -euo pipefail
cd "$(dirname "$0")/.."

packages=()
command -v wrk >/dev/null 2>&1 || packages+=(wrk)
[ -x "${PORTAL_NGINX:-/usr/sbin/nginx}" ] || packages+=(nginx)
deploy/install-packages.sh "Portal.Benchmarks/web-benchmark.sh" "${packages[@]}"
# nginx lives in /usr/sbin, which is not on every user's PATH.
export PORTAL_NGINX="${PORTAL_NGINX:-/usr/sbin/nginx}"

exec dotnet run -c Release --project Portal.Benchmarks -- web "$@"
