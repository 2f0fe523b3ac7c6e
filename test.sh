#!/usr/bin/env bash
# Runs every test of the portal on a fresh machine: installs what the tests need, then
# `dotnet test`. Usage: ./test.sh [extra dotnet test arguments]
set -euo pipefail
cd "$(dirname "$0")"

# What the tests need from the system, installed in one apt-get call when missing:
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
  if [ ${#packages[@]} -eq 0 ]; then
    return 0
  fi
  local missing="The tests need the Debian packages ${packages[*]}, which are not installed."
  local advice="Install them as root with: apt-get update && apt-get install -y --no-install-recommends ${packages[*]}   (or set PORTAL_CHROMIUM / PORTAL_NGINX to executables elsewhere)."
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
  echo "Installing what the tests need (apt-get install ${packages[*]})..."
  if ! { "${sudo[@]}" apt-get update -qq \
      && "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null; } \
      || [ ! -x "$chromium" ] || [ ! -x "$nginx" ]; then
    echo "$missing Installing them with apt-get failed. $advice" >&2
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
