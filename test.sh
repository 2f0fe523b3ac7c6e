#!/usr/bin/env bash
# Runs every test of the portal on a fresh machine: installs what the tests need, then `dotnet test`
# twice, on SQLite and on a throwaway PostgreSQL. Usage: ./test.sh [extra dotnet test arguments]
# PORTAL_TEST_PASSES=postgresql ./test.sh runs the PostgreSQL pass alone (=sqlite the other one).
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
  # - Debian's PostgreSQL server for the PostgreSQL pass (tools/postgres/throwaway.sh starts a throwaway one).
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    packages+=(postgresql)
  fi
  deploy/install-packages.sh "./test.sh (browser, deployment and PostgreSQL tests)" "${packages[@]}"
  if [ ! -x "$chromium" ] || [ ! -x "$nginx" ]; then
    echo "After installing, Chromium ($chromium) or nginx ($nginx) is still missing." >&2
    exit 1
  fi
}
ensure_test_packages

results="$(mktemp -d)"
postgres_dir="$results/postgres"
# The PostgreSQL server is stopped (by its PID) and removed however the run ends.
trap 'tools/postgres/throwaway.sh stop "$postgres_dir" >/dev/null 2>&1 || true; rm -rf "$results"' EXIT

# Every log line of every test app goes to $PORTAL_TEST_LOGS (Portal.Tests/Infrastructure/LogCapture.cs),
# each checked as it is written for a NIK, a test password, a link token or a full email address.
export PORTAL_TEST_LOGS="$results/logs"

# Which passes run: both by default; PORTAL_TEST_PASSES=sqlite or =postgresql runs one of them.
# PORTAL_TEST_FILTER narrows both passes (a `dotnet test --filter` expression, combined with each pass's own).
passes="${PORTAL_TEST_PASSES:-sqlite postgresql}"
narrowed="${PORTAL_TEST_FILTER:+&(${PORTAL_TEST_FILTER})}"

status=0
if [[ " $passes " == *" sqlite "* ]]; then
  echo "== Tests on SQLite (the embedded default)"
  dotnet test Portal.slnx --filter "Database!=PostgreSqlOnly${narrowed}" --logger "trx;LogFileName=sqlite.trx" --results-directory "$results" "$@" || status=$?
fi

# The PostgreSQL pass: every test again on a throwaway server (tools/postgres/throwaway.sh), each app
# on its own database (Portal.Tests/Infrastructure/TestDatabase.cs). Tests of what only SQLite has
# (the file backup, WAL crash safety) carry [Trait("Database", "SqliteOnly")] and are left out; tests
# that need a PostgreSQL server whatever the pass (copying SQLite into it, commits out of order)
# carry [Trait("Database", "PostgreSqlOnly")] and run in this pass only.
if [[ " $passes " == *" postgresql "* ]]; then
  echo "== Tests on PostgreSQL"
  server=$(tools/postgres/throwaway.sh start "$postgres_dir")
  PORTAL_TEST_DATABASE=PostgreSql PORTAL_TEST_POSTGRES="$server" \
    dotnet test Portal.slnx --filter "Database!=SqliteOnly${narrowed}" --logger "trx;LogFileName=postgresql.trx" --results-directory "$results" "$@" || status=$?
fi

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

# A plain closing line per pass that any CI reads: "N passed, N failed".
for trx in $(find "$results" -name '*.trx' | sort); do
  counters=$(grep -o '<Counters [^>]*' "$trx" | head -n 1)
  passed=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  failed=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  echo "Tests on $(basename "$trx" .trx): ${passed:-0} passed, ${failed:-0} failed"
done
if [ "$leak_failure" -ne 0 ]; then
  echo "Log scan: failed"
fi
exit $status
