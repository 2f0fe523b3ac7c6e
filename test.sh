#!/usr/bin/env bash
# Runs every test of the portal on a fresh machine: installs what the tests need, then
# `dotnet test`. Usage: ./test.sh [extra dotnet test arguments]
set -euo pipefail
cd "$(dirname "$0")"

# The browser tests (Portal.Tests/Browser) drive Debian's Chromium through Playwright; Playwright's
# own browser download cannot work here, so the system package is installed when it is missing
# (without recommends, which are desktop services; Liberation fonts keep screenshots the same).
# PORTAL_CHROMIUM points the tests at another Chromium or Chrome executable.
ensure_chromium() {
  local chromium="${PORTAL_CHROMIUM:-/usr/bin/chromium}"
  if [ -x "$chromium" ]; then
    return 0
  fi
  local missing="The browser tests need Chromium at $chromium and it is not there."
  local advice="Install it as root with: apt-get update && apt-get install -y chromium   (Debian/Ubuntu package 'chromium'), or set PORTAL_CHROMIUM to a Chromium or Google Chrome executable."
  if [ -n "${PORTAL_CHROMIUM:-}" ]; then
    echo "$missing PORTAL_CHROMIUM must name an executable Chromium or Chrome." >&2
    exit 1
  fi
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      sudo=(sudo -n)
    else
      echo "$missing This user is not root and cannot sudo without a password. $advice" >&2
      exit 1
    fi
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "$missing This machine has no apt-get. $advice" >&2
    exit 1
  fi
  echo "Installing Chromium for the browser tests (apt-get install chromium)..."
  if ! { "${sudo[@]}" apt-get update -qq \
      && "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null; } \
      || [ ! -x "$chromium" ]; then
    echo "$missing Installing it with apt-get failed. $advice" >&2
    exit 1
  fi
}
ensure_chromium

results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT

# Every log line of every test app goes to $PORTAL_TEST_LOGS (Portal.Tests/Infrastructure/LogCapture.cs),
# each checked as it is written for a NIK, a test password, a link token or a full email address.
export PORTAL_TEST_LOGS="$results/logs"

status=0
dotnet test Portal.slnx --logger "trx;LogFileName=portal.trx" --results-directory "$results" "$@" || status=$?

# A leak fails the run even when every test passed: no single test sees the logs of all of them.
leaks=$(cat "$PORTAL_TEST_LOGS"/leaks-*.log 2>/dev/null || true)
leak_failure=0
if [ -n "$leaks" ]; then
  echo "Log scan FAILED: personal data or secrets in the portal's log lines (mask them, see Portal/Shared/LogRedaction.cs):" >&2
  head -n 50 <<<"$leaks" >&2
  leak_failure=1
  status=1
else
  lines=$(cat "$PORTAL_TEST_LOGS"/portal-*.log 2>/dev/null | wc -l)
  echo "Log scan: ${lines} log lines of the test apps, none with a NIK, password, token or full email address."
fi

# A plain closing line that any CI reads: "N passed, N failed".
trx=$(find "$results" -name '*.trx' | head -n 1)
if [ -n "$trx" ]; then
  counters=$(grep -o '<Counters [^>]*' "$trx" | head -n 1)
  passed=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  failed=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  echo "Tests: ${passed:-0} passed, $(( ${failed:-0} + leak_failure )) failed"
fi
exit $status
