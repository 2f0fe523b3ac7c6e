#!/usr/bin/env bash
# Runs every test of the portal on a fresh machine: installs what the tests need, then
# `dotnet test`. Usage: ./test.sh [extra dotnet test arguments]
set -euo pipefail
cd "$(dirname "$0")"

# What the tests need from the system, installed in one apt-get call when missing (as root or with
# passwordless sudo; otherwise the script stops and says what to install):
# - Debian's Chromium for the browser tests (Portal.Tests/Browser), driven through Playwright, whose own
#   browser download cannot work here (without recommends, which are desktop services; Liberation fonts
#   keep screenshots the same). PORTAL_CHROMIUM points the tests at another Chromium or Chrome.
# - Debian's nginx with the brotli module for the deployment tests (Portal.Tests/Deployment), which run
#   deploy/nginx-portal.conf in front of the portal. PORTAL_NGINX points them at another nginx.
ensure_test_packages() {
  local chromium="${PORTAL_CHROMIUM:-/usr/bin/chromium}"
  local nginx="${PORTAL_NGINX:-/usr/sbin/nginx}"
  local packages=()
  if [ ! -x "$chromium" ]; then
    if [ -n "${PORTAL_CHROMIUM:-}" ]; then
      echo "The browser tests need Chromium at $chromium and it is not there. PORTAL_CHROMIUM must name an executable Chromium or Chrome." >&2
      exit 1
    fi
    packages+=(chromium fonts-liberation)
  fi
  if [ ! -x "$nginx" ]; then
    if [ -n "${PORTAL_NGINX:-}" ]; then
      echo "The deployment tests need nginx at $nginx and it is not there. PORTAL_NGINX must name an executable nginx." >&2
      exit 1
    fi
    packages+=(nginx)
  fi
  if [ -z "${PORTAL_NGINX:-}" ] && ! ls /etc/nginx/modules-enabled/*brotli-filter* >/dev/null 2>&1; then
    packages+=(libnginx-mod-http-brotli-filter)
  fi
  deploy/install-packages.sh "./test.sh (browser and deployment tests)" "${packages[@]}"
  if [ ! -x "$chromium" ] || [ ! -x "$nginx" ]; then
    echo "After installing, Chromium ($chromium) or nginx ($nginx) is still missing." >&2
    exit 1
  fi
}
ensure_test_packages

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
