#!/usr/bin/env bash
# The cost of /statistik at N applications (README, Statistics): installs wrk where missing, then runs
# Portal.Benchmarks in its "statistics" mode, which seeds a throwaway data folder with N applications and
# their status history, times the statistics service in-process, publishes the portal (Release,
# ReadyToRun), starts it on that folder, measures the page and the downloads, stops it by PID
# and writes Portal.Benchmarks/RESULTS-statistics.md.
# Usage: Portal.Benchmarks/statistics-benchmark.sh [--applications 100000] [--seed N] [--repeat 10]
#        [--duration 10] [--connections 32] [--results FILE]
set -euo pipefail
cd "$(dirname "$0")/.."

packages=()
command -v wrk >/dev/null 2>&1 || packages+=(wrk)
deploy/install-packages.sh "Portal.Benchmarks/statistics-benchmark.sh" "${packages[@]}"

exec dotnet run -c Release --project Portal.Benchmarks -- statistics "$@"
