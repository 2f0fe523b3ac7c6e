#!/usr/bin/env bash
# The cluster benchmark of the portal (README, Several nodes): builds Release, starts a throwaway
# cluster with tools/cluster/cluster.sh (PostgreSQL, three nodes, nginx round-robin on loopback),
# runs Portal.Benchmarks in its "cluster" mode, which prints a table and writes
# Portal.Benchmarks/RESULTS-cluster.md, and stops every process of the cluster by its PID at the
# end, also when a step fails or the run is interrupted.
# Usage: Portal.Benchmarks/cluster-benchmark.sh [--publishes 100] [--applicants 300] [--cap 50]
#        [--accepts 20] [--duration 8] [--results FILE]
set -euo pipefail
cd "$(dirname "$0")/.."

packages=()
command -v wrk >/dev/null 2>&1 || packages+=(wrk)
[ -x "${PORTAL_NGINX:-/usr/sbin/nginx}" ] || packages+=(nginx)
deploy/install-packages.sh "Portal.Benchmarks/cluster-benchmark.sh" "${packages[@]}"

echo "Building (Release)…"
dotnet build -c Release Portal.Benchmarks -v quiet -nologo -clp:ErrorsOnly

work="$(mktemp -d)"
cluster="$work/cluster"
# Stopped by PID whatever happens below (tools/cluster/cluster.sh down is a no-op on a missing folder).
trap 'tools/cluster/cluster.sh down "$cluster"; rm -rf "$work"' EXIT

tools/cluster/cluster.sh up "$cluster"
dotnet Portal.Benchmarks/bin/Release/net10.0/Portal.Benchmarks.dll cluster --dir "$cluster" "$@"
