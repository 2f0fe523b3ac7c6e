#!/usr/bin/env bash
# A throwaway portal cluster on loopback: one PostgreSQL, three portal nodes (a, b, c) and nginx in
# front of them with round-robin. For trying several nodes out and for the cluster benchmark
# (Portal.Benchmarks/cluster-benchmark.sh); not a production set-up (docs/deploy.md is).
#
#   tools/cluster/cluster.sh up DIR                 build nothing; start everything from
#                                                   Portal/bin/Release/net10.0 (dotnet build -c Release first)
#   tools/cluster/cluster.sh down DIR               stop every process by its PID, remove DIR
#   tools/cluster/cluster.sh kill-node DIR c        kill -9 one node (a crash)
#   tools/cluster/cluster.sh restart-node DIR c     stop the node if it runs, start it, wait for /healthz
#   tools/cluster/cluster.sh upstream DIR a b       nginx round-robins over these nodes only (reload)
#   tools/cluster/cluster.sh status DIR             addresses and PIDs
#
# Everything lives in DIR: DIR/postgres (the server; PORTAL_PG_DURABLE=1, fsync on), DIR/node-X
# (each node's data folder: its Lucene index, outbox, logs), DIR/uploads (the shared uploads
# folder), DIR/nginx.conf, DIR/*.pid, DIR/*.log and DIR/cluster.env (addresses, for scripts).
# The staff account's password is generated into DIR/admin-password (mode 600); it is never
# printed or committed. The nodes run in Production with generous rate limits: every request
# of a benchmark comes from one address.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"

command=${1:-}
dir=${2:-}
usage() {
  echo "Usage: $0 up|down|status DIR | kill-node|restart-node DIR a|b|c | upstream DIR NODE..." >&2
  exit 2
}
[ -n "$command" ] && [ -n "$dir" ] || usage
nodes=(a b c)
nginx_bin=${PORTAL_NGINX:-/usr/sbin/nginx}
# PORTAL_CLUSTER_APP names another build of the portal (the tests use their Debug build).
app=${PORTAL_CLUSTER_APP:-$repo/Portal/bin/Release/net10.0/Portal.dll}
admin_email=admin@cluster.contoh.go.id

free_port() {
  local port
  while true; do
    port=$(shuf -i 20000-60000 -n 1)
    # Nothing listens there now (the tiny race with another program is accepted on a test machine).
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
}

running() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# SIGTERM (or the given signal), wait up to 20 s, then SIGKILL: by PID, never by name.
stop_pid() {
  local pidfile=$1 signal=${2:-TERM} pid
  [ -f "$pidfile" ] || return 0
  pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    kill "-$signal" "$pid" 2>/dev/null || true
    for _ in $(seq 1 200); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
}

# The settings every node shares; each node adds its name, port and data folder.
node_environment() {
  local node=$1 port
  port=$(cat "$dir/node-$node.port")
  export ASPNETCORE_ENVIRONMENT=Production
  export ASPNETCORE_URLS="http://127.0.0.1:$port"
  export DOTNET_NOLOGO=1
  export Portal__Database__Provider=PostgreSql
  ConnectionStrings__Portal="$(cat "$dir/connection-string")"
  export ConnectionStrings__Portal
  export Portal__DataPath="$dir/node-$node"
  export Portal__UploadsPath="$dir/uploads"
  export Portal__Node__Name="$node"
  export Portal__Site__PublicBaseUrl="http://127.0.0.1:$(cat "$dir/nginx.port")"
  # One client address (loopback) stands for hundreds of people in the benchmark.
  local limit
  for limit in SignInsPerMinute RegistrationsPerHour PasswordResetsPerHour \
      EmailsPerAddressPerHour ApplicationsPerHour ProfileSavesPerHour SearchesPerMinute UploadsPerMinute; do
    export "Portal__RateLimits__$limit=1000000"
  done
}

start_node() {
  local node=$1
  mkdir -p "$dir/node-$node"
  (
    node_environment "$node"
    cd "$repo"
    exec dotnet "$app" >>"$dir/node-$node.log" 2>&1 </dev/null
  ) &
  echo $! >"$dir/node-$node.pid"
}

wait_healthy() {
  local node=$1 port
  port=$(cat "$dir/node-$node.port")
  for _ in $(seq 1 1200); do
    if ! running "$dir/node-$node.pid"; then
      echo "Node $node stopped while starting; the end of $dir/node-$node.log:" >&2
      tail -n 20 "$dir/node-$node.log" >&2
      return 1
    fi
    if curl -fsS -o /dev/null "http://127.0.0.1:$port/healthz" 2>/dev/null; then
      return 0
    fi
    sleep 0.1
  done
  echo "Node $node did not answer /healthz within 120 s (log: $dir/node-$node.log)" >&2
  return 1
}

write_upstream() {
  local node
  {
    echo "# Written by tools/cluster/cluster.sh: the nodes nginx round-robins over."
    echo "upstream portal_nodes {"
    for node in "$@"; do
      echo "    server 127.0.0.1:$(cat "$dir/node-$node.port");"
    done
    echo "    keepalive 64;"
    echo "}"
  } >"$dir/upstream.conf"
}

write_nginx_config() {
  local user=""
  [ "$(id -u)" -eq 0 ] && user="user www-data;"
  cat >"$dir/nginx.conf" <<EOF
# Written by tools/cluster/cluster.sh: nginx in front of the cluster's nodes, on loopback, with
# everything (pid, logs, buffers) in $dir. Proxy headers as in deploy/nginx-portal.conf, without TLS.
$user
pid $dir/nginx.pid;
error_log $dir/nginx-error.log warn;
worker_processes auto;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $dir/nginx-temp/client_body;
    proxy_temp_path $dir/nginx-temp/proxy;
    fastcgi_temp_path $dir/nginx-temp/fastcgi;
    uwsgi_temp_path $dir/nginx-temp/uwsgi;
    scgi_temp_path $dir/nginx-temp/scgi;
    client_max_body_size 9m;
    keepalive_requests 1000000;
    include $dir/upstream.conf;
    server {
        listen 127.0.0.1:$(cat "$dir/nginx.port");
        server_tokens off;
        gzip off;
        proxy_http_version 1.1;
        proxy_set_header Connection "";
        proxy_set_header Host \$http_host;
        proxy_set_header X-Forwarded-For \$remote_addr;
        proxy_set_header X-Forwarded-Proto \$scheme;
        proxy_set_header X-Forwarded-Host "";
        proxy_set_header Forwarded "";
        # Which node answered: the benchmark checks that a session holds across all of them.
        add_header X-Portal-Upstream \$upstream_addr always;
        location / {
            proxy_pass http://portal_nodes;
        }
    }
}
EOF
}

print_status() {
  local node
  echo "nginx       http://127.0.0.1:$(cat "$dir/nginx.port")  (PID $(cat "$dir/nginx.pid" 2>/dev/null || echo -))"
  for node in "${nodes[@]}"; do
    local state=stopped
    running "$dir/node-$node.pid" && state="PID $(cat "$dir/node-$node.pid")"
    echo "node $node      http://127.0.0.1:$(cat "$dir/node-$node.port")  ($state, log $dir/node-$node.log)"
  done
  echo "PostgreSQL  127.0.0.1:$(sed -n 's/.*Port=\([0-9]*\).*/\1/p' "$dir/connection-string")  (PID $(cat "$dir/postgres.pid"); connection string in $dir/connection-string)"
  echo "Staff       $admin_email, role Admin; password generated into $dir/admin-password"
}

up() {
  [ -f "$app" ] || { echo "No $app: build first (dotnet build -c Release Portal)." >&2; exit 1; }
  if [ -e "$dir" ] && [ -n "$(ls -A "$dir" 2>/dev/null)" ]; then
    echo "$dir is not empty: a cluster may run there (tools/cluster/cluster.sh down $dir)." >&2
    exit 1
  fi
  local packages=()
  [ -x "$nginx_bin" ] || packages+=(nginx)
  command -v curl >/dev/null 2>&1 || packages+=(curl)
  "$repo/deploy/install-packages.sh" "tools/cluster/cluster.sh" "${packages[@]}"

  mkdir -p "$dir" "$dir/uploads" "$dir/nginx-temp"
  dir="$(cd "$dir" && pwd)"
  # A start that fails half-way stops what it started.
  trap 'echo "The cluster did not start; stopping what did." >&2; down' EXIT
  # nginx's workers (www-data when started as root) and PostgreSQL (postgres) must reach DIR.
  chmod 755 "$dir"
  chmod a+x "$(dirname "$dir")"

  echo "Starting PostgreSQL…"
  PORTAL_PG_DURABLE=1 "$repo/tools/postgres/throwaway.sh" start "$dir/postgres" >"$dir/connection-string"
  chmod 600 "$dir/connection-string"
  head -n 1 "$dir/postgres/data/postmaster.pid" >"$dir/postgres.pid"

  local node
  for node in "${nodes[@]}"; do
    free_port >"$dir/node-$node.port"
  done
  free_port >"$dir/nginx.port"

  # The staff account, made by the portal's own command (which also creates the schema, before
  # three nodes start at once). The password never appears on a command line.
  head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' >"$dir/admin-password"
  chmod 600 "$dir/admin-password"
  (
    node_environment a
    cd "$repo"
    PORTAL_ADMIN_PASSWORD="$(cat "$dir/admin-password")" dotnet "$app" admin create --email "$admin_email" >"$dir/admin-create.log" 2>&1
  ) || { echo "Creating the staff account failed:" >&2; cat "$dir/admin-create.log" >&2; exit 1; }

  # Node a first: it imports content/ alone; b and c then find it imported.
  echo "Starting node a…"
  start_node a
  wait_healthy a
  echo "Starting nodes b and c…"
  start_node b
  start_node c
  wait_healthy b
  wait_healthy c

  write_upstream "${nodes[@]}"
  write_nginx_config
  "$nginx_bin" -t -q -c "$dir/nginx.conf" -p "$dir" -e "$dir/nginx-error.log" 2>>"$dir/nginx-error.log" \
    || { echo "nginx refused $dir/nginx.conf:" >&2; cat "$dir/nginx-error.log" >&2; exit 1; }
  # Foreground master (daemon off) in the background: $! is the master's PID, as in nginx.pid.
  "$nginx_bin" -c "$dir/nginx.conf" -p "$dir" -e "$dir/nginx-error.log" -g "daemon off;" </dev/null >>"$dir/nginx-error.log" 2>&1 &
  echo $! >"$dir/nginx.pid"
  for _ in $(seq 1 100); do
    curl -fsS -o /dev/null "http://127.0.0.1:$(cat "$dir/nginx.port")/healthz" 2>/dev/null && break
    sleep 0.1
  done
  curl -fsS -o /dev/null "http://127.0.0.1:$(cat "$dir/nginx.port")/healthz" \
    || { echo "nginx does not answer (log: $dir/nginx-error.log)" >&2; exit 1; }

  {
    echo "NGINX_URL=http://127.0.0.1:$(cat "$dir/nginx.port")"
    for node in "${nodes[@]}"; do
      echo "NODE_${node^^}_URL=http://127.0.0.1:$(cat "$dir/node-$node.port")"
    done
    echo "ADMIN_EMAIL=$admin_email"
  } >"$dir/cluster.env"
  trap - EXIT
  echo "Cluster up in $dir:"
  print_status
}

down() {
  [ -d "$dir" ] || return 0
  stop_pid "$dir/nginx.pid" QUIT
  local node
  for node in "${nodes[@]}"; do
    stop_pid "$dir/node-$node.pid"
  done
  "$repo/tools/postgres/throwaway.sh" stop "$dir/postgres"
  rm -f "$dir/postgres.pid"
  rm -rf "$dir"
}

node_argument() {
  case "${1:-}" in
    a|b|c) ;;
    *) usage ;;
  esac
  [ -f "$dir/node-$1.port" ] || { echo "No cluster in $dir" >&2; exit 1; }
}

case "$command" in
  up) up ;;
  down) down ;;
  status) print_status ;;
  kill-node)
    node_argument "${3:-}"
    stop_pid "$dir/node-$3.pid" KILL
    ;;
  restart-node)
    node_argument "${3:-}"
    stop_pid "$dir/node-$3.pid"
    start_node "$3"
    wait_healthy "$3"
    echo "Node $3 answers /healthz (PID $(cat "$dir/node-$3.pid"))"
    ;;
  upstream)
    shift 2
    [ $# -gt 0 ] || usage
    for node in "$@"; do node_argument "$node"; done
    write_upstream "$@"
    # SIGHUP: nginx rereads its configuration; new workers use the new upstream.
    kill -HUP "$(cat "$dir/nginx.pid")"
    ;;
  *) usage ;;
esac
