#!/usr/bin/env bash
# start-rabbitmq.sh — a RabbitMQ 3.10 node (Debian's rabbitmq-server) as plain background processes
# on loopback, all state in one folder. Normally run by `./mosmos services up`.
#
# Usage: start-rabbitmq.sh --dir DIR [--fresh] [--timeout S]
#   --dir DIR     state folder: config, cookie, database, logs, pids, CLI wrappers, connection.env
#   --fresh       wipe the database first (the caller stops a running node before)
#   --timeout S   readiness timeout in seconds [$MOSMOS_RABBITMQ_START_TIMEOUT or 180; boot takes 6-70 s]
# Environment (defaults in brackets):
#   MOSMOS_RABBITMQ_PASSWORD (required)  MOSMOS_RABBITMQ_USER [mosmos]  MOSMOS_RABBITMQ_VHOST [mosmos]
#   MOSMOS_RABBITMQ_PORT [25680] (AMQP)  MOSMOS_RABBITMQ_DIST_PORT [25681]  MOSMOS_RABBITMQ_EPMD_PORT [24369]
#   MOSMOS_RABBITMQ_CLI_PORTS [25683-25693] (rabbitmqctl's own listener; default would be 35672-35682)
#   MOSMOS_RABBITMQ_NODE [mosmos@localhost]
#   MOSMOS_RABBITMQ_EXTRA_CONF (a file of rabbitmq.conf lines appended to the generated ones, e.g. a TLS listener)
#
# Management is off (its stats collector adds 5 s to every stop). The user and vhost are created on
# the first boot of an empty database (default_* keys); there is no "/" vhost and no guest user.
# For CLI use DIR/bin/rabbitmqctl, rabbitmq-diagnostics …: they source DIR/env.sh, which changes
# HOME (the Erlang cookie lives there), so never source env.sh in a shell that later runs dotnet.
# Idempotent; writes DIR/connection.env (mode 600). Stop with stop-rabbitmq.sh --dir DIR.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
log() { echo "start-rabbitmq: $*" >&2; }

DIR=
FRESH=0
TIMEOUT=${MOSMOS_RABBITMQ_START_TIMEOUT:-180}
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) DIR=$2; shift 2;;
    --fresh) FRESH=1; shift;;
    --timeout) TIMEOUT=$2; shift 2;;
    -h|--help) sed -n '2,22p' "$0"; exit 0;;
    *) log "unknown option $1"; exit 2;;
  esac
done
[ -n "$DIR" ] || { log "--dir is required"; exit 2; }
AMQP_PORT=${MOSMOS_RABBITMQ_PORT:-25680}
DIST_PORT=${MOSMOS_RABBITMQ_DIST_PORT:-25681}
EPMD_PORT=${MOSMOS_RABBITMQ_EPMD_PORT:-24369}
CLI_PORTS=${MOSMOS_RABBITMQ_CLI_PORTS:-25683-25693}
NODE=${MOSMOS_RABBITMQ_NODE:-mosmos@localhost}
RUSER=${MOSMOS_RABBITMQ_USER:-mosmos}
RPASS=${MOSMOS_RABBITMQ_PASSWORD:?MOSMOS_RABBITMQ_PASSWORD must be set}
VHOST=${MOSMOS_RABBITMQ_VHOST:-mosmos}
RMQ_BIN=/usr/lib/rabbitmq/bin   # the real scripts; /usr/sbin/rabbitmq-server would su to user rabbitmq

apt_install rabbitmq-server

mkdir -p "$DIR"
DIR=$(cd "$DIR" && pwd)
mkdir -p "$DIR/home" "$DIR/mnesia" "$DIR/log" "$DIR/plugins-expand" "$DIR/bin"
chmod 700 "$DIR"
# server and CLI share the Erlang cookie through HOME=DIR/home (the caller's own is never touched)
if [ ! -s "$DIR/home/.erlang.cookie" ]; then
  (umask 077; head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' | tr 'a-f' 'A-F' > "$DIR/home/.erlang.cookie")
  chmod 400 "$DIR/home/.erlang.cookie"
fi
: > "$DIR/rabbitmq-env.conf"   # keeps /etc/rabbitmq/rabbitmq-env.conf out
cat > "$DIR/env.sh" <<EOF
# the environment of this node's server and CLI; sourced by DIR/bin/* (it changes HOME)
export PATH=$RMQ_BIN:\$PATH
export HOME=$DIR/home
export RABBITMQ_NODENAME=$NODE
export RABBITMQ_USE_LONGNAME=false
export RABBITMQ_DIST_PORT=$DIST_PORT
export RABBITMQ_CTL_DIST_PORT_MIN=${CLI_PORTS%-*}
export RABBITMQ_CTL_DIST_PORT_MAX=${CLI_PORTS#*-}
export ERL_EPMD_ADDRESS=127.0.0.1
export ERL_EPMD_PORT=$EPMD_PORT
export RABBITMQ_CONFIG_FILE=$DIR/rabbitmq.conf
export RABBITMQ_CONF_ENV_FILE=$DIR/rabbitmq-env.conf
export RABBITMQ_ENABLED_PLUGINS_FILE=$DIR/enabled_plugins
export RABBITMQ_MNESIA_BASE=$DIR/mnesia
export RABBITMQ_LOG_BASE=$DIR/log
export RABBITMQ_PLUGINS_EXPAND_DIR=$DIR/plugins-expand
export RABBITMQ_PID_FILE=$DIR/rabbitmq.pid
EOF
for t in rabbitmqctl rabbitmq-diagnostics rabbitmq-plugins rabbitmq-queues; do
  printf '#!/bin/sh\n. "%s/env.sh"\nexec %s/%s "$@"\n' "$DIR" "$RMQ_BIN" "$t" > "$DIR/bin/$t"
  chmod +x "$DIR/bin/$t"
done

write_env() {
  (umask 077; cat > "$DIR/connection.env" <<EOF
MOSMOS_RABBITMQ_HOST=127.0.0.1
MOSMOS_RABBITMQ_PORT=$AMQP_PORT
MOSMOS_RABBITMQ_VHOST=$VHOST
MOSMOS_RABBITMQ_USER=$RUSER
MOSMOS_RABBITMQ_PASSWORD=$RPASS
MOSMOS_RABBITMQ_CTL=$DIR/bin/rabbitmqctl
EOF
  )
}
# the credentials the database was created with (default_* apply to an empty database only)
CRED_MARK=$DIR/credentials.sha256
cred_hash() { printf '%s\n%s\n%s\n' "$RUSER" "$RPASS" "$VHOST" | sha256sum | cut -d' ' -f1; }
diag() { "$DIR/bin/rabbitmq-diagnostics" "$@"; }

# ---- already running? (the beam's command line carries "-home DIR/home"; the node name is not on it)
MARK="-home $DIR/home"
if [ -s "$DIR/rabbitmq.pid" ] && cmd_has "$(cat "$DIR/rabbitmq.pid")" "$MARK"; then
  if port_busy "$AMQP_PORT" && diag -q check_running > /dev/null 2>&1; then
    if [ -s "$CRED_MARK" ] && [ "$(cat "$CRED_MARK")" != "$(cred_hash)" ]; then
      log "the running node has other credentials: run ./mosmos services up --fresh"; exit 1
    fi
    log "already running (pid $(cat "$DIR/rabbitmq.pid"))"; write_env; exit 0
  fi
  log "node pid $(cat "$DIR/rabbitmq.pid") exists but is not running RabbitMQ: run ./mosmos services down first"
  exit 1
fi
if [ -s "$DIR/launcher.pid" ] && cmd_has "$(cat "$DIR/launcher.pid")" rabbitmq-server; then
  log "a launcher (pid $(cat "$DIR/launcher.pid")) from an earlier start is still up: run ./mosmos services down first"
  exit 1
fi
rm -f "$DIR/rabbitmq.pid" "$DIR/launcher.pid"   # stale
for p in "$AMQP_PORT" "$DIST_PORT"; do
  port_busy "$p" && { log "port $p is already in use by another process"; exit 1; }
done

# ---- config ----------------------------------------------------------------------------------------
if [ "$FRESH" = 1 ]; then rm -rf "$DIR/mnesia"/* "$DIR/log"/*; rm -f "$CRED_MARK"; fi
if [ -n "$(ls -A "$DIR/mnesia")" ] && [ -s "$CRED_MARK" ] && [ "$(cat "$CRED_MARK")" != "$(cred_hash)" ]; then
  log "the database in $DIR/mnesia was created with other credentials: run ./mosmos services up --fresh"; exit 1
fi
(umask 077; cat > "$DIR/rabbitmq.conf" <<EOF
listeners.tcp.default = 127.0.0.1:$AMQP_PORT
distribution.listener.interface = 127.0.0.1
distribution.listener.port_range.min = $DIST_PORT
distribution.listener.port_range.max = $DIST_PORT
default_vhost = $VHOST
default_user = $RUSER
default_pass = $RPASS
default_user_tags.administrator = true
default_permissions.configure = .*
default_permissions.read = .*
default_permissions.write = .*
log.console = false
log.file.level = info
EOF
)
if [ -n "${MOSMOS_RABBITMQ_EXTRA_CONF:-}" ]; then cat "$MOSMOS_RABBITMQ_EXTRA_CONF" >> "$DIR/rabbitmq.conf"; fi
echo '[].' > "$DIR/enabled_plugins"
# shellcheck disable=SC1091
. "$DIR/env.sh"   # this script runs no dotnet, so the changed HOME is harmless here

# ---- private epmd on loopback with a PID we own (a self-started epmd -daemon would outlive us) ----
if ! { [ -s "$DIR/epmd.pid" ] && cmd_has "$(cat "$DIR/epmd.pid")" "-port $EPMD_PORT"; }; then
  port_busy "$EPMD_PORT" && { log "epmd port $EPMD_PORT is already in use by another process"; exit 1; }
  setsid epmd -address 127.0.0.1 -port "$EPMD_PORT" > "$DIR/log/epmd.log" 2>&1 < /dev/null &
  echo $! > "$DIR/epmd.pid"
  for _ in $(seq 1 50); do port_busy "$EPMD_PORT" && break; sleep 0.1; done
fi

# ---- start the node: the launcher (sh) runs erl in the background and forwards SIGTERM ------------
T0=$(date +%s%N)
cd "$DIR"
setsid $RMQ_BIN/rabbitmq-server > "$DIR/log/server.stdout" 2>&1 < /dev/null &
LAUNCHER=$!
echo "$LAUNCHER" > "$DIR/launcher.pid"

# ---- wait: the AMQP port first, then one CLI check (each CLI call costs about 1 s of CPU) ---------
deadline=$(( $(date +%s) + TIMEOUT ))
fail() {
  log "$1; last log lines:"
  tail -n 15 "$DIR/log/$NODE.log" "$DIR/log/server.stdout" >&2 2> /dev/null || true
  if [ -s "$DIR/rabbitmq.pid" ] && alive "$(cat "$DIR/rabbitmq.pid")"; then kill -TERM "$(cat "$DIR/rabbitmq.pid")" 2> /dev/null || true; fi
  if alive "$LAUNCHER"; then kill -TERM "$LAUNCHER" 2> /dev/null || true; fi
  exit 1
}
until port_busy "$AMQP_PORT"; do
  alive "$LAUNCHER" || fail "rabbitmq-server exited during start-up"
  [ "$(date +%s)" -lt "$deadline" ] || fail "AMQP port $AMQP_PORT not open after ${TIMEOUT}s"
  sleep 0.2
done
until diag -q check_running > /dev/null 2>&1; do
  [ "$(date +%s)" -lt "$deadline" ] || fail "node not running after ${TIMEOUT}s"
  sleep 0.5
done
[ -s "$DIR/rabbitmq.pid" ] || fail "no pid file written by the node"
[ -s "$CRED_MARK" ] || cred_hash > "$CRED_MARK"
write_env
log "ready in $(( ($(date +%s%N) - T0) / 1000000 )) ms (beam pid $(cat "$DIR/rabbitmq.pid"), amqp $AMQP_PORT)"
