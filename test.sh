#!/usr/bin/env bash
# Runs every test of the portal on a fresh machine: installs what the tests need, then
# `dotnet test`. Usage: ./test.sh [extra dotnet test arguments]
set -euo pipefail
cd "$(dirname "$0")"

results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT

status=0
dotnet test Portal.slnx --logger "trx;LogFileName=portal.trx" --results-directory "$results" "$@" || status=$?

# A plain closing line that any CI reads: "N passed, N failed".
trx=$(find "$results" -name '*.trx' | head -n 1)
if [ -n "$trx" ]; then
  counters=$(grep -o '<Counters [^>]*' "$trx" | head -n 1)
  passed=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  failed=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  echo "Tests: ${passed:-0} passed, ${failed:-0} failed"
fi
exit $status
