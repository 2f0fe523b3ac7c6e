#!/usr/bin/env bash
# The deployment of docs/deploy.md on loopback: the published portal (Production) behind nginx with
# TLS, rendered from deploy/nginx-portal.conf, a self-signed certificate, everything in a temporary
# folder, both processes stopped by their PID on exit.
#
#   deploy/local-tls.sh           start, print the addresses, run until Ctrl-C
#   deploy/local-tls.sh --check   start, check HTTPS, HSTS, Secure cookies, redirects, the client
#                                 address in the portal's log and a spoofed X-Forwarded-For; then stop
#
# Needs the .NET SDK, and nginx, its brotli module and openssl (installed with apt-get when missing,
# as root or with passwordless sudo). Open https://pelatihan.localhost:PORT/ in a browser (*.localhost
# is loopback) and accept the self-signed certificate.
set -euo pipefail
cd "$(dirname "$0")/.."

check=false
if [ "${1:-}" = "--check" ]; then
  check=true
fi

server_name=pelatihan.localhost
proxy_address=127.0.0.1   # nginx connects to the portal from here (proxy_bind) ...
visitor_address=127.0.0.2 # ... and the checks play a visitor from here

ensure_packages() {
  local packages=()
  command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || packages+=(nginx)
  ls /etc/nginx/modules-enabled/*brotli-filter* >/dev/null 2>&1 || packages+=(libnginx-mod-http-brotli-filter)
  command -v openssl >/dev/null 2>&1 || packages+=(openssl)
  command -v curl >/dev/null 2>&1 || packages+=(curl)
  deploy/install-packages.sh "deploy/local-tls.sh" "${packages[@]}"
}

# A port nothing listens on (bash's /dev/tcp connects only when something does).
free_port() {
  local port
  while true; do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
}

ensure_packages
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)

run=$(mktemp -d -t portal-tls-XXXXXX)
chmod 755 "$run" # nginx's workers (www-data when started as root) reach their buffer folders
nginx_pid=""
portal_pid=""
stop() {
  [ -n "$nginx_pid" ] && kill -TERM "$nginx_pid" 2>/dev/null && wait "$nginx_pid" 2>/dev/null
  [ -n "$portal_pid" ] && kill -TERM "$portal_pid" 2>/dev/null && wait "$portal_pid" 2>/dev/null
  rm -rf "$run"
}
trap stop EXIT
trap 'exit 130' INT TERM

http_port=$(free_port)
https_port=$(free_port)
portal_port=$(free_port)
public="https://$server_name:$https_port"

echo "Publishing the portal (Release) to $run/app..."
dotnet publish Portal -c Release -o "$run/app" --nologo -v quiet >/dev/null

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
  -subj "/CN=$server_name" -addext "subjectAltName=DNS:$server_name" \
  -keyout "$run/key.pem" -out "$run/certificate.pem" 2>/dev/null
chmod 600 "$run/key.pem"

sed -e "s|{{SERVER_NAME}}|$server_name|g" \
    -e "s|{{PUBLIC_BASE_URL}}|$public|g" \
    -e "s|{{HTTP_LISTEN}}|127.0.0.1:$http_port|g" \
    -e "s|{{HTTPS_LISTEN}}|127.0.0.1:$https_port|g" \
    -e "s|{{CERTIFICATE}}|$run/certificate.pem|g" \
    -e "s|{{CERTIFICATE_KEY}}|$run/key.pem|g" \
    -e "s|{{PORTAL_ADDRESS}}|127.0.0.1:$portal_port|g" \
    -e "s|{{PROXY_ADDRESS}}|$proxy_address|g" \
    -e "s|{{ACCESS_LOG}}|$run/portal.access.log|g" \
    deploy/nginx-portal.conf >"$run/portal-site.conf"
user_line=""
[ "$(id -u)" -eq 0 ] && user_line="user www-data;"
sed -e "s|{{RUN_DIR}}|$run|g" -e "s|{{SITE}}|$run/portal-site.conf|g" -e "s|{{USER}}|$user_line|g" \
  deploy/nginx-loopback.conf >"$run/nginx.conf"
if grep -v '^\s*#' "$run/portal-site.conf" "$run/nginx.conf" | grep -q '{{'; then
  echo "Placeholders left in the rendered nginx configuration." >&2
  exit 1
fi

echo "Starting the portal on http://127.0.0.1:$portal_port (log: $run/portal.log)..."
ASPNETCORE_ENVIRONMENT=Production \
ASPNETCORE_URLS="http://127.0.0.1:$portal_port" \
Portal__DataPath="$run/data" \
Portal__Site__PublicBaseUrl="$public" \
Portal__Proxy__KnownProxies__0="$proxy_address" \
  dotnet "$run/app/Portal.dll" >"$run/portal.log" 2>&1 &
portal_pid=$!
for _ in $(seq 1 120); do
  curl -s -o /dev/null "http://127.0.0.1:$portal_port/robots.txt" && break
  kill -0 "$portal_pid" 2>/dev/null || { cat "$run/portal.log" >&2; echo "The portal stopped at start." >&2; exit 1; }
  sleep 0.5
done

"$nginx_bin" -e "$run/error.log" -c "$run/nginx.conf" -g 'daemon off;' &
nginx_pid=$!
for _ in $(seq 1 40); do
  (exec 3<>"/dev/tcp/127.0.0.1/$https_port") 2>/dev/null && break
  kill -0 "$nginx_pid" 2>/dev/null || { cat "$run/error.log" >&2; echo "nginx stopped at start." >&2; exit 1; }
  sleep 0.25
done

if ! $check; then
  echo
  echo "Portal behind nginx (pids: portal $portal_pid, nginx $nginx_pid):"
  echo "  $public/                      (self-signed: accept the certificate once)"
  echo "  http://$server_name:$http_port/   redirects to it"
  echo "  curl --cacert $run/certificate.pem --interface $visitor_address $public/"
  echo "Ctrl-C stops both."
  wait "$portal_pid"
  exit
fi

failures=0
expect() { # description, then a command that must succeed
  local what=$1
  shift
  if "$@"; then echo "ok    $what"; else echo "FAIL  $what"; failures=$((failures + 1)); fi
}
tls=(curl -s --cacert "$run/certificate.pem" --resolve "$server_name:$https_port:127.0.0.1" --resolve "$server_name:$http_port:127.0.0.1" --interface "$visitor_address")

"${tls[@]}" -D "$run/home.h" -o /dev/null "$public/akun/masuk"
expect "HTTPS page answers 200" grep -q '^HTTP/[0-9.]* 200' "$run/home.h"
expect "HSTS one year with subdomains" grep -qi '^strict-transport-security: max-age=31536000; includeSubDomains' "$run/home.h"
expect "antiforgery cookie Secure" grep -qi '^set-cookie: portal.af=.*; secure' "$run/home.h"
expect "no version in Server" bash -c "! grep -qi '^server: .*[0-9]' '$run/home.h'"
"${tls[@]}" -D "$run/redirect.h" -o /dev/null "http://$server_name:$http_port/berita"
expect "HTTP redirects to $public/berita" grep -qi "^location: $public/berita" "$run/redirect.h"
curl -s -D "$run/direct.h" -o /dev/null "http://127.0.0.1:$portal_port/robots.txt"
expect "no Server header from the portal" bash -c "! grep -qi '^server:' '$run/direct.h'"
curl -s -o /dev/null --interface "$visitor_address" -H 'X-Forwarded-For: 203.0.113.9' -H 'X-Forwarded-Proto: https' \
  "http://127.0.0.1:$portal_port/berita/palsu"
"${tls[@]}" -o /dev/null "$public/berita/lewat-nginx"
sleep 1
expect "log: the visitor's address through nginx" grep -q "GET /berita/lewat-nginx answered 404 to $visitor_address over https" "$run/portal.log"
expect "log: spoofed X-Forwarded-For ignored" grep -q "GET /berita/palsu answered 404 to $visitor_address over http " "$run/portal.log"
expect "log: 203.0.113.9 appears nowhere" bash -c "! grep -q 203.0.113.9 '$run/portal.log'"
echo "$failures failed"
exit $((failures > 0))
