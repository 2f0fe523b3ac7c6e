#!/usr/bin/env bash
# A throwaway PostgreSQL server on loopback, for the tests' PostgreSQL pass and the cluster script.
#
#   tools/postgres/throwaway.sh start DIR   initdb into DIR/data, start on a random 127.0.0.1 port,
#                                           print the connection string (superuser "portal")
#   tools/postgres/throwaway.sh stop DIR    stop the server by its PID and remove DIR
#
# Installs Debian's postgresql package when missing (deploy/install-packages.sh). The server runs
# as a non-root user (postgres when called as root), since PostgreSQL refuses to run as root.
# PORTAL_PG_DURABLE=1 keeps fsync on (the cluster benchmark); the tests run without it.
set -euo pipefail
cd "$(dirname "$0")/../.."

command=${1:-}
dir=${2:-}
if [ -z "$command" ] || [ -z "$dir" ]; then
  echo "Usage: $0 start|stop DIR" >&2
  exit 2
fi

server_bin() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

as_server_user() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

start() {
  if [ -z "$(server_bin)" ] || [ ! -x "$(server_bin)/initdb" ]; then
    deploy/install-packages.sh "a throwaway PostgreSQL (tools/postgres/throwaway.sh)" postgresql >&2
  fi
  local bin
  bin="$(server_bin)"
  mkdir -p "$dir"
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres: "$dir"
    # The server user must reach DIR; a mktemp -d parent is root's alone (0700).
    chmod a+x "$(dirname "$(realpath "$dir")")"
  fi
  local password
  password="$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
  printf '%s\n' "$password" >"$dir/password"
  chmod 600 "$dir/password"
  [ "$(id -u)" -eq 0 ] && chown postgres: "$dir/password"
  as_server_user "$bin/initdb" -D "$dir/data" -U portal --pwfile="$dir/password" --auth=scram-sha-256 \
    --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
  rm -f "$dir/password"

  local fsync=off
  [ "${PORTAL_PG_DURABLE:-0}" = 1 ] && fsync=on
  local port attempt
  for attempt in 1 2 3 4 5; do
    port=$(shuf -i 20000-60000 -n 1)
    if as_server_user "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 start \
        -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories='$dir' -c max_connections=500 -c fsync=$fsync -c synchronous_commit=$fsync -c full_page_writes=$fsync" \
        >/dev/null 2>&1; then
      echo "Host=127.0.0.1;Port=$port;Username=portal;Password=$password;Database=postgres"
      return 0
    fi
  done
  echo "The throwaway PostgreSQL did not start (log: $dir/server.log):" >&2
  tail -n 20 "$dir/server.log" >&2 || true
  exit 1
}

stop() {
  local pidfile="$dir/data/postmaster.pid"
  if [ -f "$pidfile" ]; then
    local pid
    pid=$(head -n 1 "$pidfile")
    # SIGINT is PostgreSQL's "fast" shutdown: clients are disconnected, no waiting for them.
    kill -INT "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -rf "$dir"
}

case "$command" in
  start) start ;;
  stop) stop ;;
  *) echo "Usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
